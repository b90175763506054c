"""A lighter team page: objectives after the first are collapsed until opened (``expanded=1``), without a browser.

Ten teams opening their pages at once wait for every widget of every page, and the
key-result editors are most of a form's widgets. A collapsed objective shows its
title (typed in as usual) and one summary line; opening it builds the rest from the
model as it is then, so it shows what other forms saved meanwhile.
"""

from __future__ import annotations

import ipywidgets as w
import pytest
from conftest import make_workshop

import okr_workshop as okr
from okr_workshop.widgets import DraftingForm

TEAM = {"sv": "Marknad", "en": "Marketing"}


@pytest.fixture(params=["sv", "en"])
def lang(request):
    return request.param


@pytest.fixture
def path(tmp_path, lang):
    """The sample team with a second objective of two key results."""
    ws = make_workshop(lang)
    second = ws.team(TEAM[lang]).add_objective("Nöjda kunder i Norden", owner="Eva")
    second.add_key_result("NPS från 20 till 40", kind="increase", baseline=20, target=40, unit="p", owner="Eva")
    second.add_key_result("", kind="increase")
    p = tmp_path / "ws.okr"
    okr.save(ws, p)
    return p


def form_for(path, lang, **options):
    return DraftingForm(path, TEAM[lang], feedback_delay=None, save_delay=None, live=None, **options)


def _models(build) -> tuple[object, int]:
    """The widget built by ``build()`` and how many widget models it created."""
    registry = w.widgets.widget._instances
    before = set(registry)
    built = build()
    return built, len(set(registry) - before)


def test_only_the_first_objective_is_built_whole_and_the_others_say_what_they_hold(path, lang):
    form = form_for(path, lang, expanded=1)
    one, two = (form.editors[o.id] for o in form.team.objectives)
    assert one.opened and len(one.editors) == 3 and "why" in one.fields
    assert not two.opened and two.editors == {} and set(two.fields) == {"text"}
    assert two.fields["text"].input.value == "Nöjda kunder i Norden"
    summary = two.summary.value
    assert ("2 nyckelresultat" if lang == "sv" else "2 key results") in summary
    assert ("1 fel" if lang == "sv" else "1 error") in summary  # the empty key result, not shown yet
    assert two.open_button in two.children and two.summary in two.children
    form.close()


def test_a_collapsed_page_sends_far_fewer_widget_models(path, lang):
    whole, all_models = _models(lambda: form_for(path, lang))  # first, so shared models count here
    whole.close()
    light, light_models = _models(lambda: form_for(path, lang, expanded=1))
    whole, all_again = _models(lambda: form_for(path, lang))
    assert light_models < 0.75 * all_again, (light_models, all_models, all_again)
    light.close()
    whole.close()


def test_typing_a_collapsed_objectives_title_saves_it(path, lang):
    form = form_for(path, lang, expanded=1)
    two = form.editors[form.team.objectives[1].id]
    two.fields["text"].input.value = "Nöjda kunder i hela Norden"
    form.flush()
    assert okr.load(path).team(TEAM[lang]).objectives[1].title == "Nöjda kunder i hela Norden"
    assert not two.opened
    form.close()


def test_opening_shows_what_other_forms_saved_meanwhile_and_saves_like_any_editor(path, lang):
    light, other = form_for(path, lang, expanded=1), form_for(path, lang)
    obj_id = light.team.objectives[1].id
    kr_id = light.team.objectives[1].key_results[0].id
    theirs = other.editors[obj_id]
    theirs.fields["why"].input.value = "Kunderna stannar"
    theirs.editors[kr_id].fields["target"].input.value = "45"
    theirs.editors[kr_id].fields["text"].input.value = "NPS från 20 till 45"
    other.flush()
    light.sync()
    editor = light.editors[obj_id]
    assert not editor.opened
    editor.open_button.click()
    assert editor.opened and obj_id in light.opened
    assert editor.fields["why"].input.value == "Kunderna stannar"
    kr_fields = editor.editors[kr_id].fields
    assert (kr_fields["text"].input.value, kr_fields["target"].input.value) == ("NPS från 20 till 45", "45")
    assert editor.open_button not in editor.children
    assert (
        'data-rule="kr-empty"'
        in editor.editors[light.team.objectives[1].key_results[1].id].fields["text"].feedback.value
    )  # the findings it held while collapsed are shown at their fields
    kr_fields["owner"].input.value = "Fia"
    light.flush()
    assert okr.load(path).team(TEAM[lang]).objectives[1].key_results[0].owner == "Fia"
    other.sync()
    assert other.editors[obj_id].editors[kr_id].fields["owner"].input.value == "Fia"
    light.close()
    other.close()


def test_adding_a_key_result_or_an_objective_opens_it_and_the_language_switch_keeps_what_is_open(path, lang):
    form = form_for(path, lang, expanded=1)
    second = form.team.objectives[1]
    kr = form.add_key_result(second)
    assert form.editors[second.id].opened and kr.id in form.editors[second.id].editors
    new = form.add_objective()
    assert form.editors[new.id].opened
    form.set_lang("en" if lang == "sv" else "sv")
    assert all(form.editors[o.id].opened for o in form.team.objectives)
    form.close()


def test_save_while_collapsed_marks_the_fields_built_later_as_touched(path, lang):
    form = form_for(path, lang, expanded=1)
    form.save_button.click()
    two = form.editors[form.team.objectives[1].id]
    two.expand()
    empty = two.editors[form.team.objectives[1].key_results[1].id].fields["text"]
    assert empty.touched and "okr-finding-error" in empty.feedback.value  # an error now, not a grey hint
    form.close()


def test_the_app_page_opens_only_the_first_objective(path, lang):
    from okr_workshop.app.page import participant_page

    env = {"OKR_WORKSHOP": str(path), "QUERY_STRING": f"team={TEAM[lang]}"}
    form = participant_page(env)
    try:
        assert [form.editors[o.id].opened for o in form.team.objectives] == [True, False]
    finally:
        form.close()
