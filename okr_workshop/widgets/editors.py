"""Editors of one objective and one key result: views over the model objects they are given.

An editor never owns state: every keystroke is written to the model object at
once and the form is told (``form.changed``); ``_render()`` copies the model
back into the inputs under a guard, so those updates fire no handlers.

An objective's card can be *collapsed*: its title and one summary line, with the
rest (why, type, owner, parent and the key results) built only when it is opened.
Every widget is a model sent through the kernel, the server and the browser, and
ten teams opening their pages at once wait for all of them; the key-result
editors are most of a form's widgets. An editor opened later is built from the
model as it is then, so it shows what other forms saved meanwhile. For the same
reason styles and layouts are shared (``common.shared``) wherever a widget never
changes its own.
"""

from __future__ import annotations

import html

import ipywidgets as w

from ..errors import ValidationError
from ..i18n.formatting import format_number
from ..i18n.texts import t
from ..model.entities import KeyResult, Kind, Objective, ObjectiveType, _confidence, _number, _text
from ..model.validate import AmbiguousNumberError, text_problem
from ..quality.findings import Finding
from .common import (
    Guard,
    button,
    close_tree,
    counted,
    dropdown,
    html_widget,
    plain_number,
    set_value,
    shared,
    text_input,
)
from .feedback import FindingsView, StrengthMeter, field_of

MAX_CONFLICTS = 12  # conflict sentences kept on a card, newest first
CARD = {"border": "1px solid #c8c8c8", "padding": "6px 10px", "margin": "6px 0", "width": "100%"}
# min(100%, …): one column when the card is narrower than a cell, instead of overflowing it
GRID = "repeat(auto-fill, minmax(min(100%, 300px), 1fr))"  # two columns in a 900px form
FAR_END = "2px 2px 2px auto"  # a Remove button at the bar's far end, away from Up/Down
SEVERITIES = ("error", "warning", "info")


def _grid(children: list) -> w.GridBox:
    return w.GridBox(children, layout=shared(w.Layout, grid_template_columns=GRID, grid_gap="0 12px", width="100%"))


def _number_text(value: float | None) -> str:
    return "" if value is None else plain_number(value)


def _parse_number(lang: str, raw: str) -> float | None:
    try:
        return _number("value", raw)
    except AmbiguousNumberError as err:
        places = len(err.decimal.partition(".")[2])  # "12.000": the three decimals are the point
        decimal = format_number(float(err.decimal), lang, digits=places, grouping=False)
        raise ValidationError(
            "value", t("input.ambiguous_number", lang, value=raw[:30], whole=err.whole, decimal=decimal)
        ) from None
    except ValidationError:
        raise ValidationError("value", t("input.not_a_number", lang, value=raw[:30])) from None


def _parse_text(lang: str, raw: str) -> str:
    try:
        return _text("text", raw)
    except ValidationError as err:
        found = text_problem(raw.replace("\r", "\n")) if isinstance(raw, str) else None
        problem = (
            t("input.bad_character", lang, code=found[1], position=found[0] + 1) if found else err.render_problem(lang)
        )
        raise ValidationError("text", t("input.bad_text", lang, problem=problem)) from None


class _Field:
    """An input and the feedback shown right below it."""

    __slots__ = ("input", "feedback", "box", "error", "touched")

    def __init__(self, input_widget, lang: str, *, own_layout: bool = False, touched: bool = False):
        self.input = input_widget
        self.feedback = FindingsView(lang, layout=shared(w.Layout, width="100%"))
        box_layout = {"width": "100%", "min_width": "0"}  # own_layout: the box is shown or hidden later
        layout = w.Layout(**box_layout) if own_layout else shared(w.Layout, **box_layout)
        self.box = w.VBox([input_widget, self.feedback], layout=layout)
        self.error: str | None = None
        self.touched = touched  # typed in, or Spara pressed: an empty text is then an error, not a hint

    def show(self, findings: list[Finding]) -> None:
        if self.error:
            self.feedback.error(self.error)
        else:
            self.feedback.show(findings, hint_empty=not self.touched)


