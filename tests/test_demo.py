"""`okr-workshop demo`, `report`, `init` through the real command line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import okr_workshop as okr
from okr_workshop.day import Day
from okr_workshop.jupyter import discovery, facilitator, lab

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "okr_workshop"]


def cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=900)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("demo") / "demo-output"
    done = cli("demo", "--out", str(out))
    assert done.returncode == 0, done.stderr[-3000:]
    return out, done


@pytest.mark.slow
def test_demo_writes_report_workbook_and_executed_notebooks(demo):
    out, done = demo
    for name in ("report.html", "okrs.xlsx", "exempel-ab.okr", "exempel-ab.json", "01_setting.ipynb",
                 "02_scoring.ipynb", "03_reporting.ipynb"):  # fmt: skip
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    assert str(out.resolve() / "report.html") in done.stdout
    # stderr is not a terminal here: the notebooks are named as they run, with no progress bar and no warning
    assert done.stderr.splitlines() == [f"demo: running {n}" for n in ("01_setting.ipynb", "02_scoring.ipynb",
                                                                       "03_reporting.ipynb")]  # fmt: skip
    ws = okr.load(out / "exempel-ab.okr")
    html = (out / "report.html").read_text(encoding="utf-8")
    assert ws.organisation in html and all(t.name in html for t in ws.teams)
    assert html.count('<section class="okr-team">') == len(ws.teams)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    for name in ("01_setting.ipynb", "02_scoring.ipynb", "03_reporting.ipynb"):
        nb = nbformat.read(out / name, as_version=4)
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert errors == [], name
        assert nb.metadata["papermill"]["parameters"]["workshop_path"] == str((out / "exempel-ab.okr").resolve())
    assert len(okr.read_excel(out / "okrs.xlsx").key_results) == len(ws.key_results)
    assert json.loads((out / "exempel-ab.json").read_text(encoding="utf-8"))["organisation"] == ws.organisation


@pytest.mark.slow
def test_demo_report_shows_how_the_okrs_came_to_be(demo):
    out, _ = demo
    html = (out / "report.html").read_text(encoding="utf-8")
    section = html[html.index("okr-day-record") :]
    # the recorded day of the sample: a merged candidate, votes, review items, dependencies, the mid-quarter review
    for text in ("Så kom målen till", "Vi slår igenom i Tyskland", "Hur mäter ni synligheten innan mässorna börjar?",
                 "Hjälpartiklar på tyska i appen", "avböjt", "Halvtidsavstämning", "okr-day-confidence"):  # fmt: skip
        assert text in section, text
    assert "ex-o-" not in section  # the record follows the demo's own ids


@pytest.mark.slow
def test_demo_runs_again_into_the_same_folder_from_a_fresh_sample(demo, tmp_path):
    out, _ = demo
    with okr.open_store(out / "exempel-ab.okr") as store:
        kr = store.load().key_results[0]
        store.set_override(kr.id, 0.1, "left over from a previous run")
    done = cli("demo", "--out", str(out), "--sample", "acme")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Acme Corp" in (out / "report.html").read_text(encoding="utf-8")
    done = cli("demo", "--out", str(out))
    assert done.returncode == 0, done.stderr[-3000:]
    assert all(k.grade_override is None for k in okr.load(out / "exempel-ab.okr").key_results)


@pytest.mark.slow
def test_report_command_for_one_team(demo, tmp_path):
    out, _ = demo
    done = cli("report", str(out / "exempel-ab.okr"), "--out", str(tmp_path / "r"), "--team", "Sälj")
    assert done.returncode == 0, done.stderr[-3000:]
    html = (tmp_path / "r" / "report-salj.html").read_text(encoding="utf-8")
    assert html.count('<section class="okr-team">') == 1 and "Sälj" in html
    assert done.stderr == ""  # not a terminal: no progress bar in a log


def test_report_command_errors_are_one_line(tmp_path):
    done = cli("report", str(tmp_path / "missing.okr"), "--out", str(tmp_path / "r"))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "missing.okr" in done.stderr
    okr.save(okr.samples.load("acme"), tmp_path / "acme.okr")
    env = {**__import__("os").environ, "OKR_WORKSHOP_CHROMIUM": ""}
    done = cli("report", str(tmp_path / "acme.okr"), "--out", str(tmp_path / "r"), "--pdf", env=env)
    assert done.returncode == 2 and "sudo apt-get install chromium" in done.stderr


def test_demo_refuses_a_file_as_output_folder(tmp_path):
    (tmp_path / "taken").write_text("x")
    done = cli("demo", "--out", str(tmp_path / "taken"))
    assert done.returncode == 2 and "not a folder" in done.stderr


def test_init_copies_the_notebooks_and_keeps_edits(tmp_path):
    target = tmp_path / "ws"
    written = lab.init(target)
    assert {p.name for p in written} >= set(discovery.NOTEBOOKS)
    for name in discovery.NOTEBOOKS:
        assert (target / name).read_bytes() == (ROOT / "notebooks" / name).read_bytes()
    (target / "01_setting.ipynb").write_text("{}")  # the facilitator's edits
    done = cli("init", str(target))
    assert done.returncode == 2 and "--force" in done.stderr
    assert (target / "01_setting.ipynb").read_text() == "{}"
    done = cli("init", str(target), "--force")
    assert done.returncode == 0 and "okr-workshop lab" in done.stdout
    assert (target / "01_setting.ipynb").read_bytes() == (ROOT / "notebooks" / "01_setting.ipynb").read_bytes()


def test_lab_needs_an_existing_folder(tmp_path):
    with pytest.raises(okr.OkrWorkshopError, match="okr-workshop init"):
        lab.run_lab(tmp_path / "nowhere")


def test_open_workshop_creates_from_a_sample_only_when_asked(tmp_path):
    ws = facilitator.open_workshop(tmp_path / "a.okr", lang="en", new=True)
    assert ws.organisation == "Acme Corp" and (tmp_path / "a.okr").is_file()
    with Day.read(tmp_path / "a.okr") as day:  # with the sample's recorded day, on the new workshop's ids
        assert {c.objective_id for c in day.candidates(everything=True) if c.objective_id} == {
            o.id for o in ws.objectives
        }
    assert facilitator.open_workshop(tmp_path / "a.okr", new=True).id == ws.id  # existing: opened, not replaced
    for kwargs in ({}, {"sample": "acme"}, {"lang": "sv"}, {"organisation": "Nya AB", "period": "2027-Q1"}):
        with pytest.raises(okr.OkrWorkshopError, match="finns inte.*No workshop file.*new_workshop = True"):
            facilitator.open_workshop(tmp_path / "b.okr", **kwargs)
    assert not (tmp_path / "b.okr").exists()


def test_set_overrides_by_id_or_text(tmp_path):
    path = tmp_path / "w.okr"
    ws = facilitator.open_workshop(path, sample="acme", new=True)
    a, b = ws.key_results[:2]
    assert facilitator.set_overrides(path, {a.id: [0.3, "late data"], b.text: [0.9, "agreed in review"]}) == 2
    again = okr.load(path)
    assert (again.key_result(a.id).grade_override, again.key_result(a.id).override_reason) == (0.3, "late data")
    assert again.key_result(b.id).grade_override == 0.9
    with pytest.raises(okr.OkrWorkshopError, match="no key result"):
        facilitator.set_overrides(path, {"nothing like this": [0.5, "why"]})
    with pytest.raises(okr.OkrWorkshopError, match=r"overrides\[.*say why"):
        facilitator.set_overrides(path, {a.id: 0.5})


def test_open_workshop_creates_a_new_one_from_parameters(tmp_path):
    ws = facilitator.open_workshop(
        tmp_path / "n.okr", organisation="Nya AB", period="2027-Q1", teams=["Top", "A"], new=True
    )
    assert [t.name for t in ws.teams] == ["Top", "A"] and ws.teams[1].parent_id == ws.teams[0].id
    with pytest.raises(okr.OkrWorkshopError, match="needs a period"):
        facilitator.open_workshop(tmp_path / "m.okr", organisation="Nya AB", new=True)
    assert not (tmp_path / "m.okr").exists()
