"""What one participant and one facilitator cost behind JupyterHub: memory, store writes, time to the form.

A real Hub on this machine (``deploy/jupyterhub/jupyterhub_config.py`` in test mode, as
tests/test_browser_hub.py starts it) serving a 10-team workshop; PAGES participants (two per
team for the first teams) log in one after another with chromium, then one of them types at a
fast typist's pace (PACE s per keystroke) for TYPING seconds. Figures, all from one run:
- resident memory per participant: the app's kernels / open pages (baseline: the first page's kernel);
- the app server (Voilà) with every page open, the Hub and its proxy, a facilitator's JupyterLab server;
- login to a usable team form (median; baseline: the first participant);
- the store's writes per typing participant: history rows per second while one participant types,
  against the keystrokes per second typed (the ratio says how many writes a keystroke costs);
- on PostgreSQL (a throwaway server, when one can be started; else a workshop file): connections and
  backend memory per open page, transactions and backend CPU per open page while nobody types, and
  per keystroke while one participant types.
docs/scale.md extrapolates these to 300 participants.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

PAGES = 6
PACE = 0.2  # s between keystrokes: a fast typist (5 keystrokes/s)
TYPING = 12.0  # s
IDLE = 20.0  # s: pages open, nobody typing (the database's load from the pages' revision checks)
FORM = ".okr-drafting-form"


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _history_rows(store) -> int:
    import okr_workshop as okr

    with okr.open_store(store) as opened:
        return opened.conn.execute("SELECT count(*) FROM history").fetchone()[0]


class _Database:
    """What the PostgreSQL server does for the app's role: connections, transactions, backend CPU."""

    def __init__(self, cluster, role: str):
        import psycopg

        self.conn = psycopg.connect(cluster.url(), autocommit=True)
        self.role = role
        self.tick = os.sysconf("SC_CLK_TCK")

    def connections(self) -> int:
        return self.conn.execute("SELECT count(*) FROM pg_stat_activity WHERE usename = %s", (self.role,)).fetchone()[0]

    def sample(self) -> tuple[float, int, float]:
        """(time, transactions committed and rolled back in database okr, CPU-seconds of the role's backends)."""
        self.conn.execute("SELECT pg_stat_clear_snapshot()")
        xacts = self.conn.execute(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'okr'"
        ).fetchone()[0]
        pids = [r[0] for r in self.conn.execute("SELECT pid FROM pg_stat_activity WHERE usename = %s", (self.role,))]
        cpu = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                cpu += int(fields[11]) + int(fields[12])  # utime + stime
            except (OSError, IndexError, ValueError):
                pass
        return time.monotonic(), xacts, cpu / self.tick

    def memory_mib(self) -> float:
        """Proportional memory (PSS: shared buffers split among the processes using them) of the role's backends."""
        kib = 0
        for (pid,) in self.conn.execute("SELECT pid FROM pg_stat_activity WHERE usename = %s", (self.role,)):
            try:
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        kib += int(line.split()[1])
            except OSError:
                pass
        return kib / 1024

    def close(self) -> None:
        self.conn.close()


def run() -> list[dict]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from browser_support import chromium_path
    from hub_support import need_hub

    try:
        chromium_path()
        need_hub()
    except BaseException as err:  # pytest's skip outside pytest: say why and measure nothing
        print(f"bench_hub: skipped ({err})", file=sys.stderr)
        return []
    rows: list[dict] = []
    cluster = None
    try:
        from benchmarks.pg_cluster import Cluster

        cluster = Cluster(fsync=True)
    except Exception as err:  # noqa: BLE001 - no PostgreSQL here: the figures on a workshop file
        print(f"bench_hub: no PostgreSQL server ({err}); measuring on a workshop file", file=sys.stderr)
    try:
        return _run(rows, cluster)
    finally:
        if cluster is not None:
            cluster.stop()


