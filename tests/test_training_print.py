"""Printed handouts and the answer key (facit): same exercises as the notebooks, escaped, in one language, PDF."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from okr_workshop.report.export import find_chromium
from okr_workshop.training import handouts, make_quarter_exercise, make_spot_exercise, write_handouts
from okr_workshop.training.quarter import grade_text
from okr_workshop.training.texts import flaw_label


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_handouts_hold_the_class_exercises_and_the_answer_key(lang):
    pages = handouts(4, lang)
    key = {"sv": "facit", "en": "answer_key"}[lang]
    assert len(pages) == 5 and key in pages
    spot, quarter = make_spot_exercise(4, lang, 2), make_quarter_exercise(4, lang)
    first = next(iter(pages.values()))
    assert spot.broken["key_results"][0]["text"].split()[0] in first
    for flaw in spot.flaws:
        assert flaw_label(flaw, lang) in pages[key]
    for grade in quarter.expected().values():
        assert grade_text(grade, lang) in pages[key]
    text = "".join(pages.values())
    assert "Rätta" not in text and "press Check" not in text  # paper has no button
    if lang == "sv":
        assert not any(w in text for w in ("Trainee", "Key result", "Baseline", "Objective:"))


def test_handout_text_is_escaped(monkeypatch):
    from okr_workshop.training import handout

    real = handout.make_spot_exercise

    def spiked(*args, **kwargs):
        ex = real(*args, **kwargs)
        ex.broken["objective"] = "<script>alert(1)</script>"
        return ex

    monkeypatch.setattr(handout, "make_spot_exercise", spiked)
    page = next(iter(handouts(4, "sv").values()))
    assert "<script>" not in page and "&lt;script&gt;" in page


@pytest.mark.skipif(find_chromium() is None or shutil.which("pdftotext") is None, reason="needs chromium, pdftotext")
def test_handouts_print_to_pdf(tmp_path):
    files = write_handouts(tmp_path, 4, "sv")
    assert [f.name for f in files] == [
        "01_hitta_felet.pdf", "02_skriv_om.pdf", "03_betygsatt_kvartalet.pdf", "04_facilitera.pdf", "facit.pdf",
    ]  # fmt: skip
    text = subprocess.run(["pdftotext", str(files[-1]), "-"], capture_output=True, text=True, check=True).stdout
    assert "Facit" in text and "Övningsnummer: 4" in text
