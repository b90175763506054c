"""Sections: the pieces of a report and of the facilitator notebooks, as escaped HTML.

Every function returns a :class:`Part` (HTML plus metadata the report template
reads). Every participant string passes through ``html.escape``; charts are
embedded as ``data:`` SVG images, so a report loads nothing from anywhere.
A Part displays itself in Jupyter (``_repr_mimebundle_``) without this module
importing IPython.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import math
from dataclasses import dataclass, field
from typing import Any

from ..i18n.catalog import N_, table
from ..i18n.labels import label
from ..model.entities import Team, Workshop
from ..scoring.profiles import COLOURS
from . import charts
from .narrative import format_grade, format_number, team_narrative

_T = table((
    N_("report.report"), N_("report.period"), N_("report.date"), N_("report.as_of"), N_("report.contents"),
    N_("report.overview"), N_("report.alignment"), N_("report.team"), N_("report.objective"),
    N_("report.objectives"), N_("report.key_result"), N_("report.key_results"), N_("report.type"),
    N_("report.committed"), N_("report.aspirational"), N_("report.grade"), N_("report.status"), N_("report.pace"),
    N_("report.kr_statuses"), N_("report.outcome"), N_("report.reached"), N_("report.missed"), N_("report.in_zone"),
    N_("report.above_zone"), N_("report.below_zone"), N_("report.confidence"), N_("report.trend"),
    N_("report.current"), N_("report.baseline"), N_("report.target"), N_("report.progress"), N_("report.expected"),
    N_("report.owner"), N_("report.kind"), N_("report.computed"), N_("report.final"), N_("report.reason"),
    N_("report.severity"), N_("report.rule"), N_("report.count"), N_("report.where"), N_("report.message"),
    N_("report.suggestion"), N_("report.no_findings"), N_("report.no_objectives_yet"), N_("report.summary"),
    N_("report.chart_grades"), N_("report.chart_progress"), N_("report.chart_confidence"),
    N_("report.chart_findings"), N_("report.workshop_grade"), N_("report.not_aligned"), N_("report.no_objectives"),
    N_("report.teams"), N_("report.error"), N_("report.warning"), N_("report.info"), N_("report.increase"),
    N_("report.decrease"), N_("report.at_least"), N_("report.at_most"), N_("report.milestone"),
), "report.")  # fmt: skip


def t(key: str, lang: str) -> str:
    """A report word in ``lang`` (sv or en)."""
    entry = _T.get(key)
    return label(key, lang) if entry is None else entry.get(lang, entry["en"])


def esc(value: Any) -> str:
    """Participant text (or anything) as HTML text: escaped, quotes included."""
    return html.escape("" if value is None else str(value), quote=True)


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of a report: ``html`` (already escaped) and ``metadata`` the template reads.

    metadata["okr_report"] may hold ``role`` (cover, section), ``heading``,
    ``anchor`` and ``level`` (for the contents), ``team`` (the team it is about).
    """

    html: str
    metadata: dict = field(default_factory=dict)

    def _repr_mimebundle_(self, include=None, exclude=None):
        heading = self.metadata.get("okr_report", {}).get("heading", "")
        return {"text/html": self.html, "text/plain": heading or "<report part>"}, self.metadata

    def __str__(self) -> str:
        return self.html


def _num(x: Any) -> float | None:
    if x is None:
        return None
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


def _whole(x: Any) -> int | None:
    """A whole number from a score table, or None when it is missing (None, NaN or pandas' NA)."""
    number = _num(x)  # float(pd.NA) raises TypeError, so NA is None here; NA != NA is not a bool
    return None if number is None else int(number)


