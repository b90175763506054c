"""The versioned JSON form of a workshop (``Workshop.to_dict`` / ``from_dict``)."""

from __future__ import annotations

from typing import Any

from ..errors import ValidationError
from .entities import JSON_FORMAT, JSON_VERSION, CheckIn, KeyResult, Objective, Team, Workshop


def _value(x: Any) -> Any:
    return getattr(x, "value", x)


def check_in_to_dict(c: CheckIn) -> dict[str, Any]:
    return {
        "id": c.id,
        "on": c.on.isoformat(),
        "value": c.value,
        "confidence": c.confidence,
        "comment": c.comment,
        "author": c.author,
        "recorded_at": c.recorded_at,
    }


def key_result_to_dict(kr: KeyResult) -> dict[str, Any]:
    return {
        "id": kr.id,
        "text": kr.text,
        "kind": _value(kr.kind),
        "metric": kr.metric,
        "unit": kr.unit,
        "baseline": kr.baseline,
        "target": kr.target,
        "owner": kr.owner,
        "due": kr.due.isoformat() if kr.due else None,
        "confidence": kr.confidence,
        "weight": kr.weight,
        "indicator": _value(kr.indicator),
        "grade_override": kr.grade_override,
        "override_reason": kr.override_reason,
        "check_ins": [check_in_to_dict(c) for c in kr.check_ins],
    }


def objective_to_dict(obj: Objective) -> dict[str, Any]:
    return {
        "id": obj.id,
        "title": obj.title,
        "why": obj.why,
        "type": _value(obj.type),
        "owner": obj.owner,
        "parent_id": obj.parent_id,
        "weight": obj.weight,
        "key_results": [key_result_to_dict(kr) for kr in obj.key_results],
    }


def team_to_dict(team: Team) -> dict[str, Any]:
    return {
        "id": team.id,
        "name": team.name,
        "parent_id": team.parent_id,
        "objectives": [objective_to_dict(o) for o in team.objectives],
    }


def workshop_to_dict(ws: Workshop) -> dict[str, Any]:
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
        "teams": [team_to_dict(t) for t in ws.teams],
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


def check_in_from_dict(data: Any, where: str = "check_in") -> CheckIn:
    d = _fields(data, where, {"id", "on", "value", "confidence", "comment", "author", "recorded_at"})
    try:
        return CheckIn(**d)
    except TypeError as err:
        raise ValidationError(where, str(err)) from None
    except ValidationError as err:
        raise err.within(where) from None


def key_result_from_dict(data: Any, where: str = "key_result") -> KeyResult:
    allowed = set(KeyResult.__dataclass_fields__) - {"objective"}
    d = dict(_fields(data, where, allowed))
    check_ins = _list(d, "check_ins", where)
    d.pop("check_ins", None)
    try:
        kr = KeyResult(**d)
    except ValidationError as err:
        raise err.within(where) from None
    kr.check_ins = [check_in_from_dict(c, f"{where}.check_ins[{i}]") for i, c in enumerate(check_ins)]
    return kr


def objective_from_dict(data: Any, where: str = "objective") -> Objective:
    allowed = set(Objective.__dataclass_fields__) - {"team"}
    d = dict(_fields(data, where, allowed))
    krs = _list(d, "key_results", where)
    d.pop("key_results", None)
    try:
        obj = Objective(**d)
    except ValidationError as err:
        raise err.within(where) from None
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
        t = _fields(t, where, {"id", "name", "parent_id", "objectives"})
        try:
            team = Team(name=t.get("name"), parent_id=t.get("parent_id"), id=t.get("id", ""))
        except ValidationError as err:
            raise err.within(where) from None
        team.workshop = ws
        ws.teams.append(team)
        for j, o in enumerate(_list(t, "objectives", where)):
            obj = objective_from_dict(o, f"{where}.objectives[{j}]")
            obj.team = team
            team.objectives.append(obj)
    return ws
