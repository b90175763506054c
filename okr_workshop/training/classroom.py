"""A class: a class code, a roster and one results log; the code hands every trainee the same exercises.

A class lives in a folder ``CLASSES/CODE/``: ``class.json`` (code, language, roster, the one-graded-attempt
setting) and ``results.jsonl`` (the results log every trainee's notebook appends to). Between two classes the
trainer archives the log (``archive/results-<time>.jsonl``) or starts a new class with a new code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import NotFoundError, OkrWorkshopError, ValidationError
from ..i18n.catalog import gettext
from ..storage.outputs import write_text
from . import bank
from .results import ResultsLog, ResultsLogError, export_excel

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: a code read aloud or from a whiteboard
CODE_LENGTH = 6


def normalise_code(code: str) -> str:
    """A class code as stored: upper case, no spaces or dashes; a clear error when it cannot be one."""
    if not isinstance(code, str):
        raise ValidationError("class_code", f"expected a class code such as 'K7QX2M', got {type(code).__name__}")
    text = "".join(ch for ch in code.upper() if ch not in " -\t")
    if not 4 <= len(text) <= 12 or not (text.isascii() and text.isalnum()):
        raise ValidationError(
            "class_code", f"{code!r:.20} is not a class code; it looks like K7QX2M (ask your trainer)"
        )
    return text


def seed_of(code: str) -> int:
    """The exercise seed a class code stands for: every trainee with the code gets the same exercises."""
    return int(hashlib.sha256(normalise_code(code).encode()).hexdigest()[:8], 16) % 100_000


@dataclass
class Classroom:
    """One class: ``code`` (what trainees type), ``lang`` of the exercises and the trainer view, ``roster`` the
    names expected, ``one_attempt`` only the first answer per exercise is graded, ``folder`` where it lives."""

    code: str
    lang: str
    folder: Path
    roster: list[str] = field(default_factory=list)
    one_attempt: bool = False
    created: str = ""

    @property
    def seed(self) -> int:
        return seed_of(self.code)

    @property
    def log_path(self) -> Path:
        return self.folder / "results.jsonl"

    @property
    def log(self) -> ResultsLog:
        return ResultsLog(self.log_path)

    @classmethod
    def create(cls, classes_dir: str | os.PathLike, lang: str = "sv", roster: list[str] | str | None = None, *,
               code: str | None = None, one_attempt: bool = False) -> Classroom:  # fmt: skip
        """A new class in ``classes_dir`` with a fresh code (or ``code``); refuses a code already in use."""
        bank.check_lang(lang)
        if isinstance(roster, str):
            roster = [line for line in roster.replace(",", "\n").splitlines()]
        names = [" ".join(str(n).split()) for n in roster or []]
        names = [n for n in names if n]
        code = normalise_code(code) if code else "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        folder = Path(classes_dir) / code
        if (folder / "class.json").exists():
            raise ValidationError("class_code", f"{code}: a class with this code exists in {classes_dir}; pick another")
        room = cls(code, lang, folder, names, bool(one_attempt),
                   dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))  # fmt: skip
        room.save()
        return room

    @classmethod
    def open(cls, code: str, classes_dir: str | os.PathLike) -> Classroom:
        """The class with ``code`` in ``classes_dir``; a clear error when there is none."""
        code = normalise_code(code)
        path = Path(classes_dir) / code / "class.json"
        if not path.is_file():
            raise NotFoundError(f"no class {code} in {classes_dir}; check the code with your trainer")
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise ResultsLogError(f"{path}: cannot read the class ({err}); create the class again") from err
        return cls(doc["code"], doc["lang"], path.parent, list(doc.get("roster", [])), bool(doc.get("one_attempt")),
                   doc.get("created", ""))  # fmt: skip

    def save(self) -> Path:
        """Write ``class.json`` (under a temporary name, then renamed)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        doc = {"code": self.code, "lang": self.lang, "roster": self.roster, "one_attempt": self.one_attempt,
               "created": self.created, "seed": self.seed}  # fmt: skip
        return write_text(self.folder / "class.json", json.dumps(doc, ensure_ascii=False, indent=1))

    def archive(self) -> Path | None:
        """Move the results log to ``archive/`` (the class starts again with an empty log); None when empty."""
        if not self.log_path.exists():
            return None
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
        dest = self.folder / "archive" / f"results-{stamp}.jsonl"
        dest.parent.mkdir(exist_ok=True)
        try:
            os.replace(self.log_path, dest)
        except OSError as err:
            raise OkrWorkshopError(f"{self.log_path}: cannot archive the results ({err.strerror})") from err
        return dest

    def progress(self):
        """Per trainee and exercise, the roster's missing trainees included (see ResultsLog.progress)."""
        return self.log.progress(self.roster)

    def summary(self):
        """Per exercise (see ResultsLog.summary)."""
        return self.log.summary(self.roster)

    def not_submitted(self, exercise: str) -> list[str]:
        """Roster names without any answer to ``exercise`` ("spot", "rewrite", "quarter", "facilitate")."""
        names = {" ".join(e["trainee"].split()).casefold() for e in self.log.entries() if e["exercise"] == exercise}
        return [n for n in self.roster if n.casefold() not in names]

    def to_excel(self, path: str | os.PathLike) -> Path:
        """The trainer view as a workbook in the class's language."""
        return export_excel(self.log, path, self.lang, self.roster)


def join(class_code: str, classes_dir: str | os.PathLike, lang: str, seed: int, results_path):
    """What a trainee's notebook runs with: (classroom or None, lang, seed, results log path). With a class
    code the class decides the language, the seed and the log; without one the notebook's own values stand."""
    if class_code:
        room = Classroom.open(class_code, classes_dir)
        return room, room.lang, room.seed, room.log_path
    return None, bank.check_lang(lang), seed, results_path or None


def for_trainer(class_code: str, classes_dir: str | os.PathLike, *, new: bool = False, lang: str = "sv",
                roster: list[str] | str | None = None, one_attempt: bool = False) -> Classroom | None:  # fmt: skip
    """The trainer's class: a new one when ``new`` (``class_code`` empty: a fresh code; a code already created
    opens that class, so running the notebook again does not fail), else the one with ``class_code``; None
    without a code (the trainer view then reads a results log of its own)."""
    if new:
        if class_code and (Path(classes_dir) / normalise_code(class_code) / "class.json").is_file():
            return Classroom.open(class_code, classes_dir)
        return Classroom.create(classes_dir, lang, roster, code=class_code or None, one_attempt=one_attempt)
    return Classroom.open(class_code, classes_dir) if class_code else None


def announce(room: Classroom) -> str:
    """The line the trainer reads out or writes on the whiteboard."""
    lang = "sv" if room.lang == "sv" else "en"
    rule = gettext(lang, "training.classroom.one_attempt") if room.one_attempt else ""
    return gettext(lang, "training.classroom.announce", code=room.code, n=len(room.roster), rule=rule)
