"""The training notebooks run headless with scripted right and wrong answers; the grading is asserted."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import openpyxl
import pytest

from okr_workshop.training import (
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
    as JSON text) answers."""
    papermill = pytest.importorskip("papermill")
    work = tmp_path_factory.mktemp("training_notebooks")
    log = work / "results.jsonl"
    # Right answers in Swedish, wrong ones in English: both languages run headless.
    sv, en = _answers("sv"), _answers("en")
    out = {}
    for name in sv:
        for variant, trainee, lang, answer in (
            ("right", "Right", "sv", sv[name][0]),
            ("wrong", "=Wrong", "en", json.dumps(en[name][1])),  # as `papermill -p answers '[…]'` passes it
        ):
            params = {"lang": lang, "seed": SEED, "trainee": trainee, "results_path": str(log), "answers": answer}
            out[(name, variant)] = papermill.execute_notebook(
                str(NOTEBOOKS / f"{name}.ipynb"), str(work / f"{name}_{variant}.ipynb"), parameters=params,
                kernel_name="python3", progress_bar=False, cwd=str(work),
            )  # fmt: skip
    out[("05_trainer_view", "")] = papermill.execute_notebook(
        str(NOTEBOOKS / "05_trainer_view.ipynb"), str(work / "05_out.ipynb"),
        parameters={"lang": "en", "results_path": str(log), "export_path": str(work / "trainer.xlsx")},
        kernel_name="python3", progress_bar=False, cwd=str(work),
    )  # fmt: skip
    return out, work


def _text(nb, tag: str = "grading") -> str:
    cell = next(c for c in nb.cells if tag in c.metadata.get("tags", []))
    return "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")


def _grading(nb, tag: str = "grading") -> dict:
    text = _text(nb, tag)
    line = next(line for line in text.splitlines() if line.startswith("GRADING "))
    return json.loads(line[len("GRADING ") :])


@pytest.mark.slow
def test_spot_notebook_grades_right_and_wrong(runs):
    nbs, _ = runs
    right, wrong = _grading(nbs[("01_spot_the_flaw", "right")]), _grading(nbs[("01_spot_the_flaw", "wrong")])
    assert right["passed"] and right["score"] == 1.0 and not right["missed"]
    assert "2 av 2 fel hittade" in _text(nbs[("01_spot_the_flaw", "right")])
    assert not wrong["passed"] and wrong["missed"] == list(make_spot_exercise(SEED, "en", 2).flaws)
    assert len(wrong["false_alarms"]) == 1


@pytest.mark.slow
def test_rewrite_notebook_grades_right_and_wrong(runs):
    nbs, _ = runs
    right, wrong = _grading(nbs[("02_rewrite", "right")]), _grading(nbs[("02_rewrite", "wrong")])
    assert right["passed"] and right["attempts"] == 2 and right["missed"] == []
    assert not wrong["passed"] and wrong["attempts"] == 1 and set(wrong["missed"]) >= set(wrong["expected"])


@pytest.mark.slow
def test_quarter_notebook_grades_right_and_wrong(runs):
    nbs, _ = runs
    right, wrong = _grading(nbs[("03_score_the_quarter", "right")]), _grading(nbs[("03_score_the_quarter", "wrong")])
    assert right["passed"] and right["score"] == 1.0
    assert "6 av 6 betyg rätt" in _text(nbs[("03_score_the_quarter", "right")])
    assert not wrong["passed"] and wrong["missed"] == ["formula:decrease"]
    assert "(baseline − current) / (baseline − target)" in _text(nbs[("03_score_the_quarter", "wrong")])


@pytest.mark.slow
def test_facilitate_notebook_grades_right_and_wrong(runs):
    nbs, _ = runs
    right, wrong = _grading(nbs[("04_facilitate", "right")]), _grading(nbs[("04_facilitate", "wrong")])
    assert right["passed"] and right["score"] == 1.0
    assert not wrong["passed"] and wrong["score"] == 0.33 and len(wrong["false_alarms"]) == 2


@pytest.mark.slow
def test_trainer_view_notebook_reads_every_answer_and_exports(runs):
    nbs, work = runs
    summary = _grading(nbs[("05_trainer_view", "")], "export")
    # 01, 03, 04: one entry per run; 02: logged only when clean (right run).
    assert summary["answers"] == 7
    wb = openpyxl.load_workbook(work / "trainer.xlsx")
    names = [c.value for c in wb["Answers"]["B"][1:]]
    assert set(names) == {"Right", "=Wrong"}
    risky = [c for c in wb["Answers"]["B"][1:] if c.value == "=Wrong"]
    assert risky and all(c.data_type == "s" for c in risky)
    assert summary["most_missed"]
