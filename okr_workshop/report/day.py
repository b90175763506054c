"""The report's section on how the OKRs came to be: candidates, dots, review items, dependencies, confidence.

Reads the day's record from the workshop file. Every participant text is
escaped; a file without a recorded day gives an empty part, so reports of
workshops run without the day look as before.
"""

from __future__ import annotations

import html
import os
from typing import Any

from ..day.record import Day
from ..i18n.formatting import format_number
from ..i18n.texts import check_lang
from ..i18n.texts import t as tr
from .parts import Part, _heading, _table


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def day_record(path: str | os.PathLike, team: str | None = None, lang: str | None = None) -> Part:
    """The section "How the OKRs came to be" for the workshop file at ``path`` (one team, or all)."""
    with Day.read(path) as day:
        if not day.has_record():
            return Part("", {})
        ws = day.workshop()
        lang = check_lang(lang, ws.lang)
        teams = [ws.team(team)] if team else ws.teams
        names = {tm.id: tm.name for tm in ws.teams}
        people = {p.id: p.label(lang) for p in day.participants()}
        candidates = day.candidates(everything=True)
        reviews, deps, mids = day.reviews(), day.dependencies(), day.mid_reviews()
        retros, lessons = day.retros(), day.lessons() if team is None else []
        if not (candidates or reviews or deps or mids or retros or lessons or day._rows("confidence")):
            return Part("", {})
        dots: dict[str, int] = {}
        for r in day._rows("dot"):
            dots[r["ref"]] = dots.get(r["ref"], 0) + 1
        title = tr("day.report.title", lang)
        out = [f"<h2 id='okr-day-record'>{_e(title)}</h2>"]
        for tm in teams:
            out.append(f"<h3>{_e(tm.name)}</h3>")
            mine = [c for c in candidates if c.team_id == tm.id and c.merged_into is None and c.revealed]
            if mine:
                rows = []
                for c in sorted(mine, key=lambda c: -dots.get(c.id, 0)):
                    merged = day.merged(c.id)
                    texts = "<br>".join(_e(m.text) for m in merged)
                    authors = ", ".join(sorted({people.get(m.author, "–") for m in merged if m.author})) or "–"
                    if c.carried_from:
                        authors = f"{c.carried_from.get('period', '')} ↻"
                    became = tr("day.report.yes" if c.objective_id else "day.report.no", lang)
                    rows.append([texts, _e(authors), str(dots.get(c.id, 0)), became])
                head = [tr(k, lang) for k in ("day.report.candidates", "day.report.authors", "day.report.dots",
                                               "day.report.became")]  # fmt: skip
                out.append(_table(head, rows, "okr-table okr-day-candidates"))
            objectives = {o.id: o for o in tm.objectives}
            items = [r for r in reviews if r.objective_id in objectives]
            if items:
                out.append(f"<h4>{_e(tr('day.report.reviews', lang))}</h4>")
                rows = [[_e(objectives[r.objective_id].title), _e(names.get(r.from_team, "?")),
                         _e(tr(f"day.review.{r.kind.value}", lang)), _e(r.text),
                         _e(r.resolution) if r.resolved else _e(tr("day.answer.open", lang))] for r in items]  # fmt: skip
                head = [tr("day.objective", lang), tr("day.report.from", lang), tr("day.report.kind", lang),
                        tr("day.report.text", lang), tr("day.report.resolution", lang)]  # fmt: skip
                out.append(_table(head, rows, "okr-table okr-day-reviews"))
            if objectives:
                rows = []
                for obj in objectives.values():
                    spread = day.spread(obj.id)
                    commit = day.commitment(obj.id)
                    counts = " ".join(f"{n}×{k}" for k, n in spread.counts().items() if n) or "–"
                    mean = format_number(spread.mean, lang, digits=1) if spread.mean is not None else "–"
                    committed = f"{tr('type.' + commit['type'], lang)}, {_e(commit['owner'])}" if commit else "–"
                    changed = str(len(day.changes_since_commit(obj.id))) if commit else "–"
                    rows.append([_e(obj.title), counts, mean, committed, changed])
                head = [tr("day.objective", lang), tr("day.report.confidence", lang), tr("day.report.mean", lang),
                        tr("day.report.commitment", lang), tr("day.report.changed", lang)]  # fmt: skip
                out.append(_table(head, rows, "okr-table okr-day-confidence"))
            out.extend(_mid_reviews([m for m in mids if m.objective_id in objectives], objectives, lang))
            out.extend(_retros([r for r in retros if r["objective_id"] in objectives], objectives, lang))
        shown = {tm.id for tm in teams}
        deps = [d for d in deps if d.from_team in shown or d.to_team in shown]
        if deps:
            out.append(f"<h3>{_e(tr('day.report.dependencies', lang))}</h3>")
            rows = [[_e(names.get(d.from_team, "?")), _e(d.what), _e(names.get(d.to_team, "?")),
                     d.due.isoformat() if d.due else "–", _e(tr(f"day.answer.{d.answer.value}", lang)), _e(d.note)]
                    for d in deps]  # fmt: skip
            head = [tr("board.team", lang), tr("day.report.needs", lang),
                    tr("day.report.from_team", lang), tr("day.report.due", lang), tr("day.report.answer", lang), ""]  # fmt: skip
            out.append(_table(head, rows, "okr-table okr-day-dependencies"))
        if lessons:
            out.append(f"<h3>{_e(tr('day.report.lessons', lang))}</h3>")
            out.append("<ul class='okr-day-lessons'>" + "".join(f"<li>{_e(x)}</li>" for x in lessons) + "</ul>")
    meta = _heading(title, "okr-day-record", team=team)
    return Part("<section class='okr-section okr-day-record'>" + "".join(out) + "</section>", meta)


def _mid_reviews(mids: list, objectives: dict, lang: str) -> list[str]:
    """The team's mid-quarter review: per objective and date, what worked, what we learned, the verdict."""
    if not mids:
        return []
    rows = [[_e(objectives[m.objective_id].title), m.on.isoformat(), _e(tr(f"day.verdict.{m.verdict.value}", lang)),
             _e(m.worked) or "–", _e(m.learned) or "–"] for m in mids]  # fmt: skip
    head = [tr("day.objective", lang), tr("day.report.date", lang), tr("day.report.verdict", lang),
            tr("day.report.worked", lang), tr("day.report.learned", lang)]  # fmt: skip
    return [f"<h4>{_e(tr('day.report.mid_review', lang))}</h4>", _table(head, rows, "okr-table okr-day-mid-review")]


def _retros(retros: list[dict], objectives: dict, lang: str) -> list[str]:
    """The team's retrospective: per objective, keep / change / drop, why it got its grade, what we learned."""
    if not retros:
        return []
    rows = [[_e(objectives[r["objective_id"]].title), _e(tr(f"day.verdict.{r['verdict']}", lang)),
             _e(r.get("grade_reason")) or "–", _e(r.get("lesson")) or "–"] for r in retros]  # fmt: skip
    head = [tr("day.objective", lang), tr("day.report.verdict", lang), tr("day.report.grade_reason", lang),
            tr("day.report.learned", lang)]  # fmt: skip
    return [f"<h4>{_e(tr('day.report.retro', lang))}</h4>", _table(head, rows, "okr-table okr-day-retro")]
