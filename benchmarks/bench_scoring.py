"""Scoring speed: 100,000 check-ins over samples.generate(teams=2000), and how cost grows.

Every figure is a ratio against a baseline measured in the same run:
- the 10× workload (2000 teams, 100,000 check-ins) against the 1× workload
  (200 teams, 10,000 check-ins): about 10 means the cost grows linearly;
- each scoring call against the floor of merely visiting every check-in once
  in pure Python (the least any scorer has to do).
"""

from __future__ import annotations

import datetime as dt

from benchmarks.timing import best_of
from okr_workshop import samples
from okr_workshop.scoring import grades as scoring

CHECK_INS_PER_TEAM = 50  # 100,000 check-ins over 2000 teams: 2.5 per key result on average
REPEAT = 3


def _workshop(teams: int):
    """A synthetic workshop trimmed to exactly ``teams × 50`` check-ins (alternately 3 and 2 per key result)."""
    ws = samples.generate(teams=teams, seed=0, check_ins_per_kr=3)
    ws.teams = [t for t in ws.teams if t.parent_id is not None]  # the generated teams only, no leadership
    for i, kr in enumerate(ws.key_results):
        kr.check_ins = kr.history[: 3 if i % 2 == 0 else 2]
    total = sum(len(kr.check_ins) for kr in ws.key_results)
    assert total == teams * CHECK_INS_PER_TEAM, total
    return ws, total


def _best(fn, repeat: int = REPEAT) -> float:
    return best_of(fn, repeat)


def _floor(ws) -> float:
    """Visit every check-in once: the baseline no scorer can beat."""

    def visit():
        total = 0.0
        for team in ws.teams:
            for obj in team.objectives:
                for kr in obj.key_results:
                    for c in kr.check_ins:
                        total += c.value
        return total

    return _best(visit)


def run() -> list[dict]:
    """Rows {"name", "value", "unit", "baseline", "ratio"} for the scoring benchmark."""
    import pandas  # noqa: F401  (imported once up front so the first timing does not pay for it)

    rows = []
    small, n_small = _workshop(200)
    big, n_big = _workshop(2000)
    as_of = big.period.start + dt.timedelta(days=60)
    floor_small, floor_big = _floor(small), _floor(big)

    t_small = _best(lambda: scoring.score(small, as_of=as_of))
    t_big = _best(lambda: scoring.score(big, as_of=as_of))
    rows.append(_row(f"score() 1x: 200 teams, {n_small:,} check-ins", t_small, floor_small, "floor: visit each"))
    rows.append(_row(f"score() 10x: 2000 teams, {n_big:,} check-ins", t_big, floor_big, "floor: visit each"))
    rows.append(
        {"name": "score() growth 10x / 1x (10 = linear)", "value": round(t_big / t_small, 2), "unit": "ratio",
         "baseline": round(t_small, 4), "ratio": round(t_big / t_small, 2), "target": "≈10 (linear)",
         "met": t_big / t_small < 15}
    )  # fmt: skip

    kr_count = len(big.key_results)
    t_kr = _best(lambda: [scoring.kr_score(kr, as_of=as_of) for kr in big.key_results])
    rows.append(_row(f"kr_score() on each of {kr_count:,} key results", t_kr, floor_big, "floor: visit each"))
    rows.append(
        {"name": "kr_score() per key result", "value": round(t_kr / kr_count * 1e6, 1), "unit": "µs",
         "baseline": None, "ratio": None}
    )  # fmt: skip

    t_long_s = _best(lambda: scoring.check_in_table(small, as_of=as_of))
    t_long_b = _best(lambda: scoring.check_in_table(big, as_of=as_of))
    rows.append(_row(f"check_in_table() 10x: {n_big:,} rows", t_long_b, t_long_s, "1x"))
    t_team_s = _best(lambda: scoring.team_summary(small, as_of=as_of))
    t_team_b = _best(lambda: scoring.team_summary(big, as_of=as_of))
    rows.append(_row("team_summary() 10x", t_team_b, t_team_s, "1x"))
    return rows


def _row(name: str, seconds: float, baseline: float, against: str) -> dict:
    return {
        "name": f"{name} (vs {against})",
        "value": round(seconds, 4),
        "unit": "s",
        "baseline": round(baseline, 4),
        "ratio": round(seconds / baseline, 1),
    }


if __name__ == "__main__":
    for row in run():
        base = "" if row["baseline"] is None else f"  baseline {row['baseline']} s  ratio {row['ratio']}"
        print(f"{row['name']}: {row['value']} {row['unit']}{base}")
