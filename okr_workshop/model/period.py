"""OKR periods: ``2027-Q1``, ``2027-H2``, ``2027``, ``2027-03`` or an explicit date range."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from .validate import EARLIEST, LATEST, _date, invalid


@dataclass(frozen=True, slots=True)
class Period:
    """An OKR period: a label such as ``2027-Q1`` and its first and last day."""

    label: str
    start: dt.date
    end: dt.date

    @classmethod
    def parse(cls, text: Any, where: str = "period") -> Period:
        """``2027-Q1``, ``2027-H2``, ``2027``, ``2027-03`` or ``2027-01-01..2027-04-30``."""
        if not isinstance(text, str):
            raise invalid(where, "period.type", value=f"{text!r:.40}")
        label = text.strip().upper().replace(" ", "")
        if (m := re.match(r"(\d{4})(?!-\d{2}-\d{2})", label)) and not EARLIEST.year <= int(m[1]) <= LATEST.year:
            raise invalid(
                where, "period.year", year=m[1], value=f"{text!r:.40}", earliest=EARLIEST.year, latest=LATEST.year
            )
        if m := re.fullmatch(r"(\d{4})-?Q([1-4])", label):
            year, q = int(m[1]), int(m[2])
            start = dt.date(year, 3 * q - 2, 1)
            end = _month_end(year, 3 * q)
            label = f"{year}-Q{q}"
        elif m := re.fullmatch(r"(\d{4})-?H([12])", label):
            year, h = int(m[1]), int(m[2])
            start, end = dt.date(year, 6 * h - 5, 1), _month_end(year, 6 * h)
            label = f"{year}-H{h}"
        elif m := re.fullmatch(r"(\d{4})", label):
            year = int(m[1])
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        elif m := re.fullmatch(r"(\d{4})-(\d{2})", label):
            year, month = int(m[1]), int(m[2])
            if not 1 <= month <= 12:
                raise invalid(where, "period.month", month=month, value=repr(text))
            start, end = dt.date(year, month, 1), _month_end(year, month)
        elif m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", label):
            start, end = _date(where, m[1], required=True), _date(where, m[2], required=True)
            if end < start:
                raise invalid(where, "period.reversed", value=repr(text))
            label = f"{start.isoformat()}..{end.isoformat()}"
        else:
            raise invalid(where, "period.invalid", value=f"{text!r:.40}")
        _date(where, start, required=True)
        _date(where, end, required=True)
        return cls(label, start, end)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def elapsed(self, as_of: dt.date) -> float:
        """Share of the period that has passed at the end of ``as_of``, 0..1."""
        done = (as_of - self.start).days + 1
        return min(1.0, max(0.0, done / self.days))


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)
