"""Every command, given bad input, says so in exactly one line on stderr and exits 2: no tracebacks."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import okr_workshop as okr

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
ASCII_TERMINAL = {**ENV, "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii"}


def cli(args: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "okr_workshop", *args], capture_output=True, text=True, cwd=cwd,
        env=env or ENV, timeout=120, errors="backslashreplace",
    )  # fmt: skip


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("bad")
    ws = okr.Workshop.new("Åkeri AB", period="2027-Q1", lang="sv")
    ws.add_team("Ledningsgruppen")
    okr.save(ws, tmp / "ok.okr")
    okr.save(okr.Workshop.new("Schema AB", period="2027-Q1"), tmp / "schema.okr")
    conn = sqlite3.connect(tmp / "schema.okr")
    conn.execute("UPDATE meta SET value = 'två' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    (tmp / "bad.xlsx").write_text("not a workbook")
    (tmp / "bin.jsonl").write_bytes(b"\xff\xfe\x00")
    (tmp / "folder").mkdir()
    (tmp / "random.okr").write_bytes(os.urandom(4096))
    (tmp / "existing.json").write_text("keep")
    return tmp


BAD = {
    "new-period-year-0": ["new", "X", "--period", "0000-Q1", "--out", "n1.okr"],
    "new-period-year-9999": ["new", "X", "--period", "9999-H2", "--out", "n2.okr"],
    "new-period-month-13": ["new", "X", "--period", "2027-13", "--out", "n3.okr"],
    "new-missing-period": ["new", "X", "--out", "n4.okr"],
    "new-escape-in-name": ["new", "A\x1b[31mB", "--period", "2027-Q1", "--out", "n5.okr"],
    "new-escape-in-team": ["new", "X", "--period", "2027-Q1", "--team", "Sälj\x07", "--out", "n6.okr"],
    "new-undecodable-name": ["new", "X\udcff", "--period", "2027-Q1", "--out", "n7.okr"],
    "new-no-folder": ["new", "X", "--period", "2027-Q1", "--out", "nofolder/x.okr"],
    "lint-missing": ["lint", "missing.okr"],
    "lint-random": ["lint", "random.okr"],
    "lint-folder": ["lint", "folder"],
    "lint-schema-version": ["lint", "schema.okr"],
    "lint-not-xlsx": ["lint", "bad.xlsx"],
    "export-nothing": ["export", "ok.okr"],
    "export-onto-itself": ["export", "ok.okr", "--json", "ok.okr", "--force"],
    "export-existing": ["export", "ok.okr", "--json", "existing.json"],
    "export-schema-version": ["export", "schema.okr", "--json", "s.json"],
    "import-not-xlsx": ["import", "bad.xlsx", "--into", "ok.okr"],
    "import-into-missing": ["import", "bad.xlsx", "--into", "missing.okr"],
    "report-missing": ["report", "missing.okr", "--out", "r"],
    "report-schema-version": ["report", "schema.okr", "--out", "r"],
    "backup-missing": ["backup", "missing.okr"],
    "backup-onto-itself": ["backup", "ok.okr", "ok.okr"],
    "check-binary-jsonl": ["check", "--jsonl", "bin.jsonl"],
    "check-bad-kind": ["check", "--kind", "nope", "x"],
    "init-onto-a-file": ["init", "ok.okr"],
    "demo-bad-sample": ["demo", "--sample", "nope", "--out", "d"],
    "training-results-missing": ["training-results", "missing.jsonl", "--xlsx", "x.xlsx"],
    "app-missing": ["app", "missing.okr", "--port", "1"],
    "unknown-command": ["frobnicate"],
    "unknown-option": ["lint", "ok.okr", "--nope"],
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_one_line_and_exit_2(files, name):
    proc = cli(BAD[name], cwd=files)
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert proc.stderr.count("\n") == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr
    assert proc.stderr.startswith("okr-workshop")


@pytest.mark.parametrize("name", ["new-period-year-0", "lint-schema-version", "import-not-xlsx", "export-existing"])
def test_bad_input_on_an_ascii_terminal_is_one_line_too(files, name):
    proc = cli(BAD[name], cwd=files, env=ASCII_TERMINAL)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr[-2000:]


def test_swedish_output_on_an_ascii_terminal_is_escaped_not_a_traceback(files):
    proc = cli(["lint", "ok.okr"], cwd=files, env=ASCII_TERMINAL)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.isascii() and "\\xe5" in proc.stdout  # "å" of "mål", escaped


def test_json_on_an_ascii_terminal_is_valid_json(files):
    import json

    proc = cli(["lint", "ok.okr", "--json"], cwd=files, env=ASCII_TERMINAL)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stdout.isascii()
    assert any("mål" in f["message"] for f in json.loads(proc.stdout))
    (files / "one.jsonl").write_text('{"kind": "objective", "lang": "sv", "text": "Öka försäljningen 😀"}\n')
    proc = cli(["check", "--jsonl", "one.jsonl"], cwd=files, env=ASCII_TERMINAL)
    assert proc.returncode == 0 and proc.stdout.isascii(), proc.stderr
    assert isinstance(json.loads(proc.stdout), list)


def test_nothing_was_created_by_the_bad_commands(files):
    names = {p.name for p in files.iterdir()}
    assert not names & {f"n{i}.okr" for i in range(1, 8)} and "r" not in names and "d" not in names
    assert (files / "existing.json").read_text() == "keep"
