"""Two drafting forms on one team (two laptops, or the facilitator's form beside a team's page), without a browser.

Neither form undoes the other: only changed fields are written, a field changed on
both is a conflict shown in words, a deleted objective never comes back, and each
form picks up the other's saves (``sync()``; in a kernel it polls by itself).
"""

from __future__ import annotations

import time

import pytest
from conftest import make_workshop

import okr_workshop as okr
from okr_workshop.widgets import DraftingForm, drafting_form

TEAM = {"sv": "Marknad", "en": "Marketing"}


@pytest.fixture(params=["sv", "en"])
def lang(request):
    return request.param


@pytest.fixture
def path(workshop_location, lang):
    """The workshop in a file, or on the test PostgreSQL server (both, by parameter)."""
    return okr.save(make_workshop(lang), workshop_location)


def form_for(path, lang, **options):
    return DraftingForm(path, TEAM[lang], feedback_delay=None, save_delay=None, live=None, **options)


def first(form):
    return form.editors[form.team.objectives[0].id]


def stored(path, lang):
    return okr.load(path).team(TEAM[lang])


def test_a_title_here_and_a_why_there_both_stay(path, lang):
    a, b = form_for(path, lang), form_for(path, lang)
    first(a).fields["text"].input.value = "Synas i Tyskland"
    a.flush()
    first(b).fields["why"].input.value = "Tyskland är störst"
    b.flush()
    obj = stored(path, lang).objectives[0]
    assert (obj.title, obj.why) == ("Synas i Tyskland", "Tyskland är störst")
    assert first(b).fields["text"].input.value == "Synas i Tyskland"  # b's save brought a's title along
    a.sync()
    assert first(a).fields["why"].input.value == "Tyskland är störst"
    assert a.status.value.startswith(("Sparat", "Saved")) and b.status.value.startswith(("Sparat", "Saved"))


def test_a_deleted_objective_never_comes_back_and_the_other_form_says_so(path, lang):
    a, b = form_for(path, lang), form_for(path, lang)
    obj_id = a.team.objectives[0].id
    first(a).remove.click()
    first(a).confirm_yes.click()
    first(b).fields["text"].input.value = first(b).fields["text"].input.value + "!"  # one more character
    b.flush()
    assert stored(path, lang).objectives == []
    assert b.team.objectives == [] and obj_id not in b.editors
    notice = b.notice.value
    assert ("togs bort på en annan skärm" in notice) == (lang == "sv")
    assert ("was deleted on another screen" in notice) == (lang == "en")
    assert "!" in notice  # what b typed and could not save is quoted, not silently dropped
    with okr.open_store(path) as store:
        assert [h["action"] for h in store.history(obj_id)] == ["delete"]  # never re-inserted


def test_the_same_field_changed_in_both_is_a_conflict_in_words(path, lang):
    a, b = form_for(path, lang), form_for(path, lang)
    kr_id = a.team.objectives[0].key_results[0].id
    first(a).editors[kr_id].fields["target"].input.value = "300"
    a.flush()
    b_target = first(b).editors[kr_id].fields["target"]
    b_target.input.value = "250"
    b.flush()
    assert okr.load(path).key_result(kr_id).target == 300  # the first save stays
    assert b_target.input.value == "300" and b.team.objectives[0].key_results[0].target == 300
    said = first(b).conflicts.value
    assert "250" in said and "300" in said and 'class="okr-conflict"' in said
    assert ("annan skärm" in b.status.value) == (lang == "sv")  # not a plain "Saved"
    assert ("ändrades på en annan skärm" in said) == (lang == "sv")
    assert ("was changed on another screen" in said) == (lang == "en")
    b_target.input.value = "275"  # after the conflict b works on the file's value: its next edit is saved
    b.flush()
    assert okr.load(path).key_result(kr_id).target == 275


def test_participant_text_in_a_conflict_is_never_html(path, lang):
    a, b = form_for(path, lang), form_for(path, lang)
    first(a).fields["owner"].input.value = "<b>Vera</b>"
    a.flush()
    first(b).fields["owner"].input.value = "<img src=x onerror=alert(1)>"
    b.flush()
    said = first(b).conflicts.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in said and "<img" not in said and "<b>" not in said


def test_live_pickup_takes_over_untouched_fields_and_leaves_the_one_being_typed(path, lang):
    a, b = form_for(path, lang), form_for(path, lang, grace=60)
    first(b).fields["why"].input.value = "b skriver här"
    b.flush()
    a.sync()  # a sees b's text, then writes over it on purpose
    assert first(a).fields["why"].input.value == "b skriver här"
    first(a).fields["text"].input.value = "Ny titel från a"
    first(a).fields["why"].input.value = "a skrev också här"
    a.flush()
    new = a.add_objective("Ett mål till från a")
    kr = a.team.objectives[0].key_results[2]
    a.remove_key_result(kr)
    assert b.sync()
    assert first(b).fields["text"].input.value == "Ny titel från a"  # untouched here: taken over
    assert first(b).fields["why"].input.value == "b skriver här"  # being typed in here: left alone for now
    assert [o.id for o in b.team.objectives] == [o.id for o in a.team.objectives]
    assert b.editors[new.id].fields["text"].input.value == "Ett mål till från a"
    assert kr.id not in first(b).editors
    first(b).fields["why"].input.value = "b skriver här igen"  # typing on: the other text is a conflict
    b.flush()
    assert "a skrev också här" in first(b).conflicts.value and "b skriver här igen" in first(b).conflicts.value


