"""Analysis: what the word lists find in one objective or key-result text. Cached."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import shape
from . import text as tx

_SKIP_START = {
    "en": {"to", "we", "will", "should", "must", "shall"},
    "sv": {"att", "vi", "ska", "skall", "bör", "måste"},
}
# A business-as-usual word after these is a guardrail on the change ("growth with maintained margin").
_GUARD = {"med", "with", "while", "samtidigt", "utan", "without"}
# Filler that does not make a generic area specific ("our", "the", "vår").
_FILLER = {
    "en": {"our", "the", "a", "an", "with", "in", "of", "and", "at", "on", "team", "company"},
    "sv": {
        "vår",
        "vårt",
        "våra",
        "den",
        "det",
        "de",
        "en",
        "ett",
        "med",
        "i",
        "och",
        "av",
        "på",
        "inom",
        "team",
        "teamet",
        "företag",
        "företaget",
    },
}
# "80 % of new users complete setup": a verb whose subject is a measured population
# (a number, then "of"/"av", then who) states an outcome, not a task.
_OF = {"en": {"of"}, "sv": {"av"}}
_POPULATION_SPAN = 6
# "The app is launched", "Appen är lanserad": a copula before a participle states a state reached.
_COPULA = {"en": {"is", "are", "be", "been"}, "sv": {"är", "vara", "varit"}}
_STATE_ADVERB = {"en": {"now", "fully", "successfully", "already"}, "sv": {"nu", "helt", "redan", "framgångsrikt"}}
_PARTICIPLE_ENDINGS = {
    "en": ("ed", "en", "t", "wn", "de", "ne"),
    "sv": ("d", "t", "da", "de", "na", "en", "et"),
}


@dataclass(frozen=True, slots=True)
class Analysis:
    """Facts about one text; fields hold the matched words (None when absent)."""

    empty: bool
    words: int
    single: str | None  # the only word, when the text is one word
    number: bool  # a digit or number word
    period_free_number: str | None  # first number that is not a year or quarter name
    activity: str | None
    activity_first: str | None  # an activity verb opening the text
    output: str | None
    vague: str | None
    bau: str | None
    change: str | None  # a change word opening the text
    metric: str | None  # a metric named right after that change word
    up: str | None
    down: str | None
    from_to: tuple[float, float] | None
    normal: str
    generic: str | None = None  # the objective is only a change word and a generic area ("Improve communication")
    text: str = ""  # the analysed text, to quote words as typed
    verb_first: str | None = None  # a verb that is not an outcome verb opens the text ("Intervjua 15 kunder")
    placeholder: str | None = None  # a number left to fill in ("från X till Y", "??", "TBD")
    relative: str | None = None  # a change "by 15 %" with no baseline in the text
    compound: str | None = None  # two measured changes joined by and/och
    comparative: str | None = None  # the objective is only "be/make/bli" and a comparative ("Bli lönsammare")
    bare_metric: str | None = None  # the objective is only a change word and a metric ("Grow revenue")
    deadline: str | None = None  # a task with a date to finish it by: a milestone ("… by June 30")
    state: str | None = None  # a state reached ("live", "available", "godkänd"): a milestone
    short_task: str | None = None  # en: a verb and its object only ("Redesign the homepage"): a task as objective


def _output(toks: list[str], hits: dict, lang: str, text: str = "") -> str | None:
    """An output noun that is counted: after a number, "antal"/"number of", or "fler"/"more"."""
    nw = tx._number_words(lang)
    counts = [p for p, _ in hits.get("count", ())]
    if "output" not in hits:
        return None
    for pos, word in hits["output"]:
        if _population_subject(toks, pos, lang) or _share_of(toks, pos):
            continue  # "80 % of support calls answered within a minute": a measured state
        if lang == "en" and shape.not_a_count(toks, pos, word, text):
            continue  # "Video completion rate of 60 % on onboarding videos": a level, not a count of work
        if " " in word:
            return word
        if _at(hits, "metric", pos + 1, pos + 2) is not None:
            continue  # "50,000 newsletter subscribers": the metric after the word is what is counted
        numbers = [j for j in range(max(0, pos - 3), pos) if toks[j][0].isdigit() or toks[j] in nw]
        between = _at(hits, "metric", numbers[-1] + 1, pos) if numbers else None
        if between is not None and toks[between[0] + 1] in _METRIC_END[lang]:
            # "50 000 prenumeranter på nyhetsbrevet": the metric between, heading its phrase, is what is counted;
            # right before the output word it only modifies it ("10 customer interviews per month")
            continue
        if numbers:
            return word
        if any(pos - 4 <= c < pos for c in counts):
            return word
    return None


def _share_of(toks: list[str], pos: int) -> bool:
    """ "3 out of 8 blog posts …", "Out of 8 planned blog posts, at least 3 …": the whole a share is taken of.
    Swedish says "av" ("3 av 8 blogginlägg", "Av 8 planerade blogginlägg hamnar minst 3 …"): a share when "av"
    opens the text or follows a number, with a number right after it."""
    for j in range(max(0, pos - 5), pos - 1):
        if toks[j] == "out" and toks[j + 1] == "of":
            return True
        if toks[j] == "av" and toks[j + 1][0].isdigit() and (j == 0 or toks[j - 1][0].isdigit()):
            return True
    return False


def _generic(toks: list[str], hits: dict, start: int, lang: str) -> str | None:
    """The text when it is nothing but a vague opening, or a change word plus generic areas."""
    lead = _at(hits, "vague_lead", start, start + 1)
    if lead is not None:
        return lead[1]
    if "generic" not in hits:
        return None
    generic = {p for p, _ in hits["generic"]}
    areas = [
        p for p in range(start + 1, len(toks)) if toks[p] not in _FILLER[lang] and toks[p] not in _TIME_WORDS[lang]
    ]
    if not 1 <= len(areas) <= 3 or any(p not in generic for p in areas):
        return None
    verb = _at(hits, "change", start, start + 1) or _at(hits, "soft_change", start, start + 1)
    if verb is None:
        # "Nå våra mål", "Hit our targets", "Deliver results": an outcome verb and a generic area only
        verb = _at(hits, "outcome", start, start + 1)
    if verb is None and start + 1 < len(toks) and toks[start + 1] in _EFFORT_PREP[lang]:
        from .lexicon import is_verb

        if is_verb(toks[start], lang):
            verb = start, toks[start]  # "Jobba med kvalitet", "Fokusera på resultaten": effort, no aim
    if verb is None:
        return None
    return " ".join(toks[start:])


# A preposition right after a verb that takes effort somewhere, not to an end ("Jobba med", "Focus on").
_EFFORT_PREP = {"en": frozenset({"on", "with", "at"}), "sv": frozenset({"med", "på"})}


# Filler that may stand between a change word and its area in a short English objective ("Improve the user
# experience"); any other word (for whom, why, by how much, when) says more than an area.
_ARTICLES = frozenset({"our", "the", "a", "an", "its", "their"})


def _short_change(toks: list[str], hits: dict, start: int, lang: str) -> str | None:
    """ "Improve user experience", "Increase operational efficiency", "Improve market position": in English an
    objective of a change word and one or two words of area, nothing else, says what to move but not for whom,
    why or what arrival looks like. Published English pages call such objectives vague (17 of 17 on the tuning
    split); Swedish pages show "Öka varumärkeskännedomen" as a good objective, so this is English only."""
    if lang != "en" or start != 0:
        return None
    verb = _at(hits, "change", 0, 1) or _at(hits, "soft_change", 0, 1)
    if verb is None or " " in verb[1]:
        return None
    area = [t for t in toks[1:] if t not in _ARTICLES]
    if not 1 <= len(area) <= 2 or not all(t.replace("-", "").isalpha() for t in area):
        return None
    if any(t in _FILLER[lang] or t in _TIME_WORDS[lang] for t in area):
        return None
    return " ".join(area)  # the message names the area: "names an area (user experience) but not where …"


_COMPARISON = ("som ", "as ")


def _bau(toks: list[str], hits: dict, text: str) -> str | None:
    """A business-as-usual word that is not a guardrail after "with"/"med".

    A comparison ("som vanligt", "as today") counts only where it closes a
    clause; inside one it is a relative clause ("kunder som idag handlar online").
    """
    purpose = _purpose_start(toks)
    for p, w in hits.get("bau", ()):
        if p > 0 and toks[p - 1] in _GUARD:
            continue
        if p > purpose:
            continue  # "Digitalisera kundresan så att kunderna kan sköta allt själva": the purpose, not the action
        if p > 1 and toks[p - 1] in _AND_ANY and _gains(hits, p - 2):
            continue  # "Attrahera och behålla de bästa talangerna", "Win and keep customers": growth, kept
        if w.startswith(_COMPARISON) and not _closes_clause(text, w):
            continue
        return w
    return None


# Verbs that secure what is there ("Säkerställa och upprätthålla driften"): keeping, not a gain.
_SECURING = frozenset({"säkerställa", "säkra", "garantera", "trygga", "ensure", "secure", "guarantee", "protect"})


_PURPOSE = frozenset({("så", "att"), ("för", "att"), ("so", "that"), ("in", "order")})


def _purpose_start(toks: list[str]) -> int:
    """Where a clause of purpose opens ("så att", "för att", "so that", "in order to"), or past the end."""
    for j in range(1, len(toks) - 1):
        if (toks[j], toks[j + 1]) in _PURPOSE:
            return j
    return len(toks)


def _gains(hits: dict, pos: int) -> bool:
    """True when the word at ``pos`` is an outcome or change verb that is not itself a keeping word."""
    if any(p == pos for p, _ in hits.get("bau", ())) or any(
        p == pos and w in _SECURING for p, w in hits.get("outcome", ())
    ):
        return False
    return any(p == pos for name in ("outcome", "change") for p, _ in hits.get(name, ()))


def _closes_clause(text: str, phrase: str) -> bool:
    words = r"\s+".join(re.escape(x) for x in phrase.split())
    return re.search(r"\b" + words + r"\b\s*(?:[^\w\s]|$)", text.lower()) is not None


def _population_subject(toks: list[str], pos: int, lang: str) -> bool:
    """True when ``toks[pos]`` follows a measured population: a number, "of"/"av", then who."""
    nw = tx._number_words(lang)
    lo = max(0, pos - _POPULATION_SPAN)
    # Swedish writes "the support calls" as one definite word ("90 % av samtalen"): "av" may come right before it
    last = pos if lang == "sv" else pos - 1
    for j in range(lo, last - 1):
        t = toks[j]
        if (t[0].isdigit() or t in nw) and any(toks[k] in _OF[lang] for k in range(j + 1, last)):
            return True
    return False


def _state(toks: list[str], pos: int, word: str, lang: str) -> bool:
    """True when the matched ``word`` at ``pos`` is a participle after a copula ("is launched", "är lanserad")."""
    if " " in word or not word.endswith(_PARTICIPLE_ENDINGS[lang]):
        return False
    before = pos - 1
    if before >= 1 and toks[before] in _STATE_ADVERB[lang]:
        before -= 1
    return before >= 0 and toks[before] in _COPULA[lang]


def _main_activity(
    toks: list[str], hits: dict, lang: str, share: bool = False, text: str = ""
) -> tuple[int, str] | None:
    """The first activity word of the main clause that names a task, not an outcome or a state."""
    rel = _at(hits, "relative", 1, len(toks))
    stop = rel[0] if rel else len(toks)
    opening = _opening(toks, lang)
    if opening < len(toks) and tx.token_tags(lang, toks[opening]) & _CHANGE_OPENING:
        # "Reduce average time to complete onboarding from 10 to 6 min", "Raise checkout completion from 61 %
        # to 75 %": the change verb is the key result's action; activity words after it name what is measured
        return None
    if lang == "en" and shape.outcome_opening(toks, opening):
        return None  # "Save 1,500 engineering hours per quarter through build caching": the means, not the result
    for pos, word in hits["activity"]:
        if pos >= stop:
            continue
        if _population_subject(toks, pos, lang) or _state(toks, pos, word, lang):
            continue
        if _adjective_participle(toks, pos, word, opening, lang):
            continue
        if pos == opening and share and _rate_object(toks, pos) and "outcome" in tx.token_tags(lang, word):
            continue  # "Deliver 40 % of our bookings via upsell": an outcome verb whose object is a share
        if _noun(pos, word, hits, lang):
            continue
        if pos > opening and pos + 1 < len(toks) and " " not in word and toks[pos + 1] in _MEASURE[lang]:
            continue  # "Achieve 95 % onboarding completion rate", "delivery time": the word names what is measured
        if lang == "en" and _en_metric_word(toks, hits, pos, word, text, opening):
            if pos == opening:
                return None  # the opening names a metric or measured work: later words belong to it
            continue
        return pos, word
    return None


# Nouns of measure: an activity word right before one of them names a metric ("completion rate", "response time").
_MEASURE = {
    "en": frozenset({"rate", "rates", "ratio", "time", "times", "score", "scores", "percentage", "speed", "volume"}),
    "sv": frozenset({"grad", "graden", "tid", "tiden", "takt", "takten", "andel", "andelen", "frekvens", "frekvensen"}),
}


_CHANGE_OPENING = frozenset({"change", "up", "down"})


def _en_metric_word(toks: list[str], hits: dict, pos: int, word: str, text: str, opening: int) -> bool:
    """English: the activity word is part of a metric's name whose level the text states ("Build success rate
    above 95 %"), or opens work whose result the text measures: in a "with" phrase ("Ship X to 500 customers with
    NPS ≥ 40"), an amount of money, a relative clause, or a service level."""
    if shape.names_metric(toks, pos, word, text, opening):
        return True
    if pos != opening:
        return False
    if _rate_object(toks, pos) and _within(toks):
        return True  # "Publish 100 % of incident postmortems within 5 working days": a service level
    return (
        shape.measured_delivery(toks, hits, pos, text, word)
        or shape.money_object(toks, pos, word, text)
        or shape.measured_clause(text)
    )


