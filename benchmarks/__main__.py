"""`python -m benchmarks [NAME ...]`: run every benchmarks/bench_*.py, print one table,
and write BENCHMARKS.md with the machine the figures came from."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import platform
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return "" if value is None else str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("names", nargs="*", help="only these benchmarks (e.g. quality excel)")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite BENCHMARKS.md")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    modules = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if args.names:
        modules = [m for m in modules if m.removeprefix("bench_") in args.names]
    rows: list[dict] = []
    failed = []
    from tqdm import tqdm

    bar = tqdm(modules, desc="benchmarks", unit=" bench", file=sys.stderr, disable=None)  # a bar in a terminal only
    for name in bar:
        start = time.perf_counter()
        bar.set_postfix_str(name)
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            for row in module.run():
                rows.append({"bench": name.removeprefix("bench_"), **row})
        except Exception:  # a broken benchmark must not hide the others' figures
            traceback.print_exc()
            failed.append(name)
        tqdm.write(f"{name}: {time.perf_counter() - start:.1f} s", file=sys.stderr)
    header = ("bench", "figure", "value", "unit", "baseline", "ratio", "target", "met")
    table = [header]
    for r in rows:
        table.append((r["bench"], r["name"], fmt(r.get("value")), r.get("unit", ""), r.get("baseline", ""),
                      fmt(r.get("ratio")), r.get("target", ""), {True: "yes", False: "NO"}.get(r.get("met"), "")))  # fmt: skip
    widths = [max(len(str(row[i])) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)))
    if not args.no_write and not args.names:
        lines = [
            "# Benchmarks",
            "",
            f"Measured {dt.date.today().isoformat()} by `make bench` on: {machine()}.",
            "Each figure is compared with a baseline measured in the same run; ratios below 1 mean faster than the baseline",
            "unless the unit says otherwise. Regenerate with `make bench`.",
            "",
            "| " + " | ".join(header[1:]) + " |",
            "|" + "---|" * (len(header) - 1),
        ]
        lines += ["| " + " | ".join(str(c) for c in row[1:]) + " |" for row in table[1:]]
        if failed:
            lines += ["", f"Failed to run: {', '.join(failed)} (see the console output)."]
        (ROOT / "BENCHMARKS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {ROOT / 'BENCHMARKS.md'}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
