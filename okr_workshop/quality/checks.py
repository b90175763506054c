"""The checks: pure functions from model objects (or text) to (rule id, details) pairs.

They never raise on a bad OKR and never print. ``engine.py`` turns the pairs
into Findings with a location and the workshop's language.
"""

from __future__ import annotations

from .analysis import Analysis
from .shape import from_to_any
from .text import as_typed


def as_typed_word(text: str, word: str) -> str:
    """``word`` (lower case) as typed in ``text``."""
    i = text.lower().find(word)
    return text[i : i + len(word)] if i >= 0 else word


Hit = tuple[str, dict]
MAX_OBJECTIVE_WORDS = 20
SHORT_OBJECTIVE_WORDS = 5  # words besides numbers: up to this, a number in an objective is its target


def objective_text(a: Analysis, max_words: int = MAX_OBJECTIVE_WORDS) -> list[Hit]:
    """Rules that look only at an objective's text."""
    if a.empty:
        return [("objective-empty", {})]
    hits: list[Hit] = []
    if a.single:
        hits.append(("objective-vague", {"word": a.single}))
    elif a.generic:
        hits.append(("objective-generic", {"word": a.generic}))
    elif a.comparative:
        hits.append(("objective-generic", {"word": a.comparative}))
    if a.words > max_words:
        hits.append(("objective-too-long", {"count": a.words, "max": max_words}))
    number = as_typed(a.text, a.period_free_number) if a.period_free_number else None
    words = sum(not t[0].isdigit() for t in a.normal.split())
    if number:
        # "Nå 500 nya kunder", "Öka intäkterna med 30 %": a number and a few words is a target, not a direction.
        # In a longer sentence that says where to go, a number is a detail published pages accept as often as not.
        # A baseline and a target ("from $15000 to $25000") make it a key result at any length.
        soft = {"severity": "info"} if words > SHORT_OBJECTIVE_WORDS and not from_to_any(a.text) else {}
        hits.append(("objective-number", {"word": number, **soft}))
    # A change and a metric, at most with its target, and nothing else ("Grow revenue", "Increase revenue by
    # 30 %") is a metric in disguise. With words saying where, for whom or why, published pages call such
    # objectives good as often as bad: objective-number (info) then points at a number, without a warning.
    if a.bare_metric:
        # With its target in a longer sentence ("Increase revenue by 15 % in the next quarter") published pages call
        # it good as often as bad: a hint then, as objective-number is; a short one stays a warning.
        soft = {"severity": "info"} if number and words > SHORT_OBJECTIVE_WORDS else {}
        hits.append(("objective-metric", {"word": f"{a.change} … {a.metric}" if a.metric else a.bare_metric, **soft}))
    if a.bau:
        hits.append(("objective-bau", {"word": a.bau}))
    elif a.activity_first:
        hits.append(("objective-task", {"word": a.activity_first}))
    elif a.short_task:
        hits.append(("objective-task", {"word": as_typed_word(a.text, a.short_task)}))
    return hits


HOLD_KINDS = ("at_least", "at_most")
_KEEPING = (
    "keep",
    "kept",
    "maintain",
    "sustain",
    "uphold",
    "behåll",
    "bibehåll",
    "upprätthåll",
    "vidmakthåll",
    "hålla kvar",
)


