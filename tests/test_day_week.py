"""The weekly check-in meeting as the facilitator sees it: report/week.py and the board's line."""

from __future__ import annotations

import datetime as dt

import pytest

import okr_workshop as okr

MEETING = dt.date(2027, 2, 12)


def _workshop(lang: str):
    """Two teams: Sälj with a rise, a confidence drop and a risky comment, one stale key result; Drift quiet."""
    ws = okr.Workshop.new("Exempel AB", period="2027-Q1", lang=lang)
    obj = ws.add_team("Sälj <b>").add_objective("Nöjdare kunder")
    rising = obj.add_key_result("NKI från 60 till 75", baseline=60, target=75, unit="poäng")
    rising.add_check_in(value=62, confidence=5, on=dt.date(2027, 2, 1))
    rising.add_check_in(value=64.5, confidence=6, on=dt.date(2027, 2, 10))
    falling = obj.add_key_result("Reklamationer från 40 till 10", kind="decrease", baseline=40, target=10, unit="st")
    falling.add_check_in(value=30, confidence=7, on=dt.date(2027, 2, 2))
    falling.add_check_in(
        value=35, confidence=4, on=dt.date(2027, 2, 11), comment="<script>alert(1)</script> leverantören"
    )
    stale = obj.add_key_result("Svarstid under 2 dagar", kind="at_most", baseline=5, target=2, unit="dagar")
    stale.add_check_in(value=4, confidence=5, on=dt.date(2027, 1, 15))
    quiet = (
        ws.add_team("Drift").add_objective("Stabil drift").add_key_result("Drifttid 99,9 %", baseline=99, target=99.9)
    )
    quiet.add_check_in(value=99.5, confidence=6, on=dt.date(2027, 2, 1))
    return ws


@pytest.mark.parametrize(
    "lang,words",
    [
        ("sv", ["Veckans uppföljningsmöte", "62 poäng", "64,5 poäng", "1 nyckelresultat med fallande tilltro",
                "senaste uppföljning 15 jan. 2027", "1 inaktuellt nyckelresultat", "Inga uppföljningar den här veckan",
                "ungefär 7 minuter per team"]),
        ("en", ["This week&#x27;s check-in meeting", "62 poäng", "64.5 poäng", "1 confidence drop",
                "last check-in 15 Jan 2027", "1 stale key result", "No check-ins this week",
                "about 7 minutes per team"]),
    ],
)  # fmt: skip
def test_week_html_shows_moves_drops_stale_and_risks(lang, words):
    from okr_workshop.report.week import week_html

    part = week_html(_workshop(lang), as_of=MEETING, lang=lang)
    page = part.html
    for word in words:
        assert word in page, word
    assert part.metadata["okr_report"]["anchor"] == "okr-week"
    # the rise is good news (green ↑), the decrease key result went up: bad news (red ↑), and confidence 7 ↓ 4
    assert "okr-week-better' style='color:#1e7a34'>↑" in page and "okr-week-worse' style='color:#b3261e'>↑" in page
    assert "7 ↓ 4/10" in page and page.count("okr-week-move okr-week-drop") == 1
    # participant text is escaped, never markup
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; leverantören" in page
    assert "Sälj &lt;b&gt;" in page and "<b>" not in page


def test_week_html_defaults_to_the_workshop_language_and_a_day_inside_the_period():
    from okr_workshop.report.week import week_html

    ws = okr.Workshop.new("Nya AB", period="2026-Q1", lang="sv")  # over: as_of is its last day
    ws.add_team("Marknad").add_objective("Bli kända").add_key_result("100 leads", baseline=0, target=100)
    page = week_html(ws).html
    assert "Veckans uppföljningsmöte" in page and "aldrig följt upp" in page and "31 mars 2026" in page
    assert "Inga team ännu" in week_html(okr.Workshop.new("Tom AB", period="2027-Q1", lang="en"), lang="sv").html
