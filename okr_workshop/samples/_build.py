"""Turn a readable sample description into a Workshop, with simulated check-ins.

A sample module describes teams, objectives and key results as plain data
(``team()``, ``objective()``, ``key_result()`` below). The check-in history is
simulated from a few numbers per key result (how far it gets, how fast it
starts), so the samples read like data and stay deterministic: no randomness.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..model.entities import CheckIn, KeyResult, Workshop

# Short check-in comments by how the key result is doing; picked in turn, never at random.
COMMENTS = {
    "sv": {
        "ahead": [
            "Går bättre än planerat.",
            "Bra fart, vi ligger före.",
            "Över plan, håller i det.",
            "",
        ],
        "on_track": [
            "Enligt plan.",
            "Stadig utveckling.",
            "",
            "Ungefär där vi ville vara.",
        ],
        "behind": [
            "Ligger efter, ser över upplägget.",
            "Trögt just nu, tar upp det på veckomötet.",
            "Behöver hjälp med prioriteringen.",
            "",
        ],
    },
    "en": {
        "ahead": [
            "Ahead of plan.",
            "Good momentum, running ahead.",
            "Above plan; keeping it up.",
            "",
        ],
        "on_track": [
            "On plan.",
            "Steady progress.",
            "",
            "Roughly where we wanted to be.",
        ],
        "behind": [
            "Behind; reworking the approach.",
            "Slow going, raising it at the weekly.",
            "Need help with priorities here.",
            "",
        ],
    },
}


def team(key: str, name: str, objectives: list[dict], parent: str | None = None, silent_after: str = "") -> dict:
    """A team; ``silent_after`` (YYYY-MM-DD) stops its check-ins after that day."""
    return {"key": key, "name": name, "parent": parent, "objectives": objectives, "silent_after": silent_after}


def objective(title: str, krs: list[dict], *, aligns: str | None = None, **fields: Any) -> dict:
    """An objective; ``aligns`` is the key of the parent objective, e.g. ``"ledning-1"``."""
    return {"title": title, "krs": krs, "aligns": aligns, "fields": fields}


def key_result(
    text: str,
    kind: str,
    baseline: float | None,
    target: float | None,
    unit: str,
    *,
    reach: float = 0.8,
    shape: float = 1.0,
    values: tuple | None = None,
    comments: dict[int, str] | None = None,
    late: int | None = None,
    **fields: Any,
) -> dict:
    """A key result and how its check-ins go.

    reach: the share of baseline→target reached by the period end; shape: above 1
    starts slowly, below 1 starts fast; values: explicit values per check-in day
    instead (needed for thresholds, milestones and a missing baseline);
    comments: check-in index → a comment written by hand; late: index of a
    check-in that was entered after the next one (out of date order).
    """
    return {
        "text": text,
        "kind": kind,
        "baseline": baseline,
        "target": target,
        "unit": unit,
        "reach": reach,
        "shape": shape,
        "values": values,
        "comments": comments or {},
        "late": late,
        "fields": fields,
    }


def build(*, prefix: str, organisation: str, period: str, lang: str, days: list[str], teams: list[dict]) -> Workshop:
    """A fresh Workshop from a sample description.

    Ids are ``{prefix}-t-<team>``, ``{prefix}-o-<team>-<n>``, ``{prefix}-kr-<team>-<n>-<m>`` and
    ``{prefix}-kr-<team>-<n>-<m>-c<k>`` for the k-th check-in day.
    """
    ws = Workshop(organisation=organisation, period=period, lang=lang, id=f"{prefix}-ws")
    check_days = [dt.date.fromisoformat(d) for d in days]
    turn = 0
    for t in teams:
        parent = ws.team(f"{prefix}-t-{t['parent']}") if t["parent"] else None
        tm = ws.add_team(t["name"], parent=parent, id=f"{prefix}-t-{t['key']}")
        silent = dt.date.fromisoformat(t["silent_after"]) if t["silent_after"] else None
        team_days = [d for d in check_days if silent is None or d <= silent]
        for i, o in enumerate(t["objectives"], start=1):
            parent_id = f"{prefix}-o-{o['aligns']}" if o["aligns"] else None
            obj = tm.add_objective(o["title"], id=f"{prefix}-o-{t['key']}-{i}", parent_id=parent_id, **o["fields"])
            for j, k in enumerate(o["krs"], start=1):
                kr = obj.add_key_result(
                    k["text"],
                    id=f"{obj.id.replace('-o-', '-kr-', 1)}-{j}",
                    kind=k["kind"],
                    baseline=k["baseline"],
                    target=k["target"],
                    unit=k["unit"],
                    **k["fields"],
                )
                turn = _check_ins(kr, k, team_days, ws, lang, turn)
    return ws


def _check_ins(kr: KeyResult, spec: dict, days: list[dt.date], ws: Workshop, lang: str, turn: int) -> int:
    period = ws.period
    values = spec["values"]
    entries = []
    for n, day in enumerate(days):
        if values is not None:
            if n >= len(values) or values[n] is None:
                continue
            value = values[n]
        else:
            value = _simulated(kr, spec, period.elapsed(day))
        status, confidence = _status(kr, value, period.elapsed(day))
        comment = spec["comments"].get(n)
        if comment is None:
            phrases = COMMENTS[lang][status]
            comment = phrases[turn % len(phrases)]
            turn += 1
        entries.append(
            CheckIn(
                on=day,
                value=value,
                confidence=confidence,
                comment=comment,
                author=kr.owner,
                id=f"{kr.id}-c{n + 1}",
            )
        )
    late = spec["late"]
    if late is not None and late + 1 < len(entries):
        entries.insert(late + 1, entries.pop(late))  # entered after the following check-in
    kr.check_ins.extend(entries)
    return turn


def _simulated(kr: KeyResult, spec: dict, elapsed: float) -> float:
    base, target = kr.baseline or 0.0, kr.target or 0.0
    value = base + (target - base) * spec["reach"] * elapsed ** spec["shape"]
    whole = float(base).is_integer() and float(target).is_integer() and abs(target - base) >= 10
    return float(round(value)) if whole else round(value, 1)


def _status(kr: KeyResult, value: float, elapsed: float) -> tuple[str, int]:
    """How the key result is doing at a check-in, and the confidence the team would give."""
    kind = kr.kind.value
    target = kr.target if kr.target is not None else 0.0
    if kind in ("at_least", "at_most", "milestone"):
        met = value >= target if kind != "at_most" else value <= target
        if kind == "milestone":
            return ("ahead", 10) if met else ("on_track" if elapsed < 0.6 else "behind", 6 if elapsed < 0.6 else 3)
        return ("on_track", 7) if met else ("behind", 4)
    if kr.baseline is None or kr.target == kr.baseline:
        return "on_track", 5
    progress = (value - kr.baseline) / (target - kr.baseline)
    pace = progress / max(elapsed, 0.05)
    on_pace = 2 + 6 * min(pace, 1.2)
    drafted = kr.confidence or 5
    # early in the period a team still trusts its plan more than its first numbers
    confidence = max(1, min(9, round(drafted + (on_pace - drafted) * min(1.0, 1.5 * elapsed))))
    status = "ahead" if pace >= 1.1 else "on_track" if pace >= 0.6 else "behind"
    return status, confidence
