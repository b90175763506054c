"""The participants' app in a real browser: Voilà started by ``okr-workshop app``, driven by chromium.

One server (started the way a facilitator starts it) serves every test of this
module; each test uses its own teams, so they do not depend on one another.
"""

from __future__ import annotations

import re
import time

import pytest
from browser_support import (
    PageLog,
    browser_test,
    inputs_outside_their_boxes,
    launched_browser,
    screenshot,
    start_app,
    wrapped_strength_labels,
)

import okr_workshop as okr
from okr_workshop.app import page_url

pytestmark = browser_test

LOAD_TIMEOUT = 60_000  # ms: a page starts its own kernel; the first one on a busy 2-core machine is slow
UI_TIMEOUT = 15_000  # ms: feedback and saves after a keystroke
NEW_TEAMS = ("Ekonomi", "HR", "IT-stöd", "Juridik")


@pytest.fixture(scope="module")
def workshop_path(tmp_path_factory):
    ws = okr.samples.load("exempel-ab")
    for name in NEW_TEAMS:  # empty teams for the participants to draft in
        ws.add_team(name, parent=ws.teams[0])
    path = tmp_path_factory.mktemp("app") / "exempel.okr"
    okr.save(ws, path)
    return path


@pytest.fixture(scope="module")
def app_server(workshop_path):
    server, base = start_app(workshop_path, log_name="app-voila")
    try:
        # what the facilitator sees in the terminal: a link per team, this machine only
        deadline = time.monotonic() + 60
        while "Facilitator:" not in server.log_tail(200) and time.monotonic() < deadline:
            time.sleep(0.2)
        printed = server.log_tail(200)
        launch = server.launch
        assert f"Facilitator: {launch.facilitator_url}" in printed, printed
        assert launch.team_url("IT-stöd") in printed
        assert "WARNING" not in printed.replace("[IPKernelApp] WARNING", "")
        yield server, base
    finally:
        server.stop()


@pytest.fixture(scope="module")
def app(app_server):
    """The app's Launch: ``app.team_url(team)``, ``app.facilitator_url``, ``app.base_url``."""
    return app_server[0].launch


@pytest.fixture(scope="module")
def browser():
    with launched_browser() as browser:
        yield browser


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="sv-SE")
    yield context
    context.close()


def open_team(context, base: str, team: str):
    page = context.new_page()
    log = PageLog(page)
    page.goto(base.team_url(team))
    page.locator(".okr-drafting-form").wait_for(timeout=LOAD_TIMEOUT)
    return page, log


def objective_title(page, index: int = 0):
    return page.locator(".okr-objective").nth(index).locator(".okr-objective-title input")


def save_and_wait(page) -> None:
    page.locator(".okr-save").click()
    page.locator(".okr-save-status").filter(has_text=re.compile("Sparat|Saved")).wait_for(timeout=UI_TIMEOUT)


def assert_stays_local(log: PageLog) -> None:
    assert log.requests, "the page made no requests at all: was it loaded?"
    assert log.external == [], f"requests that leave 127.0.0.1: {log.external}"
    assert log.page_errors == [], f"uncaught errors in the page: {log.page_errors}"
    assert log.console_errors == [], f"errors in the browser console: {log.console_errors} {log.bad_responses}"


