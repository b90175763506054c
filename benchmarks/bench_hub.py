"""What one participant and one facilitator cost behind JupyterHub: memory, store writes, time to the form.

A real Hub on this machine (``deploy/jupyterhub/jupyterhub_config.py`` in test mode, as
tests/test_browser_hub.py starts it) serving a 10-team workshop; PAGES participants (two per
team for the first teams) log in one after another with chromium, then one of them types at a
fast typist's pace (PACE s per keystroke) for TYPING seconds. Figures, all from one run:
- resident memory per participant: the app's kernels / open pages (baseline: the first page's kernel);
- the app server (Voilà) with every page open, the Hub and its proxy, a facilitator's JupyterLab server;
- login to a usable team form (median; baseline: the first participant);
- the store's writes per typing participant: history rows per second while one participant types,
  against the keystrokes per second typed (the ratio says how many writes a keystroke costs).
docs/scale.md extrapolates these to 300 participants.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

PAGES = 6
PACE = 0.2  # s between keystrokes: a fast typist (5 keystrokes/s)
TYPING = 12.0  # s
FORM = ".okr-drafting-form"


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _history_rows(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return db.execute("SELECT count(*) FROM history").fetchone()[0]


def run() -> list[dict]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from browser_support import chromium_path, launched_browser, rss_mib
    from hub_support import login, need_hub, start_hub

    import okr_workshop as okr

    try:
        chromium_path()
        need_hub()
    except BaseException as err:  # pytest's skip outside pytest: say why and measure nothing
        print(f"bench_hub: skipped ({err})", file=sys.stderr)
        return []
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ws = okr.samples.generate(teams=10, seed=1)
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
                    "name": f"memory per participant behind the Hub (kernel RSS, {len(pages)} pages open; vs the first alone)",
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

                # one participant types; the store's history counts every write
                page = pages[-1]
                page.locator(".okr-add-objective").click()
                title = page.locator(".okr-objective").first.locator(".okr-objective-title input")
                title.wait_for(timeout=30_000)
                time.sleep(2)
                before, start = _history_rows(workshop), time.monotonic()
                keys = int(TYPING / PACE)
                title.press_sequentially("x" * keys, delay=PACE * 1000)
                time.sleep(1.0)  # the last keystroke's save
                elapsed = time.monotonic() - start
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
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']}: {row['value']} {row['unit']}  baseline {row.get('baseline')}  ratio {row.get('ratio')}")
