"""Score the quarter: check-in data for key results of every kind; the trainee computes the grades.

The right grades come from ``okr_workshop.scoring`` (the same code that scores
real workshops); a number that is off gets the formula with its numbers filled in.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from ..errors import ValidationError
from ..i18n.catalog import N_, gettext, table
from ..i18n.formatting import format_number
from ..model.entities import Workshop
from . import bank
from .breaks import _BINARY, noun_phrase
from .texts import KIND, number, t

KINDS = ("increase", "decrease", "at_least", "at_most", "milestone")
TOLERANCE = 0.01  # grades are written with two decimals; allow one step for rounding
_FRACTIONS = (-0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 1.0, 1.2)


@dataclass(frozen=True, slots=True)
class QuarterExercise:
    """A quarter to score: ``workshop`` holds one team, one objective and a key result of every kind
    with check-ins; ``as_of`` the day to score at (the period end); ``item_id`` the bank item of the objective.
    Same seed and lang → same data."""

    id: str
    seed: int
    lang: str
    workshop: Workshop
    as_of: dt.date
    item_id: str = ""  # the bank item the objective comes from

    @property
    def objective(self):
        return self.workshop.teams[0].objectives[0]

    def keys(self) -> list[str]:
        """The answer keys: KR1…KRn, then O1 for the objective."""
        return [f"KR{i + 1}" for i in range(len(self.objective.key_results))] + ["O1"]

    def pass_mark(self) -> str:
        """The pass rule as the trainee reads it: every grade right (within ±0.01)."""
        n = len(self.keys())
        return t("quarter.pass_mark", self.lang, need=n, total=n)

    def table(self) -> list[dict]:
        """One row per key result as the trainee sees it (no grades)."""
        lang = self.lang
        rows = []
        for key, kr in zip(self.keys(), self.objective.key_results):
            rows.append(
                {
                    t("answer_key", lang): key,
                    t("key_result", lang): kr.text,
                    t("kind", lang): KIND[kr.kind.value][lang],
                    t("baseline", lang): number(kr.baseline, lang),
                    t("target", lang): number(kr.target, lang),
                    t("unit", lang): kr.unit,
                    t("check_ins", lang): "; ".join(f"{c.on.isoformat()}: {number(c.value, lang)}" for c in kr.history),
                }
            )
        return rows

    def expected(self) -> dict[str, float]:
        """The right grades by key, computed by ``okr_workshop.scoring``."""
        from ..scoring.grades import kr_score, round_grade

        grades = {}
        for key, kr in zip(self.keys(), self.objective.key_results):
            grades[key] = kr_score(kr, as_of=self.as_of).grade
        values = [g for g in grades.values()]
        grades["O1"] = round_grade(sum(values) / len(values))
        return grades


def _decimals(baseline: float, target: float) -> int:
    span = abs(target - baseline)
    if float(baseline).is_integer() and float(target).is_integer() and span >= 10:
        return 0
    return 1 if span >= 1 else 2


def _value(kind: str, baseline: float | None, target: float, unit: str, rng: random.Random) -> list[float]:
    """Check-in values (oldest first) for a key result of this kind."""
    if kind in ("increase", "decrease"):
        d = _decimals(baseline, target)
        f = rng.choice(_FRACTIONS)
        steps = (0.3 * f, 0.6 * f, f)
        return [round(baseline + s * (target - baseline), d) for s in steps]
    if kind == "milestone":
        return [0.0, 0.0, rng.choice([0.0, 1.0])]
    step = 1 if float(target).is_integer() and "%" not in unit else 0.1 if abs(target) >= 1 else 0.01
    met = rng.random() < 0.5
    edge = rng.random() < 0.3  # exactly on the threshold counts as met
    sign = 1 if kind == "at_least" else -1
    final = target if edge and met else target + sign * step * (rng.choice([1, 2, 3]) if met else -rng.choice([1, 2]))
    if kind == "at_most" and final < 0:
        final = target
    values = [round(final - sign * step, 2), round(final + sign * step, 2), round(final, 2)]
    if "%" in unit:
        values = [min(100.0, v) for v in values]
    return [max(0.0, v) for v in values] if target >= 0 else values


_THRESHOLD = table(
    (N_("training.quarter.threshold.at_least"), N_("training.quarter.threshold.at_most")), "training.quarter.threshold."
)
_DONORS = {  # a threshold is made from a metric of the same domain when the domain has none
    "increase": ("increase",),
    "decrease": ("decrease",),
    "at_least": ("at_least", "increase"),
    "at_most": ("at_most", "decrease"),
    "milestone": ("increase", "decrease"),
}


def _pick(kinds: tuple[str, ...], head: dict, kin: list[dict], used: list, rng: random.Random) -> tuple[dict, str]:
    """A donor key result of the first of ``kinds`` found, from the head item first, then its domain; unused
    ones first. Returns (donor, its kind)."""
    for fresh in (True, False):
        for kind in kinds:
            for source in ([head], kin):
                pool_ = [kr for it in source for kr in it["key_results"]
                         if kr["kind"] == kind and not (fresh and kr in used)]  # fmt: skip
                if pool_:
                    donor = rng.choice(pool_)
                    used.append(donor)
                    return donor, kind
    raise ValidationError("bank", f"domain {head.get('domain')!r} has no {kinds[0]} key result; add one to the bank")


def make_quarter_exercise(seed: int, lang: str = "sv", period: str = "2027-Q1") -> QuarterExercise:
    """A quarter to score, reproducible from ``seed``: key results of every kind, three check-ins each.

    The key results come from one bank item, topped up from items of the same domain (a threshold key result
    is made from a metric of that domain when the domain has none), so the objective and its key results fit."""
    bank.check_lang(lang)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValidationError("seed", f"expected a whole number, got {seed!r:.20}")
    rng = random.Random(f"quarter:{seed}:{lang}")
    items = bank.items(lang)
    ws = Workshop.new(gettext(lang, "training.names.org.company"), period=period, lang=lang)
    team = ws.add_team(gettext(lang, "training.names.practice_team"))
    head = rng.choice(items)
    kin = [it for it in items if it.get("domain") == head.get("domain") and it["id"] != head["id"]]
    obj = team.add_objective(head["objective"], type=head["type"], owner=head["owner"])
    start, end = ws.period.start, ws.period.end
    dates = [start + dt.timedelta(days=20), start + dt.timedelta(days=50), end - dt.timedelta(days=5)]
    used: list = []
    for kind in KINDS:
        if kind == "milestone":
            donor, _ = _pick(_DONORS[kind], head, kin, used, rng)
            phrase = noun_phrase(donor, lang)
            text = rng.choice(_BINARY[lang]).format(np=phrase[1] if phrase else donor["metric"])
            kr = obj.add_key_result(text, kind="milestone", target=1)
        else:
            donor, donor_kind = _pick(_DONORS[kind], head, kin, used, rng)
            text, baseline = donor["text"], donor["baseline"]
            if donor_kind != kind:
                metric = donor["metric"][:1].upper() + donor["metric"][1:]
                target = number(donor["target"], lang)
                text = _THRESHOLD[kind][lang].format(metric=metric, target=target, unit=donor["unit"]).strip()
                baseline = None
            kr = obj.add_key_result(
                text, kind=kind, metric=donor["metric"], unit=donor["unit"], baseline=baseline, target=donor["target"],
            )  # fmt: skip
        for on, value in zip(dates, _value(kind, kr.baseline, kr.target, kr.unit, rng)):
            kr.add_check_in(value=value, confidence=rng.randint(4, 8), on=on)
    return QuarterExercise(f"quarter-{lang}-{seed}", seed, lang, ws, end, head["id"])


class NoAnswerError(ValidationError):
    """Check was pressed with every field empty: nothing is graded, revealed or logged."""

    def __str__(self) -> str:
        return self.problem


@dataclass(frozen=True, slots=True)
class GradeCheck:
    """One number checked: the right grade, the trainee's answer (None: no answer), ok, and the formula."""

    key: str
    expected: float
    answer: float | None
    ok: bool
    formula: str
    follow_through: bool = False  # the objective's grade is right for the trainee's own key-result grades