def test_participant_drafts_gets_feedback_and_finds_the_draft_after_reload(app_server, context, workshop_path):
    server, _ = app_server
    app = server.launch
    kernels_before = server.kernels()
    page, log = open_team(context, app, "Ekonomi")
    assert page.locator(".okr-objective").count() == 0
    assert page.locator(".jp-InputArea").count() == 0, "the app must not show code"
    page.locator(".okr-add-objective").click()
    title = objective_title(page)
    title.wait_for(timeout=UI_TIMEOUT)

    number_warning = page.locator('.okr-objective .okr-finding[data-rule="objective-number"]')
    title.press_sequentially("Sänk kostnaderna med 15 %", delay=10)
    number_warning.wait_for(timeout=UI_TIMEOUT)
    assert "15" in number_warning.inner_text()
    screenshot(page, "app-1-objective-warning")

    title.fill("Bli ett föredöme i kostnadsmedvetenhet")
    number_warning.wait_for(state="detached", timeout=UI_TIMEOUT)

    krs = ["Minska resekostnaderna från 2 MSEK till 1,5 MSEK", "90 % av fakturorna betalas i tid",
           "Månadsbokslut klart inom 5 arbetsdagar"]  # fmt: skip
    for i, text in enumerate(krs):
        page.locator(".okr-objective").first.locator(".okr-add-kr").click()
        kr_text = page.locator(".okr-key-result").nth(i).locator(".okr-kr-text input")
        kr_text.wait_for(timeout=UI_TIMEOUT)
        kr_text.fill(text)
    save_and_wait(page)
    screenshot(page, "app-1-drafted", tall=True)

    saved = okr.load(workshop_path).team("Ekonomi")  # the widget really wrote the file
    assert [o.title for o in saved.objectives] == ["Bli ett föredöme i kostnadsmedvetenhet"]
    assert [kr.text for kr in saved.objectives[0].key_results] == krs

    page.reload()
    page.locator(".okr-drafting-form").wait_for(timeout=LOAD_TIMEOUT)
    assert objective_title(page).input_value() == "Bli ett föredöme i kostnadsmedvetenhet"
    shown = [page.locator(".okr-key-result").nth(i).locator(".okr-kr-text input").input_value() for i in range(3)]
    assert shown == krs
    assert page.locator('.okr-finding[data-rule="objective-number"]').count() == 0
    screenshot(page, "app-1-after-reload")
    assert_stays_local(log)
    # the reload shut the first page's kernel down: one kernel per open page, none left behind
    deadline = time.monotonic() + 15
    while server.kernels() != kernels_before + 1 and time.monotonic() < deadline:
        time.sleep(0.3)
    assert server.kernels() == kernels_before + 1


def test_two_teams_draft_at_once_and_the_facilitator_sees_both(app, browser, workshop_path):
    contexts = [browser.new_context(viewport={"width": 1280, "height": 1000}) for _ in range(3)]
    try:
        board = contexts[2].new_page()
        board_log = PageLog(board)
        board.goto(app.facilitator_url)
        board.locator(".okr-board .okr-team-card").first.wait_for(timeout=LOAD_TIMEOUT)
        teams = {"HR": "Bli en arbetsplats folk rekommenderar", "IT-stöd": "Gör verktygen osynligt pålitliga"}
        for title in teams.values():
            assert title not in board.locator(".okr-board").inner_text()

        # both team pages start their kernels at the same time: the second does not wait for the first
        pages = [c.new_page() for c in contexts[:2]]
        logs = [PageLog(p) for p in pages]
        for page, team in zip(pages, teams):
            page.goto(app.team_url(team), wait_until="commit")
        for page in pages:
            page.locator(".okr-drafting-form").wait_for(timeout=LOAD_TIMEOUT)
        # interleave the typing: neither team waits for the other's save
        for page in pages:
            page.locator(".okr-add-objective").click()
        for page, title in zip(pages, teams.values()):
            objective_title(page).fill(title)
        for page in pages:
            page.locator(".okr-objective").first.locator(".okr-add-kr").click()
        for page, team in zip(pages, teams):
            kr = page.locator(".okr-key-result").first.locator(".okr-kr-text input")
            kr.wait_for(timeout=UI_TIMEOUT)
            kr.fill(f"{team}: nöjdhet från 3,1 till 4,0")
        for page in pages:
            page.locator(".okr-save").click()
        for page in pages:
            page.locator(".okr-save-status").filter(has_text=re.compile("Sparat|Saved")).wait_for(timeout=UI_TIMEOUT)
        for page, team in zip(pages, teams):
            screenshot(page, f"app-2-team-{team}")

        def written() -> dict:
            ws = okr.load(workshop_path)
            return {team: [(o.title, [kr.text for kr in o.key_results]) for o in ws.team(team).objectives]
                    for team in teams}  # fmt: skip

        # "Sparat" may still be the status of the save before the last keystroke reached the kernel (a kernel
        # busy with its first check): what counts is that the file gets every text, soon
        expected = {team: [(title, [f"{team}: nöjdhet från 3,1 till 4,0"])] for team, title in teams.items()}
        deadline = time.monotonic() + UI_TIMEOUT / 1000
        while written() != expected and time.monotonic() < deadline:
            time.sleep(0.2)
        assert written() == expected
        ws = okr.load(workshop_path)
        assert ws.team("Marknad").objectives, "the other teams' OKRs must be untouched"

        # the open board refreshes itself from the file: both drafts appear without a reload
        for title in teams.values():  # in the alignment view, folded away until opened
            board.locator(".okr-board .okr-orphan").filter(has_text=title).wait_for(
                state="attached", timeout=UI_TIMEOUT
            )
        for team in teams:
            card = board.locator(".okr-team-card").filter(has=board.locator("h4", has_text=re.compile(f"^{team}$")))
            assert re.search(r"\b1 (mål|objective)", card.inner_text()), card.inner_text()
        screenshot(board, "app-2-facilitator-board", tall=True)
        for log in [*logs, board_log]:
            assert_stays_local(log)
    finally:
        for c in contexts:
            c.close()


