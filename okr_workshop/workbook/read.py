"""Read a workbook written by ``write_excel`` back, after people edited it (``read_excel``).

Everything is checked before anything is built: the file itself (size, zip,
content types, password protection), then every cell (``excel_validate``).
All problems are collected and raised at once in one ``WorkbookError``, each
naming the sheet, row, column, the bad value and what was expected. Rows without an id get a
deterministic id (from their content), so reading the same file twice gives
the same workshop. ``import_workbook`` (in ``excel_import``) writes it into a
workshop file.
"""

from __future__ import annotations

import json
import os
import re
import struct
import uuid
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import MissingDependencyError, ValidationError, WorkbookError
from ..model.entities import KeyResult, Objective, Period, Team, Workshop
from ..model.fields import entity
from . import base as B
from . import labels as L
from .validate import _iter_rows, _model_problem, _Problems, _show, _Table, _text

MAX_BYTES = 20 * 1024 * 1024  # compressed size of the file
MAX_UNCOMPRESSED = 512 * 1024 * 1024  # sum of the unpacked parts: refuses zip bombs
MAX_RATIO = 200  # unpacked / packed size of one part
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SPREADSHEET_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
)
_NS = uuid.UUID("5b0f3c2e-8a41-4f7e-9d55-0c1e2a7b6d10")


def stable_id(*parts: object) -> str:
    """A deterministic id for a row that has none yet, so a second import finds the first one's rows."""
    return uuid.uuid5(_NS, "\x1f".join(str(p) for p in parts)).hex


# --------------------------------------------------------------------------- the file


def check_file(path: Path, lang: str = "en") -> None:
    """Refuse files that are missing, too big, not xlsx, password-protected or zip bombs (one-line errors in ``lang``)."""
    name = path.name

    def say(key: str, **values: object) -> str:
        return L.problem(key, lang, file=name, **values)

    if not path.is_file():
        raise WorkbookError(L.problem("no_file", lang, path=path))
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise WorkbookError(say("too_big", mb=size / 1e6, limit=MAX_BYTES / 1e6))
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
            data = fh.read() if head == OLE2 else b""
    except OSError as err:
        raise WorkbookError(say("cannot_open", error=_one_line(err))) from err
    if head == OLE2:
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise WorkbookError(say("password"))
        raise WorkbookError(say("xls"))
    if not head.startswith(b"PK\x03\x04"):
        raise WorkbookError(say("not_xlsx"))
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            if total > MAX_UNCOMPRESSED:
                raise WorkbookError(say("unpacks", mb=total / 1e6, limit=MAX_UNCOMPRESSED / 1e6))
            for info in infos:
                if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(1, info.compress_size):
                    raise WorkbookError(say("zip_bomb", part=info.filename))
            try:
                types = zf.read("[Content_Types].xml").decode("utf-8", "replace")
            except KeyError:
                raise WorkbookError(say("no_content_types")) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, OSError, EOFError,
            RuntimeError, ValueError, KeyError, IndexError, struct.error) as err:  # fmt: skip
        # a damaged entry: a broken deflate stream, an unknown compression method, offsets out of the file, ...
        raise WorkbookError(say("damaged", error=_one_line(err))) from err
    if not any(t in types for t in SPREADSHEET_TYPES):
        raise WorkbookError(say("other_office"))


def _load(path: Path, lang: str = "en"):
    import openpyxl
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:  # openpyxl parses with defusedxml only when it is installed
        raise MissingDependencyError("reading workbooks safely needs defusedxml: pip install defusedxml")
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as err:
        raise _translate(path, err, lang) from err


