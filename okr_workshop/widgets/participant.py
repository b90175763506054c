"""The participant's page for the workshop day: it follows the facilitator's current step.

One device, one participant (a name, or anonymous). The page shows the step's
title and countdown and what to do now: add private candidates, dot-vote,
review another team, declare and answer dependencies, show fist-of-five.
Inputs people type into are built once and never rebuilt by a refresh, so a
refresh caused by someone else's save never eats a half-typed text.
Participant text reaches the page only as a Label or escaped HTML.
"""

from __future__ import annotations

import html
import os
import threading

import ipywidgets as w

from ..day.record import Day
from ..errors import OkrWorkshopError
from ..i18n.texts import check_lang, t
from ..model.session import Answer, ReviewKind, Step
from ..storage.store import Store, open_store
from .common import button, dropdown, heading, refusal, set_value, text_input
from .follow import POLL_SECONDS, Follower, FollowsTheDay, step_title


class ParticipantPage(FollowsTheDay, w.VBox):
    """A participant's view of the day for one team; ``participant``: an id this device joined as before."""

    def __init__(
        self,
        store: Store | str | os.PathLike,
        team: str,
        lang: str | None = None,
        *,
        participant: str | None = None,
        interval: float = POLL_SECONDS,
    ):
        self._own_store = not isinstance(store, Store)
        self.day = Day(open_store(store) if self._own_store else store)
        self.path = self.day.store.path
        self.team_id = self.day._team_id(team)
        self._lock = threading.RLock()
        ws = self.day.workshop()
        self.teams = {tm.id: tm.name for tm in ws.teams}
        self.lang = check_lang(lang, ws.lang)
        self.me = self.day.participant(participant) if participant else None
        self.revision = -1
        self.follower = Follower(self.refresh, lambda: open_store(self.path), interval)
        super().__init__(layout=w.Layout(width="100%", max_width="900px"))
        self.add_class("okr-day-page")
        self._build()
        self.refresh(force=True)

    # ---------------------------------------------------------------- building

    def _build(self) -> None:
        lang = self.lang
        self.title = w.HTML()
        self.title.add_class("okr-day-step")
        self.timer = w.Label()
        self.timer.add_class("okr-day-countdown")
        self.message = w.Label()
        self.message.add_class("okr-day-message")
        self.name = text_input(lang, "day.name", css="okr-day-name")
        self.join_button = button(lang, "day.join", css="okr-day-join", style="primary")
        self.join_box = w.HBox([self.name, self.join_button])
        self.candidate_text = text_input(lang, "day.candidate", css="okr-day-candidate", area=2)
        self.add_button = button(lang, "day.add", css="okr-day-add", style="primary")
        self.review_objective = dropdown(lang, "day.review_for", [], None, css="okr-day-review-objective")
        self.review_kind = dropdown(
            lang, "day.report.kind", [(t(f"day.review.{k.value}", lang), k.value) for k in ReviewKind], "strong",
            css="okr-day-review-kind",
        )  # fmt: skip
        self.review_text = text_input(lang, "day.report.text", css="okr-day-review-text", area=2)
        self.review_send = button(lang, "day.send", css="okr-day-review-send", style="primary")
        others = [(name, tid) for tid, name in self.teams.items() if tid != self.team_id]
        self.dep_team = dropdown(
            lang, "day.from_team", others, others[0][1] if others else None, css="okr-day-dep-team"
        )
        self.dep_what = text_input(lang, "day.need", css="okr-day-dep-what")
        self.dep_due = text_input(lang, "day.by", css="okr-day-dep-due", width="260px")
        self.dep_send = button(lang, "day.send", css="okr-day-dep-send", style="primary")
        self.body = w.VBox()
        self._fixed_cache: dict[tuple, w.Widget] = {}
        self.children = (self.title, self.timer, self.join_box, self.body, self.message)
        # handlers, in one block
        self.join_button.on_click(self._on_join_button_click)
        self.add_button.on_click(self._on_add_button_click)
        self.review_send.on_click(self._on_review_send_click)
        self.dep_send.on_click(self._on_dep_send_click)

    # ---------------------------------------------------------------- handlers

    def _act(self, action) -> bool:
        """Run one save; a refused one (no dots left, empty text) becomes the page's message, never a traceback."""
        try:
            with self._lock:
                action()
        except OkrWorkshopError as err:
            set_value(self.message, self._explain(err))
            return False
        set_value(self.message, t("day.saved", self.lang))
        self.refresh()
        return True

    # refusals a participant meets in the vote, told as the page's own sentences (by the error's code)
    _PAGE_TEXTS = {
        "day.dots_used": "day.no_dots",
        "day.one_dot_each": "day.one_dot",
        "day.vote_closed": "day.vote_closed",
    }

    def _explain(self, err: OkrWorkshopError) -> str:
        key = self._PAGE_TEXTS.get(getattr(err, "code", None) or "")
        return t(key, self.lang) if key else refusal(err, self.lang)

    def _on_join_button_click(self, _b) -> None:
        def join():
            self.me = self.day.join(self.name.value, team=self.team_id)

        self._act(join)

    def _on_add_button_click(self, _b) -> None:
        if self.me is None:
            self._on_join_button_click(None)
        if self._act(lambda: self.day.add_candidate(self.me, self.candidate_text.value)):
            set_value(self.candidate_text, "")

    def _on_review_send_click(self, _b) -> None:
        author = self.me.id if self.me else ""
        ok = self._act(lambda: self.day.review(
            self.team_id, self.review_objective.value, self.review_kind.value, self.review_text.value, author
        ))  # fmt: skip
        if ok:
            set_value(self.review_text, "")

    def _on_dep_send_click(self, _b) -> None:
        ok = self._act(
            lambda: self.day.need(self.team_id, self.dep_team.value, self.dep_what.value, self.dep_due.value)
        )
        if ok:
            set_value(self.dep_what, "")
            set_value(self.dep_due, "")

    def dot(self, candidate_id: str) -> bool:
        return self._act(lambda: self.day.dot(self._me_id(), candidate_id))

    def undot(self, candidate_id: str) -> bool:
        return self._act(lambda: self.day.undot(self._me_id(), candidate_id))

    def _me_id(self) -> str:
        if self.me is None:
            self.me = self.day.join(self.name.value, team=self.team_id)
        return self.me.id

    # ---------------------------------------------------------------- following the facilitator

    def _render(self, day: Day, agenda) -> None:
        lang = self.lang
        self.title.value = f"<h3 style='margin:4px 0'>{html.escape(step_title(agenda, lang))}</h3>"
        self.join_box.layout.display = "none" if self.me else ""
        step = agenda.step()
        kind = step.kind if step else None
        part = {
            Step.CONTEXT: self._context, Step.BRAINSTORM: self._brainstorm, Step.CLUSTER: self._cluster,
            Step.VOTE: self._vote, Step.DRAFT: self._draft, Step.REVIEW: self._review,
            Step.DEPENDENCIES: self._dependencies, Step.CONFIDENCE: self._confidence,
        }.get(kind)  # fmt: skip
        self.body.children = tuple(part(day)) if part else ()

    def _label(self, text: str, css: str = "") -> w.Label:
        label = w.Label(text)
        if css:
            label.add_class(css)
        return label

    def _fixed(self, text: str, level: int = 0) -> w.Widget:
        """A label or heading that is the same widget on every render.

        The widgets at the top of a step stay the same models across refreshes, so the browser
        keeps their views (and the focus of the input below them) when the list under them changes.
        """
        key = (text, level)
        widget = self._fixed_cache.get(key)
        if widget is None:
            widget = self._fixed_cache[key] = heading(text, level) if level else w.Label(text)
        return widget

    def _context(self, day: Day) -> list:
        lessons = day.lessons()
        if not lessons:
            return []
        return [heading(t("day.lessons", self.lang), 4)] + [self._label(f"• {x}", "okr-day-lesson") for x in lessons]

    def _brainstorm(self, day: Day) -> list:
        mine = [c for c in day.candidates(self.team_id, viewer=self._viewer()) if c.author == self._viewer()]
        return [
            self._fixed(t("day.private", self.lang)), self.candidate_text, self.add_button,
            self._fixed(t("day.yours", self.lang), 4),
            *(self._label(f"• {c.text}", "okr-day-own") for c in mine),
        ]  # fmt: skip

    def _viewer(self) -> str | None:
        return self.me.id if self.me else None

    def _cluster(self, day: Day) -> list:
        out = [self._fixed(t("day.revealed", self.lang), 4)]
        for c in day.candidates(self.team_id, viewer=self._viewer()):
            texts = [m.text for m in day.merged(c.id) if m.id != c.id]
            extra = f"  (+ {' · '.join(texts)})" if texts else ""
            group = f"[{c.group}] " if c.group else ""
            out.append(self._label(f"• {group}{c.text}{extra}", "okr-day-revealed"))
        return out

    def _vote(self, day: Day) -> list:
        me = self._viewer()
        rule = day.vote_rule(self.team_id)
        if not rule["open"]:
            return [self._label(t("day.vote_closed", self.lang))]
        mine: dict[str, int] = {}
        for r in day._rows("dot", self.team_id):
            if r["author"] == me:
                mine[r["ref"]] = mine.get(r["ref"], 0) + 1
        left = day.dots_left(me) if me else rule["dots"]
        out = [self._label(t("day.dots_left", self.lang, n=left), "okr-day-dots-left")]
        for c, _n in day.tally(self.team_id):
            dot = button(self.lang, "day.dot", css="okr-day-dot", icon="circle")
            undo = button(self.lang, "day.undot", css="okr-day-undot")
            undo.disabled = not mine.get(c.id)
            dot.on_click(lambda _b, cid=c.id: self.dot(cid))
            undo.on_click(lambda _b, cid=c.id: self.undot(cid))
            out.append(w.HBox([dot, undo, self._label(f"{'●' * mine.get(c.id, 0)} {c.text}", "okr-day-vote-item")]))
        return out

    def _draft(self, day: Day) -> list:
        return [self._fixed(t("day.draft_here", self.lang))]

    def _review(self, day: Day) -> list:
        ws = day.workshop()
        plan = day.review_plan()
        target = plan.get(self.team_id)
        out: list = []
        if target:
            options = [(o.title, o.id) for o in ws.team(target).objectives]
            with_value = options[0][1] if options else None
            if [v for _, v in self.review_objective.options] != [v for _, v in options]:
                self.review_objective.options = options
                self.review_objective.value = with_value
            self.review_objective.description = t("day.review_for", self.lang, team=self.teams[target])
            out += [self.review_objective, self.review_kind, self.review_text, self.review_send]
        out.append(self._fixed(t("day.feedback_on_ours", self.lang), 4))
        titles = {o.id: o.title for o in ws.objectives}
        for item in day.reviews(self.team_id):
            text = (
                f"{titles.get(item.objective_id, '?')} · {t(f'day.review.{item.kind.value}', self.lang)}: {item.text}"
            )
            if item.resolved:
                out.append(self._label(f"✓ {text} → {item.resolution}", "okr-day-review-done"))
            else:
                resolve = button(self.lang, "day.resolve", css="okr-day-resolve")
                resolve.on_click(lambda _b, iid=item.id: self._act(lambda: self.day.resolve(iid)))
                out.append(w.HBox([resolve, self._label(text, "okr-day-review-item")]))
        return out

    def _dependencies(self, day: Day) -> list:
        out: list = [self.dep_team, self.dep_what, self.dep_due, self.dep_send]
        answers = [(t(f"day.answer.{a.value}", self.lang), a.value) for a in Answer]
        asked = [d for d in day.dependencies() if d.to_team == self.team_id]
        if asked:
            out.append(self._fixed(t("day.asked_of_us", self.lang), 4))
        for d in asked:
            due = f" ({t('day.by', self.lang)} {d.due.isoformat()})" if d.due else ""
            choice = w.Dropdown(options=answers, value=d.answer.value, layout=w.Layout(width="160px"))
            choice.add_class("okr-day-answer")
            choice.observe(lambda ch, did=d.id: self._act(lambda: self.day.answer(did, ch["new"])), "value")
            out.append(w.HBox([choice, self._label(f"{self.teams.get(d.from_team, '?')}: {d.what}{due}")]))
        for d in day.dependencies():
            if d.from_team == self.team_id:
                state = t(f"day.answer.{d.answer.value}", self.lang)
                out.append(self._label(f"→ {self.teams.get(d.to_team, '?')}: {d.what} · {state}", "okr-day-ours"))
        return out

    def _confidence(self, day: Day) -> list:
        out: list = [self._fixed(t("day.fingers", self.lang))]
        me = self._viewer()
        ws = day.workshop()
        for obj in ws.team(self.team_id).objectives:
            spread = day.spread(obj.id)
            mine = next((r["data"]["fingers"] for r in day._rows("confidence", ref=obj.id) if r["author"] == me), None)
            fist = w.ToggleButtons(options=[str(n) for n in range(1, 6)], value=str(mine) if mine else None,
                                   style={"button_width": "36px"})  # fmt: skip
            fist.add_class("okr-day-fist")
            fist.observe(lambda ch, oid=obj.id: ch["new"] and self._act(
                lambda: self.day.confidence(self._me_id(), oid, int(ch["new"]))), "value")  # fmt: skip
            votes = " ".join(str(v) for v in sorted(spread.votes)) or "–"
            mean = f"{spread.mean:.1f}" if spread.mean is not None else "–"
            rows = [self._label(obj.title, "okr-day-objective"), fist,
                    self._label(t("day.spread", self.lang, votes=votes, mean=mean), "okr-day-spread")]  # fmt: skip
            if spread.needs_talk:
                rows.append(self._label(t("day.talk", self.lang), "okr-day-talk"))
            commit = day.commitment(obj.id)
            if commit:
                kind = t(f"type.{commit['type']}", self.lang)
                rows.append(self._label(t("day.committed_by", self.lang, type=kind, owner=commit["owner"])))
            out.append(w.VBox(rows))
        return out

    # ---------------------------------------------------------------- lifetime

    def close(self) -> None:
        self.follower.stop()
        if self._own_store:
            self.day.close()
        super().close()
