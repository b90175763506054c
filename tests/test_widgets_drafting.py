"""The drafting form without a browser: set .value, click, assert on model, file and feedback."""

from __future__ import annotations

import time

import ipywidgets as w
import pytest
from conftest import make_workshop

import okr_workshop as okr
from okr_workshop.widgets import DraftingForm, drafting_form

TEAM = {"sv": "Marknad", "en": "Marketing"}
TOP = {"sv": "Ledningsgruppen", "en": "Leadership"}


@pytest.fixture(params=["sv", "en"])
def lang(request):
    return request.param


@pytest.fixture
def path(tmp_path, lang):
    p = tmp_path / "ws.okr"
    okr.save(make_workshop(lang), p)
    return p


def form_for(path, team, lang=None):
    return DraftingForm(path, team, lang=lang, feedback_delay=None, save_delay=None)


def first(form):
    return form.editors[form.team.objectives[0].id]


def inputs(widget):
    """Every input widget below ``widget``."""
    kinds = (w.Text, w.Textarea, w.Dropdown, w.ToggleButtons, w.FloatText, w.IntSlider, w.Checkbox, w.DatePicker)
    if isinstance(widget, kinds):
        yield widget
    for child in getattr(widget, "children", ()):
        yield from inputs(child)


def test_typing_a_title_changes_the_model_and_the_feedback(path, lang):
    form = form_for(path, TEAM[lang])
    editor = first(form)
    assert editor.fields["text"].feedback.value == ""  # the sample objective is clean
    title = "Öka försäljningen med 20 %" if lang == "sv" else "Increase revenue by 20 %"
    editor.fields["text"].input.value = title
    assert form.team.objectives[0].title == title  # applied to the model at once
    form.flush()
    html = editor.fields["text"].feedback.value
    assert "okr-finding-warning" in html and 'data-rule="objective-number"' in html
    assert ("Varning" in html) == (lang == "sv") and ("Warning" in html) == (lang == "en")
    assert editor.strength.score < 100
    assert okr.load(path).team(TEAM[lang]).objectives[0].title == title


def test_feedback_and_save_wait_for_flush(path, lang):
    form = form_for(path, TEAM[lang])
    editor = first(form)
    editor.fields["text"].input.value = "Öka försäljningen med 20 %"
    assert editor.fields["text"].feedback.value == ""  # debounced: not yet
    assert okr.load(path).team(TEAM[lang]).objectives[0].title != "Öka försäljningen med 20 %"
    assert form.status.value in ("Osparade ändringar …", "Unsaved changes …")
    form.flush()
    assert editor.fields["text"].feedback.value != ""
    assert form.status.value.startswith(("Sparat", "Saved"))


def test_timer_debounce_saves_after_typing_pauses(path, lang):
    form = DraftingForm(path, TEAM[lang], feedback_delay=0.01, save_delay=0.05)
    first(form).fields["why"].input.value = "Because"
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and okr.load(path).team(TEAM[lang]).objectives[0].why != "Because":
        time.sleep(0.02)
    assert okr.load(path).team(TEAM[lang]).objectives[0].why == "Because"
    form.close()


def test_reopening_shows_the_last_state(path, lang):
    form = form_for(path, TEAM[lang])
    obj = form.add_objective()
    editor = form.editors[obj.id]
    editor.fields["text"].input.value = "Nöjda kunder i Norden" if lang == "sv" else "Happy customers in the Nordics"
    editor.fields["type"].input.value = "committed"
    editor.fields["owner"].input.value = "Eva"
    editor.add_kr.click()
    kr_editor = editor.editors[obj.key_results[0].id]
    f = kr_editor.fields
    f["text"].input.value = "NPS från 20 till 40"
    f["metric"].input.value = "NPS"
    f["unit"].input.value = "p"
    f["kind"].input.value = "increase"
    f["baseline"].input.value = "20"
    f["target"].input.value = "40,5"
    f["owner"].input.value = "Eva"
    f["confidence"].input.value = "6"
    form.close()

    again = drafting_form(path, TEAM[lang], lang=lang)
    editor = again.editors[obj.id]
    assert editor.fields["text"].input.value.startswith(("Nöjda", "Happy"))
    assert editor.fields["type"].input.value == "committed"
    kr = again.team.objectives[-1].key_results[0]
    assert (kr.metric, kr.unit, kr.baseline, kr.target, kr.owner, kr.confidence) == ("NPS", "p", 20, 40.5, "Eva", 6)
    shown = editor.editors[kr.id].fields
    assert shown["target"].input.value == "40.5" and shown["confidence"].input.value == "6"
    again.close()


