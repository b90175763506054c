"""The trainer's view: a results log of who answered what, summaries, the most missed rules, Excel export.

The log is a JSON-lines file (one answer per line, appended in one write, so
several trainees' kernels can share it). Excel export writes participant
text as text: a name or answer beginning with = + - @ never becomes a formula.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

from ..errors import OkrWorkshopError, ValidationError
from ..i18n.catalog import LANGS, N_, gettext, ngettext, table
from . import bank
from .texts import flaw_label

EXERCISES = ("spot", "rewrite", "quarter", "facilitate")
RISKY_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_NAME = 200

STUCK_AFTER = 3  # graded attempts without a pass (and without revealing the answer key): stuck
# Statuses of one trainee on one exercise, best first.
STATUSES = ("passed_first", "passed", "revealed", "stuck", "working", "not_started")

_HEAD = table((
    N_("results.head.time"), N_("results.head.trainee"), N_("results.head.exercise"), N_("results.head.attempt"),
    N_("results.head.score"), N_("results.head.passed"), N_("results.head.revealed"), N_("results.head.answer"),
    N_("results.head.missed"), N_("results.head.false_alarms"), N_("results.head.invalid"),
    N_("results.head.minutes"), N_("results.head.attempts"), N_("results.head.first_score"),
    N_("results.head.best_score"), N_("results.head.passed_first"), N_("results.head.status"),
    N_("results.head.trainees"), N_("results.head.stuck"), N_("results.head.working"),
    N_("results.head.not_started"), N_("results.head.mean_first_score"), N_("results.head.median_minutes"),
    N_("results.head.rule"), N_("results.head.times_missed"), N_("results.head.times_false_alarm"),
    N_("results.head.who"),
), "results.head.")  # fmt: skip
_SHEETS = table((
    N_("results.sheet.summary"), N_("results.sheet.progress"), N_("results.sheet.answers"),
    N_("results.sheet.missed"),
), "results.sheet.")  # fmt: skip
EXERCISE_NAMES = table((
    N_("results.exercise.spot"), N_("results.exercise.rewrite"), N_("results.exercise.quarter"),
    N_("results.exercise.facilitate"),
), "results.exercise.")  # fmt: skip
STATUS_NAMES = table((
    N_("results.status.passed_first"), N_("results.status.passed"), N_("results.status.revealed"),
    N_("results.status.stuck"), N_("results.status.working"), N_("results.status.not_started"),
), "results.status.")  # fmt: skip
_YES = {lang: (gettext(lang, "results.yes"), gettext(lang, "results.no")) for lang in LANGS}


class ResultsLogError(OkrWorkshopError):
    """The results log cannot be read or written."""


def _clean_name(trainee: Any) -> str:
    if not isinstance(trainee, str):
        raise ValidationError("trainee", f"expected a name (text), got {type(trainee).__name__}")
    name = _CONTROL.sub(" ", trainee).strip()
    if not name:
        raise ValidationError("trainee", "enter the trainee's name")
    if len(name) > MAX_NAME:
        raise ValidationError("trainee", f"the name is {len(name)} characters; shorten it to {MAX_NAME}")
    return name


class ResultsLog:
    """A results log at ``path`` (JSON lines): ``record`` answers, read them back as tables."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)

    def record(self, trainee: str, exercise: str, result: Any, *, exercise_id: str = "", seed: Any = None,
               lang: str = "", started: dt.datetime | None = None, class_code: str = "",
               event: str = "answer") -> dict:  # fmt: skip
        """Append one submission: a result with ``to_record()`` (or a session such as RewriteSession), or a
        dict of the same fields (an answer that could not be graded: ``{"invalid": reason, "answer": …}``).

        ``started``: when the trainee got the exercise (the entry keeps the seconds since); ``event``: "answer",
        or "reveal" when the trainee asked for the answer key."""
        if exercise not in EXERCISES:
            raise ValidationError("exercise", f"expected one of {', '.join(EXERCISES)}, got {exercise!r:.20}")
        now = dt.datetime.now(dt.timezone.utc)
        entry = {
            "time": now.isoformat(timespec="seconds"),
            "trainee": _clean_name(trainee),
            "class": class_code,
            "exercise": exercise,
            "exercise_id": exercise_id or getattr(result, "exercise_id", ""),
            "lang": lang or getattr(result, "lang", ""),
            "seed": seed,
            "event": event,
            "seconds": round((now - started).total_seconds()) if started is not None else None,
        }
        entry.update(result if isinstance(result, dict) else result.to_record())
        line = json.dumps(entry, ensure_ascii=False, default=str) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as f:
                f.write(line)  # one write per answer: lines from several kernels do not interleave
        except OSError as err:
            raise ResultsLogError(
                f"{self.path}: cannot write the results log ({err.strerror}); check the folder"
            ) from err
        return entry

    def entries(self) -> list[dict]:
        """All recorded answers, oldest first (an empty list when nothing is recorded yet)."""
        if not self.path.exists():
            return []
        try:
            lines = self.path.read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError) as err:
            raise ResultsLogError(f"{self.path}: cannot read the results log ({err})") from err
        out = []
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                if n == len(lines):  # a last line cut off by a crash mid-write: skip it
                    continue
                raise ResultsLogError(f"{self.path}, line {n}: not a JSON object; remove or fix the line").coded(
                    "results.not_json", path=self.path, line=n
                ) from None
            if not isinstance(entry, dict) or "trainee" not in entry or "exercise" not in entry:
                raise ResultsLogError(f"{self.path}, line {n}: not a results entry; remove or fix the line").coded(
                    "results.not_entry", path=self.path, line=n
                )
            out.append(entry)
        return out

    def answers(self, lang: str = "sv"):
        """One row per submission (pandas.DataFrame, canonical column keys; values in ``lang``): every
        attempt with the trainee's own text, reveals and answers that could not be graded."""
        import pandas as pd

        columns = ["time", "trainee", "exercise", "attempt", "score", "passed", "revealed", "answer", "missed",
                   "false_alarms", "invalid", "minutes"]  # fmt: skip
        rows, counts = [], {}
        for e in self.entries():
            key = (e["trainee"], e["exercise"], e.get("exercise_id", ""))
            graded = _graded(e)
            if graded:
                counts[key] = counts.get(key, 0) + 1
            rows.append(
                {
                    "time": e.get("time"),
                    "trainee": e["trainee"],
                    "exercise": e["exercise"],
                    "attempt": counts.get(key) if graded else None,
                    "score": e.get("score") if graded else None,
                    "passed": bool(e.get("passed")) if graded else None,
                    "revealed": bool(e.get("revealed")),
                    "answer": _answer_text(e, lang),
                    "missed": e.get("missed") or [],
                    "false_alarms": e.get("false_alarms") or [],
                    "invalid": e.get("invalid") or "",
                    "minutes": _minutes(e.get("seconds")),
                }
            )
        return pd.DataFrame(rows, columns=columns)

    def progress(self, roster: list[str] | None = None):
        """One row per trainee and exercise (pandas.DataFrame): attempts, first-attempt score, best score,
        revealed, passed first time, minutes taken and a status (``STATUSES``); trainees of ``roster`` who
        have not submitted get a "not_started" row for every exercise in the log."""
        import pandas as pd

        columns = ["trainee", "exercise", "attempts", "first_score", "best_score", "revealed", "passed_first",
                   "minutes", "status"]  # fmt: skip
        groups: dict[tuple, list[dict]] = {}
        for e in self.entries():
            # "anna ek" and "Anna  Ek" are one trainee (shown as first written, or as on the roster)
            groups.setdefault((_fold(e["trainee"]), e["exercise"]), []).append(e)
        names = {_fold(n): n for n in roster or []}
        rows = [_progress_row(names.get(key, es[0]["trainee"]), exercise, es) for (key, exercise), es in groups.items()]
        exercises = [x for x in EXERCISES if any(k[1] == x for k in groups)]
        seen = set(groups)
        for name in roster or []:
            for exercise in exercises:
                if (_fold(name), exercise) not in seen:
                    rows.append({"trainee": name, "exercise": exercise, "attempts": 0, "first_score": None,
                                 "best_score": None, "revealed": False, "passed_first": False, "minutes": None,
                                 "status": "not_started"})  # fmt: skip
        rows.sort(key=lambda r: (EXERCISES.index(r["exercise"]), _fold(r["trainee"])))
        return pd.DataFrame(rows, columns=columns)

    def by_trainee(self, roster: list[str] | None = None):
        """The same as ``progress`` (kept for callers of the first trainer view)."""
        return self.progress(roster)

    def summary(self, roster: list[str] | None = None):
        """One row per exercise (pandas.DataFrame): how many trainees passed first time, passed later,
        revealed the answer key, are stuck, are working, have not submitted; mean first-attempt score and
        median minutes."""
        import pandas as pd

        df = self.progress(roster)
        columns = ["exercise", "trainees", *STATUSES, "mean_first_score", "median_minutes"]
        rows = []
        for exercise in [x for x in EXERCISES if x in set(df["exercise"])]:
            part = df[df["exercise"] == exercise]
            row = {"exercise": exercise, "trainees": int((part["status"] != "not_started").sum())}
            row.update({s: int((part["status"] == s).sum()) for s in STATUSES})
            first = pd.to_numeric(part["first_score"], errors="coerce").dropna()
            minutes = pd.to_numeric(part["minutes"], errors="coerce").dropna()
            row["mean_first_score"] = round(float(first.mean()), 2) if len(first) else None
            row["median_minutes"] = round(float(minutes.median()), 1) if len(minutes) else None
            rows.append(row)
        return pd.DataFrame(rows, columns=columns)

    def stuck(self, lang: str = "sv") -> list[str]:
        """One line per trainee who is stuck: name, exercise and attempts so far."""
        df = self.progress()
        return [
            ngettext(lang, "results.stuck_line.one", "results.stuck_line", int(r.attempts), trainee=r.trainee,
                     exercise=EXERCISE_NAMES[r.exercise][lang])
            for r in df.itertuples()
            if r.status == "stuck"
        ]  # fmt: skip

    def most_missed(self, lang: str = "sv"):
        """Rules (and formulas) ranked by how often they were missed (pandas.DataFrame)."""
        import pandas as pd

        missed: dict[str, int] = {}
        false: dict[str, int] = {}
        who: dict[str, set] = {}
        for e in self.entries():
            for rule in e.get("missed") or []:
                missed[rule] = missed.get(rule, 0) + 1
                who.setdefault(rule, set()).add(e["trainee"])
            for rule in e.get("false_alarms") or []:
                false[rule] = false.get(rule, 0) + 1
        rules = sorted(set(missed) | set(false), key=lambda r: (-missed.get(r, 0), -false.get(r, 0), r))
        rows = [
            {
                "rule": r,
                "times_missed": missed.get(r, 0),
                "times_false_alarm": false.get(r, 0),
                "who": ", ".join(sorted(who.get(r, ()))),
            }
            for r in rules
        ]
        return pd.DataFrame(rows, columns=["rule", "times_missed", "times_false_alarm", "who"])

    def to_excel(self, path: str | os.PathLike, lang: str = "sv", roster: list[str] | None = None) -> Path:
        """Write the summary, per-trainee progress, every answer and the most missed rules to an .xlsx."""
        return export_excel(self, path, lang, roster)


