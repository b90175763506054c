"""Sheet names, column headers and dropdown labels of the workbook, in Swedish and English.

One table serves both directions: the writer takes the label in the workshop's
language; the reader recognises a header or a dropdown text in either language
(or the canonical key itself) and maps it back to the canonical key. The columns
of a row's fields come from the field registry (``model/fields.py``; headers and
hints from the catalogue, ``field.*``); the layouts below place them on each sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..i18n.catalog import N_, gettext, table
from ..i18n.labels import KINDS
from ..model.fields import Entity, Field, entity

FORMAT = "okr-workshop-xlsx"
VERSION = 1

SHEETS: dict[str, dict[str, str]] = table(
    (N_("workbook.sheet.overview"), N_("workbook.sheet.okrs"), N_("workbook.sheet.checkins"),
     N_("workbook.sheet.quality"), N_("workbook.sheet.lists")),
    "workbook.sheet.",
)  # fmt: skip
REQUIRED_SHEETS = ("overview", "okrs", "checkins", "lists")


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a sheet.

    key: canonical name; sv/en: the header; kind: text, long (wrapped text),
    number, date, confidence, choice:<list>, id, stamp (a
    grey text cell), output (written, never
    read); width: in characters; help_sv/help_en: the input message shown when
    a cell is selected (empty: none); aliases: older headers still recognised
    on import, so workbooks exported before a rename keep working.
    """

    key: str
    sv: str
    en: str
    kind: str = "text"  # see the docstring; "base": the hidden checksums of the row as exported (excel_base)
    width: float = 14
    help_sv: str = ""
    help_en: str = ""
    required: bool = True  # the header must be present on import
    aliases: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.sv if lang == "sv" else self.en

    def help(self, lang: str) -> str:
        return self.help_sv if lang == "sv" else self.help_en


def _texts(msgid: str) -> tuple[str, str]:
    return gettext("sv", msgid), gettext("en", msgid)


_ID_HINT = N_("workbook.column.id.hint")
_TEAM_OLD = ("Lag",)  # the Swedish header before "team" became the term


def _column(msgid: str, kind: str, width: float, hint: str = "", **more) -> Column:
    """A column that is no field of a row: header (and hint) from the catalogue, its key the msgid's last part."""
    sv, en = _texts(msgid)
    help_sv, help_en = _texts(hint) if hint else ("", "")
    return Column(msgid.rpartition(".")[2], sv, en, kind, width, help_sv, help_en, **more)


def field_column(entity: str, f: Field) -> Column:
    """The workbook column of a field of the registry: header and hint from the catalogue (``field.*``)."""
    sv, en = _texts(Entity.title(entity, f.name))
    help_sv, help_en = _texts(f.hint) if f.hint else ("", "")
    return Column(f.column_key, sv, en, f.cell or "text", f.width, help_sv, help_en,
                  required=f.required and f.cell != "stamp", aliases=f.aliases)  # fmt: skip


# The columns of the sheets that are no field of a row (where the row sits, ids, what the export adds).
_OTHER: dict[str, Column] = {c.key: c for c in (
    _column(N_("workbook.column.okrs.team"), "choice:teams", 16, N_("workbook.column.team.hint"), aliases=_TEAM_OLD),
    _column(N_("workbook.column.okrs.findings"), "output", 44, required=False),
    _column(N_("workbook.column.okrs.objective_id"), "id", 7, _ID_HINT),
    _column(N_("workbook.column.okrs.key_result_id"), "id", 7, _ID_HINT),
    _column(N_("workbook.column.okrs.base"), "base", 6, required=False),
)}  # fmt: skip
_CHECKIN_OTHER: dict[str, Column] = {c.key: c for c in (
    _column(N_("workbook.column.checkins.team"), "output", 16, required=False, aliases=_TEAM_OLD),
    _column(N_("workbook.column.checkins.objective"), "output", 30, required=False),
    _column(N_("workbook.column.checkins.key_result"), "long", 36, N_("workbook.column.checkins.key_result.hint")),
    _column(N_("workbook.column.checkins.unit"), "output", 8, required=False),
    _column(N_("workbook.column.checkins.target"), "output", 10, required=False),
    _column(N_("workbook.column.checkins.progress"), "output", 12, required=False),
    _column(N_("workbook.column.checkins.key_result_id"), "id", 7, _ID_HINT),
    _column(N_("workbook.column.checkins.check_in_id"), "id", 7, _ID_HINT),
    _column(N_("workbook.column.checkins.base"), "base", 6, required=False),
)}  # fmt: skip
_TEAM_OTHER: dict[str, Column] = {c.key: c for c in (
    _column(N_("workbook.column.teams.objectives"), "output", 10, required=False),
    _column(N_("workbook.column.teams.key_results"), "output", 14, required=False),
    _column(N_("workbook.column.teams.strength"), "output", 14, required=False),
    _column(N_("workbook.column.teams.grade"), "output", 10, required=False),
    _column(N_("workbook.column.teams.band"), "output", 10, required=False),
    _column(N_("workbook.column.teams.team_id"), "id", 7, _ID_HINT, aliases=("Lag-id",)),
    _column(N_("workbook.column.teams.base"), "base", 6, required=False),
)}  # fmt: skip