def badge(grade: Any, band: str | None, lang: str, profile: str = "google", pace: str | None = None) -> str:
    """A grade in its band colour (inline style, so it also shows in a notebook).

    ``pace``: a status key (on_track, at_risk…) to colour by instead, before the period is over:
    0.30 in mid-quarter is on track, and a red band beside a green "On track" would contradict it.
    """
    grade = _num(grade)
    band = band if isinstance(band, str) and band else None  # pandas gives NaN for a team without objectives
    colour = COLOURS.get(band or "", "#9e9e9e")
    title = esc(label(band, lang)) if band else ""
    if isinstance(pace, str) and pace:
        colour, title = COLOURS.get(pace, "#9e9e9e"), esc(label(pace, lang))
    return (
        f'<span class="okr-badge okr-band-{esc(band or "none")}" title="{title}" '
        f'style="background:{colour};color:#fff;padding:1px 6px;border-radius:3px;font-weight:600">'
        f"{esc(format_grade(grade, lang, profile))}</span>"
    )


def _status(key: str | None, lang: str, reason: str | None = None) -> str:
    """A status with a coloured dot; ``reason`` (a key of ``scoring.missing_numbers``) says why it is not measurable."""
    if not isinstance(key, str) or not key:  # None, or pandas' NaN for a team without objectives
        return "–"
    colour = COLOURS.get(key, "#9e9e9e")
    why = f' <span class="okr-reason">({esc(label(reason, lang))})</span>' if isinstance(reason, str) and reason else ""
    return (
        f'<span class="okr-status-{esc(key)}" style="white-space:nowrap">'
        f'<span class="okr-status" style="color:{colour};font-weight:600">● </span>{esc(label(key, lang))}</span>{why}'
    )


# The end-of-quarter outcome of an objective, in the order the overview lists them (worst first).
OUTCOMES = ("missed", "below_zone", "above_zone", "in_zone", "reached")
_OUTCOME_COLOURS = {"missed": "off_track", "below_zone": "at_risk", "above_zone": "at_risk", "in_zone": "on_track",
                    "reached": "on_track"}  # fmt: skip


def outcome(row: Any, profile: str = "google") -> str | None:
    """The end-of-quarter outcome of an objective_summary row, or None when it has no grade.

    Committed objectives "reached" 1.0 or "missed" it (needs_comment); aspirational
    ones land "in_zone" (the profile's sweet spot, else 0.6–0.7), "above_zone" or "below_zone".
    """
    from ..scoring.profiles import get_profile

    grade = _num(getattr(row, "grade", None))
    if grade is None:
        return None
    if getattr(row, "objective_type", None) == "committed":
        return "missed" if bool(getattr(row, "needs_comment", grade < 1.0)) else "reached"
    if bool(getattr(row, "in_sweet_spot", False)):
        return "in_zone"
    low, high = get_profile(profile).sweet_spot or (0.6, 0.7)
    return "above_zone" if grade > high else "below_zone" if grade < low else "in_zone"


def _outcome_text(key: str, lang: str, profile: str) -> str:
    from ..scoring.profiles import get_profile

    prof = get_profile(profile)
    low, high = prof.sweet_spot or (0.6, 0.7)

    def short(x: float) -> str:  # "1,0", "0,6" (as the OKR literature writes them), "100 %" for percent
        return format_grade(x, lang, profile) if prof.percent else format_number(x, lang)

    return t(key, lang).format(one=short(1.0), zone=f"{short(low)}–{short(high)}")


def _outcome(key: str | None, lang: str, profile: str) -> str:
    """An outcome with a coloured dot, like a status."""
    if not key:
        return ""
    colour = COLOURS.get(_OUTCOME_COLOURS[key], "#9e9e9e")
    return (
        f'<span class="okr-outcome-{esc(key)}" style="white-space:nowrap">'
        f'<span class="okr-status" style="color:{colour};font-weight:600">● </span>'
        f"{esc(_outcome_text(key, lang, profile))}</span>"
    )


def _outcome_counts(keys: list[str | None], lang: str, profile: str) -> str:
    """ "1 ● below 1.0 (comment needed) · 2 ● reached 1.0" for a team's objectives, worst first."""
    present = [k for k in OUTCOMES if k in keys]
    return " · ".join(f"{keys.count(k)}&nbsp;{_outcome(k, lang, profile)}" for k in present)


