"""The trainer view: results log, summaries, most missed rules, Excel export (round trip, injection-safe)."""

from __future__ import annotations

import json

import openpyxl
import pytest

from okr_workshop.errors import OkrWorkshopError, ValidationError
from okr_workshop.training import (
    ResultsLog,
    grade_quarter,
    grade_spot,
    localise,
    make_quarter_exercise,
    make_spot_exercise,
)

RISKY = ['=HYPERLINK("http://x","y")', "+1+2", "-3", "@SUM(A1)"]


@pytest.fixture
def log(tmp_path):
    log = ResultsLog(tmp_path / "class" / "results.jsonl")
    ex = make_spot_exercise(1, "sv", 2)
    log.record("Anna", "spot", grade_spot(ex, list(ex.flaws)), seed=1)
    log.record("Bo", "spot", grade_spot(ex, [ex.flaws[0]]), seed=1)
    log.record("Cia", "spot", grade_spot(ex, []), seed=1)
    q = make_quarter_exercise(1, "sv")
    log.record("Bo", "quarter", grade_quarter(q, {"KR1": 0.0}), seed=1)
    for name in RISKY:
        log.record(name, "spot", grade_spot(ex, list(ex.flaws)), seed=1)
    return log, ex


def test_log_keeps_who_answered_what(log):
    log, ex = log
    entries = log.entries()
    assert [e["trainee"] for e in entries[:4]] == ["Anna", "Bo", "Cia", "Bo"]
    assert entries[0]["passed"] and entries[0]["exercise_id"] == ex.id and entries[0]["lang"] == "sv"
    assert entries[1]["missed"] == list(ex.flaws[1:])


def test_summary_and_most_missed(log):
    log, ex = log
    by = log.progress()
    bo = by[(by["trainee"] == "Bo") & (by["exercise"] == "spot")].iloc[0]
    assert bo["attempts"] == 1 and bo["first_score"] == 0.5 and not bo["passed_first"] and bo["status"] == "working"
    missed = log.most_missed("en")
    top = missed.iloc[0]
    # Cia missed both flaws, Bo the second one: the second flaw is missed most.
    assert top["rule"] == ex.flaws[1] and top["times_missed"] == 2 and top["who"] == "Bo, Cia"
    assert "formula:" in " ".join(missed["rule"])


def test_first_attempt_revealed_stuck_and_roster(tmp_path):
    """The trainer sees the first attempt, not the best: a second click after the feedback is no first-time pass;
    a reveal is marked; three misses are stuck; a roster name without answers has not submitted."""
    import datetime as dt

    log = ResultsLog(tmp_path / "r.jsonl")
    ex = make_spot_exercise(1, "sv", 2)
    started = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=3)
    log.record("Anna", "spot", grade_spot(ex, list(ex.flaws)), started=started)
    log.record("Bo", "spot", grade_spot(ex, []), started=started)
    log.record("Bo", "spot", grade_spot(ex, list(ex.flaws)), started=started)  # the feedback named the flaws
    for _ in range(3):
        log.record("Cia", "spot", grade_spot(ex, [ex.flaws[0]]), started=started)
    log.record("Dan", "rewrite", {"revealed": True, "score": None, "passed": False}, event="reveal")
    log.record("Dan", "rewrite", {"score": 1.0, "passed": True, "revealed": True, "text": "copied"})
    log.record("Eva", "spot", {"invalid": "not one of the choices", "answer": "x", "score": None, "passed": False})
    df = log.progress(roster=["Anna", "bo", "Cia", "Dan", "Eva", "Fia"])
    got = {(r.trainee, r.exercise): (r.status, r.attempts, r.first_score, r.best_score) for r in df.itertuples()}
    assert got[("Anna", "spot")] == ("passed_first", 1, 1.0, 1.0)
    assert got[("bo", "spot")] == ("passed", 2, 0.0, 1.0)  # named as on the roster
    assert got[("Cia", "spot")] == ("stuck", 3, 0.5, 0.5)
    assert got[("Dan", "rewrite")][0] == "revealed"
    assert got[("Eva", "spot")][:2] == ("working", 0)  # an answer that could not be graded is no attempt
    assert got[("Fia", "spot")][0] == "not_started" and ("Anna", "rewrite") in got
    assert float(df[df["trainee"] == "Anna"]["minutes"].iloc[0]) == pytest.approx(3.0, abs=0.2)
    summary = log.summary(["Anna", "Bo", "Cia", "Dan", "Eva", "Fia"]).set_index("exercise")
    assert summary.loc["spot", "passed_first"] == 1 and summary.loc["spot", "stuck"] == 1
    assert summary.loc["spot", "not_started"] == 2 and summary.loc["rewrite", "revealed"] == 1
    assert log.stuck("sv") == ["Cia: Hitta felet, 3 försök"]
    log.record("cia ", "spot", grade_spot(ex, list(ex.flaws)))  # the same trainee, typed differently
    cia = log.progress(roster=["Cia"]).query("trainee == 'Cia'").iloc[0]
    assert cia["attempts"] == 4 and cia["status"] == "passed"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_excel_round_trip_by_cell_values_and_injection_safe(log, tmp_path, lang):
    log, _ = log
    path = log.to_excel(tmp_path / "out" / "trainer.xlsx", lang)
    wb = openpyxl.load_workbook(path)
    sheets = {
        "sv": ["Översikt", "Deltagare", "Alla svar", "Mest missade"],
        "en": ["Summary", "Trainees", "All answers", "Most missed"],
    }[lang]
    assert wb.sheetnames == sheets
    answers = wb[sheets[2]]
    rows = list(answers.iter_rows(values_only=True))
    assert rows[0][1] == ("Deltagare" if lang == "sv" else "Trainee")
    expected = localise(log.answers(lang), lang)
    assert len(rows) - 1 == len(expected)
    for row, (_, want) in zip(rows[1:], expected.iterrows()):
        for got, value in zip(row, want.tolist()):
            assert got == (None if value in ("", None) else value)
    # Names that look like formulas are stored as text, never as formulas.
    cells = [answers.cell(row=r, column=2) for r in range(2, answers.max_row + 1)]
    risky = [c for c in cells if c.value in RISKY]
    assert [c.value for c in risky] == RISKY
    assert all(c.data_type == "s" and c.quotePrefix for c in risky)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            assert all(c.data_type != "f" for c in row)
    missed = list(wb[sheets[3]].iter_rows(values_only=True))
    assert missed[1][0] == localise(log.most_missed(lang), lang).iloc[0, 0]


