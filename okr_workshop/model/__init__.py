"""The domain model: entities, the field registry, field validation, periods, the JSON format."""

from __future__ import annotations

from typing import Any

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

_REGISTRY: dict[str, Any] | None = None


def registry() -> dict[str, Any]:
    """The field registry (``fields.REGISTRY``), imported on first use so that ``import okr_workshop`` stays light."""
    global _REGISTRY
    if _REGISTRY is None:
        from .fields import REGISTRY

        _REGISTRY = REGISTRY
    return _REGISTRY
