"""Output files: refuse to replace what must not be replaced, and write without following planted links.

Every file the commands write (exported JSON and workbooks, the report's
HTML, notebook and PDF, copied notebooks) goes through :func:`check_output`
first: the input workshop and any SQLite database are never replaced, and
another existing file only with ``--force``. Text is written by
:func:`write_text`: a fresh temporary file made with ``O_EXCL`` (never a
name someone could have planted a symlink at), then renamed over the target.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
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
            raise OutputExistsError(f"{path}: is the input {Path(given).name}; write the output to another name")
    if path.is_dir():
        raise OutputExistsError(f"{path}: is a folder; give a file name inside it")
    if not path.exists() and not path.is_symlink():
        return path
    if is_sqlite(path):
        raise OutputExistsError(
            f"{path}: is an SQLite database (a workshop file?); outputs never replace one, choose another name"
        )
    if not force:
        raise OutputExistsError(f"{path}: already exists; choose another name, or pass {flag} to replace it")
    if path.is_symlink():
        path.unlink()
    return path


def write_text(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` as UTF-8 under a fresh private temporary name, then rename it to ``path``."""
    path = Path(path)
    if not path.parent.is_dir():
        raise OkrWorkshopError(f"{path}: folder {path.parent} does not exist; create it first")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # O_EXCL, random name
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp made it private; give it the mode of any new file
        os.replace(tmp, path)  # rename replaces a link at path, never writes through it
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