def test_unknown_team_gets_a_friendly_page_with_escaped_name(app, context):
    page = context.new_page()
    log = PageLog(page)
    evil = '<img src=x onerror="window.hacked=1">Okänt'
    page.goto(page_url(app.base_url, "participant", team=evil, token=app.token))  # the facilitator's link
    message = page.locator(".okr-app-unknown")
    message.wait_for(timeout=LOAD_TIMEOUT)
    assert evil in message.inner_text()  # shown as text ...
    assert message.locator("img").count() == 0  # ... never as HTML
    assert page.evaluate("window.hacked") is None
    links = message.locator(".okr-team-links a")
    assert "Marknad" in links.all_inner_texts()
    assert "Traceback" not in page.content()
    screenshot(page, "app-3-unknown-team")
    links.filter(has_text="Juridik").click()
    page.locator(".okr-drafting-form").wait_for(timeout=LOAD_TIMEOUT)
    assert "Juridik" in page.locator(".okr-drafting-form").inner_text()
    assert_stays_local(log)


@pytest.mark.parametrize(
    "width,lang",
    [(1280, "sv"), (900, "sv"), (820, "en")],  # the app's column; about JupyterLab's notebook width
)
def test_every_input_fits_its_card_and_strength_labels_stay_on_one_line(app, browser, width, lang):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        log = PageLog(page)
        page.goto(app.team_url("Marknad") + f"&lang={lang}")
        page.locator(".okr-drafting-form .okr-kr-metric input").first.wait_for(timeout=LOAD_TIMEOUT)
        assert page.locator(".okr-drafting-form input, .okr-drafting-form select").count() > 20
        assert inputs_outside_their_boxes(page, ".okr-drafting-form") == []
        assert wrapped_strength_labels(page) == []
        left, right = page.evaluate(
            """() => { const f = document.querySelector('.okr-drafting-form'), r = f.getBoundingClientRect(),
                       p = f.parentElement.getBoundingClientRect(); return [r.left - p.left, p.right - r.right]; }"""
        )
        assert abs(left - right) <= 2, f"the form is not centred in the page's column: {left:.0f} | {right:.0f} px"
        screenshot(page, f"app-4-marknad-{lang}-{width}", tall=True)
        page.goto(app.facilitator_url + f"&lang={lang}")
        page.locator(".okr-team-card .okr-strength").first.wait_for(timeout=LOAD_TIMEOUT)
        assert wrapped_strength_labels(page) == []
        assert inputs_outside_their_boxes(page, ".okr-board") == []
        cards = page.locator(".okr-team-card")
        grid = page.locator(".okr-board-teams").bounding_box()
        for i in range(cards.count()):  # every card, border included, inside the grid
            box = cards.nth(i).locator("div").first.bounding_box()
            assert grid["x"] - 0.5 <= box["x"] and box["x"] + box["width"] <= grid["x"] + grid["width"] + 0.5
        screenshot(page, f"app-4-board-{lang}-{width}", tall=True)
        assert_stays_local(log)
    finally:
        context.close()