def _status_counts(counts: dict[str, int] | None, lang: str) -> str:
    """ "3 ● On track · 1 ● At risk", most severe first."""
    if not counts:
        return ""
    return " · ".join(f"{int(n)}&nbsp;{_status(key, lang)}" for key, n in counts.items())


def _table(headers: list[str], rows: list[list[str]], css: str = "okr-table") -> str:
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _img(svg: str, alt: str) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<figure class="okr-chart"><img alt="{esc(alt)}" src="data:image/svg+xml;base64,{data}"/></figure>'


def _heading(text: str, anchor: str, level: int = 2, team: str | None = None) -> dict:
    meta = {"role": "section", "heading": text, "anchor": anchor, "level": level}
    if team is not None:
        meta["team"] = team
    return {"okr_report": meta}


def _lang(ws: Workshop, lang: str | None) -> str:
    return lang if lang in ("sv", "en") else ws.lang


def _teams(ws: Workshop, team: Team | str | None) -> list[Team]:
    if team is None or team == "":
        return list(ws.teams)
    return [ws.team(team) if isinstance(team, str) else team]


# --------------------------------------------------------------------------- cover and overview


def cover(ws: Workshop, team: Team | str | None = None, as_of: Any = None, lang: str | None = None) -> Part:
    """The cover: organisation, period, date (and the team, for a team report)."""
    from ..scoring.grades import resolve_as_of

    lang = _lang(ws, lang)
    day = resolve_as_of(ws.period, as_of)
    scope = _teams(ws, team)[0].name if team else ""
    meta = {
        "role": "cover",
        "title": t("report", lang),
        "organisation": ws.organisation,
        "scope": scope,
        "period": ws.period.label,
        "as_of": day.isoformat(),
        "date": dt.date.today().isoformat(),
        "lang": lang,
        "labels": {k: t(k, lang) for k in ("period", "date", "as_of", "contents", "team")},
    }
    team_line = f"<p class='okr-cover-team'>{esc(t('team', lang))}: {esc(scope)}</p>" if scope else ""
    body = (
        f'<section class="okr-cover-inline"><p class="okr-kicker">{esc(t("report", lang))}</p>'
        f"<h1>{esc(ws.organisation)}</h1>{team_line}"
        f"<p>{esc(t('period', lang))}: {esc(ws.period.label)} · {esc(t('as_of', lang))}: {day.isoformat()}</p>"
        "</section>"
    )
    return Part(body, {"okr_report": meta})


def _scored(ws: Workshop, as_of: Any, tables: Any):
    """The report's scored view: ``tables`` when the caller computed it for the whole report, else computed now."""
    if tables is not None:
        return tables
    from ..scoring.grades import tables as score_tables

    return score_tables(ws, as_of)


def overview(
    ws: Workshop, team: Team | str | None = None, as_of: Any = None, lang: str | None = None, tables: Any = None
) -> Part:
    """One row per team: objectives, key results, grade in its band colour, pace, key results by status.

    ``tables``: the workshop's ``scoring.tables`` for that day, so a report scores each key result once.
    """
    lang = _lang(ws, lang)
    wanted = {x.id for x in _teams(ws, team)}
    frames = _scored(ws, as_of, tables)
    day = frames.day
    frame = frames.teams
    finished = day >= ws.period.end
    if finished:  # the quarter is over: its outcome, not a pace, beside the grade
        outcomes: dict[str, list] = {}
        for o in frames.objectives.itertuples():
            outcomes.setdefault(o.team_id, []).append(outcome(o, ws.profile))
        verdict, verdict_head = (lambda r: _outcome_counts(outcomes.get(r.team_id, []), lang, ws.profile)), "outcome"
    else:
        verdict, verdict_head = (lambda r: _status(r.pace, lang)), "pace"
    rows = [
        [esc(r.team), str(r.objectives), str(r.key_results),
         badge(r.grade, r.band, lang, ws.profile, None if finished else r.pace), verdict(r),
         _status_counts(r.status_counts, lang)]
        for r in frame.itertuples() if r.team_id in wanted
    ]  # fmt: skip
    headers = [t("team", lang), t("objectives", lang), t("key_results", lang), t("grade", lang), t(verdict_head, lang),
               t("kr_statuses", lang)]  # fmt: skip
    html_ = f"<h2 id='overview'>{esc(t('overview', lang))}</h2>" + _table(headers, rows)
    if team is None:
        grade = frames.grade
        from ..scoring.profiles import band

        # no organisation-wide pace: grey until the quarter is over, not a band that contradicts the teams' pace
        colour = band(grade, ws.profile) if finished else None
        html_ += f"<p class='okr-total'>{esc(t('workshop_grade', lang))}: {badge(grade, colour, lang, ws.profile)}</p>"
    grades = [
        (r.team, _num(r.grade), r.band if finished else r.pace) for r in frame.itertuples() if r.team_id in wanted
    ]
    if len(grades) > 1:
        html_ += _img(charts.grade_bars(grades, lang, ws.profile), t("grade", lang))
    return Part(f"<section class='okr-overview'>{html_}</section>", _heading(t("overview", lang), "overview"))


