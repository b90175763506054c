"""Text fields refuse control characters and lone surrogates (one validator, at construction and on
assignment); text already in a file is made safe on reading; the CLI never prints a terminal escape."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import okr_workshop as okr
from okr_workshop.cli import safe
from okr_workshop.errors import ValidationError

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
BAD = ["\x1b[31mröd\x1b[0m", "bell\x07", "del\x7f", "c1\x85", "nul\x00", "ff\x0c", "half \ud800 char", "\udcff",
       "gpj.\u202eexe", "iso\u2066late\u2069"]  # fmt: skip


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "okr_workshop", *args], capture_output=True, text=True, env=env or ENV, timeout=120
    )


def _entities(ws: okr.Workshop):
    team = ws.teams[1]
    obj = team.objectives[0]
    kr = obj.key_results[0]
    check_in = kr.check_ins[0] if kr.check_ins else kr.add_check_in(value=1, on="2027-02-01")
    return [
        (ws, "organisation"), (team, "name"), (obj, "title"), (obj, "why"), (obj, "owner"), (kr, "text"),
        (kr, "metric"), (kr, "unit"), (kr, "owner"), (check_in, "comment"), (check_in, "author"),
    ]  # fmt: skip


@pytest.mark.parametrize("bad", BAD)
def test_every_text_field_refuses_on_assignment_naming_the_field(workshop, bad):
    for entity, attr in _entities(workshop):
        before = getattr(entity, attr)
        with pytest.raises(ValidationError) as info:
            setattr(entity, attr, f"ok {bad}")
        message = str(info.value)
        assert "\n" not in message and message.split(":")[0].endswith(attr), message
        assert "U+" in message
        assert getattr(entity, attr) == before


@pytest.mark.parametrize("bad", BAD)
def test_construction_refuses(bad):
    with pytest.raises(ValidationError, match="team name"):
        okr.Team(name=f"A{bad}")
    with pytest.raises(ValidationError, match="objective title"):
        okr.Objective(title=bad)
    with pytest.raises(ValidationError, match="check-in comment"):
        okr.CheckIn(on="2027-01-02", value=1, comment=bad)


def test_tab_and_newline_are_kept_and_windows_line_ends_become_newlines():
    obj = okr.Objective(title="a\tb", why="rad 1\r\nrad 2\rrad 3\nrad 4")
    assert obj.title == "a\tb" and obj.why == "rad 1\nrad 2\nrad 3\nrad 4"
    assert okr.Objective(title="Ökad 😀 försäljning — «bra»").title == "Ökad 😀 försäljning — «bra»"


def test_json_with_an_escape_in_a_team_name_is_one_line_not_a_traceback(tmp_path, workshop):
    data = workshop.to_dict()
    data["teams"][1]["name"] = "Sälj\u001b]0;pwned\u0007"
    path = tmp_path / "w.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValidationError, match="team name"):
        okr.Workshop.from_dict(data)
    proc = cli("lint", str(path))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "team name" in proc.stderr, proc.stderr
    assert "\x1b" not in proc.stderr + proc.stdout


def _plant(path: Path, name: str) -> None:
    """A team name with control characters, as an older okr-workshop could have stored it."""
    conn = sqlite3.connect(path)
    conn.execute("UPDATE team SET name = ? WHERE position = 1", (name,))
    conn.commit()
    conn.close()


def test_an_escape_stored_by_an_older_version_never_reaches_the_terminal(workshop_file):
    _plant(workshop_file, "Sälj\x1b[2J\x1b]0;pwned\x07")
    proc = cli("lint", str(workshop_file))
    assert proc.returncode in (0, 1), proc.stderr
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout
    ws = okr.load(workshop_file)  # readable, the characters visible as U+FFFD
    assert ws.teams[1].name == "Sälj\ufffd[2J\ufffd]0;pwned\ufffd"
    out = Path(str(workshop_file) + ".json")
    assert cli("export", str(workshop_file), "--json", str(out)).returncode == 0


def test_safe_makes_terminal_controls_visible():
    assert safe("a\x1b[31mb") == "a\\x1b[31mb"
    assert safe("rad\nrad\tx") == "rad rad x"
    assert safe("evil\u202etxt.exe") == "evil\\u202etxt.exe"
    assert safe("half\udcff") == "half\\udcff"
    assert safe("Ökad försäljning 😀") == "Ökad försäljning 😀"


def test_findings_printed_by_check_are_safe():
    proc = cli("check", "--kind", "objective", "Öka\x1b[31m försäljningen med 20%")
    assert "\x1b" not in proc.stdout and proc.returncode in (0, 1)


@pytest.mark.parametrize(("lang", "words"), [("sv", "osynlig styrkod"), ("en", "invisible control code")])
def test_the_forms_say_which_character_in_the_workshops_language(lang, words):
    from okr_workshop.widgets.editors import _parse_text

    with pytest.raises(ValidationError) as info:
        _parse_text(lang, "Mål\x1b[2J")
    assert words in str(info.value) and "U+001B" in str(info.value) and "4" in str(info.value)
    assert _parse_text(lang, "rad 1\r\nrad 2") == "rad 1\nrad 2"
