"""Cells, formats and sheet layout for ``write``: safe text, styled rows, widths, dropdowns, print set-up.

The workbook is written with XlsxWriter (``strings_to_formulas`` and
``strings_to_urls`` off): participant text is always written with
``write_string``, so it is text whatever it starts with; text that a
spreadsheet program would take for a formula when retyped (``RISKY_START``)
also gets Excel's quote prefix. Characters XML cannot carry are dropped
(``_clean``); XlsxWriter escapes a carriage return and a literal ``_xHHHH_``
the way Excel does. Empty cells are not written: each column carries its
format, so what people type into a blank row gets the column's format too.
"""

from __future__ import annotations

import re
from typing import Any

from ..model.entities import EARLIEST, LATEST
from . import labels as L

# Text starting with one of these is a formula to a spreadsheet program (OWASP
# "CSV/formula injection"); such cells are written as text with a quote prefix.
RISKY_START = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 cannot carry; dropped (they are invisible control codes).
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
LAST_ROW = 1_048_576

HEADER_FILL = "#1F4E79"
ID_GREY = "#8C8C8C"
OUTPUT_FILL = "#F2F2F2"
# Column widths are given in characters, as openpyxl wrote them; XlsxWriter's pixel widths keep them exact.
_PIXELS_PER_CHAR = 7


def _clean(text: str) -> str:
    """Text ready for a cell: control codes XML cannot carry dropped (CR and ``_xHHHH_`` are escaped by XlsxWriter)."""
    if not text.isprintable() and _ILLEGAL.search(text):  # isprintable: the fast check that passes most text
        text = _ILLEGAL.sub("", text)
    return text


def _num(x: float | None) -> float | int | None:
    """Whole floats as ints, so cells show 200 rather than 200.0."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() and abs(x) < 1e15 else x


# --------------------------------------------------------------------------- formats

_TOP = {"valign": "top"}
_ROLES: dict[str, dict[str, Any]] = {
    "header": {"bold": True, "font_color": "#FFFFFF", "bg_color": HEADER_FILL, "valign": "vcenter",
               "text_wrap": True, "num_format": "@"},
    "text": {**_TOP, "num_format": "@"},
    "long": {**_TOP, "text_wrap": True, "num_format": "@"},
    "number": {**_TOP, "num_format": "General"},
    "int": {**_TOP, "num_format": "0"},
    "date": {**_TOP, "num_format": "yyyy-mm-dd"},
    "id": {**_TOP, "num_format": "@", "font_color": ID_GREY, "font_size": 8},
    "output": {**_TOP, "text_wrap": True, "num_format": "@", "bg_color": OUTPUT_FILL},
    "output_number": {**_TOP, "num_format": "General", "bg_color": OUTPUT_FILL},
    "percent": {**_TOP, "num_format": "0%", "bg_color": OUTPUT_FILL},
    "grade": {**_TOP, "num_format": "0.00", "bg_color": OUTPUT_FILL},
    "title": {"bold": True, "font_size": 16, "font_color": HEADER_FILL},
    "label": {**_TOP, "bold": True, "bottom": 1, "bottom_color": "#BFBFBF"},
    "hint": {"italic": True, "font_color": "#595959"},
}  # fmt: skip


class _Formats:
    """The workbook's cell formats, one per role (and a quote-prefixed twin), made once."""

    def __init__(self, wb):
        self.wb = wb
        self._made: dict[tuple[str, bool], Any] = {}

    def get(self, role: str, quoted: bool = False):
        key = (role, quoted)
        if key not in self._made:
            props = dict(_ROLES[role])
            if quoted:
                props["quote_prefix"] = True
            self._made[key] = self.wb.add_format(props)
        return self._made[key]

    def highlight(self, colour: str, **font: Any):
        """A format for a conditional-formatting rule (a fill, optionally a font)."""
        return self.wb.add_format({"bg_color": colour, "pattern": 1, **font})