def _translate(path: Path, err: Exception, lang: str = "en") -> WorkbookError:
    """A third-party error while parsing, as one line a person can act on."""
    from defusedxml import DefusedXmlException

    if isinstance(err, WorkbookError):
        return err
    cause: BaseException | None = err
    while cause is not None and not isinstance(cause, DefusedXmlException):
        cause = cause.__cause__ or cause.__context__  # openpyxl wraps parse errors in a ValueError
    if cause is not None:
        return WorkbookError(L.problem("xml_attack", lang, file=path.name, name=type(cause).__name__))
    return WorkbookError(L.problem("unreadable", lang, file=path.name, name=type(err).__name__, error=_one_line(err)))


def _one_line(err: BaseException, limit: int = 200) -> str:
    """An exception's text on one line, shortened: it goes into a one-line error message."""
    text = " ".join(str(err).split())
    return text[:limit] + ("…" if len(text) > limit else "")


# --------------------------------------------------------------------------- the workbook


# openpyxl's warning about a sheet extension it drops: LibreOffice saves conditional formatting (and its data bars,
# which openpyxl calls "Unknown") as x14 extensions; other warnings (a lost data validation, …) still show
CF_EXTENSION_WARNING = r"(Conditional Formatting|Unknown) extension is not supported"


def read_excel(path: str | os.PathLike, lang: str | None = None) -> Workshop:
    """Read and validate a workbook from ``write_excel`` (possibly edited); raises WorkbookError listing every problem.

    Problems are told in the workbook's language; ``lang`` only when that cannot be found (default English).
    """
    return read_workbook(path, lang=lang).ws


@dataclass(slots=True)
class Reading:
    """A workbook as read for an import.

    ws: the workshop it holds; typed_in: ids given to check-in rows that had none (for
    de-duplication); bases: (kind, id) -> field -> checksum of the row as exported
    (``excel_base``), for rows that carry one; at: (kind, id) -> (sheet, row) where the row is;
    labels: sheet -> column key -> header as written; has_base: the workbook has base columns
    (exported by a version that writes them); warnings: lines for people, in the workbook's
    language; exported: organisation and period as exported (None when the workbook predates them);
    lang: the workbook's language; absent: kind -> the fields whose (optional) column the workbook
    lacks (added since its export: left as the workshop holds them).
    """

    ws: Workshop
    typed_in: set[str] = field(default_factory=set)
    bases: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    at: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    has_base: bool = False
    damaged_at: set[tuple[str, int]] = field(default_factory=set)  # (sheet, row) of each damaged base cell
    warnings: list[str] = field(default_factory=list)
    exported: dict[str, str | None] = field(default_factory=dict)
    lang: str = "en"
    absent: dict[str, set[str]] = field(default_factory=dict)

    @property
    def damaged_bases(self) -> int:
        """How many rows' base cells were damaged (edited by hand)."""
        return len(self.damaged_at)

    def note(self, kind: str, id: str, sheet: str, row_no: int, cell: str | None, *kinds: str) -> None:
        """Remember where the row of (kind, id) is and its base; ``kinds``: the parts the base cell holds."""
        if (kind, id) in self.at:
            return
        self.at[(kind, id)] = (sheet, row_no)
        if not cell:
            return
        parts = B.decode(cell, *kinds) if kinds else None
        if parts is None and kinds == ("objective", "key_result"):
            parts = B.decode(cell, "objective")
            kinds = ("objective",)
        if parts is None:
            self.damaged_at.add((sheet, row_no))  # a key result's row holds its objective's base too: one row
            return
        self.bases[(kind, id)] = parts[kinds.index(kind)]


def read_workbook(path: str | os.PathLike, storing: bool = False, lang: str | None = None) -> Reading:
    """The workshop, the ids given to check-in rows that had none, and each row's base (see ``Reading``).

    ``storing``: read for an import, so problems end "nothing was stored". ``lang``: the language of
    problems when the workbook's own cannot be found (the file is not a workbook).
    """
    path = Path(path)
    fallback = lang if lang in ("sv", "en") else "en"
    check_file(path, fallback)
    wb = _load(path, fallback)
    try:
        with warnings.catch_warnings():
            # LibreOffice saves conditional formatting with an extension openpyxl does not read (and says so on
            # the terminal for every sheet); the workbook's values are all there, so that warning is noise here
            warnings.filterwarnings("ignore", message=CF_EXTENSION_WARNING, category=UserWarning)
            lang = _workbook_lang(wb, fallback)
            return _read(wb, path, storing, lang)
    except (WorkbookError, MissingDependencyError):
        raise
    except Exception as err:
        raise _translate(path, err, lang or fallback) from err
    finally:
        wb.close()


