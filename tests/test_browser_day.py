"""A whole workshop day in real browsers: two teams of three participants and the facilitator, one file.

``okr-workshop app`` serves the pages; the facilitator drives the cockpit, every
participant has a browser context of their own (a device). Brainstorm, reveal,
merge, dot vote, draft, peer review, one dependency accepted and one declined,
fist-of-five, commit; then the report's record shows the day.
"""

from __future__ import annotations

import re

import pytest
from browser_support import PageLog, browser_test, launched_browser, screenshot, start_app

import okr_workshop as okr
from okr_workshop.day import Day
from okr_workshop.report.day import day_record

pytestmark = browser_test

LOAD_TIMEOUT = 120_000  # ms: seven kernels start on a small machine
UI_TIMEOUT = 30_000  # ms: the pages poll the file every 2 s
STEPS = ["brainstorm", "cluster", "vote", "draft", "review", "dependencies", "confidence"]
TEAMS = {"Sälj": ["Anna", "Bo", ""], "Drift": ["Cia", "Dan", "Eva"]}
IDEAS = {
    "Sälj": ["Nöjdare kunder", "Gladare kunder", "Snabbare offerter"],
    "Drift": ["Stabil drift", "Färre larm", "Snabbare driftsättning"],
}


@pytest.fixture(scope="module")
def workshop_path(tmp_path_factory):
    ws = okr.Workshop.new("Exempel AB", period="2027-Q1", lang="sv")
    for team in TEAMS:
        ws.add_team(team)
    path = tmp_path_factory.mktemp("day") / "dag.okr"
    okr.save(ws, path)
    with Day.open(path) as day:
        day.set_agenda([(k, 10) for k in STEPS])
    return path


def wait_step(page, title: str) -> None:
    page.locator(".okr-day-step").filter(has_text=title).wait_for(timeout=UI_TIMEOUT)


def saved(page) -> None:
    page.locator(".okr-day-message").filter(has_text=re.compile("Sparat")).wait_for(timeout=UI_TIMEOUT)


