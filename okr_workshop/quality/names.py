"""Short names of the quality rules in Swedish and English, for charts and tables a manager reads.

A rule's id (``krs-count``) is for files and docs; people read its name ("Fel antal nyckelresultat").
A test checks that every rule in ``rules.json`` has a name in both languages.
"""

from __future__ import annotations

RULE_NAMES: dict[str, dict[str, str]] = {
    "objective-empty": {"sv": "Målet saknar text", "en": "Objective without text"},
    "objective-number": {"sv": "Siffra i målet", "en": "Number in the objective"},
    "objective-metric": {"sv": "Målet är ett nyckeltal", "en": "Objective is a metric in disguise"},
    "objective-bau": {"sv": "Målet är löpande drift", "en": "Objective is business as usual"},
    "objective-task": {"sv": "Målet är en uppgift", "en": "Objective is a task"},
    "objective-too-long": {"sv": "Långt mål", "en": "Long objective"},
    "objective-vague": {"sv": "Målet är ett enda ord", "en": "One-word objective"},
    "objective-generic": {"sv": "Målet nämner bara ett område", "en": "Objective names only an area"},
    "objective-type-missing": {"sv": "Typ av mål ej vald", "en": "Objective type not chosen"},
    "objective-not-aligned": {"sv": "Målet är inte kopplat uppåt", "en": "Objective not aligned upwards"},
    "objective-copies-parent": {"sv": "Målet upprepar målet ovanför", "en": "Objective repeats the one above"},
    "kr-empty": {"sv": "Nyckelresultatet saknar text", "en": "Key result without text"},
    "kr-not-measurable": {"sv": "Nyckelresultatet går inte att mäta", "en": "Key result is not measurable"},
    "kr-activity": {"sv": "Aktivitet i stället för utfall", "en": "Activity instead of an outcome"},
    "kr-output": {"sv": "Leverans i stället för utfall", "en": "Output instead of an outcome"},
    "kr-bau": {"sv": "Nyckelresultatet är löpande drift", "en": "Key result is business as usual"},
    "kr-placeholder": {"sv": "Siffra kvar att fylla i", "en": "Number left to fill in"},
    "kr-compound": {"sv": "Två saker i ett nyckelresultat", "en": "Two things in one key result"},
    "kr-relative-no-baseline": {"sv": "Förändring utan utgångsläge", "en": "Change without a baseline"},
    "kr-text-fields-disagree": {"sv": "Texten och fälten säger olika", "en": "Text and fields disagree"},
    "kr-vague": {"sv": "Vagt ord i stället för ett värde", "en": "Vague word instead of a value"},
    "kr-no-baseline": {"sv": "Utgångsläge saknas", "en": "Baseline missing"},
    "kr-target-only-in-text": {"sv": "Målvärdet står bara i texten", "en": "Target only in the text"},
    "kr-target-equals-baseline": {"sv": "Målvärde lika med utgångsläge", "en": "Target equals the baseline"},
    "kr-direction": {"sv": "Riktningen stämmer inte med mätsättet", "en": "Direction contradicts the kind"},
    "kr-binary": {"sv": "Binärt nyckelresultat", "en": "Binary key result"},
    "kr-no-owner": {"sv": "Ansvarig saknas", "en": "Owner missing"},
    "kr-due-outside-period": {"sv": "Slutdatum utanför perioden", "en": "Due date outside the period"},
    "kr-check-in-outside-period": {"sv": "Uppföljning utanför perioden", "en": "Check-in outside the period"},
    "kr-confidence-10": {"sv": "Tilltro 10/10 från början", "en": "Confidence 10/10 from the start"},
    "krs-none": {"sv": "Inga nyckelresultat", "en": "No key results"},
    "krs-count": {"sv": "Fel antal nyckelresultat", "en": "Wrong number of key results"},
    "krs-all-binary": {"sv": "Bara binära nyckelresultat", "en": "Only binary key results"},
    "krs-duplicate": {"sv": "Upprepat nyckelresultat", "en": "Repeated key result"},
    "krs-one-sided-indicators": {"sv": "Ensidiga indikatorer", "en": "One-sided indicators"},
    "team-objective-count": {"sv": "Fel antal mål för teamet", "en": "Wrong number of objectives for the team"},
    "workshop-no-teams": {"sv": "Inga team ännu", "en": "No teams yet"},
}


def rule_name(rule_id: str, lang: str = "sv") -> str:
    """The short name of a rule in ``lang`` (English as fallback; the id only for a rule without a name)."""
    entry = RULE_NAMES.get(rule_id)
    return rule_id if entry is None else entry.get(lang, entry["en"])
