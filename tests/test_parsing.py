"""Numbers and dates typed as text are read by one function, the same way in the model, the app and the workbook."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import make_workshop

import okr_workshop as okr
from okr_workshop.errors import ValidationError, WorkbookError
from okr_workshop.model.validate import parse_date, parse_number
from okr_workshop.workbook import labels as L
from okr_workshop.workbook.merge import import_workbook
from okr_workshop.workbook.write import write_excel


@pytest.mark.parametrize(
    "text, expected",
    [
        ("200", 200.0), ("4,5", 4.5), ("4.5", 4.5), ("0,125", 0.125), ("1234,5", 1234.5), ("-1,5", -1.5),
        ("\u22123", -3.0), ("12 000", 12000.0), ("1\u00a0234,5", 1234.5), ("1,234.5", 1234.5), ("1.234,5", 1234.5),
        ("1e5", 1e5), (" 7 ", 7.0),
    ],
)  # fmt: skip
def test_numbers_with_a_decimal_comma_or_point_and_grouped_thousands(text, expected):
    assert parse_number("x", text) == expected


@pytest.mark.parametrize("text", ["1,000", "12,000", "-1,500", "999,999,999"])
def test_a_comma_that_may_separate_thousands_is_refused_with_both_readings(text):
    with pytest.raises(ValidationError, match="ambiguous number .*: write .* for a whole number, or .* for a decimal"):
        parse_number("x", text)
    assert okr.KeyResult(text="x", kind="increase", target="1 000").target == 1000


@pytest.mark.parametrize("text", ["1_000", "1 2", "12,5,3", "tio", "1.2.3,4"])
def test_other_malformed_numbers_are_refused(text):
    with pytest.raises(ValidationError, match="expected a number"):
        parse_number("x", text)


def test_the_model_refuses_an_ambiguous_number_and_a_date_with_trailing_characters():
    with pytest.raises(ValidationError, match="key result target: ambiguous number '12,000'"):
        okr.KeyResult(text="x", kind="increase", baseline=0, target="12,000")
    with pytest.raises(ValidationError, match="check-in date: expected a date as YYYY-MM-DD, got '2027-01-015'"):
        okr.CheckIn(on="2027-01-015", value=1)


@pytest.mark.parametrize("text", ["2027-01-015", "2027-01-1x", "2027-01-15abc", "20270115", "2027-1-5"])
def test_dates_with_trailing_or_missing_characters_are_refused(text):
    with pytest.raises(ValidationError, match="expected a date as YYYY-MM-DD"):
        parse_date("x", text)


@pytest.mark.parametrize("text", ["2027-01-15", " 2027-01-15 ", "2027-01-15 00:00:00", "2027-01-15T10:30"])
def test_dates_as_exported_or_with_a_time_of_day(text):
    assert parse_date("x", text) == dt.date(2027, 1, 15)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_workbook_text_cells_say_which_readings_and_nothing_is_stored(tmp_path, lang):
    import openpyxl

    ws = make_workshop(lang)
    file = tmp_path / "ws.okr"
    okr.save(ws, file)
    xlsx = write_excel(ws, tmp_path / "okrs.xlsx")
    wb = openpyxl.load_workbook(xlsx)
    sheet = wb[L.sheet_name("okrs", lang)]
    target = [c.key for c in L.OKR_COLUMNS].index("target") + 1
    sheet.cell(row=2, column=target, value="12,000")
    checkins = wb[L.sheet_name("checkins", lang)]
    on = [c.key for c in L.CHECKIN_COLUMNS].index("on") + 1
    checkins.cell(row=2, column=on, value="2027-01-015")
    wb.save(xlsx)
    with pytest.raises(WorkbookError) as err:
        import_workbook(xlsx, file)
    text = "\n".join(err.value.problems)
    if lang == "sv":
        assert "tvetydigt tal '12,000': skriv 12000 för ett heltal, eller 12,0 för ett decimaltal" in text
        assert 'ett datum som ÅÅÅÅ-MM-DD behövs, inte "2027-01-015"' in text
    else:
        assert "ambiguous number '12,000': write 12000 for a whole number, or 12.0 for a decimal" in text
        assert 'expected a date as YYYY-MM-DD, got "2027-01-015"' in text
    assert okr.load(file).key_results[0].target == ws.key_results[0].target


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_drafting_form_says_ambiguous_in_words_and_leaves_the_model(tmp_path, lang):
    from okr_workshop.widgets import DraftingForm

    file = tmp_path / "ws.okr"
    okr.save(make_workshop(lang), file)
    form = DraftingForm(file, "Marknad" if lang == "sv" else "Marketing", lang=lang, feedback_delay=None,
                        save_delay=None)  # fmt: skip
    obj = form.team.objectives[0]
    kr = obj.key_results[0]
    field = form.editors[obj.id].editors[kr.id].fields["target"]
    field.input.value = "12,000"
    assert kr.target == 200
    words = (
        "skriv 12000 för ett heltal, eller 12,0 för ett decimaltal"
        if lang == "sv"
        else "write 12000 for a whole number, or 12.0 for a decimal"
    )
    assert words in field.feedback.value
    field.input.value = "4,5"
    assert kr.target == 4.5
