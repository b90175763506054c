"""Messages in the reader's language: model errors by code, workbook problems and the command line, in sv and en."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import openpyxl
import pytest
from test_i18n import _offences, _raw_rule_ids

import okr_workshop as okr
from okr_workshop.cli import main
from okr_workshop.errors import OkrWorkshopError, ValidationError, WorkbookError
from okr_workshop.i18n.catalog import translations
from okr_workshop.model import validate as V
from okr_workshop.model.entities import Kind

# Words of English sentences that no Swedish message has (checked after commands, flags and code are taken out).
_ENGLISH = re.compile(
    r"\b(the|is|no|not|and|or|of|a|an|to|give|choose|expected|got|already|exists|folder|file|check|must|"
    r"cannot|sheet|row|column|missing|empty|number|date|pick|write|wrote|created)\b",
    re.IGNORECASE,
)
_CODE = re.compile(
    r"postgresql://\S+|'[^']*'|\"[^\"]*\"|`[^`]*`|--\w[\w-]*|okr-workshop(?: \w+)?|\S+\.(?:okr|xlsx|json|jsonl)\b|U\+[0-9A-F]{4}"
)


def _english_words(lines: list[str]) -> list[str]:
    return sorted({f"{m.group(0)!r} in {line!r}" for line in lines for m in _ENGLISH.finditer(_CODE.sub(" ", line))})


# --------------------------------------------------------------------------- model errors: a code and parameters

MODEL_ERRORS = {
    "number": lambda: V._number("key result target", "tio"),
    "ambiguous": lambda: V.parse_number("key result target", "12,000"),
    "too large": lambda: V._number("key result baseline", 1e16),
    "not finite": lambda: V._number("key result baseline", float("nan")),
    "confidence": lambda: V._confidence("check-in confidence", 11),
    "confidence required": lambda: V._confidence("check-in confidence", None, required=True),
    "date": lambda: V._date("key result due", "snart"),
    "date required": lambda: V._date("check-in date", None, required=True),
    "year": lambda: V._date("key result due", dt.date(1980, 1, 1)),
    "kind": lambda: V._enum("key result kind", Kind, "sjunka"),
    "text type": lambda: V._text("organisation", 5),
    "control": lambda: V._text("team name", "A\x1bB"),
    "too long": lambda: V._text("key result text", "x" * (V.MAX_TEXT + 1)),
    "empty": lambda: V._text("organisation", " ", required=True),
    "weight": lambda: V._weight("key result weight", -1),
    "id": lambda: V._id("objective id", "a b"),
    "period": lambda: okr.Workshop.new("X", period="2027-Q9"),
    "period year": lambda: okr.Workshop.new("X", period="0000-Q1"),
    "team twice": lambda: _two_teams(),
    "grade": lambda: (
        okr.Workshop.new("X", period="2027-Q1").add_team("A").add_objective("B").add_key_result("C", grade_override=2)
    ),
}


def _two_teams():
    ws = okr.Workshop.new("X", period="2027-Q1")
    ws.add_team("Sälj")
    ws.add_team("Sälj")


def _raised(call) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        call()
    return info.value


@pytest.mark.parametrize("case", sorted(MODEL_ERRORS))
def test_a_model_error_has_a_code_and_renders_in_both_languages(case):
    err = _raised(MODEL_ERRORS[case])
    assert err.code and f"error.{err.code}" in translations("en")._catalog, err
    assert str(err) == f"{err.where}: {err.problem}"  # str() stays the English message
    if not err.code.startswith("choice."):  # choices: the English render names the dropdown's labels
        assert err.render_problem("en") == err.problem
    swedish = err.render("sv")
    assert _english_words([swedish]) == [] and _offences([swedish]) == [], swedish


def test_the_swedish_ambiguous_number_writes_the_decimal_with_a_comma():
    err = _raised(MODEL_ERRORS["ambiguous"])
    assert (
        err.render_problem("sv") == "tvetydigt tal '12,000': skriv 12000 för ett heltal, eller 12,0 för ett decimaltal"
    )
    assert "12.0 for a decimal" in str(err)


def test_a_field_path_keeps_its_path_and_names_the_field_in_swedish():
    err = _raised(MODEL_ERRORS["number"]).within("teams[0].objectives[1]")
    assert err.where == "teams[0].objectives[1], key result target" and err.code == "number.invalid"
    assert err.render("sv") == "teams[0].objectives[1], målvärde: ett tal behövs, inte 'tio'"


def test_an_error_without_a_code_renders_as_its_english_text():
    err = OkrWorkshopError("something only English knows")
    assert err.render("sv") == err.render("en") == "something only English knows"


# --------------------------------------------------------------------------- the workbook's problem list


def _bad_workbook(tmp_path: Path, lang: str) -> Path:
    ws = okr.samples.load("exempel-ab" if lang == "sv" else "acme")
    path = okr.write_excel(ws, tmp_path / f"okrs-{lang}.xlsx")
    book = openpyxl.load_workbook(path)
    okrs, checkins = book.worksheets[1], book.worksheets[2]
    head = {c.value: c.column for c in okrs[1]}
    col = {key: head[label] for key, label in _headers(lang).items() if label in head}
    okrs.cell(2, col["target"], "tio")
    okrs.cell(3, col["baseline"], "12,000")
    okrs.cell(4, col["due"], "snart")
    okrs.cell(5, col["kind"], "sjunka")
    okrs.cell(6, col["confidence"], 11)
    okrs.cell(7, col["key_result_id"], "ett id med mellanslag")
    okrs.cell(8, col["target"], "=1+1")
    okrs.cell(9, col["due"], dt.date(1980, 1, 1))
    okrs.cell(10, col["baseline"], 1e16)
    okrs.cell(11, col["type"], "kanske")
    chead = {c.value: c.column for c in checkins[1]}
    checkins.cell(2, chead[_headers(lang)["value"]], "mycket")
    book.save(path)
    return path


def _headers(lang: str) -> dict[str, str]:
    from okr_workshop.workbook import labels as L

    return {c.key: c.label(lang) for c in (*L.OKR_COLUMNS, *L.CHECKIN_COLUMNS)}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_workbooks_problems_are_in_its_language(tmp_path, lang):
    with pytest.raises(WorkbookError) as info:
        okr.read_excel(_bad_workbook(tmp_path, lang))
    problems = info.value.problems
    assert len(problems) >= 11, problems
    if lang == "sv":
        assert _english_words(problems) == [], problems
        assert _offences(problems) == [], problems
        assert any("tvetydigt tal" in p and "12,0 för ett decimaltal" in p for p in problems), problems
        assert any("välj ett av öka, minska" in p for p in problems), problems
    else:
        assert all(" rad " not in p and "behövs" not in p for p in problems), problems
        assert any("ambiguous number" in p for p in problems), problems


# --------------------------------------------------------------------------- the command line


@pytest.fixture
def room(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    sv = okr.Workshop.new("Åkeri AB", period="2027-Q1", lang="sv")
    sv.add_team("Ledningsgruppen")
    okr.save(sv, tmp_path / "sv.okr")
    okr.save(okr.Workshop.new("Acme", period="2027-Q1", lang="en"), tmp_path / "en.okr")
    (tmp_path / "finns.json").write_text("behåll")
    (tmp_path / "trasig.xlsx").write_text("inte en arbetsbok")
    (tmp_path / "slump.okr").write_bytes(os.urandom(4096))
    (tmp_path / "tom.okr").write_bytes(b"")
    (tmp_path / "mapp").mkdir()
    (tmp_path / "trasig.jsonl").write_text('skräp\n{"kind": "mål"}\n', encoding="utf-8")
    (tmp_path / "fel.jsonl").write_text('{"trainee": "Anna", "exercise": "x"}\nskräp\n{"a": 1}\n', encoding="utf-8")
    data = sv.to_dict()
    data["teams"][0]["name"] = "Sälj\x1b]0;x"
    (tmp_path / "styrtecken.json").write_text(json.dumps(data), encoding="utf-8")
    return tmp_path


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


# Commands that fail, on the Swedish workshop or before any workshop is opened.
SWEDISH_ERRORS = {
    "lint-missing": ["lint", "saknas.okr"],
    "lint-folder": ["lint", "mapp"],
    "lint-random": ["lint", "slump.okr"],
    "lint-empty": ["lint", "tom.okr"],
    "export-nothing": ["export", "sv.okr"],
    "export-existing": ["export", "sv.okr", "--json", "finns.json"],
    "export-onto-input": ["export", "sv.okr", "--xlsx", "sv.okr"],
    "export-into-folder": ["export", "sv.okr", "--json", "mapp", "--force"],
    "new-exists": ["new", "X", "--period", "2027-Q1", "--out", "sv.okr"],
    "new-year": ["new", "X", "--period", "0000-Q1", "--out", "ny.okr"],
    "new-month": ["new", "X", "--period", "2027-13", "--out", "ny.okr"],
    "new-not-a-period": ["new", "X", "--period", "Q5", "--out", "ny.okr"],
    "new-escape": ["new", "A\x1bB", "--period", "2027-Q1", "--out", "ny.okr"],
    "new-no-folder": ["new", "X", "--period", "2027-Q1", "--out", "ingen/ny.okr"],
    "import-not-xlsx": ["import", "trasig.xlsx", "--into", "sv.okr"],
    "init-onto-a-file": ["init", "sv.okr"],
    "backup-onto-itself": ["backup", "sv.okr", "sv.okr"],
    "report-onto-a-file": ["report", "sv.okr", "--out", "sv.okr"],
    "next-same-period": ["next", "sv.okr", "--period", "2027-Q1"],
    "check-nothing": ["check"],
    "training-results-missing": ["training-results", "saknas.jsonl", "--xlsx", "ut.xlsx"],
    "demo-bad-sample": ["demo", "--sample", "inget", "--out", "d"],
    "report-no-team": ["report", "sv.okr", "--out", "r", "--team", "Ingen"],
    "report-bad-date": ["report", "sv.okr", "--out", "r", "--as-of", "snart"],
    "app-missing": ["app", "saknas.okr", "--port", "1"],
    "list-no-folder": ["list", "ingenstans"],
    "copy-onto-itself": ["copy", "sv.okr", "sv.okr"],
    "lint-json-escape": ["lint", "styrtecken.json"],
    "copy-url-no-workshop": ["copy", "sv.okr", "postgresql://127.0.0.1:1/okr"],
    "copy-url-bad-name": ["copy", "sv.okr", "postgresql://127.0.0.1:1/okr/Åkeri"],
    "copy-url-too-long": ["copy", "sv.okr", "postgresql://127.0.0.1:1/okr/a/b"],
    "copy-url-two-names": ["copy", "sv.okr", "postgresql://127.0.0.1:1/okr/a?workshop=b"],
    "check-jsonl-bad-lines": ["check", "--jsonl", "trasig.jsonl"],
    "training-results-bad-line": ["training-results", "fel.jsonl", "--xlsx", "ut.xlsx"],
}


@pytest.mark.parametrize("name", sorted(SWEDISH_ERRORS))
def test_a_swedish_command_line_error_shows_no_english_word_and_no_rule_id(room, capsys, monkeypatch, name):
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    code, _, err = _run(capsys, *SWEDISH_ERRORS[name])
    assert code == 2 and err.count("\n") == 1, err
    message = err.split(": ", 1)[1]
    assert _english_words([message]) == [], err
    assert _offences([message]) == [], err


def test_the_command_line_speaks_the_locale_before_a_workshop_is_opened(room, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    assert "filen finns inte" in _run(capsys, "lint", "saknas.okr")[2]
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert "no such file" in _run(capsys, "lint", "saknas.okr")[2]
    monkeypatch.setenv("LC_ALL", "sv_SE.UTF-8")  # LC_ALL before LANG
    assert "filen finns inte" in _run(capsys, "lint", "saknas.okr")[2]
    monkeypatch.setenv("LC_ALL", "C")
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    assert "no such file" in _run(capsys, "lint", "saknas.okr")[2]


def test_the_command_line_speaks_the_workshops_language(room, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")  # an English locale: the workshop's language wins
    assert _run(capsys, "export", "sv.okr", "--json", "ut-sv.json") == (0, "skrev ut-sv.json\n", "")
    assert "ange vad som ska skrivas" in _run(capsys, "export", "sv.okr")[2]
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    assert _run(capsys, "export", "en.okr", "--json", "ut-en.json") == (0, "wrote ut-en.json\n", "")
    assert "already exists; choose another name" in _run(capsys, "export", "en.okr", "--json", "finns.json")[2]
    code, out, _ = _run(capsys, "lint", "sv.okr")
    assert code in (0, 1) and out.startswith("varning ") and " 0 mål" in out, out
    assert _raw_rule_ids(out.splitlines()) == [] and _offences(out.splitlines()) == [], out  # rules by their names


def test_lang_wins_over_the_workshop_and_the_locale(room, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    err = _run(capsys, "new", "X", "--period", "2027-Q1", "--lang", "en", "--out", "sv.okr")[2]
    assert "sv.okr: already exists; choose another name or delete it first" in err
    monkeypatch.setenv("LANG", "C.UTF-8")
    err = _run(capsys, "new", "X", "--period", "2027-Q9", "--lang", "sv", "--out", "ny.okr")[2]
    assert err == "okr-workshop new: period: '2027-Q9' är inte en period; skriv t.ex. 2027-Q1, 2027-H1, 2027 eller " \
        "2027-01-01..2027-04-30\n"  # fmt: skip
    code, out, _ = _run(capsys, "new", "Ny AB", "--period", "2027-Q2", "--lang", "sv", "--out", "ny.okr")
    assert code == 0 and out.startswith("skapade ny.okr (Ny AB, 2027-Q2, sv)"), out


def test_an_english_command_line_error_is_the_english_message(room, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    for args in SWEDISH_ERRORS.values():
        if "sv.okr" in args and args[0] not in ("new",):
            continue  # the Swedish workshop: Swedish
        code, _, err = _run(capsys, *args)
        assert code == 2 and err.count("\n") == 1, err
        assert not re.search(r"\b(inte|finns|ange|välj|är)\b", err), err


# --------------------------------------------------------------------------- the drafting form


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_model_error_in_the_drafting_form_is_in_the_forms_language(tmp_path, lang):
    pytest.importorskip("ipywidgets")
    from conftest import make_workshop

    from okr_workshop.widgets import DraftingForm

    path = tmp_path / "ws.okr"
    ws = make_workshop(lang)
    okr.save(ws, path)
    team = next(t for t in ws.teams if t.objectives)
    form = DraftingForm(path, team.name, lang=lang, feedback_delay=None, save_delay=None)
    kr = form.team.objectives[0].key_results[0]
    fields = form.editors[form.team.objectives[0].id].editors[kr.id].fields
    fields["text"].input.value = "x" * (V.MAX_TEXT + 1)  # the model's limit, told by the model's error
    shown = fields["text"].feedback.value
    assert ("texten är 10001 tecken; korta den till högst" in shown) == (lang == "sv"), shown
    assert ("text is 10001 characters; shorten it" in shown) == (lang == "en"), shown
    form.close()


def test_check_speaks_the_language_of_the_text_it_checks(room, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    code, out, _ = _run(capsys, "check", "Öka försäljningen med 20 % i Tyskland")
    assert code in (0, 1) and out.startswith("varning ") and "Siffra i målet" in out, out
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    code, out, _ = _run(capsys, "check", "Increase sales in Germany by 20%")
    assert code in (0, 1) and out.startswith("warning ") and "Number in the objective" in out, out


@pytest.mark.parametrize("later,lang", [(1, "sv"), (2, "sv"), (1, "en")])
def test_the_reports_note_on_later_check_ins_is_one_line_in_the_workshops_language(tmp_path, later, lang):
    import subprocess
    import sys

    ws = okr.Workshop.new("Åkeri AB", period="2099-Q1", lang=lang)  # today is before it: the default day is its first
    kr = ws.add_team("Drift").add_objective("Nöjdare kunder").add_key_result("NPS", baseline=0, target=10)
    for day in range(later):
        kr.add_check_in(value=5, confidence=5, on=dt.date(2099, 2, 1 + day))
    okr.save(ws, tmp_path / "ws.okr")
    env = {**os.environ, "LANG": "C.UTF-8", "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    run = subprocess.run(
        [sys.executable, "-m", "okr_workshop", "report", "ws.okr", "--out", "r"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    note = [line for line in run.stderr.splitlines() if "--as-of" in line]
    assert len(note) == 1 and note[0].startswith("okr-workshop report: 2099-Q1: "), run.stderr
    assert "WARNING" not in run.stderr and "okr_workshop:" not in run.stderr, run.stderr
    if lang == "sv":
        assert _english_words(note) == [], note
        assert ("en uppföljning med senare datum räknas inte" in note[0]) == (later == 1), note
    else:
        assert ("one check-in dated later is not counted" in note[0]) == (later == 1), note
