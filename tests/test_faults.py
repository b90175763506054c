"""Faults: a process killed mid-save, a full disk, a read-only file, two facilitators importing at once.

Every case ends with the same checks: the workshop file passes SQLite's
integrity check and holds either the old or the new content entirely, and the
user saw one line naming the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import okr_workshop as okr
from okr_workshop.errors import OkrWorkshopError, WorkshopFileError

PY = sys.executable


# ------------------------------------------------------------------ helpers


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def history_rows(path: Path) -> int:
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM history").fetchone()[0]
    finally:
        conn.close()


def content(path: Path) -> dict:
    """The logical content of a workshop file (what a user would see)."""
    return okr.load(path).to_dict()


def big_workshop(teams: int, seed: int) -> okr.Workshop:
    """A generated workshop whose check-ins carry a recorded_at, so two copies compare equal."""
    ws = okr.samples.generate(teams=teams, seed=seed)
    for i, kr in enumerate(ws.key_results):
        for j, c in enumerate(kr.check_ins):
            c.recorded_at = c.recorded_at or f"2026-01-01T00:00:{i % 60:02d}.{j:06d}+00:00"
    return ws


def run_child(code: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PY, "-c", textwrap.dedent(code), *args], capture_output=True, text=True, timeout=timeout, cwd=Path.cwd()
    )


def _read_only(path: Path) -> bool:
    """chmod for ordinary users; the immutable flag for root, who ignores modes."""
    os.chmod(path, 0o444)
    if os.access(path, os.W_OK):
        return subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0
    return True


def _writable(path: Path) -> None:
    subprocess.run(["chattr", "-i", str(path)], capture_output=True)
    os.chmod(path, 0o644)


# ------------------------------------------------------------------ killed during a save

SAVER = """
import sys
import okr_workshop as okr
ws = okr.Workshop.from_json(open(sys.argv[1], encoding="utf-8").read())
print("ready", flush=True)
okr.save(ws, sys.argv[2], replace=True)  # a whole replace, on purpose
print("saved", flush=True)
"""


@pytest.fixture(scope="module")
def old_and_new(tmp_path_factory):
    """A small existing workshop and a large replacement (as JSON a child process can read)."""
    base = tmp_path_factory.mktemp("kill")
    old = big_workshop(teams=2, seed=1)
    new = big_workshop(teams=250, seed=2)
    new_json = base / "new.json"
    new_json.write_text(new.to_json(indent=None), encoding="utf-8")
    return old.to_dict(), new.to_dict(), new_json


def _kill_during(argv: list[str], delay: float) -> str:
    """Start a child, wait for its "ready", SIGKILL it ``delay`` seconds later; return what it printed."""
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.strip() == "ready", proc.stderr.read()
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        out = proc.stdout.read()
    finally:
        proc.wait(30)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.05, 0.12, 0.2, 0.3, 0.45, 0.7, 1.5])
def test_kill_during_save_of_an_existing_file_keeps_old_or_new(tmp_path, old_and_new, delay):
    old, new, new_json = old_and_new
    path = tmp_path / "w.okr"
    okr.save(okr.Workshop.from_dict(old), path)
    out = _kill_during([PY, "-c", SAVER, str(new_json), str(path)], delay)
    assert integrity(path) == "ok"
    got = content(path)
    assert got in (old, new), "the file holds neither the old nor the new workshop"
    if "saved" in out:  # a save that returned is on disk
        assert got == new
    with okr.open_store(path) as store:  # and it can still be written
        store.save(okr.load(path))


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.1, 0.3, 1.5])
def test_kill_during_save_of_a_new_file_leaves_nothing_or_everything(tmp_path, old_and_new, delay):
    _, new, new_json = old_and_new
    path = tmp_path / "fresh.okr"
    out = _kill_during([PY, "-c", SAVER, str(new_json), str(path)], delay)
    if path.exists():
        assert integrity(path) == "ok"
        assert content(path) == new
    else:
        assert "saved" not in out


# ------------------------------------------------------------------ full disk

FULL_DISK_SAVER = """
import os, resource, signal, sys
import okr_workshop as okr
from okr_workshop.errors import OkrWorkshopError
ws = okr.Workshop.from_json(open(sys.argv[1], encoding="utf-8").read())
limit = int(sys.argv[3])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a full disk: write() fails with EFBIG instead of a signal
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    okr.save(ws, sys.argv[2], replace=True)
except OkrWorkshopError as err:
    print(type(err).__name__)
    print(str(err))
    sys.exit(3)
