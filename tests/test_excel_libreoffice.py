"""A real spreadsheet program: LibreOffice Calc re-saves our workbooks; everything must survive."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from test_excel import canon

import okr_workshop as okr
from okr_workshop.workbook.read import read_excel
from okr_workshop.workbook.write import write_excel

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def soffice():
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("soffice is missing on CI: apt-get install libreoffice-calc (.ci/run does this)")
        pytest.skip("LibreOffice is not installed: sudo apt-get install libreoffice-calc")
    return path


def convert(soffice: str, src, outdir, target: str, profile) -> None:
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target,
         "--outdir", str(outdir), str(src)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip


@pytest.mark.parametrize("name", ["exempel-ab", "acme"])
def test_libreoffice_resave_keeps_everything(soffice, tmp_path, name):
    ws = okr.samples.load(name)
    ours = write_excel(ws, tmp_path / "ours" / f"{name}.xlsx")
    convert(soffice, ours, tmp_path / "calc", "xlsx", tmp_path / "profile")
    resaved = tmp_path / "calc" / f"{name}.xlsx"
    assert resaved.read_bytes() != ours.read_bytes()  # really written by Calc
    assert canon(read_excel(resaved)) == canon(ws)


def test_libreoffice_renders_the_workbook_to_pdf(soffice, tmp_path):
    ours = write_excel(okr.samples.load("exempel-ab"), tmp_path / "okrs.xlsx")
    convert(soffice, ours, tmp_path, "pdf", tmp_path / "profile")
    pdf = tmp_path / "okrs.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Ledningsgruppen" in text and "Nyckelresultat" in text


def test_printing_fits_the_width_of_a_page_and_repeats_the_header(soffice, tmp_path):
    if not shutil.which("pdfinfo") or not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed")
    ws = okr.samples.load("exempel-ab")
    ours = write_excel(ws, tmp_path / "okrs.xlsx")
    convert(soffice, ours, tmp_path, "pdf", tmp_path / "profile")
    pdf = tmp_path / "okrs.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
    rows = 2 + len(ws.key_results) + sum(len(kr.check_ins) + 1 for kr in ws.key_results)
    assert pages <= rows // 12  # one page wide: without fit-to-width every row band spans 2-3 pages
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    per_page = text.split("\f")[:pages]
    assert sum("Kommentar" in page for page in per_page) >= 3  # the check-ins header repeats on its pages
    assert all(f"/ {pages}" in page for page in per_page)  # "page of pages" footer


def test_after_a_libreoffice_resave_the_base_still_keeps_app_edits(soffice, tmp_path):
    from okr_workshop.workbook.merge import import_workbook

    ws = okr.samples.load("exempel-ab")
    file = tmp_path / "ws.okr"
    okr.save(ws, file)
    ours = write_excel(ws, tmp_path / "ours" / "okrs.xlsx")
    convert(soffice, ours, tmp_path / "calc", "xlsx", tmp_path / "profile")
    resaved = tmp_path / "calc" / "okrs.xlsx"
    kr = ws.key_results[3]
    with okr.open_store(file) as store:  # the app edits after the export
        now = store.load()
        now.key_result(kr.id).target = 12345
        store.save(now.key_result(kr.id))
    summary = import_workbook(resaved, file)
    assert summary.changes == 0 and summary.warnings == []  # every row's base survived Calc
    assert okr.load(file).key_result(kr.id).target == 12345
