"""Feedback rendering, the sv/en texts and the debouncer."""

from __future__ import annotations

import threading
import time

import pytest

from okr_workshop.quality import Finding
from okr_workshop.widgets.debounce import Debouncer
from okr_workshop.widgets.feedback import FindingsView, StrengthMeter, findings_html, strength_html


def finding(severity="warning", message="m", suggestion="s", rule="objective-number"):
    return Finding(rule, severity, message, suggestion, "Team › O1", "objective", "src", "id1")


@pytest.mark.parametrize(
    "severity,lang,label,colour",
    [("error", "sv", "Fel", "#b3261e"), ("warning", "sv", "Varning", "#8a5300"), ("info", "sv", "Tips", "#1a5fb4"),
     ("error", "en", "Error", "#b3261e"), ("warning", "en", "Warning", "#8a5300"), ("info", "en", "Info", "#1a5fb4")],
)  # fmt: skip
def test_severity_has_colour_and_a_word(severity, lang, label, colour):
    html = findings_html([finding(severity)], lang)
    assert f"okr-finding-{severity}" in html and f">{label}</strong>" in html and colour in html


def test_findings_are_escaped_sorted_and_limited():
    items = [finding("info", "<i>i</i>"), finding("error", "a & b", "<script>x</script>"), finding("warning")]
    html = findings_html(items, "en", where=True, limit=2)
    assert html.index("okr-finding-error") < html.index("okr-finding-warning")
    shown, more = html.split('<details class="okr-more">')
    assert "okr-finding-info" not in shown and "… and 1 more</summary>" in more and "okr-finding-info" in more
    assert "a &amp; b" in html and "&lt;script&gt;" in html and "<script>" not in html
    assert "Team › O1" in html
    assert findings_html([], "sv") == ""


def test_views_update_only_on_change():
    view = FindingsView("sv")
    assert "okr-feedback" in view._dom_classes
    view.show([finding()])
    seen = []
    view.observe(lambda change: seen.append(change), "value")
    view.show([finding()])
    assert seen == []
    view.error("”x” är inget tal")
    assert "okr-input-error" in view.value and len(seen) == 1
    meter = StrengthMeter("en")
    meter.show(55)
    assert 'aria-valuenow="55"' in meter.value and "fair" in meter.value and meter.score == 55


@pytest.mark.parametrize(
    "score,band", [(0, "red"), (39, "red"), (40, "amber"), (69, "amber"), (70, "green"), (100, "green")]
)
def test_strength_bands(score, band):
    assert f"okr-strength-{band}" in strength_html(score, "sv")


def test_debouncer_manual_flush_and_bursts():
    calls = []
    d = Debouncer(lambda: calls.append(1), delay=None)
    d.trigger()
    d.trigger()
    assert calls == [] and d.pending
    assert d.flush() is True and calls == [1]
    assert d.flush() is False and calls == [1]
    now = Debouncer(lambda: calls.append(2), delay=0)
    now.trigger()
    assert calls == [1, 2]


def test_debouncer_timer_runs_once_after_the_burst():
    done = threading.Event()
    calls = []

    def fn():
        calls.append(time.monotonic())
        done.set()

    d = Debouncer(fn, delay=0.05)
    for _ in range(5):
        d.trigger()
    assert done.wait(5)
    time.sleep(0.1)
    assert len(calls) == 1 and not d.pending
    d.trigger()
    d.cancel()
    time.sleep(0.1)
    assert len(calls) == 1