def test_a_bad_number_is_an_input_error_and_leaves_the_model(path, lang):
    form = form_for(path, TEAM[lang])
    kr = form.team.objectives[0].key_results[0]
    field = first(form).editors[kr.id].fields["baseline"]
    field.input.value = "tio"
    assert kr.baseline == 0  # unchanged
    assert "okr-input-error" in field.feedback.value and "tio" in field.feedback.value
    assert ("inget tal" in field.feedback.value) == (lang == "sv")
    field.input.value = ""  # empty means "not measured yet"
    assert kr.baseline is None
    form.flush()
    assert 'data-rule="kr-no-baseline"' in field.feedback.value
    assert okr.load(path).key_result(kr.id).baseline is None


def test_add_remove_and_reorder_reach_the_file(path, lang):
    form = form_for(path, TEAM[lang])
    obj = form.team.objectives[0]
    a, b, c = obj.key_results
    editor = first(form)
    editor.editors[c.id].up.click()
    assert [k.id for k in obj.key_results] == [a.id, c.id, b.id]
    editor.editors[a.id].down.click()
    editor.editors[b.id].remove.click()
    assert [k.id for k in okr.load(path).team(TEAM[lang]).objectives[0].key_results] == [c.id, a.id]
    assert [e.kr.id for e in editor.kr_box.children] == [c.id, a.id]
    assert editor.editors[c.id].up.disabled and editor.editors[a.id].down.disabled

    form.add_objective_button.click()
    second = form.team.objectives[1]
    form.editors[second.id].fields["text"].input.value = "Två"
    form.editors[second.id].up.click()
    form.flush()
    stored = okr.load(path).team(TEAM[lang])
    assert [o.id for o in stored.objectives] == [second.id, obj.id] and stored.objectives[0].title == "Två"
    form.editors[second.id].remove.click()
    form.editors[second.id].confirm_yes.click()  # Ta bort mål asks first
    assert [o.id for o in okr.load(path).team(TEAM[lang]).objectives] == [obj.id]
    assert list(form.objectives_box.children) == [form.editors[obj.id]]


def test_structure_changes_update_set_and_team_findings(path, lang):
    form = form_for(path, TEAM[lang])
    assert 'data-rule="team-objective-count"' in form.team_feedback.value  # one objective, 2–4 expected
    form.add_objective()
    assert form.team_feedback.value == ""
    new = form.team.objectives[1]
    assert 'data-rule="krs-none"' in form.editors[new.id].kr_feedback.value
    form.add_key_result(new)
    assert 'data-rule="krs-count"' in form.editors[new.id].kr_feedback.value
    assert 'data-rule="kr-empty"' in form.editors[new.id].editors[new.key_results[0].id].fields["text"].feedback.value
    # the meter follows the structure (an empty draft scores 0 with or without an empty key result, issue 15)
    assert form.team_strength.score == okr.quality.strength(form.team)
    assert form.editors[new.id].strength.score == 0


def test_parent_dropdown_aligns_the_objective(path, lang):
    form = form_for(path, TEAM[lang])
    editor = first(form)
    parent = editor.fields["parent"].input
    company = okr.load(path).team(TOP[lang]).objectives[0]
    assert [v for _, v in parent.options] == ["", company.id]
    parent.value = ""
    form.flush()
    assert form.team.objectives[0].parent_id is None
    assert 'data-rule="objective-not-aligned"' in editor.fields["parent"].feedback.value
    parent.value = company.id
    form.flush()
    assert editor.fields["parent"].feedback.value == ""
    assert okr.load(path).team(TEAM[lang]).objectives[0].parent_id == company.id
    top = form_for(path, TOP[lang])
    assert first(top).fields["parent"].box.layout.display == "none"  # no level above the top team


