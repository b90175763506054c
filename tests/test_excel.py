"""Excel workbook: export, read back, validation errors, import into a workshop file, file safety."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import make_workshop

import okr_workshop as okr
from okr_workshop.errors import WorkbookError
from okr_workshop.workbook import labels as L
from okr_workshop.workbook.merge import import_workbook
from okr_workshop.workbook.read import read_excel
from okr_workshop.workbook.write import write_excel


def canon(ws: okr.Workshop) -> dict:
    """The workshop as a dict, check-ins in date order (the order a workbook lists them)."""
    d = ws.to_dict()
    d.pop("settings", None)
    for t in d["teams"]:
        for o in t["objectives"]:
            for k in o["key_results"]:
                k["check_ins"] = sorted(k["check_ins"], key=lambda c: (c["on"], c["id"]))
    return d


def sheet_rows(path: Path, key: str, lang: str = "sv") -> list[list]:
    wb = openpyxl.load_workbook(path)
    ws = wb[L.sheet_name(key, lang)]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def edit(path: Path, key: str, lang: str, changes: dict[tuple[int, str], object]) -> None:
    """Change cells by (row, column key) as a person would in a spreadsheet program, and save."""
    wb = openpyxl.load_workbook(path)
    ws = wb[L.sheet_name(key, lang)]
    columns = {"okrs": L.OKR_COLUMNS, "checkins": L.CHECKIN_COLUMNS}[key]
    index = {c.key: i + 1 for i, c in enumerate(columns)}
    for (row, col), value in changes.items():
        ws.cell(row=row, column=index[col], value=value)
    wb.save(path)


@pytest.fixture
def sample(tmp_path) -> tuple[okr.Workshop, Path]:
    ws = okr.samples.load("exempel-ab")
    return ws, write_excel(ws, tmp_path / "okrs.xlsx")


# --------------------------------------------------------------------------- export


@pytest.mark.parametrize("name", ["exempel-ab", "acme"])
def test_round_trip_keeps_every_objective_key_result_and_check_in(tmp_path, name):
    ws = okr.samples.load(name)
    back = read_excel(write_excel(ws, tmp_path / f"{name}.xlsx"))
    assert canon(back) == canon(ws)
    assert back.settings == ws.settings and back.profile == ws.profile and back.lang == ws.lang


def test_sheets_and_headers_follow_the_workshop_language(tmp_path):
    for lang, sheets, header in (
        ("sv", ["Översikt", "Nyckelresultat", "Uppföljning", "Kvalitet", "Listor"], "Målvärde"),
        ("en", ["Overview", "Key results", "Check-ins", "Quality", "Lists"], "Target"),
    ):
        path = write_excel(make_workshop(lang), tmp_path / f"{lang}.xlsx")
        wb = openpyxl.load_workbook(path)
        assert wb.sheetnames == sheets
        assert wb[sheets[4]].sheet_state == "hidden"
        assert header in [c.value for c in wb[sheets[1]][1]]


def test_workbook_is_formatted_for_people(sample):
    _, path = sample
    wb = openpyxl.load_workbook(path)
    krs = wb["Nyckelresultat"]
    assert krs.freeze_panes == "A2"
    assert set(krs.tables) == {"KeyResults"}
    assert krs.column_dimensions["B"].width == 36
    header = [c.value for c in krs[1]]
    due = header.index("Klart senast") + 1
    assert krs.cell(row=2, column=due).number_format == "yyyy-mm-dd"
    assert isinstance(krs.cell(row=2, column=due).value, dt.datetime)
    assert krs.cell(row=2, column=header.index("Mål") + 1).alignment.wrap_text
    validations = {next(iter(dv.sqref.ranges)).coord[0]: dv for dv in krs.data_validations.dataValidation}
    kind = validations[openpyxl.utils.get_column_letter(header.index("Mätsätt") + 1)]
    assert kind.type == "list" and "Listor" in kind.formula1 and kind.prompt
    conf = validations[openpyxl.utils.get_column_letter(header.index("Tilltro (1–10)") + 1)]
    assert (conf.type, conf.formula1, conf.formula2) == ("whole", "1", "10")
    assert validations[openpyxl.utils.get_column_letter(header.index("Målvärde") + 1)].type == "decimal"
    assert validations[openpyxl.utils.get_column_letter(due)].type == "date"
    checkins = wb["Uppföljning"]
    rules = [r for cf in checkins.conditional_formatting for r in cf.rules]
    assert any(r.type == "dataBar" for r in rules)
    overview = wb["Översikt"]
    grade_rules = [r for cf in overview.conditional_formatting for r in cf.rules if r.type == "expression"]
    assert len(grade_rules) == 3  # red, yellow, green for the google profile
    lists = wb["Listor"]
    kinds = [r[0] for r in lists.iter_rows(min_row=2, max_row=6, max_col=2, values_only=True)]
    labels = [r[1] for r in lists.iter_rows(min_row=2, max_row=6, max_col=2, values_only=True)]
    assert kinds == ["increase", "decrease", "at_least", "at_most", "milestone"]
    assert labels[:2] == ["öka", "minska"]


def test_overview_shows_teams_with_strength_and_grade(sample):
    ws, path = sample
    rows = sheet_rows(path, "overview")
    header_at = next(i for i, r in enumerate(rows) if r[0] == L.TEAM_COLUMNS[0].sv)
    teams = rows[header_at + 1 : header_at + 1 + len(ws.teams)]
    assert [r[0] for r in teams] == [t.name for t in ws.teams]
    from okr_workshop.quality import check, strength

    findings = check(ws)
    assert [r[4] for r in teams] == [strength(t, findings) for t in ws.teams]
    grades = okr.scoring.team_summary(ws) if hasattr(okr, "scoring") else None
    from okr_workshop.scoring.grades import team_summary

    grades = team_summary(ws)
    assert [r[5] for r in teams] == pytest.approx(list(grades["grade"]))


def test_quality_findings_are_listed_and_shown_on_their_rows(sample):
    ws, path = sample
    from okr_workshop.quality import check

    findings = check(ws)
    rows = sheet_rows(path, "quality")
    assert len(rows) == 1 + len(findings)
    from okr_workshop.quality.names import rule_name

    assert {r[3] for r in rows[1:]} == {rule_name(f.rule, ws.lang) for f in findings}  # named, not the raw id
    okr_rows = sheet_rows(path, "okrs")
    notes = "\n".join(r[13] or "" for r in okr_rows[1:])
    kr_finding = next(f for f in findings if f.target_id in {k.id for k in ws.key_results})
    assert kr_finding.message in notes


def test_check_in_sheet_is_ready_to_fill_in(sample):
    ws, path = sample
    rows = sheet_rows(path, "checkins")
    total = sum(len(kr.check_ins) for kr in ws.key_results)
    assert len(rows) == 1 + total + len(ws.key_results)  # history plus one blank row per key result
    blank = [r for r in rows[1:] if r[5] is None]
    assert {r[11] for r in blank} == {kr.id for kr in ws.key_results}
    assert all(str(r[10]).startswith("=IF(ISNUMBER(") for r in rows[1:] if r[10] is not None)


@pytest.mark.parametrize(
    "text", ["=1+1", "+46 70 123", "-5 % churn", "@SUM(A1)", "\tindented", "\rreturn", '=HYPERLINK("http://x","y")']
)
def test_text_that_looks_like_a_formula_is_written_as_text_and_reads_back(tmp_path, text):
    ws = make_workshop("en")
    ws.teams[1].objectives[0].key_results[0].text = text
    ws.teams[1].objectives[0].title = text
    text = text.replace("\r", "\n")  # the model stores a carriage return as the newline it is
    assert ws.teams[1].objectives[0].title == text
    path = write_excel(ws, tmp_path / "okrs.xlsx")
    with zipfile.ZipFile(path) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(re.search(rb"<f>[^<]*(HYPERLINK|1\+1|SUM)", zf.read(n)) for n in sheets)
    wb = openpyxl.load_workbook(path)
    from okr_workshop.workbook.read import _text

    cell = next(c for row in wb["Key results"].iter_rows() for c in row if _text(c.value) == text)
    # a leading newline (what a carriage return becomes) starts no formula; the others are quote-prefixed too
    assert cell.data_type == "s" and (cell.quotePrefix or text.startswith("\n"))
    back = read_excel(path)
    assert back.teams[1].objectives[0].key_results[0].text == text
    assert back.teams[1].objectives[0].title == text


# --------------------------------------------------------------------------- reading edits


def test_a_formula_typed_into_a_text_column_is_refused(sample):
    _, path = sample
    edit(path, "okrs", "sv", {(3, "key_result"): '=HYPERLINK("http://evil","klicka")'})
    with pytest.raises(WorkbookError) as err:
        read_excel(path)
    assert 'bladet "Nyckelresultat", rad 3, kolumnen "Nyckelresultat": innehåller en formel' in err.value.problems[0]


def test_every_problem_is_reported_at_once_with_sheet_row_column_value(sample):
    _, path = sample
    edit(path, "okrs", "sv", {(7, "target"): "tio", (8, "kind"): "sjunka", (9, "due"): "snart", (10, "confidence"): 11})
    edit(path, "checkins", "sv", {(2, "value"): "mycket"})
    with pytest.raises(WorkbookError) as err:
        read_excel(path)
    problems = err.value.problems
    assert 'okrs.xlsx, bladet "Nyckelresultat", rad 7, kolumnen "Målvärde": ett tal behövs, inte "tio"' in problems
    assert any('rad 8, kolumnen "Mätsätt": välj ett av öka' in p and '"sjunka"' in p for p in problems)
    assert any('rad 9, kolumnen "Klart senast": ett datum som ÅÅÅÅ-MM-DD behövs, inte "snart"' in p for p in problems)
    assert any('rad 10, kolumnen "Tilltro (1–10)": ett heltal från 1 till 10 behövs, inte "11"' in p for p in problems)
    assert any('bladet "Uppföljning", rad 2, kolumnen "Värde": ett tal behövs, inte "mycket"' in p for p in problems)
    assert len(problems) == 5
    assert "\n" not in str(err.value)


def test_labels_in_either_language_and_canonical_keys_are_accepted(sample):
    _, path = sample
    edit(path, "okrs", "sv", {(2, "kind"): "decrease", (3, "kind"): "at least", (4, "type"): "committed"})
    back = read_excel(path)
    krs = [kr for t in back.teams for o in t.objectives for kr in o.key_results]
    assert krs[0].kind is okr.Kind.DECREASE and krs[1].kind is okr.Kind.AT_LEAST


def test_renamed_header_and_missing_sheet_give_one_line_errors(sample, tmp_path):
    _, path = sample
    wb = openpyxl.load_workbook(path)
    wb["Nyckelresultat"]["J1"] = "Mål 2026"
    wb.save(tmp_path / "renamed_header.xlsx")
    with pytest.raises(WorkbookError, match=r'kolumnen "Målvärde" / "Target" saknas \(omdöpt eller borttagen\?\)'):
        read_excel(tmp_path / "renamed_header.xlsx")
    wb = openpyxl.load_workbook(path)
    del wb["Uppföljning"]
    wb.save(tmp_path / "missing_sheet.xlsx")
    with pytest.raises(WorkbookError, match=r'bladet "Uppföljning" / "Check-ins" saknas') as err:
        read_excel(tmp_path / "missing_sheet.xlsx")
    assert "\n" not in str(err.value)


# --------------------------------------------------------------------------- file safety


def test_defusedxml_is_in_force_billion_laughs_is_refused(sample, tmp_path):
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML
    _, path = sample
    bomb = tmp_path / "billion_laughs.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bomb, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                dtd = b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
                data = data.replace(b"?>", b"?>" + dtd, 1) if data.startswith(b"<?xml") else dtd + data
            dst.writestr(item, data)
    with pytest.raises(WorkbookError, match="declares entities") as err:
        read_excel(bomb)
    from defusedxml import DefusedXmlException

    chain, cause = [], err.value.__cause__
    while cause is not None:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    assert any(isinstance(c, DefusedXmlException) for c in chain)  # refused by defusedxml itself


def test_bad_files_get_one_line_errors(tmp_path):
    cases = {
        "not_xlsx.xlsx": (b"name,target\nleads,200\n", "not an Excel workbook"),
        "old_excel.xls": (bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600, "Excel 97–2003"),
        "password_protected.xlsx": (
            bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 500 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 100,
            "password-protected; remove the password in Excel",
        ),
    }
    for name, (data, message) in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(WorkbookError, match=message) as err:
            read_excel(tmp_path / name)
        assert "\n" not in str(err.value)
    docx = tmp_path / "word_file.xlsx"
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("[Content_Types].xml", '<Types><Override ContentType="application/vnd.openxmlformats-'
                    'officedocument.wordprocessingml.document.main+xml"/></Types>')  # fmt: skip
    with pytest.raises(WorkbookError, match="not an Excel workbook"):
        read_excel(docx)
    with pytest.raises(WorkbookError, match="no such file"):
        read_excel(tmp_path / "missing.xlsx")


def test_files_over_the_size_limit_are_refused(tmp_path, monkeypatch):
    from okr_workshop.workbook import read as excel_read

    path = write_excel(make_workshop(), tmp_path / "big.xlsx")
    monkeypatch.setattr(excel_read, "MAX_BYTES", path.stat().st_size - 1)
    with pytest.raises(WorkbookError, match="are refused"):
        read_excel(path)
    monkeypatch.undo()
    monkeypatch.setattr(excel_read, "MAX_UNCOMPRESSED", 1000)
    with pytest.raises(WorkbookError, match="unpacks to"):
        read_excel(path)


# --------------------------------------------------------------------------- import into a workshop file


@pytest.fixture
def stored(tmp_path) -> tuple[okr.Workshop, Path, Path]:
    ws = okr.samples.load("exempel-ab")
    file = tmp_path / "exempel.okr"
    okr.save(ws, file)
    return ws, file, write_excel(ws, tmp_path / "okrs.xlsx")


def test_import_of_an_unchanged_export_changes_nothing(stored):
    _, file, xlsx = stored
    with okr.open_store(file) as store:
        before = store.revision()
    summary = import_workbook(xlsx, file)
    assert summary.changes == 0 and summary.unchanged > 0
    with okr.open_store(file) as store:
        assert store.revision() == before


def test_import_adds_and_changes_then_a_second_import_changes_nothing(stored):
    ws, file, xlsx = stored
    rows = sheet_rows(xlsx, "okrs")
    n = len(rows)
    team, title = rows[1][0], rows[1][1]
    edit(xlsx, "okrs", "sv", {
        (2, "target"): 25,  # changed key result
        (n + 1, "team"): team, (n + 1, "objective"): title, (n + 1, "key_result"): "3 nya distributörer i Österrike",
        (n + 1, "kind"): "öka", (n + 1, "baseline"): 0, (n + 1, "target"): 3,  # new key result, existing objective
        (n + 2, "team"): team, (n + 2, "objective"): "Ett nytt mål", (n + 2, "key_result"): "Något mätbart",
        (n + 2, "kind"): "milstolpe",  # new objective with a new key result
    })  # fmt: skip
    blank = next(i for i, r in enumerate(sheet_rows(xlsx, "checkins"), 1) if i > 1 and r[5] is None)
    edit(xlsx, "checkins", "sv", {(blank, "on"): dt.date(2026, 9, 1), (blank, "value"): 7, (blank, "confidence"): 6})
    summary = import_workbook(xlsx, file)
    assert (summary.key_results_changed, summary.key_results_added) == (1, 2)
    assert (summary.objectives_added, summary.check_ins_added) == (1, 1)
    after = okr.load(file)
    assert after.key_result(ws.key_results[0].id).target == 25
    assert any(o.title == "Ett nytt mål" for o in after.objectives)
    with okr.open_store(file) as store:
        revision = store.revision()
    again = import_workbook(xlsx, file)
    assert again.changes == 0
    with okr.open_store(file) as store:
        assert store.revision() == revision
    assert canon(okr.load(file)) == canon(after)


def test_import_with_an_error_stores_nothing(stored):
    _, file, xlsx = stored
    edit(xlsx, "okrs", "sv", {(2, "target"): 99, (3, "baseline"): "noll"})
    with okr.open_store(file) as store:
        before = store.revision()
    with pytest.raises(WorkbookError, match='kolumnen "Utgångsläge": ett tal behövs, inte "noll"'):
        import_workbook(xlsx, file)
    with okr.open_store(file) as store:
        assert store.revision() == before


def test_check_in_typed_in_twice_without_id_is_stored_once(stored):
    ws, file, xlsx = stored
    kr = ws.key_results[0]
    rows = sheet_rows(xlsx, "checkins")
    n = len(rows)
    row = {(n + 1, "key_result"): kr.text, (n + 1, "on"): dt.date(2026, 9, 2), (n + 1, "value"): 3}
    edit(xlsx, "checkins", "sv", row)
    assert import_workbook(xlsx, file).check_ins_added == 1
    # the same check-in typed into a fresh export (no id) is recognised by key result, date and value
    fresh = write_excel(ws, xlsx.with_name("fresh.xlsx"))
    edit(fresh, "checkins", "sv", row)
    assert import_workbook(fresh, file).check_ins_added == 0


def test_import_into_another_workshop_is_refused(stored, tmp_path):
    _, _, xlsx = stored
    other = tmp_path / "other.okr"
    okr.save(okr.samples.load("acme"), other)
    with pytest.raises(WorkbookError, match="exporterad från en annan workshop"):
        import_workbook(xlsx, other)


def _check_in_rows(xlsx: Path) -> list[tuple[int, list]]:
    """(row number, cells) of the check-in rows that hold a stored check-in (an id in its column)."""
    keys = [c.key for c in L.CHECKIN_COLUMNS]
    at = keys.index("check_in_id")
    return [(i, r) for i, r in enumerate(sheet_rows(xlsx, "checkins"), 1) if i > 1 and r[at]]


def test_edited_check_ins_are_changed_with_history_and_a_second_import_changes_nothing(stored):
    _, file, xlsx = stored
    keys = [c.key for c in L.CHECKIN_COLUMNS]
    (r1, first), (r2, second), (r3, third) = _check_in_rows(xlsx)[:3]
    id1, id2, id3 = (r[keys.index("check_in_id")] for r in (first, second, third))
    edit(xlsx, "checkins", "sv", {
        (r1, "value"): 3, (r2, "comment"): "Rättad kommentar", (r3, "value"): "1,5",
    })  # fmt: skip
    with okr.open_store(file) as store:
        before = store.revision()
    summary = import_workbook(xlsx, file)
    assert summary.check_ins_changed == 3 and summary.changes == 3
    assert "3 ändrade uppföljningar" in summary.describe("sv") and "3 changed check-ins" in summary.describe("en")
    after = {c.id: c for kr in okr.load(file).key_results for c in kr.check_ins}
    assert after[id1].value == 3 and after[id2].comment == "Rättad kommentar" and after[id3].value == 1.5
    assert after[id2].value == second[keys.index("value")]  # only the edited field changed
    with okr.open_store(file) as store:
        assert store.revision() != before
        updates = [h for h in store.history(id1) if h["action"] == "update"]
        assert updates and updates[-1]["data"]["before"]["value"] == first[keys.index("value")]
        revision = store.revision()
    again = import_workbook(xlsx, file)
    assert again.changes == 0
    with okr.open_store(file) as store:
        assert store.revision() == revision


def test_a_check_in_row_deleted_from_the_sheet_is_kept(stored):
    ws, file, xlsx = stored
    row_no, row = _check_in_rows(xlsx)[0]
    wb = openpyxl.load_workbook(xlsx)
    wb[L.sheet_name("checkins", "sv")].delete_rows(row_no)
    wb.save(xlsx)
    assert import_workbook(xlsx, file).changes == 0
    kept = {c.id for kr in okr.load(file).key_results for c in kr.check_ins}
    assert row[[c.key for c in L.CHECKIN_COLUMNS].index("check_in_id")] in kept


@pytest.mark.parametrize(
    "counts, sv, en",
    [
        ({"check_ins_added": 1, "teams_added": 1}, ["1 ny uppföljning", "1 nytt team"], ["1 new check-in,", "1 new team"]),
        ({"check_ins_added": 2, "teams_added": 2}, ["2 nya uppföljningar", "2 nya team"], ["2 new check-ins", "2 new teams"]),
        ({"objectives_added": 1, "key_results_changed": 1, "check_ins_changed": 1},
         ["1 nytt och 0 ändrade mål", "0 nya och 1 ändrat nyckelresultat", "1 ändrad uppföljning"],
         ["1 new and 0 changed objective,", "0 new and 1 changed key result,", "1 changed check-in,"]),
    ],
)  # fmt: skip
def test_import_summary_has_plurals_right_in_both_languages(counts, sv, en):
    from okr_workshop.workbook.merge import ImportSummary

    summary = ImportSummary(**counts)
    for lang, expected in (("sv", sv), ("en", en)):
        text = summary.describe(lang)
        for part in expected:
            assert part in text, (part, text)
    assert " lag" not in summary.describe("sv")


def test_workbook_errors_read_well_with_one_problem_and_with_several(stored):
    _, file, xlsx = stored
    edit(xlsx, "okrs", "sv", {(2, "target"): "tio"})
    with pytest.raises(WorkbookError) as err:
        read_excel(xlsx)  # lint: never stores, so never says it did not
    one = str(err.value)
    assert one == 'okrs.xlsx, bladet "Nyckelresultat", rad 2, kolumnen "Målvärde": ett tal behövs, inte "tio"'
    with pytest.raises(WorkbookError) as err:
        import_workbook(xlsx, file)
    assert str(err.value) == one + "; inget sparades" and err.value.problems == [one]
    edit(xlsx, "okrs", "sv", {(3, "target"): "elva"})
    with pytest.raises(WorkbookError) as err:
        read_excel(xlsx)
    assert str(err.value) == f"okrs.xlsx: 2 problem; det första: {one.removeprefix('okrs.xlsx, ')}"
    with pytest.raises(WorkbookError) as err:
        import_workbook(xlsx, file)
    message = str(err.value)
    assert message.startswith("okrs.xlsx: 2 problem, inget sparades; det första: bladet ")
    assert "\n" not in message and len(err.value.problems) == 2


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_workbook_gets_the_mode_of_a_normally_created_file(tmp_path, umask):
    import os
    import stat

    old = os.umask(umask)
    try:
        path = write_excel(make_workshop("sv"), tmp_path / "shared.xlsx")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_a_team_typo_is_reported_once_with_a_hint_not_with_follow_on_errors(stored):
    _, file, xlsx = stored
    rows = sheet_rows(xlsx, "okrs")
    assert rows[2][0] == "Ledningsgruppen"
    edit(xlsx, "okrs", "sv", {(3, "team"): "Ledningsgrupen"})
    with pytest.raises(WorkbookError) as err:
        import_workbook(xlsx, file)
    assert err.value.problems == [
        f'okrs.xlsx, bladet "Nyckelresultat", rad 3, kolumnen "{L.OKR_COLUMNS[0].sv}": "Ledningsgrupen" är inte ett '
        'team på bladet "Översikt"; välj ett ur listan eller lägg till teamet där; menade du "Ledningsgruppen"?'
    ]
    assert str(err.value) == err.value.problems[0] + "; inget sparades"


def test_a_mistyped_parent_objective_gets_a_hint_and_a_refused_parent_no_second_error(stored):
    ws, file, xlsx = stored
    keys = [c.key for c in L.OKR_COLUMNS]
    rows = sheet_rows(xlsx, "okrs")
    child = next(i for i, r in enumerate(rows, 1) if i > 1 and r[keys.index("parent")])
    parent = rows[child - 1][keys.index("parent")]
    same = [
        i for i, r in enumerate(rows, 1) if r[keys.index("objective_id")] == rows[child - 1][keys.index("objective_id")]
    ]
    edit(xlsx, "okrs", "sv", {(i, "parent"): parent[:-1] + parent[-1].swapcase() + "x" for i in same})
    with pytest.raises(WorkbookError) as err:
        read_excel(xlsx)
    (problem,) = err.value.problems
    assert 'kolumnen "Stödjer": inget mål heter' in problem and f'menade du "{parent}"?' in problem
    # the parent objective's own rows refused (no team): its children are not reported as well
    xlsx2 = write_excel(ws, xlsx.with_name("again.xlsx"))
    parent_rows = [i for i, r in enumerate(rows, 1) if i > 1 and r[keys.index("objective")] == parent]
    edit(xlsx2, "okrs", "sv", {(i, "team"): "Ingen sådan" for i in parent_rows})
    with pytest.raises(WorkbookError) as err:
        read_excel(xlsx2)
    assert len(err.value.problems) == len(parent_rows)
    assert all("är inte ett team" in p for p in err.value.problems)


def test_printed_sheets_are_landscape_one_page_wide_with_the_header_on_every_page(sample):
    _, path = sample
    wb = openpyxl.load_workbook(path)
    for key in ("overview", "okrs", "checkins", "quality"):
        sheet = wb[L.sheet_name(key, "sv")]
        setup = sheet.page_setup
        # fitToWidth 1 is the OOXML default: XlsxWriter leaves it out, openpyxl then reads None
        assert (setup.orientation, setup.fitToWidth or 1, setup.fitToHeight) == ("landscape", 1, 0), key
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, key
        header = (
            1
            if key != "overview"
            else next(i for i, r in enumerate(sheet.iter_rows(values_only=True), 1) if r[0] == L.TEAM_COLUMNS[0].sv)
        )
        assert sheet.print_title_rows.replace("$", "") == f"{header}:{header}", key
        assert "&P" in sheet.oddFooter.center.text and sheet.page_margins.left < 0.7


def test_a_new_check_in_like_a_stored_one_but_with_another_comment_is_added_a_true_duplicate_skipped(stored):
    ws, file, xlsx = stored
    kr = ws.key_results[0]
    last = kr.history[-1]
    n = len(sheet_rows(xlsx, "checkins"))
    same = {"key_result": kr.text, "on": last.on, "value": last.value, "confidence": last.confidence,
            "comment": last.comment, "author": last.author}  # fmt: skip
    other = {**same, "comment": "Siffran bekräftad av ekonomi"}
    edit(xlsx, "checkins", "sv", {(n + i, k): v for i, row in ((1, same), (2, other)) for k, v in row.items()})
    summary = import_workbook(xlsx, file)
    assert (summary.check_ins_added, summary.duplicates_skipped) == (1, 1)
    assert "1 uppföljning fanns redan och hoppades över" in summary.describe("sv")
    assert "1 check-in already there, skipped" in summary.describe("en")
    comments = [
        c.comment for c in okr.load(file).key_result(kr.id).check_ins if (c.on, c.value) == (last.on, last.value)
    ]
    assert sorted(comments) == sorted([last.comment, "Siffran bekräftad av ekonomi"])
    again = import_workbook(xlsx, file)
    assert (again.changes, again.duplicates_skipped) == (0, 1)
