"""The PostgreSQL side of the store's backend seam: locations, connections and the dialect.

Many workshops share one database, one **schema per workshop** (``okr_<name>``):
the tables, SQL and migrations are the very ones a SQLite file holds, so the
store keeps one code path; a workshop is created, copied and dropped as a unit;
its revision counter and its write lock are its own, so 40 teams in one workshop
never wait for another workshop's writers; and permissions can be granted per
workshop. A workshop is named by the last part of the URL path::

    postgresql://user@host:5432/okr/exempel-ab       (database okr, workshop exempel-ab)
    postgresql:///okr/exempel-ab?host=/run/postgresql

psycopg is imported only when such a URL is opened, so ``import okr_workshop`` stays light.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import WorkshopFileError, one_line

SCHEMES = ("postgresql://", "postgres://")
PREFIX = "okr_"
NAME = r"[a-z0-9][a-z0-9_-]{0,47}"


def is_url(location: Any) -> bool:
    """True for a ``postgresql://`` (or ``postgres://``) URL, False for a path or ``sqlite:///`` URL."""
    return isinstance(location, (str, PgLocation)) and str(_raw(location)).lower().startswith(SCHEMES)


def _raw(location: Any) -> str:
    return location.url if isinstance(location, PgLocation) else location


class PgLocation:
    """A workshop (or, with ``workshop`` empty, a whole database) on a PostgreSQL server.

    url: as given (with any password); conninfo: the URL libpq connects to (without the
    workshop); workshop: the workshop's name, "" when the URL names only the database.
    A value: equal when all three are. (A plain class: a dataclass costs ``import okr_workshop`` 2 ms.)
    """

    __slots__ = ("url", "conninfo", "workshop")

    def __init__(self, url: str, conninfo: str, workshop: str):
        self.url, self.conninfo, self.workshop = url, conninfo, workshop

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PgLocation) and (self.url, self.conninfo, self.workshop) == (
            other.url, other.conninfo, other.workshop)  # fmt: skip

    def __hash__(self) -> int:
        return hash((self.url, self.conninfo, self.workshop))

    def __repr__(self) -> str:
        return f"PgLocation({str(self)!r})"

    @property
    def schema(self) -> str:
        return PREFIX + self.workshop

    def with_workshop(self, name: str) -> PgLocation:
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(self.conninfo)
        return parse(urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}/{name}")))

    def __str__(self) -> str:  # messages never show a password
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(self.url)
        if parts.password:
            parts = parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@"))
        return urlunsplit(parts)


def split_password(url: str) -> tuple[str, str | None]:
    """(the URL without its password, the password or None): the password travels in libpq's
    ``PGPASSWORD`` instead, so a URL shown in a notebook, a page or a log line never carries it.

    Both places a URL can hold one are emptied: ``user:PASSWORD@`` and ``?password=``.
    """
    from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

    parts = urlsplit(url)
    password = None
    if parts.password is not None:
        password = unquote(parts.password)
        user, _, host = parts.netloc.rpartition("@")
        parts = parts._replace(netloc=f"{user.split(':', 1)[0]}@{host}")
    query = parse_qsl(parts.query, keep_blank_values=True)
    if any(k == "password" for k, _ in query):
        password = next(v for k, v in query if k == "password")
        parts = parts._replace(query=urlencode([(k, v) for k, v in query if k != "password"], safe="/"))
    if password is None and parts.netloc == urlsplit(url).netloc and parts.query == urlsplit(url).query:
        return url, None
    rebuilt = f"{parts.scheme}://{parts.netloc}{parts.path}" + (f"?{parts.query}" if parts.query else "")
    return rebuilt + (f"#{parts.fragment}" if parts.fragment else ""), password or None


def with_password(url: str, password: str) -> str:
    """``url`` with ``password`` as its ``?password=`` parameter (libpq reads it there): split_password's inverse."""
    from urllib.parse import urlencode

    return f"{url}{'&' if '?' in url else '?'}{urlencode({'password': password})}"