class _Sheet:
    """A worksheet whose rows are lists of plain values, styled and typed by column.

    ``kinds`` per column: "s" text, "n" number, "d" date, "f" a (formula, cached value) pair.
    """

    def __init__(self, wb, formats: _Formats, title: str, roles: list[str], kinds: list[str]):
        self.ws = wb.add_worksheet(title)
        self.formats = formats
        self.plain = [formats.get(role) for role in roles]
        self.quoted = [formats.get(role, quoted=True) for role in roles]
        self.kinds = kinds
        self.blanks = False  # write empty cells with their format (where columns carry no format)
        self._wrapped: list[tuple[int, float]] = []
        self.row = -1  # 0-based index of the last row written

    def wrap(self, columns: tuple[L.Column, ...]) -> None:
        """Estimate row heights from the wrapped columns (spreadsheet programs do not re-measure on open)."""
        self._wrapped = [
            (i, col.width * 1.15)
            for i, col in enumerate(columns)
            if col.kind in ("long", "output", "choice:objectives")
        ]

    def append(self, values: list) -> None:
        self.row = r = self.row + 1
        if self._wrapped:
            lines = 1
            for i, width in self._wrapped:
                text = values[i]
                if text and isinstance(text, str) and (len(text) > width or "\n" in text):
                    n = sum(int(len(part) / width) + 1 for part in text.split("\n"))
                    lines = n if n > lines else lines
            if lines > 1:
                self.ws.set_row(r, 15 * min(lines, 10))
        ws = self.ws
        plain, quoted, blanks = self.plain, self.quoted, self.blanks
        write_string = ws.write_string
        for c, (kind, value) in enumerate(zip(self.kinds, values)):
            if value is None or value == "":
                if blanks:
                    ws.write_blank(r, c, None, plain[c])
            elif kind == "s":
                if not isinstance(value, str):
                    value = str(value)
                # _clean inlined: most text is printable, and printable text holds nothing to drop
                text = value if value.isprintable() or not _ILLEGAL.search(value) else _ILLEGAL.sub("", value)
                write_string(r, c, text, quoted[c] if value.startswith(RISKY_START) else plain[c])
            elif kind == "n":
                ws.write_number(r, c, value, plain[c])
            elif kind == "d":
                ws.write_datetime(r, c, value, plain[c])
            else:  # "f": a formula of ours, never participant text
                formula, cached = value
                ws.write_formula(r, c, formula, plain[c], "" if cached is None else cached)

    def line(self, cells: list[tuple[Any, str]]) -> None:
        """A free-form row: (value, role) per cell; text stays text, dates are dates."""
        import datetime as dt

        self.row = r = self.row + 1
        for c, (value, role) in enumerate(cells):
            if isinstance(value, str):
                fmt = self.formats.get(role, quoted=value.startswith(RISKY_START))
                self.ws.write_string(r, c, _clean(value), fmt)
            elif isinstance(value, dt.date):
                self.ws.write_datetime(r, c, value, self.formats.get(role))
            elif value is not None:
                self.ws.write_number(r, c, value, self.formats.get(role))

    def header(self, labels: list[str]) -> None:
        """The header row: styled, text, never formulas."""
        self.row = r = self.row + 1
        fmt = self.formats.get("header")
        for c, text in enumerate(labels):
            self.ws.write_string(r, c, text, fmt)


# --------------------------------------------------------------------------- layout helpers


def _letter(index: int) -> str:
    """The column letter of a 1-based column index."""
    from xlsxwriter.utility import xl_col_to_name

    return xl_col_to_name(index - 1)


def _layout(
    sheet: _Sheet,
    columns: tuple[L.Column, ...],
    first_row: int = 1,
    freeze: bool = True,
    column_formats: bool = True,
    widths: dict[int, float] | None = None,
) -> None:
    """Widths, column formats (hidden base column), frozen header and print settings.

    ``first_row`` is the 1-based header row. The page: A4 landscape, one page
    wide, the header row repeated on every page, "sheet – page / pages" below.
    """
    ws = sheet.ws
    widths = widths or {}
    for i, col in enumerate(columns):
        fmt = sheet.plain[i] if column_formats and i < len(sheet.plain) else None
        width = widths.get(i, col.width)
        ws.set_column_pixels(i, i, width * _PIXELS_PER_CHAR, fmt, {"hidden": col.kind == "base"})
    if freeze:
        ws.freeze_panes(first_row, 0)
    ws.set_row(first_row - 1, 32)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.hide_gridlines(0)  # on screen as usual; never printed
    ws.repeat_rows(first_row - 1)  # the header row on every printed page
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)  # inches
    ws.set_header("", {"margin": 0.2})
    ws.set_footer("&C&A – &P / &N", {"margin": 0.25})  # sheet name, page of pages


