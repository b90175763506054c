"""The workbook's dependencies sheet: who needs what from whom by when, and the answer.

Read from the workshop file the workshop was loaded from (the day's record lives
there, not in the ``Workshop``); no sheet for a workshop that has no recorded
dependencies, so workbooks of workshops run without the day look as before.

The sheet is read-only: answering a dependency is a conversation between two
teams, kept (with its history) in the app and the facilitator's notebook. It says
so in its first row, is protected against edits (sorting and filtering still
work), and ``read_excel`` does not read it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ..errors import OkrWorkshopError
from ..i18n import t
from ..model.entities import Workshop
from . import labels as L
from .styles import _fill_when, _Formats, _layout, _Sheet, _table

log = logging.getLogger("okr_workshop")

KEYS = ("from", "to", "what", "due", "state", "answer", "objective", "id")
_WIDTHS = {"from": 18, "to": 18, "what": 40, "due": 12, "state": 14, "answer": 36, "objective": 36, "id": 14}
_KINDS = {"due": "date", "what": "long", "answer": "long", "objective": "long", "id": "id"}
_FILLS = {"accepted": "#D4EDDA", "declined": "#F8D7DA", "negotiating": "#DDEBF7", "open": "#FFF3CD"}


def columns(lang: str) -> tuple[L.Column, ...]:
    """The sheet's columns, headers from the catalogue (``workbook.dependencies.<key>``)."""
    return tuple(
        L.Column(k, t(f"workbook.dependencies.{k}", "sv"), t(f"workbook.dependencies.{k}", "en"),
                 _KINDS.get(k, "text"), _WIDTHS[k], required=False)
        for k in KEYS
    )  # fmt: skip


def dependencies_of(ws: Workshop) -> list[Any]:
    """The dependencies recorded in the workshop ``ws`` was loaded from (a file or PostgreSQL); [] when there
    is none, or ``ws`` was made in code."""
    origin = ws.loaded_from
    if not origin or not isinstance(origin[0], str):
        return []  # made in code or from a sample, never loaded
    from ..day.record import Day

    if origin[2] is None:  # PostgreSQL: (conninfo, schema, None, workshop id, revision)
        from ..storage import postgres

        where: Any = postgres.parse(origin[0], workshop_required=False)
        path = where.with_workshop(origin[1].removeprefix(postgres.PREFIX)).url
    else:
        path = Path(origin[0])
    try:
        with Day.read(path) as day:
            file_id = day.store.conn.execute("SELECT value FROM meta WHERE key = 'file_id'").fetchone()
            if not day.has_record() or (file_id and origin[3] and file_id[0] != origin[3]):
                return []  # no day yet, or the file is another workshop now
            teams = {team.id for team in ws.teams}
            return [d for d in day.dependencies() if d.from_team in teams and d.to_team in teams]
    except (OkrWorkshopError, OSError) as err:  # the file is gone or unreadable: the workbook is still written
        log.info("no dependencies sheet: %s", err)
        return []


def write_dependencies(wb: Any, formats: _Formats, ws: Workshop) -> None:
    """The dependencies sheet (after the quality sheet); nothing when the workshop has no recorded dependencies."""
    deps = dependencies_of(ws)
    if not deps:
        return
    lang = ws.lang
    cols = columns(lang)
    roles = ["text", "text", "long", "date", "text", "long", "long", "id"]
    sheet = _Sheet(wb, formats, t("workbook.dependencies.sheet", lang), roles, ["s", "s", "s", "d", "s", "s", "s", "s"])
    sheet.line([(t("workbook.dependencies.read_only", lang), "hint")])
    _layout(sheet, cols, first_row=2)
    sheet.header([c.label(lang) for c in cols])
    sheet.wrap(cols)
    names = {team.id: team.name for team in ws.teams}
    titles = {obj.id: obj.title for obj in ws.objectives}
    state = {key: t(f"day.answer.{key}", lang) for key in _FILLS}
    for d in deps:
        sheet.append([names[d.from_team], names[d.to_team], d.what, d.due, state[d.answer.value], d.note,
                      titles.get(d.objective_id or "", ""), d.id])  # fmt: skip
    _table(sheet, cols, lang, len(deps), "Dependencies", first_row=2)
    last = 2 + len(deps)
    for key, colour in _FILLS.items():
        _fill_when(sheet, f"E3:E{last}", f'$E3="{state[key]}"', colour)
    sheet.ws.protect("", {"sort": True, "autofilter": True, "format_columns": True, "format_rows": True})
