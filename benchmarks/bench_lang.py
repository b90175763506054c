"""Guessing the language of a text on its own (``check_text(..., lang="auto")``), against the home-made guess.

Rows: microseconds per guess of a text not seen before (every text of tools/lang_accuracy.py's corpus once,
the cache cleared), against the keystroke budget of 1 ms; the first guess in a fresh interpreter (it loads
lingua's sv/en models); how many texts of the corpus each gets right. The baseline is the home-made guess
of earlier versions (stop words, å/ä/ö, simplemma's dictionaries), run in the same process.
Run: python -m benchmarks lang (the whole table: python -m tools.lang_accuracy)
"""

from __future__ import annotations

import time

KEYSTROKE_BUDGET_US = 1000.0


def _per_call_us(guess, texts: list[str], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        if hasattr(guess, "cache_clear"):
            guess.cache_clear()
        t0 = time.process_time()
        for t in texts:
            guess(t, "en")
        best = min(best, time.process_time() - t0)
    return best / len(texts) * 1e6


def run() -> list[dict]:
    from tools.lang_accuracy import METHODS, corpus, correct, first_call_ms

    items = corpus()
    texts = sorted({t for t, _, _ in items})
    now = METHODS["guess_lang now (lingua high, then simplemma when unsure)"]()
    old = METHODS["home-made (stop words, åäö, simplemma)"]()
    now_us, old_us = _per_call_us(now, texts), _per_call_us(old, texts)
    now_first = first_call_ms("guess_lang now (lingua high, then simplemma when unsure)")
    old_first = first_call_ms("home-made (stop words, åäö, simplemma)")
    now_right = sum(correct(now, t, lang) for t, lang, _ in items)
    old_right = sum(correct(old, t, lang) for t, lang, _ in items)
    return [
        {"name": "guess_lang, a text not seen before (µs per call)", "value": now_us, "unit": "µs",
         "baseline": f"home-made {old_us:.0f} µs", "ratio": now_us / old_us,
         "target": f"< {KEYSTROKE_BUDGET_US:.0f} µs", "met": now_us < KEYSTROKE_BUDGET_US},
        {"name": "guess_lang, first call in a fresh interpreter (loads the models)", "value": now_first,
         "unit": "ms", "baseline": f"home-made {old_first:.0f} ms", "ratio": now_first / old_first},
        {"name": f"guess_lang, texts right of {len(items)} (sv/en, every length)", "value": now_right,
         "unit": "texts", "baseline": f"home-made {old_right}", "ratio": now_right / old_right,
         "target": ">= home-made", "met": now_right >= old_right},
    ]  # fmt: skip


if __name__ == "__main__":
    for row in run():
        print(row)
