"""Breaking good OKRs in known ways, reproducibly from a seed.

``break_okr(item, flaw, rng)`` is a pure function of a bank item: it returns a
broken copy and the rule ids (from the quality catalogue) the break
introduces. ``make_spot_exercise(seed, lang, n_flaws)`` draws an item and
flaws from a seed and verifies with the quality engine that the broken OKR
shows exactly the claimed rules, so a trainer can hand the same exercise to
a whole class.
"""

from __future__ import annotations

import copy
import random
import re
from dataclasses import dataclass, field

from ..errors import OkrWorkshopError, ValidationError
from ..i18n.formatting import format_number
from . import bank

# The breaks, named by the rule they introduce; values: every rule id the break claims.
FLAWS: dict[str, frozenset[str]] = {
    "objective-number": frozenset({"objective-number"}),
    "kr-activity": frozenset({"kr-activity"}),
    "kr-no-baseline": frozenset({"kr-no-baseline"}),
    "kr-binary": frozenset({"kr-binary"}),
    # A vague key result has no value left, so it is also not measurable.
    "kr-vague": frozenset({"kr-vague", "kr-not-measurable"}),
    "krs-count": frozenset({"krs-count"}),
    "kr-direction": frozenset({"kr-direction"}),
    "kr-confidence-10": frozenset({"kr-confidence-10"}),
}
# What a trainee can mark in spot-the-flaw: one choice per defect (a vague key result is one flaw, although the
# quality engine reports it twice).
CHOICES: tuple[str, ...] = tuple(sorted(FLAWS))
_KR_FLAWS = {"kr-activity", "kr-no-baseline", "kr-binary", "kr-vague", "kr-direction", "kr-confidence-10"}

# The templates fill in a key result's own noun phrase ("den genomsnittliga säljcykeln", taken from the
# hand-written bank text before "från … till …") only where Swedish needs no agreement with it: after a
# preposition, or with a verb ("ska minska"), so every break is grammatical whatever the noun's gender and number.
_OBJECTIVE_NUMBER = {
    "en": {"increase": "{objective} – and grow {np} by {n} %", "decrease": "{objective} – and cut {np} by {n} %"},
    "sv": {"increase": "{objective} – och öka {np} med {n} %", "decrease": "{objective} – och minska {np} med {n} %"},
}
_ACTIVITY = {
    "en": [
        ("Hold {n} workshops about {np}", "workshops"),
        ("Launch {n} initiatives for {np}", "initiatives"),
        ("Send {n} newsletters about {np}", "newsletters"),
        ("Implement {n} process changes for {np}", "changes"),
    ],
    "sv": [
        ("Genomföra {n} workshoppar om {np}", "st"),
        ("Lansera {n} initiativ för {np}", "st"),
        ("Skicka {n} nyhetsbrev om {np}", "st"),
        ("Hålla {n} möten om {np}", "st"),
    ],
}
_BINARY = {
    "en": ["Decision on {np} approved by the management team", "New way of working for {np} in place"],
    "sv": ["Beslut om {np} fattat av ledningsgruppen", "Nytt arbetssätt för {np} på plats"],
}
# Vague: the direction in words instead of a value. With the bank text's own verb ("Korta …") an adverb;
# without one, "ska öka/minska" (Swedish verbs do not agree) or a headline "up/down" (English).
_VAGUE = {
    "en": {
        "verb": "{verb} {np} significantly",
        "increase": "{Np} up significantly",
        "decrease": "{Np} down significantly",
    },
    "sv": {"verb": "{verb} {np} rejält", "increase": "{Np} ska öka kraftigt", "decrease": "{Np} ska minska kraftigt"},
}
# Imperative verbs a bank text may open with ("Korta den genomsnittliga säljcykeln från 90 till 60 dagar").
_VERBS = {
    "sv": {"höj", "korta", "öka", "minska", "sänk", "halvera", "vinn", "få", "nå", "förbättra", "lyft", "fördubbla",
           "dubbla", "väx", "ta", "håll", "kapa", "skär"},
    "en": {"raise", "shorten", "increase", "reduce", "cut", "grow", "lower", "halve", "win", "get", "lift", "double",
           "improve", "keep", "bring", "take", "boost"},
}  # fmt: skip
# Words that end the part before "från" without belonging to the noun phrase ("Kundavgången sjunker från …").
_TRAILING = {
    "sv": {"går", "ner", "ned", "upp", "ökar", "minskar", "sjunker", "stiger", "faller", "växer"},
    "en": {"down", "up", "rises", "falls", "grows", "drops", "goes", "increases", "decreases"},
}
_BEFORE_FROM = {
    "sv": re.compile(r"^(?P<np>.+?)\s+från\s+-?\d", re.IGNORECASE),
    "en": re.compile(r"^(?P<np>.+?)\s+from\s+-?\d", re.IGNORECASE),
}


