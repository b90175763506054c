"""Scoring truth tables: every number below is computed by hand in the comment beside it.

Period 2027-Q1 runs 2027-01-01..2027-03-31 (90 days); on 2027-02-14 45 days
have passed, so the expected share is exactly 0.5.
"""

from __future__ import annotations

import datetime as dt

import pytest

import okr_workshop as okr
from okr_workshop.errors import ValidationError
from okr_workshop.scoring import grades as scoring
from okr_workshop.scoring.grades import kr_score, progress

D = dt.date
MID = D(2027, 2, 14)  # expected 0.5


def one_kr(kind="increase", baseline=0, target=200, checks=(), otype="aspirational", **fields):
    """A workshop with one team, one objective and one key result; checks are (date, value, confidence)."""
    ws = okr.Workshop.new("Exempel AB", period="2027-Q1")
    obj = ws.add_team("Marknad").add_objective("Synlig i Tyskland", type=otype)
    kr = obj.add_key_result("KR", kind=kind, baseline=baseline, target=target, **fields)
    for on, value, conf in checks:
        kr.add_check_in(value=value, confidence=conf, on=on)
    return ws, kr


# --------------------------------------------------------------------------- progress per kind

PROGRESS = [
    # kind, baseline, target, current, raw progress, grade
    ("increase", 0, 200, 120, 0.6, 0.6),  # 120/200
    ("increase", 0, 200, 250, 1.25, 1.0),  # beyond target: raw kept, grade clamped
    ("increase", 0, 200, -50, -0.25, 0.0),  # below baseline
    ("increase", 0, 3, 1, 1 / 3, 0.33),  # rounded to two decimals
    ("increase", 0, 3, 2, 2 / 3, 0.67),
    ("increase", -10, 10, 0, 0.5, 0.5),  # negative baseline: 10/20
    ("increase", 100, 100, 100, 1.0, 1.0),  # baseline == target, met
    ("increase", 100, 100, 99, 0.0, 0.0),  # baseline == target, missed
    ("increase", None, 200, 120, None, None),  # no baseline: not measurable
    ("increase", 0, None, 120, None, None),  # no target: not measurable
    ("decrease", 50, 20, 35, 0.5, 0.5),  # (50-35)/(50-20)
    ("decrease", 50, 20, 10, 4 / 3, 1.0),  # better than target
    ("decrease", 50, 20, 60, -1 / 3, 0.0),  # worse than baseline
    ("decrease", 5, -5, -10, 1.5, 1.0),  # negative values: (5+10)/(5+5)
    ("decrease", 20, 20, 20, 1.0, 1.0),  # baseline == target, met
    ("decrease", 20, 20, 21, 0.0, 0.0),  # baseline == target, missed
    ("at_least", None, 95, 96, 1.0, 1.0),
    ("at_least", None, 95, 95, 1.0, 1.0),  # on the threshold counts as met
    ("at_least", None, 95, 94.9, 0.0, 0.0),
    ("at_least", None, None, 94.9, None, None),
    ("at_most", None, 3, 3, 1.0, 1.0),
    ("at_most", None, 3, 2, 1.0, 1.0),
    ("at_most", None, 3, 4, 0.0, 0.0),
    ("at_most", None, -2, -1, 0.0, 0.0),  # negative threshold: -1 > -2 is missed
    ("milestone", None, None, 1, 1.0, 1.0),  # done
    ("milestone", None, None, 0, 0.0, 0.0),  # not done
    ("milestone", None, 3, 2, 0.0, 0.0),  # 2 of 3 steps: not done
    ("milestone", None, 3, 3, 1.0, 1.0),
]


