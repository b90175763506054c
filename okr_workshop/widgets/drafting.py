"""The drafting form: one team's objectives and key results, with live quality feedback.

The form is a view over the team in a workshop loaded from the workshop file.
A keystroke changes the model at once; the quality check of that objective
runs after a short pause in typing, and the objective is saved to the file
(``store.save``, a granular upsert) a little later. ``flush()`` does both now.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import sys
import threading

import ipywidgets as w

from .. import quality
from ..errors import OkrWorkshopError
from ..i18n.texts import check_lang, t
from ..model.entities import KeyResult, Objective, Team
from ..storage.store import Store, open_store
from .common import FORM_WIDTH, Guard, button, close_tree, lang_switch, set_value
from .debounce import Debouncer
from .editors import ObjectiveEditor
from .feedback import FindingsView, StrengthMeter

log = logging.getLogger("okr_workshop")

FEEDBACK_DELAY = 0.15  # seconds of typing pause before the quality check reruns
SAVE_DELAY = 0.8  # seconds of pause before the objective is written to the file


class DraftingForm(w.VBox):
    """Draft one team's OKRs. ``store``: an open Store or a workshop file path; ``team``: name or id.

    lang: sv or en (default: the workshop's language); feedback_delay and
    save_delay: debounce in seconds (0 = at once, None = only on ``flush()``).
    """

    def __init__(
        self,
        store: Store | str | os.PathLike,
        team: Team | str,
        lang: str | None = None,
        *,
        feedback_delay: float | None = FEEDBACK_DELAY,
        save_delay: float | None = SAVE_DELAY,
    ):
        self._own_store = not isinstance(store, Store)
        self.store = open_store(store) if self._own_store else store
        self.workshop = self.store.load()
        self.team = self.workshop.team(team.id if isinstance(team, Team) else team)
        self.lang = check_lang(lang, self.workshop.lang)
        self._lock = threading.RLock()
        self._thread = threading.get_ident()
        self._quiet = Guard()
        self._dirty: set[str] = set()  # objectives whose findings are stale
        self._unsaved: set[str] = set()  # objectives with changes not yet in the file
        self.findings: dict[str, list] = {}  # objective id -> its findings
        self.team_findings: list = []
        self.last_saved: dt.datetime | None = None
        self.save_error: str | None = None
        self._feedback = Debouncer(self._update_feedback, feedback_delay)
        self._save = Debouncer(self._save_pending, save_delay)
        super().__init__(layout=w.Layout(width="100%", max_width=FORM_WIDTH))
        self._closed = False
        self.add_class("okr-drafting-form")
        self._build()

    # ---------------------------------------------------------------- building

    def _build(self) -> None:
        lang = self.lang
        self.title = w.HTML()
        self.lang_toggle = lang_switch(lang)
        self.team_strength = StrengthMeter(lang, "feedback.team_strength")
        self.team_feedback = FindingsView(lang)
        self.objectives_box = w.VBox(layout=w.Layout(width="100%"))
        self.add_objective_button = button(lang, "objective.add", css="okr-add-objective", icon="plus")
        self.save_button = button(lang, "drafting.save", css="okr-save", style="primary", icon="save")
        self.status = w.Label(layout=w.Layout(width="auto"))
        self.status.add_class("okr-save-status")
        self.editors: dict[str, ObjectiveEditor] = {}
        header = w.HBox(
            [self.title, self.lang_toggle],
            layout=w.Layout(justify_content="space-between", align_items="center", flex_flow="row wrap"),
        )
        footer = w.HBox(
            [self.add_objective_button, self.save_button, self.status], layout=w.Layout(align_items="center")
        )
        self.children = (header, self.team_strength, self.team_feedback, self.objectives_box, footer)
        # handlers, in one block
        self.lang_toggle.observe(self._on_lang_toggle_change, "value")
        self.add_objective_button.on_click(self._on_add_objective_click)
        self.save_button.on_click(self._on_save_button_click)
        self._render()
        self._recheck_all()

    # ---------------------------------------------------------------- handlers

    def _on_lang_toggle_change(self, change) -> None:
        if self._quiet:
            return
        self.set_lang(change["new"])

    def _on_add_objective_click(self, _button) -> None:
        obj = self.add_objective()
        self.editors[obj.id].fields["text"].input.focus()

    def _on_save_button_click(self, _button) -> None:
        self.flush()
        with self._lock:  # after Spara an empty title is an error, not a hint any more
            for obj in self.team.objectives:
                self.editors[obj.id].touch()
                self._show(obj)

    # ---------------------------------------------------------------- model changes

    def changed(self, obj: Objective) -> None:
        """An editor changed ``obj`` (or one of its key results): recheck and save, debounced."""
        with self._lock:
            self._dirty.add(obj.id)
            self._unsaved.add(obj.id)
        set_value(self.status, t("save.unsaved", self.lang))
        self._feedback.trigger()
        self._save.trigger()

    def add_objective(self, title: str = "") -> Objective:
        """Add an empty objective to the team, save it, and show it."""
        with self._lock:
            obj = self.team.add_objective(title)
            self._write(lambda store: store.save(obj))
            self._render()
            self._recheck_all()
        return obj

    def remove_objective(self, obj: Objective) -> None:
        """Remove an objective and its key results from the team and the file."""
        with self._lock:
            self.team.remove_objective(obj)
            self._unsaved.discard(obj.id)
            self._dirty.discard(obj.id)
            self.findings.pop(obj.id, None)
            self._write(lambda store: (store.delete(obj.id), store.save(self.team)))
            self._render()
            self._recheck_all()

    def move_objective(self, obj: Objective, step: int) -> None:
        """Move an objective up (-1) or down (+1)."""
        with self._lock:
            index = self.team.objectives.index(obj)
            self.team.move_objective(obj, max(0, index + step))
            self._write(lambda store: store.save(self.team))
            self._render()
            self._recheck_all()

    def add_key_result(self, obj: Objective, text: str = "") -> KeyResult:
        """Add an empty key result to ``obj``, save it, and show it."""
        with self._lock:
            kr = obj.add_key_result(text)
            self._write(lambda store: store.save(kr))
            self.editors[obj.id]._render()
            self._recheck(obj)
        self.editors[obj.id].editors[kr.id].fields["text"].input.focus()
        return kr

    def remove_key_result(self, kr: KeyResult) -> None:
        """Remove a key result from its objective and the file."""
        with self._lock:
            obj = kr.objective
            obj.remove_key_result(kr)
            self._write(lambda store: (store.delete(kr.id), store.save(obj)))
            self.editors[obj.id]._render()
            self._recheck(obj)

    def move_key_result(self, kr: KeyResult, step: int) -> None:
        """Move a key result up (-1) or down (+1) within its objective."""
        with self._lock:
            obj = kr.objective
            index = obj.key_results.index(kr)
            obj.move_key_result(kr, max(0, index + step))
            self._write(lambda store: store.save(obj))
            self.editors[obj.id]._render()
            self._recheck(obj)

    def set_lang(self, lang: str) -> None:
        """Show the form in ``lang`` (sv or en); the feedback is recomputed in that language."""
        with self._lock:
            self.lang = check_lang(lang)
            for editor in self.editors.values():
                close_tree(editor)
            old = self.children
            self._build()
            for child in old:
                close_tree(child)

    # ---------------------------------------------------------------- saving

    def flush(self) -> None:
        """Run the pending quality check and save now (tests, the Save button, closing)."""
        self._feedback.flush()
        self._save.flush()
        if not self._unsaved and self.save_error is None:
            self._show_saved()

    def _save_pending(self) -> None:
        with self._lock:
            pending = [o for o in self.team.objectives if o.id in self._unsaved]
            if not pending:
                return
            if self._write(lambda store: [store.save(o) for o in pending]):
                self._unsaved.difference_update(o.id for o in pending)
                self._show_saved()

    def _write(self, action) -> bool:
        """Run a store write; on failure keep the changes in memory and say so."""
        # SQLite connections belong to their thread: a timer thread writes through its own.
        other_thread = threading.get_ident() != self._thread
        try:
            if other_thread:
                with open_store(self.store.path) as store:
                    action(store)
            else:
                action(self.store)
        except (OkrWorkshopError, OSError) as err:
            self.save_error = str(err)
            set_value(self.status, t("save.failed", self.lang, error=" ".join(str(err).split())))
            log.warning("could not save: %s", err)
            return False
        self.save_error = None
        self.last_saved = dt.datetime.now()
        return True

    def _show_saved(self) -> None:
        if self.last_saved is not None:
            set_value(self.status, t("save.saved", self.lang, time=self.last_saved.strftime("%H:%M:%S")))

    # ---------------------------------------------------------------- feedback

    def _update_feedback(self) -> None:
        with self._lock:
            dirty, self._dirty = self._dirty, set()
            for obj in self.team.objectives:
                if obj.id in dirty:
                    self._recheck(obj)

    def _recheck(self, obj: Objective) -> None:
        """Rerun the rules of one objective (and its key results) and show them."""
        self.findings[obj.id] = quality.check(obj, lang=self.lang)
        self._show(obj)
        self._show_team()

    def _recheck_all(self) -> None:
        """Rerun every rule of the team (after a structural change: add, remove, reorder)."""
        found = quality.check(self.team, lang=self.lang)
        ids = {o.id for o in self.team.objectives}
        self.team_findings = [f for f in found if f.target_id == self.team.id]
        by_obj: dict[str, list] = {i: [] for i in ids}
        kr_owner = {kr.id: o.id for o in self.team.objectives for kr in o.key_results}
        for f in found:
            owner = f.target_id if f.target_id in ids else kr_owner.get(f.target_id)
            if owner is not None:
                by_obj[owner].append(f)
        self.findings = by_obj
        self._dirty.clear()
        for obj in self.team.objectives:
            self._show(obj)
        self._show_team()

    def _show(self, obj: Objective) -> None:
        findings = self.findings.get(obj.id, [])
        self.editors[obj.id].show_findings(findings, quality.strength(obj, findings))

    def _show_team(self) -> None:
        every = [f for obj in self.team.objectives for f in self.findings.get(obj.id, [])] + self.team_findings
        self.team_feedback.show(self.team_findings)
        self.team_strength.show(quality.strength(self.team, every))

    @property
    def all_findings(self) -> list:
        """Every finding currently shown, team-level first."""
        return self.team_findings + [f for obj in self.team.objectives for f in self.findings.get(obj.id, [])]

    # ---------------------------------------------------------------- rendering

    def _render(self) -> None:
        """Recompute the children from the model (editors are reused by id)."""
        with self._quiet:
            ws = self.workshop
            self.title.value = (
                f"<h3 style='margin:4px 0'>{html.escape(t('drafting.title', self.lang, team=self.team.name))}</h3>"
                f"<div>{html.escape(ws.organisation)} · {html.escape(ws.period.label)}</div>"
            )
            set_value(self.lang_toggle, self.lang)
        editors = {}
        for obj in self.team.objectives:
            editor = self.editors.get(obj.id) or ObjectiveEditor(self, obj)
            editor._render()
            editors[obj.id] = editor
        for gone in set(self.editors) - set(editors):
            close_tree(self.editors[gone])
        self.editors = editors
        children = tuple(editors[o.id] for o in self.team.objectives)
        if self.objectives_box.children != children:
            self.objectives_box.children = children

    # ---------------------------------------------------------------- lifetime

    def close(self) -> None:
        """Save what is pending, close the file if the form opened it, and close the widgets."""
        if getattr(self, "_closed", True) or sys.meta_path is None:
            return  # already closed, half built, or the interpreter is shutting down
        self._closed = True
        try:
            self.flush()
        except Exception as err:  # closing must not fail; a failed save was reported in the status line
            log.warning("could not save while closing the drafting form: %s", err)
        finally:
            self._feedback.cancel()
            self._save.cancel()
            if self._own_store and self.store is not None:
                self.store.close()
            for child in self.children:
                close_tree(child)
            super().close()