def _adjective_participle(toks: list[str], pos: int, word: str, opening: int, lang: str) -> bool:
    """An -ed participle (Swedish -ade, -da, -na, -ta) inside the text, right before a noun ("Out of 8 planned blog
    posts, at least 3 appear in the top 10"), is an adjective, not the task the key result names: task verbs open
    the text.
    At the end or before a preposition ("Onboarding flow launched", "… shipped to all users") it still
    reports work done."""
    if pos == opening and _participle_subject(toks, pos, word, lang):
        return True
    if pos <= opening or " " in word or pos + 1 >= len(toks):
        return False
    nxt = toks[pos + 1]
    if nxt[0].isdigit() or nxt in _METRIC_END[lang] or nxt in _FILLER[lang]:
        return False
    if lang == "en":
        return word.endswith("ed")
    # Swedish: the plural or definite participle (-ade, -da, -na, -ta) after a number, a preposition or a
    # determiner is an attributive adjective ("Av 8 planerade blogginlägg …", "chefer med genomförda samtal");
    # after a noun the same -ade form is a past tense ("Teamet lanserade appen") and stays a task.
    before = toks[pos - 1]
    return word.endswith(_SV_ATTRIBUTIVE) and (before[0].isdigit() or before in _ATTRIBUTIVE_BEFORE)