print("saved")
"""


def _full_disk_save(new_json: Path, path: Path, limit: int) -> subprocess.CompletedProcess:
    return run_child(FULL_DISK_SAVER, str(new_json), str(path), str(limit))


def _assert_one_line_file_error(proc: subprocess.CompletedProcess, path: Path) -> str:
    assert proc.returncode == 3, f"expected a WorkshopFileError, got exit {proc.returncode}: {proc.stderr[-2000:]}"
    kind, message, *rest = proc.stdout.split("\n")
    assert kind == "WorkshopFileError"
    assert rest == [""], "the message has more than one line"
    assert path.name in message
    return message


@pytest.mark.slow
def test_full_disk_while_replacing_an_existing_file(tmp_path, old_and_new):
    old, _, new_json = old_and_new
    path = tmp_path / "w.okr"
    okr.save(okr.Workshop.from_dict(old), path)
    rows = history_rows(path)
    proc = _full_disk_save(new_json, path, limit=path.stat().st_size + 256 * 1024)
    _assert_one_line_file_error(proc, path)
    assert integrity(path) == "ok"
    assert content(path) == old
    assert history_rows(path) == rows


@pytest.mark.slow
def test_full_disk_while_creating_a_new_file(tmp_path, old_and_new):
    _, _, new_json = old_and_new
    path = tmp_path / "fresh.okr"
    proc = _full_disk_save(new_json, path, limit=256 * 1024)
    _assert_one_line_file_error(proc, path)
    assert not path.exists()
    assert [p.name for p in tmp_path.iterdir()] == [], "a temporary file was left behind"


def test_full_database_during_a_granular_save_is_one_line_and_rolls_back(workshop_file):
    """SQLITE_FULL, simulated portably with max_page_count on the store's own connection."""
    old, rows = content(workshop_file), history_rows(workshop_file)
    big = big_workshop(teams=20, seed=3)
    with okr.open_store(workshop_file) as store:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        rev = store.revision()
        with pytest.raises(WorkshopFileError) as info:
            store.replace(big)
        assert "\n" not in str(info.value) and workshop_file.name in str(info.value)
        with pytest.raises(WorkshopFileError):
            store.add_check_in(old["teams"][1]["objectives"][0]["key_results"][0]["id"], value=1, comment="x" * 9000)
        assert store.revision() == rev
    assert integrity(workshop_file) == "ok"
    assert content(workshop_file) == old
    assert history_rows(workshop_file) == rows


# ------------------------------------------------------------------ read-only file


def test_read_only_file_refuses_save_with_one_line(workshop_file, workshop):
    for name in ("-wal", "-shm"):
        Path(f"{workshop_file}{name}").unlink(missing_ok=True)
    if not _read_only(workshop_file):
        pytest.skip("cannot make a file read-only here")
    try:
        before = digest(workshop_file)
        workshop.organisation = "Ändrad AB"
        with pytest.raises(WorkshopFileError, match="read-only") as info:
            okr.save(workshop, workshop_file)
        assert "\n" not in str(info.value)
        assert digest(workshop_file) == before
    finally:
        _writable(workshop_file)


# ------------------------------------------------------------------ imports (excel.import_workbook)


def _exported(ws: okr.Workshop, path: Path) -> Path:
    okr.write_excel(ws, path)
    return path