def test_the_form_polls_for_other_forms_saves_by_itself(path, lang):
    a = form_for(path, lang)
    b = DraftingForm(path, TEAM[lang], feedback_delay=None, save_delay=None, live=0.05)
    b.start_live()  # in a kernel the form starts this itself
    try:
        assert b.live
        new = a.add_objective("Syns hos b")
        deadline = time.monotonic() + 10
        while new.id not in b.editors and time.monotonic() < deadline:
            time.sleep(0.02)
        assert b.editors[new.id].fields["text"].input.value == "Syns hos b"
    finally:
        b.close()
    assert not b.live


def test_a_field_is_in_the_file_as_soon_as_it_is_typed(path, lang):
    form = drafting_form(path, TEAM[lang], lang=lang)  # the app's form, default settings
    first(form).fields["why"].input.value = "Sparat utan paus"
    kr = form.team.objectives[0].key_results[0]
    first(form).editors[kr.id].fields["owner"].input.value = "Eva"
    # no flush, no pause: a reload of the page right now loses nothing
    assert stored(path, lang).objectives[0].why == "Sparat utan paus"
    assert okr.load(path).key_result(kr.id).owner == "Eva"
    form.close()


def test_remove_objective_asks_first_and_can_be_undone(path, lang):
    form = form_for(path, lang)
    obj = form.team.objectives[0]
    ids = [kr.id for kr in obj.key_results]
    editor = first(form)
    editor.remove.click()
    assert editor.confirm_box.layout.display != "none"
    assert obj.title in editor.confirm_text.value
    assert ("Ta bort målet" in editor.confirm_text.value) == (lang == "sv")
    assert [o.id for o in stored(path, lang).objectives] == [obj.id]  # nothing deleted yet
    editor.confirm_cancel.click()
    assert editor.confirm_box.layout.display == "none" and form.team.objectives == [obj]
    editor.remove.click()
    editor.confirm_yes.click()
    assert stored(path, lang).objectives == [] and form.team.objectives == []
    assert form.undo_button.layout.display != "none"
    assert form.undo_button.description == ("Ångra" if lang == "sv" else "Undo")
    assert ("togs bort" in form.notice.value) == (lang == "sv")
    form.undo_button.click()
    back = stored(path, lang).objectives
    assert [o.id for o in back] == [obj.id] and [kr.id for kr in back[0].key_results] == ids
    assert back[0].title == obj.title
    assert list(form.editors) == [obj.id] and form.undo_button.layout.display == "none"
    form.editors[obj.id].fields["owner"].input.value = "Efter ångra"  # the restored row saves as usual
    form.flush()
    assert stored(path, lang).objectives[0].owner == "Efter ångra"


def test_a_removed_key_result_can_be_undone_in_its_place(path, lang):
    form = form_for(path, lang)
    obj = form.team.objectives[0]
    a, b, c = obj.key_results
    first(form).editors[b.id].remove.click()
    assert [kr.id for kr in stored(path, lang).objectives[0].key_results] == [a.id, c.id]
    form.undo()
    assert [kr.id for kr in stored(path, lang).objectives[0].key_results] == [a.id, b.id, c.id]
    assert [e.kr.id for e in first(form).kr_box.children] == [a.id, b.id, c.id]


def test_keystrokes_typed_on_the_text_just_replaced_are_a_conflict_not_a_save(path, lang):
    a, b = form_for(path, lang), form_for(path, lang)
    title_b = first(b).fields["text"].input
    old = title_b.value
    first(a).fields["text"].input.value = "Titel från a"
    a.flush()
    assert b.sync() and title_b.value == "Titel från a"
    # the browser had not shown a's title yet: it sends the old text with one more character
    title_b.value = old + "!"
    b.flush()
    assert stored(path, lang).objectives[0].title == "Titel från a"
    assert title_b.value == "Titel från a" and old + "!" in first(b).conflicts.value
    title_b.value = "Titel från a, och b"  # typed on the file's text: saved as usual
    b.flush()
    assert stored(path, lang).objectives[0].title == "Titel från a, och b"


def test_typing_in_a_key_result_whose_objective_was_deleted_elsewhere(path, lang):
    a, b = form_for(path, lang), form_for(path, lang)
    obj = a.team.objectives[0]
    kr = b.team.objectives[0].key_results[0]
    first(b).editors[kr.id].remove.click()  # b removed a key result and could undo it ...
    first(a).remove.click()
    first(a).confirm_yes.click()  # ... but a deleted the whole objective meanwhile
    first(b).fields["owner"].input.value = "Olle"
    b.flush()
    assert stored(path, lang).objectives == [] and b.team.objectives == []
    assert not b.undo()  # nothing to put the key result back into: said in words, nothing written
    assert ("Kunde inte ångra" in b.notice.value) == (lang == "sv")
    assert okr.load(path).team(TEAM[lang]).objectives == []
    with okr.open_store(path) as store:
        assert [h["action"] for h in store.history(obj.id)][-1] == "delete"  # never put back


def test_a_reorder_elsewhere_shows_up_and_keeps_every_text(path, lang):
    a, b = form_for(path, lang), form_for(path, lang)
    x, y, z = a.team.objectives[0].key_results
    first(b).editors[y.id].fields["owner"].input.value = "Yngve"  # b edits the one a moves
    b.flush()
    first(a).editors[z.id].up.click()
    first(a).editors[z.id].up.click()
    assert b.sync()
    assert [e.kr.id for e in first(b).kr_box.children] == [z.id, x.id, y.id]
    assert first(b).editors[y.id].fields["owner"].input.value == "Yngve"
    stored_krs = stored(path, lang).objectives[0].key_results
    assert [k.id for k in stored_krs] == [z.id, x.id, y.id] and stored_krs[2].owner == "Yngve"
