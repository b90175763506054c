"""The exported HTML report in a real browser: opens offline, no console errors, no requests."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import PageLog, browser_test, launched_browser, screenshot

import okr_workshop as okr

pytestmark = browser_test

HOSTILE = '<img src=x onerror="window.hacked=1">Bli bäst på service'


@pytest.fixture(scope="module")
def report_html(tmp_path_factory) -> Path:
    from okr_workshop.jupyter.reporting import build_report

    tmp = tmp_path_factory.mktemp("report")
    ws = okr.samples.load("exempel-ab")
    team = ws.team("Kundtjänst")
    team.add_objective(HOSTILE, type="committed")  # participant text must stay text in the report
    okr.save(ws, tmp / "exempel.okr")
    outputs = build_report(tmp / "exempel.okr", tmp / "out")
    html = [p for p in outputs if p.suffix == ".html"]
    assert html, f"build_report wrote no HTML: {outputs}"
    return html[0]


def test_report_opens_offline_without_errors_or_requests(report_html):
    url = report_html.resolve().as_uri()
    with launched_browser() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 1000}, offline=True)
        page = context.new_page()
        log = PageLog(page)
        page.goto(url, wait_until="load")
        page.wait_for_timeout(500)  # late scripts (charts, widgets) would fire their requests now
        text = page.locator("body").inner_text()
        assert "Exempel AB" in text and "Marknad" in text
        assert HOSTILE in text  # shown as text ...
        assert page.evaluate("window.hacked") is None  # ... never run as HTML
        screenshot(page, "report-1-opened")
        others = [u for u in log.requests if u != url and not u.startswith(("data:", "blob:", "about:"))]
        assert others == [], f"the report loads other resources: {others}"
        assert log.console_errors == [], log.console_errors
        assert log.page_errors == [], log.page_errors
        assert log.failed == [], log.failed
        context.close()