def noun_phrase(kr: dict, lang: str) -> tuple[str | None, str] | None:
    """(opening verb or None, noun phrase) of a key result written "NP från A till B" or "Verb NP från A till B";
    None when the text has another shape or the phrase holds a number."""
    m = _BEFORE_FROM[lang].match(str(kr.get("text") or "").strip())
    if not m:
        return None
    words = m["np"].rstrip(" ,").split()
    while len(words) > 1 and words[-1].lower() in _TRAILING[lang]:
        words.pop()
    verb = words[0] if words[0].lower() in _VERBS[lang] and len(words) > 1 else None
    np = " ".join(words[1:] if verb else words)
    if len(np) < 3 or _has_number(np, lang):  # "inom 6 månader", "twice": a number stays in the phrase
        return None
    if not np[1:2].isupper():  # "NPS", "eNPS": keep; "Andelen" → "andelen"
        np = np[0].lower() + np[1:]
    return verb, np


_FROM = {
    "en": re.compile(r"\s+from\s+-?\d[\d\s]*(?:[.,]\d+)?\s*[%\w]*(?=\s+to\s)", re.IGNORECASE),
    "sv": re.compile(r"\s+från\s+-?\d[\d\s]*(?:[.,]\d+)?\s*[%\w]*(?=\s+till\s)", re.IGNORECASE),
}
_FROM_ANY = {"en": re.compile(r"\bfrom\s+-?\d", re.IGNORECASE), "sv": re.compile(r"\bfrån\s+-?\d", re.IGNORECASE)}
_DIGIT = re.compile(r"\d")


class ExerciseError(OkrWorkshopError):
    """No exercise can be built from the given item, flaw or seed."""


@dataclass(frozen=True, slots=True)
class Broken:
    """A broken OKR: ``item`` the broken copy; ``rules`` the rule ids the break introduces;
    ``changes`` (flaw, location) pairs, location "objective", "KR2" or "key results"."""

    item: dict
    rules: frozenset[str]
    changes: tuple[tuple[str, str], ...]


