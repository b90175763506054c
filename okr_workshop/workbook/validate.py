"""Cells of an edited workbook, checked against what their columns expect (used by ``excel_read``).

``_Table`` reads one sheet by its headers (in sv or en, any order) and
converts every cell to its column's kind; ``_Problems`` collects what is wrong,
each problem naming the file, sheet, row and column, and raises them all at
once in one ``WorkbookError``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from ..errors import ValidationError, WorkbookError
from ..i18n.formatting import format_number
from ..model.entities import _date, _number
from ..model.fields import REGISTRY
from . import labels as L

_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


MAX_ROWS = 250_000  # filled rows per sheet: ten times a 1000-team workshop; a million rows would take minutes
MAX_LISTED = 1000  # problems kept to list; all are counted


class _Problems:
    def __init__(self, name: str, storing: bool = False, lang: str = "en"):
        self.name = name
        self.storing = storing  # reading for an import: the error says that nothing was stored
        self.lang = lang  # the workbook's language: every message is in it
        self.items: list[str] = []
        self.count = 0  # every problem found; ``items`` keeps the first MAX_LISTED

    def t(self, key: str, **values: object) -> str:
        """The message ``key`` of the catalogue's ``workbook.problem.*`` in the workbook's language."""
        return L.problem(key, self.lang, **values)

    def add(self, sheet: str, row: int | None, column: str | None, message: str) -> None:
        self.count += 1
        if len(self.items) >= MAX_LISTED:
            return
        where = self.t("at_sheet", file=self.name, sheet=sheet)
        if row is not None:
            where += self.t("at_row", row=row)
        if column:
            where += self.t("at_column", column=column)
        self.items.append(f"{where}: {message}")

    def message(self) -> str:
        """One line: the problem itself, or how many there are and the first."""
        n = self.count
        if n == 1:
            return self.items[0] + (self.t("nothing_stored") if self.storing else "")
        first = self.items[0].removeprefix(f"{self.name}, ")
        return self.t("summary_stored" if self.storing else "summary", file=self.name, n=n, first=first)

    def raise_if_any(self) -> None:
        if self.items:
            raise WorkbookError(self.message(), problems=self.items)


def _thousands(n: int, lang: str) -> str:
    return format_number(n, "sv" if lang == "sv" else "en", digits=0)


def _show(value: Any) -> str:
    text = str(value)
    return json.dumps(text[:40] + ("…" if len(text) > 40 else ""), ensure_ascii=False)


class _Bad(Exception):
    """A cell that does not hold what its column expects."""


_UNESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        # Excel's escape of characters XML cannot carry as such (a CR is _x000D_)
        return _UNESCAPE.sub(lambda m: chr(int(m[1], 16)), value) if "_x" in value else value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _convert(kind: str, value: Any, lang: str = "en") -> Any:
    """The cell value as its column's kind; raises _Bad with what was expected (in ``lang``)."""
    if kind in ("text", "long", "output", "stamp", "base"):
        return _text(value)
    if isinstance(value, str) and not value.strip():
        value = None
    if kind == "number":
        try:
            return _number("", value)
        except ValidationError as err:
            # "12,000": the model's hint, both readings spelled out; too large: its limit and its advice
            if err.code in ("number.ambiguous", "number.too_large", "number.too_large_value"):
                raise _Bad(err.render_problem(lang)) from None
            raise _Bad(L.problem("number", lang, value=_show(value))) from None
    if kind == "confidence":
        if value is None:
            return None
        try:
            number = _number("", value)
        except ValidationError:
            number = None
        if number is None or number != int(number) or not 1 <= number <= 10:
            raise _Bad(L.problem("confidence", lang, value=_show(value)))
        return int(number)
    if kind == "date":
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 32874 <= value <= 73415:
            from openpyxl.utils.datetime import from_excel

            value = from_excel(value)
        try:
            return _date("", value)
        except ValidationError as err:
            if err.code == "date.out_of_range":  # a real date in an unlikely year: the model says "check the year"
                raise _Bad(err.render_problem(lang)) from None
            raise _Bad(L.problem("date", lang, value=_show(value))) from None
    if kind == "id":
        text = _text(value).strip()
        if text and not _ID.fullmatch(text):
            raise _Bad(L.problem("id", lang, value=_show(text)))
        return text
    if kind.startswith("choice:"):
        text = _text(value).strip()
        vocabulary = kind.split(":", 1)[1]
        if not text or vocabulary not in L.CHOICES:
            return text
        key = L.choice_key(vocabulary, text)
        if key is None:  # the labels in the workbook's language (the other language's are read too)
            options = ", ".join(L.choice_texts(vocabulary, "sv" if lang == "sv" else "en"))
            raise _Bad(L.problem("choice", lang, options=options, value=_show(text)))
        return key
    raise AssertionError(kind)


