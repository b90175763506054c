"""Import an edited workbook into a workshop file (``import_workbook``).

The workbook is read and validated completely first (``excel_read``); only
then is the workshop file opened and the differences written in one
transaction. Rows are matched by id, so a round trip updates rather than
duplicates; rows that were deleted from the workbook are kept in the file
(deleting is done in the app, where it can be seen).

Nobody is reverted: every exported row carries its base (``excel_base``), so
only cells edited in the workbook are applied. A cell edited in the workbook
whose field the workshop also changed since the export is a conflict: nothing
is stored, and ``ImportConflictError`` lists each one (sheet, row, column, both
values) until the facilitator chooses with ``resolve="theirs"`` (the workbook
wins), ``"ours"`` (the workshop wins) or per row, ``{conflict.key: ...}``. A row
deleted in the workshop since the export stays deleted unless the workbook
edited it (then it is a conflict too). Workbooks exported before bases existed
import as before (the workbook wins), with a warning.

New check-ins are added, de-duplicated by id and, for rows typed in without
id, by every field (a true duplicate is counted as skipped); an existing
check-in edited in the workbook is changed through ``store.edit_check_in``
(the old version stays in the file's history). Importing the same file twice
changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import WorkbookError
from ..i18n import gettext, ngettext
from ..model.entities import CheckIn, KeyResult, Objective, Team, Workshop
from . import base as B
from .styles import _ILLEGAL

_COUNTS = ("teams_added", "teams_changed", "objectives_added", "objectives_changed", "key_results_added",
           "key_results_changed", "check_ins_added", "check_ins_changed")  # fmt: skip


@dataclass(slots=True)
class ImportSummary:
    """What an import changed in the workshop file (all zero: nothing changed)."""

    teams_added: int = 0
    teams_changed: int = 0
    objectives_added: int = 0
    objectives_changed: int = 0
    key_results_added: int = 0
    key_results_changed: int = 0
    check_ins_added: int = 0
    check_ins_changed: int = 0
    unchanged: int = 0  # teams, objectives, key results and check-ins already in the file as they are
    duplicates_skipped: int = 0  # check-in rows typed in without id, equal in every field to a stored one
    deleted_skipped: int = 0  # rows deleted in the workshop since the export, not edited in the workbook
    conflicts_resolved: int = 0  # fields changed on both sides, settled by ``resolve``
    warnings: list[str] = field(default_factory=list)  # lines for people, in the workbook's language

    @property
    def changes(self) -> int:
        return sum(getattr(self, name) for name in _COUNTS)

    def describe(self, lang: str = "en") -> str:
        """One line for people, in sv or en, with singular and plural right."""
        lang = "sv" if lang == "sv" else "en"

        def count(key: str, n: int, **fields: str) -> str:
            return ngettext(lang, f"merge.{key}.one", f"merge.{key}", n, **fields)

        def new_and_changed(key: str, new: int, changed: int) -> str:  # "1 nytt och 2 ändrade mål"
            return count(key, new + changed, new=count("new", new), changed=count("changed", changed))

        parts = [
            new_and_changed("objectives", self.objectives_added, self.objectives_changed),
            new_and_changed("key_results", self.key_results_added, self.key_results_changed),
            count("check_ins_new", self.check_ins_added),
            count("check_ins_changed", self.check_ins_changed),
            count("teams_new", self.teams_added),
        ]
        if self.teams_changed:
            parts.append(count("teams_changed", self.teams_changed))
        tail = [gettext(lang, "merge.unchanged", n=self.unchanged)]
        for key in ("deleted_skipped", "conflicts_resolved", "duplicates_skipped"):
            if getattr(self, key):
                tail.append(count(key, getattr(self, key)))
        return "; ".join([", ".join(parts), *tail])


@dataclass(frozen=True, slots=True)
class Conflict:
    """A field changed both in the workbook and in the workshop since the export (or a row edited in the
    workbook that the workshop deleted: ``field`` is then empty and ``workshop`` is None).

    key: the id of the team, objective, key result or check-in, for ``resolve={key: "theirs" | "ours"}``;
    sheet, row, column: where the cell is, as the workbook names them; workbook, workshop: both values, as text.
    """

    key: str
    kind: str
    field: str
    sheet: str
    row: int
    column: str
    workbook: str
    workshop: str | None

    def describe(self, lang: str = "en") -> str:
        """One line for people, in sv or en."""
        from . import labels as L

        where = L.problem("at_sheet", lang, file="", sheet=self.sheet).removeprefix(", ")
        where += L.problem("at_row", lang, row=self.row) + L.problem("at_column", lang, column=self.column)
        if self.workshop is None:
            return L.problem("conflict_deleted", lang, where=where)
        return L.problem("conflict", lang, where=where, workbook=_quote(self.workbook), workshop=_quote(self.workshop))


def _quote(text: str) -> str:
    import json

    return json.dumps(text[:60] + ("…" if len(text) > 60 else ""), ensure_ascii=False)


class ImportConflictError(WorkbookError):
    """Cells were changed both in the workbook and in the workshop since the export; nothing was stored."""

    def __init__(self, file: str, conflicts: list[Conflict], lang: str = "en"):
        self.conflicts = list(conflicts)
        lang = "sv" if lang == "sv" else "en"
        text = ngettext(lang, "workbook.problem.conflicts.one", "workbook.problem.conflicts", len(conflicts),
                        file=file, first=conflicts[0].describe(lang))  # fmt: skip
        super().__init__(text, problems=[c.describe(lang) for c in conflicts])


Resolve = str | Mapping[str, str] | None


def import_workbook(
    xlsx_path: str | os.PathLike,
    workshop_path: str | os.PathLike,
    lang: str | None = None,
    resolve: Resolve = None,
) -> ImportSummary:
    """Validate the whole workbook, then write the cells edited in it (and new rows) in one transaction.

    ``resolve`` settles conflicts (a field changed both in the workbook and in the workshop since the
    export): ``"theirs"`` (the workbook wins), ``"ours"`` (the workshop wins), or a mapping from a
    conflict's ``key`` to either; unresolved conflicts raise ``ImportConflictError`` and nothing is stored.
    Problems are told in the workbook's language; ``lang`` (default English) when it cannot be found.
    """
    from ..storage.store import open_store
    from . import labels as L
    from .read import read_workbook

    _check_resolve(resolve)
    reading = read_workbook(xlsx_path, storing=True, lang=lang)
    incoming = reading.ws
    name = Path(xlsx_path).name
    # Read, compare and write in one write transaction, so that two facilitators importing the
    # same workbook at once apply it once: the second waits, then finds nothing new.
    with open_store(workshop_path) as store, store.transaction():
        current = store.load()
        if current.id != incoming.id:
            raise WorkbookError(
                L.problem("other_workshop", reading.lang, file=name, organisation=incoming.organisation,
                          id=incoming.id, into=Path(workshop_path).name, current=current.organisation,
                          current_id=current.id)
            )  # fmt: skip
        stored_ids = {row[0] for row in store.conn.execute("SELECT id FROM check_in")}
        merge = _Merge(current, reading, stored_ids, resolve)
        merge.run()
        if merge.conflicts:
            raise ImportConflictError(name, merge.conflicts, reading.lang)
        summary = merge.s
        summary.warnings = _warnings(reading, current, name)
        for obj in merge.to_save:  # nothing changed: no history rows, and the revision stays put
            store.save(obj)
        for check_in_id, changes in merge.edits:  # joins the transaction above; keeps the old version in history
            store.edit_check_in(check_in_id, **changes)
    return summary


def _check_resolve(resolve: Resolve) -> None:
    choices = ("theirs", "ours")
    if resolve is None:
        return
    if isinstance(resolve, str):
        if resolve not in choices:
            raise WorkbookError(
                f"resolve: expected 'theirs' or 'ours' (or a mapping of conflict keys), got {resolve!r}"
            )
        return
    for key, value in resolve.items():
        if value not in choices:
            raise WorkbookError(f"resolve[{key!r}]: expected 'theirs' or 'ours', got {value!r:.20}")


def _warnings(reading, current: Workshop, name: str) -> list[str]:
    """What the import did not do although the workbook seems to ask for it, in the workbook's language."""
    from . import labels as L

    lang = "sv" if reading.lang == "sv" else "en"
    out = []
    if not reading.has_base:
        out.append(L.problem("no_base", lang, file=name))
    if reading.damaged_bases:
        out.append(ngettext(lang, "workbook.problem.damaged_bases.one", "workbook.problem.damaged_bases",
                            reading.damaged_bases, file=name))  # fmt: skip
    ws = reading.ws
    exported = reading.exported
    for key, label, value, now in (
        ("organisation", "Organisation", ws.organisation, current.organisation),
        ("period", "Period", ws.period.label, current.period.label),
    ):
        before = exported.get(key)
        edited = value != before if before is not None else value != now
        if edited:
            hint = L.problem("edited_period_hint", lang) if key == "period" else ""
            out.append(L.problem("edited_overview", lang, file=name, label=label, value=value, now=now) + hint)
    out.extend(reading.warnings)
    return out


