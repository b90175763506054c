"""The workshop store: one SQLite file per workshop, or a workshop in a PostgreSQL database.

A path (or ``sqlite:///path``) is a file; a ``postgresql://HOST/DATABASE/WORKSHOP``
URL is a workshop on a server (``postgres.py``: one schema per workshop, the same
tables and SQL). The code below is written once, for both: the connection
object hides the few differences (placeholders, how a write transaction locks).

WAL mode lets several kernels (one per team, plus the facilitator) write the
same file at once; every write is one short ``BEGIN IMMEDIATE`` transaction,
so a save that returned is on disk and a killed process loses nothing that
was saved. A file is validated read-only before it is ever opened for
writing, so a file that is not a workshop is never modified.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import random
import sqlite3
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import ConflictError, DeletedElsewhereError, NotFoundError, ValidationError, WorkshopFileError, one_line
from ..model import registry
from ..model.entities import CheckIn, KeyResult, Objective, Team, Workshop
from ..model.serial import check_in_to_dict, key_result_to_dict, objective_to_dict, team_to_dict
from . import postgres
from .fields import PARENT, Conflict, FieldSave, column, editable, entity_of, fields_of, read_row, read_team, same
from .outputs import atomic_path
from .schema import (
    DAY_SCHEMA,
    REVIEW_SCHEMA,
    _check_in_row,
    _insert_all,
    _kr_row,
    _now,
    _objective_row,
    _read_all,
    _team_row,
    columns,
    insert_sql,
    schema,
)

log = logging.getLogger("okr_workshop")

APPLICATION_ID = 0x4F4B5257  # "OKRW" in the SQLite header: marks our files
SCHEMA_VERSION = 3
BUSY_TIMEOUT_MS = 60_000

# MIGRATIONS[n] upgrades a file from schema n to n + 1 (SQL script or callable).
MIGRATIONS: dict[int, Any] = {1: DAY_SCHEMA, 2: REVIEW_SCHEMA}


def entity(kind: str) -> Any:
    """The field registry's declaration of ``kind`` (``model.fields``, imported on first use)."""
    return registry()[kind]


def _db_errors() -> tuple[type[BaseException], ...]:
    """The database errors of both backends (psycopg's only once it is imported)."""
    return (sqlite3.Error, *postgres.errors())


def location_of(path: str | os.PathLike | postgres.PgLocation) -> Path | postgres.PgLocation:
    """A file path, or the parsed ``postgresql://`` URL of a workshop on a server."""
    if postgres.is_url(path):
        return postgres.parse(path)
    if isinstance(path, str) and path.startswith("sqlite:///"):
        return Path(path[len("sqlite:///") - 1 :] if path.startswith("sqlite:////") else path[len("sqlite:///") :])
    return Path(path)


def exists(path: str | os.PathLike | postgres.PgLocation) -> bool:
    """Whether a workshop file (or a workshop of that name on the server) exists."""
    where = location_of(path)
    if isinstance(where, Path):
        return where.exists()
    conn = postgres.PgConnection(where)
    try:
        return postgres.schema_exists(conn, where.schema)
    finally:
        conn.close()


def _begin_write(conn: Any) -> None:
    """SQLite: BEGIN IMMEDIATE; PostgreSQL: BEGIN and lock the workshop's revision row. Writers queue.

    SQLite's own busy handler backs off to sleeps of 100 ms, so with many writers at once (ten
    teams in a workshop day) a write waited far longer than the writes ahead of it took; here a
    locked file is retried every 0.5–2 ms until ``BUSY_TIMEOUT_MS`` (benchmarks/bench_day.py).
    """
    if isinstance(conn, postgres.PgConnection):
        conn.begin_write()
        return
    conn.execute("PRAGMA busy_timeout = 0")
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) or time.monotonic() > deadline:
                    raise
                time.sleep(random.uniform(0.0005, 0.002))  # jitter: waiting writers do not retry in step
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _commit(conn: Any, bump: bool) -> None:
    """Count the write in the revision (when something changed) and commit."""
    if bump:
        conn.execute("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'revision'")
    conn.execute("COMMIT")


def _begin_read(conn: Any) -> None:
    """One consistent snapshot while others write."""
    if isinstance(conn, postgres.PgConnection):
        conn.begin_read()
    else:
        conn.execute("BEGIN")


# --------------------------------------------------------------------------- validation