@dataclass(frozen=True, slots=True)
class QuarterResult:
    """The grade of a score-the-quarter answer: one GradeCheck per key result and the objective."""

    exercise_id: str
    lang: str
    checks: tuple[GradeCheck, ...]
    kinds: dict

    @property
    def score(self) -> float:
        return round(sum(c.ok for c in self.checks) / len(self.checks), 2)

    @property
    def pass_mark(self) -> int:
        """How many grades must be right to pass: all of them."""
        return len(self.checks)

    @property
    def passed(self) -> bool:
        return sum(c.ok for c in self.checks) >= self.pass_mark

    def lines(self) -> list[str]:
        """Feedback lines: a summary, then each number, with the formula where it is off."""
        lang = self.lang
        right, total = sum(c.ok for c in self.checks), len(self.checks)
        verdict = (
            t("quarter.passed", lang) if self.passed else t("quarter.failed", lang, need=self.pass_mark, total=total)
        )
        out = [f"{t('quarter.summary', lang, right=right, total=total)} {verdict}"]
        for c in self.checks:
            verdict = t("quarter.ok" if c.ok else "quarter.missing" if c.answer is None else "quarter.off", lang)
            given = "" if c.answer is None else f" ({number(c.answer, lang)})"
            line = f"{c.key}: {verdict}{given}"
            if c.follow_through:
                line += f" — {t('quarter.follow_through', lang)} {c.formula}"
            elif not c.ok:
                line += f" — {c.formula}"
            out.append(line)
        return out

    def to_record(self) -> dict:
        """The fields the trainer's results log keeps; missed numbers are named by formula (formula:decrease)."""
        wrong = [c for c in self.checks if not c.ok]
        return {
            "score": self.score,
            "passed": self.passed,
            "answer": {c.key: c.answer for c in self.checks},
            "expected": {c.key: c.expected for c in self.checks},
            "missed": [f"formula:{self.kinds[c.key]}" for c in wrong],
            "false_alarms": [],
        }


