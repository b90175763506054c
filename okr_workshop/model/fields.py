"""The field registry: each entity's fields, declared once.

The workshop file's columns and rows (SQLite and PostgreSQL), the JSON format,
the field-by-field saves of forms, the workbook's columns, its rows written and
read back, and the checksums of an exported row are all built from these
declarations. Rows are always name → value, never positional, so the order
below is only the order of columns in a new file, of keys in the JSON and of
checksums in a workbook's hidden base column.

Adding a field to an entity: the attribute on its dataclass (``entities.py``,
with its validation in ``__post_init__``), one ``Field`` here (``required=False``
when it has a workbook column, so that workbooks exported before it still
import), and a migration that adds the column to existing files
(``storage.store.MIGRATIONS``). Its workbook header and hint come from the
catalogue under ``field.<entity>.<name>`` (and ``.hint``). docs/storage.md
walks through it; tests/test_field_registry.py does it with a throwaway field.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .entities import CheckIn, Indicator, KeyResult, Kind, Objective, ObjectiveType, Team

# The kinds of value a field holds (what its canonical form is):
# text: str; number: float or None; int: int or None; date: ISO text or None (a date in the model);
# enum: the key of ``Field.enum`` or None; ref: the id of another row or None (a workbook shows its name).
KINDS = ("text", "number", "int", "date", "enum", "ref")


@dataclass(frozen=True, slots=True)
class Field:
    """One field of an entity.

    name: the model's attribute, the JSON key and (unless ``column``) the SQL column;
    kind: one of ``KINDS``; sql: the column's SQL type; column: the SQL column when it
    differs from the name; enum: the vocabulary of an enum field; default: the value
    when a workbook cell is left blank; editable: people change it (forms save it field
    by field, a workbook row's base remembers it); cell: the workbook column's kind
    (text, long, number, date, confidence, choice:<list>), None when the field has no
    column of its own; key: the workbook column's key (default: the name); width: of
    that column, in characters; hint: the msgid of the column's input message (None:
    none); aliases: older headers still recognised on import; required: a workbook without
    its column is refused on import. A field added after workbooks went out says False: those
    workbooks import, and the field is left as the workshop holds it.
    """

    name: str
    kind: str = "text"
    sql: str = "TEXT NOT NULL"
    column: str = ""
    enum: type[enum.Enum] | None = None
    default: Any = ""
    editable: bool = True
    cell: str | None = "text"
    key: str = ""
    width: float = 14
    hint: str | None = None
    aliases: tuple[str, ...] = ()
    required: bool = True

    def __post_init__(self) -> None:
        if self.kind not in KINDS or (self.kind == "enum") != (self.enum is not None):
            raise ValueError(f"field {self.name!r}: kind {self.kind!r} (one of {', '.join(KINDS)}; enum needs enum=)")
        if not self.name.isidentifier():
            raise ValueError(f"field {self.name!r}: a field's name is a Python identifier")

    @property
    def sql_column(self) -> str:
        return self.column or self.name

    @property
    def column_key(self) -> str:
        """The key of its workbook column."""
        return self.key or self.name

    def canonical(self, obj: Any) -> Any:
        """The field of a model object in its canonical form (what files, JSON and workbooks store)."""
        return self.to_canonical(getattr(obj, self.name))

    def to_canonical(self, value: Any) -> Any:
        if value is None:
            return None
        if self.kind == "enum":
            return getattr(value, "value", value)
        if self.kind == "date":
            return value.isoformat() if isinstance(value, dt.date) else value
        return value

    def to_model(self, value: Any) -> Any:
        """A canonical value as the model's attribute holds it (an enum member, a date)."""
        if value is None:
            return None
        if self.kind == "enum":
            return self.enum(value)
        if self.kind == "date":
            return dt.date.fromisoformat(value) if isinstance(value, str) else value
        return value


@dataclass(frozen=True, slots=True)
class Entity:
    """A kind of row: its table, its model class, the column naming its parent row, and its fields.

    name: the table (and the name of the kind of row everywhere: team, objective, key_result,
    check_in); cls: the model's dataclass, built with the fields' canonical values as keywords;
    parent: the SQL column holding the id of the row it belongs to (None for a team);
    where: how the model names it in errors ("key result").
    """

    name: str
    cls: type
    parent: str | None
    where: str
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def editable(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.editable)

    def build(self, id: str = "", **values: Any) -> Any:
        """A model object from canonical values by field name (missing ones take the model's default)."""
        return self.cls(id=id, **values)

    @staticmethod
    def title(entity: str, name: str) -> str:
        """The msgid of a field's workbook header (and label)."""
        return f"field.{entity}.{name}"


# msgids of the catalogue (declared by their English entries; not marked N_ here: the model does
# not import the catalogue, so that `import okr_workshop` stays light)
_NUMBER_HINT = "field.hint.number"
_DATE_HINT = "field.hint.date"
_CONFIDENCE_HINT = "field.hint.confidence"

