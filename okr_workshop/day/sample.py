"""A sample's recorded workshop day, replayed through the Day API into a workshop file (the demo's).

The script (``okr_workshop.samples.day_script``) names teams and objectives by the
sample's keys; they are matched to the file's by position, after checking the names
and titles, so a copy with fresh ids gets a consistent record.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from .. import samples
from ..model.entities import Workshop
from ..model.validate import invalid
from .record import Day


def record_sample_day(path: str | os.PathLike, name: str) -> None:
    """Replay sample ``name``'s day into ``path`` (a workshop file made from that sample, without a day yet)."""
    script = samples.day_script(name)
    with Day.open(path) as day:
        ids = _match(samples.load(name), day.workshop(), script["prefix"], day.store.path, name)
        if day.candidates(everything=True) or day.agenda().steps:
            raise invalid("sample day", "day.sample_recorded", path=str(day.store.path))
        _replay(day, script, ids)


def _match(sample: Workshop, ws: Workshop, prefix: str, path: Any, name: str) -> dict[str, str]:
    """{sample key ("marknad", "marknad-1"): id in the file}; an error when the file is not that sample."""
    if [t.name for t in sample.teams] != [t.name for t in ws.teams]:
        raise invalid("sample day", "day.sample_teams", path=str(path), name=name)
    ids = {}
    for st, team in zip(sample.teams, ws.teams):
        if [o.title for o in st.objectives] != [o.title for o in team.objectives]:
            raise invalid("sample day", "day.sample_objectives", path=str(path), team=team.name)
        ids[st.id.removeprefix(f"{prefix}-t-")] = team.id
        for so, obj in zip(st.objectives, team.objectives):
            ids[so.id.removeprefix(f"{prefix}-o-")] = obj.id
    return ids


def _replay(day: Day, script: dict[str, Any], ids: dict[str, str]) -> None:
    agenda = day.set_agenda(script["agenda"])
    start = dt.datetime.fromisoformat(script["date"] + "T09:00:00+00:00")
    kinds = [s.kind.value for s in agenda.steps]

    def step(kind: str) -> None:  # the step starts when the ones before it would have ended
        i = kinds.index(kind)
        day.go_to(i, now=start + dt.timedelta(minutes=sum(s.minutes for s in agenda.steps[:i])))

    teams = script["teams"]
    step("context")
    people = {key: [day.join(n, team=ids[key]) for n in t["people"]] for key, t in teams.items()}
    step("brainstorm")
    cands = {key: [day.add_candidate(people[key][a], text) for a, text, _ in t["candidates"]]
             for key, t in teams.items()}  # fmt: skip
    step("cluster")
    day.reveal()
    for key, t in teams.items():
        for i, (_, _, fate) in enumerate(t["candidates"]):
            if isinstance(fate, str):
                day.merge(cands[key][int(fate.lstrip("~"))].id, cands[key][i].id)
    step("vote")
    day.open_vote(dots=script["dots"])
    for key, t in teams.items():
        for person, chosen in zip(people[key], t["dots"]):
            for i in chosen:
                day.dot(person.id, cands[key][i].id)
    day.close_vote()
    step("draft")
    for key, t in teams.items():
        for i, (_, _, fate) in enumerate(t["candidates"]):
            if isinstance(fate, int):
                day.adopt(cands[key][i].id, ids[f"{key}-{fate}"])
    step("review")
    day.assign_reviews()
    for objective, from_team, kind, text, resolution in script["reviews"]:
        item = day.review(ids[from_team], ids[objective], kind, text)
        if resolution is not None:
            day.resolve(item.id, resolution)
    step("dependencies")
    for a, b, what, due, answer, note, *objective in script["dependencies"]:
        dep = day.need(ids[a], ids[b], what, due, ids[objective[0]] if objective else None)
        if answer != "open":
            day.answer(dep.id, answer, note)
    step("confidence")
    ws = day.workshop()
    for key, t in teams.items():
        for n, fingers in t["confidence"].items():
            for person, f in zip(people[key], fingers):
                day.confidence(person.id, ids[f"{key}-{n}"], f)
            obj = ws.objective(ids[f"{key}-{n}"])
            day.commit(obj, obj.type, obj.owner)
    step("wrap_up")
    day.advance()  # the day is over
    for objective, verdict, worked, learned, on in script.get("mid_reviews", ()):
        day.mid_review(ids[objective], verdict, worked, learned, on)