def _workbook_lang(wb, fallback: str | None) -> str:
    """The language recorded in the hidden lists sheet, else the one of the sheet names, else ``fallback`` or en."""
    names = list(wb.sheetnames)
    for title in names:
        if L.sheet_key(title) == "lists":
            try:
                k = v = None
                for row_no, cells in _iter_rows(wb[title]):
                    texts = [_text(c.value).strip() for c in cells]
                    if row_no == 1 and "key" in texts and "value" in texts:
                        k, v = texts.index("key"), texts.index("value")
                    elif k is None or row_no > 50:  # the settings are the first rows of the key/value columns
                        break
                    elif k < len(texts) and v < len(texts) and texts[k] == "lang" and texts[v] in ("sv", "en"):
                        return texts[v]
            except Exception:  # a damaged sheet: reported by _meta, in a guessed language
                pass
            break
    votes = {lang: sum(1 for t in names if L.normalise(t) in {L.normalise(n[lang]) for n in L.SHEETS.values()})
             for lang in ("sv", "en")}  # fmt: skip
    if votes["sv"] != votes["en"]:
        return max(votes, key=votes.__getitem__)
    return fallback if fallback in ("sv", "en") else "en"


_COPY = re.compile(r"(.+?)(?:\s*\(\d+\)|_\d+)")  # "Nyckelresultat (2)" (Excel), "Nyckelresultat_2" (LibreOffice)
_INPUT_SHEETS = ("overview", "okrs", "checkins")


def _sheets(wb, path: Path, lang: str, warnings: list[str] | None = None) -> dict[str, Any]:
    """The sheets by key; two sheets for one key, or a copy of an input sheet, are refused (which one counts?)."""
    found: dict[str, Any] = {}
    for title in wb.sheetnames:
        key = L.sheet_key(title)
        sheet = wb[title]
        state = getattr(sheet, "sheet_state", "visible")
        if key and key in found:
            first = found[key].title
            hidden = [t for t in (first, title) if getattr(wb[t], "sheet_state", "visible") != "visible"]
            raise WorkbookError(L.problem("two_sheets", lang, file=path.name, a=first, b=title,
                                          hidden=L.problem("hidden_note", lang, names=", ".join(f'"{t}"' for t in hidden))
                                          if hidden else ""))  # fmt: skip
        if key:
            found[key] = sheet
            if key in _INPUT_SHEETS and state != "visible" and warnings is not None:
                warnings.append(L.problem("hidden_input", lang, file=path.name, sheet=title))
            continue
        m = _COPY.fullmatch(title.strip())
        original = L.sheet_key(m[1]) if m else None
        if original in _INPUT_SHEETS:
            raise WorkbookError(L.problem("copied_sheet", lang, file=path.name, copy=title, original=m[1].strip()))
        if original and warnings is not None:
            warnings.append(L.problem("copy_ignored", lang, file=path.name, copy=title))
    missing = [k for k in L.REQUIRED_SHEETS if k not in found]
    if missing:
        names = ", ".join(f'"{L.SHEETS[k]["sv"]}" / "{L.SHEETS[k]["en"]}"' for k in missing)
        raise WorkbookError(L.problem("sheet_missing", lang, file=path.name, names=names))
    return found


