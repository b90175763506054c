"""Strength: a 0–100 score per objective and per team that a board can be sorted by.

Formula (documented in docs/quality-rules.md):

* a finding costs ``PENALTY[severity]`` points: error 30, warning 12, info 3;
* S(x) = max(0, 100 − the cost of the findings about x) for one objective or
  key result (findings on its set of key results count for the objective);
* objective = round(0.4 · S(objective) + 0.6 · mean S(key result)), and the
  key-result part is 0 when it has none;
* team = max(0, mean objective strength − the cost of the team's own findings),
  0 for a team without objectives.
"""

from __future__ import annotations

from collections import defaultdict

from ..errors import ValidationError
from ..model.entities import Objective, Team
from .findings import Finding

PENALTY = {"error": 30, "warning": 12, "info": 3}
OBJECTIVE_SHARE = 0.4


def _costs(findings: list[Finding]) -> dict:
    cost: dict = defaultdict(int)
    for f in findings:
        cost[f.target_id] += PENALTY.get(f.severity, 0)
    return cost


def _objective(obj: Objective, cost: dict) -> float:
    own = max(0, 100 - cost.get(obj.id, 0))
    krs = [max(0, 100 - cost.get(kr.id, 0)) for kr in obj.key_results]
    kr_part = sum(krs) / len(krs) if krs else 0.0
    return OBJECTIVE_SHARE * own + (1 - OBJECTIVE_SHARE) * kr_part


def strength(target: Objective | Team, findings: list[Finding] | None = None) -> int:
    """0–100 for an Objective or a Team; ``findings`` default to ``check(target)``."""
    if not isinstance(target, (Objective, Team)):
        raise ValidationError("strength", f"expected an Objective or a Team, got {type(target).__name__}")
    if findings is None:
        from .engine import check

        findings = check(target)
    cost = _costs(findings)
    if isinstance(target, Objective):
        return round(_objective(target, cost))
    if not target.objectives:
        return 0
    mean = sum(_objective(o, cost) for o in target.objectives) / len(target.objectives)
    return round(max(0.0, mean - cost.get(target.id, 0)))