def parse(url: str | PgLocation, *, workshop_required: bool = True) -> PgLocation:
    """Split ``postgresql://…/DATABASE/WORKSHOP`` into what libpq connects to and the workshop's name.

    ``postgresql://…/DATABASE?workshop=NAME`` says the same (the query parameter is not libpq's, so it
    is taken out of what libpq sees).
    """
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit  # here: `import okr_workshop` stays light

    if isinstance(url, PgLocation):
        url = url.url
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) > 2:
        raise WorkshopFileError(f"{url}: too many parts in the path; write postgresql://HOST/DATABASE/WORKSHOP").coded(
            "pg.too_many_parts", url=url
        )
    workshop = segments[1] if len(segments) == 2 else ""
    query = parse_qsl(parts.query, keep_blank_values=True)
    named = [v for k, v in query if k == "workshop"]
    if named:
        if workshop and named != [workshop] or len(named) > 1:
            raise WorkshopFileError(f"{url}: names two workshops; give the name once, after the database").coded(
                "pg.two_names", url=url
            )
        workshop = named[0]
        parts = parts._replace(query=urlencode([(k, v) for k, v in query if k != "workshop"], safe="/"))
    if workshop and not re.fullmatch(NAME, workshop):
        raise WorkshopFileError(
            f"{url}: {workshop!r} is not a workshop name; use 1-48 lowercase letters, digits, - or _"
        ).coded("pg.bad_name", url=url, name=repr(workshop))
    if workshop_required and not workshop:
        raise WorkshopFileError(
            f"{url}: names no workshop; add its name after the database, e.g. postgresql://HOST/okr/exempel-ab"
            " (okr-workshop list URL shows the names)"
        ).coded("pg.no_workshop", url=url)
    conninfo = urlunsplit(parts._replace(scheme="postgresql", path="/" + segments[0] if segments else ""))
    return PgLocation(url=url, conninfo=conninfo, workshop=workshop)


def _psycopg():
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency, but a slim install may lack it
        raise WorkshopFileError(
            "PostgreSQL needs psycopg 3: pip install 'psycopg[binary]' (or use a workshop file)"
        ) from None
    return psycopg


def errors() -> tuple[type[BaseException], ...]:
    """psycopg's error classes, if psycopg was ever imported (so an except clause can name them lazily)."""
    import sys

    psycopg = sys.modules.get("psycopg")
    return (psycopg.Error,) if psycopg else ()


def integrity_errors() -> tuple[type[BaseException], ...]:
    import sys

    psycopg = sys.modules.get("psycopg")
    return (psycopg.IntegrityError,) if psycopg else ()


class PgConnection:
    """A psycopg connection that speaks the store's SQL: ``?`` placeholders, explicit BEGIN/COMMIT.

    The store writes its SQL once, for SQLite; the few differences are here:
    placeholders, the write lock (``SELECT … FOR UPDATE`` on the workshop's revision
    row plays SQLite's ``BEGIN IMMEDIATE``), snapshot reads (REPEATABLE READ plays a
    WAL read transaction) and ``executescript``.
    """

    dialect = "postgresql"

    def __init__(self, location: PgLocation, *, schema: str | None = None):
        psycopg = _psycopg()
        self.location = location
        self._pipeline: Any = None
        try:
            self._conn = psycopg.connect(location.conninfo, autocommit=True, connect_timeout=10)
        except psycopg.Error as err:
            raise WorkshopFileError(f"{location}: cannot connect ({one_line(err)}); is the server running?").coded(
                "pg.cannot_connect", url=str(location), detail=one_line(err)
            ) from None
        if schema:
            self.use(schema)

    def use(self, schema: str) -> None:
        """Name the tables of this workshop without a prefix, as in a workshop file."""
        self._conn.execute(f'SET search_path TO "{schema}"')

    def execute(self, sql: str, params: Any = None):
        if self._pipeline is not None and sql in ("COMMIT", "ROLLBACK"):
            return self._end(sql)
        cur = self._conn.execute(sql.replace("?", "%s"), tuple(params) if params is not None else None)
        return cur if self._pipeline is None else _Synced(cur, self._pipeline)

    def executemany(self, sql: str, rows: Any) -> None:
        rows = list(rows)
        if rows:
            with self._conn.cursor() as cur:
                cur.executemany(sql.replace("?", "%s"), rows)
            if self._pipeline is not None:
                self._pipeline.sync()  # errors (a duplicate id) surface here, where the caller expects them

    def executescript(self, script: str) -> None:
        self._conn.execute(script)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        # in pipeline mode the status lags behind what was sent: a write transaction counts until it ends
        return self._pipeline is not None or self._conn.info.transaction_status != TransactionStatus.IDLE

    def begin_write(self) -> None:
        """BEGIN and lock the workshop's revision row: held to COMMIT, so writers of one workshop queue.

        A write transaction runs in pipeline mode: statements whose results nobody reads
        (inserts, history, the revision) travel with the next read instead of waiting for
        their own round trip, which shortens the time the lock is held.
        """
        self._pipeline_cm = self._conn.pipeline()
        self._pipeline = self._pipeline_cm.__enter__()
        self._conn.execute("BEGIN")
        self._conn.execute("SELECT value FROM meta WHERE key = 'revision' FOR UPDATE")

    def _end(self, sql: str) -> None:
        pipeline, self._pipeline = self._pipeline_cm, None
        if sql == "COMMIT":
            self._conn.execute("COMMIT")
            pipeline.__exit__(None, None, None)  # waits for the commit; raises what failed on the way
            return
        try:
            pipeline.__exit__(None, None, None)
        except errors():
            pass  # the error was raised already; what counts is the rollback below
        if self.in_transaction:
            self._conn.execute("ROLLBACK")

    def begin_read(self) -> None:
        self._conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def close(self) -> None:
        self._conn.close()