def _meta(sheet, path: Path, lang: str) -> dict[str, str]:
    rows = _iter_rows(sheet)
    first = next(rows, None)
    header = [_text(c.value).strip() for c in first[1]] if first else []
    if "key" not in header or "value" not in header:
        raise WorkbookError(L.problem("lists_changed", lang, file=path.name))
    k, v = header.index("key"), header.index("value")
    meta = {}
    for _, cells in rows:
        key = _text(cells[k].value).strip() if k < len(cells) else ""
        if not key:
            break  # the settings are the first rows of the key/value columns; the lists below may be long
        meta[key] = _text(cells[v].value) if v < len(cells) else ""
    if meta.get("format") != L.FORMAT:
        raise WorkbookError(L.problem("no_marker", lang, file=path.name))
    if int(meta.get("version") or 0) > L.VERSION:
        raise WorkbookError(L.problem("too_new", lang, file=path.name, version=meta.get("version")))
    return meta


def _read(wb, path: Path, storing: bool = False, lang: str = "en") -> Reading:
    reading = Reading(ws=None, lang=lang)  # type: ignore[arg-type]  # the workshop is set below
    sheets = _sheets(wb, path, lang, reading.warnings)
    meta = _meta(sheets["lists"], path, lang)
    problems = _Problems(path.name, storing, lang)
    ws = reading.ws = _overview(sheets["overview"], meta, problems, path, reading)
    okrs = _Table(sheets["okrs"], sheets["okrs"].title, L.okr_columns(), problems)
    checkins = _Table(sheets["checkins"], sheets["checkins"].title, L.checkin_columns(), problems)
    problems.raise_if_any()  # the structure must be right before rows can be matched up
    for table in (okrs, checkins):
        reading.labels[table.name] = {k: table.label(k) for k in table.columns}
    reading.has_base = "base" in okrs.labels and "base" in checkins.labels
    for kind, table in (("objective", okrs), ("key_result", okrs), ("check_in", checkins)):
        reading.absent[kind] = {name for name, key in L.field_columns(kind).items() if key not in table.labels}
    rejected: dict[str, set[str]] = {"team": set(), "objective": set(), "key_result": set(), "key_result_text": set()}
    refused = _objectives(ws, okrs, problems, rejected, reading)
    reading.typed_in = _check_ins(ws, checkins, problems, [kr for obj in refused for kr in obj.key_results], rejected,
                                  reading)  # fmt: skip
    problems.raise_if_any()
    reading.exported = {"organisation": meta.get("organisation"), "period": meta.get("period")}
    return reading