_SV_ATTRIBUTIVE = ("ade", "da", "na", "ta")
# The present tense of the short Swedish verbs (ge, gå, få, ha, se, bli), which no -a infinitive gives back.
_SV_SHORT_PRESENT = frozenset({"ger", "går", "får", "har", "ser", "blir"})
_SUBJECT_VERB_TAGS = frozenset({"change", "up", "down", "finite"})


def _participle_subject(toks: list[str], pos: int, word: str, lang: str) -> bool:
    """ "Publicerade artiklar ger 30 000 sidvisningar per månad", "Published articles drive 30,000 page views",
    "Lanseringen av appen ger 5 000 nya användare": a plural participle and a noun, or a Swedish verbal noun in
    the definite form, opening the text and followed by a finite verb: the subject whose effect is measured; the
    work is not what the key result asks for."""
    if " " in word or pos + 2 >= len(toks):
        return False
    if lang == "sv" and word.endswith(_SV_DEFINITE_VERBAL_NOUN):
        return _finite_after(toks, pos + 1, lang)
    if not word.endswith(_SV_ATTRIBUTIVE if lang == "sv" else "ed"):
        return False
    noun = toks[pos + 1]
    if not noun.isalpha() or noun in _FILLER[lang]:
        return False
    return _finite_after(toks, pos + 2, lang)


# Swedish verbal nouns in the definite form: lanseringen, införandet (the launch, the introduction)
_SV_DEFINITE_VERBAL_NOUN = ("ingen", "andet", "endet")
_FINITE_SPAN = 5


def _finite_after(toks: list[str], lo: int, lang: str) -> bool:
    """A finite verb a few words from ``lo`` on, before any number."""
    for j in range(lo, min(lo + _FINITE_SPAN, len(toks))):
        verb = toks[j]
        if not verb.isalpha():
            return False
        if tx.token_tags(lang, verb) & _SUBJECT_VERB_TAGS:
            return True
        if (lang == "sv" or j == lo) and _present_tense(verb, lang):
            return True  # English nouns and verbs share forms ("version", "sellers"): only right after the subject
    return False


def _present_tense(verb: str, lang: str) -> bool:
    from .lexicon import is_verb

    if lang == "sv":  # present tense: ökar (öka), leder (leda), används (använda)
        stem = verb[:-1] if verb.endswith("s") else verb
        if stem in _SV_SHORT_PRESENT:
            return True
        return (
            stem.endswith("r")
            and (is_verb(stem[:-1], lang) or is_verb(stem[:-2] + "a", lang))
            or (verb.endswith("s") and is_verb(verb[:-1] + "a", lang))
        )
    return is_verb(verb, lang) or (verb.endswith("s") and is_verb(verb[:-1], lang))


# Words after which a Swedish participle is attributive: determiners and prepositions that open a noun phrase.
_ATTRIBUTIVE_BEFORE = frozenset(
    {"alla", "samtliga", "vår", "vårt", "våra", "dessa", "den", "det", "de", "en", "ett", "nya", "fler", "färre"}
    | {"med", "i", "av", "på", "inom", "för", "från", "till", "om", "under", "efter", "och"}
    | {"antal", "antalet", "andel", "andelen"}
)


# "Deliver 40 % of our bookings via upsell": a verb whose object is a share states a measured level.
_SHARE = re.compile(r"\d\s*(?:%|percent|per cent|procent)\s+(?:of|av)\s")
_BARE_MAX_TOKENS = 12  # longer texts always say more than a metric and its target
# The metric's own target leaves it bare too: "Increase revenue by 30 %", "Öka försäljningen med 20 %".
_TARGET_WORDS = frozenset(
    {"by", "to", "from", "med", "till", "från", "percent", "procent", "pp", "x", "times", "gånger"}
    | {"k", "m", "mn", "bn", "sek", "kr", "tkr", "mkr", "msek", "usd", "musd", "eur", "meur", "gbp"}
)
# Words of time that leave an objective as bare as without them ("Increase our website traffic each quarter").
_TIME_WORDS = {
    "en": frozenset({"each", "every", "this", "next", "per", "quarter", "year", "month", "week", "period"}),
    "sv": frozenset({"varje", "per", "detta", "denna", "nästa", "kvartal", "kvartalet", "år", "året", "månad"}),
}


# "All employees have completed the security training", "Alla kunder har flyttat till nya plattformen": a
# universal subject and a perfect tense state a result reached by everyone, done / not done, not a task.
_EVERY = {"en": frozenset({"all", "every", "each"}), "sv": frozenset({"alla", "samtliga", "varje", "hela"})}
_PERFECT = {"en": frozenset({"have", "has"}), "sv": frozenset({"har"})}