class _Table:
    """Rows of one sheet read by header: ``row[key]`` gives the converted value."""

    def __init__(self, sheet, name: str, columns: tuple[L.Column, ...], problems: _Problems, header_row: int = 1):
        self.name, self.problems = name, problems
        self.columns = {c.key: c for c in columns}
        self.rows: list[tuple[int, dict[str, Any]]] = []
        self.ok = True
        lookup = L.header_lookup(columns)
        rows = _iter_rows(sheet)  # streamed: only the converted values of each row are kept
        header: tuple = ()
        for row_no, cells in rows:
            if row_no == header_row:
                header = cells
                break
        positions: dict[str, int] = {}
        self.labels: dict[str, str] = {}
        for i, cell in enumerate(header):
            key = lookup.get(L.normalise(_text(cell.value))) if cell.value is not None else None
            if key and key not in positions:
                positions[key] = i
                self.labels[key] = _text(cell.value)
        missing = [c for c in columns if c.required and c.key not in positions]
        for col in missing:
            self.ok = False
            problems.add(name, header_row, None, problems.t("column_missing", sv=col.sv, en=col.en))
        if not self.ok:
            return
        for row_no, cells in rows:
            raw = {key: (cells[i] if i < len(cells) else None) for key, i in positions.items()}
            if all(c is None or c.value is None or _text(c.value).strip() == "" for c in raw.values()):
                continue
            if len(self.rows) >= MAX_ROWS:
                raise WorkbookError(
                    problems.t(
                        "too_many_rows", file=problems.name, sheet=name, limit=_thousands(MAX_ROWS, problems.lang)
                    )
                )
            values: dict[str, Any] = {}
            for key, cell in raw.items():
                col = self.columns[key]
                value = None if cell is None else cell.value
                if col.kind == "output":
                    continue
                if cell is not None and cell.data_type == "f":
                    what = problems.t("formula_text" if col.kind in ("text", "long") else "formula_value")
                    problems.add(name, row_no, self.labels[key], problems.t("formula", value=_show(value), what=what))
                    continue
                try:
                    values[key] = _convert(col.kind, value, problems.lang)
                except _Bad as err:
                    problems.add(name, row_no, self.labels[key], str(err))
            self.rows.append((row_no, values))

    def label(self, key: str) -> str:
        return self.labels.get(key) or self.columns[key].label(self.problems.lang)


# The model's name for a field (ValidationError.where) -> the column it is read from: "<entity> <field>"
# for every field of the registry that has a column, and these.
_OTHER_FIELD_COLUMNS = {
    "team id": "team_id", "objective id": "objective_id", "key result id": "key_result_id",
    "check-in id": "check_in_id", "check-in date": "on",
}  # fmt: skip


def _field_columns() -> dict[str, str]:
    out = {f"{e.where} {f.name}": f.column_key for e in REGISTRY.values() for f in e.fields if f.cell}
    return {**out, **_OTHER_FIELD_COLUMNS}


def _model_problem(problems: _Problems, table: _Table, row_no: int, err: ValidationError) -> None:
    """A model's ValidationError for a row, located at the column it came from when that is known."""
    key = _field_columns().get(err.where)
    text = err.render_problem(problems.lang)
    if key in table.columns:
        problems.add(table.name, row_no, table.label(key), text)
    elif key is not None:  # a field of another sheet's column: named by its header in the workbook's language
        col = next(c for cols in (L.okr_columns(), L.checkin_columns(), L.team_columns()) for c in cols if c.key == key)
        problems.add(table.name, row_no, None, f"{col.label(problems.lang)}: {text}")
    else:
        problems.add(table.name, row_no, None, f"{err.render_where(problems.lang)}: {text}")


def _iter_rows(sheet):
    """(row number, cells) for every row, numbered as the spreadsheet program shows them."""
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # some writers store a wrong size; read what is there
    yield from enumerate(sheet.iter_rows(), start=1)
