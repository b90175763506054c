"""A team's page on a phone (390 px) while the facilitator runs the day: the day's part above the form.

The participant page of tests/test_browser_app.py shows the drafting form alone; with an agenda the
day's step (here a dot vote with a long idea) goes above it, and it has to fit a phone as well.
"""

from __future__ import annotations

import pytest
from browser_support import PageLog, browser_test, launched_browser, screenshot, start_app

import okr_workshop as okr
from okr_workshop.day import Day

pytestmark = browser_test

LOAD_TIMEOUT = 90_000  # ms
LONG_IDEA = "Kunder som väljer oss igen och rekommenderar oss till sina kollegor i hela Norden"

_CUT = """() => [...document.querySelectorAll(
    '.okr-day-page button, .okr-day-page .widget-label, .okr-drafting-form button')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && (e.scrollWidth > e.clientWidth + 0.5 || e.scrollHeight > e.clientHeight + 0.5);
  }).map(e => `${(e.className.match(/okr-[a-z-]+/g) || [e.tagName]).join(' ')} «${e.textContent.trim()}» ` +
              `${e.scrollWidth}>${e.clientWidth}`)"""


@pytest.fixture(scope="module")
def workshop_path(tmp_path_factory):
    ws = okr.Workshop.new("Exempel AB", period="2027-Q1", lang="sv")
    ws.add_team("Sälj")
    ws.add_team("Drift")
    path = tmp_path_factory.mktemp("phone") / "dag.okr"
    okr.save(ws, path)
    with Day.open(path) as day:
        day.set_agenda([("brainstorm", 10), ("vote", 10)])
        day.start()
        anna = day.join("Anna", team="Sälj")
        day.add_candidate(anna, LONG_IDEA, team="Sälj")
        day.add_candidate(anna, "Snabbare offerter", team="Sälj")
        day.reveal("Sälj")
        day.advance()
        day.open_vote("Sälj", dots=3)
    return path


def test_the_day_and_the_form_fit_a_phone(workshop_path):
    server, _base = start_app(workshop_path, log_name="app-phone")
    try:
        with launched_browser() as browser:
            context = browser.new_context(viewport={"width": 390, "height": 844}, locale="sv-SE", is_mobile=True,
                                          has_touch=True)  # fmt: skip
            try:
                page = context.new_page()
                log = PageLog(page)
                page.goto(server.launch.team_url("Sälj"))
                page.locator(".okr-day-page .okr-day-dot").first.wait_for(timeout=LOAD_TIMEOUT)
                page.locator(".okr-drafting-form").wait_for(timeout=LOAD_TIMEOUT)
                cut = page.evaluate(_CUT)
                screenshot(page, "app-7-phone-390-day-vote", tall=True)
                assert cut == [], f"cut at 390 px: {cut}"
                idea = page.locator(".okr-day-vote-item").filter(has_text="rekommenderar")
                assert LONG_IDEA in idea.inner_text()
                width = page.evaluate("() => document.documentElement.scrollWidth")
                assert width <= 390, f"the page scrolls sideways: {width} px"
                assert log.external == [] and log.page_errors == []
            finally:
                context.close()
    finally:
        server.stop()
