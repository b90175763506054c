"""Deprecated import path, kept for one release: everything here now lives in :mod:`okr_workshop.workbook`
(notebooks copied by ``okr-workshop init`` before this release import it)."""

from __future__ import annotations

from .workbook import import_excel  # noqa: F401
from .workbook.merge import Conflict, ImportConflictError, ImportSummary, import_workbook  # noqa: F401
from .workbook.read import read_excel  # noqa: F401
from .workbook.write import write_excel  # noqa: F401
