"""Export a workshop as an Excel workbook people can work in (``write_excel``).

Sheets: an overview (organisation, period, teams with strength and grade), one
row per key result, check-ins ready to fill in, quality findings, and a hidden
sheet of lists behind the dropdowns. Labels follow the workshop's language;
cells hold canonical ids and numbers, dropdowns map back through
``excel_labels``.

Speed: the big sheets are written in openpyxl's write-only mode through one
reused cell per column whose style index is computed once (``excel_styles``),
so a styled cell costs no more than a plain one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from ..errors import WorkbookError
from ..model.entities import Kind, Workshop
from ..storage.outputs import atomic_path
from . import base as B
from . import labels as L
from .styles import RISKY_START, _grade_bands, _layout, _letter, _num, _Sheet, _Styles, _table, _validations

# --------------------------------------------------------------------------- content


def _findings(ws: Workshop) -> list:
    """Quality findings of the whole workshop (quality must be importable: no silent skip)."""
    from ..quality import check

    return list(check(ws))


def _strength(team, findings: list) -> int:
    from ..quality import strength

    return strength(team, findings)


def _team_grades(ws: Workshop) -> dict[str, tuple[float | None, str | None]]:
    from ..scoring.grades import team_summary

    table = team_summary(ws)
    out = {}
    for team_id, grade, band in zip(table["team_id"], table["grade"], table["band"]):
        grade = None if grade is None or grade != grade else float(grade)
        out[team_id] = (grade, band if isinstance(band, str) else None)
    return out


def _progress_formula(kind: Kind, baseline: float | None, target: float | None, cell: str) -> str | None:
    """A live progress formula for a check-in value cell (same rules as scoring.progress)."""

    def c(x: float) -> str:
        return f"({x!r})"

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
    return f'=IF(ISNUMBER({cell}),({cell}-{c(baseline)})/{c(target - baseline)},"")'


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


def write_excel(ws: Workshop, path: str | os.PathLike) -> Path:
    """Write the workshop as an .xlsx workbook to fill in and import back; returns the path.

    The file is written to a temporary name and moved into place, so a failed
    export never leaves half a workbook behind.
    """
    from openpyxl import Workbook

    path = Path(path)
    lang = ws.lang
    findings = _findings(ws)
    grades = _team_grades(ws)
    strengths = {team.id: _strength(team, findings) for team in ws.teams}

    wb = Workbook(write_only=True)
    styles = _Styles(wb)
    names = {key: L.sheet_name(key, lang) for key in L.SHEETS}
    lists = _list_refs(ws, names["lists"], lang)

    _write_overview(wb, styles, ws, names["overview"], grades, strengths, lists)
    _write_okrs(wb, styles, ws, names["okrs"], findings, lists)
    _write_checkins(wb, styles, ws, names["checkins"], lists)
    _write_quality(wb, styles, ws, names["quality"], findings)
    _write_lists(wb, styles, ws, names["lists"])

    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with atomic_path(path) as tmp:
            wb.save(tmp)
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


def _write_overview(wb, styles: _Styles, ws: Workshop, title: str, grades, strengths, lists) -> None:
    lang = ws.lang
    cols = L.TEAM_COLUMNS
    roles = ["text", "text", "output_number", "output_number", "output_number", "grade", "output", "id", "id"]
    kinds = ["s", "s", "n", "n", "n", "n", "s", "s", "s"]
    sheet = _Sheet(wb, styles, title, roles, kinds)
    from openpyxl.cell.cell import Cell

    def styled(value, role):
        styles._ws = sheet.ws
        c = Cell(sheet.ws, row=1, column=1, value=value)
        for attr, v in styles.roles[role].items():
            setattr(c, attr, v)
        if isinstance(value, str):
            c.data_type = "s"  # never a formula, whatever the organisation is called
            c.quotePrefix = value.startswith(RISKY_START)
        return c

    first = 1 + len(L.HINT[lang]) + 1 + len(L.OVERVIEW_FIELDS) + 2
    _layout(sheet.ws, cols, first_row=first, freeze=False)
    _hide_base(sheet.ws, cols)
    sheet.ws.column_dimensions["A"].width = max(cols[0].width, 18)
    sheet.ws.column_dimensions["B"].width = max(cols[1].width, 26)
    # The first rows are free-form: fall back to openpyxl's own append for them.
    del sheet.ws._values_to_row
    from ..i18n.labels import label

    sheet.ws.append([styled(L.TITLE[lang], "title")])
    for line in L.HINT[lang]:
        sheet.ws.append([styled(line, "hint")])
    sheet.ws.append([])
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
        role = "date" if isinstance(value, dt.date) else "text"
        sheet.ws.append([styled(sv if lang == "sv" else en, "label"), styled(value, role)])
    sheet.ws.append([])
    sheet.ws._values_to_row = sheet._to_row
    sheet.header([c.label(lang) for c in cols])
    sheet.wrap(cols, first_row=first)
    names = {t.id: t.name for t in ws.teams}
    for team in ws.teams:
        grade, band = grades.get(team.id, (None, None))
        strength = strengths.get(team.id)
        sheet.append([
            team.name, names.get(team.parent_id, ""), len(team.objectives), len(team.key_results),
            None if strength is None else round(strength), grade, label(band, lang) if band else "", team.id,
            B.encode(("team", team)),
        ])  # fmt: skip
    _table(sheet.ws, cols, lang, len(ws.teams), "Teams", first_row=first)
    _validations(sheet.ws, cols[:2], lang, lists, first_row=first)
    last = first + max(1, len(ws.teams))
    grade_col = _letter(6)
    _grade_bands(sheet.ws, f"{grade_col}{first + 1}:{grade_col}{last}", f"{grade_col}{first + 1}", ws.profile)
    strength_col = _letter(5)
    from openpyxl.formatting.rule import DataBarRule

    sheet.ws.conditional_formatting.add(
        f"{strength_col}{first + 1}:{strength_col}{last}",
        DataBarRule(start_type="num", start_value=0, end_type="num", end_value=100, color="5B9BD5"),
    )


def _write_okrs(wb, styles: _Styles, ws: Workshop, title: str, findings: list, lists) -> None:
    lang = ws.lang
    cols = L.OKR_COLUMNS
    sheet = _Sheet(wb, styles, title, _roles(cols), _kinds(cols))
    _layout(sheet.ws, cols)
    _hide_base(sheet.ws, cols)
    sheet.header([c.label(lang) for c in cols])
    sheet.wrap(cols)
    by_target: dict[str, list[str]] = {}
    for f in findings:
        if f.target_id:
            sev = L.CHOICES["severity"].get(f.severity, {}).get(lang, f.severity)
            by_target.setdefault(f.target_id, []).append(f"[{sev}] {f.message}")
    titles = {o.id: o.title for o in ws.objectives}
    kind_label = {k: v[lang] for k, v in L.CHOICES["kind"].items()}
    type_label = {k: v[lang] for k, v in L.CHOICES["type"].items()}
    ind_label = {k: v[lang] for k, v in L.CHOICES["indicator"].items()}
    n = 0
    append = sheet.append
    for team in ws.teams:
        for obj in team.objectives:
            obj_notes = by_target.get(obj.id, [])
            common = (team.name, obj.title, type_label[obj.type.value] if obj.type else None,
                      titles.get(obj.parent_id, "") if obj.parent_id else None)  # fmt: skip
            tail_obj = (obj.why, obj.owner, _num(obj.weight))
            krs = obj.key_results or [None]
            for i, kr in enumerate(krs):
                notes = (obj_notes if i == 0 else []) + (by_target.get(kr.id, []) if kr else [])
                if kr is None:
                    append([*common, None, None, None, None, None, None, None, None, None,
                            "\n".join(notes), *tail_obj, None, None, None, None, obj.id, None,
                            B.encode(("objective", obj))])  # fmt: skip
                else:
                    append([
                        *common, kr.text, kr.metric, kr.unit, kind_label[kr.kind.value], _num(kr.baseline),
                        _num(kr.target), kr.owner, kr.due, kr.confidence, "\n".join(notes), *tail_obj,
                        _num(kr.weight), ind_label[kr.indicator.value] if kr.indicator else None,
                        _num(kr.grade_override), kr.override_reason, obj.id, kr.id,
                        B.encode(("objective", obj), ("key_result", kr)),
                    ])  # fmt: skip
                n += 1
    _table(sheet.ws, cols, lang, n, "KeyResults")
    sheet.ws.print_area = f"A1:{_letter([c.key for c in cols].index('findings') + 1)}{1 + max(n, 1)}"
    _validations(sheet.ws, cols, lang, lists)
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill

    col = _letter([c.key for c in cols].index("findings") + 1)
    sheet.ws.conditional_formatting.add(
        f"{col}2:{col}{1 + max(n, 1)}",
        FormulaRule(formula=[f"LEN({col}2)>0"], fill=PatternFill(start_color="FFF2CC", end_color="FFF2CC",
                                                                  fill_type="solid")),
    )  # fmt: skip


def _write_checkins(wb, styles: _Styles, ws: Workshop, title: str, lists) -> None:
    lang = ws.lang
    cols = L.CHECKIN_COLUMNS
    roles = _roles(cols)
    kinds = _kinds(cols)
    keys = [c.key for c in cols]
    roles[keys.index("target")] = "output_number"
    kinds[keys.index("target")] = "n"
    roles[keys.index("progress")] = "percent"
    kinds[keys.index("progress")] = "f"
    sheet = _Sheet(wb, styles, title, roles, kinds)
    _layout(sheet.ws, cols)
    _hide_base(sheet.ws, cols)
    sheet.header([c.label(lang) for c in cols])
    sheet.wrap(cols)
    value_col = _letter(keys.index("value") + 1)
    append = sheet.append
    row = 1
    for team in ws.teams:
        for obj in team.objectives:
            for kr in obj.key_results:
                target = _num(kr.target)
                for c in [*kr.history, None]:
                    row += 1
                    formula = _progress_formula(kr.kind, kr.baseline, kr.target, f"{value_col}{row}")
                    if c is None:
                        append([team.name, obj.title, kr.text, kr.unit, target, None, None, None, None, None,
                                formula, kr.id, None, None, None])  # fmt: skip
                    else:
                        append([team.name, obj.title, kr.text, kr.unit, target, c.on, _num(c.value), c.confidence,
                                c.comment, c.author, formula, kr.id, c.id, c.recorded_at,
                                B.encode(("check_in", c))])  # fmt: skip
    n = row - 1
    _table(sheet.ws, cols, lang, n, "CheckIns")
    sheet.ws.print_area = f"A1:{_letter(keys.index('progress') + 1)}{1 + max(n, 1)}"
    _validations(sheet.ws, cols, lang, lists)
    from openpyxl.formatting.rule import DataBarRule

    col = _letter(keys.index("progress") + 1)
    sheet.ws.conditional_formatting.add(
        f"{col}2:{col}{1 + max(n, 1)}",
        DataBarRule(start_type="num", start_value=0, end_type="num", end_value=1, color="5CB85C"),
    )


def _hide_base(ws, columns: tuple[L.Column, ...]) -> None:
    """The base column (checksums of the row as exported, see ``excel_base``) is hidden: nobody edits it."""
    for i, col in enumerate(columns, 1):
        if col.kind == "base":
            ws.column_dimensions[_letter(i)].hidden = True


def _write_quality(wb, styles: _Styles, ws: Workshop, title: str, findings: list) -> None:
    lang = ws.lang
    cols = L.QUALITY_COLUMNS
    sheet = _Sheet(wb, styles, title, ["text", "long", "text", "text", "long", "long"], ["s"] * 6)
    _layout(sheet.ws, cols)
    sheet.header([c.label(lang) for c in cols])
    sheet.wrap(tuple(L.Column(c.key, c.sv, c.en, "long" if r == "long" else "text", c.width)
                     for c, r in zip(cols, ["text", "long", "text", "text", "long", "long"])))  # fmt: skip
    team_of: dict[str, str] = {}
    for team in ws.teams:
        team_of[team.id] = team.name
        for obj in team.objectives:
            team_of[obj.id] = team.name
            for kr in obj.key_results:
                team_of[kr.id] = team.name
    sev = {k: v[lang] for k, v in L.CHOICES["severity"].items()}
    for f in findings:
        sheet.append([team_of.get(f.target_id or "", ""), f.where, sev.get(f.severity, f.severity), f.rule,
                      f.message, f.suggestion])  # fmt: skip
    _table(sheet.ws, cols, lang, len(findings), "Quality")
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill

    last = 1 + max(1, len(findings))
    for key, colour in (("error", "F8D7DA"), ("warning", "FFF3CD"), ("info", "DDEBF7")):
        sheet.ws.conditional_formatting.add(
            f"A2:F{last}",
            FormulaRule(formula=[f'$C2="{sev[key]}"'], fill=PatternFill(start_color=colour, end_color=colour,
                                                                         fill_type="solid")),
        )  # fmt: skip


def _write_lists(wb, styles: _Styles, ws: Workshop, title: str) -> None:
    """The hidden sheet behind the dropdowns; it also carries canonical keys and the workshop's identity."""
    lang = ws.lang
    sheet = _Sheet(wb, styles, title, ["text"] * 12, ["s", "s", "s", "s", "s", "s", "n", "s", "s", "s", "s", "s"])
    sheet.ws.sheet_state = "hidden"
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
