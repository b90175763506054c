"""Finding: one quality remark about an objective, a key result, a team or a workshop."""

from __future__ import annotations

from dataclasses import asdict, dataclass

SEVERITIES = ("error", "warning", "info")
LEVELS = ("objective", "key_result", "key_results", "team", "workshop")


@dataclass(frozen=True, slots=True)
class Finding:
    """A quality remark. Data, never an exception.

    rule: the stable rule id (see ``catalogue()``); severity: error, warning or
    info; message and suggestion: in the workshop's language; where: a
    human-readable location such as "Marknad › O1 › KR2"; level: what the rule
    looks at (objective, key_result, key_results, team, workshop); source: where
    the rule comes from; target_id: the id of the model object, None for free text.
    """

    rule: str
    severity: str
    message: str
    suggestion: str
    where: str
    level: str
    source: str
    target_id: str | None = None

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return asdict(self)


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