def _overview(sheet, meta: dict[str, str], problems: _Problems, path: Path, reading: Reading) -> Workshop:
    title = sheet.title
    fields = L.overview_lookup()
    values: dict[str, tuple[int, Any]] = {}
    team_header = None
    team_columns = L.team_columns()
    lookup = L.header_lookup(team_columns)
    for row_no, cells in _iter_rows(sheet):  # the rows above the team table
        first = L.normalise(_text(cells[0].value)) if cells and cells[0].value is not None else ""
        keys = {lookup.get(L.normalise(_text(c.value))) for c in cells if c.value is not None}
        if {"team", "team_id"} <= keys:
            team_header = row_no
            break
        if first in fields and len(cells) > 1:
            values[fields[first]] = (row_no, cells[1].value)
    labels = {key: (sv, en) for key, sv, en in L.OVERVIEW_FIELDS}
    for key in ("organisation", "period"):
        if key not in values:
            problems.add(title, None, None, problems.t("field_row_missing", label=labels[key][problems.lang == "en"]))
    if team_header is None:
        first, last = team_columns[0], next(c for c in team_columns if c.key == "team_id")
        problems.add(title, None, None, problems.t("team_table_missing", a=first.sv, b=first.en, c=last.sv, d=last.en))
    problems.raise_if_any()
    settings = {}
    try:
        settings = json.loads(meta.get("settings") or "{}")
    except json.JSONDecodeError:
        problems.add(L.sheet_name("lists", problems.lang), None, None, problems.t("settings_damaged"))
    period_row, period_text = values["period"]
    try:
        period = Period.parse(_text(period_text), "period")
    except ValidationError as err:
        problems.add(title, period_row, "Period", err.render_problem(problems.lang))
        period = Period.parse("2000")
    org_row, organisation = values["organisation"]
    if not _text(organisation).strip():
        problems.add(title, org_row, "Organisation", problems.t("empty"))
        organisation = "?"
    lang = meta.get("lang") if meta.get("lang") in ("sv", "en") else "sv"
    try:
        ws = Workshop(
            organisation=_text(organisation).strip(),
            period=period,
            lang=lang,
            profile=meta.get("profile") or "google",
            id=meta.get("workshop_id") or "",
            settings=settings if isinstance(settings, dict) else {},
        )
    except ValidationError as err:
        if err.where == "organisation":
            problems.add(title, org_row, "Organisation", err.render_problem(problems.lang))
        else:
            problems.add(L.sheet_name("lists", problems.lang), None, None,
                         problems.t("hidden_changed", field=err.render_where(problems.lang),
                                    problem=err.render_problem(problems.lang)))  # fmt: skip
        ws = Workshop(organisation="?", period=period, lang=lang)  # a stand-in: the problem means nothing is stored
    table = _Table(sheet, title, team_columns, problems, header_row=team_header)
    reading.labels[title] = {k: table.label(k) for k in table.columns}
    reading.absent["team"] = {name for name, key in L.field_columns("team").items() if key not in table.labels}
    parents: list[tuple[Team, int, str]] = []
    names: dict[str, int] = {}
    for row_no, row in table.rows:
        name = row.get("team", "").strip()
        if not name:
            problems.add(title, row_no, table.label("team"), problems.t("team_name_missing"))
            continue
        if name.casefold() in names:
            problems.add(title, row_no, table.label("team"),
                         problems.t("team_twice", value=_show(name), row=names[name.casefold()]))  # fmt: skip
            continue
        names[name.casefold()] = row_no
        try:
            team = Team(name=name, id=row.get("team_id") or stable_id(ws.id, "team", name.casefold()))
        except ValidationError as err:
            _model_problem(problems, table, row_no, err)
            continue
        team.workshop = ws
        ws.teams.append(team)
        parents.append((team, row_no, row.get("parent_team", "").strip()))
        if row.get("team_id"):
            reading.note("team", team.id, title, row_no, row.get("base"), "team")
    by_name = {t.name.casefold(): t for t in ws.teams}  # one lookup per team: 1000 teams took 10 s by scanning
    for team, row_no, parent in parents:
        if parent:
            match = by_name.get(parent.casefold())
            if match is None or match is team:
                hint = _did_you_mean(parent, [t.name for t in ws.teams], problems.lang)
                problems.add(title, row_no, table.label("parent_team"),
                             problems.t("no_parent_team", value=_show(parent), hint=hint))  # fmt: skip
            else:
                team.parent_id = match.id
    return ws


def _values(kind: str, row: dict) -> dict[str, Any]:
    """The fields of a row's entity that its workbook columns give, by field name (field registry).

    Cells are converted already (canonical values); a blank cell gives the field's default. References
    to other rows (an objective's parent) are by name in the workbook: the caller resolves them.
    """
    out = {}
    for f in entity(kind).fields:
        if f.cell and f.kind != "ref":
            value = row.get(f.column_key)
            out[f.name] = f.default if value is None or value == "" else value
    return out


def _columns_of(kind: str) -> tuple[str, ...]:
    return tuple(L.field_columns(kind).values())


