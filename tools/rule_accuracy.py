"""Accuracy: how often the checker agrees with published verdicts on a labelled set.

An item counts as flagged when ``check_text`` gives it a warning or an error.
Recall is measured on bad items, pass rate on good items, and balanced
accuracy is their mean.

The labelled set lives in ``tests/data``: ``okr_examples.jsonl`` (the tuning
split), ``okr_examples_test.jsonl``, ``okr_examples_test2.jsonl``,
``okr_examples_test3.jsonl``, ``okr_examples_test4.jsonl`` and ``okr_examples_test5.jsonl``
(the frozen test splits of rounds 3, 6, 7, 8 and 9: whole source pages, from round 6 on whole
sites, that no rule was tuned on), ``okr_examples_written.jsonl`` (written here, never counted as
published), ``okr_examples_parity_sv.jsonl`` (the Swedish parity probe,
written here: Swedish translations of English tuning items, whose flag is
compared with the English checker's flag on the original, and typical Swedish
items), ``okr_examples_probe_en.jsonl`` (the English probe: about 650 items
written here in the many phrasings of vendor pages, to hunt false alarms;
never counted as published) and ``okr_examples_fresh.jsonl`` (two blind batches written
here before the rules were read: the unseen-phrasing figure). ``python -m tools.rule_accuracy [DIR]``
prints the figures per language and per kind; ``--by-rule`` prints, for the
tuning split's published items only, how often each rule (and each branch of
a rule) flags good items against bad ones, with a leave-one-page-out view.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from okr_workshop.errors import ValidationError
from okr_workshop.quality.engine import check_text

FIELDS = ("id", "text", "kind", "lang", "verdict", "source_url", "source_says", "adaptation")
HELD_OUT_PERCENT = 30
UNVERIFIED = "written here"


def load_examples(path: str | Path) -> list[dict]:
    """The labelled examples from a JSONL file, validated."""
    items = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        item = json.loads(line)
        missing = [f for f in FIELDS if f not in item]
        if missing or item["verdict"] not in ("good", "bad") or item["lang"] not in ("sv", "en"):
            raise ValidationError(
                f"{path}, line {number}", f"needs {', '.join(FIELDS)}; verdict good/bad; lang sv/en; fix that line"
            )
        items.append(item)
    return items


def held_out(item: dict) -> bool:
    """True for the ~30% of items kept out of rule tuning: a fixed rule on a hash of the item id."""
    digest = hashlib.sha1(item["id"].encode("utf-8")).hexdigest()
    return int(digest, 16) % 100 < HELD_OUT_PERCENT


def published(item: dict) -> bool:
    """True when the item was checked on the page it cites (not written here)."""
    return item["source_url"] != UNVERIFIED


def flagged(item: dict) -> list[str]:
    """Rule ids at warning or error severity for one example."""
    found = check_text(item["text"], kind=item["kind"], lang=item["lang"])
    return [f.rule for f in found if f.severity in ("error", "warning")]


def _rates(chosen: list[dict]) -> dict:
    bad = [i for i in chosen if i["verdict"] == "bad"]
    good = [i for i in chosen if i["verdict"] == "good"]
    caught = sum(1 for i in bad if flagged(i))
    passed = sum(1 for i in good if not flagged(i))
    recall = caught / len(bad) if bad else None
    pass_rate = passed / len(good) if good else None
    both = None if recall is None or pass_rate is None else (recall + pass_rate) / 2
    return {
        "items": len(chosen),
        "bad": len(bad),
        "good": len(good),
        "caught": caught,
        "passed": passed,
        "recall_bad": recall,
        "pass_good": pass_rate,
        "balanced_accuracy": both,
    }


def figures(items: list[dict]) -> dict:
    """(language, kind) -> counts and rates; kind "all" for both kinds together. No texts: safe to print for a test split."""
    out = {}
    for lang in sorted({i["lang"] for i in items}):
        for kind in ("all", "objective", "key_result"):
            chosen = [i for i in items if i["lang"] == lang and kind in ("all", i["kind"])]
            if chosen:
                out[(lang, kind)] = _rates(chosen)
    return out


def figures_markdown(result: dict, first: str = "language") -> str:
    """The per-language (or per-``first``), per-kind table as Markdown."""
    lines = [
        f"| {first} | kind | items | bad | good | recall on bad | pass rate on good | balanced accuracy |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for (group, kind), r in result.items():
        lines.append(
            f"| {group} | {kind.replace('_', ' ')} | {r['items']} | {r['bad']} | {r['good']} | {_rate(r['recall_bad'])} | "
            f"{_rate(r['pass_good'])} | {_rate(r['balanced_accuracy'])} |"
        )
    return "\n".join(lines)


DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
SPLITS = {
    "tune": "okr_examples.jsonl",
    "test": "okr_examples_test.jsonl",
    "test2": "okr_examples_test2.jsonl",
    "test3": "okr_examples_test3.jsonl",
    "test4": "okr_examples_test4.jsonl",
    "test5": "okr_examples_test5.jsonl",
    "written": "okr_examples_written.jsonl",
    "parity": "okr_examples_parity_sv.jsonl",
    "probe": "okr_examples_probe_en.jsonl",
    "fresh": "okr_examples_fresh.jsonl",
}
TRANSLATION = "translation of "


def parity(items: list[dict], originals: list[dict]) -> dict:
    """How often the checker's flag on a translated item differs from its flag on the original (the item named
    in ``source_says`` as "translation of <id>"), per kind: counts only, safe to print."""
    by_id = {i["id"]: i for i in originals}
    out: dict[str, dict] = {}
    for item in items:
        if not item["source_says"].startswith(TRANSLATION):
            continue
        original = by_id.get(item["source_says"][len(TRANSLATION) :])
        if original is None:
            raise ValidationError(item["id"], f"{item['source_says']!r} names no item of the tuning split; fix the id")
        mine, theirs = bool(flagged(item)), bool(flagged(original))
        for kind in ("all", item["kind"]):
            row = out.setdefault(kind, {"pairs": 0, "same": 0, "only_translation": 0, "only_original": 0})
            row["pairs"] += 1
            row["same"] += mine == theirs
            row["only_translation"] += mine and not theirs
            row["only_original"] += theirs and not mine
    return out


def parity_markdown(result: dict) -> str:
    """The parity table as Markdown."""
    lines = [
        "| kind | pairs | same flag | flagged only in translation | flagged only in original | agreement |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for kind in ("all", "objective", "key_result"):
        r = result.get(kind)
        if r:
            lines.append(
                f"| {kind.replace('_', ' ')} | {r['pairs']} | {r['same']} | {r['only_translation']} | "
                f"{r['only_original']} | {_rate(r['same'] / r['pairs'])} |"
            )
    return "\n".join(lines)


def report(data: str | Path = DATA) -> str:
    """All splits as Markdown tables (figures only, no texts), and the parity of translated items."""
    parts = []
    titles = {
        "test": "Frozen test split (published, whole pages no rule was tuned on)",
        "test2": "Second frozen test split (round 6: published, whole sites no rule was tuned on)",
        "test3": "Third frozen test split (round 7: published, whole sites no rule was tuned on)",
        "test4": "Fourth frozen test split (round 8, model OKRs of example pages: published, whole sites no rule was "
        "tuned on)",
        "test5": "Fifth frozen test split (round 9, pages that state a verdict: published, whole sites no rule was "
        "tuned on)",
        "tune": "Tuning split (published pages read while changing rules)",
        "written": "Written here (never counted as published)",
        "parity": "Swedish parity probe (written here: translations of English tuning items, typical Swedish items)",
        "probe": "English probe, written here in the phrasing of vendor pages (never counted as published)",
        "fresh": "Fresh blind batch, written here before reading the rules (never counted as published)",
    }
    for name in ("test", "test2", "test3", "test4", "test5", "tune", "written", "parity", "probe", "fresh"):
        path = Path(data) / SPLITS[name]
        if path.exists():
            items = load_examples(path)
            pages = len({i["source_url"] for i in items})
            parts += [f"{titles[name]}: {len(items)} items, {pages} pages", "", figures_markdown(figures(items)), ""]
            if name == "parity":
                originals = load_examples(Path(data) / SPLITS["tune"])
                parts += [
                    "Translated items against their English originals (is the flag the same?):",
                    "",
                    parity_markdown(parity(items, originals)),
                    "",
                ]
    frozen = [i for name in FROZEN_SPLITS if (Path(data) / SPLITS[name]).exists()
              for i in load_examples(Path(data) / SPLITS[name])]  # fmt: skip
    if frozen:
        parts += [
            "All frozen test splits together, by how the page gives its verdict (stated: the page calls the text "
            "good or bad; model: the page only shows it as an example):",
            "",
            basis_markdown(by_basis(frozen)),
            "",
        ]
    return "\n".join(parts).rstrip() + "\n"


FROZEN_SPLITS = ("test", "test2", "test3", "test4", "test5")


def by_basis(items: list[dict]) -> dict:
    """("stated" or "model", kind) -> the rates of ``figures``, over every language: counts only, safe to print."""
    out = {}
    for basis, label in (("explicit", "stated"), ("implicit", "model")):
        for kind in ("all", "objective", "key_result"):
            chosen = [i for i in items if i.get("verdict_basis") == basis and kind in ("all", i["kind"])]
            if chosen:
                out[(label, kind)] = _rates(chosen)
    return out


def basis_markdown(result: dict) -> str:
    """The by-verdict-basis table as Markdown."""
    return figures_markdown(result, first="verdict")


def evaluate(items: list[dict]) -> dict:
    """Per language: counts, recall on bad, pass rate on good, balanced accuracy, and the misses.

    A rate is None when its class is empty (no bad or no good items); balanced accuracy is then None too.
    """
    result: dict = {}
    for lang in sorted({i["lang"] for i in items}):
        chosen = [i for i in items if i["lang"] == lang]
        bad = [i for i in chosen if i["verdict"] == "bad"]
        good = [i for i in chosen if i["verdict"] == "good"]
        missed = [i for i in bad if not flagged(i)]
        wrongly = [(i, flagged(i)) for i in good if flagged(i)]
        recall = (len(bad) - len(missed)) / len(bad) if bad else None
        passed = (len(good) - len(wrongly)) / len(good) if good else None
        result[lang] = {
            "items": len(chosen),
            "bad": len(bad),
            "good": len(good),
            "recall_bad": recall,
            "pass_good": passed,
            "balanced_accuracy": None if recall is None or passed is None else (recall + passed) / 2,
            "missed_bad": [i["text"] for i in missed],
            "flagged_good": [(i["text"], rules) for i, rules in wrongly],
        }
    return result


def _rate(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def markdown(result: dict) -> str:
    """The accuracy table as Markdown."""
    lines = [
        "| language | items | bad | good | recall on bad | pass rate on good | balanced accuracy |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for lang, r in result.items():
        lines.append(
            f"| {lang} | {r['items']} | {r['bad']} | {r['good']} | {_rate(r['recall_bad'])} | "
            f"{_rate(r['pass_good'])} | {_rate(r['balanced_accuracy'])} |"
        )
    return "\n".join(lines)


def branch(rule_id: str, text: str, kind: str, lang: str) -> str:
    """Which branch of a rule fired, read from the analysis of ``text``: "activity word" or "verb first" for
    kr-activity, and so on; "" for a rule with a single branch."""
    from okr_workshop.quality import text as tx
    from okr_workshop.quality.analysis import analyse

    a = analyse(tx.clean(text), lang)
    if rule_id == "kr-activity":
        if a.activity:
            return "hire/move verb" if "lead" in tx.token_tags(lang, a.activity.split()[0]) else "activity word"
        return "verb first (lexicon)"
    if rule_id == "objective-task":
        word = (a.activity_first or "").split()[:1]
        return "hire/move verb" if word and "lead" in tx.token_tags(lang, word[0]) else "activity word"
    if rule_id == "objective-generic":
        return "change + generic area" if a.generic else "comparative"
    if rule_id == "kr-not-measurable":
        if a.vague:
            return "vague word, no number"
        return "task, no number" if a.activity or a.verb_first else "no number"
    return ""


def by_rule(items: list[dict]) -> list[dict]:
    """Per rule and branch, on the PUBLISHED items given (use the tuning split only): flags (warning or error)
    and hints (info) on good and bad items, the pages they come from, precision (bad flags / all flags) and
    its leave-one-page-out range: the precision on all pages but one, for every page in turn. A rule whose
    precision holds only on the page it was written from shows a wide range and pages where it is wrong."""
    items = [i for i in items if published(i)]
    rows: dict[tuple[str, str], dict] = {}
    for item in items:
        for f in check_text(item["text"], kind=item["kind"], lang=item["lang"]):
            key = (f.rule, branch(f.rule, item["text"], item["kind"], item["lang"]))
            row = rows.setdefault(key, {"flag": {"good": [], "bad": []}, "info": {"good": 0, "bad": 0}})
            if f.severity in ("error", "warning"):
                if item not in row["flag"][item["verdict"]]:
                    row["flag"][item["verdict"]].append(item)
            else:
                row["info"][item["verdict"]] += 1
    pages = sorted({i["source_url"] for i in items})
    out = []
    for (rule_id, name), row in sorted(rows.items()):
        good, bad = row["flag"]["good"], row["flag"]["bad"]
        fired = {i["source_url"] for i in good + bad}
        page_out = []
        for page in pages:
            b = sum(1 for i in bad if i["source_url"] != page)
            g = sum(1 for i in good if i["source_url"] != page)
            if b + g:
                page_out.append(b / (b + g))
        wrong_pages = sum(
            1
            for page in fired
            if sum(i["source_url"] == page for i in good) > sum(i["source_url"] == page for i in bad)
        )
        out.append(
            {
                "rule": rule_id,
                "branch": name,
                "good": len(good),
                "good_pages": len({i["source_url"] for i in good}),
                "bad": len(bad),
                "bad_pages": len({i["source_url"] for i in bad}),
                "precision": len(bad) / (len(bad) + len(good)) if good or bad else None,
                "page_out": (min(page_out), max(page_out)) if page_out else None,
                "wrong_pages": wrong_pages,
                "pages": len(fired),
                "info_good": row["info"]["good"],
                "info_bad": row["info"]["bad"],
            }
        )
    return out


def by_rule_markdown(rows: list[dict]) -> str:
    """The per-rule table as Markdown (figures only, no texts)."""
    lines = [
        "| rule | branch | flags good (pages) | flags bad (pages) | precision | leave-one-page-out precision | "
        "pages mostly wrong | hints (info) good / bad |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        po = r["page_out"]
        lines.append(
            f"| {r['rule']} | {r['branch'] or '—'} | {r['good']} ({r['good_pages']}) | {r['bad']} ({r['bad_pages']}) | "
            f"{_rate(r['precision'])} | {'n/a' if po is None else f'{po[0]:.2f}–{po[1]:.2f}'} | "
            f"{r['wrong_pages']} of {r['pages']} | {r['info_good']} / {r['info_bad']} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    """``[--by-rule] [DIR]``: the accuracy tables, or the per-rule table of the tuning split."""
    rest = [a for a in argv if a != "--by-rule"]
    data = Path(rest[0]) if rest else DATA
    if "--by-rule" in argv:
        print(by_rule_markdown(by_rule(load_examples(data / SPLITS["tune"]))))
    else:
        print(report(data), end="")


if __name__ == "__main__":
    main(sys.argv[1:])
