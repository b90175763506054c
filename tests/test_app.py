"""The participants' app without a browser: request parsing, pages, token, Voilà's command line.

The last tests start the real server (``slow``) and talk HTTP to it: the token
is enforced on the network setup and the pages reference nothing off the machine.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import socket
import stat
import sys
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import nbformat
import pytest
from browser_support import Server, _zombie, free_port
from conftest import make_workshop

import okr_workshop as okr
from okr_workshop.app import banner, page_url, prepare, token_path, workshop_token
from okr_workshop.app.launch import (
    HOSTS_ENV,
    IOPUB_TIMEOUT,
    PAGES,
    SHARE,
    TEMPLATE,
    WORKSHOP_ENV,
    facilitator_token,
    team_token,
)
from okr_workshop.app.page import MAX_PARAM, parse_request
from okr_workshop.cli import main
from okr_workshop.errors import OkrWorkshopError, WorkshopFileError


def env_for(path: Path | None, query: str) -> dict[str, str]:
    env = {"QUERY_STRING": query}
    if path is not None:
        env[WORKSHOP_ENV] = str(path)
    return env


# ------------------------------------------------------------------ query string


@pytest.mark.parametrize(
    "query,team,lang",
    [
        ("team=Marknad", "Marknad", None),
        ("team=S%C3%A4lj&lang=en", "Sälj", "en"),
        ("team=Kundtj%C3%A4nst&token=abc", "Kundtjänst", None),
        ("team=+Marknad+", "Marknad", None),  # '+' is a space in a query string; spaces are stripped
        ("team=&lang=de", None, None),  # blank team, unknown language
        ("", None, None),
        ("team=A&team=B", "A", None),
        ("lang=sv", None, "sv"),
        ("team=%3Cscript%3E", "<script>", None),  # kept as text here; escaped when shown
    ],
)
def test_parse_request_reads_team_and_lang(query, team, lang):
    request = parse_request(env_for(Path("/x/w.okr"), query))
    assert (request.team, request.lang, request.workshop) == (team, lang, Path("/x/w.okr"))


def test_parse_request_cuts_very_long_values_and_survives_no_environment():
    assert len(parse_request({"QUERY_STRING": "team=" + "x" * 10_000}).team) == MAX_PARAM
    assert parse_request({}).workshop is None


# ------------------------------------------------------------------ pages (inside a kernel)


def test_participant_page_shows_the_teams_own_form(workshop_file):
    from okr_workshop.app.page import participant_page
    from okr_workshop.widgets import DraftingForm

    form = participant_page(env_for(workshop_file, "team=marknad&lang=en"))  # names match case-insensitively
    try:
        assert isinstance(form, DraftingForm)
        assert form.team.name == "Marknad" and form.lang == "en"
        assert [o.title for o in form.team.objectives] == ["Kraftigt ökad synlighet på tyska marknaden"]
    finally:
        form.close()


def test_unknown_team_is_a_friendly_escaped_page_with_links(workshop_file):
    from okr_workshop.app.page import participant_page

    page = participant_page(env_for(workshop_file, "team=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"))
    assert "okr-app-unknown" in page.value
    assert "<img" not in page.value and "&lt;img src=x onerror=alert(1)&gt;" in page.value
    assert "Det finns inget team" in page.value  # the workshop's language (sv)
    assert 'href="participant.ipynb?team=Marknad"' in page.value


def test_team_names_are_escaped_in_the_links(tmp_path):
    from okr_workshop.app.page import participant_page

    ws = okr.Workshop.new("X", period="2027-Q1", lang="en")
    ws.add_team('R&D "<b>"')
    okr.save(ws, tmp_path / "w.okr")
    page = participant_page(env_for(tmp_path / "w.okr", ""))
    assert "Choose your team" in page.value
    assert "<b>" not in page.value
    assert 'href="participant.ipynb?team=R%26D%20%22%3Cb%3E%22"' in page.value
    assert "R&amp;D &quot;&lt;b&gt;&quot;" in page.value


def test_the_chooser_names_organisation_and_period_and_says_what_to_do(tmp_path, workshop_file):
    from okr_workshop.app.page import participant_page

    sv = participant_page(env_for(workshop_file, ""))
    assert "Exempel AB · 2027-Q1" in sv.value
    assert "Välj ditt team för att skriva era mål. Allt sparas medan ni skriver." in sv.value
    en = participant_page(env_for(workshop_file, "lang=en"))
    assert "Choose your team to write your objectives." in en.value and "Välj" not in en.value
    ws = okr.Workshop.new("<i>Org</i>", period="2027-Q1", lang="en")
    okr.save(ws, tmp_path / "w.okr")
    page = participant_page(env_for(tmp_path / "w.okr", ""))
    assert "&lt;i&gt;Org&lt;/i&gt; · 2027-Q1" in page.value and "<i>" not in page.value


def test_the_chooser_links_keep_the_language_asked_for(workshop_file):
    from okr_workshop.app.page import facilitator_page, participant_page

    chooser = participant_page(env_for(workshop_file, "lang=en"))
    assert "Choose your team" in chooser.value
    assert 'href="participant.ipynb?team=Marknad&amp;lang=en"' in chooser.value
    unknown = participant_page(env_for(workshop_file, "team=Nobody&lang=en"))
    assert 'href="participant.ipynb?team=Marknad&amp;lang=en"' in unknown.value
    plain = participant_page(env_for(workshop_file, ""))  # no lang asked: the links add none
    assert 'href="participant.ipynb?team=Marknad"' in plain.value
    page = facilitator_page(env_for(workshop_file, "lang=en"))
    try:
        assert "participant.ipynb?team=Marknad&amp;lang=en" in page.children[1].value
    finally:
        page.children[0].close()


def test_root_and_file_list_redirect_to_the_chooser_keeping_lang_and_token():
    from tornado.routing import PathMatches

    from okr_workshop.app.server import ChooserRedirect, chooser_handlers

    for server_url, chooser in [
        ("/", "/voila/render/participant.ipynb"),
        ("/okr/", "/okr/voila/render/participant.ipynb"),
    ]:
        rules = chooser_handlers(server_url)
        assert all(handler is ChooserRedirect and kwargs == {"target": chooser} for _, handler, kwargs in rules)
        matches = [PathMatches(pattern) for pattern, _, _ in rules]
        base = server_url.rstrip("/")
        for path in (f"{base}/", f"{base}/voila/tree", f"{base}/voila/tree/"):
            assert any(m.regex.match(path) for m in matches), path
        for path in (f"{base}/voila/render/participant.ipynb", f"{base}/voila/tree/x.ipynb", f"{base}/login"):
            assert not any(m.regex.match(path) for m in matches), path


@pytest.mark.parametrize("case", ["no_server", "missing", "not_a_workshop"])
def test_a_page_without_a_usable_workshop_says_so_in_both_languages(tmp_path, case):
    from okr_workshop.app.page import facilitator_page, participant_page

    path = {"no_server": None, "missing": tmp_path / "gone.okr", "not_a_workshop": tmp_path / "notes.okr"}[case]
    if case == "not_a_workshop":
        path.write_text("hello", encoding="utf-8")
    for make in (participant_page, facilitator_page):
        page = make(env_for(path, "team=Marknad"))
        assert "okr-app-error" in page.value
        assert 'lang="sv"' in page.value and 'lang="en"' in page.value
        assert "Traceback" not in page.value


def test_facilitator_page_shows_the_board_refreshing_itself(workshop_file):
    from okr_workshop.app.page import facilitator_page
    from okr_workshop.widgets.board import FacilitatorBoard

    page = facilitator_page(env_for(workshop_file, ""))
    board = page.children[0]
    try:
        assert isinstance(board, FacilitatorBoard)
        assert board.auto_refreshing
        assert "participant.ipynb?team=Ledningsgruppen" in page.children[1].value
    finally:
        board.close()


def test_app_notebooks_are_thin_and_show_no_code():
    for name, call in [("participant", "participant_page()"), ("facilitator", "facilitator_page()")]:
        nb = nbformat.read(PAGES / f"{name}.ipynb", as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert len(code) == 1 and code[0].source.strip().endswith(call)
        assert not code[0].get("outputs") and code[0].get("execution_count") is None
        assert not re.search(r"^\s*(def|class) ", code[0].source, re.M)
    assert sorted(p.name for p in PAGES.iterdir() if not p.name.startswith(".")) == [
        "facilitator.ipynb",
        "participant.ipynb",
    ]


# ------------------------------------------------------------------ token and command line


def test_pages_load_only_the_widget_extensions(workshop_file):
    """Voilà loads every JupyterLab extension in the environment unless told; jupytext's breaks every page."""
    from okr_workshop.app.launch import PAGE_EXTENSIONS

    argv = prepare(workshop_file, port=free_port()).argv
    allowed = [a.split("=", 1)[1] for a in argv if a.startswith("--VoilaConfiguration.extension_allowlist=")]
    assert allowed == list(PAGE_EXTENSIONS) and "@jupyter-widgets/jupyterlab-manager" in allowed
    assert not any("jupytext" in a for a in allowed)


