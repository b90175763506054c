"""The workshop day as data: agenda, participants, candidates, dots, reviews, dependencies, votes.

These are values read from (and written to) the workshop file by
``okr_workshop.day``; they hold no behaviour beyond their own invariants.
Canonical keys (``"brainstorm"``, ``"accepted"``) are stored; labels come from i18n.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any

from ..errors import ValidationError
from .validate import _date, _enum, _id, _text

MAX_DURATION = 8 * 60  # minutes: a step longer than a working day is a typing mistake


class Step(str, enum.Enum):
    """What participants do during an agenda step; their page follows it."""

    CONTEXT = "context"  # strategy context: the facilitator talks, pages show the company OKRs
    BRAINSTORM = "brainstorm"  # silent brainstorm of candidate objectives
    CLUSTER = "cluster"  # the facilitator reveals, merges and groups
    VOTE = "vote"  # dot vote
    DRAFT = "draft"  # draft key results (the drafting form)
    REVIEW = "review"  # peer review of another team's draft
    DEPENDENCIES = "dependencies"  # declare and answer dependencies
    CONFIDENCE = "confidence"  # fist-of-five and commitment
    BREAK = "break"
    WRAP_UP = "wrap_up"


class ReviewKind(str, enum.Enum):
    """One structured peer-review item: what is strong, one question, one suggestion."""

    STRONG = "strong"
    QUESTION = "question"
    SUGGESTION = "suggestion"


class Answer(str, enum.Enum):
    """Team Y's answer to "we need X from you by date"; OPEN means not answered yet."""

    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    NEGOTIATING = "negotiating"


@dataclass(slots=True, frozen=True)
class AgendaStep:
    """One step of the day: what happens (kind), a title (empty: the kind's label), minutes planned."""

    kind: Step
    minutes: int
    title: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", _enum("agenda step kind", Step, self.kind))
        minutes = self.minutes
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MAX_DURATION:
            raise ValidationError(
                f"agenda step {self.kind.value!r} minutes",
                f"expected whole minutes 1–{MAX_DURATION}, got {minutes!r:.20}",
            )
        object.__setattr__(self, "title", _text("agenda step title", self.title))

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "minutes": self.minutes, "title": self.title}


# The two default agendas the issue asks for (facilitator guides agree on the shape).
TEAM_SESSION = (  # 2 hours, one team or a few teams side by side
    AgendaStep(Step.CONTEXT, 10),
    AgendaStep(Step.BRAINSTORM, 12),
    AgendaStep(Step.CLUSTER, 10),
    AgendaStep(Step.VOTE, 8),
    AgendaStep(Step.DRAFT, 30),
    AgendaStep(Step.REVIEW, 15),
    AgendaStep(Step.DEPENDENCIES, 15),
    AgendaStep(Step.CONFIDENCE, 15),
    AgendaStep(Step.WRAP_UP, 5),
)
COMPANY_SESSION = (  # half a day, many teams
    AgendaStep(Step.CONTEXT, 20),
    AgendaStep(Step.BRAINSTORM, 15),
    AgendaStep(Step.CLUSTER, 15),
    AgendaStep(Step.VOTE, 10),
    AgendaStep(Step.BREAK, 15),
    AgendaStep(Step.DRAFT, 45),
    AgendaStep(Step.REVIEW, 25),
    AgendaStep(Step.BREAK, 10),
    AgendaStep(Step.DEPENDENCIES, 25),
    AgendaStep(Step.CONFIDENCE, 25),
    AgendaStep(Step.WRAP_UP, 15),
)
AGENDAS = {"team": TEAM_SESSION, "company": COMPANY_SESSION}


@dataclass(slots=True)
class Agenda:
    """The steps, which one runs now (None: not started) and when it started (UTC)."""

    steps: list[AgendaStep] = field(default_factory=list)
    current: int | None = None
    started_at: dt.datetime | None = None

    def step(self) -> AgendaStep | None:
        return self.steps[self.current] if self.current is not None and self.current < len(self.steps) else None

    def remaining(self, now: dt.datetime | None = None) -> dt.timedelta | None:
        """Time left of the current step (negative when over time); None when nothing runs."""
        step = self.step()
        if step is None or self.started_at is None:
            return None
        now = now or dt.datetime.now(dt.timezone.utc)
        return self.started_at + dt.timedelta(minutes=step.minutes) - now

    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.steps)


@dataclass(slots=True, frozen=True)
class Participant:
    """A device in the room: a name, or anonymous (name empty); a team id or None (the facilitator's guest)."""

    id: str
    name: str = ""
    team_id: str | None = None

    def label(self, lang: str) -> str:
        return self.name or ("anonym" if lang == "sv" else "anonymous")


@dataclass(slots=True)
class Candidate:
    """A brainstormed candidate objective (or key result, with ``objective_id``).

    author: the participant id; revealed: False while private to its author;
    merged_into: the candidate id this one was merged into (its text stays here);
    group: the facilitator's cluster label; objective_id: the draft objective it became;
    carried_from: for an unfinished objective proposed by ``okr-workshop next``, where it
    came from (previous workshop id and period, objective id, its grade), else None.
    """

    id: str
    team_id: str
    text: str
    author: str
    revealed: bool = False
    merged_into: str | None = None
    group: str = ""
    objective_id: str | None = None
    created_at: str = ""
    carried_from: dict[str, Any] | None = None


@dataclass(slots=True, frozen=True)
class ReviewItem:
    """Peer feedback from one team on another team's objective; resolved by the owning team."""

    id: str
    objective_id: str
    from_team: str
    kind: ReviewKind
    text: str
    resolution: str = ""
    resolved: bool = False


@dataclass(slots=True, frozen=True)
class Dependency:
    """Team ``from_team`` needs ``what`` from team ``to_team`` by ``due``; ``to_team`` answers."""

    id: str
    from_team: str
    to_team: str
    what: str
    due: dt.date | None = None
    answer: Answer = Answer.OPEN
    note: str = ""
    objective_id: str | None = None

    def __post_init__(self) -> None:
        _id("dependency id", self.id)
        object.__setattr__(self, "what", _text("dependency text", self.what, required=True))
        object.__setattr__(self, "due", _date("dependency due date", self.due))
        object.__setattr__(self, "answer", _enum("dependency answer", Answer, self.answer))


@dataclass(slots=True, frozen=True)
class Spread:
    """Fist-of-five votes on one objective: every vote kept, not only the mean."""

    objective_id: str
    votes: tuple[int, ...]

    @property
    def mean(self) -> float | None:
        return sum(self.votes) / len(self.votes) if self.votes else None

    @property
    def low(self) -> int | None:
        return min(self.votes) if self.votes else None

    @property
    def high(self) -> int | None:
        return max(self.votes) if self.votes else None

    def counts(self) -> dict[int, int]:
        """How many people showed each number of fingers, 1–5."""
        return {n: self.votes.count(n) for n in range(1, 6)}

    @property
    def needs_talk(self) -> bool:
        """Someone showed 1–2 fingers, or the room is split by 3 or more: talk before committing."""
        return bool(self.votes) and (min(self.votes) <= 2 or max(self.votes) - min(self.votes) >= 3)
