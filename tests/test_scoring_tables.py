"""Roll-ups, overrides, profiles, the pandas tables and bad input around scoring."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import okr_workshop as okr
from okr_workshop.errors import NotFoundError, ValidationError
from okr_workshop.i18n.labels import LABELS, label
from okr_workshop.scoring import grades as scoring
from okr_workshop.scoring.pace import STATUSES
from okr_workshop.scoring.profiles import PROFILES, band

D = dt.date
MID = D(2027, 2, 14)
ON = D(2027, 2, 10)


def workshop(period="2027-Q1"):
    return okr.Workshop.new("Exempel AB", period=period)


def graded_kr(obj, grade, weight=1.0, on=ON):
    """A 0→100 increase key result whose latest check-in gives ``grade``."""
    kr = obj.add_key_result(f"KR {grade}", kind="increase", baseline=0, target=100, weight=weight)
    kr.add_check_in(value=grade * 100, confidence=6, on=on)
    return kr


# --------------------------------------------------------------------------- profiles


@pytest.mark.parametrize(
    "profile,grade,expected",
    [
        ("google", 0.0, "red"), ("google", 0.39, "red"), ("google", 0.4, "yellow"), ("google", 0.69, "yellow"),
        ("google", 0.7, "green"), ("google", 1.0, "green"),
        ("percent", 0.69, "red"), ("percent", 0.7, "yellow"), ("percent", 0.99, "yellow"), ("percent", 1.0, "green"),
        ("zones", 0.29, "fail"), ("zones", 0.3, "commit"), ("zones", 0.69, "commit"), ("zones", 0.7, "target"),
        ("zones", 0.99, "target"), ("zones", 1.0, "stretch"),
        ("google", None, None),
    ],
)  # fmt: skip
def test_band_truth_table(profile, grade, expected):
    assert band(grade, profile) == expected


def test_unknown_profile_is_named():
    with pytest.raises(ValidationError, match="profile.*'okr2000'"):
        band(0.5, "okr2000")


def test_google_sweet_spot_and_percent_format():
    google, percent = PROFILES["google"], PROFILES["percent"]
    assert [google.in_sweet_spot(g) for g in (0.59, 0.6, 0.65, 0.7, 0.71)] == [False, True, True, True, False]
    assert percent.format(0.654) == "65 %" and google.format(0.654) == "0.65" and google.format(None) == "–"


def test_every_key_has_both_labels():
    keys = set(STATUSES) | {b for p in PROFILES.values() for _, b in p.bands} | set(PROFILES)
    for key in keys:
        assert LABELS[key]["sv"] and LABELS[key]["en"], key
    assert label("at_risk", "sv") == "Risk" and label("at_risk", "en") == "At risk"


# --------------------------------------------------------------------------- roll-ups and overrides


def test_objective_grade_is_the_weighted_mean_of_its_key_results():
    ws = workshop()
    obj = ws.add_team("Sälj").add_objective("O", type="aspirational")
    graded_kr(obj, 1.0, weight=3)
    graded_kr(obj, 0.2, weight=1)
    graded_kr(obj, 0.0, weight=0)  # weight 0: left out
    row = scoring.objective_summary(ws, as_of=MID).iloc[0]
    assert row["grade"] == 0.8  # (3 × 1.0 + 1 × 0.2) / 4
    assert row["band"] == "green" and row["key_results"] == 3


def test_not_measurable_is_left_out_but_silence_counts_as_zero():
    ws = workshop()
    obj = ws.add_team("Sälj").add_objective("O")
    graded_kr(obj, 0.6)
    obj.add_key_result("no baseline", kind="increase", target=10).add_check_in(value=5, on=D(2027, 2, 1))
    row = scoring.objective_summary(ws, as_of=MID).iloc[0]
    assert row["grade"] == 0.6 and row["graded"] == 1
    obj.add_key_result("never checked in", kind="increase", baseline=0, target=10)
    row = scoring.objective_summary(ws, as_of=MID).iloc[0]
    assert row["grade"] == 0.3  # (0.6 + 0.0) / 2
    assert row["status"] == "outdated"  # the silent key result dominates on_track


def test_team_and_workshop_roll_up():
    ws = workshop()
    sales = ws.add_team("Sälj")
    graded_kr(sales.add_objective("A", weight=1), 0.8)
    graded_kr(sales.add_objective("B", weight=3), 0.2)
    graded_kr(ws.add_team("Produkt").add_objective("C"), 0.5)
    ws.add_team("Tom")  # no objectives: no grade, not counted
    teams = scoring.team_summary(ws, as_of=MID).set_index("team")
    assert teams.loc["Sälj", "grade"] == 0.35  # (0.8 + 3 × 0.2) / 4
    assert teams.loc["Produkt", "grade"] == 0.5
    assert pd.isna(teams.loc["Tom", "grade"])
    assert scoring.workshop_grade(ws, as_of=MID) == 0.43  # (0.35 + 0.5) / 2 = 0.425, halves round up


def test_override_keeps_the_computed_grade():
    ws = workshop()
    obj = ws.add_team("Sälj").add_objective("O")
    kr = graded_kr(obj, 0.6)
    graded_kr(obj, 0.2)
    kr.override(0.8, "Mätningen byttes mitt i kvartalet")
    s = scoring.kr_score(kr, as_of=MID)
    assert (s.grade, s.computed_grade, s.overridden, s.band) == (0.8, 0.6, True, "green")
    assert s.override_reason == "Mätningen byttes mitt i kvartalet"
    frame = scoring.score(ws, as_of=MID).set_index("key_result")
    assert frame.loc["KR 0.6", "grade"] == 0.8 and frame.loc["KR 0.6", "computed_grade"] == 0.6
    assert scoring.objective_summary(ws, as_of=MID).iloc[0]["grade"] == 0.5  # (0.8 + 0.2) / 2
    with pytest.raises(ValidationError, match="reason"):
        kr.override(0.9, "")
    assert scoring.kr_score(kr, as_of=MID).grade == 0.8  # the failed override changed nothing


def test_committed_miss_asks_for_a_comment_at_the_end():
    ws = workshop()
    obj = ws.add_team("Drift").add_objective("Stabil drift", type="committed")
    graded_kr(obj, 0.9, on=D(2027, 3, 30))
    during = scoring.objective_summary(ws, as_of=MID).iloc[0]
    after = scoring.objective_summary(ws, as_of=D(2027, 4, 2)).iloc[0]
    assert during["expected_grade"] == 1.0
    assert not during["needs_comment"] and after["needs_comment"]
    assert scoring.team_summary(ws, as_of=D(2027, 4, 2)).iloc[0]["needs_comment"] == 1


def test_a_run_of_ones_hints_at_sandbagging():
    ws = workshop()
    team = ws.add_team("Marknad")
    for title in ("A", "B"):
        obj = team.add_objective(title, type="aspirational")
        graded_kr(obj, 1.0)
        graded_kr(obj, 1.0)
    objectives = scoring.objective_summary(ws, as_of=MID)
    assert objectives["sandbagging_hint"].all() and objectives["expected_grade"].eq(0.7).all()
    assert scoring.team_summary(ws, as_of=MID).iloc[0]["sandbagging_hint"]
    graded_kr(team.objectives[0], 0.7)
    assert list(scoring.objective_summary(ws, as_of=MID)["sandbagging_hint"]) == [False, True]
    assert not scoring.team_summary(ws, as_of=MID).iloc[0]["sandbagging_hint"]


# --------------------------------------------------------------------------- tables


REQUIRED = ["team", "objective", "key_result", "kind", "baseline", "target", "current", "progress", "grade", "band",
            "confidence", "status", "team_id", "objective_id", "key_result_id", "unit", "expected", "forecast",
            "computed_grade", "override_reason", "objective_type"]  # fmt: skip


def test_score_frame_has_one_row_per_key_result():
    ws = workshop()
    obj = ws.add_team("Marknad").add_objective("Synlig", type="aspirational")
    leads = obj.add_key_result("200 leads", kind="increase", baseline=0, target=200, unit="st")
    leads.add_check_in(value=120, confidence=6, on=D(2027, 2, 10))
    obj.add_key_result("Webb klar", kind="milestone")
    frame = okr.score(ws, as_of=MID)
    assert set(REQUIRED) <= set(frame.columns)
    assert len(frame) == 2
    first = frame.iloc[0]
    assert (first["current"], first["progress"], first["grade"], first["band"]) == (120, 0.6, 0.6, "yellow")
    assert (first["status"], first["unit"], first["objective_type"], first["confidence"]) == ("on_track", "st",
                                                                                              "aspirational", 6)  # fmt: skip
    assert frame.iloc[1]["status"] == "outdated"
    assert frame.attrs["as_of"] == MID and frame.attrs["profile"] == "google"
    assert set(frame["status"]) <= set(STATUSES)


def test_score_uses_the_workshop_profile_unless_told():
    ws = okr.Workshop.new("Exempel AB", period="2027-Q1", profile="zones")
    graded_kr(ws.add_team("T").add_objective("O"), 0.65)
    assert okr.score(ws, as_of=MID).iloc[0]["band"] == "commit"
    assert scoring.score(ws, as_of=MID, profile="google").iloc[0]["band"] == "yellow"


def test_empty_workshop_gives_empty_tables_with_columns():
    ws = workshop()
    assert set(REQUIRED) <= set(okr.score(ws, as_of=MID).columns)
    assert scoring.check_in_table(ws).empty and scoring.objective_summary(ws).empty
    assert scoring.workshop_grade(ws) is None


def test_check_in_table_is_long_and_by_date():
    ws = workshop()
    obj = ws.add_team("T").add_objective("O")
    a = obj.add_key_result("A", kind="increase", baseline=0, target=10)
    b = obj.add_key_result("B", kind="at_most", target=3)
    a.add_check_in(value=8, on=D(2027, 2, 1))
    a.add_check_in(value=4, on=D(2027, 1, 15))
    b.add_check_in(value=5, confidence=3, on=D(2027, 1, 20))
    table = scoring.check_in_table(ws, as_of=MID)
    assert len(table) == 3
    assert list(table["key_result"]) == ["A", "A", "B"]
    assert list(table["value"]) == [4, 8, 5] and list(table["progress"]) == [0.4, 0.8, 0.0]
    assert table["counted"].all()


def test_what_if_scores_the_same_check_ins_under_each_profile():
    ws = workshop()
    graded_kr(ws.add_team("T").add_objective("O"), 0.65)
    row = scoring.what_if(ws, as_of=MID).iloc[0]
    assert row["grade"] == 0.65
    assert (row["google"], row["google_band"]) == ("0.65", "yellow")
    assert (row["percent"], row["percent_band"]) == ("65 %", "red")
    assert (row["zones"], row["zones_band"]) == ("0.65", "commit")


def test_scores_a_workshop_read_back_from_the_file(tmp_path):
    ws = workshop()
    kr = ws.add_team("T").add_objective("O").add_key_result("A", kind="increase", baseline=0, target=100)
    path = okr.save(ws, tmp_path / "w.okr")
    with okr.open_store(path) as store:
        first = store.add_check_in(kr.id, value=40, confidence=6, on=D(2027, 2, 1))
        later = store.add_check_in(kr.id, value=90, confidence=8, on=D(2027, 2, 10))
        store.edit_check_in(first.id, value=45)
        store.delete_check_in(later.id)
    frame = okr.score(okr.load(path), as_of=MID)
    assert frame.iloc[0]["current"] == 45 and frame.iloc[0]["grade"] == 0.45


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "fields,where",
    [
        ({"value": "tio"}, "check-in value.*'tio'"),
        ({"value": None}, "check-in value"),
        ({"value": float("nan")}, "check-in value"),
        ({"value": 5, "confidence": 11}, "confidence.*1 to 10"),
        ({"value": 5, "confidence": 0}, "confidence.*1 to 10"),
        ({"value": 5, "confidence": 6.5}, "confidence"),
        ({"value": 5, "on": D(1899, 12, 31)}, "check-in date.*check the year"),
        ({"value": 5, "on": "20277-01-01"}, "check-in date"),
    ],
)
def test_bad_check_in_is_refused_and_nothing_stored(fields, where):
    ws = workshop()
    kr = ws.add_team("T").add_objective("O").add_key_result("A", kind="increase", baseline=0, target=10)
    kr.add_check_in(value=3, on=D(2027, 1, 10))
    before = scoring.kr_score(kr, as_of=MID)
    fields.setdefault("on", D(2027, 2, 1))
    with pytest.raises(ValidationError, match=where):
        kr.add_check_in(**fields)
    assert len(kr.check_ins) == 1 and scoring.kr_score(kr, as_of=MID) == before


def test_check_in_for_a_missing_key_result_is_named(tmp_path):
    ws = workshop()
    ws.add_team("T").add_objective("O").add_key_result("A", kind="increase", baseline=0, target=10)
    with pytest.raises(NotFoundError, match="'saknas'"):
        ws.key_result("saknas")
    path = okr.save(ws, tmp_path / "w.okr")
    with okr.open_store(path) as store:
        revision = store.revision()
        with pytest.raises(NotFoundError, match="'saknas'.*nothing was stored"):
            store.add_check_in("saknas", value=5, confidence=5, on=D(2027, 2, 1))
        assert store.revision() == revision
    assert okr.score(okr.load(path), as_of=MID).iloc[0]["check_ins"] == 0


@pytest.mark.parametrize("as_of", ["2027-13-01", "igår", D(1900, 1, 1), 42])
def test_bad_as_of_is_named(as_of):
    with pytest.raises(ValidationError, match="as_of"):
        okr.score(workshop(), as_of=as_of)


# --------------------------------------------------------------------------- properties and import cost


@given(
    baseline=st.floats(-1e6, 1e6),
    target=st.floats(-1e6, 1e6),
    value=st.floats(-1e7, 1e7),
    kind=st.sampled_from(["increase", "decrease", "at_least", "at_most", "milestone"]),
)
def test_grade_is_always_a_clamped_two_decimal_number(baseline, target, value, kind):
    ws = workshop()
    kr = ws.add_team("T").add_objective("O").add_key_result("A", kind=kind, baseline=baseline, target=target)
    kr.add_check_in(value=value, on=D(2027, 2, 1))
    s = scoring.kr_score(kr, as_of=MID)
    assert s.progress is not None
    assert 0.0 <= s.grade <= 1.0 and s.grade == round(s.grade, 2)
    assert s.band in {"red", "yellow", "green"} and s.status in STATUSES


def test_kr_score_does_not_import_pandas():
    code = (
        "import sys, datetime as d, okr_workshop as okr\n"
        "from okr_workshop.scoring import kr_score\n"
        "ws = okr.Workshop.new('X', period='2027-Q1')\n"
        "kr = ws.add_team('T').add_objective('O').add_key_result('A', kind='increase', baseline=0, target=10)\n"
        "kr.add_check_in(value=5, on=d.date(2027, 2, 1))\n"
        "assert kr_score(kr, as_of=d.date(2027, 2, 14)).grade == 0.5\n"
        "print('pandas' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("name", ["exempel-ab", "acme"])
def test_samples_score_consistently(name):
    ws = okr.samples.load(name)
    frame = okr.score(ws)
    assert len(frame) == len(ws.key_results)
    assert set(frame["status"]) <= set(STATUSES)
    graded = frame[frame["grade"].notna()]
    assert graded["grade"].between(0, 1).all()
    assert [band(g, ws.profile) for g in graded["grade"]] == list(graded["band"])
    silent = frame[frame["days_since"].isna() | (frame["days_since"] > 14)]
    assert not silent["status"].isin(["on_track", "at_risk", "off_track"]).any()  # silence is never a pace status
    assert len(scoring.check_in_table(ws)) == sum(len(kr.check_ins) for kr in ws.key_results)


# --------------------------------------------------------------------------- roll-up pace


END = D(2027, 3, 31)


@pytest.mark.parametrize(
    "grades,type_,as_of,pace_,status",
    [
        # one lagging key result makes the status off track, but the objective as a whole is on pace
        ([1.0, 1.0, 0.1], "aspirational", END, "on_track", "off_track"),
        # committed: 0.7 at the end is 0.3 short of the 1.0 expected
        ([0.7, 0.7, 0.7], "committed", END, "off_track", "off_track"),
        ([0.85, 0.85, 0.85], "committed", END, "at_risk", "at_risk"),
        # mid-period (46 of 90 days): 0.3 against 0.51 × 0.7 = 0.36 expected is on pace
        ([0.3, 0.3, 0.3], "aspirational", MID, "on_track", "on_track"),
    ],
)
def test_objective_pace_is_the_whole_against_the_expected(grades, type_, as_of, pace_, status):
    ws = workshop()
    obj = ws.add_team("Sälj").add_objective("O", type=type_)
    for g in grades:
        graded_kr(obj, g, on=as_of - dt.timedelta(days=1))
    row = scoring.objective_summary(ws, as_of=as_of).iloc[0]
    assert (row["pace"], row["status"]) == (pace_, status)
    assert sum(row["status_counts"].values()) == len(grades)


def test_pace_is_outdated_when_half_the_parts_are_silent():
    ws = workshop()
    obj = ws.add_team("Kundtjänst").add_objective("O", type="aspirational")
    graded_kr(obj, 0.9, on=D(2027, 3, 25))
    graded_kr(obj, 0.9, on=D(2027, 1, 10))  # silent for more than two weeks by the end
    team = scoring.team_summary(ws, as_of=END).iloc[0]
    assert team["pace"] == "outdated"
    assert team["status_counts"] == {"outdated": 1, "on_track": 1}


def test_team_pace_and_counts_roll_up_from_key_results():
    ws = okr.samples.load("exempel-ab")
    teams = scoring.team_summary(ws, as_of=ws.period.end).set_index("team")
    for team in ws.teams:
        assert sum(teams.loc[team.name, "status_counts"].values()) == len(team.key_results)
    assert teams.loc["Kundtjänst", "pace"] == "outdated"  # the team went silent in August
    assert teams.loc["Marknad", "pace"] == "on_track" and teams.loc["Marknad", "status"] == "off_track"


def test_tables_are_the_three_summaries_of_one_day():
    ws = okr.samples.load("exempel-ab")
    frames = scoring.tables(ws, as_of=D(2026, 8, 15))
    assert frames.day == D(2026, 8, 15)
    pd.testing.assert_frame_equal(frames.scores, scoring.score(ws, as_of=frames.day))
    pd.testing.assert_frame_equal(frames.teams, scoring.team_summary(ws, as_of=frames.day))
    assert len(frames.objectives) == len(ws.objectives)