def applicable(item: dict, flaw: str) -> list[int | None]:
    """Where ``flaw`` can be introduced in ``item``: key-result indexes, or [None] for the objective or set."""
    if flaw not in FLAWS:
        raise ValidationError("flaw", f"unknown flaw {flaw!r}; choose one of {', '.join(FLAWS)}")
    krs = item["key_results"]
    if flaw == "objective-number":
        ok = not _DIGIT.search(item["objective"]) and len(item["objective"].split()) <= 15
        # An objective that opens with a change ("Customers grow…") plus a number is a metric in disguise too.
        ok = ok and not _opens_with_change(item["objective"], item["lang"])
        return [None] if ok and _number_donors(item) else []
    if flaw == "krs-count":
        return [None] if 3 <= len(krs) <= 5 else []
    lang = item["lang"]
    out: list[int | None] = []
    for i, kr in enumerate(krs):
        kind, base, target = kr["kind"], kr.get("baseline"), kr.get("target")
        if kr.get("confidence") == 10:
            continue
        if flaw == "kr-activity":
            ok = noun_phrase(kr, lang) is not None
        elif flaw == "kr-no-baseline":
            text = kr["text"]
            removable = _FROM[lang].search(text) is not None or _FROM_ANY[lang].search(text) is None
            ok = kind in ("increase", "decrease") and base is not None and removable
        elif flaw == "kr-binary":
            others = [k for j, k in enumerate(krs) if j != i and k["kind"] != "milestone"]
            ok = kind != "milestone" and bool(others) and noun_phrase(kr, lang) is not None
        elif flaw == "kr-vague":
            ok = kind in ("increase", "decrease") and noun_phrase(kr, lang) is not None
        elif flaw == "kr-direction":
            ok = kind in ("increase", "decrease") and base is not None and target is not None and base != target
        else:  # kr-confidence-10: sandbagging is a low target held with full confidence; it needs a span to lower
            ok = kind in ("increase", "decrease") and base is not None and target is not None
            ok = ok and _sandbagged(base, target) is not None and _sandbag_text(kr, lang) is not None
        if ok:
            out.append(i)
    return out


def _sandbagged(base: float, target: float) -> float | None:
    """An easy target: a third of the way from the baseline (None when that rounds back onto the baseline)."""
    whole = float(base).is_integer() and float(target).is_integer()
    low = base + (target - base) / 3
    low = float(round(low)) if whole else round(low, 1)
    return None if low == base or low == target else low


def _sandbag_text(kr: dict, lang: str) -> str | None:
    """The key result's text with its written target lowered as in ``_sandbagged`` (the text as it is when it
    states no target; None when it states the target in a way we cannot rewrite)."""
    from .numbers import replace_target

    low = _sandbagged(kr["baseline"], kr["target"])
    if low is None:
        return None
    replaced = replace_target(kr["text"], lang, written_number(low, lang))
    if replaced is not None:
        return replaced
    return None if _DIGIT.search(kr["text"]) else kr["text"]


def written_number(value: float, lang: str) -> str:
    """A number as the bank writes it: "1 800" and "6,5" in Swedish, "1,800" and "6.5" in English."""
    # the bank's texts group thousands with a plain space, and this number goes into such a text
    return format_number(value, lang, digits=0 if float(value).is_integer() else 1).replace("\u00a0", " ")


def _number_donors(item: dict) -> list[dict]:
    """Key results whose noun phrase can carry a number into the objective (increase or decrease) and keep it
    short enough to stay an objective."""
    from ..quality.checks import MAX_OBJECTIVE_WORDS

    out = []
    for kr in item["key_results"]:
        phrase = noun_phrase(kr, item["lang"]) if kr["kind"] in ("increase", "decrease") else None
        if phrase and len(item["objective"].split()) + len(phrase[1].split()) + 5 <= MAX_OBJECTIVE_WORDS:
            out.append(kr)
    return out


def _has_number(text: str, lang: str) -> bool:
    """A digit or a number word ("tolv", "twelve"), as the quality engine counts them."""
    from ..quality.text import has_number, tokens

    return has_number(tokens(text), lang)


def _opens_with_change(text: str, lang: str) -> bool:
    from ..quality.analysis import analyse
    from ..quality.text import clean

    return analyse(clean(text), lang).change is not None