def test_swedish_workbook_has_no_english_headers_raw_ids_or_nan(log, tmp_path):
    from okr_workshop.training.breaks import FLAWS
    from okr_workshop.training.results import EXERCISES

    log, _ = log
    wb = openpyxl.load_workbook(log.to_excel(tmp_path / "sv.xlsx", "sv", roster=["Anna", "Dora"]))
    cells = [str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    raw = set(FLAWS) | set(EXERCISES) | {"formula:decrease", "True", "False", "nan", "NaN", "None"}
    assert not [c for c in cells if c in raw or c.startswith("formula:")]
    headers = [c.value for ws in wb.worksheets for c in ws[1]]
    english = {"Trainee", "Exercise", "Score", "Passed", "Answer", "Status", "Attempts", "Seed", "Time (UTC)"}
    assert not set(headers) & english
    assert "Dora" in cells and "Inte lämnat in" in cells


def test_excel_needs_xlsx_name(log, tmp_path):
    log, _ = log
    with pytest.raises(ValidationError, match=r"\.xlsx"):
        log.to_excel(tmp_path / "x.csv")


def test_empty_log_exports_headers_only(tmp_path):
    log = ResultsLog(tmp_path / "none.jsonl")
    assert log.entries() == [] and log.by_trainee().empty
    wb = openpyxl.load_workbook(log.to_excel(tmp_path / "empty.xlsx", "en"))
    assert wb["All answers"].max_row == 1


def test_cut_off_last_line_is_skipped_and_bad_line_named(tmp_path):
    path = tmp_path / "r.jsonl"
    good = json.dumps({"trainee": "A", "exercise": "spot", "score": 1, "passed": True})
    path.write_text(good + "\n" + '{"trainee": "B", "exer', encoding="utf-8")
    assert len(ResultsLog(path).entries()) == 1
    path.write_text("not json\n" + good + "\n", encoding="utf-8")
    with pytest.raises(OkrWorkshopError, match="line 1"):
        ResultsLog(path).entries()


@pytest.mark.parametrize("name, message", [("", "enter"), ("x" * 201, "shorten"), (None, "expected a name")])
def test_trainee_name_is_checked(tmp_path, name, message):
    ex = make_spot_exercise(1, "en", 1)
    with pytest.raises(ValidationError, match=message):
        ResultsLog(tmp_path / "r.jsonl").record(name, "spot", grade_spot(ex, []))
    assert not (tmp_path / "r.jsonl").exists()


def test_unknown_exercise_kind(tmp_path):
    ex = make_spot_exercise(1, "en", 1)
    with pytest.raises(ValidationError, match="expected one of"):
        ResultsLog(tmp_path / "r.jsonl").record("A", "quiz", grade_spot(ex, []))


def _write_many(path: str, who: str) -> None:
    ex = make_spot_exercise(1, "en", 1)
    log = ResultsLog(path)
    for _ in range(40):
        log.record(who, "spot", grade_spot(ex, list(ex.flaws)), seed=1)


def test_several_processes_share_one_log(tmp_path):
    import multiprocessing

    path = str(tmp_path / "shared.jsonl")
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write_many, args=(path, f"T{i}")) for i in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    entries = ResultsLog(path).entries()
    assert len(entries) == 120
    assert {e["trainee"] for e in entries} == {"T0", "T1", "T2"}