# --------------------------------------------------------------------------- one section per team


def _team_of_ids(ws: Workshop) -> dict[str, str]:
    owner = {}
    for tm in ws.teams:
        owner[tm.id] = tm.id
        for obj in tm.objectives:
            owner[obj.id] = tm.id
            for kr in obj.key_results:
                owner[kr.id] = tm.id
    return owner


def findings_by_team(ws: Workshop, findings: list) -> dict[str, list]:
    """Findings grouped by the id of the team they are about (workshop-level findings under "")."""
    owner = _team_of_ids(ws)
    out: dict[str, list] = {}
    for f in findings:
        out.setdefault(owner.get(f.target_id, ""), []).append(f)
    return out


def _progress_series(tm: Team, cutoff: dt.date) -> list:
    from ..scoring.grades import progress

    series = []
    for i, obj in enumerate(tm.objectives, 1):
        for j, kr in enumerate(obj.key_results, 1):
            pts = [(c.on, progress(kr.kind, kr.baseline, kr.target, c.value)) for c in kr.history if c.on <= cutoff]
            series.append((f"KR{i}.{j} {kr.text}", [(d, p) for d, p in pts if p is not None]))
    return series


def _confidence_series(tm: Team, cutoff: dt.date) -> list:
    series = []
    for i, obj in enumerate(tm.objectives, 1):
        histories = [[c for c in kr.history if c.on <= cutoff and c.confidence is not None] for kr in obj.key_results]
        days = sorted({c.on for h in histories for c in h})
        pts = []
        for day in days:
            latest = [next((c.confidence for c in reversed(h) if c.on <= day), None) for h in histories]
            known = [c for c in latest if c is not None]
            pts.append((day, sum(known) / len(known)))
        series.append((f"O{i} {obj.title}", pts))
    return series


