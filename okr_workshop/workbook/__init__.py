"""The Excel workbook: labels (sheets, columns, vocabularies), styles, write, read, validate, merge.

``write_excel``, ``read_excel``, ``import_workbook`` and ``ImportSummary`` are re-exported here."""

from __future__ import annotations

from .merge import ImportSummary, import_workbook  # noqa: F401
from .read import read_excel  # noqa: F401
from .write import write_excel  # noqa: F401

__all__ = ["import_workbook", "ImportSummary", "read_excel", "write_excel"]  # fmt: skip
