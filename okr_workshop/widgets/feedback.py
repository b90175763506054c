"""Feedback views: quality findings and strength meters as escaped HTML.

Participant text is never HTML: every message, suggestion and title goes
through ``html.escape`` before it reaches an HTML widget. Severity is shown by
colour and by a text label (not colour alone).
"""

from __future__ import annotations

import html

import ipywidgets as w

from ..i18n.texts import t
from ..quality.findings import SEVERITY_ORDER, Finding

# Colours with enough contrast on white for text (WCAG AA) and a light background.
SEVERITY_COLOUR = {"error": ("#b3261e", "#fdecea"), "warning": ("#8a5300", "#fff4e0"), "info": ("#1a5fb4", "#e8f0fb")}
BAND_COLOUR = {"red": "#b3261e", "amber": "#8a5300", "green": "#1e7b34"}

# Which input of the drafting form a rule is about; rules not listed go to the main text field.
FIELD_OF_RULE = {
    "objective-type-missing": "type",
    "objective-not-aligned": "parent",
    "krs-none": "key_results",
    "krs-count": "key_results",
    "krs-all-binary": "key_results",
    "krs-one-sided-indicators": "key_results",
    "kr-no-baseline": "baseline",
    "kr-target-equals-baseline": "target",
    "kr-direction": "target",
    "kr-binary": "kind",
    "kr-no-owner": "owner",
    "kr-confidence-10": "confidence",
}


# Rules about a text nobody has written yet: a neutral hint in the form until the field was touched.
EMPTY_HINT = {"objective-empty": "hint.objective_empty", "kr-empty": "hint.kr_empty"}


def hint_html(f: Finding, lang: str) -> str:
    """A neutral, grey hint for an empty text field not touched yet (no severity label, no red)."""
    text = html.escape(t(EMPTY_HINT[f.rule], lang))
    return (
        f'<div class="okr-hint" data-rule="{html.escape(f.rule)}" '
        f'style="color:#555;padding:2px 6px;margin:2px 0;font-style:italic">{text}</div>'
    )


def field_of(finding: Finding) -> str:
    """The form field a finding belongs next to (``text`` for the title or key-result text)."""
    return FIELD_OF_RULE.get(finding.rule, "text")


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Most severe first; stable otherwise."""
    return sorted(findings, key=lambda f: SEVERITY_ORDER.get(f.severity, 9))


def finding_html(f: Finding, lang: str, *, where: bool = False) -> str:
    """One finding as an escaped HTML block with a severity label, message and suggestion."""
    fg, bg = SEVERITY_COLOUR.get(f.severity, ("#333", "#f4f4f4"))
    label = html.escape(t(f"severity.{f.severity}", lang))
    place = f'<span class="okr-where">{html.escape(f.where)}: </span>' if where and f.where else ""
    return (
        f'<div class="okr-finding okr-finding-{html.escape(f.severity)}" data-rule="{html.escape(f.rule)}" '
        f'style="border-left:4px solid {fg};background:{bg};padding:2px 6px;margin:2px 0;line-height:1.35">'
        f'<strong style="color:{fg}">{label}</strong> {place}{html.escape(f.message)}'
        f'<br><span style="color:#333">→ {html.escape(f.suggestion)}</span></div>'
    )


def findings_html(findings: list[Finding], lang: str, *, where: bool = False, limit: int | None = None) -> str:
    """Escaped HTML for a list of findings, most severe first; '' when there are none."""
    if not findings:
        return ""
    ordered = sort_findings(findings)
    shown = ordered if limit is None else ordered[:limit]
    parts = [finding_html(f, lang, where=where) for f in shown]
    hidden = ordered[len(shown) :]
    if hidden:  # "… and 7 more" opens to show them (a <details> needs no script, so it works in every front end)
        more = html.escape(t("feedback.more", lang, n=len(hidden)))
        parts.append(
            f'<details class="okr-more"><summary style="cursor:pointer;color:#1a5fb4">{more}</summary>'
            + "".join(finding_html(f, lang, where=where) for f in hidden)
            + "</details>"
        )
    return "".join(parts)


def strength_band(score: int) -> str:
    """red below 40, amber below 70, green from 70."""
    return "red" if score < 40 else "amber" if score < 70 else "green"


def strength_html(score: int, lang: str, label_key: str = "feedback.strength") -> str:
    """A labelled strength meter (0–100) with the number and a word, not colour alone."""
    score = max(0, min(100, int(score)))
    band = strength_band(score)
    colour = BAND_COLOUR[band]
    label = html.escape(t(label_key, lang))
    word = html.escape(t(f"strength.{band}", lang))
    return (
        f'<div class="okr-strength okr-strength-{band}" role="meter" aria-valuemin="0" aria-valuemax="100" '
        f'aria-valuenow="{score}" aria-valuetext="{score}/100 ({word})" aria-label="{label}" '
        f'style="display:flex;flex-wrap:wrap;align-items:center;gap:2px 6px">'
        f'<span style="white-space:nowrap">{label}</span>'
        f'<span style="display:inline-block;flex:1 1 40px;max-width:120px;height:10px;background:#e6e6e6;'
        f'border-radius:5px"><span style="display:block;width:{score}%;height:10px;background:{colour};'
        f'border-radius:5px"></span></span>'
        f'<span style="white-space:nowrap"><strong style="color:{colour}">{score}/100</strong> ({word})</span></div>'
    )


class FindingsView(w.HTML):
    """An HTML widget that shows a list of findings; ``show()`` re-renders only when the text changed."""

    def __init__(self, lang: str, *, where: bool = False, limit: int | None = None, **kwargs):
        from .common import shared

        kwargs.setdefault("style", shared(w.widgets.widget_string.HTMLStyle))
        super().__init__(value="", **kwargs)
        self.lang, self._where, self._limit = lang, where, limit
        self.findings: list[Finding] = []
        self.add_class("okr-feedback")

    def show(self, findings: list[Finding], *, hint_empty: bool = False) -> None:
        """Show ``findings``; with ``hint_empty`` an empty-text finding is a neutral hint, not an error."""
        self.findings = list(findings)
        hints = [f for f in self.findings if hint_empty and f.rule in EMPTY_HINT]
        rest = [f for f in self.findings if f not in hints]
        value = "".join(hint_html(f, self.lang) for f in hints) + findings_html(
            rest, self.lang, where=self._where, limit=self._limit
        )
        if value != self.value:
            self.value = value

    def error(self, message: str) -> None:
        """Show an input error (a value that could not be applied), escaped, at error severity."""
        label = html.escape(t("severity.error", self.lang))
        fg, bg = SEVERITY_COLOUR["error"]
        self.findings = []
        self.value = (
            f'<div class="okr-finding okr-finding-error okr-input-error" '
            f'style="border-left:4px solid {fg};background:{bg};padding:2px 6px;margin:2px 0">'
            f'<strong style="color:{fg}">{label}</strong> {html.escape(message)}</div>'
        )


class StrengthMeter(w.HTML):
    """An HTML widget showing a 0–100 strength score."""

    def __init__(self, lang: str, label_key: str = "feedback.strength", **kwargs):
        super().__init__(value="", **kwargs)
        self.lang, self.label_key = lang, label_key
        self.score: int | None = None
        self.add_class("okr-strength-meter")

    def show(self, score: int) -> None:
        self.score = int(score)
        value = strength_html(self.score, self.lang, self.label_key)
        if value != self.value:
            self.value = value
