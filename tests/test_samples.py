"""The sample workshops and the synthetic generator."""

from __future__ import annotations

import pytest

import okr_workshop as okr
from okr_workshop.errors import NotFoundError
from okr_workshop.model.entities import Kind, Workshop
from okr_workshop.samples import exempel_ab

SAMPLES = okr.samples.names()


@pytest.fixture(params=SAMPLES)
def sample(request) -> Workshop:
    return okr.samples.load(request.param)


def test_names_lists_both_samples():
    assert okr.samples.names() == ["exempel-ab", "acme"]


def test_unknown_sample_names_the_available_ones():
    with pytest.raises(NotFoundError, match="exempel-ab.*acme"):
        okr.samples.load("nope")


def test_load_returns_a_fresh_object_each_call():
    a, b = okr.samples.load("exempel-ab"), okr.samples.load("exempel-ab")
    assert a is not b
    a.teams[0].objectives[0].title = "changed"
    assert b.teams[0].objectives[0].title == exempel_ab.SEED_COMPANY_OBJECTIVE


def test_exempel_ab_holds_the_seed_okrs_verbatim():
    ws = okr.samples.load("exempel-ab")
    assert (ws.organisation, ws.period.label, ws.lang) == ("Exempel AB", "2026-Q3", "sv")
    top = ws.team("Ledningsgruppen")
    assert top.parent_id is None
    germany = ws.objective("ex-o-ledning-1")
    assert germany.team is top
    assert germany.title == "Internationell expansion genom etablering i Tyskland under året"
    assert germany.type.value == "aspirational"
    assert [kr.text for kr in germany.key_results] == [
        "20 MSEK försäljning på den tyska marknaden",
        "5 nya tyska nyckelkunder med ordervärde över 1 MSEK vardera",
    ]
    assert [(kr.baseline, kr.target, kr.unit) for kr in germany.key_results] == [(0, 20, "MSEK"), (0, 5, "st")]
    visibility = ws.objective("ex-o-marknad-1")
    assert visibility.team is ws.team("Marknad")
    assert visibility.title == "Kraftigt ökad synlighet på tyska marknaden"
    assert visibility.parent is germany
    assert [kr.text for kr in visibility.key_results] == [
        "100k organiska visningar av innehåll på XING",
        "200 leads från mässor i Tyskland",
        "20 % känner igen varumärket vid marknadsundersökning i slutet av kvartalet",
    ]
    assert [(kr.baseline, kr.target) for kr in visibility.key_results] == [(0, 100000), (0, 200), (4, 20)]


def test_sample_shape(sample):
    names = [t.name for t in sample.teams]
    assert len(names) == 5
    top = sample.teams[0]
    assert top.parent_id is None and 2 <= len(top.objectives) <= 3
    for team in sample.teams[1:]:
        assert team.parent is top, team.name
        assert 2 <= len(team.objectives) <= 3, team.name
    for obj in sample.objectives:
        assert 2 <= len(obj.key_results) <= 5, obj.id
        assert obj.owner and obj.type is not None, obj.id
    assert {kr.kind for kr in sample.key_results} == set(Kind)
    assert sample.has_parent_okrs


def test_sample_ids_are_stable_and_unique(sample):
    prefix = "ex" if sample.lang == "sv" else "acme"
    ids = [sample.id] + [t.id for t in sample.teams] + [o.id for o in sample.objectives]
    ids += [kr.id for kr in sample.key_results] + [c.id for kr in sample.key_results for c in kr.check_ins]
    assert len(ids) == len(set(ids))
    assert all(i.startswith(f"{prefix}-") for i in ids)
    again = okr.samples.load("exempel-ab" if prefix == "ex" else "acme")
    assert again.to_dict() == sample.to_dict()


def test_every_key_result_is_due_at_the_period_end(sample):
    assert {kr.due for kr in sample.key_results} == {sample.period.end}


