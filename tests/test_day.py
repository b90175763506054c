"""The workshop day's record: agenda, brainstorm, merge, dot vote, review, dependencies, commitment, next period."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sqlite3
import uuid

import pytest

import okr_workshop as okr
from okr_workshop.day import Day, day_findings, next_workshop
from okr_workshop.errors import NotFoundError, ValidationError
from okr_workshop.model.session import COMPANY_SESSION, TEAM_SESSION, Agenda, AgendaStep, Answer, Spread, Step

T0 = dt.datetime(2027, 1, 10, 9, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def two_teams(tmp_path):
    ws = okr.Workshop.new("Exempel AB", period="2027-Q1", lang="sv")
    ws.add_team("Sälj")
    ws.add_team("Drift")
    path = tmp_path / "dag.okr"
    okr.save(ws, path)
    return path


@pytest.fixture
def room(two_teams):
    with Day.open(two_teams) as d:
        yield d


def people(room, team, n=3):
    return [room.join(f"{team}{i}", team=team) for i in range(n)]


# ------------------------------------------------------------------ agenda


def test_default_agendas_last_two_hours_and_half_a_day():
    assert sum(s.minutes for s in TEAM_SESSION) == 120
    assert 210 <= sum(s.minutes for s in COMPANY_SESSION) <= 240
    for agenda in (TEAM_SESSION, COMPANY_SESSION):
        kinds = [s.kind for s in agenda]
        order = [Step.BRAINSTORM, Step.CLUSTER, Step.VOTE, Step.DRAFT, Step.REVIEW, Step.DEPENDENCIES, Step.CONFIDENCE]
        assert [k for k in kinds if k in order] == order


@pytest.mark.parametrize(
    "step,error",
    [
        (("brainstorm", 10), None),
        (("brainstorm", 0), "minutes"),
        (("brainstorm", 481), "minutes"),
        (("brainstorm", 2.5), "minutes"),
        (("brainstorm", True), "minutes"),
        (("dance", 10), "kind"),
    ],
)
def test_agenda_step_truth_table(step, error):
    if error is None:
        assert AgendaStep(*step).minutes == step[1]
    else:
        with pytest.raises(ValidationError, match=error):
            AgendaStep(*step)


def test_advancing_moves_the_current_step_and_restarts_the_countdown(room):
    room.set_agenda([("context", 5), ("brainstorm", 10, "Tyst")])
    assert room.agenda().current is None and room.agenda().remaining() is None
    room.start(now=T0)
    a = room.agenda()
    assert a.step().kind is Step.CONTEXT and a.remaining(T0 + dt.timedelta(minutes=2)) == dt.timedelta(minutes=3)
    room.advance(now=T0 + dt.timedelta(minutes=7))
    a = room.agenda()
    assert (a.current, a.step().title) == (1, "Tyst")
    assert a.remaining(T0 + dt.timedelta(minutes=19)) == dt.timedelta(minutes=-2)  # over time shows negative
    room.advance()
    assert room.agenda().step() is None and room.agenda().current == 2  # the day is over


def test_agenda_needs_steps_and_known_names(room):
    with pytest.raises(ValidationError, match="team' or 'company"):
        room.set_agenda("weekend")
    with pytest.raises(ValidationError, match="set_agenda"):
        room.start()


# ------------------------------------------------------------------ brainstorm, reveal, merge


def test_candidates_are_private_until_revealed(room):
    a, b, _ = people(room, "Sälj")
    room.add_candidate(a, "Nöjdare kunder")
    room.add_candidate(b, "Fler återkommande kunder")
    assert [c.text for c in room.candidates("Sälj", viewer=a.id)] == ["Nöjdare kunder"]
    assert room.candidates("Sälj") == []  # the facilitator's board sees counts, not texts
    assert list(room.count_candidates().values()) == [2]
    assert room.reveal("Sälj") == 2
    assert len(room.candidates("Sälj", viewer=a.id)) == 2
    assert room.reveal("Sälj") == 0


def test_reveal_of_one_team_leaves_the_other_private(room):
    s, d = people(room, "Sälj", 1)[0], people(room, "Drift", 1)[0]
    room.add_candidate(s, "Nöjdare kunder")
    room.add_candidate(d, "Stabil drift")
    room.reveal("Sälj")
    assert [c.text for c in room.candidates()] == ["Nöjdare kunder"]


def test_merge_keeps_every_text_and_author(room):
    a, b, c = people(room, "Sälj")
    x = room.add_candidate(a, "Nöjdare kunder")
    y = room.add_candidate(b, "Gladare kunder")
    z = room.add_candidate(c, "Kunder som stannar")
    room.reveal()
    room.merge(y.id, z.id)
    room.merge(x.id, y.id)  # what was merged into y follows it
    assert [c.text for c in room.candidates("Sälj")] == ["Nöjdare kunder"]
    merged = room.merged(x.id)
    assert {m.text for m in merged} == {"Nöjdare kunder", "Gladare kunder", "Kunder som stannar"}
    assert {m.author for m in merged} == {a.id, b.id, c.id}
    with pytest.raises(ValidationError, match="merged into"):
        room.merge(y.id, x.id)


def test_candidates_of_two_teams_cannot_be_merged(room):
    s, d = people(room, "Sälj", 1)[0], people(room, "Drift", 1)[0]
    x, y = room.add_candidate(s, "A"), room.add_candidate(d, "B")
    with pytest.raises(ValidationError, match="different teams"):
        room.merge(x.id, y.id)


def test_a_candidate_needs_text_and_a_team(room):
    guest = room.join("Gäst")
    with pytest.raises(ValidationError, match="no team"):
        room.add_candidate(guest, "Något")
    with pytest.raises(ValidationError, match="empty"):
        room.add_candidate(room.join("x", team="Sälj"), "   ")
    with pytest.raises(NotFoundError, match="teams: Sälj, Drift"):
        room.join("y", team="Ekonomi")


# ------------------------------------------------------------------ dot vote


@pytest.mark.parametrize(
    "dots,repeat,votes,expected_error",
    [
        (3, False, ["x", "y", "z"], None),
        (3, False, ["x", "x"], "one dot per candidate"),
        (3, True, ["x", "x", "x"], None),
        (2, True, ["x", "x", "y"], "dots are used"),
        (1, False, ["x", "y"], "your one dot is used"),
    ],
)
def test_dot_vote_truth_table(room, dots, repeat, votes, expected_error):
    a = people(room, "Sälj", 1)[0]
    ids = {k: room.add_candidate(a, k).id for k in "xyz"}
    room.reveal()
    room.open_vote(dots=dots, repeat=repeat)
    *first, last = votes
    for v in first:
        room.dot(a.id, ids[v])
    if expected_error:
        with pytest.raises(ValidationError, match=expected_error):
            room.dot(a.id, ids[last])
    else:
        room.dot(a.id, ids[last])
        assert room.dots_left(a.id) == dots - len(votes)


@pytest.mark.parametrize(
    "dots,sv",
    [(1, "prickröstning: din enda prick är använd; ta tillbaka den först"),
     (2, "prickröstning: alla 2 prickar är använda; ta tillbaka en först")],
)  # fmt: skip
def test_a_refused_dot_is_told_in_the_participants_language(room, dots, sv):
    a = people(room, "Sälj", 1)[0]
    ids = [room.add_candidate(a, k).id for k in "xyz"]
    with pytest.raises(ValidationError) as closed:
        room.dot(a.id, ids[0])
    assert closed.value.render("sv") == "prickröstning: röstningen är inte öppen; vänta på facilitatorn"
    room.reveal()
    room.open_vote(dots=dots)
    for cid in ids[:dots]:
        room.dot(a.id, cid)
    with pytest.raises(ValidationError) as used:
        room.dot(a.id, ids[dots])
    assert used.value.render("sv") == sv


def test_no_dots_before_the_vote_opens_or_after_it_closes(room):
    a = people(room, "Sälj", 1)[0]
    c = room.add_candidate(a, "x")
    room.reveal()
    with pytest.raises(ValidationError, match="not open"):
        room.dot(a.id, c.id)
    room.open_vote(dots=2)
    room.dot(a.id, c.id)
    room.close_vote()
    assert room.dots_left(a.id) == 0
    with pytest.raises(ValidationError, match="not open"):
        room.undot(a.id, c.id) or room.dot(a.id, c.id)


def test_a_dot_on_a_merged_candidate_counts_for_the_one_it_was_merged_into(room):
    a, b, _ = people(room, "Sälj")
    x, y = room.add_candidate(a, "x"), room.add_candidate(b, "y")
    room.reveal()
    room.merge(x.id, y.id)
    room.open_vote(dots=1)
    room.dot(b.id, y.id)
    assert [(c.text, n) for c, n in room.tally("Sälj")] == [("x", 1)]


def test_tally_and_choose_make_draft_objectives_with_history(room, two_teams):
    a, b, c = people(room, "Sälj")
    x, y, z = (room.add_candidate(p, t) for p, t in ((a, "Nöjdare kunder"), (b, "Gladare kunder"), (c, "Snabbt")))
    room.reveal()
    room.merge(x.id, y.id)
    room.open_vote(dots=2)
    for p in (a, b, c):
        room.dot(p.id, x.id)
    room.dot(a.id, z.id)
    assert [(k.text, n) for k, n in room.tally("Sälj")] == [("Nöjdare kunder", 3), ("Snabbt", 1)]
    made = room.choose([x.id])
    assert room.choose([x.id]) == []  # twice is once
    ws = okr.load(two_teams)
    assert [o.title for o in ws.team("Sälj").objectives] == ["Nöjdare kunder"]
    assert room.candidate(x.id).objective_id == made[0].id
    origin = [h for h in room.store.history(made[0].id) if h["action"] == "from_candidates"][0]["data"]
    assert origin["dots"] == 3
    assert {(o["text"], o["author"]) for o in origin["candidates"]} == {
        ("Nöjdare kunder", a.id),
        ("Gladare kunder", b.id),
    }


def _take_dots(path, pid, cid, n, out):
    with Day.open(path) as d:
        ok = 0
        for _ in range(n):
            try:
                d.dot(pid, cid)
                ok += 1
            except ValidationError:
                pass
        out.put(ok)


def test_two_devices_of_one_participant_cannot_overspend_dots(room, two_teams):
    a = people(room, "Sälj", 1)[0]
    c = room.add_candidate(a, "x")
    room.reveal()
    room.open_vote(dots=3, repeat=True)
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_take_dots, args=(str(two_teams), a.id, c.id, 3, out)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert out.get(timeout=5) + out.get(timeout=5) == 3
    assert room.tally("Sälj")[0][1] == 3


# ------------------------------------------------------------------ review, dependencies


def _objectives(room):
    a = people(room, "Sälj", 1)[0]
    b = people(room, "Drift", 1)[0]
    x, y = room.add_candidate(a, "Nöjdare kunder"), room.add_candidate(b, "Stabil drift")
    room.reveal()
    return room.choose([x.id, y.id])


def test_peer_review_rotation_and_resolution(room):
    sales, ops = _objectives(room)
    plan = room.assign_reviews()
    ids = {t.name: t.id for t in room.workshop().teams}
    assert plan == {ids["Sälj"]: ids["Drift"], ids["Drift"]: ids["Sälj"]}
    item = room.review("Drift", sales, "question", "Hur mäter ni nöjdhet?")
    room.review("Drift", sales, "strong", "Tydligt för kunden")
    with pytest.raises(ValidationError, match="its own"):
        room.review("Sälj", sales, "suggestion", "x")
    with pytest.raises(ValidationError, match="strong, question, suggestion"):
        room.review("Drift", sales, "praise", "x")
    assert [f.rule for f in day_findings(room)].count("day-open-review") == 2
    room.resolve(item.id, "NKI varje månad")
    items = room.reviews("Sälj")
    assert [(i.kind.value, i.resolved, i.resolution) for i in items] == [
        ("question", True, "NKI varje månad"), ("strong", False, ""),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "answer,finding",
    [(None, "day-open-dependency"), ("declined", "day-declined-dependency"), ("accepted", None),
     ("negotiating", None)],
)  # fmt: skip
def test_dependency_answers_truth_table(room, answer, finding):
    dep = room.need("Sälj", "Drift", "Ny offertmotor", due="2027-02-15")
    if answer:
        assert room.answer(dep.id, answer, "vi tar det").answer is Answer(answer)
    rules = [f.rule for f in day_findings(room, "en")]
    assert rules == ([finding] if finding else [])
    ids = {t.name: t.id for t in room.workshop().teams}
    assert [d.what for d in room.matrix()[ids["Sälj"]][ids["Drift"]]] == ["Ny offertmotor"]


def test_dependency_findings_in_both_languages(room):
    room.need("Sälj", "Drift", "API")
    sv, en = day_findings(room, "sv")[0], day_findings(room, "en")[0]
    assert "har inte svarat" in sv.message and "has not answered" in en.message
    assert sv.where == "Sälj → Drift"


def test_a_team_cannot_depend_on_itself_and_needs_a_text(room):
    with pytest.raises(ValidationError, match="not on itself"):
        room.need("Sälj", "Sälj", "x")
    with pytest.raises(ValidationError, match="empty"):
        room.need("Sälj", "Drift", " ")
    with pytest.raises(ValidationError, match="due date"):
        room.need("Sälj", "Drift", "x", due="snart")


# ------------------------------------------------------------------ confidence, commitment


@pytest.mark.parametrize(
    "votes,mean,talk",
    [((), None, False), ((4, 4, 5), 13 / 3, False), ((5, 4, 2), 11 / 3, True), ((5, 5, 2, 5), 17 / 4, True),
     ((3, 3, 3), 3.0, False), ((1,), 1.0, True), ((5, 2), 3.5, True), ((5, 3), 4.0, False)],
)  # fmt: skip
def test_spread_truth_table(votes, mean, talk):
    s = Spread("o", votes)
    assert s.mean == (pytest.approx(mean) if mean is not None else None)
    assert s.needs_talk is talk
    assert sum(s.counts().values()) == len(votes)


def test_confidence_vote_is_one_per_participant_and_commit_tracks_later_edits(room, two_teams):
    sales, _ = _objectives(room)
    ps = people(room, "Sälj")
    for p, f in zip(ps, (5, 4, 2)):
        room.confidence(p.id, sales, f)
    room.confidence(ps[2].id, sales, 3)  # changed their mind: replaces, not adds
    assert sorted(room.spread(sales).votes) == [3, 4, 5]
    with pytest.raises(ValidationError, match="1–5"):
        room.confidence(ps[0].id, sales, 6)
    room.commit(sales, "committed", "Anna")
    ws = okr.load(two_teams)
    obj = ws.objective(sales.id)
    assert (obj.type.value, obj.owner) == ("committed", "Anna")
    assert room.commitment(sales)["spread"] == [5, 4, 3]
    assert room.changes_since_commit(sales) == []
    obj.title = "Nöjdare kunder i Norden"
    obj.add_key_result("NKI 75", kind="increase", baseline=68, target=75)
    with okr.open_store(two_teams) as store:
        store.save(obj)
    changes = room.changes_since_commit(sales)
    assert {c["entity"] for c in changes} == {"objective", "key_result"}
    with pytest.raises(ValidationError, match="committed, aspirational"):
        room.commit(sales, "maybe", "Anna")


def test_commit_keeps_a_title_someone_typed_meanwhile(room, two_teams):
    sales, _ = _objectives(room)
    ws = okr.load(two_teams)
    ws.objective(sales.id).title = "Nöjdare kunder 2027"
    with okr.open_store(two_teams) as store:
        store.save(ws.objective(sales.id))
    room.commit(sales, "aspirational", "Bo")
    assert okr.load(two_teams).objective(sales.id).title == "Nöjdare kunder 2027"


# ------------------------------------------------------------------ file format


def test_an_old_file_gets_the_day_table_when_opened_for_writing(tmp_path):
    from okr_workshop.storage import store as store_mod

    path = tmp_path / "gammal.okr"
    okr.save(okr.Workshop.new("Gammal AB", period="2027-Q1"), path)
    conn = sqlite3.connect(path)
    conn.executescript("DROP TABLE day_item; UPDATE meta SET value = '1' WHERE key = 'schema_version';")
    conn.close()
    with Day.open(path) as d:
        assert d.agenda() == Agenda()
        d.set_agenda("team")
    with okr.open_store(path) as store:
        assert store.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(
            store_mod.SCHEMA_VERSION
        )


def test_replacing_the_whole_workshop_keeps_the_day(room, two_teams):
    room.set_agenda("company")
    ws = okr.load(two_teams)
    ws.organisation = "Nytt namn AB"
    okr.save(ws, two_teams)
    assert len(room.agenda().steps) == len(COMPANY_SESSION)


# ------------------------------------------------------------------ next period


def _finished_quarter(path):
    with Day.open(path) as d:
        sales, ops = _objectives(d)
        ws = d.workshop()
        done = ws.objective(ops.id)
        kr = done.add_key_result("Driftstopp högst 1", kind="at_most", target=1)
        kr.add_check_in(value=0, confidence=9, on=dt.date(2027, 3, 20))
        half = ws.objective(sales.id)
        kr2 = half.add_key_result("NKI 75", kind="increase", baseline=65, target=75)
        kr2.add_check_in(value=70, confidence=4, on=dt.date(2027, 3, 20))
        d.store.save(ws)
        d.retro(sales, "change", "Mät nöjdhet varje vecka")
        d.add_lesson("Börja brainstormen med kunddata")
        return sales, ops


def test_next_workshop_carries_over_unfinished_objectives_with_their_history(two_teams, tmp_path):
    sales, ops = _finished_quarter(two_teams)
    out = next_workshop(two_teams, "2027-Q2", tmp_path / "q2.okr")
    ws = okr.load(out)
    assert ws.period.label == "2027-Q2" and [t.name for t in ws.teams] == ["Sälj", "Drift"]
    assert ws.objectives == []  # proposals, not objectives: the room decides
    assert ws.settings["previous"]["period"] == "2027-Q1"
    with Day.open(out) as d:
        carried = d.candidates(everything=True)
        assert [c.text for c in carried] == ["Nöjdare kunder"]  # ops reached 1.0
        origin = carried[0].carried_from
        assert (origin["objective_id"], origin["grade"], origin["verdict"]) == (sales.id, 0.5, "change")
        assert d.lessons() == ["Börja brainstormen med kunddata", "Sälj · Nöjdare kunder: Mät nöjdhet varje vecka"]
        assert len(d.agenda().steps) == len(TEAM_SESSION)


def test_next_workshop_leaves_out_what_the_retrospective_dropped(two_teams):
    sales, _ = _finished_quarter(two_teams)
    with Day.open(two_teams) as d:
        d.retro(sales, "drop", "Fel fokus")
    out = next_workshop(two_teams, "2027-Q2")
    assert out.name == "dag-2027-Q2.okr"
    with Day.open(out) as d:
        assert d.candidates(everything=True) == []


def test_next_workshop_on_a_postgresql_store_goes_beside_the_old_one(two_teams, pg_cluster):
    from okr_workshop.storage.transfer import copy

    name = f"q1{uuid.uuid4().hex[:8]}"
    old = pg_cluster.url(name)
    _finished_quarter(two_teams)
    copy(two_teams, old)
    out = next_workshop(old, "2027-Q2")
    assert out.workshop == f"{name}-2027-q2"  # on the same server, named after the period
    ws = okr.load(out)
    assert ws.period.label == "2027-Q2" and [t.name for t in ws.teams] == ["Sälj", "Drift"]
    with Day.open(out) as d:
        assert [c.text for c in d.candidates(everything=True)] == ["Nöjdare kunder"]
    with pytest.raises(okr.OkrWorkshopError, match="already exists"):
        next_workshop(old, "2027-Q2")


def test_next_workshop_refuses_the_same_period_and_an_existing_file(two_teams, tmp_path):
    with pytest.raises(okr.OkrWorkshopError, match="next period"):
        next_workshop(two_teams, "2027-Q1")
    with pytest.raises(okr.OkrWorkshopError, match="already exists"):
        next_workshop(two_teams, "2027-Q2", two_teams)


def test_command_next_creates_the_file_and_refuses_bad_input(two_teams, tmp_path):
    from okr_workshop.cli import main

    _finished_quarter(two_teams)
    assert main(["next", str(two_teams), "--period", "2027-Q2", "--out", str(tmp_path / "q2.okr")]) == 0
    assert okr.load(tmp_path / "q2.okr").period.label == "2027-Q2"
    assert main(["next", str(two_teams), "--period", "2027-Q5"]) == 2
    assert main(["next", str(tmp_path / "saknas.okr"), "--period", "2027-Q2"]) == 2


# ------------------------------------------------------------------ the weekly check-in meeting


@pytest.mark.parametrize(
    "check_ins,moved,dropped,stale",
    [
        ([], False, False, True),  # never checked in
        ([(1, 10, 6)], False, False, True),  # last check-in 40 days ago
        ([(35, 10, 6)], True, False, False),  # the first check-in, this week
        ([(30, 10, 6), (38, 14, 6)], True, False, False),
        ([(30, 10, 7), (38, 11, 5)], True, True, False),
        ([(30, 10, 7), (38, 11, 6)], True, False, False),
        ([(36, 10, 8), (39, 11, 4)], True, True, False),  # both this week: the drop within the week counts
    ],
)
def test_week_truth_table(check_ins, moved, dropped, stale):
    from okr_workshop.day import check_in_week

    ws = okr.Workshop.new("X", period="2027-Q1")
    kr = ws.add_team("Sälj").add_objective("Nöjdare kunder").add_key_result("NKI 75", baseline=60, target=75)
    start = dt.date(2027, 1, 1)
    for day_no, value, conf in check_ins:
        kr.add_check_in(value=value, confidence=conf, on=start + dt.timedelta(days=day_no))
    (tw,) = check_in_week(ws, as_of=start + dt.timedelta(days=41))
    assert (bool(tw.moves), bool(tw.drops), bool(tw.stale)) == (moved, dropped, stale)


def _refusals(room, tmp_path):
    """Each refusal of the facilitator's and participants' day API, as a zero-argument call."""
    a, b = people(room, "Sälj", 1)[0], people(room, "Drift", 1)[0]
    x, y = room.add_candidate(a, "x"), room.add_candidate(a, "y")
    d = room.add_candidate(b, "Driften är tyst")
    room.reveal()
    room.merge(x.id, y.id)
    other_team_obj = room.choose([d.id])[0]
    loose = room.join("Utan team")
    from okr_workshop.day.sample import record_sample_day

    return {
        "agenda kind": lambda: room.set_agenda("halvdag"),
        "agenda step": lambda: room.set_agenda([("draft", 10), 7]),
        "agenda empty": lambda: room.set_agenda([]),
        "no team": lambda: room.add_candidate(loose, "z"),
        "merged keep": lambda: room.merge(y.id, x.id),
        "dots": lambda: room.open_vote(dots=0),
        "no dot": lambda: room.undot(b.id, x.id),
        "choose merged": lambda: room.choose([y.id]),
        "adopt merged": lambda: room.adopt(y.id, other_team_obj),
        "adopt teams": lambda: room.adopt(x.id, other_team_obj),
        "verdict": lambda: room.retro(other_team_obj, "maybe"),
        "no objective": lambda: room.retro("no-such-objective", "keep"),
        "gone": lambda: room.candidate("no-such-candidate"),
        "sample teams": lambda: record_sample_day(room.store.path, "exempel_ab"),
    }


def test_every_refusal_of_the_day_is_told_in_swedish_too(room, tmp_path):
    """No refusal of the day stays English on a Swedish page: each carries a catalogue code and renders differently."""
    for name, call in _refusals(room, tmp_path).items():
        with pytest.raises((ValidationError, NotFoundError)) as refused:
            call()
        err = refused.value
        assert err.code, f"{name}: {err} has no catalogue code"
        sv, en = err.render("sv"), err.render("en")
        assert sv != en and "{" not in sv, f"{name}: {sv!r}"
