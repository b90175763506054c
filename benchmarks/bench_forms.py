"""Many forms typing at once: every keystroke is a field save (``Store.save_fields``) into one file.

Each writer is a process, as each page of the app is a kernel, typing into its own
team's objective at PACE seconds per keystroke (a fast typist). Figures: the
latency of one keystroke's save with 10 and 30 writers, as a ratio against one
writer alone measured in the same run, and whether every keystroke reached the file.
"""

from __future__ import annotations

import multiprocessing as mp
import statistics
import tempfile
import time
from pathlib import Path

PACE = 0.2  # s between keystrokes per writer
SECONDS = 5.0


def _writer(path: str, team_index: int, queue) -> None:
    import okr_workshop as okr
    from okr_workshop.storage.fields import fields_of

    with okr.open_store(path) as store:
        team = [t for t in store.load().teams if t.parent_id][team_index]
        obj = team.objectives[0]
        times = []
        end = time.monotonic() + SECONDS
        while time.monotonic() < end:
            base = {"why": fields_of(obj)["why"]}
            obj.why += "x"
            start = time.perf_counter()
            store.save_fields(obj, base)
            times.append(time.perf_counter() - start)
            time.sleep(PACE)
        queue.put((obj.id, obj.why, times))


def _run(path: Path, writers: int) -> tuple[list[float], bool]:
    import okr_workshop as okr

    queue = mp.Queue()
    procs = [mp.Process(target=_writer, args=(str(path), i, queue)) for i in range(writers)]
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    ws = okr.load(path)
    kept = all(ws.objective(obj_id).why == why for obj_id, why, _ in results)
    return [t for _, _, times in results for t in times], kept


def run() -> list[dict]:
    import okr_workshop as okr

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "forms.okr"
        okr.save(okr.samples.generate(teams=30, seed=1), path)
        alone, _ = _run(path, 1)
        base_median = statistics.median(alone)
        for writers in (10, 30):
            times, kept = _run(path, writers)
            median, p95 = statistics.median(times), statistics.quantiles(times, n=20)[-1]
            rows.append({
                "name": f"keystroke save with {writers} forms typing at once, median (vs one form alone)",
                "value": round(median * 1000, 1), "unit": "ms", "baseline": round(base_median * 1000, 1),
                "ratio": round(median / base_median, 1), "target": "every keystroke in the file", "met": kept,
            })  # fmt: skip
            rows.append({
                "name": f"keystroke save with {writers} forms typing at once, 95th percentile (vs one form alone)",
                "value": round(p95 * 1000, 1), "unit": "ms", "baseline": round(base_median * 1000, 1),
                "ratio": round(p95 / base_median, 1),
            })  # fmt: skip
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']}: {row['value']} {row['unit']}  baseline {row['baseline']}  ratio {row['ratio']}")
