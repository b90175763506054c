"""Scripted answers as the command line passes them: ``papermill -p answers '["kr-activity"]'`` gives text."""

from __future__ import annotations

import json
from typing import Any

from ..errors import ValidationError


def parse_answers(value: Any, where: str = "answers") -> Any:
    """``value`` itself, or the list/dict a JSON text (starting with [ or {) holds; comma text stays as it is."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text or text in ("None", "null"):
        return None
    if text[0] not in "[{":
        return value  # e.g. "objective-number, kr-activity": the exercises read comma-separated text
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ValidationError(
            where,
            f"not valid JSON ({err.msg} at character {err.pos + 1}); write it as '[\"kr-activity\"]' or "
            "'{\"KR1\": 0.6}' with double quotes",
        ) from None
