"""Trainee-facing widgets for the coach-training exercises (views over okr_workshop.training).

Each widget holds an exercise (the state lives there), renders it as escaped
HTML, and grades through the training package. ``submit(answer)`` does what
the trainee's clicks do, so a notebook can run headless with scripted answers.
When a ResultsLog is given, every submission is logged (answers that could not
be graded and reveals of the answer key included) with the trainee's name,
typed into the name field when the notebook does not set it, the class code and
the time since the exercise was shown. ``max_attempts=1`` (or a class with one
graded attempt) grades only the first answer.

CSS classes for browser tests: ``okr-training``, ``okr-training-okr``,
``okr-training-choice``, ``okr-training-check``, ``okr-training-feedback``,
``okr-training-reveal``, ``okr-training-answer``, ``okr-training-name``; the rewrite's
inputs ``okr-training-objective`` and ``okr-training-kr-text|kind|baseline|target|confidence``.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import ipywidgets as w

from ..errors import OkrWorkshopError, ValidationError
from ..training import (
    Board,
    QuarterExercise,
    ResultsLog,
    RewriteSession,
    SpotExercise,
    grade_facilitate,
    grade_quarter,
    grade_spot,
    parse_answers,
)
from ..training.quarter import grade_text
from ..training.texts import KIND, flaw_label, number, t
from .feedback import findings_html

_TABLE = "border-collapse:collapse;margin:4px 0"
_TD = "border:1px solid #ccc;padding:2px 6px;vertical-align:top"


def okr_html(item: dict, lang: str) -> str:
    """An OKR (bank item) as an escaped HTML table: objective, then key results with kind, values, confidence."""
    e = html.escape
    head = [t("key_result", lang), t("kind", lang), t("baseline", lang), t("target", lang), t("unit", lang),
            t("confidence", lang)]  # fmt: skip
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td style='{_TD}'>{e(str(v))}</td>"
            for v in (
                f"KR{i + 1}. {kr['text']}",
                KIND.get(kr.get("kind"), {}).get(lang, kr.get("kind")),
                number(kr.get("baseline"), lang),
                number(kr.get("target"), lang),
                kr.get("unit") or "",
                f"{kr['confidence']}/10" if kr.get("confidence") else "",
            )
        )
        + "</tr>"
        for i, kr in enumerate(item["key_results"])
    )
    header = "".join(f"<th style='{_TD}'>{e(h)}</th>" for h in head)
    return (
        f"<div class='okr-training-okr'><p><strong>{e(t('objective', lang))}:</strong> {e(item['objective'])}</p>"
        f"<table style='{_TABLE}'><tr>{header}</tr>{rows}</table></div>"
    )


def rows_html(rows: list[dict]) -> str:
    """A list of dicts as an escaped HTML table."""
    if not rows:
        return ""
    e = html.escape
    header = "".join(f"<th style='{_TD}'>{e(str(k))}</th>" for k in rows[0])
    body = "".join("<tr>" + "".join(f"<td style='{_TD}'>{e(str(v))}</td>" for v in r.values()) + "</tr>" for r in rows)
    return f"<table style='{_TABLE}'><tr>{header}</tr>{body}</table>"


def lines_html(lines: list[str]) -> str:
    """Feedback lines as escaped HTML paragraphs."""
    return "".join(f"<div style='margin:2px 0'>{html.escape(line)}</div>" for line in lines)


class _Exercise(w.VBox):
    """Shared parts: a title, the trainee's name, the feedback area, logging and the attempt limit."""

    exercise_kind = ""

    def __init__(self, lang: str, title: str, trainee: str = "", log: ResultsLog | str | None = None, seed=None,
                 classroom=None, max_attempts: int | None = None):  # fmt: skip
        super().__init__()
        if classroom is not None:
            log = classroom.log if log is None else log
            max_attempts = 1 if classroom.one_attempt and max_attempts is None else max_attempts
        self.lang, self.trainee, self.seed = lang, trainee or "", seed
        self.class_code = classroom.code if classroom is not None else ""
        self.max_attempts = max_attempts
        self.results_log = ResultsLog(log) if isinstance(log, str) or hasattr(log, "__fspath__") else log
        self.started = dt.datetime.now(dt.timezone.utc)
        self.graded = 0  # graded answers so far in this widget
        self.result: Any = None
        self.feedback = w.HTML("")
        self.feedback.add_class("okr-training-feedback")
        self.heading = w.HTML(f"<h3>{html.escape(title)}</h3>")
        self.name = w.Text(value=self.trainee, description=t("your_name", lang), style={"description_width": "initial"})
        self.name.add_class("okr-training-name")
        self.add_class("okr-training")

    def _top(self) -> list:
        """The heading, and the name field when a log is kept and the notebook did not name the trainee."""
        asks = self.results_log is not None and not self.trainee.strip()
        return [self.heading, self.name] if asks else [self.heading]

    def _who(self) -> str | None:
        """The trainee's name, or None (and a message) when a log is kept and the name is still empty."""
        name = (self.trainee or self.name.value).strip()
        if self.results_log is not None and not name:
            self.feedback.value = f"<div style='color:#b3261e'>{html.escape(t('name_first', self.lang))}</div>"
            return None
        return name

    def _may_grade(self) -> bool:
        """False (and a message) when the attempts allowed are used up."""
        if self.max_attempts is not None and self.graded >= self.max_attempts:
            self.feedback.value += lines_html([t("one_attempt", self.lang)])
            return False
        return True

    def _graded_once(self) -> None:
        self.graded += 1
        self.name.disabled = True  # one widget, one trainee
        if self.max_attempts is not None and self.graded >= self.max_attempts:
            for button in (getattr(self, "check", None),):
                if button is not None:
                    button.disabled = True

    def _record(self, result: Any, exercise_id: str, event: str = "answer") -> None:
        name = (self.trainee or self.name.value).strip()
        if self.results_log is not None and name:
            self.results_log.record(name, self.exercise_kind, result, exercise_id=exercise_id, seed=self.seed,
                                    lang=self.lang, started=self.started, class_code=self.class_code,
                                    event=event)  # fmt: skip

    def _invalid(self, err: OkrWorkshopError, answer: Any, exercise_id: str) -> None:
        """An answer that cannot be graded: the one-line reason under the exercise, printed (headless runs show
        it), and logged as not graded."""
        self.result = None
        self._error(err)
        print(str(err))
        self._record({"invalid": str(err), "answer": _plain_answer(answer), "score": None, "passed": False},
                     exercise_id)  # fmt: skip

    def _error(self, err: OkrWorkshopError) -> None:
        self.feedback.value = f"<div style='color:#b3261e'>{html.escape(str(err))}</div>"


