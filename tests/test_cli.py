"""The command line: help everywhere, one-line errors, nothing written on bad input."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import okr_workshop as okr
from okr_workshop.cli import build_parser, main

COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "okr_workshop", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


def test_every_design_command_exists():
    assert set(COMMANDS) >= {"demo", "check", "lint", "new", "export", "import", "report", "app", "lab", "init"}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_ending_in_an_example(command, capsys):
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    tail = out.strip().splitlines()
    assert any(line.startswith("example:") for line in tail)
    assert tail[-1].startswith("okr-workshop ")


def test_new_creates_a_workshop_file(tmp_path):
    out = tmp_path / "exempel.okr"
    result = run("new", "Exempel AB", "--period", "2027-Q1", "--lang", "sv", "--team", "Ledningsgruppen",
                 "--team", "Marknad", "--team", "Sälj", "--out", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    ws = okr.load(out)
    assert (ws.organisation, ws.period.label, ws.lang, [t.name for t in ws.teams]) == (
        "Exempel AB", "2027-Q1", "sv", ["Ledningsgruppen", "Marknad", "Sälj"],
    )  # fmt: skip
    top = ws.team("Ledningsgruppen")
    assert top.parent is None and ws.team("Marknad").parent is top and ws.team("Sälj").parent is top
    again = run("new", "Other", "--period", "2027-Q2", "--out", str(out))
    assert again.returncode == 2 and "already exists" in again.stderr
    assert okr.load(out).organisation == "Exempel AB"


def test_new_refuses_a_bad_period(tmp_path):
    result = run("new", "X", "--period", "Q5", "--out", str(tmp_path / "x.okr"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "period" in result.stderr
    assert not (tmp_path / "x.okr").exists()


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    (tmp / "folder").mkdir()
    (tmp / "empty.okr").write_bytes(b"")
    (tmp / "random.okr").write_bytes(os.urandom(2048))
    conn = sqlite3.connect(tmp / "other.sqlite")
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    (tmp / "text.xlsx").write_text("not a workbook")
    return {
        "missing": tmp / "missing.okr",
        "folder": tmp / "folder",
        "empty": tmp / "empty.okr",
        "random": tmp / "random.okr",
        "sqlite": tmp / "other.sqlite",
        "not-xlsx": tmp / "text.xlsx",
    }


def _snapshot(tmp: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(tmp.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "argv",
    [
        ["lint", "{path}"],
        ["export", "{path}", "--json", "{tmp}/out.json"],
        ["export", "{path}", "--xlsx", "{tmp}/out.xlsx"],
        ["import", "{path}", "--into", "{path}"],
        ["report", "{path}", "--out", "{tmp}/report"],
    ],
    ids=lambda a: a[0] + ("-" + a[2] if len(a) > 2 else ""),
)
def test_bad_inputs_give_one_line_and_exit_2(tmp_path, argv):
    inputs = _bad_inputs(tmp_path)
    for label, path in inputs.items():
        before = _snapshot(tmp_path)
        args = [a.format(path=path, tmp=tmp_path) for a in argv]
        result = run(*args)
        assert result.returncode == 2, (label, result.stdout, result.stderr)
        assert result.stderr.count("\n") == 1, (label, result.stderr)
        assert "Traceback" not in result.stderr
        assert _snapshot(tmp_path) == before, f"{label}: something was written"


@pytest.mark.parametrize("argv", [["check", "--jsonl", "{path}"], ["app", "{path}", "--port", "1"]],
                         ids=["check-jsonl", "app"])  # fmt: skip
def test_more_commands_refuse_bad_inputs_in_one_line(tmp_path, argv):
    inputs = _bad_inputs(tmp_path)
    inputs.pop("not-xlsx")  # a text file is valid input to check --jsonl only when it holds JSON lines
    for label, path in inputs.items():
        if label == "empty" and argv[0] == "check":
            continue  # an empty JSON-lines file is zero drafts, not an error
        before = _snapshot(tmp_path)
        result = run(*[a.format(path=path) for a in argv])
        assert result.returncode == 2, (label, result.stdout, result.stderr)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, (label, result.stderr)
        assert str(path.name) in result.stderr, (label, result.stderr)
        assert _snapshot(tmp_path) == before


def test_training_results_exports_the_log(tmp_path):
    from okr_workshop.training import ResultsLog, grade_spot, make_spot_exercise

    log = ResultsLog(tmp_path / "results.jsonl")
    ex = make_spot_exercise(3, "en", 2)
    log.record("Anna", "spot", grade_spot(ex, list(ex.flaws)), seed=3)
    log.record("=cmd|' /C calc'!A0", "spot", grade_spot(ex, []), seed=3)
    result = run("training-results", str(tmp_path / "results.jsonl"), "--xlsx", str(tmp_path / "class.xlsx"),
                 "--lang", "en")  # fmt: skip
    assert result.returncode == 0, result.stderr
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "class.xlsx")
    values = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert "Anna" in values and "=cmd|' /C calc'!A0" in values
    assert not [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_export_then_import_round_trip(tmp_path):
    path = okr.save(okr.samples.load("acme"), tmp_path / "acme.okr")
    xlsx, json_out = tmp_path / "okrs.xlsx", tmp_path / "acme.json"
    result = run("export", str(path), "--xlsx", str(xlsx), "--json", str(json_out))
    assert result.returncode == 0, result.stderr
    assert okr.Workshop.from_json(json_out.read_text()).to_dict() == okr.load(path).to_dict()
    result = run("import", str(xlsx), "--into", str(path))
    assert result.returncode == 0, result.stderr
    assert "0 new and 0 changed objectives" in result.stdout and "0 new check-ins" in result.stdout


@pytest.mark.parametrize(
    "text,word",
    [("Write 12 blog posts", "activity"), ("Skriva 12 blogginlägg", "aktivitet")],
)
def test_check_guesses_the_language_by_default(text, word):
    result = run("check", "--kind", "key_result", text)
    assert word in result.stdout
    assert [f.rule for f in okr.check_text(text, kind="key_result")] == ["kr-activity"]


def test_errors_are_not_prefixed_twice():
    result = run("export", "nowhere.okr")
    assert result.returncode == 2 and "export: export" not in result.stderr