def test_two_forms_on_one_file_do_not_overwrite_each_other(path, lang):
    top, team = form_for(path, TOP[lang]), form_for(path, TEAM[lang])
    first(top).fields["owner"].input.value = "Vera"
    first(team).fields["owner"].input.value = "Olle"
    team.add_objective("Andra")
    top.flush()
    team.flush()
    stored = okr.load(path)
    assert stored.team(TOP[lang]).objectives[0].owner == "Vera"
    assert [o.owner for o in stored.team(TEAM[lang]).objectives] == ["Olle", ""]


def test_participant_text_is_never_html(path, lang):
    form = form_for(path, TEAM[lang])
    editor = first(form)
    evil = "<script>alert(1)</script> 200 <b>leads</b>"
    one, two = form.team.objectives[0].key_results[:2]
    editor.fields["text"].input.value = "<img src=x onerror=alert(1)> Öka <b>20</b> %"
    editor.editors[one.id].fields["text"].input.value = evil
    editor.editors[two.id].fields["text"].input.value = evil  # krs-duplicate quotes the participant's text
    form.flush()
    html = editor.fields["text"].feedback.value + editor.editors[two.id].fields["text"].feedback.value
    assert 'data-rule="krs-duplicate"' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 200 &lt;b&gt;leads&lt;/b&gt;" in html
    assert "<script>" not in html and "<b>" not in html and "<img" not in html
    assert editor.editors[two.id].fields["text"].input.value == evil  # the input shows exactly what was typed


def test_programmatic_render_fires_no_handlers(path, lang):
    form = form_for(path, TEAM[lang])
    assert not form._unsaved and form.status.value == ""
    editor = first(form)
    editor._render()
    form._render()
    assert not form._unsaved and not form._save.pending


def test_every_input_has_a_plain_text_label(path, lang):
    form = form_for(path, TEAM[lang])
    found = list(inputs(form))
    assert len(found) > 10
    for widget in found:
        assert widget.description.strip(), widget
        assert widget.description_allow_html is False
    buttons = [b for b in form.children[-1].children if isinstance(b, w.Button)]
    assert all(b.description for b in buttons)


def test_switching_language_relabels_and_rechecks(path, lang):
    form = form_for(path, TEAM[lang])
    other = "en" if lang == "sv" else "sv"
    first(form).fields["text"].input.value = "Öka försäljningen med 20 %"
    form.lang_toggle.value = other
    assert form.lang == other
    editor = first(form)
    assert editor.fields["text"].input.description == ("Objective" if other == "en" else "Mål")
    assert ("Warning" if other == "en" else "Varning") in editor.fields["text"].feedback.value
    assert editor.fields["text"].input.value == "Öka försäljningen med 20 %"  # the model survived the rebuild


def test_an_empty_new_objective_shows_a_hint_until_typed_in_or_saved(path, lang):
    form = form_for(path, TEAM[lang])
    new = form.add_objective()
    editor = form.editors[new.id]
    field = editor.fields["text"]
    hint = "Skriv målet här" if lang == "sv" else "Write the objective here"
    error = "Fel" if lang == "sv" else "Error"
    assert hint in field.feedback.value and "okr-finding-error" not in field.feedback.value
    assert error not in field.feedback.value
    assert any(f.rule == "objective-empty" for f in form.findings[new.id])  # the rule itself still fires
    field.input.value = "x"
    field.input.value = ""  # typed in, then emptied again: now it is an error
    form.flush()
    assert "okr-finding-error" in field.feedback.value and hint not in field.feedback.value
    other = form.add_objective()
    assert "okr-finding-error" not in form.editors[other.id].fields["text"].feedback.value
    form.save_button.click()  # Spara: every empty text is an error now
    assert 'data-rule="objective-empty"' in form.editors[other.id].fields["text"].feedback.value
    assert "okr-finding-error" in form.editors[other.id].fields["text"].feedback.value


def test_the_save_button_says_save_now_and_that_typing_saves_anyway(path, lang):
    form = form_for(path, TEAM[lang])
    assert form.save_button.description == ("Spara nu" if lang == "sv" else "Save now")
    assert ("automatiskt" if lang == "sv" else "automatically") in form.save_button.tooltip
