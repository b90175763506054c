"""Shape: is an English activity word part of a metric's name, or the task a key result names?

An English task verb opens the key result in its base form ("Build 3 dashboards", "Ship the app").
The same stems name metrics as nouns and modifiers: "Build success rate above 95 %", "Course
completion rate from 40 % to 60 %", "Time to ship a fix under 3 days", "Hosting costs per customer
down 30 %", "Operating expenses held at or below $2.4M". What tells them apart is the shape of
the sentence, not the word: the word is a noun form (-ion, -ment, a plural, a gerund before a noun),
a modifier (hyphenated, or followed by a noun), an infinitive after a noun, or a participle after
the subject, and the text states a level for the phrase (a from–to, an arrow, a comparator, a per
cent, or a level word before a number). Work can also carry its measured result: in a "with"
phrase ("Ship the billing flow to 500 customers with NPS ≥ 40"), a relative clause ("… that sources
20 % of new customers"), an amount of money ("Build a pipeline of $5M"), a per cent before a
comparative ("Make the checkout 30 % faster"). The same shapes help objectives: a verb and its
object alone is a task ("Redesign the homepage"). English only: Swedish compounds and inflections
have other shapes.
"""

from __future__ import annotations

import re

from . import text as tx

_NOMINAL = ("ion", "ions", "ment", "ments")
# Words directly before a number that make it a level the phrase should reach, not a count of work.
_LEVEL_WORDS = frozenset({"above", "below", "under", "over", "at", "within", "than", "least", "most", "up", "down"})
_LEVEL = re.compile(
    r"\d\s*(?:%|percent\b|per cent\b|pp\b)"  # a per cent
    r"|[<>≤≥]\s*[$€£]?\d"  # a comparator
    r"|\d\s*%?\s*(?:→|->|=>)\s*[$€£]?\d"  # an arrow from baseline to target
    r"|:\s*[$€£]?\d"  # "Hiring plan: 25 engineers …", "Calls answered within 20 seconds: 85 %"
    r"|\bfrom\s+\S*\d\S*\s+to\s+\S*\d"  # from … to … (also "from 8:1 to 5:1")
)
# "Release frequency from monthly to weekly": a frequency moved from one rate to another is a measured change.
_FREQUENCIES = r"(?:hourly|daily|weekly|biweekly|fortnightly|monthly|quarterly|yearly|annually|once a \w+)"
_FREQUENCY_CHANGE = re.compile(rf"\bfrom\s+{_FREQUENCIES}\s+to\s+{_FREQUENCIES}\b")
_DETERMINERS = frozenset({"the", "a", "an", "our", "all", "every", "each", "their", "your", "its", "my", "new"})
_WITH_SPAN = 6
# A determiner after the opening word makes what follows its object: "Upgrade all servers to Ubuntu 24.04" is a task,
# while "Net new ARR $2M" names a metric and then its value.
ARTICLES = frozenset({"the", "a", "an", "all", "every", "each", "our", "their", "your", "its", "my"})


def frequency_change(text: str) -> bool:
    """ "Deployment frequency from weekly to daily": a measured change without a digit."""
    return "from" in text and _FREQUENCY_CHANGE.search(text.lower()) is not None


def states_level(toks: list[str], text: str, after: int = 0) -> bool:
    """True when the text gives a level for what it names: a per cent, a comparator, an arrow, a from–to
    (numbers or frequencies), a level word right before a number after ``after``, or one number closing the
    text after "of" ("Launch-day sign-ups of 5,000")."""
    low = text.lower()
    if _LEVEL.search(low) or frequency_change(low):
        return True
    digits = [j for j in range(after + 1, len(toks)) if toks[j][0].isdigit()]
    if any(toks[j - 1] in _LEVEL_WORDS for j in digits):
        return True
    return len(digits) == 1 and toks[digits[0] - 1] == "of" and digits[0] >= len(toks) - 2


def _hyphenated(text: str, word: str) -> bool:
    """ "Launch-day sign-ups", "Interview-to-offer ratio": the word joined to the next by a hyphen modifies it."""
    return re.search(r"(?<![\w-])" + re.escape(word) + r"-[^\W\d]", text.lower()) is not None


def _modifies(toks: list[str], pos: int) -> bool:
    """The word is followed by a noun it modifies, not by a number, a determiner or a preposition."""
    if pos + 1 >= len(toks):
        return False
    nxt = toks[pos + 1]
    return not nxt[0].isdigit() and nxt not in _DETERMINERS and tx.token_tags("en", nxt).isdisjoint(_FUNCTION_TAGS)


_FUNCTION_TAGS = frozenset({"object_opener", "noun_before"})


