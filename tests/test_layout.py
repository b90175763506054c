"""The package layout: nothing flat but the entry points, and the old import paths still work for one release."""

# restructure.py: keep the old import paths in this file, it tests them

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "okr_workshop"
FLAT = {"__init__", "__main__", "cli", "errors", "excel", "project"}  # excel, project: shims for one release


def test_only_entry_points_and_shims_are_flat():
    flat = {p.stem for p in PACKAGE.glob("*.py")}
    assert flat == FLAT, f"move {sorted(flat - FLAT)} into a package (see README, Layout)"


def test_old_excel_and_project_paths_offer_the_same_objects():
    from okr_workshop import excel, project
    from okr_workshop.jupyter import discovery, facilitator, lab, runner
    from okr_workshop.workbook import merge, read, write

    assert excel.write_excel is write.write_excel and excel.read_excel is read.read_excel
    assert excel.import_workbook is merge.import_workbook and excel.ImportSummary is merge.ImportSummary
    assert project.open_workshop is facilitator.open_workshop and project.say is facilitator.say
    assert project.notebook is discovery.notebook and project.init is lab.init
    assert project.Session is runner.Session and project.execute is runner.execute


def test_old_report_module_names_are_offered_by_the_package():
    import okr_workshop.report as report
    from okr_workshop.jupyter import reporting
    from okr_workshop.report import export, parts, tables

    assert report.export_html is export.export_html and report.okr_table is tables.okr_table
    assert report.sections is parts.sections and report.Part is parts.Part
    assert report.build_report is reporting.build_report and report.REPORT_NOTEBOOK == "03_reporting.ipynb"


def test_a_notebook_copied_before_this_release_still_imports():
    """What the 0.1 notebooks (copied by `okr-workshop init`) run, in a fresh interpreter."""
    code = (
        "from okr_workshop import excel, project, report, widgets\n"
        "assert callable(project.open_workshop) and callable(project.focus_team) and callable(project.say)\n"
        "assert callable(report.okr_table) and callable(report.cover) and callable(report.build_report)\n"
        "assert callable(excel.write_excel) and callable(excel.import_workbook)\n"
        "print('ok')"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr[-2000:]
