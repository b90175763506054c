"""Copy a workshop between backends (file <-> PostgreSQL) with nothing lost, and list workshops."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from ..errors import WorkshopFileError, one_line
from . import postgres
from .schema import _read_all, columns, insert_sql
from .store import (
    BUSY_TIMEOUT_MS,
    SCHEMA_VERSION,
    _begin_read,
    _check_path,
    _db_errors,
    _inspect,
    exists,
    load,
    location_of,
    open_store,
    save,
)

HISTORY_COLS = ("seq", "at", "entity", "entity_id", "action", "data")


def _reader(where: Path | postgres.PgLocation) -> Any:
    """A read-only connection to a workshop, in one snapshot."""
    if isinstance(where, postgres.PgLocation):
        postgres.inspect(where, SCHEMA_VERSION)
        conn = postgres.PgConnection(where, schema=where.schema)
    else:
        _check_path(where)
        _inspect(where)
        conn = sqlite3.connect(f"{where.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    _begin_read(conn)
    return conn


DAY_COLS = ("id", "kind", "team_id", "ref", "author", "data", "at")  # the workshop day's rows (day/record.py)


# the mid-quarter review's rows (day/midquarter.py), schema 3
REVIEW_COLS = ("id", "objective_id", "on_date", "worked", "learned", "verdict", "author", "recorded_at")


def _has_day(conn: Any, table: str = "day_item") -> bool:
    """Whether the workshop has the day's table (a schema-1 file opened read-only has not), or ``table``."""
    if isinstance(conn, postgres.PgConnection):
        return bool(conn.execute(f"SELECT to_regclass('{table}') IS NOT NULL").fetchone()[0])
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone() is not None


def copy(src: str | os.PathLike, dest: str | os.PathLike) -> Path | postgres.PgLocation:
    """Copy the workshop at ``src`` to a new ``dest`` (file path or postgresql:// URL), with its whole history.

    The copy holds the same rows (deleted check-ins, the workshop day's items and the
    mid-quarter reviews too), the same history (same sequence numbers, times and data) and the
    same revision; it is a new workshop of its own, so a copy loaded from ``src`` cannot be
    saved over ``dest`` by mistake. ``dest`` must not exist.
    """
    src_at, dest_at = location_of(src), location_of(dest)
    if exists(dest_at):
        raise WorkshopFileError(f"{dest_at}: already exists; choose another name or delete it first").coded(
            "file.exists", path=dest_at
        )
    conn = _reader(src_at)
    try:
        ws = _read_all(conn, src_at)
        history = conn.execute(f"SELECT {','.join(HISTORY_COLS)} FROM history ORDER BY seq").fetchall()
        check_in_cols = (*columns("check_in"), "deleted_at")
        deleted = conn.execute(
            f"SELECT {','.join(check_in_cols)} FROM check_in WHERE deleted_at IS NOT NULL"
        ).fetchall()
        revision = conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0]
        day = (
            conn.execute(f"SELECT {','.join(DAY_COLS)} FROM day_item ORDER BY at, rowid").fetchall()
            if _has_day(conn)
            else []
        )
        reviews = (
            conn.execute(f"SELECT {','.join(REVIEW_COLS)} FROM objective_review ORDER BY on_date, id").fetchall()
            if _has_day(conn, "objective_review")
            else []
        )
    except _db_errors() as err:
        raise WorkshopFileError(f"{src_at}: could not be read ({one_line(err)})") from None
    finally:
        conn.close()
    save(ws, dest_at)
    try:
        with open_store(dest_at) as store, store.transaction() as out:
            out.executemany(insert_sql("check_in", check_in_cols), deleted)
            out.executemany(f"INSERT INTO history({','.join(HISTORY_COLS)}) VALUES (?,?,?,?,?,?)", history)
            out.executemany(f"INSERT INTO day_item({','.join(DAY_COLS)}) VALUES ({','.join('?' * len(DAY_COLS))})", day)
            marks = ",".join("?" * len(REVIEW_COLS))
            out.executemany(f"INSERT INTO objective_review({','.join(REVIEW_COLS)}) VALUES ({marks})", reviews)
            if isinstance(out, postgres.PgConnection):
                postgres.after_copy(out)
            out.execute("UPDATE meta SET value = ? WHERE key = 'revision'", (str(revision),))
    except BaseException:
        _remove(dest_at)  # all or nothing: no half copy stays behind
        raise
    return dest_at


def _remove(where: Path | postgres.PgLocation) -> None:
    if isinstance(where, postgres.PgLocation):
        postgres.drop(where)
    else:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{where}{suffix}").unlink(missing_ok=True)


def list_workshops(where: str | os.PathLike) -> list[dict[str, Any]]:
    """The workshops in a PostgreSQL database (URL), or the workshop files in a folder."""
    if postgres.is_url(where):
        return postgres.list_workshops(postgres.parse(where, workshop_required=False))
    folder = Path(where)
    if not folder.is_dir():
        raise WorkshopFileError(f"{folder}: is not a folder; give a folder of .okr files or a postgresql:// URL").coded(
            "list.not_folder", path=folder
        )
    out = []
    for path in sorted(folder.glob("*.okr")):
        try:
            ws = load(path)
        except WorkshopFileError:
            continue  # not a workshop: not listed
        out.append({"name": path.stem, "organisation": ws.organisation, "period": ws.period.label,
                    "revision": ws.loaded_from[4], "url": str(path)})  # fmt: skip
    return out
