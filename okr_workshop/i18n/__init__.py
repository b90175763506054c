"""Texts for people in Swedish and English: the widget texts, the scoring labels."""

from __future__ import annotations

from .texts import LANGS, check_lang, t  # noqa: F401

__all__ = ["check_lang", "LANGS", "t"]  # fmt: skip