def test_a_whole_day_for_two_teams_of_three(workshop_path):
    server, _base = start_app(workshop_path, log_name="app-day")
    launch = server.launch
    try:
        with launched_browser() as browser:
            contexts = []

            def device():
                ctx = browser.new_context(viewport={"width": 1100, "height": 900}, locale="sv-SE")
                contexts.append(ctx)
                return ctx.new_page()

            try:
                fac = device()
                fac_log = PageLog(fac)
                fac.goto(launch.facilitator_url)
                fac.locator(".okr-cockpit").wait_for(timeout=LOAD_TIMEOUT)
                people = {team: [] for team in TEAMS}
                for team, names in TEAMS.items():
                    for _ in names:
                        page = device()
                        page.goto(launch.team_url(team), wait_until="commit")
                        people[team].append(page)
                for team in TEAMS:
                    for page in people[team]:
                        page.locator(".okr-day-page").wait_for(timeout=LOAD_TIMEOUT)

                # brainstorm: private until revealed
                fac.locator(".okr-cockpit-start").click()
                for team, names in TEAMS.items():
                    for page, name, idea in zip(people[team], names, IDEAS[team]):
                        wait_step(page, "Tyst brainstorm")
                        page.locator(".okr-day-name input").fill(name)
                        page.locator(".okr-day-candidate textarea").fill(idea)
                        page.locator(".okr-day-add").click()
                        page.locator(".okr-day-own").filter(has_text=idea).wait_for(timeout=UI_TIMEOUT)
                assert "Gladare kunder" not in people["Sälj"][0].locator(".okr-day-page").inner_text()
                screenshot(people["Sälj"][0], "day-1-brainstorm")

                # reveal and merge
                fac.locator(".okr-cockpit-next").click()
                fac.locator(".okr-cockpit-reveal").click()
                fac.locator(".okr-cockpit-candidates select").filter(has_text="Gladare kunder").wait_for(
                    timeout=UI_TIMEOUT
                )
                fac.locator(".okr-cockpit-candidates select").select_option(
                    label=["Nöjdare kunder (0)", "Gladare kunder (0)"]
                )
                fac.locator(".okr-cockpit-merge").click()
                page = people["Sälj"][1]
                wait_step(page, "Gruppera")
                page.locator(".okr-day-revealed").filter(has_text="Gladare kunder").wait_for(timeout=UI_TIMEOUT)

                # dot vote: 3 dots each (the cockpit's default), one per candidate
                fac.locator(".okr-cockpit-next").click()
                fac.locator(".okr-cockpit-open-vote").click()
                for team in TEAMS:
                    for page in people[team]:
                        wait_step(page, "Prickröstning")
                        page.locator(".okr-day-dots-left").filter(has_text="3 prickar").wait_for(timeout=UI_TIMEOUT)
                        page.locator(".okr-day-dot").first.click()
                        page.locator(".okr-day-dots-left").filter(has_text="2 prickar").wait_for(timeout=UI_TIMEOUT)
                page = people["Sälj"][0]
                page.locator(".okr-day-dot").first.click()
                page.locator(".okr-day-message").filter(has_text="En prick per förslag").wait_for(timeout=UI_TIMEOUT)
                fac.locator(".okr-cockpit-close-vote").click()
                screenshot(fac, "day-2-vote", tall=True)

                # choose the winners of both teams
                for team, winner in (("Sälj", "Nöjdare kunder"), ("Drift", "Stabil drift")):
                    fac.locator(".okr-cockpit-team select").select_option(label=team)
                    select = fac.locator(".okr-cockpit-candidates select")
                    select.filter(has_text=f"{winner} (3)").wait_for(timeout=UI_TIMEOUT)
                    select.select_option(label=[f"{winner} (3)"])
                    fac.locator(".okr-cockpit-choose").click()
                    fac.locator(".okr-cockpit-tally").filter(has_text=f"{winner} ✓").wait_for(timeout=UI_TIMEOUT)
                ws = okr.load(workshop_path)
                assert [o.title for o in ws.team("Sälj").objectives] == ["Nöjdare kunder"]
                assert [o.title for o in ws.team("Drift").objectives] == ["Stabil drift"]

                # draft: the team's form shows the objective that came out of the vote
                fac.locator(".okr-cockpit-next").click()
                page = people["Drift"][0]
                wait_step(page, "Skriv nyckelresultat")

                # peer review: Drift reviews Sälj and Sälj resolves
                fac.locator(".okr-cockpit-reviews").click()
                fac.locator(".okr-cockpit-next").click()
                wait_step(page, "Kollegial granskning")
                page.locator(".okr-day-review-kind select").select_option(label="En fråga")
                page.locator(".okr-day-review-text textarea").fill("Hur mäter ni nöjdhet?")
                page.locator(".okr-day-review-send").click()
                saved(page)
                sales = people["Sälj"][0]
                wait_step(sales, "Kollegial granskning")
                sales.locator(".okr-day-resolve").first.click()
                sales.locator(".okr-day-review-done").wait_for(timeout=UI_TIMEOUT)

                # dependencies: one accepted, one declined
                fac.locator(".okr-cockpit-next").click()
                for asker, text in ((people["Sälj"][1], "Larm inom 5 minuter"), (people["Drift"][1], "Kundlista")):
                    wait_step(asker, "Beroenden")
                    asker.locator(".okr-day-dep-what input").fill(text)
                    asker.locator(".okr-day-dep-due input").fill("2027-02-15")
                    asker.locator(".okr-day-dep-send").click()
                    saved(asker)
                ops, sales = people["Drift"][2], people["Sälj"][2]
                for answerer, answer in ((ops, "accepterat"), (sales, "avböjt")):
                    wait_step(answerer, "Beroenden")
                    answerer.locator(".okr-day-answer select").wait_for(timeout=UI_TIMEOUT)
                    answerer.locator(".okr-day-answer select").first.select_option(label=answer)
                    saved(answerer)
                fac.locator(".okr-cockpit-matrix").filter(has_text="✗ Kundlista").wait_for(timeout=UI_TIMEOUT)
                assert "✓ Larm inom 5 minuter" in fac.locator(".okr-cockpit-matrix").inner_text()

                # fist-of-five and commit
                fac.locator(".okr-cockpit-next").click()
                for team, fingers in (("Sälj", ("5", "4", "2")), ("Drift", ("4", "4", "5"))):
                    for page, n in zip(people[team], fingers):
                        wait_step(page, "Tilltro")
                        page.locator(".okr-day-fist button").filter(has_text=re.compile(f"^{n}$")).click()
                        saved(page)
                fac.locator(".okr-cockpit-objective select").select_option(label="Sälj · Nöjdare kunder")
                fac.locator(".okr-cockpit-owner input").fill("Anna")
                fac.locator(".okr-cockpit-commit").click()
                fac.locator(".okr-cockpit-message").filter(has_text="Sparat").wait_for(timeout=UI_TIMEOUT)
                people["Sälj"][0].locator(".okr-day-page").filter(has_text="ansvarig Anna").wait_for(timeout=UI_TIMEOUT)
                screenshot(people["Sälj"][0], "day-3-confidence", tall=True)
                assert fac_log.page_errors == []
            finally:
                for ctx in contexts:
                    ctx.close()
    finally:
        server.stop()

    html = day_record(workshop_path).html
    assert "Nöjdare kunder<br>Gladare kunder" in html
    assert "Hur mäter ni nöjdhet?" in html and "accepterat" in html and "avböjt" in html
    assert "1×2 1×4 1×5" in html and "Ambitiöst, Anna" in html