def _with_new_check_ins(ws_path: Path, xlsx: Path, count: int, new_objectives: int = 0) -> Path:
    """The workshop's workbook with ``count`` new check-in rows (and new objective rows) typed in without ids."""
    from openpyxl import load_workbook

    from okr_workshop.workbook import labels as L

    ws = okr.load(ws_path)
    _exported(ws, xlsx)
    wb = load_workbook(xlsx)
    sheet = wb[L.sheet_name("checkins", ws.lang)]
    headers = {L.header_lookup(L.CHECKIN_COLUMNS).get(L.normalise(c.value)): c.column for c in sheet[1] if c.value}
    krs = ws.key_results
    row = sheet.max_row + 1
    for i in range(count):
        kr = krs[i % len(krs)]
        sheet.cell(row + i, headers["key_result"], kr.text)
        sheet.cell(row + i, headers["key_result_id"], kr.id)
        sheet.cell(row + i, headers["on"], ws.period.start.isoformat())
        sheet.cell(row + i, headers["value"], i)
        sheet.cell(row + i, headers["confidence"], 5)
        sheet.cell(row + i, headers["comment"], f"import {i}")
        sheet.cell(row + i, headers["author"], "Fredrik")
    sheet = wb[L.sheet_name("okrs", ws.lang)]
    headers = {L.header_lookup(L.OKR_COLUMNS).get(L.normalise(c.value)): c.column for c in sheet[1] if c.value}
    row = sheet.max_row + 1
    for j in range(new_objectives):
        sheet.cell(row + j, headers["team"], ws.teams[-1].name)
        sheet.cell(row + j, headers["objective"], f"Nytt mål {j}")
        sheet.cell(row + j, headers["key_result"], f"Nytt nyckelresultat {j}")
        sheet.cell(row + j, headers["kind"], L.choice_label("kind", "increase", ws.lang))
        sheet.cell(row + j, headers["baseline"], 0)
        sheet.cell(row + j, headers["target"], 10 + j)
    wb.save(xlsx)
    return xlsx


IMPORTER = """
import sys
from okr_workshop.workbook.merge import import_workbook
from okr_workshop.errors import OkrWorkshopError
print("ready", flush=True)
try:
    summary = import_workbook(sys.argv[1], sys.argv[2])
except OkrWorkshopError as err:
    print("error", str(err), flush=True)
    sys.exit(3)
print("imported", str(summary).replace(chr(10), " "), flush=True)
"""


def _without_stamps(data):
    """A workshop dict without the recorded_at times the store sets at import."""
    if isinstance(data, dict):
        return {k: _without_stamps(v) for k, v in data.items() if k != "recorded_at"}
    if isinstance(data, list):
        return [_without_stamps(v) for v in data]
    return data


def _check_ins(path: Path) -> list[tuple]:
    ws = okr.load(path)
    return sorted((kr.id, c.on.isoformat(), c.value, c.comment) for kr in ws.key_results for c in kr.check_ins)