def test_check_ins_lie_within_the_period(sample):
    days = [c.on for kr in sample.key_results for c in kr.check_ins]
    assert len(days) > 100
    assert all(sample.period.contains(d) for d in days)
    assert all(1 <= c.confidence <= 10 for kr in sample.key_results for c in kr.check_ins)


def test_sample_json_round_trip(sample):
    data = sample.to_dict()
    assert Workshop.from_dict(data).to_dict() == data
    assert Workshop.from_json(sample.to_json()).to_dict() == data


def test_alignment_points_at_the_top_team(sample):
    top = sample.teams[0]
    aligned = [o for t in sample.teams[1:] for o in t.objectives if o.parent_id]
    orphans = [o for t in sample.teams[1:] for o in t.objectives if not o.parent_id]
    assert all(o.parent is not None and o.parent.team is top for o in aligned)
    assert len(orphans) == 1  # the deliberate imperfection


def test_sample_has_the_deliberate_imperfections(sample):
    krs = sample.key_results
    assert sum(kr.baseline is None for kr in krs) == 1
    assert sum(kr.confidence == 10 for kr in krs) == 1
    out_of_order = [kr for kr in krs if [c.on for c in kr.check_ins] != sorted(c.on for c in kr.check_ins)]
    assert len(out_of_order) == 1
    last = {t.name: max((c.on for kr in t.key_results for c in kr.check_ins), default=None) for t in sample.teams}
    silent = [name for name, day in last.items() if (sample.period.end - day).days >= 21]
    assert len(silent) == 1


def test_some_key_results_run_ahead_and_some_behind(sample):
    def progress(kr):
        return (kr.latest.value - kr.baseline) / (kr.target - kr.baseline)

    measured = [
        kr for kr in sample.key_results if kr.kind in (Kind.INCREASE, Kind.DECREASE) and kr.baseline is not None
    ]
    values = [progress(kr) for kr in measured if kr.latest]
    assert any(v >= 1 for v in values) and any(v < 0.6 for v in values)


# --------------------------------------------------------------------------- generate


def test_generate_counts():
    ws = okr.samples.generate(teams=3, seed=7)
    assert len(ws.teams) == 4
    assert [len(t.objectives) for t in ws.teams] == [3, 4, 4, 4]
    assert len(ws.key_results) == 3 * 3 + 3 * 4 * 5
    assert sum(len(kr.check_ins) for kr in ws.key_results) == 5 * len(ws.key_results)
    assert all(t.parent is ws.teams[0] for t in ws.teams[1:])
    top_ids = {o.id for o in ws.teams[0].objectives}
    assert all(o.parent_id in top_ids for t in ws.teams[1:] for o in t.objectives if o.parent_id)


def test_generate_is_deterministic_per_seed():
    a = okr.samples.generate(teams=5, seed=1).to_dict()
    assert okr.samples.generate(teams=5, seed=1).to_dict() == a
    assert okr.samples.generate(teams=5, seed=2).to_dict() != a


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_generate_round_trips_and_validates(lang):
    ws = okr.samples.generate(teams=20, seed=3, lang=lang, check_ins_per_kr=3)
    data = ws.to_dict()
    assert Workshop.from_dict(data).to_dict() == data  # from_dict validates every field
    assert ws.lang == lang
    assert all(ws.period.contains(c.on) for kr in ws.key_results for c in kr.check_ins)
    assert {kr.kind for kr in ws.key_results} == set(Kind)
    assert len({t.name for t in ws.teams}) == len(ws.teams)
    # some flawed OKRs among the good ones
    assert any(kr.baseline is None for kr in ws.key_results)
    assert any(any(ch.isdigit() for ch in o.title) for o in ws.objectives)


def test_generate_rejects_bad_arguments():
    with pytest.raises(okr.OkrWorkshopError, match="teams"):
        okr.samples.generate(teams=-1)
    with pytest.raises(okr.OkrWorkshopError, match="lang"):
        okr.samples.generate(teams=1, lang="de")
