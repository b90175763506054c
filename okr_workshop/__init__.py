"""okr-workshop: run OKR workshops and train OKR coaches, in Swedish and English.

The core is pure Python; pandas, openpyxl, matplotlib and nbconvert are imported
only by the functions that need them, so ``import okr_workshop`` stays fast.
"""

from __future__ import annotations

from . import samples
from .errors import OkrWorkshopError
from .model.entities import CheckIn, Indicator, KeyResult, Kind, Objective, ObjectiveType, Period, Team, Workshop
from .storage.store import load, open_store, save

__version__ = "0.1.0"

__all__ = [
    "CheckIn", "Indicator", "KeyResult", "Kind", "Objective", "ObjectiveType", "OkrWorkshopError", "Period",
    "Team", "Workshop", "check", "check_text", "load", "open_store", "read_excel", "samples", "save", "score",
    "write_excel",
]  # fmt: skip


def check(target, **options):
    """Quality findings for a workshop, team, objective or key result (list of Finding)."""
    from .quality import check as _check

    return _check(target, **options)


def check_text(text, kind="objective", lang="auto"):
    """Quality findings for one piece of free text (an objective or a key result).

    ``lang``: "sv" or "en", or "auto" (the default) to guess it from the text.
    """
    from .quality import check_text as _check_text

    return _check_text(text, kind=kind, lang=lang)


def score(ws, as_of=None, profile=None):
    """One row per key result: progress, grade, band, confidence, status (pandas.DataFrame)."""
    from .scoring.grades import score as _score

    return _score(ws, as_of=as_of, profile=profile)


def write_excel(ws, path):
    """Write the workshop as an Excel workbook people can fill in."""
    from .workbook.write import write_excel as _write

    return _write(ws, path)


def read_excel(path):
    """Read a workbook written by ``write_excel`` (possibly edited) back into a Workshop."""
    from .workbook.read import read_excel as _read

    return _read(path)
