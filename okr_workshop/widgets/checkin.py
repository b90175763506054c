"""The check-in form: per key result a value, a confidence and a comment; live score; history.

Progress, grade, band and pace status are recomputed while typing by scoring a
temporary copy of the key result with the pending check-in added; the model
changes only when Save stores the check-in (``store.add_check_in``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import logging
import os

import ipywidgets as w

from ..errors import OkrWorkshopError, ValidationError
from ..i18n.labels import label
from ..i18n.texts import check_lang, t
from ..model.entities import CheckIn, KeyResult, Kind, Team
from ..scoring.grades import KrScore, kr_score, resolve_as_of
from ..scoring.profiles import get_profile
from ..storage.store import Store, open_store
from .common import (
    DESCRIPTION_WIDTH,
    FORM_WIDTH,
    Guard,
    button,
    close_tree,
    heading,
    lang_switch,
    plain_number,
    set_value,
)

log = logging.getLogger("okr_workshop")

SPARKS = "▁▂▃▄▅▆▇█"
BAND_COLOUR = {"red": "#b3261e", "fail": "#b3261e", "yellow": "#8a5300", "commit": "#8a5300", "green": "#1e7b34",
               "target": "#1e7b34", "stretch": "#1e7b34"}  # fmt: skip
HISTORY_ROWS = 8


def sparkline(values: list[float]) -> str:
    """A unicode sparkline of the values (plain text; '' for none)."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = high - low
    return "".join(SPARKS[0 if span == 0 else round((v - low) / span * (len(SPARKS) - 1))] for v in values)


def _fmt(value: float | None) -> str:
    return "–" if value is None else plain_number(value)


def score_html(s: KrScore, lang: str, profile: str) -> str:
    """Progress, grade, band and status of a score, escaped, with words next to the colour."""
    prof = get_profile(profile)
    progress = "–" if s.progress is None else f"{round(s.progress * 100):d} %"
    colour = BAND_COLOUR.get(s.band or "", "#333")
    parts = [
        (t("checkin.progress", lang), progress),
        (t("checkin.grade", lang), prof.format(s.grade)),
        (t("checkin.band", lang), label(s.band, lang) or "–"),
        (t("checkin.status", lang), label(s.status, lang)),
    ]
    cells = " · ".join(f"{html.escape(k)}: <strong>{html.escape(v)}</strong>" for k, v in parts)
    return (
        f"<div class='okr-score okr-band-{html.escape(s.band or 'none')} okr-status-{html.escape(s.status)}' "
        f"style='border-left:4px solid {colour};padding:2px 6px'>{cells}</div>"
    )


