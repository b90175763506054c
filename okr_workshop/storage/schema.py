"""The tables of a workshop file and the mapping between their rows and the model.

The tables of teams, objectives, key results and check-ins, their rows and how a row becomes a
model object are all built from the field registry (``model/fields.py``); a row is a mapping of
column names to values, never a tuple whose positions must match a column list elsewhere.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

from ..errors import ValidationError, WorkshopFileError
from ..model import registry
from ..model.entities import CheckIn, KeyResult, Objective, Period, Team, Workshop
from ..model.validate import scrub as _s
from . import postgres

_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE workshop (
  id TEXT PRIMARY KEY, organisation TEXT NOT NULL, period TEXT NOT NULL,
  lang TEXT NOT NULL, profile TEXT NOT NULL, settings TEXT NOT NULL DEFAULT '{}');
{entities}
CREATE TABLE history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, entity TEXT NOT NULL,
  entity_id TEXT NOT NULL, action TEXT NOT NULL, data TEXT);
CREATE INDEX objective_team ON objective(team_id);
CREATE INDEX key_result_objective ON key_result(objective_id);
CREATE INDEX check_in_key_result ON check_in(key_result_id);
CREATE INDEX history_entity ON history(entity_id);
"""

# Schema 2: the workshop day (okr_workshop.day). One table, one row per thing a person did
# (a candidate, a dot, a review item, a dependency, a vote…): every save is an insert or an
# update of one small row, so many participants at once never overwrite each other.
# kind: what the row is; team_id: whose it is; ref: what it points at (a candidate, an
# objective); author: the participant; data: the rest, JSON.
DAY_SCHEMA = """
CREATE TABLE day_item (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, team_id TEXT, ref TEXT, author TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL DEFAULT '{}', at TEXT NOT NULL);
CREATE INDEX day_item_kind ON day_item(kind, team_id);
CREATE INDEX day_item_ref ON day_item(ref);
"""

# The entity tables: the id, the parent row's id, the fields of the registry (model/fields.py), and these.
_PARENT_TABLE = {"objective": "team", "key_result": "objective", "check_in": "key_result"}
_EXTRA_COLUMNS = {"team": "position INTEGER NOT NULL DEFAULT 0", "objective": "position INTEGER NOT NULL DEFAULT 0",
                  "key_result": "position INTEGER NOT NULL DEFAULT 0", "check_in": "deleted_at TEXT"}  # fmt: skip
ENTITIES = ("team", "objective", "key_result", "check_in")

# Schema 3: the mid-quarter review (okr_workshop.day.midquarter). Per objective and review date:
# what worked, what we learned, keep / change / drop. One row per objective and date, so teams
# reviewing at once never touch each other's rows. No foreign key: replacing the whole workshop
# (okr.save) deletes and re-inserts every objective, and must not take the reviews with it;
# reading joins the objective, so a deleted objective's review is not shown.
REVIEW_SCHEMA = """
CREATE TABLE IF NOT EXISTS objective_review (
  id TEXT PRIMARY KEY, objective_id TEXT NOT NULL,
  on_date TEXT NOT NULL, worked TEXT NOT NULL DEFAULT '', learned TEXT NOT NULL DEFAULT '',
  verdict TEXT NOT NULL, author TEXT NOT NULL DEFAULT '', recorded_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS objective_review_objective ON objective_review(objective_id);
"""


def entity(kind: str) -> Any:
    """The field registry's declaration of ``kind`` (``model.fields``, imported on first use)."""
    return registry()[kind]


def _table_sql(name: str) -> str:
    e = entity(name)
    parent = f", {e.parent} TEXT NOT NULL REFERENCES {_PARENT_TABLE[name]}(id) ON DELETE CASCADE" if e.parent else ""
    columns = ", ".join(f"{f.sql_column} {f.sql}" for f in e.fields)
    return f"CREATE TABLE {name} (\n  id TEXT PRIMARY KEY{parent},\n  {columns}, {_EXTRA_COLUMNS[name]});"


def schema() -> str:
    """The SQL that creates a new workshop (the schema of ``store.SCHEMA_VERSION``), from the field registry."""
    entities = "\n".join(_table_sql(name) for name in ENTITIES)
    return _TABLES.replace("{entities}", entities) + DAY_SCHEMA + REVIEW_SCHEMA


def columns(name: str) -> tuple[str, ...]:
    """The columns of an entity's table that hold the model: id, parent row, fields (and position)."""
    e = entity(name)
    position = ("position",) if name != "check_in" else ()
    return ("id", *((e.parent,) if e.parent else ()), *(f.sql_column for f in e.fields), *position)


def __getattr__(name: str) -> Any:
    # the column lists as they were named before the registry (each call reads the registry as it is now)
    old = {"SCHEMA": None, "TEAM_COLS": "team", "OBJECTIVE_COLS": "objective", "KR_COLS": "key_result",
           "CHECK_IN_COLS": "check_in"}  # fmt: skip
    if name not in old:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return schema() if old[name] is None else columns(old[name])


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


def _row_maker(name: str) -> tuple[tuple[str, ...], Any]:
    """The columns of an entity's rows and (object, parent id, position) -> its values for those columns.

    Columns and values come from one list of fields, so they cannot drift apart.
    """
    from ..model.fields import row_function

    e = entity(name)
    values = row_function(e)
    cols = columns(name)
    if e.parent and name != "check_in":

        def make(obj: Any, parent_id: Any, position: Any) -> tuple:
            return (obj.id, parent_id, *values(obj), position)
    elif e.parent:

        def make(obj: Any, parent_id: Any, position: Any) -> tuple:
            return (obj.id, parent_id, *values(obj))
    else:

        def make(obj: Any, parent_id: Any, position: Any) -> tuple:
            return (obj.id, *values(obj), position)

    return cols, make


