"""Analysis: what the word lists find in one objective or key-result text. Cached."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import text as tx

_SKIP_START = {
    "en": {"to", "we", "will", "should", "must", "shall"},
    "sv": {"att", "vi", "ska", "skall", "bör", "måste"},
}


@dataclass(frozen=True, slots=True)
class Analysis:
    """Facts about one text; fields hold the matched words (None when absent)."""

    empty: bool
    words: int
    single: str | None  # the only word, when the text is one word
    number: bool  # a digit or number word
    period_free_number: str | None  # first number that is not a year or quarter name
    activity: str | None
    activity_first: str | None  # an activity verb opening the text
    output: str | None
    vague: str | None
    bau: str | None
    change: str | None  # a change word opening the text
    metric: str | None  # a metric named right after that change word
    up: str | None
    down: str | None
    from_to: tuple[float, float] | None
    normal: str


def _output(toks: list[str], lang: str) -> str | None:
    outputs = tx.wordlist(lang, "output")
    counts = tx.wordlist(lang, "count")
    nw = tx._number_words(lang)
    i = 0
    while (hit := outputs.find(toks, i)) is not None:
        pos, word = hit
        if " " in word:
            return word
        before = toks[max(0, pos - 3) : pos]
        if any(t[0].isdigit() or t in nw for t in before) or counts.find(toks, max(0, pos - 4), pos) is not None:
            return word
        i = pos + 1
    return None


def _first(hit) -> str | None:
    return None if hit is None else hit[1]


@lru_cache(maxsize=8192)
def analyse(text: str, lang: str) -> Analysis:
    """Analyse ``text`` (already cleaned) in ``lang``."""
    toks = tx.tokens(text)
    if not toks:
        return Analysis(True, 0, None, False, None, None, None, None, None, None, None, None, None, None, None, "")
    words = [t for t in toks if not t[0].isdigit()]
    start = 0
    while start < len(toks) - 1 and toks[start] in _SKIP_START[lang]:
        start += 1
    activity = tx.wordlist(lang, "activity")
    first = activity.find(toks, start, start + 1)
    if first is not None and tx.wordlist(lang, "creation").find(toks, start, start + 1) is not None:
        first = None  # "Build a high-performing team" names a state to reach, not a task
    # The key result's own action is in its main clause: skip parentheses and relative clauses.
    main = tx.tokens(tx.without_brackets(text)) if "(" in text or "[" in text else toks
    rel = tx.wordlist(lang, "relative").find(main, 1)
    if rel is not None:
        main = main[: rel[0]]
    nums = tx.numbers_outside_periods(text)
    # A metric in disguise opens with a change ("Increase revenue", "Ökad försäljning",
    # "Fler kunder") and names a metric or a number soon after it.
    change = tx.wordlist(lang, "change").find(toks, start, start + 3)
    metric = None
    if change is not None:
        metric = tx.wordlist(lang, "metric").find(toks, change[0] + 1, change[0] + 5)
    return Analysis(
        empty=False,
        words=len(toks),
        single=toks[0] if len(toks) == 1 and words else None,
        number=tx.has_number(toks, lang),
        period_free_number=nums[0] if nums else None,
        activity=_first(activity.find(main)),
        activity_first=_first(first),
        output=_output(toks, lang),
        vague=_first(tx.wordlist(lang, "vague").find(toks)),
        bau=_first(tx.wordlist(lang, "bau").find(toks)),
        change=_first(change),
        metric=_first(metric),
        up=_first(tx.wordlist(lang, "up").find(toks)),
        down=_first(tx.wordlist(lang, "down").find(toks)),
        from_to=tx.from_to(text, lang),
        normal=" ".join(toks),
    )
