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


# The first Swedish text from the catalogue and the first number through Babel (imported on first use).
FIRST_TEXTS = ("okr_workshop; from okr_workshop.i18n import gettext; from okr_workshop.i18n.formatting import format_number; "
               "gettext('sv', 'checkin.title', team='x'); format_number(12500.5, 'sv')")  # fmt: skip


def run() -> list[dict]:
    ours = _import_time("okr_workshop")
    texts = _import_time(FIRST_TEXTS)
    pandas = _import_time("pandas")
    return [
        {"name": "import okr_workshop (median of 5)", "value": ours * 1000, "unit": "ms",
         "baseline": f"import pandas {pandas * 1000:.0f} ms", "ratio": ours / pandas, "target": "< 1",
         "met": ours < pandas},
        {"name": "import + first text + first Babel number", "value": texts * 1000, "unit": "ms",
         "baseline": f"import pandas {pandas * 1000:.0f} ms", "ratio": texts / pandas, "target": "< 1",
         "met": texts < pandas},
    ]  # fmt: skip


if __name__ == "__main__":
    for row in run():
        print(row)