class KeyResultEditor(w.VBox):
    """The inputs of one key result: text, metric, unit, kind, baseline, target, owner, confidence."""

    def __init__(self, form, kr: KeyResult):
        self.form, self.kr, self.lang = form, kr, form.lang
        self._quiet = Guard()
        lang = self.lang
        kinds = [(t(f"kind.{k.value}", lang), k.value) for k in Kind]
        confidences = [(t("common.not_set", lang), "")] + [(str(i), str(i)) for i in range(1, 11)]
        self.heading = html_widget()
        self.up = button(lang, "kr.up", css="okr-kr-up")
        self.down = button(lang, "kr.down", css="okr-kr-down")
        self.remove = button(lang, "kr.remove", css="okr-remove-kr", style="danger", margin=FAR_END)
        self.fields = {
            "text": _Field(text_input(lang, "kr.text", css="okr-kr-text"), lang),
            "metric": _Field(text_input(lang, "kr.metric", css="okr-kr-metric"), lang),
            "unit": _Field(text_input(lang, "kr.unit", css="okr-kr-unit"), lang),
            "kind": _Field(dropdown(lang, "kr.kind", kinds, Kind.INCREASE.value, css="okr-kr-kind"), lang),
            "baseline": _Field(text_input(lang, "kr.baseline", css="okr-kr-baseline"), lang),
            "target": _Field(text_input(lang, "kr.target", css="okr-kr-target"), lang),
            "owner": _Field(text_input(lang, "kr.owner", css="okr-kr-owner"), lang),
            "confidence": _Field(dropdown(lang, "kr.confidence", confidences, "", css="okr-kr-confidence"), lang),
        }
        # in pairs: metric and unit, from and to, kind and owner (the same order for Tab)
        grid = _grid(
            [self.fields[k].box for k in ("metric", "unit", "baseline", "target", "kind", "owner", "confidence")]
        )
        bar = w.HBox(
            [self.heading, self.up, self.down, self.remove],
            layout=shared(w.Layout, align_items="center", flex_flow="row wrap"),  # on a phone: two lines
        )
        card = shared(w.Layout, **{**CARD, "border": "1px dashed #ccc"})
        super().__init__([bar, self.fields["text"].box, grid], layout=card)
        self.add_class("okr-key-result")
        self._render()
        # handlers, in one block
        f = self.fields
        f["text"].input.observe(self._on_text_change, "value")
        f["metric"].input.observe(self._on_metric_change, "value")
        f["unit"].input.observe(self._on_unit_change, "value")
        f["kind"].input.observe(self._on_kind_change, "value")
        f["baseline"].input.observe(self._on_baseline_change, "value")
        f["target"].input.observe(self._on_target_change, "value")
        f["owner"].input.observe(self._on_owner_change, "value")
        f["confidence"].input.observe(self._on_confidence_change, "value")
        self.up.on_click(self._on_up_click)
        self.down.on_click(self._on_down_click)
        self.remove.on_click(self._on_remove_click)

    # ---------------------------------------------------------------- handlers

    def _on_text_change(self, change) -> None:
        self._apply("text", lambda v: _parse_text(self.lang, v), change)

    def _on_metric_change(self, change) -> None:
        self._apply("metric", lambda v: _parse_text(self.lang, v), change)

    def _on_unit_change(self, change) -> None:
        self._apply("unit", lambda v: _parse_text(self.lang, v), change)

    def _on_kind_change(self, change) -> None:
        self._apply("kind", Kind, change)

    def _on_baseline_change(self, change) -> None:
        self._apply("baseline", lambda v: _parse_number(self.lang, v), change)

    def _on_target_change(self, change) -> None:
        self._apply("target", lambda v: _parse_number(self.lang, v), change)

    def _on_owner_change(self, change) -> None:
        self._apply("owner", lambda v: _parse_text(self.lang, v), change)

    def _on_confidence_change(self, change) -> None:
        self._apply("confidence", lambda v: _confidence("confidence", v), change)

    def _on_up_click(self, _button) -> None:
        self.form.move_key_result(self.kr, -1)

    def _on_down_click(self, _button) -> None:
        self.form.move_key_result(self.kr, +1)

    def _on_remove_click(self, _button) -> None:
        self.form.remove_key_result(self.kr)

    def _apply(self, name: str, parse, change) -> None:
        if self._quiet:
            return
        field = self.fields[name]
        try:
            value = parse(change["new"])
        except ValidationError as err:
            field.error = err.render_problem(self.lang)  # a model error in the form's language
            field.feedback.error(field.error)
            return
        field.error = None
        field.touched = True
        setattr(self.kr, name, value)
        self.form.changed(self.kr, name)

    # ---------------------------------------------------------------- rendering

    def _render(self) -> None:
        kr, f = self.kr, self.fields
        obj = kr.objective
        index = next((i for i, k in enumerate(obj.key_results) if k is kr), 0) if obj else 0
        with self._quiet:
            set_value(self.heading, f"<strong>{html.escape(t('kr.heading', self.lang, n=index + 1))}</strong>")
            set_value(f["text"].input, kr.text)
            set_value(f["metric"].input, kr.metric)
            set_value(f["unit"].input, kr.unit)
            set_value(f["kind"].input, kr.kind.value)
            if not f["baseline"].error:
                set_value(f["baseline"].input, _number_text(kr.baseline))
            if not f["target"].error:
                set_value(f["target"].input, _number_text(kr.target))
            set_value(f["owner"].input, kr.owner)
            set_value(f["confidence"].input, "" if kr.confidence is None else str(kr.confidence))
            self.up.disabled = index == 0
            self.down.disabled = obj is None or index >= len(obj.key_results) - 1

    def show_findings(self, findings: list[Finding]) -> None:
        """Put each finding next to the field it is about."""
        by_field: dict[str, list[Finding]] = {name: [] for name in self.fields}
        for finding in findings:
            by_field.get(field_of(finding), by_field["text"]).append(finding)
        for name, field in self.fields.items():
            field.show(by_field[name])


