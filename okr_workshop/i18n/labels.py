"""Swedish and English labels for the scoring vocabulary (statuses, bands, profiles).

Files and workbooks store the canonical keys; only these labels are shown.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    # statuses
    "on_track": {"sv": "I fas", "en": "On track"},
    "at_risk": {"sv": "Risk", "en": "At risk"},
    "off_track": {"sv": "Efter plan", "en": "Off track"},
    "outdated": {"sv": "Inaktuell", "en": "Outdated"},
    "not_started": {"sv": "Ej påbörjad", "en": "Not started"},
    "done": {"sv": "Klar", "en": "Done"},
    "not_measurable": {"sv": "Ej mätbar", "en": "Not measurable"},
    # why a key result is not measurable (scoring.missing_numbers)
    "no_numbers": {"sv": "utgångsläge och målvärde saknas", "en": "no baseline and no target"},
    "no_target": {"sv": "målvärde saknas", "en": "no target"},
    "no_baseline": {"sv": "utgångsläge saknas", "en": "no baseline"},
    # bands
    "red": {"sv": "Röd", "en": "Red"},
    "yellow": {"sv": "Gul", "en": "Yellow"},
    "green": {"sv": "Grön", "en": "Green"},
    "fail": {"sv": "Missat", "en": "Fail"},
    "commit": {"sv": "Åtagande", "en": "Commit"},
    "target": {"sv": "Mål", "en": "Target"},
    "stretch": {"sv": "Sträckmål", "en": "Stretch"},
    # profiles
    "google": {"sv": "Google (0–1)", "en": "Google (0–1)"},
    "percent": {"sv": "Procent (100 % = klart)", "en": "Percent (100 % = done)"},
    "zones": {"sv": "Zoner (missat/åtagande/mål/sträckmål)", "en": "Zones (fail/commit/target/stretch)"},
    # confidence trend
    "up": {"sv": "Stigande", "en": "Rising"},
    "down": {"sv": "Sjunkande", "en": "Falling"},
    "flat": {"sv": "Oförändrad", "en": "Unchanged"},
    # column headings that need a word of explanation
    "forecast": {"sv": "Prognos (projektion)", "en": "Forecast (projection)"},
    "expected": {"sv": "Förväntat nu", "en": "Expected by now"},
    "needs_comment": {"sv": "Åtagande missat: kommentera", "en": "Committed objective missed: add a comment"},
    "sandbagging_hint": {
        "sv": "Bara 1,0: var målvärdena för lågt satta?",
        "en": "Only 1.0s: were the targets set too low?",
    },
}


# Key-result kinds (also the workbook's "Kind" dropdown and the quality messages that name a kind).
KINDS: dict[str, dict[str, str]] = {
    "increase": {"sv": "öka", "en": "increase"},
    "decrease": {"sv": "minska", "en": "decrease"},
    "at_least": {"sv": "minst", "en": "at least"},
    "at_most": {"sv": "högst", "en": "at most"},
    "milestone": {"sv": "milstolpe", "en": "milestone"},
}


def kind_label(key: str | None, lang: str = "sv") -> str:
    """The label of a key-result kind in ``lang`` ("" for None; the key itself if unknown)."""
    if key is None:
        return ""
    entry = KINDS.get(str(key))
    return str(key) if entry is None else entry.get(lang, entry["en"])


def label(key: str | None, lang: str = "sv") -> str:
    """The label of a canonical key in ``lang`` (sv or en); the key itself if unknown."""
    if key is None:
        return ""
    entry = LABELS.get(str(key))
    if entry is None:
        return str(key)
    return entry.get(lang, entry["en"])
