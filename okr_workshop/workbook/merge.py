"""Import an edited workbook into a workshop file (``import_workbook``).

The workbook is read and validated completely first (``excel_read``); only
then is the workshop file opened and the differences written in one
transaction. Rows are matched by id, so a round trip updates rather than
duplicates; rows that were deleted from the workbook are kept in the file
(deleting is done in the app, where it can be seen). New check-ins are
added, de-duplicated by id and, for rows typed in without id, by
(key result, date, value); an existing check-in whose date, value, tilltro,
comment or author was edited is changed through ``store.edit_check_in`` (the
old version stays in the file's history); a check-in row deleted from the
sheet is not deleted. Importing the same file twice changes nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

from ..errors import WorkbookError
from ..model.entities import CheckIn, KeyResult, Objective, Team, Workshop
from .styles import _ILLEGAL

_TEAM_FIELDS = ("name", "parent_id")
_OBJ_FIELDS = ("title", "why", "type", "owner", "parent_id", "weight")
_KR_FIELDS = ("text", "kind", "metric", "unit", "baseline", "target", "owner", "due", "confidence", "weight",
              "indicator", "grade_override", "override_reason")  # fmt: skip


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

    @property
    def changes(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self) if f.name != "unchanged")

    def describe(self, lang: str = "en") -> str:
        """One line for people, in sv or en, with singular and plural right."""
        o_new, o_chg, k_new, k_chg = (self.objectives_added, self.objectives_changed,
                                      self.key_results_added, self.key_results_changed)  # fmt: skip
        c_new, c_chg, t_new, t_chg = self.check_ins_added, self.check_ins_changed, self.teams_added, self.teams_changed
        if lang == "sv":

            def neuter(n: int, one: str, many: str) -> str:  # mål, nyckelresultat, team: the noun never changes
                return f"{n} {one if n == 1 else many}"

            parts = [
                f"{neuter(o_new, 'nytt', 'nya')} och {neuter(o_chg, 'ändrat', 'ändrade')} mål",
                f"{neuter(k_new, 'nytt', 'nya')} och {neuter(k_chg, 'ändrat', 'ändrade')} nyckelresultat",
                f"{c_new} {'ny uppföljning' if c_new == 1 else 'nya uppföljningar'}",
                f"{c_chg} {'ändrad uppföljning' if c_chg == 1 else 'ändrade uppföljningar'}",
                f"{neuter(t_new, 'nytt', 'nya')} team",
            ]
            if t_chg:
                parts.append(f"{neuter(t_chg, 'ändrat', 'ändrade')} team")
            return ", ".join(parts) + f"; {self.unchanged} oförändrade"

        def noun(n: int, word: str) -> str:
            return word if n == 1 else word + "s"

        parts = [
            f"{o_new} new and {o_chg} changed {noun(o_new + o_chg, 'objective')}",
            f"{k_new} new and {k_chg} changed {noun(k_new + k_chg, 'key result')}",
            f"{c_new} new {noun(c_new, 'check-in')}",
            f"{c_chg} changed {noun(c_chg, 'check-in')}",
            f"{t_new} new {noun(t_new, 'team')}",
        ]
        if t_chg:
            parts.append(f"{t_chg} changed {noun(t_chg, 'team')}")
        return ", ".join(parts) + f"; {self.unchanged} unchanged"


def _differs(a, b, names: tuple[str, ...]) -> bool:
    return any(getattr(a, n) != getattr(b, n) for n in names)


def _copy(src, dst, names: tuple[str, ...]) -> None:
    for n in names:
        setattr(dst, n, getattr(src, n))


def import_workbook(
    xlsx_path: str | os.PathLike, workshop_path: str | os.PathLike, lang: str | None = None
) -> ImportSummary:
    """Validate the whole workbook, then write its new and changed OKRs and new check-ins in one transaction.

    Problems are told in the workbook's language; ``lang`` (default English) when it cannot be found.
    """
    from ..storage.store import open_store
    from . import labels as L
    from .read import read_workbook

    incoming, typed_in = read_workbook(xlsx_path, storing=True, lang=lang)
    # Read, compare and write in one write transaction, so that two facilitators importing the
    # same workbook at once apply it once: the second waits, then finds nothing new.
    with open_store(workshop_path) as store, store.transaction():
        current = store.load()
        if current.id != incoming.id:
            raise WorkbookError(
                L.problem("other_workshop", incoming.lang, file=Path(xlsx_path).name, organisation=incoming.organisation,
                          id=incoming.id, into=Path(workshop_path).name, current=current.organisation,
                          current_id=current.id)
            )  # fmt: skip
        stored_ids = {row[0] for row in store.conn.execute("SELECT id FROM check_in")}
        summary, to_save, edits = _merge(current, incoming, typed_in, stored_ids)
        for obj in to_save:  # nothing changed: no history rows, and the revision stays put
            store.save(obj)
        for check_in_id, changes in edits:  # joins the transaction above; keeps the old version in history
            store.edit_check_in(check_in_id, **changes)
    return summary


_CHECK_IN_FIELDS = ("on", "value", "confidence", "comment", "author")


def _check_in_changes(stored: CheckIn, row: CheckIn) -> dict:
    """The fields of a stored check-in that its workbook row changed (text compared as it was exported)."""
    changes = {}
    for name in _CHECK_IN_FIELDS:
        old, new = getattr(stored, name), getattr(row, name)
        if isinstance(old, str):
            old = _ILLEGAL.sub("", old)  # the export drops control codes: not an edit
        if old != new:
            changes[name] = new
    return changes


def _merge(current: Workshop, incoming: Workshop, typed_in: set[str], stored_ids: set[str]):
    """Apply ``incoming`` to ``current`` in memory: the objects to save (parents before children), check-in edits."""
    s = ImportSummary()
    to_save: list = []
    edits: list[tuple[str, dict]] = []
    stored_check_ins = {c.id: c for kr in current.key_results for c in kr.check_ins}
    saved: set[int] = set()

    def save(obj) -> None:
        if id(obj) not in saved:
            saved.add(id(obj))
            to_save.append(obj)

    existing = {t.id for t in current.teams}
    team_map: dict[str, Team] = {}
    for team in incoming.teams:
        mine = _find(current.teams, team.id) or next(
            (t for t in current.teams if t.name.casefold() == team.name.casefold()), None
        )
        if mine is None:
            mine = Team(name=team.name, id=team.id)
            mine.workshop = current
            current.teams.append(mine)
            s.teams_added += 1
        team_map[team.id] = mine
    for team in incoming.teams:
        mine = team_map[team.id]
        parent = team_map.get(team.parent_id) if team.parent_id else None
        parent_id = parent.id if parent is not None else None
        if mine.id not in existing:
            mine.parent_id = parent_id
            save(mine)
        elif (mine.name, mine.parent_id) != (team.name, parent_id):
            mine.name, mine.parent_id = team.name, parent_id
            s.teams_changed += 1
            save(mine)
        else:
            s.unchanged += 1

    objectives = {o.id: o for o in current.objectives}
    krs = {k.id: k for k in current.key_results}
    for team in incoming.teams:
        target_team = team_map[team.id]
        for obj in team.objectives:
            mine = objectives.get(obj.id)
            if mine is None:
                mine = Objective(title=obj.title, id=obj.id)
                _copy(obj, mine, _OBJ_FIELDS)
                mine.team = target_team
                target_team.objectives.append(mine)
                objectives[mine.id] = mine
                s.objectives_added += 1
                save(mine)
            elif _differs(obj, mine, _OBJ_FIELDS) or mine.team is not target_team:
                _copy(obj, mine, _OBJ_FIELDS)
                if mine.team is not target_team:
                    mine.team.objectives.remove(mine)
                    mine.team = target_team
                    target_team.objectives.append(mine)
                s.objectives_changed += 1
                save(mine)
            else:
                s.unchanged += 1
            for kr in obj.key_results:
                _merge_kr(kr, mine, krs, s, save, typed_in, stored_ids, stored_check_ins, edits)
    return s, to_save, edits


def _merge_kr(
    kr: KeyResult, obj: Objective, krs: dict, s: ImportSummary, save, typed_in, stored_ids, stored_check_ins, edits
) -> None:
    mine = krs.get(kr.id)
    if mine is None:
        mine = KeyResult(text=kr.text, id=kr.id)
        _copy(kr, mine, _KR_FIELDS)
        mine.objective = obj
        obj.key_results.append(mine)
        krs[mine.id] = mine
        s.key_results_added += 1
        save(mine)
    elif _differs(kr, mine, _KR_FIELDS) or mine.objective is not obj:
        _copy(kr, mine, _KR_FIELDS)
        if mine.objective is not obj:
            mine.objective.key_results.remove(mine)
            mine.objective = obj
            obj.key_results.append(mine)
        s.key_results_changed += 1
        save(mine)
    else:
        s.unchanged += 1
    have = {(c.on, c.value) for c in mine.check_ins}
    for c in kr.check_ins:
        if c.id in stored_ids or (c.id in typed_in and (c.on, c.value) in have):
            old = stored_check_ins.get(c.id)
            if old is not None and c.id not in typed_in and (changes := _check_in_changes(old, c)):
                edits.append((c.id, changes))  # an edited row: applied through the store, history kept
                s.check_ins_changed += 1
            else:
                s.unchanged += 1
            continue
        c.recorded_at = ""  # set by the store
        mine.check_ins.append(c)
        stored_ids.add(c.id)
        have.add((c.on, c.value))
        s.check_ins_added += 1
        save(mine)


def _find(items: list, id: str):
    return next((x for x in items if x.id == id), None)
