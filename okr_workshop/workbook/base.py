"""The base of a workbook row: what each field held when the workbook was exported.

Every exported row carries, in a hidden column, a short checksum of each of its fields as
exported. On import, a field whose workbook value still matches its checksum was not
edited in the workbook, so the workshop's value stays (whatever the app changed since);
a field edited in the workbook is applied when the workshop still holds the exported value,
and is a conflict when the workshop changed it too. Checksums (CRC-32 per field) keep the
cell short and reveal nothing a person could edit by accident; a collision would only make
one edit look unedited, never apply something nobody typed.

Each checksum is stored beside a short hash of its field's name (``b2.`` cells), so the order in
which the field registry declares the fields does not matter, and a field added since the export
is simply not in the base (the workbook had no column for it: it counts as not edited there).
Cells exported before (``b1.``) hold the checksums in the fixed order of ``B1_LAYOUT``.

Values are compared in a canonical text form (``canon``) that survives a spreadsheet
program: text without the control codes the export drops and without outer spaces, numbers
to 12 significant digits (LibreOffice rewrites 0.1 + 0.2 as 0.3), dates as ISO.
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
import struct
import zlib
from typing import Any

from ..model.fields import entity
from .styles import _ILLEGAL

PREFIX = "b2."
B1_PREFIX = "b1."

# "team" of an objective and "objective" of a key result are where the row sits (a moved row is an edit
# like any other): after the editable fields of the field registry (model/fields.py).
_WHERE = {"objective": ("team", "team"), "key_result": ("objective", "objective")}

# The fields of a b1 cell, in the order their checksums were stored (workbooks exported before the registry).
B1_LAYOUT = {
    "team": ("name", "parent_id"),
    "objective": ("title", "why", "type", "owner", "parent_id", "weight", "team"),
    "key_result": ("text", "kind", "metric", "unit", "baseline", "target", "owner", "due", "confidence", "weight",
                   "indicator", "grade_override", "override_reason", "objective"),
    "check_in": ("on", "value", "confidence", "comment", "author"),
}  # fmt: skip


_LAYOUTS: dict[str, tuple[Any, tuple[str, ...], tuple[int, ...]]] = {}


def _layout(kind: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The fields of a kind of row in its base, and their tags (made once per declaration: rows are many)."""
    e = entity(kind)
    hit = _LAYOUTS.get(kind)
    if hit is None or hit[0] is not e:
        names = tuple(f.name for f in e.editable)
        names = (*names, _WHERE[kind][0]) if kind in _WHERE else names
        hit = _LAYOUTS[kind] = (e, names, tuple(_tag(kind, name) for name in names))
    return hit[1], hit[2]


def fields(kind: str) -> tuple[str, ...]:
    """The fields of a kind of row whose checksums a base cell holds."""
    return _layout(kind)[0]


def columns(kind: str) -> dict[str, str]:
    """Field -> the workbook column it is read from (to name it in a conflict)."""
    out = {f.name: f.column_key for f in entity(kind).editable}
    if kind in _WHERE:
        out[_WHERE[kind][0]] = _WHERE[kind][1]
    return out


def __getattr__(name: str) -> Any:
    # the tables as they were named before the registry, read from it as it is now
    kinds = {"TEAM_FIELDS": "team", "OBJECTIVE_FIELDS": "objective", "KEY_RESULT_FIELDS": "key_result",
             "CHECK_IN_FIELDS": "check_in"}  # fmt: skip
    if name in kinds:
        return fields(kinds[name])
    if name == "FIELDS":
        return {kind: fields(kind) for kind in ("team", "objective", "key_result", "check_in")}
    if name == "COLUMNS":
        return {kind: columns(kind) for kind in ("team", "objective", "key_result", "check_in")}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def canon(value: Any) -> str:
    """A value as the text both sides of a round trip agree on."""
    if type(value) is str:  # most fields: checked first (a str enum is not exactly str and goes below)
        return (value if value.isprintable() else _ILLEGAL.sub("", value)).strip()
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float | int):
        return format(float(value), ".12g")
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return _ILLEGAL.sub("", value).strip()
    # a parent object (a team, an objective): where the row sits
    return str(getattr(value, "id", value))


def values(kind: str, obj: Any) -> dict[str, str]:
    """The canonical value of every field of ``obj`` (a Team, Objective, KeyResult or CheckIn)."""
    return {name: canon(getattr(obj, name)) for name in fields(kind)}


def checksum(text: str) -> int:
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


def _tag(kind: str, name: str) -> int:
    """A 16-bit hash of a field's name, stored beside its checksum (distinct for every field: a test says so)."""
    return zlib.crc32(f"{kind}.{name}".encode()) & 0xFFFF


def encode(*parts: tuple[str, Any]) -> str:
    """The base cell of a row holding the given (kind, object) parts, e.g. an objective and its key result."""
    numbers: list[int] = []
    for kind, obj in parts:
        names, tags = _layout(kind)
        for name, tag in zip(names, tags):
            numbers += (tag, checksum(canon(getattr(obj, name))))
    packed = struct.pack(">" + "HI" * (len(numbers) // 2), *numbers)
    return PREFIX + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def decode(cell: str, *kinds: str) -> list[dict[str, int]] | None:
    """Per kind, field -> checksum, from a base cell; None when the cell is empty or was damaged.

    A field the cell has no checksum for (added to the registry since the export) is left out.
    """
    text = (cell or "").strip()
    prefix = text[: len(PREFIX)]
    if prefix not in (PREFIX, B1_PREFIX):
        return None
    try:
        raw = base64.urlsafe_b64decode(text[len(prefix) :] + "=" * (-len(text) % 4))
    except (ValueError, TypeError):
        return None
    if prefix == B1_PREFIX:
        return _decode_b1(raw, kinds)
    if not raw or len(raw) % 6:
        return None
    numbers = struct.unpack(">" + "HI" * (len(raw) // 6), raw)
    sums = dict(zip(numbers[::2], numbers[1::2]))
    out = []
    for kind in kinds:
        names, tags = _layout(kind)
        found = {name: sums[tag] for name, tag in zip(names, tags) if tag in sums}
        if not found:
            return None  # the cell holds no part of this kind
        out.append(found)
    return out


def _decode_b1(raw: bytes, kinds: tuple[str, ...]) -> list[dict[str, int]] | None:
    layout = [B1_LAYOUT[k] for k in kinds]
    n = sum(len(names) for names in layout)
    if len(raw) != 4 * n:
        return None
    sums = struct.unpack(f">{n}I", raw)
    out, i = [], 0
    for names in layout:
        out.append(dict(zip(names, sums[i : i + len(names)])))
        i += len(names)
    return out
