"""The report: its parts (cover, overview, team sections, alignment), narrative, charts, facilitator
tables, and the HTML/PDF export.

This package's namespace also keeps everything the old module ``okr_workshop.report`` offered, for
one release (notebooks copied by ``okr-workshop init`` import it); ``build_report`` and its helpers
now live in :mod:`okr_workshop.jupyter.reporting` and are loaded from there on first use."""

from __future__ import annotations

from .export import CHROMIUM_NAMES, TEMPLATE, export_html, find_chromium, print_pdf, slug, template_dirs  # noqa: F401
from .parts import Part, alignment, cover, overview, sections, team_section, team_sections  # noqa: F401
from .tables import findings_table, grading_table, okr_table, score_table  # noqa: F401

__all__ = ["alignment", "build_report", "CHROMIUM_NAMES", "cover", "export_html", "find_chromium", "findings_table", "grading_table", "okr_table", "overview", "Part", "print_pdf", "REPORT_NOTEBOOK", "reporting_parameters", "score_table", "sections", "slug", "team_section", "team_sections", "TeamProgress", "TEMPLATE", "template_dirs"]  # fmt: skip

# loaded on first use: they live in a package above this one
_MOVED = {
    "REPORT_NOTEBOOK": "okr_workshop.jupyter.reporting",
    "TeamProgress": "okr_workshop.jupyter.reporting",
    "build_report": "okr_workshop.jupyter.reporting",
    "reporting_parameters": "okr_workshop.jupyter.reporting",
}


def __getattr__(name: str):
    if name in _MOVED:
        import importlib

        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
