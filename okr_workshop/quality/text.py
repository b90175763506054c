"""Text handling for the quality rules: tokens, numbers, word lists with
Swedish inflections and compounds, and a language guess. Compiled once, cached."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

LANGS = ("sv", "en")
# "25 000" (a space, no-break or thin space between groups of three) is one number, as Swedes write it.
_TOKEN = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])(?:[.,]\d+)?|\d+(?:[.,:]\d+)*|[^\W\d_]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_TAG = re.compile(r"<[^<>]{0,200}>")
# Periods are not numbers in an objective: 2027, Q1, H2, 2027-Q1, kvartal 3, T2 (tertial).
_PERIOD_WORDS = frozenset({"q", "h", "t", "kv", "kvartal", "quarter", "tertial", "halvår", "half"})
_FROM_TO = {
    "en": re.compile(r"\bfrom\s+(-?\d[\d\s]*(?:[.,]\d+)?)\s*([%\w]*)\s+to\s+(-?\d[\d\s]*(?:[.,]\d+)?)\s*([%a-zåäö]*)"),
    "sv": re.compile(
        r"\bfrån\s+(-?\d[\d\s]*(?:[.,]\d+)?)\s*([%\w]*)\s+till\s+(-?\d[\d\s]*(?:[.,]\d+)?)\s*([%a-zåäö]*)"
    ),
}


def clean(text: object) -> str:
    """Text made safe to analyse: None → "", control characters and HTML tags removed, NFC."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    if not text.isprintable():  # fast path: most texts have no control or format characters
        text = _CONTROL.sub(" ", text)
    return _TAG.sub(" ", text) if "<" in text else text


_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def without_brackets(text: str) -> str:
    """Text with (parenthesised) and [bracketed] asides removed."""
    return _BRACKETS.sub(" ", text)


def tokens(text: str) -> list[str]:
    """Lower-case word and number tokens ("20MSEK" → "20", "msek")."""
    return _TOKEN.findall(text.lower())


@dataclass(frozen=True, slots=True)
class WordList:
    """A compiled word list: exact forms, compound heads and phrases."""

    forms: frozenset
    heads: frozenset  # forms that may end a compound
    phrases: dict  # first form -> tuple of (tuple of frozensets for the following words)
    min_head: int

    def find(self, toks: list[str], start: int = 0, stop: int | None = None) -> tuple[int, str] | None:
        """First (index, matched text) in ``toks[start:stop]``, or None."""
        forms, heads, phrases = self.forms, self.heads, self.phrases
        end = len(toks) if stop is None else min(stop, len(toks))
        for i in range(start, end):
            tok = toks[i]
            if tok in phrases:
                for rest in phrases[tok]:
                    n = len(rest)
                    if i + n < len(toks) and all(toks[i + 1 + j] in rest[j] for j in range(n)):
                        return i, " ".join(toks[i : i + n + 1])
            if tok in forms:
                return i, tok
            if heads and len(tok) >= self.min_head + 3:
                for k in range(3, len(tok) - self.min_head + 1):
                    if tok[k:] in heads:
                        return i, tok
        return None


def _expand(entry: str, suffixes: list[str], exact: bool) -> set[str]:
    return {entry} if exact else {entry + s for s in suffixes}


def _compile(spec: dict, suffixes: list[str]) -> WordList:
    forms: set[str] = set()
    heads: set[str] = set()
    phrases: dict[str, list] = {}
    for raw in spec["words"]:
        exact = raw.startswith("=")
        parts = raw.lstrip("=").lower().split()
        if len(parts) == 1:
            expanded = _expand(parts[0], suffixes, exact)
            forms |= expanded
            if spec.get("compound") and len(parts[0]) >= 5:
                heads |= expanded
        else:
            first = _expand(parts[0], suffixes, exact)
            rest = tuple(frozenset(_expand(p, suffixes, exact)) for p in parts[1:])
            for f in first:
                phrases.setdefault(f, []).append(rest)
    for name in spec.get("not", []):
        forms.discard(name)
        heads.discard(name)
    min_head = min((len(h) for h in heads), default=0)
    return WordList(frozenset(forms), frozenset(heads), {k: tuple(v) for k, v in phrases.items()}, min_head)


