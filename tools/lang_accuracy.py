"""Language of a text: how often each way of guessing sv/en is right, per length, and how long a call takes.

Texts: every item of ``tests/data/okr_examples*.jsonl`` (each carries its language; the frozen test split is
used here for the language only, never for the rules), the training bank, the sample workshops, and the short
texts written here (``tests/data/short_texts_by_language.jsonl``; those with no language, "NPS 45", count as
right when the guess is the default, asked once with each default). Texts are counted once per language.

Ways of guessing: the home-made guess of earlier versions (stop words, å/ä/ö, simplemma's dictionaries),
py3langid and lingua restricted to sv/en, and ``guess_lang`` as it is now.
Run: ``python -m tools.lang_accuracy`` (``--markdown`` for the table on the accuracy page).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SHORT = DATA / "short_texts_by_language.jsonl"
BUCKETS = ("1–3 words", "4–6 words", "7+ words")


def bucket(text: str) -> str:
    n = len(text.split())
    return BUCKETS[0] if n <= 3 else BUCKETS[1] if n <= 6 else BUCKETS[2]


def short_texts() -> list[dict]:
    """The short texts written here: {"text", "lang"} with lang sv, en or None (no language)."""
    lines = SHORT.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def corpus() -> list[tuple[str, str | None, str]]:
    """(text, lang or None, source) for every text measured, each (text, lang) once."""
    from okr_workshop import samples
    from okr_workshop.training import bank

    out: list[tuple[str, str | None, str]] = []
    for path in sorted(DATA.glob("okr_examples*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                source = "frozen test split" if path.name.endswith("_test.jsonl") else "labelled set"
                out.append((item["text"], item["lang"], source))
    for lang in ("sv", "en"):
        for it in bank.items(lang):
            out.append((it["objective"], lang, "training bank"))
            out.extend((kr["text"], lang, "training bank") for kr in it["key_results"])
    for name in samples.names():
        ws = samples.load(name)
        for team in ws.teams:
            for obj in team.objectives:
                out.append((obj.title, ws.lang, "samples"))
                out.extend((kr.text, ws.lang, "samples") for kr in obj.key_results)
    out.extend((it["text"], it["lang"], "written here (short)") for it in short_texts())
    seen: set[tuple[str, str | None]] = set()
    unique = []
    for text, lang, source in out:
        if text and text.strip() and (text, lang) not in seen:
            seen.add((text, lang))
            unique.append((text, lang, source))
    return unique


def _home_made() -> Callable[[str, str], str]:
    """The guess of okr-workshop 0.x before the detector: stop words and å/ä/ö, then simplemma's dictionaries."""
    from okr_workshop.quality import text as tx

    def guess(text: str, default: str) -> str:
        low = text.lower()
        toks = tx.tokens(low)
        sv = sum(t in tx._stopwords("sv") for t in toks) + 2 * sum(c in "åäö" for c in low)
        en = sum(t in tx._stopwords("en") for t in toks)
        if sv == en:
            import simplemma

            words = [t for t in toks if not t[0].isdigit()]
            sv = sum(simplemma.is_known(t, lang="sv") for t in words)
            en = sum(simplemma.is_known(t, lang="en") for t in words)
        if sv == en:
            return default
        return "sv" if sv > en else "en"

    return guess


def _py3langid() -> Callable[[str, str], str]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(["sv", "en"])
    return lambda text, default: identifier.classify(text)[0]


def _lingua(high: bool) -> Callable[[str, str], str]:
    from lingua import Language, LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_languages(Language.SWEDISH, Language.ENGLISH)
    detector = (builder if high else builder.with_low_accuracy_mode()).build()
    codes = {Language.SWEDISH: "sv", Language.ENGLISH: "en"}

    def guess(text: str, default: str) -> str:
        return codes.get(detector.detect_language_of(text), default)

    return guess


def _with_letters(detect: Callable[[str, str], str]) -> Callable[[str, str], str]:
    """å/ä/ö decide sv, a text without letters (or only upper-case abbreviations) keeps the default."""
    from okr_workshop.quality import text as tx

    def guess(text: str, default: str) -> str:
        low = text.lower()
        if any(c in "åäö" for c in low):
            return "sv"
        if not any(len(t) > 1 and t.isalpha() for t in tx.tokens(_no_abbreviations(text))):
            return default
        return detect(text, default)

    return guess


def _no_abbreviations(text: str) -> str:
    return " ".join(w for w in text.split() if not (w.isupper() or any(c.isdigit() for c in w)))


def _current() -> Callable[[str, str], str]:
    from okr_workshop.quality import text as tx

    def guess(text: str, default: str) -> str:
        return tx.guess_lang(text, default=default)

    guess.cache_clear = tx._guess.cache_clear  # timed without its cache of texts already seen
    return guess