REGISTRY: dict[str, Entity] = {
    "team": Entity("team", Team, None, "team", (
        Field("name", cell="text", key="team", width=24, hint="field.team.name.hint", aliases=("Lag",)),
        Field("parent_id", "ref", "TEXT", default=None, cell="choice:teams", key="parent_team", width=24),
    )),
    "objective": Entity("objective", Objective, "team_id", "objective", (
        Field("title", cell="long", key="objective", width=36, hint="field.objective.title.hint"),
        Field("why", cell="long", width=30, hint="field.objective.why.hint"),
        Field("type", "enum", "TEXT", enum=ObjectiveType, default=None, cell="choice:type",
              hint="field.objective.type.hint"),
        Field("owner", key="objective_owner"),
        Field("parent_id", "ref", "TEXT", default=None, cell="choice:objectives", key="parent", width=28,
              hint="field.objective.parent_id.hint"),
        Field("weight", "number", "REAL NOT NULL", default=1.0, cell="number", key="objective_weight", width=9,
              hint=_NUMBER_HINT),
    )),
    "key_result": Entity("key_result", KeyResult, "objective_id", "key result", (
        Field("text", cell="long", key="key_result", width=40, hint="field.key_result.text.hint"),
        Field("kind", "enum", enum=Kind, default=None, cell="choice:kind", hint="field.key_result.kind.hint"),
        Field("metric", width=18, hint="field.key_result.metric.hint"),
        Field("unit", width=8, hint="field.key_result.unit.hint"),
        Field("baseline", "number", "REAL", default=None, cell="number", width=12, hint=_NUMBER_HINT),
        Field("target", "number", "REAL", default=None, cell="number", width=12, hint=_NUMBER_HINT),
        Field("owner"),
        Field("due", "date", "TEXT", default=None, cell="date", width=12, hint=_DATE_HINT),
        Field("confidence", "int", "INTEGER", default=None, cell="confidence", width=11, hint=_CONFIDENCE_HINT),
        Field("weight", "number", "REAL NOT NULL", default=1.0, cell="number", width=8, hint=_NUMBER_HINT),
        Field("indicator", "enum", "TEXT", enum=Indicator, default=None, cell="choice:indicator", width=12),
        Field("grade_override", "number", "REAL", default=None, cell="number", width=10,
              hint="field.key_result.grade_override.hint"),
        Field("override_reason", cell="long", width=24),
    )),
    "check_in": Entity("check_in", CheckIn, "key_result_id", "check-in", (
        Field("on", "date", column="on_date", default=None, cell="date", width=12, hint=_DATE_HINT),
        Field("value", "number", "REAL NOT NULL", default=None, cell="number", width=11,
              hint="field.check_in.value.hint"),
        Field("confidence", "int", "INTEGER", default=None, cell="confidence", width=11, hint=_CONFIDENCE_HINT),
        Field("comment", cell="long", width=36),
        Field("author"),
        Field("recorded_at", editable=False, cell="stamp", width=7),
    )),
}  # fmt: skip


_DERIVED: dict[tuple[int, str], tuple[Entity, Any]] = {}


def _derived(e: Entity, what: str, make: Callable[[Entity], Any]) -> Any:
    """``make(e)``, made once per declaration (rows are many; a declaration replaced in a test gets its own)."""
    hit = _DERIVED.get((id(e), what))
    if hit is None or hit[0] is not e:
        hit = _DERIVED[(id(e), what)] = (e, make(e))
    return hit[1]


def _key(value: Any) -> Any:
    return getattr(value, "value", value)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _expressions(e: Entity) -> list[str]:
    """Per field, a Python expression of ``o`` (the object) giving its canonical value."""
    out = []
    for f in e.fields:  # names are identifiers (Field checks it)
        wrap = {"enum": "_key", "date": "_iso"}.get(f.kind)
        out.append(f"{wrap}(o.{f.name})" if wrap else f"o.{f.name}")
    return out


def _compile(source: str) -> Callable[[Any], Any]:
    # a function per declaration, written out as a dataclass writes its __init__: rows are many,
    # and a literal dict or tuple of attributes is several times faster than a loop over the fields
    env = {"_key": _key, "_iso": _iso}
    exec(source, env)  # noqa: S102  (the source is built from the declarations above, not from input)
    return env["f"]


def record_function(e: Entity) -> Callable[[Any], dict[str, Any]]:
    """object -> its id and the canonical values of its fields, by name (made once per declaration)."""

    def make(e: Entity) -> Callable[[Any], dict[str, Any]]:
        items = ", ".join(f"{f.name!r}: {x}" for f, x in zip(e.fields, _expressions(e)))
        return _compile(f"def f(o):\n    return {{'id': o.id, {items}}}")

    return _derived(e, "record", make)


def build_function(e: Entity, at: dict[str, int], clean: Callable[[Any], Any]) -> Callable[[tuple], Any]:
    """A stored row (a tuple; ``at``: field name -> its position, ``id`` included) -> the model object.

    Fields not in ``at`` take the model's default; text fields pass through ``clean`` (None becomes "").
    """
    args = [f"id=r[{at['id']}]"]
    for f in e.fields:
        if f.name in at:
            value = f"r[{at[f.name]}]"
            args.append(f"{f.name}=_clean({value})" if f.kind == "text" else f"{f.name}={value}")
    env = {"_cls": e.cls, "_clean": lambda v: "" if v is None else clean(v)}
    exec(f"def f(r):\n    return _cls({', '.join(args)})", env)  # noqa: S102  (built from the declarations)
    return env["f"]


def row_function(e: Entity) -> Callable[[Any], tuple]:
    """object -> the canonical values of its fields, in the order of ``e.fields`` (made once per declaration)."""
    return _derived(e, "row", lambda e: _compile(f"def f(o):\n    return ({', '.join(_expressions(e))},)"))


def keys(e: Entity, children: str | None = None) -> frozenset[str]:
    """The keys of an entity's JSON object: its id, its fields (and the list of its ``children``)."""
    return _derived(e, f"keys {children}", lambda e: frozenset(("id", *e.names, *((children,) if children else ()))))


def entity(name: str) -> Entity:
    """The declaration of one kind of row (team, objective, key_result, check_in)."""
    return REGISTRY[name]


def fields(name: str) -> tuple[Field, ...]:
    return REGISTRY[name].fields