@pytest.mark.parametrize("kind,baseline,target,current,raw,grade", PROGRESS)
def test_progress_truth_table(kind, baseline, target, current, raw, grade):
    ws, kr = one_kr(kind, baseline, target, [(D(2027, 2, 10), current, 6)])
    s = kr_score(kr, as_of=MID)
    assert s.current == current
    if raw is None:
        assert s.progress is None and s.grade is None and s.band is None
        assert s.status == "not_measurable"
    else:
        assert s.progress == pytest.approx(raw)
        assert s.grade == grade == s.computed_grade
    assert progress(kind, baseline, target, current) == (None if raw is None else pytest.approx(raw))


def test_no_check_ins_yet():
    ws, kr = one_kr()
    early = kr_score(kr, as_of=D(2027, 1, 10))  # 9 days into the period: not started
    assert (early.current, early.progress, early.grade, early.status) == (None, None, 0.0, "not_started")
    assert early.last_check_in is None and early.days_since is None and early.check_ins == 0
    late = kr_score(kr, as_of=MID)  # 44 days of silence: never green
    assert late.status == "outdated" and late.band == "red"


def test_latest_check_in_is_by_date_not_entry_order():
    ws, kr = one_kr(checks=[(D(2027, 2, 10), 150, 7), (D(2027, 1, 15), 50, 4)])
    s = kr_score(kr, as_of=MID)
    assert s.current == 150 and s.grade == 0.75 and s.confidence == 7
    assert s.confidence_trend == "up"  # 4 on 15 Jan, then 7 on 10 Feb
    assert s.last_check_in == D(2027, 2, 10) and s.days_since == 4


def test_same_day_check_ins_the_last_entered_wins():
    ws, kr = one_kr(checks=[(D(2027, 2, 10), 100, 6), (D(2027, 2, 10), 90, 5)])
    assert kr_score(kr, as_of=MID).current == 90


def test_check_ins_after_as_of_are_ignored():
    ws, kr = one_kr(checks=[(D(2027, 2, 1), 80, 5), (D(2027, 2, 20), 200, 9)])
    s = kr_score(kr, as_of=MID)
    assert (s.current, s.grade, s.confidence, s.check_ins) == (80, 0.4, 5, 1)
    assert kr_score(kr, as_of=D(2027, 2, 20)).current == 200


def test_check_in_after_the_period_is_ignored_for_the_grade():
    ws, kr = one_kr(checks=[(D(2027, 3, 25), 150, 6), (D(2027, 4, 5), 200, 9)])
    s = kr_score(kr, as_of=D(2027, 4, 10))
    assert s.current == 150 and s.grade == 0.75 and s.elapsed == 1.0
    table = scoring.check_in_table(ws, as_of=D(2027, 4, 10))
    assert list(table["counted"]) == [True, False]
    assert list(table["value"]) == [150, 200]


def test_as_of_none_is_today_clamped_to_the_period():
    past = okr.Period.parse("2020-Q1")
    future = okr.Period.parse("2099-Q4")
    assert scoring.resolve_as_of(past) == D(2020, 3, 31)
    assert scoring.resolve_as_of(future) == D(2099, 10, 1)
    assert scoring.resolve_as_of(past, "2020-02-01") == D(2020, 2, 1)


def test_finished_period_scores_at_its_end_by_default():
    ws = okr.Workshop.new("Gamla AB", period="2020-Q1")
    kr = ws.add_team("Sälj").add_objective("O").add_key_result("KR", kind="increase", baseline=0, target=10)
    kr.add_check_in(value=7, confidence=5, on=D(2020, 3, 30))
    s = kr_score(kr)
    assert s.elapsed == 1.0 and s.grade == 0.7 and s.days_since == 1
    assert s.expected == 0.7 and s.status == "on_track"  # an aspirational 0.7 at the end is what was asked
    assert not s.warning  # the period is over: the grade tells, no forecast warning


# --------------------------------------------------------------------------- pace and status


