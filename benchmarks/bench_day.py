"""The workshop day with ten teams at once on one workshop file, against one team alone in the same run.

Each team is a process (a Voilà kernel serves a page the same way: a process with its own store),
each participant a thread with its own connection (``Day.open``), as the app's pages and their
polling threads use the store. Phases, with the facilitator (this process) acting between them:
brainstorm (each participant adds candidates) → reveal, open the vote → dot vote → close, choose
the top two per team, assign reviews → peer review (an item on the reviewed team's objective), a
dependency on the next team, fist of five on the team's own objectives. After every action the
participant re-reads what their page shows (the team's visible candidates), as pages do when the
file's revision changes. Figures: action latency p50/p99 and each phase's wall time, for ten teams,
as ratios against one team (ideal: latency ratio ≈ 1; phase time ≤ 10, the work is ten times as much).
"""

from __future__ import annotations

import multiprocessing as mp
import statistics
import tempfile
import threading
import time
from pathlib import Path

PARTICIPANTS = 4  # per team
CANDIDATES = 3  # per participant
DOTS = 3  # per participant
PHASES = ("brainstorm", "vote", "review")


def _participant(path: str, team: str, n: int, barrier, plan: dict, out: list, pace: float) -> None:
    import random

    from okr_workshop.day import Day

    rng = random.Random(f"{team}/{n}")

    with Day.open(path) as day:
        me = day.join(f"{team} {n + 1}", team=team)
        lat: dict[str, list[float]] = {"write": [], "read": []}

        def act(fn, *args):
            if pace:  # think time before each action, jittered so the room does not click in step
                time.sleep(rng.uniform(0.5 * pace, 1.5 * pace))
            start = time.perf_counter()
            result = fn(*args)
            lat["write"].append(time.perf_counter() - start)
            start = time.perf_counter()
            day.candidates(team, viewer=me.id)  # the page re-renders after the revision changed
            lat["read"].append(time.perf_counter() - start)
            return result

        barrier.wait()  # brainstorm starts
        for k in range(CANDIDATES):
            act(day.add_candidate, me, f"Förslag {k + 1} från {me.name}")
        barrier.wait()  # brainstorm done
        barrier.wait()  # revealed, vote open
        visible = [c for c, _ in day.tally(team)]
        for k in range(DOTS):
            act(day.dot, me.id, visible[(n + k) % len(visible)].id)
        barrier.wait()  # vote done
        barrier.wait()  # chosen, reviews assigned
        ws = day.workshop()
        own, reviewed = ws.team(team), ws.team(plan["reviews"][team])
        act(day.review, team, reviewed.objectives[n % len(reviewed.objectives)], "question", f"Fråga {n + 1}?")
        if n == 0:
            act(day.need, team, plan["next"][team], f"Underlag från {reviewed.name}", "2027-02-15")
        for obj in own.objectives:
            act(day.confidence, me.id, obj, 1 + (n + len(obj.title)) % 5)
        barrier.wait()  # review done
    out.append(lat)


def _team(path: str, team: str, barrier, plan: dict, queue, pace: float) -> None:
    out: list = []
    threads = [threading.Thread(target=_participant, args=(path, team, n, barrier, plan, out, pace))
               for n in range(PARTICIPANTS)]  # fmt: skip
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    queue.put(out)


