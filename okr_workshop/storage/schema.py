"""The tables of a workshop file and the mapping between their rows and the model."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

from ..errors import ValidationError, WorkshopFileError
from ..model.entities import CheckIn, KeyResult, Objective, Period, Team, Workshop
from ..model.validate import scrub as _s
from . import postgres

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE workshop (
  id TEXT PRIMARY KEY, organisation TEXT NOT NULL, period TEXT NOT NULL,
  lang TEXT NOT NULL, profile TEXT NOT NULL, settings TEXT NOT NULL DEFAULT '{}');
CREATE TABLE team (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, parent_id TEXT, position INTEGER NOT NULL DEFAULT 0);
CREATE TABLE objective (
  id TEXT PRIMARY KEY, team_id TEXT NOT NULL REFERENCES team(id) ON DELETE CASCADE,
  title TEXT NOT NULL, why TEXT NOT NULL, type TEXT, owner TEXT NOT NULL, parent_id TEXT,
  weight REAL NOT NULL, position INTEGER NOT NULL DEFAULT 0);
CREATE TABLE key_result (
  id TEXT PRIMARY KEY, objective_id TEXT NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
  text TEXT NOT NULL, kind TEXT NOT NULL, metric TEXT NOT NULL, unit TEXT NOT NULL,
  baseline REAL, target REAL, owner TEXT NOT NULL, due TEXT, confidence INTEGER,
  weight REAL NOT NULL, indicator TEXT, grade_override REAL, override_reason TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0);
CREATE TABLE check_in (
  id TEXT PRIMARY KEY, key_result_id TEXT NOT NULL REFERENCES key_result(id) ON DELETE CASCADE,
  on_date TEXT NOT NULL, value REAL NOT NULL, confidence INTEGER, comment TEXT NOT NULL,
  author TEXT NOT NULL, recorded_at TEXT NOT NULL, deleted_at TEXT);
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
SCHEMA += DAY_SCHEMA

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
SCHEMA += REVIEW_SCHEMA


TEAM_COLS = ("id", "name", "parent_id", "position")
OBJECTIVE_COLS = ("id", "team_id", "title", "why", "type", "owner", "parent_id", "weight", "position")
KR_COLS = (
    "id", "objective_id", "text", "kind", "metric", "unit", "baseline", "target", "owner", "due",
    "confidence", "weight", "indicator", "grade_override", "override_reason", "position",
)  # fmt: skip
CHECK_IN_COLS = ("id", "key_result_id", "on_date", "value", "confidence", "comment", "author", "recorded_at")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


def _val(x: Any) -> Any:
    return getattr(x, "value", x)


def _team_row(team: Team, position: int) -> tuple:
    return (team.id, team.name, team.parent_id, position)


def _objective_row(obj: Objective, team_id: str, position: int) -> tuple:
    return (obj.id, team_id, obj.title, obj.why, _val(obj.type), obj.owner, obj.parent_id, obj.weight, position)


def _kr_row(kr: KeyResult, objective_id: str, position: int) -> tuple:
    return (
        kr.id, objective_id, kr.text, _val(kr.kind), kr.metric, kr.unit, kr.baseline, kr.target, kr.owner,
        kr.due.isoformat() if kr.due else None, kr.confidence, kr.weight, _val(kr.indicator), kr.grade_override,
        kr.override_reason, position,
    )  # fmt: skip


def _check_in_row(c: CheckIn, kr_id: str) -> tuple:
    if not c.recorded_at:
        c.recorded_at = _now()
    return (c.id, kr_id, c.on.isoformat(), c.value, c.confidence, c.comment, c.author, c.recorded_at)


def _insert_all(conn: sqlite3.Connection, ws: Workshop) -> None:
    conn.execute(
        "INSERT INTO workshop(id, organisation, period, lang, profile, settings) VALUES (?,?,?,?,?,?)",
        (ws.id, ws.organisation, ws.period.label, ws.lang, ws.profile, json.dumps(ws.settings, ensure_ascii=False)),
    )
    teams, objectives, krs, check_ins = [], [], [], []
    for t_pos, team in enumerate(ws.teams):
        teams.append(_team_row(team, t_pos))
        for o_pos, obj in enumerate(team.objectives):
            objectives.append(_objective_row(obj, team.id, o_pos))
            for k_pos, kr in enumerate(obj.key_results):
                krs.append(_kr_row(kr, obj.id, k_pos))
                check_ins.extend(_check_in_row(c, kr.id) for c in kr.check_ins)
    _insert_many(conn, "team", TEAM_COLS, teams)
    _insert_many(conn, "objective", OBJECTIVE_COLS, objectives)
    _insert_many(conn, "key_result", KR_COLS, krs)
    _insert_many(conn, "check_in", CHECK_IN_COLS, check_ins)


def _insert_many(conn: sqlite3.Connection, table: str, cols: tuple, rows: list) -> None:
    marks = ",".join("?" * len(cols))
    try:
        conn.executemany(f"INSERT INTO {table}({','.join(cols)}) VALUES ({marks})", rows)
    except (sqlite3.IntegrityError, *postgres.integrity_errors()) as err:
        raise ValidationError(table, f"duplicate or dangling id ({err}); every id must be unique") from None


def _read_all(conn: sqlite3.Connection, path: Path) -> Workshop:
    row = conn.execute("SELECT id, organisation, period, lang, profile, settings FROM workshop").fetchone()
    if row is None:
        raise WorkshopFileError(f"{path}: holds no workshop; the file is damaged")
    ws = Workshop(
        id=row[0], organisation=_s(row[1]), period=Period.parse(row[2]), lang=row[3], profile=row[4],
        settings=json.loads(row[5] or "{}"),
    )  # fmt: skip
    teams: dict[str, Team] = {}
    for tid, name, parent_id, _ in conn.execute(f"SELECT {','.join(TEAM_COLS)} FROM team ORDER BY position, rowid"):
        team = Team(name=_s(name), parent_id=parent_id, id=tid)
        team.workshop = ws
        ws.teams.append(team)
        teams[tid] = team
    objectives: dict[str, Objective] = {}
    for r in conn.execute(f"SELECT {','.join(OBJECTIVE_COLS)} FROM objective ORDER BY position, rowid"):
        team = teams.get(r[1])
        if team is None:
            continue
        obj = Objective(id=r[0], title=_s(r[2]), why=_s(r[3]), type=r[4], owner=_s(r[5]), parent_id=r[6], weight=r[7])
        obj.team = team
        team.objectives.append(obj)
        objectives[obj.id] = obj
    krs: dict[str, KeyResult] = {}
    for r in conn.execute(f"SELECT {','.join(KR_COLS)} FROM key_result ORDER BY position, rowid"):
        obj = objectives.get(r[1])
        if obj is None:
            continue
        kr = KeyResult(
            id=r[0], text=_s(r[2]), kind=r[3], metric=_s(r[4]), unit=_s(r[5]), baseline=r[6], target=r[7], owner=_s(r[8]),
            due=r[9], confidence=r[10], weight=r[11], indicator=r[12], grade_override=r[13], override_reason=_s(r[14]),
        )  # fmt: skip
        kr.objective = obj
        obj.key_results.append(kr)
        krs[kr.id] = kr
    for r in conn.execute(
        f"SELECT {','.join(CHECK_IN_COLS)} FROM check_in WHERE deleted_at IS NULL ORDER BY on_date, recorded_at"
    ):
        kr = krs.get(r[1])
        if kr is not None:
            kr.check_ins.append(
                CheckIn(
                    id=r[0], on=r[2], value=r[3], confidence=r[4], comment=_s(r[5]), author=_s(r[6]), recorded_at=r[7]
                )
            )
    return ws
