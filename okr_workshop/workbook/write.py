"""Export a workshop as an Excel workbook people can work in (``write_excel``).

Sheets: an overview (organisation, period, teams with strength and grade), one
row per key result, check-ins ready to fill in, quality findings, and a hidden
sheet of lists behind the dropdowns. Labels follow the workshop's language;
cells hold canonical ids and numbers, dropdowns map back through
``labels``.

Written with XlsxWriter (reading stays with openpyxl, as pandas does): one
format object per column role, made once (``styles``), and participant text
always through ``write_string``, never taken for a formula or a link.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import WorkbookError
from ..model.entities import Kind, Workshop
from ..model.fields import entity
from ..storage.outputs import atomic_path
from . import base as B
from . import labels as L
from .dependencies import write_dependencies
from .styles import _data_bar, _fill_when, _Formats, _grade_bands, _layout, _letter, _num, _Sheet, _table, _validations

# --------------------------------------------------------------------------- content


def _findings(ws: Workshop) -> list:
    """Quality findings of the whole workshop (quality must be importable: no silent skip)."""
    from ..quality import check

    return list(check(ws))


def _strengths(ws: Workshop, findings: list) -> dict[str, int]:
    """Team id → strength 0–100, the findings counted once for the whole workshop."""
    from ..quality.strength import strengths

    return strengths(ws.teams, findings)


def _team_grades(ws: Workshop) -> dict[str, tuple[float | None, str | None]]:
    """Team id → (grade, band); (None, None) for a team nobody has checked in for yet (the report shows a dash)."""
    from ..scoring.grades import team_summary

    table = team_summary(ws)
    checked_in = {team.id for team in ws.teams if any(kr.check_ins for kr in team.key_results)}
    out = {}
    for team_id, grade, band in zip(table["team_id"], table["grade"], table["band"]):
        if team_id not in checked_in:
            out[team_id] = (None, None)
            continue
        grade = None if grade is None or grade != grade else float(grade)
        out[team_id] = (grade, band if isinstance(band, str) else None)
    return out


# Progress is rounded in the sheet as in the report: 0.6, not 0.5999999999999943.
PROGRESS_DIGITS = 4


def _number(x: float) -> str:
    """A number in a formula, without float noise (15 significant digits, as a spreadsheet keeps them)."""
    text = f"{x:.15g}"
    return f"({text})"


def _progress_formula(kind: Kind, baseline: float | None, target: float | None, cell: str) -> str | None:
    """A live progress formula for a check-in value cell (same rules as scoring.progress)."""
    c = _number
    if kind is Kind.MILESTONE:
        return f'=IF(ISNUMBER({cell}),IF({cell}>={c(1.0 if target is None else target)},1,0),"")'
    if target is None:
        return None
    if kind is Kind.AT_LEAST or (kind is Kind.INCREASE and baseline == target):
        return f'=IF(ISNUMBER({cell}),IF({cell}>={c(target)},1,0),"")'
    if kind is Kind.AT_MOST or (kind is Kind.DECREASE and baseline == target):
        return f'=IF(ISNUMBER({cell}),IF({cell}<={c(target)},1,0),"")'
    if baseline is None:
        return None
    return f'=IF(ISNUMBER({cell}),ROUND(({cell}-{c(baseline)})/{c(target - baseline)},{PROGRESS_DIGITS}),"")'


def _progress_value(kind: Kind, baseline: float | None, target: float | None, value: float | None):
    """The value ``_progress_formula`` computes, cached in the cell for readers that do not calculate."""
    if value is None:
        return ""
    if kind is Kind.MILESTONE:
        return 1 if value >= (1.0 if target is None else target) else 0
    if target is None:
        return ""
    if kind is Kind.AT_LEAST or (kind is Kind.INCREASE and baseline == target):
        return 1 if value >= target else 0
    if kind is Kind.AT_MOST or (kind is Kind.DECREASE and baseline == target):
        return 1 if value <= target else 0
    if baseline is None:
        return ""
    return round((value - baseline) / (target - baseline), PROGRESS_DIGITS)


def _kinds(columns: tuple[L.Column, ...]) -> list[str]:
    out = []
    for col in columns:
        if col.kind in ("number", "confidence"):
            out.append("n")
        elif col.kind == "date":
            out.append("d")
        else:
            out.append("s")
    return out


def _roles(columns: tuple[L.Column, ...]) -> list[str]:
    roles = []
    for col in columns:
        if col.kind in ("number",):
            roles.append("number")
        elif col.kind == "confidence":
            roles.append("int")
        elif col.kind in ("stamp", "base"):
            roles.append("id")
        elif col.kind == "choice:objectives":
            roles.append("long")
        elif col.kind in ("date", "long", "id", "output"):
            roles.append(col.kind)
        else:
            roles.append("text")
    return roles


def _field_cells(kind: str, lang: str, titles: dict[str, str]) -> list[tuple[str, Callable[[Any], Any]]]:
    """(column key, object -> cell value) for each field of a row that has a workbook column (field registry)."""
    out = []
    for f in entity(kind).fields:
        if not f.cell:
            continue
        vocabulary = f.cell.removeprefix("choice:") if f.cell.startswith("choice:") else None
        if vocabulary in L.CHOICES:
            texts = {key: labels[lang] for key, labels in L.CHOICES[vocabulary].items()}
            cell = _choice_cell(f, texts)
        elif f.kind == "ref":  # the row it points at, by name (the reader maps it back)
            cell = _ref_cell(f, titles)
        elif f.cell == "number":
            cell = _number_cell(f.name)
        else:
            cell = operator.attrgetter(f.name)
        out.append((f.column_key, cell))
    return out


def _choice_cell(f: Any, texts: dict[str, str]) -> Callable[[Any], Any]:
    def cell(obj: Any) -> Any:
        key = f.canonical(obj)
        return None if key is None else texts[key]

    return cell


def _ref_cell(f: Any, names: dict[str, str]) -> Callable[[Any], Any]:
    def cell(obj: Any) -> Any:
        ref = getattr(obj, f.name)
        return names.get(ref, "") if ref else None

    return cell


def _number_cell(name: str) -> Callable[[Any], Any]:
    get = operator.attrgetter(name)
    return lambda obj: _num(get(obj))


def write_excel(ws: Workshop, path: str | os.PathLike) -> Path:
    """Write the workshop as an .xlsx workbook to fill in and import back; returns the path.

    The file is written to a temporary name and moved into place, so a failed
    export never leaves half a workbook behind.
    """
    import xlsxwriter
    from xlsxwriter.exceptions import XlsxWriterException

    path = Path(path)
    lang = ws.lang
    findings = _findings(ws)
    grades = _team_grades(ws)
    strengths = _strengths(ws, findings)

    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with atomic_path(path) as tmp:
            wb = xlsxwriter.Workbook(tmp, {"strings_to_formulas": False, "strings_to_urls": False,
                                           "strings_to_numbers": False})  # fmt: skip
            formats = _Formats(wb)
            names = {key: L.sheet_name(key, lang) for key in L.SHEETS}
            lists = _list_refs(ws, names["lists"], lang)
            _write_overview(wb, formats, ws, names["overview"], grades, strengths, lists)
            _write_okrs(wb, formats, ws, names["okrs"], findings, lists)
            _write_checkins(wb, formats, ws, names["checkins"], lists)
            _write_quality(wb, formats, ws, names["quality"], findings)
            write_dependencies(wb, formats, ws)  # the day's dependencies, read-only (dependencies.py)
            _write_lists(wb, formats, ws, names["lists"])
            try:
                wb.close()
            except XlsxWriterException as err:  # FileCreateError wraps the OSError
                raise WorkbookError(f"{path}: cannot write the workbook ({err}); choose another folder") from err
    except OSError as err:
        raise WorkbookError(
            f"{path}: cannot write the workbook ({err.strerror or err}); choose another folder"
        ) from err
    return path


def _list_refs(ws: Workshop, lists_name: str, lang: str) -> dict[str, str]:
    """Ranges on the lists sheet behind each dropdown."""
    quoted = "'" + lists_name.replace("'", "''") + "'"
    n_teams = max(1, len(ws.teams))
    n_obj = max(1, len(ws.objectives))
    return {
        "kind": f"{quoted}!$B$2:$B${1 + len(L.CHOICES['kind'])}",
        "type": f"{quoted}!$D$2:$D${1 + len(L.CHOICES['type'])}",
        "indicator": f"{quoted}!$F$2:$F${1 + len(L.CHOICES['indicator'])}",
        "teams": f"{quoted}!$H$2:$H${1 + n_teams}",
        "objectives": f"{quoted}!$I$2:$I${1 + n_obj}",
    }


def _write_overview(wb, formats: _Formats, ws: Workshop, title: str, grades, strengths, lists) -> None:
    from ..i18n.labels import label

    lang = ws.lang
    cols = L.team_columns()
    keys = [c.key for c in cols]
    role = {"objectives": "output_number", "key_results": "output_number", "strength": "output_number",
            "grade": "grade", "band": "output", "team_id": "id", "base": "id"}  # fmt: skip
    roles = [role.get(k, "text") for k in keys]
    kinds = ["n" if r in ("output_number", "grade") else "s" for r in roles]
    sheet = _Sheet(wb, formats, title, roles, kinds)
    sheet.blanks = True  # the columns carry no format here: the free-form rows above the table share them
    first = 1 + len(L.HINT[lang]) + 1 + len(L.OVERVIEW_FIELDS) + 2
    _layout(sheet, cols, first_row=first, freeze=False, column_formats=False,
            widths={0: max(cols[0].width, 18), 1: max(cols[1].width, 26)})  # fmt: skip
    sheet.line([(L.TITLE[lang], "title")])
    for text in L.HINT[lang]:
        sheet.line([(text, "hint")])
    sheet.line([])
    values = {
        "organisation": ws.organisation,
        "period": ws.period.label,
        "start": ws.period.start,
        "end": ws.period.end,
        "profile": label(ws.profile, lang),
        "exported": dt.date.today(),
    }
    for key, sv, en in L.OVERVIEW_FIELDS:
        value = values[key]
        sheet.line([(sv if lang == "sv" else en, "label"), (value, "date" if isinstance(value, dt.date) else "text")])
    sheet.line([])
    sheet.header([c.label(lang) for c in cols])
    sheet.wrap(cols)
    names = {t.id: t.name for t in ws.teams}
    for team in ws.teams:
        grade, band = grades.get(team.id, (None, None))
        strength = strengths.get(team.id)
        row = {
            "team": team.name, "parent_team": names.get(team.parent_id, ""), "objectives": len(team.objectives),
            "key_results": len(team.key_results), "strength": None if strength is None else round(strength),
            "grade": grade, "band": label(band, lang) if band else "–", "team_id": team.id,
            "base": B.encode(("team", team)),
        }  # fmt: skip
        sheet.append([row.get(k) for k in keys])
    _table(sheet, cols, lang, len(ws.teams), "Teams", first_row=first)
    _validations(sheet, cols[:2], lang, lists, first_row=first)
    last = first + max(1, len(ws.teams))
    grade_col = _letter(keys.index("grade") + 1)
    _grade_bands(sheet, f"{grade_col}{first + 1}:{grade_col}{last}", f"{grade_col}{first + 1}", ws.profile)
    strength_col = _letter(keys.index("strength") + 1)
    _data_bar(sheet, f"{strength_col}{first + 1}:{strength_col}{last}", 0, 100, "#5B9BD5")


# The columns of the key-results sheet that are printed: what people fill in and read, not the ids and extras.
PRINTED_OKR_COLUMNS = ("team", "objective", "key_result", "kind", "baseline", "target", "unit", "owner", "due",
                       "confidence")  # fmt: skip


def _write_okrs(wb, formats: _Formats, ws: Workshop, title: str, findings: list, lists) -> None:
    lang = ws.lang
    cols = L.okr_columns()
    sheet = _Sheet(wb, formats, title, _roles(cols), _kinds(cols))
    _layout(sheet, cols)
    sheet.header([c.label(lang) for c in cols])
    sheet.wrap(cols)
    by_target: dict[str, list[str]] = {}
    for f in findings:
        if f.target_id:
            sev = L.CHOICES["severity"].get(f.severity, {}).get(lang, f.severity)
            by_target.setdefault(f.target_id, []).append(f"[{sev}] {f.message}")
    titles = {o.id: o.title for o in ws.objectives}
    keys = [c.key for c in cols]
    at = {key: i for i, key in enumerate(keys)}  # each value goes to its column by key
    obj_cells = [(at[key], cell) for key, cell in _field_cells("objective", lang, titles) if key in at]
    kr_cells = [(at[key], cell) for key, cell in _field_cells("key_result", lang, titles) if key in at]
    team_at, obj_id_at, kr_id_at = at["team"], at["objective_id"], at["key_result_id"]
    findings_at, base_at = at["findings"], at["base"]
    n = 0
    append = sheet.append
    # the objective's own notes go on its first row, named as the objective's, so none is read as the key result's
    obj_label = next(c.label(lang) for c in cols if c.key == "objective")
    for team in ws.teams:
        for obj in team.objectives:
            obj_notes = [f"{obj_label}: {note}" for note in by_target.get(obj.id, [])]
            common = [None] * len(keys)
            for i, cell in obj_cells:
                common[i] = cell(obj)
            common[team_at], common[obj_id_at] = team.name, obj.id
            krs = obj.key_results or [None]
            for i, kr in enumerate(krs):
                notes = (obj_notes if i == 0 else []) + (by_target.get(kr.id, []) if kr else [])
                row = common.copy()
                row[findings_at] = "\n".join(notes)
                if kr is None:
                    row[base_at] = B.encode(("objective", obj))
                else:
                    for j, cell in kr_cells:
                        row[j] = cell(kr)
                    row[kr_id_at] = kr.id
                    row[base_at] = B.encode(("objective", obj), ("key_result", kr))
                append(row)
                n += 1
    _table(sheet, cols, lang, n, "KeyResults")
    findings_col = keys.index("findings")
    _print_columns(sheet, cols, PRINTED_OKR_COLUMNS, 1 + max(n, 1))
    _validations(sheet, cols, lang, lists)
    col = _letter(findings_col + 1)
    _fill_when(sheet, f"{col}2:{col}{1 + max(n, 1)}", f"LEN({col}2)>0", "#FFF2CC")


def _print_columns(sheet: _Sheet, cols: tuple[L.Column, ...], printed: tuple[str, ...], last_row: int) -> None:
    """Print only the ``printed`` columns (a print area is one block: the columns in between are hidden in print
    by a print area up to the last printed column; the rest of the sheet stays on screen)."""
    keys = [c.key for c in cols]
    last = max(keys.index(k) for k in printed)
    sheet.ws.print_area(0, 0, last_row - 1, last)


def _write_checkins(wb, formats: _Formats, ws: Workshop, title: str, lists) -> None:
    lang = ws.lang
    cols = L.checkin_columns()
    roles = _roles(cols)
    kinds = _kinds(cols)
    keys = [c.key for c in cols]
    roles[keys.index("target")] = "output_number"
    kinds[keys.index("target")] = "n"
    roles[keys.index("progress")] = "percent"
    kinds[keys.index("progress")] = "f"
    sheet = _Sheet(wb, formats, title, roles, kinds)
    _layout(sheet, cols)
    sheet.header([c.label(lang) for c in cols])
    sheet.wrap(cols)
    value_col = _letter(keys.index("value") + 1)
    at = {key: i for i, key in enumerate(keys)}  # each value goes to its column by key
    c_cells = [(at[key], cell) for key, cell in _field_cells("check_in", lang, {}) if key in at]
    progress_at, check_in_id_at, base_at = at["progress"], at["check_in_id"], at["base"]
    append = sheet.append
    row = 1
    for team in ws.teams:
        for obj in team.objectives:
            for kr in obj.key_results:
                common = [None] * len(keys)
                for key, value in (("team", team.name), ("objective", obj.title), ("key_result", kr.text),
                                   ("unit", kr.unit), ("target", _num(kr.target)), ("key_result_id", kr.id)):  # fmt: skip
                    common[at[key]] = value
                kind, baseline = kr.kind, kr.baseline
                for c in [*kr.history, None]:
                    row += 1
                    formula = _progress_formula(kind, baseline, kr.target, f"{value_col}{row}")
                    if formula is not None:
                        value = None if c is None else c.value
                        formula = (formula, _progress_value(kind, baseline, kr.target, value))
                    cells = common.copy()
                    cells[progress_at] = formula
                    if c is not None:
                        for i, cell in c_cells:
                            cells[i] = cell(c)
                        cells[check_in_id_at], cells[base_at] = c.id, B.encode(("check_in", c))
                    append(cells)
    n = row - 1
    _table(sheet, cols, lang, n, "CheckIns")
    sheet.ws.print_area(0, 0, max(n, 1), keys.index("progress"))
    _validations(sheet, cols, lang, lists)
    col = _letter(keys.index("progress") + 1)
    _data_bar(sheet, f"{col}2:{col}{1 + max(n, 1)}", 0, 1, "#5CB85C")


def _write_quality(wb, formats: _Formats, ws: Workshop, title: str, findings: list) -> None:
    lang = ws.lang
    cols = L.QUALITY_COLUMNS
    roles = ["text", "long", "text", "text", "long", "long"]
    sheet = _Sheet(wb, formats, title, roles, ["s"] * 6)
    _layout(sheet, cols)
    sheet.header([c.label(lang) for c in cols])
    sheet.wrap(tuple(L.Column(c.key, c.sv, c.en, "long" if r == "long" else "text", c.width)
                     for c, r in zip(cols, roles)))  # fmt: skip
    team_of: dict[str, str] = {}
    for team in ws.teams:
        team_of[team.id] = team.name
        for obj in team.objectives:
            team_of[obj.id] = team.name
            for kr in obj.key_results:
                team_of[kr.id] = team.name
    from ..quality.names import rule_name

    sev = {k: v[lang] for k, v in L.CHOICES["severity"].items()}
    for f in findings:
        sheet.append([team_of.get(f.target_id or "", ""), f.where, sev.get(f.severity, f.severity),
                      rule_name(f.rule, lang),
                      f.message, f.suggestion])  # fmt: skip
    _table(sheet, cols, lang, len(findings), "Quality")
    last = 1 + max(1, len(findings))
    for key, colour in (("error", "#F8D7DA"), ("warning", "#FFF3CD"), ("info", "#DDEBF7")):
        _fill_when(sheet, f"A2:F{last}", f'$C2="{sev[key]}"', colour)


def _write_lists(wb, formats: _Formats, ws: Workshop, title: str) -> None:
    """The hidden sheet behind the dropdowns; it also carries canonical keys and the workshop's identity."""
    lang = ws.lang
    sheet = _Sheet(wb, formats, title, ["text"] * 12, ["s", "s", "s", "s", "s", "s", "n", "s", "s", "s", "s", "s"])
    sheet.ws.hide()
    sheet.header(["kind", "kind_label", "type", "type_label", "indicator", "indicator_label", "confidence",
                  "teams", "objectives", "", "key", "value"])  # fmt: skip
    meta = [
        ("format", L.FORMAT),
        ("version", str(L.VERSION)),
        ("workshop_id", ws.id),
        ("lang", lang),
        ("profile", ws.profile),
        ("period", ws.period.label),
        ("organisation", ws.organisation),
        ("settings", json.dumps(ws.settings, ensure_ascii=False, default=str)),
    ]
    vocab = {name: list(L.CHOICES[name].items()) for name in ("kind", "type", "indicator")}
    teams = [t.name for t in ws.teams]
    titles = [o.title for o in ws.objectives]
    n = max(len(teams), len(titles), len(meta), 10, len(vocab["kind"]))
    for i in range(n):
        row: list[Any] = []
        for name in ("kind", "type", "indicator"):
            pair = vocab[name][i] if i < len(vocab[name]) else None
            row += [pair[0], pair[1][lang]] if pair else [None, None]
        row.append(i + 1 if i < 10 else None)
        row.append(teams[i] if i < len(teams) else None)
        row.append(titles[i] if i < len(titles) else None)
        row.append(None)
        row += list(meta[i]) if i < len(meta) else [None, None]
        sheet.append(row)
