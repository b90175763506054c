"""Validators shared by the model and the readers: each names the field and says how to fix it."""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
import uuid
from typing import Any

from ..errors import ValidationError
from ..i18n.errors import english

MAX_TEXT = 10_000
# Dates outside this window are typing mistakes, not OKR periods.
EARLIEST = dt.date(1990, 1, 1)
LATEST = dt.date(2100, 12, 31)


def invalid(where: str, code: str, **params: object) -> ValidationError:
    """A ValidationError for ``where`` with the catalogue's ``error.<code>`` (English text, code and params)."""
    return ValidationError(where, english(code, params), code=code, params=params)


def new_id() -> str:
    """A stable, globally unique id (safe across kernels writing one file)."""
    return uuid.uuid4().hex


# Refused in text: control characters other than tab and newline (C0, DEL, C1: terminal escapes, form
# feeds, NULs), the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069: they
# make a text read in another order than it is stored, "Trojan Source") and lone surrogates (half a
# character, from undecodable input). One search per text.
_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def text_problem(value: str) -> tuple[int, str] | None:
    """The first character a text field refuses, as (position, "U+XXXX"), or None when the text is fine.

    Call after CR/LF normalisation (see ``_text``): a carriage return is a newline there.
    """
    found = _REFUSED.search(value)
    return None if found is None else (found.start(), f"U+{ord(found.group()):04X}")


def scrub(value: Any) -> Any:
    """Text stored before the model refused control characters, with each refused one made U+FFFD (�).

    For reading old workshop files: the file stays readable, the character is
    visible instead of acting on a terminal, and the next save stores the
    cleaned text. Anything that is not text is returned as it is.
    """
    if not isinstance(value, str):
        return value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value if _REFUSED.search(value) is None else _REFUSED.sub("\ufffd", value)


