"""``t(key, lang)``: the widget and app texts by key, from the translation catalogue (see ``catalog``)."""

from __future__ import annotations

from .catalog import LANGS, check_lang, gettext, ngettext  # noqa: F401


def t(key: str, lang: str = "sv", **values: object) -> str:
    """The text for ``key`` in ``lang`` with ``values`` filled in (English, then the key, as fallback)."""
    return gettext(lang, key, **values)