def _did_you_mean(text: str, choices: list[str], lang: str = "en") -> str:
    """'; did you mean "X"?' (in ``lang``) for a close match among ``choices`` (a typo), or nothing."""
    import difflib

    by_fold = {c.casefold(): c for c in choices}
    close = difflib.get_close_matches(text.casefold(), list(by_fold), n=1, cutoff=0.75)
    if not close:
        return ""
    return L.problem("did_you_mean", lang, value=json.dumps(by_fold[close[0]], ensure_ascii=False))  # in full


def _reject_row(row: dict, rejected: dict[str, set[str]]) -> None:
    """Remember what a refused row carried, so rows that refer to it are not reported again."""
    for key, what in (("team", "team"), ("objective_id", "objective"), ("objective", "objective"),
                      ("key_result_id", "key_result"), ("key_result", "key_result_text")):  # fmt: skip
        value = _text(row.get(key) or "").strip()
        if value:
            rejected[what].add(value.casefold() if what != "key_result" else value)


def _objectives(
    ws: Workshop, table: _Table, problems: _Problems, rejected: dict[str, set[str]], reading: Reading
) -> list[Objective]:
    """Build the objectives and key results into ``ws``; returns stand-ins for objectives that were refused.

    ``rejected`` collects the teams, objectives and key results of rows that were refused, so that
    rows referring to them are not reported again (the root cause is reported once).
    """
    sheet = table.name
    teams = {t.name.casefold(): t for t in ws.teams}
    teams_by_name = {t.name: t for t in ws.teams}
    seen_obj: dict[str, tuple[int, tuple, Team]] = {}
    seen_kr: dict[str, int] = {}
    pending_parents: list[tuple[Objective, int, str]] = []
    obj_columns = _columns_of("objective")
    refused: dict[str, Objective] = {}  # objectives whose first row failed the model's checks
    built: dict[str, Objective] = {}  # objectives of this sheet by id
    same_text: dict[tuple[str, str], int] = {}  # (objective id, key result text) -> rows so far
    # A row without objective id whose team and title match a row with an id belongs to that objective.
    by_title: dict[tuple[str, str], str] = {}
    for _, row in table.rows:
        team = teams.get(row.get("team", "").strip().casefold())
        if team is not None and row.get("objective_id"):
            by_title.setdefault((team.id, row.get("objective", "").strip().casefold()), row["objective_id"])
    for row_no, row in table.rows:
        team_name = row.get("team", "").strip()
        team = teams.get(team_name.casefold())
        if team is None:
            hint = _did_you_mean(team_name, list(teams_by_name), problems.lang)
            problems.add(sheet, row_no, table.label("team"),
                         problems.t("not_a_team", value=_show(team_name), sheet=L.sheet_name("overview", ws.lang),
                                    hint=hint) if team_name else problems.t("row_needs_team"))  # fmt: skip
            _reject_row(row, rejected)
            continue
        title = row.get("objective", "").strip()
        if not title and not row.get("objective_id"):  # with an id: a draft the app saved before its title
            problems.add(sheet, row_no, table.label("objective"), problems.t("row_needs_objective"))
            _reject_row(row, rejected)
            continue
        obj_fields = tuple(row.get(k) for k in obj_columns)
        obj_id = (
            row.get("objective_id")
            or by_title.get((team.id, title.casefold()))
            or stable_id(team.id, "objective", title.casefold())
        )
        if obj_id in seen_obj:
            first_row, first_fields, first_team = seen_obj[obj_id]
            if first_team is not team:
                problems.add(sheet, row_no, table.label("objective_id"),
                             problems.t("objective_other_team", value=_show(first_team.name), row=first_row))  # fmt: skip
                _reject_row({"key_result_id": row.get("key_result_id"), "key_result": row.get("key_result")},
                            rejected)  # fmt: skip
                continue
            for key, a, b in zip(obj_columns, first_fields, obj_fields):
                if a != b and (row.get("objective_id") or b not in (None, "")):  # rows without id may leave blanks
                    problems.add(sheet, row_no, table.label(key),
                                 problems.t("objective_differs", value=_show(b), first=_show(a), row=first_row))  # fmt: skip
            obj = refused.get(obj_id) or built[obj_id]
        else:
            seen_obj[obj_id] = (row_no, obj_fields, team)
            try:
                obj = entity("objective").build(id=obj_id, **_values("objective", row))
            except ValidationError as err:
                _model_problem(problems, table, row_no, err)
                # A stand-in outside the workshop, so this objective's rows still have their key results
                # checked; the problem above means nothing is stored.
                refused[obj_id] = obj = Objective(title="?", id=obj_id)
                _reject_row({"objective": title}, rejected)
                _key_result(obj, row_no, row, table, problems, seen_kr, rejected, same_text)
                continue
            obj.team = team
            team.objectives.append(obj)
            built[obj_id] = obj
            if row.get("parent"):
                pending_parents.append((obj, row_no, row["parent"].strip()))
        if row.get("objective_id") and obj_id not in refused:
            reading.note("objective", obj_id, sheet, row_no, row.get("base"), "objective", "key_result")
        kr = _key_result(obj, row_no, row, table, problems, seen_kr, rejected, same_text)
        if kr is not None and row.get("key_result_id"):
            reading.note("key_result", kr.id, sheet, row_no, row.get("base"), "objective", "key_result")
    titles = [o.title for o in ws.objectives]
    by_title_all: dict[str, list[Objective]] = {}
    for o in ws.objectives:
        by_title_all.setdefault(o.title.strip().casefold(), []).append(o)
    for obj, row_no, parent in pending_parents:
        candidates = [o for o in by_title_all.get(parent.casefold(), ()) if o is not obj]
        above = obj.team.parent
        if len(candidates) > 1 and above is not None:
            candidates = [o for o in candidates if o.team is above] or candidates
        if len(candidates) == 1:
            obj.parent_id = candidates[0].id
        elif not candidates and parent.casefold() in rejected["objective"]:
            continue  # that objective's own row was refused and reported
        else:
            hint = _did_you_mean(parent, [t for t in titles if t != obj.title], problems.lang)
            problems.add(sheet, row_no, table.label("parent"),
                         problems.t("no_parent_objective", value=_show(parent), hint=hint) if not candidates else
                         problems.t("parent_ambiguous", n=len(candidates), value=_show(parent)))  # fmt: skip
    return list(refused.values())


