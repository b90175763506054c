"""Facilitate: a simulated team board with typical problems; the trainee picks the three most important
coaching points, compared with the severities of the quality findings, and gets a short debrief."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import ValidationError
from ..model.entities import Team, Workshop
from . import bank
from .breaks import ExerciseError, apply_flaws
from .spot import normalise_answer
from .texts import SEVERITY, flaw_label, t

# Typical problems of a team board and the rule each one shows up as.
PROBLEMS: dict[str, str] = {
    "too_many_objectives": "team-objective-count",
    "no_alignment": "objective-not-aligned",
    "sandbagging": "kr-confidence-10",
    "activity_krs": "kr-activity",
    "no_baselines": "kr-no-baseline",
    "numbers_in_objectives": "objective-number",
    "binary_krs": "kr-binary",
}
CHOICES: tuple[str, ...] = tuple(sorted(PROBLEMS.values()))
_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
# Broad problems first: a whole team's focus before one objective before one key result.
_LEVEL_RANK = {"workshop": 0, "team": 1, "key_results": 2, "objective": 3, "key_result": 4}
_TEAMS = {
    "sv": ["Kundtjänst", "Sälj", "Produkt", "HR", "Marknad", "Ekonomi"],
    "en": ["Customer support", "Sales", "Product", "People", "Marketing", "Finance"],
}


@dataclass(frozen=True, slots=True)
class Board:
    """A simulated board: ``workshop`` with a leadership team and ``team``; ``problems`` the problems
    planted (keys of PROBLEMS). Same seed and lang → the same board."""

    id: str
    seed: int
    lang: str
    workshop: Workshop
    problems: tuple[str, ...]
    choices: tuple[str, ...] = CHOICES

    @property
    def team(self) -> Team:
        return self.workshop.teams[1]

    def findings(self) -> list:
        """The quality findings on the team's board."""
        from ..quality import check

        return check(self.team, lang=self.lang)

    def table(self) -> list[dict]:
        """The board as rows: objective, what it supports, key result, baseline → target, confidence."""
        lang = self.lang
        rows = []
        for i, obj in enumerate(self.team.objectives):
            parent = obj.parent.title if obj.parent is not None else "—"
            for kr in obj.key_results:
                rows.append(
                    {
                        t("objective", lang): f"O{i + 1}. {obj.title}",
                        {"sv": "Stödjer", "en": "Supports"}[lang]: parent,
                        t("key_result", lang): kr.text,
                        t("baseline", lang): "" if kr.baseline is None else kr.baseline,
                        t("target", lang): "" if kr.target is None else kr.target,
                        t("confidence", lang): "" if kr.confidence is None else f"{kr.confidence}/10",
                    }
                )
        return rows


def make_board(seed: int, lang: str = "sv", n_problems: int = 4) -> Board:
    """A team board with ``n_problems`` typical problems, reproducible from ``seed``.

    Verified with the quality engine: the board shows exactly the planted problems' rules.
    """
    bank.check_lang(lang)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValidationError("seed", f"expected a whole number, got {seed!r:.20}")
    if not 2 <= n_problems <= len(PROBLEMS):
        raise ValidationError("n_problems", f"expected 2 to {len(PROBLEMS)}, got {n_problems}")
    rng = random.Random(f"board:{seed}:{lang}:{n_problems}")
    items = bank.items(lang)
    for _ in range(100):
        problems = tuple(sorted(rng.sample(sorted(PROBLEMS), n_problems)))
        try:
            ws = _build(problems, items, lang, rng)
        except ExerciseError:
            continue
        board = Board(f"board-{lang}-{seed}-{n_problems}", seed, lang, ws, problems)
        if {f.rule for f in board.findings()} == {PROBLEMS[p] for p in problems}:
            return board
    raise ExerciseError(f"could not build a board for seed {seed}; try another seed")


def _build(problems: tuple[str, ...], items: list[dict], lang: str, rng: random.Random) -> Workshop:
    org = {"sv": "Övningsbolaget", "en": "Practice Ltd"}[lang]
    ws = Workshop.new(org, period="2027-Q1", lang=lang)
    top = ws.add_team({"sv": "Ledningsgruppen", "en": "Leadership team"}[lang])
    picked = rng.sample(items, 2 + (6 if "too_many_objectives" in problems else 3))
    parents = []
    for it in picked[:2]:
        parents.append(_add(top, it))
    team = ws.add_team(rng.choice(_TEAMS[lang]), parent=top)
    own = picked[2:]
    plan: list[list[str]] = [[] for _ in own]
    for problem in problems:
        rule = PROBLEMS[problem]
        if problem in ("too_many_objectives", "no_alignment"):
            continue
        for i in rng.sample(range(len(own)), rng.randint(2, min(3, len(own)))):
            plan[i].append(rule)
    for it, flaws in zip(own, plan):
        broken = apply_flaws(it, flaws, rng).item if flaws else it
        obj = _add(team, broken)
        if "no_alignment" not in problems:
            obj.parent_id = rng.choice(parents).id
    return ws


