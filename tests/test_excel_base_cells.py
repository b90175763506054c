"""The hidden base cells stay the same bytes whatever makes them faster: a workbook exported earlier
imports with its unedited fields seen as unedited (changed checksums would make every field look edited).

The expected cells and canonical forms were computed by the code before the export was sped up.
"""

from __future__ import annotations

import datetime as dt

import pytest

import okr_workshop as okr
from okr_workshop.model.entities import Kind
from okr_workshop.workbook import base as B


def rows():
    ws = okr.Workshop.new("Exempel AB", period="2027-Q1", lang="sv")
    team = ws.add_team("Marknad ", id="team-1")
    obj = team.add_objective("  Kraftigt ökad synlighet på tyska marknaden", type="aspirational", owner="Eva")
    obj.id = "obj-1"
    kr = obj.add_key_result("200 leads från mässor\ti Tyskland", kind="increase", baseline=0, target=200.5, unit="st")
    kr.id = "kr-1"
    check_in = kr.add_check_in(value=120, confidence=6, on=dt.date(2027, 2, 15), comment="=SUM(A1)\tok\nrad två ",
                               id="c-1")  # fmt: skip
    return team, obj, kr, check_in


# Cells as exported before the field registry (b1: checksums in a fixed order).
B1_CELLS = {
    "team": "b1.YF3NGAAAAAA",
    "objective+key_result": (
        "b1.GWoEJQAAAAB3oJ0gysAZhwAAAACD3O-3wsKEiRuxkYEAWoTeAAAAABKjje_0298hlDfMxQAAAABmPHzlAAAAAIPc77cAAAAAAAAAAAAAAAB42zwq"
    ),
    "check_in": "b1.69u9GxFBMmgduHoUFWZyxQAAAAA",
}


def _sums(*parts):
    return [{name: B.checksum(text) for name, text in B.values(kind, obj).items()} for kind, obj in parts]


def test_base_cells_exported_before_still_read_as_the_same_checksums():
    """A workbook exported before (b1 cells) imports with its unedited fields seen as unedited."""
    team, obj, kr, check_in = rows()
    assert B.decode(B1_CELLS["team"], "team") == _sums(("team", team))
    assert B.decode(B1_CELLS["objective+key_result"], "objective", "key_result") == _sums(
        ("objective", obj), ("key_result", kr)
    )
    assert B.decode(B1_CELLS["check_in"], "check_in") == _sums(("check_in", check_in))


def test_base_cells_of_each_kind_of_row_are_the_ones_exported_before():
    """b2 cells (each checksum tagged with its field) stay the same bytes whatever makes them faster."""
    team, obj, kr, check_in = rows()
    assert B.encode(("team", team)) == "b2.QwJgXc0YOjEAAAAA"
    assert B.encode(("objective", obj), ("key_result", kr)) == (
        "b2.mzwZagQlCcUAAAAAZ4x3oJ0gBSvKwBmHjikAAAAAe_WD3O-3lrrCwoSJdrUbsZGBbasAWoTe2DIAAAAA3SESo43vnOz0298h2S2UN8zFEb0"
        "AAAAA5MNmPHzlVQ4AAAAAo5CD3O-3KgoAAAAAlG0AAAAA8IkAAAAARrh42zwq"
    )
    assert B.encode(("check_in", check_in)) == "b2.AQ7r270bB0ARQTJon7EduHoUxY4VZnLFGLIAAAAA"
    # and a cell decodes to the checksums of the same canonical values
    (sums,) = B.decode(B.encode(("check_in", check_in)), "check_in")
    assert sums == {name: B.checksum(text) for name, text in B.values("check_in", check_in).items()}


@pytest.mark.parametrize(
    "value, canonical",
    [
        ("a\x01b\x1f ", "ab"),  # control codes XML cannot carry are dropped, outer spaces stripped
        (" x\ty\n ", "x\ty"),  # tab and newline inside are kept
        ("", ""),
        (None, ""),
        (True, "True"),
        (3, "3"),
        (0.1 + 0.2, "0.3"),
        (dt.date(2027, 1, 2), "2027-01-02"),
        (dt.datetime(2027, 1, 2, 5), "2027-01-02"),
        (Kind.DECREASE, "decrease"),  # a str enum is its value, not its text
    ],
)
def test_canonical_text_of_a_value(value, canonical):
    assert B.canon(value) == canonical
