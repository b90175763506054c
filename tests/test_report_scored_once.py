"""A report scores each key result once: one scored view (``scoring.tables``) read by every part.

The count goes through the real scoring function (``_score_kr``, which ``score``, the summaries and
``tables`` all call), wrapped by a counter; the HTML of the report built from the one view is the
HTML each part gives when it scores the workshop on its own.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import okr_workshop as okr
from okr_workshop import scoring
from okr_workshop.report import parts
from okr_workshop.scoring import grades

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "03_reporting.py"

# Before the period's end (a pace beside each grade) and at its end (an outcome, and the workshop's grade).
DAYS = {"mid-quarter": dt.date(2026, 8, 15), "quarter over": dt.date(2026, 9, 30)}


@pytest.fixture
def scored(monkeypatch) -> Counter:
    """Key result id → how many times it was scored since the fixture was set up."""
    counts: Counter = Counter()
    real = grades._score_kr

    def counting(kr, *args, **kwargs):
        counts[kr.id] += 1
        return real(kr, *args, **kwargs)

    monkeypatch.setattr(grades, "_score_kr", counting)
    return counts


@pytest.mark.parametrize("sample", ["exempel-ab", "acme"])
@pytest.mark.parametrize("day", list(DAYS.values()), ids=list(DAYS))
@pytest.mark.parametrize("one_team", [False, True], ids=["all teams", "one team"])
def test_the_whole_report_scores_each_key_result_exactly_once(scored, sample, day, one_team):
    ws = okr.samples.load(sample)
    team = ws.teams[1].name if one_team else None
    report = parts.sections(ws, team, as_of=day)
    assert len(report) >= 4
    assert scored == Counter({kr.id: 1 for kr in ws.key_results})


def test_the_reporting_notebook_passes_one_scored_view_to_every_part():
    """The notebook is the report `okr-workshop report` exports: it scores once and hands that to each part."""
    source = NOTEBOOK.read_text(encoding="utf-8")
    assert source.count("scoring.tables(") == 1
    for part in ("overview", "team_sections", "alignment"):
        call = source[source.index(f"parts.{part}(") :].split("\n", 1)[0]
        assert "tables=scored" in call, call


def test_the_notebooks_calls_score_each_key_result_once(scored):
    ws = okr.samples.load("exempel-ab")
    day = DAYS["quarter over"]
    view = scoring.tables(ws, day)  # the notebook's setup cell
    parts.cover(ws, None, as_of=day)
    parts.overview(ws, None, as_of=day, tables=view)
    parts.team_sections(ws, None, as_of=day, tables=view)
    parts.alignment(ws, None, as_of=day, tables=view)
    assert scored == Counter({kr.id: 1 for kr in ws.key_results})


@pytest.mark.parametrize("sample", ["exempel-ab", "acme"])
@pytest.mark.parametrize("day", list(DAYS.values()), ids=list(DAYS))
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_one_scored_view_gives_the_html_each_part_gives_on_its_own(sample, day, lang):
    ws = okr.samples.load(sample)
    shared = [p.html for p in parts.sections(ws, None, as_of=day, lang=lang)]
    alone = [
        parts.cover(ws, None, as_of=day, lang=lang).html,
        parts.overview(ws, None, as_of=day, lang=lang).html,
        *(p.html for p in parts.team_sections(ws, None, as_of=day, lang=lang)),
        parts.alignment(ws, None, as_of=day, lang=lang).html,
    ]
    assert shared == alone


@pytest.mark.parametrize("day", list(DAYS.values()), ids=list(DAYS))
def test_the_scored_view_holds_what_each_summary_computes(day):
    ws = okr.samples.load("exempel-ab")
    view = scoring.tables(ws, as_of=day)
    pd.testing.assert_frame_equal(view.scores, scoring.score(ws, as_of=day))
    pd.testing.assert_frame_equal(view.objectives, scoring.objective_summary(ws, as_of=day))
    pd.testing.assert_frame_equal(view.teams, scoring.team_summary(ws, as_of=day))
    assert view.grade == scoring.workshop_grade(ws, as_of=day) is not None


def test_the_scored_view_of_an_empty_workshop():
    ws = okr.Workshop.new("Tom AB", period="2027-Q1", lang="sv")
    view = scoring.tables(ws)
    assert view.grade is None and view.scores.empty and view.objectives.empty and view.teams.empty