@pytest.mark.parametrize(
    "value,confidence,status",
    [
        (45, 6, "on_track"),  # progress 0.45, expected 0.5: gap 0.05 ≤ 0.10
        (40, 6, "on_track"),  # gap 0.10 exactly: still on track
        (35, 6, "at_risk"),  # gap 0.15
        (25, 6, "at_risk"),  # gap 0.25 exactly
        (20, 6, "off_track"),  # gap 0.30
        (60, 4, "at_risk"),  # ahead of pace but confidence 4
        (60, 2, "off_track"),  # confidence 2
        (60, None, "on_track"),  # no confidence: pace alone
        (35, 2, "off_track"),  # worst of at_risk (pace) and off_track (confidence)
        (100, 1, "done"),  # reached is done whatever the confidence
    ],
)
def test_status_from_pace_and_confidence(value, confidence, status):
    # committed: expected progress = elapsed 0.5 × goal 1.0
    ws, kr = one_kr(baseline=0, target=100, checks=[(D(2027, 2, 10), value, confidence)], otype="committed")
    s = kr_score(kr, as_of=MID)
    assert (s.elapsed, s.expected) == (0.5, 0.5)
    assert s.status == status


@pytest.mark.parametrize(
    "value,status",
    [
        (25, "on_track"),  # expected 0.5 × 0.7 = 0.35; gap 0.10
        (20, "at_risk"),  # gap 0.15
        (9, "off_track"),  # gap 0.26
    ],
)
def test_aspirational_pace_aims_at_seven_tenths(value, status):
    ws, kr = one_kr(baseline=0, target=100, checks=[(D(2027, 2, 10), value, 6)], otype="aspirational")
    s = kr_score(kr, as_of=MID)
    assert s.expected == 0.35 and s.status == status
    assert kr_score(kr, as_of=MID, profile="percent").expected == 0.5  # 100 % = done: aims at 1.0


def test_threshold_met_at_the_end_is_done():
    ws, kr = one_kr("at_most", None, 3, checks=[(D(2027, 3, 30), 2, 7)])
    assert kr_score(kr, as_of=D(2027, 3, 30)).status == "on_track"
    assert kr_score(kr, as_of=D(2027, 3, 31)).status == "done"


def test_outdated_after_the_window_and_configurable():
    ws, kr = one_kr(baseline=0, target=100, checks=[(D(2027, 1, 31), 50, 6)])
    assert kr_score(kr, as_of=MID).status == "on_track"  # 14 days: not yet outdated
    assert kr_score(kr, as_of=D(2027, 2, 15)).status == "outdated"  # 15 days
    ws.settings["outdated_days"] = 30
    assert kr_score(kr, as_of=D(2027, 2, 15)).status == "on_track"
    assert kr_score(kr, as_of=D(2027, 2, 15), outdated_days=7).status == "outdated"
    ws.settings["outdated_days"] = 0
    with pytest.raises(ValidationError, match="outdated_days"):
        kr_score(kr, as_of=MID)
    ws.settings["outdated_days"] = "två veckor"
    with pytest.raises(ValidationError, match="outdated_days"):
        kr_score(kr, as_of=MID)


@pytest.mark.parametrize(
    "as_of,met,status",
    [
        (D(2027, 1, 27), False, "on_track"),  # 27/90 = 0.3 elapsed: too early to worry
        (MID, False, "at_risk"),  # half the period gone, threshold still missed
        (D(2027, 3, 25), False, "off_track"),  # 84/90 = 0.93
        (D(2027, 3, 25), True, "on_track"),
    ],
)
def test_threshold_status(as_of, met, status):
    value = 96 if met else 90
    ws, kr = one_kr("at_least", None, 95, checks=[(as_of - dt.timedelta(days=1), value, None)])
    assert kr_score(kr, as_of=as_of).status == status


def test_milestone_done_and_not_done():
    ws, kr = one_kr("milestone", None, None, checks=[(D(2027, 2, 1), 0, 6)])
    s = kr_score(kr, as_of=D(2027, 2, 5))
    assert (s.grade, s.status, s.forecast) == (0.0, "on_track", None)
    kr.add_check_in(value=1, confidence=10, on=D(2027, 2, 12))
    s = kr_score(kr, as_of=MID)
    assert (s.grade, s.band, s.status) == (1.0, "green", "done")