def _quantified_state(toks: list[str], start: int, lang: str) -> str | None:
    """The opening words up to the verb when a universal subject reached a state in the perfect tense."""
    if toks[start] not in _EVERY[lang]:
        return None
    for j in range(start + 1, min(start + 5, len(toks) - 1)):
        t = toks[j]
        if t in _PERFECT[lang] or (lang == "en" and j >= start + 2 and t.endswith("ed") and toks[j - 1] != "to"):
            return " ".join(toks[start : j + 1])
    return None


def _counted_object(toks: list[str], hits: dict, pos: int, text: str) -> bool:
    """ "Onboard 50 paying customers", "Deliver 99.9 % uptime": an outcome verb whose object is a number of
    customers (a metric) or a level in per cent of something measured: the key result states that level."""
    if pos + 1 >= len(toks) or not toks[pos + 1][0].isdigit():
        return False
    if _at(hits, "output", pos + 2, pos + 3) is not None:
        return False  # "Hålla 6 möten om vinstandelen": the number counts pieces of work; the metric is their topic
    if _at(hits, "metric", pos + 2, pos + 5) is not None:
        return True
    return _LEVEL.search(text.lower()) is not None


# "Hålla kundbortfallet under 2 %", "Keep churn below 2 %", "Hålla NKI på minst 80": an outcome verb, a measure
# and a threshold on it: the key result states a level to keep, not a task.
_THRESHOLD = {
    "en": frozenset({"below", "above", "under", "over", "within"}),
    "sv": frozenset({"under", "över", "kring", "runt", "inom"}),
}
_BOUND = {"en": frozenset({"at"}), "sv": frozenset({"på"})}
_BOUND_WORD = {"en": frozenset({"least", "most"}), "sv": frozenset({"minst", "högst", "max"})}
_KEPT_SPAN = 5
_LIMIT = frozenset({"max", "min", "maximum", "minimum", "maximalt", "minimalt"})


def _kept_level(toks: list[str], pos: int, lang: str) -> bool:
    """True when the outcome verb at ``pos`` puts its object under a threshold with a number ("Hålla kundbortfallet
    under 2 % per månad"); a number before the threshold counts pieces of work ("Hålla 3 workshops under Q2")."""
    for j in range(pos + 2, min(pos + 2 + _KEPT_SPAN, len(toks) - 1)):
        t, nxt = toks[j], toks[j + 1]
        if any(x[0].isdigit() for x in toks[pos + 1 : j]):
            return False
        if t in _BOUND[lang] and nxt in _BOUND_WORD[lang]:  # "på minst 80", "at least 80"
            t, nxt = nxt, toks[j + 2] if j + 2 < len(toks) else ""
        if (t in _THRESHOLD[lang] or t in _BOUND_WORD[lang]) and nxt[:1].isdigit():
            return True
    return False


_LEVEL = re.compile(r"^\W*\w+\s+\d[\d.,]*\s*(?:%|percent|procent)\s+(?!of\b|av\b)[^\W\d]")


# "Deliver an exceptional customer experience", "Leverera en service i världsklass": what a verb delivers with an
# indefinite article is a kind of thing to reach, not one known piece of work ("Launch the app", "Lansera appen").
# A new thing is one piece of work all the same ("Implement a new CRM", "Införa ett nytt affärssystem").
_INDEFINITE = {"en": frozenset({"a", "an"}), "sv": frozenset({"en", "ett"})}
_NEW = {"en": frozenset({"new"}), "sv": frozenset({"ny", "nytt", "nya"})}


# "Inga kritiska sårbarheter i produktion", "No P1 incidents": opening with none counts zero of something.
_ZERO = {"en": frozenset({"no", "none"}), "sv": frozenset({"inga", "ingen", "inget"})}


def _new_thing_only(toks: list[str], obj: int, lang: str) -> bool:
    """ "Ta fram en ny kommunikationsstrategi", "Build a new website": a creation verb whose whole object is one
    new thing is one piece of work, as "Implement a new CRM" is; words after it (for whom, why, what it should
    do) can make it a state to reach."""
    return obj + 3 == len(toks) and toks[obj] in _INDEFINITE[lang] and toks[obj + 1] in _NEW[lang]


def _superlative_object(toks: list[str], obj: int, lang: str) -> bool:
    """ "Lansera den populäraste appen inom segment X", "Launch the simplest bank account in Sweden": a superlative
    in the verb's object makes it an ambition (to be the best of a kind), not one piece of work."""
    from .lexicon import is_superlative

    for j in range(obj, min(obj + 3, len(toks))):
        t = toks[j]
        if t in _METRIC_END[lang] or t[0].isdigit():
            return False
        nxt = toks[j + 1] if j + 1 < len(toks) else ""
        if nxt in _PRACTICE or (t in _MORE_MOST and nxt.endswith(_PARTICIPLE_ENDINGS[lang])):
            continue  # "best practice" is a term; "the most requested feature" says which one
        if is_superlative(t, lang):
            return True
    return False


_PRACTICE = frozenset({"practice", "practices", "praxis"})
_MORE_MOST = frozenset({"most", "mest"})
_MOST = frozenset({"most", "best", "mest", "bäst"})  # superlatives: which one, not how the work changes


_MANNER_SPAN = 4


def _manner_comparative(toks: list[str], start: int, lang: str) -> bool:
    """ "Ship features faster without sacrificing quality", "Leverera nya funktioner snabbare": a comparative
    after the verb's object says how the work should change (a direction), not which piece of work to do.
    Right after the verb it qualifies the object instead ("Launch more products", "Bygg bättre produkter")."""
    from .lexicon import is_comparative

    for j in range(start + 2, min(start + 2 + _MANNER_SPAN, len(toks))):
        t = toks[j]
        if t in _METRIC_END[lang] or t[0].isdigit():
            return False  # past the object: "Launch the app in more markets" says where, not how
        if t in _MORE or (t in _COMPARATIVE_WORDS[lang] and t not in _MOST) or is_comparative(t, lang):
            return True
    return False


def _lead_verb(hits: dict, start: int, lang: str) -> tuple[int, str] | None:
    """ "Anställa två säljare", "Byta affärssystem", "Hire a VP of Sales": an objective opening with the base
    form of a hiring, gathering or moving verb names a task; "Hiring that is fast and fair" (a noun) does not."""
    lead = _at(hits, "lead", start, start + 1) if "lead" in hits else None
    if lead is None or " " in lead[1]:
        return lead
    from .lexicon import is_verb

    return lead if is_verb(lead[1], lang) else None