def key_result_text(a: Analysis, has_target: bool = False, kind: str | None = None) -> list[Hit]:
    """Rules that look only at a key result's text.

    ``has_target`` when a structured target is set; ``kind`` the key result's
    kind when known: a hold kind (at_least, at_most) says on purpose that a
    value is kept, so business-as-usual wording is not flagged then.
    """
    if a.empty:
        return [("kr-empty", {})]
    hits: list[Hit] = []
    if a.placeholder and not has_target:
        hits.append(("kr-placeholder", {"word": a.placeholder}))
    elif not a.number and not has_target:
        if a.state and not (a.activity or a.verb_first or a.vague):
            # "The whole web app is available in German": a state reached, measured as done / not done
            if kind != "milestone":
                hits.append(("kr-binary", {}))
        else:
            hits.append(("kr-not-measurable", {}))
    if (a.activity or a.verb_first) and a.deadline:
        # a task with a date to finish it by is a milestone ("Introduce the new onboarding process by June 30"):
        # a hint that it gives no partial credit, not a warning; published pages call these good as often as bad
        if kind != "milestone":  # a milestone's fields say it already
            hits.append(("kr-binary", {}))
    elif a.activity:
        hits.append(("kr-activity", {"word": as_typed_word(a.text, a.activity)}))
    elif a.verb_first:
        hits.append(("kr-activity", {"word": as_typed_word(a.text, a.verb_first)}))
    elif a.output:
        hits.append(("kr-output", {"word": a.output}))
    # keeping a stated level ("Behålla 90 % av våra bästa medarbetare") is a threshold: a guardrail or a
    # commitment, not business as usual; "as today", "continue" stay business as usual with a number too
    if a.bau and kind not in HOLD_KINDS and not (a.number and a.bau.startswith(_KEEPING)):
        hits.append(("kr-bau", {"word": a.bau}))
    if a.compound:
        hits.append(("kr-compound", {"word": a.compound}))
    if a.relative and not has_target:
        hits.append(("kr-relative-no-baseline", {"word": a.relative}))
    if a.vague and not a.number and not has_target:
        hits.append(("kr-vague", {"word": a.vague}))
    if a.from_to and not has_target:
        hits.extend(_direction(a, *a.from_to, kind=None))
    return hits


def _direction(a: Analysis | None, baseline: float, target: float, kind: str | None) -> list[Hit]:
    if kind is None and a is not None:
        kind = _stated_direction(a)
    if kind not in ("increase", "decrease"):
        return []
    if baseline == target:
        return [("kr-target-equals-baseline", {"target": _num(target)})]
    if (kind == "increase") != (target > baseline):
        return [("kr-direction", {"kind": kind, "baseline": _num(baseline), "target": _num(target)})]
    return []


def _stated_direction(a: Analysis) -> str | None:
    """The direction the text's own words give ("minska", "rises"): increase, decrease, or None when they do not."""
    return "decrease" if a.down and not a.up else "increase" if a.up and not a.down else None


def _text_against_kind(a: Analysis, baseline: float, target: float, kind: str) -> list[Hit]:
    """The text's from–to against the kind field while baseline and target are empty: the kind is then most
    often the form's default ("increase") that nobody chose, and the text ("Minska väntetiden från 4 till 2")
    is right: a warning that they disagree, not the red direction error that filled-in fields deserve. When the
    text contradicts itself ("Öka NPS från 30 till 4"), ``key_result_text`` says so already."""
    if baseline == target:
        return []
    own = _stated_direction(a)
    if own is not None and (own == "increase") != (target > baseline):
        return []
    if (kind == "increase") == (target > baseline):
        return []
    return [("kr-text-kind-disagree", {"kind": kind, "baseline": _num(baseline), "target": _num(target)})]


def _same(text: tuple[float, float], fields: tuple[float, float]) -> bool:
    """The text's from/to equals the fields, also when one says 40 % and the other 0.4."""
    return any(abs(text[0] * f - fields[0]) < 1e-9 and abs(text[1] * f - fields[1]) < 1e-9 for f in (1, 0.01, 100))


def _num(value: float) -> str:
    return f"{value:g}"


