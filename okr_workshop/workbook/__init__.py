"""The Excel workbook: labels (sheets, columns, vocabularies), styles, write, read, validate, merge, base.

``write_excel``, ``read_excel``, ``import_workbook`` (also ``import_excel``), ``ImportSummary``,
``Conflict`` and ``ImportConflictError`` are re-exported here."""

from __future__ import annotations

from .merge import Conflict, ImportConflictError, ImportSummary, import_workbook  # noqa: F401
from .read import read_excel  # noqa: F401
from .write import write_excel  # noqa: F401

import_excel = import_workbook  # the name beside read_excel / write_excel

__all__ = ["Conflict", "ImportConflictError", "ImportSummary", "import_excel", "import_workbook", "read_excel",
           "write_excel"]  # fmt: skip
