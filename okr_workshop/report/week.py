"""The weekly check-in meeting, for the facilitator: per team what changed since last week, in 15 minutes.

Renders ``day.week.week()``: value moves with arrows, confidence moves (drops
highlighted), stale key results with their last check-in date, and the week's
comments as risks. Every participant text is escaped; numbers and dates are
formatted by Babel in the report's language.
"""

from __future__ import annotations

import html
from typing import Any

from ..day.week import DROP, Move, week
from ..i18n.formatting import format_date, format_number
from ..i18n.texts import check_lang, ngettext
from ..i18n.texts import t as tr
from ..model.entities import Kind, Workshop
from ..scoring.grades import resolve_as_of
from .parts import Part

MEETING_MINUTES = 15
_DROP_STYLE = "background:#fde7e5;color:#8c1d18;font-weight:bold"


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _value(value: float | None, unit: str, lang: str) -> str:
    if value is None:
        return "–"
    return _e(f"{format_number(value, lang)} {unit}".strip())


def _arrow(before: float | None, now: float | None, kind: Kind | str) -> tuple[str, str]:
    """The arrow of a move and whether it is good news (``better``, ``worse`` or ``""``)."""
    if before is None or now is None or before == now:
        return "→", ""
    up = now > before
    kind = Kind(kind) if not isinstance(kind, Kind) else kind
    if kind in (Kind.INCREASE, Kind.MILESTONE):
        verdict = "better" if up else "worse"
    elif kind is Kind.DECREASE:
        verdict = "worse" if up else "better"
    else:
        verdict = ""
    return ("↑" if up else "↓"), verdict


_COLOURS = {"better": "color:#1e7a34", "worse": "color:#b3261e"}


def _move_row(move: Move, kr, lang: str) -> str:
    arrow, verdict = _arrow(move.before, move.now, kr.kind if kr is not None else Kind.INCREASE)
    unit = kr.unit if kr is not None else ""
    style = f" style='{_COLOURS[verdict]}'" if verdict else ""
    value = (f"{_value(move.before, unit, lang)} <span class='okr-week-arrow okr-week-{verdict or 'neutral'}'"
             f"{style}>{arrow}</span> {_value(move.now, unit, lang)}")  # fmt: skip
    a, b = move.confidence_before, move.confidence_now
    if a is None and b is None:
        confidence = "–"
    elif a is None or a == b:
        confidence = f"{b}/10" if b is not None else f"{a}/10"
    else:
        confidence = f"{a} {'↑' if b > a else '↓'} {b}/10" if b is not None else f"{a}/10 → –"
    style = f" style='{_DROP_STYLE}'" if move.dropped else ""
    mark = f" <span class='okr-week-drop-mark'>{_e(tr('week.dropped', lang))}</span>" if move.dropped else ""
    css = "okr-week-move okr-week-drop" if move.dropped else "okr-week-move"
    return (f"<tr class='{css}'><td>{_e(move.text)}</td><td>{value}</td>"
            f"<td{style}>{_e(confidence)}{mark}</td></tr>")  # fmt: skip


def week_html(ws: Workshop, as_of: Any = None, lang: str | None = None, days: int = 7) -> Part:
    """The weekly check-in meeting as a report part: per team moves, confidence drops, stale key results, risks.

    as_of: the meeting's day (default: today clamped to the period); lang: sv or en (default: the workshop's).
    """
    lang = check_lang(lang, ws.lang)
    as_of = resolve_as_of(ws.period, as_of)
    weeks = week(ws, as_of, days)
    krs = {kr.id: kr for kr in ws.key_results}
    title = tr("week.title", lang)
    out = [f"<section class='okr-week'><h2 id='okr-week'>{_e(title)}</h2>"]
    per_team = max(1, MEETING_MINUTES // max(1, len(weeks))) if weeks else MEETING_MINUTES
    out.append(f"<p class='okr-week-intro'>{_e(tr('week.intro', lang, date=format_date(as_of, lang), days=days))} "
               f"{_e(ngettext(lang, 'week.minutes.one', 'week.minutes', per_team, minutes=MEETING_MINUTES))}</p>")  # fmt: skip
    if not weeks:
        out.append(f"<p>{_e(tr('week.no_teams', lang))}</p>")
    head = "".join(f"<th>{_e(tr(k, lang))}</th>" for k in ("week.key_result", "week.value", "week.confidence"))
    for tw in weeks:
        out.append(f"<div class='okr-week-team'><h3>{_e(tw.team)}</h3>")
        if tw.drops:
            line = ngettext(lang, "week.drops.one", "week.drops", len(tw.drops), drop=DROP)
            out.append(f"<p class='okr-week-drops' style='{_DROP_STYLE};padding:2px 6px'>{_e(line)}</p>")
        if tw.moves:
            rows = "".join(_move_row(m, krs.get(m.key_result_id), lang) for m in tw.moves)
            out.append(f"<table class='okr-table okr-week-moves'><thead><tr>{head}</tr></thead>"
                       f"<tbody>{rows}</tbody></table>")  # fmt: skip
        else:
            out.append(f"<p class='okr-week-quiet'>{_e(tr('week.no_moves', lang))}</p>")
        risks = [(m.text, c) for m in tw.moves for c in m.comments]
        if risks:
            items = "".join(f"<li><strong>{_e(text)}</strong>: {_e(c)}</li>" for text, c in risks)
            out.append(f"<h4>{_e(tr('week.risks', lang))}</h4><ul class='okr-week-risks'>{items}</ul>")
        if tw.stale:
            items = "".join(
                f"<li>{_e(text)}: {_e(tr('week.last', lang, date=format_date(last, lang)) if last else tr('week.never', lang))}</li>"
                for text, last in tw.stale
            )
            label = ngettext(lang, "week.stale.one", "week.stale", len(tw.stale))
            out.append(f"<h4>{_e(label)}</h4><ul class='okr-week-stale'>{items}</ul>")
        out.append("</div>")
    out.append("</section>")
    meta = {"okr_report": {"role": "section", "heading": title, "anchor": "okr-week", "level": 2}}
    return Part("".join(out), meta)
