"""Excel export speed: ``write_excel`` of samples.generate(teams=1000) against two baselines, same run.

- openpyxl write-only mode writing exactly the same cells (values read back
  from our workbook, sheet by sheet) with no formatting at all: what the
  export cost when it was written with openpyxl. Target: write_excel (XlsxWriter)
  at most 0.8× this.
- XlsxWriter writing exactly the same cells (formulas as formulas) with no
  formatting, tables, validations or content work: the library's own floor.
  write_excel against it is what our code adds; it against openpyxl's floor is
  what the library costs, which no change of ours goes below (XlsxWriter runs
  its ~30 future-function regexes on every formula, public API or not).
- pandas ``DataFrame.to_excel`` of the same rows (one frame per sheet, one
  ExcelWriter): what a notebook user would write first. Target: below 1×.

write_excel's time includes everything an export does: quality findings,
strength and grades, styles, tables, validations and conditional formatting.

Strength: every team's strength from the workshop's findings, tallied once
(``quality.strength.strengths``) against one ``strength(team, findings)`` call
per team, which tallies all findings each time (quadratic in the teams).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from benchmarks.timing import best_of

TEAMS = int(os.environ.get("BENCH_EXCEL_TEAMS", "1000"))
REPEAT = int(os.environ.get("BENCH_EXCEL_REPEAT", "2"))
TARGET = 0.8  # issue 14: export at most 0.8× the openpyxl write-only floor


def _best(fn, repeat: int = REPEAT) -> float:
    return best_of(fn, repeat)


def _cells(path: Path) -> dict[str, list[tuple]]:
    """Every sheet's cell values, as written (formulas as their text)."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        out = {}
        for sheet in wb.worksheets:
            sheet.reset_dimensions()
            out[sheet.title] = [tuple(row) for row in sheet.iter_rows(values_only=True)]
        return out
    finally:
        wb.close()


def run() -> list[dict]:
    """Rows {name, value, unit, baseline, ratio} for the benchmark table."""
    import pandas as pd
    from openpyxl import Workbook

    from okr_workshop import samples
    from okr_workshop.workbook.write import write_excel

    ws = samples.generate(teams=TEAMS, seed=0)
    with tempfile.TemporaryDirectory() as tmp:
        ours = Path(tmp) / "ours.xlsx"
        plain = Path(tmp) / "plain.xlsx"
        frames = Path(tmp) / "pandas.xlsx"
        bare = Path(tmp) / "xlsxwriter.xlsx"
        write_excel(ws, ours)  # warm-up: imports, word lists
        cells = _cells(ours)
        n_cells = sum(len(r) for rows in cells.values() for r in rows)

        def write_only() -> None:
            wb = Workbook(write_only=True)
            for title, rows in cells.items():
                sheet = wb.create_sheet(title)
                for row in rows:
                    sheet.append(row)
            wb.save(plain)

        def xlsxwriter_only() -> None:
            import datetime as dt

            import xlsxwriter

            wb = xlsxwriter.Workbook(bare, {"strings_to_formulas": False, "strings_to_urls": False,
                                            "strings_to_numbers": False})  # fmt: skip
            for title, rows in cells.items():
                sheet = wb.add_worksheet(title)
                for r, row in enumerate(rows):
                    for c, value in enumerate(row):
                        if value is None:
                            continue
                        if isinstance(value, str):
                            if value.startswith("="):
                                sheet.write_formula(r, c, value)
                            else:
                                sheet.write_string(r, c, value)
                        elif isinstance(value, dt.datetime | dt.date):
                            sheet.write_datetime(r, c, value)
                        else:
                            sheet.write_number(r, c, value)
            wb.close()

        def with_pandas() -> None:
            with pd.ExcelWriter(frames, engine="openpyxl") as writer:
                for title, rows in cells.items():
                    width = max((len(r) for r in rows), default=0)
                    first = list(rows[0]) + [None] * (width - len(rows[0])) if rows else []
                    header = [f"{h}" if h is not None else f"col{i}" for i, h in enumerate(first)]
                    body = [list(r) + [None] * (width - len(r)) for r in rows[1:]]
                    pd.DataFrame(body, columns=header).to_excel(writer, sheet_name=title, index=False)

        from okr_workshop.quality import check
        from okr_workshop.quality.strength import strength, strengths

        findings = list(check(ws))
        once_s = _best(lambda: strengths(ws.teams, findings))
        per_team_s = _best(lambda: [strength(team, findings) for team in ws.teams], repeat=1)
        ours_s = _best(lambda: write_excel(ws, ours))
        floor_s = _best(write_only)
        bare_s = _best(xlsxwriter_only)
        pandas_s = _best(with_pandas, repeat=1)
        size = ours.stat().st_size
    krs = len(ws.key_results)
    return [
        {"name": f"write_excel, {krs:,} key results, {n_cells:,} cells", "value": ours_s, "unit": "s",
         "baseline": "openpyxl write-only, same cells, no formatting", "ratio": ours_s / floor_s,
         "target": f"≤ {TARGET}", "met": ours_s / floor_s <= TARGET},
        {"name": "write_excel vs the library alone", "value": ours_s, "unit": "s",
         "baseline": "XlsxWriter, same cells, no formatting", "ratio": ours_s / bare_s},
        {"name": "XlsxWriter alone vs openpyxl write-only", "value": bare_s, "unit": "s",
         "baseline": "openpyxl write-only, same cells, no formatting", "ratio": bare_s / floor_s},
        {"name": "write_excel vs pandas", "value": ours_s, "unit": "s",
         "baseline": "pandas DataFrame.to_excel, same rows", "ratio": ours_s / pandas_s},
        {"name": f"strength of {len(ws.teams):,} teams, findings tallied once", "value": once_s, "unit": "s",
         "baseline": "strength(team, findings) per team", "ratio": once_s / per_team_s},
        {"name": "openpyxl write-only floor", "value": floor_s, "unit": "s", "baseline": "", "ratio": None},
        {"name": "pandas to_excel", "value": pandas_s, "unit": "s", "baseline": "", "ratio": None},
        {"name": "workbook size", "value": size / 1e6, "unit": "MB", "baseline": "", "ratio": None},
    ]  # fmt: skip


if __name__ == "__main__":
    for row in run():
        ratio = "" if row["ratio"] is None else f"  ratio {row['ratio']:.2f}  vs {row['baseline']}"
        print(f"{row['name']}: {row['value']:.2f} {row['unit']}{ratio}", file=sys.stdout)
