"""Big workbooks: rows are streamed and capped with a clear message; matching stays linear (timing: benchmarks/)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

import okr_workshop as okr
from okr_workshop.errors import WorkbookError
from okr_workshop.workbook import labels as L
from okr_workshop.workbook import validate as excel_validate
from okr_workshop.workbook.merge import import_workbook
from okr_workshop.workbook.read import read_excel
from okr_workshop.workbook.write import write_excel


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_sheet_over_the_row_cap_is_refused_in_one_line_and_nothing_is_stored(tmp_path, monkeypatch, lang):
    ws = okr.samples.load("exempel-ab" if lang == "sv" else "acme")
    file = tmp_path / "ws.okr"
    okr.save(ws, file)
    xlsx = write_excel(ws, tmp_path / "okrs.xlsx")
    wb = openpyxl.load_workbook(xlsx)
    sheet = wb[L.sheet_name("checkins", lang)]
    keys = [c.key for c in L.CHECKIN_COLUMNS]
    kr = ws.key_results[0]
    start = sheet.max_row + 1
    for i in range(60):
        sheet.cell(row=start + i, column=keys.index("key_result") + 1, value=kr.text)
        sheet.cell(row=start + i, column=keys.index("on") + 1, value=dt.date(2026, 9, 1))
        sheet.cell(row=start + i, column=keys.index("value") + 1, value=i)
    wb.save(xlsx)
    monkeypatch.setattr(excel_validate, "MAX_ROWS", sheet.max_row - 10)
    with pytest.raises(WorkbookError) as err:
        import_workbook(xlsx, file)
    message = str(err.value)
    assert "\n" not in message and f'"{L.sheet_name("checkins", lang)}"' in message
    assert ("fler än" in message) == (lang == "sv") and ("has more than" in message) == (lang == "en")
    assert len([c for k in okr.load(file).key_results for c in k.check_ins]) == sum(
        len(k.check_ins) for k in ws.key_results
    )


def test_many_check_ins_typed_in_for_one_key_result_and_a_chain_of_teams_read_back(tmp_path):
    ws = okr.Workshop.new("Kedja AB", period="2027-Q1", lang="sv")
    parent = None
    for i in range(300):
        parent = ws.add_team(f"Team {i:03d}", parent=parent)
    kr = parent.add_objective("Ett tydligt mål").add_key_result("Mätbart", kind="increase", baseline=0, target=10)
    xlsx = write_excel(ws, tmp_path / "okrs.xlsx")
    wb = openpyxl.load_workbook(xlsx)
    sheet = wb[L.sheet_name("checkins", "sv")]
    keys = [c.key for c in L.CHECKIN_COLUMNS]
    for i in range(2, 2002):  # 2000 rows typed in without id, the same date and value: all kept, ids all distinct
        sheet.cell(row=i, column=keys.index("key_result") + 1, value=kr.text)
        sheet.cell(row=i, column=keys.index("on") + 1, value=dt.date(2027, 2, 1))
        sheet.cell(row=i, column=keys.index("value") + 1, value=5)
        sheet.cell(row=i, column=keys.index("comment") + 1, value=f"rad {i}")
    wb.save(xlsx)
    back = read_excel(xlsx)
    assert [t.parent.name if t.parent else None for t in back.teams] == [None] + [f"Team {i:03d}" for i in range(299)]
    check_ins = back.key_results[0].check_ins
    assert len(check_ins) == 2000 and len({c.id for c in check_ins}) == 2000
