"""The day's widgets without a browser: the facilitator's cockpit and the participants' pages."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w
import pytest

import okr_workshop as okr
from okr_workshop.day import Day
from okr_workshop.model.session import Agenda, AgendaStep
from okr_workshop.widgets.cockpit import Cockpit
from okr_workshop.widgets.follow import clock, countdown
from okr_workshop.widgets.participant import ParticipantPage

STEPS = ["brainstorm", "cluster", "vote", "draft", "review", "dependencies", "confidence"]


@pytest.fixture
def path(tmp_path):
    ws = okr.Workshop.new("Exempel AB", period="2027-Q1", lang="sv")
    ws.add_team("Sälj")
    ws.add_team("Drift")
    p = tmp_path / "dag.okr"
    okr.save(ws, p)
    with Day.open(p) as d:
        d.set_agenda([(k, 10) for k in STEPS])
    return p


@pytest.fixture
def cockpit(path):
    c = Cockpit(path)
    yield c
    c.close()


@pytest.fixture
def pages(path):
    made = []

    def make(team="Sälj", lang=None):
        page = ParticipantPage(path, team, lang)
        made.append(page)
        return page

    yield make
    for page in made:
        page.close()


def labels(widget) -> list[str]:
    out = []
    for child in getattr(widget, "children", ()):
        if isinstance(child, w.Label):
            out.append(child.value)
        out.extend(labels(child))
    return out


def buttons(widget, css: str) -> list[w.Button]:
    out = []
    for child in getattr(widget, "children", ()):
        if isinstance(child, w.Button) and css in child._dom_classes:
            out.append(child)
        out.extend(buttons(child, css))
    return out


def go(cockpit, page_list, step):
    cockpit.day.go_to(STEPS.index(step))
    cockpit.refresh()
    for p in page_list:
        p.refresh()


@pytest.mark.parametrize("seconds,text", [(0, "0:00"), (59, "0:59"), (61, "1:01"), (-125, "2:05"), (3600, "60:00")])
def test_clock_truth_table(seconds, text):
    assert clock(dt.timedelta(seconds=seconds)) == text


@pytest.mark.parametrize(
    "lang,left,over", [("sv", "Steg 1 av 1 · 4:00 kvar", "över tiden"), ("en", "4:00 left", "over")]
)
def test_countdown_in_both_languages(lang, left, over):
    t0 = dt.datetime(2027, 1, 1, 9, tzinfo=dt.timezone.utc)
    agenda = Agenda([AgendaStep("vote", 5)], current=0, started_at=t0)
    assert left in countdown(agenda, lang, t0 + dt.timedelta(minutes=1))
    assert over in countdown(agenda, lang, t0 + dt.timedelta(minutes=6))
    assert countdown(Agenda(), lang) == ""


def test_the_page_follows_the_facilitators_step_with_a_countdown(cockpit, pages):
    page = pages()
    assert "inte börjat" in page.title.value and page.timer.value == ""
    cockpit.start_button.click()
    assert page.refresh() is True
    assert "Tyst brainstorm" in page.title.value and "kvar" in page.timer.value
    assert page.refresh() is False  # nothing changed: no re-render
    cockpit.next_button.click()
    page.refresh()
    assert "Gruppera" in page.title.value
    english = pages(lang="en")
    assert "Cluster" in english.title.value and "left" in english.timer.value


def test_silent_brainstorm_reveal_and_a_half_typed_text_survives_refreshes(cockpit, pages):
    anna, bo = pages(), pages()
    go(cockpit, [anna, bo], "brainstorm")
    anna.name.value = "Anna"
    anna.candidate_text.value = "Nöjdare kunder"
    anna.add_button.click()
    assert anna.candidate_text.value == "" and "• Nöjdare kunder" in labels(anna.body)
    bo.candidate_text.value = "Snabbare lev"  # Bo is typing when Anna's save arrives
    bo.refresh()
    assert bo.candidate_text.value == "Snabbare lev"
    assert "• Nöjdare kunder" not in labels(bo.body)  # private until revealed
    cockpit.refresh()
    assert "1 förslag" in cockpit.counts.value and cockpit.candidates.options == ()
    cockpit.reveal_button.click()
    go(cockpit, [anna, bo], "cluster")
    assert "• Nöjdare kunder" in labels(bo.body)
    assert [p.name for p in cockpit.day.participants()] == ["Anna"]


def test_dot_vote_on_the_page_and_the_limit_message(cockpit, pages):
    page = pages()
    p = cockpit.day.join("Anna", team="Sälj")
    for text in ("x", "y"):
        cockpit.day.add_candidate(p, text)
    cockpit.day.reveal()
    cockpit.dots.value = 1
    cockpit.open_vote_button.click()
    go(cockpit, [page], "vote")
    assert "1 prickar kvar" in labels(page.body)[0]
    buttons(page.body, "okr-day-dot")[0].click()
    assert "0 prickar kvar" in labels(page.body)[0]
    buttons(page.body, "okr-day-dot")[1].click()
    assert page.message.value == "Dina prickar är slut; ta tillbaka en först."
    buttons(page.body, "okr-day-undot")[0].click()
    assert "1 prickar kvar" in labels(page.body)[0]
    cockpit.refresh()
    assert "1 · x" not in cockpit.tally_html.value and "0 · x" in cockpit.tally_html.value


def test_cockpit_merges_and_chooses(cockpit, path):
    d = cockpit.day
    a, b = d.join("A", team="Sälj"), d.join("B", team="Sälj")
    x, y = d.add_candidate(a, "Nöjdare kunder"), d.add_candidate(b, "Gladare kunder")
    cockpit.reveal_button.click()
    cockpit.candidates.value = (x.id, y.id)
    cockpit.merge_button.click()
    assert [label for label, _ in cockpit.candidates.options] == ["Nöjdare kunder (0)"]
    cockpit.candidates.value = (x.id,)
    cockpit.choose_button.click()
    assert [o.title for o in okr.load(path).team("Sälj").objectives] == ["Nöjdare kunder"]
    assert "✓" in cockpit.tally_html.value


def test_review_dependencies_confidence_and_commit_through_the_pages(cockpit, pages, path):
    d = cockpit.day
    ids = {}
    for team, text in (("Sälj", "Nöjdare kunder"), ("Drift", "Stabil drift")):
        c = d.add_candidate(d.join("x", team=team), text)
        d.reveal()
        ids[team] = d.choose([c.id])[0].id
    sales, ops = pages("Sälj"), pages("Drift")
    cockpit.reviews_button.click()
    go(cockpit, [sales, ops], "review")
    assert ops.review_objective.value == ids["Sälj"]
    ops.review_kind.value = "question"
    ops.review_text.value = "Hur mäter ni?"
    ops.review_send.click()
    sales.refresh()
    assert any("En fråga: Hur mäter ni?" in x for x in labels(sales.body))
    buttons(sales.body, "okr-day-resolve")[0].click()
    assert d.reviews("Sälj")[0].resolved

    go(cockpit, [sales, ops], "dependencies")
    sales.dep_what.value = "Larm <b>inom</b> 5 min"
    sales.dep_due.value = "2027-02-01"
    sales.dep_send.click()
    sales.dep_what.value = "Ny server"
    sales.dep_send.click()
    ops.refresh()
    answers = [c for c in _all(ops.body) if "okr-day-answer" in c._dom_classes]
    answers[0].value = "accepted"
    answers[1].value = "declined"
    assert [x.answer.value for x in d.dependencies()] == ["accepted", "declined"]
    cockpit.refresh()
    assert "✓ Larm &lt;b&gt;inom&lt;/b&gt; 5 min" in cockpit.matrix_html.value
    assert "✗ Ny server" in cockpit.matrix_html.value
    assert "avböjt" in cockpit.findings_html.value

    go(cockpit, [sales], "confidence")
    fist = [c for c in _all(sales.body) if isinstance(c, w.ToggleButtons)][0]
    fist.value = "4"
    assert d.spread(ids["Sälj"]).votes == (4,)
    cockpit.refresh()
    cockpit.commit_objective.value = ids["Sälj"]
    cockpit.commit_type.value = "committed"
    cockpit.commit_owner.value = "Anna"
    cockpit.commit_button.click()
    sales.refresh()
    assert "Åtagande, ansvarig Anna" in labels(sales.body)
    assert okr.load(path).objective(ids["Sälj"]).type.value == "committed"


def _all(widget):
    for child in getattr(widget, "children", ()):
        yield child
        yield from _all(child)


def test_refused_actions_show_one_line_not_a_traceback(cockpit, pages):
    page = pages()
    go(cockpit, [page], "brainstorm")
    page.candidate_text.value = "   "
    page.add_button.click()
    assert page.message.value == "förslag: får inte vara tom"  # the Swedish page says it in Swedish
    cockpit.commit_owner.value = ""
    cockpit.commit_button.click()  # no objective chosen: nothing happens
    cockpit.dots.value = 3
    cockpit.close_vote_button.click()
    assert cockpit.message.value == "Sparat."


def test_the_pages_follow_on_their_own(path, cockpit):
    page = ParticipantPage(path, "Sälj", interval=0.05)
    try:
        page.follower.start()
        cockpit.start_button.click()
        import time

        for _ in range(200):
            if "Tyst brainstorm" in page.title.value:
                break
            time.sleep(0.05)
        assert "Tyst brainstorm" in page.title.value
    finally:
        page.close()
    assert not page.follower.running


def test_the_app_pages_carry_the_day_once_an_agenda_is_set(path, tmp_path):
    from okr_workshop.app.launch import WORKSHOP_ENV
    from okr_workshop.app.page import facilitator_page, participant_page
    from okr_workshop.widgets import DraftingForm

    env = {WORKSHOP_ENV: str(path), "QUERY_STRING": "team=Drift&lang=en"}
    page = participant_page(env)
    try:
        day_part, form = page.children
        assert isinstance(day_part, ParticipantPage) and isinstance(form, DraftingForm)
        assert day_part.follower.running and day_part.lang == "en"
        assert day_part.day.store is form.store  # no second open of the file in this process (POSIX locks)
    finally:
        page.children[0].close()
        page.children[1].close()
    facilitator = facilitator_page({WORKSHOP_ENV: str(path), "QUERY_STRING": ""})
    try:
        assert isinstance(facilitator.children[0], Cockpit)
    finally:
        facilitator.children[0].close()
        facilitator.children[1].children[0].close()
    plain = tmp_path / "utan.okr"
    ws = okr.Workshop.new("Utan dag AB", period="2027-Q1")
    ws.add_team("Drift")
    okr.save(ws, plain)
    form = participant_page({WORKSHOP_ENV: str(plain), "QUERY_STRING": "team=Drift"})
    try:
        assert isinstance(form, DraftingForm)  # no agenda: the page is as before
    finally:
        form.close()


def test_a_refresh_keeps_the_widgets_above_the_list_so_the_browser_keeps_the_focus(cockpit, pages):
    page = pages()
    go(cockpit, [page], "brainstorm")
    before = page.body.children[:3]
    cockpit.day.add_candidate(cockpit.day.join("Bo", team="Sälj"), "Något")
    assert page.refresh() is True
    assert page.body.children[:3] == before


def test_a_refused_save_on_a_swedish_page_is_told_in_swedish(cockpit, pages):
    from test_i18n_messages import _english_words

    page = pages()
    go(cockpit, [page], "brainstorm")
    told = []
    for text in ("   ", "x" * 10_001, "a\x01b"):
        page.candidate_text.value = text
        page.add_button.click()
        told.append(page.message.value)
    go(cockpit, [page], "dependencies")
    other = page.dep_team.options[-1][1]
    for team, what, due in ((None, "Data", ""), (other, "", ""), (other, "Data", "nästa fredag")):
        page.dep_team.value, page.dep_what.value, page.dep_due.value = team, what, due
        page.dep_send.click()
        told.append(page.message.value)
    assert all(m and m != okr.i18n.texts.t("day.saved", "sv") for m in told), told
    assert _english_words(told) == [], told
    assert not any(w in m for m in told for w in ("candidate", "dependency", "due")), told


def test_the_facilitators_refused_actions_are_told_in_swedish(tmp_path):
    from test_i18n_messages import _english_words

    ws = okr.Workshop.new("Exempel AB", period="2027-Q1", lang="sv")
    ws.add_team("Sälj")
    path = tmp_path / "en-team.okr"
    okr.save(ws, path)
    c = Cockpit(path)
    try:
        told = []
        for b in (c.start_button, c.reviews_button):  # no agenda yet; one team only
            b.click()
            told.append(c.message.value)
        assert all(m and m != "Sparat." for m in told), told
        assert _english_words(told) == [] and not any("set_agenda" in m for m in told), told
        assert not any(m == okr.i18n.texts.t("day.refused", "sv") for m in told), told  # each says what is wrong
    finally:
        c.close()
