"""False alarms per quality rule on every good item we may tune on, and how well each rule generalises.

Good items: the tuning split's good items (tests/data/okr_examples.jsonl), the good items written here, the
training bank's clean items in sv and en (objective and key-result texts) and the sample workshops' OKRs.
Bad items (tuning split and written here) give each rule's catches, so a demotion's cost is visible too.
The frozen test split is never read.

Every text is checked as ``check_text`` checks it (one free text, the accuracy measure). Per rule:
- good: good items it flags (as a warning or an error), and on how many source pages; bank/samples: clean texts it flags (sv, en);
- bad: bad items it flags, and on how many pages; precision: bad / (bad + good) on the tuning split;
- alone: good items only this rule flags (a false alarm that demoting the rule removes) against bad items
  only this rule catches (a catch that demoting it loses);
- page-out: the rule's precision with each source page of the tuning split left out in turn (min–max), and
  on how many pages its precision is below one half: a rule right on one page only does not generalise;
- as info: tuning items where it fires only as a hint (info: no flag), good / bad.

Then a leave-one-page-out test of the policy "demote to info every rule whose precision on the other pages
(plus bank and samples as good items) is below a threshold", scored on the page left out: the pass rate
on good items and the recall on bad items it would give on pages it has not seen.

Run: python tests/data/okr_false_alarms.py [--items RULE]   (--items prints the good texts a rule flags)
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from okr_workshop import samples
from okr_workshop.quality import catalogue, check_text
from okr_workshop.training import bank
from tools.rule_accuracy import load_examples

HERE = Path(__file__).parent
COUNTED = ("error", "warning")


def _check(item: dict) -> dict:
    """``item`` with "rules" (every rule that fires) and "flags" (rules that fire as a warning or an error)."""
    found = check_text(item["text"], kind=item["kind"], lang=item["lang"])
    item["rules"] = frozenset(f.rule for f in found)
    item["flags"] = frozenset(f.rule for f in found if f.severity in COUNTED)
    return item


def labelled() -> list[dict]:
    """Tuning split and written-here items, each with the rules ``check_text`` gives it (all severities)."""
    items = load_examples(HERE / "okr_examples.jsonl") + load_examples(HERE / "okr_examples_written.jsonl")
    return [_check(i) for i in items]


# The sample workshops' deliberate imperfections (listed in their module docstrings): bad, not clean.
DELIBERATE = frozenset({"ex-o-salj-1", "ex-kr-salj-1-2", "acme-o-sales-1", "acme-kr-sales-1-2"})


def clean_texts() -> list[dict]:
    """The training bank's items and the samples' OKRs (but their deliberate imperfections): good texts."""
    out = []
    for lang in ("sv", "en"):
        for it in bank.items(lang):
            out.append({"text": it["objective"], "kind": "objective", "lang": lang, "origin": f"bank {lang}"})
            out += [
                {"text": kr["text"], "kind": "key_result", "lang": lang, "origin": f"bank {lang}"}
                for kr in it["key_results"]
            ]
    for name in samples.names():
        ws = samples.load(name)
        for obj in ws.objectives:
            if obj.id not in DELIBERATE:
                out.append({"text": obj.title, "kind": "objective", "lang": ws.lang, "origin": f"samples {ws.lang}"})
            out += [
                {"text": kr.text, "kind": "key_result", "lang": ws.lang, "origin": f"samples {ws.lang}"}
                for kr in obj.key_results
                if kr.id not in DELIBERATE
            ]
    return [_check(i) for i in out]


def counted_rules(demoted: frozenset[str] = frozenset()) -> frozenset[str]:
    """Rules whose findings count as a flag (warning or error), minus ``demoted``."""
    return frozenset(r.id for r in catalogue() if r.severity in COUNTED and r.id not in demoted)


def _precision(bad: int, good: int) -> float | None:
    return bad / (bad + good) if bad + good else None


def _fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def rule_table(items: list[dict], clean: list[dict]) -> list[dict]:
    """One row per rule that fires anywhere: the figures described in the module docstring."""
    counted = counted_rules()
    tune = [i for i in items if i["source_url"] != "written here"]
    written = [i for i in items if i["source_url"] == "written here"]
    pages = sorted({i["source_url"] for i in tune})
    fired = sorted({r for i in items + clean for r in i["rules"]})
    severity = {r.id: r.severity for r in catalogue()}
    rows = []
    for rule in fired:
        good = [i for i in tune if i["verdict"] == "good" and rule in i["flags"]]
        bad = [i for i in tune if i["verdict"] == "bad" and rule in i["flags"]]
        alone_good = [i for i in good if not (i["flags"] & counted) - {rule}]
        alone_bad = [i for i in bad if not (i["flags"] & counted) - {rule}]
        soft = [i for i in tune if rule in i["rules"] - i["flags"]]
        per_page = []
        for p in pages:
            rest_bad = sum(1 for i in bad if i["source_url"] != p)
            rest_good = sum(1 for i in good if i["source_url"] != p)
            per_page.append(_precision(rest_bad, rest_good))
        own = defaultdict(lambda: [0, 0])
        for i in bad:
            own[i["source_url"]][0] += 1
        for i in good:
            own[i["source_url"]][1] += 1
        low_pages = sum(1 for b, g in own.values() if b < g)
        known = [x for x in per_page if x is not None]
        rows.append(
            {
                "rule": rule,
                "severity": severity[rule],
                "good": len(good),
                "good_pages": len({i["source_url"] for i in good}),
                "bad": len(bad),
                "bad_pages": len({i["source_url"] for i in bad}),
                "precision": _precision(len(bad), len(good)),
                "alone_good": len(alone_good),
                "alone_bad": len(alone_bad),
                "info": (sum(i["verdict"] == "good" for i in soft), sum(i["verdict"] == "bad" for i in soft)),
                "page_out": (min(known), max(known)) if known else None,
                "low_pages": low_pages,
                "pages_fired": len(own),
                "clean": {
                    o: sum(1 for c in clean if c["origin"] == o and rule in c["flags"])
                    for o in ("bank sv", "bank en", "samples sv", "samples en")
                },
                "written": (
                    sum(1 for i in written if i["verdict"] == "bad" and rule in i["flags"]),
                    sum(1 for i in written if i["verdict"] == "good" and rule in i["flags"]),
                ),
            }
        )
    return rows


def rule_markdown(rows: list[dict]) -> str:
    lines = [
        "| rule | severity | good flagged (pages) | bad flagged (pages) | precision | alone good / bad | "
        "page-out precision | pages below 0.5 | bank sv / en | samples sv / en | written bad / good | "
        "as info: good / bad |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        po = r["page_out"]
        c = r["clean"]
        lines.append(
            f"| {r['rule']} | {r['severity']} | {r['good']} ({r['good_pages']}) | {r['bad']} ({r['bad_pages']}) | "
            f"{_fmt(r['precision'])} | {r['alone_good']} / {r['alone_bad']} | "
            f"{'—' if po is None else f'{po[0]:.2f}–{po[1]:.2f}'} | {r['low_pages']} of {r['pages_fired']} | "
            f"{c['bank sv']} / {c['bank en']} | {c['samples sv']} / {c['samples en']} | "
            f"{r['written'][0]} / {r['written'][1]} | {r['info'][0]} / {r['info'][1]} |"
        )
    return "\n".join(lines)


def _flagged(item: dict, counted: frozenset[str]) -> bool:
    return bool(item["flags"] & counted)


def rates(items: list[dict], counted: frozenset[str]) -> dict:
    """Pass rate on good and recall on bad, per language (and both), with ``counted`` rules as flags."""
    out = {}
    for lang in ("en", "sv", "all"):
        chosen = [i for i in items if lang in ("all", i["lang"])]
        good = [i for i in chosen if i.get("verdict", "good") == "good"]
        bad = [i for i in chosen if i.get("verdict") == "bad"]
        out[lang] = (
            sum(not _flagged(i, counted) for i in good) / len(good) if good else None,
            sum(_flagged(i, counted) for i in bad) / len(bad) if bad else None,
            len(good),
            len(bad),
        )
    return out


def policy_page_out(items: list[dict], clean: list[dict], threshold: float) -> tuple[float, float]:
    """Leave one page out: demote rules with precision < ``threshold`` on the other pages (bank and samples
    counted as good items), then score the page left out. Returns (pass rate on good, recall on bad)."""
    tune = [i for i in items if i["source_url"] != "written here"]
    base = counted_rules()
    passed = good = caught = bad = 0
    for page in sorted({i["source_url"] for i in tune}):
        rest = [i for i in tune if i["source_url"] != page] + [{**c, "verdict": "good"} for c in clean]
        demoted = set()
        for rule in base:
            b = sum(1 for i in rest if i["verdict"] == "bad" and rule in i["flags"])
            g = sum(1 for i in rest if i["verdict"] == "good" and rule in i["flags"])
            if b + g and b / (b + g) < threshold:
                demoted.add(rule)
        counted = base - demoted
        for i in tune:
            if i["source_url"] != page:
                continue
            if i["verdict"] == "good":
                good += 1
                passed += not _flagged(i, counted)
            else:
                bad += 1
                caught += _flagged(i, counted)
    return passed / good, caught / bad


def main(argv: list[str]) -> None:
    items, clean = labelled(), clean_texts()
    if "--items" in argv:
        rule = argv[argv.index("--items") + 1]
        for i in items + clean:
            if rule in i["flags"] and i.get("verdict", "good") == "good":
                print(f"{i.get('source_url', i.get('origin'))[:50]:50} | {i['lang']} {i['kind'][:3]} | {i['text']}")
        print("-- bad items it catches:")
        for i in items:
            if rule in i["flags"] and i["verdict"] == "bad":
                print(f"{i['source_url'][:50]:50} | {i['lang']} {i['kind'][:3]} | {i['text']}")
        return
    print(rule_markdown(rule_table(items, clean)))
    counted = counted_rules()
    tune = [i for i in items if i["source_url"] != "written here"]
    print("\npass rate on good / recall on bad (counts) with the rules as they are:")
    for name, chosen in (
        ("tuning split", tune),
        ("written here", [i for i in items if i["source_url"] == "written here"]),
        ("bank + samples", clean),
    ):
        for lang, (p, r, ng, nb) in rates(chosen, counted).items():
            print(f"  {name:15} {lang:3}  pass {_fmt(p)} of {ng:3}   recall {_fmt(r)} of {nb}")
    print("\nleave one page out, policy 'demote rules below a precision threshold':")
    for t in (0.0, 0.3, 0.4, 0.5, 0.6):
        p, r = policy_page_out(items, clean, t)
        print(f"  threshold {t:.1f}: pass rate on good {p:.3f}, recall on bad {r:.3f}, balanced {(p + r) / 2:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
