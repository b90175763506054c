"""A form's copy of one team, kept in step with the workshop file while others edit it too.

The copy remembers, per objective and key result, the field values it last
read from the file (its *base*). A save writes only the fields that differ
from their base (``Store.save_fields``), so two forms on one team never undo
each other. ``merge`` brings the file's current rows into the copy: fields
changed elsewhere are taken over when this form left them alone, rows added
elsewhere appear, rows deleted elsewhere go (and are reported, never saved
again). A field typed in during the last ``grace`` seconds is left as it is
until typing pauses, so the text under the cursor never jumps.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from ..model.entities import KeyResult, Objective, Team
from ..storage.fields import FIELDS, Conflict, FieldSave, entity_of, fields_of, same, to_model

GRACE = 2.0  # seconds after a keystroke during which that field is not overwritten by others' changes
# After the form replaced a field's text by the file's, the browser may still send keystrokes typed on the old
# text for a moment (the replacement is on its way): for this long such an edit is a conflict, not a save.
STALE_SECONDS = 5.0


@dataclasses.dataclass
class Merged:
    """What ``TeamCopy.merge`` changed: rows to show again, and what went or came."""

    rows: set[str] = dataclasses.field(default_factory=set)  # objective ids whose fields changed
    deleted: list[tuple[Objective | KeyResult, dict[str, Any]]] = dataclasses.field(default_factory=list)
    structure: bool = False  # rows added, deleted or reordered: render the whole form


class TeamCopy:
    """One team as a form holds it, with the base of every row it has read from or written to the file."""

    def __init__(self, team: Team, revision: int, grace: float = GRACE):
        self.team, self.revision, self.grace = team, revision, grace
        self.base: dict[str, dict[str, Any]] = {}
        self.typed: dict[tuple[str, str], float] = {}
        self.deferred = False  # a merge skipped a field being typed in: merge again even at the same revision
        self.replaced: dict[tuple[str, str], tuple[str, str, float]] = {}  # (id, field) -> (old, new text, when)
        for obj in team.objectives:
            self.track(obj)

    # ---------------------------------------------------------------- bookkeeping

    def track(self, item: Objective | KeyResult) -> None:
        """``item`` (and an objective's key results) is in the file as the model holds it now."""
        self.base[item.id] = fields_of(item)
        if isinstance(item, Objective):
            for kr in item.key_results:
                self.base[kr.id] = fields_of(kr)

    def forget(self, item: Objective | KeyResult) -> None:
        self.base.pop(item.id, None)
        if isinstance(item, Objective):
            for kr in item.key_results:
                self.base.pop(kr.id, None)

    def tracked(self, item: Objective | KeyResult) -> bool:
        return item.id in self.base

    def typed_in(self, item: Objective | KeyResult, name: str) -> None:
        self.typed[(item.id, name)] = time.monotonic()

    def unsaved(self, item: Objective | KeyResult) -> dict[str, Any]:
        """The fields of ``item`` this form changed and the file does not have yet: name -> base value."""
        base = self.base.get(item.id)
        if base is None:
            return {}
        mine = fields_of(item)
        return {name: seen for name, seen in base.items() if not same(mine[name], seen)}

    def rows(self):
        """Every objective and key result of the team, objectives first in each pair."""
        for obj in self.team.objectives:
            yield obj
            yield from obj.key_results

    # ---------------------------------------------------------------- merging

    def saved(self, item: Objective | KeyResult, result: FieldSave) -> tuple[list, bool]:
        """Take in what a save did: written fields become the base, conflicts show the file's value.

        Returns the conflicts, and whether fields others changed were taken over from the saved row.
        """
        entity = entity_of(item)
        base = self.base[item.id]
        base.update(result.written)
        for conflict in result.conflicts:
            setattr(item, conflict.field, to_model(entity, conflict.field, conflict.theirs))
            base[conflict.field] = conflict.theirs
            self._replaced(item, conflict.field, conflict.mine, conflict.theirs)
        taken = self._merge_row(item, result.current, entity)
        return result.conflicts, taken

    def merge(self, rows: dict[str, tuple[dict[str, Any], dict[str, dict[str, Any]]]]) -> Merged:
        """Bring the file's rows of this team (``Store.team_rows``) into the copy."""
        out = Merged()
        self.deferred = False
        team = self.team
        for obj in list(team.objectives):
            if obj.id in rows:
                fields, kr_rows = rows[obj.id]
                if self._merge_row(obj, fields, "objective"):
                    out.rows.add(obj.id)
                for kr in list(obj.key_results):
                    if kr.id in kr_rows:
                        if self._merge_row(kr, kr_rows[kr.id], "key_result"):
                            out.rows.add(obj.id)
                    elif self.tracked(kr):  # deleted elsewhere
                        out.deleted.append((kr, self.unsaved(kr)))
                        self.forget(kr)
                        obj.remove_key_result(kr)
                        out.structure = True
                for kr_id, kr_fields in kr_rows.items():
                    if all(kr.id != kr_id for kr in obj.key_results):
                        kr = KeyResult(id=kr_id, **kr_fields)
                        kr.objective = obj
                        obj.key_results.append(kr)
                        self.track(kr)
                        out.structure = True
                if _reorder(obj.key_results, list(kr_rows)):
                    out.structure = True
            elif self.tracked(obj):  # deleted elsewhere (with its key results)
                out.deleted.append((obj, self.unsaved(obj)))
                self.forget(obj)
                team.remove_objective(obj)
                out.structure = True
        for obj_id, (fields, kr_rows) in rows.items():
            if all(o.id != obj_id for o in team.objectives):
                obj = Objective(id=obj_id, **fields)
                obj.team = team
                for kr_id, kr_fields in kr_rows.items():
                    kr = KeyResult(id=kr_id, **kr_fields)
                    kr.objective = obj
                    obj.key_results.append(kr)
                team.objectives.append(obj)
                self.track(obj)
                out.structure = True
        if _reorder(team.objectives, list(rows)):
            out.structure = True
        return out

    def _merge_row(self, item: Objective | KeyResult, fields: dict[str, Any], entity: str) -> bool:
        """Take over the fields others changed that this form left alone; True if any was taken."""
        base = self.base.setdefault(item.id, dict(fields))
        mine = fields_of(item)
        now = time.monotonic()
        taken = False
        for name in FIELDS[entity]:
            theirs = fields[name]
            if same(theirs, base[name]) or not same(mine[name], base[name]):
                continue  # unchanged in the file, or changed here too: the next save decides (conflict)
            if now - self.typed.get((item.id, name), -1e9) < self.grace:
                self.deferred = True  # someone is typing in it right now: take it over when they pause
                continue
            setattr(item, name, to_model(entity, name, theirs))
            base[name] = theirs
            self._replaced(item, name, mine[name], theirs)
            taken = True
        return taken

    def _replaced(self, item: Objective | KeyResult, name: str, old: Any, new: Any) -> None:
        if isinstance(old, str) and isinstance(new, str) and old:  # typing into an empty field tells nothing
            self.replaced[(item.id, name)] = (old, new, time.monotonic())

    def typed_on_old_text(self, item: Objective | KeyResult, base: dict[str, Any]) -> list[Conflict]:
        """Edits made on a text the form had just replaced by the file's: conflicts, taken out of ``base``.

        A browser sends what it shows; right after the form put the file's text into a
        field, keystrokes typed on the old text may still arrive. Saving them would
        silently undo the other person's text, so they are shown as conflicts instead.
        """
        entity = entity_of(item)
        mine = fields_of(item)
        now = time.monotonic()
        found = []
        for name in list(base):
            entry = self.replaced.get((item.id, name))
            if entry is None:
                continue
            old, new, when = entry
            value = mine[name]
            if (
                now - when > STALE_SECONDS
                or not isinstance(value, str)
                or not value.startswith(old)
                or (value.startswith(new))
            ):
                del self.replaced[(item.id, name)]  # typed on the file's text: an ordinary edit
                continue
            current = self.base[item.id][name]
            found.append(Conflict(entity, item.id, name, current, value, current))
            setattr(item, name, to_model(entity, name, current))
            self.replaced[(item.id, name)] = (value, new, now)
            del base[name]
        return found


def _reorder(items: list, order: list[str]) -> bool:
    """Sort ``items`` in the file's ``order`` (items the file does not have yet stay last); True if moved."""
    rank = {item_id: i for i, item_id in enumerate(order)}
    wanted = sorted(items, key=lambda item: rank.get(item.id, len(rank)))
    if [i.id for i in wanted] == [i.id for i in items]:
        return False
    items[:] = wanted
    return True
