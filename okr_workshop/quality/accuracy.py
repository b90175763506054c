"""Accuracy: how often the checker agrees with published verdicts on a labelled set.

An item counts as flagged when ``check_text`` gives it a warning or an error.
Recall is measured on bad items, pass rate on good items, and balanced
accuracy is their mean.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import ValidationError
from .engine import check_text

FIELDS = ("text", "kind", "lang", "verdict", "source_url", "note")


def load_examples(path: str | Path) -> list[dict]:
    """The labelled examples from a JSONL file, validated."""
    items = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        item = json.loads(line)
        missing = [f for f in FIELDS if f not in item]
        if missing or item["verdict"] not in ("good", "bad") or item["lang"] not in ("sv", "en"):
            raise ValidationError(f"{path}, line {number}", f"needs {', '.join(FIELDS)}; verdict good/bad; lang sv/en")
        items.append(item)
    return items


def flagged(item: dict) -> list[str]:
    """Rule ids at warning or error severity for one example."""
    found = check_text(item["text"], kind=item["kind"], lang=item["lang"])
    return [f.rule for f in found if f.severity in ("error", "warning")]


def evaluate(items: list[dict]) -> dict:
    """Per language: counts, recall on bad, pass rate on good, balanced accuracy, and the misses."""
    result: dict = {}
    for lang in sorted({i["lang"] for i in items}):
        chosen = [i for i in items if i["lang"] == lang]
        bad = [i for i in chosen if i["verdict"] == "bad"]
        good = [i for i in chosen if i["verdict"] == "good"]
        missed = [i for i in bad if not flagged(i)]
        wrongly = [(i, flagged(i)) for i in good if flagged(i)]
        recall = (len(bad) - len(missed)) / len(bad) if bad else 0.0
        passed = (len(good) - len(wrongly)) / len(good) if good else 0.0
        result[lang] = {
            "items": len(chosen),
            "bad": len(bad),
            "good": len(good),
            "recall_bad": recall,
            "pass_good": passed,
            "balanced_accuracy": (recall + passed) / 2,
            "missed_bad": [i["text"] for i in missed],
            "flagged_good": [(i["text"], rules) for i, rules in wrongly],
        }
    return result


def markdown(result: dict) -> str:
    """The accuracy table as Markdown."""
    lines = [
        "| language | items | bad | good | recall on bad | pass rate on good | balanced accuracy |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for lang, r in result.items():
        lines.append(
            f"| {lang} | {r['items']} | {r['bad']} | {r['good']} | {r['recall_bad']:.2f} | "
            f"{r['pass_good']:.2f} | {r['balanced_accuracy']:.2f} |"
        )
    return "\n".join(lines)
