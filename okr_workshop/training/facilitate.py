"""Facilitate: a simulated team board with typical problems; the trainee picks the three most important
coaching points, ranked as a coach would, and gets a debrief with the reasoning.

A board is one organisation (a company, a municipality, a school or a charity): the leadership team's
objectives and one team's board, all from one domain of the bank (a sales team under sales goals), so the
alignment makes sense, except where nonsensical alignment is the planted problem (an objective aligned to
a leadership objective of another domain).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import ValidationError
from ..i18n.catalog import N_, gettext, table
from ..model.entities import Team, Workshop
from . import bank
from .breaks import ExerciseError, apply_flaws
from .spot import normalise_answer
from .texts import T, flaw_label, number, t

# Typical problems of a team board and the rule each one shows up as.
PROBLEMS: dict[str, str] = {
    "too_many_objectives": "team-objective-count",
    "no_alignment": "objective-not-aligned",
    "sandbagging": "kr-confidence-10",
    "activity_krs": "kr-activity",
    "no_baselines": "kr-no-baseline",
    "numbers_in_objectives": "objective-number",
    "binary_krs": "kr-binary",
    "misaligned": "alignment-nonsense",
}
CHOICES: tuple[str, ...] = tuple(sorted(PROBLEMS.values()))
# How a coach ranks what to raise first, with the reason shown in the debrief: focus, then outcomes (activities
# and done/not-done key results measure work, not change), then alignment, then measurability, then wording;
# a confidence score is a conversation about ambition, last.
COACH_ORDER: tuple[str, ...] = (
    "team-objective-count", "kr-activity", "kr-binary", "alignment-nonsense", "objective-not-aligned",
    "kr-no-baseline", "objective-number", "kr-confidence-10",
)  # fmt: skip
# One organisation per board: the domains a team can come from, the team's name and the organisation's.
# (The names are the catalogue's training.names.domain.* and training.names.org.*.)
_TEAM_NAMES = table((
    N_("training.names.domain.sales"), N_("training.names.domain.hr"), N_("training.names.domain.product"),
    N_("training.names.domain.support"), N_("training.names.domain.public"), N_("training.names.domain.school"),
    N_("training.names.domain.ngo"),
), "training.names.domain.")  # fmt: skip
_ORG_OF = {"sales": "company", "hr": "company", "product": "company", "support": "company",
           "public": "municipality", "school": "school", "ngo": "charity"}  # fmt: skip
_DOMAINS = {domain: (_TEAM_NAMES[domain], org) for domain, org in _ORG_OF.items()}
_ORGS = table((
    N_("training.names.org.company"), N_("training.names.org.municipality"), N_("training.names.org.school"),
    N_("training.names.org.charity"),
), "training.names.org.")  # fmt: skip
# Leadership objectives a company team's objective can be wrongly aligned to: a domain it does not move.
_FAR = {
    "sales": ("hr", "it"),
    "hr": ("sales", "marketing", "product"),
    "product": ("hr", "finance"),
    "support": ("hr", "finance", "marketing"),
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
    domains: dict = field(default_factory=dict)  # objective id → the bank domain it comes from

    @property
    def team(self) -> Team:
        return self.workshop.teams[1]

    def findings(self) -> list:
        """The quality findings on the team's board, and an objective aligned to another domain's objective."""
        from ..quality import check

        out = list(check(self.team, lang=self.lang))
        for i, obj in enumerate(self.team.objectives):
            parent = obj.parent
            if parent is not None and self.domains.get(parent.id) != self.domains.get(obj.id):
                out.append(_misaligned(self.team.name, i, parent, self.lang))
        return out

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
                        gettext(lang, "training.supports"): parent,
                        t("key_result", lang): kr.text,
                        t("baseline", lang): "" if kr.baseline is None else number(kr.baseline, lang),
                        t("target", lang): "" if kr.target is None else number(kr.target, lang),
                        t("confidence", lang): "" if kr.confidence is None else f"{kr.confidence}/10",
                    }
                )
        return rows


@dataclass(frozen=True, slots=True)
class BoardFinding:
    """A coaching point the quality engine cannot see (alignment across domains), shaped like a Finding."""

    rule: str
    severity: str
    level: str
    where: str
    message: str
    suggestion: str


def _misaligned(team: str, i: int, parent, lang: str) -> BoardFinding:
    message = gettext(lang, "training.facilitate.misaligned", parent=parent.title)
    suggestion = gettext(lang, "training.facilitate.misaligned_fix")
    return BoardFinding("alignment-nonsense", "warning", "objective", f"{team} › O{i + 1}", message, suggestion)


def make_board(seed: int, lang: str = "sv", n_problems: int = 4) -> Board:
    """A team board with ``n_problems`` typical problems, reproducible from ``seed``.

    Verified: the board shows exactly the planted problems' rules (quality engine and alignment check).
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
        if {"no_alignment", "misaligned"} <= set(problems):
            continue  # a board without alignment cannot also be aligned wrongly
        try:
            ws, domains = _build(problems, items, lang, rng)
        except ExerciseError:
            continue
        board = Board(f"board-{lang}-{seed}-{n_problems}", seed, lang, ws, problems, domains=domains)
        if {f.rule for f in board.findings()} == {PROBLEMS[p] for p in problems}:
            return board
    raise ExerciseError(f"could not build a board for seed {seed}; try another seed")