def _only_periods(toks: list[str], digits: int, nums: list[str], lang: str) -> bool:
    """ "Utbildning för alla chefer i Q2", "Ny webbplats 2026": every number names a period (a year, a quarter),
    none says how much; such a text is no more measurable than without them."""
    if not digits or nums:
        return False
    nw = tx._number_words(lang)
    return not any(t in nw for t in toks)


def _opening(toks: list[str], lang: str) -> int:
    start = 0
    while start < len(toks) - 1 and toks[start] in _SKIP_START[lang]:
        start += 1
    return start


_FROM = frozenset({"from", "från"})
_TO = frozenset({"to", "till"})


def _measured_change(toks: list[str], start: int = 0) -> bool:
    """ "(from 180) to 220", "(från 900) till 200" after a noun phrase: a target stated for a metric. A "to"
    right after the opening word belongs to the verb ("Talk to 5 customers") and does not count."""
    return any(toks[j] in _TO and toks[j + 1][0].isdigit() and j > start + 1 for j in range(start, len(toks) - 1))


_WITHIN = frozenset({"within", "inom"})


def _within(toks: list[str]) -> bool:
    """ "within 4 hours", "inom 24 timmar": a time limit on every case, as service levels have."""
    return any(t in _WITHIN and i + 1 < len(toks) and toks[i + 1][0].isdigit() for i, t in enumerate(toks))


def _rate_object(toks: list[str], pos: int) -> bool:
    """ "Answer 90 % of tickets", "Svara på 95 % av kundfrågorna": a verb whose object is a share is a service
    level, measured, not a task."""
    for j in (pos + 1, pos + 2):
        if j + 1 < len(toks) and toks[j][0].isdigit() and toks[j + 1] in ("of", "av"):
            return True
    return False


def _noun(pos: int, word: str, hits: dict, lang: str) -> bool:
    """True when the activity word at ``pos`` is a noun: after "after/the/of…" ("after launch"), or an
    English agent noun made from the verb ("Developer satisfaction")."""
    if pos > 0 and _at(hits, "noun_before", pos - 1, pos) is not None and " " not in word:
        return True
    if lang == "en" and word.endswith(("er", "ers")):
        stem = word[: -2 if word.endswith("er") else -3]
        forms = tx.wordlist("en", "activity").forms
        return stem in forms or stem + "e" in forms or stem[:-1] in forms
    return False


_PLACEHOLDER = re.compile(
    r"(?<![\w])(?:x{1,3}|y{1,2}|n)(?![\w])\s*%|\?\?|\btb[dc]\b|\[[^\[\]]{1,20}\]|\b(?:från|from)\s+x+\s+(?:till|to)\s+y+\b"
    # a slot where the number belongs: after from/to/by ("till XX", "från ? till ?", "till …"), or before a unit
    # ("X kr", "N dagar", "$X")
    r"|\b(?:från|from|till|to|med|by)\s+(?:x{1,3}|y{1,2}|n|\?|\.{3}|…)(?=\s|$|[.,;:)])"
    r"|[$€£]\s?x{1,3}\b|(?<![\w-])(?:x{1,3}|n)\s+(?:kr|tkr|mkr|sek|msek|usd|eur|dagar|days|timmar|hours|st)\b",
    re.I,
)
# "med 100 % av medarbetarna", "by 80 % of the team": a share of whom, not a change by a per cent
_RELATIVE = {
    "en": re.compile(r"\bby\s+\d[\d\s.,]*\s*(?:%|percent|per cent|pp)(?!\s*of\b)"),
    "sv": re.compile(r"\bmed\s+\d[\d\s.,]*\s*(?:%|procent)(?!\s*av\b)"),
}
_BASELINE = {
    "en": re.compile(
        r"\bfrom\b|\bcurrent|\bbaseline|\btoday|\bcompared (?:to|with)\b|\bvs\.?\s|\byear[- ]over[- ]year"
    ),
    "sv": re.compile(
        r"\bfrån\b|\bnuvarande|\bidag\b|\bi dag\b|\butgångsläge|\bjämfört med\b|\bi fjol\b|\bförra året\b"
    ),
}
# "while"/"samtidigt" introduce a guardrail, not a second measure
_AND = {"en": {"and", "plus"}, "sv": {"och", "samt"}}
_AND_ANY = frozenset({"and", "och"})
_KEEP_WORDS = frozenset({"keep", "maintain", "sustain", "stay", "remain", "hold", "behålla", "bibehålla", "hålla"})
_HAVE = frozenset({"have", "ha"})
_BE = {"en": {"be", "become", "make", "get", "do", "stay", "have"}, "sv": {"bli", "vara", "göra", "få", "ha"}}
_COMPARATIVE_WORDS = {
    "en": {"more", "most", "better", "best", "happier", "bigger", "greater"},
    "sv": {"mer", "mest", "bättre", "bäst", "större", "mera"},
}


_MORE = frozenset({"more", "mer", "mera"})
# Praise that says nothing of what to reach, when it is all that follows be/bli (besides filler: "a", "company").
# A closed set on purpose: an adjective that names a quality ("Be reliable") says where to go; these do not.
_PRAISE = {
    "en": frozenset({"great", "good", "excellent", "awesome", "amazing", "successful"}),
    "sv": frozenset({"bra", "fantastisk", "fantastiskt", "framgångsrik", "framgångsrikt", "grym", "grymt"}),
}


def _comparative_noun(rest: list[str], lang: str) -> str | None:
    """ "Happier customers", "Nöjdare kunder", "Bättre kvalitet", "More efficient processes": a comparative and
    a noun and nothing else, the same flaw as "Make customers happier" without its verb. The comparative is
    asked of the lexicon (a shorter lemma), so "Ledare i världsklass" or "Customer love" stay untouched."""
    from .lexicon import is_comparative

    head, nouns = (rest[:2], rest[2:]) if rest[0] in _MORE and len(rest) == 3 else (rest[:1], rest[1:])
    if not nouns or any(not t.isalpha() or t in _METRIC_END[lang] or t in _FILLER[lang] for t in nouns):
        return None
    word = head[-1]
    if head[0] in _MORE or word in _COMPARATIVE_WORDS[lang] or is_comparative(word, lang):
        return " ".join(rest)
    return None


_MAY_HOLD_PLACEHOLDER = re.compile(r"[?\[…]|\.\.\.")
_NO_PLACEHOLDER = frozenset({"x", "xx", "xxx", "y", "yy", "n", "tbd", "tbc"})


def _placeholder(text: str) -> str | None:
    """A number left to fill in. A slot in brackets next to a number that is there ("Reduce tickets about
    [feature] by 60 %") holds a name, not the number: the key result is measurable as written."""
    for m in _PLACEHOLDER.finditer(text):
        if m[0].startswith("[") and digits_in(text[: m.start()] + text[m.end() :]):
            continue
        return m[0].strip()
    return None