# Where each column sits on its sheet: "entity.field" for a field of the registry, a key of the sheet's
# other columns, and "*": every field of the sheet's entities not placed otherwise (a field added to the
# registry shows up there, before the ids, with nothing else to edit).
OKR_LAYOUT = (
    "team", "objective.title", "objective.type", "objective.parent_id", "key_result.text", "key_result.metric",
    "key_result.unit", "key_result.kind", "key_result.baseline", "key_result.target", "key_result.owner",
    "key_result.due", "key_result.confidence", "findings", "objective.why", "objective.owner", "objective.weight",
    "key_result.weight", "key_result.indicator", "key_result.grade_override", "key_result.override_reason", "*",
    "objective_id", "key_result_id", "base",
)  # fmt: skip
CHECKIN_LAYOUT = (
    "team", "objective", "key_result", "unit", "target", "check_in.on", "check_in.value", "check_in.confidence",
    "check_in.comment", "check_in.author", "*", "progress", "key_result_id", "check_in_id", "check_in.recorded_at",
    "base",
)  # fmt: skip
TEAM_LAYOUT = ("team.name", "team.parent_id", "objectives", "key_results", "strength", "grade", "band", "team_id",
               "base")  # fmt: skip


@cache
def _columns(layout: tuple[str, ...], other: tuple[Column, ...], entities: tuple[Entity, ...]) -> tuple[Column, ...]:
    by_key = {c.key: c for c in other}
    fields = {f"{e.name}.{f.name}": field_column(e.name, f) for e in entities for f in e.fields if f.cell}
    placed = {key for key in layout if key in fields}
    out = []
    for key in layout:
        if key == "*":
            out += [col for name, col in fields.items() if name not in placed]
        elif key in fields:
            out.append(fields[key])
        elif key in by_key:
            out.append(by_key[key])
    return tuple(out)


def okr_columns() -> tuple[Column, ...]:
    """The columns of the key-results sheet (one row per key result; an objective's fields on each of its rows)."""
    return _columns(OKR_LAYOUT, tuple(_OTHER.values()), (entity("objective"), entity("key_result")))


def checkin_columns() -> tuple[Column, ...]:
    """The columns of the check-ins sheet."""
    return _columns(CHECKIN_LAYOUT, tuple(_CHECKIN_OTHER.values()), (entity("check_in"),))


def team_columns() -> tuple[Column, ...]:
    """The columns of the team table on the overview sheet."""
    return _columns(TEAM_LAYOUT, tuple(_TEAM_OTHER.values()), (entity("team"),))


def field_columns(kind: str) -> dict[str, str]:
    """Field name -> the key of its workbook column, for the fields of a row that have one."""
    return {f.name: f.column_key for f in entity(kind).fields if f.cell}