def test_the_root_url_is_the_team_chooser_in_the_language_asked_for(app, context):
    page = context.new_page()
    page.goto(f"{app.base_url}/?lang=en&token={app.token}")
    chooser = page.locator(".okr-app-choose")
    chooser.wait_for(timeout=LOAD_TIMEOUT)
    assert "/voila/render/participant.ipynb" in page.url
    assert "Choose your team" in chooser.inner_text()
    chooser.locator(".okr-team-links a").filter(has_text="Marknad").click()
    page.locator(".okr-drafting-form").wait_for(timeout=LOAD_TIMEOUT)
    assert "lang=en" in page.url
    assert "Draft OKRs: Marknad" in page.locator(".okr-drafting-form").inner_text()


_EXECUTE_JS = """async ([code]) => {
  const config = JSON.parse(document.getElementById('jupyter-config-data').textContent);
  const url = location.origin.replace('http', 'ws') + '/api/kernels/' + config.kernelId + '/channels?session_id=probe';
  const ws = new WebSocket(url);
  const replies = [];
  ws.onmessage = (e) => { try { replies.push(JSON.parse(e.data).msg_type || JSON.parse(e.data).header.msg_type); } catch (err) {} };
  await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = fail; });
  ws.send(JSON.stringify({
    header: {msg_id: 'probe-0', username: 'x', session: 'probe', msg_type: 'kernel_info_request', version: '5.3',
             date: new Date().toISOString()},
    parent_header: {}, metadata: {}, buffers: [], channel: 'shell', content: {},
  }));
  ws.send(JSON.stringify({
    header: {msg_id: 'probe-1', username: 'x', session: 'probe', msg_type: 'execute_request', version: '5.3',
             date: new Date().toISOString()},
    parent_header: {}, metadata: {}, buffers: [], channel: 'shell',
    content: {code: code, silent: false, store_history: false, user_expressions: {}, allow_stdin: false,
              stop_on_error: true},
  }));
  await new Promise((ok) => setTimeout(ok, 4000));
  ws.close();
  return replies;
}"""


def test_a_teams_link_opens_that_team_only_never_another_team_nor_the_board(app, browser, tmp_path, workshop_path):
    marknad_before = [o.title for o in okr.load(workshop_path).team("Marknad").objectives]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    try:
        page = context.new_page()
        log = PageLog(page)
        page.goto(app.team_url("Juridik"))
        page.locator(".okr-drafting-form").wait_for(timeout=LOAD_TIMEOUT)
        assert page.title() == "Juridik · OKR"  # the tab names the team
        token = app.team_token("Juridik")
        refused = [
            page_url(app.base_url, "participant", team="Marknad", token=token),  # another team, own token
            page_url(app.base_url, "facilitator", token=token),  # the board
            page_url(app.base_url, "participant", token=token),  # the chooser: every team's link
            page_url(app.base_url, "participant", team="Marknad"),  # no token at all
            app.team_url("Marknad").replace("token=", "token=x"),  # a wrong one
        ]
        for url in refused:
            response = page.goto(url)
            assert response.status == 403, url
            text = page.locator("body").inner_text()
            assert "Använd ert teams länk" in text or "facilitatorns länk" in text, text  # the workshop's language
            assert page.locator(".okr-drafting-form, .okr-board, #jupyter-config-data").count() == 0
            assert "Kraftigt ökad synlighet" not in page.content()  # Marknad's draft never reaches the page
        screenshot(page, "app-5-refused-other-team")
        # the page's own kernel runs no code a browser sends: nothing written, no reply
        page.goto(app.team_url("Juridik"))
        page.locator(".okr-drafting-form").wait_for(timeout=LOAD_TIMEOUT)
        probe = tmp_path / "written-by-a-browser"
        code = f"import okr_workshop as o; open({str(probe)!r}, 'w').write('x')"
        replies = page.evaluate(_EXECUTE_JS, [code])
        assert "kernel_info_reply" in replies, replies  # the socket works ...
        assert "execute_reply" not in replies and not probe.exists()  # ... but runs no code
        assert [o.title for o in okr.load(workshop_path).team("Marknad").objectives] == marknad_before
        assert log.external == [] and log.page_errors == []
    finally:
        context.close()