def _verb_comparative(rest: list[str], lang: str) -> bool:
    from .lexicon import is_comparative, is_verb

    verb, how = rest
    return (how in _COMPARATIVE_WORDS[lang] or is_comparative(how, lang)) and is_verb(verb, lang)


def _manner_adverb(word: str, lang: str) -> bool:
    """An adverb of manner made from an adjective: English -ly ("efficiently"), Swedish -t ("effektivt",
    "strukturerat"); a Swedish definite noun in -et ("arbetet") is not one."""
    if not word.isalpha() or len(word) < 5:
        return False
    return word.endswith("ly") if lang == "en" else word.endswith("t") and not word.endswith("et")


def _comparative(toks: list[str], start: int, lang: str) -> str | None:
    """ "Bli lönsammare", "Make customers happier", "Be the most innovative": be/make/bli, at most three
    more words and a comparative or superlative, nothing else: no direction for whom, no picture of arrival."""
    rest = toks[start:]
    if len(rest) == 2 and rest[0] not in _BE[lang] and _verb_comparative(rest, lang):
        return " ".join(rest)  # "Jobba smartare", "Work smarter", "Sälja mer": a verb and how much more, no aim
    if len(rest) == 3 and rest[0] not in _BE[lang] and rest[1] in _MORE and _manner_adverb(rest[2], lang):
        from .lexicon import is_verb

        if is_verb(rest[0], lang) or "activity" in tx.token_tags(lang, rest[0]):
            return " ".join(rest)  # "Jobba mer strukturerat", "Work more efficiently": how much more, no aim
    if 2 <= len(rest) <= 3 and rest[0] not in _BE[lang]:
        return _comparative_noun(rest, lang)
    if not 2 <= len(rest) <= 6 or rest[0] not in _BE[lang]:
        return None
    # words of time leave the objective as empty as without them ("Make more money next year")
    words = [t for t in rest[1:] if t not in _FILLER[lang] and t not in _TIME_WORDS[lang]]
    if not 1 <= len(words) <= 3:
        return None
    last = words[-1]
    if len(words) == 1 and last in _PRAISE[lang]:
        return " ".join(rest)  # "Be a great company", "Vara framgångsrik": praise with nothing to aim at
    if any(w in _PRAISE[lang] for w in words) and all(
        w in _PRAISE[lang] or "generic" in tx.token_tags(lang, w) for w in words
    ):
        return " ".join(rest)  # "Do great work", "Have a successful year": praise of a generic area or a period
    if rest[0] in _HAVE:
        return None  # "Have the best support in the Nordics": a state to have, judged by its words, not by "best"
    if any(w in _COMPARATIVE_WORDS[lang] for w in words):
        return " ".join(rest)
    if lang == "en" and last.endswith("ier") and len(last) > 5:
        return " ".join(rest)
    # Swedish -are is also an agent noun (arbetsgivare, ledare): only "Bli lönsammare" alone counts
    if lang == "sv" and len(rest) == 2 and last.endswith(("are", "ast", "aste")) and len(last) > 6:
        return " ".join(rest)
    return None


def _compound(toks: list[str], hits: dict, lang: str) -> str | None:
    """Two measured changes in one key result: a change word and a number on each side of and/och."""
    joins = [p for p, t in enumerate(toks) if t in _AND[lang]]
    if not joins:
        return None
    changes = [p for p, _ in hits.get("change", ())] + [p for p, w in hits.get("outcome", ()) if w not in _KEEP_WORDS]
    for j in joins:
        before = any(p < j for p in changes) and any(t[0].isdigit() for t in toks[:j])
        after = any(j < p <= j + 2 for p in changes) and any(t[0].isdigit() for t in toks[j + 1 :])
        if before and after:
            return " ".join(toks[j : j + 3])
        if before and _second_target(toks, j, lang):
            return " ".join(toks[j : j + 3])
    return None


_RANGE = frozenset({"between", "mellan"})


def _second_target(toks: list[str], j: int, lang: str) -> bool:
    """ "Nå 25 000 användare och 500 betalande kunder": a second number and what it counts right after and/och,
    each side with its own noun: two targets. A range ("mellan 10 och 20") or a unit shared ("2 och 3 dagar") is
    one."""
    if j < 2 or j + 2 >= len(toks) or not toks[j + 1][0].isdigit() or not toks[j - 1].isalpha():
        return False
    if not toks[j - 2][0].isdigit() and not (j >= 3 and toks[j - 3][0].isdigit()):
        return False  # the word before and/och is what the first number counts
    if any(t in _RANGE for t in toks[max(0, j - 4) : j]):
        return False
    return toks[j + 2].isalpha() and toks[j + 2] not in _METRIC_END[lang]


# A modal or a headline direction after the opening words makes them the subject, not a task verb.
_SUBJECT_AFTER = {
    "en": frozenset({"will", "should", "must", "shall", "up", "down"}),
    "sv": frozenset({"ska", "skall", "bör", "måste", "kommer"}),
}
_NOT_TASK = frozenset({"outcome", "change", "up", "down", "bau", "vague_lead"})


def _verb_first(toks: list[str], hits: dict, start: int, lang: str, text: str = "") -> str | None:
    """A verb opening the text that is not an outcome verb: the key result names work ("Tweet twice a day")."""
    word = toks[start]
    if word[0].isdigit() or start + 1 >= len(toks):
        return None
    nxt = toks[start + 1]
    # a piece of work right after the verb is its object too ("Schedule demos with 30 prospects")
    nxt_tags = tx.token_tags(lang, nxt)
    opener = (
        nxt[0].isdigit() or "object_opener" in nxt_tags or "output" in nxt_tags or _definite_object(toks, start, lang)
    )
    if not opener:
        return None
    if _measured_change(toks, start):
        # "Öppna ärenden i kön från 900 till 200", "Average monthly gift from 180 to 220 SEK": a metric named
        # as a noun phrase with its baseline and target; the opening word is an adjective or a noun
        return None
    if tx.token_tags(lang, word) & _NOT_TASK or _at(hits, "vague_lead", start, start + 1) is not None:
        return None
    if word in _BOUND_WORD[lang] or word in _THRESHOLD[lang] or word in _LIMIT:
        return None  # "Max 5 % sjukfrånvaro", "Minst 500 deltagare": a bound on a level, not a verb ("maxa")
    if lang == "sv" and not word.endswith("a") and tx.token_tags(lang, word + "a") & _NOT_TASK:
        return None  # the imperative of an outcome verb: "Vinn 12 nya kunder", "Höj vinstandelen"
    if "finite" in hits and any(p > start for p, _ in hits["finite"]):
        return None  # "Churn in the first month falls from 8 % to 4 %": the opening word is the subject
    if not _SUBJECT_AFTER[lang].isdisjoint(toks[start + 2 :]):
        return None  # "Öppna ärenden ska minska", "Average monthly gift up 20 %": a modal or a headline direction
    if lang == "en" and (
        shape.named_level(text)
        or shape.measured_delivery(toks, hits, start, text)
        or shape.money_object(toks, start, word, text)
        or shape.measured_clause(text)
        or shape.percent_comparative(text)
    ):
        return None  # "Churn < 2 % monthly", "Provide 24/7 support … with first response under 1 hour"
    if _value_last(toks, start) and not (lang == "en" and toks[start + 1] in shape.ARTICLES):
        return None  # "Net new ARR $2M", "Organic traffic 100K/month": a metric named, then its value
    if _rate_object(toks, start) or _within(toks):
        return None  # "Answer 90 % of calls", "Resolve tickets within 4 hours": a service level, measured
    if "state" in hits or _at(hits, "outcome", start, start + 1) is not None:
        return None  # "Version 2.0 live for all customers": a state reached; "Ta in 50 leads": an outcome phrase
    from .lexicon import is_verb

    return word if is_verb(word, lang) else None