def _key_result(
    obj: Objective,
    row_no: int,
    row: dict,
    table: _Table,
    problems: _Problems,
    seen: dict,
    rejected: dict[str, set[str]],
    same_text: dict[tuple[str, str], int],
) -> KeyResult | None:
    """The key result of an OKR row, added to ``obj``; None when the row has none or it was refused."""
    sheet = table.name
    text = row.get("key_result", "").strip()
    kr_id = row.get("key_result_id", "")
    if not text and not kr_id:
        if any(row.get(k) not in (None, "") for k in _columns_of("key_result")):
            problems.add(sheet, row_no, table.label("key_result"), problems.t("kr_text_missing"))
        return
    # without text but with its id: a key result the app saved before its text (a unit or kind chosen first)
    if not kr_id:
        n = same_text.get((obj.id, text.casefold()), 0)  # a count, not a scan: rows of one objective are many
        kr_id = stable_id(obj.id, "key_result", text.casefold(), n)
    if kr_id in seen:
        problems.add(sheet, row_no, table.label("key_result_id"), problems.t("kr_id_twice", row=seen[kr_id]))
        return
    seen[kr_id] = row_no
    refuse = {"key_result_id": kr_id, "key_result": text}
    if not row.get("kind"):
        problems.add(sheet, row_no, table.label("kind"), problems.t("kind_required"))
        _reject_row(refuse, rejected)
        return
    override = row.get("grade_override")
    if override is not None and not 0 <= override <= 1:
        problems.add(sheet, row_no, table.label("grade_override"), problems.t("grade", value=_show(override)))
        _reject_row(refuse, rejected)
        return
    try:
        kr = entity("key_result").build(id=kr_id, **_values("key_result", row))
    except ValidationError as err:
        _model_problem(problems, table, row_no, err)
        _reject_row(refuse, rejected)
        return
    kr.objective = obj
    obj.key_results.append(kr)
    key = (obj.id, kr.text.strip().casefold())
    same_text[key] = same_text.get(key, 0) + 1
    return kr