def _check_path(path: Path) -> None:
    """Refuse, without touching it, anything that is not an existing, non-empty file.

    The file is never opened with ``open()``: closing any descriptor of a database file
    drops every POSIX lock this process holds on it, so another process could delete the
    -wal that an open connection here still writes into. SQLite itself (``_inspect``) tells
    a foreign file from a workshop.
    """
    if not path.exists():
        raise WorkshopFileError(f"{path}: no such file; create one with `okr-workshop new NAME --out {path}`").coded(
            "file.missing", path=path
        )
    if path.is_dir():
        raise WorkshopFileError(f"{path}: is a folder, not a workshop file; give the path of a .okr file").coded(
            "file.folder", path=path
        )
    try:
        size = path.stat().st_size
    except OSError as err:
        raise WorkshopFileError(f"{path}: cannot be read ({err.strerror}); check its permissions").coded(
            "file.unreadable", path=path, reason=err.strerror
        ) from None
    if not size:
        raise WorkshopFileError(f"{path}: is empty, not a workshop file; create one with `okr-workshop new`").coded(
            "file.empty", path=path
        )
    if size < 100:  # shorter than SQLite's file header, which SQLite itself would read as an empty database
        raise WorkshopFileError(f"{path}: is not a workshop file (not an SQLite database)").coded(
            "file.not_sqlite", path=path
        )


