"""The training notebooks run headless with scripted right and wrong answers; the grading is asserted."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import openpyxl
import pytest

from okr_workshop.training import (
    ResultsLog,
    RewriteSession,
    coaching_points,
    make_board,
    make_quarter_exercise,
    make_spot_exercise,
)

NOTEBOOKS = Path(__file__).parent.parent / "notebooks" / "training"
NAMES = ["01_spot_the_flaw", "02_rewrite", "03_score_the_quarter", "04_facilitate", "05_trainer_view"]
SEED = 4


def test_notebooks_are_thin_and_committed_clean():
    for name in NAMES:
        nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert "parameters" in code[0].metadata.get("tags", []), name
        for cell in code:
            assert cell.outputs == [] and cell.execution_count is None, name
            assert cell.metadata.get("tags"), f"{name}: every code cell is tagged"
            assert not re.search(r"^\s*(def|class)\s", cell.source, re.M), name
        assert "answers" in code[0].source or name == "05_trainer_view"
        assert all(c.cell_type == "code" for c in nb.cells), f"{name}: a trainee's page shows only the exercise"


def _answers(lang: str) -> dict[str, tuple]:
    """(right, wrong) scripted answers per notebook, computed from the same seed the notebook uses."""
    spot = make_spot_exercise(SEED, lang, 2)
    wrong_spot = [next(c for c in spot.choices if c not in spot.flaws)]
    draft_broken = {"objective": spot.broken["objective"], "key_results": spot.broken["key_results"]}
    quarter = make_quarter_exercise(SEED, lang)
    right_q = quarter.expected()
    wrong_q = {**right_q, "KR2": round(1 - right_q["KR2"], 2) if right_q["KR2"] != 0.5 else 0.9}
    board = make_board(SEED, lang, 4)
    points = [p.rule for p in coaching_points(board)]
    absent = [c for c in board.choices if c not in points]
    assert RewriteSession.from_exercise(spot).flaws == spot.flaws
    return {
        "01_spot_the_flaw": (list(spot.flaws), wrong_spot),
        "02_rewrite": ([draft_broken, spot.original], [draft_broken]),
        "03_score_the_quarter": (right_q, wrong_q),
        "04_facilitate": (points[:3], [points[0], *absent[:2]]),
    }


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Run every notebook once per module: 01–04 with right (trainee Right, sv) and wrong (trainee =Wrong, en, answers
    as JSON text) answers; 03 once more with "41" (a hint, not a wrong answer); 05 in Swedish."""
    papermill = pytest.importorskip("papermill")
    work = tmp_path_factory.mktemp("training_notebooks")
    log = work / "results.jsonl"
    # Right answers in Swedish, wrong ones in English: both languages run headless.
    sv, en = _answers("sv"), _answers("en")
    runs_ = [
        (name, variant, trainee, lang, answer)
        for name in sv
        for variant, trainee, lang, answer in (
            ("right", "Right", "sv", sv[name][0]),
            ("wrong", "=Wrong", "en", json.dumps(en[name][1])),  # as `papermill -p answers '[…]'` passes it
        )
    ]
    runs_.append(("03_score_the_quarter", "hint", "Hint", "sv", json.dumps({"KR1": "41"})))
    out = {}
    for name, variant, trainee, lang, answer in runs_:
        params = {"lang": lang, "seed": SEED, "trainee": trainee, "results_path": str(log), "answers": answer}
        out[(name, variant)] = papermill.execute_notebook(
            str(NOTEBOOKS / f"{name}.ipynb"), str(work / f"{name}_{variant}.ipynb"), parameters=params,
            kernel_name="python3", progress_bar=False, cwd=str(work),
        )  # fmt: skip
    out[("05_trainer_view", "")] = papermill.execute_notebook(
        str(NOTEBOOKS / "05_trainer_view.ipynb"), str(work / "05_out.ipynb"),
        parameters={"lang": "sv", "results_path": str(log), "export_path": str(work / "trainer.xlsx")},
        kernel_name="python3", progress_bar=False, cwd=str(work),
    )  # fmt: skip
    return out, work


def _text(nb, tag: str = "grading") -> str:
    cell = next(c for c in nb.cells if tag in c.metadata.get("tags", []))
    return "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")


def _html(nb, tag: str) -> str:
    cell = next(c for c in nb.cells if tag in c.metadata.get("tags", []))
    return "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)


