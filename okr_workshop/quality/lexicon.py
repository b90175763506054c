"""Lexicon: is a word a verb? Answered by simplemma's sv and en dictionaries, loaded lazily.

A key result that opens with a verb that is not an outcome verb names work, not a
result ("Intervjua 15 kunder", "Tweet twice a day"). No hand list can name every
such verb, so we ask a maintained lemmatizer whether the word inflects as a verb:
an English word is a verb when its -ing form lemmatises back to it, a Swedish
word when its present tense (-ar, -er, -r) does. simplemma is imported on first
use only (its dictionaries take about 0.1 s (en) and 0.7 s (sv) to load), so
``import okr_workshop`` stays light.
"""

from __future__ import annotations

from functools import lru_cache


def _lemma(word: str, lang: str) -> str | None:
    """The dictionary lemma of ``word``, or None when simplemma does not know the form."""
    import simplemma

    if not simplemma.is_known(word, lang=lang):
        return None
    return simplemma.lemmatize(word, lang=lang)


def _en_forms(word: str) -> tuple[str, ...]:
    forms = [word + "ing"]
    if word.endswith("e") and not word.endswith("ee"):
        forms.append(word[:-1] + "ing")
    if len(word) >= 3 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        forms.append(word + word[-1] + "ing")  # stop -> stopping
    return tuple(forms)


@lru_cache(maxsize=16384)
def is_verb(word: str, lang: str) -> bool:
    """True when ``word`` (lower case) is an English base verb or a Swedish infinitive/imperative."""
    if len(word) < 2 or not word.isalpha():
        return False
    try:
        if lang == "en":
            return any(_lemma(f, "en") == word for f in _en_forms(word))
        if lang == "sv":
            if word.endswith("a"):  # infinitive, or imperative of an -a verb: intervjua, blogga, genomföra
                if _lemma(word + "r", "sv") == word or _lemma(word[:-1] + "er", "sv") == word:
                    return True
                return word.endswith("ra") and _lemma(word[:-1], "sv") == word  # göra -> gör, genomföra -> genomför
            # imperative of other verbs: ring (ringa), skriv (skriva), bygg (bygga)
            return _lemma(word + "er", "sv") == word + "a" or _lemma(word + "ar", "sv") == word + "a"
    except ImportError:  # the lexicon is optional at run time: without it the word lists still work
        return False
    return False


@lru_cache(maxsize=4096)
def is_comparative(word: str, lang: str) -> bool:
    """True when ``word`` (lower case) is a comparative adjective: "happier", "nöjdare", "bättre".

    Asked structurally, not from a list: the word ends as a comparative does (-er; -are/-re) and the lexicon
    lemmatises it to a shorter base ("happier" -> "happy", "nöjdare" -> "nöjd"), while an agent noun with
    the same ending is its own lemma ("customer", "arbetsgivare", "ledare").
    """
    endings = {"en": ("er",), "sv": ("are", "re")}.get(lang)
    if endings is None or len(word) < 4 or not word.isalpha() or not word.endswith(endings):
        return False
    try:
        lemma = _lemma(word, lang)
    except ImportError:
        return False
    return lemma is not None and lemma != word and len(lemma) < len(word) and lemma.isalpha()


# Superlatives of time or order name which one, not how good: "Launch the latest version" is a task.
_ORDER = frozenset({"latest", "newest", "first", "last", "senaste", "nyaste", "första", "sista"})
_SUPERLATIVE_WORDS = frozenset({"best", "most", "bästa", "mest"})


@lru_cache(maxsize=4096)
def is_superlative(word: str, lang: str) -> bool:
    """True when ``word`` (lower case) is a superlative adjective: "simplest", "enklaste", "populäraste", "bästa".

    Asked as :func:`is_comparative` is: the ending (-est; -aste, -sta, -ste) and a shorter lemma that begins as
    the word does ("simplest" -> "simple"), so nouns with the ending ("request", "lista") stay nouns."""
    if word in _SUPERLATIVE_WORDS:
        return True
    endings = {"en": ("est",), "sv": ("aste", "sta", "ste")}.get(lang)
    if endings is None or len(word) < 5 or word in _ORDER or not word.isalpha() or not word.endswith(endings):
        return False
    try:
        lemma = _lemma(word, lang)
    except ImportError:
        return False
    return lemma is not None and len(lemma) < len(word) and lemma[:3] == word[:3] and lemma.isalpha()
