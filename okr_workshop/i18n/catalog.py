"""The translation catalogue: one gettext catalogue per language, ``locale/<lang>/LC_MESSAGES/okr_workshop.po``.

Every msgid is a stable dotted key (``"drafting.title"``); the English catalogue holds the
English text, the Swedish one the Swedish text, so a caller names the key and never the text.
Plural entries pair the singular key with the plural key (``msgid "board.objectives.one"``,
``msgid_plural "board.objectives"``) and are looked up with :func:`ngettext`.

The compiled ``.mo`` files ship with the package and are read with the standard library's
``gettext`` (Babel is only needed to extract and compile, see ``make i18n``), so looking up a
text costs no import of Babel. A key missing in Swedish falls back to English, a key missing in
both shows itself, so a gap is visible rather than a crash.
"""

from __future__ import annotations

import gettext as _gettext
from functools import cache
from importlib import resources

from ..errors import ValidationError

LANGS = ("sv", "en")
DOMAIN = "okr_workshop"


def check_lang(lang: str | None, default: str = "sv") -> str:
    """``lang`` if it is sv or en, ``default`` when None; otherwise a clear error."""
    if lang is None:
        return default
    if lang not in LANGS:
        raise ValidationError("lang", f"expected sv or en, got {lang!r:.20}")
    return lang


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (sv or en), loaded once, English as its fallback."""
    check_lang(lang)
    path = resources.files(__package__).joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.mo")
    with path.open("rb") as f:
        catalogue = _gettext.GNUTranslations(f)
    if lang != "en":
        catalogue.add_fallback(translations("en"))
    return catalogue


def _fill(text: str, fields: dict[str, object]) -> str:
    return text.format(**fields) if fields else text


def gettext(lang: str, msgid: str, **fields: object) -> str:
    """The text of ``msgid`` in ``lang`` with ``{fields}`` filled in."""
    return _fill(translations(lang).gettext(msgid), fields)


def ngettext(lang: str, singular: str, plural: str, n: int, **fields: object) -> str:
    """The singular or plural text (by ``n`` and the language's plural rule), ``{n}`` and ``{fields}`` filled in."""
    return translations(lang).ngettext(singular, plural, n).format(n=n, **fields)


def N_(msgid: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark ``msgid`` for extraction where it is looked up later under a computed name."""
    return msgid


def table(msgids: tuple[str, ...], prefix: str) -> dict[str, dict[str, str]]:
    """The texts of ``msgids`` as ``{key: {"sv": ..., "en": ...}}``, each key the msgid without ``prefix``.

    For modules that hand a whole vocabulary to others (dropdown lists, sheet names, headings).
    """
    return {msgid.removeprefix(prefix): {lang: gettext(lang, msgid) for lang in LANGS} for msgid in msgids}
