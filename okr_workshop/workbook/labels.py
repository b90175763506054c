"""Sheet names, column headers and dropdown labels of the workbook, in Swedish and English.

One table serves both directions: the writer takes the label in the workshop's
language; the reader recognises a header or a dropdown text in either language
(or the canonical key itself) and maps it back to the canonical key.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n.catalog import N_, gettext, table
from ..i18n.labels import KINDS

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


_NUM_SV, _NUM_EN = "Skriv ett tal, t.ex. 200 eller 4,5.", "Type a number, e.g. 200 or 4.5."
_DATE_SV, _DATE_EN = "Skriv ett datum: ÅÅÅÅ-MM-DD.", "Type a date: YYYY-MM-DD."
_CONF_SV = "Hur säkra är ni på att nå målvärdet? Heltal 1–10 (runt 5 är normalt)."
_CONF_EN = "How sure are you to reach the target? A whole number 1–10 (about 5 is normal)."
_ID_SV, _ID_EN = "Lämna som det är. Lämna tomt på nya rader.", "Leave it as it is. Leave it blank on new rows."
_TEAM_OLD = ("Lag",)  # the Swedish header before "team" became the term

OKR_COLUMNS: tuple[Column, ...] = (
    Column("team", "Team", "Team", "choice:teams", 16, "Välj teamet ur listan.", "Pick the team from the list.",
           aliases=_TEAM_OLD),
    Column("objective", "Mål", "Objective", "long", 36, "Kvalitativt och inspirerande, utan siffror.",
           "Qualitative and inspiring, no numbers."),
    Column("type", "Typ", "Type", "choice:type", 14, "Åtagande (väntas nå 1,0) eller ambitiöst (cirka 0,7).",
           "Committed (expected to reach 1.0) or aspirational (about 0.7)."),
    Column("parent", "Stödjer", "Supports", "choice:objectives", 28,
           "Målet på nivån ovanför som detta mål stödjer.", "The objective of the level above that this one supports."),
    Column("key_result", "Nyckelresultat", "Key result", "long", 40, "Ett mätbart resultat, inte en aktivitet.",
           "A measurable outcome, not an activity."),
    Column("metric", "Mått", "Metric", "text", 18, "Vad som mäts.", "What is measured."),
    Column("unit", "Enhet", "Unit", "text", 8, "st, %, SEK, dagar …", "pcs, %, USD, days …"),
    Column("kind", "Mätsätt", "Kind", "choice:kind", 14, "Hur framsteg räknas.", "How progress is computed."),
    Column("baseline", "Utgångsläge", "Baseline", "number", 12, _NUM_SV, _NUM_EN),
    Column("target", "Målvärde", "Target", "number", 12, _NUM_SV, _NUM_EN),
    Column("owner", "Ansvarig", "Owner", "text", 14),
    Column("due", "Klart senast", "Due", "date", 12, _DATE_SV, _DATE_EN),
    Column("confidence", "Tilltro (1–10)", "Confidence (1–10)", "confidence", 11, _CONF_SV, _CONF_EN),
    Column("findings", "Kvalitetsanmärkningar", "Quality findings", "output", 44, required=False),
    Column("why", "Varför", "Why", "long", 30, "Varför målet är viktigt just nu.", "Why the objective matters now."),
    Column("objective_owner", "Målägare", "Objective owner", "text", 14),
    Column("objective_weight", "Målvikt", "Objective weight", "number", 9, _NUM_SV, _NUM_EN),
    Column("weight", "Vikt", "Weight", "number", 8, _NUM_SV, _NUM_EN),
    Column("indicator", "Indikator", "Indicator", "choice:indicator", 12),
    Column("grade_override", "Manuellt betyg", "Grade override", "number", 10,
           "Facilitatorns betyg 0,0–1,0 vid periodens slut.", "The facilitator's grade 0.0–1.0 at the end."),
    Column("override_reason", "Skäl till manuellt betyg", "Override reason", "long", 24),
    Column("objective_id", "Mål-id", "Objective id", "id", 7, _ID_SV, _ID_EN),
    Column("key_result_id", "NR-id", "Key result id", "id", 7, _ID_SV, _ID_EN),
    Column("base", "Bas", "Base", "base", 6, required=False),
)  # fmt: skip

CHECKIN_COLUMNS: tuple[Column, ...] = (
    Column("team", "Team", "Team", "output", 16, required=False, aliases=_TEAM_OLD),
    Column("objective", "Mål", "Objective", "output", 30, required=False),
    Column("key_result", "Nyckelresultat", "Key result", "long", 36,
           "Nyckelresultatet som följs upp (som på bladet Nyckelresultat).",
           "The key result followed up (as on the Key results sheet)."),
    Column("unit", "Enhet", "Unit", "output", 8, required=False),
    Column("target", "Målvärde", "Target", "output", 10, required=False),
    Column("on", "Datum", "Date", "date", 12, _DATE_SV, _DATE_EN),
    Column("value", "Värde", "Value", "number", 11, "Värdet den dagen. Milstolpe: 1 = klar, 0 = inte klar.",
           "The measured value that day. Milestone: 1 = done, 0 = not done."),
    Column("confidence", "Tilltro (1–10)", "Confidence (1–10)", "confidence", 11, _CONF_SV, _CONF_EN),
    Column("comment", "Kommentar", "Comment", "long", 36),
    Column("author", "Av", "Author", "text", 14),
    Column("progress", "Framsteg", "Progress", "output", 12, required=False),
    Column("key_result_id", "NR-id", "Key result id", "id", 7, _ID_SV, _ID_EN),
    Column("check_in_id", "Uppföljnings-id", "Check-in id", "id", 7, _ID_SV, _ID_EN),
    Column("recorded_at", "Registrerad", "Recorded", "stamp", 7, required=False),
    Column("base", "Bas", "Base", "base", 6, required=False),
)  # fmt: skip

TEAM_COLUMNS: tuple[Column, ...] = (
    Column("team", "Team", "Team", "text", 24, "Nya team: lägg till en rad utan id.", "New teams: add a row without id.",
           aliases=_TEAM_OLD),
    Column("parent_team", "Nivån ovanför", "Level above", "choice:teams", 24),
    Column("objectives", "Mål", "Objectives", "output", 10, required=False),
    Column("key_results", "Nyckelresultat", "Key results", "output", 14, required=False),
    Column("strength", "Styrka (0–100)", "Strength (0–100)", "output", 14, required=False),
    Column("grade", "Betyg", "Grade", "output", 10, required=False),
    Column("band", "Färgzon", "Band", "output", 10, required=False),
    Column("team_id", "Team-id", "Team id", "id", 7, _ID_SV, _ID_EN, aliases=("Lag-id",)),
    Column("base", "Bas", "Base", "base", 6, required=False),
)  # fmt: skip

QUALITY_COLUMNS: tuple[Column, ...] = (
    Column("team", "Team", "Team", "output", 16, aliases=_TEAM_OLD),
    Column("where", "Var", "Where", "output", 30),
    Column("severity", "Allvarlighet", "Severity", "output", 12),
    Column("rule", "Regel", "Rule", "output", 22),
    Column("message", "Anmärkning", "Finding", "output", 50),
    Column("suggestion", "Förslag", "Suggestion", "output", 50),
)

# Label rows at the top of the overview sheet (key, sv, en).
OVERVIEW_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("organisation", "Organisation", "Organisation"),
    ("period", "Period", "Period"),
    ("start", "Start", "Start"),
    ("end", "Slut", "End"),
    ("profile", "Betygsprofil", "Scoring profile"),
    ("exported", "Exporterad", "Exported"),
)

TITLE = {"sv": "OKR-workshop", "en": "OKR workshop"}
HINT = {
    "sv": (
        "Fyll i uppföljningar på bladet Uppföljning och ändra mål på bladet Nyckelresultat.",
        "Nya rader utan id läggs till vid import; ändra inte id-kolumnerna längst till höger.",
        "Ändrade uppföljningar uppdateras (den gamla versionen sparas); en raderad rad tas inte bort ur filen.",
    ),
    "en": (
        "Fill in check-ins on the Check-ins sheet and edit OKRs on the Key results sheet.",
        "New rows without id are added on import; leave the id columns on the right as they are.",
        "Edited check-ins are updated (the old version is kept); a deleted row is not removed from the file.",
    ),
}

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
