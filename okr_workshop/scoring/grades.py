"""Scoring: progress by key-result kind, grades, bands, status, and roll-ups.

``kr_score`` scores one key result without pandas (widgets call it on every
keystroke); ``score``, ``check_in_table``, ``objective_summary``,
``team_summary`` and ``what_if`` build pandas tables for reports and charts.
Formulas and decisions are documented in docs/scoring.md.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from ..errors import ValidationError
from ..model.entities import KeyResult, Kind, ObjectiveType, Period, Workshop, _date
from . import pace
from .profiles import PROFILES, Profile, band, get_profile

__all__ = [
    "PROFILES", "KrScore", "band", "check_in_table", "kr_score", "missing_numbers", "objective_summary", "progress",
    "resolve_as_of",
    "score", "team_summary", "what_if", "workshop_grade",
]  # fmt: skip

SCORE_COLUMNS = [
    "team", "objective", "key_result", "kind", "baseline", "target", "current", "progress", "grade", "band",
    "confidence", "status", "team_id", "objective_id", "key_result_id", "unit", "metric", "owner", "weight",
    "objective_type", "objective_weight", "expected", "forecast", "forecast_grade", "warning", "computed_grade",
    "overridden", "override_reason", "confidence_trend", "last_check_in", "days_since", "check_ins",
    "not_measurable_reason",
]  # fmt: skip

# Grade expected of an objective by type; None (type not chosen) is treated as aspirational.
EXPECTED_GRADE = {ObjectiveType.COMMITTED: 1.0, ObjectiveType.ASPIRATIONAL: 0.7, None: 0.7}
# How bad a status is when rolling key results up into an objective or team status.
_STATUS_RANK = {"done": 0, "on_track": 1, "not_started": 2, "not_measurable": 2, "at_risk": 3, "outdated": 4,
                "off_track": 5}  # fmt: skip


@dataclass(frozen=True, slots=True)
class KrScore:
    """The score of one key result at one day.

    current: the value of the latest check-in by date (None: no check-in yet);
    progress: raw progress (may exceed 1 or go below 0; None: not measurable);
    computed_grade: progress clamped to 0..1, two decimals; grade: the
    facilitator's override if any, else computed_grade; band: the profile's
    band of grade; confidence: the latest confidence given (else the one set
    when drafting); elapsed: share of the period (up to the due date) gone;
    expected: the progress expected by now, elapsed × the objective's goal
    (1.0 committed, 0.7 aspirational; 1.0 under the percent profile); status: a key of
    ``pace.STATUSES``; forecast: the value projected for the due date by a
    linear fit of the latest check-ins (a projection), forecast_grade its
    grade; warning: the forecast falls short of the objective's expected grade;
    not_measurable_reason: why no check-in can give it a grade (``missing_numbers``),
    None when one can.
    """

    current: float | None
    progress: float | None
    grade: float | None
    computed_grade: float | None
    overridden: bool
    override_reason: str
    band: str | None
    confidence: int | None
    confidence_trend: str | None
    elapsed: float
    expected: float
    status: str
    forecast: float | None
    forecast_grade: float | None
    warning: bool
    last_check_in: dt.date | None
    days_since: int | None
    check_ins: int
    not_measurable_reason: str | None = None


def progress(kind: Kind | str, baseline: float | None, target: float | None, value: float | None) -> float | None:
    """Raw progress of ``value`` for a key result of this kind (None: not measurable).

    increase/decrease: (value − baseline) / (target − baseline), which for a
    decrease equals (baseline − value) / (baseline − target); when baseline
    equals target: 1.0 if the target is met, else 0.0. at_least/at_most: 1.0
    when the threshold is met, else 0.0. milestone: 1.0 when value reaches the
    target (1 when no target is set), else 0.0. Rounded to 9 decimals, free of float noise.
    """
    if value is None:
        return None
    kind = Kind(kind)
    if kind is Kind.MILESTONE:
        return 1.0 if value >= (1.0 if target is None else target) else 0.0
    if target is None:
        return None
    if kind is Kind.AT_LEAST:
        return 1.0 if value >= target else 0.0
    if kind is Kind.AT_MOST:
        return 1.0 if value <= target else 0.0
    if baseline is None:
        return None
    if baseline == target:
        met = value >= target if kind is Kind.INCREASE else value <= target
        return 1.0 if met else 0.0
    # rounded to 9 decimals: binary float noise (0.6000000000000038 for 98.5 → 99.4 of 100) never reaches a table
    return round((value - baseline) / (target - baseline), 9)


def missing_numbers(kind: Kind | str, baseline: float | None, target: float | None) -> str | None:
    """Why a key result of this kind cannot be measured whatever its check-ins say, or None when it can.

    "no_numbers" (neither baseline nor target), "no_target" or "no_baseline". Such a
    key result is "not measurable" with no grade, and is left out of its objective's
    grade, instead of scoring 0.0 and pulling the objective down.
    """
    kind = Kind(kind)
    if kind is Kind.MILESTONE:
        return None
    if kind in (Kind.AT_LEAST, Kind.AT_MOST):
        return "no_target" if target is None else None
    if baseline is None and target is None:
        return "no_numbers"
    if target is None:
        return "no_target"
    return "no_baseline" if baseline is None else None


def round_grade(x: float) -> float:
    """Round to two decimals, halves up (0.425 → 0.43, as done by hand; float ``round`` gives 0.42)."""
    return math.floor(x * 100 + 0.5 + 1e-9) / 100


def _grade(raw: float | None) -> float | None:
    if raw is None:
        return None
    return round_grade(min(1.0, max(0.0, raw)))


def resolve_as_of(period: Period, as_of: Any = None) -> dt.date:
    """The day to score at: ``as_of`` as given, or today clamped to the period."""
    if as_of is None:
        return min(period.end, max(period.start, dt.date.today()))
    return _date("as_of", as_of, required=True)


def _workshop_of(kr: KeyResult) -> Workshop | None:
    obj = kr.objective
    return obj.team.workshop if obj is not None and obj.team is not None else None


def kr_score(
    kr: KeyResult,
    as_of: Any = None,
    profile: str | Profile | None = None,
    period: Period | str | None = None,
    outdated_days: int | None = None,
) -> KrScore:
    """Score one key result at ``as_of`` (default: today clamped to the period).

    ``profile`` and ``period`` default to the workshop's; ``outdated_days`` to
    the workshop setting ``outdated_days`` (14). Check-ins dated after
    ``as_of`` or after the period end are ignored.
    """
    ws = _workshop_of(kr)
    if period is None:
        if ws is None:
            raise ValidationError("period", f"key result {kr.text[:40]!r} is not in a workshop; pass period=")
        period = ws.period
    elif not isinstance(period, Period):
        period = Period.parse(period)
    if profile is None:
        profile = ws.profile if ws is not None else "google"
    if outdated_days is None:
        outdated_days = _outdated_days(ws)
    day = resolve_as_of(period, as_of)
    return _score_kr(kr, day, period, get_profile(profile), outdated_days)


def _outdated_days(ws: Workshop | None) -> int:
    value = ws.settings.get("outdated_days") if ws is not None else None
    if value is None:
        return pace.OUTDATED_DAYS
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 1:
        raise ValidationError("settings outdated_days", f"expected a whole number of days ≥ 1, got {value!r:.20}")
    return int(value)


def _score_kr(kr: KeyResult, as_of: dt.date, period: Period, profile: Profile, outdated_days: int) -> KrScore:
    cutoff = min(as_of, period.end)
    history = [c for c in kr.history if c.on <= cutoff]
    kind, baseline, target = kr.kind, kr.baseline, kr.target
    due = kr.due if kr.due is not None and period.start <= kr.due <= period.end else period.end
    elapsed = _elapsed(period.start, due, as_of)
    obj_type = kr.objective.type if kr.objective is not None else None
    goal = 1.0 if profile.percent else EXPECTED_GRADE[obj_type]
    expected = elapsed * goal
    over = as_of >= due

    latest = history[-1] if history else None
    current = latest.value if latest else None
    raw = progress(kind, baseline, target, current)
    computed = _grade(raw)
    unmeasurable = missing_numbers(kind, baseline, target)
    if latest is None and unmeasurable is None:
        computed = 0.0  # no check-in: nothing achieved yet, and never green
    overridden = kr.grade_override is not None
    grade = round_grade(kr.grade_override) if overridden else computed
    confidences = [c.confidence for c in history]
    confidence = next((c for c in reversed(confidences) if c is not None), kr.confidence)
    days_since = (cutoff - latest.on).days if latest else None

    binary = kind in (Kind.AT_LEAST, Kind.AT_MOST, Kind.MILESTONE)
    if unmeasurable is not None:
        status = "not_measurable"  # a reminder to fill in the numbers, not "outdated" for want of check-ins
    elif latest is None:
        status = "outdated" if (cutoff - period.start).days > outdated_days else "not_started"
    elif raw is not None and raw >= 1.0 and (over or kind in (Kind.INCREASE, Kind.DECREASE, Kind.MILESTONE)):
        status = "done"
    elif days_since > outdated_days:
        status = "outdated"
    elif raw is None:
        status = "not_measurable"
    else:
        status = pace.worst(pace.pace_status(raw, expected, elapsed, binary=binary), pace.confidence_status(confidence))

    forecast = forecast_grade = None
    if kind is not Kind.MILESTONE and history:
        if over:
            forecast = current
        else:
            points = [(c.on, c.value) for c in history[-pace.FORECAST_POINTS :]]
            if len({p[0] for p in points}) < 2 and baseline is not None and points[0][0] > period.start:
                points.insert(0, (period.start, baseline))
            forecast = pace.linear_forecast(points, due)
        forecast_grade = _grade(progress(kind, baseline, target, forecast))
    # A warning looks ahead; once the due date has passed the grade itself tells.
    warning = not over and forecast_grade is not None and status != "done" and forecast_grade < goal - 1e-9

    return KrScore(
        current=current,
        progress=raw,
        grade=grade,
        computed_grade=computed,
        overridden=overridden,
        override_reason=kr.override_reason if overridden else "",
        band=profile.band(grade),
        confidence=confidence,
        confidence_trend=pace.confidence_trend(confidences),
        elapsed=round(elapsed, 4),
        expected=round(expected, 4),
        status=status,
        forecast=forecast,
        forecast_grade=forecast_grade,
        warning=warning,
        last_check_in=latest.on if latest else None,
        days_since=days_since,
        check_ins=len(history),
        not_measurable_reason=unmeasurable,
    )


def _elapsed(start: dt.date, end: dt.date, as_of: dt.date) -> float:
    days = (end - start).days + 1
    return min(1.0, max(0.0, ((as_of - start).days + 1) / days))


# --------------------------------------------------------------------------- tables


def _context(ws: Workshop, as_of: Any, profile: Any) -> tuple[dt.date, Profile, int]:
    return resolve_as_of(ws.period, as_of), get_profile(profile or ws.profile), _outdated_days(ws)


def _rows(ws: Workshop, as_of: dt.date, prof: Profile, outdated_days: int):
    for team in ws.teams:
        for obj in team.objectives:
            for kr in obj.key_results:
                yield team, obj, kr, _score_kr(kr, as_of, ws.period, prof, outdated_days)


def score(ws: Workshop, as_of: Any = None, profile: str | None = None):
    """One row per key result: progress, grade, band, confidence, status, forecast (pandas.DataFrame)."""
    day, prof, outdated_days = _context(ws, as_of, profile)
    return _score_frame(ws, list(_rows(ws, day, prof, outdated_days)), day, prof)


def _score_frame(ws: Workshop, scored: list, day: dt.date, prof: Profile):
    """The ``score`` table of rows already scored: (team, objective, key result, KrScore) each."""
    import pandas as pd

    records = []
    for team, obj, kr, s in scored:
        records.append(
            (
                team.name, obj.title, kr.text, kr.kind.value, kr.baseline, kr.target, s.current, s.progress, s.grade,
                s.band, s.confidence, s.status, team.id, obj.id, kr.id, kr.unit, kr.metric, kr.owner, kr.weight,
                obj.type.value if obj.type else None, obj.weight, s.expected, s.forecast, s.forecast_grade,
                s.warning, s.computed_grade, s.overridden, s.override_reason, s.confidence_trend, s.last_check_in,
                s.days_since, s.check_ins, s.not_measurable_reason,
            )
        )  # fmt: skip
    frame = pd.DataFrame.from_records(records, columns=SCORE_COLUMNS)
    frame = frame.astype({"confidence": "Int64", "days_since": "Int64"})
    frame.attrs.update(as_of=day, profile=prof.key, period=ws.period.label)
    return frame


def check_in_table(ws: Workshop, as_of: Any = None):
    """Every check-in, one row each, by key result and date, with its progress (pandas.DataFrame).

    ``counted`` is False for check-ins dated after ``as_of`` or after the
    period end: they are shown but not scored.
    """
    import pandas as pd

    cutoff = min(resolve_as_of(ws.period, as_of), ws.period.end)
    columns = [
        "team", "objective", "key_result", "kind", "unit", "baseline", "target", "on", "value", "progress",
        "grade", "confidence", "comment", "author", "counted", "team_id", "objective_id", "key_result_id",
        "check_in_id", "recorded_at",
    ]  # fmt: skip
    records = []
    for team in ws.teams:
        for obj in team.objectives:
            for kr in obj.key_results:
                for c in kr.history:
                    raw = progress(kr.kind, kr.baseline, kr.target, c.value)
                    records.append(
                        (
                            team.name, obj.title, kr.text, kr.kind.value, kr.unit, kr.baseline, kr.target, c.on,
                            c.value, raw, _grade(raw), c.confidence, c.comment, c.author, c.on <= cutoff, team.id,
                            obj.id, kr.id, c.id, c.recorded_at,
                        )
                    )  # fmt: skip
    return pd.DataFrame.from_records(records, columns=columns)


def _weighted(pairs: list[tuple[float | None, float]]) -> float | None:
    """Weighted mean of grades, skipping None grades and zero weights; None if nothing to average."""
    graded = [(g, w) for g, w in pairs if g is not None and w > 0]
    total = sum(w for _, w in graded)
    if not graded or total <= 0:
        return None
    return round_grade(sum(g * w for g, w in graded) / total)


def _worst_status(statuses: list[str]) -> str | None:
    return max(statuses, key=_STATUS_RANK.__getitem__) if statuses else None


def _status_counts(statuses: list[str]) -> dict[str, int]:
    """How many parts have each status, most severe first (for "5 on track · 1 at risk")."""
    counts: dict[str, int] = {}
    for status in sorted(statuses, key=_STATUS_RANK.__getitem__, reverse=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def _rollup_pace(
    grade: float | None, expected: float, elapsed: float, confidence: float | None, counts: dict[str, int]
) -> str | None:
    """The pace of a whole objective or team: its grade against the grade expected by now.

    Unlike ``status`` (the most severe part), this answers "is the objective as a whole
    where it should be?". Silent key results pull the grade down as zeros, and when half
    or more of the parts have gone silent the pace is "outdated": silence is never green.
    """
    total = sum(counts.values())
    if total and counts.get("outdated", 0) * 2 >= total:
        return "outdated"
    if total and counts.get("done", 0) == total:
        return "done"
    if grade is None:
        return None
    return pace.worst(
        pace.pace_status(grade, expected, elapsed),
        pace.confidence_status(round(confidence) if confidence is not None else None),
    )


def _objective_rows(
    ws: Workshop, day: dt.date, prof: Profile, outdated_days: int, scored: dict[int, KrScore] | None = None
) -> list[dict[str, Any]]:
    """One row per objective; ``scored`` maps ``id(key result)`` to its score when the caller has them already."""
    finished = day >= ws.period.end
    elapsed = _elapsed(ws.period.start, ws.period.end, day)
    rows = []
    for team in ws.teams:
        for obj in team.objectives:
            scores = [
                (kr, scored[id(kr)] if scored is not None else _score_kr(kr, day, ws.period, prof, outdated_days))
                for kr in obj.key_results
            ]
            grade = _weighted([(s.grade, kr.weight) for kr, s in scores])
            computed = [s.computed_grade for _, s in scores if s.computed_grade is not None]
            confidences = [s.confidence for _, s in scores if s.confidence is not None]
            aspirational = obj.type is not ObjectiveType.COMMITTED
            mean_confidence = round(sum(confidences) / len(confidences), 1) if confidences else None
            counts = _status_counts([s.status for _, s in scores])
            rows.append(
                {
                    "team": team.name,
                    "objective": obj.title,
                    "objective_type": obj.type.value if obj.type else None,
                    "weight": obj.weight,
                    "key_results": len(scores),
                    "graded": sum(s.grade is not None for _, s in scores),
                    "grade": grade,
                    "band": prof.band(grade),
                    "expected_grade": EXPECTED_GRADE[obj.type],
                    "expected": round(elapsed * EXPECTED_GRADE[obj.type], 4),
                    "status": _worst_status([s.status for _, s in scores]),
                    "status_counts": counts,
                    "pace": _rollup_pace(grade, elapsed * EXPECTED_GRADE[obj.type], elapsed, mean_confidence, counts),
                    "confidence": mean_confidence,
                    "warnings": sum(s.warning for _, s in scores),
                    "in_sweet_spot": aspirational and prof.in_sweet_spot(grade),
                    "needs_comment": obj.type is ObjectiveType.COMMITTED and finished and (grade or 0.0) < 1.0,
                    "sandbagging_hint": aspirational and len(computed) >= 2 and all(g >= 1.0 for g in computed),
                    "team_id": team.id,
                    "objective_id": obj.id,
                }
            )
    return rows


def objective_summary(ws: Workshop, as_of: Any = None, profile: str | None = None):
    """One row per objective: weighted mean grade of its key results, band, status and hints (pandas.DataFrame).

    needs_comment: a committed objective that ended below 1.0; sandbagging_hint:
    an aspirational objective whose key results all reached 1.0.
    """
    return _objective_frame(_objective_rows(ws, *_context(ws, as_of, profile)))


def _objective_frame(rows: list[dict[str, Any]]):
    import pandas as pd

    columns = list(rows[0]) if rows else ["team", "objective", "grade", "band", "status", "team_id", "objective_id"]
    return pd.DataFrame(rows, columns=columns)


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 1) if known else None


def _team_rows(
    ws: Workshop, day: dt.date, prof: Profile, outdated_days: int, objectives: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """One row per team; ``objectives``: the ``_objective_rows`` of that day, when the caller has them already."""
    elapsed = _elapsed(ws.period.start, ws.period.end, day)
    if objectives is None:
        objectives = _objective_rows(ws, day, prof, outdated_days)
    by_team: dict[str, list[dict[str, Any]]] = {}
    for r in objectives:
        by_team.setdefault(r["team_id"], []).append(r)
    rows = []
    for team in ws.teams:
        mine = by_team.get(team.id, [])
        grade = _weighted([(r["grade"], r["weight"]) for r in mine])
        aspirational = [r for r in mine if r["objective_type"] != "committed" and r["graded"]]
        counts = _status_counts([s for r in mine for s, n in r["status_counts"].items() for _ in range(n)])
        expected = _weighted([(r["expected"], r["weight"]) for r in mine]) or 0.0
        rows.append(
            {
                "team": team.name,
                "objectives": len(mine),
                "key_results": sum(r["key_results"] for r in mine),
                "grade": grade,
                "band": prof.band(grade),
                "status": _worst_status([r["status"] for r in mine if r["status"]]),
                "status_counts": counts,
                "pace": _rollup_pace(grade, expected, elapsed, _mean([r["confidence"] for r in mine]), counts),
                "needs_comment": sum(r["needs_comment"] for r in mine),
                "sandbagging_hint": len(aspirational) >= 2 and all(r["grade"] >= 1.0 for r in aspirational),
                "team_id": team.id,
            }
        )
    return rows


def team_summary(ws: Workshop, as_of: Any = None, profile: str | None = None):
    """One row per team: weighted mean of its objectives' grades, band, worst status, hints (pandas.DataFrame)."""
    return _team_frame(_team_rows(ws, *_context(ws, as_of, profile)))


