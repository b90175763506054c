"""Scoring profiles: how a grade 0.0–1.0 is banded and shown.

A profile never changes the grade itself (progress clamped to 0..1); it
changes the band a grade falls in and how the grade is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ValidationError

# Colours of bands and statuses, for tables, charts and the Excel workbook.
COLOURS = {
    "red": "#d9534f",
    "yellow": "#f0ad4e",
    "green": "#5cb85c",
    "fail": "#d9534f",
    "commit": "#f0ad4e",
    "target": "#5cb85c",
    "stretch": "#2e7d32",
    "on_track": "#5cb85c",
    "done": "#2e7d32",
    "at_risk": "#f0ad4e",
    "off_track": "#d9534f",
    "outdated": "#9e9e9e",
    "not_started": "#9e9e9e",
    "not_measurable": "#9e9e9e",
}


@dataclass(frozen=True, slots=True)
class Profile:
    """A scoring convention.

    key: canonical name; bands: (lower bound, band key) from the lowest up —
    a grade belongs to the last band whose lower bound it reaches; sweet_spot:
    the range of grades a well-set aspirational key result should land in;
    percent: write grades as percentages instead of 0.00–1.00.
    """

    key: str
    bands: tuple[tuple[float, str], ...]
    sweet_spot: tuple[float, float] | None = None
    percent: bool = False

    def band(self, grade: float | None) -> str | None:
        """The band key of a grade (None for no grade)."""
        if grade is None:
            return None
        found = self.bands[0][1]
        for lower, key in self.bands:
            if grade >= lower - 1e-9:
                found = key
        return found

    def format(self, grade: float | None) -> str:
        """The grade written the way this profile writes it ("0.65", "65 %")."""
        if grade is None:
            return "–"
        return f"{round(grade * 100):d} %" if self.percent else f"{grade:.2f}"

    def in_sweet_spot(self, grade: float | None) -> bool:
        """True when the grade lies in the profile's sweet spot (inclusive)."""
        if grade is None or self.sweet_spot is None:
            return False
        low, high = self.sweet_spot
        return low - 1e-9 <= grade <= high + 1e-9


PROFILES: dict[str, Profile] = {
    # Google: 0.0–0.3 red, 0.4–0.6 yellow, 0.7–1.0 green; 0.6–0.7 is the sweet spot.
    "google": Profile("google", ((0.0, "red"), (0.4, "yellow"), (0.7, "green")), sweet_spot=(0.6, 0.7)),
    # 100 % = done: OKRs treated as commitments, so green only when reached.
    "percent": Profile("percent", ((0.0, "red"), (0.7, "yellow"), (1.0, "green")), percent=True),
    # fail below 0.3, commit level from 0.3, target from 0.7, stretch when fully reached.
    "zones": Profile("zones", ((0.0, "fail"), (0.3, "commit"), (0.7, "target"), (1.0, "stretch"))),
}


def get_profile(profile: str | Profile | None) -> Profile:
    """The Profile for a key (None means google); a clear error for unknown keys."""
    if isinstance(profile, Profile):
        return profile
    key = "google" if profile is None else str(profile).strip().lower()
    try:
        return PROFILES[key]
    except KeyError:
        raise ValidationError("profile", f"expected one of {', '.join(PROFILES)}, got {profile!r:.20}") from None


def band(grade: float | None, profile: str | Profile | None = "google") -> str | None:
    """The band key ("red", "yellow", "green"; zones: "fail" … "stretch") of a grade."""
    return get_profile(profile).band(grade)