def _plain_answer(answer: Any) -> Any:
    """An answer as JSON keeps it (text for anything else)."""
    if answer is None or isinstance(answer, (str, int, float, bool)):
        return answer
    if isinstance(answer, dict):
        return {str(k): _plain_answer(v) for k, v in answer.items()}
    if isinstance(answer, (list, tuple)):
        return [_plain_answer(v) for v in answer]
    return str(answer)


class SpotTheFlaw(_Exercise):
    """Spot the flaw: tick what is wrong with the OKR, press Check."""

    exercise_kind = "spot"

    def __init__(self, exercise: SpotExercise, trainee: str = "", log: ResultsLog | str | None = None, *,
                 classroom=None, max_attempts: int | None = None):  # fmt: skip
        lang = exercise.lang
        super().__init__(lang, t("spot.title", lang), trainee, log, exercise.seed, classroom, max_attempts)
        self.exercise = exercise
        intro = w.HTML(html.escape(t("spot.intro", lang, n=len(exercise.flaws))))
        self.okr = w.HTML(okr_html(exercise.broken, lang))
        self.boxes = {rule: w.Checkbox(value=False, description=flaw_label(rule, lang), indent=False)
                      for rule in exercise.choices}  # fmt: skip
        for box in self.boxes.values():
            box.add_class("okr-training-choice")
        self.check = w.Button(description=t("check", lang), button_style="primary")
        self.check.add_class("okr-training-check")
        self.check.on_click(self._on_check_click)
        grid = w.GridBox(list(self.boxes.values()), layout=w.Layout(grid_template_columns="repeat(2, 1fr)"))
        self.children = [*self._top(), intro, self.okr, grid, self.check, self.feedback]

    def _on_check_click(self, _button=None) -> None:
        if self._who() is None or not self._may_grade():
            return
        answer = [rule for rule, box in self.boxes.items() if box.value]
        self.result = grade_spot(self.exercise, answer)
        self.feedback.value = lines_html(self.result.lines())
        self._record(self.result, self.exercise.id)
        self._graded_once()

    def submit(self, answer) -> Any:
        """Tick exactly ``answer`` (rule ids or labels) and press Check; returns the SpotResult."""
        from ..training.spot import normalise_answer

        try:
            chosen = set(normalise_answer(answer, self.exercise.choices, self.lang))
        except OkrWorkshopError as err:
            self._invalid(err, answer, self.exercise.id)
            return None
        for rule, box in self.boxes.items():
            box.value = rule in chosen
        self.check.click()
        return self.result


