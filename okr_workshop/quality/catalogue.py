"""The rule catalogue: every quality rule as data, loaded once from ``rules.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..i18n.catalog import LANGS, translations
from .findings import LEVELS, SEVERITIES, Finding


@dataclass(frozen=True, slots=True)
class Rule:
    """One quality rule.

    id: stable identifier used in findings and docs; level: what it looks at;
    severity: error, warning or info; its message and suggestion live in the gettext catalogue
    under ``quality.<id>.message`` and ``quality.<id>.suggestion`` (its short name under
    ``quality.<id>.name``) and may hold ``{placeholders}``
    filled from the check; plural: the detail whose number chooses the singular or plural message
    (``ngettext``), None for a message without plural forms; example: a weak and a strong
    version (in ``example_lang``); source: key into ``sources()``; softer: an optional
    lower severity and when the check uses it (a weaker case of the same flaw).
    """

    id: str
    level: str
    severity: str
    source: str
    example_weak: str
    example_strong: str
    example_lang: str
    softer: dict = field(default_factory=dict)  # {"severity", "when"}: a weaker case the check reports softer
    plural: str | None = None

    def template(self, part: str, lang: str, n: int | None = None) -> str:
        """The unfilled ``part`` ("message" or "suggestion") in ``lang``; for a plural message the form for ``n``."""
        key = f"quality.{self.id}.{part}"
        if part == "message" and self.plural is not None:
            return translations(lang).ngettext(key + ".one", key, 2 if n is None else n)
        return translations(lang).gettext(key)

    @property
    def message(self) -> dict[str, str]:
        """The message template per language (the plural form where the message has one)."""
        return {lang: self.template("message", lang) for lang in LANGS}

    @property
    def suggestion(self) -> dict[str, str]:
        """The suggestion template per language."""
        return {lang: self.template("suggestion", lang) for lang in LANGS}

    def finding(
        self, lang: str, where: str, target_id: str | None = None, severity: str | None = None, **details
    ) -> Finding:
        """A Finding of this rule in ``lang`` with ``details`` filled into the texts.

        ``severity``: the rule's softer severity (``softer``), when the check found the weaker case."""
        lang = lang if lang in LANGS else "en"
        if severity is not None and severity != self.softer.get("severity"):
            raise ValueError(f"rule {self.id}: severity {severity!r} is not its softer severity")
        n = _count(details.get(self.plural)) if self.plural is not None else None
        return Finding(
            rule=self.id,
            severity=severity or self.severity,
            message=_fill(self.template("message", lang, n), details),
            suggestion=_fill(self.template("suggestion", lang), details),
            where=where,
            level=self.level,
            source=sources()[self.source]["title"],
            target_id=target_id,
        )


class _Blank(dict):
    def __missing__(self, key):
        return "?"


def _count(value) -> int:
    """The number that chooses a plural form; 2 (the plural) when the detail is not a whole number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 2


def _fill(template: str, details: dict) -> str:
    """``template`` with ``{placeholders}`` filled from ``details`` ("?" for one the check did not give)."""
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
            example_weak=raw["example"]["weak"],
            example_strong=raw["example"]["strong"],
            example_lang=raw["example"]["lang"],
            softer=raw.get("softer", {}),
            plural=raw.get("plural"),
        )
        softer = rule.softer.get("severity", "info") if rule.softer else None
        if softer is not None and (
            softer not in SEVERITIES or SEVERITIES.index(softer) <= SEVERITIES.index(rule.severity)
        ):
            raise ValueError(f"rules.json, rule {rule.id}: softer severity must be lower than {rule.severity}")
        if rule.level not in LEVELS or rule.severity not in SEVERITIES or rule.source not in sources():
            raise ValueError(f"rules.json, rule {rule.id}: bad level, severity or source")
        missing = [
            f"{lang} {part}"
            for lang in LANGS
            for part in ("message", "suggestion", "name")
            if rule.template(part, lang).startswith("quality.")
        ]
        if missing:
            raise ValueError(
                f"rules.json, rule {rule.id}: no {', '.join(missing)} in the catalogue; add quality.{rule.id}.* to the .po files"
            )
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
