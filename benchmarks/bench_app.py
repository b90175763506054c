"""The participants' app under a whole room: ten team pages opened at the same moment.

A 10-team workshop (``samples.generate(teams=10, seed=1)``) served by ``okr-workshop app``;
chromium on the same machine, each page in a browser context of its own; "usable" = the
team's first text field is on the page. Figures, all from one run:
- one page alone (the baseline), then ten at once: the first and the last usable, and the
  last as a ratio of one alone (target: at most 5);
- CPU seconds per page while the ten load, split into the server (Voilà), the kernels and
  the browsers (in a real room the browsers run on the participants' laptops);
- memory per connected participant: resident memory of the kernels / open pages;
- widget models a team page sends (the app opens the first objective whole, the others
  collapsed), against the same form with every objective open, for the room's 3x3 teams
  and a 4x5 team; counted in this process, no browser.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

TEAMS = 10
FIELD = ".okr-drafting-form .okr-objective-title input"


def _cpu(pids: list[int]) -> float:
    """CPU seconds (user + system) these processes have used so far."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return total / tick


def _family(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                ppid = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(proc.name))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _models(path: Path, team: str, expanded: int | None) -> tuple[int, int]:
    """Widget models and bytes of widget state of one team's drafting form."""
    import json

    import ipywidgets as w
    from ipywidgets.embed import embed_data

    from okr_workshop.widgets import DraftingForm

    registry = w.widgets.widget._instances
    before = set(registry)
    form = DraftingForm(path, team, live=None, expanded=expanded)
    try:
        models = len(set(registry) - before)
        state = len(json.dumps(embed_data(views=[form])["manager_state"]))
    finally:
        form.close()
    return models, state


def _model_rows(tmp: str, room: Path, team: str) -> list[dict]:
    import okr_workshop as okr
    from okr_workshop.app.page import EXPANDED

    ws = okr.Workshop.new("Bench", period="2027-Q1", lang="sv")
    big = ws.add_team("Fyra gånger fem")
    for i in range(4):
        obj = big.add_objective(f"Mål {i + 1} som teamet vill nå", type="committed", owner="Eva")
        for j in range(5):
            obj.add_key_result(f"Resultat {j + 1}", kind="increase", baseline=0, target=10 + j, unit="st", owner="Bo")
    path = Path(tmp) / "big.okr"
    okr.save(ws, path)
    rows = []
    for label, where, name in (("3x3, the room's teams", room, team), ("4x5", path, big.name)):
        _models(where, name, None)  # the shared style and layout models exist from here on, as in a kernel
        whole, whole_state = _models(where, name, None)
        light, light_state = _models(where, name, EXPANDED)
        rows += [
            {"name": f"widget models, team page {label} (first objective open)", "value": light, "unit": "models",
             "baseline": f"every objective open: {whole}", "ratio": round(light / whole, 2)},
            {"name": f"widget state, team page {label} (first objective open)", "value": round(light_state / 1e3),
             "unit": "kB", "baseline": f"every objective open: {whole_state / 1e3:.0f}",
             "ratio": round(light_state / whole_state, 2)},
        ]  # fmt: skip
    return rows


def run() -> list[dict]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from browser_support import chromium_path, launched_browser, open_at_once, rss_mib, start_app

    import okr_workshop as okr
    from okr_workshop.app.launch import page_url

    try:
        chromium_path()
    except BaseException as err:  # noqa: BLE001 - pytest's skip is a BaseException
        return [{"name": f"app pages: not measured ({err})", "value": None}]

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "room.okr"
        okr.save(okr.samples.generate(teams=TEAMS, seed=1), path)
        teams = [t.name for t in okr.load(path).teams if t.objectives][:TEAMS]
        rows += _model_rows(tmp, path, teams[0])
        server, _ = start_app(path, log_name="bench-app")
        try:
            launch = server.launch
            with launched_browser() as browser:
                alones = []
                for _ in range(4):  # the first page warms the server's templates; the median of the others
                    contexts, _, (seconds,) = open_at_once(browser, [launch.team_url(teams[0])], FIELD)
                    alones.append(seconds)
                    for c in contexts:
                        c.close()
                alone = statistics.median(alones[1:])
                deadline = time.monotonic() + 30
                while server.kernels() and time.monotonic() < deadline:
                    time.sleep(0.2)
                load = os.getloadavg()[0]
                me = os.getpid()
                server_pids = [server.proc.pid, *[p for p in server.descendants() if p not in server.kernel_pids()]]
                cpu0 = {"server": _cpu(server_pids), "browser": _cpu([p for p in _family(me) if p not in
                                                                      [server.proc.pid, *server.descendants()]])}  # fmt: skip
                contexts, _, times = open_at_once(browser, [launch.team_url(t) for t in teams], FIELD)
                kernels = server.kernel_pids()
                cpu1 = {"server": _cpu(server_pids), "browser": _cpu([p for p in _family(me) if p not in
                                                                      [server.proc.pid, *server.descendants()]])}  # fmt: skip
                kernel_cpu = _cpu(kernels)
                rss = rss_mib(kernels)
                for c in contexts:
                    c.close()
                # the same with a page of one widget (the team chooser): what every Voilà page costs anyway
                deadline = time.monotonic() + 60
                while server.kernels() and time.monotonic() < deadline:
                    time.sleep(0.2)
                chooser = page_url(launch.base_url, "participant", token=launch.token)
                browser0 = _cpu([p for p in _family(me) if p not in [server.proc.pid, *server.descendants()]])
                contexts, _, _ = open_at_once(browser, [chooser] * TEAMS, ".okr-app-choose")
                browser1 = _cpu([p for p in _family(me) if p not in [server.proc.pid, *server.descendants()]])
                for c in contexts:
                    c.close()
        finally:
            server.stop()
    first, last = min(times), max(times)
    busy = f" (load average {load:.1f} on {os.cpu_count()} cores)"
    rows += [
        {"name": "one team page alone, until usable (median of 3)", "value": round(alone, 1), "unit": "s"},
        {"name": f"{TEAMS} team pages at once: first usable", "value": round(first, 1), "unit": "s",
         "baseline": "one alone", "ratio": round(first / alone, 2)},
        {"name": f"{TEAMS} team pages at once: last usable{busy}", "value": round(last, 1), "unit": "s",
         "baseline": "one alone", "ratio": round(last / alone, 2), "target": "≤ 5", "met": last <= 5 * alone},
        {"name": f"CPU per page while {TEAMS} load: server (Voilà)", "unit": "s",
         "value": round((cpu1["server"] - cpu0["server"]) / TEAMS, 2)},
        {"name": f"CPU per page while {TEAMS} load: kernel", "unit": "s", "value": round(kernel_cpu / len(kernels), 2)},
        {"name": f"CPU per page while {TEAMS} load: browser (on the laptops in a real room)", "unit": "s",
         "value": round((cpu1["browser"] - cpu0["browser"]) / TEAMS, 2)},
        {"name": f"CPU per page while {TEAMS} load: browser, a page of one widget (the team chooser)", "unit": "s",
         "value": round((browser1 - browser0) / TEAMS, 2), "baseline": "a team page",
         "ratio": round((browser1 - browser0) / max(cpu1["browser"] - cpu0["browser"], 1e-9), 2)},
        {"name": "memory per connected participant (kernel RSS)", "unit": "MiB",
         "value": round(rss / len(kernels), 1)},
    ]  # fmt: skip
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