def _bad_grade(key: str, value, lang: str) -> ValidationError:
    """The one-line error of an answer that is not a grade, in the trainee's language."""
    return ValidationError(_answer(key, lang), gettext(lang, "training.quarter.bad_grade", value=f"{value!r:.20}"))


def _answer(key: str, lang: str) -> str:
    """The answer field ``key`` as the error names it (the trainee's language)."""
    return gettext(lang if lang in ("sv", "en") else "en", "training.answer_field", key=key)


def _hint(key: str, number_: float, lang: str) -> ValidationError:
    """A grade outside 0–1: most likely a percentage ("41" for 0.41) or a raw progress; a hint, not a wrong answer."""
    shown, where = number(number_, lang), _answer(key, lang)
    if 2 <= number_ <= 100:
        guess = number(round(number_ / 100, 4), lang)
        return ValidationError(where, t("quarter.hint_percent", lang, given=shown, guess=guess))
    return ValidationError(where, t("quarter.hint_range", lang, given=shown))


def _parse(key: str, value, lang: str = "en") -> float | None:
    """A typed grade as a number: decimal comma or point, a trailing % divides by 100; blank is None.

    A number outside 0–1 ("41", "79", "1,2") is a hint to write the grade between 0 and 1, not a wrong answer."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise _bad_grade(key, value, lang)
    try:
        number_ = float(str(value).strip().replace(",", ".").rstrip("%").strip())
    except ValueError:
        raise _bad_grade(key, value, lang) from None
    if not math.isfinite(number_):
        raise _bad_grade(key, value, lang)
    if isinstance(value, str) and value.strip().endswith("%"):
        number_ /= 100
        if not 0 <= number_ <= 1:
            where = _answer(key, lang)
            raise ValidationError(where, t("quarter.hint_range", lang, given=number(number_, lang)))
    if not 0 <= number_ <= 1:
        raise _hint(key, number_, lang)
    return number_


def grade_text(grade: float | None, lang: str) -> str:
    """A grade with two decimals ("0,65" in Swedish)."""
    if grade is None:
        return "–"
    return format_number(grade, lang, digits=2)


def formula(exercise: QuarterExercise, key: str) -> str:
    """The formula of one grade with the exercise's numbers filled in."""
    from ..scoring.grades import kr_score

    lang = exercise.lang
    expected = exercise.expected()
    if key == "O1":
        grades = [expected[k] for k in exercise.keys()[:-1]]
        raw = sum(grades) / len(grades)
        terms = " + ".join(grade_text(g, lang) for g in grades)
        raw_text = format_number(raw, lang, digits=3)
        text = t("quarter.objective", lang, terms=terms, n=len(grades), raw=raw_text)
        return f"{text} → {t('quarter.grade', lang, grade=grade_text(expected['O1'], lang))}"
    kr = exercise.objective.key_results[exercise.keys().index(key)]
    s = kr_score(kr, as_of=exercise.as_of)
    kind = kr.kind.value
    values = {"v": number(s.current, lang), "b": number(kr.baseline, lang), "t": number(kr.target, lang)}
    if kind in ("increase", "decrease"):
        text = t(f"quarter.{kind}", lang, raw=format_number(s.progress, lang, digits=3), **values)
        if s.progress is not None and not 0 <= s.progress <= 1:
            text += f" ({t('quarter.clamp', lang)})"
    else:
        text = t(f"quarter.{kind}", lang, **values)
    return f"{text} → {t('quarter.grade', lang, grade=grade_text(s.grade, lang))}"


