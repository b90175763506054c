"""A real JupyterHub on this machine: a facilitator and two participants log in with a browser.

The Hub runs ``deploy/jupyterhub/jupyterhub_config.py`` in its test mode (DummyAuthenticator,
SimpleLocalProcessSpawner, configurable-http-proxy from npm, everything on 127.0.0.1 free ports).
The participants' Hub groups decide their team; both type into their team's page, and the
facilitator (JupyterLab started by the Hub) sees both drafts on the app's board through the
shared workshop store: a PostgreSQL workshop behind a role with a password (a throwaway server)
when one can be started here, else a file. The server's password shows in no page, notebook,
command line, log or file of the Hub's but the app servers' libpq password file (600).
Everything the Hub started is stopped afterwards.
"""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest
from browser_support import PageLog, _zombie, browser_test, launched_browser, screenshot
from hub_support import login, need_hub, start_hub

import okr_workshop as okr
import okr_workshop.storage.postgres
from okr_workshop.app.hub import store_environment
from okr_workshop.storage.postgres import split_password

pytestmark = browser_test

LOAD_TIMEOUT = 120_000  # ms: login, OAuth, then a kernel per page on a busy 2-core machine
UI_TIMEOUT = 20_000
TEAMS = {"anna": "Ekonomi", "bo": "HR"}
TITLES = {"Ekonomi": "Bli ett föredöme i kostnadsmedvetenhet", "HR": "Bli en arbetsplats folk rekommenderar"}


@pytest.fixture(scope="module")
def hub(request, tmp_path_factory):
    """JupyterHub with the okr app service on a shared workshop; yields (server, base URL, workshop, folder).

    The workshop is on a throwaway PostgreSQL server, behind a role that must give its password
    (SCRAM), when one can be started here; otherwise (the store suites' one-line note says why) a file.
    """
    need_hub()
    root = tmp_path_factory.mktemp("hub")
    ws = okr.samples.load("exempel-ab")
    for name in TEAMS.values():
        ws.add_team(name, parent=ws.teams[0])
    if request.config.okr_pg_unavailable:
        workshop = root / "workshop.okr"
    else:
        cluster = request.getfixturevalue("pg_cluster")
        workshop = cluster.password_role("okr_hub_browser").replace("/okr?", "/okr/hubben_browser?")
        okr.storage.postgres.drop(okr.storage.postgres.parse(workshop))
    okr.save(ws, workshop)
    groups = {f"team-{team}": [user] for user, team in TEAMS.items()}
    server, base = start_hub(root, workshop, groups, facilitators=["fia"])
    try:
        yield server, base, workshop, root
    finally:
        family = server.descendants()
        server.stop()
        left = [pid for pid in family if Path(f"/proc/{pid}").exists() and not _zombie(pid)]
        assert left == [], f"processes left after the Hub stopped: {left}"