def test_serving_locally_binds_127_0_0_1_with_tokens_and_a_long_iopub_timeout(workshop_file):
    port = free_port()
    launch = prepare(workshop_file, port=port)
    assert launch.bind == "127.0.0.1"
    argv = launch.argv
    assert argv[:4] == [sys.executable, "-m", "okr_workshop.app.server", str(PAGES)]  # Voilà, / → chooser
    for option in ["--Voila.ip=127.0.0.1", f"--port={port}", "--Voila.port_retries=0", f"--template={TEMPLATE}",
                   "--strip_sources=True", "--show_tracebacks=False", "--token=", "--no-browser",
                   f"--VoilaExecutor.iopub_timeout={IOPUB_TIMEOUT}",
                   "--VoilaConfiguration.multi_kernel_manager_class=okr_workshop.app.server.OkrKernelManager",
                   "--MappingKernelManager.cull_idle_timeout=1800"]:  # fmt: skip
        assert option in argv
    assert IOPUB_TIMEOUT >= 120  # Voilà's default (4 s) left pages blank when 3+ opened at once
    assert launch.env[WORKSHOP_ENV] == str(workshop_file.resolve())
    assert launch.env["JUPYTER_PATH"].split(":")[0] == str(SHARE)
    assert launch.env[HOSTS_ENV].split(",") == ["localhost", "127.0.0.1", "::1"]
    assert (SHARE / "voila" / "templates" / TEMPLATE / "conf.json").is_file()
    # a token in every mode: the facilitator's, and one per team
    secret = token_path(workshop_file).read_text().strip()
    assert launch.token == facilitator_token(secret)
    marknad = okr.load(workshop_file).team("Marknad")
    assert launch.team_url("Marknad") == (f"http://127.0.0.1:{port}/voila/render/participant.ipynb"
                                          f"?team=Marknad&token={team_token(secret, marknad.id)}")  # fmt: skip
    assert launch.team_url("marknad").endswith(team_token(secret, marknad.id))
    assert launch.facilitator_url.endswith(f"facilitator.ipynb?token={launch.token}")
    assert len({launch.team_token(t) for t in launch.teams} | {launch.token}) == len(launch.teams) + 1
    text = banner(launch)
    assert "VARNING" not in text and "WARNING" not in text
    assert launch.facilitator_url in text and launch.team_url("Marknad") in text


