"""Copy the facilitator notebooks into a folder (``init``) and open JupyterLab on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..errors import OkrWorkshopError
from .discovery import NOTEBOOKS, notebooks_dir


def init(dir: str | os.PathLike, force: bool = False) -> list[Path]:
    """Copy the facilitator notebooks (and training/, when installed) into ``dir``; returns the files written.

    Existing notebooks are kept unless ``force``: a facilitator's edited copy is never overwritten silently.
    """
    target = Path(dir)
    if target.exists() and not target.is_dir():
        raise OkrWorkshopError(f"{target}: exists and is not a folder; choose another folder").coded(
            "init.not_folder", path=target
        )
    source = notebooks_dir()
    files = [source / n for n in NOTEBOOKS] + sorted((source / "training").glob("*.ipynb"))
    plan = [(f, target / f.relative_to(source)) for f in files if f.is_file()]
    clashes = [dst for _, dst in plan if dst.exists() or dst.is_symlink()]
    if clashes and not force:
        raise OkrWorkshopError(
            f"{clashes[0]}: already exists ({len(clashes)} notebook(s) in all); "
            "keep your edits, or pass --force to overwrite them"
        ).coded("init.exists", path=clashes[0], n=len(clashes))
    from ..storage.outputs import check_output

    for dst in clashes:  # never an SQLite file; a planted link is replaced, not written through
        check_output(dst, force=True)
    written = []
    for src, dst in plan:
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        written.append(dst)
    return written


def run_lab(dir: str | os.PathLike = ".", port: int = 8888) -> int:
    """Open JupyterLab on ``dir`` (blocks until JupyterLab stops); returns its exit code."""
    folder = Path(dir)
    if not folder.is_dir():
        raise OkrWorkshopError(f"{folder}: no such folder; create it with: okr-workshop init {folder}").coded(
            "init.no_folder", path=folder
        )
    command = [sys.executable, "-m", "jupyterlab", f"--notebook-dir={folder}", f"--ServerApp.port={port}"]
    start = folder / NOTEBOOKS[0]
    if start.is_file():
        command.append(f"--LabApp.default_url=/lab/tree/{NOTEBOOKS[0]}")
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 130
