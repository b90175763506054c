"""Workbook import speed: ``read_excel`` and ``import_workbook`` against openpyxl's own read-only parse, same run.

The baseline is openpyxl in read-only mode walking every cell of every sheet of the same file
(what any reader must pay at least). Target: read_excel at most 2× that. A second point imports
the same workbook into its workshop file (unchanged: every row compared with its base, nothing
written), and a third reads a workbook with 1000 teams that each name their parent team (parent
matching was quadratic: 10.7 s at 1000 teams).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from benchmarks.timing import best_of

TEAMS = int(os.environ.get("BENCH_READ_TEAMS", "1000"))
REPEAT = int(os.environ.get("BENCH_READ_REPEAT", "2"))


def _parse(path: Path) -> int:
    """openpyxl's read-only parse of every cell (values and types), as our reader does it."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    n = 0
    try:
        for sheet in wb.worksheets:
            sheet.reset_dimensions()
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value is not None:
                        n += 1
    finally:
        wb.close()
    return n


def _teams_only(teams: int):
    """A workshop of ``teams`` teams under one another in a chain, no objectives: parent matching alone."""
    from okr_workshop.model.entities import Workshop

    ws = Workshop.new("Bench AB", period="2027-Q1", lang="sv")
    parent = None
    for i in range(teams):
        parent = ws.add_team(f"Team {i:04d}", parent=parent)
    return ws


def run() -> list[dict]:
    import okr_workshop as okr
    from okr_workshop import samples
    from okr_workshop.workbook.merge import import_workbook
    from okr_workshop.workbook.read import read_excel
    from okr_workshop.workbook.write import write_excel

    ws = samples.generate(teams=TEAMS, seed=0)
    with tempfile.TemporaryDirectory() as tmp:
        xlsx = write_excel(ws, Path(tmp) / "big.xlsx")
        file = Path(tmp) / "big.okr"
        okr.save(ws, file)
        cells = _parse(xlsx)  # warm-up
        read_excel(xlsx)
        parse_s = best_of(lambda: _parse(xlsx), REPEAT)
        read_s = best_of(lambda: read_excel(xlsx), REPEAT)
        import_s = best_of(lambda: import_workbook(xlsx, file), 1)
        chain = _teams_only(TEAMS)
        teams_xlsx = write_excel(chain, Path(tmp) / "teams.xlsx")
        teams_parse = best_of(lambda: _parse(teams_xlsx), REPEAT)
        teams_read = best_of(lambda: read_excel(teams_xlsx), REPEAT)
        size = xlsx.stat().st_size
    rows = len(ws.key_results) + sum(len(kr.check_ins) + 1 for kr in ws.key_results)
    return [
        {"name": f"read_excel, {rows:,} rows, {cells:,} cells, {size / 1e6:.1f} MB", "value": read_s, "unit": "s",
         "baseline": "openpyxl read-only parse of every cell, same file", "ratio": read_s / parse_s,
         "target": "<= 2", "met": read_s / parse_s <= 2},
        {"name": "import_workbook, same file, unchanged (compare every row with its base)", "value": import_s,
         "unit": "s", "baseline": "openpyxl read-only parse, same file", "ratio": import_s / parse_s},
        {"name": f"read_excel, {TEAMS} teams each under the one before", "value": teams_read, "unit": "s",
         "baseline": "openpyxl read-only parse, same file", "ratio": teams_read / teams_parse},
        {"name": "openpyxl read-only parse", "value": parse_s, "unit": "s", "baseline": "", "ratio": None},
    ]  # fmt: skip


if __name__ == "__main__":
    for row in run():
        ratio = "" if row["ratio"] is None else f"  ratio {row['ratio']:.2f}  vs {row['baseline']}"
        print(f"{row['name']}: {row['value']:.2f} {row['unit']}{ratio}", file=sys.stdout)
