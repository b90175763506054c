"""Swedish and English texts for user-facing strings (widgets, and anyone who adds keys).

Texts live as data in ``locales/<lang>.json``, one flat mapping of keys such as
``"drafting.title"`` to text with optional ``{placeholders}``. ``t(key, lang)``
looks a key up, falls back to English and then to the key itself, so a missing
translation shows up as a visible key rather than a crash.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from ..errors import ValidationError

LANGS = ("sv", "en")


@cache
def texts(lang: str) -> dict[str, str]:
    """All texts of one language (``sv`` or ``en``), loaded once."""
    if lang not in LANGS:
        raise ValidationError("lang", f"expected sv or en, got {lang!r:.20}")
    raw = resources.files(__package__).joinpath("locales", f"{lang}.json").read_text(encoding="utf-8")
    return json.loads(raw)


def t(key: str, lang: str = "sv", **values: object) -> str:
    """The text for ``key`` in ``lang`` with ``values`` filled in (English, then the key, as fallback)."""
    text = texts(lang).get(key)
    if text is None:
        text = texts("en").get(key, key)
    return text.format(**values) if values else text


def check_lang(lang: str | None, default: str = "sv") -> str:
    """``lang`` if it is sv or en, ``default`` when None; otherwise a clear error."""
    if lang is None:
        return default
    if lang not in LANGS:
        raise ValidationError("lang", f"expected sv or en, got {lang!r:.20}")
    return lang
