"""The drafting form: one team's objectives and key results, with live quality feedback.

The form is a view over the team in a workshop loaded from the workshop file.
A keystroke changes the model and is saved to the file at once, field by
field (``Store.save_fields``): only what this form changed is written, and a
field someone else changed meanwhile is a conflict shown in words, never
overwritten. The quality check of that objective runs after a short pause in
typing. Other forms' changes (two laptops on one team, the facilitator's
form) are picked up live: the form polls the file's revision and merges.
Removing an objective asks first and can be undone. A new objective is a draft
in this form until it has a title (or a key result with text): only then is it
written to the file, so *Add objective* pressed and left empty leaves nothing
behind, and the other forms of the team never see an empty card. ``flush()`` runs
what is pending now. With ``expanded=1`` (the app's team page) only the first objective's
card is built whole at the start; the others show their title and a summary line
until opened (see ``editors``).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import html
import logging
import os
import sys
import threading

import ipywidgets as w

from .. import quality
from ..errors import DeletedElsewhereError, NotFoundError, OkrWorkshopError
from ..i18n.texts import check_lang, t
from ..model.entities import KeyResult, Objective, Team
from ..storage.store import Store, open_store
from .common import FORM_WIDTH, Guard, button, close_tree, html_widget, lang_switch, set_value
from .debounce import Debouncer
from .editors import ObjectiveEditor, describe_conflict, shown_title
from .feedback import FindingsView, StrengthMeter
from .sync import GRACE, TeamCopy

log = logging.getLogger("okr_workshop")

# seconds of typing pause before the quality check reruns: long enough that a steady typist (about 5 keys a
# second) sees no red "not measurable" flash at every letter of a key result that has no number yet (a coach's
# trial), short enough that the feedback still comes as they type
FEEDBACK_DELAY = 0.5
SAVE_DELAY = 0  # save each field as it changes: a reload a moment after typing loses nothing
POLL_SECONDS = 2.0  # how often the form looks for other forms' saves


class DraftingForm(w.VBox):
    """Draft one team's OKRs. ``store``: an open Store or a workshop file path; ``team``: name or id.

    lang: sv or en (default: the workshop's language); feedback_delay and
    save_delay: debounce in seconds (0 = at once, None = only on ``flush()``);
    live: seconds between looks for other forms' saves, started at once inside
    a running event loop (a Jupyter kernel), else by ``start_live()``; None = only on ``sync()``.
    expanded: how many objectives (from the first) are shown whole at the start, None = all;
    the others show their title and a summary until opened (``ObjectiveEditor.expand``): the
    key-result editors are most of a form's widgets, and each widget is a message through the
    kernel, the server and the browser.
    """

    def __init__(
        self,
        store: Store | str | os.PathLike,
        team: Team | str,
        lang: str | None = None,
        *,
        feedback_delay: float | None = FEEDBACK_DELAY,
        save_delay: float | None = SAVE_DELAY,
        live: float | None = POLL_SECONDS,
        grace: float = GRACE,
        expanded: int | None = None,
    ):
        self._own_store = not isinstance(store, Store)
        self.store = open_store(store) if self._own_store else store
        self.workshop = self.store.load()
        self.team = self.workshop.team(team.id if isinstance(team, Team) else team)
        self.lang = check_lang(lang, self.workshop.lang)
        self.copy = TeamCopy(self.team, self.workshop.loaded_from[-1], grace)
        shown = self.team.objectives if expanded is None else self.team.objectives[:expanded]
        self.opened: set[str] = {obj.id for obj in shown}  # objectives whose cards are built whole
        self.interval = live
        self._poller: threading.Thread | asyncio.Task | None = None
        self._stop: threading.Event | None = None
        self._undo: tuple[Objective | KeyResult, int, Team | Objective] | None = None  # the last removal
        self._lock = threading.RLock()
        self._thread = threading.get_ident()
        self._quiet = Guard()
        self._dirty: set[str] = set()  # objectives whose findings are stale
        self.findings: dict[str, list] = {}  # objective id -> its findings
        self.team_findings: list = []
        self.last_saved: dt.datetime | None = None
        self.save_error: str | None = None
        self._conflicted = False  # the last save met a field changed elsewhere
        self._feedback = Debouncer(self._update_feedback, feedback_delay)
        self._save = Debouncer(self._save_pending, save_delay)
        super().__init__(layout=w.Layout(width="100%", max_width=FORM_WIDTH))
        self._closed = False
        self.add_class("okr-drafting-form")
        self._build()
        if live is not None:
            with contextlib.suppress(RuntimeError):  # no running loop: outside a kernel, start_live() on request
                asyncio.get_running_loop()
                self.start_live()

    # ---------------------------------------------------------------- building

    def _build(self) -> None:
        lang = self.lang
        self.title = html_widget()
        self.lang_toggle = lang_switch(lang)
        self.team_strength = StrengthMeter(lang, "feedback.team_strength")
        self.team_feedback = FindingsView(lang)
        self.objectives_box = w.VBox(layout=w.Layout(width="100%"))
        self.add_objective_button = button(lang, "objective.add", css="okr-add-objective", icon="plus")
        self.save_button = button(lang, "drafting.save", css="okr-save", style="primary", icon="save")
        self.status = w.Label(layout=w.Layout(width="auto"))
        self.status.add_class("okr-save-status")
        self.notice = html_widget(css="okr-notice", width="auto")  # removed here (with Undo), or deleted elsewhere
        self.undo_button = button(lang, "remove.undo", css="okr-undo", icon="undo", own=True)  # shown and hidden
        self.undo_button.layout.display = "none"
        notices = w.HBox([self.notice, self.undo_button], layout=w.Layout(align_items="center", flex_flow="row wrap"))
        self.editors: dict[str, ObjectiveEditor] = {}
        header = w.HBox(
            [self.title, self.lang_toggle],
            layout=w.Layout(justify_content="space-between", align_items="center", flex_flow="row wrap"),
        )
        footer = w.HBox(  # wraps on a phone: the buttons keep their whole text
            [self.add_objective_button, self.save_button, self.status],
            layout=w.Layout(align_items="center", flex_flow="row wrap"),
        )
        self.children = (header, notices, self.team_strength, self.team_feedback, self.objectives_box, footer)
        # handlers, in one block
        self.lang_toggle.observe(self._on_lang_toggle_change, "value")
        self.add_objective_button.on_click(self._on_add_objective_click)
        self.save_button.on_click(self._on_save_button_click)
        self.undo_button.on_click(self._on_undo_button_click)
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

    def _on_undo_button_click(self, _button) -> None:
        self.undo()

    def _on_save_button_click(self, _button) -> None:
        self.flush()
        with self._lock:  # after Spara an empty title is an error, not a hint any more
            for obj in self.team.objectives:
                self.editors[obj.id].touch()
                self._show(obj)

    # ---------------------------------------------------------------- model changes

    def changed(self, item: Objective | KeyResult, name: str | None = None) -> None:
        """An editor changed field ``name`` of ``item``: save it (at once by default) and recheck, debounced."""
        obj = item.objective if isinstance(item, KeyResult) else item
        with self._lock:
            if name is not None:
                self.copy.typed_in(item, name)
            if obj is not None:
                self._dirty.add(obj.id)
        set_value(self.status, t("save.unsaved", self.lang))
        self._feedback.trigger()
        self._save.trigger()

    @property
    def _unsaved(self) -> set[str]:
        """Ids of the rows with changes the file does not have yet (drafts are not written on purpose)."""
        return {
            item.id
            for item in self.copy.rows()
            if (not self.copy.tracked(item) and not self.is_draft(item)) or self.copy.unsaved(item)
        }

    def is_draft(self, item: Objective | KeyResult) -> bool:
        """True for a new objective not written yet because nothing is in it (and for its key results).

        Written once it has a title or a key result with text; a draft left empty is dropped with the page.
        """
        obj = item.objective if isinstance(item, KeyResult) else item
        if obj is None or self.copy.tracked(obj):
            return False
        return not obj.title.strip() and not any(kr.text.strip() for kr in obj.key_results)

    def add_objective(self, title: str = "") -> Objective:
        """Add an objective to the team and show it; written to the file once it has a title."""
        with self._lock:
            obj = self.team.add_objective(title)
            self.opened.add(obj.id)  # the team is about to write in it
            if not self.is_draft(obj) and self._write(lambda store: store.save(obj)):
                self.copy.track(obj)
            self._render()
            self._recheck_all()
        return obj

    def remove_objective(self, obj: Objective) -> None:
        """Remove an objective and its key results from the team and the file (``undo()`` puts it back)."""
        with self._lock:
            index = self.team.objectives.index(obj)
            draft = not self.copy.tracked(obj)  # never written: nothing to delete in the file
            self.team.remove_objective(obj)
            self.copy.forget(obj)
            self._dirty.discard(obj.id)
            self.findings.pop(obj.id, None)
            if draft:
                self._offer_undo(
                    obj, index, self.team, t("remove.done_objective", self.lang, title=shown_title(obj, self.lang))
                )
            elif self._write(lambda store: (_delete(store, obj.id), store.save_order(self.team))):
                self._offer_undo(
                    obj, index, self.team, t("remove.done_objective", self.lang, title=shown_title(obj, self.lang))
                )
            self._render()
            self._recheck_all()

    def undo(self) -> bool:
        """Put back the objective or key result removed last (from this form's copy, into the file)."""
        with self._lock:
            if self._undo is None:
                return False
            item, index, parent = self._undo
            if isinstance(parent, Objective) and parent not in self.team.objectives:  # its objective is gone
                gone = t("sync.deleted_objective", self.lang, title=shown_title(parent, self.lang))
                self._say(t("remove.undo_failed", self.lang, error=gone))
                self._undo = None
                self.undo_button.layout.display = "none"
                return False
            siblings = parent.objectives if isinstance(parent, Team) else parent.key_results
            siblings.insert(min(index, len(siblings)), item)
            if isinstance(item, Objective):
                item.team = parent
            else:
                item.objective = parent
            if not self.is_draft(item):  # a draft removed before it was written goes back into the form only
                if not self._write(lambda store: (store.restore(item), store.save_order(parent))):
                    siblings.remove(item)
                    self._say(t("remove.undo_failed", self.lang, error=self.save_error or ""))
                    return False
                self.copy.track(item)
            self._undo = None
            self.undo_button.layout.display = "none"
            self._say(t("remove.undone", self.lang, title=shown_title(item, self.lang)))
            self._render()
            self._recheck_all()
            return True

    def _offer_undo(self, item: Objective | KeyResult, index: int, parent: Team | Objective, message: str) -> None:
        self._undo = (item, index, parent)
        self._say(message)
        self.undo_button.layout.display = None

    def _say(self, message: str) -> None:
        """A sentence in the form's notice line (participant text in it is escaped here)."""
        set_value(self.notice, f'<span class="okr-notice-text">{html.escape(message)}</span>' if message else "")

    def move_objective(self, obj: Objective, step: int) -> None:
        """Move an objective up (-1) or down (+1)."""
        with self._lock:
            index = self.team.objectives.index(obj)
            self.team.move_objective(obj, max(0, index + step))
            self._write(lambda store: store.save_order(self.team))
            self._render()
            self._recheck_all()

    def add_key_result(self, obj: Objective, text: str = "") -> KeyResult:
        """Add an empty key result to ``obj``, save it, and show it."""
        with self._lock:
            kr = obj.add_key_result(text)
            # in a draft objective the key result is written with the objective, once that has a title
            if self.copy.tracked(obj) and self._write(lambda store: store.save(kr)):
                self.copy.track(kr)
            if obj not in self.team.objectives:  # its objective was deleted elsewhere meanwhile
                return kr
            self.editors[obj.id].expand()
            self.editors[obj.id]._render()
            self._recheck(obj)
        self.editors[obj.id].editors[kr.id].fields["text"].input.focus()
        return kr

    def remove_key_result(self, kr: KeyResult) -> None:
        """Remove a key result from its objective and the file (``undo()`` puts it back)."""
        with self._lock:
            obj = kr.objective
            index = obj.key_results.index(kr)
            obj.remove_key_result(kr)
            self.copy.forget(kr)
            if self._write(lambda store: (_delete(store, kr.id), store.save_order(obj))):
                self._offer_undo(kr, index, obj, t("remove.done_kr", self.lang, title=shown_title(kr, self.lang)))
            if obj in self.team.objectives:
                self.editors[obj.id]._render()
                self._recheck(obj)

    def move_key_result(self, kr: KeyResult, step: int) -> None:
        """Move a key result up (-1) or down (+1) within its objective."""
        with self._lock:
            obj = kr.objective
            index = obj.key_results.index(kr)
            obj.move_key_result(kr, max(0, index + step))
            self._write(lambda store: store.save_order(obj))
            if obj in self.team.objectives:
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
        """Write every field this form changed (and rows it could not insert before); show conflicts."""
        with self._lock:
            gone = False
            conflicts: dict[str, list] = {}

            def save(store: Store) -> None:
                nonlocal gone
                for item in list(self.copy.rows()):
                    if not self.copy.tracked(item):
                        if self.is_draft(item):
                            continue  # an empty new objective (and its key results): written once it has a title
                        parent = item.objective if isinstance(item, KeyResult) else None
                        if parent is None or self.copy.tracked(parent):
                            try:  # a new objective, or a row this form could not insert before (disk full)
                                store.save(item)
                            except NotFoundError:
                                gone = True  # what it belongs to was deleted elsewhere meanwhile
                                continue
                            self.copy.track(item)
                        continue
                    base = self.copy.unsaved(item)
                    if not base:
                        continue
                    stale = self.copy.typed_on_old_text(item, base)
                    try:
                        result = store.save_fields(item, base) if base else None
                    except DeletedElsewhereError:
                        gone = True  # never saved again; the merge below removes it and says so
                        continue
                    found, taken = self.copy.saved(item, result) if result else ([], False)
                    found = stale + found
                    obj = item.objective if isinstance(item, KeyResult) else item
                    if found or taken:
                        conflicts.setdefault(obj.id, []).extend((item, conflict) for conflict in found)

            ok = self._write(save)
            for obj_id, found in conflicts.items():  # rows to show again: with conflicts, or others' fields
                if obj_id in self.editors:
                    if found:
                        self.editors[obj_id].show_conflicts([describe_conflict(i, c, self.lang) for i, c in found])
                    self.editors[obj_id]._render()
                    self._dirty.add(obj_id)
            if gone:
                self.sync(force=True)
            if ok:
                self._conflicted = any(conflicts.values())
                self._show_saved()
        if conflicts:
            self._feedback.trigger()

    # ---------------------------------------------------------------- live: other forms' saves

    def sync(self, force: bool = False, store: Store | None = None) -> bool:
        """Merge other forms' saves into this form if the file changed; True when something was taken over."""
        with self._lock:
            try:
                if store is None and threading.get_ident() != self._thread:
                    with open_store(self.store.path) as own:
                        return self.sync(force, own)
                store = store or self.store
                if not force and not self.copy.deferred and store.revision() == self.copy.revision:
                    return False
                revision, rows = store.team_rows(self.team.id)
            except (OkrWorkshopError, OSError) as err:
                log.warning("could not look for other forms' saves: %s", err)
                return False
            merged = self.copy.merge(rows)
            self.copy.revision = revision
            messages = []
            for item, unsaved in merged.deleted:
                key = "sync.deleted_objective" if isinstance(item, Objective) else "sync.deleted_kr"
                message = t(key, self.lang, title=shown_title(item, self.lang))
                if unsaved:
                    lost = "; ".join(f"«{v}»" for v in _texts(item, unsaved))
                    message += " " + t("sync.deleted_unsaved", self.lang, changes=lost)
                messages.append(message)
                self.findings.pop(item.id, None)
            if messages:
                self._say(" ".join(messages))
            if merged.structure:
                self._render()
                self._recheck_all()
            else:
                for obj_id in merged.rows:
                    self.editors[obj_id]._render()
                    self._recheck(next(o for o in self.team.objectives if o.id == obj_id))
            return bool(merged.structure or merged.rows or merged.deleted)

    @property
    def live(self) -> bool:
        """True while the form polls the file for other forms' saves."""
        return self._poller is not None

    def start_live(self) -> None:
        """Look for other forms' saves every ``interval`` seconds; on the kernel's loop if there is one."""
        if self._poller is not None or self.interval is None:
            return
        self._stop = stop = threading.Event()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            thread = threading.Thread(target=self._poll_thread, args=(stop,), daemon=True, name="okr-drafting")
            self._poller = thread
            thread.start()
        else:
            self._poller = loop.create_task(self._poll_async(stop))

    def stop_live(self) -> None:
        """Stop polling; returns when the poller has stopped."""
        poller, stop, self._poller = self._poller, self._stop, None
        if stop is not None:
            stop.set()
        if isinstance(poller, threading.Thread) and poller is not threading.current_thread():
            poller.join(timeout=max(5.0, (self.interval or 0) * 2))
        elif isinstance(poller, asyncio.Task):
            poller.cancel()

    async def _poll_async(self, stop: threading.Event) -> None:
        while not stop.is_set():
            await asyncio.sleep(self.interval)
            if not stop.is_set():
                try:
                    self.sync()
                except Exception:  # keep polling: one bad merge must not end live updates
                    log.exception("could not merge other forms' saves")

    def _poll_thread(self, stop: threading.Event) -> None:
        try:  # SQLite connections belong to their thread: the poller opens its own
            store = open_store(self.store.path)
        except OkrWorkshopError as err:
            log.warning("live updates stopped: %s", err)
            return
        try:
            while not stop.wait(self.interval):
                self.sync(store=store)
        except Exception:
            log.exception("live updates stopped")
        finally:
            store.close()

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
            key = "save.conflict" if self._conflicted else "save.saved"  # never a plain "Saved" after a conflict
            set_value(self.status, t(key, self.lang, time=self.last_saved.strftime("%H:%M:%S")))

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
            editor = self.editors.get(obj.id) or ObjectiveEditor(self, obj, opened=obj.id in self.opened)
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
        self.stop_live()
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


def _delete(store: Store, item_id: str) -> None:
    """Delete a row; one another form deleted already is simply gone."""
    with contextlib.suppress(NotFoundError):
        store.delete(item_id)


def _texts(item: Objective | KeyResult, names) -> list[str]:
    """The values this form had typed into ``names`` of ``item`` (for saying what was not saved)."""
    from ..storage.fields import fields_of

    mine = fields_of(item)
    return [str(mine[name]) for name in names if mine[name] not in (None, "")]
