"""The next period: a new workshop file with the same teams, the unfinished objectives proposed
for carry-over (each linked to where it came from) and the retrospective's lessons on top."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import WorkshopFileError
from ..model.entities import Workshop
from ..model.period import Period
from ..storage.postgres import PgLocation, drop
from ..storage.store import load, location_of, new_file
from .record import Day

DONE = 1.0  # an objective graded 1.0 is finished; anything below (or ungraded) is proposed again


def default_out(source: Path, period: Period) -> Path:
    return source.with_name(f"{source.stem}-{period.label}{source.suffix or '.okr'}")


def next_workshop(source: str | os.PathLike, period: str, out: str | os.PathLike | None = None) -> Path | PgLocation:
    """Create the next workshop after ``source`` for ``period``; returns where it is (a file or a PostgreSQL workshop).

    ``source`` and ``out`` are files or ``postgresql://`` URLs; without ``out`` the new workshop goes beside the
    old one, named after it and the period (``exempel-ab-2027-Q2.okr``; ``…/exempel-ab-2027-q2`` on a server).

    Teams keep their names, ids and alignment. Each objective whose grade is below 1.0 and
    that the retrospective did not drop becomes a revealed candidate of its team, with
    ``carried_from`` (previous workshop, period, objective id, grade, retrospective verdict).
    The retrospective's lessons (per objective and general) open the new workshop.
    """
    from ..scoring.grades import objective_summary

    source = location_of(source)
    old = load(source)
    new_period = Period.parse(period)
    if new_period.label == old.period.label:
        raise WorkshopFileError(f"{source}: is already the workshop of {period}; give the next period").coded(
            "next.same_period", path=source, period=period
        )
    if out:
        out = location_of(out)
    elif isinstance(source, PgLocation):
        out = source.with_workshop(f"{source.workshop}-{new_period.label.lower()}"[:48])
    else:
        out = default_out(source, new_period)
    ws = Workshop.new(old.organisation, period=new_period.label, lang=old.lang, profile=old.profile)
    ws.settings = {"previous": {"file": str(source), "workshop_id": old.id, "period": old.period.label}}
    for team in old.teams:
        ws.add_team(team.name, id=team.id).parent_id = team.parent_id
    with Day.open(source) as old_day:
        retros = {r["objective_id"]: r for r in old_day.retros()}
        lessons = old_day.lessons()
    grades = {}
    summary = objective_summary(old, as_of=old.period.end)  # the quarter is over: its last state
    for row in summary.itertuples():
        grades[row.objective_id] = None if row.grade != row.grade else row.grade  # NaN: not graded
    path = new_file(out, ws)
    try:
        with Day.open(path) as day:
            for text in lessons:
                day.add_lesson(text)
            for team in old.teams:
                for obj in team.objectives:
                    retro: dict[str, Any] = retros.get(obj.id, {})
                    if retro.get("lesson"):
                        day.add_lesson(f"{team.name} · {obj.title}: {retro['lesson']}")
                    grade = grades.get(obj.id)
                    if retro.get("verdict") == "drop" or (grade is not None and grade >= DONE):
                        continue
                    day.propose(team.id, obj.title, {
                        "file": str(source), "workshop_id": old.id, "period": old.period.label,
                        "objective_id": obj.id, "grade": grade, "verdict": retro.get("verdict"),
                    })  # fmt: skip
            day.set_agenda("team")
    except BaseException:
        if isinstance(path, PgLocation):
            drop(path)
        else:
            path.unlink(missing_ok=True)
        raise
    return path