def _check_ins(
    ws: Workshop,
    table: _Table,
    problems: _Problems,
    refused: list[KeyResult],
    rejected: dict[str, set[str]],
    reading: Reading,
) -> set[str]:
    """Add the check-in rows to their key results; ``refused``: key results of refused objectives (for matching).

    Rows of key results whose own row was refused (``rejected``) are skipped: that problem is reported already.
    """
    sheet = table.name
    okr_sheet = L.sheet_name("okrs", ws.lang)
    key_results = [*ws.key_results, *refused]
    by_id = {kr.id: kr for kr in key_results}
    by_text: dict[str, list[KeyResult]] = {}
    for kr in key_results:
        by_text.setdefault(kr.text.strip().casefold(), []).append(kr)
    seen: dict[str, int] = {}
    new_ids: set[str] = set()
    same_day: dict[tuple, int] = {}  # (key result id, date, value) -> check-ins so far
    filled = [f.column_key for f in entity("check_in").editable if f.cell]  # a row with none of these is blank
    for row_no, row in table.rows:
        if all(row.get(k) in (None, "") for k in filled):
            continue  # a row left blank for the next check-in
        kr_id, text = row.get("key_result_id", ""), row.get("key_result", "").strip()
        kr = by_id.get(kr_id) if kr_id else None
        if kr_id and kr is None:
            if kr_id in rejected["key_result"]:
                continue
            problems.add(sheet, row_no, table.label("key_result_id"),
                         problems.t("no_kr_id", value=_show(kr_id), sheet=okr_sheet))  # fmt: skip
            continue
        if kr is None:
            found = by_text.get(text.casefold(), [])
            if len(found) > 1:
                objective = _text(row.get("objective", "")).strip().casefold()
                found = [k for k in found if k.objective.title.strip().casefold() == objective] or found
            if not found and text.casefold() in rejected["key_result_text"]:
                continue
            if len(found) != 1:
                problems.add(sheet, row_no, table.label("key_result"),
                             problems.t("no_kr_text", value=_show(text), sheet=okr_sheet) if not found
                             else problems.t("kr_text_ambiguous", n=len(found), value=_show(text)))  # fmt: skip
                continue
            kr = found[0]
        value, on = row.get("value"), row.get("on")
        if value is None:
            problems.add(sheet, row_no, table.label("value"), problems.t("check_in_value"))
        if on is None:
            problems.add(sheet, row_no, table.label("on"), problems.t("check_in_date"))
        if value is None or on is None:
            continue
        c_id = row.get("check_in_id", "")
        if not c_id:
            n = same_day.get((kr.id, on, value), 0)  # a count, not a scan: a key result may have many rows
            c_id = stable_id(kr.id, "check_in", on.isoformat(), repr(value), n)
            new_ids.add(c_id)
        if c_id in seen:
            problems.add(sheet, row_no, table.label("check_in_id"), problems.t("check_in_id_twice", row=seen[c_id]))
            continue
        seen[c_id] = row_no
        try:
            c = entity("check_in").build(id=c_id, **_values("check_in", row))
        except ValidationError as err:
            _model_problem(problems, table, row_no, err)
            continue
        kr.check_ins.append(c)
        same_day[(kr.id, c.on, c.value)] = same_day.get((kr.id, c.on, c.value), 0) + 1
        if c_id not in new_ids:
            reading.note("check_in", c_id, sheet, row_no, row.get("base"), "check_in")
    return new_ids
