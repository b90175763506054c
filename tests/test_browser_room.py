"""A whole room opens the app at once: ten teams' pages at the same moment, each on its own "laptop".

The facilitator says "open your team's link" and every team does, within seconds. Each page
must become usable (its first text field is there, and what is typed into it reaches the
file), and the last one within 5x the time one page takes alone, measured in the same run.
Before the fix, three or more pages opened at once stayed blank (Voilà's IOPub timeout).
"""

from __future__ import annotations

import os
import time
import warnings

import pytest
from browser_support import browser_test, launched_browser, open_at_once, screenshot, start_app

import okr_workshop as okr

pytestmark = browser_test

TEAMS = 10
FIELD = ".okr-drafting-form .okr-objective-title input"  # the first text field a team types into
RATIO = 5.0
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
        # one page alone (after a first page that warms the server's templates), then ten at once
        for _ in range(2):
            contexts, _, (alone,) = open_at_once(browser, [launch.team_url(teams[0])], FIELD)
            for c in contexts:
                c.close()
        deadline = time.monotonic() + 30
        while server.kernels() and time.monotonic() < deadline:  # closed pages shut their kernels down
            time.sleep(0.2)
        load = os.getloadavg()[0]
        contexts, pages, times = open_at_once(browser, [launch.team_url(t) for t in teams], FIELD, timeout=600)
        try:
            last = max(times)
            print(f"\none page alone {alone:.1f} s; {TEAMS} at once: first {min(times):.1f} s, last {last:.1f} s, "
                  f"ratio {last / alone:.2f}")  # fmt: skip
            assert TEAMS <= server.kernels() <= TEAMS + 2  # a closed warm-up page's kernel may still be going
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
            figures = f"the last of {TEAMS} pages took {last:.1f} s, one alone {alone:.1f} s"
            if load > os.cpu_count():  # other work on the machine: the ratio measures them, not the app
                warnings.warn(
                    f"load average {load:.1f} on {os.cpu_count()} cores: ratio not checked ({figures})", stacklevel=1
                )
            else:
                assert last <= RATIO * alone, figures
        finally:
            for c in contexts:
                c.close()
