"""Both backends: copy between a file and PostgreSQL with nothing lost, list, URLs on the command line."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

import okr_workshop as okr
import okr_workshop.storage.backup
from okr_workshop.cli import main
from okr_workshop.errors import WorkshopFileError
from okr_workshop.storage import postgres
from okr_workshop.storage.transfer import copy, list_workshops


def _busy_workshop(location, workshop):
    """A workshop with a past: check-ins (one edited, one deleted), a deletion undone, a deletion kept."""
    okr.save(workshop, location)
    krs = workshop.key_results
    with okr.open_store(location) as store:
        c1 = store.add_check_in(krs[1].id, value=40, confidence=6, on=dt.date(2027, 2, 1), comment="på väg")
        c2 = store.add_check_in(krs[1].id, value=50, confidence=5, on=dt.date(2027, 2, 8), author="Åsa")
        store.edit_check_in(c1.id, value=45, comment="rättat")
        store.delete_check_in(c2.id)
        obj = workshop.team("Marknad").objectives[0]
        store.delete(obj.id)
        store.restore(obj.id)
        store.delete(krs[3].id)
        store.set_override(krs[0].id, 0.6, "Marknaden vände")
    return krs[1].id


def _everything(location, kr_id):
    ws = okr.load(location)
    with okr.open_store(location) as store:
        return ws.to_dict(), store.history(), store.check_in_history(kr_id), store.revision()


def test_round_trip_file_to_postgresql_and_back_loses_nothing(workshop, tmp_path, pg_cluster):
    src = tmp_path / "exempel.okr"
    kr_id = _busy_workshop(src, workshop)
    on_server = pg_cluster.url("exempel-ab")
    copy(src, on_server)
    back = copy(on_server, tmp_path / "tillbaka.okr")
    original = _everything(src, kr_id)
    assert _everything(on_server, kr_id) == original
    assert _everything(back, kr_id) == original
    assert [h["action"] for h in original[1]].count("delete") == 3  # the history really has a past
    assert len(original[2]) == 2 and original[2][1]["deleted_at"]  # the deleted check-in came along


def test_a_copy_goes_on_like_the_original(workshop, tmp_path, pg_cluster):
    src = tmp_path / "exempel.okr"
    kr_id = _busy_workshop(src, workshop)
    dest = copy(src, pg_cluster.url("fortsatt"))
    with okr.open_store(dest) as store:
        seq = store.history()[-1]["seq"]
        store.add_check_in(kr_id, value=60, confidence=7, on=dt.date(2027, 3, 1))
        assert store.history()[-1]["seq"] == seq + 1  # the counter continues after the copied history
    mine = okr.load(src)
    with pytest.raises(okr.OkrWorkshopError, match="not loaded from it"):
        okr.save(mine, dest)  # a copy is a workshop of its own


def test_copy_refuses_an_existing_destination(workshop, workshop_location, tmp_path):
    src = okr.save(workshop, tmp_path / "a.okr")
    okr.save(make := okr.Workshop.new("Annat AB", period="2027-Q1"), workshop_location)
    with pytest.raises(WorkshopFileError, match="already exists"):
        copy(src, workshop_location)
    assert okr.load(workshop_location).organisation == make.organisation


def test_list_shows_the_workshops_of_a_database(workshop, workshop_en, pg_cluster):
    okr.save(workshop, pg_cluster.url("lista-sv"))
    okr.save(workshop_en, pg_cluster.url("lista-en"))
    found = {w["name"]: w for w in list_workshops(pg_cluster.url())}
    assert found["lista-sv"]["organisation"] == "Exempel AB"
    assert found["lista-en"]["organisation"] == "Example Inc"
    assert okr.load(found["lista-en"]["url"]).organisation == "Example Inc"


@pytest.mark.parametrize(
    "url,match",
    [
        ("postgresql://localhost/okr", "names no workshop"),
        ("postgresql://localhost/okr/Stora Namn", "not a workshop name"),
        ("postgresql://localhost/okr/a/b", "too many parts"),
    ],
)
def test_bad_urls_say_how_to_write_them(url, match):
    with pytest.raises(WorkshopFileError, match=match) as info:
        okr.load(url)
    assert "\n" not in str(info.value)


def test_a_missing_workshop_on_the_server_is_one_line(pg_cluster):
    with pytest.raises(WorkshopFileError, match="no such workshop") as info:
        okr.open_store(pg_cluster.url("finns-inte"))
    assert "okr-workshop new" in str(info.value)


def test_messages_never_show_the_password():
    where = postgres.parse("postgresql://okr:hemligt@db.example.se/okr/exempel")
    assert "hemligt" not in str(where) and where.workshop == "exempel"


def test_the_command_line_takes_urls(workshop, tmp_path, pg_cluster, capsys):
    url = pg_cluster.url("cli")
    assert main(["new", "Exempel AB", "--period", "2027-Q1", "--team", "Ledning", "--out", url]) == 0
    assert main(["export", url, "--json", str(tmp_path / "ut.json")]) == 0
    assert json.loads((tmp_path / "ut.json").read_text())["organisation"] == "Exempel AB"
    assert main(["copy", url, str(tmp_path / "kopia.okr")]) == 0
    assert main(["lint", url]) in (0, 1)
    capsys.readouterr()
    assert main(["list", pg_cluster.url()]) == 0
    assert "cli\tExempel AB\t2027-Q1" in capsys.readouterr().out
    assert main(["copy", url, str(tmp_path / "kopia.okr")]) == 2  # exists already: refused, one line
    assert "finns redan" in capsys.readouterr().err  # the workshop is Swedish: so is the command line


def test_import_stays_light():
    code = "import sys, okr_workshop; print('psycopg' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_backup_of_a_server_workshop_is_a_file_with_its_history(workshop, tmp_path, pg_cluster):
    url = pg_cluster.url("backup")
    kr_id = _busy_workshop(url, workshop)
    path = okr.storage.backup.backup(url, tmp_path)
    assert path.parent == tmp_path and path.name.startswith("backup-")
    assert _everything(path, kr_id) == _everything(url, kr_id)


def test_a_sqlite_url_is_a_file(workshop, tmp_path):
    okr.save(workshop, f"sqlite:///{tmp_path}/url.okr")
    assert (tmp_path / "url.okr").exists()
    assert okr.load(f"sqlite:///{tmp_path / 'url.okr'}").organisation == "Exempel AB"


def test_connection_options_in_the_url_reach_the_server(workshop, pg_cluster):
    url = pg_cluster.url("optioner") + "&options=-csynchronous_commit%3Doff"
    okr.save(workshop, url)
    with okr.open_store(url) as store:
        assert store.conn.execute("SHOW synchronous_commit").fetchone()[0] == "off"
        assert store.load().organisation == "Exempel AB"


def test_the_workshop_may_be_named_as_a_query_parameter(workshop, pg_cluster):
    in_path = pg_cluster.url("fragan")
    as_query = pg_cluster.url() + "&workshop=fragan"
    okr.save(workshop, in_path)
    assert postgres.parse(as_query).conninfo == postgres.parse(in_path).conninfo
    assert okr.load(as_query).organisation == "Exempel AB"
    with pytest.raises(WorkshopFileError, match="names two workshops"):
        postgres.parse(pg_cluster.url("fragan") + "&workshop=annan")


def test_list_of_a_folder_shows_its_workshop_files(workshop, tmp_path, capsys):
    okr.save(workshop, tmp_path / "exempel.okr")
    (tmp_path / "anteckningar.okr").write_text("inte en workshop")
    assert [w["name"] for w in list_workshops(tmp_path)] == ["exempel"]
    assert main(["list", str(tmp_path / "exempel.okr")]) == 2  # a file, not a folder: one line
    assert "is not a folder" in capsys.readouterr().err


def _day_record(location):
    from okr_workshop.day import Day

    with Day(okr.open_store(location)) as day:
        return (
            [(c.text, c.author, c.merged_into, c.objective_id) for c in day.candidates(everything=True)],
            [(c.id, n) for c, n in day.tally()],
            day.reviews(), day.dependencies(), day.mid_reviews(), day.agenda(),
            {o.id: (day.spread(o.id), day.commitment(o.id)) for o in day.workshop().objectives},
        )  # fmt: skip


def test_a_copy_keeps_the_days_record_and_the_mid_quarter_review(tmp_path, workshop_location):
    from okr_workshop.day.sample import record_sample_day

    src = tmp_path / "dag.okr"
    okr.save(okr.samples.load("exempel-ab", fresh_ids=True), src)
    record_sample_day(src, "exempel-ab")
    original = _day_record(src)
    assert original[0] and original[4]  # there is a record to lose
    copy(src, workshop_location)
    back = copy(workshop_location, tmp_path / "tillbaka.okr")
    assert _day_record(workshop_location) == original
    assert _day_record(back) == original


def test_the_command_line_speaks_the_language_of_a_workshop_on_the_server(
    workshop, workshop_en, tmp_path, pg_cluster, capsys, monkeypatch
):
    """As for a file: a Swedish workshop's URL makes the command line speak Swedish under an English locale."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C")
    url = pg_cluster.url("talar-svenska")
    okr.save(workshop, url)
    okr.save(workshop, tmp_path / "fil.okr")
    capsys.readouterr()
    assert main(["export", url]) == 2
    on_server = capsys.readouterr().err
    assert main(["export", str(tmp_path / "fil.okr")]) == 2
    assert on_server == capsys.readouterr().err  # the same Swedish sentence as for the file
    okr.save(workshop_en, pg_cluster.url("speaks-english"))
    assert main(["export", pg_cluster.url("speaks-english")]) == 2
    assert capsys.readouterr().err != on_server


def test_the_server_s_refusals_are_told_in_swedish_too(pg_cluster):
    with pytest.raises(WorkshopFileError) as missing:
        okr.open_store(pg_cluster.url("finns-inte"))
    assert "ingen sådan workshop" in missing.value.render("sv")
    closed = postgres.parse("postgresql://nobody@127.0.0.1:1/okr/x")
    with pytest.raises(WorkshopFileError) as refused:
        postgres.PgConnection(closed)
    swedish = refused.value.render("sv")
    assert "kan inte ansluta" in swedish and "är servern igång?" in swedish and "\n" not in swedish
