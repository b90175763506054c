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
import tempfile
from pathlib import Path
from typing import Any

from ..errors import OkrWorkshopError, ValidationError
from . import bank
from .texts import flaw_label

EXERCISES = ("spot", "rewrite", "quarter", "facilitate")
RISKY_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_NAME = 200

_HEAD = {
    "time": {"sv": "Tid (UTC)", "en": "Time (UTC)"},
    "trainee": {"sv": "Deltagare", "en": "Trainee"},
    "exercise": {"sv": "Övning", "en": "Exercise"},
    "exercise_id": {"sv": "Övnings-id", "en": "Exercise id"},
    "lang": {"sv": "Språk", "en": "Language"},
    "seed": {"sv": "Frö", "en": "Seed"},
    "score": {"sv": "Poäng", "en": "Score"},
    "passed": {"sv": "Godkänd", "en": "Passed"},
    "answer": {"sv": "Svar", "en": "Answer"},
    "expected": {"sv": "Förväntat", "en": "Expected"},
    "missed": {"sv": "Missat", "en": "Missed"},
    "false_alarms": {"sv": "Falska larm", "en": "False alarms"},
    "answers": {"sv": "Antal svar", "en": "Answers"},
    "mean_score": {"sv": "Medelpoäng", "en": "Mean score"},
    "rule": {"sv": "Regel", "en": "Rule"},
    "label": {"sv": "Beskrivning", "en": "Description"},
    "times_missed": {"sv": "Gånger missad", "en": "Times missed"},
    "times_false_alarm": {"sv": "Gånger falskt larm", "en": "Times false alarm"},
    "trainees": {"sv": "Deltagare som missat", "en": "Trainees who missed it"},
}
_SHEETS = {
    "answers": {"sv": "Svar", "en": "Answers"},
    "trainees": {"sv": "Deltagare", "en": "Trainees"},
    "missed": {"sv": "Mest missade", "en": "Most missed"},
}


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
               lang: str = "") -> dict:  # fmt: skip
        """Append one graded answer (a result with ``to_record()``, or a session such as RewriteSession)."""
        if exercise not in EXERCISES:
            raise ValidationError("exercise", f"expected one of {', '.join(EXERCISES)}, got {exercise!r:.20}")
        entry = {
            "time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "trainee": _clean_name(trainee),
            "exercise": exercise,
            "exercise_id": exercise_id or getattr(result, "exercise_id", ""),
            "lang": lang or getattr(result, "lang", ""),
            "seed": seed,
        }
        entry.update(result.to_record())
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
                raise ResultsLogError(f"{self.path}, line {n}: not a JSON object; remove or fix the line") from None
            if not isinstance(entry, dict) or "trainee" not in entry or "exercise" not in entry:
                raise ResultsLogError(f"{self.path}, line {n}: not a results entry; remove or fix the line")
            out.append(entry)
        return out

    def answers(self, lang: str = "sv"):
        """One row per answer (pandas.DataFrame) with canonical column keys."""
        import pandas as pd

        columns = list(_HEAD)[:12]
        rows = [{c: _cell_text(e.get(c)) if c in _LISTY else e.get(c) for c in columns} for e in self.entries()]
        return pd.DataFrame(rows, columns=columns)

    def by_trainee(self):
        """One row per trainee and exercise: answers, mean score, passed (pandas.DataFrame)."""
        import pandas as pd

        df = self.answers()
        columns = ["trainee", "exercise", "answers", "mean_score", "passed"]
        if df.empty:
            return pd.DataFrame(columns=columns)
        df = df.assign(passed=df["passed"].astype(bool), score=pd.to_numeric(df["score"]))
        out = df.groupby(["trainee", "exercise"], sort=True).agg(
            answers=("score", "size"), mean_score=("score", "mean"), passed=("passed", "sum")
        )
        out = out.reset_index()
        out["mean_score"] = out["mean_score"].round(2)
        out["passed"] = out["passed"].astype(int)
        return out[columns]

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
                "label": _label(r, lang),
                "times_missed": missed.get(r, 0),
                "times_false_alarm": false.get(r, 0),
                "trainees": ", ".join(sorted(who.get(r, ()))),
            }
            for r in rules
        ]
        return pd.DataFrame(rows, columns=["rule", "label", "times_missed", "times_false_alarm", "trainees"])

    def to_excel(self, path: str | os.PathLike, lang: str = "sv") -> Path:
        """Write answers, per-trainee summary and most missed rules to an .xlsx (replaced atomically)."""
        return export_excel(self, path, lang)


_LISTY = {"answer", "expected", "missed", "false_alarms"}


def _cell_text(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={'' if v is None else v}" for k, v in value.items())
    return value


def _label(rule: str, lang: str) -> str:
    if rule.startswith("formula:"):
        from .texts import KIND

        kind = rule.split(":", 1)[1]
        name = KIND.get(kind, {}).get(lang, {"sv": "målets medelvärde", "en": "objective mean"}[lang])
        return {"sv": "Formel: ", "en": "Formula: "}[lang] + name
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


def export_excel(log: ResultsLog, path: str | os.PathLike, lang: str = "sv") -> Path:
    """Export the trainer view to ``path`` (.xlsx): sheets Answers, Trainees, Most missed (sv/en headers)."""
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
        ("answers", log.answers(lang)),
        ("trainees", log.by_trainee()),
        ("missed", log.most_missed(lang)),
    ]
    first = True
    for key, df in tables:
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = _SHEETS[key][lang]
        for c, name in enumerate(df.columns, 1):
            _put(ws, 1, c, _HEAD.get(name, {}).get(lang, name))
            ws.column_dimensions[ws.cell(1, c).column_letter].width = 40 if name in _LISTY | {"label"} else 16
        for r, values in enumerate(df.itertuples(index=False), 2):
            for c, value in enumerate(values, 1):
                _put(ws, r, c, _plain(value))
        ws.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise ResultsLogError(f"{path}: cannot write the workbook ({err.strerror}); is it open in Excel?") from err
    return path


def _plain(value: Any) -> Any:
    """numpy scalars and NaN to plain Python values openpyxl writes as they are."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value
