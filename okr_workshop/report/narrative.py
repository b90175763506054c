"""Narrative: a short, data-driven text per team for the report, in Swedish or English.

Every sentence is built from the scores, the check-in history and the quality
findings; nothing is invented. The text is plain (the report escapes it).
"""

from __future__ import annotations

from typing import Any

from ..i18n.catalog import gettext, ngettext
from ..i18n.formatting import format_number as i18n_number
from ..i18n.formatting import format_percent
from ..i18n.labels import label
from ..model.entities import Team, Workshop
from ..scoring.profiles import get_profile

# The narrative's phrases are in the catalogue as narrative.<key>; these have a singular and a plural
# (narrative.<key>.one), chosen by ``n``. Swedish adjectives agree with "nyckelresultat": ett grönt, två gröna.
_PLURAL = frozenset(
    {
        "committed_missed",
        "findings",
        "green",
        "intro_before_check_ins",
        "kr",
        "objective",
        "outdated",
        "overrides",
        "red",
        "yellow",
    }
)


def text(key: str, lang: str, **values: Any) -> str:
    """One phrase of the narrative in ``lang`` with ``values`` filled in (singular or plural by ``n``)."""
    if key in _PLURAL:
        n = values.pop("n", None)
        return ngettext(lang, f"narrative.{key}.one", f"narrative.{key}", n if n is not None else 0, **values)
    return gettext(lang, f"narrative.{key}", **values)


def format_number(value: float | None, lang: str, decimals: int = 1) -> str:
    """A number the way ``lang`` writes it ("12 500,5" and "−3" in Swedish); "–" for None."""
    if value is None:
        return "–"
    return i18n_number(value, lang, digits=decimals)


def format_grade(grade: float | None, lang: str, profile: str = "google") -> str:
    """A grade as the profile writes it, in ``lang``: "0,65" or "65 %" in Swedish, "0.65" or "65%" in English."""
    if grade is None:
        return "–"
    if get_profile(profile).percent:
        return format_percent(round(grade, 2), lang)
    return i18n_number(grade, lang, digits=2)


def team_narrative(
    ws: Workshop,
    team: Team | str,
    as_of: Any = None,
    lang: str | None = None,
    findings: list | None = None,
    tables: Any = None,
) -> list[str]:
    """A few sentences about one team's quarter, in ``lang`` (default the workshop's); one string per sentence.

    ``findings`` are the quality findings about this team (default: ``quality.check(team)``);
    ``tables`` the workshop's ``scoring.tables`` for that day, when the caller has them already.
    """
    from ..scoring import grades as scoring

    team = ws.team(team) if isinstance(team, str) else team
    lang = lang or ws.lang
    name = team.name
    if not team.objectives:
        return [text("empty", lang, team=name)]
    frames = tables if tables is not None else scoring.tables(ws, as_of)
    day = frames.day
    mine = frames.scores[frames.scores["team_id"] == team.id]
    objectives = frames.objectives[frames.objectives["team_id"] == team.id]
    row = frames.teams[frames.teams["team_id"] == team.id].iloc[0]
    counts = {"objectives": text("objective", lang, n=len(team.objectives)), "krs": text("kr", lang, n=len(mine))}
    out: list[str] = []
    grade = None if row["grade"] is None or row["grade"] != row["grade"] else float(row["grade"])
    started = any(c.on <= day for kr in team.key_results for c in kr.check_ins)
    later = sorted(c.on for kr in team.key_results for c in kr.check_ins if day < c.on <= ws.period.end)
    if grade is not None and not started and day < ws.period.end and later:
        # the day scored lies before check-ins that exist (the clock before the period, or an early --as-of)
        first = later[0].isoformat()
        out.append(text("intro_before_check_ins", lang, team=name, day=day.isoformat(), first=first, n=len(later),
                        **counts))  # fmt: skip
    elif grade is not None and not started and day < ws.period.end:
        out.append(text("intro_no_check_ins", lang, team=name, **counts))  # a 0.00 in red would say "failed"
    elif grade is None:
        out.append(text("intro_ungraded", lang, team=name, **counts))
    else:
        when = text("when_final", lang) if day >= ws.period.end else text("when_so_far", lang, day=day.isoformat())
        out.append(
            text(
                "intro", lang, team=name, when=when, grade=format_grade(grade, lang, ws.profile),
                band=label(row["band"], lang).lower(), **counts,
            )
        )  # fmt: skip
    graded = objectives.dropna(subset=["grade"])
    if len(graded) >= 2:
        best = graded.loc[graded["grade"].idxmax()]
        worst = graded.loc[graded["grade"].idxmin()]
        if best["objective_id"] != worst["objective_id"] and best["grade"] != worst["grade"]:
            out.append(
                text(
                    "best_worst", lang, best=_short(best["objective"]), worst=_short(worst["objective"]),
                    best_grade=format_grade(best["grade"], lang, ws.profile),
                    worst_grade=format_grade(worst["grade"], lang, ws.profile),
                )
            )  # fmt: skip
    if ws.profile == "google" and len(mine):
        bands = mine["band"].value_counts()
        counts = {b: int(bands.get(b, 0)) for b in ("green", "yellow", "red")}
        out.append(text("bands", lang, **{b: text(b, lang, n=n) for b, n in counts.items()}))
    missed = int(row["needs_comment"])
    if missed:
        out.append(text("committed_missed", lang, n=missed))
    if bool(row["sandbagging_hint"]):
        out.append(text("sandbagging", lang))
    out.extend(_confidence_sentence(team, day, lang))
    outdated = int((mine["status"] == "outdated").sum())
    if outdated:
        out.append(text("outdated", lang, n=outdated))
    overridden = int(mine["overridden"].sum())
    if overridden:
        out.append(text("overrides", lang, n=overridden))
    out.append(_findings_sentence(team, findings, lang))
    return out