class _Merge:
    """Apply a workbook to the workshop as loaded, in memory: the objects to save and the check-in edits.

    Per row: new (no base, not in the workshop) is added; deleted in the workshop since the export
    and not edited in the workbook is skipped; edited in the workbook but deleted in the workshop is
    a conflict; in both, each field edited in the workbook is applied unless the workshop changed
    it too (a conflict). Rows without a base (old workbooks): every differing field is applied.
    """

    def __init__(self, current: Workshop, reading, stored_ids: set[str], resolve: Resolve):
        self.current, self.reading, self.stored_ids, self.resolve = current, reading, stored_ids, resolve
        self.s = ImportSummary()
        self.to_save: list = []
        self.edits: list[tuple[str, dict]] = []
        self.conflicts: list[Conflict] = []
        self._saved: set[int] = set()
        self.team_map: dict[str, Team] = {}
        self.stored_check_ins = {c.id: c for kr in current.key_results for c in kr.check_ins}

    # ------------------------------------------------------------------ the rules

    def save(self, obj) -> None:
        if id(obj) not in self._saved:
            self._saved.add(id(obj))
            self.to_save.append(obj)

    def choice(self, key: str) -> str | None:
        if isinstance(self.resolve, str) or self.resolve is None:
            return self.resolve
        return self.resolve.get(key)

    def edited(self, kind: str, key: str, theirs: dict[str, str]) -> bool:
        """Whether the workbook edited any field of a row that has a base (True for rows without)."""
        base = self.reading.bases.get((kind, key))
        absent = self.reading.absent.get(kind, ())
        # a field without a checksum was added since the export: the workbook had no column for it
        return base is None or any(
            f in base and f not in absent and B.checksum(v) != base[f] for f, v in theirs.items()
        )

    def gone(self, kind: str, key: str, theirs: dict[str, str], children_touched: bool = False) -> bool:
        """For a row the workshop no longer has: True to skip it (deleted since the export), False to add it."""
        if (kind, key) not in self.reading.bases:
            return False  # a new row
        if not children_touched and not self.edited(kind, key, theirs):
            self.s.deleted_skipped += 1
            return True
        choice = self.choice(key)
        if choice is None:
            self.conflict(kind, key, "", theirs, None)
            return True
        self.s.conflicts_resolved += 1
        return choice == "ours"

    def fields(self, kind: str, key: str, theirs: dict[str, str], mine: dict[str, str]) -> list[str]:
        """The fields to take from the workbook: edited there, and not also changed in the workshop."""
        base = self.reading.bases.get((kind, key))
        absent = self.reading.absent.get(kind, ())
        out = []
        for name, t in theirs.items():
            m = mine[name]
            # no column or no checksum in the workbook: the field was added since its export, it stays
            if t == m or name in absent or (base is not None and name not in base):
                continue
            if base is None or B.checksum(m) == base[name]:
                if base is None or B.checksum(t) != base[name]:
                    out.append(name)
                continue
            if B.checksum(t) == base[name]:
                continue  # changed in the workshop only: it stays
            choice = self.choice(key)
            if choice is None:
                self.conflict(kind, key, name, theirs, mine)
            else:
                self.s.conflicts_resolved += 1
                if choice == "theirs":
                    out.append(name)
        return out

    def conflict(self, kind: str, key: str, name: str, theirs: dict[str, str], mine: dict[str, str] | None) -> None:
        sheet, row = self.reading.at.get((kind, key), ("?", 0))
        column_key = B.columns(kind).get(name) or B.columns(kind)[B.fields(kind)[0]]
        labels = self.reading.labels.get(sheet, {})
        column = labels.get(column_key) or column_key
        if name:
            shown = self.show(kind, name, theirs[name]), self.show(kind, name, mine[name])
        else:
            shown = (theirs[B.fields(kind)[0]], None)
        self.conflicts.append(Conflict(key, kind, name, sheet, row, column, *shown))

    def show(self, kind: str, name: str, value: str) -> str:
        """A canonical value as a person knows it: a team's or an objective's name rather than its id."""
        if name not in ("team", "parent_id", "objective"):
            return value
        for ws in (self.current, self.reading.ws):
            for team in ws.teams:
                if team.id == value:
                    return team.name
                for obj in team.objectives:
                    if obj.id == value:
                        return obj.title
        return value

    # ------------------------------------------------------------------ the walk

    def run(self) -> None:
        current, incoming, s = self.current, self.reading.ws, self.s
        by_id = {t.id: t for t in current.teams}
        by_name = {t.name.casefold(): t for t in current.teams}
        objectives = {o.id: o for o in current.objectives}
        krs = {k.id: k for k in current.key_results}
        kr_ids_in_store = set(krs)
        existing = set(by_id)
        skipped: set[str] = set()  # incoming ids not added (deleted in the workshop)
        for team in incoming.teams:
            mine = by_id.get(team.id) or by_name.get(team.name.casefold())
            if mine is None:
                touched = any(self._touched(o, objectives, kr_ids_in_store) for o in team.objectives)
                if self.gone("team", team.id, _team_values(team, team.parent_id), touched):
                    skipped.add(team.id)
                    continue
                mine = Team(name=team.name, id=team.id)
                mine.workshop = current
                current.teams.append(mine)
                by_id[mine.id] = mine
                s.teams_added += 1
            self.team_map[team.id] = mine
        for team in incoming.teams:
            if team.id in skipped:
                continue
            mine = self.team_map[team.id]
            parent = self.team_map.get(team.parent_id) if team.parent_id else None
            parent_id = parent.id if parent is not None else None
            if mine.id not in existing:
                mine.parent_id = parent_id
                self.save(mine)
                continue
            theirs = _team_values(team, parent_id)
            apply = self.fields("team", team.id, theirs, _team_values(mine, mine.parent_id))
            if apply:
                if "name" in apply:
                    mine.name = team.name
                if "parent_id" in apply:
                    mine.parent_id = parent_id
                s.teams_changed += 1
                self.save(mine)
            else:
                s.unchanged += 1
        for team in incoming.teams:
            if team.id in skipped:
                s.deleted_skipped += sum(1 + len(o.key_results) for o in team.objectives)
                continue
            for obj in team.objectives:
                self._objective(obj, self.team_map[team.id], objectives, krs, kr_ids_in_store)

    def _touched(self, obj: Objective, objectives: dict, kr_ids: set[str]) -> bool:
        """Whether the workbook adds or edits anything under an objective the workshop no longer has."""
        if obj.id not in objectives and self.edited("objective", obj.id, B.values("objective", obj)):
            return True
        return any(
            kr.id not in kr_ids and self.edited("key_result", kr.id, B.values("key_result", kr))
            for kr in obj.key_results
        )

    def _objective(self, obj: Objective, team: Team, objectives: dict, krs: dict, kr_ids: set[str]) -> None:
        def gone(theirs: dict) -> bool:
            touched = any(kr.id not in kr_ids and self.edited("key_result", kr.id, B.values("key_result", kr))
                          for kr in obj.key_results)  # fmt: skip
            return self.gone("objective", obj.id, theirs, touched)

        merged = self._one("objective", obj, team, objectives, gone)
        if merged is None:
            self.s.deleted_skipped += len(obj.key_results)
            return
        mine, revived = merged
        for kr in obj.key_results:
            self._key_result(kr, mine, krs, revived)

    def _key_result(self, kr: KeyResult, obj: Objective, krs: dict, parent_revived: bool) -> None:
        def gone(theirs: dict) -> bool:
            return not parent_revived and self.gone("key_result", kr.id, theirs)

        merged = self._one("key_result", kr, obj, krs, gone)
        if merged is not None:
            self._check_ins(kr, *merged)

    # (kind, the field that names its parent, the parent's list of them, the field its constructor needs)
    _SHAPES = {"objective": ("team", "objectives", "title"), "key_result": ("objective", "key_results", "text")}

    def _one(
        self,
        kind: str,
        item: Objective | KeyResult,
        parent: Team | Objective,
        known: dict,
        gone: Callable[[dict], bool],
    ) -> tuple:
        """Merge one objective or key result of the workbook into ``parent``'s stored ones (``known``: id → stored).

        New to the workshop: added (a copy of every field), unless ``gone(theirs)`` says the workshop deleted it
        and the workbook did not touch it (None). Known: the fields the workbook changed and the workshop did not
        (``fields``) are applied, a move to another parent included. Returns (the stored one, added now), or None.
        """
        s = self.s
        link, siblings, required = self._SHAPES[kind]
        theirs = B.values(kind, item) | {link: parent.id}
        mine = known.get(item.id)
        if mine is None:
            if gone(theirs):
                return None
            mine = type(item)(**{required: getattr(item, required)}, id=item.id)  # the class the registry built
            for name in B.fields(kind)[:-1]:
                setattr(mine, name, getattr(item, name))
            setattr(mine, link, parent)
            getattr(parent, siblings).append(mine)
            known[mine.id] = mine
            setattr(s, f"{siblings}_added", getattr(s, f"{siblings}_added") + 1)
            self.save(mine)
            return mine, True
        apply = self.fields(kind, item.id, theirs, B.values(kind, mine))
        if not apply:
            s.unchanged += 1
            return mine, False
        for name in apply:
            if name != link:
                setattr(mine, name, getattr(item, name))
        if link in apply and getattr(mine, link) is not parent:
            getattr(getattr(mine, link), siblings).remove(mine)
            setattr(mine, link, parent)
            getattr(parent, siblings).append(mine)
        setattr(s, f"{siblings}_changed", getattr(s, f"{siblings}_changed") + 1)
        self.save(mine)
        return mine, False

    def _check_ins(self, kr: KeyResult, mine: KeyResult, revived: bool) -> None:
        s, typed_in, stored_ids = self.s, self.reading.typed_in, self.stored_ids
        have = {_same(c) for c in mine.check_ins}
        for c in kr.check_ins:
            if c.id not in stored_ids and c.id in typed_in and _same(c) in have:
                s.duplicates_skipped += 1  # typed in again: every field equal to a check-in the key result has
                continue
            if c.id in stored_ids:
                old = self.stored_check_ins.get(c.id)
                changes = {}
                if old is not None and c.id not in typed_in:
                    theirs = B.values("check_in", c)
                    changes = {
                        n: getattr(c, n) for n in self.fields("check_in", c.id, theirs, B.values("check_in", old))
                    }
                if changes:
                    self.edits.append((c.id, changes))  # an edited row: applied through the store, history kept
                    s.check_ins_changed += 1
                else:
                    s.unchanged += 1
                continue
            if not revived and c.id not in typed_in and self.gone("check_in", c.id, B.values("check_in", c)):
                continue
            c.recorded_at = ""  # set by the store
            mine.check_ins.append(c)
            stored_ids.add(c.id)
            have.add(_same(c))
            s.check_ins_added += 1
            self.save(mine)


def _team_values(team: Team, parent_id: str | None) -> dict[str, str]:
    return {"name": B.canon(team.name), "parent_id": B.canon(parent_id)}


def _same(c: CheckIn) -> tuple:
    """What makes two check-ins the same one typed twice: every field a person types, the comment included."""
    return c.on, c.value, c.confidence, _ILLEGAL.sub("", c.comment).strip(), _ILLEGAL.sub("", c.author).strip()