def _inspect(path: Path) -> int:
    """Open read-only and return the schema version; raise if not ours, corrupt or too new."""
    conn = _open_read_only(path)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise WorkshopFileError(f"{path}: is an SQLite database but not an okr-workshop file").coded(
                "file.not_workshop", path=path
            )
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.OperationalError as err:
            if _error_kind(err) != "other":  # a locked, unreadable or full disk is not a damaged file
                raise
            row = None
        if row is None:
            raise WorkshopFileError(f"{path}: has no okr-workshop schema version; the file is damaged").coded(
                "file.no_schema", path=path
            )
        try:
            version = int(str(row[0]).strip())
        except ValueError:
            raise WorkshopFileError(
                f"{path}: its schema version {str(row[0])[:20]!r} is not a whole number; the file is damaged,"
                " restore it from a backup"
            ).coded("file.bad_schema", path=path, version=repr(str(row[0])[:20])) from None
        if version > SCHEMA_VERSION:
            raise WorkshopFileError(
                f"{path}: was written by a newer okr-workshop (schema {version}, this one reads {SCHEMA_VERSION});"
                " upgrade with `pip install -U okr-workshop`"
            ).coded("file.too_new", path=path, version=version, supported=SCHEMA_VERSION)
        return version
    except sqlite3.DatabaseError as err:
        raise _sqlite_error(path, err, "not a workshop file") from None
    finally:
        conn.close()


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that can never write the workshop file, its -wal or its -shm contents back.

    ``mode=ro`` sees other kernels' committed saves through the -wal; a read-only
    connection never checkpoints, so a stale -wal beside a restored backup is
    not written into it. Where the folder is read-only (a USB stick, a mounted
    share) and no -wal/-shm exists, no writer can exist either: ``immutable=1``
    reads the file without the -shm SQLite could not create there.
    """
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            conn.execute("PRAGMA schema_version").fetchone()  # opens the file, its -wal and -shm
        except sqlite3.DatabaseError as err:
            conn.close()
            side_files = any(Path(f"{path}{s}").exists() for s in ("-wal", "-shm"))
            if side_files or _error_kind(err) not in ("read-only", "cannot-open"):
                raise
            conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
            conn.execute("PRAGMA schema_version").fetchone()
        return conn
    except sqlite3.DatabaseError as err:
        raise _sqlite_error(path, err, "cannot be opened") from None


def _error_kind(err: sqlite3.Error) -> str:
    """What an SQLite error is about: corrupt, full, read-only, cannot-open, io, busy or other."""
    name = getattr(err, "sqlite_errorname", "") or ""
    for prefix, kind in (
        ("SQLITE_CORRUPT", "corrupt"), ("SQLITE_NOTADB", "not-a-database"), ("SQLITE_FULL", "full"),
        ("SQLITE_READONLY", "read-only"), ("SQLITE_CANTOPEN", "cannot-open"), ("SQLITE_PERM", "read-only"),
        ("SQLITE_IOERR", "io"), ("SQLITE_BUSY", "busy"), ("SQLITE_LOCKED", "busy"),
    ):  # fmt: skip
        if name.startswith(prefix):
            return kind
    return "other"


def _sqlite_error(path: Path, err: sqlite3.Error, otherwise: str) -> WorkshopFileError:
    """``_sqlite_problem`` as an error; a file that is no database at all has a code (told in the reader's language)."""
    error = WorkshopFileError(_sqlite_problem(path, err, otherwise))
    return error.coded("file.not_sqlite", path=path) if _error_kind(err) == "not-a-database" else error


def _sqlite_problem(path: Path, err: sqlite3.Error, otherwise: str) -> str:
    """A one-line message that says what went wrong, by SQLite's error code (never "corrupt" for a full disk)."""
    detail = one_line(err)
    kind = _error_kind(err)
    if kind == "not-a-database":
        return f"{path}: is not a workshop file (not an SQLite database)"
    if kind == "corrupt":
        return f"{path}: is corrupt or not a workshop file ({detail}); restore it from a backup"
    if kind == "full":
        return f"{path}: the disk is full ({detail}); free some space and try again"
    if kind in ("read-only", "cannot-open"):
        return (
            f"{path}: cannot be opened here ({detail}): the disk or folder is read-only, or the -wal/-shm files"
            " beside it belong to another user; run as that user, or copy the workshop with `okr-workshop backup`"
        )
    if kind == "io":
        return f"{path}: the disk reported an input/output error ({detail}); check the disk, then try again"
    if kind == "busy":
        return f"{path}: is locked by another program ({detail}); try again when it has finished"
    return f"{path}: {otherwise} ({detail})"


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def _create(conn: sqlite3.Connection, ws: Workshop, file_id: str) -> None:
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.executescript(schema())
    conn.execute("BEGIN")
    _write_meta(conn, file_id)
    conn.execute("COMMIT")


def _write_meta(conn: Any, file_id: str) -> None:
    from .. import __version__

    conn.executemany(
        "INSERT INTO meta(key, value) VALUES (?, ?)",
        [("format", "okr-workshop"), ("schema_version", str(SCHEMA_VERSION)), ("created_by", __version__),
         ("revision", "0"), ("file_id", file_id)],
    )  # fmt: skip


def _save_new_pg(ws: Workshop, where: postgres.PgLocation) -> postgres.PgLocation:
    """Create a workshop on the server: its schema, tables and rows in one transaction (all or nothing)."""
    file_id = uuid.uuid4().hex
    conn = postgres.PgConnection(where)
    try:
        conn.execute("BEGIN")
        conn.execute(f'CREATE SCHEMA "{where.schema}"')
        conn.execute(f'SET LOCAL search_path TO "{where.schema}"')
        conn.executescript(postgres.schema_sql(schema()))
        _write_meta(conn, file_id)
        _insert_all(conn, ws)
        conn.execute("COMMIT")
    except _db_errors() as err:
        raise WorkshopFileError(f"{where}: could not be written ({one_line(err)}); nothing was saved") from None
    finally:
        conn.close()  # an open transaction is rolled back
    ws.loaded_from = _identity(where, file_id, 0)
    return where


# --------------------------------------------------------------------------- whole-file API


def save(ws: Workshop, path: str | os.PathLike, *, replace: bool = False) -> Path:
    """Write the whole workshop: create the file, or replace the contents of an existing one.

    A new file is written under a temporary name and renamed, so a crash never
    leaves half a file; an existing workshop file is replaced in one
    transaction. An existing file that is not a workshop is refused. An
    existing workshop file is replaced only when ``ws`` was loaded from (or
    saved to) that very file and nobody has written to it since; otherwise
    the save is refused (``ConflictError``), because replacing would erase
    what others saved. ``replace=True`` overwrites on purpose.
    """
    path = location_of(path)
    if exists(path):
        with open_store(path) as store:
            with store.transaction() as conn:  # the check and the replace are one transaction
                if not replace:
                    _check_unchanged(ws, path, conn)
                store.replace(ws)
            _remember(ws, path, store.conn)
        return path
    if isinstance(path, postgres.PgLocation):
        return _save_new_pg(ws, path)
    if not path.parent.is_dir():
        raise WorkshopFileError(f"{path}: folder {path.parent} does not exist; create it first").coded(
            "file.no_folder", path=path, folder=path.parent
        )
    file_id = uuid.uuid4().hex
    tmp_path = path  # until atomic_path names the private temporary file
    try:
        with atomic_path(path) as tmp_path:  # private until complete; then the normal mode, then renamed
            conn = sqlite3.connect(str(tmp_path), isolation_level=None)
            try:
                _create(conn, ws, file_id)  # executescript commits on its own; the file is still private
                conn.execute("BEGIN")
                _insert_all(conn, ws)
                conn.execute("COMMIT")
                conn.execute("PRAGMA journal_mode = WAL")
            finally:
                conn.close()
        ws.loaded_from = _identity(path, file_id, 0)
    except (sqlite3.Error, OSError) as err:
        _remove_temp(tmp_path, path)
        raise WorkshopFileError(
            f"{path}: could not be written ({one_line(err)}); is the disk full? nothing was saved"
        ) from None
    except BaseException:
        _remove_temp(tmp_path, path)
        raise
    return path


def _identity(path: Path | postgres.PgLocation, file_id: str | None, revision: int) -> tuple:
    """Which file this is (path, device, inode, the random id written at creation) and its revision."""
    if isinstance(path, postgres.PgLocation):
        return (path.conninfo, path.schema, None, file_id, revision)
    st = path.stat()
    return (str(path.resolve()), st.st_dev, st.st_ino, file_id, revision)


def _file_identity(path: Path, conn: sqlite3.Connection) -> tuple:
    meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('file_id', 'revision')").fetchall())
    return _identity(path, meta.get("file_id"), int(meta["revision"]))


def _remember(ws: Workshop, path: Path, conn: sqlite3.Connection) -> None:
    """Note in ``ws`` which file (and which revision of it) this copy is, for ``save`` to check later."""
    ws.loaded_from = _file_identity(path, conn)


def _check_unchanged(ws: Workshop, path: Path, conn: sqlite3.Connection) -> None:
    """Refuse to replace ``path`` unless ``ws`` is a copy of it and the file has not changed since."""
    origin, current = ws.loaded_from, _file_identity(path, conn)
    if origin is None or origin[:4] != current[:4]:
        raise ConflictError(
            f"{path}: exists, and this workshop was not loaded from it; saving would replace everything in it."
            " Save to a new file, or pass replace=True to overwrite it on purpose"
        )
    if origin[4] != current[4]:
        raise ConflictError(
            f"{path}: changed since this workshop was loaded (revision {origin[4]}, now {current[4]});"
            " saving would erase those changes. Load it again with okr.load() and redo your edits,"
            " save single objects with okr.open_store(...).save(obj), or pass replace=True to overwrite"
        )


def _remove_temp(tmp_path: Path, path: Path) -> None:
    """Remove a temporary database and its side files (never ``path`` itself, when no temporary file was made)."""
    if tmp_path == path:
        return
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{tmp_path}{suffix}").unlink(missing_ok=True)


def load(path: str | os.PathLike) -> Workshop:
    """Read a whole workshop file into memory, read-only: the file and its -wal are never written."""
    path = location_of(path)
    if isinstance(path, postgres.PgLocation):
        return _load_pg(path)
    with reading(path) as conn:
        try:
            conn.execute("BEGIN")  # one consistent snapshot while other kernels write
            ws = _read_all(conn, path)
            _remember(ws, path, conn)
            return ws
        except sqlite3.DatabaseError as err:
            raise WorkshopFileError(_sqlite_problem(path, err, "cannot be read")) from None
        except (KeyError, ValueError):  # meta's revision missing or not a number
            raise WorkshopFileError(
                f"{path}: its revision counter is missing or not a whole number; the file is damaged,"
                " restore it from a backup"
            ) from None


@contextlib.contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A checked, read-only connection to a workshop file; side files it created are tidied afterwards."""
    _check_path(path)
    fresh = not any(Path(f"{path}{s}").exists() for s in ("-wal", "-shm"))
    try:
        _inspect(path)
        conn = _open_read_only(path)
        try:
            yield conn
        finally:
            conn.close()
    finally:
        if fresh:
            _tidy_side_files(path)


def _tidy_side_files(path: Path) -> None:
    """Remove the empty -wal/-shm a read-only connection leaves behind, when no other program uses them.

    Only called when neither existed before the read: then the -wal holds no
    stale pages, and the last connection to close deletes both (the -shm would
    otherwise stay owned by this user and stop another user from writing).
    """
    wal = Path(f"{path}-wal")
    if not wal.exists() or wal.stat().st_size or not os.access(path.parent, os.W_OK):
        return
    try:
        conn = sqlite3.connect(str(path), timeout=0.1, isolation_level=None)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        pass  # busy or read-only: leaving two empty side files is harmless


def _load_pg(where: postgres.PgLocation) -> Workshop:
    conn = postgres.PgConnection(where)
    try:
        postgres.inspect(where, SCHEMA_VERSION, conn)
        conn.use(where.schema)
        conn.begin_read()
        ws = _read_all(conn, where)
        _remember(ws, where, conn)
        return ws
    except _db_errors() as err:
        raise WorkshopFileError(f"{where}: could not be read ({one_line(err)})") from None
    finally:
        conn.close()


def open_store(path: str | os.PathLike) -> Store:
    """Open a workshop file for granular saves; use it as a context manager."""
    return Store(path)


def new_file(path: str | os.PathLike, ws: Workshop, *, overwrite: bool = False) -> Path:
    """Create a workshop file; refuse to overwrite an existing file unless asked."""
    path = location_of(path)
    if exists(path) and not overwrite:
        raise WorkshopFileError(f"{path}: already exists; choose another name or delete it first").coded(
            "file.exists", path=path
        )
    return save(ws, path, replace=overwrite)


# --------------------------------------------------------------------------- granular API


class Store:
    """An open workshop file. Every method is one transaction; safe across processes."""

    def __init__(self, path: str | os.PathLike):
        self.path = location_of(path)
        if isinstance(self.path, postgres.PgLocation):
            self._conn = postgres.PgConnection(self.path)
            try:
                version = postgres.inspect(self.path, SCHEMA_VERSION, self._conn)
            except BaseException:
                self.close()
                raise
            self._conn.use(self.path.schema)
            if version < SCHEMA_VERSION:
                self._migrate(version)
            return
        _check_path(self.path)
        version = _inspect(self.path)
        if not os.access(self.path, os.W_OK) or not os.access(self.path.parent, os.W_OK):
            raise WorkshopFileError(
                f"{self.path}: is read-only; make the file and its folder writable, or use okr.load() to read it"
            )
        try:
            self._conn = _connect(self.path)
            self._conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error as err:
            raise WorkshopFileError(f"{self.path}: cannot be opened for writing ({err})") from None
        if version < SCHEMA_VERSION:
            self._migrate(version)

    # ---------------------------------------------------------------- plumbing

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        conn, self._conn = getattr(self, "_conn", None), None
        if conn is not None:
            conn.close()

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise WorkshopFileError(f"{self.path}: the store is closed; open it again with okr.open_store()")
        return self._conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``: other writers wait); nested calls join it.

        Rolls back on any error. Read-modify-write sequences such as an import run inside one,
        so two processes doing the same thing at once cannot both apply it.
        """
        conn = self.conn
        if conn.in_transaction:
            yield conn
            return
        try:
            _begin_write(conn)
        except (sqlite3.OperationalError, *postgres.errors()) as err:
            raise WorkshopFileError(f"{self.path}: cannot write ({err}); is it on a read-only disk?") from None
        self._changed = False
        try:
            yield conn
            _commit(conn, bump=self._changed)  # the revision counts real changes: pollers reload only when needed
        except BaseException as err:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(err, _db_errors()):
                raise WorkshopFileError(
                    f"{self.path}: the save failed ({one_line(err)}); nothing was written"
                ) from None
            raise

    def _migrate(self, version: int) -> None:
        with self.transaction() as conn:
            while version < SCHEMA_VERSION:
                step = MIGRATIONS.get(version)
                if step is None:
                    raise WorkshopFileError(f"{self.path}: no migration from schema {version}; upgrade okr-workshop")
                if callable(step):
                    step(conn)
                else:
                    for statement in step.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                version += 1
                conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
                self._log(conn, "file", "schema", "migrate", {"to": version})
            self._changed = False  # the workshop's contents did not change: copies loaded before stay current
        log.info("migrated %s to schema %s", self.path, version)

    def _log(self, conn: sqlite3.Connection, entity: str, entity_id: str, action: str, data: Any) -> None:
        self._changed = True
        conn.execute(
            "INSERT INTO history(at, entity, entity_id, action, data) VALUES (?,?,?,?,?)",
            (_now(), entity, entity_id, action, json.dumps(data, ensure_ascii=False, default=str)),
        )

    # ---------------------------------------------------------------- reading

    def load(self) -> Workshop:
        """The current state of the whole workshop, including other kernels' saves."""
        conn = self.conn
        own = not conn.in_transaction
        if own:
            _begin_read(conn)
        try:
            ws = _read_all(conn, self.path)
            _remember(ws, self.path, conn)
            return ws
        finally:
            if own:
                conn.execute("COMMIT")

    def team_rows(self, team_id: str) -> tuple[int, dict[str, Any]]:
        """One team's objectives and key results as the file holds them now, and the revision they are of.

        For forms that merge other people's changes: ``{objective id: (fields, {key result id: fields})}``.
        """
        conn = self.conn
        own = not conn.in_transaction
        if own:
            _begin_read(conn)
        try:
            return self.revision(), read_team(conn, team_id)
        finally:
            if own:
                conn.execute("COMMIT")

    def revision(self) -> int:
        """A counter that grows with every committed write, from any process."""
        return int(self.conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0])

    def history(self, entity_id: str | None = None) -> list[dict[str, Any]]:
        """Every recorded change (oldest first), or those of one object."""
        sql = "SELECT seq, at, entity, entity_id, action, data FROM history"
        args: tuple = ()
        if entity_id:
            sql, args = sql + " WHERE entity_id = ?", (entity_id,)
        rows = self.conn.execute(sql + " ORDER BY seq", args).fetchall()
        return [
            {"seq": r[0], "at": r[1], "entity": r[2], "entity_id": r[3], "action": r[4], "data": json.loads(r[5])}
            for r in rows
        ]

    def check_in_history(self, kr_id: str, include_deleted: bool = True) -> list[dict[str, Any]]:
        """All check-ins of a key result as stored, deleted ones included (with deleted_at)."""
        cols = (*columns("check_in"), "deleted_at")
        sql = f"SELECT {','.join(cols)} FROM check_in WHERE key_result_id = ?"
        if not include_deleted:
            sql += " AND deleted_at IS NULL"
        return [dict(zip(cols, r)) for r in self.conn.execute(sql + " ORDER BY on_date, recorded_at", (kr_id,))]

    # ---------------------------------------------------------------- writing

    def replace(self, ws: Workshop) -> None:
        """Replace the whole contents with ``ws`` in one transaction (history is kept)."""
        with self.transaction() as conn:
            for table in ("check_in", "key_result", "objective", "team", "workshop"):
                conn.execute(f"DELETE FROM {table}")
            _insert_all(conn, ws)
            self._log(conn, "workshop", ws.id, "replace", {"teams": len(ws.teams)})

    def save(self, obj: Workshop | Team | Objective | KeyResult) -> None:
        """Upsert one object and its children; rows of other objects are untouched.

        Whole rows: where someone else may be editing the same rows at the same time (a form),
        use ``save_fields``, which writes only the changed fields and reports conflicts.
        """
        with self.transaction() as conn:
            if isinstance(obj, Workshop):
                self._save_workshop(conn, obj)
                for pos, team in enumerate(obj.teams):
                    self._save_team(conn, team, pos)
            elif isinstance(obj, Team):
                self._save_team(conn, obj, _position(obj.workshop.teams if obj.workshop else [], obj))
            elif isinstance(obj, Objective):
                if obj.team is None:
                    raise ValidationError("objective", f"{obj.title!r:.40} belongs to no team; add it to a team first")
                self._require(conn, "team", obj.team.id)
                self._save_objective(conn, obj, obj.team.id, _position(obj.team.objectives, obj))
            elif isinstance(obj, KeyResult):
                if obj.objective is None:
                    raise ValidationError("key result", f"{obj.text!r:.40} belongs to no objective; add it first")
                self._require(conn, "objective", obj.objective.id)
                self._save_kr(conn, obj, obj.objective.id, _position(obj.objective.key_results, obj))
            else:
                raise ValidationError(
                    "store.save", f"cannot save a {type(obj).__name__}; use add_check_in for check-ins"
                )

    def _require(self, conn: sqlite3.Connection, table: str, id: str) -> None:
        if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (id,)).fetchone() is None:
            raise NotFoundError(f"{self.path}: no {table.replace('_', ' ')} with id {id!r}; save its parent first")

    def _upsert(self, conn: sqlite3.Connection, table: str, row: dict[str, Any], data: Any) -> bool:
        """Insert or update one row (column -> value); record history only when something changed."""
        cols = tuple(row)
        values = tuple(row.values())
        old = conn.execute(f"SELECT {','.join(cols)} FROM {table} WHERE id = ?", (row["id"],)).fetchone()
        if old is not None and tuple(old) == values:
            return False
        sets = ",".join(f"{c}=excluded.{c}" for c in cols[1:])
        conn.execute(f"{insert_sql(table, cols)} ON CONFLICT(id) DO UPDATE SET {sets}", values)
        self._log(conn, table, row["id"], "insert" if old is None else "update", data)
        return True

    def _save_workshop(self, conn: sqlite3.Connection, ws: Workshop) -> None:
        row = {"id": ws.id, "organisation": ws.organisation, "period": ws.period.label, "lang": ws.lang,
               "profile": ws.profile, "settings": json.dumps(ws.settings, ensure_ascii=False)}  # fmt: skip
        existing = conn.execute("SELECT id FROM workshop").fetchone()
        if existing and existing[0] != ws.id:
            raise ValidationError("workshop id", f"this file holds workshop {existing[0]!r}, not {ws.id!r}")
        self._upsert(conn, "workshop", row, dict(row))

    def _save_team(self, conn: sqlite3.Connection, team: Team, position: int) -> None:
        data = {k: v for k, v in team_to_dict(team).items() if k != "objectives"}
        self._upsert(conn, "team", _team_row(team, position), data)
        for pos, obj in enumerate(team.objectives):
            self._save_objective(conn, obj, team.id, pos)

    def _save_objective(self, conn: sqlite3.Connection, obj: Objective, team_id: str, position: int) -> None:
        data = {k: v for k, v in objective_to_dict(obj).items() if k != "key_results"}
        self._upsert(conn, "objective", _objective_row(obj, team_id, position), data)
        for pos, kr in enumerate(obj.key_results):
            self._save_kr(conn, kr, obj.id, pos)

    def _save_kr(self, conn: sqlite3.Connection, kr: KeyResult, objective_id: str, position: int) -> None:
        data = {k: v for k, v in key_result_to_dict(kr).items() if k != "check_ins"}
        self._upsert(conn, "key_result", _kr_row(kr, objective_id, position), data)
        for c in kr.check_ins:
            row = conn.execute("SELECT deleted_at FROM check_in WHERE id = ?", (c.id,)).fetchone()
            if row is None:
                self._insert_check_in(conn, kr.id, c)
            # existing check-ins change only through edit_check_in / delete_check_in

    def _insert_check_in(self, conn: sqlite3.Connection, kr_id: str, c: CheckIn) -> None:
        row = _check_in_row(c, kr_id)
        conn.execute(insert_sql("check_in", tuple(row)), tuple(row.values()))
        self._log(conn, "check_in", c.id, "insert", {"key_result_id": kr_id, **check_in_to_dict(c)})

    def add_check_in(
        self,
        kr_id: str,
        value: Any,
        confidence: Any = None,
        on: dt.date | str | None = None,
        comment: str = "",
        author: str = "",
        id: str = "",
    ) -> CheckIn:
        """Append a check-in to a key result in the file; returns it (with its id)."""
        if isinstance(kr_id, KeyResult):
            kr_id = kr_id.id
        check_in = CheckIn(
            on=on or dt.date.today(), value=value, confidence=confidence, comment=comment, author=author, id=id
        )
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM key_result WHERE id = ?", (kr_id,)).fetchone() is None:
                raise NotFoundError(f"{self.path}: no key result with id {kr_id!r}; nothing was stored")
            if conn.execute("SELECT 1 FROM check_in WHERE id = ?", (check_in.id,)).fetchone():
                raise ValidationError("check-in id", f"{check_in.id!r} exists already; nothing was stored")
            self._insert_check_in(conn, kr_id, check_in)
        return check_in

    def edit_check_in(self, check_in_id: str, **changes: Any) -> CheckIn:
        """Change a check-in's on/value/confidence/comment/author; the old version stays in history."""
        fields = entity("check_in").editable
        if unknown := set(changes) - {f.name for f in fields}:
            raise ValidationError("edit_check_in", f"cannot change {', '.join(sorted(unknown))}")
        cols = columns("check_in")
        with self.transaction() as conn:
            row = conn.execute(
                f"SELECT {','.join(cols)} FROM check_in WHERE id = ? AND deleted_at IS NULL", (check_in_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"{self.path}: no check-in with id {check_in_id!r}")
            old = dict(zip(cols, row))
            values = {f.name: old[f.sql_column] for f in fields}
            values.update(changes)
            new = entity("check_in").build(id=check_in_id, recorded_at=_now(), **values)
            new_row = _check_in_row(new, old["key_result_id"])
            sets = {c: v for c, v in new_row.items() if c not in ("id", "key_result_id")}
            conn.execute(
                f"UPDATE check_in SET {', '.join(f'{c} = ?' for c in sets)} WHERE id = ?", (*sets.values(), new.id)
            )
            self._log(conn, "check_in", check_in_id, "update", {"before": old, "after": check_in_to_dict(new)})
        return new

    def delete_check_in(self, check_in_id: str) -> None:
        """Mark a check-in deleted: it leaves the scores but stays in the file's history."""
        with self.transaction() as conn:
            cur = conn.execute(
                "UPDATE check_in SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", (_now(), check_in_id)
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"{self.path}: no check-in with id {check_in_id!r}")
            self._log(conn, "check_in", check_in_id, "delete", None)

    def set_override(self, kr_id: str, grade: Any, reason: str) -> None:
        """Store the facilitator's end-of-quarter grade for a key result (None clears it)."""
        kr = KeyResult(text="")
        kr.override(grade, reason)
        with self.transaction() as conn:
            cur = conn.execute(
                "UPDATE key_result SET grade_override = ?, override_reason = ? WHERE id = ?",
                (kr.grade_override, kr.override_reason, kr_id),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"{self.path}: no key result with id {kr_id!r}")
            self._log(conn, "key_result", kr_id, "override", {"grade": kr.grade_override, "reason": kr.override_reason})

    def delete(self, obj: Team | Objective | KeyResult | str) -> None:
        """Delete a team, objective or key result (and what hangs below it); history keeps a copy."""
        obj_id = obj if isinstance(obj, str) else obj.id
        with self.transaction() as conn:
            for table in ("team", "objective", "key_result"):
                if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (obj_id,)).fetchone():
                    # the caller's copy (readable), and the rows as the file held them (for restore)
                    snapshot = {**(_snapshot(obj) or {}), "rows": _rows_below(conn, table, obj_id)}
                    conn.execute(f"DELETE FROM {table} WHERE id = ?", (obj_id,))
                    self._log(conn, table, obj_id, "delete", snapshot)
                    return
            raise NotFoundError(f"{self.path}: nothing with id {obj_id!r} to delete")

    # ---------------------------------------------------------------- field-by-field (forms)

    def save_fields(self, obj: Team | Objective | KeyResult, base: dict[str, Any]) -> FieldSave:
        """Write the fields named in ``base`` from ``obj``, each only if the file still holds ``base[field]``.

        ``base`` holds the values this copy last read from the file. A field that
        someone else changed since is left as they wrote it and reported as a
        ``Conflict``; other fields of the row, and other rows, are never touched.
        A row deleted elsewhere is not put back: ``DeletedElsewhereError``.
        Returns what was written, the conflicts, and the row as the file now holds it.
        """
        entity = entity_of(obj)
        unknown = set(base) - set(editable(entity))
        if unknown:
            raise ValidationError("save_fields", f"{entity} has no field {', '.join(sorted(unknown))}")
        mine = fields_of(obj)
        with self.transaction() as conn:
            theirs = read_row(conn, entity, obj.id)
            if theirs is None:
                raise DeletedElsewhereError(
                    f"{self.path}: {entity.replace('_', ' ')} {obj.id!r} was deleted elsewhere; it was not saved again"
                )
            result = FieldSave(current=dict(theirs))
            for name, seen in base.items():
                if same(mine[name], theirs[name]):
                    continue
                if same(seen, theirs[name]):
                    result.written[name] = mine[name]
                else:
                    result.conflicts.append(Conflict(entity, obj.id, name, seen, mine[name], theirs[name]))
            if result.written:
                sets = ",".join(f"{column(entity, name)} = ?" for name in result.written)
                conn.execute(f"UPDATE {entity} SET {sets} WHERE id = ?", (*result.written.values(), obj.id))
                before = {name: theirs[name] for name in result.written}
                self._log(conn, entity, obj.id, "update", {"fields": result.written, "before": before})
                result.current.update(result.written)
        return result

    def save_order(self, parent: Team | Objective) -> None:
        """Store the order of a team's objectives (or an objective's key results) as the copy shows it.

        Only the positions change; rows this copy does not know keep theirs, rows deleted elsewhere stay deleted.
        """
        entity = "objective" if isinstance(parent, Team) else "key_result"
        parent_col = PARENT[entity][0]
        children = parent.objectives if isinstance(parent, Team) else parent.key_results
        with self.transaction() as conn:
            moved = []
            for pos, child in enumerate(children):
                cur = conn.execute(
                    f"UPDATE {entity} SET position = ? WHERE id = ? AND {parent_col} = ? AND position != ?",
                    (pos, child.id, parent.id, pos),
                )
                if cur.rowcount:
                    moved.append(child.id)
            if moved:
                self._log(conn, entity_of(parent), parent.id, "reorder", {entity: [c.id for c in children]})

    def restore(self, obj: Team | Objective | KeyResult | str) -> None:
        """Undo the last deletion of a team, objective or key result: its rows come back from the history.

        What hung below it (key results, check-ins) comes back too, exactly as the file held it.
        Refused when what it belongs to is gone as well, or when it exists again.
        """
        obj_id = obj if isinstance(obj, str) else obj.id
        with self.transaction() as conn:
            found = conn.execute(
                "SELECT entity, data FROM history WHERE entity_id = ? AND action = 'delete' ORDER BY seq DESC LIMIT 1",
                (obj_id,),
            ).fetchone()
            rows = json.loads(found[1] or "null") if found else None
            if not rows or "rows" not in rows:
                raise NotFoundError(f"{self.path}: no deletion of {obj_id!r} in the history to undo")
            entity, rows = found[0], rows["rows"]
            if read_row(conn, entity, obj_id) is not None:
                raise ValidationError("restore", f"{entity.replace('_', ' ')} {obj_id!r} exists already")
            if entity in PARENT:
                parent_col, parent = PARENT[entity]
                parent_id = rows[entity][0][parent_col]
                if conn.execute(f"SELECT 1 FROM {parent} WHERE id = ?", (parent_id,)).fetchone() is None:
                    raise NotFoundError(
                        f"{self.path}: cannot put back {entity.replace('_', ' ')} {obj_id!r}: its {parent}"
                        " was deleted too; put that back first"
                    )
            for table in ("team", "objective", "key_result", "check_in"):
                for row in rows.get(table, []):
                    cols = list(row)
                    conn.execute(
                        f"INSERT INTO {table}({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
                        [row[c] for c in cols],
                    )
            self._log(conn, entity, obj_id, "restore", None)


