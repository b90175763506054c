"""The mid-quarter review: per objective, what worked, what we learned, keep / change / drop, and the date.

Stored in the workshop file's ``objective_review`` table (schema 3), one row per
objective and review date: recording the same objective on the same day again
replaces that row (the history keeps both), so teams reviewing at once never
touch each other's rows.
"""

from __future__ import annotations

import datetime as dt
import enum
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model.validate import _date, _enum, _text
from ..storage.schema import _now

if TYPE_CHECKING:
    from .record import Day

COLS = ("id", "objective_id", "on_date", "worked", "learned", "verdict", "author", "recorded_at")


class Verdict(str, enum.Enum):
    """What the team does with an objective for the rest of the quarter."""

    KEEP = "keep"
    CHANGE = "change"
    DROP = "drop"


@dataclass(slots=True, frozen=True)
class MidReview:
    """One objective's mid-quarter review.

    on: the day of the review; worked: what worked so far; learned: what we learned;
    verdict: keep, change or drop the objective; author: who wrote it down (may be empty);
    recorded_at: when it was saved (UTC, ISO 8601).
    """

    objective_id: str
    on: dt.date
    verdict: Verdict
    worked: str = ""
    learned: str = ""
    author: str = ""
    recorded_at: str = ""


def has_table(conn: Any) -> bool:
    """False for a file from before schema 3 that was only opened for reading since."""
    if not isinstance(conn, sqlite3.Connection):
        return True  # PostgreSQL: a workshop there is migrated whenever it is opened
    return bool(conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'objective_review'").fetchone())


def add(
    day: Day, objective: Any, verdict: Verdict | str, worked: str = "", learned: str = "", on: Any = None,
    author: str = "",
) -> MidReview:  # fmt: skip
    """Record (or replace) the review of ``objective`` on ``on`` (default today)."""
    verdict = _enum("mid-quarter review verdict", Verdict, verdict)
    worked = _text("what worked", worked).strip()
    learned = _text("what we learned", learned).strip()
    author = _text("author", author).strip()[:80]
    on = _date("mid-quarter review date", on) or dt.date.today()
    obj_id, _team = day._objective(objective)
    review = MidReview(obj_id, on, verdict, worked, learned, author, _now())
    row_id = f"{obj_id}:{on.isoformat()}"
    store = day.store
    with store.transaction() as conn:
        conn.execute(
            f"INSERT INTO objective_review({','.join(COLS)}) VALUES (?,?,?,?,?,?,?,?)"
            " ON CONFLICT(id) DO UPDATE SET worked=excluded.worked, learned=excluded.learned,"
            " verdict=excluded.verdict, author=excluded.author, recorded_at=excluded.recorded_at",
            (row_id, obj_id, on.isoformat(), worked, learned, verdict.value, author, review.recorded_at),
        )
        store._log(conn, "objective_review", row_id, "save",
                   {"objective_id": obj_id, "on": on.isoformat(), "verdict": verdict.value, "worked": worked,
                    "learned": learned, "author": author})  # fmt: skip
    return review


def reviews(day: Day, objective: Any = None) -> list[MidReview]:
    """Every mid-quarter review (or one objective's): by date, then in the workshop's order of objectives."""
    conn = day.store.conn
    if not has_table(conn):
        return []
    sql = (f"SELECT {','.join('r.' + c for c in COLS)} FROM objective_review r"
           " JOIN objective o ON o.id = r.objective_id JOIN team t ON t.id = o.team_id")  # fmt: skip
    args: list[Any] = []
    if objective is not None:
        sql, args = sql + " WHERE r.objective_id = ?", [getattr(objective, "id", objective)]
    out = []
    for r in conn.execute(sql + " ORDER BY r.on_date, t.position, o.position", args):
        out.append(MidReview(r[1], dt.date.fromisoformat(r[2]), Verdict(r[5]), r[3], r[4], r[6], r[7]))
    return out