@cache
def words(lang: str) -> dict:
    """The raw word-list document for ``lang`` (sv or en)."""
    text = resources.files(__package__).joinpath("words", f"{lang}.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def wordlist(lang: str, name: str) -> WordList:
    """The compiled list ``name`` (activity, output, vague, bau, change, metric, count) for ``lang``."""
    doc = words(lang)
    spec = dict(doc["lists"][name])
    spec["not"] = doc.get("not", {}).get(name, [])
    return _compile(spec, doc["suffixes"])


@cache
def _lexicon(lang: str) -> tuple[dict, dict, dict]:
    """All lists of ``lang`` merged: form -> names, compound head -> names, phrase first word -> [(rest, name)]."""
    forms: dict[str, set] = {}
    heads: dict[str, set] = {}
    phrases: dict[str, list] = {}
    for name in words(lang)["lists"]:
        wl = wordlist(lang, name)
        for f in wl.forms:
            forms.setdefault(f, set()).add(name)
        for h in wl.heads:
            heads.setdefault(h, set()).add(name)
        for first, rests in wl.phrases.items():
            phrases.setdefault(first, []).extend((rest, name) for rest in rests)
    return (
        {k: frozenset(v) for k, v in forms.items()},
        {k: frozenset(v) for k, v in heads.items()},
        {k: tuple(v) for k, v in phrases.items()},
    )


@cache
def _blocked_heads(lang: str) -> frozenset:
    """Compound endings that are words of their own ("utsläpp" is a noun, not "släpp"): no list matches past them."""
    doc = words(lang)
    stems = [w for names in doc.get("not_heads", {}).values() for w in names]
    return frozenset(s + suffix for s in stems for suffix in doc["suffixes"])


@lru_cache(maxsize=65536)
def token_tags(lang: str, tok: str) -> frozenset:
    """Names of the lists a single token belongs to, as a word or as the end of a compound."""
    forms, heads, _ = _lexicon(lang)
    found = forms.get(tok, frozenset())
    if heads and len(tok) >= 8:
        blocked = _blocked_heads(lang)
        for k in range(3, len(tok) - 4):  # longest ending first
            ending = tok[k:]
            if ending in blocked:
                return found
            extra = heads.get(ending)
            if extra:
                return found | extra
    return found


def tag(toks: list[str], lang: str) -> dict[str, list[tuple[int, str]]]:
    """One pass over ``toks``: list name -> [(position, matched text)], phrases included."""
    _, _, phrases = _lexicon(lang)
    hits: dict[str, list[tuple[int, str]]] = {}
    n = len(toks)
    for i, tok in enumerate(toks):
        for name in token_tags(lang, tok):
            hits.setdefault(name, []).append((i, tok))
        rests = phrases.get(tok)
        if rests:
            for rest, name in rests:
                k = len(rest)
                if i + k < n and all(toks[i + 1 + j] in rest[j] for j in range(k)):
                    hits.setdefault(name, []).append((i, " ".join(toks[i : i + k + 1])))
    return hits


@cache
def _number_words(lang: str) -> frozenset:
    return frozenset(words(lang)["number_words"])


@cache
def _stopwords(lang: str) -> frozenset:
    return frozenset(words(lang)["stopwords"])


def guess_lang(text: str, default: str = "en") -> str:
    """sv or en for a text on its own; ``default`` when the text carries no language ("NPS 45", "KPI").

    Inside a workshop the workshop's language is used and nothing is guessed. The guess, cached per text:
    words with å/ä/ö and common words of either language first, then the lingua detector restricted to sv
    and en when it is sure, then which language's dictionary (simplemma) knows more of the words, then
    the detector's lean. Without lingua installed, the common words and the dictionaries alone.
    """
    return _guess(text) or default


@lru_cache(maxsize=4096)
def _guess(text: str) -> str | None:
    return _guess_with(text, _detected_sv)


def _guess_with(text: str, detected_sv) -> str | None:
    """sv, en or None (no language), with ``detected_sv(text)`` a detector's probability of Swedish or None."""
    if text.isupper():  # all capitals: "LANSERA MVP" is shouted; its short words may still be abbreviations
        words = [t for t in tokens(text) if len(t) > 4 and t.isalpha()]
    else:
        words = [t for t in tokens(_ABBREVIATIONS.sub(" ", text)) if len(t) > 1 and t.isalpha()]
    if not words:
        return None
    sv = sum(t in _stopwords("sv") or not _SWEDISH_LETTERS.isdisjoint(t) for t in words)
    en = sum(t in _stopwords("en") for t in words)
    if sv != en:
        return "sv" if sv > en else "en"
    p_sv = detected_sv(text)
    if p_sv is not None and not (_UNSURE[0] < p_sv < _UNSURE[1]):
        return "sv" if p_sv > 0.5 else "en"
    sv, en = _known(tuple(words))
    if sv != en:
        return "sv" if sv > en else "en"
    if p_sv is None or p_sv == 0.5:
        return None
    return "sv" if p_sv > 0.5 else "en"


_SWEDISH_LETTERS = frozenset("åäö")
# Abbreviations say nothing about the language: "NPS", "MVP", "KPIs" (numbers and "Q3" are not words).
_ABBREVIATIONS = re.compile(r"(?<!\w)[A-ZÅÄÖ]{2,6}s?(?!\w)")
_SURROGATES = re.compile("[\ud800-\udfff]")
# Between these, lingua's probability of Swedish is not trusted on its own (measured: tools/lang_accuracy.py).
_UNSURE = (0.25, 0.75)


@cache
def _detector():
    """lingua's detector for sv and en (high accuracy: the mode for short texts) and its Swedish, or None."""
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None
    return LanguageDetectorBuilder.from_languages(Language.SWEDISH, Language.ENGLISH).build(), Language.SWEDISH


def _detected_sv(text: str) -> float | None:
    """lingua's probability that ``text`` is Swedish rather than English; None without lingua or a verdict."""
    found = _detector()
    if found is None:
        return None
    detector, swedish = found
    text = _SURROGATES.sub(" ", text)  # lingua takes UTF-8 only; a lone surrogate would raise
    sv = total = 0.0
    for item in detector.compute_language_confidence_values(text):  # the same in lingua 1.3 (conda-forge) and 2
        total += item.value
        if item.language == swedish:
            sv = item.value
    return sv / total if total else None


def _known(toks: tuple[str, ...]) -> tuple[int, int]:
    """How many of ``toks`` simplemma's Swedish and English dictionaries know (0, 0 without simplemma)."""
    try:
        import simplemma
    except ImportError:
        return 0, 0
    sv = sum(simplemma.is_known(t, lang="sv") for t in toks)
    en = sum(simplemma.is_known(t, lang="en") for t in toks)
    return sv, en


def has_number(toks: list[str], lang: str) -> bool:
    """True when a digit or a number word (ten, tjugo, double…) occurs, or "one" used as a count."""
    nw = _number_words(lang)
    return any(t[0].isdigit() or t in nw for t in toks) or _counted_one(toks, lang)


@cache
def _one_words(lang: str) -> tuple[frozenset, frozenset, frozenset]:
    spec = words(lang)["counted_one"]
    return frozenset(spec["one"]), frozenset(spec["before"]), frozenset(spec["after"])


def _counted_one(toks: list[str], lang: str) -> bool:
    """ "At least one career conversation per month", "reduced to one per customer", "minst ett samtal": "one" (en,
    ett) after a bound or before "per" is a count. Elsewhere it is a pronoun or an article ("the number one choice",
    "from day one", "en ny webbplats") and says nothing about how much."""
    one, before, after = _one_words(lang)
    last = len(toks) - 1
    return any(
        t in one and ((i > 0 and toks[i - 1] in before) or (i < last and toks[i + 1] in after))
        for i, t in enumerate(toks)
    )


def numbers_outside_periods(toks: list[str]) -> list[str]:
    """Number tokens that are not a year (19xx, 20xx) or a quarter/half-year name (Q1, H2, kvartal 3)."""
    out = []
    for i, t in enumerate(toks):
        if not t[0].isdigit():
            continue
        if len(t) == 4 and t[:2] in ("19", "20"):
            continue
        if t in ("1", "2", "3", "4") and i > 0 and toks[i - 1] in _PERIOD_WORDS:
            continue
        out.append(t)
    return out


_EDGE_PUNCT = ".,;:!?()[]{}\"'«»“”‘’"


@lru_cache(maxsize=4096)
def _number_pattern(number: str) -> re.Pattern:
    return re.compile(r"(?<![\d.,])" + re.escape(number) + r"(?![\d])")


def as_typed(text: str, number: str) -> str:
    """The word of ``text`` holding the number token ``number`` as typed ("$2M", "20%", "20 %")."""
    for m in _number_pattern(number).finditer(text):
        start, end = m.start(), m.end()
        if start > 0 and text[start - 1].isalpha():
            continue  # Q1, H2: a period name, not the number
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        word = text[start:end].strip(_EDGE_PUNCT)
        rest = text[end:].lstrip(" \u00a0")
        if rest[:1] == "%" and word[-1:] != "%":
            word += " %"
        return word or number
    return number


_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")


def _to_float(raw: str, lang: str = "sv") -> float | None:
    raw = raw.replace(" ", "")
    if lang == "en" and _THOUSANDS.fullmatch(raw):
        raw = raw.replace(",", "")  # "2,000" in English is two thousand, not two
    raw = raw.replace(",", ".")
    try:
        return float(raw)
    except ValueError:
        return None


def from_to(text: str, lang: str) -> tuple[float, float] | None:
    """(baseline, target) from "from 40 to 200" / "från 40 till 200", or None."""
    m = _FROM_TO[lang].search(text.lower())
    if not m:
        return None
    a, b = _to_float(m[1], lang), _to_float(m[3], lang)
    if a is None or b is None:
        return None
    if m[2] and m[4] and _UNITS.get(m[2], m[2]) != _UNITS.get(m[4], m[4]) and m[2] in _UNITS and m[4] in _UNITS:
        return None  # "from 2 hours to 30 minutes": other units, the numbers are not comparable
    if m[2] != m[4] and m[2] in _SCALES and m[4] in _SCALES:
        b = b * _SCALES[m[4]] / _SCALES[m[2]]  # "från 500 tkr till 2 mkr" is 500 → 2000 in the baseline's unit
    return a, b


# Amounts written with a scale ("500 tkr", "2 mkr", "$50k", "1,2 miljoner"): both ends of "from … to …" may
# use another one, and only in the same unit can the numbers be compared.
_SCALES = {
    **dict.fromkeys(("kr", "sek", "usd", "eur", "gbp", "nok", "dkk"), 1.0),
    **dict.fromkeys(("k", "tkr", "ksek", "tusen", "keur", "kusd"), 1e3),
    **dict.fromkeys(("m", "mn", "mkr", "msek", "meur", "musd", "miljon", "miljoner", "million", "millions"), 1e6),
    **dict.fromkeys(("bn", "mdkr", "mdr", "miljard", "miljarder", "billion", "billions"), 1e9),
}


# Units of time that may differ between the two ends of "from … to …"; other words after a number are ignored.
_UNITS = {
    u: u.rstrip("s")
    for u in (
        "s",
        "sec",
        "secs",
        "second",
        "seconds",
        "ms",
        "min",
        "mins",
        "minute",
        "minutes",
        "h",
        "hr",
        "hrs",
        "hour",
        "hours",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "sekunder",
        "sekund",
        "minuter",
        "minut",
        "timmar",
        "timme",
        "tim",
        "dagar",
        "dag",
        "veckor",
        "vecka",
        "månader",
        "månad",
    )
}


def normalise(text: str) -> str:
    """Lower-case words joined by single spaces, for comparing texts."""
    return " ".join(tokens(text))