def key_result_fields(kr, a: Analysis) -> list[Hit]:
    """Rules on a key result's structured fields (kind, baseline, target, owner, due, confidence)."""
    if a.empty:
        return []
    hits: list[Hit] = []
    kind = kr.kind.value
    baseline, target = kr.baseline, kr.target
    if kind in ("increase", "decrease"):
        if baseline is None and a.from_to is None:
            hits.append(("kr-no-baseline", {}))
        if baseline is not None and target is not None:
            hits.extend(_direction(None, baseline, target, kind))
            if a.from_to is not None and not _same(a.from_to, (baseline, target)):
                hits.append(
                    (
                        "kr-text-fields-disagree",
                        {
                            "text": f"{_num(a.from_to[0])} → {_num(a.from_to[1])}",
                            "fields": f"{_num(baseline)} → {_num(target)}",
                        },
                    )
                )
        elif a.from_to is not None:
            hits.extend(_text_against_kind(a, *a.from_to, kind))
    if kind == "milestone":
        hits.append(("kr-binary", {}))
    elif target is None and a.number:  # without a number at all, kr-not-measurable says it already
        hits.append(("kr-target-only-in-text", {}))
    obj = kr.objective
    if not kr.owner.strip() and not (obj is not None and obj.owner.strip()):
        hits.append(("kr-no-owner", {}))
    ws = obj.workshop if obj is not None else None
    if kr.due is not None and ws is not None and not ws.period.contains(kr.due):
        hits.append(("kr-due-outside-period", {"due": kr.due.isoformat(), "period": ws.period.label}))
    if ws is not None:
        outside = sorted({c.on for c in kr.check_ins if not ws.period.contains(c.on)})
        if outside:  # one finding per key result, naming the first date: enough to send them looking
            hits.append(("kr-check-in-outside-period", {"on": outside[0].isoformat(), "period": ws.period.label}))
    if kr.confidence == 10 and not kr.check_ins:
        hits.append(("kr-confidence-10", {}))
    return hits


def key_result_set(obj, analyses: list[Analysis]) -> list[tuple[int | None, Hit]]:
    """Rules on an objective's set of key results: (index of the key result or None, hit)."""
    krs = obj.key_results
    out: list[tuple[int | None, Hit]] = []
    n = len(krs)
    if n == 0:
        return [(None, ("krs-none", {}))]
    if n < 3 or n > 5:
        out.append((None, ("krs-count", {"count": n})))
    if all(kr.kind.value == "milestone" for kr in krs):
        out.append((None, ("krs-all-binary", {})))
    seen: dict[str, str] = {}
    for i, (kr, a) in enumerate(zip(krs, analyses)):
        if a.empty:
            continue
        # the same words with other numbers measure the same thing twice
        key = " ".join(t for t in a.normal.split() if not t[0].isdigit()) or a.normal
        if key in seen:
            out.append((i, ("krs-duplicate", {"other": seen[key]})))
        else:
            seen[key] = kr.text.strip()
    tags = {kr.indicator.value if kr.indicator else None for kr in krs}
    if n >= 2 and len(tags) == 1 and None not in tags:
        out.append((None, ("krs-one-sided-indicators", {"indicator": _indicator_word(tags.pop())})))
    return out


def _indicator_word(tag: str) -> str:
    return tag  # translated by the engine


def objective_fields(obj, a: Analysis) -> list[Hit]:
    """Rules on an objective's fields and alignment (type, parent)."""
    hits: list[Hit] = []
    if obj.type is None:
        hits.append(("objective-type-missing", {}))
    team = obj.team
    parent_team = team.parent if team is not None else None
    if parent_team is not None and parent_team.objectives:
        parent = obj.parent
        if parent is None:
            hits.append(("objective-not-aligned", {"parent": parent_team.name}))
        elif not a.empty and _restates(a.normal, parent.title):
            hits.append(("objective-copies-parent", {"parent": parent.title.strip()}))
    return hits


def _restates(normal: str, parent_title: str) -> bool:
    from .text import normalise

    other = normalise(parent_title)
    if not other:
        return False
    if normal == other:
        return True
    mine, theirs = set(normal.split()), set(other.split())
    return len(mine) >= 3 and len(mine & theirs) / len(mine | theirs) >= 0.85


def team(team, min_objectives: int = 2, max_objectives: int = 4) -> list[Hit]:
    """Rules on a team as a whole."""
    n = len(team.objectives)
    if n < min_objectives or n > max_objectives:
        return [("team-objective-count", {"count": n, "min": min_objectives, "max": max_objectives})]
    return []


def workshop(ws) -> list[Hit]:
    """Rules on the workshop as a whole."""
    return [] if ws.teams else [("workshop-no-teams", {})]
