"""End-of-quarter grade overrides as a facilitator writes them in the scoring notebook.

Two forms, the same meaning:

* lines, one key result a line: ``KR text or id = 0,7 : reason`` (a decimal comma or point,
  or ``70 %``; ``= -`` clears an override; empty lines and lines starting with ``#`` are skipped);
* a dict, as before: ``{"KR text or id": [0.7, "reason"]}`` (or ``"0,7 : reason"`` as the value).

Every entry is checked before anything is written (all or nothing), and a mistake is one line
in the workshop's language that says which entry and how to write it.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from typing import Any

from ..errors import NotFoundError, ValidationError
from ..i18n import N_, gettext

CLEAR = ("-", "–", "—")
_GRADE = r"[-+]?\d+(?:[.,]\d+)?\s*%?|[-+]?[.,]\d+\s*%?"
_LINE = re.compile(rf"^(?P<key>.+?)\s*=\s*(?P<grade>{_GRADE}|[-–—])\s*(?::\s*(?P<reason>.*?))?\s*$")
_VALUE = re.compile(rf"^\s*(?P<grade>{_GRADE}|[-–—])\s*(?::\s*(?P<reason>.*?))?\s*$")
SHOWN = 60  # characters of participant text quoted in an error

MESSAGES = (N_("overrides.line_format"), N_("overrides.value_format"), N_("overrides.not_a_grade"),
            N_("overrides.out_of_range"), N_("overrides.no_reason"), N_("overrides.unknown"),
            N_("overrides.ambiguous"), N_("overrides.wrong_type"), N_("overrides.line"))  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Override:
    """One entry: where it was written (for errors), the key result's id or text, the grade (None clears)."""

    where: str
    key: str
    grade: float | None
    reason: str


def _say(lang: str, name: str, **fields: Any) -> str:
    return gettext(lang, f"overrides.{name}", **fields)


def _short(text: Any) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _grade(raw: Any, where: str, lang: str) -> float | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise ValidationError(where, _say(lang, "not_a_grade", grade=_short(raw)))
    if isinstance(raw, str):
        text = raw.strip()
        if text in CLEAR:
            return None
        if not re.fullmatch(_GRADE, text):
            raise ValidationError(where, _say(lang, "not_a_grade", grade=_short(raw)))
        percent = text.endswith("%")
        value = float(text.rstrip("% ").replace(",", ".")) / (100 if percent else 1)
    else:
        value = float(raw)
    if not 0 <= value <= 1:
        raise ValidationError(where, _say(lang, "out_of_range", grade=_short(raw)))
    return value


def _entry(where: str, key: str, grade: Any, reason: Any, lang: str) -> Override:
    value = _grade(grade, where, lang)
    reason = "" if reason is None else str(reason).strip()
    if value is not None and not reason:
        raise ValidationError(where, _say(lang, "no_reason"))
    return Override(where, key.strip(), value, reason)


def parse(overrides: Any, lang: str) -> list[Override]:
    """The entries of ``overrides`` (lines or a dict), each checked; a bad one raises a one-line error."""
    if overrides is None:
        return []
    if isinstance(overrides, str):
        out = []
        for number, line in enumerate(overrides.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            where = _say(lang, "line", n=number)
            found = _LINE.match(line.strip())
            if found is None:
                raise ValidationError(where, _say(lang, "line_format", text=_short(line)))
            out.append(_entry(where, found["key"], found["grade"], found["reason"], lang))
        return out
    if not isinstance(overrides, Mapping):
        raise ValidationError("overrides", _say(lang, "wrong_type", type=type(overrides).__name__))
    out = []
    for key, value in overrides.items():
        where = f"overrides[«{_short(key)}»]"
        if isinstance(value, str):
            found = _VALUE.match(value)
            if found is None:
                raise ValidationError(where, _say(lang, "value_format", text=_short(value)))
            grade, reason = found["grade"], found["reason"]
        elif isinstance(value, (list, tuple)):
            if not 1 <= len(value) <= 2:
                raise ValidationError(where, _say(lang, "value_format", text=_short(value)))
            grade, reason = (list(value) + [""])[:2]
        else:
            grade, reason = value, ""
        out.append(_entry(where, str(key), grade, reason, lang))
    return out


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def apply(workshop_path: str | os.PathLike, overrides: Any, lang: str | None = None) -> int:
    """Store the overrides (``parse``) in the workshop; returns how many. Nothing is written when one is wrong."""
    from ..storage.store import load, open_store

    ws = load(workshop_path)
    lang = lang if lang in ("sv", "en") else ws.lang
    entries = parse(overrides, lang)
    if not entries:
        return 0
    ids = {kr.id for kr in ws.key_results}
    by_text: dict[str, list[str]] = {}
    for kr in ws.key_results:
        by_text.setdefault(_norm(kr.text), []).append(kr.id)
    chosen = []
    for entry in entries:
        matches = [entry.key] if entry.key in ids else by_text.get(_norm(entry.key), [])
        if not matches:
            raise NotFoundError(f"{entry.where}: {_say(lang, 'unknown', key=_short(entry.key))}")
        if len(matches) > 1:
            raise NotFoundError(
                f"{entry.where}: {_say(lang, 'ambiguous', n=len(matches), key=_short(entry.key), ids=', '.join(matches))}"
            )
        chosen.append((matches[0], entry))
    with open_store(workshop_path) as store, store.transaction():
        for kr_id, entry in chosen:
            store.set_override(kr_id, entry.grade, entry.reason)
    return len(chosen)
