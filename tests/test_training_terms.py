"""One Swedish term per concept on everything a trainee or trainer reads (facit, tilltro, utgångsläge)."""

from __future__ import annotations

import re

import pytest

from okr_workshop.training import handout, results, texts

FORBIDDEN = re.compile(r"\b(frö|konfidens|utgångsvärde\w*|rent!|modellsvar\w*|seed|grading)\b", re.IGNORECASE)


def _swedish() -> list[str]:
    out = []
    for table in (texts.T, texts.FLAW_LABELS, texts.KIND, results._HEAD, results._SHEETS, results.EXERCISE_NAMES,
                  results.STATUS_NAMES, handout._WORDS):  # fmt: skip
        out += [entry["sv"] for entry in table.values() if "sv" in entry]
    return out


def test_swedish_texts_use_one_term_per_concept():
    bad = [text for text in _swedish() if FORBIDDEN.search(text)]
    assert bad == []
    joined = " ".join(_swedish())
    for term in ("Facit", "Tilltro", "Utgångsläge"):
        assert term in joined


@pytest.mark.parametrize("maker", ["spot", "rewrite", "quarter", "facilitate"])
def test_a_swedish_widget_shows_no_english_and_no_developer_notes(maker):
    pytest.importorskip("ipywidgets")
    import okr_workshop.training as tr
    from okr_workshop.widgets import training as wt

    spot = tr.make_spot_exercise(4, "sv", 2)
    widget = {
        "spot": lambda: wt.SpotTheFlaw(spot),
        "rewrite": lambda: wt.Rewrite(tr.RewriteSession.from_exercise(spot)),
        "quarter": lambda: wt.ScoreTheQuarter(tr.make_quarter_exercise(4, "sv")),
        "facilitate": lambda: wt.Facilitate(tr.make_board(4, "sv")),
    }[maker]()
    shown = []

    def walk(w):
        for attr in ("value", "description", "placeholder"):
            value = getattr(w, attr, None)
            if isinstance(value, str):
                shown.append(value)
        for child in getattr(w, "children", ()):
            walk(child)

    walk(widget)
    text = " ".join(shown)
    assert not FORBIDDEN.search(text)
    for english in ("Check", "Key result", "Baseline", "Objective", "Confidence", "{", "GRADING"):
        assert english not in text, english


def test_errors_in_a_swedish_class_are_swedish():
    import okr_workshop.training as tr
    from okr_workshop.errors import ValidationError

    board = tr.make_board(4, "sv")
    with pytest.raises(ValidationError) as err:
        tr.grade_facilitate(board, ["kr-activity", "kr-binary"])
    assert str(err.value) == "svar: välj exakt tre punkter (du valde 2)."
    with pytest.raises(ValidationError) as err:
        tr.grade_spot(tr.make_spot_exercise(4, "sv", 2), ["nonsens"])
    assert str(err.value).startswith("svar: 'nonsens' finns inte bland valen: ") and "Utgångsläge saknas" in str(
        err.value
    )
