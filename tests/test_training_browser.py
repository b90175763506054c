"""Spot the flaw in a real browser: the notebook served by Voilà, ticked and checked in chromium."""

from __future__ import annotations

import sys

import pytest
from browser_support import PageLog, Server, browser_test, free_port, launched_browser, screenshot
from test_training_notebooks import NOTEBOOKS

from okr_workshop.training import ResultsLog, make_spot_exercise
from okr_workshop.training.texts import flaw_label

pytestmark = browser_test
LOAD_TIMEOUT = 90_000  # ms: Voilà starts a kernel and runs the notebook first
UI_TIMEOUT = 20_000


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    papermill = pytest.importorskip("papermill")
    work = tmp_path_factory.mktemp("training_voila")
    log = work / "results.jsonl"
    notebook = work / "spot.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOKS / "01_spot_the_flaw.ipynb"), str(notebook), prepare_only=True,
        parameters={"lang": "sv", "seed": 4, "n_flaws": 2, "trainee": "Anna <b>", "results_path": str(log)},
    )  # fmt: skip
    port = free_port()
    argv = [
        sys.executable, "-m", "voila", str(notebook), "--no-browser", f"--port={port}", "--Voila.port_retries=0",
        "--Voila.ip=127.0.0.1", "--theme=light", "--token=",
    ]  # fmt: skip
    server = Server(argv, log_name="training-voila", cwd=work)
    base = f"http://127.0.0.1:{port}"
    try:
        server.wait(f"{base}/", timeout=90)
        yield base, log
    finally:
        server.stop()


def test_trainee_ticks_the_flaws_and_gets_graded(served):
    base, log = served
    exercise = make_spot_exercise(4, "sv", 2)
    with launched_browser() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="sv-SE")
        page = context.new_page()
        events = PageLog(page)
        page.goto(f"{base}/")
        page.locator(".okr-training").wait_for(timeout=LOAD_TIMEOUT)
        assert exercise.broken["objective"] in page.locator(".okr-training-okr").inner_text()
        # A wrong answer first: nothing ticked.
        page.locator(".okr-training-check").click()
        feedback = page.locator(".okr-training-feedback")
        feedback.filter(has_text="0 av 2 fel hittade").wait_for(timeout=UI_TIMEOUT)
        for rule in exercise.flaws:
            page.locator(".okr-training-choice").filter(has_text=flaw_label(rule, "sv")).locator("input").check()
        page.locator(".okr-training-check").click()
        feedback.filter(has_text="2 av 2 fel hittade").wait_for(timeout=UI_TIMEOUT)
        screenshot(page, "training-spot-the-flaw")
        assert "Rätt:" in feedback.inner_text()
        assert events.page_errors == [], events.page_errors
        context.close()
    entries = ResultsLog(log).entries()
    assert [e["passed"] for e in entries] == [False, True]
    assert entries[0]["trainee"] == "Anna <b>"
