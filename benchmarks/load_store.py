"""Load on one workshop (a file or a postgresql:// URL): N participant processes saving drafts every few hundred ms.

Used by tests/test_load.py (no lost edits) and bench_store.py (save latency).
"""

from __future__ import annotations

import multiprocessing as mp
import statistics
import time
from pathlib import Path


def _participant(path: str, team_id: str, interval: float, duration: float, queue) -> None:
    import okr_workshop as okr

    with okr.open_store(path) as store:
        team = store.load().team(team_id)
        obj = team.objectives[0]
        latencies, saved = [], 0
        stop = time.monotonic() + duration
        next_at = time.monotonic()
        while time.monotonic() < stop:
            saved += 1
            obj.title = f"utkast {saved} från {team.name}"
            obj.key_results[saved % len(obj.key_results)].target = float(saved)
            start = time.perf_counter()
            store.save(obj)
            latencies.append(time.perf_counter() - start)
            next_at += interval
            time.sleep(max(0.0, next_at - time.monotonic()))
    queue.put((team_id, saved, latencies))


def prepare(path: Path, participants: int) -> list[str]:
    """A workshop file with one team (one objective, three key results) per participant."""
    import okr_workshop as okr

    ws = okr.Workshop.new("Lasttest AB", period="2027-Q1", lang="sv")
    for n in range(participants):
        team = ws.add_team(f"Team {n + 1}")
        obj = team.add_objective("utkast 0", type="aspirational")
        for k in range(3):
            obj.add_key_result(f"KR {k}", kind="increase", baseline=0, target=10)
    okr.save(ws, path)
    return [t.id for t in ws.teams]


def run_load(path: Path, participants: int = 30, interval: float = 0.2, duration: float = 60.0) -> dict:
    """Run the load and return counts, lost edits and latency percentiles (seconds)."""
    import okr_workshop as okr

    team_ids = prepare(path, participants)
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_participant, args=(str(path), t, interval, duration, queue)) for t in team_ids]
    for p in procs:
        p.start()
    results = [queue.get(timeout=duration + 120) for _ in procs]
    for p in procs:
        p.join(30)
    ws = okr.load(path)
    lost = []
    latencies = []
    with okr.open_store(path) as store:
        for team_id, saved, lat in results:
            latencies.extend(lat)
            team = ws.team(team_id)
            if team.objectives[0].title != f"utkast {saved} från {team.name}":
                lost.append(f"{team.name}: final title {team.objectives[0].title!r}, expected edit {saved}")
            updates = [h for h in store.history(team.objectives[0].id) if h["action"] == "update"]
            if len(updates) != saved:
                lost.append(f"{team.name}: {len(updates)} of {saved} saves in the history")
    latencies.sort()
    return {
        "participants": participants,
        "saves": sum(r[1] for r in results),
        "exit_codes": [p.exitcode for p in procs],
        "lost": lost,
        "p50": statistics.median(latencies),
        "p99": latencies[int(0.99 * (len(latencies) - 1))],
        "max": latencies[-1],
    }