def test_facilitator_and_two_participants_share_one_store_through_the_hub(hub):
    server, base, workshop, root = hub
    password = split_password(workshop)[1] if isinstance(workshop, str) else None
    with launched_browser() as browser:
        contexts = []
        try:
            # participants: the Hub sends them to the app, which opens their own team's page
            pages = {}
            for user, team in TEAMS.items():
                context, page, log = login(browser, base, user)
                contexts.append(context)
                page.locator(".okr-drafting-form").wait_for(timeout=LOAD_TIMEOUT)
                assert "/services/okr-app/voila/render/participant.ipynb" in page.url
                assert f"team={team}" in page.url
                assert team in page.locator(".okr-drafting-form").inner_text()
                assert page.locator(".jp-InputArea").count() == 0, "the app must not show code"
                pages[user] = (page, log)
            for page, _ in pages.values():
                page.locator(".okr-add-objective").click()
            for user, (page, _) in pages.items():
                title = page.locator(".okr-objective").first.locator(".okr-objective-title input")
                title.wait_for(timeout=UI_TIMEOUT)
                title.press_sequentially(TITLES[TEAMS[user]], delay=20)
            for user, (page, _) in pages.items():
                page.locator(".okr-save").click()
                page.locator(".okr-save-status").filter(has_text=re.compile("Sparat|Saved")).wait_for(
                    timeout=UI_TIMEOUT
                )
                screenshot(page, f"hub-participant-{user}")
            saved = okr.load(workshop)
            for team, title in TITLES.items():
                assert [o.title for o in saved.team(team).objectives] == [title]
            # the pages' kernels never hold the Hub's API token (it is the app's, not the participants')
            kernels = server.kernel_pids()
            assert len(kernels) >= 2
            for pid in kernels:
                environ = Path(f"/proc/{pid}/environ").read_bytes()
                assert b"JUPYTERHUB_API_TOKEN=" not in environ and b"OKR_WORKSHOP=" in environ

            # a participant opens neither another team's page, nor the board, nor a server of their own
            page = pages["anna"][0]
            for path, text in [
                ("services/okr-app/voila/render/participant.ipynb?team=HR", "annat team|another team"),
                ("services/okr-app/voila/render/facilitator.ipynb", "bara för facilitatorer|for facilitators only"),
            ]:
                response = page.goto(f"{base}/{path}")
                assert response.status == 403, path
                assert re.search(text, page.inner_text("body")), page.inner_text("body")
                assert page.locator(".okr-drafting-form, .okr-board").count() == 0
            response = page.goto(f"{base}/hub/spawn")
            assert response.status == 403

            # the facilitator: JupyterLab with the notebooks, started by the Hub, and the board in the app
            context, lab, _ = login(browser, base, "fia")
            contexts.append(context)
            lab.wait_for_url(re.compile(r"/user/fia/lab"), timeout=LOAD_TIMEOUT)
            lab.locator(".jp-LabShell, #jp-main-dock-panel").first.wait_for(timeout=LOAD_TIMEOUT)
            lab.locator(".jp-DirListing-item", has_text="01_setting.ipynb").wait_for(timeout=LOAD_TIMEOUT)
            home = root / "hub" / "home" / "fia"
            copied = json.loads((home / "01_setting.ipynb").read_text("utf-8"))
            params = next(c for c in copied["cells"] if "parameters" in c["metadata"].get("tags", []))
            shared = store_environment(str(workshop))["OKR_WORKSHOP"]  # a URL without its password
            assert f"workshop_path = {json.dumps(shared)}" in "".join(params["source"]), "the shared store"
            screenshot(lab, "hub-facilitator-lab")
            board = context.new_page()
            board_log = PageLog(board)
            board.goto(f"{base}/services/okr-app/voila/render/facilitator.ipynb")
            board.locator(".okr-board .okr-team-card").first.wait_for(timeout=LOAD_TIMEOUT)
            for team, title in TITLES.items():
                board.locator(".okr-board .okr-orphan").filter(has_text=title).wait_for(
                    state="attached", timeout=UI_TIMEOUT
                )
                card = board.locator(".okr-team-card").filter(has=board.locator("h4", has_text=re.compile(f"^{team}$")))
                assert re.search(r"\b1 (mål|objective)", card.inner_text()), card.inner_text()

            # a participant's edit after the board opened shows up there by itself (the shared store)
            page, _ = pages["bo"]
            page.goto(f"{base}/services/okr-app/")
            page.locator(".okr-drafting-form").wait_for(timeout=LOAD_TIMEOUT)
            title = page.locator(".okr-objective").first.locator(".okr-objective-title input")
            title.fill("Bli en arbetsplats som folk rekommenderar varmt")
            page.locator(".okr-save").click()
            board.locator(".okr-board").filter(has_text="rekommenderar varmt").wait_for(
                state="attached", timeout=UI_TIMEOUT
            )
            screenshot(board, "hub-facilitator-board", tall=True)
            for _, log in pages.values():
                assert log.page_errors == [], log.page_errors
            assert board_log.page_errors == []
            if password:  # the server's password: in no page, notebook, command line or the Hub's files
                for shown in [lab, board, *(p for p, _ in pages.values())]:
                    assert password not in shown.content(), shown.url
                for pid in server.descendants():
                    assert password.encode() not in Path(f"/proc/{pid}/cmdline").read_bytes(), pid
                passfile = root / "hub" / "okr-store.pgpass"  # the app servers' libpq password file, 600
                assert stat.S_IMODE(passfile.stat().st_mode) == 0o600
                for path in (root / "hub").rglob("*"):
                    if path.is_file() and path != passfile:
                        assert password.encode() not in path.read_bytes(), path
        finally:
            for context in contexts:
                context.close()
    logged = re.findall(r"(?:token|code|state)=[A-Za-z0-9_-]{8,}", server.log_tail(5000))
    assert logged == [], f"secrets in the Hub's log: {logged}"
    assert not password or password not in server.log_tail(100_000), "the server's password in the Hub's log"
