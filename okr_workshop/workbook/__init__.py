"""The Excel workbook: labels (sheets, columns, vocabularies), styles, write, read, validate, merge.

``write_excel``, ``read_excel``, ``import_workbook`` and ``ImportSummary`` are re-exported here."""

from __future__ import annotations

from .merge import Conflict, ImportConflictError, ImportSummary, import_workbook  # noqa: F401
from .read import read_excel  # noqa: F401
from .write import write_excel  # noqa: F401

__all__ = ["Conflict", "import_excel", "import_workbook", "ImportConflictError", "ImportSummary", "read_excel", "write_excel"]  # fmt: skip

# loaded on first use: they live in a package above this one
_MOVED = {
    "import_excel": "okr_workshop.workbook",
}


def __getattr__(name: str):
    if name in _MOVED:
        import importlib

        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
