"""The facilitator board without a browser: filters, sorting, alignment, refresh and auto-refresh."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from conftest import make_workshop

import okr_workshop as okr
from okr_workshop.widgets import FacilitatorBoard, board


@pytest.fixture(params=["sv", "en"])
def lang(request):
    return request.param


@pytest.fixture
def path(workshop_location, lang):
    """The workshop in a file, or on the test PostgreSQL server (both, by parameter)."""
    ws = make_workshop(lang)
    weak = ws.add_team("Sälj" if lang == "sv" else "Sales", parent=ws.teams[0])
    weak.add_objective("Öka försäljningen med 20 %")  # a number, no type, not aligned, no key results
    return okr.save(ws, workshop_location)


def card_text(b, name):
    return next(c.value for c in b.cards.children if f">{name}</h4>" in c.value)


def test_every_team_side_by_side_with_strength(path, lang):
    b = board(path)
    assert b.lang == lang
    names = [t.name for t in okr.load(path).teams]
    assert len(b.cards.children) == len(names)
    for name in names:
        assert "aria-valuenow=" in card_text(b, name)
    strengths = b.strengths()
    weak = okr.load(path).teams[-1]
    assert strengths[weak.id] == min(strengths.values()) < 60
    assert "okr-finding-error" in card_text(b, weak.name)
    assert ("Fel" in card_text(b, weak.name)) == (lang == "sv")
    b.close()


def test_sort_and_filters(path, lang):
    b = FacilitatorBoard(path, lang=lang)
    ws = okr.load(path)
    b.sort.value = "asc"
    assert f">{ws.teams[-1].name}</h4>" in b.cards.children[0].value
    b.sort.value = "desc"
    assert f">{ws.teams[-1].name}</h4>" in b.cards.children[-1].value
    weak = card_text(b, ws.teams[-1].name)
    assert "okr-finding-warning" in weak or "okr-finding-info" in weak
    b.severity.value = "error"
    weak = card_text(b, ws.teams[-1].name)
    assert "okr-finding-error" in weak and "okr-finding-warning" not in weak and "okr-finding-info" not in weak
    b.team_filter.value = ws.teams[1].id
    assert len(b.cards.children) == 1 and f">{ws.teams[1].name}</h4>" in b.cards.children[0].value
    b.close()


def test_alignment_marks_orphans_and_unsupported(path, lang):
    b = FacilitatorBoard(path, lang=lang)
    ws = okr.load(path)
    html = b.alignment.value
    company, aligned = ws.teams[0].objectives[0], ws.teams[1].objectives[0]
    assert html.index(company.title) < html.index(aligned.title)  # the supporter sits below the company objective
    assert "okr-orphan" in html and "Öka försäljningen med 20 %" in html
    assert ("Ej kopplat" in html) == (lang == "sv")
    with okr.open_store(path) as store:
        ws.teams[0].add_objective("Nytt bolagsmål" if lang == "sv" else "New company goal")
        store.save(ws.teams[0])
    b.refresh()
    assert "okr-unsupported" in b.alignment.value
    b.close()


def test_refresh_picks_up_saves_from_another_process(path, lang):
    b = FacilitatorBoard(path, lang=lang)
    assert b.refresh() is False  # nothing changed
    code = (
        "import sys, okr_workshop as okr\n"
        "with okr.open_store(sys.argv[1]) as s:\n"
        "    ws = s.load(); o = ws.teams[1].add_objective('Helt nytt mål från en annan kärna'); s.save(o)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60)
    assert "Helt nytt mål" not in b.alignment.value
    assert b.refresh() is True
    assert "Helt nytt mål från en annan kärna" in b.alignment.value
    assert str(b.revision) in b.status.value
    b.close()


def test_auto_refresh_polls_and_stops_when_closed(path, lang):
    b = FacilitatorBoard(path, lang=lang, interval=0.05)
    b.auto.value = True
    assert b.auto_refreshing
    thread = b._poller
    with okr.open_store(path) as store:
        ws = store.load()
        store.save(ws.teams[1].add_objective("Automatiskt synligt"))
    deadline = time.monotonic() + 10
    while "Automatiskt synligt" not in b.alignment.value and time.monotonic() < deadline:
        time.sleep(0.02)
    assert "Automatiskt synligt" in b.alignment.value
    b.close()
    assert not b.auto_refreshing and not thread.is_alive()


def test_auto_refresh_toggle_off_stops_the_poller(path, lang):
    b = FacilitatorBoard(path, lang=lang, interval=0.05)
    b.start_auto_refresh()
    thread = b._poller
    assert b.auto.value is True
    b.auto.value = False
    assert not b.auto_refreshing and not thread.is_alive()
    b.close()


def test_board_escapes_participant_text(tmp_path, lang):
    ws = make_workshop(lang)
    ws.teams[1].add_objective("<script>alert('x')</script> & <b>mer</b>")
    ws.add_team("<img src=x onerror=alert(1)>")
    p = tmp_path / "evil.okr"
    okr.save(ws, p)
    b = FacilitatorBoard(p, lang=lang)
    everything = b.alignment.value + "".join(c.value for c in b.cards.children)
    assert "<script>" not in everything and "<b>" not in everything and "<img" not in everything
    assert "&lt;script&gt;" in b.alignment.value and "&lt;img src=x" in everything
    b.close()


def test_language_switch_keeps_filters_working(path, lang):
    b = FacilitatorBoard(path, lang=lang)
    other = "en" if lang == "sv" else "sv"
    b.lang_toggle.value = other
    assert b.lang == other
    assert b.tabs.get_title(1) == ("Alignment" if other == "en" else "Koppling")
    assert ("Revision" if other == "en" else "Version") in b.status.value
    b.severity.value = "error"
    assert all("okr-finding-warning" not in c.value for c in b.cards.children)
    b.close()


def test_card_counts_are_words_with_plurals(path, lang):
    from okr_workshop.widgets.board import counted

    b = board(path)
    weak = okr.load(path).teams[-1]
    counts = card_text(b, weak.name).split("class='okr-counts'>")[1].split("</div>")[0]
    b.close()
    if lang == "sv":
        assert counts.startswith("1 mål · ")
        assert [counted("board.count.warning", n, lang) for n in (0, 1, 3)] == [
            "0 varningar",
            "1 varning",
            "3 varningar",
        ]
    else:
        assert counts.startswith("1 objective · ")
        assert [counted("board.count.warning", n, lang) for n in (0, 1, 3)] == ["0 warnings", "1 warning", "3 warnings"]
        assert counted("board.objectives", 2, lang) == "2 objectives"


def test_more_findings_open_on_the_card(path, lang):
    """ "… and 7 more" is a disclosure: the findings beyond the top ones are on the card, behind a click."""
    import re

    b = FacilitatorBoard(path, lang=lang, top=1)
    weak = card_text(b, okr.load(path).teams[-1].name)
    more = re.search(r'<details class="okr-more"><summary[^>]*>(.*?)</summary>(.*?)</details>', weak, re.S)
    assert more, weak
    hidden = int(re.search(r"\d+", more.group(1)).group())
    assert hidden >= 2 and more.group(1).startswith("…")
    assert ("till" in more.group(1)) == (lang == "sv")
    assert more.group(2).count('class="okr-finding ') == hidden
    b.close()


@pytest.mark.parametrize(
    "lang,line",
    [("sv", "⚠ 1 med fallande tilltro · 1 inaktuellt nyckelresultat"),
     ("en", "⚠ 1 confidence drop · 1 stale key result")],
)  # fmt: skip
def test_board_highlights_confidence_drops_and_stale_key_results(tmp_path, lang, line):
    import datetime as dt

    ws = okr.Workshop.new("Exempel AB", period="2027-Q1", lang=lang)
    obj = ws.add_team("Sälj").add_objective("Nöjdare kunder")
    falling = obj.add_key_result("Reklamationer från 40 till 10", kind="decrease", baseline=40, target=10)
    falling.add_check_in(value=30, confidence=7, on=dt.date(2027, 2, 2))
    falling.add_check_in(value=35, confidence=4, on=dt.date(2027, 2, 11))
    obj.add_key_result("Svarstid under 2 dagar", kind="at_most", baseline=5, target=2).add_check_in(
        value=4, confidence=5, on=dt.date(2027, 1, 15)
    )
    fine = (
        ws.add_team("Drift").add_objective("Stabil drift").add_key_result("Drifttid 99,9 %", baseline=99, target=99.9)
    )
    fine.add_check_in(value=99.5, confidence=6, on=dt.date(2027, 2, 10))
    path = okr.save(ws, tmp_path / "vecka.okr")
    b = FacilitatorBoard(path, lang=lang, as_of="2027-02-12")
    assert line in card_text(b, "Sälj")
    assert "okr-week-alert" not in card_text(b, "Drift")  # nothing to say: no line
    b.set_lang("en" if lang == "sv" else "sv")  # the line follows the board's language
    assert ("confidence drop" in card_text(b, "Sälj")) == (lang == "sv")
    b.close()
    # on the workshop day (before the quarter) key results without check-ins are no news
    b = FacilitatorBoard(path, lang=lang, as_of="2027-01-01")
    assert all("okr-week-alert" not in c.value for c in b.cards.children)
    b.close()
