"""Rewrite it: the trainee rewrites a flawed OKR; the quality engine gives feedback until it is clean.

Beyond the quality engine, a rewrite must keep its numbers honest (a "från A till B" in the text agrees with the
baseline and target fields), raise a sandbagged target (lowering the confidence alone is not the lesson) and stay
an OKR about the same thing (the objective and every key result share a word with the exercise's OKR). Each of
these is a remark with its own id (``rewrite-numbers``, ``rewrite-sandbag``, ``rewrite-topic``), like a rule.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from ..errors import OkrWorkshopError, ValidationError
from . import bank
from .breaks import SpotExercise
from .texts import number, t

_KR_KEYS = ("text", "kind", "metric", "baseline", "target", "unit", "confidence")
# Words that say nothing about what an OKR is about (a rewrite must keep at least one other word).
_STOP = {
    "sv": set(
        "alla allt alltid andel andelen andra bara blir bli bättre där denna detta efter eller enligt från för "
        "förra genom hela helt inom inte kommer kvartal kvartalet mellan mer mest minst mycket med måste nya "
        "när också per samma sina sitt som ska till under utan vara varje vill våra vårt över".split()
    ),
    "en": set(
        "about across after again all always better both each every everything from have into last less "
        "more most much must nice over per quarter really same share should than that their them they this "
        "through under very what when will with within without your".split()
    ),
}


@dataclass(frozen=True, slots=True)
class Remark:
    """A remark of the rewrite's own checks, shaped like a quality finding (rule, where, message, suggestion)."""

    rule: str
    where: str
    message: str
    suggestion: str
    severity: str = "error"


def _stems(text: str, lang: str) -> set[str]:
    """The content words of ``text`` cut to five letters, so "säljcykeln" and "säljcykel" match."""
    import re

    words = re.findall(r"[^\W\d_]{4,}", str(text or "").lower())
    return {w[:5] for w in words if w not in _STOP[lang]}


def own_checks(draft: dict, start: dict, model: dict, changes, lang: str) -> list[Remark]:
    """The remarks of the rewrite's own checks: numbers against fields, a sandbagged target, the same topic."""
    from .numbers import disagreements

    out: list[Remark] = []
    for i, kr in enumerate(draft["key_results"]):
        wrong = disagreements(kr, lang)
        if wrong:
            fields = " och ".join(t(f, lang).lower() for f in wrong) if lang == "sv" else " and ".join(wrong)
            out.append(Remark("rewrite-numbers", f"O1 › KR{i + 1}", t("rewrite.numbers", lang, fields=fields),
                              t("rewrite.numbers_fix", lang)))  # fmt: skip
    for flaw, where in changes:
        if flaw != "kr-confidence-10" or not where.startswith("KR"):
            continue
        i = int(where[2:]) - 1
        was = start["key_results"][i]
        now = draft["key_results"][i] if i < len(draft["key_results"]) else None
        if now is None or _moved(was, now):
            continue
        out.append(Remark("rewrite-sandbag", f"O1 › {where}", t("rewrite.sandbag", lang, target=number(was["target"], lang)),
                          t("rewrite.sandbag_fix", lang)))  # fmt: skip
    known = _stems(start["objective"], lang) | _stems(model["objective"], lang)
    for kr in start["key_results"] + model["key_results"]:
        known |= _stems(kr.get("text"), lang) | _stems(kr.get("metric"), lang)
    parts = [("O1", draft["objective"])]
    parts += [(f"O1 › KR{i + 1}", kr.get("text")) for i, kr in enumerate(draft["key_results"])]
    for where, text in parts:
        if not _stems(text, lang) & known:
            out.append(Remark("rewrite-topic", where, t("rewrite.topic", lang), t("rewrite.topic_fix", lang)))
    return out


def _moved(was: dict, now: dict) -> bool:
    """True when the target moved away from the sandbagged one in the key result's direction."""
    from .numbers import as_number

    target, old = as_number(now.get("target")), float(was["target"])
    if target is None:
        return False
    return target > old if was.get("kind") == "increase" else target < old


@dataclass(frozen=True, slots=True)
class RewriteFeedback:
    """The quality engine's verdict on one attempt.

    findings: the quality findings of the draft; remaining: rule ids still
    found that the model answer does not have; fixed: the exercise's flaws no
    longer found; clean: nothing left to remark; model_answer: the original
    OKR, shown once the draft is clean or the trainee asks for it; error: a
    one-line reason when the draft could not be read.
    """

    attempt: int
    lang: str
    findings: tuple
    remaining: tuple[str, ...]
    fixed: tuple[str, ...]
    clean: bool
    model_answer: dict | None = None
    error: str = ""

    def lines(self) -> list[str]:
        """The feedback as text lines in the exercise's language."""
        if self.error:
            return [t("rewrite.invalid", self.lang, error=self.error)]
        out = [t("rewrite.clean", self.lang, attempts=self.attempt)] if self.clean else []
        if not self.clean:
            out.append(t("rewrite.remaining", self.lang, n=len(self.findings)))
            out += [f"{f.where}: {f.message} {f.suggestion}".rstrip() for f in self.findings]
        if self.model_answer is not None:
            out.append(f"{t('rewrite.model', self.lang)}: {format_item(self.model_answer)}")
        return out


