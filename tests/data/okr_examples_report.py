"""Re-run the accuracy evaluation and rewrite the README section "## Quality checker accuracy".

Only that section is touched (replaced if present, appended otherwise).
Run: python tests/data/okr_examples_report.py [--print]
"""

from __future__ import annotations

import sys
from pathlib import Path

from okr_workshop.quality.accuracy import evaluate, load_examples, markdown

HERE = Path(__file__).parent
README = HERE.parents[1] / "README.md"
HEADER = "## Quality checker accuracy"


def section() -> str:
    items = load_examples(HERE / "okr_examples.jsonl")
    result = evaluate(items)
    held = load_examples(HERE / "okr_examples_holdout.jsonl")
    lines = [
        HEADER,
        "",
        f"`tests/data/okr_examples.jsonl` holds {len(items)} labelled OKR texts "
        f"({sum(i['lang'] == 'sv' for i in items)} in Swedish), each with the page it comes from. An item counts as",
        "flagged when `check_text` gives it a warning or an error; recall is measured on the items the source",
        "calls bad, the pass rate on those it calls good, and balanced accuracy is their mean.",
        "",
        markdown(result),
        "",
        f"A second set, `okr_examples_holdout.jsonl` ({len(held)} items, written after the rules were frozen and",
        "never used to change them), gives:",
        "",
        markdown(evaluate(held)),
        "",
        "How to read this honestly:",
        "",
        "- The examples were written down from memory of the named public pages (Google re:Work and the OKR",
        "  playbook, whatmatters.com, Felipe Castro, Christina Wodtke, Perdoo, Weekdone/okrexamples.co,",
        "  Atlassian); the wording may differ from the live pages and the URLs were not re-fetched when the set",
        "  was built. The Swedish items are the seed text's own OKRs plus Swedish translations of the English",
        "  examples, so the Swedish figure mostly measures the Swedish word lists, not independent Swedish sources.",
        "- The same person wrote the rules and the labelled set, so this is an in-sample figure: expect lower",
        "  agreement on OKRs written by others. No rule names a single example; the changes made after the first",
        "  run were general (creation verbs such as *build/skapa* opening an objective, activity verbs inside",
        "  parentheses or relative clauses, and *håller sig* / *holds* as threshold wording).",
        "- Many bad items are caught by the simplest rule (a key result without any number), which is easy;",
        "  the harder calls (activity vs outcome, metric in disguise) rest on word lists that will miss",
        "  wording they do not contain, and they can flag good OKRs that open with a project verb.",
        "- Where it falls short on the main set (regenerated with the table):",
        "",
    ]
    for lang, r in result.items():
        for text, rules in r["flagged_good"]:
            lines.append(f'  - {lang}, good but flagged ({", ".join(rules)}): "{text}"')
        for text in r["missed_bad"]:
            lines.append(f'  - {lang}, bad but not flagged: "{text}"')
    if not any(r["flagged_good"] or r["missed_bad"] for r in result.values()):
        lines.append("  - none in this set")
    lines += [
        "",
        "Regenerate with `python tests/data/okr_examples_report.py`. Speed: `python benchmarks/bench_quality.py`.",
        "",
    ]
    return "\n".join(lines)


def update(readme: Path = README) -> None:
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
