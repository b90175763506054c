"""The facilitator's cockpit for the workshop day: agenda and timer, reveal, merge, vote, reviews, dependencies.

A view over ``okr_workshop.day.Day`` (``cockpit.day`` is the same Python API for
notebook cells). It follows the file's revision like the participants' pages,
so the candidate counts, the dot tally and the dependency matrix stay current.
"""

from __future__ import annotations

import html
import os
import threading

import ipywidgets as w

from ..day.findings import day_findings
from ..day.record import Day
from ..errors import OkrWorkshopError
from ..i18n.texts import check_lang, t
from ..model.session import AGENDAS, Answer
from ..storage.store import Store, open_store
from .common import button, dropdown, refusal, set_value, text_input
from .follow import POLL_SECONDS, Follower, FollowsTheDay, step_title

ANSWER_MARK = {Answer.OPEN: "?", Answer.ACCEPTED: "✓", Answer.DECLINED: "✗", Answer.NEGOTIATING: "…"}


class Cockpit(FollowsTheDay, w.VBox):
    """Run the day from a notebook: store (an open Store or a path); lang: sv or en (default: the workshop's)."""

    def __init__(self, store: Store | str | os.PathLike, lang: str | None = None, *, interval: float = POLL_SECONDS):
        self._own_store = not isinstance(store, Store)
        self.day = Day(open_store(store) if self._own_store else store)
        self.path = self.day.store.path
        self._lock = threading.RLock()
        ws = self.day.workshop()
        self.lang = check_lang(lang, ws.lang)
        self.revision = -1
        self.follower = Follower(self.refresh, lambda: open_store(self.path), interval)
        super().__init__(layout=w.Layout(width="100%"))
        self.add_class("okr-cockpit")
        self._build(ws)
        self.refresh(force=True)

    def _build(self, ws) -> None:
        lang = self.lang
        self.title = w.HTML(f"<h3 style='margin:4px 0'>{html.escape(t('day.cockpit', lang))}</h3>")
        self.agenda_choice = dropdown(lang, "day.agenda", [(t(f"day.agenda.{k}", lang), k) for k in AGENDAS], "team",
                                      width="360px")  # fmt: skip
        self.set_agenda_button = button(lang, "day.set_agenda", css="okr-cockpit-set-agenda")
        self.start_button = button(lang, "day.start", css="okr-cockpit-start", style="primary")
        self.back_button = button(lang, "day.back", css="okr-cockpit-back")
        self.next_button = button(lang, "day.next", css="okr-cockpit-next", style="primary")
        self.timer = w.Label()
        self.timer.add_class("okr-cockpit-countdown")
        self.agenda_html = w.HTML()
        self.team = dropdown(lang, "board.team", [(tm.name, tm.id) for tm in ws.teams],
                             ws.teams[0].id if ws.teams else None, width="320px", css="okr-cockpit-team")  # fmt: skip
        self.counts = w.Label()
        self.reveal_button = button(lang, "day.reveal", css="okr-cockpit-reveal")
        self.candidates = w.SelectMultiple(options=[], rows=6, layout=w.Layout(width="100%"))
        self.candidates.add_class("okr-cockpit-candidates")
        self.merge_button = button(lang, "day.merge", css="okr-cockpit-merge")
        self.dots = w.BoundedIntText(value=3, min=1, max=20, description=t("day.dots", lang),
                                     style={"description_width": "160px"}, layout=w.Layout(width="240px"))  # fmt: skip
        self.open_vote_button = button(lang, "day.open_vote", css="okr-cockpit-open-vote")
        self.close_vote_button = button(lang, "day.close_vote", css="okr-cockpit-close-vote")
        self.tally_html = w.HTML()
        self.tally_html.add_class("okr-cockpit-tally")
        self.choose_button = button(lang, "day.choose", css="okr-cockpit-choose", style="success")
        self.reviews_button = button(lang, "day.assign_reviews", css="okr-cockpit-reviews")
        self.commit_objective = dropdown(lang, "day.objective", [], None, width="100%", css="okr-cockpit-objective")
        types = [(t("type.committed", lang), "committed"), (t("type.aspirational", lang), "aspirational")]
        self.commit_type = dropdown(lang, "day.type", types, "aspirational", width="320px", css="okr-cockpit-type")
        self.commit_owner = text_input(lang, "day.owner", width="320px", css="okr-cockpit-owner")
        self.commit_button = button(lang, "day.commit", css="okr-cockpit-commit", style="success")
        self.matrix_html = w.HTML()
        self.matrix_html.add_class("okr-cockpit-matrix")
        self.findings_html = w.HTML()
        self.message = w.Label()
        self.message.add_class("okr-cockpit-message")
        self.children = (
            self.title,
            w.HBox([self.agenda_choice, self.set_agenda_button, self.start_button, self.back_button,
                    self.next_button, self.timer], layout=w.Layout(flex_flow="row wrap", align_items="center")),
            self.agenda_html,
            w.HBox([self.team, self.counts, self.reveal_button], layout=w.Layout(align_items="center")),
            self.candidates,
            w.HBox([self.merge_button, self.dots, self.open_vote_button, self.close_vote_button]),
            self.tally_html,
            w.HBox([self.choose_button, self.reviews_button]),
            w.HBox([self.commit_objective, self.commit_type, self.commit_owner, self.commit_button],
                   layout=w.Layout(flex_flow="row wrap")),
            self.matrix_html,
            self.findings_html,
            self.message,
        )  # fmt: skip
        # handlers, in one block
        self.set_agenda_button.on_click(self._on_set_agenda_button_click)
        self.start_button.on_click(self._on_start_button_click)
        self.back_button.on_click(self._on_back_button_click)
        self.next_button.on_click(self._on_next_button_click)
        self.team.observe(self._on_team_change, "value")
        self.reveal_button.on_click(self._on_reveal_button_click)
        self.merge_button.on_click(self._on_merge_button_click)
        self.open_vote_button.on_click(self._on_open_vote_button_click)
        self.close_vote_button.on_click(self._on_close_vote_button_click)
        self.choose_button.on_click(self._on_choose_button_click)
        self.reviews_button.on_click(self._on_reviews_button_click)
        self.commit_button.on_click(self._on_commit_button_click)

    # ---------------------------------------------------------------- handlers

    def _act(self, action) -> bool:
        try:
            with self._lock:
                action()
        except OkrWorkshopError as err:
            set_value(self.message, refusal(err, self.lang))
            return False
        set_value(self.message, t("day.saved", self.lang))
        self.refresh()
        return True

    def _on_set_agenda_button_click(self, _b) -> None:
        self._act(lambda: self.day.set_agenda(self.agenda_choice.value))

    def _on_start_button_click(self, _b) -> None:
        self._act(self.day.start)

    def _on_back_button_click(self, _b) -> None:
        self._act(self.day.back)

    def _on_next_button_click(self, _b) -> None:
        self._act(self.day.advance)

    def _on_team_change(self, _change) -> None:
        self.refresh(force=True)

    def _on_reveal_button_click(self, _b) -> None:
        self._act(self.day.reveal)  # every team's candidates at once: nobody's anchors the others

    def _on_merge_button_click(self, _b) -> None:
        chosen = list(self.candidates.value)
        if len(chosen) >= 2:
            self._act(lambda: self.day.merge(chosen[0], *chosen[1:]))

    def _on_open_vote_button_click(self, _b) -> None:
        self._act(lambda: self.day.open_vote(dots=int(self.dots.value)))

    def _on_close_vote_button_click(self, _b) -> None:
        self._act(self.day.close_vote)

    def _on_choose_button_click(self, _b) -> None:
        chosen = list(self.candidates.value)
        self._act(lambda: self.day.choose(chosen))

    def _on_reviews_button_click(self, _b) -> None:
        self._act(self.day.assign_reviews)

    def _on_commit_button_click(self, _b) -> None:
        if self.commit_objective.value:
            self._act(lambda: self.day.commit(self.commit_objective.value, self.commit_type.value,
                                              self.commit_owner.value))  # fmt: skip

    # ---------------------------------------------------------------- rendering

    def _render(self, day: Day, agenda) -> None:
        lang = self.lang
        rows = []
        for i, step in enumerate(agenda.steps):
            label = html.escape(step.title or t(f"day.step.{step.kind.value}", lang))
            mark = " style='font-weight:bold;background:#fff3c4'" if i == agenda.current else ""
            rows.append(
                f"<tr{mark}><td>{i + 1}</td><td>{label}</td><td>{t('day.minutes', lang, n=step.minutes)}</td></tr>"
            )
        now = html.escape(step_title(agenda, lang)) if agenda.steps else ""
        self.agenda_html.value = f"<b>{now}</b><table class='okr-table'>{''.join(rows)}</table>" if rows else ""
        team = self.team.value
        ws = day.workshop()
        counts = day.count_candidates()
        set_value(self.counts, t("day.candidates_count", lang, n=counts.get(team, 0)) + " · "
                  + t("day.participants_count", lang, n=len(day.participants(team) if team else [])))  # fmt: skip
        tally = day.tally(team) if team else []
        options = [(f"{c.text} ({n})", c.id) for c, n in tally]
        if list(self.candidates.options) != options:
            self.candidates.options = options
        most = max((n for _, n in tally), default=0) or 1
        bars = "".join(
            f"<div><span style='display:inline-block;width:{240 * n // most}px;background:#4c72b0;height:12px'></span>"
            f" {n} · {html.escape(c.text)}{' ✓' if c.objective_id else ''}</div>"
            for c, n in tally
        )
        self.tally_html.value = bars
        objectives = [(f"{tm.name} · {o.title}", o.id) for tm in ws.teams for o in tm.objectives]
        if [v for _, v in self.commit_objective.options] != [v for _, v in objectives]:
            self.commit_objective.options = objectives
        self.matrix_html.value = matrix_html(day, ws, lang)
        findings = day_findings(day, lang)
        self.findings_html.value = "".join(
            f"<div class='okr-day-finding'>⚠ {html.escape(f.where)}: {html.escape(f.message)}</div>" for f in findings
        )

    def close(self) -> None:
        self.follower.stop()
        if self._own_store:
            self.day.close()
        super().close()


def matrix_html(day: Day, ws, lang: str) -> str:
    """The dependency matrix: a row per team that needs, a column per team asked; ✓ ✗ … ? per answer."""
    matrix = day.matrix()
    if not matrix:
        return ""
    teams = ws.teams
    head = "".join(f"<th>{html.escape(tm.name)}</th>" for tm in teams)
    body = []
    for a in teams:
        cells = []
        for b in teams:
            deps = matrix.get(a.id, {}).get(b.id, [])
            text = "<br>".join(f"{ANSWER_MARK[d.answer]} {html.escape(d.what)}" for d in deps)
            cells.append(f"<td>{text}</td>")
        body.append(f"<tr><th>{html.escape(a.name)}</th>{''.join(cells)}</tr>")
    caption = html.escape(t("day.matrix", lang))
    return f"<table class='okr-table'><caption>{caption}</caption><tr><th></th>{head}</tr>{''.join(body)}</table>"
