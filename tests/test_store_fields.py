"""Many copies of one workshop at once: field-by-field saves and whole-file saves never undo another's edit."""

from __future__ import annotations

from pathlib import Path

import pytest

import okr_workshop as okr
from okr_workshop.errors import ConflictError, DeletedElsewhereError
from okr_workshop.model.serial import objective_to_dict
from okr_workshop.storage.fields import fields_of


@pytest.fixture
def workshop_file(workshop, workshop_location):
    """The sample workshop in a file, or in a PostgreSQL workshop (both, by parameter)."""
    return okr.save(workshop, workshop_location)


def _remove(location) -> None:
    if isinstance(location, Path):
        location.unlink()
    else:
        from okr_workshop.storage import postgres

        postgres.drop(location)


def two_copies(path):
    """Two forms' copies of the same file, each with its base (the values it read)."""
    a, b = okr.load(path), okr.load(path)
    return a, b


def base(obj, *names):
    return {name: fields_of(obj)[name] for name in names}


def test_title_here_and_why_there_both_survive(workshop_file):
    a, b = two_copies(workshop_file)
    obj_a, obj_b = a.team("Marknad").objectives[0], b.team("Marknad").objectives[0]
    seen_a, seen_b = base(obj_a, "title"), base(obj_b, "why")
    obj_a.title, obj_b.why = "Synas i Tyskland", "Tyskland är vår största marknad"
    with okr.open_store(workshop_file) as store:
        assert store.save_fields(obj_a, seen_a).conflicts == []
        saved = store.save_fields(obj_b, seen_b)  # b's copy still has the old title: it is not written
    assert saved.conflicts == [] and saved.written == {"why": "Tyskland är vår största marknad"}
    assert saved.current["title"] == "Synas i Tyskland"  # the row as the file holds it, for b to merge
    stored = okr.load(workshop_file).team("Marknad").objectives[0]
    assert (stored.title, stored.why) == ("Synas i Tyskland", "Tyskland är vår största marknad")


def test_the_same_field_changed_in_both_is_a_conflict_and_the_first_stays(workshop_file):
    a, b = two_copies(workshop_file)
    kr_a, kr_b = a.key_results[1], b.key_results[1]
    seen_a, seen_b = base(kr_a, "target", "owner"), base(kr_b, "target")
    kr_a.target, kr_a.owner, kr_b.target = 300, "Eva", 250
    with okr.open_store(workshop_file) as store:
        store.save_fields(kr_a, seen_a)
        rev, history = store.revision(), len(store.history())
        saved = store.save_fields(kr_b, seen_b)
        assert (store.revision(), len(store.history())) == (rev, history)  # nothing written, nothing logged
    (conflict,) = saved.conflicts
    assert (conflict.field, conflict.base, conflict.mine, conflict.theirs) == ("target", 200, 250, 300)
    assert (conflict.entity, conflict.id) == ("key_result", kr_b.id)
    stored = okr.load(workshop_file).key_result(kr_a.id)
    assert (stored.target, stored.owner) == (300, "Eva")


def test_writing_what_the_file_already_holds_is_no_conflict(workshop_file):
    a, b = two_copies(workshop_file)
    for ws in (a, b):
        ws.key_results[0].owner = "Eva"
    with okr.open_store(workshop_file) as store:
        store.save_fields(a.key_results[0], {"owner": "Anna"})
        assert store.save_fields(b.key_results[0], {"owner": "Anna"}).conflicts == []


def test_a_row_deleted_elsewhere_is_never_put_back(workshop_file):
    a, b = two_copies(workshop_file)
    obj_b = b.team("Marknad").objectives[0]
    seen = base(obj_b, "title")
    obj_b.title = "En bokstav till"
    with okr.open_store(workshop_file) as store:
        store.delete(a.team("Marknad").objectives[0].id)
        rev = store.revision()
        with pytest.raises(DeletedElsewhereError, match="deleted elsewhere"):
            store.save_fields(obj_b, seen)
        with pytest.raises(DeletedElsewhereError):
            store.save_fields(obj_b.key_results[0], {"text": "x"})
        store.save_order(b.team("Marknad"))  # positions of known rows only: the deleted one stays deleted
        assert store.revision() == rev
    assert okr.load(workshop_file).team("Marknad").objectives == []


def test_save_order_moves_only_positions(workshop_file):
    a, b = two_copies(workshop_file)
    team_a = a.team("Marknad")
    new = team_a.add_objective("Andra målet")
    with okr.open_store(workshop_file) as store:
        store.save(new)
        obj_b = b.team("Marknad").objectives[0]
        obj_b.title = "Gammal titel från b"  # b's copy has a stale title: moving must not write it
        team_a.move_objective(new, 0)
        store.save_order(team_a)
    stored = okr.load(workshop_file).team("Marknad").objectives
    assert [o.title for o in stored] == ["Andra målet", "Kraftigt ökad synlighet på tyska marknaden"]


def test_restore_puts_back_a_deleted_objective_with_its_key_results_and_check_ins(workshop_file):
    ws = okr.load(workshop_file)
    team = ws.team("Marknad")
    obj = team.objectives[0]
    with okr.open_store(workshop_file) as store:
        store.add_check_in(obj.key_results[0].id, value=50, confidence=5, on="2027-02-01")
        obj = store.load().team("Marknad").objectives[0]
        store.delete(obj)
        store.restore(obj)
        with pytest.raises(okr.OkrWorkshopError, match="exists already"):
            store.restore(obj)
        assert [h["action"] for h in store.history(obj.id)][-2:] == ["delete", "restore"]
    again = okr.load(workshop_file).team("Marknad").objectives[0]
    assert objective_to_dict(again) == objective_to_dict(obj)
    assert again.key_results[0].check_ins[0].value == 50


