"""Sample workshops: ``load("exempel-ab")`` (Swedish), ``load("acme")`` (English), and ``generate()``."""

from __future__ import annotations

from ..errors import NotFoundError
from ..model.entities import Workshop

_SAMPLES = {"exempel-ab": "exempel_ab", "acme": "acme"}


def names() -> list[str]:
    """The names ``load`` accepts."""
    return list(_SAMPLES)


def load(name: str) -> Workshop:
    """A fresh copy of a sample workshop: ``"exempel-ab"`` (sv) or ``"acme"`` (en)."""
    key = str(name).strip().lower().replace("_", "-").replace(" ", "-")
    if key not in _SAMPLES:
        raise NotFoundError(f"no sample named {name!r}; choose one of: {', '.join(_SAMPLES)}")
    from importlib import import_module

    return import_module(f".{_SAMPLES[key]}", __name__).workshop()


def generate(teams: int = 10, seed: int = 0, lang: str = "en", check_ins_per_kr: int = 5) -> Workshop:
    """A synthetic workshop for benchmarks: a leadership team plus ``teams`` teams of 4 objectives × 5 key results."""
    from .synthetic import generate as _generate

    return _generate(teams=teams, seed=seed, lang=lang, check_ins_per_kr=check_ins_per_kr)
