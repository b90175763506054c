"""A class of three in a real browser: one trainee passes first time, one reveals the answer key, one gets stuck;
the trainer view and its workbook show exactly that."""

from __future__ import annotations

import sys

import openpyxl
import pytest
from browser_support import PageLog, Server, browser_test, free_port, launched_browser, screenshot
from test_training_notebooks import NOTEBOOKS

from okr_workshop.training import Classroom, RewriteSession, make_spot_exercise
from okr_workshop.training.texts import KIND

pytestmark = browser_test
LOAD_TIMEOUT = 90_000  # ms: Voilà starts a kernel and runs the notebook first
UI_TIMEOUT = 20_000
ROSTER = ["Anna Ek", "Bo Lind", "Cia Berg", "Dan Holm"]  # Dan never opens the page


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    papermill = pytest.importorskip("papermill")
    work = tmp_path_factory.mktemp("training_class")
    room = Classroom.create(work / "klasser", "sv", ROSTER, code="OKRK7Q")
    notebook = work / "skriv_om.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOKS / "02_rewrite.ipynb"), str(notebook), prepare_only=True,
        parameters={"class_code": room.code, "classes_dir": str(work / "klasser")},
    )  # fmt: skip
    port = free_port()
    argv = [
        sys.executable, "-m", "voila", str(notebook), "--no-browser", f"--port={port}", "--Voila.port_retries=0",
        "--Voila.ip=127.0.0.1", "--theme=light", "--token=",
    ]  # fmt: skip
    server = Server(argv, log_name="training-class-voila", cwd=work)
    try:
        server.wait(f"http://127.0.0.1:{port}/", timeout=90)
        yield f"http://127.0.0.1:{port}/", room, work
    finally:
        server.stop()


def _wait_logged(page, room, name: str, n: int) -> None:
    """Wait until the class log holds ``n`` entries of ``name`` (each click is logged by the page's kernel)."""
    for _ in range(200):
        if len([e for e in room.log.entries() if e["trainee"] == name]) >= n:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{name}: {n} entries expected in {room.log_path}")


def _fill(page, item: dict, rows: int) -> None:
    """Type an OKR into the rewrite form (rows beyond its key results emptied)."""
    page.locator(".okr-training-objective textarea").fill(item["objective"])
    krs = item["key_results"]
    for i in range(rows):
        kr = krs[i] if i < len(krs) else {"text": ""}
        page.locator(".okr-training-kr-text input").nth(i).fill(kr["text"])
        if kr["text"]:
            page.locator(".okr-training-kr-kind select").nth(i).select_option(label=KIND[kr["kind"]]["sv"])
        for key in ("baseline", "target", "confidence"):
            value = kr.get(key)
            page.locator(f".okr-training-kr-{key} input").nth(i).fill("" if value is None else f"{value:g}")


def test_a_class_of_three_shows_in_the_trainer_view_and_workbook(served):
    papermill = pytest.importorskip("papermill")
    base, room, work = served
    exercise = make_spot_exercise(room.seed, "sv", 2)
    rows = max(6, len(exercise.broken["key_results"]))
    assert (
        RewriteSession.from_exercise(exercise)
        .submit(
            {**exercise.original, "key_results": [{**k, "confidence": None} for k in exercise.original["key_results"]]}
        )
        .clean
    )
    with launched_browser() as browser:
        for name, plan in (("Anna Ek", "first"), ("Bo Lind", "reveal"), ("Cia Berg", "stuck")):
            context = browser.new_context(viewport={"width": 1280, "height": 1100}, locale="sv-SE")
            page = context.new_page()
            events = PageLog(page)
            page.goto(base)
            page.locator(".okr-training").wait_for(timeout=LOAD_TIMEOUT)
            assert exercise.broken["objective"] in page.locator(".okr-training-objective textarea").input_value()
            page.locator(".okr-training-name input").fill(name)
            feedback = page.locator(".okr-training-feedback")
            if plan == "first":
                _fill(page, exercise.original, rows)
                page.locator(".okr-training-check").click()
                feedback.filter(has_text="Inga anmärkningar kvar efter 1 försök").wait_for(timeout=UI_TIMEOUT)
                screenshot(page, "training-class-first-time")
            elif plan == "reveal":
                page.locator(".okr-training-reveal").click()
                feedback.filter(has_text="Facit:").wait_for(timeout=UI_TIMEOUT)
                _fill(page, exercise.original, rows)  # copies the answer key
                page.locator(".okr-training-check").click()
                feedback.filter(has_text="Inga anmärkningar kvar").wait_for(timeout=UI_TIMEOUT)
            else:
                for n in range(1, 4):  # the broken OKR as it is, three times
                    page.locator(".okr-training-check").click()
                    _wait_logged(page, room, name, n)
            _wait_logged(page, room, name, {"first": 1, "reveal": 2, "stuck": 3}[plan])
            assert events.page_errors == [], events.page_errors
            context.close()
    entries = room.log.entries()
    assert {e["trainee"] for e in entries} == {"Anna Ek", "Bo Lind", "Cia Berg"}
    assert all(e["class"] == "OKRK7Q" and e["text"] for e in entries)
    # The trainer view, as the trainer runs it.
    out = papermill.execute_notebook(
        str(NOTEBOOKS / "05_trainer_view.ipynb"), str(work / "trainer.ipynb"), kernel_name="python3",
        parameters={"class_code": "okrk7q", "classes_dir": str(work / "klasser"), "export_path": str(work / "klass.xlsx")},
        progress_bar=False, cwd=str(work),
    )  # fmt: skip
    cells = {c.metadata["tags"][0]: c for c in out.cells}
    page_html = "".join(o.get("data", {}).get("text/html", "") for o in cells["trainees"].outputs)
    stuck = "".join(o.get("text", "") for o in cells["summary"].outputs)
    assert "Cia Berg: Skriv om, 3 försök" in stuck
    want = {
        "Anna Ek": ("Godkänd på första försöket", 1, "Nej"),
        "Bo Lind": ("Visade facit", 1, "Ja"),
        "Cia Berg": ("Har fastnat", 3, "Nej"),
        "Dan Holm": ("Inte lämnat in", 0, "Nej"),
    }
    for name, (status, _attempts, _revealed) in want.items():
        assert name in page_html and status in page_html
    wb = openpyxl.load_workbook(work / "klass.xlsx")
    sheet = wb["Deltagare"]
    head = [c.value for c in sheet[1]]
    rows_ = {r[head.index("Deltagare")]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    for name, (status, attempts, revealed) in want.items():
        row = rows_[name]
        assert row[head.index("Läge")] == status
        assert row[head.index("Försök")] == attempts
        assert row[head.index("Visade facit")] == revealed
        assert row[head.index("Godkänd på första försöket")] == ("Ja" if name == "Anna Ek" else "Nej")
    assert rows_["Anna Ek"][head.index("Poäng första försöket")] == 1
    summary = {r[0]: r for r in wb["Översikt"].iter_rows(values_only=True)}
    shead = list(summary["Övning"])
    line = summary["Skriv om"]
    assert [line[shead.index(h)] for h in ("Godkänd på första försöket", "Visade facit", "Fastnat", "Inte lämnat in")] == [
        1, 1, 1, 1,
    ]  # fmt: skip
    answers = list(wb["Alla svar"].iter_rows(values_only=True))
    assert len(answers) - 1 == len(entries) == 1 + 2 + 3  # Anna 1, Bo reveal + 1, Cia 3