def test_a_team_added_after_the_start_gets_its_link(workshop_file):
    launch = prepare(workshop_file, port=free_port())
    with pytest.raises(OkrWorkshopError, match="no team 'Ekonomi'"):
        launch.team_url("Ekonomi")
    ws = okr.load(workshop_file)
    with okr.open_store(workshop_file) as store:
        store.save(ws.add_team("Ekonomi"))
    assert team_token(launch.secret, okr.load(workshop_file).team("Ekonomi").id) in launch.team_url("Ekonomi")


def test_lan_listens_everywhere_with_the_same_tokens_kept_next_to_the_workshop(workshop_file):
    launch = prepare(workshop_file, port=free_port(), lan=True)
    assert launch.bind == "0.0.0.0"
    assert "--Voila.ip=0.0.0.0" in launch.argv and "--token=" in launch.argv
    assert re.fullmatch(r"[A-Za-z0-9_-]{16,}", launch.token)
    side = token_path(workshop_file)
    assert facilitator_token(side.read_text().strip()) == launch.token
    assert stat.S_IMODE(side.stat().st_mode) == 0o600
    again = prepare(workshop_file, port=free_port(), lan=True)
    assert again.token == launch.token and again.team_token("Marknad") == launch.team_token("Marknad")  # restarts
    assert launch.host in launch.env[HOSTS_ENV].split(",") and "localhost" in launch.env[HOSTS_ENV]
    text = banner(launch)
    assert "VARNING" in text and "WARNING" in text
    assert f"participant.ipynb?team=Marknad&token={launch.team_token('Marknad')}" in text
    assert launch.host != "0.0.0.0"


