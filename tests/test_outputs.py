"""Outputs: never over the input workshop or an SQLite file, other files only with --force,
and temporary files that a planted symlink cannot redirect."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import okr_workshop as okr
from okr_workshop.jupyter.discovery import NOTEBOOKS
from okr_workshop.jupyter.lab import init
from okr_workshop.jupyter.reporting import build_report
from okr_workshop.storage.outputs import OutputExistsError, check_output, write_text

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "okr_workshop", *args], capture_output=True, text=True, env=ENV, timeout=300
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert proc.stderr.count("\n") == 1, proc.stderr
    return proc.stderr


@pytest.fixture
def victim(tmp_path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_text("do not touch")
    return path


def test_export_refuses_an_existing_file_without_force(workshop_file, tmp_path):
    out = tmp_path / "out.json"
    out.write_text("old")
    assert "--force" in one_line_error(cli("export", str(workshop_file), "--json", str(out)))
    assert out.read_text() == "old"
    assert cli("export", str(workshop_file), "--json", str(out), "--force").returncode == 0
    assert okr.Workshop.from_json(out.read_text(encoding="utf-8")).organisation == okr.load(workshop_file).organisation


@pytest.mark.parametrize("option", ["--json", "--xlsx"])
def test_export_never_replaces_the_workshop_itself(workshop_file, option):
    before = digest(workshop_file)
    message = one_line_error(cli("export", str(workshop_file), option, str(workshop_file), "--force"))
    assert "indatafilen" in message  # the workshop is Swedish: the command line speaks Swedish
    assert digest(workshop_file) == before


@pytest.mark.parametrize("option", ["--json", "--xlsx"])
def test_export_never_replaces_an_sqlite_file(workshop_file, tmp_path, option):
    other = tmp_path / "other.okr"
    okr.save(okr.samples.load("acme"), other)
    before = digest(other)
    assert "SQLite" in one_line_error(cli("export", str(workshop_file), option, str(other), "--force"))
    assert digest(other) == before


def test_export_with_force_replaces_a_symlink_not_its_target(workshop_file, tmp_path, victim):
    out = tmp_path / "out.json"
    out.symlink_to(victim)
    assert cli("export", str(workshop_file), "--json", str(out), "--force").returncode == 0
    assert victim.read_text() == "do not touch"
    assert not out.is_symlink() and out.read_text(encoding="utf-8").startswith("{")


def test_a_symlink_planted_at_the_old_temp_name_is_not_followed(workshop_file, tmp_path, victim):
    for name in ("out.json", "report.html"):
        (tmp_path / f".{name}.tmp").symlink_to(victim)
    assert cli("export", str(workshop_file), "--json", str(tmp_path / "out.json")).returncode == 0
    write_text(tmp_path / "report.html", "<p>rapport</p>")
    assert victim.read_text() == "do not touch"
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == "<p>rapport</p>"
    leftovers = {p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")}
    assert leftovers == {".out.json.tmp", ".report.html.tmp"}  # only the planted links, untouched


def test_write_text_makes_a_file_with_the_usual_mode(tmp_path):
    mask = os.umask(0o022)
    os.umask(mask)
    path = write_text(tmp_path / "a.json", "{}")
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask


def test_report_refuses_existing_report_files_before_starting_a_kernel(workshop_file, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.html").write_text("last week's report")
    message = one_line_error(cli("report", str(workshop_file), "--out", str(out)))
    assert "report.html" in message and "--force" in message
    assert (out / "report.html").read_text() == "last week's report"
    assert sorted(p.name for p in out.iterdir()) == ["report.html"]


def test_report_never_replaces_an_sqlite_file_even_with_force(workshop_file, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    okr.save(okr.samples.load("acme"), out / "report.ipynb")
    before = digest(out / "report.ipynb")
    with pytest.raises(OutputExistsError, match="SQLite"):
        build_report(workshop_file, out, force=True, progress=False)
    assert digest(out / "report.ipynb") == before


def test_init_with_force_replaces_a_planted_link_not_its_target(tmp_path, victim):
    target = tmp_path / "ws"
    target.mkdir()
    (target / NOTEBOOKS[0]).symlink_to(victim)
    with pytest.raises(okr.OkrWorkshopError, match="--force"):
        init(target)
    init(target, force=True)
    assert victim.read_text() == "do not touch"
    assert not (target / NOTEBOOKS[0]).is_symlink()


def test_init_never_replaces_an_sqlite_file(tmp_path):
    target = tmp_path / "ws"
    target.mkdir()
    okr.save(okr.samples.load("acme"), target / NOTEBOOKS[1])
    before = digest(target / NOTEBOOKS[1])
    with pytest.raises(OutputExistsError, match="SQLite"):
        init(target, force=True)
    assert digest(target / NOTEBOOKS[1]) == before


def test_check_output_names_the_input(tmp_path):
    src = tmp_path / "w.okr"
    src.write_bytes(b"x")
    with pytest.raises(OutputExistsError, match="is the input w.okr"):
        check_output(tmp_path / "." / "w.okr", force=True, inputs=[src])
    assert check_output(tmp_path / "new.json") == tmp_path / "new.json"


def test_sqlite_detection_reads_only_the_header(tmp_path):
    db = tmp_path / "plain.db"
    sqlite3.connect(db).execute("CREATE TABLE t(x)").connection.close()
    with pytest.raises(OutputExistsError, match="SQLite"):
        check_output(db, force=True)


def test_training_results_never_replace_a_workshop(workshop_file, tmp_path):
    log = tmp_path / "results.jsonl"
    log.write_text("")
    before = digest(workshop_file)
    assert "SQLite" in one_line_error(cli("training-results", str(log), "--xlsx", str(workshop_file), "--force"))
    assert digest(workshop_file) == before


@pytest.mark.slow
def test_report_again_needs_force_and_then_replaces(workshop_file, tmp_path):
    out = tmp_path / "out"
    assert cli("report", str(workshop_file), "--out", str(out)).returncode == 0
    first = (out / "report.html").stat().st_mtime_ns
    assert "--force" in one_line_error(cli("report", str(workshop_file), "--out", str(out)))
    assert (out / "report.html").stat().st_mtime_ns == first
    done = cli("report", str(workshop_file), "--out", str(out), "--force")
    assert done.returncode == 0, done.stderr
    assert (out / "report.html").stat().st_mtime_ns > first
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