_LISTY = {"answer", "missed", "false_alarms", "invalid", "who"}


def _fold(name: str) -> str:
    return " ".join(str(name).split()).casefold()


def _graded(e: dict) -> bool:
    """An answer that was graded (not a reveal, not an answer that could not be read)."""
    return e.get("event", "answer") == "answer" and not e.get("invalid") and e.get("score") is not None


def _minutes(seconds: Any) -> float | None:
    return None if seconds is None else round(float(seconds) / 60, 1)


def _progress_row(trainee: str, exercise: str, entries: list[dict]) -> dict:
    graded = [e for e in entries if _graded(e)]
    first = graded[0] if graded else None
    passing = [e for e in graded if e.get("passed")]
    revealed = any(e.get("revealed") for e in entries)
    passed_first = bool(first and first.get("passed") and not first.get("revealed"))
    done = passing[0] if passing else entries[-1]
    if passed_first:
        status = "passed_first"
    elif revealed:
        status = "revealed"
    elif passing:
        status = "passed"
    elif len(graded) >= STUCK_AFTER:
        status = "stuck"
    else:
        status = "working"
    return {
        "trainee": trainee,
        "exercise": exercise,
        "attempts": len(graded),
        "first_score": first.get("score") if first else None,
        "best_score": max(e["score"] for e in graded) if graded else None,
        "revealed": revealed,
        "passed_first": passed_first,
        "minutes": _minutes(done.get("seconds")),
        "status": status,
    }


