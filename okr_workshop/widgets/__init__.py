"""ipywidgets views over the model: the drafting form, the facilitator board, the check-in form.

The only package that imports ipywidgets. In a notebook cell::

    from okr_workshop.widgets import drafting_form, board, check_in_form
    drafting_form("exempel.okr", "Marknad")      # or board("exempel.okr"), check_in_form("exempel.okr", "Marknad")

Stable CSS classes for browser tests (``widget.add_class``; findings and
meters are classes inside HTML widgets):

- drafting form: ``okr-drafting-form``, ``okr-objective`` (one card per objective),
  ``okr-objective-title``, ``okr-objective-why``, ``okr-objective-type``,
  ``okr-objective-owner``, ``okr-objective-parent``, ``okr-objective-up``,
  ``okr-objective-down``, ``okr-remove-objective``, ``okr-add-objective``,
  ``okr-key-result`` (one card per key result), ``okr-kr-text``, ``okr-kr-metric``,
  ``okr-kr-unit``, ``okr-kr-kind``, ``okr-kr-baseline``, ``okr-kr-target``,
  ``okr-kr-owner``, ``okr-kr-confidence``, ``okr-kr-up``, ``okr-kr-down``,
  ``okr-remove-kr``, ``okr-add-kr``, ``okr-save``, ``okr-save-status``, ``okr-lang``;
  ``okr-confirm`` (the question before an objective is removed) with ``okr-confirm-remove`` and
  ``okr-cancel-remove``; ``okr-notice`` (removed here, or deleted on another screen) and ``okr-undo``;
  ``okr-conflicts`` on each objective card, with one ``okr-conflict`` per field changed elsewhere;
- feedback: ``okr-feedback`` (the HTML widget next to a field), inside it
  ``okr-finding`` plus ``okr-finding-error`` / ``okr-finding-warning`` /
  ``okr-finding-info`` (``data-rule`` holds the rule id), ``okr-input-error``;
  ``okr-strength-meter`` (widget) with ``okr-strength`` and
  ``okr-strength-red|amber|green`` inside (``aria-valuenow`` holds the score);
- board: ``okr-board``, ``okr-board-teams``, ``okr-team-card``, ``okr-refresh``,
  ``okr-auto-refresh``, ``okr-board-status``, ``okr-alignment`` with
  ``okr-alignment-tree``, ``okr-aligned``, ``okr-unsupported``, ``okr-orphans``, ``okr-orphan``;
- check-in form: ``okr-checkin-form``, ``okr-checkin-date``, ``okr-checkin-author``,
  ``okr-checkin`` (one per key result), ``okr-checkin-value``,
  ``okr-checkin-confidence``, ``okr-checkin-comment``, ``okr-checkin-preview``
  (``okr-score``, ``okr-band-<band>``, ``okr-status-<status>`` inside),
  ``okr-save-checkin``, ``okr-checkin-history`` (``okr-sparkline`` inside);
- the day's participant page (``day_page``): ``okr-day-page``, ``okr-day-step``, ``okr-day-countdown``,
  ``okr-day-name``, ``okr-day-join``, ``okr-day-candidate``, ``okr-day-add``, ``okr-day-own``,
  ``okr-day-revealed``, ``okr-day-dots-left``, ``okr-day-dot``, ``okr-day-undot``, ``okr-day-review-*``,
  ``okr-day-resolve``, ``okr-day-dep-team|what|due|send``, ``okr-day-answer``, ``okr-day-fist``,
  ``okr-day-spread``, ``okr-day-message``; the cockpit (``day_cockpit``): ``okr-cockpit``,
  ``okr-cockpit-start|back|next|reveal|merge|open-vote|close-vote|choose|reviews|commit``,
  ``okr-cockpit-countdown``, ``okr-cockpit-candidates``, ``okr-cockpit-tally``, ``okr-cockpit-matrix``.
"""

from __future__ import annotations

import os

from .board import FacilitatorBoard
from .checkin import CheckInForm
from .drafting import DraftingForm

__all__ = ["CheckInForm", "DraftingForm", "FacilitatorBoard", "board", "check_in_form", "drafting_form"]


def drafting_form(
    workshop_path: str | os.PathLike, team: str, lang: str | None = None, *, expanded: int | None = None
) -> DraftingForm:
    """The drafting form for one team of a workshop file (saves as you type).

    expanded: how many objectives are shown whole at first (None = all); the rest open on a click.
    """
    return DraftingForm(workshop_path, team, lang=lang, expanded=expanded)


def board(workshop_path: str | os.PathLike, lang: str | None = None) -> FacilitatorBoard:
    """The facilitator board over a workshop file (Refresh, or tick auto-refresh)."""
    return FacilitatorBoard(workshop_path, lang=lang)


def check_in_form(workshop_path: str | os.PathLike, team: str, lang: str | None = None) -> CheckInForm:
    """The check-in form for one team's key results."""
    return CheckInForm(workshop_path, team, lang=lang)


def day_cockpit(workshop_path: str | os.PathLike, lang: str | None = None):
    """The facilitator's cockpit for the workshop day (agenda, reveal, merge, vote, reviews, dependencies)."""
    from .cockpit import Cockpit

    return Cockpit(workshop_path, lang=lang)


def day_page(workshop_path: str | os.PathLike, team: str, lang: str | None = None):
    """A participant's page for the workshop day; it follows the facilitator's current step."""
    from .participant import ParticipantPage

    return ParticipantPage(workshop_path, team, lang=lang)
