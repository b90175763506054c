"""Where the facilitator notebooks are: the repository checkout or the installed copy."""

from __future__ import annotations

import site
import sys
from pathlib import Path

from ..errors import NotFoundError

NOTEBOOKS = ("00_start_here.ipynb", "01_setting.ipynb", "02_scoring.ipynb", "03_reporting.ipynb")


_SHARE = Path("share", "okr-workshop", "notebooks")


def notebooks_dir() -> Path:
    """The folder holding the facilitator notebooks: the repository checkout, else the installed copy."""
    candidates = [Path(__file__).resolve().parents[2] / "notebooks"]
    prefixes = [sys.prefix, sys.base_prefix, site.getuserbase(), "/usr/local", "/usr"]
    candidates += [Path(p) / _SHARE for p in prefixes if p]
    for path in candidates:
        if (path / NOTEBOOKS[-1]).is_file():
            return path
    raise NotFoundError(
        "the facilitator notebooks are not installed (looked in "
        + ", ".join(str(p) for p in candidates)
        + "); reinstall okr-workshop: pip install --force-reinstall okr-workshop"
    )


def notebook(name: str) -> Path:
    """The path of one facilitator notebook, by file name or stem ("03_reporting")."""
    name = name if name.endswith(".ipynb") else f"{name}.ipynb"
    path = notebooks_dir() / name
    if not path.is_file():
        raise NotFoundError(f"no notebook named {name}; choose one of: {', '.join(NOTEBOOKS)}")
    return path