_DEFINITE = ("en", "et", "na")
# Indefinite nouns that end like a definite one: -het and -tet ("nöjdhet", "säkerhet", "kvalitet", "aktivitet")
_NOT_DEFINITE = ("het", "tet")


def _definite_object(toks: list[str], start: int, lang: str) -> bool:
    """A Swedish noun in the definite form after the opening word: the article English writes as a word ("Migrate
    the CRM") is a suffix in Swedish ("Migrera CRM-systemet", "Granska avtalen"), so it opens the object the same
    way. An indefinite object ("Prioritera kundfordringar …") is read as in English ("Prioritize accounts …")."""
    if lang != "sv":
        return False
    for j in (start + 1, start + 2):
        if j >= len(toks):
            return False
        t = toks[j]
        if len(t) > 4 and t.endswith(_DEFINITE) and not t.endswith(_NOT_DEFINITE) and t.isalpha():
            return True
        if len(t) > 4 or not t.isalpha() or t in tx._stopwords("sv"):
            # only a short word (an acronym before a hyphen: "CRM-systemet") may come first; after a preposition
            # ("Beslut om kundavgången fattat …") the noun is no object of the opening word
            return False
    return False


def _value_last(toks: list[str], start: int) -> bool:
    """The only number closes the text, at most with its unit ("Net new ARR $2M", "NRR 115 %"): a metric named as
    a noun phrase, then the value it should reach. A task puts its count after the verb ("Run 10 webinars")."""
    digits = [j for j in range(start, len(toks)) if toks[j][0].isdigit()]
    if len(digits) != 1 or digits[0] < start + 2:
        return False
    tail = toks[digits[0] + 1 :]
    return all(t in _TARGET_WORDS or t in _UNIT_TAIL for t in tail) and len(tail) <= 2


_UNIT_TAIL = frozenset({"month", "week", "day", "year", "quarter", "månad", "vecka", "dag", "år", "kvartal", "st"})


_METRIC_END = {
    "en": frozenset(
        {
            "by",
            "from",
            "to",
            "with",
            "in",
            "of",
            "for",
            "per",
            "and",
            "at",
            "on",
            "while",
            "each",
            "every",
            "this",
            "next",
        }
    ),
    "sv": frozenset({"med", "från", "till", "i", "av", "för", "per", "och", "på", "inom", "under", "varje", "nästa"}),
}


def _head_metric(toks: list[str], hits: dict, lo: int, hi: int, lang: str) -> tuple[int, str] | None:
    """A metric word that heads its phrase ("Increase revenue by…"), not one that only modifies the next word
    ("Improve new user onboarding experience", "Double our speed of customer outreach")."""
    metrics = {p for p, _ in hits.get("metric", ())}
    for p, w in hits.get("metric", ()):
        if not lo <= p < hi:
            continue
        nxt = p + len(w.split())
        if nxt >= len(toks) or toks[nxt] in _METRIC_END[lang] or toks[nxt][0].isdigit() or nxt in metrics:
            return p, w
    return None


def _bare_metric(toks: list[str], hits: dict, at: int, lang: str) -> str | None:
    """The text when it is a change word at ``at`` and a metric, with at most one modifier before the metric and
    nothing after it but its target and time words: "Grow revenue", "Öka intäkterna", "Increase revenue by 30 %",
    "Increase our website traffic each quarter": a key result written as an objective (with a target, one word
    of scope may follow the metric). Such an objective names what to count but not where to go, for whom or
    why; words after the metric ("Öka antalet användare i plattformen", "Öka antalet leads för att stötta vår
    tillväxt") say more."""
    n = len(toks)
    if n - at > _BARE_MAX_TOKENS or "metric" not in hits:
        return None
    covered: set[int] = set()
    for p, w in hits["metric"]:
        if p > at:
            covered.update(range(p, p + w.count(" ") + 1))
    if not covered:
        return None
    last = max(covered)
    filler, time = _FILLER[lang], _TIME_WORDS[lang]
    before = after = 0
    target = False
    for p in range(at + 1, n):
        t = toks[p]
        if p in covered or t in filler:
            continue
        if p < last:
            before += 1
        elif t[0].isdigit():
            target = True
        elif t not in time and t not in _TARGET_WORDS:
            after += 1
    # With its target the metric is a key result for sure, and one word of scope does not change that
    # ("Öka omsättningen i Norge med 15 %"); without a number, that word is what the objective is about.
    return " ".join(toks[at:]) if before <= 1 and after <= target else None


_MONTHS = {
    "en": r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec",
    "sv": r"jan|feb|mars|apr|maj|jun|jul|aug|sep|okt|nov|dec",
}
# "by June 30", "by the 15th of each month", "by end of Q1", "senast 30 juni", "före vecka 12": a date to be done by.
_DEADLINE = {
    "en": re.compile(
        r"\b(?:by|before|until|no later than)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?"
        rf"(?:(?:{_MONTHS['en']})[a-z]*\b|q[1-4]\b|h[12]\b|\d{{1,2}}(?:st|nd|rd|th)\b|\d{{1,2}}\s+(?:{_MONTHS['en']})"
        r"|\d{4}\b|end\b|mid|week\s+\d|quarter|year|month)"
    ),
    "sv": re.compile(
        r"\b(?:senast|före|innan|till och med|t\.o\.m\.)\s+(?:den\s+)?(?:slutet\s+av\s+)?"
        rf"(?:(?:{_MONTHS['sv']})[a-zåäö]*\b|q[1-4]\b|\d{{1,2}}\s+(?:{_MONTHS['sv']})|\d{{4}}\b|v(?:ecka|\.)?\s*\d"
        r"|kvartal|halvår|årsskiftet|sommar|midsommar|jul\b)"
        # "till Q2", "till slutet av mars", "till sommaren": "till" before a period, never before a bare number
        # ("från 5 till 3", "till 40 %"), which is a target
        rf"|\btill\s+(?:slutet\s+av\s+)?(?:q[1-4]\b|(?:{_MONTHS['sv']})[a-zåäö]*\b|\d{{1,2}}\s+(?:{_MONTHS['sv']})"
        r"|v(?:ecka|\.)\s*\d|årsskiftet|sommaren|hösten|våren|halvårsskiftet)"
    ),
}