class ObjectiveEditor(w.VBox):
    """The inputs of one objective (title, why, type, owner, parent) and its key results.

    opened: build everything now; otherwise the card shows the title and a summary line
    until ``expand()`` (its button, or a key result added to it) builds the rest.
    """

    def __init__(self, form, obj: Objective, *, opened: bool = True):
        self.form, self.obj, self.lang = form, obj, form.lang
        self._quiet = Guard()
        lang = self.lang
        self.heading = html_widget()
        self.up = button(lang, "objective.up", css="okr-objective-up")
        self.down = button(lang, "objective.down", css="okr-objective-down")
        self.remove = button(lang, "objective.remove", css="okr-remove-objective", style="danger", margin=FAR_END)
        # takes the rest of the bar, or a line of its own below the buttons when the card is narrow
        self.strength = StrengthMeter(lang, "feedback.objective_strength", layout=shared(w.Layout, flex="1 1 280px"))
        self.fields = {"text": _Field(text_input(lang, "objective.title", css="okr-objective-title"), lang)}
        self.editors: dict[str, KeyResultEditor] = {}
        self.opened = False
        self._touched = False  # Spara was pressed: fields built later start touched
        self._findings: list[Finding] = []  # the last findings shown, kept for the parts not built yet
        self._score = 0
        self._bar = w.HBox(
            [self.heading, self.up, self.down, self.strength, self.remove],
            layout=shared(w.Layout, align_items="center", flex_flow="row wrap"),
        )
        # Ta bort mål asks first (an objective holds a team's work); Undo in the form puts it back after.
        self.confirm_box: w.HBox | None = None  # built on the first Remove
        self.conflicts = html_widget(css="okr-conflicts")  # fields changed elsewhere while typing in them, in words
        self.conflict_messages: list[str] = []
        self.summary = html_widget(css="okr-objective-summary")  # the collapsed card's one line
        self.open_button = button(lang, "objective.open", css="okr-open-objective", icon="chevron-down")
        self._body: list[w.Widget] = []
        super().__init__(layout=shared(w.Layout, **CARD))
        self.add_class("okr-objective")
        if opened:
            self._build_body()
        self._layout_children()
        self._render()
        # handlers, in one block (those of the parts built on opening: in _build_body)
        self.fields["text"].input.observe(self._on_title_change, "value")
        self.up.on_click(self._on_up_click)
        self.down.on_click(self._on_down_click)
        self.remove.on_click(self._on_remove_click)
        self.open_button.on_click(self._on_open_button_click)

    def _build_body(self) -> None:
        """Build why, type, owner, parent and the key results' part of the card."""
        lang, touched = self.lang, self._touched
        types = [(t("common.not_set", lang), "")] + [(t(f"type.{k.value}", lang), k.value) for k in ObjectiveType]
        has_parent = self.obj.team is not None and self.obj.team.parent is not None
        parent = dropdown(lang, "objective.parent", self._parent_options(), "", css="okr-objective-parent")
        self.fields.update(
            why=_Field(text_input(lang, "objective.why", css="okr-objective-why", area=3), lang, touched=touched),
            type=_Field(dropdown(lang, "objective.type", types, "", css="okr-objective-type"), lang, touched=touched),
            owner=_Field(text_input(lang, "objective.owner", css="okr-objective-owner"), lang, touched=touched),
            parent=_Field(parent, lang, own_layout=True, touched=touched),
        )
        self.fields["parent"].box.layout.display = None if has_parent else "none"
        # a select shows as much of the chosen title as fits its width: the whole title goes below it
        self.parent_title = html_widget(css="okr-parent-title")
        box = self.fields["parent"].box
        box.children = (box.children[0], self.parent_title, *box.children[1:])
        self.kr_feedback = FindingsView(lang)
        self.kr_box = w.VBox(layout=shared(w.Layout, width="100%"))
        self.add_kr = button(lang, "kr.add", css="okr-add-kr", icon="plus")
        grid = _grid([self.fields[k].box for k in ("type", "owner", "parent")])
        self._body = [self.fields["why"].box, grid, self.kr_feedback, self.kr_box, self.add_kr]
        self.opened = True
        # handlers, in one block
        f = self.fields
        f["why"].input.observe(self._on_why_change, "value")
        f["type"].input.observe(self._on_type_change, "value")
        f["owner"].input.observe(self._on_owner_change, "value")
        f["parent"].input.observe(self._on_parent_change, "value")
        self.add_kr.on_click(self._on_add_kr_click)

    def _layout_children(self) -> None:
        head = [self._bar] + ([self.confirm_box] if self.confirm_box is not None else [])
        rest = self._body if self.opened else [self.summary, self.open_button]
        children = (*head, self.conflicts, self.fields["text"].box, *rest)
        if self.children != children:
            self.children = children

    def expand(self) -> None:
        """Build the rest of the card (if not built yet) from the model as it is now, and show it."""
        if self.opened:
            return
        self._build_body()
        self._render()
        if self._touched:
            self.touch()
        self.show_findings(self._findings, self._score)
        self._layout_children()
        self.form.opened.add(self.obj.id)
        close_tree(self.open_button)
        self.summary.close()

    def _parent_options(self) -> list[tuple[str, str]]:
        team = self.obj.team
        parent_team = team.parent if team is not None else None
        options = [(t("objective.parent.none", self.lang), "")]
        if parent_team is not None:
            for i, o in enumerate(parent_team.objectives):
                title = o.title.strip() or t("objective.untitled", self.lang)
                options.append((f"{parent_team.name} O{i + 1}: {title}", o.id))
        if self.obj.parent_id and all(v != self.obj.parent_id for _, v in options):
            options.append((t("objective.parent.missing", self.lang), self.obj.parent_id))
        return options

    def _parent_title_html(self) -> str:
        """The objective this one supports, its title whole and wrapped (escaped); '' when none."""
        team = self.obj.team
        parent_team = team.parent if team is not None else None
        chosen = [
            (i, o) for i, o in enumerate(parent_team.objectives if parent_team else []) if o.id == self.obj.parent_id
        ]
        if not chosen:
            return ""
        i, o = chosen[0]
        title = o.title.strip() or t("objective.untitled", self.lang)
        return (
            f'<div style="white-space:normal;overflow-wrap:anywhere;color:#444;line-height:1.35;margin:0 0 4px 0">'
            f"→ {html.escape(parent_team.name)} O{i + 1}: {html.escape(title)}</div>"
        )

    # ---------------------------------------------------------------- handlers

    def _on_title_change(self, change) -> None:
        self._apply("text", "title", lambda v: _parse_text(self.lang, v), change)

    def _on_why_change(self, change) -> None:
        self._apply("why", "why", lambda v: _parse_text(self.lang, v), change)

    def _on_type_change(self, change) -> None:
        self._apply("type", "type", lambda v: ObjectiveType(v) if v else None, change)

    def _on_owner_change(self, change) -> None:
        self._apply("owner", "owner", lambda v: _parse_text(self.lang, v), change)

    def _on_parent_change(self, change) -> None:
        self._apply("parent", "parent_id", lambda v: v or None, change)
        set_value(self.parent_title, self._parent_title_html())

    def _on_up_click(self, _button) -> None:
        self.form.move_objective(self.obj, -1)

    def _on_down_click(self, _button) -> None:
        self.form.move_objective(self.obj, +1)

    def _on_open_button_click(self, _button) -> None:
        with self.form._lock:
            self.expand()

    def _on_remove_click(self, _button) -> None:
        if self.confirm_box is None:
            self.confirm_text = html_widget()
            self.confirm_yes = button(self.lang, "remove.yes", css="okr-confirm-remove", style="danger")
            self.confirm_cancel = button(self.lang, "remove.cancel", css="okr-cancel-remove")
            self.confirm_box = w.HBox(
                [self.confirm_text, self.confirm_yes, self.confirm_cancel],
                layout=w.Layout(align_items="center", flex_flow="row wrap", display="none"),
            )
            self.confirm_box.add_class("okr-confirm")
            self.confirm_yes.on_click(self._on_confirm_yes_click)
            self.confirm_cancel.on_click(self._on_confirm_cancel_click)
            self._layout_children()
        title = shown_title(self.obj, self.lang)
        set_value(self.confirm_text, html.escape(t("remove.confirm_objective", self.lang, title=title)))
        self.confirm_box.layout.display = None

    def _on_confirm_yes_click(self, _button) -> None:
        self.confirm_box.layout.display = "none"
        self.form.remove_objective(self.obj)

    def _on_confirm_cancel_click(self, _button) -> None:
        self.confirm_box.layout.display = "none"

    def _on_add_kr_click(self, _button) -> None:
        self.form.add_key_result(self.obj)

    def _apply(self, name: str, attr: str, parse, change) -> None:
        if self._quiet:
            return
        field = self.fields[name]
        try:
            value = parse(change["new"])
        except ValidationError as err:
            field.error = err.render_problem(self.lang)  # a model error in the form's language
            field.feedback.error(field.error)
            return
        field.error = None
        field.touched = True
        setattr(self.obj, attr, value)
        self.form.changed(self.obj, attr)

    # ---------------------------------------------------------------- rendering

    def _render(self) -> None:
        obj, f = self.obj, self.fields
        team = obj.team
        index = next((i for i, o in enumerate(team.objectives) if o is obj), 0) if team else 0
        with self._quiet:
            set_value(self.heading, f"<strong>{html.escape(t('objective.heading', self.lang, n=index + 1))}</strong>")
            set_value(f["text"].input, obj.title)
            self.up.disabled = index == 0
            self.down.disabled = team is None or index >= len(team.objectives) - 1
            if not self.opened:
                self._show_summary()
                return
            set_value(f["why"].input, obj.why)
            set_value(f["type"].input, obj.type.value if obj.type else "")
            set_value(f["owner"].input, obj.owner)
            options = self._parent_options()
            if list(f["parent"].input.options) != options:
                f["parent"].input.options = options
            set_value(f["parent"].input, obj.parent_id or "")
            set_value(self.parent_title, self._parent_title_html())
        # key results: reuse editors by id so focus and typing survive a reorder
        editors = {}
        for kr in obj.key_results:
            editor = self.editors.get(kr.id) or KeyResultEditor(self.form, kr)
            editor.kr = kr
            editor._render()
            editors[kr.id] = editor
        for gone in set(self.editors) - set(editors):
            close_tree(self.editors[gone])
        self.editors = editors
        children = tuple(editors[kr.id] for kr in obj.key_results)
        if self.kr_box.children != children:
            self.kr_box.children = children

    def _show_summary(self) -> None:
        """The collapsed card's line: how many key results, and the findings not shown by the title."""
        lang = self.lang
        hidden = [f for f in self._findings if f.target_id != self.obj.id or field_of(f) != "text"]
        parts = [counted("objective.summary.krs", len(self.obj.key_results), lang)]
        for severity in SEVERITIES:
            n = sum(1 for f in hidden if f.severity == severity)
            if n:
                parts.append(counted(f"board.count.{severity}", n, lang))
        set_value(self.summary, f'<span style="color:#555">{html.escape(" · ".join(parts))}</span>')

    def show_conflicts(self, messages: list[str]) -> None:
        """Say which fields were changed elsewhere meanwhile (the newest first, the last few kept)."""
        self.conflict_messages = (list(messages) + self.conflict_messages)[:MAX_CONFLICTS]
        items = "".join(f'<li class="okr-conflict">{html.escape(m)}</li>' for m in self.conflict_messages)
        style = "margin:4px 0;padding:4px 8px 4px 24px;background:#fdecea;border-left:4px solid #b3261e"
        set_value(self.conflicts, f'<ul class="okr-conflict-list" role="status" style="{style}">{items}</ul>')

    def touch(self) -> None:
        """Mark every field (and those of its key results) as touched: empty texts show as errors."""
        self._touched = True
        for field in self.fields.values():
            field.touched = True
        for editor in self.editors.values():
            for field in editor.fields.values():
                field.touched = True

    def show_findings(self, findings: list[Finding], score: int) -> None:
        """Findings about the objective next to its fields; key-result findings to their editors."""
        self._findings, self._score = list(findings), score
        self.strength.show(score)
        if not self.opened:
            self.fields["text"].show([f for f in findings if f.target_id == self.obj.id and field_of(f) == "text"])
            self._show_summary()
            return
        own: dict[str, list[Finding]] = {name: [] for name in self.fields}
        sets: list[Finding] = []
        per_kr: dict[str, list[Finding]] = {kr_id: [] for kr_id in self.editors}
        for finding in findings:
            if finding.target_id in per_kr:
                per_kr[finding.target_id].append(finding)
            elif field_of(finding) == "key_results":
                sets.append(finding)
            else:
                own.get(field_of(finding), own["text"]).append(finding)
        for name, field in self.fields.items():
            field.show(own[name])
        self.kr_feedback.show(sets)
        for kr_id, editor in self.editors.items():
            editor.show_findings(per_kr[kr_id])


