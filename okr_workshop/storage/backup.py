"""Backups of a live workshop file with SQLite's online backup API.

Copying a workshop file with ``cp`` while the app runs can copy half a save:
the newest saves live in the ``-wal`` beside the file until SQLite moves them
in. ``backup`` reads one consistent snapshot through a read-only connection
(other kernels keep writing meanwhile), writes it to a private temporary file,
checks it, and only then gives it its name. An existing file is never
replaced.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
from pathlib import Path

from ..errors import WorkshopFileError, one_line

PAGES_PER_STEP = 256  # copy in steps so a large file does not hold one long read; writers never wait


def default_name(src: Path, now: dt.datetime | None = None) -> Path:
    """``<name>-YYYYmmdd-HHMMSS.okr`` next to the workshop file."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return src.with_name(f"{src.stem}-{stamp}.okr")


def backup(src: str | os.PathLike, dest: str | os.PathLike | None = None) -> Path:
    """Copy a workshop file, safely while others write to it; returns the backup's path.

    ``dest`` is a file name or a folder (default: next to ``src``, named by
    the time). The backup passes SQLite's integrity check before it gets its
    name; an existing ``dest`` is refused, so nothing is ever overwritten.
    """
    from .postgres import is_url, parse
    from .store import _check_path, _sqlite_problem, reading

    if is_url(src):  # a workshop on a server: a file copy with its whole history, in the current folder
        from .transfer import copy

        name = default_name(Path(parse(src).workshop + ".okr"))
        target = name if dest is None else Path(dest) / name if Path(dest).is_dir() else Path(dest)
        return copy(src, target)
    src = Path(src)
    _check_path(src)
    target = default_name(src) if dest is None else Path(dest)
    if target.is_dir():
        target = target / default_name(src).name
    if not target.parent.is_dir():
        raise WorkshopFileError(f"{target}: folder {target.parent} does not exist; create it first")
    if target.exists() or target.is_symlink():
        raise WorkshopFileError(f"{target}: already exists; a backup never replaces a file, choose another name")
    if target.resolve() == src.resolve():
        raise WorkshopFileError(f"{target}: is the workshop itself; choose another name for the backup")

    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with reading(src) as source:
            copy = sqlite3.connect(str(tmp), isolation_level=None)
            try:
                source.backup(copy, pages=PAGES_PER_STEP)
                copy.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
                verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                copy.close()
        if verdict != "ok":
            raise WorkshopFileError(f"{src}: the backup failed SQLite's integrity check ({verdict[:200]}); try again")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp made it private; give it the mode of any new file
        _publish(tmp, target)
    except sqlite3.Error as err:
        _remove(tmp)
        raise WorkshopFileError(_sqlite_problem(target, err, "the backup could not be written")) from None
    except OSError as err:
        _remove(tmp)
        raise WorkshopFileError(
            f"{target}: the backup could not be written ({one_line(err.strerror or err)}); is the disk full?"
        ) from None
    except BaseException:
        _remove(tmp)
        raise
    return target


def _publish(tmp: Path, target: Path) -> None:
    """Give the finished file its name without ever replacing one that appeared meanwhile."""
    try:
        os.link(tmp, target)  # fails with FileExistsError instead of overwriting
    except FileExistsError:
        raise WorkshopFileError(
            f"{target}: already exists; a backup never replaces a file, choose another name"
        ) from None
    except OSError:  # a file system without hard links (FAT on a USB stick): check, then rename
        if target.exists():
            raise WorkshopFileError(
                f"{target}: already exists; a backup never replaces a file, choose another name"
            ) from None
        os.rename(tmp, target)
        return
    tmp.unlink()


def _remove(tmp: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