def break_okr(item: dict, flaw: str, rng: random.Random, at: int | None = None) -> Broken:
    """A copy of ``item`` broken by ``flaw`` (a rule id of ``FLAWS``); ``at`` picks the key result.

    Raises ExerciseError when the flaw does not apply to the item.
    """
    places = applicable(item, flaw)
    if not places:
        raise ExerciseError(f"bank item {item.get('id')}: flaw {flaw} does not apply; pick another item or flaw")
    if at is None:
        at = rng.choice(places)
    elif at not in places:
        raise ExerciseError(f"bank item {item.get('id')}: flaw {flaw} does not apply to key result {at + 1}")
    lang = item["lang"]
    new = copy.deepcopy(item)
    if flaw == "objective-number":
        donor = rng.choice(_number_donors(item))
        template = _OBJECTIVE_NUMBER[lang][donor["kind"]]
        _, np = noun_phrase(donor, lang)
        objective = item["objective"].rstrip(". ")
        new["objective"] = template.format(objective=objective, np=np, n=rng.choice([15, 20, 25, 30]))
        return Broken(new, FLAWS[flaw], ((flaw, "objective"),))
    if flaw == "krs-count":
        _add_key_results(new, rng)
        return Broken(new, FLAWS[flaw], ((flaw, "key results"),))
    kr = new["key_results"][at]
    phrase = noun_phrase(kr, lang)
    if flaw == "kr-activity":
        template, unit = rng.choice(_ACTIVITY[lang])
        n = rng.choice([3, 4, 5, 6, 8, 10])
        kr.update(text=template.format(n=n, np=phrase[1]), kind="increase", baseline=0, target=n, unit=unit)
    elif flaw == "kr-no-baseline":
        kr["text"] = _FROM[lang].sub("", kr["text"], count=1)
        kr["baseline"] = None
    elif flaw == "kr-binary":
        text = rng.choice(_BINARY[lang]).format(np=phrase[1])
        kr.update(text=text, kind="milestone", baseline=None, target=1, unit="")
    elif flaw == "kr-vague":
        verb, np = phrase
        template = _VAGUE[lang]["verb" if verb else kr["kind"]]
        text = template.format(verb=verb, np=np, Np=np if np[1:2].isupper() else np[:1].upper() + np[1:])
        kr.update(text=text, target=None)
    elif flaw == "kr-direction":
        kr["kind"] = "decrease" if kr["kind"] == "increase" else "increase"
    else:  # kr-confidence-10: the target lowered to an easy one, held with confidence 10/10
        low = _sandbagged(kr["baseline"], kr["target"])
        kr.update(text=_sandbag_text(kr, lang), target=low, confidence=10)
    return Broken(new, FLAWS[flaw], ((flaw, f"KR{at + 1}"),))


def _add_key_results(item: dict, rng: random.Random) -> None:
    """Add measurable key results borrowed from other bank items until there are six (same domain first)."""
    texts = {kr["text"].lower() for kr in item["key_results"]}
    near: list[dict] = []
    far: list[dict] = []
    for other in bank.items(item["lang"]):
        if other["id"] == item.get("id"):
            continue
        for kr in other["key_results"]:
            if (
                kr["kind"] in ("increase", "decrease")
                and kr["baseline"] is not None
                and kr["text"].lower() not in texts
            ):
                (near if other.get("domain") == item.get("domain") else far).append(kr)
    rng.shuffle(near)
    rng.shuffle(far)
    donors = near + far
    while len(item["key_results"]) < 6:
        item["key_results"].append(copy.deepcopy(donors.pop(0)))


@dataclass(frozen=True, slots=True)
class SpotExercise:
    """A spot-the-flaw exercise: the ``original`` bank item, its ``broken`` copy and the ``flaws`` the trainee
    should find (one per defect, named by its rule id, so ``n_flaws`` defects are ``n_flaws`` flaws);
    ``changes`` (flaw, where) pairs. Same seed, lang and n_flaws → the same exercise."""

    id: str
    seed: int
    lang: str
    item_id: str
    source: str
    original: dict
    broken: dict
    flaws: tuple[str, ...]
    changes: tuple[tuple[str, str], ...]
    choices: tuple[str, ...] = field(default=CHOICES)

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {
            "id": self.id,
            "seed": self.seed,
            "lang": self.lang,
            "item_id": self.item_id,
            "source": self.source,
            "original": self.original,
            "broken": self.broken,
            "flaws": list(self.flaws),
            "changes": [list(c) for c in self.changes],
        }


