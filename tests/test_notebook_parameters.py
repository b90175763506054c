"""Each facilitator notebook explains every parameter in Swedish and in English, above the parameters cell."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

jupytext = pytest.importorskip("jupytext", reason="pip install -e '.[test]' (jupytext is a test dependency)")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
ENGLISH_STARTS = "*Change only"


@pytest.mark.parametrize("name", ["01_setting", "02_scoring", "03_reporting"])
def test_every_parameter_is_explained_in_both_languages(name):
    cells = jupytext.read(NOTEBOOKS / f"{name}.py").cells
    index = next(i for i, c in enumerate(cells) if "parameters" in c.metadata.get("tags", []))
    names = [t.id for node in ast.parse(cells[index].source).body for t in getattr(node, "targets", [])]
    text = cells[index - 1].source
    assert cells[index - 1].cell_type == "markdown" and ENGLISH_STARTS in text
    swedish, english = text.split(ENGLISH_STARTS, 1)
    for part, lang in ((swedish, "sv"), (english, "en")):
        missing = [n for n in names if not re.search(rf"`{n}\b", part)]
        assert missing == [], f"{name}: not explained in {lang}: {missing}"
