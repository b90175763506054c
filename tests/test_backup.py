"""`okr-workshop backup`: a consistent copy of a live workshop, never over an existing file."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import okr_workshop as okr
from okr_workshop.errors import WorkshopFileError
from okr_workshop.storage.backup import backup

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "okr_workshop", *args], capture_output=True, text=True, env=ENV, cwd=cwd, timeout=120
    )


def integrity(path: Path) -> str:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def check_ins(path: Path) -> int:
    return sum(len(kr.check_ins) for kr in okr.load(path).key_results)


WRITER = """
import sys, itertools
import okr_workshop as okr
store = okr.open_store(sys.argv[1])
kr = store.load().key_results[0]
print("ready", flush=True)
for i in itertools.count():
    store.add_check_in(kr.id, value=i % 100, confidence=5, on="2027-02-01", comment="x" * 2000)
"""


def test_backup_while_a_writer_writes_is_consistent_and_loads(tmp_path, workshop):
    path = tmp_path / "live.okr"
    okr.save(workshop, path)
    start = check_ins(path)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True, env=ENV)
    try:
        assert writer.stdout.readline().strip() == "ready"
        copies = []
        for i in range(3):
            time.sleep(0.3)
            copies.append(backup(path, tmp_path / f"copy{i}.okr"))
        assert writer.poll() is None, "the writer stopped: the backup blocked or broke it"
    finally:
        writer.kill()
        writer.wait()
    counts = []
    for copy in copies:
        assert integrity(copy) == "ok"
        assert okr.load(copy).organisation == workshop.organisation
        assert not Path(f"{copy}-wal").exists()
        counts.append(check_ins(copy))
    assert start < counts[0] <= counts[1] <= counts[2] <= check_ins(path)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_backup_command_default_name_next_to_the_workshop(tmp_path, workshop):
    path = tmp_path / "exempel.okr"
    okr.save(workshop, path)
    proc = cli("backup", str(path))
    assert proc.returncode == 0, proc.stderr
    made = [p for p in tmp_path.iterdir() if p != path]
    assert len(made) == 1 and re.fullmatch(r"exempel-\d{8}-\d{6}\.okr", made[0].name)
    assert okr.load(made[0]).to_dict() == okr.load(path).to_dict()
    assert str(made[0]) in proc.stdout


def test_backup_into_a_folder(tmp_path, workshop):
    path = tmp_path / "exempel.okr"
    okr.save(workshop, path)
    (tmp_path / "usb").mkdir()
    out = backup(path, tmp_path / "usb")
    assert out.parent == tmp_path / "usb" and out.name.startswith("exempel-")


@pytest.mark.parametrize("target", ["self", "existing", "sqlite", "missing-folder"])
def test_backup_never_overwrites(tmp_path, workshop, target):
    path = tmp_path / "exempel.okr"
    okr.save(workshop, path)
    other = tmp_path / "other.okr"
    other.write_text("keep me")
    db = tmp_path / "db.sqlite"
    sqlite3.connect(db).close()
    dest = {"self": path, "existing": other, "sqlite": db, "missing-folder": tmp_path / "no" / "x.okr"}[target]
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    proc = cli("backup", str(path), str(dest))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


def test_backup_of_a_missing_file_is_one_line(tmp_path):
    proc = cli("backup", str(tmp_path / "nope.okr"))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "no such file" in proc.stderr
    with pytest.raises(WorkshopFileError):
        backup(tmp_path / "nope.okr")