def team_section(
    ws: Workshop,
    team: Team | str,
    as_of: Any = None,
    lang: str | None = None,
    findings: list | None = None,
    tables: Any = None,
) -> Part:
    """A team's section: narrative, summary table in band colours and four charts.

    ``tables``: the workshop's ``scoring.tables`` for that day, so a report scores the workshop once.
    """
    lang = _lang(ws, lang)
    tm = _teams(ws, team)[0]
    frames = _scored(ws, as_of, tables)
    day = frames.day
    cutoff = min(day, ws.period.end)
    if findings is None:
        from ..quality import check

        findings = check(tm, lang=lang)
    anchor = f"team-{tm.id}"
    parts = [f"<h2 id='{esc(anchor)}'>{esc(tm.name)}</h2>"]
    sentences = team_narrative(ws, tm, as_of=day, lang=lang, findings=findings, tables=frames)
    parts.append("<div class='okr-narrative'><p>" + " ".join(esc(s) for s in sentences) + "</p></div>")
    if not tm.objectives:  # a sentence, not a page of its own in print
        return Part(_wrap(parts, "okr-team okr-team-empty"), _heading(tm.name, anchor, team=tm.name))
    objectives = frames.objectives[frames.objectives["team_id"] == tm.id]
    scores = frames.scores[frames.scores["team_id"] == tm.id]
    finished = day >= ws.period.end
    rows = []
    for i, o in enumerate(objectives.itertuples(), 1):
        kind = t(o.objective_type, lang) if o.objective_type else ""
        verdict = _outcome(outcome(o, ws.profile), lang, ws.profile) if finished else _status(o.pace, lang)
        rows.append([f"<b>O{i}</b>", f"<b>{esc(o.objective)}</b>", esc(kind),
                     badge(o.grade, o.band, lang, ws.profile, None if finished else o.pace), verdict,
                     esc(format_number(_num(o.confidence), lang))])  # fmt: skip
        for j, k in enumerate(scores[scores["objective_id"] == o.objective_id].itertuples(), 1):
            rows.append([f"KR{i}.{j}", esc(k.key_result), "",
                         badge(k.grade, k.band, lang, ws.profile, None if finished else k.status),
                         _status(k.status, lang, k.not_measurable_reason),
                         esc("" if _whole(k.confidence) is None else str(_whole(k.confidence)))])  # fmt: skip
    headers = ["", t("objective", lang) + " / " + t("key_result", lang), t("type", lang), t("grade", lang),
               t("outcome" if finished else "pace", lang) + " / " + t("status", lang),
               t("confidence", lang)]  # fmt: skip
    parts.append(f"<h3>{esc(t('summary', lang))}</h3>" + _table(headers, rows, "okr-table okr-summary"))
    grades = [(f"O{i} {o.objective}", _num(o.grade), o.band if finished else o.pace)
              for i, o in enumerate(objectives.itertuples(), 1)]  # fmt: skip
    by_rule: dict[str, list] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    from ..quality.names import rule_name

    rule_rows = sorted(((rule_name(r, lang), len(fs), fs[0].severity) for r, fs in by_rule.items()),
                       key=lambda x: (-x[1], x[0]))  # fmt: skip
    charts_html = [
        (t("chart_grades", lang), charts.grade_bars(grades, lang, ws.profile)),
        (t("chart_progress", lang), charts.progress_lines(_progress_series(tm, cutoff), ws.period.start,
                                                         ws.period.end, lang)),
        (t("chart_confidence", lang), charts.confidence_lines(_confidence_series(tm, cutoff), ws.period.start,
                                                             ws.period.end, lang)),
    ]  # fmt: skip
    blocks = [f"<h3>{esc(title)}</h3>" + _img(svg, f"{title}: {tm.name}") for title, svg in charts_html]
    parts.append(blocks[0])
    # the two charts over time go to a page together, so neither is left alone on one in print
    parts.append("<div class='okr-over-time'>" + "".join(blocks[1:]) + "</div>")
    parts.append(f"<h3>{esc(t('chart_findings', lang))}</h3>" + _findings_by_rule(rule_rows, tm.name, lang))
    return Part(_wrap(parts), _heading(tm.name, anchor, team=tm.name))


# Up to this many findings per rule a short table says it better than bars of length one or two.
SMALL_COUNTS = 2


def _findings_by_rule(rows: list[tuple[str, int, str]], team: str, lang: str) -> str:
    """Findings per rule (name, count, severity): a sentence when none, a short table for small counts, else bars."""
    if not rows:
        return f"<p>{esc(t('no_findings', lang))}</p>"
    if max(n for _, n, _ in rows) > SMALL_COUNTS:
        return _img(charts.findings_bars(rows, lang), f"{t('chart_findings', lang)}: {team}")
    body = [[esc(name), _severity(severity, lang), str(n)] for name, n, severity in rows]
    return _table([t("rule", lang), t("severity", lang), t("count", lang)], body, "okr-table okr-findings")


def _severity(key: str, lang: str) -> str:
    colour = charts.SEVERITY_COLOURS.get(key, "#9e9e9e")
    return f'<span style="color:{colour};font-weight:600">● </span>{esc(t(key, lang))}'


def _wrap(parts: list[str], css: str = "okr-team") -> str:
    return f"<section class='{css}'>" + "".join(parts) + "</section>"


