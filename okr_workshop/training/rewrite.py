"""Rewrite it: the trainee rewrites a flawed OKR; the quality engine gives feedback until it is clean."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from ..errors import OkrWorkshopError, ValidationError
from . import bank
from .breaks import SpotExercise
from .texts import number, t

_KR_KEYS = ("text", "kind", "metric", "baseline", "target", "unit", "confidence")


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
            out += [f"{f.where}: {f.message} {f.suggestion}" for f in self.findings]
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
        remaining = tuple(sorted({f.rule for f in findings} - allowed))
        fixed = tuple(sorted(set(self.flaws) - {f.rule for f in findings}))
        clean = not remaining
        shown = [f for f in findings if f.rule not in allowed]
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
        """The fields the trainer's results log keeps."""
        last = self.attempts[-1] if self.attempts else None
        remaining = list(last.remaining) if last else list(self.flaws)
        fixed = len(last.fixed) if last else 0
        return {
            "score": 1.0 if self.clean else round(fixed / len(self.flaws), 2) if self.flaws else 0.0,
            "passed": self.clean,
            "attempts": len(self.attempts),
            "revealed": self.revealed,
            "expected": list(self.flaws),
            "missed": remaining,
            "false_alarms": [],
        }


def format_item(item: dict) -> str:
    """An OKR as one readable line: objective, then its key results with baseline → target."""
    lang = item.get("lang", "en")
    parts = []
    for kr in item["key_results"]:
        values = ""
        if kr.get("kind") != "milestone" and kr.get("target") is not None:
            values = f" ({number(kr.get('baseline'), lang)} → {number(kr.get('target'), lang)} {kr.get('unit') or ''})"
        parts.append(kr["text"] + values.replace(" )", ")"))
    return f"{item['objective']} — " + "; ".join(parts)
