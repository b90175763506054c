"""Deprecated import path, kept for one release: everything here now lives in :mod:`okr_workshop.jupyter`
(notebooks copied by ``okr-workshop init`` before this release import it)."""

from __future__ import annotations

from .jupyter.discovery import _SHARE, NOTEBOOKS, notebook, notebooks_dir  # noqa: F401
from .jupyter.facilitator import _SAY, focus_team, open_workshop, say, set_overrides, short_errors  # noqa: F401
from .jupyter.lab import init, run_lab  # noqa: F401
from .jupyter.runner import ENGINE, Session, _register_engine, execute  # noqa: F401
from .report.export import _skip_slow_format_checker  # noqa: F401
