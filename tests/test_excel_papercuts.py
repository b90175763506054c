"""Workbook papercuts a facilitator hit: grades before any check-in, float noise, print, hints, warnings."""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import make_workshop

import okr_workshop as okr
from okr_workshop.workbook import labels as L
from okr_workshop.workbook.read import read_excel
from okr_workshop.workbook.write import write_excel


def overview_teams(path: Path, lang: str) -> dict[str, tuple]:
    """Team name → (grade, band) as the overview sheet shows them."""
    rows = [list(r) for r in openpyxl.load_workbook(path)[L.sheet_name("overview", lang)].iter_rows(values_only=True)]
    at = next(i for i, r in enumerate(rows) if r[0] == L.TEAM_COLUMNS[0].label(lang))
    keys = [c.key for c in L.TEAM_COLUMNS]
    return {r[0]: (r[keys.index("grade")], r[keys.index("band")]) for r in rows[at + 1 :] if r[0]}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_team_nobody_checked_in_for_shows_a_dash_not_grade_0_red(tmp_path, lang):
    ws = make_workshop(lang)
    shown = overview_teams(write_excel(ws, tmp_path / "none.xlsx"), lang)
    assert shown == {team.name: (None, "–") for team in ws.teams}
    kr = ws.teams[1].objectives[0].key_results[0]
    kr.add_check_in(value=200, confidence=6, on=dt.date(2027, 2, 15))
    shown = overview_teams(write_excel(ws, tmp_path / "one.xlsx"), lang)
    grade, band = shown[ws.teams[1].name]
    assert isinstance(grade, (int, float)) and band not in (None, "–")
    assert shown[ws.teams[0].name] == (None, "–")


def test_progress_formula_and_its_value_carry_no_float_noise(tmp_path):
    ws = make_workshop("en")
    kr = (
        ws.teams[1]
        .objectives[0]
        .add_key_result("Share of repeat customers", kind="increase", baseline=12.4, target=87.6, unit="%")
    )
    kr.add_check_in(value=57.52, confidence=5, on=dt.date(2027, 2, 1))
    assert str(87.6 - 12.4) != "75.2" and str((57.52 - 12.4) / (87.6 - 12.4)) != "0.6"  # noisy in Python itself
    path = write_excel(ws, tmp_path / "okrs.xlsx")
    sheet = L.sheet_name("checkins", "en")
    keys = [c.key for c in L.CHECKIN_COLUMNS]
    formulas = openpyxl.load_workbook(path)[sheet]
    values = openpyxl.load_workbook(path, data_only=True)[sheet]
    row = next(r for r in range(2, formulas.max_row + 1) if formulas.cell(r, keys.index("value") + 1).value == 57.52)
    formula = formulas.cell(row, keys.index("progress") + 1).value
    assert "(75.2)" in formula and "ROUND(" in formula and "9999" not in formula, formula
    assert values.cell(row, keys.index("progress") + 1).value == 0.6  # cached for readers that do not calculate


def test_the_key_results_sheet_prints_the_columns_people_fill_in(tmp_path):
    path = write_excel(make_workshop("sv"), tmp_path / "okrs.xlsx")
    sheet = openpyxl.load_workbook(path)[L.sheet_name("okrs", "sv")]
    keys = [c.key for c in L.OKR_COLUMNS]
    last = openpyxl.utils.get_column_letter(keys.index("confidence") + 1)
    area = sheet.print_area
    assert area.endswith(f"$A$1:${last}${sheet.max_row}"), area
    assert keys.index("confidence") + 1 < len(keys) - 8  # far fewer columns than the sheet has


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_id_column_hint_says_leave_it_not_clear_it(tmp_path, lang):
    path = write_excel(make_workshop(lang), tmp_path / "okrs.xlsx")
    sheet = openpyxl.load_workbook(path)[L.sheet_name("okrs", lang)]
    keys = [c.key for c in L.OKR_COLUMNS]
    letter = openpyxl.utils.get_column_letter(keys.index("key_result_id") + 1)
    (dv,) = [dv for dv in sheet.data_validations.dataValidation if str(dv.sqref).startswith(f"{letter}2:")]
    prompt = dv.prompt.lower()
    assert "töm" not in prompt and "clear" not in prompt
    assert ("lämna" in prompt and "tomt" in prompt) if lang == "sv" else ("leave" in prompt and "blank" in prompt)


CF_EXT = (
    b'<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" '
    b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    b"<x14:conditionalFormattings/></ext>"
    b'<ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" '  # LibreOffice's data bars, "Unknown" to openpyxl
    b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:id>{0}</x14:id></ext>'
    b"</extLst></worksheet>"
)


def test_libreoffices_conditional_formatting_extension_does_not_warn_on_import(tmp_path):
    ws = okr.samples.load("exempel-ab")
    ours = write_excel(ws, tmp_path / "ours.xlsx")
    calc = tmp_path / "calc.xlsx"  # as LibreOffice saves it: an x14 conditional-formatting extension per sheet
    with zipfile.ZipFile(ours) as src, zipfile.ZipFile(calc, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b"</worksheet>", CF_EXT)
            dst.writestr(item, data)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        back = read_excel(calc)
    assert back.to_dict() == read_excel(ours).to_dict()


def test_strengths_of_all_teams_at_once_equal_one_team_at_a_time():
    from okr_workshop.quality import check
    from okr_workshop.quality.strength import strength, strengths

    ws = okr.samples.generate(teams=30, seed=1)
    findings = list(check(ws))
    assert strengths(ws.teams, findings) == {team.id: strength(team, findings) for team in ws.teams}
    assert len(set(strengths(ws.teams, findings).values())) > 1


@pytest.mark.parametrize(
    "lang,label,task", [("sv", "Mål", "Genomföra 10 läxhjälpspass"), ("en", "Objective", "Run 10 homework sessions")]
)
def test_an_objective_s_notes_on_its_first_row_say_they_are_the_objective_s(tmp_path, lang, label, task):
    """The objective's findings share a cell with its first key result's: each is named, so "the objective contains
    a number (25 000)" is never read as a remark on that key result."""
    ws = okr.Workshop.new("Skolan", period="2027-Q1", lang=lang)
    obj = ws.add_team("Matte").add_objective("Alla elever når 25 000 poäng")
    obj.add_key_result(task, owner="Bo")
    sheet = openpyxl.load_workbook(write_excel(ws, tmp_path / "okrs.xlsx"))[L.sheet_name("okrs", lang)]
    header = [c.value for c in sheet[1]]
    findings = next(c for c in L.okr_columns() if c.key == "findings").label(lang)
    notes = sheet.cell(2, header.index(findings) + 1).value.splitlines()
    objective_notes = [n for n in notes if n.startswith(f"{label}: [")]
    assert objective_notes and any("25 000" in n or "25,000" in n for n in objective_notes)
    assert any(n.startswith("[") and task.split()[0] in n for n in notes)  # the key result's own note, unnamed
