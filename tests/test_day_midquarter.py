"""The mid-quarter review: per objective what worked, what we learned, keep / change / drop, the date."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

import okr_workshop as okr
from okr_workshop.day import Day
from okr_workshop.day.midquarter import MidReview, Verdict
from okr_workshop.errors import NotFoundError, ValidationError
from okr_workshop.report.day import day_record


@pytest.fixture
def reviewed(tmp_path):
    ws = okr.Workshop.new("Exempel AB", period="2027-Q1", lang="sv")
    sales = ws.add_team("Sälj")
    ops = ws.add_team("Drift")
    a = sales.add_objective("Kunder som väljer oss igen")
    b = ops.add_objective("En drift som ingen märker")
    path = tmp_path / "halvtid.okr"
    okr.save(ws, path)
    return path, a.id, b.id


def test_a_review_is_kept_per_objective_and_date(reviewed):
    path, a, b = reviewed
    with Day.open(path) as day:
        day.mid_review(a, "keep", worked="Veckomötena", learned="Kunderna svarar på sms", on="2027-02-14")
        day.mid_review(b, Verdict.CHANGE, learned="Larmen kommer för sent", on=dt.date(2027, 2, 14), author="Cia")
        # the same objective and day again replaces that row; another day is a new row
        day.mid_review(a, "drop", worked="Veckomötena", on="2027-02-14")
        day.mid_review(a, "keep", on="2027-03-01")
        got = day.mid_reviews()
        assert [(r.objective_id, r.on.isoformat(), r.verdict) for r in got] == [
            (a, "2027-02-14", Verdict.DROP), (b, "2027-02-14", Verdict.CHANGE), (a, "2027-03-01", Verdict.KEEP),
        ]  # fmt: skip
        assert got[1] == MidReview(b, dt.date(2027, 2, 14), Verdict.CHANGE, "", "Larmen kommer för sent", "Cia",
                                   got[1].recorded_at)  # fmt: skip
        assert [r.on for r in day.mid_reviews(a)] == [dt.date(2027, 2, 14), dt.date(2027, 3, 1)]
        saves = [h for h in day.store.history() if h["entity"] == "objective_review"]
        assert len(saves) == 4  # the history keeps the replaced verdict too


@pytest.mark.parametrize(
    "args,error",
    [
        (("keep",), None),
        (("stop",), ValidationError),
        (("keep", "", "", "14 februari"), ValidationError),
        (("keep", "", 42), ValidationError),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(reviewed, args, error):
    path, a, _ = reviewed
    with Day.open(path) as day:
        if error is None:
            day.mid_review(a, *args)
            assert day.mid_reviews(a)[0].on == dt.date.today()
            return
        with pytest.raises(error):
            day.mid_review(a, *args)
        assert day.mid_reviews() == []


def test_an_unknown_objective_is_a_clear_error(reviewed):
    path, _, _ = reviewed
    with Day.open(path) as day, pytest.raises(NotFoundError, match="no objective with id 'nej'"):
        day.mid_review("nej", "keep")


def test_an_old_file_gets_the_table_when_opened_and_reads_without_it(reviewed):
    path, a, _ = reviewed
    conn = sqlite3.connect(path)
    conn.executescript("DROP TABLE objective_review; UPDATE meta SET value = '2' WHERE key = 'schema_version';")
    conn.close()
    with Day.read(path) as day:  # read-only: no table, no reviews, no error
        assert day.mid_reviews() == []
    assert day_record(path).html == ""
    with Day.open(path) as day:  # opened for writing: migrated to schema 3
        day.mid_review(a, "keep", on="2027-02-14")
        version = day.store.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        assert int(version) >= 3
    assert [r.verdict for r in okr_day_reviews(path)] == [Verdict.KEEP]


def okr_day_reviews(path):
    with Day.read(path) as day:
        return day.mid_reviews()


def test_replacing_the_workshop_keeps_the_reviews_of_the_objectives_it_keeps(reviewed):
    path, a, b = reviewed
    with Day.open(path) as day:
        day.mid_review(a, "keep", on="2027-02-14")
        day.mid_review(b, "drop", on="2027-02-14")
    ws = okr.load(path)
    ws.organisation = "Nytt namn AB"
    okr.save(ws, path)  # the whole workshop: every objective row is deleted and written again
    assert [r.objective_id for r in okr_day_reviews(path)] == [a, b]
    ws = okr.load(path)
    ws.teams[0].objectives.clear()
    okr.save(ws, path)
    assert [r.objective_id for r in okr_day_reviews(path)] == [b]


@pytest.mark.parametrize(
    "lang,heading,verdict", [("sv", "Halvtidsavstämning", "Ändra"), ("en", "Mid-quarter review", "Change")]
)
def test_the_report_shows_the_review_escaped(reviewed, lang, heading, verdict):
    path, a, _ = reviewed
    with Day.open(path) as day:
        day.mid_review(a, "change", worked="<b>Mötena</b>", learned="Mät varje vecka", on="2027-02-14")
    html = day_record(path, lang=lang).html
    assert heading in html and verdict in html and "2027-02-14" in html and "Mät varje vecka" in html
    assert "&lt;b&gt;Mötena&lt;/b&gt;" in html and "<b>Mötena" not in html
    assert "okr-day-mid-review" in html
    assert "okr-day-mid-review" not in day_record(path, team="Drift", lang=lang).html