def _run(rows: list[dict], cluster) -> list[dict]:
    from browser_support import launched_browser, rss_mib
    from hub_support import login, start_hub

    import okr_workshop as okr

    kind = "PostgreSQL" if cluster is not None else "SQLite"
    db = None
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ws = okr.samples.generate(teams=10, seed=1)
        if cluster is not None:  # the deployment of docs/scale.md: a role that logs in with a password
            workshop = cluster.password_role("okr_app").replace("/okr?", "/okr/hub?")
            db = _Database(cluster, "okr_app")
        else:
            workshop = root / "hub.okr"
        okr.save(ws, workshop)
        teams = [t.name for t in ws.teams if t.parent_id]
        users = {f"p{i}": teams[i // 2] for i in range(PAGES)}
        groups: dict[str, list[str]] = {}
        for user, team in users.items():
            groups.setdefault(f"team-{team}", []).append(user)
        server, base = start_hub(root, workshop, groups, facilitators=["fia"])
        try:
            with launched_browser() as browser:
                contexts, pages, seconds = [], [], []
                for user in users:
                    start = time.monotonic()
                    context, page, _ = login(browser, base, user)
                    page.locator(FORM).wait_for(timeout=180_000)
                    seconds.append(time.monotonic() - start)
                    contexts.append(context)
                    pages.append(page)
                    if len(pages) == 1:
                        time.sleep(2)
                        first_kernel = rss_mib([p for p in server.descendants() if b"ipykernel" in _cmdline(p)])
                time.sleep(3)  # the last page's widgets settle
                family = server.descendants()
                kernels = [p for p in family if b"ipykernel" in _cmdline(p)]
                voila = [p for p in family if b"okr_workshop.app.server" in _cmdline(p)]
                proxy = [p for p in family if b"configurable-http-proxy" in _cmdline(p)]
                per_page = rss_mib(kernels) / len(pages)
                rows.append({
                    "name": f"memory per participant behind the Hub ({kind}; kernel RSS, {len(pages)} pages open; vs the first alone)",
                    "value": round(per_page, 1), "unit": "MiB", "baseline": round(first_kernel, 1),
                    "ratio": round(per_page / first_kernel, 2),
                })  # fmt: skip
                rows.append({"name": f"the app server (Voilà) with {len(pages)} pages open", "unit": "MiB",
                             "value": round(rss_mib(voila), 1)})  # fmt: skip
                rows.append({"name": "the Hub and its proxy", "unit": "MiB",
                             "value": round(rss_mib([server.proc.pid, *proxy]), 1)})  # fmt: skip
                rows.append({
                    "name": "login to a usable team form, median (vs the first participant)",
                    "value": round(statistics.median(seconds), 1), "unit": "s", "baseline": round(seconds[0], 1),
                    "ratio": round(statistics.median(seconds) / seconds[0], 2),
                })  # fmt: skip

                if db is not None:  # the database's side of open pages that nobody types in
                    connections = db.connections()
                    rows.append({"name": "PostgreSQL connections per open page", "unit": "connections",
                                 "value": round(connections / len(pages), 2)})  # fmt: skip
                    rows.append({"name": "PostgreSQL backend memory per connection (PSS)", "unit": "MiB",
                                 "value": round(db.memory_mib() / max(1, connections), 1)})  # fmt: skip
                    t0, x0, c0 = db.sample()
                    time.sleep(IDLE)
                    t1, x1, c1 = db.sample()
                    idle_xacts, idle_cpu = (x1 - x0) / (t1 - t0), (c1 - c0) / (t1 - t0)  # all the open pages
                    rows.append({"name": "PostgreSQL transactions per second per open page (nobody typing)",
                                 "unit": "xact/s", "value": round(idle_xacts / len(pages), 2)})  # fmt: skip
                    rows.append({"name": "PostgreSQL backend CPU per open page (nobody typing)", "unit": "ms/s",
                                 "value": round(1000 * idle_cpu / len(pages), 2)})  # fmt: skip

                # one participant types; the store's history counts every write
                page = pages[-1]
                page.locator(".okr-add-objective").click()
                title = page.locator(".okr-objective").first.locator(".okr-objective-title input")
                title.wait_for(timeout=30_000)
                time.sleep(2)
                before, start = _history_rows(workshop), time.monotonic()
                sampled = db.sample() if db is not None else None
                keys = int(TYPING / PACE)
                title.press_sequentially("x" * keys, delay=PACE * 1000)
                time.sleep(1.0)  # the last keystroke's save
                elapsed = time.monotonic() - start
                if db is not None:
                    t1, x1, c1 = db.sample()
                    t0, x0, c0 = sampled
                    # what the open pages cost anyway is taken off
                    rows.append({"name": "PostgreSQL transactions per keystroke (one participant typing)",
                                 "unit": "xact", "value": round(((x1 - x0) - idle_xacts * (t1 - t0)) / keys, 2)})  # fmt: skip
                    rows.append({"name": "PostgreSQL backend CPU per keystroke's save", "unit": "ms",
                                 "value": round(1000 * ((c1 - c0) - idle_cpu * (t1 - t0)) / keys, 2)})  # fmt: skip
                writes = (_history_rows(workshop) - before) / elapsed
                typed = keys / elapsed
                rows.append({
                    "name": "store writes per second while one participant types (vs keystrokes per second)",
                    "value": round(writes, 2), "unit": "writes/s", "baseline": round(typed, 2),
                    "ratio": round(writes / typed, 2),
                })  # fmt: skip

                # the facilitator: the Hub starts their JupyterLab
                context, lab, _ = login(browser, base, "fia")
                lab.wait_for_url("**/user/fia/lab**", timeout=180_000)
                lab.locator(".jp-LabShell").first.wait_for(timeout=180_000)
                time.sleep(2)
                singleuser = [p for p in server.descendants() if b"jupyterhub.singleuser" in _cmdline(p)]
                rows.append({"name": "a facilitator's JupyterLab server (no notebook running)", "unit": "MiB",
                             "value": round(rss_mib(singleuser), 1)})  # fmt: skip
                for c in [*contexts, context]:
                    c.close()
        finally:
            server.stop()
            if db is not None:
                db.close()
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']}: {row['value']} {row['unit']}  baseline {row.get('baseline')}  ratio {row.get('ratio')}")
