"""The language of a text: a workshop's language wins; a text on its own is guessed (lingua, then simplemma)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_workshop

import okr_workshop as okr
from okr_workshop.quality import text as tx
from okr_workshop.quality.engine import check_text

SHORT = Path(__file__).parent / "data" / "short_texts_by_language.jsonl"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Lansera MVP", "sv"),  # no å/ä/ö, no common word: the detector
        ("LANSERA MVP", "sv"),
        ("Öka NPS", "sv"),
        ("Rekrytera 3 utvecklare", "sv"),
        ("Implementera CRM", "sv"),
        ("Enklare onboarding", "sv"),
        ("Starta en podcast", "sv"),
        ("Launch MVP", "en"),
        ("LAUNCH MVP", "en"),
        ("Grow NPS", "en"),
        ("Strong teams", "en"),
        ("Update 10 blog articles", "en"),
        ("Open an office in Malmö", "en"),  # a Swedish place name does not make the text Swedish
    ],
)
@pytest.mark.parametrize("default", ["sv", "en"])
def test_short_texts_get_their_language_whatever_the_default(text, expected, default):
    assert tx.guess_lang(text, default=default) == expected


@pytest.mark.parametrize("text", ["NPS 45", "KPI", "MVP", "Q3 2027", "99,9 %", "ISO 27001", "", "  ", "–"])
@pytest.mark.parametrize("default", ["sv", "en"])
def test_a_text_without_words_keeps_the_default(text, default):
    assert tx.guess_lang(text, default=default) == default


def test_a_lone_surrogate_does_not_break_the_guess():
    assert tx.guess_lang("Lansera \ud800 MVP", default="en") == "sv"
    assert check_text("Lansera \ud800 MVP", kind="key_result", lang="auto")


def _right(guess) -> tuple[int, int]:
    """(right, total) on the short texts written here; one with no language is right when the default is kept."""
    items = [json.loads(line) for line in SHORT.read_text(encoding="utf-8").splitlines() if line.strip()]
    right = 0
    for it in items:
        if it["lang"] is None:
            right += guess(it["text"]) is None
        else:
            right += guess(it["text"]) == it["lang"]
    return right, len(items)


def test_short_texts_written_here_measured_counts():
    """Pinned from `python -m tools.lang_accuracy` (the column "short texts written here")."""
    pytest.importorskip("lingua")
    assert _right(tx._guess) == (116, 119)  # wrong: "Churn < 2 %", "Go-live Q3", "SaaS" (no language of their own)
    # without the detector (the fallback when lingua is missing), one more is wrong
    assert _right(lambda text: tx._guess_with(text, lambda _: None)) == (115, 119)


def test_guess_is_cached_per_text():
    tx._guess.cache_clear()
    tx.guess_lang("Lansera MVP i Norge", default="en")
    tx.guess_lang("Lansera MVP i Norge", default="sv")
    info = tx._guess.cache_info()
    assert (info.misses, info.hits) == (1, 1)


def test_a_text_on_its_own_gets_messages_in_its_guessed_language():
    for text, lang in [("Lansera MVP", "sv"), ("Launch MVP", "en")]:
        auto = [f.message for f in check_text(text, kind="key_result", lang="auto")]
        assert auto and auto == [f.message for f in check_text(text, kind="key_result", lang=lang)]


@pytest.fixture
def no_guessing(monkeypatch):
    """Any language guess fails the test: inside a workshop its language is used."""

    def guessed(text, *args, **kwargs):
        raise AssertionError(f"the language of {text!r} was guessed inside a workshop")

    monkeypatch.setattr(tx, "guess_lang", guessed)
    monkeypatch.setattr(tx, "_guess", guessed)


@pytest.mark.parametrize("lang", [None, "auto", "sv"])
def test_the_workshop_language_wins_in_check(no_guessing, lang):
    ws = make_workshop("sv")
    team = ws.teams[1]
    obj = team.add_objective("Launch the new website and hire two sellers", type="committed")
    kr = obj.add_key_result("Launch MVP", kind="milestone", target=1)
    options = {} if lang is None else {"lang": lang}
    for target in (ws, team, obj, kr):
        findings = okr.check(target, **options)
        assert findings and all(f.message for f in findings)
        assert okr.check(target, lang="sv") == findings  # messages and rules in Swedish, as the workshop's
    assert okr.quality.strength(obj) < 100


def test_the_workshop_language_wins_in_the_workbook_and_lint(no_guessing, tmp_path):
    from okr_workshop.cli import load_target

    ws = make_workshop("sv")
    ws.teams[1].objectives[0].add_key_result("Launch MVP", kind="milestone", target=1)
    path = tmp_path / "okrs.xlsx"
    okr.write_excel(ws, path)
    back = load_target(path)
    assert back.lang == "sv"
    assert [f.message for f in okr.check(back)] == [f.message for f in okr.check(ws)]


def test_the_workshop_language_wins_in_the_drafting_form(no_guessing, tmp_path):
    from okr_workshop.widgets import DraftingForm

    path = tmp_path / "ws.okr"
    okr.save(make_workshop("sv"), path)
    form = DraftingForm(path, "Marknad", lang="en", feedback_delay=None, save_delay=None)  # English screens
    editor = form.editors[form.team.objectives[0].id]
    editor.fields["text"].input.value = "Launch the new website"
    form.flush()
    assert form.findings[form.team.objectives[0].id]  # checked, read as Swedish text, nothing guessed