class Rewrite(_Exercise):
    """Rewrite it: edit the objective and key results; Check until the quality engine is satisfied."""

    exercise_kind = "rewrite"

    def __init__(self, session: RewriteSession, trainee: str = "", log: ResultsLog | str | None = None, seed=None, *,
                 classroom=None, max_attempts: int | None = None):  # fmt: skip
        lang = session.lang
        super().__init__(lang, t("rewrite.title", lang), trainee, log, seed, classroom, max_attempts)
        self.session = session
        start = session.start
        self.objective = w.Textarea(value=start["objective"], description=t("objective", lang),
                                    layout=w.Layout(width="100%"))  # fmt: skip
        self.objective.add_class("okr-training-objective")
        self.rows = []
        kinds = [(KIND[k][lang], k) for k in KIND]
        for i in range(max(6, len(start["key_results"]))):
            kr = start["key_results"][i] if i < len(start["key_results"]) else {"text": "", "kind": "increase"}
            row = {
                "text": w.Text(value=kr.get("text", ""), description=f"KR{i + 1}", layout=w.Layout(width="46%")),
                "kind": w.Dropdown(options=kinds, value=kr.get("kind", "increase"), layout=w.Layout(width="14%")),
                "baseline": w.Text(
                    value=_num(kr.get("baseline")), placeholder=t("baseline", lang), layout=w.Layout(width="12%")
                ),  # fmt: skip
                "target": w.Text(
                    value=_num(kr.get("target")), placeholder=t("target", lang), layout=w.Layout(width="12%")
                ),  # fmt: skip
                "confidence": w.Text(
                    value=_num(kr.get("confidence")), placeholder=t("confidence", lang), layout=w.Layout(width="12%")
                ),  # fmt: skip
            }
            for key, child in row.items():
                child.add_class(f"okr-training-kr-{key}")
            self.rows.append(row)
        self.check = w.Button(description=t("check", lang), button_style="primary")
        self.check.add_class("okr-training-check")
        self.reveal = w.Button(description=t("reveal", lang))
        self.reveal.add_class("okr-training-reveal")
        self.check.on_click(self._on_check_click)
        self.reveal.on_click(self._on_reveal_click)
        self.findings = w.HTML("")
        intro = w.HTML(html.escape(t("rewrite.intro", lang)))
        boxes = [w.HBox(list(r.values())) for r in self.rows]
        self.children = [*self._top(), intro, self.objective, *boxes, w.HBox([self.check, self.reveal]),
                         self.feedback, self.findings]  # fmt: skip

    def draft(self) -> dict:
        """The draft as the inputs hold it."""
        krs = []
        for r in self.rows:
            krs.append({k: (v.value if k in ("text", "kind") else v.value.strip() or None) for k, v in r.items()})
        return {"objective": self.objective.value, "key_results": krs}

    def _on_check_click(self, _button=None) -> None:
        if self._who() is None or not self._may_grade():
            return
        self.result = self.session.submit(self.draft())
        self.feedback.value = lines_html(self.result.lines() if self.result.clean else self.result.lines()[:1])
        self.findings.value = findings_html(list(self.result.findings), self.lang, where=True)
        self._record(self.session, self.session.exercise_id)  # every draft, clean or not, with its text
        if not self.result.error:
            self._graded_once()
        else:
            print(self.result.lines()[0])

    def _on_reveal_click(self, _button=None) -> None:
        from ..training.rewrite import format_item

        if self._who() is None:
            return
        model = self.session.reveal()
        self.feedback.value = lines_html([f"{t('rewrite.model', self.lang)}: {format_item(model)}"])
        record = {"revealed": True, "score": None, "passed": False, "text": format_item(model)}
        self._record(record, self.session.exercise_id, event="reveal")

    def submit(self, draft: dict) -> Any:
        """Fill the inputs from ``draft`` ({'objective', 'key_results': [...]}) and press Check."""
        try:
            draft = parse_answers(draft, "draft")
            if not isinstance(draft, dict):
                raise ValidationError("draft", 'expected a draft such as {"objective": …, "key_results": [...]}')
        except OkrWorkshopError as err:
            self._invalid(err, draft, self.session.exercise_id)
            return None
        self.objective.value = draft.get("objective", self.objective.value)
        krs = draft.get("key_results", [])
        for i, row in enumerate(self.rows):
            kr = krs[i] if i < len(krs) else {"text": ""}
            kr = {"text": kr} if isinstance(kr, str) else kr
            row["text"].value = kr.get("text", "")
            if kr.get("kind") in KIND:
                row["kind"].value = kr["kind"]
            for key in ("baseline", "target", "confidence"):
                if key in kr:
                    row[key].value = _num(kr[key])
        self.check.click()
        return self.result


def _num(value) -> str:
    if value is None or value == "":
        return ""
    return f"{value:g}" if isinstance(value, (int, float)) else str(value)


