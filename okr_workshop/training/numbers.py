"""Numbers written in a key result's text ("från 5 till 0", "from 1,800 to 3,000") and whether they agree with
the key result's fields (baseline, target)."""

from __future__ import annotations

import re

_NUM = {
    "sv": r"-?\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|-?\d+(?:,\d+)?",
    "en": r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?",
}
_WORDS = {"sv": ("från", "till", "upp från|ned från|ner från"), "en": ("from", "to", "up from|down from")}


def _patterns(lang: str) -> tuple[re.Pattern, re.Pattern]:
    num, (frm, to, since) = _NUM[lang], _WORDS[lang]
    from_to = re.compile(rf"\b{frm}\s+(?P<a>{num})\s*(?:%|[^\W\d]+\.?)?\s+{to}\s+(?P<b>{num})(?!\d)", re.IGNORECASE)
    up_from = re.compile(rf"\b(?:{since})\s+(?P<a>{num})(?!\d)", re.IGNORECASE)
    return from_to, up_from


def parse_number(text: str, lang: str) -> float:
    """A number as written in ``lang`` ("1 800", "6,5"; "1,800", "6.5") as a float."""
    if lang == "sv":
        return float(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))
    return float(text.replace(",", ""))


def as_number(value) -> float | None:
    """A field's value as a number: numbers as they are, typed text with a decimal comma or point; None when
    empty or not a number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        return float(text) if text else None
    except ValueError:
        return None


def written_values(text: str, lang: str) -> tuple[float | None, float | None]:
    """(baseline, target) as the text states them: "från A till B" gives both, "upp från A" the baseline only."""
    from_to, up_from = _patterns(lang)
    m = from_to.search(text or "")
    if m:
        return parse_number(m["a"], lang), parse_number(m["b"], lang)
    m = up_from.search(text or "")
    if m:
        return parse_number(m["a"], lang), None
    return None, None


def disagreements(kr: dict, lang: str) -> list[str]:
    """The fields ("baseline", "target") whose value contradicts the number the text states for it."""
    base, target = written_values(str(kr.get("text") or ""), lang)
    out = []
    for name, written in (("baseline", base), ("target", target)):
        value = as_number(kr.get(name))
        if written is None:
            continue
        if value is None or abs(value - written) > 1e-9:
            out.append(name)
    return out


def replace_target(text: str, lang: str, new: str) -> str | None:
    """``text`` with the target of "från A till B" replaced by ``new``; None when the text states no target."""
    from_to, _ = _patterns(lang)
    m = from_to.search(text or "")
    if not m:
        return None
    return text[: m.start("b")] + new + text[m.end("b") :]
