"""The base of a workbook row: what each field held when the workbook was exported.

Every exported row carries, in a hidden column, a short checksum of each of its fields as
exported. On import, a field whose workbook value still matches its checksum was not
edited in the workbook, so the workshop's value stays (whatever the app changed since);
a field edited in the workbook is applied when the workshop still holds the exported value,
and is a conflict when the workshop changed it too. Checksums (CRC-32 per field) keep the
cell short and reveal nothing a person could edit by accident; a collision would only make
one edit look unedited, never apply something nobody typed.

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

from .styles import _ILLEGAL

PREFIX = "b1."

# Fields per kind of row, in the order their checksums are stored. "team" of an objective and
# "objective" of a key result are where the row sits (a moved row is an edit like any other).
TEAM_FIELDS = ("name", "parent_id")
OBJECTIVE_FIELDS = ("title", "why", "type", "owner", "parent_id", "weight", "team")
KEY_RESULT_FIELDS = ("text", "kind", "metric", "unit", "baseline", "target", "owner", "due", "confidence", "weight",
                     "indicator", "grade_override", "override_reason", "objective")  # fmt: skip
CHECK_IN_FIELDS = ("on", "value", "confidence", "comment", "author")
FIELDS = {"team": TEAM_FIELDS, "objective": OBJECTIVE_FIELDS, "key_result": KEY_RESULT_FIELDS,
          "check_in": CHECK_IN_FIELDS}  # fmt: skip

# Field -> the workbook column it is read from (to name it in a conflict).
COLUMNS = {
    "team": {"name": "team", "parent_id": "parent_team"},
    "objective": {"title": "objective", "why": "why", "type": "type", "owner": "objective_owner",
                  "parent_id": "parent", "weight": "objective_weight", "team": "team"},
    "key_result": {"text": "key_result", "kind": "kind", "metric": "metric", "unit": "unit", "baseline": "baseline",
                   "target": "target", "owner": "owner", "due": "due", "confidence": "confidence", "weight": "weight",
                   "indicator": "indicator", "grade_override": "grade_override",
                   "override_reason": "override_reason", "objective": "objective"},
    "check_in": {"on": "on", "value": "value", "confidence": "confidence", "comment": "comment", "author": "author"},
}  # fmt: skip


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
    return {name: canon(getattr(obj, name)) for name in FIELDS[kind]}


def checksum(text: str) -> int:
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


def encode(*parts: tuple[str, Any]) -> str:
    """The base cell of a row holding the given (kind, object) parts, e.g. an objective and its key result."""
    sums = [checksum(canon(getattr(obj, name))) for kind, obj in parts for name in FIELDS[kind]]
    return PREFIX + base64.urlsafe_b64encode(struct.pack(f">{len(sums)}I", *sums)).decode("ascii").rstrip("=")


def decode(cell: str, *kinds: str) -> list[dict[str, int]] | None:
    """Per kind, field -> checksum, from a base cell; None when the cell is empty or was damaged."""
    text = (cell or "").strip()
    if not text.startswith(PREFIX):
        return None
    try:
        raw = base64.urlsafe_b64decode(text[len(PREFIX) :] + "=" * (-len(text) % 4))
    except (ValueError, TypeError):
        return None
    n = sum(len(FIELDS[k]) for k in kinds)
    if len(raw) != 4 * n:
        return None
    sums = struct.unpack(f">{n}I", raw)
    out, i = [], 0
    for kind in kinds:
        names = FIELDS[kind]
        out.append(dict(zip(names, sums[i : i + len(names)])))
        i += len(names)
    return out
