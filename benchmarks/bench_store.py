"""The workshop store: save latency under load (SQLite file and PostgreSQL), whole-file save/load scaling."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.load_store import run_load


def _scaling(tmp: Path) -> list[dict]:
    import okr_workshop as okr

    rows, times = [], {}
    for teams in (10, 100, 1000):
        ws = okr.samples.generate(teams=teams, seed=0)
        path = tmp / f"scale-{teams}.okr"
        start = time.perf_counter()
        okr.save(ws, path)
        again = okr.load(path)
        times[teams] = time.perf_counter() - start
        assert len(again.key_results) == len(ws.key_results)
    for teams in (100, 1000):
        growth = times[teams] / times[teams // 10]
        rows.append({"name": f"save+load {teams} teams vs {teams // 10}", "value": times[teams], "unit": "s",
                     "baseline": f"{times[teams // 10]:.3f} s", "ratio": growth, "target": "≈10 (linear)",
                     "met": growth < 15})  # fmt: skip
    return rows


def run(duration: float = 60.0) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        alone = run_load(tmp / "alone.okr", participants=1, interval=0.05, duration=10)
        load = run_load(tmp / "load.okr", participants=30, interval=0.2, duration=duration)
        rows = [
            {"name": "save p99, 30 writers every 200 ms for 60 s", "value": load["p99"] * 1000, "unit": "ms",
             "baseline": f"1 writer p99 {alone['p99'] * 1000:.1f} ms", "ratio": load["p99"] / alone["p99"],
             "target": "no lost edits", "met": not load["lost"]},
            {"name": "save p50 under that load", "value": load["p50"] * 1000, "unit": "ms",
             "baseline": f"1 writer p50 {alone['p50'] * 1000:.1f} ms", "ratio": load["p50"] / alone["p50"]},
            {"name": "saves in the load run", "value": float(load["saves"]), "unit": "saves", "baseline": "",
             "ratio": None},
        ]  # fmt: skip
        return rows + _postgresql(load, duration) + _scaling(tmp)


def _postgresql(sqlite_load: dict, duration: float) -> list[dict]:
    """The same load against a workshop on a throwaway PostgreSQL server (fsync on, as SQLite's FULL sync)."""
    from benchmarks.pg_cluster import Cluster, ClusterUnavailable

    try:
        cluster = Cluster(fsync=True)
    except ClusterUnavailable as err:
        return [{"name": f"PostgreSQL: skipped ({err})", "value": None, "unit": "", "baseline": "", "ratio": None}]
    try:
        load = run_load(cluster.url("last"), participants=30, interval=0.2, duration=duration)
    finally:
        cluster.stop()
    base = f"SQLite p99 {sqlite_load['p99'] * 1000:.1f} ms"
    return [
        {"name": "PostgreSQL save p99, 30 writers every 200 ms for 60 s", "value": load["p99"] * 1000, "unit": "ms",
         "baseline": base, "ratio": load["p99"] / sqlite_load["p99"], "target": "no lost edits",
         "met": not load["lost"] and load["exit_codes"] == [0] * 30},
        {"name": "PostgreSQL save p50 under that load", "value": load["p50"] * 1000, "unit": "ms",
         "baseline": f"SQLite p50 {sqlite_load['p50'] * 1000:.1f} ms", "ratio": load["p50"] / sqlite_load["p50"]},
        {"name": "PostgreSQL saves in the load run", "value": float(load["saves"]), "unit": "saves",
         "baseline": f"SQLite {sqlite_load['saves']} saves", "ratio": load["saves"] / sqlite_load["saves"]},
    ]  # fmt: skip


if __name__ == "__main__":
    for row in run():
        print(row)
