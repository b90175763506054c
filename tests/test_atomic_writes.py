"""One atomic-write helper (storage.outputs.atomic_path): every file the toolkit writes gets the normal file
mode, appears whole or not at all, and is never written through a link planted beside it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import okr_workshop as okr
from okr_workshop.storage.outputs import OutputExistsError, atomic_path, write_bytes

ROOT = Path(__file__).resolve().parent.parent


def usual_mode() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _workbook(tmp_path):
    return okr.write_excel(okr.samples.load("exempel-ab"), tmp_path / "okrs.xlsx")


def _workshop(tmp_path):
    return okr.save(okr.Workshop.new("Nya AB", period="2027-Q1", lang="sv"), tmp_path / "nya.okr")


def _backup(tmp_path):
    from okr_workshop.storage.backup import backup

    return backup(_workshop(tmp_path), tmp_path / "kopia.okr")


def _trainer_export(tmp_path):
    import okr_workshop.training as tr

    return tr.ResultsLog(tmp_path / "results.jsonl").to_excel(tmp_path / "training_results.xlsx", "sv")


def _class_file(tmp_path):
    from okr_workshop.training.classroom import Classroom

    return Classroom.create(tmp_path / "klasser", "sv", "Ada, Bo").folder / "class.json"


def _handout(tmp_path):
    from okr_workshop.training.handout import write_handouts

    return write_handouts(tmp_path / "print", 1, "sv", pdf=False)[0]


@pytest.mark.parametrize("write", [_workbook, _workshop, _backup, _trainer_export, _class_file, _handout])
def test_every_writer_gives_the_usual_file_mode_and_leaves_no_temporary_file(tmp_path, write):
    path = write(tmp_path)
    assert path.stat().st_mode & 0o777 == usual_mode(), f"{path.name}: {oct(path.stat().st_mode & 0o777)}"
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_handouts_do_not_write_through_a_link_planted_at_a_temporary_name(tmp_path):
    from okr_workshop.training.handout import handouts, write_handouts

    victim = tmp_path / "victim.txt"
    victim.write_text("do not touch")
    out = tmp_path / "print"
    out.mkdir()
    for name in handouts(1, "sv"):
        (out / f".{name}.html.tmp").symlink_to(victim)
    write_handouts(out, 1, "sv", pdf=False)
    assert victim.read_text() == "do not touch"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    path = write_bytes(tmp_path / "a.bin", b"old")
    with pytest.raises(RuntimeError), atomic_path(path) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("the writer broke")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["a.bin"]


def test_without_replace_an_existing_file_is_refused(tmp_path):
    path = write_bytes(tmp_path / "a.bin", b"old")
    with pytest.raises(OutputExistsError, match="already exists"), atomic_path(path, replace=False) as tmp:
        tmp.write_bytes(b"new")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["a.bin"]


def test_a_missing_folder_is_one_line_that_says_so(tmp_path):
    with pytest.raises(okr.OkrWorkshopError, match="does not exist; create it first"):
        write_bytes(tmp_path / "nope" / "a.bin", b"x")


def test_no_other_module_makes_its_own_temporary_file_to_rename():
    moves = {"os.replace(self.log_path, dest)"}  # a class's finished log moved into its archive: not a write
    own = re.compile(r"mkstemp\(|NamedTemporaryFile\(|os\.replace\(|\.replace\(path\)|\.tmp\"\)")
    found = []
    for path in sorted((ROOT / "okr_workshop").rglob("*.py")):
        if path.name == "outputs.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if own.search(line) and line.strip() not in moves:
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert found == [], "use okr_workshop.storage.outputs.atomic_path:\n" + "\n".join(found)
