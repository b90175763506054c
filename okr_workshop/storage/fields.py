"""Field-by-field saves: write only what this copy changed, and never undo someone else's change.

Two forms on one team (two laptops, or the facilitator's form beside a team's
page) each hold a copy of the same rows. A copy remembers, per row, the field
values it last read from the file (its *base*). Saving a field writes it only
when the file still holds the base value; when someone else changed that field
in between, the file keeps their value and the save reports a ``Conflict``
(base, mine, theirs) for the form to show. Fields are the model's attribute
names; their values are the canonical ones the file and the JSON format use.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from ..model import registry
from ..model.entities import KeyResult, Objective, Team

FORM_ENTITIES = ("team", "objective", "key_result")


def _entity(kind: str) -> Any:
    """The field registry's declaration of ``kind`` (``model.fields``, imported on first use)."""
    return registry()[kind]


def editable(entity: str) -> tuple[str, ...]:
    """The editable fields of a row (model attribute names; the file's columns have the same names)."""
    return tuple(f.name for f in _entity(entity).editable)


def __getattr__(name: str) -> Any:
    if name == "FIELDS":  # the editable fields of each row, read from the field registry as it is now
        return {e: editable(e) for e in FORM_ENTITIES}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


PARENT = {"objective": ("team_id", "team"), "key_result": ("objective_id", "objective")}


@dataclass(frozen=True, slots=True)
class Conflict:
    """One field changed both here and elsewhere: the file keeps ``theirs``, ``mine`` was not written.

    entity: team, objective or key_result; id: its id; field: the attribute;
    base: the value this copy had read; mine: what this copy wanted to write;
    theirs: what the file holds (written by someone else since).
    """

    entity: str
    id: str
    field: str
    base: Any
    mine: Any
    theirs: Any


@dataclass(slots=True)
class FieldSave:
    """What ``Store.save_fields`` did: the fields written, the conflicts, and the row as the file now holds it."""

    written: dict[str, Any] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    current: dict[str, Any] = field(default_factory=dict)


def entity_of(obj: Team | Objective | KeyResult) -> str:
    """The table of a model object."""
    if isinstance(obj, Team):
        return "team"
    if isinstance(obj, Objective):
        return "objective"
    if isinstance(obj, KeyResult):
        return "key_result"
    raise TypeError(f"no fields to save for a {type(obj).__name__}")


def fields_of(obj: Team | Objective | KeyResult) -> dict[str, Any]:
    """The editable fields of a model object, as canonical values (enums as their keys, dates as ISO text)."""
    return {f.name: f.canonical(obj) for f in _entity(entity_of(obj)).editable}


def _columns(entity: str) -> tuple[list[str], list[str]]:
    fields = _entity(entity).editable
    return [f.name for f in fields], [f.sql_column for f in fields]


def read_row(conn: sqlite3.Connection, entity: str, id: str) -> dict[str, Any] | None:
    """The editable fields of one row as the file holds them, or None when the row does not exist."""
    names, cols = _columns(entity)
    row = conn.execute(f"SELECT {','.join(cols)} FROM {entity} WHERE id = ?", (id,)).fetchone()
    return None if row is None else dict(zip(names, row))


def read_rows(conn: sqlite3.Connection, entity: str, parent_id: str) -> dict[str, dict[str, Any]]:
    """Every row below one parent (a team's objectives, an objective's key results), id -> fields, in order."""
    names, cols = _columns(entity)
    parent_col = PARENT[entity][0]
    sql = f"SELECT id, {','.join(cols)} FROM {entity} WHERE {parent_col} = ? ORDER BY position, rowid"
    return {r[0]: dict(zip(names, r[1:])) for r in conn.execute(sql, (parent_id,))}


def column(entity: str, name: str) -> str:
    """The file's column of a field."""
    return _entity(entity).field(name).sql_column


def same(a: Any, b: Any) -> bool:
    """Equal as stored: 20 == 20.0, None only equals None."""
    if a is None or b is None:
        return a is b
    return a == b


def to_model(entity: str, name: str, value: Any) -> Any:
    """A canonical field value as the model attribute holds it (enums, dates)."""
    return _entity(entity).field(name).to_model(value)


def read_team(conn: sqlite3.Connection, team_id: str) -> dict[str, tuple[dict[str, Any], dict[str, dict[str, Any]]]]:
    """One team's objectives as the file holds them, in order: id -> (fields, {key result id: fields})."""
    return {
        obj_id: (fields, read_rows(conn, "key_result", obj_id))
        for obj_id, fields in read_rows(conn, "objective", team_id).items()
    }