def _answer_text(e: dict, lang: str) -> str:
    """What the trainee answered, as a person reads it: the rewrite's text, the ticked flaws by label, the
    typed grades."""
    if e.get("text"):
        return str(e["text"])
    answer = e.get("answer")
    if isinstance(answer, dict):
        from .texts import number

        def shown(v) -> str:  # a graded answer is a number; one that could not be graded is the text typed
            return number(v, lang) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v or "")

        return "; ".join(f"{k} = {shown(v)}" for k, v in answer.items() if v not in (None, ""))
    if isinstance(answer, list):
        return ", ".join(_label(str(a), lang) for a in answer)
    return "" if answer is None else str(answer)


def localise(df, lang: str = "sv"):
    """A trainer-view table as a person reads it in ``lang``: headers, exercise names, statuses, rule labels,
    yes/no; no raw ids and no NaN (empty cells instead)."""
    bank.check_lang(lang)
    yes, no = _YES[lang]
    out = df.copy().astype(object)
    for column in out.columns:
        values = []
        for value in out[column]:
            value = _plain(value)
            if column == "exercise" and value in EXERCISE_NAMES:
                value = EXERCISE_NAMES[value][lang]
            elif column == "status" and value in STATUS_NAMES:
                value = STATUS_NAMES[value][lang]
            elif column == "rule":
                value = _label(str(value), lang)
            elif column in ("missed", "false_alarms") and isinstance(value, list):
                value = ", ".join(_label(str(v), lang) for v in value)
            elif isinstance(value, bool):
                value = yes if value else no
            elif isinstance(value, float) and column not in ("minutes", "median_minutes"):
                value = value  # scores stay numbers (Excel formats them)
            values.append("" if value is None else value)
        out[column] = values
    return out.rename(columns={c: _HEAD.get(c, {}).get(lang, c) for c in out.columns})


