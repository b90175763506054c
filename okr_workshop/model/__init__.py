"""The domain model: entities, field validation, periods, the JSON format."""

from __future__ import annotations

from .entities import (  # noqa: F401
    EARLIEST,
    JSON_FORMAT,
    JSON_VERSION,
    LANGS,
    LATEST,
    MAX_TEXT,
    PROFILES,
    CheckIn,
    Indicator,
    KeyResult,
    Kind,
    Objective,
    ObjectiveType,
    Period,
    Team,
    Workshop,
    new_id,
)

__all__ = ["CheckIn", "EARLIEST", "Indicator", "JSON_FORMAT", "JSON_VERSION", "KeyResult", "Kind", "LANGS", "LATEST", "MAX_TEXT", "new_id", "Objective", "ObjectiveType", "Period", "PROFILES", "Team", "Workshop"]  # fmt: skip
