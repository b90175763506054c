"""Output files: refuse to replace what must not be replaced, and write without following planted links.

Every file the commands write (exported JSON and workbooks, the report's
HTML, notebook and PDF, copied notebooks) goes through :func:`check_output`
first: the input workshop and any SQLite database are never replaced, and
another existing file only with ``--force``. Every file the toolkit writes is
written through :func:`atomic_path` (or :func:`write_text`/:func:`write_bytes`
on top of it): a fresh temporary file made with ``O_EXCL`` (never a name
someone could have planted a symlink at), given the normal file mode, then
renamed over the target.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import OkrWorkshopError

SQLITE_MAGIC = b"SQLite format 3\x00"


class OutputExistsError(OkrWorkshopError):
    """An output file exists already and may not (or not without --force) be replaced."""


def is_sqlite(path: Path) -> bool:
    """True when ``path`` is a regular file that starts like an SQLite database."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output(
    path: str | os.PathLike, *, force: bool = False, inputs: Iterable[str | os.PathLike] = (), flag: str = "--force"
) -> Path:
    """Refuse, in one line, an output that would replace an input, an SQLite file, or (without force) any file.

    With ``force`` an existing symlink at ``path`` is removed, so the new file
    replaces the link and nothing is ever written through it.
    """
    path = Path(path)
    for given in inputs:
        if _same(path, Path(given)) or path.resolve() == Path(given).resolve():
            raise OutputExistsError(f"{path}: is the input {Path(given).name}; write the output to another name").coded(
                "output.is_input", path=path, name=Path(given).name
            )
    if path.is_dir():
        raise OutputExistsError(f"{path}: is a folder; give a file name inside it").coded("output.folder", path=path)
    if not path.exists() and not path.is_symlink():
        return path
    if is_sqlite(path):
        raise OutputExistsError(
            f"{path}: is an SQLite database (a workshop file?); outputs never replace one, choose another name"
        ).coded("output.sqlite", path=path)
    if not force:
        raise OutputExistsError(f"{path}: already exists; choose another name, or pass {flag} to replace it").coded(
            "output.exists", path=path, flag=flag
        )
    if path.is_symlink():
        path.unlink()
    return path


@contextmanager
def atomic_path(path: str | os.PathLike, *, replace: bool = True, mode: int | None = None) -> Iterator[Path]:
    """A fresh private temporary file beside ``path`` to write; on success it becomes ``path``.

    The temporary name is made with ``O_EXCL`` (never one someone could have planted a symlink at);
    after the block it gets the mode any new file gets (the umask's, not mkstemp's private 0600) or ``mode``
    (0o600 for a file of secrets, private while it is written too), and is
    renamed over ``path`` (a rename replaces a link at ``path``, never writes through it). With
    ``replace=False`` it is hard-linked instead, so a file that appeared at ``path`` meanwhile is never
    replaced (:class:`OutputExistsError`). On any error the temporary file is removed and ``path`` is as it was.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise OkrWorkshopError(f"{path}: folder {path.parent} does not exist; create it first").coded(
            "file.no_folder", path=path, folder=path.parent
        )
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # O_EXCL, random name
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask() if mode is None else mode)
        if replace:
            os.replace(tmp, path)
        else:
            _publish(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _publish(tmp: Path, path: Path) -> None:
    exists = OutputExistsError(f"{path}: already exists; it is never replaced, choose another name")
    try:
        os.link(tmp, path)  # fails with FileExistsError instead of overwriting
    except FileExistsError:
        raise exists from None
    except OSError:  # a file system without hard links (FAT on a USB stick): check, then rename
        if path.exists() or path.is_symlink():
            raise exists from None
        os.rename(tmp, path)


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` under a fresh private temporary name, flush it to disk, then rename it to ``path``."""
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return Path(path)


def write_text(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` as UTF-8 (newlines as given) the way :func:`write_bytes` writes bytes."""
    return write_bytes(path, text.encode("utf-8"))


def _umask() -> int:
    """The process's umask, read without changing it where the system allows (other threads create files too)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    umask = os.umask(0o022)
    os.umask(umask)
    return umask