@pytest.mark.parametrize(
    "confidences,trend",
    [((5, 7), "up"), ((7, 4), "down"), ((6, 6), "flat"), ((6,), None), ((None, 6), None), ((3, None, 8), "up")],
)
def test_confidence_trend(confidences, trend):
    checks = [(D(2027, 1, 10 + 7 * i), 10 * i, c) for i, c in enumerate(confidences)]
    ws, kr = one_kr(checks=checks)
    assert kr_score(kr, as_of=D(2027, 2, 10)).confidence_trend == trend


def test_confidence_falls_back_to_the_drafting_confidence():
    ws, kr = one_kr(checks=[(D(2027, 2, 10), 10, None)], confidence=5)
    assert kr_score(kr, as_of=MID).confidence == 5


def test_forecast_is_a_linear_fit():
    # 10 a day for 20 days from 10 on 11 Jan: 30 on 31 Jan; 59 more days to 31 Mar → 89.
    ws, kr = one_kr(baseline=0, target=90, checks=[(D(2027, 1, 11), 10, 6), (D(2027, 1, 21), 20, 6),
                                                  (D(2027, 1, 31), 30, 6)])  # fmt: skip
    s = kr_score(kr, as_of=D(2027, 1, 31))
    assert s.forecast == pytest.approx(89.0)
    assert s.forecast_grade == 0.99  # 89/90
    assert not s.warning


def test_forecast_uses_the_baseline_when_there_is_one_check_in():
    # (1 Jan, 0) and (31 Jan, 60): 2 a day, 89 days from 1 Jan to 31 Mar → 178.
    ws, kr = one_kr(baseline=0, target=200, checks=[(D(2027, 1, 31), 60, 6)])
    assert kr_score(kr, as_of=D(2027, 2, 1)).forecast == pytest.approx(178.0)


def test_forecast_warns_before_the_status_does():
    # A stall: the last three check-ins (30 Jan 45, 9 Feb 48, 14 Feb 50) fit a slope of 23/70 a day;
    # mean day 25/3, mean value 143/3, so on 31 Mar (day 60): 143/3 + 23/70 * (60 - 25/3) = 64.64.
    checks = [(D(2027, 1, 10), 20, 6), (D(2027, 1, 20), 35, 6), (D(2027, 1, 30), 45, 6),
              (D(2027, 2, 9), 48, 6), (D(2027, 2, 14), 50, 6)]  # fmt: skip
    ws, kr = one_kr(baseline=0, target=100, checks=checks)
    s = kr_score(kr, as_of=MID)
    assert s.status == "on_track"  # progress 0.5 = expected 0.5
    assert s.forecast == pytest.approx(143 / 3 + 23 / 70 * (60 - 25 / 3))
    assert s.forecast_grade == 0.65 and s.warning  # below the aspirational 0.7


def test_committed_objective_warns_below_one():
    checks = [(D(2027, 1, 11), 10, 6), (D(2027, 1, 21), 20, 6), (D(2027, 1, 31), 30, 6)]
    ws, kr = one_kr(baseline=0, target=90, checks=checks, otype="committed")
    assert kr_score(kr, as_of=D(2027, 1, 31)).warning  # forecast 0.99 < 1.0


def test_due_date_before_the_period_end_sets_the_pace():
    # due 2027-02-14: 45 days; on 2027-01-23 (23 days) 23/45 of the way is expected.
    ws, kr = one_kr(baseline=0, target=100, checks=[(D(2027, 1, 22), 50, 6)], due=MID)
    s = kr_score(kr, as_of=D(2027, 1, 23))
    assert s.elapsed == round(23 / 45, 4) and s.expected == round(0.7 * 23 / 45, 4)