def _rows_below(conn: sqlite3.Connection, table: str, row_id: str) -> dict[str, list[dict[str, Any]]]:
    """A row and every row that hangs below it (what ON DELETE CASCADE would remove), table by table."""
    children = {"team": ("objective", "team_id"), "objective": ("key_result", "objective_id"),
                "key_result": ("check_in", "key_result_id")}  # fmt: skip
    out: dict[str, list[dict[str, Any]]] = {}
    ids, level = [row_id], table
    where = "id"
    while ids and level:
        cur = conn.execute(f"SELECT * FROM {level} WHERE {where} IN ({','.join('?' * len(ids))})", ids)
        cols = [d[0] for d in cur.description]
        # rowid: PostgreSQL's insertion order column (SQLite's is implicit); a restored row gets a new one
        out[level] = [{c: v for c, v in zip(cols, r) if c != "rowid"} for r in cur.fetchall()]
        ids = [r["id"] for r in out[level]]
        level, where = children.get(level, (None, None))
    return out


def _snapshot(obj: Any) -> dict[str, Any] | None:
    if isinstance(obj, Team):
        return team_to_dict(obj)
    if isinstance(obj, Objective):
        return objective_to_dict(obj)
    if isinstance(obj, KeyResult):
        return key_result_to_dict(obj)
    return None


def _position(items: list, obj: Any) -> int:
    for i, item in enumerate(items):
        if item is obj:
            return i
    return len(items)
