"""The exercise bank and the breaks: each break produces exactly the flaws it claims, as the quality engine sees them."""

from __future__ import annotations

import copy
import random

import pytest

from okr_workshop.errors import OkrWorkshopError, ValidationError
from okr_workshop.quality import catalogue
from okr_workshop.training import bank, breaks

LANGS = ("sv", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_bank_has_sixty_sourced_items_per_language(lang):
    items = bank.items(lang)
    assert len(items) >= 60
    assert len({it["id"] for it in items}) == len(items)
    for it in items:
        assert it["lang"] == lang and it["id"].startswith(f"{lang}-")
        assert it["source"] == bank.WRITTEN_HERE or it["source"].startswith("https://")
        assert 3 <= len(it["key_results"]) <= 5
        for kr in it["key_results"]:
            assert {"text", "kind", "baseline", "target", "unit"} <= set(kr)
    assert len({it["domain"] for it in items}) >= 7  # sales, HR, product, support, public sector, school, NGO …


@pytest.mark.parametrize("lang", LANGS)
def test_bank_items_are_good_okrs(lang):
    bad = {it["id"]: sorted(bank.rule_ids(it)) for it in bank.items(lang) if bank.rule_ids(it)}
    assert bad == {}


def test_bank_languages_mirror_each_other():
    sv, en = bank.items("sv"), bank.items("en")
    assert len(sv) == len(en)
    assert [len(a["key_results"]) for a in sv] == [len(b["key_results"]) for b in en]


def test_items_are_copies():
    first = bank.items("sv")
    first[0]["objective"] = "changed"
    assert bank.items("sv")[0]["objective"] != "changed"


def test_flaw_ids_are_catalogue_rule_ids():
    ids = {r.id for r in catalogue()}
    for flaw, rules in breaks.FLAWS.items():
        assert flaw in ids and rules <= ids and flaw in rules


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("flaw", sorted(breaks.FLAWS))
def test_break_produces_exactly_the_claimed_flaws(flaw, lang):
    applied = 0
    for item in bank.pool(lang):
        original = copy.deepcopy(item)
        before = bank.rule_ids(item)
        for at in breaks.applicable(item, flaw):
            broken = breaks.break_okr(item, flaw, random.Random(applied), at=at)
            assert bank.rule_ids(broken.item) - before == set(broken.rules) == set(breaks.FLAWS[flaw]), (
                item["id"],
                at,
            )
            assert item == original  # a pure function: the bank item is untouched
            applied += 1
    # Each break applies to most of the bank, so exercises stay varied.
    assert applied >= 60


def test_break_that_does_not_apply_says_so():
    item = bank.item("en-001")
    item["key_results"] += copy.deepcopy(item["key_results"][:3])  # six key results already
    with pytest.raises(breaks.ExerciseError, match="krs-count does not apply"):
        breaks.break_okr(item, "krs-count", random.Random(0))
    with pytest.raises(ValidationError, match="unknown flaw"):
        breaks.break_okr(bank.item("en-001"), "made-up", random.Random(0))


def test_break_changes_what_it_says():
    item = bank.item("sv-001")
    b = breaks.break_okr(item, "kr-no-baseline", random.Random(0), at=1)
    assert b.item["key_results"][1]["baseline"] is None
    assert "från" not in b.item["key_results"][1]["text"]
    assert b.changes == (("kr-no-baseline", "KR2"),)
    b = breaks.break_okr(item, "krs-count", random.Random(0))
    assert len(b.item["key_results"]) == 6
    b = breaks.break_okr(item, "kr-binary", random.Random(0), at=1)
    assert b.item["key_results"][1]["kind"] == "milestone"
    assert "vinstandelen på kvalificerade affärer" in b.item["key_results"][1]["text"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("n_flaws", [1, 2, 3])
def test_same_seed_same_exercise(lang, n_flaws):
    a = breaks.make_spot_exercise(7, lang, n_flaws)
    b = breaks.make_spot_exercise(7, lang, n_flaws)
    assert a.to_dict() == b.to_dict()
    assert len(a.flaws) >= n_flaws
    assert bank.rule_ids(a.broken) - bank.rule_ids(a.original) == set(a.flaws)


def test_seeds_vary_the_exercise():
    seen = {breaks.make_spot_exercise(seed, "sv", 1).to_dict()["broken"]["objective"] for seed in range(20)}
    flaws = {breaks.make_spot_exercise(seed, "en", 1).flaws for seed in range(20)}
    assert len(seen) >= 10 and len(flaws) >= 4


def test_exercise_with_fixed_flaws_and_item():
    ex = breaks.make_spot_exercise(1, "en", flaws=["kr-vague", "krs-count"], item_id="en-010")
    assert ex.item_id == "en-010"
    assert ex.flaws == ("kr-vague", "krs-count")  # one defect, one flaw (the engine reports kr-vague twice)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("n", [1, 2, 3])
def test_n_flaws_gives_n_flaws_over_many_seeds(lang, n):
    counts = {len(breaks.make_spot_exercise(seed, lang, n).flaws) for seed in range(60)}
    assert counts == {n}


def test_sandbagging_lowers_the_target_in_the_fields_and_the_text():
    from okr_workshop.training.numbers import written_values

    for seed in range(30):
        ex = breaks.make_spot_exercise(seed, "sv", 1, flaws=["kr-confidence-10"])
        ((flaw, where),) = ex.changes
        i = int(where[2:]) - 1
        was, now = ex.original["key_results"][i], ex.broken["key_results"][i]
        assert now["confidence"] == 10 and now["baseline"] == was["baseline"]
        assert abs(now["target"] - now["baseline"]) < abs(was["target"] - was["baseline"])
        assert written_values(now["text"], "sv")[1] in (None, now["target"])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"seed": 1, "lang": "de"}, "expected sv or en"),
        ({"seed": "x", "lang": "sv"}, "whole number"),
        ({"seed": 1, "lang": "sv", "n_flaws": 9}, "1 to 4"),
        ({"seed": 1, "lang": "sv", "flaws": ["nope"]}, "unknown flaw"),
        ({"seed": 1, "lang": "sv", "item_id": "sv-999"}, "no bank item"),
    ],
)
def test_bad_exercise_requests_fail_clearly(kwargs, message):
    with pytest.raises(OkrWorkshopError, match=message):
        breaks.make_spot_exercise(**kwargs)
