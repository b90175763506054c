"""The weekly check-in meeting: per team, what changed since last week, confidence drops, stale key results.

A pure function of the workshop (no file): the facilitator's 15-minute view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..model.entities import KeyResult, Workshop

DROP = 2  # a confidence fall of 2 or more (on 1–10) since the previous check-in is worth talking about
STALE_DAYS = 14  # the workshop setting ``outdated_days`` overrides it


@dataclass(slots=True, frozen=True)
class Move:
    """One key result's week: value and confidence then (before the week) and now; None where not measured."""

    key_result_id: str
    text: str
    before: float | None
    now: float | None
    confidence_before: int | None
    confidence_now: int | None
    comments: tuple[str, ...] = ()

    @property
    def dropped(self) -> bool:
        a, b = self.confidence_before, self.confidence_now
        return a is not None and b is not None and a - b >= DROP


@dataclass(slots=True)
class TeamWeek:
    """A team's week: key results checked in this week (moves), confidence drops, stale key results."""

    team: str
    moves: list[Move] = field(default_factory=list)
    drops: list[Move] = field(default_factory=list)
    stale: list[tuple[str, dt.date | None]] = field(default_factory=list)  # (key result text, last check-in)


def week(ws: Workshop, as_of: Any = None, days: int = 7) -> list[TeamWeek]:
    """Per team, what happened in the ``days`` up to ``as_of`` (default today)."""
    from ..model.validate import _date

    as_of = _date("as_of", as_of) or dt.date.today()
    start = as_of - dt.timedelta(days=days)
    stale_days = int(ws.settings.get("outdated_days") or STALE_DAYS)
    out = []
    for team in ws.teams:
        tw = TeamWeek(team.name)
        for kr in team.key_results:
            move = _move(kr, start, as_of)
            if move is not None:
                tw.moves.append(move)
                if move.dropped:
                    tw.drops.append(move)
            last = max((c.on for c in kr.check_ins if c.on <= as_of), default=None)
            if last is None or (as_of - last).days > stale_days:
                tw.stale.append((kr.text, last))
        out.append(tw)
    return out


def _move(kr: KeyResult, start: dt.date, end: dt.date) -> Move | None:
    history = [c for c in kr.history if c.on <= end]
    this_week = [c for c in history if c.on > start]
    if not this_week:
        return None
    before = [c for c in history if c.on <= start]
    prev = before[-1] if before else None
    now = this_week[-1]
    confidence_before = prev.confidence if prev else next((c.confidence for c in this_week if c.confidence), None)
    if not prev and len(this_week) == 1:
        confidence_before = None
    return Move(kr.id, kr.text, prev.value if prev else None, now.value, confidence_before, now.confidence,
                tuple(c.comment for c in this_week if c.comment))  # fmt: skip