def history_html(kr: KeyResult, lang: str) -> str:
    """The check-ins of a key result as a small table (newest last) with a sparkline; escaped."""
    history = kr.history
    if not history:
        return f"<div class='okr-history okr-history-empty'>{html.escape(t('checkin.no_history', lang))}</div>"
    keys = ("checkin.date", "checkin.value", "checkin.confidence", "checkin.comment")
    align = ("left", "right", "right", "left")  # numbers right-aligned under right-aligned headings
    cell = "padding:1px 12px 1px 0;text-align:{};vertical-align:top"
    numbers = cell.format("right") + ";font-variant-numeric:tabular-nums;white-space:nowrap"
    rows = "".join(
        f"<tr><td style='{cell.format('left')};white-space:nowrap'>{c.on.isoformat()}</td>"
        f"<td style='{numbers}'>{html.escape(_fmt(c.value))}</td>"
        f"<td style='{numbers}'>{'' if c.confidence is None else c.confidence}</td>"
        f"<td style='{cell.format('left')};overflow-wrap:anywhere'>{html.escape(c.comment)}</td></tr>"
        for c in history[-HISTORY_ROWS:]
    )
    spark = sparkline([c.value for c in history])
    head = "".join(
        f"<th style='{cell.format(a)};white-space:nowrap'>{html.escape(t(k, lang))}</th>" for k, a in zip(keys, align)
    )
    return (
        f"<div class='okr-history'><span class='okr-sparkline' aria-label='{html.escape(t('checkin.trend', lang))}' "
        f"style='font-size:1.2em;letter-spacing:1px'>{html.escape(spark)}</span>"
        f"<table style='font-size:0.9em;border-collapse:collapse'><thead><tr>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )


class KeyResultCheckIn(w.VBox):
    """One key result's check-in: value, confidence 1–10, comment, live score, Save and history."""

    def __init__(self, form: CheckInForm, kr: KeyResult):
        self.form, self.kr, self.lang = form, kr, form.lang
        self._quiet = Guard()
        lang = self.lang
        latest = kr.latest
        start = latest.value if latest else (kr.baseline if kr.baseline is not None else 0.0)
        confidence = (latest.confidence if latest and latest.confidence else None) or kr.confidence or 5
        style = {"description_width": DESCRIPTION_WIDTH}
        self.heading = w.HTML()
        hint = t("checkin.value.milestone", lang) if kr.kind is Kind.MILESTONE else t("checkin.value", lang)
        self.value = w.FloatText(
            value=start, description=hint, description_allow_html=False, style=style, layout=w.Layout(width="260px")
        )
        self.value.add_class("okr-checkin-value")
        self.confidence = w.IntSlider(
            value=confidence, min=1, max=10, step=1, description=t("checkin.confidence", lang),
            description_allow_html=False, continuous_update=True, style=style, layout=w.Layout(width="360px"),
        )  # fmt: skip
        self.confidence.add_class("okr-checkin-confidence")
        self.comment = w.Textarea(
            value="", description=t("checkin.comment", lang), description_allow_html=False,
            placeholder=t("checkin.comment.placeholder", lang), continuous_update=True, style=style, rows=2,
            layout=w.Layout(width="100%", margin="2px 0", min_width="0"),
        )  # fmt: skip
        self.comment.add_class("okr-checkin-comment")
        self.preview = w.HTML()
        self.preview.add_class("okr-checkin-preview")
        self.save = button(lang, "checkin.save", css="okr-save-checkin", style="primary", icon="check")
        self.status = w.Label()
        self.history = w.HTML()
        self.history.add_class("okr-checkin-history")
        super().__init__(
            [
                self.heading,
                w.HBox([self.value, self.confidence], layout=w.Layout(flex_flow="row wrap")),
                self.comment,
                self.preview,
                w.HBox([self.save, self.status], layout=w.Layout(align_items="center")),
                self.history,
            ],
            layout=w.Layout(border="1px solid #c8c8c8", padding="6px 10px", margin="6px 0", width="100%"),
        )
        self.add_class("okr-checkin")
        self._render()
        # handlers, in one block
        self.value.observe(self._on_value_change, "value")
        self.confidence.observe(self._on_confidence_change, "value")
        self.save.on_click(self._on_save_click)

    # ---------------------------------------------------------------- handlers

    def _on_value_change(self, _change) -> None:
        if not self._quiet:
            self._render_preview()

    def _on_confidence_change(self, _change) -> None:
        if not self._quiet:
            self._render_preview()

    def _on_save_click(self, _button) -> None:
        self.form.save_check_in(self)

    # ---------------------------------------------------------------- scoring

    def pending(self) -> CheckIn:
        """The check-in the inputs describe (not stored)."""
        return CheckIn(
            on=self.form.on, value=self.value.value, confidence=self.confidence.value, comment=self.comment.value
        )

    def preview_score(self) -> KrScore:
        """The key result's score as if the pending check-in were saved, at the check-in date."""
        copy = dataclasses.replace(self.kr, check_ins=[*self.kr.check_ins, self.pending()], objective=self.kr.objective)
        return kr_score(copy, as_of=self.form.on)

    # ---------------------------------------------------------------- rendering

    def _render(self) -> None:
        kr, lang = self.kr, self.lang
        unit = f" {kr.unit}" if kr.unit else ""
        if kr.kind is Kind.MILESTONE:
            detail = t(f"kind.{kr.kind.value}", lang)
        else:
            detail = f"{t(f'kind.{kr.kind.value}', lang)}: {_fmt(kr.baseline)}{unit} → {_fmt(kr.target)}{unit}"
        latest = kr.latest
        now = t("checkin.latest", lang, value=_fmt(latest.value), on=latest.on.isoformat()) if latest else ""
        set_value(
            self.heading,
            f"<strong class='okr-checkin-kr'>{html.escape(kr.text or t('objective.untitled', lang))}</strong>"
            f"<div style='color:#444'>{html.escape(detail)}{' · ' + html.escape(now) if now else ''}</div>",
        )
        self._render_preview()
        set_value(self.history, history_html(kr, lang))

    def _render_preview(self) -> None:
        try:
            value = score_html(self.preview_score(), self.lang, self.form.workshop.profile)
        except ValidationError as err:
            value = f"<div class='okr-finding-error'>{html.escape(err.render_problem(self.lang))}</div>"
        set_value(self.preview, value)


class CheckInForm(w.VBox):
    """Check-ins for one team's key results. ``store``: an open Store or a file path; ``team``: name or id.

    lang: sv or en (default: the workshop's); on: the check-in date (default
    today, within the period); author: stored with every check-in.
    """

    def __init__(
        self,
        store: Store | str | os.PathLike,
        team: Team | str,
        lang: str | None = None,
        *,
        on: dt.date | str | None = None,
        author: str = "",
    ):
        self._own_store = not isinstance(store, Store)
        self.store = open_store(store) if self._own_store else store
        self.workshop = self.store.load()
        self.team = self.workshop.team(team.id if isinstance(team, Team) else team)
        self.lang = check_lang(lang, self.workshop.lang)
        self._quiet = Guard()
        self._on = resolve_as_of(self.workshop.period, on)
        self._author = author
        super().__init__(layout=w.Layout(width="100%", max_width=FORM_WIDTH))
        self._closed = False
        self.add_class("okr-checkin-form")
        self._build()

    @property
    def on(self) -> dt.date:
        """The date of the check-ins being entered."""
        return self._on

    def _build(self) -> None:
        lang = self.lang
        style = {"description_width": DESCRIPTION_WIDTH}
        self.title = w.HTML()
        self.lang_toggle = lang_switch(lang)
        self.date = w.DatePicker(
            value=self._on, description=t("checkin.date", lang), description_allow_html=False, style=style
        )
        self.date.add_class("okr-checkin-date")
        self.author = w.Text(
            value=self._author, description=t("checkin.author", lang), description_allow_html=False, style=style,
            layout=w.Layout(width="320px"),
        )  # fmt: skip
        self.author.add_class("okr-checkin-author")
        self.rows: dict[str, KeyResultCheckIn] = {}
        body = []
        for i, obj in enumerate(self.team.objectives):
            body.append(heading(t("objective.heading", lang, n=i + 1) + ": " + (obj.title or "–"), 4))
            for kr in obj.key_results:
                self.rows[kr.id] = KeyResultCheckIn(self, kr)
                body.append(self.rows[kr.id])
        header = w.HBox(
            [self.title, self.lang_toggle],
            layout=w.Layout(justify_content="space-between", align_items="center", flex_flow="row wrap"),
        )
        self.children = (header, w.HBox([self.date, self.author], layout=w.Layout(flex_flow="row wrap")), *body)
        # handlers, in one block
        self.lang_toggle.observe(self._on_lang_toggle_change, "value")
        self.date.observe(self._on_date_change, "value")
        self.author.observe(self._on_author_change, "value")
        self._render()

    # ---------------------------------------------------------------- handlers

    def _on_lang_toggle_change(self, change) -> None:
        if not self._quiet:
            self.set_lang(change["new"])

    def _on_date_change(self, change) -> None:
        if self._quiet or change["new"] is None:
            return
        self._on = change["new"]
        for row in self.rows.values():
            row._render_preview()

    def _on_author_change(self, change) -> None:
        if not self._quiet:
            self._author = change["new"]

    # ---------------------------------------------------------------- actions

    def save_check_in(self, row: KeyResultCheckIn) -> CheckIn | None:
        """Store the row's pending check-in in the file and the model; None (and a message) on failure."""
        lang = self.lang
        try:
            stored = self.store.add_check_in(
                row.kr.id,
                value=row.value.value,
                confidence=row.confidence.value,
                on=self._on,
                comment=row.comment.value,
                author=self._author,
            )
        except (OkrWorkshopError, OSError) as err:
            set_value(row.status, t("save.failed", lang, error=" ".join(str(err).split())))
            return None
        row.kr.check_ins.append(stored)
        with row._quiet:
            row.comment.value = ""
        row._render()
        set_value(row.status, t("checkin.saved", lang, on=stored.on.isoformat()))
        return stored

    def set_lang(self, lang: str) -> None:
        """Show the form in ``lang`` (typed values are kept only until the rebuild; save first)."""
        self.lang = check_lang(lang)
        old = self.children
        self._build()
        for child in old:
            close_tree(child)

    def _render(self) -> None:
        ws = self.workshop
        with self._quiet:
            set_value(
                self.title,
                f"<h3 style='margin:4px 0'>{html.escape(t('checkin.title', self.lang, team=self.team.name))}</h3>"
                f"<div>{html.escape(ws.organisation)} · {html.escape(ws.period.label)}</div>",
            )
            set_value(self.lang_toggle, self.lang)
            set_value(self.date, self._on)

    def close(self) -> None:
        """Close the file if the form opened it, and the widgets."""
        if getattr(self, "_closed", True):
            return
        self._closed = True
        try:
            if self._own_store and self.store is not None:
                self.store.close()
        finally:
            for child in self.children:
                close_tree(child)
            super().close()
