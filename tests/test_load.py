"""Load: 30 participant processes saving drafts every 200 ms for 60 s into one workshop (file and PostgreSQL)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from benchmarks.load_store import run_load


@pytest.mark.slow
@pytest.mark.xdist_group("load")
def test_thirty_participants_lose_no_edit(workshop_location):
    result = run_load(workshop_location, participants=30, interval=0.2, duration=60)
    assert result["exit_codes"] == [0] * 30
    assert result["lost"] == []
    assert result["saves"] > 30 * 60 * 0.5, "participants were starved: fewer than half the planned saves"
    if isinstance(workshop_location, Path):
        conn = sqlite3.connect(workshop_location)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
