"""Sample workshops: ``load("exempel-ab")`` (Swedish), ``load("acme")`` (English), and ``generate()``."""

from __future__ import annotations

from ..errors import NotFoundError
from ..model.entities import Workshop

_SAMPLES = {"exempel-ab": "exempel_ab", "acme": "acme"}


def names() -> list[str]:
    """The names ``load`` accepts."""
    return list(_SAMPLES)


def load(name: str, fresh_ids: bool = False) -> Workshop:
    """A fresh copy of a sample workshop: ``"exempel-ab"`` (sv) or ``"acme"`` (en).

    The sample's ids are fixed (``ex-o-ledning-1``), so tests and docs can name its rows. A new
    workshop made from it takes ``fresh_ids=True``: its own ids, so two workshops made from the same
    sample never take each other's workbooks.
    """
    key = str(name).strip().lower().replace("_", "-").replace(" ", "-")
    if key not in _SAMPLES:
        raise NotFoundError(f"no sample named {name!r}; choose one of: {', '.join(_SAMPLES)}").coded(
            "sample.not_found", name=repr(name), samples=", ".join(_SAMPLES)
        )
    from importlib import import_module

    ws = import_module(f".{_SAMPLES[key]}", __name__).workshop()
    return with_fresh_ids(ws) if fresh_ids else ws


def day_script(name: str) -> dict:
    """The recorded workshop day of a sample (plain data; ``okr_workshop.day.sample`` replays it into a file)."""
    key = str(name).strip().lower().replace("_", "-").replace(" ", "-")
    if key not in _SAMPLES:
        raise NotFoundError(f"no sample named {name!r}; choose one of: {', '.join(_SAMPLES)}")
    from importlib import import_module

    return import_module(f".{_SAMPLES[key]}_day", __name__).DAY


def with_fresh_ids(ws: Workshop) -> Workshop:
    """``ws`` itself, every id (workshop, teams, objectives, key results, check-ins) replaced by a new one."""
    from ..model.validate import new_id

    ids: dict[str, str] = {}

    def fresh(obj) -> None:
        ids[obj.id] = obj.id = new_id()

    fresh(ws)
    for team in ws.teams:
        fresh(team)
        for obj in team.objectives:
            fresh(obj)
            for kr in obj.key_results:
                fresh(kr)
                for c in kr.check_ins:
                    fresh(c)
    for team in ws.teams:
        team.parent_id = ids.get(team.parent_id, team.parent_id) if team.parent_id else None
        for obj in team.objectives:
            obj.parent_id = ids.get(obj.parent_id, obj.parent_id) if obj.parent_id else None
    return ws


def generate(teams: int = 10, seed: int = 0, lang: str = "en", check_ins_per_kr: int = 5) -> Workshop:
    """A synthetic workshop for benchmarks: a leadership team plus ``teams`` teams of 4 objectives × 5 key results."""
    from .synthetic import generate as _generate

    return _generate(teams=teams, seed=seed, lang=lang, check_ins_per_kr=check_ins_per_kr)