@pytest.mark.slow
def test_two_facilitators_import_the_same_workbook_at_once(tmp_path):
    path = tmp_path / "w.okr"
    okr.save(okr.samples.load("exempel-ab"), path)
    before = _check_ins(path)
    objectives = len(okr.load(path).objectives)
    xlsx = _with_new_check_ins(path, tmp_path / "in.xlsx", 40, new_objectives=3)
    procs = [
        subprocess.Popen([PY, "-c", IMPORTER, str(xlsx), str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
        for _ in range(2)
    ]  # fmt: skip
    outs = [(p.communicate(timeout=180), p.returncode) for p in procs]
    for (out, err), code in outs:
        assert code == 0, f"an import failed: {out} {err[-2000:]}"
    reported = sorted(int(re.search(r"check_ins_added=(\d+)", out).group(1)) for (out, _), _ in outs)
    assert reported == [0, 40], f"one import adds the 40 check-ins, the other reports no change: {reported}"
    assert integrity(path) == "ok"
    after = _check_ins(path)
    added = [c for c in after if c[3].startswith("import ")]
    assert len(added) == 40, f"{len(added)} check-ins imported, expected each of the 40 exactly once"
    assert len(after) == len(before) + 40
    assert len(set(after)) == len(after), "duplicate check-ins"
    titles = [o.title for o in okr.load(path).objectives]
    assert len(titles) == objectives + 3, "new objectives were imported twice (or not at all)"
    assert sorted(t for t in titles if t.startswith("Nytt mål")) == ["Nytt mål 0", "Nytt mål 1", "Nytt mål 2"]
    # importing once more changes nothing
    from okr_workshop.workbook.merge import import_workbook

    rows = history_rows(path)
    import_workbook(xlsx, path)
    assert _check_ins(path) == after
    assert history_rows(path) == rows


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.3, 0.8, 1.6])
def test_kill_during_import_keeps_old_or_new(tmp_path, delay):
    path = tmp_path / "w.okr"
    okr.save(okr.samples.load("exempel-ab"), path)
    old = content(path)
    xlsx = _with_new_check_ins(path, tmp_path / "in.xlsx", 300, new_objectives=2)
    reference = tmp_path / "reference.okr"
    reference.write_bytes(path.read_bytes())
    from okr_workshop.workbook.merge import import_workbook

    import_workbook(xlsx, reference)  # what a whole import makes of the file
    new = _without_stamps(content(reference))
    assert new != _without_stamps(old)
    out = _kill_during([PY, "-c", IMPORTER, str(xlsx), str(path)], delay)
    assert integrity(path) == "ok"
    got = content(path)
    assert got == old or _without_stamps(got) == new, "the file holds half an import"
    if "imported" in out:
        assert got != old


def test_read_only_file_during_import(tmp_path):
    path = tmp_path / "w.okr"
    okr.save(okr.samples.load("acme"), path)
    xlsx = _with_new_check_ins(path, tmp_path / "in.xlsx", 3)
    for name in ("-wal", "-shm"):
        Path(f"{path}{name}").unlink(missing_ok=True)
    if not _read_only(path):
        pytest.skip("cannot make a file read-only here")
    try:
        before = digest(path)
        from okr_workshop.workbook.merge import import_workbook

        with pytest.raises(OkrWorkshopError, match="read-only") as info:
            import_workbook(xlsx, path)
        assert "\n" not in str(info.value) and path.name in str(info.value)
        assert digest(path) == before
    finally:
        _writable(path)
    assert not [c for c in _check_ins(path) if c[3].startswith("import ")]


FULL_DISK_IMPORTER = """
import resource, signal, sys
from okr_workshop.workbook.merge import import_workbook
from okr_workshop.errors import OkrWorkshopError
limit = int(sys.argv[3])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    import_workbook(sys.argv[1], sys.argv[2])
except OkrWorkshopError as err:
    print(type(err).__name__)
    print(str(err))
    sys.exit(3)
print("imported")
"""


@pytest.mark.slow
def test_full_disk_during_import(tmp_path):
    path = tmp_path / "w.okr"
    okr.save(okr.samples.load("exempel-ab"), path)
    xlsx = _with_new_check_ins(path, tmp_path / "in.xlsx", 2000)
    old, rows = content(path), history_rows(path)
    for name in ("-wal", "-shm"):
        Path(f"{path}{name}").unlink(missing_ok=True)
    proc = run_child(FULL_DISK_IMPORTER, str(xlsx), str(path), str(path.stat().st_size + 64 * 1024))
    _assert_one_line_file_error(proc, path)
    assert integrity(path) == "ok"
    assert content(path) == old
    assert history_rows(path) == rows


def test_json_of_a_big_workshop_round_trips(old_and_new):
    """Guards the fixtures above: the child process rebuilds exactly the workshop the parent compares with."""
    _, new, new_json = old_and_new
    assert okr.Workshop.from_json(new_json.read_text(encoding="utf-8")).to_dict() == new
    assert json.loads(new_json.read_text(encoding="utf-8"))["teams"]
