"""The facilitator notebook in JupyterLab, in a real browser: Run All, then draft in the form.

JupyterLab runs on a temporary copy of ``notebooks/`` with its own settings and
workspace folders, bound to 127.0.0.1 with a random token.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from browser_support import PageLog, browser_test, launched_browser, screenshot, screenshot_on_failure, start_lab

import okr_workshop as okr

pytestmark = browser_test

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOK = "01_setting.ipynb"
LAB_TIMEOUT = 90_000  # ms: JupyterLab's first load and the notebook's kernel on a busy machine
RUN_TIMEOUT = 120_000  # ms: Run All (imports pandas, builds the sample, renders the widgets)
UI_TIMEOUT = 20_000
TEAM = "Marknad"  # the team 01_setting.ipynb drafts for on the exempel-ab sample (team=None)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not (NOTEBOOKS / NOTEBOOK).is_file():
        pytest.fail(f"{NOTEBOOKS / NOTEBOOK} is missing")
    root = tmp_path_factory.mktemp("lab")
    shutil.copy(NOTEBOOKS / NOTEBOOK, root / NOTEBOOK)
    # the facilitator made the workshop first (a missing workshop_path is an error, never a new sample)
    okr.save(okr.samples.load("exempel-ab", fresh_ids=True), root / "workshop.okr")
    server, base, token = start_lab(root, log_name="lab-jupyter")
    try:
        yield base, token, root
    finally:
        server.stop()


def run_all(page) -> None:
    """Run ▸ Run All Cells, through the menu as a facilitator does."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()


def test_run_all_then_type_in_the_drafting_form(lab):
    base, token, root = lab
    with launched_browser() as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        log = PageLog(page)
        with screenshot_on_failure(page, "lab-1"):
            page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={token}", timeout=LAB_TIMEOUT)
            page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=LAB_TIMEOUT)
            # the kernel must be idle before Run All, or the run waits on a "select kernel" prompt
            page.locator("#jp-main-statusbar").get_by_text(re.compile(r"\|\s*Idle")).wait_for(timeout=LAB_TIMEOUT)
            run_all(page)

            # the team's form (the notebook also shows the company's): 01_setting focuses on the sample's first team
            form = page.locator(".jp-OutputArea .okr-drafting-form").filter(has=page.locator("h3", has_text=TEAM))
            form.wait_for(timeout=RUN_TIMEOUT)
            page.locator(".jp-OutputArea .okr-board").wait_for(timeout=RUN_TIMEOUT)
            assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
            assert page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']").count() == 0
            assert sorted(p.name for p in root.glob("*.okr")) == ["workshop.okr"], "the notebook opened the file given"

            before = form.locator(".okr-objective").count()
            form.locator(".okr-add-objective").click()
            title = form.locator(".okr-objective").nth(before).locator(".okr-objective-title input")
            title.wait_for(timeout=UI_TIMEOUT)
            title.scroll_into_view_if_needed()
            title.press_sequentially("Öka intäkterna med 30 %", delay=20)
            warning = form.locator(".okr-objective").nth(before).locator('.okr-finding[data-rule="objective-number"]')
            warning.wait_for(timeout=UI_TIMEOUT)
            assert "30" in warning.inner_text()
            warning.scroll_into_view_if_needed()
            screenshot(page, "lab-1-drafting-feedback")

            title.fill("Bli det självklara valet för nya kunder")
            warning.wait_for(state="detached", timeout=UI_TIMEOUT)

            # the board further down reads the file: after Save and Refresh it shows the new objective
            form.locator(".okr-save").click()
            form.locator(".okr-save-status").filter(has_text=re.compile("Sparat|Saved")).wait_for(timeout=UI_TIMEOUT)
            board = page.locator(".jp-OutputArea .okr-board")
            board.locator(".okr-refresh").click()
            board.locator(".okr-orphan, .okr-aligned").filter(
                has_text="Bli det självklara valet för nya kunder"
            ).wait_for(state="attached", timeout=UI_TIMEOUT)
            assert log.page_errors == [], log.page_errors
            assert log.external == [], f"requests that leave 127.0.0.1: {log.external}"
        context.close()