def _add(team: Team, it: dict):
    obj = team.add_objective(it["objective"], type=it["type"], owner=it["owner"])
    for kr in it["key_results"]:
        obj.add_key_result(
            kr["text"], kind=kr["kind"], metric=kr.get("metric", ""), unit=kr.get("unit", ""),
            baseline=kr.get("baseline"), target=kr.get("target"), confidence=kr.get("confidence"),
        )  # fmt: skip
    return obj


@dataclass(frozen=True, slots=True)
class CoachingPoint:
    """One rule broken on the board: how severe, at what level, how often, where, and what to suggest."""

    rule: str
    severity: str
    level: str
    count: int
    where: tuple[str, ...]
    message: str
    suggestion: str

    @property
    def key(self) -> tuple:
        return (_SEVERITY_RANK[self.severity], _LEVEL_RANK.get(self.level, 9), -self.count)


def coaching_points(board: Board) -> list[CoachingPoint]:
    """The board's problems, most important first (severity, then breadth, then how often)."""
    by_rule: dict[str, list] = {}
    for f in board.findings():
        by_rule.setdefault(f.rule, []).append(f)
    points = [
        CoachingPoint(
            rule, fs[0].severity, fs[0].level, len(fs), tuple(f.where for f in fs), fs[0].message, fs[0].suggestion
        )  # fmt: skip
        for rule, fs in by_rule.items()
    ]
    return sorted(points, key=lambda p: (p.key, p.rule))


@dataclass(frozen=True, slots=True)
class FacilitateResult:
    """The grade of three picked coaching points: verdict per pick (top, lower, absent), the ranked
    points and a debrief."""

    exercise_id: str
    lang: str
    picks: tuple[str, ...]
    verdicts: dict
    points: tuple[CoachingPoint, ...]
    top: tuple[str, ...]

    @property
    def score(self) -> float:
        return round(sum(v == "top" for v in self.verdicts.values()) / 3, 2)

    @property
    def passed(self) -> bool:
        return all(v == "top" for v in self.verdicts.values())

    def debrief(self) -> list[str]:
        """The debrief: the summary, how points are ordered, the ranked points and each pick's verdict."""
        lang = self.lang
        out = [t("facilitate.summary", lang, top=sum(v == "top" for v in self.verdicts.values()))]
        out.append(t("facilitate.order", lang))
        for rank, p in enumerate(self.points, 1):
            where = ", ".join(p.where[:3]) + (" …" if len(p.where) > 3 else "")
            out.append(
                t("facilitate.point", lang, rank=rank, label=flaw_label(p.rule, lang),
                  severity=SEVERITY[p.severity][lang], count=p.count, where=where, suggestion=p.suggestion)
            )  # fmt: skip
        for rule in self.picks:
            out.append(f"{flaw_label(rule, lang)}: {t('facilitate.' + self.verdicts[rule], lang)}")
        return out

    lines = debrief

    def to_record(self) -> dict:
        """The fields the trainer's results log keeps."""
        return {
            "score": self.score,
            "passed": self.passed,
            "answer": list(self.picks),
            "expected": list(self.top),
            "missed": [r for r in self.top[:3] if r not in self.picks],
            "false_alarms": [r for r, v in self.verdicts.items() if v == "absent"],
        }


def grade_facilitate(board: Board, picks: Iterable[str] | str) -> FacilitateResult:
    """Grade three coaching points against the board's findings ranked by severity."""
    chosen = normalise_answer(picks, board.choices)
    if len(chosen) != 3:
        raise ValidationError("answer", f"{t('facilitate.pick_count', board.lang)} ({len(chosen)})")
    points = coaching_points(board)
    cut = points[min(2, len(points) - 1)].key
    top = tuple(p.rule for p in points if p.key <= cut)
    present = {p.rule for p in points}
    verdicts = {r: "top" if r in top else "lower" if r in present else "absent" for r in chosen}
    return FacilitateResult(board.id, board.lang, chosen, verdicts, tuple(points), top)
