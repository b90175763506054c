"""Rules on the model (key-result sets, teams, alignment), strength, lint, JSON lines, docs, dataset."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import okr_workshop as okr
from okr_workshop.cli import load_target
from okr_workshop.errors import OkrWorkshopError, ValidationError
from okr_workshop.model.entities import Kind
from okr_workshop.quality import catalogue, check, check_text, run_jsonl, strength
from tools.rule_accuracy import evaluate, figures, load_examples, markdown, published
from tools.rules_docs import DEFAULT_PATH, render_markdown

DATA = Path(__file__).parent / "data"
RULE_IDS = {r.id for r in catalogue()}
GOOD_KRS = {
    "sv": ["200 leads från mässor i Tyskland", "100k organiska visningar på XING", "20 % känner igen varumärket"],
    "en": ["200 leads from trade fairs in Germany", "100k organic views on XING", "20% recognise the brand"],
}
EXTRA_KRS = {
    "sv": ["Svarstiden i supporten kortas till 6 timmar", "NPS ligger på minst 45", "Churn under 2 % per månad"],
    "en": ["Support response time down to 6 hours", "NPS of at least 45", "Churn below 2% a month"],
}
TITLES = {
    "sv": ("Internationell expansion genom etablering i Tyskland", "Kraftigt ökad synlighet på tyska marknaden",
           "Nöjda kunder blir våra ambassadörer"),
    "en": ("Become a real player in Germany", "Be visible on the German market", "Happy customers become our ambassadors"),
}  # fmt: skip


def build(lang="sv", n_objectives=2, n_krs=3, **kr_fields):
    """A clean workshop: leadership with two objectives, a team with ``n_objectives`` aligned ones."""
    ws = okr.Workshop.new("Exempel AB", period="2027-Q1", lang=lang)
    top = ws.add_team("Ledning")
    parents = []
    for title in TITLES[lang][:1] + TITLES[lang][2:]:
        obj = top.add_objective(title, type="aspirational", owner="Anna")
        for text in GOOD_KRS[lang]:
            obj.add_key_result(text, kind="increase", baseline=0, target=100, owner="Anna")
        parents.append(obj)
    team = ws.add_team("Marknad", parent=top)
    for i in range(n_objectives):
        obj = team.add_objective(
            f"{TITLES[lang][1]} {'ABCDEF'[i]}", type="committed", owner="Bo", parent_id=parents[0].id
        )
        for text in (GOOD_KRS[lang] + EXTRA_KRS[lang])[:n_krs]:
            fields = {"kind": "increase", "baseline": 0, "target": 100, "owner": "Bo", **kr_fields}
            obj.add_key_result(text, **fields)
    return ws


def rule_ids(target, **options):
    return [f.rule for f in check(target, **options)]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_clean_workshop_has_no_warnings(lang):
    ws = build(lang)
    assert [f for f in check(ws) if f.severity != "info"] == []
    team = ws.team("Marknad")
    assert strength(team) == 100 and all(strength(o) == 100 for o in team.objectives)


@pytest.mark.parametrize(
    "n_krs,expected",
    [(0, ["krs-none"]), (1, ["krs-count"]), (2, ["krs-count"]), (3, []), (5, []), (6, ["krs-count"])],
)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_key_result_count(lang, n_krs, expected):
    obj = build(lang, n_krs=n_krs).team("Marknad").objectives[0]
    assert [r for r in rule_ids(obj) if r.startswith("krs-")] == expected
    severity = {f.rule: f.severity for f in check(obj)}
    assert severity.get("krs-none", "error") == "error"


@pytest.mark.parametrize(
    "n,options,expected",
    [
        (1, {}, True),
        (2, {}, False),
        (4, {}, False),
        (5, {}, True),
        (5, {"max_objectives": 5}, False),
        (2, {"min_objectives": 3}, True),
    ],
)
def test_objectives_per_team_is_configurable(n, options, expected):
    team = build("sv", n_objectives=n).team("Marknad")
    assert ("team-objective-count" in rule_ids(team, **options)) is expected


@pytest.mark.parametrize(
    "n,lang,expected",
    [
        (1, "en", "The team has 1 objective;"),
        (5, "en", "The team has 5 objectives;"),
        (1, "sv", "Teamet har 1 mål;"),
        (5, "sv", "Teamet har 5 mål;"),
    ],
)
def test_team_objective_count_message_counts_right(n, lang, expected):
    team = build(lang, n_objectives=n).team("Marknad")
    (f,) = [f for f in check(team) if f.rule == "team-objective-count"]
    assert f.message.startswith(expected), f.message


@pytest.mark.parametrize(
    "n,lang,expected",
    [
        (1, "en", "The objective has 1 key result;"),
        (2, "en", "The objective has 2 key results;"),
        (6, "en", "The objective has 6 key results;"),
        (1, "sv", "Målet har 1 nyckelresultat;"),
        (2, "sv", "Målet har 2 nyckelresultat;"),
    ],
)
def test_key_result_count_message_counts_right(n, lang, expected):
    obj = build(lang, n_krs=n).team("Marknad").objectives[0]
    (f,) = [f for f in check(obj) if f.rule == "krs-count"]
    assert f.message.startswith(expected), f.message


@pytest.mark.parametrize(
    "fields,lang,shown",
    [
        ({"baseline": 10, "target": 5, "kind": "increase"}, "sv", "öka från 10 till 5"),
        ({"baseline": 5, "target": 10, "kind": "decrease"}, "sv", "minska från 5 till 10"),
        ({"baseline": 10, "target": 5, "kind": "increase"}, "en", "increase from 10 to 5"),
        ({"baseline": 5, "target": 10, "kind": "decrease"}, "en", "decrease from 5 to 10"),
    ],
)
def test_direction_message_shows_the_kind_label(fields, lang, shown):
    obj = build(lang, **fields).team("Marknad").objectives[0]
    f = next(f for f in check(obj) if f.rule == "kr-direction")
    assert shown in f.message, f.message
    assert lang == "en" or "increase" not in f.message + f.suggestion and "decrease" not in f.message


@pytest.mark.parametrize(
    "kind,expected",
    [("increase", True), ("decrease", True), ("milestone", True), ("at_least", False), ("at_most", False)],
)
@pytest.mark.parametrize(
    "lang,text",
    [("sv", "Kundnöjdheten ligger kvar på 4,5 av 5 som idag"), ("en", "Customer rating stays at 4.5 of 5, as today")],
)
def test_kr_bau_not_when_the_kind_holds_a_value_on_purpose(lang, text, kind, expected):
    obj = build(lang).team("Marknad").objectives[0]
    kr = obj.add_key_result(text, kind=kind, baseline=4.5, target=4.6 if kind != "milestone" else 1, owner="Bo")
    assert ("kr-bau" in rule_ids(kr)) is expected


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("sv", "Appen är lanserad i App Store senast 15 mars", []),
        ("en", "The app is launched in the App Store by 15 March", []),
        # a task with a date to finish it by is a milestone too: one binary hint, no activity warning
        ("sv", "Lansera appen i App Store senast 15 mars", []),
        ("en", "Launch the app in the App Store by 15 March", []),
        # without the date it names the work: an activity
        ("sv", "Lansera appen i App Store", ["kr-activity"]),
        ("en", "Launch the app in the App Store", ["kr-activity"]),
    ],
)
def test_milestone_in_state_wording_is_binary_not_an_activity(lang, text, expected):
    obj = build(lang).team("Marknad").objectives[0]
    kr = obj.add_key_result(text, kind="milestone", owner="Bo")
    found = [r for r in rule_ids(kr) if r in ("kr-activity", "kr-binary")]
    assert found == expected + ["kr-binary"]  # once: the text's milestone hint does not repeat the fields


def test_workshop_settings_configure_objective_count():
    ws = build("sv", n_objectives=5)
    assert "team-objective-count" in rule_ids(ws)
    ws.settings["max_objectives"] = 5
    assert "team-objective-count" not in rule_ids(ws)


@pytest.mark.parametrize(
    "fields,rule,expected",
    [
        ({"baseline": None}, "kr-no-baseline", True),
        ({"baseline": None, "kind": "at_least"}, "kr-no-baseline", False),
        ({"baseline": 50, "target": 50}, "kr-target-equals-baseline", True),
        ({"baseline": 50, "target": 20}, "kr-direction", True),
        ({"baseline": 50, "target": 20, "kind": "decrease"}, "kr-direction", False),
        ({"baseline": 20, "target": 50, "kind": "decrease"}, "kr-direction", True),
        ({"kind": "milestone", "baseline": 0, "target": 1}, "kr-binary", True),
        ({"owner": ""}, "kr-no-owner", False),  # the objective has an owner
        ({"confidence": 10}, "kr-confidence-10", True),
        ({"confidence": 5}, "kr-confidence-10", False),
        ({"due": dt.date(2027, 6, 30)}, "kr-due-outside-period", True),
        ({"due": dt.date(2027, 2, 1)}, "kr-due-outside-period", False),
        ({"indicator": "lagging"}, "krs-one-sided-indicators", True),
    ],
)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_key_result_field_rules(lang, fields, rule, expected):
    obj = build(lang, **fields).team("Marknad").objectives[0]
    assert (rule in rule_ids(obj)) is expected


def test_no_owner_when_neither_key_result_nor_objective_has_one():
    obj = build("sv", owner="").team("Marknad").objectives[0]
    obj.owner = ""
    assert rule_ids(obj).count("kr-no-owner") == 3


def test_all_binary_is_a_warning_one_binary_is_info():
    obj = build("en").team("Marknad").objectives[0]
    obj.key_results[0].kind = okr.Kind.MILESTONE
    found = {f.rule: f.severity for f in check(obj)}
    assert found["kr-binary"] == "info" and "krs-all-binary" not in found
    assert "krs-all-binary" in rule_ids(build("sv", n_krs=1, kind="milestone").team("Marknad").objectives[0])
    for kr in obj.key_results:
        kr.kind = okr.Kind.MILESTONE
    assert {f.rule: f.severity for f in check(obj)}["krs-all-binary"] == "warning"


def test_confidence_ten_is_fine_after_check_ins():
    obj = build("sv", confidence=10).team("Marknad").objectives[0]
    for kr in obj.key_results:
        kr.add_check_in(value=50, confidence=10, on=dt.date(2027, 2, 1))
    assert "kr-confidence-10" not in rule_ids(obj)


def test_duplicate_key_results_point_at_the_repeat():
    obj = build("sv").team("Marknad").objectives[0]
    copy = obj.add_key_result("200 Leads från mässor i  Tyskland", kind="increase", baseline=0, target=1, owner="Bo")
    (dup,) = [f for f in check(obj) if f.rule == "krs-duplicate"]
    assert dup.target_id == copy.id and dup.where == "Marknad › O1 › KR4"
    copy.text = "300 leads från mässor i Tyskland"  # the same metric with another target
    assert "krs-duplicate" in rule_ids(obj)
    copy.text = "300 leads från webbinarier"
    assert "krs-duplicate" not in rule_ids(obj)


def test_alignment_rules():
    ws = build("sv")
    team = ws.team("Marknad")
    obj = team.objectives[0]
    obj.parent_id = None
    assert "objective-not-aligned" in rule_ids(obj)
    parent = ws.team("Ledning").objectives[0]
    obj.parent_id = parent.id
    obj.title = parent.title
    assert "objective-copies-parent" in rule_ids(obj)
    obj.title = parent.title + "!"
    assert "objective-copies-parent" in rule_ids(obj)
    obj.title = "Kraftigt ökad synlighet på tyska marknaden"
    assert not {"objective-not-aligned", "objective-copies-parent"} & set(rule_ids(obj))
    # the top team has nothing to align to
    assert "objective-not-aligned" not in rule_ids(ws.team("Ledning"))


def test_type_missing_is_info():
    obj = build("en").team("Marknad").objectives[0]
    obj.type = None
    assert {f.rule: f.severity for f in check(obj)}["objective-type-missing"] == "info"


def test_findings_speak_the_workshop_language_and_say_where():
    ws = build("sv")
    kr = ws.team("Marknad").objectives[1].key_results[2]
    kr.text = "Lansera ny webbplats"
    (f,) = [f for f in check(ws) if f.rule == "kr-activity"]
    assert f.where == "Marknad › O2 › KR3" and f.target_id == kr.id and "aktivitet" in f.message
    (f,) = [f for f in check(ws, lang="en") if f.rule == "kr-activity"]
    assert "activity" in f.message and f.source
    assert [x.rule for x in check(kr)] == ["kr-activity"]


def test_ignore_option():
    obj = build("sv", baseline=None).team("Marknad").objectives[0]
    assert "kr-no-baseline" not in rule_ids(obj, ignore=["kr-no-baseline"])


def test_strength_orders_objectives_and_teams():
    ws = build("sv")
    a, b = ws.team("Marknad").objectives
    b.title = "Öka försäljningen med 30 %"
    b.key_results[0].text = "Genomföra 10 kundmöten"
    assert strength(a) == 100 > strength(b) > 0
    assert strength(ws.team("Marknad")) == round((strength(a) + strength(b)) / 2)
    empty = ws.add_team("Tom")
    assert strength(empty) == 0
    with pytest.raises(OkrWorkshopError):
        strength(ws)


def test_strength_is_zero_to_hundred_when_everything_is_wrong():
    ws = build("sv", owner="", baseline=None, target=None, confidence=10)
    obj = ws.team("Marknad").objectives[0]
    obj.owner, obj.type, obj.title = "", None, "Fortsätta öka försäljningen med 30 %"
    for kr in obj.key_results:
        kr.text = "Kraftigt fler möten"
    assert 0 <= strength(obj) < 30


def test_check_rejects_other_targets():
    with pytest.raises(OkrWorkshopError):
        check("a string")


def test_sample_workshop_is_checked_without_crashing():
    ws = okr.samples.load("exempel-ab")
    found = check(ws)
    assert all(f.where for f in found)
    assert not [f for f in found if f.rule == "kr-not-measurable"]


# ----------------------------------------------------------------- lint and JSON lines


def test_lint_workshop_file(tmp_path):
    ws = build("sv")
    assert lint_path_clean(ws, tmp_path) == []
    kr = ws.team("Marknad").objectives[0].key_results[0]
    kr.text, kr.target = "Bättre synlighet", None
    path = tmp_path / "w.okr"
    okr.save(ws, path)
    errors = [f for f in check(load_target(path)) if f.severity == "error"]
    assert [(f.rule, f.where, f.target_id) for f in errors] == [("kr-not-measurable", "Marknad › O1 › KR1", kr.id)]


def lint_path_clean(ws, tmp_path):
    path = tmp_path / "clean.okr"
    okr.save(ws, path)
    return [f for f in check(load_target(path)) if f.severity != "info"]


@pytest.mark.parametrize("content", [b"", b"not a workshop", b"\x00\xff" * 100])
def test_lint_unreadable_input_raises(tmp_path, content):
    path = tmp_path / "broken.okr"
    path.write_bytes(content)
    with pytest.raises(OkrWorkshopError):
        check(load_target(path))
    with pytest.raises(OkrWorkshopError):
        check(load_target(tmp_path / "missing.okr"))


def test_run_jsonl_keeps_order_and_line_count():
    lines = [
        {"kind": "objective", "lang": "sv", "text": "Öka intäkterna med 30 %"},
        {"kind": "key_result", "lang": "en", "text": "Launch the website"},
        {"kind": "key_result", "lang": "sv", "text": "200 leads från mässor"},
    ]
    src = io.StringIO("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n")
    out = io.StringIO()
    assert run_jsonl(src, out) == 4
    result = [json.loads(x) for x in out.getvalue().splitlines()]
    assert len(result) == 4
    assert "objective-metric" in [f["rule"] for f in result[0]]
    assert [f["rule"] for f in result[1]] == ["kr-not-measurable", "kr-activity"]
    assert result[2] == [] and result[3] == []


@pytest.mark.parametrize("line", ["{not json", "[1, 2]", '{"kind": "headline", "text": "x"}'])
def test_run_jsonl_bad_line_names_the_line(line):
    with pytest.raises(OkrWorkshopError, match="line 2"):
        run_jsonl(io.StringIO('{"text": "ok"}\n' + line + "\n"), io.StringIO())


def test_run_jsonl_names_every_bad_line_and_writes_nothing():
    good = json.dumps({"kind": "objective", "lang": "en", "text": "Increase revenue by 30%"})
    src = io.StringIO("\n".join([good, "{not json", good, "[1]", "", '{"kind": "headline", "text": "x"}']) + "\n")
    out = io.StringIO()
    with pytest.raises(OkrWorkshopError) as err:
        run_jsonl(src, out)
    assert out.getvalue() == ""
    message = str(err.value)
    assert message.startswith("lines 2, 4, 6:") and "3 lines" in message
    assert all(f"line {n}:" in message for n in (2, 4, 6)) and "line 1:" not in message


# ----------------------------------------------------------------- catalogue, docs, dataset


def test_catalogue_is_complete():
    rules = catalogue()
    assert len({r.id for r in rules}) == len(rules) >= 25
    for r in rules:
        assert r.message["sv"] and r.message["en"] and r.suggestion["sv"] and r.suggestion["en"]
        assert r.example_strong


def test_rule_texts_live_in_the_gettext_catalogue_not_in_rules_json():
    import json

    from okr_workshop.i18n.catalog import translations

    raw = json.loads((DEFAULT_PATH.parents[1] / "okr_workshop/quality/rules.json").read_text(encoding="utf-8"))
    assert not [r["id"] for r in raw["rules"] if "message" in r or "suggestion" in r]
    for r in catalogue():
        for lang in ("sv", "en"):
            key = f"quality.{r.id}.suggestion"
            assert translations(lang).gettext(key) == r.suggestion[lang] != key
    # no home-made plural syntax is left: plurals go through ngettext
    assert not [r.id for r in catalogue() for lang in ("sv", "en") if "|" in r.message[lang]]


def test_rule_names_come_from_the_catalogue():
    from okr_workshop.i18n.catalog import translations
    from okr_workshop.quality.names import RULE_NAMES, rule_name

    assert set(RULE_NAMES) == {r.id for r in catalogue()}
    for r in catalogue():
        for lang in ("sv", "en"):
            assert rule_name(r.id, lang) == translations(lang).gettext(f"quality.{r.id}.name") != r.id
    assert rule_name("krs-count", "sv") == "Fel antal nyckelresultat"
    assert rule_name("no-such-rule", "sv") == "no-such-rule"  # an unknown id shows itself


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_plural_message_takes_its_form_from_ngettext(lang):
    from okr_workshop.i18n.catalog import translations
    from okr_workshop.quality.catalogue import rule

    r = rule("krs-count")
    assert r.plural == "count"
    one = translations(lang).ngettext("quality.krs-count.message.one", "quality.krs-count.message", 1)
    assert r.finding(lang, "O1", count=1).message == one.format(count=1)
    assert r.finding(lang, "O1", count="x").message == r.message[lang].format(count="x")  # not a number: plural


def test_docs_do_not_drift():
    assert DEFAULT_PATH.read_text(encoding="utf-8") == render_markdown(), (
        "docs/quality-rules.md is stale: run python -m tools.rules_docs"
    )


def _data_module(name):
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, DATA / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _split(name):
    return load_examples(DATA / f"{name}.jsonl")


def test_labelled_dataset_is_sourced_and_split_by_page():
    tune, test, written = _split("okr_examples"), _split("okr_examples_test"), _split("okr_examples_written")
    test2, test3 = _split("okr_examples_test2"), _split("okr_examples_test3")
    test4, test5 = _split("okr_examples_test4"), _split("okr_examples_test5")
    published_items = tune + test + test2 + test3 + test4 + test5
    assert len({i["id"] for i in published_items}) == len(published_items)
    for i in published_items:
        assert i["source_url"].startswith(("http://", "https://")), i["id"]  # every item checked on its page
        assert i["source_says"].strip() and i["adaptation"] in ("as published", "lightly adapted")
        assert i["verdict_basis"] in ("explicit", "implicit")
        if i["lang"] == "sv":  # Swedish items come from Swedish-language pages
            url = i["source_url"]
            assert urlsplit(url).netloc.endswith((".se", ".nu")) or "sv" in url, i["id"]
    # split by source page: no page gives items to two splits
    pages = [{i["source_url"] for i in split} for split in (tune, test, test2, test3, test4, test5)]
    for a in range(len(pages)):
        for b in range(a + 1, len(pages)):
            assert not pages[a] & pages[b], (a, b)
    # rounds 6 to 9 split by site: no site of the second to fifth test split gives items to another split
    site_of = _data_module("okr_examples_build").site_of
    for k in (2, 3, 4, 5):
        others = set().union(*(pages[j] for j in range(len(pages)) if j != k))
        assert not {site_of(u) for u in pages[k]} & {site_of(u) for u in others}, k
    assert all(not published(i) for i in written) and all(published(i) for i in published_items)
    for lang in ("sv", "en"):
        assert {i["verdict"] for i in tune if i["lang"] == lang} == {"good", "bad"}


def test_labelled_dataset_matches_its_build_script():
    rebuilt = _data_module("okr_examples_build").build_all()
    splits = (
        ("tune", "okr_examples"),
        ("test", "okr_examples_test"),
        ("test2", "okr_examples_test2"),
        ("test3", "okr_examples_test3"),
        ("test4", "okr_examples_test4"),
        ("test5", "okr_examples_test5"),
    )
    for name, file in (*splits, ("written", "okr_examples_written"), ("parity", "okr_examples_parity_sv")):
        assert rebuilt[name] == _split(file), "run python tests/data/okr_examples_build.py"


def test_swedish_parity_probe_translates_tuning_items_and_keeps_their_verdicts():
    from tools.rule_accuracy import TRANSLATION, parity, parity_markdown

    tune = {i["id"]: i for i in _split("okr_examples")}
    probe = _split("okr_examples_parity_sv")
    assert all(i["lang"] == "sv" and not published(i) for i in probe)
    translated = [i for i in probe if i["source_says"].startswith(TRANSLATION)]
    assert len(translated) >= 150 and len(probe) - len(translated) >= 80
    for i in translated:
        original = tune[i["source_says"][len(TRANSLATION) :]]  # only tuning items are translated
        assert original["lang"] == "en" and (original["kind"], original["verdict"]) == (i["kind"], i["verdict"])
    result = parity(probe, list(tune.values()))
    assert result["all"]["pairs"] == len(translated) == result["objective"]["pairs"] + result["key_result"]["pairs"]
    r = result["all"]
    assert r["same"] + r["only_translation"] + r["only_original"] == r["pairs"]
    assert f"| all | {len(translated)} |" in parity_markdown(result)
    bad = {**probe[0], "source_says": TRANSLATION + "en-k-00000000"}
    with pytest.raises(ValidationError):
        parity([bad], list(tune.values()))


def test_fresh_blind_batches_are_written_here_and_new():
    fresh = _split("okr_examples_fresh")
    item_id = _data_module("okr_examples_build").item_id
    assert all(not published(i) and i["source_says"].startswith("fresh blind batch: ") for i in fresh)
    assert all(i["id"] == item_id(i["lang"], i["kind"], i["text"]) for i in fresh)
    assert sum(i["lang"] == "sv" for i in fresh) >= 160 and sum(i["lang"] == "en" for i in fresh) >= 75
    others = ("okr_examples", "okr_examples_written", "okr_examples_parity_sv", "okr_examples_probe_en")
    seen = {i["text"].lower() for name in others for i in _split(name)}
    assert not {i["text"].lower() for i in fresh} & seen  # measured once as unseen: no item of another split


# The fresh blind batches measured once with main's rules before any change from them (FRESH_FIRST_LOOK in
# okr_examples_report.py): (bad flagged, good passed) per language. A later rule may not fall below them.
FRESH_FIRST_LOOK = {("sv", "all"): (82, 79), ("en", "all"): (39, 34)}


def test_fresh_blind_batches_do_not_fall_below_their_first_look():
    got = figures(_split("okr_examples_fresh"))
    for key, (caught, passed) in FRESH_FIRST_LOOK.items():
        assert got[key]["caught"] >= caught and got[key]["passed"] >= passed, key


def test_accuracy_figures_add_up():
    items = _split("okr_examples")
    result = evaluate(items)
    for lang in ("sv", "en"):
        r = result[lang]
        assert r["bad"] + r["good"] == r["items"]
        assert r["balanced_accuracy"] == pytest.approx((r["recall_bad"] + r["pass_good"]) / 2)
    assert "| sv |" in markdown(result)
    only_good = evaluate([i for i in items if i["verdict"] == "good"])
    assert only_good["sv"]["recall_bad"] is None and only_good["sv"]["balanced_accuracy"] is None
    assert "n/a" in markdown(only_good)
    by_kind = figures(items)
    assert (
        by_kind[("sv", "all")]["items"]
        == by_kind[("sv", "objective")]["items"] + by_kind[("sv", "key_result")]["items"]
    )


# The frozen test split, measured once at the end of the precision round (E2): (language, kind) -> (bad items,
# bad flagged, good items, good passed). A rule change that moves any of these must update them on purpose.
# Round 3 had (23, 20, 51, 39), (6, 4, 15, 13), (17, 16, 36, 26); E2 had (23, 17, 51, 42), (6, 2, 15, 15),
# (17, 15, 36, 27). Round 4 (measured once, at its end): one more good key result passes. Round 5 (measured
# twice, the same counts): unchanged. Round enfalse (metric names that hold an activity stem, shape.py; measured
# once after that change): one more good key result passes, no catch lost. Round fresh8 (issue 15's blind batches;
# a key result whose only numbers name a period is not measurable, a change made from Swedish probes; measured
# once after it): one more bad key result flagged, no good item lost.
FROZEN = {
    ("en", "all"): (23, 18, 51, 44),
    ("en", "objective"): (6, 2, 15, 15),
    ("en", "key_result"): (17, 16, 36, 29),
}


def test_frozen_test_split_figures():
    got = {k: (r["bad"], r["caught"], r["good"], r["passed"]) for k, r in figures(_split("okr_examples_test")).items()}
    assert got == FROZEN


# The second frozen test split (round 6: pages of sites never used before), measured once with the rules of main
# at 0cfb823 before any rule was changed from round 6's pages (the "round 6 first look"). Same tuple as FROZEN.
# Round "enfalse" (English shapes, quality/shape.py; measured once, after merging round 6 into it): one more bad
# objective flagged and one good objective flagged (a false alarm of the objective-task or objective-number
# change), one more good key result passes.
FROZEN2 = {
    ("en", "all"): (23, 19, 37, 35),
    ("en", "objective"): (12, 9, 16, 15),
    ("en", "key_result"): (11, 10, 21, 20),
}


def test_second_frozen_test_split_figures():
    got = {k: (r["bad"], r["caught"], r["good"], r["passed"]) for k, r in figures(_split("okr_examples_test2")).items()}
    assert got == FROZEN2


# The third frozen test split (round 7: pages of sites never used before, about half of round 7's sites by the
# builder's fixed hash), measured once with the rules of main at a4ade5f before any rule was changed from round 7's
# pages (the "round 7 first look"). Same tuple as FROZEN.
FROZEN3 = {
    ("en", "all"): (16, 13, 60, 55),
    ("en", "objective"): (5, 3, 29, 25),
    ("en", "key_result"): (11, 10, 31, 30),
}


def test_third_frozen_test_split_figures():
    got = {k: (r["bad"], r["caught"], r["good"], r["passed"]) for k, r in figures(_split("okr_examples_test3")).items()}
    assert got == FROZEN3


# The fourth frozen test split (round 8: model OKRs of example pages, about half of round 8's sites by the builder's
# fixed hash, all sites never used before), measured once with the rules of main at 7e7985d before any rule was changed
# from round 8's pages (the "round 8 first look"). Same tuple as FROZEN. Round 8 after its one change ("one" after a
# bound or before "per" is a count; measured once, at the end of round 8): the same counts.
FROZEN4 = {
    ("en", "all"): (13, 13, 118, 94),
    ("en", "objective"): (4, 4, 38, 27),
    ("en", "key_result"): (9, 9, 80, 67),
}


def test_fourth_frozen_test_split_figures():
    got = {k: (r["bad"], r["caught"], r["good"], r["passed"]) for k, r in figures(_split("okr_examples_test4")).items()}
    assert got == FROZEN4


# The fifth frozen test split (round 9: pages that state a verdict, most of all on objectives; about half of round 9's
# sites by the builder's fixed hash, all sites never used before), measured once with the rules of main at 49d59cc
# before any rule was changed from round 9's pages (the "round 9 first look"). Same tuple as FROZEN.
FROZEN5 = {
    ("en", "all"): (38, 19, 31, 30),
    ("en", "objective"): (26, 9, 12, 11),
    ("en", "key_result"): (12, 10, 19, 19),
}


def test_fifth_frozen_test_split_figures():
    got = {k: (r["bad"], r["caught"], r["good"], r["passed"]) for k, r in figures(_split("okr_examples_test5")).items()}
    assert got == FROZEN5


def test_accuracy_page_is_current():
    report = _data_module("okr_examples_report")
    text = report.section()
    assert text.startswith("# Quality checker accuracy") and "| en | all |" in text
    assert text == report.DOC.read_text(encoding="utf-8"), "run python tests/data/okr_examples_report.py"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["objective", "key_result"]), st.sampled_from(["sv", "en", "auto"]))
def test_check_text_never_crashes(text, kind, lang):
    for f in check_text(text, kind=kind, lang=lang):
        assert f.rule in RULE_IDS and f.severity in ("error", "warning", "info")


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        # any text the model accepts: no lone surrogates, no control characters but tab and newline
        st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from("\t\n"), max_size=60),
        min_size=0,
        max_size=7,
    )
)
def test_check_model_never_crashes(texts):
    ws = build("sv", n_krs=0)
    obj = ws.team("Marknad").objectives[0]
    for t in texts:
        obj.add_key_result(t, kind="increase", target=1)
    found = check(ws)
    assert 0 <= strength(obj, found) <= 100 and 0 <= strength(ws.team("Marknad"), found) <= 100


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize(
    "day,expected",
    [(dt.date(2027, 2, 1), False), (dt.date(2027, 3, 31), False), (dt.date(2026, 2, 1), True),
     (dt.date(2027, 4, 1), True)],
)  # fmt: skip
def test_check_in_outside_the_period(lang, day, expected):
    obj = build(lang).team("Marknad").objectives[0]
    obj.key_results[0].add_check_in(value=10, confidence=5, on=day)
    found = [f for f in check(obj) if f.rule == "kr-check-in-outside-period"]
    assert bool(found) is expected
    if expected:
        assert day.isoformat() in found[0].message and "2027-Q1" in found[0].message
        assert found[0].severity == "warning"


@pytest.mark.parametrize(
    "text,fields,expected",
    [
        ("Öka andelen vunna offerter från 20 % till 35 %", {"baseline": None, "target": None}, True),
        ("Raise the share of won quotes from 20% to 35%", {"baseline": None, "target": None}, True),
        ("Öka andelen vunna offerter från 20 % till 35 %", {"baseline": 20, "target": 35}, False),
        ("Raise the share of won quotes from 20% to 35%", {"kind": "milestone", "target": None}, False),
        ("Nöjdare kunder", {"baseline": None, "target": None}, False),  # kr-not-measurable says it
    ],
)
def test_target_only_in_the_text(text, fields, expected):
    ws = okr.Workshop.new("X", period="2027-Q1", lang="sv")
    obj = ws.add_team("Sälj").add_objective("Kunder som väljer oss", type="committed", owner="Bo")
    kr = obj.add_key_result(text, owner="Bo", **{"kind": "increase", **fields})
    rules = rule_ids(kr)
    assert ("kr-target-only-in-text" in rules) is expected
    if text == "Nöjdare kunder":
        assert "kr-not-measurable" in rules


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_text_and_fields_disagree(lang):
    obj = build(lang).team("Marknad").objectives[0]
    text = "Minska felen från 5 till 0" if lang == "sv" else "Reduce defects from 5 to 0"
    kr = obj.add_key_result(text, kind="increase", baseline=0, target=5, owner="Bo")
    (f,) = [f for f in check(kr) if f.rule == "kr-text-fields-disagree"]
    assert "5 → 0" in f.message and "0 → 5" in f.message
    kr.baseline, kr.target, kr.kind = 5, 0, Kind("decrease")
    assert "kr-text-fields-disagree" not in rule_ids(kr)


def test_text_and_fields_agree_in_percent_and_fraction():
    obj = build("en").team("Marknad").objectives[0]
    kr = obj.add_key_result("Conversion from 40 % to 60 %", kind="increase", baseline=0.4, target=0.6, owner="Bo")
    assert "kr-text-fields-disagree" not in rule_ids(kr)


# The strength formula, pinned (issue 15): an error caps below "fair"/"godkänd" (40), each warning costs
# 15 points of its part, an empty draft scores 0, more key results never raise the score by themselves.
def test_strength_constants_are_pinned():
    import importlib

    strength_module = importlib.import_module("okr_workshop.quality.strength")
    assert strength_module.PENALTY == {"error": 40, "warning": 20, "info": 3}
    assert strength_module.OBJECTIVE_SHARE == 0.4 and strength_module.ERROR_CAP == 39


def _finding(severity, target):
    return okr.quality.Finding("r", severity, "m", "s", "w", "objective", "src", target.id)


def test_strength_formula_exact_values():
    ws = build("sv")
    obj = ws.team("Marknad").objectives[0]
    k1, k2, k3 = obj.key_results
    assert strength(obj, []) == 100
    assert strength(obj, [_finding("warning", obj)]) == round(0.4 * 80 + 0.6 * 100) == 92
    assert strength(obj, [_finding("warning", k1)]) == round(0.4 * 100 + 0.6 * 80) == 88
    assert strength(obj, [_finding("warning", k1), _finding("warning", k2)]) == round(40 + 0.6 * 60) == 76
    assert strength(obj, [_finding("info", k3)]) == round(40 + 0.6 * 97) == 98
    assert strength(obj, [_finding("error", k1)]) == 39  # capped below "godkänd"
    six = [_finding("warning", obj)] * 3 + [_finding("warning", k1)] * 3
    assert strength(obj, six) == round(0.4 * 40 + 0.6 * 40) == 40  # six warnings: at most "godkänd"
    team = ws.team("Marknad")
    assert strength(team, [_finding("warning", obj)]) == round((92 + 100) / 2)


def _rule_finding(rule, severity, target):
    return okr.quality.Finding(rule, severity, "m", "s", "w", "key_result", "src", target.id)


def test_a_field_not_filled_in_costs_once_per_objective_not_once_per_key_result():
    """A team drafting in words: three key results without an owner are one thing to do ("fill in the owners"),
    so the meter follows the words; a text problem on each key result still costs on each."""
    ws = build("sv")
    obj = ws.team("Marknad").objectives[0]
    k1, k2, k3 = obj.key_results
    owners = [_rule_finding("kr-no-owner", "warning", k) for k in (k1, k2, k3)]
    targets = [_rule_finding("kr-target-only-in-text", "warning", k) for k in (k1, k2, k3)]
    assert strength(obj, owners) == strength(obj, owners[:1]) == round(40 + 0.6 * 80) == 88
    assert strength(obj, owners + targets) == round(40 + 0.6 * 60) == 76  # two kinds of gap: 20 each, still "stark"
    activities = [_rule_finding("kr-activity", "warning", k) for k in (k1, k2, k3)]
    assert strength(obj, activities) == round(40 + 0.6 * 40) == 64  # three rewrites are three costs
    assert strength(obj, owners + targets + activities) < strength(obj, owners + targets)


def test_strength_error_caps_below_fair_and_empty_draft_is_zero():
    ws = build("sv")
    obj = ws.team("Marknad").objectives[0]
    obj.key_results[0].text = ""  # kr-empty is an error
    assert any(f.severity == "error" for f in check(obj)) and strength(obj) < 40
    empty = ws.team("Marknad").add_objective("")
    empty.add_key_result("")
    assert strength(empty) == 0


def test_strength_more_key_results_do_not_raise_the_score():
    ws = build("sv")
    obj = ws.team("Marknad").objectives[0]
    obj.key_results[0].text = "Genomföra 10 kundmöten"
    before = strength(obj)
    assert before < 100
    obj.add_key_result("NPS ökar från 30 till 40", kind="increase", baseline=30, target=40, owner="Bo")
    assert strength(obj) == before  # a clean fourth key result does not hide the weak one


def test_strength_of_a_metric_objective_with_an_activity_is_not_green():
    ws = build("sv", n_krs=1)
    obj = ws.team("Marknad").objectives[0]
    obj.title = "Öka omsättningen i Norge med 15 %"
    obj.key_results[0].text = "Genomföra 10 kundmöten"
    assert strength(obj) < 70


def test_a_softer_severity_is_declared_in_the_catalogue():
    from okr_workshop.quality.catalogue import rule

    assert rule("objective-number").softer["severity"] == "info"
    assert rule("objective-number").finding("en", "O1", severity="info").severity == "info"
    with pytest.raises(ValueError, match="softer severity"):
        rule("kr-empty").finding("en", "KR1", severity="info")  # no softer case declared: a bug in a check


def test_by_rule_table_counts_flags_per_branch_and_page():
    from tools.rule_accuracy import by_rule, by_rule_markdown, main

    def item(text, verdict, page, kind="key_result"):
        return {"id": text, "text": text, "kind": kind, "lang": "en", "verdict": verdict, "source_url": page}

    items = [
        item("Write 10 articles", "bad", "https://a.example"),
        item("Publish 12 blog posts", "bad", "https://b.example"),
        item("Host 4 customer events", "good", "https://b.example"),
        item("Launch the new website", "bad", "https://a.example"),
        item("Raise NPS from 20 to 40", "good", "https://a.example"),
        item("Improve everything", "bad", "https://c.example", "objective"),
        item("Run 5 workshops", "good", "written here"),  # not published: never counted
    ]
    rows = {(r["rule"], r["branch"]): r for r in by_rule(items)}
    word = rows[("kr-activity", "activity word")]
    assert (word["bad"], word["bad_pages"], word["good"], word["good_pages"]) == (3, 2, 1, 1)
    assert word["precision"] == 0.75 and word["page_out"] == (0.5, 1.0) and word["wrong_pages"] == 0
    assert rows[("objective-generic", "change + generic area")]["bad"] == 1
    assert "| kr-activity | activity word | 1 (1) | 3 (2) | 0.75 | 0.50–1.00 | 0 of 2 | 0 / 0 |" in by_rule_markdown(
        list(rows.values())
    )
    main(["--by-rule"])  # the command prints the tuning split's table without error


def test_the_frozen_splits_are_also_reported_by_how_the_page_gives_its_verdict():
    from tools.rule_accuracy import basis_markdown, by_basis

    items = [
        {"text": "Launch the new website", "kind": "key_result", "lang": "en", "verdict": "bad",
         "verdict_basis": "explicit"},
        {"text": "Raise NPS from 25 to 50", "kind": "key_result", "lang": "en", "verdict": "good",
         "verdict_basis": "explicit"},
        {"text": "Hire 2 salespeople", "kind": "key_result", "lang": "en", "verdict": "good",
         "verdict_basis": "implicit"},
    ]  # fmt: skip
    result = by_basis(items)
    assert (result[("stated", "all")]["caught"], result[("stated", "all")]["passed"]) == (1, 1)
    assert result[("model", "key_result")]["passed"] == 0  # a model activity is a false alarm, counted as such
    assert ("model", "objective") not in result
    assert "| stated | key result | 2 | 1 | 1 | 1.00 | 1.00 | 1.00 |" in basis_markdown(result)
