"""Sheet names, column headers and dropdown labels of the workbook, in Swedish and English.

One table serves both directions: the writer takes the label in the workshop's
language; the reader recognises a header or a dropdown text in either language
(or the canonical key itself) and maps it back to the canonical key. The columns
of a row's fields come from the field registry (``model/fields.py``; headers and
hints from the catalogue, ``field.*``); the layouts below place them on each sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..i18n.catalog import gettext
from ..i18n.labels import KINDS
from ..model.fields import Entity, Field, entity

FORMAT = "okr-workshop-xlsx"
VERSION = 1

SHEETS: dict[str, dict[str, str]] = {
    "overview": {"sv": "Översikt", "en": "Overview"},
    "okrs": {"sv": "Nyckelresultat", "en": "Key results"},
    "checkins": {"sv": "Uppföljning", "en": "Check-ins"},
    "quality": {"sv": "Kvalitet", "en": "Quality"},
    "lists": {"sv": "Listor", "en": "Lists"},
}
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


_ID_SV, _ID_EN = "Lämna som det är. Lämna tomt på nya rader.", "Leave it as it is. Leave it blank on new rows."
_TEAM_OLD = ("Lag",)  # the Swedish header before "team" became the term


def field_column(entity: str, f: Field) -> Column:
    """The workbook column of a field of the registry: header and hint from the catalogue (``field.*``)."""
    sv, en = _texts(Entity.title(entity, f.name))
    help_sv, help_en = _texts(f.hint) if f.hint else ("", "")
    return Column(f.column_key, sv, en, f.cell or "text", f.width, help_sv, help_en,
                  required=f.required and f.cell != "stamp", aliases=f.aliases)  # fmt: skip


# The columns of the sheets that are no field of a row (where the row sits, ids, what the export adds).
_OTHER: dict[str, Column] = {c.key: c for c in (
    Column("team", "Team", "Team", "choice:teams", 16, "Välj teamet ur listan.", "Pick the team from the list.",
           aliases=_TEAM_OLD),
    Column("findings", "Kvalitetsanmärkningar", "Quality findings", "output", 44, required=False),
    Column("objective_id", "Mål-id", "Objective id", "id", 7, _ID_SV, _ID_EN),
    Column("key_result_id", "NR-id", "Key result id", "id", 7, _ID_SV, _ID_EN),
    Column("base", "Bas", "Base", "base", 6, required=False),
)}  # fmt: skip
_CHECKIN_OTHER: dict[str, Column] = {c.key: c for c in (
    Column("team", "Team", "Team", "output", 16, required=False, aliases=_TEAM_OLD),
    Column("objective", "Mål", "Objective", "output", 30, required=False),
    Column("key_result", "Nyckelresultat", "Key result", "long", 36,
           "Nyckelresultatet som följs upp (som på bladet Nyckelresultat).",
           "The key result followed up (as on the Key results sheet)."),
    Column("unit", "Enhet", "Unit", "output", 8, required=False),
    Column("target", "Målvärde", "Target", "output", 10, required=False),
    Column("progress", "Framsteg", "Progress", "output", 12, required=False),
    Column("key_result_id", "NR-id", "Key result id", "id", 7, _ID_SV, _ID_EN),
    Column("check_in_id", "Uppföljnings-id", "Check-in id", "id", 7, _ID_SV, _ID_EN),
    Column("base", "Bas", "Base", "base", 6, required=False),
)}  # fmt: skip
_TEAM_OTHER: dict[str, Column] = {c.key: c for c in (
    Column("objectives", "Mål", "Objectives", "output", 10, required=False),
    Column("key_results", "Nyckelresultat", "Key results", "output", 14, required=False),
    Column("strength", "Styrka (0–100)", "Strength (0–100)", "output", 14, required=False),
    Column("grade", "Betyg", "Grade", "output", 10, required=False),
    Column("band", "Färgzon", "Band", "output", 10, required=False),
    Column("team_id", "Team-id", "Team id", "id", 7, _ID_SV, _ID_EN, aliases=("Lag-id",)),
    Column("base", "Bas", "Base", "base", 6, required=False),
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
    "type": {
        "committed": {"sv": "åtagande", "en": "committed"},
        "aspirational": {"sv": "ambitiöst", "en": "aspirational"},
    },
    "indicator": {
        "leading": {"sv": "ledande", "en": "leading"},
        "lagging": {"sv": "släpande", "en": "lagging"},
    },
    "severity": {
        "error": {"sv": "fel", "en": "error"},
        "warning": {"sv": "varning", "en": "warning"},
        "info": {"sv": "info", "en": "info"},
    },
}

MESSAGES = {
    "list_error": {"sv": "Välj ett värde ur listan.", "en": "Pick a value from the list."},
    "number_error": {"sv": "Här ska det stå ett tal.", "en": "This cell takes a number."},
    "date_error": {"sv": "Här ska det stå ett datum (ÅÅÅÅ-MM-DD).", "en": "This cell takes a date (YYYY-MM-DD)."},
    "confidence_error": {"sv": "Ett heltal från 1 till 10.", "en": "A whole number from 1 to 10."},
    "team_warning": {
        "sv": "Teamet finns inte i listan; lägg till det på bladet Översikt.",
        "en": "The team is not in the list; add it on the Overview sheet.",
    },
}


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
PROBLEMS: dict[str, dict[str, str]] = {
    # where
    "at_sheet": {"sv": '{file}, bladet "{sheet}"', "en": '{file}, sheet "{sheet}"'},
    "at_row": {"sv": ", rad {row}", "en": ", row {row}"},
    "at_column": {"sv": ', kolumnen "{column}"', "en": ', column "{column}"'},
    "nothing_stored": {"sv": "; inget sparades", "en": "; nothing was stored"},
    "summary": {"sv": "{file}: {n} problem; det första: {first}", "en": "{file}: {n} problems; the first: {first}"},
    "summary_stored": {
        "sv": "{file}: {n} problem, inget sparades; det första: {first}",
        "en": "{file}: {n} problems, nothing was stored; the first: {first}",
    },
    # cells
    "formula": {
        "sv": "innehåller en formel ({value}); formler tas inte emot här, skriv {what} direkt "
        "(för att behålla ett inledande =, skriv en apostrof före)",
        "en": "holds a formula ({value}); formulas are refused here, type {what} itself "
        "(to keep a leading =, type an apostrophe before it)",
    },
    "formula_text": {"sv": "texten", "en": "text"},
    "formula_value": {"sv": "värdet", "en": "a value"},
    "number": {"sv": "ett tal behövs, inte {value}", "en": "expected a number, got {value}"},
    "confidence": {
        "sv": "ett heltal från 1 till 10 behövs, inte {value}",
        "en": "expected a whole number from 1 to 10, got {value}",
    },
    "date": {"sv": "ett datum som ÅÅÅÅ-MM-DD behövs, inte {value}", "en": "expected a date as YYYY-MM-DD, got {value}"},
    "id": {
        "sv": "ett id (bokstäver, siffror, _.:-) behövs, inte {value}; töm cellen för en ny rad",
        "en": "expected an id (letters, digits, _.:-), got {value}; clear the cell for a new row",
    },
    "choice": {"sv": "välj ett av {options}, inte {value}", "en": "expected one of {options}, got {value}"},
    # structure
    "sheet_missing": {
        "sv": "{file}: bladet {names} saknas (omdöpt eller borttaget?); exportera arbetsboken igen "
        "eller återställ bladets namn",
        "en": "{file}: sheet {names} is missing (renamed or deleted?); export the workbook again "
        "or restore the sheet's name",
    },
    "two_sheets": {
        "sv": '{file}: bladen "{a}" och "{b}" är samma blad{hidden}; det går inte att veta vilket som gäller: '
        "ta bort eller döp om det som inte gäller och importera igen",
        "en": '{file}: sheets "{a}" and "{b}" are the same sheet{hidden}; which one counts cannot be told: '
        "delete or rename the one that does not and import again",
    },
    "hidden_note": {"sv": " (dolt: {names})", "en": " (hidden: {names})"},
    "copied_sheet": {
        "sv": '{file}: bladet "{copy}" ser ut som en kopia av "{original}" och skulle inte importeras; '
        'flytta dess rader till "{original}" och ta bort kopian',
        "en": '{file}: sheet "{copy}" looks like a copy of "{original}" and would not be imported; '
        'move its rows to "{original}" and delete the copy',
    },
    "copy_ignored": {
        "sv": '{file}: bladet "{copy}" är en kopia av ett blad som inte importeras; det hoppas över',
        "en": '{file}: sheet "{copy}" is a copy of a sheet that is not imported; it is skipped',
    },
    "hidden_input": {
        "sv": '{file}: bladet "{sheet}" är dolt; dess rader importeras ändå',
        "en": '{file}: sheet "{sheet}" is hidden; its rows are imported all the same',
    },
    "too_many_rows": {
        "sv": '{file}: bladet "{sheet}" har fler än {limit} ifyllda rader; en workshop har långt färre: '
        "ta bort rader som inte hör dit eller dela upp arbetsboken",
        "en": '{file}: sheet "{sheet}" has more than {limit} filled rows; a workshop has far fewer: '
        "delete rows that do not belong or split the workbook",
    },
    "column_missing": {
        "sv": 'kolumnen "{sv}" / "{en}" saknas (omdöpt eller borttagen?); återställ rubriken som den exporterades',
        "en": 'the column "{sv}" / "{en}" is missing (renamed or deleted?); restore its header as exported',
    },
    "lists_changed": {
        "sv": "{file}: det dolda bladet Listor har ändrats; exportera arbetsboken igen",
        "en": "{file}: the hidden lists sheet was changed; export the workbook again",
    },
    "no_marker": {
        "sv": "{file}: inte en arbetsbok exporterad av okr-workshop (formatmarkering saknas); exportera den igen",
        "en": "{file}: not a workbook exported by okr-workshop (no format marker); export it again",
    },
    "too_new": {
        "sv": "{file}: skriven av en nyare okr-workshop (version {version}); uppgradera",
        "en": "{file}: written by a newer okr-workshop (version {version}); upgrade",
    },
    "field_row_missing": {
        "sv": 'raden "{label}" saknas; exportera arbetsboken igen',
        "en": 'the "{label}" row is missing; export the workbook again',
    },
    "team_table_missing": {
        "sv": 'teamtabellen (rubrikerna "{a}"/"{b}" … "{c}"/"{d}") saknas; exportera arbetsboken igen',
        "en": 'the team table (headers "{a}"/"{b}" … "{c}"/"{d}") is missing; export the workbook again',
    },
    "settings_damaged": {
        "sv": "cellen med inställningar är skadad; exportera arbetsboken igen",
        "en": "the settings cell is damaged; export the workbook again",
    },
    "hidden_changed": {
        "sv": "{field}: {problem}; det dolda bladet har ändrats, exportera arbetsboken igen",
        "en": "{field}: {problem}; the hidden sheet was changed, export the workbook again",
    },
    "empty": {"sv": "får inte vara tom", "en": "must not be empty"},
    "other_workshop": {
        "sv": "{file}: exporterad från en annan workshop ({organisation}, id {id}) än {into} "
        "({current}, id {current_id}); importera den till workshopen den kom från",
        "en": "{file}: exported from another workshop ({organisation}, id {id}) than {into} "
        "({current}, id {current_id}); import it into the workshop it came from",
    },
    # the file (before its language is known: English, or the language asked for)
    "no_file": {"sv": "{path}: filen finns inte; kontrollera sökvägen", "en": "{path}: no such file; check the path"},
    "too_big": {
        "sv": "{file}: filen är {mb:.1f} MB; arbetsböcker över {limit:.0f} MB tas inte emot, dela upp den eller "
        "ta bort bilder",
        "en": "{file}: the file is {mb:.1f} MB; workbooks over {limit:.0f} MB are refused, split it or remove pictures",
    },
    "cannot_open": {
        "sv": "{file}: kan inte öppnas ({error}); kontrollera att du får läsa den",
        "en": "{file}: cannot be opened ({error}); check that you may read it",
    },
    "password": {
        "sv": "{file}: arbetsboken är lösenordsskyddad; ta bort lösenordet i Excel (Arkiv › Info › Skydda arbetsbok) "
        "och försök igen",
        "en": "{file}: the workbook is password-protected; remove the password in Excel (File › Info › Protect "
        "Workbook) and try again",
    },
    "xls": {
        "sv": "{file}: det här är en Excel 97–2003-fil (.xls); öppna den och spara den som .xlsx först",
        "en": "{file}: this is an Excel 97–2003 (.xls) file; open it and save it as .xlsx first",
    },
    "not_xlsx": {
        "sv": "{file}: inte en Excel-arbetsbok (.xlsx); exportera eller spara filen som .xlsx och försök igen",
        "en": "{file}: not an Excel workbook (.xlsx); export or save the file as .xlsx and try again",
    },
    "unpacks": {
        "sv": "{file}: packas upp till {mb:.0f} MB (gränsen är {limit:.0f} MB); tas inte emot",
        "en": "{file}: unpacks to {mb:.0f} MB (limit {limit:.0f} MB); refused",
    },
    "zip_bomb": {
        "sv": "{file}: delen {part} är misstänkt hårt packad (en zip-bomb?); tas inte emot",
        "en": "{file}: part {part} is compressed suspiciously well (zip bomb?)",
    },
    "no_content_types": {
        "sv": "{file}: en zip-fil men inte en Excel-arbetsbok ([Content_Types].xml saknas)",
        "en": "{file}: a zip file but not an Excel workbook (no [Content_Types].xml)",
    },
    "damaged": {
        "sv": "{file}: filen är skadad eller inte en .xlsx-arbetsbok ({error}); spara om den som .xlsx",
        "en": "{file}: the file is damaged or not an .xlsx workbook ({error})",
    },
    "other_office": {
        "sv": "{file}: en zip-fil men inte en Excel-arbetsbok (en Word- eller annan Office-fil?)",
        "en": "{file}: a zip file but not an Excel workbook (a Word or other Office file?)",
    },
    "xml_attack": {
        "sv": "{file}: tas inte emot: arbetsbokens XML deklarerar entiteter eller en DTD ({name}), vilket kan vara "
        "en attack ('billion laughs'); spara om den från Excel eller LibreOffice",
        "en": "{file}: refused: the workbook's XML declares entities or a DTD ({name}), which can be an attack "
        "('billion laughs'); re-save it from Excel or LibreOffice",
    },
    "unreadable": {
        "sv": "{file}: kan inte läsas som en arbetsbok ({name}: {error}); spara om den som .xlsx",
        "en": "{file}: cannot be read as a workbook ({name}: {error}); re-save it as .xlsx",
    },
    # teams
    "team_name_missing": {"sv": "ett team behöver ett namn", "en": "a team needs a name"},
    "team_twice": {"sv": "{value} finns också på rad {row}", "en": "{value} is also on row {row}"},
    "no_parent_team": {
        "sv": "det finns inget team {value} att stödja{hint}",
        "en": "no team named {value} above{hint}",
    },
    "did_you_mean": {"sv": "; menade du {value}?", "en": "; did you mean {value}?"},
    "not_a_team": {
        "sv": '{value} är inte ett team på bladet "{sheet}"; välj ett ur listan eller lägg till teamet där{hint}',
        "en": '{value} is not a team on sheet "{sheet}"; pick one from the list or add the team there{hint}',
    },
    "row_needs_team": {"sv": "varje rad behöver ett team; välj ett ur listan", "en": "every row needs a team"},
    # objectives
    "row_needs_objective": {"sv": "varje rad behöver ett mål; skriv målet", "en": "every row needs an objective"},
    "objective_other_team": {
        "sv": "samma mål-id finns under teamet {value} på rad {row}; töm id-cellen på raderna för ett nytt mål",
        "en": "the same objective id is under team {value} on row {row}; clear the id on rows of a new objective",
    },
    "objective_differs": {
        "sv": "{value} skiljer sig från {first} på rad {row} för samma mål; gör målets alla rader lika "
        "(eller töm id-cellen för ett nytt mål)",
        "en": "{value} differs from {first} on row {row} of the same objective; make all its rows the same "
        "(or clear the id for a new objective)",
    },
    "no_parent_objective": {
        "sv": "inget mål heter {value}; välj ett ur listan{hint}",
        "en": "no objective titled {value}; pick one from the list{hint}",
    },
    "parent_ambiguous": {
        "sv": "{n} mål heter {value}; byt namn på ett av dem",
        "en": "{n} objectives are titled {value}; rename one of them",
    },
    # key results
    "kr_text_missing": {
        "sv": "nyckelresultatets text saknas; skriv den",
        "en": "the key result's text is missing",
    },
    "kr_id_twice": {
        "sv": "samma NR-id finns på rad {row} (en kopierad rad?); töm det på den nya raden",
        "en": "the same key-result id is on row {row} (a copied row?); clear it on the new row",
    },
    "kind_required": {
        "sv": "måste fyllas i; välj mätsätt ur listan",
        "en": "required; pick how progress is measured from the list",
    },
    "grade": {"sv": "ett betyg är 0,0–1,0, inte {value}", "en": "a grade is 0.0–1.0, got {value}"},
    # check-ins
    "no_kr_id": {
        "sv": 'inget nyckelresultat har id {value} på bladet "{sheet}"; töm cellen så matchas raden på texten',
        "en": 'no key result with id {value} on sheet "{sheet}"; clear it to match by text',
    },
    "no_kr_text": {
        "sv": 'inget nyckelresultat lyder {value}; kopiera texten från bladet "{sheet}"',
        "en": 'no key result reads {value}; copy its text from sheet "{sheet}"',
    },
    "kr_text_ambiguous": {
        "sv": "{n} nyckelresultat lyder {value}; behåll id-kolumnen",
        "en": "{n} key results read {value}; keep the id column",
    },
    "check_in_value": {"sv": "en uppföljning behöver ett värde (ett tal)", "en": "a check-in needs a value (a number)"},
    "check_in_date": {
        "sv": "en uppföljning behöver ett datum (ÅÅÅÅ-MM-DD)",
        "en": "a check-in needs a date (YYYY-MM-DD)",
    },
    "check_in_id_twice": {
        "sv": "samma uppföljnings-id finns på rad {row} (en kopierad rad?); töm det på den nya raden",
        "en": "the same check-in id is on row {row} (a copied row?); clear it on the new row",
    },
}


def problem(key: str, lang: str, **values: object) -> str:
    """A problem message in sv or en (anything else: en), its {placeholders} filled in."""
    return PROBLEMS[key]["sv" if lang == "sv" else "en"].format(**values)


# The model's own (English) validation messages, in Swedish: pattern of ValidationError.problem -> template.
# {0}, {1} … are the pattern's groups; {options}: the labels of the field's dropdown.
_MODEL_SV: tuple[tuple[str, str], ...] = (
    (r"text is (\d+) characters; shorten it to (\d+) or fewer", "texten är {0} tecken; korta den till högst {1}"),
    (r"text contains a NUL character; remove it", "texten innehåller ett NUL-tecken; ta bort det"),
    (r"expected text, got (.*)", "text behövs, inte {0}"),
    (r"expected a number, got (.*)", "ett tal behövs, inte {0}"),
    (r"ambiguous number (.*): write (\S+) for a whole number, or ([+-]?\d+)\.(\d+) for a decimal",
     "tvetydigt tal {0}: skriv {1} för ett heltal, eller {2},{3} för ett decimaltal"),
    (r"expected a finite number, got (.*)", "ett ändligt tal behövs, inte {0}"),
    (r"the number is too large; use a unit that keeps it below 1e15",
     "talet är för stort; välj en enhet som håller det under 1e15"),
    (r"(\S+) is too large; use a unit that keeps it below 1e15",
     "{0} är för stort; välj en enhet som håller talet under 1e15"),
    (r"confidence must be a whole number from 1 to 10, got (.*)", "tilltron ska vara ett heltal från 1 till 10, inte {0}"),
    (r"confidence is required: a whole number from 1 to 10", "tilltro måste fyllas i: ett heltal från 1 till 10"),
    (r"expected a date as YYYY-MM-DD, got (.*)", "ett datum som ÅÅÅÅ-MM-DD behövs, inte {0}"),
    (r"expected a date, got (.*)", "ett datum behövs, inte {0}"),
    (r"a date is required \(YYYY-MM-DD\)", "ett datum måste fyllas i (ÅÅÅÅ-MM-DD)"),
    (r"(\S+) is outside (\d+)–(\d+); check the year", "{0} ligger utanför {1}–{2}; kontrollera året"),
    (r"expected one of .*, got (.*)", "välj ett av {options}, inte {0}"),
    (r"required; one of .*", "måste fyllas i; välj ett av {options}"),
    (r"must not be empty", "får inte vara tom"),
    (r"weight must be a number of 0 or more, got (.*)", "vikten ska vara ett tal, 0 eller mer, inte {0}"),
    (r"an id is 1–64 letters, digits or _\.:- , got (.*)", "ett id är 1–64 bokstäver, siffror eller _.:-, inte {0}"),
    (r"a grade is 0\.0–1\.0, got (.*)", "ett betyg är 0,0–1,0, inte {0}"),
)  # fmt: skip
_MODEL_PATTERNS: list[tuple[re.Pattern[str], str]] | None = None
_VOCABULARY_OF = {"kind": "kind", "type": "type", "indicator": "indicator"}  # last word of ValidationError.where


def model_problem(where: str, message: str, lang: str) -> str:
    """The model's ValidationError message in ``lang``; in Swedish when a template fits, else the English text."""
    global _MODEL_PATTERNS
    if lang != "sv":
        return message
    if _MODEL_PATTERNS is None:
        _MODEL_PATTERNS = [(re.compile(p), t) for p, t in _MODEL_SV]
    for pattern, template in _MODEL_PATTERNS:
        m = pattern.fullmatch(message)
        if m:
            vocabulary = _VOCABULARY_OF.get(where.rsplit(" ", 1)[-1])
            options = ", ".join(choice_texts(vocabulary, "sv")) if vocabulary else ""
            if "{options}" in template and not options:
                return message
            return template.format(*m.groups(), options=options)
    return message
