"""The domain model: Workshop, Team, Objective, KeyResult, CheckIn. Pure data.

Children keep a reference to their parent (not compared, not serialised) so
that ``team.add_objective`` can default a key result's due date to the period
end and the store can find which team an objective belongs to.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..errors import NotFoundError, ValidationError
from .period import Period
from .validate import EARLIEST, LATEST, MAX_TEXT, _confidence, _date, _enum, _id, _number, _text, _weight, new_id  # noqa: F401  (re-exported: readers validate cells with the same rules)
from .validate import invalid as _invalid

JSON_FORMAT = "okr-workshop"
JSON_VERSION = 1
LANGS = ("sv", "en")
PROFILES = ("google", "percent", "zones")


class Kind(str, enum.Enum):
    """How progress of a key result is measured."""

    INCREASE = "increase"
    DECREASE = "decrease"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    MILESTONE = "milestone"


class ObjectiveType(str, enum.Enum):
    """Committed objectives are expected to reach 1.0, aspirational about 0.7."""

    COMMITTED = "committed"
    ASPIRATIONAL = "aspirational"


class Indicator(str, enum.Enum):
    """Optional tag of a key result: a leading or a lagging indicator."""

    LEADING = "leading"
    LAGGING = "lagging"


# --------------------------------------------------------------------------- entities


def _validated_texts(cls: type) -> type:
    """Validate the class's text fields (``_TEXTS``: field → name in errors) on every assignment.

    Widgets, imports and notebooks set fields directly (``obj.title = …``); the
    same ``_text`` validator then refuses control characters and lone
    surrogates with an error naming the field, before the text reaches a file,
    a workbook or a terminal. Each text field's slot gets a property whose
    getter is the slot's own (reading stays as fast) and whose setter validates;
    other fields are untouched.
    """
    for name, where in cls._TEXTS.items():
        slot = cls.__dict__[name]

        def set_text(self, value, _set=slot.__set__, _where=where):
            _set(self, _text(_where, value))

        setattr(cls, name, property(slot.__get__, set_text, doc=slot.__doc__))
    return cls


@_validated_texts
@dataclass(slots=True, eq=False)
class CheckIn:
    """One follow-up of a key result.

    on: the day the value was measured; value: the metric's value that day
    (for a milestone 1 means done, 0 not done); confidence: 1–10, how sure the
    team is to reach the target; comment and author: free text.
    """

    on: dt.date
    value: float
    confidence: int | None = None
    comment: str = ""
    author: str = ""
    id: str = ""
    recorded_at: str = ""  # UTC timestamp when it was stored; set by the store
    _TEXTS: ClassVar[dict[str, str]] = {
        "comment": "check-in comment", "author": "check-in author", "recorded_at": "check-in recorded_at"
    }  # fmt: skip

    def __post_init__(self) -> None:  # text fields are validated on assignment (_validated_texts)
        self.id = _id("check-in id", self.id)
        self.on = _date("check-in date", self.on, required=True)
        value = _number("check-in value", self.value)
        if value is None:
            raise _invalid("check-in value", "check_in.value_required")
        self.value = value
        self.confidence = _confidence("check-in confidence", self.confidence)


@_validated_texts
@dataclass(slots=True, eq=False)
class KeyResult:
    """A measurable outcome that, together with its siblings, means the objective is reached.

    text: the key result as the team writes it; metric: what is measured
    ("leads from trade fairs"); unit: "st", "%", "SEK"…; kind: how progress is
    computed; baseline: the value at the start of the period, None means not
    measured yet; target: the value to reach (for at_least/at_most the
    threshold; for a milestone 1 = done); owner: the person answerable; due:
    defaults to the period end; confidence: 1–10 at drafting; weight: share in
    the objective's grade; indicator: optional leading/lagging tag;
    grade_override/override_reason: the facilitator's end-of-quarter grade
    (the computed grade is kept alongside).
    """

    text: str = ""
    kind: Kind | str = Kind.INCREASE
    metric: str = ""
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    owner: str = ""
    due: dt.date | None = None
    confidence: int | None = None
    weight: float = 1.0
    indicator: Indicator | str | None = None
    grade_override: float | None = None
    override_reason: str = ""
    id: str = ""
    check_ins: list[CheckIn] = field(default_factory=list)
    objective: Objective | None = field(default=None, repr=False)
    _TEXTS: ClassVar[dict[str, str]] = {
        "text": "key result text", "metric": "key result metric", "unit": "key result unit",
        "owner": "key result owner", "override_reason": "key result override_reason",
    }  # fmt: skip

    def __post_init__(self) -> None:  # text fields are validated on assignment (_validated_texts)
        self.id = _id("key result id", self.id)
        self.kind = _enum("key result kind", Kind, self.kind)
        self.baseline = _number("key result baseline", self.baseline)
        self.target = _number("key result target", self.target)
        self.due = _date("key result due", self.due)
        self.confidence = _confidence("key result confidence", self.confidence)
        self.weight = _weight("key result weight", self.weight)
        self.indicator = _enum("key result indicator", Indicator, self.indicator, optional=True)
        self.grade_override = _number("key result grade_override", self.grade_override)
        if self.grade_override is not None and not 0 <= self.grade_override <= 1:
            raise _invalid("key result grade_override", "grade.range", value=f"{self.grade_override}")

    def add_check_in(
        self,
        value: Any,
        confidence: Any = None,
        on: dt.date | str | None = None,
        comment: str = "",
        author: str = "",
        id: str = "",
    ) -> CheckIn:
        """Record a check-in in memory (``store.add_check_in`` does it on the file)."""
        check_in = CheckIn(
            on=on or dt.date.today(), value=value, confidence=confidence, comment=comment, author=author, id=id
        )
        self.check_ins.append(check_in)
        return check_in

    def override(self, grade: Any, reason: str) -> None:
        """Set the facilitator's grade; the computed grade stays available."""
        grade = _number("grade override", grade)
        if grade is None:
            self.grade_override, self.override_reason = None, ""
            return
        if not 0 <= grade <= 1:
            raise _invalid("grade override", "grade.range", value=f"{grade}")
        if not str(reason or "").strip():
            raise _invalid("override reason", "grade.reason_required")
        self.grade_override, self.override_reason = grade, _text("override reason", reason)

    @property
    def history(self) -> list[CheckIn]:
        """Check-ins by measurement date (then by recording order)."""
        return sorted(self.check_ins, key=lambda c: c.on)

    @property
    def latest(self) -> CheckIn | None:
        ordered = self.history
        return ordered[-1] if ordered else None

    @property
    def team(self) -> Team | None:
        return self.objective.team if self.objective else None