def _order(flaws: list[str]) -> list[str]:
    # krs-count adds key results: apply it last so the other breaks hit the item's own key results.
    return sorted(flaws, key=lambda f: f == "krs-count")


def apply_flaws(item: dict, flaws: list[str], rng: random.Random) -> Broken:
    """Apply several breaks to one item, each on a different place."""
    current, rules, changes, used = item, set(), [], set()
    for flaw in _order(list(flaws)):
        places = [p for p in applicable(current, flaw) if p is None or p not in used]
        if not places:
            raise ExerciseError(f"bank item {item.get('id')}: no place left for flaw {flaw}")
        at = rng.choice(places)
        broken = break_okr(current, flaw, rng, at=at)
        if at is not None:
            used.add(at)
        current, rules = broken.item, rules | broken.rules
        changes.extend(broken.changes)
    return Broken(current, frozenset(rules), tuple(changes))


def make_spot_exercise(
    seed: int,
    lang: str = "sv",
    n_flaws: int = 1,
    *,
    flaws: list[str] | None = None,
    item_id: str | None = None,
    with_samples: bool = True,
) -> SpotExercise:
    """A spot-the-flaw exercise reproducible from ``seed``: one OKR with ``n_flaws`` known flaws.

    ``flaws`` fixes which breaks to use and ``item_id`` which bank item; the
    result is verified with the quality engine (broken minus original ==
    the claimed rules), drawing again from the seed until it holds.
    """
    bank.check_lang(lang)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValidationError("seed", f"expected a whole number, got {seed!r:.20}")
    if flaws is not None:
        unknown = [f for f in flaws if f not in FLAWS]
        if unknown:
            raise ValidationError("flaws", f"unknown flaw {unknown[0]!r}; choose from {', '.join(FLAWS)}")
        n_flaws = len(flaws)
    if not 1 <= n_flaws <= 4:
        raise ValidationError("n_flaws", f"expected 1 to 4 flaws, got {n_flaws}")
    candidates = sorted(bank.pool(lang, with_samples=with_samples), key=lambda it: it["id"])
    if item_id is not None:
        candidates = [it for it in candidates if it["id"] == item_id]
        if not candidates:
            raise ExerciseError(f"no bank item {item_id!r} in {lang}; ids look like {lang}-001")
    rng = random.Random(f"spot:{seed}:{lang}:{n_flaws}:{','.join(flaws or [])}:{item_id or ''}")
    for _ in range(200):
        item = rng.choice(candidates)
        chosen = list(flaws) if flaws is not None else _draw_flaws(item, n_flaws, rng)
        if chosen is None:
            continue
        try:
            broken = apply_flaws(item, chosen, rng)
        except ExerciseError:
            continue
        seen = bank.rule_ids(broken.item) - bank.rule_ids(item)
        if seen != set(broken.rules):
            continue  # the engine sees something else: draw again (deterministically)
        return SpotExercise(
            id=f"spot-{lang}-{seed}-{n_flaws}" + (f"-{item_id}" if item_id else ""),
            seed=seed,
            lang=lang,
            item_id=item["id"],
            source=item.get("source", bank.WRITTEN_HERE),
            original=item,
            broken=broken.item,
            flaws=tuple(sorted({flaw for flaw, _ in broken.changes})),
            changes=broken.changes,
        )
    raise ExerciseError(f"could not build an exercise with flaws {flaws or n_flaws} for seed {seed}; try another")


def _draw_flaws(item: dict, n: int, rng: random.Random) -> list[str] | None:
    usable = [f for f in FLAWS if applicable(item, f)]
    kr_places = {i for f in _KR_FLAWS & set(usable) for i in applicable(item, f)}
    if len(usable) < n:
        return None
    chosen = rng.sample(usable, n)
    if sum(f in _KR_FLAWS for f in chosen) > len(kr_places):
        return None
    return chosen
