"""`import okr_workshop` against `import pandas`, each in a fresh interpreter, same run."""

from __future__ import annotations

import statistics
import subprocess
import sys


def _import_time(module: str, repeat: int = 5) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    times = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(repeat)
    ]
    return statistics.median(times)


def run() -> list[dict]:
    ours = _import_time("okr_workshop")
    pandas = _import_time("pandas")
    return [
        {"name": "import okr_workshop (median of 5)", "value": ours * 1000, "unit": "ms",
         "baseline": f"import pandas {pandas * 1000:.0f} ms", "ratio": ours / pandas, "target": "< 1",
         "met": ours < pandas},
    ]  # fmt: skip


if __name__ == "__main__":
    for row in run():
        print(row)
