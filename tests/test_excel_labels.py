"""Workbook labels: the agreed Swedish terms, and headers renamed since earlier exports still import."""

from __future__ import annotations

import re

import openpyxl
import pytest

import okr_workshop as okr
from okr_workshop.workbook import labels as L
from okr_workshop.workbook.read import read_excel
from okr_workshop.workbook.write import write_excel

ALL_COLUMNS = L.OKR_COLUMNS + L.CHECKIN_COLUMNS + L.TEAM_COLUMNS + L.QUALITY_COLUMNS
# Words the Swedish terminology replaced: "lag" (team), "självförtroende" (tilltro),
# "incheckning" (uppföljning), "mätvärde" (mått/värde).
OLD_SWEDISH = re.compile(r"\b(lag|laget|lagen|lagets|självförtroende\w*|incheckning\w*|mätvärde\w*)\b", re.I)


def _swedish_texts() -> list[str]:
    texts = [t for c in ALL_COLUMNS for t in (c.sv, c.help_sv)]
    texts += [names["sv"] for names in L.SHEETS.values()] + list(L.HINT["sv"]) + [L.TITLE["sv"]]
    texts += [m["sv"] for m in L.MESSAGES.values()]
    texts += [labels["sv"] for vocab in L.CHOICES.values() for labels in vocab.values()]
    return texts


def test_swedish_labels_use_the_agreed_terms():
    assert [t for t in _swedish_texts() if OLD_SWEDISH.search(t)] == []
    assert {c.sv for c in ALL_COLUMNS if c.key == "team"} == {"Team"}
    assert [c.sv for c in ALL_COLUMNS if c.key == "confidence"] == ["Tilltro (1–10)"] * 2


@pytest.mark.parametrize(
    "columns", [L.OKR_COLUMNS, L.CHECKIN_COLUMNS, L.TEAM_COLUMNS], ids=["okrs", "checkins", "teams"]
)
def test_old_and_new_headers_map_to_the_same_key(columns):
    lookup = L.header_lookup(columns)
    for col in columns:
        for text in (col.sv, col.en, col.key, *col.aliases):
            assert lookup[L.normalise(text)] == col.key, text
    assert lookup.get(L.normalise("Lag")) in (None, "team")


def _rename_headers(path, old_by_new: dict[str, str]) -> int:
    """Give a workbook the headers an older version wrote; returns how many cells changed."""
    wb = openpyxl.load_workbook(path)
    changed = 0
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value in old_by_new:
                    cell.value = old_by_new[cell.value]
                    changed += 1
    wb.save(path)
    return changed


def test_a_workbook_with_the_old_swedish_headers_still_imports(tmp_path):
    ws = okr.samples.load("exempel-ab")
    new = write_excel(ws, tmp_path / "new.xlsx")
    old = write_excel(ws, tmp_path / "old.xlsx")
    assert _rename_headers(old, {"Team": "Lag", "Team-id": "Lag-id"}) >= 4  # okrs, check-ins, overview, quality
    assert read_excel(old).to_dict() == read_excel(new).to_dict()