def _table(sheet: _Sheet, columns: tuple[L.Column, ...], lang: str, n_rows: int, name: str, first_row: int = 1):
    """An Excel table over the header and data rows (at least one data row, as Excel requires)."""
    header = sheet.formats.get("header")
    sheet.ws.add_table(
        first_row - 1, 0, first_row - 1 + max(n_rows, 1), len(columns) - 1,
        {"name": name, "style": "Table Style Light 9", "autofilter": True,
         "columns": [{"header": col.label(lang), "header_format": header} for col in columns]},
    )  # fmt: skip


def _validations(sheet: _Sheet, columns: tuple[L.Column, ...], lang: str, lists: dict[str, str], first_row: int = 1):
    """Dropdowns, number/date/confidence checks and input messages for every input column."""
    msg = {k: v[lang] for k, v in L.MESSAGES.items()}
    for i, col in enumerate(columns):
        kind = col.kind
        if kind.startswith("choice:"):
            source = kind.split(":", 1)[1]
            strict = source in L.CHOICES
            opts = {"validate": "list", "source": "=" + lists[source], "error_type": "stop" if strict else "warning",
                    "error_message": msg["list_error"] if strict else msg["team_warning"]}  # fmt: skip
        elif kind == "number":
            opts = {"validate": "decimal", "criteria": "between", "minimum": -1e15, "maximum": 1e15,
                    "error_message": msg["number_error"]}  # fmt: skip
        elif kind == "date":
            opts = {"validate": "date", "criteria": "between", "minimum": EARLIEST, "maximum": LATEST,
                    "error_message": msg["date_error"]}  # fmt: skip
        elif kind == "confidence":
            opts = {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": 10,
                    "error_message": msg["confidence_error"]}  # fmt: skip
        elif col.help(lang):
            opts = {"validate": "any"}
        else:
            continue
        if "error_message" in opts:
            opts["error_message"] = opts["error_message"][:255]
        opts["error_title"] = col.label(lang)[:32]
        if col.help(lang):
            opts.update(input_title=col.label(lang)[:32], input_message=col.help(lang)[:255], show_input=True)
        opts.update(ignore_blank=True, show_error=kind != "text")
        sheet.ws.data_validation(first_row, i, LAST_ROW - 1, i, opts)


def _grade_bands(sheet: _Sheet, cell_range: str, top_left: str, profile_key: str) -> None:
    """Colour grades by the profile's bands (red/yellow/green, or the zones)."""
    from ..scoring.profiles import COLOURS, get_profile

    profile = get_profile(profile_key)
    for lower, band in reversed(profile.bands):
        colour = "#" + COLOURS.get(band, "#9e9e9e").lstrip("#").upper()
        sheet.ws.conditional_format(cell_range, {
            "type": "formula",
            "criteria": f"=AND(ISNUMBER({top_left}),{top_left}>={lower - 1e-9!r})",
            "format": sheet.formats.highlight(colour, bold=True, font_color="#FFFFFF"),
            "stop_if_true": True,
        })  # fmt: skip


def _data_bar(sheet: _Sheet, cell_range: str, low: float, high: float, colour: str) -> None:
    """A data bar from ``low`` to ``high`` (the plain 2007 form: openpyxl and LibreOffice read it as it is)."""
    sheet.ws.conditional_format(cell_range, {
        "type": "data_bar", "min_type": "num", "min_value": low, "max_type": "num", "max_value": high,
        "bar_color": colour, "data_bar_2010": False,
    })  # fmt: skip


def _fill_when(sheet: _Sheet, cell_range: str, formula: str, colour: str) -> None:
    """Fill cells with ``colour`` where ``formula`` (relative to the range's top-left cell) holds."""
    sheet.ws.conditional_format(
        cell_range, {"type": "formula", "criteria": "=" + formula, "format": sheet.formats.highlight(colour)}
    )
