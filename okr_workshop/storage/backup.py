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
from pathlib import Path

from ..errors import WorkshopFileError, one_line
from .outputs import OutputExistsError, atomic_path

# One step: the copy is read in one read transaction, a snapshot that writers in WAL mode never wait for.
# Copying in small steps restarted the copy from the start after every write by another connection, so
# a workshop being typed into could keep a backup busy for ever (and the file growing meanwhile).
PAGES_PER_STEP = -1
_EXISTS = "already exists; a backup never replaces a file, choose another name"


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
        raise WorkshopFileError(f"{target}: folder {target.parent} does not exist; create it first").coded(
            "file.no_folder", path=target, folder=target.parent
        )
    if target.exists() or target.is_symlink():
        raise WorkshopFileError(f"{target}: {_EXISTS}").coded("backup.exists", path=target)
    if target.resolve() == src.resolve():
        raise WorkshopFileError(f"{target}: is the workshop itself; choose another name for the backup").coded(
            "backup.itself", path=target
        )

    tmp = target  # until atomic_path names the private temporary file
    try:
        with atomic_path(target, replace=False) as tmp:  # published by a hard link: never over a file
            with reading(src) as source:
                copy = sqlite3.connect(str(tmp), isolation_level=None)
                try:
                    source.backup(copy, pages=PAGES_PER_STEP)
                    copy.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
                    verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
                finally:
                    copy.close()
            if verdict != "ok":
                raise WorkshopFileError(
                    f"{src}: the backup failed SQLite's integrity check ({verdict[:200]}); try again"
                )
    except OutputExistsError:
        _remove(tmp, target)
        raise WorkshopFileError(f"{target}: {_EXISTS}").coded("backup.exists", path=target) from None
    except sqlite3.Error as err:
        _remove(tmp, target)
        raise WorkshopFileError(_sqlite_problem(target, err, "the backup could not be written")) from None
    except OSError as err:
        _remove(tmp, target)
        raise WorkshopFileError(
            f"{target}: the backup could not be written ({one_line(err.strerror or err)}); is the disk full?"
        ) from None
    except BaseException:
        _remove(tmp, target)
        raise
    return target


def _remove(tmp: Path, target: Path) -> None:
    if tmp == target:  # no temporary file was made
        return
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