def table_html(df, lang: str = "sv") -> str:
    """A trainer-view table as escaped HTML in ``lang`` (no index, empty cells for missing values)."""
    shown = localise(df, lang)
    if shown.empty:
        return "<p>" + gettext(lang, "results.empty") + "</p>"
    return shown.to_html(index=False, escape=True, na_rep="", border=0, classes="okr-training-table")


def _label(rule: str, lang: str) -> str:
    if rule.startswith("formula:"):
        from .texts import KIND

        kind = rule.split(":", 1)[1]
        if kind in KIND:
            return gettext(lang, "results.formula.kr", kind=KIND[kind].get(lang, KIND[kind]["en"]))
        return gettext(lang, "results.formula.objective")
    return flaw_label(rule, lang)


def _put(ws, row: int, column: int, value: Any) -> None:
    """Write one cell; text is always stored as text (never a formula), control characters removed."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
        cell.value = value
        return
    text = _CONTROL.sub(" ", str(value))
    cell.value = text
    cell.data_type = "s"
    if text.startswith(RISKY_START):
        cell.quotePrefix = True  # Excel shows it as typed and keeps it text when edited


def export_excel(log: ResultsLog, path: str | os.PathLike, lang: str = "sv", roster: list[str] | None = None) -> Path:
    """Export the trainer view to ``path`` (.xlsx), all in ``lang``: Summary, Trainees (progress), All answers,
    Most missed."""
    try:
        from openpyxl import Workbook
    except ImportError as err:  # pragma: no cover - openpyxl is a dependency
        from ..errors import MissingDependencyError

        raise MissingDependencyError("openpyxl is needed for Excel export: pip install openpyxl") from err
    bank.check_lang(lang)
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValidationError("path", f"{path.name}: the trainer export is an .xlsx file; use a name ending in .xlsx")
    wb = Workbook()
    tables = [
        ("summary", log.summary(roster)),
        ("progress", log.progress(roster)),
        ("answers", log.answers(lang)),
        ("missed", log.most_missed(lang)),
    ]
    for n, (key, df) in enumerate(tables):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = _SHEETS[key][lang]
        wide = {_HEAD[c][lang] for c in _LISTY | {"rule"} if c in _HEAD}
        shown = localise(df, lang)
        for c, name in enumerate(shown.columns, 1):
            _put(ws, 1, c, name)
            ws.column_dimensions[ws.cell(1, c).column_letter].width = 48 if name in wide else 18
        for r, values in enumerate(shown.itertuples(index=False), 2):
            for c, value in enumerate(values, 1):
                _put(ws, r, c, None if value == "" else value)
        ws.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    from ..storage.outputs import atomic_path

    try:
        with atomic_path(path) as tmp:  # the normal file mode: the trainer shares the export (it was 0600)
            wb.save(tmp)
    except OSError as err:
        raise ResultsLogError(f"{path}: cannot write the workbook ({err.strerror}); is it open in Excel?") from err
    return path


def _plain(value: Any) -> Any:
    """numpy scalars and NaN to plain Python values openpyxl writes as they are."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value