def names_metric(toks: list[str], pos: int, word: str, text: str, opening: int) -> bool:
    """True when the English activity ``word`` at ``pos`` is part of a metric's name whose level the text
    states, not the task the key result names (see the module docstring)."""
    if " " in word:
        return False
    if pos > opening and word.endswith(("ions", "ments")):
        return True  # "Grants awarded to 40 community organisations": a plural noun is never the verb
    if not states_level(toks, text, pos):
        return False
    if word.endswith(_NOMINAL) and len(word) > 6:
        return True  # "Course completion rate from 40 % to 60 %", "Development velocity up 20 %"
    if _hyphenated(text, word):
        return True  # "Launch-day sign-ups of 5,000", "Lead-to-opportunity conversion: 12 % → 18 %"
    if word.endswith("ing") and _modifies(toks, pos):
        return True  # "Training completion rate of 90 %", "Hosting costs per customer down 30 %"
    if pos == opening:
        # the base form opens the text: a verb unless a noun follows that it modifies ("Build success rate above
        # 95 %", "Call abandonment rate under 5 %"); a plural or past form opening the text is no imperative
        # ("Updates to the status page within 10 minutes", "Sent emails with bounce rate under 1 %")
        return _modifies(toks, pos) or word.endswith(("s", "ed")) or word in _PAST
    if toks[pos - 1] == "to" and pos - 1 > opening:
        return True  # "Time to ship a fix under 3 days": an infinitive after a noun names what is timed
    if _modifies(toks, pos) or any(toks[k] in ARTICLES for k in range(max(opening + 1, pos - 3), pos - 1)):
        return True  # "Sustain a weekly release train with fewer than 2 rollbacks": a noun in a noun phrase
    return word.endswith("ed") or word in _PAST  # "Operating expenses held at or below $2.4M": a state kept


_PAST = frozenset({"held", "sent", "built", "made", "run", "ran", "done", "written", "begun", "shipped"})


def measured_delivery(toks: list[str], hits: dict, pos: int, text: str = "", word: str = "") -> bool:
    """ "Ship the billing flow to 500 customers with NPS ≥ 40", "Launch in 3 new markets with 500 paying users
    each", "Ship to 10,000 beta users": a delivery whose "with" phrase states a level, or a release that names the
    users it reaches, is measured by that."""
    percents = None
    metrics = {lo for lo, _ in hits.get("metric", ())}
    release = _delivers(word or toks[pos])
    for j in range(pos + 1, len(toks) - 1):
        if release and toks[j] == "to" and toks[j + 1][0].isdigit() and metrics & {j + 2, j + 3}:
            return True  # "Ship to 10,000 beta users": the users a release reaches measure it
        if toks[j] != "with":
            continue
        span = range(j + 1, min(len(toks), j + 1 + _WITH_SPAN))
        if toks[j + 1] in _NONE:
            return True  # "with zero downtime", "with no critical findings": a quality bar on the delivery
        digits = [k for k in span if toks[k][0].isdigit()]
        if not digits:
            continue
        if any(toks[k] in _LEVEL_WORDS for k in span) or _AT_LEAST.search(text.lower()):
            return True  # "with first response under 1 hour", "with 1000+ searchable articles"
        if release and not toks[pos + 1][0].isdigit() and not metrics.isdisjoint(span):
            # users reached by a release measure it ("Launch in 3 new markets with 500 paying users each"); the
            # same words after other work do not ("Test the new checkout with 5 users"), nor after the verb's own
            # count of work ("Run 4 workshops with 20 customers each")
            return True
        if percents is None:
            percents = set(_PERCENT_NUMBER.findall(text.lower()))
        if any(toks[k] in percents for k in digits):
            return True  # "… with 90 % passing the assessment"
    return False


_NONE = frozenset({"zero", "no"})
_AT_LEAST = re.compile(r"\bwith\s+[$€£]?\d[\d.,]*[km]?\+")


def _delivers(verb: str) -> bool:
    """A verb of release: its participle is a state a key result can reach ("launched", "shipped", "deployed")."""
    states = tx.wordlist("en", "state").forms
    return verb.split()[-1] in states or any(verb + end in states for end in ("ed", "d", verb[-1:] + "ed"))


_CLAUSE = re.compile(r"\b(?:that|who|which)\b(.*)")
_CLAUSE_LEVEL = re.compile(r"\b(?:above|below|under|over|at|within|than|least|most|by|to)\s+[$€£]?\d")


def measured_clause(text: str) -> bool:
    """ "Build a referral engine that sources 20 % of new customers", "Recruit 40 volunteers who stay for at least
    6 months": a relative clause that states a level says what the work must achieve: a result, measured."""
    m = _CLAUSE.search(text.lower())
    return m is not None and (_LEVEL.search(m[1]) is not None or _CLAUSE_LEVEL.search(m[1]) is not None)


_PERCENT_COMPARATIVE = re.compile(r"\d\s*(?:%|percent\b)\s+([a-z]+er)\b")


def percent_comparative(text: str) -> bool:
    """ "Make the checkout 30 % faster on mobile": a per cent before a comparative is a level of change."""
    m = _PERCENT_COMPARATIVE.search(text.lower())
    if m is None:
        return False
    from .lexicon import is_comparative

    return is_comparative(m[1], "en")


_MONEY = re.compile(r"[$€£]\s?\d|\d[\d.,]*\s?(?:k|m|mn|bn)?\s?(?:usd|eur|gbp|sek|kr|dollars|euros)\b")
_MONEY_SPAN = 5


