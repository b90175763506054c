"""Scoring: progress and grades per key result, roll-ups, pace and status, profiles."""

from __future__ import annotations

from .grades import (  # noqa: F401
    EXPECTED_GRADE,
    PROFILES,
    SCORE_COLUMNS,
    KrScore,
    Profile,
    Tables,
    band,
    check_in_table,
    get_profile,
    kr_score,
    missing_numbers,
    objective_summary,
    progress,
    resolve_as_of,
    round_grade,
    score,
    tables,
    team_summary,
    what_if,
    workshop_grade,
)

__all__ = ["band", "check_in_table", "EXPECTED_GRADE", "get_profile", "kr_score", "KrScore", "missing_numbers", "objective_summary", "Profile", "PROFILES", "progress", "resolve_as_of", "round_grade", "score", "SCORE_COLUMNS", "Tables", "tables", "team_summary", "what_if", "workshop_grade"]  # fmt: skip
