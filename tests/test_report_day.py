"""The report's section on how the OKRs came to be."""

from __future__ import annotations

import os
import stat

from day_session import run_session

import okr_workshop as okr
from okr_workshop.report.day import day_record


def test_the_record_shows_candidates_votes_reviews_dependencies_and_spread(tmp_path):
    path = tmp_path / "dag.okr"
    run_session(path)
    part = day_record(path)
    html = part.html
    assert part.metadata["okr_report"]["heading"] == "Så kom målen till"
    assert "Nöjdare kunder<br>Gladare kunder" in html  # merge keeps both texts
    assert "Anna, Bo" in html  # and both authors
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "Hur mäter ni nöjdhet?" in html and "NKI varje månad" in html
    assert "accepterat" in html and "avböjt" in html and "vi har ingen sådan lista" in html
    assert "1×2 1×4 1×5" in html  # the spread, not only the mean
    assert "Åtagande, Cia" in html and "Ambitiöst, Anna" in html


def test_the_record_in_english_and_for_one_team(tmp_path):
    path = tmp_path / "day.okr"
    run_session(path, lang="en")
    html = day_record(path, team="Drift", lang="en").html
    assert "How the OKRs came to be" in html and "declined" in html
    assert "Nöjdare kunder" not in html.split("Dependencies")[0]  # the other team's candidates are left out


def test_a_file_without_a_day_gives_an_empty_part_and_a_read_only_file_is_read(tmp_path, workshop):
    plain = tmp_path / "plain.okr"
    okr.save(workshop, plain)
    assert day_record(plain).html == ""
    path = tmp_path / "dag.okr"
    run_session(path)
    before = path.read_bytes()
    os.chmod(path, stat.S_IRUSR)
    try:
        assert "Så kom målen till" in day_record(path).html
    finally:
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    assert path.read_bytes() == before
