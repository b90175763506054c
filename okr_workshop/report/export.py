"""Export an executed reporting notebook to HTML with our nbconvert template, and print it to PDF.

The template ``okr_report`` lives in ``templates/okr_report`` in the repository and is installed to
``<prefix>/share/jupyter/nbconvert/templates/okr_report`` by the wheel, where
``jupyter nbconvert --template okr_report`` finds it too."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

from ..errors import MissingDependencyError, OkrWorkshopError


def _skip_slow_format_checker() -> None:
    """Keep jsonschema from importing rfc3987_syntax (about 1.5 s of grammar building at import).

    nbformat validates notebooks with jsonschema, which loads that package only
    to check "iri" string formats; the notebook schema has none. Done only when
    jsonschema is not imported yet, so nobody else's validation changes.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


TEMPLATE = "okr_report"


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def template_dirs() -> list[Path]:
    """Extra folders to search for the ``okr_report`` template (the repository checkout, when there is one)."""
    repo = Path(__file__).resolve().parents[2] / "templates"
    return [repo] if (repo / TEMPLATE / "conf.json").is_file() else []


def slug(text: str) -> str:
    """A file-name-safe ASCII form of a team name ("Kundtjänst" → "kundtjanst")."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    return out or "team"


def export_html(notebook, html_path: str | os.PathLike, lang: str = "sv", title: str | None = None) -> Path:
    """Export an executed reporting notebook (path or NotebookNode) to a self-contained HTML file."""
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
    from ..storage.outputs import write_text

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
    from ..storage.outputs import atomic_path

    # Chromium prints into a fresh private file; the finished PDF is renamed into place, so nothing is ever
    # written through a link planted at the PDF's name, and a failed print leaves the old PDF as it was.
    with atomic_path(pdf.resolve()) as printed:
        command[command.index(f"--print-to-pdf={pdf.resolve()}")] = f"--print-to-pdf={printed}"
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise OkrWorkshopError(f"{pdf}: Chromium did not finish printing within {timeout:.0f} s") from None
        if done.returncode != 0 or not printed.is_file() or printed.stat().st_size == 0:
            tail = " ".join((done.stderr or "").split())[-200:]
            raise OkrWorkshopError(f"{pdf}: Chromium could not print the report (exit {done.returncode}): {tail}")
    return pdf
