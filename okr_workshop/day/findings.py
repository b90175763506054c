"""Findings about the day's record: unanswered or declined dependencies, unresolved review items,
split confidence. Data in the workshop's language, like the quality checker's findings."""

from __future__ import annotations

from ..i18n import t
from ..model.session import Answer
from ..quality.findings import Finding
from .record import Day

SOURCE = "okr-workshop: the workshop day"


def day_findings(day: Day, lang: str | None = None) -> list[Finding]:
    """Findings on dependencies, peer review and confidence, in ``lang`` (default: the workshop's)."""
    ws = day.workshop()
    lang = lang or ws.lang
    names = {team.id: team.name for team in ws.teams}
    titles = {obj.id: obj.title for obj in ws.objectives}
    out: list[Finding] = []
    for d in day.dependencies():
        a, b = names.get(d.from_team, "?"), names.get(d.to_team, "?")
        if d.answer in (Answer.OPEN, Answer.DECLINED):
            key = "open_dependency" if d.answer is Answer.OPEN else "declined_dependency"
            out.append(Finding(
                rule=f"day-{key.replace('_', '-')}", severity="warning",
                message=t(f"day.finding.{key}", lang, a=a, b=b, what=d.what),
                suggestion=t(f"day.finding.{key}.fix", lang, b=b), where=f"{a} → {b}", level="team",
                source=SOURCE, target_id=d.id,
            ))  # fmt: skip
    for r in day.reviews():
        if not r.resolved:
            obj = titles.get(r.objective_id, "?")
            out.append(Finding(
                rule="day-open-review", severity="info",
                message=t("day.finding.open_review", lang, a=names.get(r.from_team, "?"), text=r.text),
                suggestion=t("day.finding.open_review.fix", lang), where=obj, level="objective", source=SOURCE,
                target_id=r.objective_id,
            ))  # fmt: skip
    for obj_id, title in titles.items():
        spread = day.spread(obj_id)
        if spread.needs_talk and day.commitment(obj_id) is None:
            votes = ", ".join(str(v) for v in sorted(spread.votes))
            out.append(Finding(
                rule="day-split-confidence", severity="info",
                message=t("day.finding.split_confidence", lang, votes=votes),
                suggestion=t("day.finding.split_confidence.fix", lang), where=title, level="objective",
                source=SOURCE, target_id=obj_id,
            ))  # fmt: skip
    return out
