"""Reading a workshop never writes it: load, lint, export and report open the file read-only.

A restored backup with a stale -wal beside it stays byte for byte as restored;
a read-only folder, another user's files and a full disk are reported as what
they are, not as a corrupt file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import okr_workshop as okr
from okr_workshop.errors import WorkshopFileError
from okr_workshop.storage import store

PY = sys.executable
ROOT = Path(__file__).resolve().parent.parent
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(*args: str, prefix: list[str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [*(prefix or []), PY, "-m", "okr_workshop", *args], capture_output=True, text=True, env=env, timeout=120
    )


def _as_nobody_possible() -> bool:
    return os.geteuid() == 0 and shutil.which("setpriv") is not None


@pytest.fixture
def open_dir():
    """A folder another user can enter (pytest's tmp_path is private to its owner)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="okr-ro-"))
    os.chmod(folder, 0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


WRITER_LEAVES_WAL = """
import os, sys
import okr_workshop as okr
store = okr.open_store(sys.argv[1])
ws = store.load()
for team in ws.teams:
    team.name = team.name + " (efter)"
    store.save(team)
os._exit(0)  # killed before closing: the -wal keeps pages never checkpointed into the file
"""


@pytest.mark.parametrize("command", ["lint", "export", "load"])
def test_a_restored_backup_with_a_stale_wal_is_never_rewritten(tmp_path, workshop, command):
    path = tmp_path / "w.okr"
    okr.save(workshop, path)
    backup = tmp_path / "backup.okr"
    shutil.copyfile(path, backup)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([PY, "-c", WRITER_LEAVES_WAL, str(path)], check=True, env=env, timeout=60)
    assert Path(f"{path}-wal").stat().st_size > 0
    shutil.copyfile(backup, path)  # the facilitator restores the backup; the stale -wal stays beside it
    wal = Path(f"{path}-wal").read_bytes()
    if command == "lint":
        cli("lint", str(path))
    elif command == "export":
        cli("export", str(path), "--json", str(tmp_path / "out.json"))
    else:
        okr.load(path)
    assert digest(path) == digest(backup), f"{command} wrote the stale -wal into the restored file"
    assert Path(f"{path}-wal").read_bytes() == wal


def test_load_leaves_no_side_files(workshop_file):
    before = sorted(p.name for p in workshop_file.parent.iterdir())
    okr.load(workshop_file)
    assert sorted(p.name for p in workshop_file.parent.iterdir()) == before


def test_load_sees_a_live_writers_unsaved_checkpoint(workshop_file):
    with okr.open_store(workshop_file) as writer:
        ws = writer.load()
        ws.teams[0].name = "Ny ledning"
        writer.save(ws.teams[0])
        assert okr.load(workshop_file).teams[0].name == "Ny ledning"


@pytest.mark.skipif(not _as_nobody_possible(), reason="needs root and setpriv to act as another user")
def test_another_users_file_in_a_folder_you_cannot_write_is_read(open_dir, workshop):
    folder = open_dir
    path = folder / "w.okr"
    okr.save(workshop, path)
    os.chmod(path, 0o644)  # owned by root: read-only for nobody, like a share or a USB stick
    before = digest(path)
    proc = cli("lint", str(path), prefix=NOBODY)
    assert proc.returncode in (0, 1), proc.stderr
    assert "corrupt" not in proc.stderr
    assert digest(path) == before
    assert sorted(p.name for p in folder.iterdir()) == ["w.okr"]


@pytest.mark.skipif(not _as_nobody_possible(), reason="needs root and setpriv to act as another user")
def test_another_users_wal_and_shm_are_read_not_called_corrupt(open_dir, workshop):
    path = open_dir / "w.okr"
    okr.save(workshop, path)
    os.chmod(path, 0o644)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([PY, "-c", WRITER_LEAVES_WAL, str(path)], check=True, env=env, timeout=60)
    proc = cli("lint", str(path), prefix=NOBODY)
    assert proc.returncode in (0, 1), proc.stderr
    assert "(efter)" in proc.stdout  # the saves in root's -wal are seen


def test_read_only_folder_loads_without_creating_files(tmp_path, workshop):
    folder = tmp_path / "media"
    folder.mkdir()
    path = folder / "w.okr"
    okr.save(workshop, path)
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("cannot make a folder read-only here")
    try:
        assert okr.load(path).organisation == workshop.organisation
        assert cli("lint", str(path)).returncode in (0, 1)
        assert sorted(p.name for p in folder.iterdir()) == ["w.okr"]
    finally:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)


def test_a_full_disk_is_called_full_not_corrupt(workshop_file):
    conn = sqlite3.connect(workshop_file)
    try:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(sqlite3.OperationalError) as info:
            conn.execute("INSERT INTO history(at, entity, entity_id, action, data) VALUES ('', '', '', '', ?)",
                         ("x" * 100_000,))  # fmt: skip
    finally:
        conn.close()
    message = store._sqlite_problem(workshop_file, info.value, "cannot be read")
    assert "full" in message and "corrupt" not in message


def test_a_corrupt_file_is_still_called_corrupt(workshop_file):
    data = bytearray(workshop_file.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    workshop_file.write_bytes(bytes(data))
    with pytest.raises(WorkshopFileError, match="corrupt|damaged"):
        okr.load(workshop_file)


def test_a_non_integer_revision_is_one_line(workshop_file):
    conn = sqlite3.connect(workshop_file)
    conn.execute("UPDATE meta SET value = 'tre' WHERE key = 'revision'")
    conn.commit()
    conn.close()
    with pytest.raises(WorkshopFileError, match="revision counter"):
        okr.load(workshop_file)


def test_a_non_integer_schema_version_is_one_line(workshop_file):
    conn = sqlite3.connect(workshop_file)
    conn.execute("UPDATE meta SET value = 'ett' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(WorkshopFileError, match="schema version 'ett' is not a whole number"):
        okr.load(workshop_file)
    proc = cli("lint", str(workshop_file))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
