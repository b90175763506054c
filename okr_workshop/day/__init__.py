"""The workshop day (agenda, brainstorm, dot vote, peer review, dependencies, commitment) and the next period."""

from __future__ import annotations

from .record import Day  # noqa: F401

__all__ = ["Day", "check_in_week", "day_findings", "next_workshop"]  # fmt: skip


def next_workshop(source, period, out=None):
    """Create the next period's workshop from ``source``; returns the new file's path (see ``day.next``)."""
    from .next import next_workshop as _next

    return _next(source, period, out)


def day_findings(day, lang=None):
    """Findings about the day: unanswered or declined dependencies, open review items, split confidence."""
    from .findings import day_findings as _findings

    return _findings(day, lang)


def check_in_week(ws, as_of=None, days=7):
    """The weekly check-in meeting per team: moves, confidence drops, stale key results (see ``day.week``)."""
    from .week import week as _week

    return _week(ws, as_of, days)
