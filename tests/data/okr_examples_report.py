"""Re-run the accuracy evaluation and rewrite the README section "## Quality checker accuracy".

Reads tests/data/okr_examples.jsonl, runs okr_workshop.quality.check_text on every item (flagged = any
warning or error) and prints per-language tables: all published items, the held-out 30 % (a fixed rule on a
hash of the id, chosen before any rule was changed), the tuning 70 %, and the items whose page states the
verdict outright. Only the README section is touched (replaced if present, appended otherwise).
Run: python tests/data/okr_examples_report.py [--print]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from tools.rule_accuracy import evaluate, held_out, load_examples, markdown, published

HERE = Path(__file__).parent
README = HERE.parents[1] / "README.md"
HEADER = "## Quality checker accuracy"

# Measured on this same set with the rules as they were before this set existed (commit fbf2b5a), and kept
# here because it cannot be regenerated once the rules changed: all items, then the held-out 30 %.
BEFORE = """\
| set | language | items | recall on bad | pass rate on good | balanced accuracy |
| --- | --- | --- | --- | --- | --- |
| all | en | 109 | 0.81 | 0.94 | 0.88 |
| all | sv | 42 | 1.00 | 0.80 | 0.90 |
| held-out | en | 34 | 0.76 | 1.00 | 0.88 |
| held-out | sv | 15 | n/a (no bad item) | 0.93 | n/a |"""

# Measured at commit 42fd13c, right before the second round of rule fixes (below), same set.
BEFORE_ROUND_2 = """\
| set | language | items | recall on bad | pass rate on good | balanced accuracy |
| --- | --- | --- | --- | --- | --- |
| all | en | 109 | 0.91 | 0.94 | 0.93 |
| all | sv | 42 | 1.00 | 0.85 | 0.93 |
| held-out | en | 34 | 0.81 | 1.00 | 0.90 |
| held-out | sv | 15 | n/a (no bad item) | 0.93 | n/a |"""


def _shortfalls(items: list[dict], held: list[dict]) -> list[str]:
    sv = [i for i in items if i["lang"] == "sv"]
    sv_bad = sum(i["verdict"] == "bad" for i in sv)
    sv_good = [i for i in sv if i["verdict"] == "good"]
    implicit = sum(i.get("verdict_basis") == "implicit" for i in sv_good)
    pages = len({i["source_url"] for i in items})
    return [
        f"**Swedish bad examples are almost missing ({sv_bad} of {len(sv)}).** The stored Swedish pages we could search"
        " (consultancies, tool vendors, blogs) show good examples near the top and put their mistakes sections"
        " lower down, where the stored excerpt does not reach; the Norwegian and Danish pages that do list bad"
        " examples are not Swedish and were not used. So the Swedish recall rests on two items and the held-out"
        " Swedish part has no bad item at all: the Swedish figure is really a pass rate on good examples.",
        f"**Many Swedish good items are only implicitly good** ({implicit} of {len(sv_good)}): the page shows them as a model"
        " example without saying so. Some of them break rules that other pages state outright (an objective"
        " with a number or a metric, a key result that is a task), so the checker disagrees with them on"
        " purpose; we kept them rather than pick only the examples that suit the rules.",
        "**Sources disagree with each other.** okrify.com improves *Increase revenue* into *Increase revenue"
        " by 15% in the next quarter* and pipedrive.com/sv praises *Öka intäkterna från 1,5 MUSD till 2,5 MUSD…*,"
        " while clickup.com (and the Norwegian stammen.no) say an objective with a number is a key result in"
        " disguise; the checker follows the latter, as Google's and Doerr's guidance does, so such items count"
        " against it.",
        "**Template placeholders** (*from X to Y*) are read as missing numbers, and a key result that mentions"
        " its output on the way to an outcome (*Out of 8 planned blog posts, at least 3 reach the top 10*) is"
        " flagged for the output; both are deliberate.",
        "**Tone is not checked**: *Stop sucking at customer support* is bad for its negative, uninspiring"
        " wording, which no word list can judge.",
        f"The set is small ({len(items)} items, {pages} pages) and the rules were changed after looking at the"
        f" tuning 70 %; the held-out figures are the fairer guide, and they cover only {len(held)} items.",
    ]


def _sources(items: list[dict]) -> list[str]:
    counts = Counter((urlsplit(i["source_url"]).netloc.removeprefix("www."), i["lang"], i["verdict"]) for i in items)
    hosts = sorted({(lang, host) for host, lang, _ in counts})
    lines = ["| language | page (host) | bad | good |", "| --- | --- | --- | --- |"]
    for lang, host in hosts:
        lines.append(f"| {lang} | {host} | {counts[(host, lang, 'bad')]} | {counts[(host, lang, 'good')]} |")
    return lines


def section() -> str:
    """The README section, regenerated from the labelled set and the current rules."""
    items = [i for i in load_examples(HERE / "okr_examples.jsonl") if published(i)]
    held = [i for i in items if held_out(i)]
    tuning = [i for i in items if not held_out(i)]
    explicit = [i for i in items if i.get("verdict_basis") == "explicit"]
    adapted = sum(i["adaptation"] == "lightly adapted" for i in items)
    by_lang = Counter(i["lang"] for i in items)
    lines = [
        HEADER,
        "",
        f"`tests/data/okr_examples.jsonl` holds {len(items)} OKR texts from {len({i['source_url'] for i in items})}"
        f" public pages ({by_lang['en']} English, {by_lang['sv']} Swedish from Swedish-language pages). Every",
        "item was checked against the stored copy of the page it cites, and each records what the page says",
        "about it (`source_says`) and whether the page states the verdict or only shows the text as a model",
        f"(`verdict_basis`); {adapted} texts are lightly adapted (spelling, an arrow, a trailing clause), the rest",
        "are as published. An item counts as flagged when `check_text` gives it a warning or an error; recall",
        "is measured on the items the page calls bad, the pass rate on those it calls good, and balanced",
        "accuracy is their mean. 30 % of the items are held out by a fixed rule (a hash of the id), chosen",
        "before any rule was changed; their results were not looked at while changing rules (every item was",
        "of course read once, while collecting the set).",
        "",
        "All items:",
        "",
        markdown(evaluate(items)),
        "",
        f"Held out ({len(held)} items, never used to change a rule):",
        "",
        markdown(evaluate(held)),
        "",
        f"Tuning part ({len(tuning)} items) and items whose page states the verdict outright ({len(explicit)}):",
        "",
        markdown(evaluate(tuning)),
        "",
        markdown(evaluate(explicit)),
        "",
        "Before the rule changes of this round, the same set gave:",
        "",
        BEFORE,
        "",
        "Rule changes made from the tuning part, all general: verbs that name a task when they open a key",
        "result (*hire, recruit, collect, interview; rekrytera, anställa, samla in, kontakta, testa…*) without",
        "flagging the nouns (*time to hire, anställda, rekrytering*); a new warning `objective-generic` for an",
        "objective that is only a change word and a generic area (*Improve communication, Effektivisera",
        "verksamheten*) or a vague opening (*Make progress with…, Bli bättre på…*); a business-as-usual word",
        "after *with/while/med* is a guardrail (*tillväxt med bibehållen lönsamhet*); and Swedish compounds",
        "ending in a noun of their own (*koldioxidutsläppen*) no longer match the verb inside them (*släpp*).",
        "",
        "Second round, from a coach's review rather than from this set (each change has truth-table tests in",
        "both languages), measured right before it:",
        "",
        BEFORE_ROUND_2,
        "",
        "An activity verb whose subject is a measured population (*80% of new users complete setup*, *90 % av",
        "kunderna slutför…*) is an outcome; a copula before a participle (*is launched*, *är lanserad*) states",
        "a state reached, not a task; business-as-usual wording in a key result (*continue, keep, maintain, as",
        "usual; fortsätta, behålla, som vanligt, som idag*) gives the new warning `kr-bau`, except after",
        "*with/while/med* and when the key result's kind is *at least*/*at most* (a value held on purpose).",
        "`kr-bau` costs one good English item (*Maintain 7-day avg. customer rating…*, a health metric that",
        "its page shows as a key result); we kept the rule, since holding a value is not a change.",
        "",
        "Where we fall short and why:",
        "",
    ]
    lines += [f"- {s}" for s in _shortfalls(items, held)]
    lines += ["- Disagreements on all items (regenerated with the tables; [held out] marks held-out items):", ""]
    marks = {(i["lang"], i["text"]): " [held out]" if held_out(i) else "" for i in items}
    for lang, r in evaluate(items).items():
        for text, rules in r["flagged_good"]:
            lines.append(f'  - {lang}, good but flagged ({", ".join(rules)}): "{text}"{marks[(lang, text)]}')
        for text in r["missed_bad"]:
            lines.append(f'  - {lang}, bad but not flagged: "{text}"{marks[(lang, text)]}')
    lines += ["", "Items per language and page:", ""]
    lines += _sources(items)
    lines += [
        "",
        "Rebuild the set with `python tests/data/okr_examples_build.py`, regenerate this section with",
        "`python tests/data/okr_examples_report.py`. Speed: `python benchmarks/bench_quality.py`.",
        "",
    ]
    return "\n".join(lines)


def update(readme: Path = README) -> None:
    """Replace (or append) the section in ``readme``."""
    text = readme.read_text(encoding="utf-8")
    new = section()
    if HEADER in text:
        start = text.index(HEADER)
        nxt = text.find("\n## ", start + len(HEADER))
        end = len(text) if nxt == -1 else nxt + 1
        text = text[:start] + new + ("\n" + text[end:] if nxt != -1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + new
    readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if "--print" in sys.argv:
        print(section())
    else:
        update()