def test_a_damaged_token_file_is_replaced(tmp_path):
    workshop = tmp_path / "w.okr"
    token_path(workshop).write_text("short\n")
    token_path(workshop).chmod(0o600)
    token = workshop_token(workshop)
    assert token != "short" and token_path(workshop).read_text().strip() == token
    assert stat.S_IMODE(token_path(workshop).stat().st_mode) == 0o600


def test_a_token_file_others_can_read_or_a_link_is_refused_with_the_fix(tmp_path):
    workshop = tmp_path / "w.okr"
    side = token_path(workshop)
    side.write_text("A" * 32 + "\n")
    side.chmod(0o644)
    with pytest.raises(OkrWorkshopError, match=r"others can read it \(mode 644\); run: chmod 600 .*w\.okr\.token$"):
        workshop_token(workshop)
    side.unlink()
    target = tmp_path / "elsewhere"
    target.write_text("A" * 32)
    target.chmod(0o600)
    side.symlink_to(target)
    with pytest.raises(OkrWorkshopError, match="is a symbolic link"):
        workshop_token(workshop)
    side.unlink()
    dangling = tmp_path / "not-yet"
    side.symlink_to(dangling)  # O_EXCL|O_NOFOLLOW: never written through a link
    with pytest.raises(OkrWorkshopError):
        workshop_token(workshop)
    assert not dangling.exists()


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to give the file away")
def test_a_token_file_of_another_user_is_refused(tmp_path):
    workshop = tmp_path / "w.okr"
    side = token_path(workshop)
    side.write_text("A" * 32)
    side.chmod(0o600)
    os.chown(side, 12345, 12345)
    with pytest.raises(OkrWorkshopError, match="belongs to another user"):
        workshop_token(workshop)


# ------------------------------------------------------------------ the door (Host and tokens)


def _request(path: str, host: str = "127.0.0.1:8866", ip: str = "127.0.0.1"):
    from tornado.httputil import HTTPHeaders, HTTPServerRequest

    request = HTTPServerRequest(method="GET", uri=path, headers=HTTPHeaders({"Host": host}))
    request.remote_ip = ip
    return request


@pytest.fixture
def door(workshop_file):
    from okr_workshop.app.server import Door, Workshop

    launch = prepare(workshop_file, port=free_port())
    return Door(Workshop(str(workshop_file)), launch.env[HOSTS_ENV].split(",")), launch


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_the_door_lets_a_team_open_its_own_page_only(door):
    door, launch = door
    marknad, other = launch.team_url("Marknad"), launch.team_url(launch.teams[0])
    assert door.check(_request(_path(marknad))) is None
    assert door.check(_request(_path(marknad).replace("team=Marknad", "team=marknad"))) is None
    assert door.check(_request(_path(other))) is None
    token = launch.team_token("Marknad")
    for path in [
        f"/voila/render/participant.ipynb?team={quote(launch.teams[0])}&token={token}",  # another team
        f"/voila/render/facilitator.ipynb?token={token}",  # the board
        f"/voila/render/participant.ipynb?token={token}",  # the chooser (lists every team's link)
        "/voila/render/participant.ipynb?team=Marknad",  # no token
        "/voila/render/participant.ipynb?team=Marknad&token=",
        f"/voila/render/participant.ipynb?team=Marknad&token={token[:-1]}x",
        f"/voila/render/participant.ipynb?team=Marknad&token={launch.token[:-1]}",
        "/voila/render/facilitator.ipynb",
        f"/voila/render/other.ipynb?token={token}",
    ]:
        refused = door.check(_request(path))
        assert refused is not None and refused[0] == 403, path
    assert door.check(_request(f"/voila/render/participant.ipynb?team=Marknad&token={token}&team=HR")) is None
    # the facilitator's link opens the board, the chooser and every team
    for path in (_path(launch.facilitator_url), f"/voila/render/participant.ipynb?token={launch.token}",
                 f"/voila/render/participant.ipynb?team=Marknad&token={launch.token}"):  # fmt: skip
        assert door.check(_request(path)) is None, path