def row(name: str, obj: Any, parent_id: str | None = None, position: int | None = None) -> dict[str, Any]:
    """The row of a model object: column -> value (never by position)."""
    cols, make = _row_maker(name)
    return dict(zip(cols, make(obj, parent_id, position)))


def _team_row(team: Team, position: int) -> dict[str, Any]:
    return row("team", team, None, position)


def _objective_row(obj: Objective, team_id: str, position: int) -> dict[str, Any]:
    return row("objective", obj, team_id, position)


def _kr_row(kr: KeyResult, objective_id: str, position: int) -> dict[str, Any]:
    return row("key_result", kr, objective_id, position)


def _check_in_row(c: CheckIn, kr_id: str) -> dict[str, Any]:
    if not c.recorded_at:
        c.recorded_at = _now()
    return row("check_in", c, kr_id)


def _insert_all(conn: sqlite3.Connection, ws: Workshop) -> None:
    conn.execute(
        "INSERT INTO workshop(id, organisation, period, lang, profile, settings) VALUES (?,?,?,?,?,?)",
        (ws.id, ws.organisation, ws.period.label, ws.lang, ws.profile, json.dumps(ws.settings, ensure_ascii=False)),
    )
    makers = {name: _row_maker(name) for name in ENTITIES}
    rows: dict[str, list[tuple]] = {name: [] for name in ENTITIES}
    team_row, obj_row, kr_row, check_in_row = (makers[name][1] for name in ENTITIES)
    for t_pos, team in enumerate(ws.teams):
        rows["team"].append(team_row(team, None, t_pos))
        for o_pos, obj in enumerate(team.objectives):
            rows["objective"].append(obj_row(obj, team.id, o_pos))
            for k_pos, kr in enumerate(obj.key_results):
                rows["key_result"].append(kr_row(kr, obj.id, k_pos))
                for c in kr.check_ins:
                    if not c.recorded_at:
                        c.recorded_at = _now()
                    rows["check_in"].append(check_in_row(c, kr.id, None))
    for name in ENTITIES:
        _insert_many(conn, name, makers[name][0], rows[name])


def insert_sql(table: str, cols: tuple[str, ...] | list[str]) -> str:
    return f"INSERT INTO {table}({','.join(cols)}) VALUES ({','.join('?' * len(cols))})"


def _insert_many(conn: sqlite3.Connection, table: str, cols: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert rows made by ``_row_maker`` (their values in the order of ``cols``, made from the same fields)."""
    try:
        conn.executemany(insert_sql(table, cols), rows)
    except (sqlite3.IntegrityError, *postgres.integrity_errors()) as err:
        raise ValidationError(table, f"duplicate or dangling id ({err}); every id must be unique") from None


def _reader(conn: sqlite3.Connection, name: str):
    """(SQL column list, row -> model object) for an entity: values are matched to fields by column name.

    Only the columns the table has are read: a file not yet upgraded to a newer schema (``load`` reads it
    without writing) lacks the columns of fields added since, and those take the model's default.
    """
    from ..model.fields import build_function

    e = entity(name)
    present = {d[0] for d in conn.execute(f"SELECT * FROM {name} LIMIT 0").description}
    cols = [c for c in columns(name) if c in present]
    at = {c: i for i, c in enumerate(cols)}
    build = build_function(e, {f.name: at[f.sql_column] for f in e.fields if f.sql_column in at} | {"id": 0}, _s)
    return ",".join(cols), build


def _read_below(conn: sqlite3.Connection, name: str, parents: dict[str, Any], up: str, down: str) -> dict[str, Any]:
    """The rows of ``name`` (objectives, key results) in order, each attached to its parent (``up``) and
    appended to the parent's list (``down``); a row whose parent is gone is left out. Id -> object."""
    cols, build = _reader(conn, name)
    out: dict[str, Any] = {}
    for r in conn.execute(f"SELECT {cols} FROM {name} ORDER BY position, rowid"):
        parent = parents.get(r[1])
        if parent is None:
            continue
        child = build(r)
        setattr(child, up, parent)
        getattr(parent, down).append(child)
        out[child.id] = child
    return out


def _read_all(conn: sqlite3.Connection, path: Path) -> Workshop:
    r = conn.execute("SELECT id, organisation, period, lang, profile, settings FROM workshop").fetchone()
    if r is None:
        raise WorkshopFileError(f"{path}: holds no workshop; the file is damaged")
    ws = Workshop(
        id=r[0], organisation=_s(r[1]), period=Period.parse(r[2]), lang=r[3], profile=r[4],
        settings=json.loads(r[5] or "{}"),
    )  # fmt: skip
    cols, build = _reader(conn, "team")
    teams: dict[str, Team] = {}
    for r in conn.execute(f"SELECT {cols} FROM team ORDER BY position, rowid"):
        team = build(r)
        team.workshop = ws
        ws.teams.append(team)
        teams[team.id] = team
    objectives: dict[str, Objective] = _read_below(conn, "objective", teams, "team", "objectives")
    krs: dict[str, KeyResult] = _read_below(conn, "key_result", objectives, "objective", "key_results")
    cols, build = _reader(conn, "check_in")
    for r in conn.execute(f"SELECT {cols} FROM check_in WHERE deleted_at IS NULL ORDER BY on_date, recorded_at"):
        kr = krs.get(r[1])
        if kr is not None:
            kr.check_ins.append(build(r))
    return ws
