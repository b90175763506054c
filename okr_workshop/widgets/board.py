"""The facilitator board: every team side by side, strength, top findings, and alignment.

The board reads the workshop file; ``refresh()`` reloads it when its revision
changed (saves from other kernels included), and the auto-refresh polls the
revision every few seconds until it is switched off or the board is closed.
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
import threading
from collections import Counter
from typing import Any

import ipywidgets as w

from .. import quality
from ..errors import OkrWorkshopError
from ..i18n.texts import check_lang, ngettext, t
from ..model.entities import Objective, Workshop
from ..quality.findings import SEVERITY_ORDER
from ..storage.store import Store, open_store
from .common import DESCRIPTION_WIDTH, Guard, button, close_tree, lang_switch, set_value
from .feedback import findings_html, strength_html

log = logging.getLogger("okr_workshop")

POLL_SECONDS = 3.0
TOP_FINDINGS = 3


class FacilitatorBoard(w.VBox):
    """All teams with strength scores and their most important findings, filters and an alignment view.

    store: an open Store or a workshop file path; lang: sv or en (default: the
    workshop's); interval: seconds between auto-refresh polls; top: findings per team card;
    as_of: the day whose week the cards' check-in line is about (default: today, clamped to the period).
    """

    def __init__(
        self,
        store: Store | str | os.PathLike,
        lang: str | None = None,
        *,
        interval: float = POLL_SECONDS,
        top: int = TOP_FINDINGS,
        as_of: Any = None,
    ):
        self.as_of = as_of
        self._own_store = not isinstance(store, Store)
        self.store = open_store(store) if self._own_store else store
        self.path = self.store.path
        self.interval, self.top = interval, top
        self._lock = threading.RLock()
        self._quiet = Guard()
        self._stop: threading.Event | None = None
        self._poller: threading.Thread | asyncio.Task | None = None
        self.revision = self.store.revision()
        self.workshop: Workshop = self.store.load()
        self.lang = check_lang(lang, self.workshop.lang)
        self.findings = quality.check(self.workshop, lang=self.lang)
        super().__init__(layout=w.Layout(width="100%"))
        self._closed = False
        self.add_class("okr-board")
        self._build()

    # ---------------------------------------------------------------- building

    def _build(self) -> None:
        lang = self.lang
        style = {"description_width": DESCRIPTION_WIDTH}
        self.title = w.HTML()
        self.lang_toggle = lang_switch(lang)
        self.severity = w.Dropdown(
            options=[(t("board.severity.all", lang), "info"), (t("board.severity.warning", lang), "warning"),
                     (t("board.severity.error", lang), "error")],
            value="info", description=t("board.severity", lang), description_allow_html=False, style=style,
            layout=w.Layout(width="300px"),
        )  # fmt: skip
        self.team_filter = w.Dropdown(
            options=self._team_options(), value="", description=t("board.team", lang), description_allow_html=False,
            style=style, layout=w.Layout(width="300px"),
        )  # fmt: skip
        self.sort = w.Dropdown(
            options=[(t("board.sort.order", lang), "order"), (t("board.sort.weakest", lang), "asc"),
                     (t("board.sort.strongest", lang), "desc")],
            value="order", description=t("board.sort", lang), description_allow_html=False, style=style,
            layout=w.Layout(width="300px"),
        )  # fmt: skip
        self.refresh_button = button(lang, "board.refresh", css="okr-refresh", icon="refresh")
        self.auto = w.Checkbox(
            value=False, description=t("board.auto", lang), description_allow_html=False, indent=False
        )
        self.auto.add_class("okr-auto-refresh")
        self.status = w.Label()
        self.status.add_class("okr-board-status")
        self.cards = w.GridBox(
            layout=w.Layout(
                grid_template_columns="repeat(auto-fill, minmax(min(100%, 280px), 1fr))", grid_gap="10px", width="100%"
            )
        )
        self.cards.add_class("okr-board-teams")
        self.alignment = w.HTML()
        self.alignment.add_class("okr-alignment")
        self.tabs = w.Tab(children=[self.cards, self.alignment])
        self.tabs.set_title(0, t("board.tab.teams", lang))
        self.tabs.set_title(1, t("board.tab.alignment", lang))
        filters = w.HBox([self.severity, self.team_filter, self.sort], layout=w.Layout(flex_flow="row wrap"))
        actions = w.HBox([self.refresh_button, self.auto, self.status], layout=w.Layout(align_items="center"))
        header = w.HBox(
            [self.title, self.lang_toggle],
            layout=w.Layout(justify_content="space-between", align_items="center", flex_flow="row wrap"),
        )
        self.children = (header, filters, actions, self.tabs)
        # handlers, in one block
        self.lang_toggle.observe(self._on_lang_toggle_change, "value")
        self.severity.observe(self._on_severity_change, "value")
        self.team_filter.observe(self._on_team_filter_change, "value")
        self.sort.observe(self._on_sort_change, "value")
        self.refresh_button.on_click(self._on_refresh_button_click)
        self.auto.observe(self._on_auto_change, "value")
        self._render()

    def _team_options(self) -> list[tuple[str, str]]:
        return [(t("board.team.all", self.lang), "")] + [(team.name, team.id) for team in self.workshop.teams]

    # ---------------------------------------------------------------- handlers

    def _on_lang_toggle_change(self, change) -> None:
        if not self._quiet:
            self.set_lang(change["new"])

    def _on_severity_change(self, _change) -> None:
        if not self._quiet:
            self._render()

    def _on_team_filter_change(self, _change) -> None:
        if not self._quiet:
            self._render()

    def _on_sort_change(self, _change) -> None:
        if not self._quiet:
            self._render()

    def _on_refresh_button_click(self, _button) -> None:
        self.refresh(force=True)

    def _on_auto_change(self, change) -> None:
        if self._quiet:
            return
        if change["new"]:
            self.start_auto_refresh()
        else:
            self.stop_auto_refresh()

    # ---------------------------------------------------------------- data

    def refresh(self, force: bool = False, store: Store | None = None) -> bool:
        """Reload the file if its revision changed (or ``force``); True when something was reloaded."""
        store = store or self.store
        with self._lock:
            try:
                revision = store.revision()
                if revision == self.revision and not force:
                    return False
                workshop = store.load()
            except (OkrWorkshopError, OSError) as err:
                set_value(self.status, t("board.failed", self.lang, error=" ".join(str(err).split())))
                return False
            self.revision, self.workshop = revision, workshop
            self.findings = quality.check(workshop, lang=self.lang)
            with self._quiet:
                options = self._team_options()
                keep = self.team_filter.value if any(v == self.team_filter.value for _, v in options) else ""
                self.team_filter.options = options
                self.team_filter.value = keep
            self._render()
            return True

    def strengths(self) -> dict[str, int]:
        """Team id → strength 0–100."""
        by_team = self._findings_by_team()
        return {team.id: quality.strength(team, by_team[team.id]) for team in self.workshop.teams}

    def _findings_by_team(self) -> dict[str, list]:
        owner: dict[str | None, str] = {}
        for team in self.workshop.teams:
            owner[team.id] = team.id
            for obj in team.objectives:
                owner[obj.id] = team.id
                for kr in obj.key_results:
                    owner[kr.id] = team.id
        out: dict[str, list] = {team.id: [] for team in self.workshop.teams}
        for f in self.findings:
            if f.target_id in owner:
                out[owner[f.target_id]].append(f)
        return out

    def set_lang(self, lang: str) -> None:
        """Show the board in ``lang``; findings are recomputed in that language."""
        with self._lock:
            self.lang = check_lang(lang)
            self.findings = quality.check(self.workshop, lang=self.lang)
            auto = self.auto.value
            old = self.children
            self._build()
            for child in old:
                close_tree(child)
            with self._quiet:
                self.auto.value = auto

    # ---------------------------------------------------------------- auto-refresh

    @property
    def auto_refreshing(self) -> bool:
        return self._poller is not None

    def start_auto_refresh(self) -> None:
        """Poll the file's revision every ``interval`` seconds; on the kernel's loop if there is one."""
        if self._poller is not None:
            return
        self._stop = threading.Event()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            thread = threading.Thread(target=self._poll_thread, args=(self._stop,), daemon=True, name="okr-board")
            self._poller = thread
            thread.start()
        else:
            self._poller = loop.create_task(self._poll_async(self._stop))
        with self._quiet:
            self.auto.value = True

    def stop_auto_refresh(self) -> None:
        """Stop polling; returns when the poller has stopped."""
        poller, stop = self._poller, self._stop
        self._poller = None
        if stop is not None:
            stop.set()
        if isinstance(poller, threading.Thread) and poller is not threading.current_thread():
            poller.join(timeout=max(5.0, self.interval * 2))
        elif isinstance(poller, asyncio.Task):
            poller.cancel()
        with self._quiet:
            self.auto.value = False

    async def _poll_async(self, stop: threading.Event) -> None:
        while not stop.is_set():
            await asyncio.sleep(self.interval)
            if not stop.is_set():
                self.refresh()

    def _poll_thread(self, stop: threading.Event) -> None:
        # SQLite connections belong to their thread: the poller opens its own.
        try:
            store = open_store(self.path)
        except OkrWorkshopError as err:
            log.warning("auto-refresh stopped: %s", err)
            return
        try:
            while not stop.wait(self.interval):
                self.refresh(store=store)
        except Exception:
            log.exception("auto-refresh stopped")
        finally:
            store.close()

    # ---------------------------------------------------------------- rendering

    def _render(self) -> None:
        """Recompute the cards, the alignment view and the status from the loaded workshop."""
        ws, lang = self.workshop, self.lang
        set_value(
            self.title,
            f"<h3 style='margin:4px 0'>{html.escape(t('board.title', lang))}</h3>"
            f"<div>{html.escape(ws.organisation)} · {html.escape(ws.period.label)}</div>",
        )
        minimum = SEVERITY_ORDER[self.severity.value]
        by_team = self._findings_by_team()
        teams = [team for team in ws.teams if self.team_filter.value in ("", team.id)]
        scores = {team.id: quality.strength(team, by_team[team.id]) for team in teams}
        if self.sort.value != "order":
            teams.sort(key=lambda team: scores[team.id], reverse=self.sort.value == "desc")
        weeks = week_line(ws, self.as_of, lang)
        cards = []
        for team in teams:
            shown = [f for f in by_team[team.id] if SEVERITY_ORDER.get(f.severity, 9) <= minimum]
            cards.append(self._card(team, scores[team.id], by_team[team.id], shown, weeks.get(team.id, "")))
        old = self.cards.children
        self.cards.children = tuple(cards)
        for card in old:
            card.close()
        set_value(self.alignment, alignment_html(ws, lang))
        set_value(self.status, t("board.status", lang, revision=self.revision, teams=len(ws.teams)))

    def _card(self, team, score: int, every: list, shown: list, week: str = "") -> w.HTML:
        lang = self.lang
        counts = Counter(f.severity for f in every)
        summary = " · ".join(counted(f"board.count.{s}", counts[s], lang) for s in ("error", "warning", "info"))
        body = findings_html(shown, lang, where=True, limit=self.top) or html.escape(t("feedback.none", lang))
        card = w.HTML(
            f"<div style='box-sizing:border-box;border:1px solid #c8c8c8;border-radius:4px;padding:6px 10px;"
            f"height:100%;overflow-wrap:anywhere'>"
            f"<h4 style='margin:2px 0'>{html.escape(team.name)}</h4>"
            f"{strength_html(score, lang, 'feedback.team_strength')}"
            f"<div class='okr-counts'>{html.escape(counted('board.objectives', len(team.objectives), lang))} · "
            f"{html.escape(summary)}</div>{week}{body}</div>",
            layout=w.Layout(width="auto", min_width="0", margin="0"),  # 100% plus the default margin overflowed
        )
        card.add_class("okr-team-card")
        return card

    # ---------------------------------------------------------------- lifetime

    def close(self) -> None:
        """Stop the auto-refresh, close the file if the board opened it, and close the widgets."""
        if getattr(self, "_closed", True):
            return
        self._closed = True
        try:
            self.stop_auto_refresh()
        finally:
            if self._own_store and self.store is not None:
                self.store.close()
            for child in self.children:
                close_tree(child)
            super().close()


def counted(key: str, n: int, lang: str) -> str:
    """``n`` things in words, by the language's plural rule: "1 warning", "3 warnings", "3 varningar"."""
    return ngettext(lang, f"{key}.one", key, n)


def week_line(ws: Workshop, as_of: Any, lang: str) -> dict[str, str]:
    """Team id → one highlighted line of its confidence drops and stale key results this week (only teams with any).

    Nothing before the quarter has begun: on the workshop day every key result is still without a check-in.
    """
    from ..day.week import week
    from ..scoring.grades import resolve_as_of

    day = resolve_as_of(ws.period, as_of)
    if day <= ws.period.start:
        return {}
    out = {}
    for team, tw in zip(ws.teams, week(ws, day)):
        parts = []
        if tw.drops:
            parts.append(counted("week.board.drops", len(tw.drops), lang))
        if tw.stale:
            parts.append(counted("week.board.stale", len(tw.stale), lang))
        if parts:
            out[team.id] = (
                "<div class='okr-week-alert' style='background:#fde7e5;color:#8c1d18;border-radius:3px;"
                f"padding:2px 6px;margin:4px 0'>⚠ {html.escape(' · '.join(parts))}</div>"
            )
    return out


def _title(obj: Objective, lang: str) -> str:
    return html.escape(obj.title.strip() or t("objective.untitled", lang))


def alignment_html(ws: Workshop, lang: str) -> str:
    """Company (top-level) objectives → the team objectives that support them; orphans marked."""
    children: dict[str, list[Objective]] = {}
    known = {o.id for o in ws.objectives}
    orphans = []
    for team in ws.teams:
        for obj in team.objectives:
            if obj.parent_id in known:
                children.setdefault(obj.parent_id, []).append(obj)
            elif team.parent_id is not None:
                orphans.append(obj)
    orphan_label = html.escape(t("board.orphan", lang))

    def tree(obj: Objective, depth: int) -> str:
        below = children.get(obj.id, [])
        team = html.escape(obj.team.name) if obj.team else ""
        mark = ""
        if not below and depth == 0:
            mark = (
                f" <em class='okr-unsupported' style='color:#8a5300'>({html.escape(t('board.unsupported', lang))})</em>"
            )
        items = "".join(tree(child, depth + 1) for child in below) if depth < 10 else ""
        sub = f"<ul>{items}</ul>" if items else ""
        return f"<li class='okr-aligned'><strong>{team}</strong>: {_title(obj, lang)}{mark}{sub}</li>"

    tops = [o for team in ws.teams if team.parent_id is None for o in team.objectives if o.parent_id not in known]
    parts = [f"<h4>{html.escape(t('board.alignment', lang))}</h4>"]
    parts.append("<ul class='okr-alignment-tree'>" + "".join(tree(o, 0) for o in tops) + "</ul>" if tops else
                 f"<p>{html.escape(t('board.no_company', lang))}</p>")  # fmt: skip
    if orphans:
        items = "".join(
            f"<li class='okr-orphan'><strong style='color:#b3261e'>{orphan_label}</strong> "
            f"{html.escape(o.team.name)}: {_title(o, lang)}</li>"
            for o in orphans
        )
        parts.append(f"<h4>{html.escape(t('board.orphans', lang))}</h4><ul class='okr-orphans'>{items}</ul>")
    return "".join(parts)