def test_the_door_refuses_other_host_names_and_foreign_query_sockets(door):
    door, launch = door
    path = _path(launch.team_url("Marknad"))
    for host in ("127.0.0.1:8866", "localhost:8866", "[::1]:8866", "LOCALHOST"):
        assert door.check(_request(path, host=host)) is None, host
    for host in ("evil.example:8866", "127.0.0.1.nip.io:8866", "10.0.0.5:8866", ""):
        assert door.check(_request(path, host=host))[:2] == (403, "host"), host
    assert door.check(_request("/voila/static/voila.js", host="evil.example")) is not None
    assert door.check(_request("/voila/static/voila.js")) is None
    kernel = "/voila/query/0b5b1c3e-9f51-4cf0-9ad5-1b3c1f3c6b8a"
    assert door.check(_request(kernel)) is None
    assert door.check(_request(kernel, ip="10.0.0.7")) is not None
    assert door.check(_request("/voila/api/contents/"))[0] == 404


def test_the_refused_page_is_short_in_the_workshops_language_and_escapes_nothing_it_was_given(door):
    from okr_workshop.app.server import denied_page

    door, launch = door
    status, reason, lang = door.check(_request("/voila/render/participant.ipynb?team=Marknad"))
    assert (status, reason, lang) == (403, "team", "sv")  # the sample workshop is Swedish
    page = denied_page(reason, lang)
    assert page.index('lang="sv"') < page.index('lang="en"')
    assert "Använd ert teams länk" in page and "<script" not in page and "Marknad" not in page
    assert door.check(_request("/voila/render/facilitator.ipynb?lang=en"))[1:] == ("board", "en")
    assert "The board opens only with the facilitator" in denied_page("board", "en")


def test_kernels_are_capped_per_team_and_in_total():
    from okr_workshop.app.server import OkrKernelManager

    manager = OkrKernelManager()
    manager.total, manager.per_team = 5, 2
    assert manager.admit("marknad") is None and manager.admit("marknad") is None
    assert manager.admit("marknad") == "team_full"
    assert manager.admit("hr") is None and manager.admit(None) is None and manager.admit("it") is None
    assert manager.admit("ekonomi") == "full"
    manager.pending = [(t - 1000, team) for t, team in manager.pending]  # pages that never started a kernel
    assert manager.admit("marknad") is None  # their places came back
    from okr_workshop.app.server import denied_page

    assert "Ert team har redan 2 öppna sidor" in denied_page("team_full", "sv", 2)
    assert "too many open pages" in denied_page("full", "en")


def test_links_percent_encode_team_names():
    url = page_url("http://10.0.0.5:8866", "participant", team="Sälj & Service", token="t0k")
    assert url == "http://10.0.0.5:8866/voila/render/participant.ipynb?team=S%C3%A4lj%20%26%20Service&token=t0k"