# the label of each field as the form shows it, for saying in words which one was changed elsewhere
FIELD_LABELS = {
    "objective": {"title": "objective.title", "why": "objective.why", "type": "objective.type",
                  "owner": "objective.owner", "parent_id": "objective.parent"},
    "key_result": {name: f"kr.{name}" for name in
                   ("text", "metric", "unit", "kind", "baseline", "target", "owner", "confidence")},
}  # fmt: skip


def shown_title(item: Objective | KeyResult, lang: str) -> str:
    """An objective's title or a key result's text as a message quotes it (short; escaped by the caller)."""
    text = (item.title if isinstance(item, Objective) else item.text).strip() or t("objective.untitled", lang)
    return text if len(text) <= 60 else text[:59] + "…"


def describe_conflict(item: Objective | KeyResult, conflict, lang: str) -> str:
    """One sentence: which field, where, what it says now, and what this form had typed (not saved)."""
    entity = "objective" if isinstance(item, Objective) else "key_result"
    label = t(FIELD_LABELS[entity].get(conflict.field, ""), lang) if conflict.field in FIELD_LABELS[entity] else ""
    if isinstance(item, Objective):
        n = _index(item.team.objectives if item.team else [], item)
        where = t("objective.heading", lang, n=n)
    else:
        obj = item.objective
        where = t("sync.kr_where", lang, n=_index(obj.key_results, item),
                  m=_index(obj.team.objectives if obj and obj.team else [], obj))  # fmt: skip
    return t("sync.conflict", lang, where=where, field=label or conflict.field,
             theirs=_shown(conflict.theirs, lang), mine=_shown(conflict.mine, lang))  # fmt: skip


def _index(items: list, item) -> int:
    return next((i for i, x in enumerate(items) if x is item), 0) + 1


def _shown(value, lang: str) -> str:
    if value is None or value == "":
        return t("sync.empty", lang)
    if isinstance(value, float):
        return plain_number(value)
    return str(value)