def grade_quarter(exercise: QuarterExercise, answers: dict | None) -> QuarterResult:
    """Check the trainee's grades (by key KR1…, O1) against the scoring engine, within ±0.01.

    All fields empty raises NoAnswerError ("Fill in at least one answer first"): no formula is shown."""
    from .answers import parse_answers

    answers = parse_answers(answers)
    if answers is not None and not isinstance(answers, dict):
        raise ValidationError("answers", "expected a dict such as {'KR1': 0.6, 'O1': 0.55}")
    answers = answers or {}
    unknown = [k for k in answers if k not in exercise.keys()]
    if unknown:
        raise ValidationError("answers", f"unknown key {unknown[0]!r}; use {', '.join(exercise.keys())}")
    expected = exercise.expected()
    given_ = {key: _parse(key, answers.get(key), exercise.lang) for key in exercise.keys()}
    if all(v is None for v in given_.values()):
        raise NoAnswerError("answers", t("quarter.empty", exercise.lang))
    kinds = {key: kr.kind.value for key, kr in zip(exercise.keys(), exercise.objective.key_results)}
    kinds["O1"] = "objective"
    checks = []
    own = [given_[k] for k in exercise.keys()[:-1]]
    for key in exercise.keys():
        given = given_[key]
        ok = given is not None and abs(given - expected[key]) <= TOLERANCE + 1e-9
        follow = False
        if key == "O1" and not ok and given is not None and None not in own:
            # Follow-through marking: the objective's grade computed right from the trainee's own KR grades.
            from ..scoring.grades import round_grade

            follow = abs(given - round_grade(sum(own) / len(own))) <= TOLERANCE + 1e-9
        checks.append(GradeCheck(key, expected[key], given, ok or follow, formula(exercise, key), follow))
    return QuarterResult(exercise.id, exercise.lang, tuple(checks), kinds)
