"""Numbers, percentages and dates for people, through Babel (imported on first use).

Swedish: ``12 500`` (a no-break space groups thousands), ``0,65``, ``−3`` (a real minus sign,
U+2212), ``65 %``; English: ``12,500``, ``0.65``, ``-3``, ``65%``.
"""

from __future__ import annotations

import datetime
import decimal
from functools import cache

from .catalog import check_lang

_LOCALES = {"sv": "sv_SE", "en": "en_GB"}


@cache
def _minus(lang: str) -> str:
    from babel.numbers import get_minus_sign_symbol

    return get_minus_sign_symbol(_LOCALES[lang])


def _signed(text: str, lang: str) -> str:
    # Babel's patterns write an ASCII hyphen; CLDR's Swedish minus sign is U+2212.
    return text.replace("-", _minus(lang)) if text.startswith("-") else text


def _pattern(digits: int | None, grouping: bool) -> str:
    whole = "#,##0" if grouping else "0"
    if digits is None:
        return whole + ".###"
    return whole + ("." + "0" * digits if digits else "")


def format_number(value: float, lang: str = "sv", digits: int | None = None, grouping: bool = True) -> str:
    """``value`` in ``lang``: ``digits`` decimals exactly (None: up to three, trailing zeros dropped)."""
    from babel.numbers import format_decimal

    lang = check_lang(lang)
    with decimal.localcontext() as context:
        context.prec = 400  # the largest float has 309 digits; Babel quantizes in the current context
        text = format_decimal(value, format=_pattern(digits, grouping), locale=_LOCALES[lang])
    return _signed(text, lang)


def format_percent(fraction: float, lang: str = "sv", digits: int = 0) -> str:
    """``fraction`` (0.65) as a percentage in ``lang`` ("65 %" in Swedish, "65%" in English)."""
    from babel.numbers import format_percent as _format_percent

    lang = check_lang(lang)
    with decimal.localcontext() as context:
        context.prec = 400
        text = _format_percent(fraction, format=_percent_pattern(lang, digits), locale=_LOCALES[lang])
    return _signed(text, lang)


@cache
def _percent_pattern(lang: str, digits: int) -> str:
    """The locale's own percent pattern ("#,##0 %" in Swedish) with ``digits`` decimals."""
    from babel import Locale

    pattern = Locale.parse(_LOCALES[lang]).percent_formats[None].pattern
    return pattern.replace("0", "0." + "0" * digits, 1) if digits else pattern


def format_date(day: datetime.date, lang: str = "sv", format: str = "medium") -> str:  # noqa: A002 (Babel's name)
    """``day`` in ``lang``: ``medium`` "15 feb. 2027" / "15 Feb 2027", ``long``, ``short`` or a CLDR pattern."""
    from babel.dates import format_date as _format_date

    return _format_date(day, format=format, locale=_LOCALES[check_lang(lang)])
