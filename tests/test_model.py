"""Model validation, periods, alignment helpers and the versioned JSON round trip."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import okr_workshop as okr
from okr_workshop.errors import NotFoundError, ValidationError
from okr_workshop.model.entities import Kind, ObjectiveType, Period


@pytest.mark.parametrize(
    "label,start,end",
    [
        ("2027-Q1", dt.date(2027, 1, 1), dt.date(2027, 3, 31)),
        ("2027-q4", dt.date(2027, 10, 1), dt.date(2027, 12, 31)),
        ("2028-Q1", dt.date(2028, 1, 1), dt.date(2028, 3, 31)),
        ("2027-H2", dt.date(2027, 7, 1), dt.date(2027, 12, 31)),
        ("2027", dt.date(2027, 1, 1), dt.date(2027, 12, 31)),
        ("2028-02", dt.date(2028, 2, 1), dt.date(2028, 2, 29)),
        ("2027-01-15..2027-04-14", dt.date(2027, 1, 15), dt.date(2027, 4, 14)),
    ],
)
def test_period_parse(label, start, end):
    period = Period.parse(label)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("label", ["Q1", "2027-Q5", "2027-13", "2027-04-01..2027-01-01", "nästa kvartal", "", 2027])
def test_period_parse_refuses(label):
    with pytest.raises(ValidationError, match="period"):
        Period.parse(label)


def test_period_elapsed():
    period = Period.parse("2027-Q1")  # 90 days
    assert period.elapsed(dt.date(2026, 12, 1)) == 0
    assert period.elapsed(dt.date(2027, 1, 1)) == pytest.approx(1 / 90)
    assert period.elapsed(dt.date(2027, 3, 31)) == 1
    assert period.elapsed(dt.date(2027, 6, 1)) == 1


def test_design_example_builds():
    ws = okr.Workshop.new("Exempel AB", period="2027-Q1", lang="sv")
    team = ws.add_team("Marknad")
    obj = team.add_objective("Kraftigt ökad synlighet på tyska marknaden", type="aspirational")
    kr = obj.add_key_result("200 leads från mässor i Tyskland", kind="increase", baseline=0, target=200, unit="st")
    kr.add_check_in(value=120, confidence=6, on=dt.date(2027, 2, 15))
    assert obj.type is ObjectiveType.ASPIRATIONAL
    assert kr.kind is Kind.INCREASE
    assert kr.due == dt.date(2027, 3, 31), "due defaults to the period end"
    assert kr.team is team and obj.workshop is ws
    assert ws.key_result(kr.id) is kr


@pytest.mark.parametrize(
    "fields,where",
    [
        ({"kind": "grow"}, "key result kind"),
        ({"baseline": "tio"}, "key result baseline"),
        ({"target": float("nan")}, "key result target"),
        ({"target": True}, "key result target"),
        ({"confidence": 11}, "key result confidence"),
        ({"confidence": 0}, "key result confidence"),
        ({"confidence": 5.5}, "key result confidence"),
        ({"due": "31/3/2027"}, "key result due"),
        ({"due": dt.date(1900, 1, 1)}, "key result due"),
        ({"weight": -1}, "key result weight"),
        ({"grade_override": 1.5}, "key result grade_override"),
        ({"indicator": "sideways"}, "key result indicator"),
        ({"text": 42}, "key result text"),
        ({"text": "x" * 10_001}, "key result text"),
        ({"id": "has space"}, "key result id"),
    ],
)
def test_key_result_validation_names_the_field(fields, where):
    with pytest.raises(ValidationError) as info:
        okr.KeyResult(**fields)
    assert info.value.where == where
    assert str(info.value).startswith(where)


def test_numbers_accept_swedish_decimal_comma():
    kr = okr.KeyResult(text="x", baseline="1,5", target=" 2 000 ")
    assert (kr.baseline, kr.target) == (1.5, 2000.0)


@pytest.mark.parametrize(
    "fields,where",
    [
        ({"value": "mycket"}, "check-in value"),
        ({"value": None}, "check-in value"),
        ({"value": 1, "confidence": 12}, "check-in confidence"),
        ({"value": 1, "on": "2027-02-30"}, "check-in date"),
        ({"value": 1, "on": dt.date(2207, 1, 1)}, "check-in date"),
    ],
)
def test_check_in_validation(fields, where):
    fields.setdefault("on", dt.date(2027, 1, 5))
    with pytest.raises(ValidationError) as info:
        okr.CheckIn(**fields)
    assert info.value.where == where


def test_workshop_validation():
    with pytest.raises(ValidationError, match="lang"):
        okr.Workshop.new("X", period="2027-Q1", lang="de")
    with pytest.raises(ValidationError, match="organisation"):
        okr.Workshop.new("  ", period="2027-Q1")
    with pytest.raises(ValidationError, match="profile"):
        okr.Workshop.new("X", period="2027-Q1", profile="okr")
    ws = okr.Workshop.new("X", period="2027-Q1")
    ws.add_team("Sälj")
    with pytest.raises(ValidationError, match="already exists"):
        ws.add_team("sälj")
    with pytest.raises(NotFoundError, match="Sälj"):
        ws.team("Ekonomi")


def test_alignment_helpers(workshop):
    team = workshop.team("Marknad")
    obj = team.objectives[0]
    assert team.parent is workshop.team("Ledningsgruppen")
    assert obj.parent is workshop.team("Ledningsgruppen").objectives[0]
    assert workshop.has_parent_okrs


def test_reorder_and_remove(workshop):
    obj = workshop.team("Marknad").objectives[0]
    first, second, third = obj.key_results
    obj.move_key_result(third, 0)
    assert obj.key_results == [third, first, second]
    obj.remove_key_result(first.id)
    assert obj.key_results == [third, second] and first.objective is None


def test_override_requires_reason(workshop):
    kr = workshop.key_results[0]
    with pytest.raises(ValidationError, match="why"):
        kr.override(0.5, "")
    kr.override(0.5, "Mässan ställdes in")
    assert (kr.grade_override, kr.override_reason) == (0.5, "Mässan ställdes in")


def test_json_round_trip_is_lossless(workshop):
    kr = workshop.key_results[1]
    kr.add_check_in(value=4, confidence=6, on="2027-02-01", comment="bättre", author="Cia")
    kr.indicator = okr.Indicator.LAGGING
    data = workshop.to_dict()
    assert data["format"] == "okr-workshop" and data["version"] == 1
    again = okr.Workshop.from_json(workshop.to_json())
    assert again.to_dict() == data
    assert json.loads(again.to_json()) == json.loads(workshop.to_json())


@pytest.mark.parametrize(
    "mutate,match",
    [
        (lambda d: d.update(format="other"), "not an okr-workshop JSON"),
        (lambda d: d.update(version=99), "newer"),
        (lambda d: d["teams"][1]["objectives"][0]["key_results"][0].update(kind="up"), r"teams\[1\].*kind"),
        (lambda d: d["teams"][0].update(colour="red"), "unknown field"),
        (lambda d: d.update(teams="none"), "expected a list"),
    ],
)
def test_json_errors_name_the_place(workshop, mutate, match):
    data = workshop.to_dict()
    mutate(data)
    with pytest.raises(ValidationError, match=match):
        okr.Workshop.from_dict(data)


def test_from_json_refuses_broken_json():
    with pytest.raises(ValidationError, match="line 1"):
        okr.Workshop.from_json("{nope")