def __getattr__(name: str):
    # the column tables by their names before the registry (built from it as it is now)
    tables = {"OKR_COLUMNS": okr_columns, "CHECKIN_COLUMNS": checkin_columns, "TEAM_COLUMNS": team_columns}
    if name in tables:
        return tables[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


QUALITY_COLUMNS: tuple[Column, ...] = (
    _column(N_("workbook.column.quality.team"), "output", 16, aliases=_TEAM_OLD),
    _column(N_("workbook.column.quality.where"), "output", 30),
    _column(N_("workbook.column.quality.severity"), "output", 12),
    _column(N_("workbook.column.quality.rule"), "output", 22),
    _column(N_("workbook.column.quality.message"), "output", 50),
    _column(N_("workbook.column.quality.suggestion"), "output", 50),
)  # fmt: skip

# Label rows at the top of the overview sheet (key, sv, en).
OVERVIEW_FIELDS: tuple[tuple[str, str, str], ...] = tuple(
    (msgid.rpartition(".")[2], *_texts(msgid))
    for msgid in (
        N_("workbook.overview.organisation"),
        N_("workbook.overview.period"),
        N_("workbook.overview.start"),
        N_("workbook.overview.end"),
        N_("workbook.overview.profile"),
        N_("workbook.overview.exported"),
    )
)

TITLE = {lang: gettext(lang, "workbook.title") for lang in ("sv", "en")}
_HINTS = (N_("workbook.hint.fill"), N_("workbook.hint.ids"), N_("workbook.hint.edits"))
HINT = {lang: tuple(gettext(lang, msgid) for msgid in _HINTS) for lang in ("sv", "en")}

# Dropdown vocabularies: canonical key -> label per language.
CHOICES: dict[str, dict[str, dict[str, str]]] = {
    "kind": KINDS,  # one vocabulary with the quality messages (i18n)
    "type": table((N_("label.type.committed"), N_("label.type.aspirational")), "label.type."),
    "indicator": table((N_("label.indicator.leading"), N_("label.indicator.lagging")), "label.indicator."),
    "severity": table(
        (N_("label.severity.error"), N_("label.severity.warning"), N_("label.severity.info")), "label.severity."
    ),
}

# The data-validation messages Excel shows on a bad cell (catalogue: workbook.problem.*).
MESSAGES: dict[str, dict[str, str]] = table(
    (N_("workbook.problem.list_error"), N_("workbook.problem.number_error"), N_("workbook.problem.date_error"),
     N_("workbook.problem.confidence_error"), N_("workbook.problem.team_warning")),
    "workbook.problem.",
)  # fmt: skip


def _norm(text: object) -> str:
    return " ".join(str(text).split()).casefold()


def choice_label(vocabulary: str, key: str | None, lang: str) -> str:
    """The dropdown label of a canonical key ("" for None)."""
    if key is None:
        return ""
    return CHOICES[vocabulary][key][lang]


_CHOICE_LOOKUP: dict[str, dict[str, str]] = {
    name: {_norm(text): key for key, labels in vocab.items() for text in (key, *labels.values())}
    for name, vocab in CHOICES.items()
}
_CHOICE_LOOKUP["kind"].update({"at-least": "at_least", "at-most": "at_most", "at least": "at_least"})


def choice_key(vocabulary: str, text: object) -> str | None:
    """The canonical key of a dropdown text in sv or en (or the key itself); None if unknown."""
    return _CHOICE_LOOKUP[vocabulary].get(_norm(text))


def choice_texts(vocabulary: str, lang: str) -> list[str]:
    return [labels[lang] for labels in CHOICES[vocabulary].values()]


def sheet_name(key: str, lang: str) -> str:
    return SHEETS[key][lang]


def sheet_key(name: str) -> str | None:
    """The canonical key of a sheet name in sv or en."""
    wanted = _norm(name)
    for key, names in SHEETS.items():
        if wanted in (_norm(names["sv"]), _norm(names["en"]), key):
            return key
    return None


def header_lookup(columns: tuple[Column, ...]) -> dict[str, str]:
    """Header text (either language, case-insensitive) -> column key."""
    found: dict[str, str] = {}
    for col in columns:
        for text in (col.sv, col.en, col.key, *col.aliases):
            found.setdefault(_norm(text), col.key)
    return found


def overview_lookup() -> dict[str, str]:
    return {_norm(text): key for key, sv, en in OVERVIEW_FIELDS for text in (sv, en)}


normalise = _norm


# --------------------------------------------------------------------------- problems found on import
# One line each: where (file, sheet, row, column), what (the bad value) and how to fix it; {value} is quoted.
# The texts are the catalogue's workbook.problem.<key>; a model error renders itself (ValidationError.render).
PROBLEM = "workbook.problem."


def problem(key: str, lang: str, **values: object) -> str:
    """A problem message in sv or en (anything else: en), its {placeholders} filled in."""
    return gettext("sv" if lang == "sv" else "en", PROBLEM + key, **values)