def _text(where: str, value: Any, *, required: bool = False) -> str:
    """The one validator of every text field: a str, no control characters or lone surrogates, not too long."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise invalid(where, "text.type", type=type(value).__name__, value=f"{value!r:.40}")
    if "\r" in value:  # Windows and old Mac line ends are newlines, not control characters
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    found = _REFUSED.search(value)
    if found is not None:
        code = ord(found.group())
        what = "text.surrogate" if 0xD800 <= code <= 0xDFFF else "text.control"
        raise invalid(where, what, char=f"U+{code:04X}", position=found.start() + 1)
    if len(value) > MAX_TEXT:
        raise invalid(where, "text.too_long", length=len(value), limit=MAX_TEXT)
    if required and not value.strip():
        raise invalid(where, "text.empty")
    return value


# Spaces people and spreadsheets put between groups of thousands: space, no-break, narrow no-break, thin.
_GROUP_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
_PLAIN = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_COMMA_GROUPS = re.compile(r"([+-]?)([1-9]\d{0,2})((?:,\d{3})+)")  # 1,000 / 12,000: thousands or a decimal?
_EN_GROUPS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+\.\d+")  # 1,234.5
_SV_GROUPS = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+,\d+")  # 1.234,5
_SPACED = re.compile(r"[+-]?\d{1,3}(?: \d{3})+(?:[.,]\d+)?")  # 12 000 / 1 234,5


class AmbiguousNumberError(ValidationError):
    """A number such as "12,000" whose comma may separate thousands or decimals."""

    def __init__(self, where: str, text: str, whole: str, decimal: str):
        self.text, self.whole, self.decimal = text, whole, decimal
        params = {"value": f"{text!r:.40}", "whole": whole, "decimal": decimal}
        super().__init__(where, english("number.ambiguous", params), code="number.ambiguous", params=params)


def parse_number(where: str, text: str) -> float:
    """A number typed as text, read the same way everywhere (model, app inputs, workbook text cells).

    A decimal comma or point is accepted ("4,5", "4.5"), as are spaces between groups of thousands
    ("12 000") and full groupings ("1,234.5", "1.234,5"). "1,000" and "12,000" are refused: the comma
    may separate thousands or decimals, and guessing either way silently changes the number a thousandfold.
    """
    raw = text.strip().replace("\u2212", "-")
    s = _GROUP_SPACES.sub(" ", raw)
    if " " in s:
        if not _SPACED.fullmatch(s):
            raise invalid(where, "number.invalid", value=f"{text!r:.40}")
        s = s.replace(" ", "")
    if _PLAIN.fullmatch(s) or s.lstrip("+-").lower() in ("inf", "infinity", "nan"):  # not finite: refused below
        return float(s)
    m = _COMMA_GROUPS.fullmatch(s)
    if m:
        whole = m[1] + m[2] + m[3].replace(",", "")
        decimal = f"{m[1]}{m[2]}.{m[3][1:].replace(',', '').rstrip('0') or '0'}"
        raise AmbiguousNumberError(where, text.strip(), whole, decimal)
    if _EN_GROUPS.fullmatch(s):
        return float(s.replace(",", ""))
    if _SV_GROUPS.fullmatch(s):
        return float(s.replace(".", "").replace(",", "."))
    if s.count(",") == 1 and _PLAIN.fullmatch(s.replace(",", ".")):
        return float(s.replace(",", "."))  # a decimal comma: 4,5 / 0,125 / 1234,5
    raise invalid(where, "number.invalid", value=f"{text!r:.40}")


def _number(where: str, value: Any) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise invalid(where, "number.invalid", value=repr(value))
    if isinstance(value, str):
        value = parse_number(where, value)
    try:
        value = float(value)  # int, numpy scalars, Decimal
    except (TypeError, ValueError):
        raise invalid(where, "number.invalid", value=type(value).__name__) from None
    except OverflowError:
        raise invalid(where, "number.too_large") from None
    if not math.isfinite(value):
        raise invalid(where, "number.not_finite", value=f"{value}")
    if abs(value) > 1e15:
        raise invalid(where, "number.too_large_value", value=f"{value:g}")
    return value


def _confidence(where: str, value: Any, *, required: bool = False) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise invalid(where, "confidence.required")
        return None
    number = _number(where, value)
    if number is None or number != int(number) or not 1 <= number <= 10:
        raise invalid(where, "confidence.range", value=f"{value!r:.20}")
    return int(number)


# A date, optionally with the time of day a spreadsheet or an ISO timestamp adds; nothing else after it.
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?")


def parse_date(where: str, text: str) -> dt.date:
    """A date typed as text: YYYY-MM-DD, possibly followed by a time; "2027-01-015" is refused, not cut short."""
    m = _DATE.fullmatch(text.strip())
    try:
        if m is None:
            raise ValueError(text)
        return dt.date.fromisoformat(m[1])
    except ValueError:
        raise invalid(where, "date.invalid", value=f"{text!r:.40}") from None


def _date(where: str, value: Any, *, required: bool = False) -> dt.date | None:
    if value is None or value == "":
        if required:
            raise invalid(where, "date.required")
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    elif isinstance(value, str):
        value = parse_date(where, value)
    elif not isinstance(value, dt.date):
        raise invalid(where, "date.type", type=type(value).__name__)
    if not EARLIEST <= value <= LATEST:
        raise invalid(where, "date.out_of_range", date=value.isoformat(), earliest=EARLIEST.year, latest=LATEST.year)
    return value


# The vocabulary whose labels name an enum's values in a message (error.choice.*); others show their values.
_VOCABULARY = {"Kind": "kind", "ObjectiveType": "type", "Indicator": "indicator"}


def _enum(where: str, cls: type[enum.Enum], value: Any, *, optional: bool = False):
    choices = {"choices": tuple(m.value for m in cls), "vocabulary": _VOCABULARY.get(cls.__name__, "")}
    if value is None or value == "":
        if optional:
            return None
        raise invalid(where, "choice.required", **choices)
    if isinstance(value, cls):
        return value
    try:
        return cls(str(value).strip().lower())
    except ValueError:
        raise invalid(where, "choice.invalid", value=f"{value!r:.40}", **choices) from None


def _weight(where: str, value: Any) -> float:
    number = _number(where, 1.0 if value is None else value)
    if number is None or number < 0:
        raise invalid(where, "weight.invalid", value=repr(value))
    return number


def _id(where: str, value: Any) -> str:
    if value is None or value == "":
        return new_id()
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_.:-]{1,64}", value):
        raise invalid(where, "id.invalid", value=f"{value!r:.40}")
    return value