def money_object(toks: list[str], pos: int, word: str, text: str) -> bool:
    """ "Build a qualified pipeline of $5M", "Deliver $1M in annualised cost savings": a creating or outcome verb
    whose object is an amount of money names a value to reach, not a piece of work."""
    if not tx.token_tags("en", word) & {"creation", "outcome"}:
        return False
    m = _MONEY.search(text.lower())
    return m is not None and pos < len(tx.tokens(text[: m.start()])) <= pos + _MONEY_SPAN


_NAMED_LEVEL = re.compile(
    r"^[^\d<>≤≥:→]*?[^\W\d][^\d<>≤≥:→]*(?:[<>≤≥:]\s*[$€£]?\d|\d[\d.,]*\s*%?\s*(?:→|->|=>)\s*[$€£]?\d)"
)
_LEVEL_OBJECT = re.compile(r"^\W*[^\W\d]+\s+(?:the|our|a|an)\s+\d[\d.,]*\s*(?:%|percent\b)\s*(?!of\b)[^\W\d]")


def named_level(text: str) -> bool:
    """ "Churn < 2 % monthly", "Lead-to-opportunity conversion: 12 % → 18 %", "Meet the 99.9 % uptime SLA": words
    naming a metric, then a comparator, a colon or an arrow before its value, or a verb whose object is a per-cent
    level: the opening word names (or reaches) a level, it does not name work."""
    low = text.lower()
    return _NAMED_LEVEL.search(low) is not None or _LEVEL_OBJECT.search(low) is not None


_TIME_UNITS = frozenset(
    {"second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours", "h", "hrs"}
    | {"day", "days", "week", "weeks", "month", "months", "ms", "s"}
)
_PERCENT_NUMBER = re.compile(r"(\d[\d.,]*)\s*(?:%|percent\b|per cent\b)")


def not_a_count(toks: list[str], pos: int, word: str, text: str) -> bool:
    """True when the output word at ``pos`` is not counted work: the text opens with a share of a population
    ("60 % of active accounts use at least three core features"), the word is the whole a share is taken of
    ("… in 90 % of calls"), every number before it is a per cent or a duration ("Video completion rate of 60 %
    on onboarding videos", "within 48 hours of report"), or it modifies a head noun whose level the text states
    ("Pull request review time under 24 hours")."""
    if len(toks) > 2 and toks[0][0].isdigit() and toks[1] == "of":
        return True
    if any(toks[j] == "of" and toks[j - 1][0].isdigit() for j in range(max(1, pos - 2), pos)):
        return True
    end = pos + word.count(" ") + 1  # after the whole output phrase ("pull request")
    if end < len(toks) - 1 and _modifies(toks, end - 1) and states_level(toks, text, end):
        return True
    window = [j for j in range(max(0, pos - 3), pos) if toks[j][0].isdigit()]
    if not window:
        return False
    percents = set(_PERCENT_NUMBER.findall(text.lower()))
    return all(toks[j] in percents or (j + 1 < len(toks) and toks[j + 1] in _TIME_UNITS) for j in window)


def quality_object(toks: list[str], start: int, word: str) -> bool:
    """ "Deliver rock-solid reliability our customers never have to think about": an outcome verb whose object
    is a bare noun phrase (no determiner, no number) names a quality to reach; "Deliver the app" is one task."""
    if start + 2 >= len(toks) or "outcome" not in tx.token_tags("en", word):
        return False
    return _modifies(toks, start)


# Causative verbs take an object and then the state to reach ("Make our product great", "Help teams succeed").
_CAUSATIVE = frozenset({"make", "let", "help", "get", "have"})
SHORT_TASK_TOKENS = 4


def short_task(toks: list[str], start: int, verb: str) -> str | None:
    """ "Redesign the homepage", "Run a customer survey", "Integrate with Stripe": an objective that is a verb
    (by the lexicon, not an outcome verb) and its object and nothing else names a task: no state to reach,
    no one it is for. Inspiring objectives opening with a verb say more ("Own the conversation in our
    category", "Put the customer at the heart of every decision"); a causative verb waits for its state."""
    if len(toks) - start > SHORT_TASK_TOKENS or verb in _CAUSATIVE:
        return None
    return verb


_FROM_TO_ANY = re.compile(r"\b(?:from|från)\s+\S*\d\S*\s+(?:to|till)\s+\S*\d")


def from_to_any(text: str) -> bool:
    """ "from $15000 to $25000", "från 40 till 60": a baseline and a target, in any notation."""
    return _FROM_TO_ANY.search(text.lower()) is not None


def outcome_opening(toks: list[str], opening: int) -> bool:
    """ "Save 1,500 engineering hours per quarter through build caching", "Win 15 logos in retail by launching the
    partner program": an outcome verb (not also a task verb) and its counted object are the key result's action;
    activity words after them name the means."""
    if opening + 1 >= len(toks) or not toks[opening + 1][0].isdigit():
        return False
    tags = tx.token_tags("en", toks[opening])
    return "outcome" in tags and "activity" not in tags
