"""Cells, styles and sheet layout for ``excel_write``: safe text, fast styled cells, widths, dropdowns.

Participant text is written as text: a cell that a spreadsheet program would
take for a formula (``RISKY_START``) gets Excel's quote prefix, and characters
XML cannot carry are dropped or escaped (``_clean``). The big sheets go through
openpyxl's write-only mode with one reused cell per column whose style index is
computed once (``_FastCell``), so a styled cell costs no more than a plain one.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from ..model.entities import EARLIEST, LATEST
from . import labels as L

# Text starting with one of these is a formula to a spreadsheet program (OWASP
# "CSV/formula injection"); such cells are written as text with a quote prefix.
RISKY_START = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 cannot carry; dropped (they are invisible control codes).
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
LAST_ROW = 1_048_576

HEADER_FILL = "1F4E79"
ID_GREY = "8C8C8C"


_ESCAPE = re.compile(r"(?=_x[0-9A-Fa-f]{4}_)")


def _clean(text: str) -> str:
    """Text ready for the XML of a cell: control codes dropped, CR kept as Excel's ``_x000D_`` escape.

    XML parsers turn a raw CR into LF, so a CR is written the way Excel writes
    it (ST_Xstring escaping); a literal ``_xHHHH_`` gets Excel's ``_x005F`` prefix.
    """
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
    if "_x" in text:
        text = _ESCAPE.sub("_x005F", text)
    if "\r" in text:
        text = text.replace("\r", "_x000D_")
    return text


def _num(x: float | None) -> float | int | None:
    """Whole floats as ints, so cells show 200 rather than 200.0."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() and abs(x) < 1e15 else x


# --------------------------------------------------------------------------- fast cells


def _fast_cell_class():
    from openpyxl.cell.cell import Cell

    class _FastCell(Cell):
        """A write-only cell reused for every row of one column; its style index is fixed up front."""

        __slots__ = ("_sid", "_base", "_quoted")
        has_style = True

        @property
        def style_id(self) -> int:
            return self._sid

    return _FastCell


class _Styles:
    """Shared style indices of the workbook, one per cell role."""

    def __init__(self, wb):
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.wb = wb
        self._cell_cls = _fast_cell_class()
        top = Alignment(vertical="top")
        wrap = Alignment(vertical="top", wrap_text=True)
        thin = Side(style="thin", color="BFBFBF")
        grey = Font(color=ID_GREY, size=8)
        self.roles: dict[str, dict[str, Any]] = {
            "header": {"font": Font(bold=True, color="FFFFFF"), "fill": PatternFill("solid", fgColor=HEADER_FILL),
                       "alignment": Alignment(vertical="center", wrap_text=True), "number_format": "@"},
            "text": {"alignment": top, "number_format": "@"},
            "long": {"alignment": wrap, "number_format": "@"},
            "number": {"alignment": top, "number_format": "General"},
            "int": {"alignment": top, "number_format": "0"},
            "date": {"alignment": top, "number_format": "yyyy-mm-dd"},
            "id": {"alignment": top, "number_format": "@", "font": grey},
            "output": {"alignment": wrap, "number_format": "@", "fill": PatternFill("solid", fgColor="F2F2F2")},
            "output_number": {"alignment": top, "number_format": "General",
                              "fill": PatternFill("solid", fgColor="F2F2F2")},
            "percent": {"alignment": top, "number_format": "0%", "fill": PatternFill("solid", fgColor="F2F2F2")},
            "grade": {"alignment": top, "number_format": "0.00", "fill": PatternFill("solid", fgColor="F2F2F2")},
            "title": {"font": Font(bold=True, size=16, color=HEADER_FILL)},
            "label": {"font": Font(bold=True), "alignment": top, "border": Border(bottom=thin)},
            "hint": {"font": Font(italic=True, color="595959")},
        }  # fmt: skip
        self._ids: dict[tuple[str, bool], int] = {}
        self._ws = None  # any worksheet of the workbook: openpyxl resolves styles through it

    def sid(self, role: str, quoted: bool = False) -> int:
        key = (role, quoted)
        if key not in self._ids:
            from openpyxl.cell.cell import Cell

            proto = Cell(self._ws, row=1, column=1)
            for attr, value in self.roles[role].items():
                setattr(proto, attr, value)
            if quoted:
                proto.quotePrefix = True
            self._ids[key] = self.wb._cell_styles.add(proto._style)
        return self._ids[key]

    def cell(self, ws, column: int, role: str):
        self._ws = ws
        c = self._cell_cls(ws, column=column, row=1)
        c._base, c._quoted = self.sid(role), self.sid(role, quoted=True)
        c._sid = c._base
        return c


