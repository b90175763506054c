"""Jupyter: where the facilitator notebooks are, init/lab, the papermill runner, the headless report
and the demo. The public names of the old ``project`` module are re-exported here."""

from __future__ import annotations

from .discovery import NOTEBOOKS, notebook, notebooks_dir  # noqa: F401
from .facilitator import focus_team, open_workshop, say, set_overrides  # noqa: F401
from .lab import init, run_lab  # noqa: F401
from .runner import ENGINE, Session, execute  # noqa: F401

__all__ = ["ENGINE", "execute", "focus_team", "init", "notebook", "NOTEBOOKS", "notebooks_dir", "open_workshop", "run_lab", "say", "Session", "set_overrides"]  # fmt: skip
