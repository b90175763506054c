"""Docs: render docs/quality-rules.md from the catalogue, so the page cannot drift.

Regenerate with ``python -m tools.rules_docs`` (a test compares the
committed file with this output).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from okr_workshop.quality.catalogue import catalogue, sources
from okr_workshop.quality.text import words

LEVEL_TITLES = {
    "objective": "Objective",
    "key_result": "Key result",
    "key_results": "An objective's set of key results",
    "team": "Team",
    "workshop": "Workshop",
}
DEFAULT_PATH = Path(__file__).resolve().parents[1] / "docs" / "quality-rules.md"


def _cell(text: str) -> str:
    return (text or "—").replace("|", "\\|").replace("\n", " ")


def render_markdown() -> str:
    """The whole rules page as Markdown."""
    rules = catalogue()
    src = sources()
    lines = [
        "# Quality rules",
        "",
        "<!-- Generated from okr_workshop/quality/rules.json and the quality.* entries of the gettext catalogue by "
        "`python -m tools.rules_docs`; do not edit. -->",
        "",
        f"{len(rules)} rules. Each finding carries the rule id, a severity, a message and a suggestion in the",
        "workshop's language (sv or en), where it was found, and the source of the rule. An item counts as",
        "*flagged* when it gets a warning or an error; info findings are hints.",
        "",
    ]
    for level, title in LEVEL_TITLES.items():
        chosen = [r for r in rules if r.level == level]
        if not chosen:
            continue
        lines += [f"## {title}", ""]
        for r in chosen:
            lines += [
                f"### `{r.id}` ({r.severity}"
                + (f"; {r.softer['severity']} {r.softer['when']}" if r.softer else "")
                + ")",
                "",
                "| | sv | en |",
                "| --- | --- | --- |",
                *(
                    [
                        f"| message (one) | {_cell(r.template('message', 'sv', 1))} | {_cell(r.template('message', 'en', 1))} |"
                    ]
                    if r.plural
                    else []
                ),
                f"| message{' (many)' if r.plural else ''} | {_cell(r.message['sv'])} | {_cell(r.message['en'])} |",
                f"| suggestion | {_cell(r.suggestion['sv'])} | {_cell(r.suggestion['en'])} |",
                "",
                f"Weak ({r.example_lang}): {_cell(r.example_weak)}  ",
                f"Strong ({r.example_lang}): {_cell(r.example_strong)}  ",
                f"Source: {src[r.source]['title']}",
                "",
            ]
    lines += ["## Strength score", ""]
    # the package attribute "strength" is the function; the formula is the module docstring
    doc = (importlib.import_module("okr_workshop.quality" + ".strength").__doc__ or "").strip().splitlines()
    lines += [line.strip() if not line.startswith("  ") else line[2:] for line in doc[2:]]
    lines += ["", "## Word lists", "", "| list | sv | en |", "| --- | --- | --- |"]
    sv, en = words("sv")["lists"], words("en")["lists"]
    for name in sv:
        lines.append(f"| {name} | {len(sv[name]['words'])} | {len(en.get(name, {}).get('words', []))} |")
    lines += [
        "",
        "Lists live in `okr_workshop/quality/words/{sv,en}.json`: stems take the listed suffixes, so",
        "`lanser` matches *lansera, lanseras, lanserad, lansering*; Swedish lists marked compound also match",
        "the last part of a compound (*kundmöten* → *möten*).",
        "",
        "## Sources",
        "",
    ]
    for key, item in src.items():
        url = f" <{item['url']}>" if item["url"] else ""
        lines.append(f"- `{key}`: {item['title']}{url}")
    return "\n".join(lines).rstrip() + "\n"


def write(path: str | Path = DEFAULT_PATH) -> Path:
    """Write the rules page to ``path`` (default docs/quality-rules.md)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_markdown(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write(*sys.argv[1:2]))
