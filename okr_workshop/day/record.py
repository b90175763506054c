"""The record of the workshop day in the workshop file, and every action of the day.

``Day`` wraps an open ``Store``: every method is one short write transaction on
the ``day_item`` table (one row per candidate, dot, review item, dependency,
vote), so the facilitator and many participants can act at once. Checks that
depend on other rows (no more than N dots) run inside the same ``BEGIN
IMMEDIATE`` transaction, so two devices cannot both take the last dot. Every
change is written to the file's history and bumps its revision, which the
participants' pages poll.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import NotFoundError
from ..model.entities import Objective, ObjectiveType, Workshop
from ..model.session import (
    AGENDAS,
    Agenda,
    AgendaStep,
    Answer,
    Candidate,
    Dependency,
    Participant,
    ReviewItem,
    ReviewKind,
    Spread,
)
from ..model.validate import _date, _enum, _text, invalid, new_id
from ..storage.fields import fields_of
from ..storage.schema import _read_all
from ..storage.store import Store, _check_path, _inspect, open_store

COLS = ("id", "kind", "team_id", "ref", "author", "data", "at")
AGENDA_ID = "agenda"
MAX_DOTS = 20


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Day:
    """The workshop day of one workshop file (a facilitator's and a participant's API).

    Use ``Day.open(path)`` as a context manager, or ``Day(store)`` over an open store.
    """

    def __init__(self, store: Store):
        self.store = store

    @classmethod
    def open(cls, path: str | os.PathLike) -> Day:
        return cls(open_store(path))

    @classmethod
    def read(cls, path: str | os.PathLike) -> Day:
        """The day of a file opened read-only (reports): reading works, every write is refused by SQLite.

        A ``postgresql://`` workshop is opened as a store (the report only reads it).
        """
        from ..storage.store import location_of

        where = location_of(path)
        return cls(_ReadOnly(where) if isinstance(where, Path) else open_store(path))

    def has_record(self) -> bool:
        """False for a file written before the day existed (schema 1) and never opened for writing since."""
        conn = self.store.conn
        if getattr(conn, "dialect", "sqlite") == "postgresql":  # the workshop's schema is on the search path
            return bool(conn.execute("SELECT to_regclass('day_item') IS NOT NULL").fetchone()[0])
        return bool(conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'day_item'").fetchone())

    def __enter__(self) -> Day:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def revision(self) -> int:
        return self.store.revision()

    def workshop(self) -> Workshop:
        return self.store.load()

    # ---------------------------------------------------------------- rows

    def _rows(self, kind: str, team_id: str | None = None, ref: str | None = None) -> list[dict[str, Any]]:
        sql, args = f"SELECT {','.join(COLS)} FROM day_item WHERE kind = ?", [kind]
        if team_id is not None:
            sql, args = sql + " AND team_id = ?", [*args, team_id]
        if ref is not None:
            sql, args = sql + " AND ref = ?", [*args, ref]
        out = []
        for r in self.store.conn.execute(sql + " ORDER BY at, rowid", args):
            row = dict(zip(COLS, r))
            row["data"] = json.loads(row["data"])
            out.append(row)
        return out

    def _row(self, kind: str, id: str) -> dict[str, Any]:
        r = self.store.conn.execute(
            f"SELECT {','.join(COLS)} FROM day_item WHERE kind = ? AND id = ?", (kind, id)
        ).fetchone()
        if r is None:
            raise NotFoundError(f"{self.store.path}: no {kind} with id {id!r}").coded("day.gone", id=f"{id!r:.60}")
        row = dict(zip(COLS, r))
        row["data"] = json.loads(row["data"])
        return row

    def _put(
        self, conn: sqlite3.Connection, kind: str, id: str, *, team_id=None, ref=None, author="", data=None
    ) -> None:
        """Insert or replace one row and record it in the file's history."""
        data = data or {}
        conn.execute(
            f"INSERT INTO day_item({','.join(COLS)}) VALUES (?,?,?,?,?,?,?)"
            " ON CONFLICT(id) DO UPDATE SET team_id=excluded.team_id, ref=excluded.ref,"
            " author=excluded.author, data=excluded.data",
            (id, kind, team_id, ref, author, json.dumps(data, ensure_ascii=False, default=str), _now().isoformat()),
        )
        self.store._log(conn, kind, id, "day", {"team_id": team_id, "ref": ref, "author": author, **data})

    def _delete(self, conn: sqlite3.Connection, kind: str, id: str) -> None:
        conn.execute("DELETE FROM day_item WHERE kind = ? AND id = ?", (kind, id))
        self.store._log(conn, kind, id, "delete", None)

    def _team_id(self, team: Any) -> str:
        """A team's id from a Team, its id or its name; a clear error otherwise."""
        key = getattr(team, "id", team)
        conn = self.store.conn
        row = conn.execute("SELECT id FROM team WHERE id = ?", (key,)).fetchone()
        if row is None:
            row = conn.execute("SELECT id FROM team WHERE name = ?", (key,)).fetchone()
        if row is None:
            names = ", ".join(r[0] for r in conn.execute("SELECT name FROM team ORDER BY position"))
            raise NotFoundError(f"{self.store.path}: no team {key!r:.60}; teams: {names or '(none)'}").coded(
                "team.not_found", name=f"{key!r:.60}", teams=names or "–"
            )
        return row[0]

    def _objective(self, objective: Any) -> tuple[str, str]:
        """(objective id, team id) of an objective given as an Objective or an id."""
        key = getattr(objective, "id", objective)
        row = self.store.conn.execute("SELECT id, team_id FROM objective WHERE id = ?", (key,)).fetchone()
        if row is None:
            raise NotFoundError(f"{self.store.path}: no objective with id {key!r:.60}; save it first").coded(
                "day.no_objective", id=f"{key!r:.60}"
            )
        return row[0], row[1]

    # ---------------------------------------------------------------- agenda and timer

    def agenda(self) -> Agenda:
        """The agenda as the file holds it (empty when none was set)."""
        rows = self._rows("agenda")
        if not rows:
            return Agenda()
        data = rows[0]["data"]
        started = data.get("started_at")
        return Agenda(
            steps=[AgendaStep(s["kind"], s["minutes"], s.get("title", "")) for s in data.get("steps", [])],
            current=data.get("current"),
            started_at=dt.datetime.fromisoformat(started) if started else None,
        )

    def set_agenda(self, steps: str | Iterable[AgendaStep | tuple | dict] = "team") -> Agenda:
        """Define the steps: "team" (2 hours) or "company" (half a day), or a list of steps.

        A step is an ``AgendaStep``, a (kind, minutes[, title]) tuple or a dict. The agenda starts stopped.
        """
        if isinstance(steps, str):
            if steps not in AGENDAS:
                raise invalid("agenda", "day.agenda_kind", value=f"{steps!r:.30}")
            parsed = list(AGENDAS[steps])
        else:
            parsed = []
            for i, s in enumerate(steps):
                if isinstance(s, AgendaStep):
                    parsed.append(s)
                elif isinstance(s, dict):
                    parsed.append(AgendaStep(s.get("kind"), s.get("minutes"), s.get("title", "")))
                elif isinstance(s, (tuple, list)) and 2 <= len(s) <= 3:
                    parsed.append(AgendaStep(*s))
                else:
                    raise invalid("agenda step", "day.agenda_step", step=i + 1)
        if not parsed:
            raise invalid("agenda", "day.agenda_empty")
        agenda = Agenda(steps=parsed)
        self._save_agenda(agenda)
        return agenda

    def _save_agenda(self, agenda: Agenda) -> None:
        data = {
            "steps": [s.to_dict() for s in agenda.steps],
            "current": agenda.current,
            "started_at": agenda.started_at.isoformat() if agenda.started_at else None,
        }
        with self.store.transaction() as conn:
            self._put(conn, "agenda", AGENDA_ID, data=data)

    def go_to(self, index: int, now: dt.datetime | None = None) -> Agenda:
        """Make step ``index`` (0-based) the current one, its countdown starting ``now``."""
        agenda = self.agenda()
        if not agenda.steps:
            raise invalid("agenda", "day.no_agenda")
        if not 0 <= index < len(agenda.steps):
            raise invalid("agenda step", "day.no_step", last=len(agenda.steps), value=index + 1)
        agenda.current, agenda.started_at = index, now or _now()
        self._save_agenda(agenda)
        return agenda

    def start(self, now: dt.datetime | None = None) -> Agenda:
        """Start the day: the first step runs."""
        return self.go_to(0, now)

    def advance(self, now: dt.datetime | None = None) -> Agenda:
        """The next step runs (every participant's page follows); after the last step the day is over."""
        agenda = self.agenda()
        nxt = 0 if agenda.current is None else agenda.current + 1
        if nxt >= len(agenda.steps):
            agenda.current, agenda.started_at = len(agenda.steps), None
            self._save_agenda(agenda)
            return agenda
        return self.go_to(nxt, now)

    def back(self, now: dt.datetime | None = None) -> Agenda:
        agenda = self.agenda()
        return self.go_to(max(0, (agenda.current or 0) - 1), now)

    # ---------------------------------------------------------------- participants

    def join(self, name: str = "", team: Any = None, id: str = "") -> Participant:
        """A device joins: a name (or anonymous), optionally a team. Returns the participant (keep its id)."""
        name = _text("participant name", name).strip()[:80]
        team_id = self._team_id(team) if team is not None else None
        pid = id or new_id()
        with self.store.transaction() as conn:
            self._put(conn, "participant", pid, team_id=team_id, data={"name": name})
        return Participant(pid, name, team_id)

    def participants(self, team: Any = None) -> list[Participant]:
        team_id = self._team_id(team) if team is not None else None
        return [
            Participant(r["id"], r["data"].get("name", ""), r["team_id"]) for r in self._rows("participant", team_id)
        ]

    def participant(self, id: str) -> Participant:
        r = self._row("participant", id)
        return Participant(r["id"], r["data"].get("name", ""), r["team_id"])

    # ---------------------------------------------------------------- brainstorm and cluster

    def add_candidate(self, participant: Any, text: str, team: Any = None) -> Candidate:
        """A participant's private candidate objective (for their team, or ``team``)."""
        p = participant if isinstance(participant, Participant) else self.participant(participant)
        text = _text("candidate", text, required=True).strip()
        team_id = self._team_id(team) if team is not None else p.team_id
        if team_id is None:
            raise invalid("candidate", "day.no_team", name=p.label("en"))
        c = Candidate(new_id(), team_id, text, p.id, created_at=_now().isoformat())
        with self.store.transaction() as conn:
            self._put(conn, "candidate", c.id, team_id=team_id, author=p.id, data=self._candidate_data(c))
        return c

    @staticmethod
    def _candidate_data(c: Candidate) -> dict[str, Any]:
        return {"text": c.text, "revealed": c.revealed, "merged_into": c.merged_into, "group": c.group,
                "objective_id": c.objective_id, "carried_from": c.carried_from}  # fmt: skip

    @staticmethod
    def _candidate(r: dict[str, Any]) -> Candidate:
        d = r["data"]
        return Candidate(
            id=r["id"], team_id=r["team_id"], text=d["text"], author=r["author"], revealed=d.get("revealed", False),
            merged_into=d.get("merged_into"), group=d.get("group", ""), objective_id=d.get("objective_id"),
            created_at=r["at"], carried_from=d.get("carried_from"),
        )  # fmt: skip

    def candidates(self, team: Any = None, viewer: str | None = None, *, everything: bool = False) -> list[Candidate]:
        """Candidates a person may see: revealed ones, and ``viewer``'s own unrevealed ones.

        ``everything=True`` (the record, the report) includes every unrevealed and merged candidate.
        Merged candidates are left out otherwise: they live on inside the one they were merged into.
        """
        team_id = self._team_id(team) if team is not None else None
        out = []
        for r in self._rows("candidate", team_id):
            c = self._candidate(r)
            if everything or ((c.revealed or c.author == viewer) and c.merged_into is None):
                out.append(c)
        return out

    def candidate(self, id: str) -> Candidate:
        return self._candidate(self._row("candidate", id))

    def propose(self, team: Any, text: str, carried_from: dict[str, Any]) -> Candidate:
        """A revealed candidate nobody in the room wrote: an unfinished objective carried over."""
        team_id = self._team_id(team)
        text = _text("candidate", text, required=True).strip()
        c = Candidate(new_id(), team_id, text, "", revealed=True, carried_from=dict(carried_from))
        with self.store.transaction() as conn:
            self._update_candidate(conn, c)
        return c

    def count_candidates(self, team: Any = None) -> dict[str, int]:
        """How many candidates each team has (texts stay private until revealed)."""
        counts: dict[str, int] = defaultdict(int)
        team_id = self._team_id(team) if team is not None else None
        for r in self._rows("candidate", team_id):
            counts[r["team_id"]] += 1
        return dict(counts)

    def _update_candidate(self, conn: sqlite3.Connection, c: Candidate) -> None:
        self._put(conn, "candidate", c.id, team_id=c.team_id, author=c.author, data=self._candidate_data(c))

    def reveal(self, team: Any = None) -> int:
        """Reveal every candidate (of one team, or all) at once; returns how many became visible."""
        n = 0
        with self.store.transaction() as conn:
            for c in self.candidates(team, everything=True):
                if not c.revealed:
                    c.revealed = True
                    self._update_candidate(conn, c)
                    n += 1
        return n

    def merge(self, keep: str, *others: str) -> Candidate:
        """Merge duplicates into ``keep``: the others keep their texts and authors and point at ``keep``."""
        with self.store.transaction() as conn:
            kept = self.candidate(keep)
            if kept.merged_into:
                raise invalid("merge", "day.merged_into", id=repr(keep), into=repr(kept.merged_into))
            for other_id in others:
                other = self.candidate(other_id)
                if other.id == kept.id:
                    continue
                if other.team_id != kept.team_id:
                    raise invalid("merge", "day.merge_teams")
                for c in self.candidates(everything=True):  # what was merged into ``other`` follows it
                    if c.merged_into == other.id:
                        c.merged_into = kept.id
                        self._update_candidate(conn, c)
                other.merged_into, other.revealed = kept.id, True
                self._update_candidate(conn, other)
        return kept

    def merged(self, candidate_id: str) -> list[Candidate]:
        """The candidate and every candidate merged into it: all texts and authors."""
        return [c for c in self.candidates(everything=True) if c.id == candidate_id or c.merged_into == candidate_id]

    def group(self, candidate_id: str, label: str) -> None:
        """Put a candidate in a cluster on the board (empty label: no cluster)."""
        label = _text("group", label).strip()[:80]
        with self.store.transaction() as conn:
            c = self.candidate(candidate_id)
            c.group = label
            self._update_candidate(conn, c)

    # ---------------------------------------------------------------- dot vote

    def open_vote(self, team: Any = None, dots: int = 3, repeat: bool = False) -> None:
        """Open the dot vote (for one team or all): ``dots`` per participant, one per candidate unless ``repeat``."""
        if isinstance(dots, bool) or not isinstance(dots, int) or not 1 <= dots <= MAX_DOTS:
            raise invalid("dots", "day.dots", max=MAX_DOTS, value=f"{dots!r:.20}")
        team_id = self._team_id(team) if team is not None else None
        with self.store.transaction() as conn:
            self._put(conn, "vote", f"vote:{team_id or '*'}", team_id=team_id,
                      data={"open": True, "dots": dots, "repeat": bool(repeat)})  # fmt: skip

    def close_vote(self, team: Any = None) -> None:
        team_id = self._team_id(team) if team is not None else None
        with self.store.transaction() as conn:
            rule = self.vote_rule(team_id)
            self._put(conn, "vote", f"vote:{team_id or '*'}", team_id=team_id, data={**rule, "open": False})

    def vote_rule(self, team_id: str | None) -> dict[str, Any]:
        """The vote that applies to a team: its own, else the one for all teams; closed when none."""
        for key in (f"vote:{team_id}", "vote:*"):
            r = self.store.conn.execute("SELECT data FROM day_item WHERE id = ?", (key,)).fetchone()
            if r:
                return json.loads(r[0])
        return {"open": False, "dots": 0, "repeat": False}

    def dots_left(self, participant_id: str) -> int:
        p = self.participant(participant_id)
        rule = self.vote_rule(p.team_id)
        used = self.store.conn.execute(
            "SELECT COUNT(*) FROM day_item WHERE kind = 'dot' AND author = ?", (participant_id,)
        ).fetchone()[0]
        return max(0, rule["dots"] - used) if rule["open"] else 0

    def dot(self, participant_id: str, candidate_id: str) -> None:
        """Put one dot on a candidate. Refused when the vote is closed, the dots are used, or twice on one."""
        with self.store.transaction() as conn:
            p = self.participant(participant_id)
            c = self.candidate(candidate_id)
            if c.merged_into:
                c = self.candidate(c.merged_into)
            rule = self.vote_rule(c.team_id)
            if not rule["open"]:
                raise invalid("dot vote", "day.vote_closed")
            if not c.revealed:
                raise invalid("dot vote", "day.not_revealed")
            mine = [r for r in self._rows("dot") if r["author"] == p.id]
            if len(mine) >= rule["dots"]:
                raise invalid("dot vote", "day.dots_used", n=rule["dots"])
            if not rule["repeat"] and any(r["ref"] == c.id for r in mine):
                raise invalid("dot vote", "day.one_dot_each")
            self._put(conn, "dot", new_id(), team_id=c.team_id, ref=c.id, author=p.id)

    def undot(self, participant_id: str, candidate_id: str) -> None:
        """Take one of your dots back from a candidate."""
        with self.store.transaction() as conn:
            for r in self._rows("dot", ref=candidate_id):
                if r["author"] == participant_id:
                    self._delete(conn, "dot", r["id"])
                    return
            raise NotFoundError(f"{self.store.path}: no dot of yours on candidate {candidate_id!r}").coded("day.no_dot")

    def tally(self, team: Any = None) -> list[tuple[Candidate, int]]:
        """Visible candidates with their dots, most dots first (ties: the earlier candidate first)."""
        team_id = self._team_id(team) if team is not None else None
        counts: dict[str, int] = defaultdict(int)
        for r in self._rows("dot", team_id):
            counts[r["ref"]] += 1
        cands = [c for c in self.candidates(team_id, everything=True) if c.revealed and c.merged_into is None]
        order = {c.id: i for i, c in enumerate(cands)}
        return sorted(((c, counts.get(c.id, 0)) for c in cands), key=lambda p: (-p[1], order[p[0].id]))

    def choose(self, candidate_ids: Iterable[str]) -> list[Objective]:
        """The chosen candidates become draft objectives of their team, each with its history.

        The objective's history in the file records the candidates merged into it (texts,
        authors) and the dots; the candidate remembers the objective it became.
        """
        made = []
        with self.store.transaction() as conn:
            ws = self.store.load()
            dots: dict[str, int] = defaultdict(int)
            for r in self._rows("dot"):
                dots[r["ref"]] += 1
            for cid in candidate_ids:
                c = self.candidate(cid)
                if c.merged_into:
                    raise invalid("choose", "day.merged_into", id=repr(cid), into=repr(c.merged_into))
                if c.objective_id:
                    continue
                team = ws.team(c.team_id)
                obj = team.add_objective(c.text)
                self.store.save(obj)
                c.objective_id = obj.id
                self._update_candidate(conn, c)
                origin = [{"text": m.text, "author": m.author} for m in self.merged(c.id)]
                self.store._log(conn, "objective", obj.id, "from_candidates",
                                {"candidate": c.id, "dots": dots.get(c.id, 0), "candidates": origin})  # fmt: skip
                made.append(obj)
        return made

    def adopt(self, candidate_id: str, objective: Any) -> Candidate:
        """The candidate became an objective that exists already (drafted before the day was recorded).

        Like ``choose``, without making a new objective: the candidate remembers the objective, and the
        objective's history records the candidates merged into it and the dots.
        """
        obj_id, team_id = self._objective(objective)
        with self.store.transaction() as conn:
            c = self.candidate(candidate_id)
            if c.merged_into:
                raise invalid("adopt", "day.merged_into", id=repr(c.id), into=repr(c.merged_into))
            if c.team_id != team_id:
                raise invalid("adopt", "day.adopt_teams")
            dots = len(self._rows("dot", ref=c.id))
            c.objective_id = obj_id
            self._update_candidate(conn, c)
            origin = [{"text": m.text, "author": m.author} for m in self.merged(c.id)]
            self.store._log(conn, "objective", obj_id, "from_candidates",
                            {"candidate": c.id, "dots": dots, "candidates": origin})  # fmt: skip
        return c

    # ---------------------------------------------------------------- peer review

    def assign_reviews(self, pairs: dict[Any, Any] | None = None) -> dict[str, str]:
        """Which team reviews which: ``{reviewer: reviewed}``; default a rotation (each team the next one)."""
        if pairs is None:
            ids = [r[0] for r in self.store.conn.execute("SELECT id FROM team ORDER BY position, rowid")]
            if len(ids) < 2:
                raise invalid("peer review", "day.review_two_teams")
            plan = {ids[i]: ids[(i + 1) % len(ids)] for i in range(len(ids))}
        else:
            plan = {self._team_id(a): self._team_id(b) for a, b in pairs.items()}
            if any(a == b for a, b in plan.items()):
                raise invalid("peer review", "day.review_own")
        with self.store.transaction() as conn:
            self._put(conn, "review_plan", "review_plan", data={"plan": plan})
        return plan

    def review_plan(self) -> dict[str, str]:
        rows = self._rows("review_plan")
        return rows[0]["data"]["plan"] if rows else {}

    def review(self, from_team: Any, objective: Any, kind: ReviewKind | str, text: str, author: str = "") -> ReviewItem:
        """One feedback item (strong / question / suggestion) from ``from_team`` on an objective."""
        from_id = self._team_id(from_team)
        obj_id, owner = self._objective(objective)
        kind = _enum("review item kind", ReviewKind, kind)
        text = _text("review item", text, required=True).strip()
        if from_id == owner:
            raise invalid("peer review", "day.review_own")
        item = ReviewItem(new_id(), obj_id, from_id, kind, text)
        with self.store.transaction() as conn:
            self._put(conn, "review", item.id, team_id=owner, ref=obj_id, author=author,
                      data={"from_team": from_id, "kind": kind.value, "text": text, "resolution": "", "resolved": False})  # fmt: skip
        return item

    def resolve(self, item_id: str, resolution: str = "") -> ReviewItem:
        """The owning team resolves a review item (what they did about it)."""
        with self.store.transaction() as conn:
            r = self._row("review", item_id)
            r["data"].update(resolution=_text("resolution", resolution).strip(), resolved=True)
            self._put(conn, "review", item_id, team_id=r["team_id"], ref=r["ref"], author=r["author"], data=r["data"])
        return self._review(self._row("review", item_id))

    @staticmethod
    def _review(r: dict[str, Any]) -> ReviewItem:
        d = r["data"]
        return ReviewItem(r["id"], r["ref"], d["from_team"], ReviewKind(d["kind"]), d["text"],
                          d.get("resolution", ""), d.get("resolved", False))  # fmt: skip

    def reviews(self, team: Any = None) -> list[ReviewItem]:
        """Review items on a team's objectives (or all)."""
        team_id = self._team_id(team) if team is not None else None
        return [self._review(r) for r in self._rows("review", team_id)]

    # ---------------------------------------------------------------- dependencies

    def need(self, from_team: Any, to_team: Any, what: str, due: Any = None, objective: Any = None) -> Dependency:
        """``from_team`` declares: we need ``what`` from ``to_team`` by ``due``."""
        a, b = self._team_id(from_team), self._team_id(to_team)
        if a == b:
            raise invalid("dependency", "day.depends_on_itself")
        obj_id = self._objective(objective)[0] if objective is not None else None
        dep = Dependency(new_id(), a, b, what.strip() if isinstance(what, str) else what, due, objective_id=obj_id)
        self._save_dependency(dep)
        return dep

    def _save_dependency(self, d: Dependency) -> None:
        with self.store.transaction() as conn:
            self._put(conn, "dependency", d.id, team_id=d.from_team, ref=d.to_team,
                      data={"what": d.what, "due": d.due.isoformat() if d.due else None, "answer": d.answer.value,
                            "note": d.note, "objective_id": d.objective_id})  # fmt: skip

    def answer(self, dependency_id: str, answer: Answer | str, note: str = "") -> Dependency:
        """Team Y answers: accepted, declined or negotiating (with a note)."""
        answer = _enum("dependency answer", Answer, answer)
        note = _text("dependency note", note).strip()
        d = self._dependency(self._row("dependency", dependency_id))
        new = Dependency(d.id, d.from_team, d.to_team, d.what, d.due, answer, note, d.objective_id)
        self._save_dependency(new)
        return new

    @staticmethod
    def _dependency(r: dict[str, Any]) -> Dependency:
        d = r["data"]
        return Dependency(r["id"], r["team_id"], r["ref"], d["what"], _date("due", d.get("due")),
                          Answer(d.get("answer", "open")), d.get("note", ""), d.get("objective_id"))  # fmt: skip

    def dependencies(self) -> list[Dependency]:
        return [self._dependency(r) for r in self._rows("dependency")]

    def matrix(self) -> dict[str, dict[str, list[Dependency]]]:
        """``matrix[needing team][asked team]``: the dependencies between them (team ids)."""
        out: dict[str, dict[str, list[Dependency]]] = defaultdict(lambda: defaultdict(list))
        for d in self.dependencies():
            out[d.from_team][d.to_team].append(d)
        return {a: dict(row) for a, row in out.items()}

    # ---------------------------------------------------------------- confidence and commitment

    def confidence(self, participant_id: str, objective: Any, fingers: int) -> None:
        """A participant's fist-of-five (1–5) on an objective; voting again replaces their vote."""
        if isinstance(fingers, bool) or not isinstance(fingers, int) or not 1 <= fingers <= 5:
            raise invalid("fist of five", "day.fingers", value=f"{fingers!r:.20}")
        obj_id, team_id = self._objective(objective)
        self.participant(participant_id)
        with self.store.transaction() as conn:
            self._put(conn, "confidence", f"conf:{obj_id}:{participant_id}", team_id=team_id, ref=obj_id,
                      author=participant_id, data={"fingers": fingers})  # fmt: skip

    def spread(self, objective: Any) -> Spread:
        obj_id = getattr(objective, "id", objective)
        return Spread(obj_id, tuple(r["data"]["fingers"] for r in self._rows("confidence", ref=obj_id)))

    def commit(self, objective: Any, type: ObjectiveType | str, owner: str) -> None:
        """Committed or aspirational, one owner: the objective is then marked committed; later edits are tracked."""
        type = _enum("objective type", ObjectiveType, type)
        owner = _text("owner", owner, required=True).strip()
        obj_id, team_id = self._objective(objective)
        with self.store.transaction() as conn:
            ws = self.store.load()
            obj = ws.objective(obj_id)
            base = {"type": fields_of(obj)["type"], "owner": obj.owner}
            obj.type, obj.owner = type, owner
            self.store.save_fields(obj, base)
            seq = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM history").fetchone()[0]
            snapshot = {"title": obj.title, "type": type.value, "owner": owner, "seq": seq,
                        "key_results": [{"id": k.id, "text": k.text, "target": k.target} for k in obj.key_results],
                        "spread": list(self.spread(obj_id).votes)}  # fmt: skip
            self._put(conn, "commitment", f"commit:{obj_id}", team_id=team_id, ref=obj_id, data=snapshot)

    def commitment(self, objective: Any) -> dict[str, Any] | None:
        obj_id = getattr(objective, "id", objective)
        rows = self._rows("commitment", ref=obj_id)
        return {**rows[0]["data"], "at": rows[0]["at"]} if rows else None

    def changes_since_commit(self, objective: Any) -> list[dict[str, Any]]:
        """Edits to a committed objective and its key results after the commitment (check-ins excluded)."""
        commit = self.commitment(objective)
        if commit is None:
            return []
        obj_id = getattr(objective, "id", objective)
        ids = {
            obj_id,
            *(r[0] for r in self.store.conn.execute("SELECT id FROM key_result WHERE objective_id = ?", (obj_id,))),
        }
        ids |= {k["id"] for k in commit["key_results"]}
        return [h for h in self.store.history() if h["seq"] > commit["seq"] and h["entity_id"] in ids
                and h["entity"] in ("objective", "key_result")]  # fmt: skip

    # ---------------------------------------------------------------- the quarter

    def retro(self, objective: Any, verdict: str, lesson: str = "", grade_reason: str = "") -> None:
        """Retrospective (or mid-quarter review) per objective: keep / change / drop, what we learned."""
        if verdict not in ("keep", "change", "drop"):
            raise invalid("retrospective", "day.verdict", value=f"{verdict!r:.20}")
        obj_id, team_id = self._objective(objective)
        with self.store.transaction() as conn:
            self._put(conn, "retro", f"retro:{obj_id}", team_id=team_id, ref=obj_id,
                      data={"verdict": verdict, "lesson": _text("lesson", lesson).strip(),
                            "grade_reason": _text("grade reason", grade_reason).strip()})  # fmt: skip

    def retros(self) -> list[dict[str, Any]]:
        return [{"objective_id": r["ref"], "team_id": r["team_id"], **r["data"]} for r in self._rows("retro")]

    def mid_review(self, objective: Any, verdict: str, worked: str = "", learned: str = "", on: Any = None,
                   author: str = "") -> Any:  # fmt: skip
        """The mid-quarter review of one objective: what worked, what we learned, keep / change / drop, the date."""
        from .midquarter import add

        return add(self, objective, verdict, worked, learned, on, author)

    def mid_reviews(self, objective: Any = None) -> list[Any]:
        """Every mid-quarter review (``MidReview``), oldest first; one objective's when given."""
        from .midquarter import reviews

        return reviews(self, objective)

    def add_lesson(self, text: str) -> None:
        """A lesson for the next workshop (shown at its top)."""
        text = _text("lesson", text, required=True).strip()
        with self.store.transaction() as conn:
            self._put(conn, "lesson", new_id(), data={"text": text})

    def lessons(self) -> list[str]:
        return [r["data"]["text"] for r in self._rows("lesson")]


class _ReadOnly:
    """Just enough of a Store to read the day: a read-only connection (the file is never modified)."""

    def __init__(self, path: Path):
        _check_path(path)
        _inspect(path)
        self.path = path
        self.conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=60)

    def revision(self) -> int:
        return int(self.conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0])

    def load(self) -> Workshop:
        return _read_all(self.conn, self.path)

    def history(self, entity_id: str | None = None) -> list[dict[str, Any]]:
        return Store.history(self, entity_id)  # type: ignore[arg-type]  # it reads only self.conn

    def close(self) -> None:
        self.conn.close()