def test_kr_score_outside_a_workshop_needs_a_period():
    kr = okr.KeyResult(text="KR", kind="increase", baseline=0, target=10)
    kr.add_check_in(value=5, on=D(2027, 2, 1))
    with pytest.raises(ValidationError, match="period="):
        kr_score(kr, as_of=MID)
    assert kr_score(kr, as_of=MID, period="2027-Q1").grade == 0.5


@pytest.mark.parametrize(
    "kind,baseline,target,reason",
    [("increase", None, None, "no_numbers"), ("increase", None, 10, "no_baseline"), ("decrease", 5, None, "no_target"),
     ("at_least", None, None, "no_target"), ("milestone", None, None, None), ("increase", 0, 10, None)],
)  # fmt: skip
def test_a_key_result_without_its_numbers_is_not_measurable_with_the_reason(kind, baseline, target, reason):
    """No numbers and no baseline alike: "not measurable", no grade, left out of the objective (not 0.00 outdated)."""
    import datetime as dt

    import okr_workshop as okr
    from okr_workshop.scoring import missing_numbers

    assert missing_numbers(kind, baseline, target) == reason
    ws = okr.Workshop.new("Testbolaget AB", period="2027-Q1", lang="sv")
    obj = ws.add_team("Sälj").add_objective("Kunder som väljer oss", type="aspirational")
    good = obj.add_key_result("Vunna offerter från 20 % till 40 %", kind="increase", baseline=20, target=40)
    good.add_check_in(value=30, confidence=5, on=dt.date(2027, 2, 1))
    odd = obj.add_key_result("Något vi ska mäta", kind=kind, baseline=baseline, target=target)
    for day in ("2027-01-10", "2027-03-20"):  # before and after the outdated limit of a key result never checked in
        s = okr.scoring.kr_score(odd, as_of=day)
        if reason is None:
            assert s.status != "not_measurable" and s.not_measurable_reason is None
            continue
        assert (s.status, s.grade, s.band, s.not_measurable_reason) == ("not_measurable", None, None, reason)
        summary = okr.scoring.objective_summary(ws, as_of=day)
        assert summary.loc[0, "grade"] == okr.scoring.kr_score(good, as_of=day).grade  # not pulled down
        row = okr.score(ws, as_of=day).iloc[1]
        assert row["status"] == "not_measurable" and row["not_measurable_reason"] == reason


@pytest.mark.parametrize("baseline,target,value,expected", [(98.5, 100, 99.4, 0.6), (2.5, 3.25, 2.95, 0.6),
                                                            (10, 4, 6.4, 0.6), (0.1, 0.4, 0.3, 2 / 3)])  # fmt: skip
def test_progress_has_no_float_noise(baseline, target, value, expected):
    """The raw progress is shown in tables and exports: 0.6, not 0.6000000000000038."""
    kind = "increase" if target > baseline else "decrease"
    got = progress(kind, baseline, target, value)
    assert got == round(expected, 9) and len(repr(got)) <= 11


@pytest.mark.parametrize(
    "points,expected",
    [
        ([(D(2027, 1, 1), 5.0)], None),  # one point: no line
        ([(D(2027, 1, 1), 5.0), (D(2027, 1, 1), 7.0)], None),  # one date twice: no line either
        ([(D(2027, 1, 1), 0.0), (D(2027, 1, 11), 10.0)], 30.0),  # 1 a day, 30 days to 31 Jan
        ([(D(2027, 1, 1), 100.0), (D(2027, 1, 11), 90.0), (D(2027, 1, 11), 80.0)], 55.0),  # a tie: slope -1.5
    ],
)
def test_linear_forecast_truth_table(points, expected):
    from okr_workshop.scoring import pace

    got = pace.linear_forecast(points, D(2027, 1, 31))
    assert got == (None if expected is None else pytest.approx(expected))