class _Synced:
    """A cursor inside a pipeline: reading what a statement did waits for its result first."""

    def __init__(self, cur: Any, pipeline: Any):
        self._cur, self._pipeline = cur, pipeline

    @property
    def rowcount(self) -> int:
        self._pipeline.sync()
        return self._cur.rowcount

    @property
    def description(self) -> Any:
        self._pipeline.sync()
        return self._cur.description

    def fetchone(self) -> Any:
        return self._cur.fetchone()

    def fetchall(self) -> list:
        return self._cur.fetchall()

    def __iter__(self):
        return iter(self._cur.fetchall())


def schema_sql(sqlite_schema: str) -> str:
    """The SQLite schema in PostgreSQL's types; ``rowid`` keeps insertion order as SQLite's does."""
    sql = sqlite_schema.replace("seq INTEGER PRIMARY KEY AUTOINCREMENT", "seq BIGSERIAL PRIMARY KEY")
    sql = re.sub(r"\bREAL\b", "DOUBLE PRECISION", sql)
    for table in ("team", "objective", "key_result", "check_in", "day_item"):
        sql = sql.replace(f"CREATE TABLE {table} (\n  id TEXT", f"CREATE TABLE {table} (\n  rowid BIGSERIAL, id TEXT")
    return sql


def schema_exists(conn: PgConnection, schema: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = ?", (schema,)).fetchone() is not None


def inspect(location: PgLocation, schema_version: int, conn: PgConnection | None = None) -> int:
    """The workshop's schema version; raise if it does not exist, is not ours, or is too new.

    Uses ``conn`` when given (and leaves it open), else a connection of its own.
    """
    own = conn is None
    conn = conn or PgConnection(location)
    try:
        if not schema_exists(conn, location.schema):
            raise WorkshopFileError(
                f"{location}: no such workshop in this database; create one with"
                f" `okr-workshop new NAME --out {location}` (okr-workshop list URL shows those there are)"
            ).coded("pg.no_such_workshop", url=str(location))
        row = conn.execute(
            f"SELECT value FROM \"{location.schema}\".meta WHERE key = 'schema_version'"
            f" AND EXISTS (SELECT 1 FROM \"{location.schema}\".meta WHERE key = 'format' AND value = 'okr-workshop')"
        ).fetchone()
    except errors() as err:
        raise WorkshopFileError(f"{location}: is not an okr-workshop workshop ({one_line(err)})").coded(
            "pg.not_workshop", url=str(location), detail=one_line(err)
        ) from None
    finally:
        if own:
            conn.close()
    if row is None:
        raise WorkshopFileError(f"{location}: has no okr-workshop schema version; the workshop is damaged").coded(
            "pg.no_schema", url=str(location)
        )
    version = int(row[0])
    if version > schema_version:
        raise WorkshopFileError(
            f"{location}: was written by a newer okr-workshop (schema {version}, this one reads {schema_version});"
            " upgrade with `pip install -U okr-workshop`"
        ).coded("file.too_new", path=str(location), version=version, supported=schema_version)
    return version


def list_workshops(location: PgLocation) -> list[dict[str, Any]]:
    """The workshops in one database: name, organisation, period, revision."""
    conn = PgConnection(location)
    try:
        schemas = [
            r[0]
            for r in conn.execute(
                "SELECT n.nspname FROM pg_namespace n JOIN pg_class c ON c.relnamespace = n.oid"
                " WHERE c.relname = 'meta' AND c.relkind = 'r' AND n.nspname LIKE 'okr\\_%' ORDER BY n.nspname"
            )
        ]
        out = []
        for schema in schemas:
            meta = dict(conn.execute(f'SELECT key, value FROM "{schema}".meta').fetchall())
            if meta.get("format") != "okr-workshop":
                continue
            row = conn.execute(f'SELECT organisation, period FROM "{schema}".workshop').fetchone() or ("", "")
            out.append({"name": schema[len(PREFIX):], "organisation": row[0], "period": row[1],
                        "revision": int(meta.get("revision", 0)), "url": str(location.with_workshop(schema[len(PREFIX):]))})  # fmt: skip
        return out
    finally:
        conn.close()


def drop(location: PgLocation) -> None:
    """Remove a workshop (its schema) from the database."""
    conn = PgConnection(location)
    try:
        conn.execute(f'DROP SCHEMA IF EXISTS "{location.schema}" CASCADE')
    finally:
        conn.close()


def after_copy(conn: PgConnection) -> None:
    """History rows were inserted with their own ``seq``: move the counter past them."""
    conn.execute(
        "SELECT setval(pg_get_serial_sequence('history', 'seq'), COALESCE(MAX(seq), 0) + 1, false) FROM history"
    )
