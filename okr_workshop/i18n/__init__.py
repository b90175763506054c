"""Texts for people in Swedish and English: one gettext catalogue per language, Babel formatting."""

from __future__ import annotations

from .catalog import LANGS, N_, check_lang, gettext, ngettext
from .texts import t

__all__ = ["check_lang", "gettext", "LANGS", "N_", "ngettext", "t"]  # fmt: skip
