"""The training widgets without a browser: set values, click, assert on the feedback and the log."""

from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")

from okr_workshop.training import (  # noqa: E402
    ResultsLog,
    RewriteSession,
    coaching_points,
    make_board,
    make_quarter_exercise,
    make_spot_exercise,
)
from okr_workshop.widgets.training import Facilitate, Rewrite, ScoreTheQuarter, SpotTheFlaw, okr_html  # noqa: E402


def test_spot_widget_clicks_grade_and_log(tmp_path):
    log = tmp_path / "r.jsonl"
    ex = make_spot_exercise(6, "sv", 2)
    widget = SpotTheFlaw(ex, trainee="Anna", log=str(log))
    for rule in ex.flaws:
        widget.boxes[rule].value = True
    widget.check.click()
    assert widget.result.passed
    assert "2 av 2 fel hittade" in widget.feedback.value
    assert widget.submit([]).missed == ex.flaws
    assert [e["passed"] for e in ResultsLog(log).entries()] == [True, False]


def test_no_trainee_no_log(tmp_path):
    ex = make_spot_exercise(6, "en", 1)
    SpotTheFlaw(ex, log=str(tmp_path / "r.jsonl")).submit(list(ex.flaws))
    assert not (tmp_path / "r.jsonl").exists()


def test_participant_text_is_escaped():
    item = {"objective": "<script>alert(1)</script>", "key_results": [{"text": "<b>x</b>", "kind": "increase"}]}
    html = okr_html(item, "en")
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>x" not in html


def test_rewrite_widget_until_clean(tmp_path):
    log = tmp_path / "r.jsonl"
    ex = make_spot_exercise(2, "en", 2, flaws=["krs-count", "kr-binary"])
    widget = Rewrite(RewriteSession.from_exercise(ex), trainee="Kim", log=str(log), seed=2)
    assert len([r for r in widget.rows if r["text"].value]) == 6
    first = widget.submit(ex.broken)
    assert not first.clean and "okr-finding" in widget.findings.value
    widget.objective.value = ex.original["objective"]
    for row, kr in zip(widget.rows, ex.original["key_results"] + [{"text": ""}] * 6):
        row["text"].value = kr["text"]
        if kr["text"]:
            row["kind"].value = kr["kind"]
            row["baseline"].value = "" if kr["baseline"] is None else str(kr["baseline"])
            row["target"].value = str(kr["target"])
    widget.check.click()
    assert widget.result.clean and "Answer key" in widget.feedback.value
    assert ResultsLog(log).entries()[-1]["passed"] is True


def test_quarter_widget(tmp_path):
    ex = make_quarter_exercise(4, "sv")
    widget = ScoreTheQuarter(ex, trainee="Bo", log=str(tmp_path / "r.jsonl"))
    assert "Godkänt kräver 6 av 6 rätta betyg" in widget.children[1].value
    assert widget.submit({k: str(v).replace(".", ",") for k, v in ex.expected().items()}).passed
    widget.inputs["KR1"].value = "tio"
    widget.check.click()
    assert "tio" in widget.feedback.value and "color:#b3261e" in widget.feedback.value


def test_facilitate_widget():
    board = make_board(5, "en")
    widget = Facilitate(board)
    best = [p.rule for p in coaching_points(board)[:3]]
    assert widget.submit(best).passed
    assert "3 of 3 picks" in widget.feedback.value
    assert widget.submit(best[:2]) is None and "exactly three" in widget.feedback.value


@pytest.mark.parametrize(
    "lang, message", [("sv", "Fyll i minst ett svar först"), ("en", "Fill in at least one answer first")]
)
def test_quarter_widget_empty_check_reveals_and_logs_nothing(tmp_path, lang, message):
    log = tmp_path / "r.jsonl"
    widget = ScoreTheQuarter(make_quarter_exercise(2, lang), trainee="Bo", log=str(log))
    assert widget.submit({}) is None
    assert message in widget.feedback.value
    assert "→" not in widget.feedback.value and " = " not in widget.feedback.value  # no formula, no grade
    assert not log.exists() or ResultsLog(log).entries() == []
