"""Pace: where a key result should be by now, its status, confidence trend and forecast.

Pure functions of plain values (no model objects, no pandas), so widgets can
call them on every keystroke.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence

# Status keys, from best to worst; "worst of" picks the later one.
STATUSES = ("done", "on_track", "at_risk", "off_track", "outdated", "not_started", "not_measurable")
ON_TRACK, AT_RISK, OFF_TRACK = "on_track", "at_risk", "off_track"
_SEVERITY = {ON_TRACK: 0, AT_RISK: 1, OFF_TRACK: 2}

# Pace tolerances: how far progress may lag the expected share before the status changes.
AT_RISK_GAP = 0.10
OFF_TRACK_GAP = 0.25
# Confidence (1–10): 5 is healthy for an ambitious key result; below that it is a signal.
CONFIDENCE_AT_RISK = 4  # 3–4
CONFIDENCE_OFF_TRACK = 2  # 1–2
# Binary kinds (threshold, milestone) not yet met: at risk from half the period, off track near the end.
BINARY_AT_RISK_ELAPSED = 0.5
BINARY_OFF_TRACK_ELAPSED = 0.9
OUTDATED_DAYS = 14
FORECAST_POINTS = 3


def pace_status(progress: float, expected: float, elapsed: float, *, binary: bool = False) -> str:
    """on_track / at_risk / off_track from progress against the progress expected by now.

    Continuous kinds compare progress with ``expected``; binary kinds
    (threshold, milestone) not yet met look only at the share ``elapsed``.
    """
    if binary:
        if progress >= 1.0:
            return ON_TRACK
        if elapsed >= BINARY_OFF_TRACK_ELAPSED:
            return OFF_TRACK
        return AT_RISK if elapsed >= BINARY_AT_RISK_ELAPSED else ON_TRACK
    gap = expected - progress
    if gap <= AT_RISK_GAP + 1e-9:
        return ON_TRACK
    return AT_RISK if gap <= OFF_TRACK_GAP + 1e-9 else OFF_TRACK


def confidence_status(confidence: int | None) -> str:
    """on_track / at_risk / off_track from the latest confidence (None says nothing)."""
    if confidence is None or confidence > CONFIDENCE_AT_RISK:
        return ON_TRACK
    return OFF_TRACK if confidence <= CONFIDENCE_OFF_TRACK else AT_RISK


def worst(*statuses: str) -> str:
    """The most severe of on_track / at_risk / off_track."""
    return max(statuses, key=lambda s: _SEVERITY[s])


def confidence_trend(confidences: Sequence[int | None]) -> str | None:
    """ "up", "down" or "flat": the latest confidence against the one before (None if fewer than two)."""
    known = [c for c in confidences if c is not None]
    if len(known) < 2:
        return None
    diff = known[-1] - known[-2]
    return "up" if diff > 0 else "down" if diff < 0 else "flat"


def linear_forecast(points: Sequence[tuple[dt.date, float]], end: dt.date) -> float | None:
    """The value at ``end`` projected by a least-squares line through (date, value) points.

    None when fewer than two distinct dates. A projection, not a promise.
    """
    if len({day for day, _ in points}) < 2:
        return None
    origin = points[0][0]
    fit = statistics.linear_regression([(day - origin).days for day, _ in points], [value for _, value in points])
    return fit.intercept + fit.slope * (end - origin).days
