"""A small Swedish grammar check for generated exercise texts (test support; no network, no model).

It flags what broken templates produced before (issue 16): attributive adjectives that do not agree with each
other or with a plural noun ("Betydligt förbättrad accepterade offerter"), a participle standing where a noun
phrase belongs ("Hålla 4 möten om lösta samma dag"), a percentage glued onto a sentence ("… i sina egna hem,
15 % över förra året") and doubled words. It knows the forms of the adjectives it checks (participles in
-ad/-at/-ade and a list of common adjectives); words it does not know pass.
"""

from __future__ import annotations

import re

# Adjectives with their forms: (common gender singular indefinite, neuter, plural/definite).
_ADJECTIVES = [
    ("ny", "nytt", "nya"), ("stor", "stort", "stora"), ("hög", "högt", "höga"), ("låg", "lågt", "låga"),
    ("god", "gott", "goda"), ("bra", "bra", "bra"), ("bättre", "bättre", "bättre"), ("sämre", "sämre", "sämre"),
    ("betydlig", "betydligt", "betydliga"), ("kraftig", "kraftigt", "kraftiga"), ("tydlig", "tydligt", "tydliga"),
    ("snabb", "snabbt", "snabba"), ("nöjd", "nöjt", "nöjda"), ("trygg", "tryggt", "trygga"),
    ("förbättrad", "förbättrat", "förbättrade"), ("ökad", "ökat", "ökade"), ("minskad", "minskat", "minskade"),
    ("löst", "löst", "lösta"), ("vunnen", "vunnet", "vunna"), ("egen", "eget", "egna"),
]  # fmt: skip
_FORM: dict[str, set[str]] = {}
for forms in _ADJECTIVES:
    for name, word in zip(("utr", "neu", "pl"), forms):
        _FORM.setdefault(word, set()).add(name)
_PLURAL_NOUN = re.compile(r"^\w{3,}(?:or|ar|er|orna|arna|erna|ena)$")
_SINGULAR_ER = {"kalender", "vinter", "nummer", "meter", "liter", "filter", "teater", "semester", "register",
                "parameter", "kilometer", "center", "åtgärder"}  # fmt: skip
_PREPOSITIONS = {"om", "för", "av", "till", "med", "på", "i", "kring", "inom"}
_FUNCTION = {"samma", "som", "i", "på", "av", "med", "till", "från", "och", "eller", "att", "per"}
_WORD = re.compile(r"[\wåäöÅÄÖéÉ%-]+")


def _form(word: str) -> set[str]:
    """The forms a word can be as an attributive adjective (empty: not an adjective we know)."""
    w = word.lower()
    if w in _FORM:
        return _FORM[w]
    if re.fullmatch(r"\w{3,}ad", w):
        return {"utr"}
    if re.fullmatch(r"\w{3,}at", w) and not w.endswith(("mat", "tat", "rat")):
        return {"neu"}
    if re.fullmatch(r"\w{3,}ade", w):
        return {"pl"}
    return set()


def problems(text: str) -> list[str]:
    """What is wrong with ``text`` as Swedish, one line each (an empty list: nothing found)."""
    words = _WORD.findall(text)
    low = [w.lower() for w in words]
    out = []
    for i in range(len(words) - 1):
        a, b = _form(words[i]), _form(words[i + 1])
        plural = bool(_PLURAL_NOUN.match(low[i + 1])) and low[i + 1] not in _SINGULAR_ER
        # "betydligt förbättrad": a -t form before an adjective is an adverb, not an attribute.
        if a and b and not a & b and a != {"neu"} and "bättre" not in (low[i], low[i + 1]):
            out.append(f"adjectives do not agree: {words[i]} {words[i + 1]}")
        if a == {"utr"} and plural and not b:
            out.append(f"adjective does not agree with a plural noun: {words[i]} {words[i + 1]}")
        if a == {"neu"} and plural and not b and i > 0 and low[i - 1] in ("ett", "ditt", "vårt"):
            out.append(f"adjective does not agree with a plural noun: {words[i]} {words[i + 1]}")
        if low[i] == low[i + 1] and low[i].isalpha():
            out.append(f"doubled word: {words[i]} {words[i + 1]}")
    for i in range(len(words) - 2):
        if low[i] in _PREPOSITIONS and _form(words[i + 1]) == {"pl"} and low[i + 2] in _FUNCTION:
            out.append(f"a participle where a noun phrase belongs: {words[i]} {words[i + 1]} {words[i + 2]}")
    if re.search(r",\s*\d+\s*%\s*(över|mer|under|bättre)", text):
        out.append("a percentage glued onto a sentence")
    return out