def _logged(work, exercise: str, trainee: str) -> list[dict]:
    return [
        e for e in ResultsLog(work / "results.jsonl").entries() if (e["exercise"], e["trainee"]) == (exercise, trainee)
    ]


def _last(work, exercise: str, trainee: str) -> dict:
    return _logged(work, exercise, trainee)[-1]


@pytest.mark.slow
def test_spot_notebook_grades_right_and_wrong(runs):
    nbs, work = runs
    right, wrong = _last(work, "spot", "Right"), _last(work, "spot", "=Wrong")
    assert right["passed"] and right["score"] == 1.0 and not right["missed"]
    assert "2 av 2 fel hittade" in _text(nbs[("01_spot_the_flaw", "right")])
    assert not wrong["passed"] and wrong["missed"] == list(make_spot_exercise(SEED, "en", 2).flaws)
    assert len(wrong["false_alarms"]) == 1


@pytest.mark.slow
def test_no_developer_notes_on_a_trainees_page(runs):
    nbs, _ = runs
    for (name, _variant), nb in nbs.items():
        for cell in nb.cells:
            assert cell.cell_type == "code" or name == "05_trainer_view"
            for o in cell.outputs:
                text = o.get("text", "") + o.get("data", {}).get("text/plain", "")
                assert "GRADING" not in text and "{" not in o.get("text", ""), (name, text[:80])


@pytest.mark.slow
def test_rewrite_notebook_logs_every_draft_with_its_text(runs):
    nbs, work = runs
    right, wrong = _logged(work, "rewrite", "Right"), _logged(work, "rewrite", "=Wrong")
    assert [e["passed"] for e in right] == [False, True]  # the unfinished first draft is logged too
    assert right[-1]["missed"] == [] and right[-1]["text"].startswith(
        make_spot_exercise(SEED, "sv", 2).original["objective"]
    )
    assert len(wrong) == 1 and not wrong[0]["passed"] and set(wrong[0]["missed"]) >= set(wrong[0]["expected"])


@pytest.mark.slow
def test_quarter_notebook_grades_right_and_wrong_and_hints(runs):
    nbs, work = runs
    right, wrong = _last(work, "quarter", "Right"), _last(work, "quarter", "=Wrong")
    assert right["passed"] and right["score"] == 1.0
    assert "6 av 6 betyg rätt" in _text(nbs[("03_score_the_quarter", "right")])
    assert not wrong["passed"] and wrong["missed"] == ["formula:decrease"]
    assert "(baseline − current) / (baseline − target)" in _text(nbs[("03_score_the_quarter", "wrong")])
    # "41" where a grade 0–1 is asked: the hint is printed headless and logged as not graded, not as a fail.
    assert "41 – menar du 0,41 (41 %)?" in _text(nbs[("03_score_the_quarter", "hint")], "submit")
    (hint,) = _logged(work, "quarter", "Hint")
    assert hint["invalid"] and hint["score"] is None and "41" in hint["invalid"]


@pytest.mark.slow
def test_facilitate_notebook_grades_right_and_wrong(runs):
    nbs, work = runs
    right, wrong = _last(work, "facilitate", "Right"), _last(work, "facilitate", "=Wrong")
    assert right["passed"] and right["score"] == 1.0
    assert not wrong["passed"] and wrong["score"] == 0.33 and len(wrong["false_alarms"]) == 2


@pytest.mark.slow
def test_trainer_view_notebook_in_swedish_reads_every_answer_and_exports(runs):
    nbs, work = runs
    nb = nbs[("05_trainer_view", "")]
    page = "".join(_html(nb, tag) for tag in ("summary", "trainees", "answers", "missed"))
    assert "Deltagare" in page and "Godkänd på första försöket" in page and "Hitta felet" in page
    for english in ("Trainee", "Exercise", "NaN", ">spot<", ">kr-binary<", "True", "False"):
        assert english not in page, english
    wb = openpyxl.load_workbook(work / "trainer.xlsx")
    answers = wb["Alla svar"]
    names = [c.value for c in answers["B"][1:]]
    assert set(names) == {"Right", "=Wrong", "Hint"}
    # 01, 03, 04: one entry per run; 02: every draft (2 right, 1 wrong); 03 hint: one not graded.
    assert len(names) == 10
    risky = [c for c in answers["B"][1:] if c.value == "=Wrong"]
    assert risky and all(c.data_type == "s" for c in risky)