@_validated_texts
@dataclass(slots=True, eq=False)
class Objective:
    """A qualitative, inspiring goal for the period: where do we want to go?

    why: the reason it matters now; type: committed or aspirational (None
    while not chosen); owner: the person answerable; parent_id: the id of the
    objective of the level above that this one supports (alignment); weight:
    its share in the team's grade.
    """

    title: str = ""
    why: str = ""
    type: ObjectiveType | str | None = None
    owner: str = ""
    parent_id: str | None = None
    weight: float = 1.0
    id: str = ""
    key_results: list[KeyResult] = field(default_factory=list)
    team: Team | None = field(default=None, repr=False)
    _TEXTS: ClassVar[dict[str, str]] = {"title": "objective title", "why": "objective why", "owner": "objective owner"}

    def __post_init__(self) -> None:  # text fields are validated on assignment (_validated_texts)
        self.id = _id("objective id", self.id)
        self.type = _enum("objective type", ObjectiveType, self.type, optional=True)
        self.parent_id = None if not self.parent_id else _id("objective parent_id", self.parent_id)
        self.weight = _weight("objective weight", self.weight)
        for kr in self.key_results:
            kr.objective = self

    def add_key_result(self, text: str = "", **fields: Any) -> KeyResult:
        """Append a key result; ``due`` defaults to the period end."""
        kr = KeyResult(text=text, **fields)
        if kr.due is None and self.team is not None and self.team.workshop is not None:
            kr.due = self.team.workshop.period.end
        kr.objective = self
        self.key_results.append(kr)
        return kr

    def remove_key_result(self, kr: KeyResult | str) -> KeyResult:
        found = _pop(self.key_results, kr, "key result")
        found.objective = None
        return found

    def move_key_result(self, kr: KeyResult | str, new_index: int) -> None:
        _move(self.key_results, kr, new_index, "key result")

    @property
    def workshop(self) -> Workshop | None:
        return self.team.workshop if self.team else None

    @property
    def parent(self) -> Objective | None:
        """The objective of the level above that this one supports, if any."""
        ws = self.workshop
        if not self.parent_id or ws is None:
            return None
        try:
            return ws.objective(self.parent_id)
        except NotFoundError:
            return None


@_validated_texts
@dataclass(slots=True, eq=False)
class Team:
    """A team (or the leadership level) with its objectives.

    parent_id: the id of the team one level up (None for the top level);
    alignment links the team's objectives to that team's objectives.
    """

    name: str
    parent_id: str | None = None
    id: str = ""
    objectives: list[Objective] = field(default_factory=list)
    workshop: Workshop | None = field(default=None, repr=False)
    _TEXTS: ClassVar[dict[str, str]] = {"name": "team name"}

    def __post_init__(self) -> None:
        self.id = _id("team id", self.id)
        self.name = _text("team name", self.name, required=True).strip()
        self.parent_id = None if not self.parent_id else _id("team parent_id", self.parent_id)
        for obj in self.objectives:
            obj.team = self

    def add_objective(self, title: str = "", **fields: Any) -> Objective:
        obj = Objective(title=title, **fields)
        obj.team = self
        self.objectives.append(obj)
        return obj

    def remove_objective(self, obj: Objective | str) -> Objective:
        found = _pop(self.objectives, obj, "objective")
        found.team = None
        return found

    def move_objective(self, obj: Objective | str, new_index: int) -> None:
        _move(self.objectives, obj, new_index, "objective")

    @property
    def parent(self) -> Team | None:
        if not self.parent_id or self.workshop is None:
            return None
        return next((t for t in self.workshop.teams if t.id == self.parent_id), None)

    @property
    def key_results(self) -> list[KeyResult]:
        return [kr for obj in self.objectives for kr in obj.key_results]


