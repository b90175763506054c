"""Tables for the facilitator notebooks: the drafted OKRs, quality findings, check-in status, grading.

Same building blocks as the report (:mod:`okr_workshop.report.parts`): escaped
HTML in a :class:`~okr_workshop.report.parts.Part`, band colours inline.
"""

from __future__ import annotations

from typing import Any

from ..i18n.catalog import LANGS, N_, gettext
from ..i18n.labels import label
from ..model.entities import Team, Workshop
from . import charts
from .narrative import format_grade, format_number
from .parts import Part, _lang, _num, _status, _table, _teams, _whole, badge, esc, t

NO_KEY_RESULTS = N_("report.no_key_results")


def _rows_or_note(headers: list[str], rows: list, lang: str, css: str | None = None) -> str:
    """The table, or one sentence when there is nothing to show (not a table of bare headers)."""
    if not rows:
        return f'<p class="okr-empty">{esc(gettext(lang if lang in LANGS else "en", NO_KEY_RESULTS))}</p>'
    return _table(headers, rows) if css is None else _table(headers, rows, css)


def okr_table(ws: Workshop, team: Team | str | None = None, lang: str | None = None) -> Part:
    """The OKRs as drafted: objectives with type and owner, key results with kind, baseline, target, unit."""
    lang = _lang(ws, lang)
    out = []
    for tm in _teams(ws, team):
        rows = []
        for i, obj in enumerate(tm.objectives, 1):
            kind = t(obj.type.value, lang) if obj.type else ""
            rows.append([f"<b>O{i}</b>", f"<b>{esc(obj.title)}</b>", esc(kind), "", "", esc(obj.owner)])
            for j, kr in enumerate(obj.key_results, 1):
                rows.append([
                    f"KR{i}.{j}", esc(kr.text), esc(t(kr.kind.value, lang)),
                    esc(format_number(kr.baseline, lang, 0) if kr.baseline is not None else "–"),
                    esc(f"{format_number(kr.target, lang, 0) if kr.target is not None else '–'} {kr.unit}".strip()),
                    esc(kr.owner),
                ])  # fmt: skip
        headers = ["", t("objective", lang), t("kind", lang), t("baseline", lang), t("target", lang),
                   t("owner", lang)]  # fmt: skip
        body = _table(headers, rows) if rows else f"<p>{esc(t('no_objectives', lang))}</p>"
        out.append(f"<h3>{esc(tm.name)}</h3>{body}")
    return Part("".join(out))


def findings_table(findings: list, lang: str = "sv") -> Part:
    """Quality findings as a table: severity, where, message, suggestion, rule."""
    if not findings:
        return Part(f"<p>{esc(t('no_findings', lang))}</p>")
    colours = charts.SEVERITY_COLOURS
    rows = [
        [f'<span style="color:{colours.get(f.severity, "#999")};font-weight:600">{esc(t(f.severity, lang))}</span>',
         esc(f.where), esc(f.message), esc(f.suggestion), f"<code>{esc(f.rule)}</code>"]
        for f in findings
    ]  # fmt: skip
    headers = [t("severity", lang), t("where", lang), t("message", lang), t("suggestion", lang), t("rule", lang)]
    return Part(_table(headers, rows))


def score_table(ws: Workshop, team: Team | str | None = None, as_of: Any = None, lang: str | None = None) -> Part:
    """Check-in status per key result: current value, progress against the pace, grade, status, confidence."""
    from ..scoring.grades import score

    lang = _lang(ws, lang)
    wanted = {x.id for x in _teams(ws, team)}
    frame = score(ws, as_of=as_of)
    finished = frame.attrs["as_of"] >= ws.period.end

    def pace(status: str) -> str | None:  # colour by pace until the period is over, as the status beside it
        return None if finished else status

    rows = []
    for r in frame.itertuples():
        if r.team_id not in wanted:
            continue
        progress = _num(r.progress)
        rows.append([
            esc(r.team), esc(r.key_result), esc(f"{format_number(_num(r.current), lang)} {r.unit or ''}".strip()),
            esc(f"{round(progress * 100)} %" if progress is not None else "–"),
            esc(f"{round(r.expected * 100)} %"), badge(r.grade, r.band, lang, ws.profile, pace(r.status)),
            _status(r.status, lang, r.not_measurable_reason),
            esc("" if _whole(r.confidence) is None else f"{_whole(r.confidence)}/10"),
            esc(label(r.confidence_trend, lang) if isinstance(r.confidence_trend, str) else "–"),
        ])  # fmt: skip
    headers = [t(k, lang) for k in ("team", "key_result", "current", "progress", "expected", "grade", "status",
                                    "confidence", "trend")]  # fmt: skip
    return Part(_rows_or_note(headers, rows, lang))


def grading_table(ws: Workshop, team: Team | str | None = None, as_of: Any = None, lang: str | None = None) -> Part:
    """End-of-quarter grading: computed grade, the facilitator's override and its reason, the final grade."""
    from ..scoring.grades import score

    lang = _lang(ws, lang)
    wanted = {x.id for x in _teams(ws, team)}
    frame = score(ws, as_of=as_of)
    rows = [
        [esc(r.team), esc(r.objective), esc(r.key_result), esc(format_grade(_num(r.computed_grade), lang, ws.profile)),
         badge(r.grade, r.band, lang, ws.profile) + (" ✎" if r.overridden else ""), esc(r.override_reason)]
        for r in frame.itertuples() if r.team_id in wanted
    ]  # fmt: skip
    headers = [t(k, lang) for k in ("team", "objective", "key_result", "computed", "final", "reason")]
    return Part(_rows_or_note(headers, rows, lang, "okr-table okr-grading"))
