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


def test_the_day_on_a_postgresql_workshop_and_its_copies_reads_the_same(tmp_path, pg_cluster):
    from okr_workshop.storage.transfer import copy

    path = tmp_path / "dag.okr"
    run_session(path)
    on_server = pg_cluster.url("dag-kopia")
    copy(path, on_server)  # the day's items come along (they were left behind before)
    back = copy(on_server, tmp_path / "tillbaka.okr")
    expected = day_record(path).html
    assert "Så kom målen till" in expected
    assert day_record(on_server).html == expected
    assert day_record(back).html == expected
    live = pg_cluster.url("dag-direkt")
    run_session(live)  # the whole day written straight to the server
    assert day_record(live).html == expected


def test_the_report_runs_on_a_postgresql_workshop(tmp_path, pg_cluster):
    from okr_workshop.cli import main
    from okr_workshop.storage.postgres import split_password

    run_session(tmp_path / "dag.okr")
    url = pg_cluster.password_role("okr_report").replace("/okr?", "/okr/rapport?")  # SCRAM: no password, no entry
    password = split_password(url)[1]
    assert main(["copy", str(tmp_path / "dag.okr"), url]) == 0
    assert main(["report", url, "--out", str(tmp_path / "out")]) == 0
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "Så kom målen till" in html and "Sälj" in html and "Drift" in html
    assert "okr_report@" not in html  # the report names the workshop, not where it is stored
    executed = (tmp_path / "out" / "report.ipynb").read_text(encoding="utf-8")
    assert "okr_report@" in executed and password not in executed  # the kernel got it as PGPASSWORD


def test_the_retrospective_and_the_lessons_are_in_the_record(tmp_path, workshop):
    """Only a retrospective (no candidates, no vote) still makes a section; its texts are escaped."""
    from okr_workshop.day import Day

    path = tmp_path / "retro.okr"
    okr.save(workshop, path)
    first = workshop.teams[0].objectives[0]
    with Day.open(path) as day:
        day.retro(first.id, "change", lesson="Mät <b>varje</b> vecka", grade_reason="0,4: kom igång sent")
        day.add_lesson("Börja med <script>x</script> baslinjen")
    html = day_record(path).html
    assert "Retrospektiv" in html and "Ändra" in html and "0,4: kom igång sent" in html
    assert "Mät &lt;b&gt;varje&lt;/b&gt; vecka" in html and "<b>varje" not in html
    assert "Lärdomar till nästa workshop" in html and "&lt;script&gt;x" in html
    english = day_record(path, lang="en").html
    assert "Retrospective" in english and "Change" in english and "Lessons for the next workshop" in english
    other = workshop.teams[1].name
    assert "Retrospektiv" not in day_record(path, team=other).html  # one team's report: its own retrospective only
