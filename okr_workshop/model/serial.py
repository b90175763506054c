"""The versioned JSON form of a workshop (``Workshop.to_dict`` / ``from_dict``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import ValidationError
from . import registry
from .entities import JSON_FORMAT, JSON_VERSION, CheckIn, KeyResult, Objective, Team, Workshop
from .fields import keys


def _entity(kind: str) -> Any:
    """The field registry's declaration of ``kind`` (``model.fields``, imported on first use)."""
    return registry()[kind]


def _records() -> dict[str, Callable[[Any], dict[str, Any]]]:
    """Per kind of row, object -> its id and fields as canonical values, in the registry's order."""
    from .fields import record_function

    reg = registry()
    return {kind: record_function(reg[kind]) for kind in ("team", "objective", "key_result", "check_in")}


def check_in_to_dict(c: CheckIn, records: dict | None = None) -> dict[str, Any]:
    return (records or _records())["check_in"](c)


def key_result_to_dict(kr: KeyResult, records: dict | None = None) -> dict[str, Any]:
    records = records or _records()
    check_in = records["check_in"]
    return {**records["key_result"](kr), "check_ins": [check_in(c) for c in kr.check_ins]}


def objective_to_dict(obj: Objective, records: dict | None = None) -> dict[str, Any]:
    records = records or _records()
    return {**records["objective"](obj), "key_results": [key_result_to_dict(kr, records) for kr in obj.key_results]}


def team_to_dict(team: Team, records: dict | None = None) -> dict[str, Any]:
    records = records or _records()
    return {**records["team"](team), "objectives": [objective_to_dict(o, records) for o in team.objectives]}


def workshop_to_dict(ws: Workshop) -> dict[str, Any]:
    records = _records()
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "id": ws.id,
        "organisation": ws.organisation,
        "period": ws.period.label,
        "start": ws.period.start.isoformat(),
        "end": ws.period.end.isoformat(),
        "lang": ws.lang,
        "profile": ws.profile,
        "settings": dict(ws.settings),
        "teams": [team_to_dict(t, records) for t in ws.teams],
    }


def _fields(data: Any, where: str, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ValidationError(where, f"expected an object, got {type(data).__name__}")
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(where, f"unknown field(s) {', '.join(sorted(unknown))}")
    return data


def _list(data: dict, key: str, where: str) -> list:
    items = data.get(key) or []
    if not isinstance(items, list):
        raise ValidationError(f"{where}.{key}", f"expected a list, got {type(items).__name__}")
    return items


def _build(entity: str, data: Any, where: str, children: str | None = None) -> tuple[Any, list]:
    """A model object from its dict (fields by name: unknown keys are refused), and its children's dicts."""
    e = _entity(entity)
    d = dict(_fields(data, where, keys(e, children)))
    kids = _list(d, children, where) if children else []
    d.pop(children, None)
    if entity == "team":
        d.setdefault("name", None)  # a team without a name: the model's error names the field
    try:
        return e.cls(**d), kids
    except TypeError as err:
        raise ValidationError(where, str(err)) from None
    except ValidationError as err:
        raise err.within(where) from None


def check_in_from_dict(data: Any, where: str = "check_in") -> CheckIn:
    return _build("check_in", data, where)[0]


def key_result_from_dict(data: Any, where: str = "key_result") -> KeyResult:
    kr, check_ins = _build("key_result", data, where, "check_ins")
    kr.check_ins = [check_in_from_dict(c, f"{where}.check_ins[{i}]") for i, c in enumerate(check_ins)]
    return kr


def objective_from_dict(data: Any, where: str = "objective") -> Objective:
    obj, krs = _build("objective", data, where, "key_results")
    for i, k in enumerate(krs):
        kr = key_result_from_dict(k, f"{where}.key_results[{i}]")
        kr.objective = obj
        obj.key_results.append(kr)
    return obj


def workshop_from_dict(data: Any) -> Workshop:
    """Rebuild a workshop from ``workshop_to_dict`` output; names the bad field."""
    d = _fields(
        data,
        "workshop",
        {"format", "version", "id", "organisation", "period", "start", "end", "lang", "profile", "settings", "teams"},
    )
    if d.get("format") != JSON_FORMAT:
        raise ValidationError("workshop.format", f"expected {JSON_FORMAT!r}; this is not an okr-workshop JSON file")
    version = d.get("version")
    if not isinstance(version, int) or version > JSON_VERSION:
        raise ValidationError(
            "workshop.version", f"version {version!r} is newer than this okr-workshop reads ({JSON_VERSION}); upgrade"
        )
    period = d.get("period")
    ws = Workshop(
        organisation=d.get("organisation"),
        period=period,
        lang=d.get("lang", "sv"),
        profile=d.get("profile", "google"),
        id=d.get("id", ""),
        settings=d.get("settings") or {},
    )
    for i, t in enumerate(_list(d, "teams", "workshop")):
        where = f"teams[{i}]"
        team, objectives = _build("team", t, where, "objectives")
        team.workshop = ws
        ws.teams.append(team)
        for j, o in enumerate(objectives):
            obj = objective_from_dict(o, f"{where}.objectives[{j}]")
            obj.team = team
            team.objectives.append(obj)
    return ws