def _team_frame(rows: list[dict[str, Any]]):
    import pandas as pd

    columns = list(rows[0]) if rows else ["team", "objectives", "key_results", "grade", "band", "status", "team_id"]
    return pd.DataFrame(rows, columns=columns)


@dataclass(frozen=True, slots=True)
class Tables:
    """The score, objective and team tables of one workshop on one day, computed once for a report.

    grade: the workshop's grade (``workshop_grade``) on that day. Every key result is scored once
    for all of them, so a report that passes one ``Tables`` to its parts scores each key result once.
    """

    day: dt.date
    scores: Any
    objectives: Any
    teams: Any
    grade: float | None = None


def tables(ws: Workshop, as_of: Any = None) -> Tables:
    """``score``, ``objective_summary``, ``team_summary`` and ``workshop_grade`` of ``ws`` on the same day.

    Each key result is scored once, and the roll-ups are built from those scores.
    """
    day, prof, outdated_days = _context(ws, as_of, None)
    scored = list(_rows(ws, day, prof, outdated_days))
    objectives = _objective_rows(ws, day, prof, outdated_days, {id(kr): s for _, _, kr, s in scored})
    teams = _team_rows(ws, day, prof, outdated_days, objectives)
    return Tables(
        day,
        _score_frame(ws, scored, day, prof),
        _objective_frame(objectives),
        _team_frame(teams),
        _workshop_grade(teams),
    )