def test_bad_inputs_are_one_line_errors(tmp_path, workshop_file, capsys):
    with pytest.raises(WorkshopFileError, match="no such workshop file"):
        prepare(tmp_path / "missing.okr")
    (tmp_path / "notes.okr").write_text("not a workshop")
    with pytest.raises(WorkshopFileError):
        prepare(tmp_path / "notes.okr")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(OkrWorkshopError, match=f"--port {port}: the port is in use"):
            prepare(workshop_file, port=port)
        assert main(["app", str(workshop_file), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("okr-workshop app: --port") and err.count("\n") == 1
    assert main(["app", str(tmp_path / "missing.okr")]) == 2


def test_a_missing_chromium_skips_with_the_install_command_and_fails_in_ci(tmp_path, monkeypatch):
    from browser_support import chromium_path

    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="sudo apt-get install chromium"):
        chromium_path([str(tmp_path / "no-chromium")])
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        chromium_path([None, str(tmp_path / "no-chromium")])


# ------------------------------------------------------------------ the real server


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.refs += [v for k, v in attrs if k in ("src", "href") and v]


def _get(url: str, opener=None) -> tuple[int, str]:
    try:
        with (opener or urllib.request.build_opener()).open(url, timeout=60) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _redirect(url: str) -> tuple[int, str | None]:
    """(status, Location) of a GET, without following a redirect."""
    try:
        with urllib.request.build_opener(_NoRedirect()).open(url, timeout=60) as r:
            return r.status, r.headers.get("Location")
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Location")


@pytest.mark.slow
@pytest.mark.xdist_group("browser")
def test_server_enforces_host_and_tokens_logs_no_token_and_references_nothing_off_the_machine(tmp_path):
    ws = make_workshop()
    okr.save(ws, tmp_path / "w.okr")
    launch = prepare(tmp_path / "w.okr", port=free_port(), lan=True, bind="127.0.0.1")
    server = Server(launch.argv, log_name="app-token", env=launch.env).wait(f"{launch.base_url}/", timeout=60)
    try:
        for url in (page_url(launch.base_url, "participant", team="Marknad"),
                    page_url(launch.base_url, "participant", team="Marknad", token="wrong-token-123456"),
                    page_url(launch.base_url, "facilitator", token=launch.team_token("Marknad"))):  # fmt: skip
            status, body = _get(url)
            assert status == 403 and "jupyter-config-data" not in body and "okr-app-denied" in body, url
            assert "Använd ert teams länk" in body or "facilitatorns länk" in body  # the workshop is Swedish
            assert "login" not in body.lower()
        # DNS rebinding: a page elsewhere that resolves its own name to 127.0.0.1 is refused
        evil = urllib.request.Request(launch.team_url("Marknad"), headers={"Host": f"evil.example:{launch.port}"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(evil, timeout=60)
        assert refused.value.code == 403
        status, body = _get(launch.team_url("Marknad"))
        assert status == 200 and "jupyter-config-data" in body
        refs = _Refs()
        refs.feed(body)
        assert refs.refs, "the page references its scripts and styles"
        external = [r for r in refs.refs if re.match(r"^(https?:)?//", r)]
        assert external == [], f"the page loads from outside the machine: {external}"
        assert "cdn.jsdelivr.net" not in body and "cdnjs" not in body
        config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                      body, re.S).group(1))  # fmt: skip
        assert config.get("kernelId")
        # the root URL is the team chooser (not Voilà's file list); lang= and token= survive the redirect
        root = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with root.open(f"{launch.base_url}/?lang=en&token={launch.token}", timeout=60) as r:
            assert r.status == 200 and r.url.startswith(f"{launch.base_url}/voila/render/participant.ipynb?")
            assert "lang=en" in r.url and f"token={launch.token}" in r.url
            assert "jupyter-config-data" in r.read().decode("utf-8")
        for path in ("/", "/voila/tree", "/voila/tree/"):  # Voilà's file list is never shown
            status, location = _redirect(f"{launch.base_url}{path}")
            assert (status, location) == (302, "/voila/render/participant.ipynb"), path
        logged = server.log_tail(400)
        assert "403 GET /voila/render/participant.ipynb" in logged  # refusals are logged ...
        secret = token_path(tmp_path / "w.okr").read_text().strip()
        for token in (launch.token, launch.team_token("Marknad"), "wrong-token-123456", secret):
            assert token not in logged  # ... without the query string
    finally:
        server.stop()


@pytest.mark.slow
@pytest.mark.xdist_group("browser")
def test_sigterm_to_the_app_stops_the_server_and_every_kernel(tmp_path):
    import signal
    import time

    okr.save(make_workshop(), tmp_path / "w.okr")
    port = free_port()
    argv = [sys.executable, "-m", "okr_workshop", "app", str(tmp_path / "w.okr"), "--port", str(port)]
    server = Server(argv, log_name="app-sigterm").wait(f"http://127.0.0.1:{port}/voila/static/", timeout=60)
    try:
        launch = prepare(tmp_path / "w.okr", port=free_port())
        for team in ("Marknad", launch.teams[0]):  # two pages: two kernels
            status, _ = _get(launch.team_url(team).replace(f":{launch.port}/", f":{port}/"))
            assert status == 200
        deadline = time.monotonic() + 30
        while server.kernels() < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        family = server.descendants()
        assert server.kernels() == 2 and len(family) >= 3  # Voilà and its two kernels
        os.kill(server.proc.pid, signal.SIGTERM)  # only the CLI process, as `kill PID` does
        assert server.proc.wait(timeout=30) == 0
        deadline = time.monotonic() + 5
        alive = family
        while alive and time.monotonic() < deadline:
            alive = [pid for pid in family if Path(f"/proc/{pid}").exists() and not _zombie(pid)]
            time.sleep(0.1)
        assert alive == [], f"still running after SIGTERM: {alive}"
    finally:
        server.stop()


def test_a_team_form_shares_identical_styles_and_layouts(tmp_path):
    """Each widget model is a message through kernel, server and browser: a 4x5 team's form had 1945."""
    from ipywidgets.widgets.widget import _instances

    from okr_workshop.app.page import participant_page

    ws = okr.samples.generate(teams=2, seed=1)
    team = next(t for t in ws.teams if len(t.objectives) == 4 and all(len(o.key_results) == 5 for o in t.objectives))
    okr.save(ws, tmp_path / "w.okr")
    before = set(_instances)
    form = participant_page(env_for(tmp_path / "w.okr", f"team={quote(team.name)}"))
    try:
        created = [m for k, m in _instances.items() if k not in before]
        assert len(created) < 1200, len(created)
        inputs = [m for m in created if type(m).__name__ == "Text"]
        assert len({id(m.style) for m in inputs}) == 1 and len({id(m.layout) for m in inputs}) <= 2
    finally:
        form.close()


def test_a_kernel_no_page_connected_to_is_culled_after_a_minute_a_connected_one_after_30_idle_minutes():
    import asyncio
    import datetime as dt
    from types import SimpleNamespace

    from okr_workshop.app.server import OkrKernelManager

    manager = OkrKernelManager()
    manager.cull_idle_timeout = 1800
    stopped = []

    async def shutdown(kernel_id, *args, **kwargs):
        stopped.append(kernel_id)
        manager._kernels.pop(kernel_id, None)

    manager.shutdown_kernel = shutdown
    now = dt.datetime.now(dt.timezone.utc)
    spec = SimpleNamespace(metadata={})
    kernels = {
        "never-connected-idle-90s": (now - dt.timedelta(seconds=90), "idle", False),
        "never-connected-idle-20s": (now - dt.timedelta(seconds=20), "idle", False),
        "never-connected-busy-90s": (now - dt.timedelta(seconds=90), "busy", False),  # still rendering
        "connected-then-asleep-10min": (now - dt.timedelta(minutes=10), "idle", True),
        "connected-then-asleep-31min": (now - dt.timedelta(minutes=31), "idle", True),
    }
    for kid, (last, state, connected) in kernels.items():
        manager._kernels[kid] = SimpleNamespace(
            last_activity=last, execution_state=state, kernel_spec=spec, kernel_name="python3"
        )
        manager.team_of[kid] = "marknad"
        manager._kernel_connections[kid] = 0
        if connected:
            manager.connected.add(kid)
    for kid in list(kernels):
        asyncio.run(manager.cull_kernel_if_idle(kid))
    assert stopped == ["never-connected-idle-90s", "connected-then-asleep-31min"]


# ------------------------------------------------------------------ a workshop on a PostgreSQL server


@pytest.fixture
def pg_workshop(pg_cluster, tmp_path, monkeypatch):
    """A workshop on the test server behind a role that must give its password; the app's state in tmp_path."""
    import uuid

    from okr_workshop.storage.postgres import split_password

    monkeypatch.setenv("OKR_APP_STATE", str(tmp_path / "state"))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    url = pg_cluster.password_role("okr_app").replace("/okr?", f"/okr/w{uuid.uuid4().hex[:8]}?")
    okr.save(make_workshop(), url)
    return url, split_password(url)[1]


def test_the_app_serves_a_postgresql_workshop_with_its_secret_in_the_state_folder(pg_workshop, tmp_path):
    url, password = pg_workshop
    launch = prepare(url, port=free_port())
    # the pages' kernels get the URL without the password, and the password as libpq's PGPASSWORD
    assert launch.env[WORKSHOP_ENV] == url.replace(f":{password}@", "@")
    assert launch.env["PGPASSWORD"] == password
    assert not any(password in arg for arg in launch.argv)
    assert password not in banner(launch) and password not in repr(launch)
    # the secret: in the state folder (700), a file of its own (600), never in the database
    side = token_path(url)
    assert side.parent == tmp_path / "state" and side.name.startswith(url.split("/okr/")[1].split("?")[0] + "-")
    assert stat.S_IMODE(side.parent.stat().st_mode) == 0o700 and stat.S_IMODE(side.stat().st_mode) == 0o600
    assert token_path(launch.env[WORKSHOP_ENV]) == side  # with or without the password: the same workshop
    assert launch.token == facilitator_token(side.read_text().strip())
    assert prepare(url, port=free_port()).token == launch.token  # kept across restarts
    other = url.replace("/okr/w", "/okr/x")
    okr.save(make_workshop(), other)
    assert token_path(other) != side and prepare(other, port=free_port()).token != launch.token
    marknad = okr.load(url).team("Marknad")
    assert launch.team_url("Marknad").endswith(f"token={team_token(launch.secret, marknad.id)}")
    with okr.open_store(url) as store:  # a team added since the start gets its link from the server too
        store.save(okr.load(url).add_team("Ekonomi"))
    assert launch.team_url("Ekonomi")
    # the kernel side: the page reads the URL (Path() would have folded its "//") and the secret
    request = parse_request(env_for(None, "team=Marknad") | {WORKSHOP_ENV: launch.env[WORKSHOP_ENV]})
    assert request.workshop == launch.env[WORKSHOP_ENV]


def test_the_state_folder_others_can_open_is_refused_with_the_fix(pg_workshop, tmp_path):
    url, _ = pg_workshop
    (tmp_path / "state").mkdir(mode=0o755)
    (tmp_path / "state").chmod(0o755)
    with pytest.raises(OkrWorkshopError, match=r"others can open it \(mode 755\); run: chmod 700"):
        workshop_token(url)
    assert not list((tmp_path / "state").iterdir())


def test_the_app_command_takes_a_url_and_names_a_missing_workshop_in_one_line(pg_cluster, capsys):
    assert main(["app", pg_cluster.url("finns-inte"), "--port", str(free_port())]) == 2
    err = capsys.readouterr().err
    assert "no such workshop in this database" in err and err.count("\n") == 1


@pytest.mark.slow
@pytest.mark.xdist_group("browser")
def test_the_app_on_a_postgresql_workshop_serves_pages_without_showing_the_password(pg_workshop, pg_cluster):
    import time

    url, password = pg_workshop
    port = free_port()
    argv = [sys.executable, "-m", "okr_workshop", "app", url, "--port", str(port)]
    server = Server(argv, log_name="app-pg").wait(f"http://127.0.0.1:{port}/voila/static/", timeout=60)
    try:
        launch = prepare(url, port=free_port())
        status, body = _get(launch.team_url("Marknad").replace(f":{launch.port}/", f":{port}/"))
        assert status == 200 and "jupyter-config-data" in body and password not in body
        status, body = _get(launch.facilitator_url.replace(f":{launch.port}/", f":{port}/"))
        assert status == 200 and password not in body
        deadline = time.monotonic() + 60
        while server.kernels() < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        # both pages' kernels logged in with the password from PGPASSWORD (SCRAM: no password, no login)
        import psycopg

        logged_in = 0
        with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
            while logged_in < 2 and time.monotonic() < deadline + 30:
                sql = "SELECT count(*) FROM pg_stat_activity WHERE usename = 'okr_app'"
                logged_in = admin.execute(sql).fetchone()[0]
                time.sleep(0.3)
        assert logged_in >= 2
        for pid in server.kernel_pids():
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            assert f"{WORKSHOP_ENV}={launch.env[WORKSHOP_ENV]}".encode() in environ
            assert password.encode() not in Path(f"/proc/{pid}/cmdline").read_bytes()
        for pid in server.descendants():  # only the command line typed by hand holds it (docs/app.md)
            if pid != server.proc.pid:
                assert password.encode() not in Path(f"/proc/{pid}/cmdline").read_bytes(), pid
        assert password not in server.log_tail(400)
    finally:
        server.stop()
