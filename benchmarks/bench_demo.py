"""Demo speed: `okr-workshop demo` against `jupyter nbconvert --execute --to html` on one-cell notebooks.

Both sides are measured in the same run, as command lines in fresh processes:
- the demo runs notebooks 01–03 headless (one kernel) and exports the report;
- the baseline executes and exports as many one-cell notebooks (``print(1)``)
  with ``jupyter nbconvert --execute --to html``: one command per notebook, as
  a facilitator would run them, and also all in one command (the faster floor).
Target (issue 7): demo ≤ 1.5 × the one-command-per-notebook baseline; the
ratio against the single-command floor is reported too.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from subprocess import DEVNULL
from subprocess import run as sh

import nbformat

from okr_workshop.jupyter.demo import STEPS

BIN = Path(sys.executable).parent
REPEAT = 3
TARGET = 1.5


def _time(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    sh(command, cwd=cwd, check=True, stdout=DEVNULL, stderr=DEVNULL)
    return time.perf_counter() - start


def _one_cell_notebooks(folder: Path, n: int) -> list[str]:
    names = []
    for i in range(n):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1)")])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        name = f"one_{i}.ipynb"
        nbformat.write(nb, folder / name)
        names.append(name)
    return names


def measure(repeat: int = REPEAT) -> dict[str, float]:
    """Best-of-``repeat`` seconds for the demo and both baselines, interleaved so load affects all alike."""
    jupyter = str(BIN / "jupyter")
    best = {"demo": float("inf"), "separate": float("inf"), "single": float("inf")}
    with tempfile.TemporaryDirectory(prefix="bench-demo-") as tmp:
        folder = Path(tmp)
        names = _one_cell_notebooks(folder, len(STEPS))
        for i in range(repeat):
            out = folder / f"demo-{i}"
            best["demo"] = min(best["demo"], _time([str(BIN / "okr-workshop"), "demo", "--out", str(out)], folder))
            separate = sum(_time([jupyter, "nbconvert", "--execute", "--to", "html", n], folder) for n in names)
            best["separate"] = min(best["separate"], separate)
            best["single"] = min(best["single"], _time([jupyter, "nbconvert", "--execute", "--to", "html", *names],
                                                       folder))  # fmt: skip
    return best


def run() -> list[dict]:
    """Rows {"name", "value", "unit", "baseline", "ratio"} for the demo benchmark."""
    t = measure()
    ratio = t["demo"] / t["separate"]
    return [
        {"name": f"okr-workshop demo ({len(STEPS)} notebooks + report) vs nbconvert, one command per notebook",
         "value": round(t["demo"], 2), "unit": "s", "baseline": round(t["separate"], 2), "ratio": round(ratio, 2),
         "target": f"≤ {TARGET}", "met": ratio <= TARGET},
        {"name": f"okr-workshop demo vs nbconvert, all {len(STEPS)} notebooks in one command",
         "value": round(t["demo"], 2), "unit": "s", "baseline": round(t["single"], 2),
         "ratio": round(t["demo"] / t["single"], 2)},
    ]  # fmt: skip


if __name__ == "__main__":
    for row in run():
        print(row)