# Records every text the loading line shows, from the first byte of the page on (Voilà's own says "Running ...").
_LOADING_TEXTS = """(() => {
  window.__okrLoading = [];
  const seen = () => {
    const el = document.getElementById('loading_text');
    const text = el && el.textContent.trim();
    if (text && window.__okrLoading[window.__okrLoading.length - 1] !== text) window.__okrLoading.push(text);
  };
  new MutationObserver(seen).observe(document, {childList: true, subtree: true, characterData: true});
})();"""

_CUT_TEXTS = """(root) => [...document.querySelectorAll(root + ' button')].filter(b => {
    const r = b.getBoundingClientRect();
    return r.width > 0 && (b.scrollWidth > b.clientWidth + 0.5 || b.scrollHeight > b.clientHeight + 0.5);
  }).map(b => `${(b.className.match(/okr-[a-z-]+/g) || ['?']).join(' ')} «${b.textContent.trim()}» ` +
               `${b.scrollWidth}>${b.clientWidth}`)"""


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_phone_390_px_wide_shows_every_button_whole_and_the_page_in_its_language(app, browser, lang):
    """At 390 px ("U…", "Ta b…" before): every button's text fits, nothing sticks out sideways."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="sv-SE", is_mobile=True,
                                  has_touch=True, device_scale_factor=2)  # fmt: skip
    context.add_init_script(_LOADING_TEXTS)
    try:
        page = context.new_page()
        log = PageLog(page)
        page.goto(app.team_url("Marknad") + f"&lang={lang}")
        page.locator(".okr-drafting-form .okr-kr-metric input").first.wait_for(timeout=LOAD_TIMEOUT)
        loading = page.evaluate("window.__okrLoading")
        assert loading and all("Running" not in text for text in loading), loading
        assert ("Sidan startar" if lang == "sv" else "Starting the page") in loading[-1]
        assert page.title() == "Marknad · OKR"
        form = page.locator(".okr-drafting-form")
        form.locator(".okr-remove-objective").first.click()  # the confirm buttons too
        form.locator(".okr-confirm-remove").wait_for(timeout=UI_TIMEOUT)
        buttons = page.locator(".okr-drafting-form button")
        assert buttons.count() > 15
        cut = page.evaluate(_CUT_TEXTS, ".okr-drafting-form")
        screenshot(page, f"app-6-phone-390-{lang}", tall=True)
        assert cut == [], f"button texts cut at 390 px: {cut}"
        for i in range(buttons.count()):  # every button says what it does, to a screen reader and on hover
            button = buttons.nth(i)
            if button.is_visible():
                assert (button.get_attribute("title") or "").strip() or button.inner_text().strip()
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways: {width} px"
        assert inputs_outside_their_boxes(page, ".okr-drafting-form") == []
        form.locator(".okr-cancel-remove").click()
        assert_stays_local(log)
    finally:
        context.close()


def test_on_a_phone_each_select_is_as_tall_as_a_text_input(app, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(app.team_url("Marknad"))
        page.locator(".okr-drafting-form .okr-kr-metric input").first.wait_for(timeout=LOAD_TIMEOUT)
        heights = page.evaluate(
            """() => [...document.querySelectorAll('.okr-drafting-form select, .okr-drafting-form input[type=text]')]
                 .filter(e => e.getBoundingClientRect().width).map(e => [e.tagName, e.getBoundingClientRect().height])"""
        )
        text = min(h for tag, h in heights if tag == "INPUT")
        assert all(h >= text - 1 for tag, h in heights if tag == "SELECT"), heights
        label = page.locator(".okr-kr-metric .widget-label").first.bounding_box()
        field = page.locator(".okr-kr-metric input").first.bounding_box()
        assert label["y"] + label["height"] <= field["y"] + 1  # the label above its input, not beside it
    finally:
        context.close()