def workshop_grade(ws: Workshop, as_of: Any = None) -> float | None:
    """The workshop's grade: the plain mean of its teams' grades (teams without a grade skipped)."""
    return _workshop_grade(_team_rows(ws, *_context(ws, as_of, None)))


def _workshop_grade(team_rows: list[dict[str, Any]]) -> float | None:
    grades = [r["grade"] for r in team_rows if r["grade"] is not None]
    return round_grade(sum(grades) / len(grades)) if grades else None


def what_if(ws: Workshop, as_of: Any = None):
    """The same check-ins under every profile, side by side: one row per key result (pandas.DataFrame).

    Columns ``<profile>`` hold the grade as that profile writes it and
    ``<profile>_band`` its band; the grade itself does not depend on the profile.
    """
    import pandas as pd

    day, prof, outdated_days = _context(ws, as_of, None)
    records = []
    for team, obj, kr, s in _rows(ws, day, prof, outdated_days):
        row = {"team": team.name, "objective": obj.title, "key_result": kr.text, "kind": kr.kind.value}
        row["grade"] = s.grade
        for key, profile in PROFILES.items():
            row[key] = profile.format(s.grade)
            row[f"{key}_band"] = profile.band(s.grade)
        row["key_result_id"] = kr.id
        records.append(row)
    columns = ["team", "objective", "key_result", "kind", "grade"]
    columns += [c for key in PROFILES for c in (key, f"{key}_band")] + ["key_result_id"]
    return pd.DataFrame(records, columns=columns)