# ------------------------------------------------------------------ okr.save of a whole workshop (item 3)


def test_save_refuses_to_replace_a_file_that_changed_since_load(workshop_file):
    mine = okr.load(workshop_file)
    with okr.open_store(workshop_file) as store:  # another kernel saves an edit
        other = store.load()
        other.key_results[0].owner = "Eva"
        store.save(other.key_results[0])
    mine.organisation = "Ändrad AB"
    with pytest.raises(ConflictError, match="changed since this workshop was loaded") as info:
        okr.save(mine, workshop_file)
    assert "replace=True" in str(info.value) and "\n" not in str(info.value)
    stored = okr.load(workshop_file)
    assert (stored.organisation, stored.key_results[0].owner) == ("Exempel AB", "Eva")
    okr.save(mine, workshop_file, replace=True)  # on purpose
    assert okr.load(workshop_file).organisation == "Ändrad AB"


def test_save_of_an_unchanged_file_works_again_and_again(workshop_file):
    ws = okr.load(workshop_file)
    ws.organisation = "Ett AB"
    okr.save(ws, workshop_file)
    ws.organisation = "Två AB"
    okr.save(ws, workshop_file)  # its own save does not count as someone else's change
    assert okr.load(workshop_file).organisation == "Två AB"


def test_save_refuses_a_workshop_not_loaded_from_that_file(workshop_file, tmp_path):
    copy = okr.load(workshop_file)
    elsewhere = okr.save(copy, tmp_path / "kopia.okr")  # now a copy of kopia.okr, not of the first file
    assert elsewhere.exists()
    with pytest.raises(ConflictError, match="not loaded from it"):
        okr.save(copy, workshop_file)
    with pytest.raises(ConflictError, match="not loaded from it"):
        okr.save(okr.Workshop.new("Annat AB", period="2027-Q1"), workshop_file)
    assert okr.load(workshop_file).organisation == "Exempel AB"


def test_save_refuses_when_the_file_was_recreated_under_the_same_name(workshop_file, tmp_path):
    mine = okr.load(workshop_file)
    fresh = okr.load(workshop_file)
    _remove(workshop_file)
    okr.save(fresh, workshop_file)  # a new file: same name, same revision number, another file
    with pytest.raises(ConflictError):
        okr.save(mine, workshop_file)


def test_a_workshop_from_a_store_can_be_saved_whole(workshop_file):
    with okr.open_store(workshop_file) as store:
        ws = store.load()
    ws.organisation = "Nytt AB"
    okr.save(ws, workshop_file)
    assert okr.load(workshop_file).organisation == "Nytt AB"


def test_restore_takes_the_rows_from_the_history_not_from_the_callers_copy(workshop_file):
    stale = okr.load(workshop_file)  # a form's copy, loaded before the check-in below
    obj = stale.team("Marknad").objectives[0]
    kr_id = obj.key_results[0].id
    with okr.open_store(workshop_file) as store:
        store.add_check_in(kr_id, value=7, confidence=6, on="2027-02-02", comment="från en annan kärna")
        store.delete(obj.id)  # by id, as a form deletes
        store.restore(obj.id)
    back = okr.load(workshop_file).key_result(kr_id)
    assert [c.comment for c in back.check_ins] == ["från en annan kärna"]


def test_restore_is_refused_when_what_it_belongs_to_is_gone(workshop_file):
    ws = okr.load(workshop_file)
    obj = ws.team("Marknad").objectives[0]
    kr = obj.key_results[0]
    with okr.open_store(workshop_file) as store:
        store.delete(kr.id)
        store.delete(obj.id)
        with pytest.raises(okr.OkrWorkshopError, match="put that back first"):
            store.restore(kr.id)
        with pytest.raises(okr.OkrWorkshopError, match="no deletion"):
            store.restore("nope")
        store.restore(obj.id)
        store.restore(kr.id)
    assert [k.id for k in okr.load(workshop_file).team("Marknad").objectives[0].key_results][0] == kr.id


def test_a_schema_upgrade_on_open_does_not_count_as_someone_elses_change(workshop_file, monkeypatch):
    from okr_workshop.storage import store as store_mod

    ws = okr.load(workshop_file)  # read-only: the old schema stays until a writer opens the file
    now = store_mod.SCHEMA_VERSION
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(store_mod.MIGRATIONS, now, "ALTER TABLE team ADD COLUMN colour TEXT")
    ws.organisation = "Uppgraderad AB"
    okr.save(ws, workshop_file)  # migrates on open, then saves: the workshop's contents had not changed
    assert okr.load(workshop_file).organisation == "Uppgraderad AB"


def test_after_a_refused_save_the_same_store_reads_and_writes_on(workshop_file):
    ws = okr.load(workshop_file)
    obj = ws.team("Marknad").objectives[0]
    with okr.open_store(workshop_file) as store:
        store.delete(obj.id)
        obj.title = "skrivet i en borttagen rad"
        with pytest.raises(DeletedElsewhereError):
            store.save_fields(obj, base(obj, "title"))
        revision, rows = store.team_rows(ws.team("Marknad").id)  # the failed transaction left nothing open
        assert rows == {} and revision == store.revision()
        store.restore(obj.id)
    assert okr.load(workshop_file).team("Marknad").objectives[0].title != "skrivet i en borttagen rad"
