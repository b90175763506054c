"""The report: run the reporting notebook headless, export it with our nbconvert template, print a PDF.

The pieces of the report (cover, overview, team sections, alignment tree) are
built by :mod:`okr_workshop.sections`; this module only orchestrates. The
template ``okr_report`` lives in ``templates/okr_report`` in the repository
and is installed to ``<prefix>/share/jupyter/nbconvert/templates/okr_report``
by the wheel, where ``jupyter nbconvert --template okr_report`` finds it too.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

from .errors import MissingDependencyError, OkrWorkshopError
from .sections import Part, alignment, cover, overview, sections, team_section, team_sections  # noqa: F401
from .tables import findings_table, grading_table, okr_table, score_table  # noqa: F401 - the notebooks' vocabulary

log = logging.getLogger("okr_workshop")

TEMPLATE = "okr_report"
REPORT_NOTEBOOK = "03_reporting.ipynb"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def template_dirs() -> list[Path]:
    """Extra folders to search for the ``okr_report`` template (the repository checkout, when there is one)."""
    repo = Path(__file__).resolve().parent.parent / "templates"
    return [repo] if (repo / TEMPLATE / "conf.json").is_file() else []


def slug(text: str) -> str:
    """A file-name-safe ASCII form of a team name ("Kundtjänst" → "kundtjanst")."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    return out or "team"


def export_html(notebook, html_path: str | os.PathLike, lang: str = "sv", title: str | None = None) -> Path:
    """Export an executed reporting notebook (path or NotebookNode) to a self-contained HTML file."""
    from .project import _skip_slow_format_checker

    _skip_slow_format_checker()
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(notebook), as_version=4) if not hasattr(notebook, "cells") else notebook
    if title:
        nb.metadata["title"] = title
    try:
        exporter = HTMLExporter(
            template_name=TEMPLATE,
            extra_template_basedirs=[str(p) for p in template_dirs()],
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            language_code=lang,
        )
        body, _ = exporter.from_notebook_node(nb)
    except Exception as err:  # jinja2.TemplateNotFound, nbconvert's ValueError: translate at the boundary
        if type(err).__name__ in ("TemplateNotFound", "ValueError") and TEMPLATE in str(err):
            raise MissingDependencyError(
                f"the nbconvert template {TEMPLATE!r} is not installed; reinstall okr-workshop "
                "(pip install --force-reinstall okr-workshop)"
            ) from err
        raise
    from .outputs import write_text

    return write_text(html_path, body)


def find_chromium() -> str | None:
    """The system Chromium (or Chrome) executable, or None; ``OKR_WORKSHOP_CHROMIUM`` overrides the search."""
    override = os.environ.get("OKR_WORKSHOP_CHROMIUM")
    if override is not None:
        return override if override and Path(override).is_file() and os.access(override, os.X_OK) else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _require_chromium() -> str:
    chromium = find_chromium()
    if chromium is None:
        raise MissingDependencyError(
            "--pdf needs Chromium, which is not installed; install it with: sudo apt-get install chromium "
            "(or leave out --pdf and print report.html from a browser)"
        )
    return chromium


def print_pdf(html_path: str | os.PathLike, pdf_path: str | os.PathLike | None = None, timeout: float = 120) -> Path:
    """Print an HTML report to PDF with the system Chromium, headless and offline; returns the PDF path."""
    chromium = _require_chromium()
    html_path = Path(html_path).resolve()
    pdf = Path(pdf_path) if pdf_path else html_path.with_suffix(".pdf")
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-extensions", "--no-first-run", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
        f"--print-to-pdf={pdf.resolve()}", html_path.as_uri(),
    ]  # fmt: skip
    import tempfile

    # Chromium prints into a private folder; the finished PDF is renamed into place, so nothing is ever
    # written through a link planted at the PDF's name, and a failed print leaves the old PDF as it was.
    with tempfile.TemporaryDirectory(prefix=".okr-pdf-", dir=pdf.resolve().parent) as private:
        printed = Path(private) / "report.pdf"
        command[command.index(f"--print-to-pdf={pdf.resolve()}")] = f"--print-to-pdf={printed}"
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise OkrWorkshopError(f"{pdf}: Chromium did not finish printing within {timeout:.0f} s") from None
        if done.returncode != 0 or not printed.is_file() or printed.stat().st_size == 0:
            tail = " ".join((done.stderr or "").split())[-200:]
            raise OkrWorkshopError(f"{pdf}: Chromium could not print the report (exit {done.returncode}): {tail}")
        from .outputs import _umask

        os.chmod(printed, 0o666 & ~_umask())
        os.replace(printed, pdf)
    return pdf