@_validated_texts
@dataclass(slots=True, eq=False)
class Workshop:
    """One OKR workshop: an organisation, a period, its teams and their OKRs.

    lang: the language participants read (sv or en); profile: the scoring
    convention (google, percent or zones); settings: facilitator choices such
    as ``min_objectives``/``max_objectives`` per team.
    """

    organisation: str
    period: Period | str
    lang: str = "sv"
    profile: str = "google"
    id: str = ""
    teams: list[Team] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    # where this copy was read from: (file, device, inode, revision), set by okr.load and okr.save;
    # okr.save refuses to overwrite a file that changed since (not part of the workshop's data)
    loaded_from: tuple | None = field(default=None, repr=False)
    _TEXTS: ClassVar[dict[str, str]] = {"organisation": "organisation"}

    def __post_init__(self) -> None:
        self.id = _id("workshop id", self.id)
        self.organisation = _text("organisation", self.organisation, required=True).strip()
        if not isinstance(self.period, Period):
            self.period = Period.parse(self.period)
        if self.lang not in LANGS:
            raise _invalid("lang", "lang.invalid", value=f"{self.lang!r:.20}")
        if self.profile not in PROFILES:
            raise _invalid("profile", "choice.invalid", choices=tuple(PROFILES), value=f"{self.profile!r:.20}")
        if not isinstance(self.settings, dict):
            raise ValidationError("settings", "expected a mapping of setting names to values")
        for team in self.teams:
            team.workshop = self

    @classmethod
    def new(cls, organisation: str, period: str = "", lang: str = "sv", profile: str = "google") -> Workshop:
        """A new, empty workshop. ``period`` such as ``2027-Q1``; default: the current quarter."""
        if not period:
            today = dt.date.today()
            period = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
        return cls(organisation=organisation, period=period, lang=lang, profile=profile)

    def add_team(self, name: str, parent: Team | str | None = None, id: str = "") -> Team:
        """Add a team; ``parent`` is the team (or its id/name) one level up."""
        parent_id = None
        if parent is not None:
            parent_id = parent.id if isinstance(parent, Team) else self.team(parent).id
        if any(t.name.casefold() == str(name).strip().casefold() for t in self.teams):
            raise _invalid("team name", "team.exists", name=repr(name))
        team = Team(name=name, parent_id=parent_id, id=id)
        team.workshop = self
        self.teams.append(team)
        return team

    def remove_team(self, team: Team | str) -> Team:
        found = self.team(team) if isinstance(team, str) else team
        self.teams.remove(found)
        found.workshop = None
        return found

    def team(self, name_or_id: str) -> Team:
        """The team with this name (case-insensitive) or id."""
        key = str(name_or_id).strip()
        for team in self.teams:
            if team.id == key or team.name.casefold() == key.casefold():
                return team
        names = ", ".join(t.name for t in self.teams) or "none yet"
        raise NotFoundError(f"no team {key!r} in the workshop; teams: {names}").coded(
            "team.not_found", name=repr(key), teams=names
        )

    def objective(self, id: str) -> Objective:
        for team in self.teams:
            for obj in team.objectives:
                if obj.id == id:
                    return obj
        raise NotFoundError(f"no objective with id {id!r} in the workshop")

    def key_result(self, id: str) -> KeyResult:
        for team in self.teams:
            for obj in team.objectives:
                for kr in obj.key_results:
                    if kr.id == id:
                        return kr
        raise NotFoundError(f"no key result with id {id!r} in the workshop")

    @property
    def objectives(self) -> list[Objective]:
        return [obj for team in self.teams for obj in team.objectives]

    @property
    def key_results(self) -> list[KeyResult]:
        return [kr for team in self.teams for kr in team.key_results]

    @property
    def has_parent_okrs(self) -> bool:
        """True when some team has a parent team that has objectives."""
        return any(t.parent is not None and t.parent.objectives for t in self.teams)

    # ------------------------------------------------------------------ JSON

    def to_dict(self) -> dict[str, Any]:
        """A versioned, JSON-ready dict of the whole workshop."""
        from .serial import workshop_to_dict

        return workshop_to_dict(self)

    @classmethod
    def from_dict(cls, data: Any) -> Workshop:
        from .serial import workshop_from_dict

        return workshop_from_dict(data)

    def to_json(self, indent: int | None = 2) -> str:
        import json

        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str) -> Workshop:
        import json

        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise ValidationError("JSON", f"line {err.lineno} column {err.colno}: {err.msg}") from None
        return cls.from_dict(data)


def _pop(items: list, item: Any, what: str):
    key = item if isinstance(item, str) else item.id
    for i, existing in enumerate(items):
        if existing.id == key:
            return items.pop(i)
    raise NotFoundError(f"no {what} with id {key!r} here")


def _move(items: list, item: Any, new_index: int, what: str) -> None:
    found = _pop(items, item, what)
    new_index = max(0, min(len(items), int(new_index)))
    items.insert(new_index, found)
