"""The samples' recorded workshop day: replayed into a file made from the sample, consistent with its ids."""

from __future__ import annotations

import sqlite3

import pytest

import okr_workshop as okr
from okr_workshop import samples
from okr_workshop.day import Day, day_findings
from okr_workshop.day.sample import record_sample_day
from okr_workshop.errors import ValidationError
from okr_workshop.report.day import day_record


@pytest.fixture(params=["exempel-ab", "acme"])
def recorded(request, tmp_path):
    name = request.param
    path = tmp_path / f"{name}.okr"
    okr.save(samples.load(name, fresh_ids=True), path)
    record_sample_day(path, name)
    return name, path


def test_the_record_points_at_the_files_own_ids(recorded):
    name, path = recorded
    prefix = samples.day_script(name)["prefix"]
    with Day.read(path) as day:
        ws = day.workshop()
        objectives = {o.id for o in ws.objectives}
        teams = {t.id for t in ws.teams}
        candidates = day.candidates(everything=True)
        chosen = [c for c in candidates if c.objective_id]
        assert {c.objective_id for c in chosen} == objectives  # every objective came from the wall
        assert {c.team_id for c in candidates} == teams
        assert all(r.objective_id in objectives and r.from_team in teams for r in day.reviews())
        assert all(d.from_team in teams and d.to_team in teams for d in day.dependencies())
        assert {m.objective_id for m in day.mid_reviews()} <= objectives and day.mid_reviews()
        for obj in ws.objectives:
            commit = day.commitment(obj.id)
            assert commit["owner"] == obj.owner and commit["type"] == obj.type.value
            assert len(day.spread(obj.id).votes) == 3
            assert day.changes_since_commit(obj.id) == []
            assert any(h["action"] == "from_candidates" for h in day.store.history(obj.id))
        assert day.agenda().current == len(day.agenda().steps)  # the day is over
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT team_id, ref, data FROM day_item").fetchall()
    conn.close()
    assert not any(f"{prefix}-" in str(cell) for row in rows for cell in row)  # no sample id left anywhere


def test_the_day_has_every_step_and_its_findings(recorded):
    name, path = recorded
    with Day.open(path) as day:
        kept = [c for c in day.candidates(everything=True) if c.merged_into is None]
        assert any(len(day.merged(c.id)) == 2 for c in kept)  # a merge keeps both texts
        assert {d.answer.value for d in day.dependencies()} == {"accepted", "declined", "negotiating", "open"}
        assert {r.resolved for r in day.reviews()} == {True, False}
        assert sum(n for _, n in day.tally()) == 3 * 2 * len(day.workshop().teams)  # 3 people × 2 dots
        rules = sorted(f.rule for f in day_findings(day))
    assert rules == ["day-declined-dependency", "day-open-dependency", "day-open-review"]


@pytest.mark.parametrize("name,texts", [
    ("exempel-ab", ["Så kom målen till", "Vi slår igenom i Tyskland", "Halvtidsavstämning", "Släppa"]),
    ("acme", ["How the OKRs came to be", "Win Germany", "Mid-quarter review", "Drop"]),
])  # fmt: skip
def test_the_report_shows_the_record_in_the_samples_language(tmp_path, name, texts):
    path = tmp_path / "w.okr"
    okr.save(samples.load(name, fresh_ids=True), path)
    record_sample_day(path, name)
    html = day_record(path).html
    assert all(t in html for t in texts), [t for t in texts if t not in html]
    # the mean of a fist of five (3, 4, 2) in the sample's language: a decimal comma in Swedish
    assert ("<td>3,0</td>" if name == "exempel-ab" else "<td>3.0</td>") in html


def test_a_second_replay_or_another_workshop_is_refused(tmp_path, recorded):
    name, path = recorded
    with pytest.raises(ValidationError, match="has a recorded day already"):
        record_sample_day(path, name)
    other = tmp_path / "annan.okr"
    okr.save(okr.Workshop.new("Annan AB", period="2027-Q1"), other)
    with pytest.raises(ValidationError, match="not the .* sample's"):
        record_sample_day(other, name)
    with Day.read(other) as day:
        assert day.agenda().steps == [] and day.participants() == []  # nothing half-written


def test_adopt_refuses_another_teams_objective(recorded):
    _, path = recorded
    with Day.open(path) as day:
        first, second = day.workshop().teams[:2]
        p = day.join("Ny", team=first.id)
        c = day.add_candidate(p, "Ett nytt förslag")
        with pytest.raises(ValidationError, match="different teams"):
            day.adopt(c.id, second.objectives[0].id)
        assert day.candidate(c.id).objective_id is None
