"""The headless report: run the reporting notebook with papermill and export it (``okr-workshop report``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from ..errors import OkrWorkshopError
from ..report.export import _require_chromium, export_html, print_pdf, slug

REPORT_NOTEBOOK = "03_reporting.ipynb"


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


def _where(workshop: Any) -> str:
    """A workshop file as an absolute path; a postgresql:// URL as given (the notebook opens it the same way)."""
    from ..storage.postgres import PgLocation, is_url

    if isinstance(workshop, PgLocation):
        return workshop.url
    return workshop if is_url(workshop) else str(Path(workshop).resolve())


def reporting_parameters(
    workshop_path: Path, out_dir: Path, team: str | None, lang: str | None, as_of: Any = None
) -> dict:
    """The papermill parameters of the reporting notebook."""
    return {
        "workshop_path": _where(workshop_path),
        "out_dir": str(Path(out_dir).resolve()),
        "team": team,
        "lang": lang,
        "as_of": None if as_of is None else str(as_of),
        "sample": None,
    }


def _warn_before_check_ins(ws, day) -> None:
    """Say so when the default day (today, within the period) comes before check-ins that exist."""
    later = [c.on for kr in ws.key_results for c in kr.check_ins if day < c.on <= ws.period.end]
    if later:
        import logging

        text = _BEFORE_CHECK_INS.get(ws.lang, _BEFORE_CHECK_INS["en"])
        logging.getLogger("okr_workshop").warning(
            text.format(period=ws.period.label, day=day.isoformat(), n=len(later), last=max(later).isoformat())
        )


_BEFORE_CHECK_INS = {
    "sv": "{period}: rapporten visar läget per {day}; {n} uppföljningar med senare datum räknas inte "
    "(lägg till --as-of {last} för att ta med dem)",
    "en": "{period}: the report shows the status as of {day}; {n} check-ins dated later are not counted "
    "(add --as-of {last} to count them)",
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
    ``session`` is a :class:`okr_workshop.jupyter.runner.Session` to reuse a running kernel.
    Existing report files in ``out_dir`` are replaced only with ``force`` (never the workshop or an SQLite file).
    Returns the files written, HTML first.
    """
    from ..model.validate import _date
    from ..scoring.grades import resolve_as_of
    from ..storage.store import load
    from . import discovery, runner

    ws = load(workshop_path)  # a clear error for a missing or broken file, before any kernel starts
    chosen = ws.team(team) if team else None
    if as_of is not None:
        as_of = _date("--as-of", as_of, required=True)
    else:
        _warn_before_check_ins(ws, resolve_as_of(ws.period, None))
    if pdf:
        _require_chromium()
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OkrWorkshopError(f"{out}: exists and is not a folder; choose another --out")
    out.mkdir(parents=True, exist_ok=True)
    stem = f"report-{slug(chosen.name)}" if chosen else "report"
    lang = lang or ws.lang
    params = reporting_parameters(workshop_path, out, chosen.name if chosen else None, lang, as_of)
    names = [chosen.name] if chosen else [t.name for t in ws.teams]
    bar = TeamProgress(names, progress)
    executed = out / f"{stem}.ipynb"
    from ..storage.outputs import check_output

    for target in (executed, out / f"{stem}.html", *([out / f"{stem}.pdf"] if pdf else [])):
        check_output(target, force=force, inputs=[workshop_path])
    source = discovery.notebook(REPORT_NOTEBOOK)
    if session is None:
        with runner.Session(cwd=out) as own:
            nb = own.run(source, executed, params, on_output=bar)
    else:
        nb = session.run(source, executed, params, on_output=bar)
    title = f"{ws.organisation} · {ws.period.label}" + (f" · {chosen.name}" if chosen else "")
    written = [export_html(nb, out / f"{stem}.html", lang=lang, title=title)]
    if pdf:
        written.append(print_pdf(written[0]))
    return written
