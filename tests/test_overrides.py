"""Grade overrides as the scoring notebook takes them: lines or a dict, errors in the workshop's language."""

from __future__ import annotations

import pytest

import okr_workshop as okr
from okr_workshop.jupyter import facilitator
from okr_workshop.jupyter.overrides import parse


@pytest.fixture
def workshop(tmp_path):
    def make(lang: str):
        ws = okr.Workshop.new("Testbolaget AB", period="2027-Q1", lang=lang)
        obj = ws.add_team("Sälj").add_objective("Kunder som väljer oss", type="committed")
        obj.add_key_result("Vunna offerter från 20 % till 35 %", kind="increase", baseline=20, target=35)
        obj.add_key_result("NPS = 40 till 60", kind="increase", baseline=40, target=60)
        obj.add_key_result("Svarstid under 2 dagar", kind="decrease", baseline=5, target=2)
        return okr.save(ws, tmp_path / f"{lang}.okr")

    return make


def overrides_of(path) -> dict[str, tuple]:
    return {kr.text: (kr.grade_override, kr.override_reason) for kr in okr.load(path).key_results}


def test_lines_with_decimal_comma_percent_and_an_equals_sign_in_the_text(workshop):
    path = workshop("sv")
    ws = okr.load(path)
    third = ws.key_results[2]
    lines = f"""
    # slutbetyg efter genomgången
    vunna offerter  från 20 % till 35 % = 0,6 : kunden sköt upp beslutet
    NPS = 40 till 60 = 70 % : mätt i december

    {third.id} = 1 : klart i november
    """
    assert facilitator.set_overrides(path, lines) == 3
    got = overrides_of(path)
    assert got["Vunna offerter från 20 % till 35 %"] == (0.6, "kunden sköt upp beslutet")  # case and spaces forgiven
    assert got["NPS = 40 till 60"] == (0.7, "mätt i december")
    assert got["Svarstid under 2 dagar"] == (1.0, "klart i november")
    assert facilitator.set_overrides(path, "NPS = 40 till 60 = -") == 1  # a dash clears it
    assert overrides_of(path)["NPS = 40 till 60"] == (None, "")


def test_a_dict_as_before_and_a_value_written_as_text(workshop):
    path = workshop("en")
    ws = okr.load(path)
    a, b, _ = ws.key_results
    assert facilitator.set_overrides(path, {a.id: [0.3, "late data"], b.text: "0.9 : agreed in review"}) == 2
    got = overrides_of(path)
    assert got[a.text] == (0.3, "late data") and got[b.text] == (0.9, "agreed in review")
    assert facilitator.set_overrides(path, {}) == 0 and facilitator.set_overrides(path, "") == 0


@pytest.mark.parametrize(
    "lang,overrides,expected",
    [
        ("sv", "Vunna offerter från 20 % till 35 % 0,6", "overrides, rad 1: «Vunna offerter från 20 % till 35 % 0,6» går"
                                                       " inte att läsa: skriv en rad per nyckelresultat"),
        ("en", "\n\nVunna offerter från 20 % till 35 % 0,6", "overrides, line 3: «Vunna offerter från 20 % till 35 % 0,6»"
                                                           " cannot be read"),
        ("sv", "Vunna offerter från 20 % till 35 % = 0,6", "overrides, rad 1: motiveringen saknas"),
        ("en", "Vunna offerter från 20 % till 35 % = 1,5 : why", "overrides, line 1: the grade 1,5 is outside 0–1"),
        ("sv", "Något helt annat = 0,5 : varför", "overrides, rad 1: inget nyckelresultat med id eller text «Något helt"
                                                 " annat»: kopiera texten"),
        ("sv", {"Svarstid under 2 dagar": ["tio", "varför"]}, "overrides[«Svarstid under 2 dagar»]: betyget «tio» är inget"
                                                            " tal"),
        ("en", {"Svarstid under 2 dagar": "0.5 because"}, "overrides[«Svarstid under 2 dagar»]: «0.5 because» cannot be"
                                                        " read: write [0.7, \"reason\"] or \"0.7 : reason\""),
        ("sv", [("Svarstid", 0.5)], "overrides: skriv rader «text eller id = 0,7 : motivering»"),
    ],
)  # fmt: skip
def test_a_mistake_is_one_line_in_the_workshops_language_and_nothing_is_written(workshop, lang, overrides, expected):
    path = workshop(lang)
    good = "Svarstid under 2 dagar = 0,5 : halvvägs\n"
    before = overrides_of(path)
    with pytest.raises(okr.OkrWorkshopError) as err:
        facilitator.set_overrides(path, good + overrides if isinstance(overrides, str) else overrides)
    message = str(err.value)
    assert "\n" not in message
    if isinstance(overrides, str):
        expected = expected.replace("rad 1", "rad 2").replace("line 1", "line 2").replace("line 3", "line 4")
    assert message.startswith(expected), message
    assert overrides_of(path) == before  # all or nothing: the good line before it was not written either


def test_the_same_text_twice_asks_for_the_id(workshop):
    path = workshop("sv")
    ws = okr.load(path)
    twin = ws.team("Sälj").add_objective("Snabba svar").add_key_result("Svarstid under 2 dagar", kind="decrease")
    okr.save(ws, path)
    twice = rf"2 nyckelresultat har texten «Svarstid under 2 dagar»: skriv id:t.*{twin.id}"
    with pytest.raises(okr.OkrWorkshopError, match=twice):
        facilitator.set_overrides(path, "Svarstid under 2 dagar = 0,5 : halvvägs")


def test_parse_keeps_where_each_entry_was_written():
    entries = parse("a = 0,5 : x\n\nb = 50 % : y", "en")
    assert [(e.where, e.key, e.grade, e.reason) for e in entries] == [
        ("overrides, line 1", "a", 0.5, "x"), ("overrides, line 3", "b", 0.5, "y")]  # fmt: skip
