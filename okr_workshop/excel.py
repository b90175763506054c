"""Excel workbook export and import: ``write_excel``, ``read_excel``, ``import_workbook``.

The work is split by direction: ``excel_write`` (export) with
``excel_styles`` (safe cell text, styles, layout, dropdowns), ``excel_read``
(file checks, parsing) with ``excel_validate`` (cells against their columns,
located problems), ``excel_import`` (into a workshop file) and
``excel_labels`` (sheet and header labels in sv/en, dropdown vocabularies).
"""

from __future__ import annotations

from .excel_import import Conflict, ImportConflictError, ImportSummary, import_workbook
from .excel_read import read_excel
from .excel_write import write_excel

import_excel = import_workbook  # the name beside read_excel / write_excel

__all__ = ["Conflict", "ImportConflictError", "ImportSummary", "import_excel", "import_workbook", "read_excel",
           "write_excel"]  # fmt: skip