def _short(title: str, limit: int = 60) -> str:
    """One line of at most ``limit`` characters, cut at a word when it can be, with an ellipsis."""
    title = " ".join(str(title).split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + " …"


def _confidence_sentence(team: Team, day, lang: str) -> list[str]:
    """Mean confidence of the team's key results at their first and at their latest check-in."""
    firsts, lasts = [], []
    for kr in team.key_results:
        history = [c for c in kr.history if c.on <= day and c.confidence is not None]
        if history:
            firsts.append(history[0].confidence)
            lasts.append(history[-1].confidence)
    if not lasts:
        return []
    first, last = sum(firsts) / len(firsts), sum(lasts) / len(lasts)
    if abs(last - first) < 0.5:
        return [text("confidence_flat", lang, last=format_number(last, lang))]
    verb = text("up" if last > first else "down", lang)
    return [
        text("confidence_change", lang, verb=verb, first=format_number(first, lang), last=format_number(last, lang))
    ]


def _findings_sentence(team: Team, findings: list | None, lang: str) -> str:
    if findings is None:
        from ..quality import check

        findings = check(team, lang=lang)
    if not findings:
        return text("no_findings", lang)
    by_rule: dict[str, int] = {}
    for f in findings:
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    common = max(by_rule, key=lambda r: (by_rule[r], r))
    errors = sum(f.severity == "error" for f in findings)
    example = next(f for f in findings if f.rule == common)
    message = about(team, example, lang)
    key = "findings" if errors or len(findings) == 1 else "findings_no_errors"
    return text(key, lang, n=len(findings), errors=errors, message=message)


# The subject a quality message starts with, per language and level ("Målet har 2 nyckelresultat").
_SUBJECTS = {
    "sv": {"objective": ("Målet ",), "kr": ("Nyckelresultatet ",)},
    "en": {"objective": ("The objective ",), "kr": ("The key result ",)},
}


def about(team: Team, finding, lang: str) -> str:
    """A finding's message naming what it is about in words ("Mål O1 (Titel) har 2 nyckelresultat; …").

    The rule id is left out: managers read this. The objective or key result is
    named by its number and (shortened) text; the result is plain text.
    """
    message = str(finding.message)
    for i, obj in enumerate(team.objectives, 1):
        if obj.id == finding.target_id:
            return _name_subject(text("about_objective", lang, i=i, title=_short(obj.title, 40)), message,
                                 _SUBJECTS.get(lang, _SUBJECTS["en"])["objective"])  # fmt: skip
        for j, kr in enumerate(obj.key_results, 1):
            if kr.id == finding.target_id:
                return _name_subject(text("about_kr", lang, i=i, j=j, title=_short(kr.text, 40)), message,
                                     _SUBJECTS.get(lang, _SUBJECTS["en"])["kr"])  # fmt: skip
    return message


def _name_subject(name: str, message: str, subjects: tuple[str, ...]) -> str:
    for subject in subjects:
        if message.startswith(subject):
            return f"{name} {message[len(subject) :]}"
    first = message[:1] if message[1:2].isupper() else message[:1].lower()  # keep "KPI", lower "Utgångsläget"
    return f"{name}: {first}{message[1:]}"