def _current_with_py3langid() -> Callable[[str, str], str]:
    """guess_lang's steps with py3langid's probability of Swedish in place of lingua's."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from okr_workshop.quality import text as tx

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(["sv", "en"])

    def p_sv(text: str) -> float:
        lang, p = identifier.classify(text)
        return p if lang == "sv" else 1 - p

    return lambda text, default: tx._guess_with(text, p_sv) or default


def _current_without_lingua() -> Callable[[str, str], str]:
    from okr_workshop.quality import text as tx

    return lambda text, default: tx._guess_with(text, lambda _: None) or default


METHODS: dict[str, Callable[[], Callable[[str, str], str]]] = {
    "home-made (stop words, åäö, simplemma)": _home_made,
    "py3langid, sv/en": _py3langid,
    "lingua, sv/en, low accuracy": lambda: _lingua(False),
    "lingua, sv/en, high accuracy": lambda: _lingua(True),
    "py3langid + åäö/no words": lambda: _with_letters(_py3langid()),
    "lingua high + åäö/no words": lambda: _with_letters(_lingua(True)),
    "guess_lang now (lingua high, then simplemma when unsure)": _current,
    "guess_lang's steps with py3langid in place of lingua": _current_with_py3langid,
    "guess_lang now, lingua not installed": _current_without_lingua,
}


def first_call_ms(name: str) -> float | None:
    """Milliseconds to build the guesser ``name`` and guess one text, in a fresh interpreter."""
    code = (
        "import time; t = time.perf_counter(); from tools.lang_accuracy import METHODS; "
        f"METHODS[{name!r}]()('Lansera MVP', 'en'); print((time.perf_counter() - t) * 1000)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    return float(done.stdout) if done.returncode == 0 else None


def correct(guess: Callable[[str, str], str], text: str, lang: str | None) -> bool:
    if lang is None:  # no language of its own: right when the caller's default is kept
        return guess(text, "sv") == "sv" and guess(text, "en") == "en"
    return guess(text, "en" if lang == "sv" else "sv") == lang  # the default never helps


def measure(items: list[tuple[str, str | None, str]] | None = None) -> list[dict]:
    """One row per method: right/total per bucket, all texts, the short texts, first call and µs per call."""
    items = corpus() if items is None else items
    short = [(it["text"], it["lang"]) for it in short_texts()]
    rows = []
    for name, build in METHODS.items():
        try:
            guess = build()
        except ImportError as err:
            rows.append({"method": name, "missing": str(err)})
            continue
        row: dict = {"method": name, "first_ms": first_call_ms(name), "short": [0, 0]}
        for b in BUCKETS + ("all",):
            row[b] = [0, 0]
        for text, lang, _ in items:
            ok = correct(guess, text, lang)
            for key in (bucket(text), "all"):
                row[key][0] += ok
                row[key][1] += 1
        for text, lang in short:
            row["short"][0] += correct(guess, text, lang)
            row["short"][1] += 1
        texts = sorted({t for t, _, _ in items})
        if hasattr(guess, "cache_clear"):
            guess.cache_clear()
        start = time.process_time()
        for t in texts:  # each text once: a cache of texts already seen does not help
            guess(t, "en")
        row["us_per_call"] = (time.process_time() - start) / len(texts) * 1e6
        rows.append(row)
    return rows


def _cell(pair: list[int]) -> str:
    right, total = pair
    return f"{right}/{total} ({right / total:.1%})" if total else "–"


def table(rows: list[dict]) -> str:
    """A markdown table of ``measure()``'s rows."""
    head = ["way of guessing", *BUCKETS, "all", "short texts written here", "µs per call", "first call, ms"]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for r in rows:
        if "missing" in r:
            lines.append(f"| {r['method']} | not installed: {r['missing']} |")
            continue
        cells = [r["method"], *(_cell(r[b]) for b in BUCKETS), _cell(r["all"]), _cell(r["short"])]
        first = "–" if r["first_ms"] is None else f"{r['first_ms']:.0f}"
        cells += [f"{r['us_per_call']:.0f}", first]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def wrong(name: str, items: list[tuple[str, str | None, str]] | None = None) -> list[tuple[str, str | None]]:
    """The texts the method ``name`` gets wrong, the frozen test split left out (its texts are not read)."""
    items = [it for it in (corpus() if items is None else items) if it[2] != "frozen test split"]
    guess = METHODS[name]()
    return [(t, lang) for t, lang, _ in items if not correct(guess, t, lang)]


if __name__ == "__main__":
    if "--wrong" in sys.argv:
        for text, lang in wrong(sys.argv[sys.argv.index("--wrong") + 1]):
            print(lang, text)
    else:
        print(table(measure()))
