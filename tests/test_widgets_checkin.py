"""The check-in form without a browser: live score while typing, Save adds a check-in, history."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import make_workshop

import okr_workshop as okr
from okr_workshop.widgets import CheckInForm, check_in_form
from okr_workshop.widgets.checkin import sparkline

TEAM = {"sv": "Marknad", "en": "Marketing"}
DAY = dt.date(2027, 2, 15)  # mid-period of 2027-Q1


@pytest.fixture(params=["sv", "en"])
def lang(request):
    return request.param


@pytest.fixture
def path(workshop_location, lang):
    """The workshop in a file, or on the test PostgreSQL server (both, by parameter)."""
    return okr.save(make_workshop(lang), workshop_location)


def rows(form):
    return list(form.rows.values())


def test_score_updates_while_typing(path, lang):
    form = CheckInForm(path, TEAM[lang], on=DAY)
    leads = rows(form)[0]  # increase 0 → 200
    leads.value.value = 150
    assert leads.preview_score().progress == pytest.approx(0.75)
    html = leads.preview.value
    assert "75 %" in html and "0.75" in html and "okr-band-green" in html
    assert ("Grön" in html) == (lang == "sv") and ("Green" in html) == (lang == "en")
    leads.value.value = 20
    assert "okr-band-red" in leads.preview.value and "okr-status-off_track" in leads.preview.value
    leads.confidence.value = 2
    assert leads.preview_score().confidence == 2
    assert okr.load(path).key_result(leads.kr.id).check_ins == []  # nothing stored while typing


def test_save_adds_a_check_in_and_shows_history(path, lang):
    form = check_in_form(path, TEAM[lang])
    form.date.value = DAY
    row = rows(form)[1]  # decrease 5 → 2 days
    row.value.value = 3.5
    row.confidence.value = 6
    row.comment.value = "<b>bättre</b> & snabbare"
    form.author.value = "Bo"
    row.save.click()
    stored = okr.load(path).key_result(row.kr.id).check_ins
    assert [(c.on, c.value, c.confidence, c.comment, c.author) for c in stored] == [
        (DAY, 3.5, 6, "<b>bättre</b> & snabbare", "Bo")
    ]
    assert row.kr.latest.value == 3.5  # the model follows
    assert row.comment.value == ""
    assert "&lt;b&gt;bättre&lt;/b&gt; &amp; snabbare" in row.history.value and "<b>bättre" not in row.history.value
    assert DAY.isoformat() in row.history.value and row.status.value.endswith(DAY.isoformat())
    row.value.value = 2.5
    form.date.value = DAY + dt.timedelta(days=14)
    row.save.click()
    assert len(okr.load(path).key_result(row.kr.id).check_ins) == 2
    assert sparkline([3.5, 2.5]) in row.history.value
    form.close()


def test_milestone_and_reopen(path, lang):
    form = CheckInForm(path, TEAM[lang], on=DAY)
    web = rows(form)[2]
    assert web.value.description.startswith(("Klart", "Done"))
    web.value.value = 1
    assert "okr-status-done" in web.preview.value
    web.save.click()
    form.close()
    again = CheckInForm(path, TEAM[lang], on=DAY)
    assert rows(again)[2].value.value == 1  # starts from the latest value
    assert "1" in rows(again)[2].heading.value


def test_every_input_is_labelled_and_language_switches(path, lang):
    from test_widgets_drafting import inputs

    form = CheckInForm(path, TEAM[lang], on=DAY)
    for widget in inputs(form):
        assert widget.description.strip() and widget.description_allow_html is False
    other = "en" if lang == "sv" else "sv"
    form.lang_toggle.value = other
    assert rows(form)[0].comment.description == ("Comment" if other == "en" else "Kommentar")


def test_sparkline():
    assert sparkline([]) == ""
    assert sparkline([1, 1]) == "▁▁"
    assert sparkline([0, 5, 10]) == "▁▅█"


@pytest.mark.parametrize(
    "value,text",
    [(1_000_000, "1000000"), (2.5e7, "25000000"), (0.25, "0.25"), (-3.5, "-3.5"), (0.0, "0"), (-1e-12, "0")],
)
def test_numbers_are_shown_as_typed_without_exponents(value, text):
    from okr_workshop.widgets.common import plain_number

    assert plain_number(value) == text


def test_history_numbers_and_their_headings_are_right_aligned(path):
    from okr_workshop.widgets.checkin import history_html

    ws = okr.load(path)
    kr = ws.key_results[0]
    kr.add_check_in(1_500_000, 6, on=DAY - dt.timedelta(days=14), comment="")
    kr.add_check_in(2_000_000, 7, on=DAY, comment="<b>x</b>")
    table = history_html(kr, "en")
    heads = table.split("<thead>")[1].split("</thead>")[0].split("<th ")[1:]
    assert ["text-align:right" in h for h in heads] == [False, True, True, False]
    assert ">2000000</td>" in table and "e+06" not in table
    assert "&lt;b&gt;x&lt;/b&gt;" in table and "<b>x</b>" not in table
