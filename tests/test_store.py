"""The workshop store: round trips, granular saves, history, concurrency, crashes, bad files.

``workshop_file`` is a SQLite file or a workshop on a throwaway PostgreSQL server (conftest):
every test that is not about files runs against both backends.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing as mp
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import okr_workshop as okr
from okr_workshop.errors import NotFoundError, ValidationError, WorkshopFileError
from okr_workshop.storage import store as store_mod


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def workshop_file(workshop, workshop_location):
    """The sample workshop saved to a file, or to a PostgreSQL workshop (both, by parameter)."""
    return okr.save(workshop, workshop_location)


def _integrity_ok(location) -> bool:
    if not isinstance(location, Path):
        return True  # PostgreSQL checks its own pages
    conn = sqlite3.connect(location)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_round_trip(workshop, workshop_location):
    kr = workshop.key_results[1]
    kr.add_check_in(value=4, confidence=6, on="2027-02-01", comment="på väg", author="Cia")
    path = okr.save(workshop, workshop_location)
    assert okr.load(path).to_dict() == workshop.to_dict()


def test_save_replaces_an_existing_workshop(workshop, workshop_file):
    workshop.remove_team("Marknad")
    okr.save(workshop, workshop_file)
    assert [t.name for t in okr.load(workshop_file).teams] == ["Ledningsgruppen"]


def test_granular_save_touches_only_that_object(workshop, workshop_file):
    other = okr.load(workshop_file)  # a second kernel's copy
    obj = workshop.team("Marknad").objectives[0]
    obj.title = "Synas i Tyskland"
    other_kr = other.team("Ledningsgruppen").key_results[0]
    other_kr.text = "25 MSEK försäljning i Tyskland"
    with okr.open_store(workshop_file) as store:
        store.save(obj)
    with okr.open_store(workshop_file) as store:
        store.save(other_kr)
        after = store.load()
    assert after.team("Marknad").objectives[0].title == "Synas i Tyskland"
    assert after.team("Ledningsgruppen").key_results[0].text == "25 MSEK försäljning i Tyskland"


def test_save_new_objective_and_reorder(workshop, workshop_file):
    team = workshop.team("Marknad")
    new = team.add_objective("Älskad av tyska kunder", type="committed")
    new.add_key_result("NPS från 20 till 40", kind="increase", baseline=20, target=40)
    team.move_objective(new, 0)
    with okr.open_store(workshop_file) as store:
        store.save(team)
        titles = [o.title for o in store.load().team("Marknad").objectives]
    assert titles == ["Älskad av tyska kunder", "Kraftigt ökad synlighet på tyska marknaden"]


def test_unchanged_save_writes_no_history_and_keeps_the_revision(workshop, workshop_file):
    with okr.open_store(workshop_file) as store:
        before, rev = len(store.history()), store.revision()
        store.save(workshop)
        assert (len(store.history()), store.revision()) == (before, rev)
        workshop.key_results[0].owner = "Eva"
        store.save(workshop)
        assert (len(store.history()), store.revision()) == (before + 1, rev + 1)


def test_check_in_history_keeps_edits_and_deletes(workshop, workshop_file):
    kr = workshop.key_results[1]
    with okr.open_store(workshop_file) as store:
        rev = store.revision()
        c = store.add_check_in(kr.id, value=4, confidence=6, on=dt.date(2027, 2, 1))
        store.edit_check_in(c.id, value=3.5, comment="rättat")
        store.delete_check_in(c.id)
        assert store.revision() == rev + 3
        actions = [h["action"] for h in store.history(c.id)]
        assert actions == ["insert", "update", "delete"]
        assert store.history(c.id)[1]["data"]["before"]["value"] == 4
        rows = store.check_in_history(kr.id)
        assert len(rows) == 1 and rows[0]["deleted_at"] and rows[0]["value"] == 3.5
        assert store.load().key_result(kr.id).check_ins == []


def test_override_is_stored_with_reason(workshop, workshop_file):
    kr = workshop.key_results[0]
    with okr.open_store(workshop_file) as store:
        store.set_override(kr.id, 0.6, "Marknaden vände")
    again = okr.load(workshop_file).key_result(kr.id)
    assert (again.grade_override, again.override_reason) == (0.6, "Marknaden vände")


def test_delete_keeps_a_copy_in_history(workshop, workshop_file):
    obj = workshop.team("Marknad").objectives[0]
    with okr.open_store(workshop_file) as store:
        store.delete(obj)
        assert store.load().team("Marknad").objectives == []
        (entry,) = [h for h in store.history(obj.id) if h["action"] == "delete"]
        assert len(entry["data"]["key_results"]) == 3


@pytest.mark.parametrize(
    "call,error",
    [
        (lambda s, kr: s.add_check_in("nope", value=1, confidence=5, on=dt.date(2027, 1, 2)), NotFoundError),
        (lambda s, kr: s.add_check_in(kr, value="tio", confidence=5, on=dt.date(2027, 1, 2)), ValidationError),
        (lambda s, kr: s.add_check_in(kr, value=1, confidence=11, on=dt.date(2027, 1, 2)), ValidationError),
        (lambda s, kr: s.add_check_in(kr, value=1, confidence=5, on=dt.date(1066, 1, 2)), ValidationError),
        (lambda s, kr: s.edit_check_in("nope", value=1), NotFoundError),
        (lambda s, kr: s.save(okr.KeyResult(text="lös")), ValidationError),
    ],
)
def test_bad_check_ins_store_nothing(workshop, workshop_file, call, error):
    kr = workshop.key_results[0]
    with okr.open_store(workshop_file) as store:
        rev, history = store.revision(), len(store.history())
        with pytest.raises(error):
            call(store, kr.id)
        assert (store.revision(), len(store.history())) == (rev, history)
    assert okr.load(workshop_file).key_result(kr.id).check_ins == []


# ------------------------------------------------------------------ bad files


def _non_workshop_sqlite(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    "make,match",
    [
        (lambda p: p, "no such file"),
        (lambda p: (p.mkdir(), p)[1], "is a folder"),
        (lambda p: (p.write_bytes(b""), p)[1], "is empty"),
        (lambda p: (p.write_bytes(os.urandom(4096)), p)[1], "not an SQLite database"),
        (lambda p: (p.write_text("PK\x03\x04 not a zip"), p)[1], "not an SQLite database"),
        (lambda p: (p.write_text("x"), p)[1], "not an SQLite database"),
        (_non_workshop_sqlite, "not an okr-workshop file"),
    ],
)
@pytest.mark.parametrize("opener", [okr.load, okr.open_store])
def test_bad_files_are_refused_untouched(tmp_path, make, match, opener):
    path = make(tmp_path / "bad.okr")
    before = digest(path) if path.is_file() else None
    with pytest.raises(WorkshopFileError, match=match) as info:
        opener(path)
    assert "\n" not in str(info.value)
    if before is not None:
        assert digest(path) == before
        assert not Path(f"{path}-wal").exists()


def test_newer_schema_is_refused_untouched(workshop_file):
    with okr.open_store(workshop_file) as store:
        store.conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    before = digest(workshop_file) if isinstance(workshop_file, Path) else None
    for opener in (okr.load, okr.open_store):
        with pytest.raises(WorkshopFileError, match="newer okr-workshop"):
            opener(workshop_file)
    if before:
        assert digest(workshop_file) == before


def test_corrupt_file_gives_one_line(workshop, tmp_path):
    workshop_file = okr.save(workshop, tmp_path / "exempel.okr")
    data = bytearray(workshop_file.read_bytes())
    data[4096:8192] = os.urandom(4096)  # smash the second page
    workshop_file.write_bytes(bytes(data))
    for name in ("-wal", "-shm"):
        Path(f"{workshop_file}{name}").unlink(missing_ok=True)
    with pytest.raises(WorkshopFileError) as info:
        okr.load(workshop_file)
    assert "\n" not in str(info.value)


def test_save_refuses_to_replace_a_foreign_file(tmp_path, workshop):
    path = tmp_path / "notes.okr"
    path.write_text("my notes")
    with pytest.raises(WorkshopFileError, match="not an SQLite"):
        okr.save(workshop, path)
    assert path.read_text() == "my notes"


def _make_read_only(path: Path) -> bool:
    """chmod for ordinary users; the immutable flag for root, who ignores modes."""
    os.chmod(path, 0o444)
    if os.access(path, os.W_OK):
        return subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0
    return True


def test_read_only_file(workshop, tmp_path):
    workshop_file = okr.save(workshop, tmp_path / "exempel.okr")
    for name in ("-wal", "-shm"):
        Path(f"{workshop_file}{name}").unlink(missing_ok=True)
    if not _make_read_only(workshop_file):
        pytest.skip("cannot make a file read-only here (root without chattr)")
    try:
        before = digest(workshop_file)
        with pytest.raises(WorkshopFileError, match="read-only"):
            okr.open_store(workshop_file)
        assert okr.load(workshop_file).organisation == "Exempel AB"
        assert digest(workshop_file) == before
    finally:
        subprocess.run(["chattr", "-i", str(workshop_file)], capture_output=True)
        os.chmod(workshop_file, 0o644)


def test_migration_runs_once_and_is_recorded(workshop_file, monkeypatch):
    now = store_mod.SCHEMA_VERSION
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(store_mod.MIGRATIONS, now, "ALTER TABLE team ADD COLUMN colour TEXT")
    with okr.open_store(workshop_file) as store:
        assert store.conn.execute("SELECT colour FROM team").fetchall()  # the new column is there
        assert [h["data"] for h in store.history() if h["action"] == "migrate"] == [{"to": now + 1}]
    with okr.open_store(workshop_file):
        pass  # a second open must not migrate again
    assert okr.load(workshop_file).organisation == "Exempel AB"


# ------------------------------------------------------------------ concurrency and crashes


def _writer(path: str, kr_ids: list[str], worker: int, count: int) -> None:
    with okr.open_store(path) as store:
        for i in range(count):
            store.add_check_in(
                kr_ids[i % len(kr_ids)], value=i, confidence=5, on=dt.date(2027, 1, 1 + i % 28),
                comment=f"w{worker}-{i}", id=f"w{worker}-{i}",
            )  # fmt: skip


@pytest.mark.slow
def test_six_processes_lose_no_check_in(workshop, workshop_file):
    kr_ids = [kr.id for kr in workshop.key_results]
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(workshop_file), kr_ids, w, 100)) for w in range(6)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    ws = okr.load(workshop_file)
    ids = {c.id for kr in ws.key_results for c in kr.check_ins}
    assert ids == {f"w{w}-{i}" for w in range(6) for i in range(100)}
    assert _integrity_ok(workshop_file)


CRASH_WRITER = """
import sys, datetime as dt
import okr_workshop as okr
path, kr = sys.argv[1], sys.argv[2]
with okr.open_store(path) as store:
    for i in range(100000):
        store.add_check_in(kr, value=i, confidence=5, on=dt.date(2027, 1, 2), id=f"c{i}")
        print(i, flush=True)