def run_day(path: Path, teams: int, pace: float = 0.0) -> dict:
    """One day for ``teams`` teams at once; latencies (s) and phase wall times (s).

    ``pace``: seconds each participant thinks before an action (jittered ±50 %); 0: everyone at once, flat out.
    """
    import okr_workshop as okr
    from okr_workshop.day import Day

    ws = okr.Workshop.new("Dagtest AB", period="2027-Q1", lang="sv")
    names = [ws.add_team(f"Team {i + 1}").name for i in range(teams)]
    if teams == 1:  # one team alone reviews, and needs something from, a quiet neighbour with a draft
        ws.add_team("Grannteam").add_objective("Ett mål från förra veckan")
    okr.save(ws, path)
    with Day.open(path) as day:
        day.set_agenda("company")
        day.start()
        others = [*names[1:], names[0]] if teams > 1 else ["Grannteam"]
        plan = {"reviews": dict(zip(names, others)), "next": dict(zip(names, others))}
        ctx = mp.get_context("spawn")
        barrier = ctx.Barrier(teams * PARTICIPANTS + 1)
        queue = ctx.Queue()
        procs = [ctx.Process(target=_team, args=(str(path), name, barrier, plan, queue, pace)) for name in names]
        for p in procs:
            p.start()
        phases = {}
        barrier.wait(timeout=300)  # everyone has joined
        t0 = time.perf_counter()
        barrier.wait(timeout=300)
        phases["brainstorm"] = time.perf_counter() - t0
        day.reveal()
        day.open_vote(dots=DOTS)
        barrier.wait(timeout=300)
        t0 = time.perf_counter()
        barrier.wait(timeout=300)
        phases["vote"] = time.perf_counter() - t0
        day.close_vote()
        for name in names:
            day.choose([c.id for c, _ in day.tally(name)[:2]])
        day.assign_reviews({a: b for a, b in plan["reviews"].items()})
        barrier.wait(timeout=300)
        t0 = time.perf_counter()
        barrier.wait(timeout=300)
        phases["review"] = time.perf_counter() - t0
        results = [queue.get(timeout=300) for _ in procs]
        for p in procs:
            p.join(30)
        counts = {"candidates": len(day.candidates(everything=True)), "dots": len(day._rows("dot")),
                  "reviews": len(day.reviews()), "confidence": len(day._rows("confidence"))}  # fmt: skip
    writes = sorted(x for team in results for lat in team for x in lat["write"])
    reads = sorted(x for team in results for lat in team for x in lat["read"])
    expected = {"candidates": teams * PARTICIPANTS * CANDIDATES, "dots": teams * PARTICIPANTS * DOTS,
                "reviews": teams * PARTICIPANTS, "confidence": teams * PARTICIPANTS * 2}  # fmt: skip
    return {
        "teams": teams, "phases": phases, "writes": len(writes), "lost": counts != expected, "counts": counts,
        "exit_codes": [p.exitcode for p in procs],
        "write_p50": statistics.median(writes), "write_p99": writes[int(0.99 * (len(writes) - 1))],
        "read_p50": statistics.median(reads), "read_p99": reads[int(0.99 * (len(reads) - 1))],
    }  # fmt: skip


PACE = 0.3  # the paced run: each participant acts every 0.15–0.45 s (people are slower; a room of 40 far slower)


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows = []
        for label, pace in (("at once", 0.0), (f"paced {PACE:g} s", PACE)):
            one = run_day(tmp / f"one-{pace}.okr", 1, pace)
            ten = run_day(tmp / f"ten-{pace}.okr", 10, pace)
            again = run_day(tmp / f"one-again-{pace}.okr", 1, pace)  # the baseline twice: the less disturbed counts
            rows += _rows(label, ten, min(one, again, key=lambda r: sum(r["phases"].values())), pace)
        return rows


def _rows(label: str, ten: dict, base: dict, pace: float) -> list[dict]:
    ok = not ten["lost"] and ten["exit_codes"] == [0] * 10
    rows = [
        {"name": f"{label}: write p50, 10 teams × {PARTICIPANTS}", "value": ten["write_p50"] * 1000, "unit": "ms",
         "baseline": f"1 team p50 {base['write_p50'] * 1000:.1f} ms", "ratio": ten["write_p50"] / base["write_p50"]},
        {"name": f"{label}: write p99, 10 teams", "value": ten["write_p99"] * 1000, "unit": "ms",
         "baseline": f"1 team p99 {base['write_p99'] * 1000:.1f} ms", "ratio": ten["write_p99"] / base["write_p99"],
         "target": "nothing lost; p99 < 1 s", "met": ok and ten["write_p99"] < 1.0},
        {"name": f"{label}: page re-read p99, 10 teams", "value": ten["read_p99"] * 1000, "unit": "ms",
         "baseline": f"1 team p99 {base['read_p99'] * 1000:.1f} ms", "ratio": ten["read_p99"] / base["read_p99"]},
    ]  # fmt: skip
    for phase in PHASES:
        ratio = ten["phases"][phase] / base["phases"][phase]
        target, met = ("≤ 10 (10× the work)", ratio <= 10) if not pace else ("≤ 2 (think time dominates)", ratio <= 2)
        rows.append({"name": f"{label}: {phase} phase, 10 teams", "value": ten["phases"][phase], "unit": "s",
                     "baseline": f"1 team {base['phases'][phase]:.3f} s", "ratio": ratio, "target": target,
                     "met": met})  # fmt: skip
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