class _Sheet:
    """A write-only worksheet whose rows are lists of plain values, styled by column."""

    def __init__(self, wb, styles: _Styles, title: str, roles: list[str], kinds: list[str]):
        self.ws = wb.create_sheet(title)
        self.styles = styles
        self.cells = [styles.cell(self.ws, i + 1, role) for i, role in enumerate(roles)]
        self.kinds = kinds  # per column: "s" text, "n" number, "d" date, "f" formula
        self._wrapped: list[tuple[int, float]] = []
        self._row = 1
        self.ws._values_to_row = self._to_row  # openpyxl calls this for every appended row

    def _to_row(self, values, row_idx):
        for cell, kind, value in zip(self.cells, self.kinds, values):
            cell.row = row_idx
            cell._sid = cell._base
            if value is None or value == "":
                cell._value, cell.data_type = None, "n"
            elif kind == "s":
                value = value if isinstance(value, str) else str(value)
                if value.startswith(RISKY_START):
                    cell._sid = cell._quoted
                value = _clean(value)
                cell._value, cell.data_type = value, "s"
            else:
                cell._value, cell.data_type = value, kind
            yield cell

    def wrap(self, columns: tuple[L.Column, ...], first_row: int = 1) -> None:
        """Estimate row heights from the wrapped columns (spreadsheet programs do not re-measure on open)."""
        self._wrapped = [
            (i, col.width * 1.15)
            for i, col in enumerate(columns)
            if col.kind in ("long", "output", "choice:objectives")
        ]
        self._row = first_row

    def append(self, values: list) -> None:
        self._row += 1
        lines = 1
        for i, width in self._wrapped:
            text = values[i]
            if text and isinstance(text, str) and (len(text) > width or "\n" in text):
                n = sum(int(len(part) / width) + 1 for part in text.split("\n"))
                lines = n if n > lines else lines
        if lines > 1:
            # a plain dict is what openpyxl's row writer reads; a RowDimension per row would cost more
            dict.__setitem__(self.ws.row_dimensions, self._row, {"ht": str(15 * min(lines, 10)), "customHeight": "1"})
        self.ws.append(values)

    def header(self, labels: list[str]) -> None:
        """The header row: styled, text, never formulas."""
        saved = [(c._base, c._quoted) for c in self.cells]
        head = self.styles.sid("header")
        for c in self.cells:
            c._base = c._quoted = head
        kinds, self.kinds = self.kinds, ["s"] * len(self.cells)
        self.ws.append(labels)
        self.kinds = kinds
        for c, (base, quoted) in zip(self.cells, saved):
            c._base, c._quoted = base, quoted


# --------------------------------------------------------------------------- layout helpers


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _layout(ws, columns: tuple[L.Column, ...], first_row: int = 1, freeze: bool = True) -> None:
    """Widths, frozen header and print settings: before any row, since write-only sheets write them first."""
    for i, col in enumerate(columns, 1):
        ws.column_dimensions[_letter(i)].width = col.width
    if freeze:
        ws.freeze_panes = f"A{first_row + 1}"
    ws.row_dimensions[first_row].height = 32
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.print_title_rows = f"{first_row}:{first_row}"  # the header row on every printed page
    from openpyxl.worksheet.page import PageMargins

    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6, header=0.2, footer=0.25)  # inches
    ws.oddFooter.center.text = "&A – &P / &N"  # sheet name, page of pages


def _table(ws, columns: tuple[L.Column, ...], lang: str, n_rows: int, name: str, first_row: int = 1) -> None:
    """An Excel table over the header and data rows (at least one data row, as Excel requires)."""
    from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

    ref = f"A{first_row}:{_letter(len(columns))}{first_row + max(n_rows, 1)}"
    table = Table(displayName=name, ref=ref)
    table._initialise_columns()
    table.tableColumns = [TableColumn(id=i, name=col.label(lang)) for i, col in enumerate(columns, 1)]
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    with warnings.catch_warnings():  # "add table columns manually": done above
        warnings.simplefilter("ignore", UserWarning)
        ws.add_table(table)


def _validations(ws, columns: tuple[L.Column, ...], lang: str, lists: dict[str, str], first_row: int = 1):
    """Dropdowns, number/date/confidence checks and input messages for every input column."""
    from openpyxl.utils.datetime import to_excel
    from openpyxl.worksheet.datavalidation import DataValidation

    msg = {k: v[lang] for k, v in L.MESSAGES.items()}
    for i, col in enumerate(columns, 1):
        kind = col.kind
        if kind.startswith("choice:"):
            source = kind.split(":", 1)[1]
            strict = source in L.CHOICES
            dv = DataValidation(type="list", formula1=lists[source], allow_blank=True,
                                errorStyle="stop" if strict else "warning",
                                error=msg["list_error"] if strict else msg["team_warning"])  # fmt: skip
        elif kind == "number":
            dv = DataValidation(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15",
                                allow_blank=True, error=msg["number_error"])  # fmt: skip
        elif kind == "date":
            low, high = int(to_excel(EARLIEST)), int(to_excel(LATEST))
            dv = DataValidation(type="date", operator="between", formula1=str(low), formula2=str(high),
                                allow_blank=True, error=msg["date_error"])  # fmt: skip
        elif kind == "confidence":
            dv = DataValidation(type="whole", operator="between", formula1="1", formula2="10", allow_blank=True,
                                error=msg["confidence_error"])  # fmt: skip
        elif col.help(lang):
            dv = DataValidation(allow_blank=True)
        else:
            continue
        dv.errorTitle = col.label(lang)[:32]
        if col.help(lang):
            dv.promptTitle, dv.prompt, dv.showInputMessage = col.label(lang)[:32], col.help(lang)[:255], True
        dv.showErrorMessage = kind != "text"
        dv.add(f"{_letter(i)}{first_row + 1}:{_letter(i)}{LAST_ROW}")
        ws.data_validations.append(dv)


def _grade_bands(ws, cell_range: str, top_left: str, profile_key: str) -> None:
    """Colour grades by the profile's bands (red/yellow/green, or the zones)."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Font, PatternFill

    from ..scoring.profiles import COLOURS, get_profile

    profile = get_profile(profile_key)
    for lower, band in reversed(profile.bands):
        colour = COLOURS.get(band, "#9e9e9e").lstrip("#").upper()
        rule = FormulaRule(
            formula=[f"AND(ISNUMBER({top_left}),{top_left}>={lower - 1e-9!r})"],
            fill=PatternFill(start_color=colour, end_color=colour, fill_type="solid"),
            font=Font(bold=True, color="FFFFFF"),
            stopIfTrue=True,
        )
        ws.conditional_formatting.add(cell_range, rule)
