"""Truth tables for the kinds round 8's model-example pages (issue 15) found wrong, in Swedish and English."""

from __future__ import annotations

import pytest

from okr_workshop.quality import check_text


def rules(text, kind="key_result", lang="en"):
    return {f.rule for f in check_text(text, kind=kind, lang=lang)}


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        # "one" after a bound or before "per" is a count: the text says how much
        ("Have at least one career conversation with each report per month", "en", False),
        ("At most one critical incident per quarter", "en", False),
        ("Support calls reduced to one per customer", "en", False),
        ("Ha minst ett utvecklingssamtal med varje medarbetare per månad", "sv", False),
        ("Högst en allvarlig incident per kvartal", "sv", False),
        # elsewhere "one" is a pronoun or an article and measures nothing
        ("Launch one new feature", "en", True),
        ("Make onboarding the one thing customers praise", "en", True),
        ("Ta fram en ny kommunikationsplan", "sv", True),
        ("Skapa ett nytt introduktionsprogram", "sv", True),
    ],
)
def test_one_after_a_bound_or_before_per_is_a_count(text, lang, expected):
    assert ("kr-not-measurable" in rules(text, "key_result", lang)) is expected
