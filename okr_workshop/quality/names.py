"""Short names of the quality rules in Swedish and English, for charts and tables a manager reads.

A rule's id (``krs-count``) is for files and docs; people read its name ("Fel antal nyckelresultat"). The
names live in the gettext catalogue as ``quality.<rule>.name``; a test checks that every rule in
``rules.json`` has one in both languages.
"""

from __future__ import annotations

from ..i18n.catalog import LANGS, gettext


def rule_name(rule_id: str, lang: str = "sv") -> str:
    """The short name of a rule in ``lang`` (English as fallback; the id only for a rule without a name)."""
    key = f"quality.{rule_id}.name"
    name = gettext(lang if lang in LANGS else "en", key)
    return rule_id if name == key else name


def rule_names(rule_id: str) -> dict[str, str]:
    """The rule's name per language; empty for a rule without a name in the catalogue."""
    names = {lang: rule_name(rule_id, lang) for lang in LANGS}
    return {} if rule_id in names.values() else names


def __getattr__(name: str):
    """``RULE_NAMES`` ({rule id: {"sv", "en"}}), built from the catalogue on first use, for older callers."""
    if name == "RULE_NAMES":
        from .catalogue import catalogue

        return {r.id: names for r in catalogue() if (names := rule_names(r.id))}
    raise AttributeError(name)
