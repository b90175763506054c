"""Problems found when reading a workbook are told in the workbook's language (sv or en), one line each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

import okr_workshop as okr
from okr_workshop.errors import ValidationError, WorkbookError
from okr_workshop.model import validate as V
from okr_workshop.model.entities import Kind, ObjectiveType
from okr_workshop.workbook import labels as L
from okr_workshop.workbook.merge import import_workbook
from okr_workshop.workbook.read import read_excel
from okr_workshop.workbook.write import write_excel

SAMPLE = {"sv": "exempel-ab", "en": "acme"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, tuple[okr.Workshop, bytes]]:
    """Each language's sample and its exported workbook (as bytes: every test edits its own copy)."""
    folder = tmp_path_factory.mktemp("exported")
    out = {}
    for lang, name in SAMPLE.items():
        ws = okr.samples.load(name)
        out[lang] = ws, write_excel(ws, folder / f"{lang}.xlsx").read_bytes()
    return out


def _copy(exported, lang: str, tmp_path: Path) -> Path:
    path = tmp_path / "okrs.xlsx"
    path.write_bytes(exported[lang][1])
    return path


def _cell(wb, lang: str, sheet: str, row: int, key: str):
    columns = {"okrs": L.OKR_COLUMNS, "checkins": L.CHECKIN_COLUMNS}[sheet]
    return wb[L.sheet_name(sheet, lang)].cell(row=row, column=[c.key for c in columns].index(key) + 1)


def _set(path: Path, lang: str, sheet: str, changes: dict[tuple[int, str], object]) -> None:
    wb = openpyxl.load_workbook(path)
    for (row, key), value in changes.items():
        _cell(wb, lang, sheet, row, key).value = value
    wb.save(path)


def _problems(path: Path) -> list[str]:
    with pytest.raises(WorkbookError) as err:
        read_excel(path)
    assert "\n" not in str(err.value)
    return err.value.problems or [str(err.value)]


def _team_of_row_2(path: Path, lang: str) -> str:
    wb = openpyxl.load_workbook(path)
    return _cell(wb, lang, "okrs", 2, "team").value