@dataclass
class RewriteSession:
    """One trainee's rewrite of a flawed OKR; ``submit`` a draft as often as needed, ``reveal`` to give up.

    start: the broken item the trainee begins from; model: the original good
    item; flaws: the rule ids the exercise introduced; attempts: the feedback so far.
    """

    start: dict
    model: dict
    flaws: tuple[str, ...]
    lang: str
    exercise_id: str = ""
    changes: tuple = ()  # (flaw, where) pairs of the exercise: where a sandbagged target sits
    attempts: list[RewriteFeedback] = field(default_factory=list)
    revealed: bool = False
    last_item: dict | None = None  # the last readable draft; partial drafts inherit its fields

    @classmethod
    def from_exercise(cls, exercise: SpotExercise) -> RewriteSession:
        """A session that starts from the broken OKR of a spot-the-flaw exercise."""
        return cls(
            copy.deepcopy(exercise.broken),
            copy.deepcopy(exercise.original),
            exercise.flaws,
            exercise.lang,
            exercise.id.replace("spot-", "rewrite-", 1),
            tuple(tuple(c) for c in exercise.changes),
        )

    @property
    def clean(self) -> bool:
        return bool(self.attempts) and self.attempts[-1].clean

    def draft_item(self, draft: dict) -> dict:
        """A full item from a draft: missing key-result fields keep the previous draft's values; empty rows are dropped."""
        if not isinstance(draft, dict) or not isinstance(draft.get("key_results", []), list):
            raise ValidationError("draft", "expected {'objective': text, 'key_results': [{'text': …}, …]}")
        previous = self._previous()
        item = copy.deepcopy(previous)
        item["objective"] = str(draft.get("objective", previous["objective"]))
        krs = []
        for i, raw in enumerate(draft.get("key_results", previous["key_results"])):
            if isinstance(raw, str):
                raw = {"text": raw}
            if not isinstance(raw, dict):
                raise ValidationError(
                    f"key result {i + 1}", "expected text or a dict with text, kind, baseline, target"
                )
            base = previous["key_results"][i] if i < len(previous["key_results"]) else {"kind": "increase"}
            kr = {k: raw.get(k, base.get(k)) for k in _KR_KEYS}
            if not str(kr.get("text") or "").strip():
                continue
            krs.append(kr)
        item["key_results"] = krs
        return item

    def _previous(self) -> dict:
        return self.last_item or self.start

    def submit(self, draft: dict) -> RewriteFeedback:
        """Check a draft with the quality engine; the model answer comes with the first clean draft."""
        from ..quality import check

        attempt = len(self.attempts) + 1
        try:
            item = self.draft_item(draft)
            findings = tuple(check(bank.to_objective(item), lang=self.lang))
        except OkrWorkshopError as err:
            feedback = RewriteFeedback(attempt, self.lang, (), self.flaws, (), False, error=str(err))
            self.attempts.append(feedback)
            return feedback
        self.last_item = item
        allowed = bank.rule_ids(self.model, self.lang)
        remarks = own_checks(item, self.start, self.model, self.changes, self.lang)
        shown = [f for f in findings if f.rule not in allowed] + remarks
        found = {f.rule for f in shown}
        remaining = tuple(sorted(found))
        # A flaw is fixed when its rule is gone; a sandbagged target only when the target moved too.
        fixed = tuple(sorted(f for f in self.flaws if f not in found and not (
            f == "kr-confidence-10" and "rewrite-sandbag" in found)))  # fmt: skip
        clean = not remaining
        feedback = RewriteFeedback(
            attempt, self.lang, tuple(shown), remaining, fixed, clean, self.model if clean or self.revealed else None
        )
        self.attempts.append(feedback)
        return feedback

    def reveal(self) -> dict:
        """Give up: the model answer."""
        self.revealed = True
        return copy.deepcopy(self.model)

    def to_record(self) -> dict:
        """The fields the trainer's results log keeps about the last attempt: its score (flaws fixed out of
        flaws plus new remarks, so a rewrite that brings in a new flaw is below 1.0), the trainee's text."""
        last = self.attempts[-1] if self.attempts else None
        remaining = list(last.remaining) if last else list(self.flaws)
        fixed = len(last.fixed) if last else 0
        # The sandbag remark belongs to the sandbagging flaw; anything else not in the exercise is a new flaw.
        own = set(self.flaws) | ({"rewrite-sandbag"} if "kr-confidence-10" in self.flaws else set())
        new = [r for r in remaining if r not in own]
        total = len(self.flaws) + len(new)
        record = {
            "score": 1.0 if self.clean else round(fixed / total, 2) if total else 0.0,
            "passed": self.clean,
            "attempts": len(self.attempts),
            "revealed": self.revealed,
            "expected": list(self.flaws),
            "missed": sorted({"kr-confidence-10" if r == "rewrite-sandbag" else r for r in remaining if r in own}),
            "false_alarms": new,
            "text": format_item(self.last_item) if last is not None and self.last_item else "",
        }
        if last is not None and last.error:
            record.update(score=None, passed=False, invalid=last.error)
        return record


def format_item(item: dict) -> str:
    """An OKR as one readable line: objective, then its key results with baseline → target."""
    lang = item.get("lang", "en")

    def shown(value) -> str:  # a draft holds the numbers as typed ("4", "6,5")
        if value is None or value == "":
            return number(None, lang)
        try:
            return number(float(str(value).replace(",", ".").replace(" ", "")), lang)
        except ValueError:
            return str(value)

    parts = []
    for kr in item["key_results"]:
        values = ""
        if kr.get("kind") != "milestone" and kr.get("target") not in (None, ""):
            values = f" ({shown(kr.get('baseline'))} → {shown(kr.get('target'))} {kr.get('unit') or ''})"
        parts.append(kr["text"] + values.replace(" )", ")"))
    return f"{item['objective']} — " + "; ".join(parts)