class TeamProgress:
    """A one-line progress bar across teams on stderr."""

    def __init__(self, teams: list[str], enabled: bool):
        self.teams, self.enabled, self.done = teams, enabled and bool(teams), 0

    def __call__(self, output: dict) -> None:
        meta = (output.get("metadata") or {}).get("okr_report") or {}
        if meta.get("team") and self.enabled:
            self.done = min(len(self.teams), self.done + 1)
            width = 20
            filled = round(width * self.done / len(self.teams))
            end = "\n" if self.done == len(self.teams) or not sys.stderr.isatty() else ""
            print(f"\rreport: [{'#' * filled}{'.' * (width - filled)}] {self.done}/{len(self.teams)} teams"
                  f" ({meta['team']})", end=end, file=sys.stderr, flush=True)  # fmt: skip


def reporting_parameters(
    workshop_path: Path, out_dir: Path, team: str | None, lang: str | None, as_of: Any = None
) -> dict:
    """The papermill parameters of the reporting notebook."""
    return {
        "workshop_path": str(Path(workshop_path).resolve()),
        "out_dir": str(Path(out_dir).resolve()),
        "team": team,
        "lang": lang,
        "as_of": None if as_of is None else str(as_of),
        "sample": None,
    }


def build_report(
    workshop_path: str | os.PathLike,
    out_dir: str | os.PathLike,
    team: str | None = None,
    pdf: bool = False,
    lang: str | None = None,
    as_of: Any = None,
    progress: bool = True,
    session=None,
    force: bool = False,
) -> list[Path]:
    """Run the reporting notebook on a workshop file and write report(-TEAM).ipynb/.html (and .pdf).

    ``team`` limits the report to one team; ``lang`` defaults to the workshop's;
    ``session`` is a :class:`okr_workshop.project.Session` to reuse a running kernel.
    Existing report files in ``out_dir`` are replaced only with ``force`` (never the workshop or an SQLite file).
    Returns the files written, HTML first.
    """
    from . import project
    from .store import load

    ws = load(workshop_path)  # a clear error for a missing or broken file, before any kernel starts
    chosen = ws.team(team) if team else None
    if pdf:
        _require_chromium()
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OkrWorkshopError(f"{out}: exists and is not a folder; choose another --out")
    out.mkdir(parents=True, exist_ok=True)
    stem = f"report-{slug(chosen.name)}" if chosen else "report"
    lang = lang or ws.lang
    params = reporting_parameters(Path(workshop_path), out, chosen.name if chosen else None, lang, as_of)
    names = [chosen.name] if chosen else [t.name for t in ws.teams]
    bar = TeamProgress(names, progress)
    executed = out / f"{stem}.ipynb"
    from .outputs import check_output

    for target in (executed, out / f"{stem}.html", *([out / f"{stem}.pdf"] if pdf else [])):
        check_output(target, force=force, inputs=[workshop_path])
    source = project.notebook(REPORT_NOTEBOOK)
    if session is None:
        with project.Session(cwd=out) as own:
            nb = own.run(source, executed, params, on_output=bar)
    else:
        nb = session.run(source, executed, params, on_output=bar)
    title = f"{ws.organisation} · {ws.period.label}" + (f" · {chosen.name}" if chosen else "")
    written = [export_html(nb, out / f"{stem}.html", lang=lang, title=title)]
    if pdf:
        written.append(print_pdf(written[0]))
    return written
