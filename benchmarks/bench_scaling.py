"""Scaling at 1×, 10× and 100× the teams: quality check, scoring and the JSON round trip.

The growth factor of each step is the time at 10× the teams divided by the time at 1×;
10 means linear. Each size is timed best-of-3 in the same run.
"""

from __future__ import annotations

import time

SIZES = (20, 200, 2000)


def _clear_caches() -> None:
    """Every size starts cold: the quality engine caches analysed texts, which would favour small sizes."""
    from functools import _lru_cache_wrapper

    from okr_workshop.quality import analysis, text

    for module in (analysis, text):
        for value in vars(module).values():
            if isinstance(value, _lru_cache_wrapper):
                value.cache_clear()


def _best(func, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        _clear_caches()
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def run() -> list[dict]:
    import okr_workshop as okr
    from okr_workshop.model.entities import Workshop
    from okr_workshop.quality import check
    from okr_workshop.scoring.grades import score

    workshops = {n: okr.samples.generate(teams=n, seed=0) for n in SIZES}
    steps = {
        "quality check(ws)": lambda ws: check(ws),
        "score(ws)": lambda ws: score(ws, as_of=ws.period.end),
        "JSON round trip": lambda ws: Workshop.from_dict(ws.to_dict()),
    }
    rows = []
    for name, step in steps.items():
        times = {n: _best(lambda ws=workshops[n], step=step: step(ws)) for n in SIZES}
        for small, big in zip(SIZES, SIZES[1:]):
            growth = times[big] / times[small]
            rows.append({"name": f"{name}: {big} teams vs {small} (×{big // small})", "value": times[big], "unit": "s",
                         "baseline": f"{times[small]:.3f} s", "ratio": growth, "target": "≈10 (linear)",
                         "met": growth < 15})  # fmt: skip
        overall = times[SIZES[-1]] / times[SIZES[0]]
        rows.append({"name": f"{name}: 100× the teams", "value": times[SIZES[-1]], "unit": "s",
                     "baseline": f"{times[SIZES[0]]:.3f} s at {SIZES[0]} teams", "ratio": overall,
                     "target": "≈100 (linear)", "met": overall < 150})  # fmt: skip
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
