"""Strength: a 0–100 score per objective and per team that a board can be sorted by.

Formula (documented in docs/quality-rules.md; tests pin every constant):

* a finding costs ``PENALTY[severity]``: error 40, warning 20, info 3;
* an objective's own part = max(0, 100 − the cost of the findings about the objective itself, including those
  on its set of key results);
* its key-result part = max(0, 100 − the summed cost of the findings about all its key results): costs add up,
  so a key result added to the set can lower the score but never raise it by itself (only by ending a warning on
  the set, such as too few key results); 0 when it has none. A field
  not filled in yet (``FORM_RULES``: no owner, the target only in the text) costs once per objective however many
  of its key results lack it: while a team drafts in words, the meter follows what the words say, and "fill in
  the owners" is one thing to do, not three;
* objective = round(0.4 · own part + 0.6 · key-result part);
* an error on the objective or any of its key results caps the objective at ``ERROR_CAP`` (39, below
  "fair"/"godkänd", which starts at 40); an empty draft (no title, no key result with text) scores 0;
* team = mean objective strength × (100 − the cost of the team's own findings) / 100 (at least 0), capped at 39
  when the team has an error of its own: the team's own findings take their share of the mean instead of
  points off it, so a team never reads 0 beside an objective above 0 (one objective at 12 and "only one
  objective": 10, not 0); empty drafts are left out of the mean; 0 for a team without objectives.
"""

from __future__ import annotations

from collections import defaultdict

from ..errors import ValidationError
from ..model.entities import Objective, Team
from .findings import Finding

PENALTY = {"error": 40, "warning": 20, "info": 3}
FORM_RULES = frozenset({"kr-no-owner", "kr-target-only-in-text"})
OBJECTIVE_SHARE = 0.4
ERROR_CAP = 39


def _costs(findings: list[Finding]) -> tuple[dict, set]:
    """Cost per target id, and the ids with an error. A form rule's cost is kept under (target id, rule), so that
    an objective counts it once over its key results (``_objective``)."""
    cost: dict = defaultdict(int)
    errors: set = set()
    for f in findings:
        if f.rule in FORM_RULES:
            cost[(f.target_id, f.rule)] = max(cost[(f.target_id, f.rule)], PENALTY.get(f.severity, 0))
        else:
            cost[f.target_id] += PENALTY.get(f.severity, 0)
        if f.severity == "error":
            errors.add(f.target_id)
    return cost, errors


def _kr_cost(krs: list, cost: dict) -> int:
    """The summed cost of the findings about ``krs``; each form rule once, at its highest cost among them."""
    total = sum(cost.get(kr.id, 0) for kr in krs)
    for rule in FORM_RULES:
        total += max((cost.get((kr.id, rule), 0) for kr in krs), default=0)
    return total


def _empty(obj: Objective) -> bool:
    """A draft nobody has written in yet: no title and no key result with text."""
    return not obj.title.strip() and not any(kr.text.strip() for kr in obj.key_results)


def _objective(obj: Objective, cost: dict, errors: set) -> float:
    if _empty(obj):
        return 0.0
    own = max(0, 100 - cost.get(obj.id, 0))
    krs = obj.key_results
    kr_part = max(0, 100 - _kr_cost(krs, cost)) if krs else 0
    score = OBJECTIVE_SHARE * own + (1 - OBJECTIVE_SHARE) * kr_part
    if obj.id in errors or any(kr.id in errors for kr in krs):
        score = min(score, ERROR_CAP)
    return score


def strength(target: Objective | Team, findings: list[Finding] | None = None) -> int:
    """0–100 for an Objective or a Team; ``findings`` default to ``check(target)``."""
    if not isinstance(target, (Objective, Team)):
        raise ValidationError("strength", f"expected an Objective or a Team, got {type(target).__name__}")
    if findings is None:
        from .engine import check

        findings = check(target)
    if isinstance(target, Objective):
        cost, errors = _costs(findings)
        return round(_objective(target, cost, errors))
    return strengths([target], findings)[target.id]


def strengths(teams: list[Team], findings: list[Finding]) -> dict[str, int]:
    """Team id → ``strength(team, findings)`` for many teams, the findings tallied once (not once per team)."""
    cost, errors = _costs(findings)
    out = {}
    for team in teams:
        written = [o for o in team.objectives if not _empty(o)]
        if not written:
            out[team.id] = 0
            continue
        mean = sum(_objective(o, cost, errors) for o in written) / len(written)
        score = mean * max(0, 100 - cost.get(team.id, 0)) / 100
        if team.id in errors:
            score = min(score, ERROR_CAP)
        out[team.id] = round(score)
    return out
