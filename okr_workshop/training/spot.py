"""Grading spot-the-flaw answers: what was found, missed and wrongly marked, with each rule's explanation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import ValidationError
from . import bank
from .breaks import SpotExercise
from .texts import flaw_label, t


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a rule matters here: status correct/missed/false_alarm, the finding's message and suggestion
    (filled in from the broken OKR), where it is, and the rule's source."""

    rule: str
    status: str
    label: str
    message: str
    suggestion: str
    where: str
    source: str


@dataclass(frozen=True, slots=True)
class SpotResult:
    """The grade of one spot-the-flaw answer.

    correct: flaws marked; missed: flaws not marked; false_alarms: marked
    rules the OKR does not break; score: correct / (flaws + false alarms).
    """

    exercise_id: str
    lang: str
    answer: tuple[str, ...]
    correct: tuple[str, ...]
    missed: tuple[str, ...]
    false_alarms: tuple[str, ...]
    explanations: tuple[Explanation, ...]

    @property
    def score(self) -> float:
        total = len(self.correct) + len(self.missed) + len(self.false_alarms)
        return round(len(self.correct) / total, 2) if total else 1.0

    @property
    def passed(self) -> bool:
        return not self.missed and not self.false_alarms

    def summary(self) -> str:
        """One line: how many flaws were found."""
        total = len(self.correct) + len(self.missed)
        return t("spot.summary", self.lang, correct=len(self.correct), total=total, false=len(self.false_alarms))

    def lines(self) -> list[str]:
        """The feedback as text lines in the exercise's language."""
        out = [self.summary()]
        for e in self.explanations:
            head = t(f"spot.{e.status}", self.lang)
            where = f" [{e.where}]" if e.where else ""
            out.append(f"{head}: {e.label}{where}. {e.message} {e.suggestion}".rstrip())
        return out

    def to_record(self) -> dict:
        """The fields the trainer's results log keeps."""
        return {
            "score": self.score,
            "passed": self.passed,
            "answer": list(self.answer),
            "expected": sorted(self.correct + self.missed),
            "missed": list(self.missed),
            "false_alarms": list(self.false_alarms),
        }


def normalise_answer(answer: Iterable[str] | str | None, choices: Iterable[str], lang: str = "en") -> tuple[str, ...]:
    """The rule ids of an answer (ids or labels, comma-separated text, JSON text or a list), checked against ``choices``."""
    from .answers import parse_answers

    answer = parse_answers(answer, "answer")
    if answer is None:
        return ()
    if isinstance(answer, str):
        answer = [a for a in answer.replace(";", ",").split(",")]
    choices = tuple(choices)
    by_label = {flaw_label(c, lang).lower(): c for c in choices for lang in bank.LANGS}
    out = []
    for raw in answer:
        key = str(raw).strip()
        if not key:
            continue
        rule = key if key in choices else by_label.get(key.lower())
        if rule is None:
            if lang == "sv":
                labels = "; ".join(flaw_label(c, "sv") for c in choices)
                raise ValidationError("svar", f"{key!r:.40} finns inte bland valen: {labels}")
            raise ValidationError("answer", f"{key!r:.40} is not one of the choices: {', '.join(choices)}")
        if rule not in out:
            out.append(rule)
    return tuple(sorted(out))


def grade_spot(exercise: SpotExercise, answer: Iterable[str] | str | None) -> SpotResult:
    """Grade the rules a trainee marked against the flaws the break introduced."""
    from ..quality import check

    lang = exercise.lang
    marked = normalise_answer(answer, exercise.choices, lang)
    flaws = set(exercise.flaws)
    correct = tuple(sorted(flaws & set(marked)))
    missed = tuple(sorted(flaws - set(marked)))
    false = tuple(sorted(set(marked) - flaws))
    findings = {}
    for f in check(bank.to_objective(exercise.broken), lang=lang):
        findings.setdefault(f.rule, f)
    explanations = []
    for rule_id, status in [(r, "correct") for r in correct] + [(r, "missed") for r in missed]:
        f = findings.get(rule_id)
        explanations.append(
            Explanation(
                rule_id,
                status,
                flaw_label(rule_id, lang),
                f.message if f else "",
                f.suggestion if f else "",
                f.where if f else "",
                f.source if f else "",
            )
        )
    for rule_id in false:
        label = flaw_label(rule_id, lang)
        explanations.append(Explanation(rule_id, "false_alarm", label, t("spot.not_here", lang), "", "", ""))
    return SpotResult(exercise.id, lang, marked, correct, missed, false, tuple(explanations))
