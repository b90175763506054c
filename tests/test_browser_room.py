"""A whole room opens the app at once: ten teams' pages at the same moment, each on its own "laptop".

The facilitator says "open your team's link" and every team does, within seconds. Each page
must become usable (its first text field is there, and what is typed into it reaches the
file), and the last one within RATIO times the time one page takes alone, measured in the
same run. Before the fix, three or more pages opened at once stayed blank (Voilà's IOPub
timeout).

The test is marked ``serial``: ``make test`` runs it alone after the others (never beside
the other xdist worker), and the ratio is always checked. Here the ten browsers run on the
same two cores as the server and the kernels, which a room never does (docs/app.md has the
figures); RATIO is what that reaches with a margin, not the 5x target of a room.
"""

from __future__ import annotations

import statistics
import time

import pytest
from browser_support import browser_test, launched_browser, open_at_once, screenshot, start_app

import okr_workshop as okr

pytestmark = [*browser_test, pytest.mark.serial]

TEAMS = 10
FIELD = ".okr-drafting-form .okr-objective-title input"  # the first text field a team types into
# the last of ten pages / one page alone (median of three), the browsers on this machine too: 5.6-12.5 measured
RATIO = 15.0
SAVE_TIMEOUT = 60  # s: every page's autosave under the load of ten kernels and ten browsers


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    ws = okr.samples.generate(teams=TEAMS, seed=1)
    path = tmp_path_factory.mktemp("room") / "room.okr"
    okr.save(ws, path)
    server, _ = start_app(path, log_name="app-room")
    try:
        yield server, path
    finally:
        server.stop()


def test_ten_team_pages_opened_at_once_are_all_usable_and_typing_reaches_the_file(room):
    server, path = room
    launch = server.launch
    teams = [t.name for t in okr.load(path).teams if t.objectives][:TEAMS]
    assert len(teams) == TEAMS
    with launched_browser() as browser:
        # one page alone (a first page warms the server's templates; the median of the next three), then ten at once
        alones = []
        for _ in range(4):
            contexts, _, (seconds,) = open_at_once(browser, [launch.team_url(teams[0])], FIELD)
            alones.append(seconds)
            for c in contexts:
                c.close()
        alone = statistics.median(alones[1:])
        deadline = time.monotonic() + 30
        while server.kernels() and time.monotonic() < deadline:  # closed pages shut their kernels down
            time.sleep(0.2)
        contexts, pages, times = open_at_once(browser, [launch.team_url(t) for t in teams], FIELD, timeout=600)
        try:
            last = max(times)
            print(f"\none page alone {alone:.1f} s; {TEAMS} at once: first {min(times):.1f} s, last {last:.1f} s, "
                  f"ratio {last / alone:.2f}")  # fmt: skip
            assert TEAMS <= server.kernels() <= TEAMS + len(alones)  # a closed page's kernel may still be going
            for page, team in zip(pages, teams):
                page.locator(FIELD).first.fill(f"Skrivet av {team}")
            deadline = time.monotonic() + SAVE_TIMEOUT
            missing = teams
            while missing and time.monotonic() < deadline:
                ws = okr.load(path)
                missing = [t for t in teams if ws.team(t).objectives[0].title != f"Skrivet av {t}"]
                time.sleep(0.5)
            assert missing == [], f"typed but not in the file: {missing}"
            screenshot(pages[-1], "room-10-last-page")
            assert last <= RATIO * alone, f"the last of {TEAMS} pages took {last:.1f} s, one alone {alone:.1f} s"
        finally:
            for c in contexts:
                c.close()
