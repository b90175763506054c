"""The notebooks' source is the jupytext percent file beside each .ipynb; the .ipynb is in step and clean.

`make notebooks` writes every notebooks/**/*.ipynb from its .py; these tests fail when someone edited one
side only, or committed a notebook with outputs.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

jupytext = pytest.importorskip("jupytext", reason="pip install -e '.[test]' (jupytext is a test dependency)")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SOURCES = sorted(NOTEBOOKS.rglob("*.py"))
FIX = "run `make notebooks` (jupytext --update --to ipynb notebooks/*.py notebooks/training/*.py)"


def _cells(nb) -> list[tuple[str, str, list[str]]]:
    return [(c.cell_type, c.source, list(c.metadata.get("tags", []))) for c in nb.cells]


def test_every_notebook_has_a_source_and_every_source_a_notebook():
    notebooks = {p.relative_to(NOTEBOOKS).with_suffix("") for p in NOTEBOOKS.rglob("*.ipynb")}
    sources = {p.relative_to(NOTEBOOKS).with_suffix("") for p in SOURCES}
    assert len(notebooks) == 9
    assert notebooks == sources, f"unpaired: {sorted(map(str, notebooks ^ sources))}; {FIX}"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: str(p.relative_to(NOTEBOOKS)))
def test_ipynb_is_in_step_with_its_source_and_has_no_outputs(source):
    text = jupytext.read(source)
    ipynb = source.with_suffix(".ipynb")
    committed = nbformat.read(ipynb, as_version=4)
    nbformat.validate(committed)
    name = ipynb.relative_to(ROOT)
    assert _cells(committed) == _cells(text), f"{name} differs from {source.name}; {FIX}"
    assert committed.metadata["kernelspec"]["name"] == "python3"
    for cell in committed.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{name}: cell {cell.id} has outputs; {FIX}"
    params = [c for c in committed.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and params[0].cell_type == "code", f"{source.name}: one code cell tagged parameters"


def test_the_check_sees_an_edit_on_one_side(tmp_path):
    source = NOTEBOOKS / "training" / "01_spot_the_flaw.py"
    edited = source.read_text(encoding="utf-8").replace("n_flaws = 2", "n_flaws = 3")
    assert edited != source.read_text(encoding="utf-8")
    committed = nbformat.read(source.with_suffix(".ipynb"), as_version=4)
    assert _cells(jupytext.reads(edited, fmt="py:percent")) != _cells(committed)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: str(p.relative_to(NOTEBOOKS)))
def test_papermill_reads_every_parameter_line(source, caplog):
    """A parameters line papermill cannot parse prints a warning into `make demo` and every headless run."""
    from papermill.translators import PythonTranslator

    nb = nbformat.read(source.with_suffix(".ipynb"), as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    with caplog.at_level("WARNING", logger="papermill.translators"):
        names = [p.name for c in cells for p in PythonTranslator.inspect(c)]
    assert [r.getMessage() for r in caplog.records] == []
    assert names, "no parameters found"
