"""Coach training: exercises that grade themselves (spot the flaw, rewrite, score the quarter, facilitate).

A class (``Classroom``: a code, a roster, one results log) hands everyone the
same exercises; the trainer view (``ResultsLog.progress``/``summary``) shows
first attempts, reveals and who is stuck; ``write_handouts`` prints the
exercises and the answer key. Jupyter-free; the widgets live in
``okr_workshop.widgets.training`` and the notebooks in ``notebooks/training/``.
See docs/training.md for running a class.
"""

from __future__ import annotations

from .answers import parse_answers
from .bank import items, pool, sample_items, to_objective
from .breaks import CHOICES, FLAWS, Broken, ExerciseError, SpotExercise, apply_flaws, break_okr, make_spot_exercise
from .classroom import Classroom, announce, for_trainer, join, seed_of
from .facilitate import Board, coaching_points, grade_facilitate, make_board
from .handout import handouts, write_handouts
from .quarter import QuarterExercise, grade_quarter, make_quarter_exercise
from .results import ResultsLog, export_excel, localise, table_html
from .rewrite import RewriteSession
from .spot import grade_spot

__all__ = [
    "CHOICES", "FLAWS", "Board", "Broken", "Classroom", "ExerciseError", "QuarterExercise", "ResultsLog",
    "RewriteSession", "SpotExercise", "announce", "apply_flaws", "break_okr", "coaching_points", "export_excel",
    "for_trainer", "grade_facilitate", "grade_quarter", "grade_spot", "items", "join", "localise", "make_board",
    "make_quarter_exercise", "make_spot_exercise", "parse_answers", "pool", "sample_items", "seed_of",
    "table_html", "to_objective", "handouts", "write_handouts",
]  # fmt: skip
