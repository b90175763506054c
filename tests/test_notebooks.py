"""The facilitator notebooks: committed clean and thin; each one executes headless on both samples.

Each notebook runs once per sample (module fixture) in its own kernel with
papermill, as a facilitator's Run All would; tests address cells by tag.
"""

from __future__ import annotations

import ast
import html
import io
import json
from pathlib import Path

import nbformat
import pytest

import okr_workshop as okr
from okr_workshop.jupyter import discovery, facilitator, runner

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SAMPLES = {"exempel-ab": "sv", "acme": "en"}


# --------------------------------------------------------------------------- committed form (fast)


@pytest.mark.parametrize("name", discovery.NOTEBOOKS)
def test_committed_without_outputs_and_thin(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, name
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None, f"{name}: cell {cell.id} has outputs"
        tree = ast.parse(cell.source)
        defs = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
        assert defs == [], f"{name}: cell {cell.id} defines {defs[0].name}; move it into okr_workshop"
        assert cell.metadata.get("tags"), f"{name}: cell {cell.id} has no tag to address it by"
    params = [c for c in code if "parameters" in c.metadata["tags"]]
    assert len(params) == 1, f"{name}: needs exactly one cell tagged parameters"
    names = {t.id for n in ast.parse(params[0].source).body if isinstance(n, ast.Assign) for t in n.targets}
    assert {"workshop_path", "new_workshop", "lang", "team", "out_dir", "sample"} <= names


def test_status_lines_follow_the_workshop_language_with_right_plurals():
    assert facilitator.say("findings", "sv", n=1) == "1 anmärkning"
    assert facilitator.say("findings", "sv", n=2) == "2 anmärkningar"
    assert (
        facilitator.say("findings", "en", n=1) == "1 finding" and facilitator.say("findings", "en", n=0) == "0 findings"
    )
    assert facilitator.say("no_workbook", "sv").startswith("Ingen arbetsbok att läsa in")
    assert facilitator.say("wrote", "en", path="x.xlsx") == "Wrote x.xlsx"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_score_tables_of_an_empty_workshop_say_so_instead_of_bare_headers(lang):
    from okr_workshop.report import tables

    ws = okr.Workshop.new("Nya AB", period="2027-Q1", lang=lang)
    ws.add_team("Marknad").add_objective("Bli kända i Tyskland")
    note = "Inga nyckelresultat ännu." if lang == "sv" else "No key results yet."
    for part in (tables.score_table(ws), tables.grading_table(ws)):
        html = part.html
        assert note in html and "<th" not in html


def test_notebooks_dir_is_the_checkout():
    assert discovery.notebooks_dir() == NOTEBOOKS
    assert discovery.notebook("03_reporting") == NOTEBOOKS / "03_reporting.ipynb"
    with pytest.raises(okr.OkrWorkshopError, match="no notebook named 99_nothing.ipynb"):
        discovery.notebook("99_nothing")


# --------------------------------------------------------------------------- executed (slow)


def _outputs(nb, tag: str) -> list:
    cells = [c for c in nb.cells if tag in c.metadata.get("tags", [])]
    assert len(cells) == 1, f"no single cell tagged {tag}"
    return cells[0].outputs


def _text(nb, tag: str) -> str:
    return "".join(o.get("text", "") for o in _outputs(nb, tag) if o.output_type == "stream")


def _html(nb, tag: str) -> str:
    return "".join(o.get("data", {}).get("text/html", "") for o in _outputs(nb, tag))


@pytest.fixture(scope="module", params=list(SAMPLES))
def run(request, tmp_path_factory):
    """All four notebooks executed in order on one sample, each in its own kernel."""
    sample = request.param
    out = tmp_path_factory.mktemp(sample)
    workshop = out / "workshop.okr"
    first_kr = okr.samples.load(sample).teams[1].objectives[0].key_results[0]  # overridden by its text below
    base = {"workshop_path": str(workshop), "new_workshop": True, "sample": sample, "lang": None, "team": None,
            "out_dir": str(out)}  # fmt: skip
    extra = {
        "02_scoring.ipynb": {"workbook": str(out / "okrs.xlsx"), "overrides": {first_kr.text: [0.5, "Test: a reason"]}},
        "03_reporting.ipynb": {"next_period": "2026-Q4"},
    }
    executed = {}
    for name in discovery.NOTEBOOKS:
        executed[name] = runner.execute(discovery.notebook(name), out / name, {**base, **extra.get(name, {})}, cwd=out)
    return sample, out, executed, first_kr


def _no_errors(nb) -> None:
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    stderr = [o.text for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("name") == "stderr"]
    assert not any("Traceback" in s for s in stderr), stderr


@pytest.mark.slow
def test_start_here_says_where_files_go(run):
    _sample, out, executed, _ = run
    nb = executed["00_start_here.ipynb"]
    _no_errors(nb)
    text = _text(nb, "where-files-go")
    assert str((out / "workshop.okr").resolve()) in text
    assert str(NOTEBOOKS) in text and "okr-workshop app" in text


@pytest.mark.slow
def test_setting_prepares_drafts_reviews_and_exports(run):
    sample, out, executed, _ = run
    nb = executed["01_setting.ipynb"]
    _no_errors(nb)
    ws = okr.load(out / "workshop.okr")
    assert ws.organisation in _text(nb, "setup")
    company = ws.teams[0]
    assert all(o.title in _html(nb, "company-okrs") for o in company.objectives)
    widget = "application/vnd.jupyter.widget-view+json"
    assert any(widget in o.get("data", {}) for o in _outputs(nb, "drafting-form"))
    assert any(widget in o.get("data", {}) for o in _outputs(nb, "board"))
    findings = okr.check(ws)
    n = len(findings)
    expected = {"sv": f"{n} anmärkningar" if n != 1 else "1 anmärkning", "en": f"{n} findings"}
    assert expected[SAMPLES[sample]] in _text(nb, "findings")
    assert all(f.rule in _html(nb, "findings") for f in findings)
    book = okr.read_excel(out / "okrs.xlsx")
    assert len(book.key_results) == len(ws.key_results)
    assert "okrs.xlsx" in _text(nb, "export")


@pytest.mark.slow
def test_scoring_imports_the_workbook_scores_and_grades_with_an_override(run):
    sample, out, executed, first_kr = run
    nb = executed["02_scoring.ipynb"]
    _no_errors(nb)
    lang = SAMPLES[sample]
    assert ("0 nya uppföljningar" if lang == "sv" else "0 new check-ins") in _text(nb, "import-workbook")
    widget = "application/vnd.jupyter.widget-view+json"
    assert any(widget in o.get("data", {}) for o in _outputs(nb, "check-in-form"))
    ws = okr.load(out / "workshop.okr")
    progress = _html(nb, "progress")
    assert progress.count("<tr>") == len(ws.key_results) + 1
    assert ("Förväntat nu" if lang == "sv" else "Expected by now") in progress
    grading = _html(nb, "grading")
    assert "Test: a reason" in grading and "✎" in grading
    meeting = _html(nb, "check-in-meeting")  # the sample's last week of the quarter: moves per team
    assert ("Veckans uppföljningsmöte" if lang == "sv" else "This week&#x27;s check-in meeting") in meeting
    assert all(f"<h3>{html.escape(t.name)}</h3>" in meeting for t in ws.teams)
    assert "okr-week-moves" in meeting and ("Tilltro" if lang == "sv" else "Confidence") in meeting
    # the workshop made from the sample has its own ids (never the sample's): find the key result by its text
    overridden = [kr for kr in ws.key_results if kr.text == first_kr.text]
    assert first_kr.id not in {kr.id for kr in ws.key_results}
    assert [kr.grade_override for kr in overridden] == [0.5]


@pytest.mark.slow
def test_reporting_has_cover_sections_and_one_part_per_team(run):
    sample, out, executed, _ = run
    nb = executed["03_reporting.ipynb"]
    _no_errors(nb)
    ws = okr.load(out / "workshop.okr")
    cover = _outputs(nb, "report-cover")[0].metadata["okr_report"]
    assert cover["role"] == "cover" and cover["organisation"] == ws.organisation and cover["period"] == "2026-Q3"
    teams = [o.metadata["okr_report"]["team"] for o in _outputs(nb, "report-teams")]
    assert teams == [t.name for t in ws.teams]
    assert "id='alignment'" in _html(nb, "report-alignment")
    narrative = _html(nb, "report-teams")
    assert ("Teamets betyg" if sample == "exempel-ab" else "The team's grade") in narrative.replace("&#x27;", "'")
    assert "okr-day-mid-review" in _html(nb, "report-day")  # the sample's mid-quarter review is in the report
    new = out / "workshop-2026-Q4.okr"  # next_period: the next workshop beside this one, where the notebook says
    assert str(new) in _text(nb, "next-period")
    assert ("Nästa periods workshop" if sample == "exempel-ab" else "The next period's workshop") in _text(
        nb, "next-period"
    )
    following = okr.load(new)
    assert following.period.label == "2026-Q4" and [t.name for t in following.teams] == [t.name for t in ws.teams]
    json.dumps(nb)  # the executed notebook is plain JSON (no objects leaked into outputs)


@pytest.mark.slow
def test_setting_creates_a_new_workshop_of_your_own(tmp_path):
    params = {"workshop_path": str(tmp_path / "ny.okr"), "new_workshop": True, "sample": None, "lang": "sv", "team": None,
              "out_dir": str(tmp_path), "organisation": "Nya AB", "period": "2027-Q1",
              "teams": ["Ledningen", "Marknad", "Sälj"]}  # fmt: skip
    nb = runner.execute(discovery.notebook("01_setting"), tmp_path / "01.ipynb", params, cwd=tmp_path)
    _no_errors(nb)
    ws = okr.load(tmp_path / "ny.okr")
    assert (ws.organisation, ws.period.label, ws.lang) == ("Nya AB", "2027-Q1", "sv")
    assert [(t.name, t.parent.name if t.parent else None) for t in ws.teams] == [
        ("Ledningen", None), ("Marknad", "Ledningen"), ("Sälj", "Ledningen")]  # fmt: skip
    assert (tmp_path / "okrs.xlsx").is_file()


@pytest.mark.parametrize("name", ["01_setting", "02_scoring", "03_reporting"])
def test_a_mistyped_workshop_path_is_an_error_in_words_and_creates_nothing(tmp_path, name):
    """The default parameters with a path that does not exist: no sample company appears in a new file."""
    typo = tmp_path / "worksop.okr"
    with pytest.raises(okr.OkrWorkshopError) as info:
        runner.execute(discovery.notebook(name), tmp_path / "out.ipynb", {"workshop_path": str(typo)}, cwd=tmp_path)
    message = str(info.value)
    assert "finns inte" in message and "No workshop file" in message and "new_workshop = True" in message
    assert not typo.exists() and not list(tmp_path.glob("*.okr"))
    nb = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert len(errors) == 1 and len(errors[0].traceback) == 1, "the error is one message, not a traceback"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("lang,word", [("sv", "rapport"), ("en", "report")])
def test_report_progress_is_a_bar_in_a_terminal_and_silent_elsewhere(lang, word):
    from okr_workshop.jupyter.reporting import TeamProgress

    outputs = [{"metadata": {"okr_report": {"team": name}}} for name in ("Marknad", "Sälj")]
    for file, shown in ((io.StringIO(), False), (_Terminal(), True)):
        bar = TeamProgress(["Marknad", "Sälj"], True, lang, file=file)
        for output in [{"metadata": {}}, *outputs]:  # an output without a team does not count
            bar(output)
        bar.close()
        text = file.getvalue()
        assert (f"{word}: 100%" in text and "2/2" in text and "Sälj" in text) if shown else text == "", text


@pytest.mark.slow
def test_the_notebooks_run_on_a_postgresql_workshop(tmp_path, pg_cluster):
    """The facilitator's notebooks on the shared store of a JupyterHub: a postgresql:// URL as workshop_path."""
    url = pg_cluster.url("anteckningsbocker")
    base = {"workshop_path": url, "new_workshop": True, "sample": "exempel-ab", "lang": None, "team": None,
            "out_dir": str(tmp_path)}  # fmt: skip
    extra = {"02_scoring.ipynb": {"workbook": str(tmp_path / "okrs.xlsx")}}
    executed = {}
    for name in discovery.NOTEBOOKS:
        executed[name] = runner.execute(discovery.notebook(name), tmp_path / name, {**base, **extra.get(name, {})},
                                        cwd=tmp_path)  # fmt: skip
        _no_errors(executed[name])
    assert f"workshop      {url}" in _text(executed["00_start_here.ipynb"], "where-files-go")
    assert okr.load(url).organisation == "Exempel AB"  # 01_setting created it on the server
    assert (tmp_path / "okrs.xlsx").is_file() and not list(tmp_path.glob("*.okr"))  # no file beside it