"""


@pytest.mark.slow
def test_sigkill_mid_run_keeps_every_returned_save(workshop, workshop_file):
    kr = workshop.key_results[0].id
    proc = subprocess.Popen(
        [sys.executable, "-c", CRASH_WRITER, str(workshop_file), kr], stdout=subprocess.PIPE, text=True
    )
    confirmed = -1
    deadline = time.monotonic() + 60
    while confirmed < 150 and time.monotonic() < deadline:
        confirmed = int(proc.stdout.readline())
    proc.send_signal(signal.SIGKILL)
    rest = proc.stdout.read().split()
    proc.wait()
    if rest:
        confirmed = int(rest[-1])
    assert _integrity_ok(workshop_file)
    stored = {c.id for c in okr.load(workshop_file).key_result(kr).check_ins}
    assert {f"c{i}" for i in range(confirmed + 1)} <= stored


def test_closing_leaves_no_sidecar_files(workshop, tmp_path):
    path = okr.save(workshop, tmp_path / "clean.okr")
    okr.load(path)
    with okr.open_store(path) as store:
        store.add_check_in(workshop.key_results[0].id, value=3, confidence=5, on=dt.date(2027, 1, 9))
    okr.load(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.okr"]


def test_opening_the_file_twice_in_one_process_never_loses_a_save(tmp_path):
    """Checking a file before opening it must not drop this process's SQLite locks.

    Closing any descriptor of the database file drops every POSIX lock the process holds on
    it; another process closing its last connection then deleted the -wal that the first
    connection still wrote into, and the saves after that were lost (or the file looked damaged).
    """
    import subprocess
    import sys

    path = tmp_path / "x.okr"
    ws = okr.Workshop.new("X", period="2027-Q1")
    team = ws.add_team("A")
    okr.save(ws, path)
    with okr.open_store(path) as first:
        okr.open_store(path).close()  # a second open in the same process (a widget beside the page)
        team.name = "B"
        first.save(team)
        code = f"import okr_workshop as okr; okr.open_store({str(path)!r}).close()"
        subprocess.run([sys.executable, "-c", code], check=True)  # another kernel opens and closes
        team.name = "C"
        first.save(team)
        code = f"import okr_workshop as okr; print(okr.load({str(path)!r}).teams[0].name)"
        seen = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)  # while first is open
        assert (seen.returncode, seen.stdout.strip()) == (0, "C"), seen.stderr[-300:]
    assert okr.load(path).teams[0].name == "C"