def _build(problems: tuple[str, ...], items: list[dict], lang: str, rng: random.Random) -> tuple[Workshop, dict]:
    domain = rng.choice(sorted(_DOMAINS))
    (team_name, org) = _DOMAINS[domain]
    if "misaligned" in problems and org != "company":
        raise ExerciseError("misaligned boards are company boards")
    own = [it for it in items if it["domain"] == domain]
    n_objectives = 5 if "too_many_objectives" in problems else 3
    picked = rng.sample(own, min(len(own), n_objectives + 2))
    if len(picked) < n_objectives + 1:
        raise ExerciseError(f"domain {domain} has too few items")
    ws = Workshop.new(_ORGS[org][lang], period="2027-Q1", lang=lang)
    top = ws.add_team(gettext(lang, "training.names.leadership"))
    domains: dict = {}
    parents = []
    for it in picked[n_objectives:]:
        obj = _add(top, it)
        domains[obj.id] = domain
        parents.append(obj)
    stranger = None
    if "misaligned" in problems:
        others = [it for it in items if it["domain"] in _FAR[domain]]
        far = rng.choice(others)
        stranger = _add(top, far)
        domains[stranger.id] = far["domain"]
    team = ws.add_team(team_name[lang], parent=top)
    mine = picked[:n_objectives]
    plan: list[list[str]] = [[] for _ in mine]
    for problem in problems:
        rule = PROBLEMS[problem]
        if problem in ("too_many_objectives", "no_alignment", "misaligned"):
            continue
        for i in rng.sample(range(len(mine)), rng.randint(2, min(3, len(mine)))):
            plan[i].append(rule)
    wrong = rng.randrange(len(mine)) if stranger is not None else None
    for i, (it, flaws) in enumerate(zip(mine, plan)):
        broken = apply_flaws(it, flaws, rng).item if flaws else it
        obj = _add(team, broken)
        domains[obj.id] = domain
        if "no_alignment" not in problems:
            obj.parent_id = stranger.id if i == wrong else rng.choice(parents).id
    return ws, domains


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
        rank = COACH_ORDER.index(self.rule) if self.rule in COACH_ORDER else len(COACH_ORDER)
        return (rank, -self.count)


def _health_metric(board: Board, where: str) -> bool:
    """True when ``where`` ("Team › O2 › KR1") is a threshold key result: 10/10 there is no sandbagging."""
    parts = [p.strip() for p in where.split("›")]
    try:
        obj = board.team.objectives[int(parts[1][1:]) - 1]
        kr = obj.key_results[int(parts[2][2:]) - 1]
    except (IndexError, ValueError):
        return False
    return kr.kind.value in ("at_least", "at_most")


def coaching_points(board: Board) -> list[CoachingPoint]:
    """The board's problems, most important first, as a coach ranks them (``COACH_ORDER``), then how often."""
    by_rule: dict[str, list] = {}
    for f in board.findings():
        if f.rule == "kr-confidence-10" and _health_metric(board, f.where):
            continue  # staying above a threshold with 10/10 confidence is a healthy metric, not sandbagging
        by_rule.setdefault(f.rule, []).append(f)
    points = [
        CoachingPoint(
            rule, fs[0].severity, fs[0].level, len(fs), tuple(f.where for f in fs), fs[0].message, fs[0].suggestion
        )  # fmt: skip
        for rule, fs in by_rule.items()
    ]
    return sorted(points, key=lambda p: (p.key, p.rule))


def reason(rule: str, lang: str) -> str:
    """Why a coach raises ``rule`` where it ranks (the debrief shows it)."""
    key = f"facilitate.why.{rule}"
    return t(key, lang) if key in T else ""


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
                t("facilitate.point", lang, rank=rank, label=flaw_label(p.rule, lang), why=reason(p.rule, lang),
                  count=p.count, where=where, suggestion=p.suggestion)
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
    chosen = normalise_answer(picks, board.choices, board.lang)
    if len(chosen) != 3:
        where = gettext(board.lang, "training.answer")
        raise ValidationError(where, t("facilitate.pick_count", board.lang, n=len(chosen)))
    points = coaching_points(board)
    top = tuple(p.rule for p in points[:3])
    present = {p.rule for p in points}
    verdicts = {r: "top" if r in top else "lower" if r in present else "absent" for r in chosen}
    return FacilitateResult(board.id, board.lang, chosen, verdicts, tuple(points), top)