class ScoreTheQuarter(_Exercise):
    """Score the quarter: type the grade of each key result and of the objective; Check."""

    exercise_kind = "quarter"

    def __init__(self, exercise: QuarterExercise, trainee: str = "", log: ResultsLog | str | None = None, *,
                 classroom=None, max_attempts: int | None = None):  # fmt: skip
        lang = exercise.lang
        super().__init__(lang, t("quarter.title", lang), trainee, log, exercise.seed, classroom, max_attempts)
        self.exercise = exercise
        intro = w.HTML(
            html.escape(f"{t('quarter.intro', lang, as_of=exercise.as_of.isoformat())} {exercise.pass_mark()}")
        )
        table = w.HTML(f"<p>{html.escape(exercise.objective.title)}</p>" + rows_html(exercise.table()))
        self.inputs = {key: w.Text(description=key, placeholder=grade_text(0, lang), layout=w.Layout(width="180px"))
                       for key in exercise.keys()}  # fmt: skip
        for box in self.inputs.values():
            box.add_class("okr-training-answer")
        self.check = w.Button(description=t("check", lang), button_style="primary")
        self.check.add_class("okr-training-check")
        self.check.on_click(self._on_check_click)
        self.children = [*self._top(), intro, table, w.HBox(list(self.inputs.values())), self.check, self.feedback]

    def _on_check_click(self, _button=None) -> None:
        from ..training.quarter import NoAnswerError

        if self._who() is None or not self._may_grade():
            return
        answers = {k: v.value for k, v in self.inputs.items()}
        try:
            self.result = grade_quarter(self.exercise, answers)
        except NoAnswerError as err:  # all empty: nothing to grade or log
            self.result = None
            self._error(err)
            print(str(err))
            return
        except OkrWorkshopError as err:  # "41" or "n/a": a hint, logged as not graded (not as a wrong answer)
            self._invalid(err, answers, self.exercise.id)
            return
        self.feedback.value = lines_html(self.result.lines())
        self._record(self.result, self.exercise.id)
        self._graded_once()

    def submit(self, answers: dict) -> Any:
        """Type ``answers`` ({'KR1': 0.6, …, 'O1': 0.5}, or that as JSON text) and press Check."""
        try:
            answers = parse_answers(answers) or {}
            if not isinstance(answers, dict):
                raise ValidationError("answers", 'expected grades by key such as {"KR1": 0.6, "O1": 0.55}')
        except OkrWorkshopError as err:
            self._invalid(err, answers, self.exercise.id)
            return None
        for key, box in self.inputs.items():
            value = answers.get(key)
            box.value = "" if value is None else str(value)
        self.check.click()
        return self.result


class Facilitate(_Exercise):
    """Facilitate: pick the three most important coaching points for the team's board; Check."""

    exercise_kind = "facilitate"

    def __init__(self, board: Board, trainee: str = "", log: ResultsLog | str | None = None, *, classroom=None,
                 max_attempts: int | None = None):  # fmt: skip
        lang = board.lang
        super().__init__(lang, t("facilitate.title", lang), trainee, log, board.seed, classroom, max_attempts)
        self.board = board
        intro = w.HTML(html.escape(t("facilitate.intro", lang, team=board.team.name)))
        table = w.HTML(rows_html(board.table()))
        self.boxes = {rule: w.Checkbox(value=False, description=flaw_label(rule, lang), indent=False)
                      for rule in board.choices}  # fmt: skip
        for box in self.boxes.values():
            box.add_class("okr-training-choice")
        self.check = w.Button(description=t("check", lang), button_style="primary")
        self.check.add_class("okr-training-check")
        self.check.on_click(self._on_check_click)
        grid = w.GridBox(list(self.boxes.values()), layout=w.Layout(grid_template_columns="repeat(2, 1fr)"))
        self.children = [*self._top(), intro, table, grid, self.check, self.feedback]

    def _on_check_click(self, _button=None) -> None:
        if self._who() is None or not self._may_grade():
            return
        picks = [rule for rule, box in self.boxes.items() if box.value]
        try:
            self.result = grade_facilitate(self.board, picks)
        except OkrWorkshopError as err:  # not three picks: said, printed and logged as not graded
            self._invalid(err, picks, self.board.id)
            return
        self.feedback.value = lines_html(self.result.debrief())
        self._record(self.result, self.board.id)
        self._graded_once()

    def submit(self, picks) -> Any:
        """Tick exactly ``picks`` (three rule ids or labels) and press Check."""
        from ..training.spot import normalise_answer

        try:
            chosen = set(normalise_answer(picks, self.board.choices, self.lang))
        except OkrWorkshopError as err:
            self._invalid(err, picks, self.board.id)
            return None
        for rule, box in self.boxes.items():
            box.value = rule in chosen
        self.check.click()
        return self.result
