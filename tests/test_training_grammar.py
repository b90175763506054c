"""Every break of every bank item is Swedish a team could have written: checked with tests/swedish_grammar.py."""

from __future__ import annotations

import random

import pytest
from swedish_grammar import problems

from okr_workshop.training import bank, breaks

TEXT_BREAKS = ("objective-number", "kr-activity", "kr-binary", "kr-vague")


def _texts(lang: str):
    """(item id, flaw, text) for every text-changing break at every place of every item, each template drawn."""
    for it in bank.pool(lang):
        for flaw in TEXT_BREAKS:
            for at in breaks.applicable(it, flaw):
                for seed in range(6):  # the templates and donors a seed can draw
                    broken = breaks.break_okr(it, flaw, random.Random(seed), at=at).item
                    yield it["id"], flaw, broken["objective"] if at is None else broken["key_results"][at]["text"]


def test_the_grammar_check_catches_what_the_old_templates_wrote():
    for text in (
        "Betydligt förbättrad accepterade offerter",
        "Förbättrad offerter",
        "Hålla 4 möten om lösta samma dag",
        "Äldre bor tryggt i sina egna hem, 15 % över förra året",
    ):
        assert problems(text), text


def test_the_hand_written_bank_passes_the_grammar_check():
    texts = [it["objective"] for it in bank.pool("sv")] + [
        kr["text"] for it in bank.pool("sv") for kr in it["key_results"]
    ]
    assert [(t, problems(t)) for t in texts if problems(t)] == []


def test_every_break_of_every_swedish_bank_item_passes_the_grammar_check():
    seen = set()
    bad = []
    for item_id, flaw, text in _texts("sv"):
        seen.add(flaw)
        if problems(text):
            bad.append((item_id, flaw, text, problems(text)))
    assert seen == set(TEXT_BREAKS) and bad == []


@pytest.mark.parametrize("lang, up, down", [("sv", "öka", "minska"), ("en", "up", "down")])
def test_a_vague_break_keeps_the_direction_of_its_key_result(lang, up, down):
    """No "Mycket bättre betalningsfel": fewer errors are asked for as fewer, in words instead of a value."""
    for it in bank.pool(lang):
        for at in breaks.applicable(it, "kr-vague"):
            kr = it["key_results"][at]
            verb, _ = breaks.noun_phrase(kr, lang)
            text = breaks.break_okr(it, "kr-vague", random.Random(0), at=at).item["key_results"][at]["text"]
            if verb:
                assert text.startswith(verb), text  # "Korta den genomsnittliga säljcykeln rejält"
            else:
                assert f" {up if kr['kind'] == 'increase' else down} " in f" {text} ", text
            assert "bättre" not in text and "better" not in text.lower()


def test_the_breaks_use_the_bank_text_not_the_metric_label():
    """The noun phrase comes from the hand-written key result, with its own articles and endings."""
    it = bank.item("sv-001")
    verb, np = breaks.noun_phrase(it["key_results"][2], "sv")
    assert (verb, np) == ("Korta", "den genomsnittliga säljcykeln")
    assert breaks.noun_phrase({"text": "Kundavgången sjunker från 8 % till 5 %"}, "sv") == (None, "kundavgången")
    assert breaks.noun_phrase({"text": "eNPS från 5 till 30"}, "sv") == (None, "eNPS")
