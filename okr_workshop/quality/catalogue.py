"""The rule catalogue: every quality rule as data, loaded once from ``rules.json``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .findings import LEVELS, SEVERITIES, Finding


@dataclass(frozen=True, slots=True)
class Rule:
    """One quality rule.

    id: stable identifier used in findings and docs; level: what it looks at;
    severity: error, warning or info; message/suggestion: per language, may
    hold ``{placeholders}`` filled from the check and ``{count:one|many}``
    plural choices; example: a weak and a strong
    version (in ``example_lang``); source: key into ``sources()``; softer: an optional
    lower severity and when the check uses it (a weaker case of the same flaw).
    """

    id: str
    level: str
    severity: str
    source: str
    message: dict
    suggestion: dict
    example_weak: str
    example_strong: str
    example_lang: str
    softer: dict = field(default_factory=dict)  # {"severity", "when"}: a weaker case the check reports softer

    def finding(
        self, lang: str, where: str, target_id: str | None = None, severity: str | None = None, **details
    ) -> Finding:
        """A Finding of this rule in ``lang`` with ``details`` filled into the texts.

        ``severity``: the rule's softer severity (``softer``), when the check found the weaker case."""
        lang = lang if lang in self.message else "en"
        if severity is not None and severity != self.softer.get("severity"):
            raise ValueError(f"rule {self.id}: severity {severity!r} is not its softer severity")
        return Finding(
            rule=self.id,
            severity=severity or self.severity,
            message=_fill(self.message[lang], details),
            suggestion=_fill(self.suggestion[lang], details),
            where=where,
            level=self.level,
            source=sources()[self.source]["title"],
            target_id=target_id,
        )


class _Blank(dict):
    def __missing__(self, key):
        return "?"


# "{count:key result|key results}": the singular when ``count`` is 1, else the plural.
PLURAL = re.compile(r"\{(\w+):([^{}|]*)\|([^{}]*)\}")


def _plural(match: re.Match, details: dict) -> str:
    value = details.get(match[1])
    one = value == 1 or value == "1"
    return (match[2] if one else match[3]).replace("{", "{{").replace("}", "}}")


def _fill(template: str, details: dict) -> str:
    """``template`` with ``{placeholders}`` and ``{name:singular|plural}`` filled from ``details``."""
    if "|" in template:
        template = PLURAL.sub(lambda m: _plural(m, details), template)
    return template.format_map(_Blank(details)) if details else template


@lru_cache(maxsize=1)
def _document() -> dict:
    text = resources.files(__package__).joinpath("rules.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def catalogue() -> tuple[Rule, ...]:
    """All rules, in catalogue order."""
    rules = []
    for raw in _document()["rules"]:
        rule = Rule(
            id=raw["id"],
            level=raw["level"],
            severity=raw["severity"],
            source=raw["source"],
            message=raw["message"],
            suggestion=raw["suggestion"],
            example_weak=raw["example"]["weak"],
            example_strong=raw["example"]["strong"],
            example_lang=raw["example"]["lang"],
            softer=raw.get("softer", {}),
        )
        softer = rule.softer.get("severity", "info") if rule.softer else None
        if softer is not None and (
            softer not in SEVERITIES or SEVERITIES.index(softer) <= SEVERITIES.index(rule.severity)
        ):
            raise ValueError(f"rules.json, rule {rule.id}: softer severity must be lower than {rule.severity}")
        if rule.level not in LEVELS or rule.severity not in SEVERITIES or rule.source not in sources():
            raise ValueError(f"rules.json, rule {rule.id}: bad level, severity or source")
        if set(rule.message) != {"sv", "en"} or set(rule.suggestion) != {"sv", "en"}:
            raise ValueError(f"rules.json, rule {rule.id}: message and suggestion need sv and en")
        rules.append(rule)
    return tuple(rules)


def sources() -> dict:
    """Source key -> {"title", "url"}."""
    return _document()["sources"]


@lru_cache(maxsize=1)
def _by_id() -> dict:
    return {r.id: r for r in catalogue()}


def rule(rule_id: str) -> Rule:
    """The rule with this id."""
    return _by_id()[rule_id]