# --------------------------------------------------------------------------- alignment


def alignment(
    ws: Workshop, team: Team | str | None = None, as_of: Any = None, lang: str | None = None, tables: Any = None
) -> Part:
    """The alignment tree: each objective under the objective of the level above that it supports.

    ``tables``: the workshop's ``scoring.tables`` for that day, so a report scores each key result once.
    """
    lang = _lang(ws, lang)
    frames = _scored(ws, as_of, tables)
    finished = frames.day >= ws.period.end
    grades = {r.objective_id: (r.grade, r.band, None if finished else r.pace) for r in frames.objectives.itertuples()}
    objectives = {o.id: o for o in ws.objectives}
    children: dict[str, list] = {}
    roots = []
    for obj in ws.objectives:
        if obj.parent_id and obj.parent_id in objectives and obj.parent_id != obj.id:
            children.setdefault(obj.parent_id, []).append(obj)
        else:
            roots.append(obj)
    focus = {o.id for tm in _teams(ws, team) for o in tm.objectives} if team else set(objectives)

    def relevant(obj, seen=()) -> bool:
        if obj.id in seen:
            return False
        return obj.id in focus or any(relevant(c, (*seen, obj.id)) for c in children.get(obj.id, []))

    def render(obj, seen=()) -> str:
        grade, band_, pace = grades.get(obj.id, (None, None, None))
        mark = " okr-focus" if team and obj.id in focus else ""
        kids = [c for c in children.get(obj.id, []) if c.id not in seen and relevant(c, (*seen, obj.id))]
        sub = "<ul>" + "".join(render(c, (*seen, obj.id)) for c in kids) + "</ul>" if kids else ""
        team_name = obj.team.name if obj.team is not None else ""
        return (
            f"<li class='okr-node{mark}'>{badge(grade, band_, lang, ws.profile, pace)} "
            f"<span class='okr-tree-team'>{esc(team_name)}</span> {esc(obj.title)}{sub}</li>"
        )

    top = [o for o in roots if (o.team is not None and o.team.parent is None) and relevant(o)]
    loose = [o for o in roots if o not in top and relevant(o)]
    html_ = f"<h2 id='alignment'>{esc(t('alignment', lang))}</h2>"
    if not top and not loose:
        html_ += f"<p class='okr-empty'>{esc(t('no_objectives_yet', lang))}</p>"
    elif top:
        html_ += "<ul class='okr-tree'>" + "".join(render(o) for o in top) + "</ul>"
    if loose:
        html_ += f"<h3>{esc(t('not_aligned', lang))}</h3><ul class='okr-tree'>" + "".join(render(o) for o in loose)
        html_ += "</ul>"
    return Part(f"<section class='okr-alignment'>{html_}</section>", _heading(t("alignment", lang), "alignment"))


def team_sections(
    ws: Workshop, team: Team | str | None = None, as_of: Any = None, lang: str | None = None, tables: Any = None
) -> list[Part]:
    """One section per team (or only ``team``); the workshop is checked and scored once for all of them.

    ``tables``: the workshop's ``scoring.tables`` for that day, when the report computed it already.
    """
    from ..quality import check

    lang = _lang(ws, lang)
    grouped = findings_by_team(ws, check(ws, lang=lang))
    frames = _scored(ws, as_of, tables)
    return [
        team_section(ws, tm, as_of, lang, findings=grouped.get(tm.id, []), tables=frames) for tm in _teams(ws, team)
    ]


def sections(ws: Workshop, team: Team | str | None = None, as_of: Any = None, lang: str | None = None) -> list[Part]:
    """The whole report in order: cover, overview, one section per team, the alignment tree.

    The workshop is scored once (``scoring.tables``) and every part reads that one view.
    """
    from ..scoring.grades import tables

    frames = tables(ws, as_of)
    out = [cover(ws, team, as_of, lang), overview(ws, team, as_of, lang, tables=frames)]
    out += team_sections(ws, team, as_of, lang, tables=frames)
    out.append(alignment(ws, team, as_of, lang, tables=frames))
    return out
