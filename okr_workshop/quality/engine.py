"""The engine: walk a workshop, team, objective or key result and collect Findings."""

from __future__ import annotations

from typing import Any

from ..errors import ValidationError
from ..i18n.catalog import N_, gettext
from ..i18n.labels import kind_label
from ..model.entities import MAX_TEXT, KeyResult, Objective, Team, Workshop
from ..model.validate import invalid
from . import checks
from . import text as tx
from .analysis import Analysis, analyse
from .catalogue import rule
from .findings import Finding

_SEP = " › "
_INDICATORS = {"leading": N_("label.indicator.leading"), "lagging": N_("label.indicator.lagging")}
_TEXT_WHERE = {"objective": N_("quality.where.objective"), "key_result": N_("quality.where.key_result")}


class _Ctx:
    __slots__ = ("lang", "text_lang", "ignore", "max_words", "min_objectives", "max_objectives", "out")

    def __init__(self, lang: str, ws: Workshop | None, options: dict[str, Any]):
        settings = dict(ws.settings) if ws is not None else {}
        settings.update(options)
        self.lang = lang  # the language of messages
        self.text_lang = ws.lang if ws is not None else lang  # the language participants write in
        self.ignore = frozenset(settings.get("ignore", ()))
        self.max_words = int(settings.get("max_objective_words", checks.MAX_OBJECTIVE_WORDS))
        self.min_objectives = int(settings.get("min_objectives", 2))
        self.max_objectives = int(settings.get("max_objectives", 4))
        self.out: list[Finding] = []

    def add(self, hits, where: str, target_id: str | None) -> None:
        for rule_id, details in hits:
            if rule_id in self.ignore:
                continue
            if details.get("indicator") in _INDICATORS:
                details = {**details, "indicator": gettext(self.lang, _INDICATORS[details["indicator"]])}
            if "kind" in details:
                details = {**details, "kind": kind_label(details["kind"], self.lang)}
            self.out.append(rule(rule_id).finding(self.lang, where, target_id, **details))


def _lang(value: str | None, ws: Workshop | None, sample: str) -> str:
    if value in tx.LANGS:
        return value
    if value not in (None, "auto"):
        raise invalid("lang", "choice.invalid", value=f"{value!r:.20}", choices=("sv", "en", "auto"))
    if ws is not None:  # inside a workshop its language wins: nothing is guessed, not even for "auto"
        return ws.lang
    return tx.guess_lang(sample)


def _workshop_of(target) -> Workshop | None:
    if isinstance(target, Workshop):
        return target
    if isinstance(target, Team):
        return target.workshop
    if isinstance(target, (Objective, KeyResult)):
        return (
            target.workshop
            if isinstance(target, Objective)
            else (target.objective.workshop if target.objective else None)
        )
    return None


def _a(text: str, lang: str) -> Analysis:
    return analyse(tx.clean(text), lang)


def _obj_where(obj: Objective) -> str:
    team = obj.team
    if team is None:
        return "O1"
    index = next((i for i, o in enumerate(team.objectives) if o is obj), 0)
    return f"{team.name}{_SEP}O{index + 1}"


def _kr_where(kr: KeyResult, obj_where: str | None = None, index: int | None = None) -> str:
    obj = kr.objective
    if obj is None:
        return "KR1"
    if index is None:
        index = next((i for i, k in enumerate(obj.key_results) if k is kr), 0)
    return f"{obj_where or _obj_where(obj)}{_SEP}KR{index + 1}"


def _check_kr(ctx: _Ctx, kr: KeyResult, where: str, a: Analysis) -> None:
    has_target = kr.target is not None or kr.kind.value == "milestone"
    ctx.add(checks.key_result_text(a, has_target=has_target, kind=kr.kind.value), where, kr.id)
    ctx.add(checks.key_result_fields(kr, a), where, kr.id)


def _check_objective(ctx: _Ctx, obj: Objective, where: str) -> None:
    a = _a(obj.title, ctx.text_lang)
    ctx.add(checks.objective_text(a, ctx.max_words), where, obj.id)
    ctx.add(checks.objective_fields(obj, a), where, obj.id)
    analyses = [_a(kr.text, ctx.text_lang) for kr in obj.key_results]
    set_hits = checks.key_result_set(obj, analyses)
    ctx.add([h for i, h in set_hits if i is None], where, obj.id)
    for i, (kr, ka) in enumerate(zip(obj.key_results, analyses)):
        kr_where = f"{where}{_SEP}KR{i + 1}"
        _check_kr(ctx, kr, kr_where, ka)
        ctx.add([h for j, h in set_hits if j == i], kr_where, kr.id)


def _check_team(ctx: _Ctx, team: Team) -> None:
    ctx.add(checks.team(team, ctx.min_objectives, ctx.max_objectives), team.name, team.id)
    for i, obj in enumerate(team.objectives):
        _check_objective(ctx, obj, f"{team.name}{_SEP}O{i + 1}")


def check(target, *, lang: str | None = None, **options: Any) -> list[Finding]:
    """Quality findings for a Workshop, Team, Objective or KeyResult.

    lang: the language of the messages, sv, en or auto (default and auto:
    the workshop's; guessed from the text only when the target belongs to
    no workshop). Texts are read in the workshop's language, never guessed. options: ``ignore`` (rule ids),
    ``min_objectives``/``max_objectives`` per team, ``max_objective_words``;
    the workshop's ``settings`` supply defaults.
    """
    ws = _workshop_of(target)
    if ws is None and not isinstance(target, (Team, Objective, KeyResult)):
        raise ValidationError(
            "check", f"expected a Workshop, Team, Objective or KeyResult, got {type(target).__name__}"
        )
    sample = getattr(target, "title", None) or getattr(target, "text", None) or ""
    ctx = _Ctx(_lang(lang, ws, sample), ws, options)
    if isinstance(target, Workshop):
        ctx.add(checks.workshop(target), target.organisation, target.id)
        for team in target.teams:
            _check_team(ctx, team)
    elif isinstance(target, Team):
        _check_team(ctx, target)
    elif isinstance(target, Objective):
        _check_objective(ctx, target, _obj_where(target))
    else:
        _check_kr(ctx, target, _kr_where(target), _a(target.text, ctx.text_lang))
    return ctx.out


def check_text(text: str | None, kind: str = "objective", lang: str = "sv") -> list[Finding]:
    """Quality findings for one free text: ``kind`` objective or key_result, ``lang`` sv, en or auto."""
    if text is not None and not isinstance(text, str):
        raise invalid("text", "text.type", type=type(text).__name__, value=f"{text!r:.40}")
    if text is not None and len(text) > MAX_TEXT:
        raise invalid("text", "text.too_long", length=len(text), limit=MAX_TEXT)
    kind = {"kr": "key_result", "key-result": "key_result"}.get(kind, kind)
    if kind not in ("objective", "key_result"):
        raise invalid("kind", "check.kind", value=f"{kind!r:.30}")
    cleaned = tx.clean(text)
    lang = _lang(lang, None, cleaned)
    a = analyse(cleaned, lang)
    ctx = _Ctx(lang, None, {})
    hits = checks.objective_text(a) if kind == "objective" else checks.key_result_text(a)
    ctx.add(hits, gettext(lang, _TEXT_WHERE[kind]), None)
    return ctx.out