def _deadline(text: str, lang: str) -> str | None:
    m = _DEADLINE[lang].search(text.lower())
    return m[0] if m else None


_DIGIT = re.compile(r"\d")


def digits_in(text: str) -> bool:
    return _DIGIT.search(text) is not None


def _first(hit) -> str | None:
    return None if hit is None else hit[1]


def _any(hits: dict, name: str) -> str | None:
    found = hits.get(name)
    return found[0][1] if found else None


def _at(hits: dict, name: str, lo: int, hi: int) -> tuple[int, str] | None:
    return next(((p, w) for p, w in hits.get(name, ()) if lo <= p < hi), None)


@lru_cache(maxsize=8192)
def analyse(text: str, lang: str) -> Analysis:
    """Analyse ``text`` (already cleaned) in ``lang``."""
    toks = tx.tokens(text)
    if not toks:
        return Analysis(True, 0, None, False, None, None, None, None, None, None, None, None, None, None, None, "")
    hits = tx.tag(toks, lang)
    start = 0
    while start < len(toks) - 1 and toks[start] in _SKIP_START[lang]:
        start += 1
    first = _at(hits, "activity", start, start + 1) if "activity" in hits else None
    if first is not None and _at(hits, "creation", start, start + 1) is not None:
        if not _new_thing_only(toks, start + len(first[1].split()), lang):
            first = None  # "Build a high-performing team" names a state to reach, not a task
    elif first is not None and start + 3 < len(toks) and toks[start + 1] in _INDEFINITE[lang]:
        if toks[start + 2] not in _NEW[lang]:
            first = None  # "Deliver an exceptional customer experience": a quality to reach; "Launch the app" is a task
    elif first is not None and lang == "en" and shape.quality_object(toks, start, first[1]):
        first = None  # "Deliver rock-solid reliability": an outcome verb and a bare quality, no one piece of work
    if first is not None and _superlative_object(toks, start + len(first[1].split()), lang):
        first = None  # "Lansera Sveriges enklaste elavtal": to be the best of a kind is a state to reach
    if first is not None and _manner_comparative(toks, start, lang):
        first = None  # "Ship features faster without sacrificing quality": how the work changes, not one task
    # The key result's own action is in its main clause: skip parentheses and relative clauses.
    main_toks, main_hits = toks, hits
    if "(" in text or "[" in text:
        main_toks = tx.tokens(tx.without_brackets(text))
        main_hits = tx.tag(main_toks, lang)
    digits = sum(t[0].isdigit() for t in toks)
    share = digits > 0 and _SHARE.search(text.lower()) is not None if "activity" in main_hits else False
    activity = _main_activity(main_toks, main_hits, lang, share, text) if "activity" in main_hits else None
    if activity is None and "lead" in hits:
        activity = _at(hits, "lead", start, start + 1)  # "Hire 2 salespeople"; "time to hire" is not a task
        if activity is not None and lang == "en" and _en_metric_word(toks, hits, start, activity[1], text, start):
            activity = None  # "Survey response rate of 60 %", "Interview-to-offer ratio from 8:1 to 5:1"
    if activity is not None and activity[0] == start and "outcome" in tx.token_tags(lang, activity[1]):
        if _counted_object(toks, hits, start, text) or _kept_level(toks, start, lang):
            activity = None  # "Onboard 50 paying customers", "Deliver 99.9 % uptime": a level, measured
    reached = _quantified_state(toks, start, lang)
    if reached is not None:
        activity = first = None  # "All employees have completed the training": a state every one reached
    nums = tx.numbers_outside_periods(toks) if digits else []
    # A metric in disguise opens with a change ("Increase revenue", "Ökad försäljning",
    # "Fler kunder") and names a metric or a number soon after it.
    change = _at(hits, "change", start, start + 3) if "change" in hits else None
    metric = _head_metric(toks, hits, change[0] + 1, change[0] + 5, lang) if change else None
    verb_first = None
    if activity is None and first is None and reached is None:
        verb_first = _verb_first(main_toks, main_hits, start, lang, text) if start < len(main_toks) else None
    bare = _bare_metric(toks, hits, start, lang) if change is not None and change[0] == start else None
    relative = None
    if digits and ("%" in text or "procent" in text or "percent" in text):
        low = text.lower()
        m = _RELATIVE[lang].search(low)
        if m and not _BASELINE[lang].search(low):
            relative = m[0]
    return Analysis(
        empty=False,
        words=len(toks),
        single=toks[0] if len(toks) == 1 and not toks[0][0].isdigit() else None,
        number=(tx.has_number(toks, lang) and not _only_periods(toks, digits, nums, lang))
        or (toks[start] in _ZERO[lang] and len(toks) > start + 1)
        or (lang == "en" and shape.frequency_change(text)),
        period_free_number=nums[0] if nums else None,
        activity=_first(activity),
        activity_first=_first(first or _lead_verb(hits, start, lang)),
        output=_output(toks, hits, lang, text),
        vague=_any(hits, "vague"),
        bau=_bau(toks, hits, text) if "bau" in hits else None,
        change=_first(change),
        metric=_first(metric),
        up=_any(hits, "up"),
        down=_any(hits, "down"),
        from_to=tx.from_to(text, lang) if digits >= 2 else None,
        normal=" ".join(toks),
        generic=_generic(toks, hits, start, lang) or (None if bare else _short_change(toks, hits, start, lang)),
        text=text,
        verb_first=verb_first,
        placeholder=_placeholder(text)
        if _MAY_HOLD_PLACEHOLDER.search(text) or not _NO_PLACEHOLDER.isdisjoint(toks)
        else None,
        relative=relative,
        compound=_compound(toks, hits, lang) if digits >= 2 else None,
        comparative=_comparative(toks, start, lang),
        deadline=_deadline(text, lang) if activity is not None or verb_first is not None else None,
        state=_any(hits, "state") or reached,
        short_task=shape.short_task(toks, start, verb_first) if verb_first and lang == "en" else None,
        bare_metric=bare,
    )
