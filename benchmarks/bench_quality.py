"""Benchmark the quality checker on samples.generate(teams=2000), against baselines measured in the same run.

Rows: key results checked per second (single process, one core) without and
with the text cache, and one keystroke's re-check of a team (4 objectives × 5
key results). The baseline is a straightforward checker: one compiled regex
alternation per word list, run over every text. Run: python benchmarks/bench_quality.py
"""

from __future__ import annotations

import re
import statistics
import time

TARGET_KR_PER_S = 20_000
KEYSTROKE_BUDGET_MS = 10.0


def _baseline_checker():
    from okr_workshop.quality import text as tx

    patterns = {}
    for lang in ("sv", "en"):
        lists = []
        for name in tx.words(lang)["lists"]:
            wl = tx.wordlist(lang, name)
            forms = sorted(wl.forms | {" ".join([k]) for k in wl.phrases}, key=len, reverse=True)
            lists.append(re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b"))
        patterns[lang] = lists
    number = re.compile(r"\d")

    def check_text(text: str, lang: str) -> list:
        low = text.lower()
        return [bool(number.search(low))] + [p.search(low) is not None for p in patterns[lang]]

    return check_text


def _best_of(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):  # CPU time of this process: one core, whatever else the machine runs
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def run() -> list[dict]:
    """Rows {"name", "value", "unit", "baseline", "ratio"}."""
    import okr_workshop as okr
    from okr_workshop.quality import analysis, check, engine

    ws = okr.samples.generate(teams=2000, seed=0)
    krs = ws.key_results
    n = len(krs)
    naive = _baseline_checker()
    texts = [(o.title, ws.lang) for o in ws.objectives] + [(k.text, ws.lang) for k in krs]

    def baseline_all():
        for t, lang in texts:
            naive(t, lang)

    base_s = _best_of(baseline_all)
    cached = analysis.analyse
    try:
        engine.analyse = cached.__wrapped__  # every text analysed from scratch
        nocache_s = _best_of(lambda: check(ws))
    finally:
        engine.analyse = cached

    def cold():
        cached.cache_clear()
        check(ws)

    cold_s = _best_of(cold)
    rows = [
        _row("key results checked per second, no text cache", n / nocache_s, "KR/s", n / base_s),
        _row("key results checked per second, text cache cleared first", n / cold_s, "KR/s", n / base_s),
    ]
    team = next(t for t in ws.teams if len(t.objectives) == 4 and all(len(o.key_results) == 5 for o in t.objectives))
    kr = team.objectives[2].key_results[3]
    original = kr.text
    team_texts = [(o.title, ws.lang) for o in team.objectives] + [(k.text, ws.lang) for k in team.key_results]
    times, base_times = [], []
    for i in range(300):
        kr.text = f"{original} {i}"  # a new text: a cache miss, like a keystroke
        t0 = time.perf_counter()
        check(team)
        times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for t, lang in team_texts:
            naive(t, lang)
        base_times.append(time.perf_counter() - t0)
    kr.text = original
    ms = statistics.median(times) * 1000
    base_ms = statistics.median(base_times) * 1000
    rows.append(
        {
            "name": "keystroke re-check of a team (4 objectives x 5 key results), median",
            "value": round(ms, 3),
            "unit": "ms",
            "baseline": round(base_ms, 3),
            "ratio": round(ms / base_ms, 2),
        }
    )
    rows.append(
        {
            "name": "keystroke re-check against the 10 ms budget",
            "value": round(ms, 3),
            "unit": "ms",
            "baseline": KEYSTROKE_BUDGET_MS,
            "ratio": round(KEYSTROKE_BUDGET_MS / ms, 1),
        }
    )
    rows.append(
        {
            "name": "key results per second against the 20,000 target (no text cache)",
            "value": rows[0]["value"],
            "unit": "KR/s",
            "baseline": TARGET_KR_PER_S,
            "ratio": round(rows[0]["value"] / TARGET_KR_PER_S, 2),
        }
    )
    return rows


def _row(name: str, value: float, unit: str, baseline: float) -> dict:
    return {
        "name": name,
        "value": round(value),
        "unit": unit,
        "baseline": round(baseline),
        "ratio": round(value / baseline, 2),
    }


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']}: {row['value']} {row['unit']} (baseline {row['baseline']}, ratio {row['ratio']})")