CELL_CASES = {
    "bad number": (
        "target", "tio",
        {"sv": 'okrs.xlsx, bladet "Nyckelresultat", rad 2, kolumnen "Målvärde": ett tal behövs, inte "tio"',
         "en": 'okrs.xlsx, sheet "Key results", row 2, column "Target": expected a number, got "tio"'},
    ),
    "formula in a text cell": (
        "key_result", "=1+1",
        {"sv": 'okrs.xlsx, bladet "Nyckelresultat", rad 2, kolumnen "Nyckelresultat": innehåller en formel ("=1+1"); '
               "formler tas inte emot här, skriv texten direkt (för att behålla ett inledande =, skriv en apostrof före)",
         "en": 'okrs.xlsx, sheet "Key results", row 2, column "Key result": holds a formula ("=1+1"); formulas are '
               "refused here, type text itself (to keep a leading =, type an apostrophe before it)"},
    ),
    "bad confidence": (
        "confidence", 11,
        {"sv": 'okrs.xlsx, bladet "Nyckelresultat", rad 2, kolumnen "Tilltro (1–10)": ett heltal från 1 till 10 '
               'behövs, inte "11"',
         "en": 'okrs.xlsx, sheet "Key results", row 2, column "Confidence (1–10)": expected a whole number from 1 to 10, '
               'got "11"'},
    ),
    "bad date": (
        "due", "snart",
        {"sv": 'okrs.xlsx, bladet "Nyckelresultat", rad 2, kolumnen "Klart senast": ett datum som ÅÅÅÅ-MM-DD behövs, '
               'inte "snart"',
         "en": 'okrs.xlsx, sheet "Key results", row 2, column "Due": expected a date as YYYY-MM-DD, got "snart"'},
    ),
    "unlikely year": (
        "due", dt.date(1980, 3, 1),
        {"sv": 'okrs.xlsx, bladet "Nyckelresultat", rad 2, kolumnen "Klart senast": 1980-03-01 ligger utanför '
               "1990–2100; kontrollera året",
         "en": 'okrs.xlsx, sheet "Key results", row 2, column "Due": 1980-03-01 is outside 1990–2100; check the year'},
    ),
    "unknown kind": (
        "kind", "sjunka",
        {"sv": 'okrs.xlsx, bladet "Nyckelresultat", rad 2, kolumnen "Mätsätt": välj ett av öka, minska, minst, högst, '
               'milstolpe, inte "sjunka"',
         "en": 'okrs.xlsx, sheet "Key results", row 2, column "Kind": expected one of increase, decrease, at least, '
               'at most, milestone, got "sjunka"'},
    ),
    "text too long (the model's check)": (
        "key_result", "x" * 10_001,
        {"sv": 'okrs.xlsx, bladet "Nyckelresultat", rad 2, kolumnen "Nyckelresultat": texten är 10001 tecken; korta '
               "den till högst 10000",
         "en": 'okrs.xlsx, sheet "Key results", row 2, column "Key result": text is 10001 characters; shorten it to '
               "10000 or fewer"},
    ),
    "number too large": (
        "target", 1e16,
        {"sv": 'okrs.xlsx, bladet "Nyckelresultat", rad 2, kolumnen "Målvärde": 1e+16 är för stort; välj en enhet som '
               "håller talet under 1e15",
         "en": 'okrs.xlsx, sheet "Key results", row 2, column "Target": the number 1e+16 is too large; use a unit that '
               "keeps it below 1e15"},
    ),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("case", list(CELL_CASES))
def test_a_bad_cell_is_told_in_the_workbooks_language(exported, tmp_path, case, lang):
    key, value, expected = CELL_CASES[case]
    path = _copy(exported, lang, tmp_path)
    _set(path, lang, "okrs", {(2, key): value})
    assert _problems(path) == [expected[lang]]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_an_unknown_team_gets_did_you_mean_in_the_workbooks_language(exported, tmp_path, lang):
    path = _copy(exported, lang, tmp_path)
    team = _team_of_row_2(path, lang)
    _set(path, lang, "okrs", {(2, "team"): team[:-1]})
    (problem,) = _problems(path)
    overview = L.sheet_name("overview", lang)
    assert (
        problem
        == {
            "sv": f'okrs.xlsx, bladet "Nyckelresultat", rad 2, kolumnen "Team": "{team[:-1]}" är inte ett team på bladet '
            f'"{overview}"; välj ett ur listan eller lägg till teamet där; menade du "{team}"?',
            "en": f'okrs.xlsx, sheet "Key results", row 2, column "Team": "{team[:-1]}" is not a team on sheet '
            f'"{overview}"; pick one from the list or add the team there; did you mean "{team}"?',
        }[lang]
    )


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_renamed_header_is_told_in_the_workbooks_language(exported, tmp_path, lang):
    path = _copy(exported, lang, tmp_path)
    wb = openpyxl.load_workbook(path)
    _cell(wb, lang, "okrs", 1, "target").value = "Mål 2026"
    wb.save(path)
    assert _problems(path) == [
        {
            "sv": 'okrs.xlsx, bladet "Nyckelresultat", rad 1: kolumnen "Målvärde" / "Target" saknas (omdöpt eller '
            "borttagen?); återställ rubriken som den exporterades",
            "en": 'okrs.xlsx, sheet "Key results", row 1: the column "Målvärde" / "Target" is missing (renamed or '
            "deleted?); restore its header as exported",
        }[lang]
    ]


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("deleted", ["checkins", "lists"])
def test_a_missing_sheet_is_told_in_the_workbooks_language(exported, tmp_path, lang, deleted):
    """Without the hidden lists sheet (where the language is recorded) the sheet names tell the language."""
    path = _copy(exported, lang, tmp_path)
    wb = openpyxl.load_workbook(path)
    del wb[L.sheet_name(deleted, lang)]
    wb.save(path)
    names = f'"{L.SHEETS[deleted]["sv"]}" / "{L.SHEETS[deleted]["en"]}"'
    assert _problems(path) == [
        {
            "sv": f"okrs.xlsx: bladet {names} saknas (omdöpt eller borttaget?); exportera arbetsboken igen eller "
            "återställ bladets namn",
            "en": f"okrs.xlsx: sheet {names} is missing (renamed or deleted?); export the workbook again or restore "
            "the sheet's name",
        }[lang]
    ]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_summary_of_several_problems_on_import_is_in_the_workbooks_language(exported, tmp_path, lang):
    path = _copy(exported, lang, tmp_path)
    _set(path, lang, "okrs", {(2, "target"): "tio", (3, "confidence"): 0, (4, "due"): "snart"})
    file = tmp_path / "workshop.okr"
    okr.save(exported[lang][0], file)
    with pytest.raises(WorkbookError) as err:
        import_workbook(path, file)
    message, first = str(err.value), err.value.problems[0].removeprefix("okrs.xlsx, ")
    assert len(err.value.problems) == 3
    assert (
        message
        == {
            "sv": f"okrs.xlsx: 3 problem, inget sparades; det första: {first}",
            "en": f"okrs.xlsx: 3 problems, nothing was stored; the first: {first}",
        }[lang]
    )
    assert first.startswith({"sv": 'bladet "Nyckelresultat", rad 2', "en": 'sheet "Key results", row 2'}[lang])


def test_a_file_that_is_no_workbook_is_told_in_english_or_in_the_language_asked_for(tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("not a workbook")
    with pytest.raises(WorkbookError, match=r"^notes\.xlsx: not an Excel workbook \(\.xlsx\); export or save"):
        read_excel(path)
    with pytest.raises(WorkbookError, match=r"^notes\.xlsx: inte en Excel-arbetsbok \(\.xlsx\); exportera eller"):
        read_excel(path, lang="sv")


def test_the_workbooks_own_language_wins_over_the_one_asked_for(exported, tmp_path):
    path = _copy(exported, "sv", tmp_path)
    _set(path, "sv", "okrs", {(2, "target"): "tio"})
    with pytest.raises(WorkbookError, match="ett tal behövs"):
        read_excel(path, lang="en")


def _raised(check) -> ValidationError:
    with pytest.raises(ValidationError) as err:
        check()
    return err.value


# The model's own validators, so a change of their English wording shows up here.
MODEL_ERRORS = {
    "text too long": (lambda: V._text("key result text", "x" * 10_001), "texten är 10001 tecken; korta den till högst"),
    "not a number": (lambda: V._number("key result target", "tio"), "ett tal behövs, inte 'tio'"),
    "number too large": (lambda: V._number("key result target", 1e16), "1e+16 är för stort"),
    "confidence out of range": (lambda: V._confidence("check-in confidence", 11), "tilltron ska vara ett heltal från 1"),
    "bad date": (lambda: V._date("key result due", "snart"), "ett datum som ÅÅÅÅ-MM-DD behövs, inte 'snart'"),
    "unlikely year": (lambda: V._date("key result due", dt.date(1980, 1, 1)), "ligger utanför 1990–2100"),
    "unknown kind": (lambda: V._enum("key result kind", Kind, "sjunka"), "välj ett av öka, minska, minst, högst"),
    "unknown type": (lambda: V._enum("objective type", ObjectiveType, "kanske"), "välj ett av åtagande, ambitiöst"),
    "empty": (lambda: V._text("organisation", " ", required=True), "får inte vara tom"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(MODEL_ERRORS))
def test_the_models_common_errors_have_swedish_wording(case):
    check, swedish = MODEL_ERRORS[case]
    err = _raised(check)
    text = err.render_problem("sv")
    assert swedish in text, text
    assert "expected" not in text and "increase" not in text and "committed" not in text, text
    english = err.render_problem("en")  # str(err) stays English; a list of choices shows the dropdown's labels
    assert err.code and (english == err.problem or err.code.startswith("choice.")), english


def test_a_model_error_renders_from_its_code_not_from_its_english_text():
    err = _raised(MODEL_ERRORS["not a number"][0])
    err.problem = "reworded in English"  # a change of the English wording cannot break the Swedish
    assert err.render_problem("sv") == "ett tal behövs, inte 'tio'"
    assert err.render("sv") == "målvärde: ett tal behövs, inte 'tio'"
