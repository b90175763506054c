"""The headless report: run the reporting notebook with papermill and export it (``okr-workshop report``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from ..errors import OkrWorkshopError
from ..i18n.catalog import LANGS, gettext, ngettext
from ..report.export import _require_chromium, export_html, print_pdf, slug

REPORT_NOTEBOOK = "03_reporting.ipynb"


class TeamProgress:
    """A progress bar across teams on stderr (tqdm), fed by the reporting notebook's per-team outputs.

    Shown only where a person waits: when ``enabled`` and stderr is a terminal (tqdm's ``disable=None``).
    """

    def __init__(self, teams: list[str], enabled: bool, lang: str = "en", file=None):
        self.bar = None
        if enabled and teams:
            from tqdm import tqdm

            self.bar = tqdm(total=len(teams), desc=gettext(_lang(lang), "report.progress_bar"), unit=" team",
                            file=file or sys.stderr, disable=None, dynamic_ncols=True)  # fmt: skip

    def __call__(self, output: dict) -> None:
        meta = (output.get("metadata") or {}).get("okr_report") or {}
        if meta.get("team") and self.bar is not None:
            self.bar.set_postfix_str(meta["team"], refresh=False)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _where(workshop: Any) -> str:
    """A workshop file as an absolute path; a postgresql:// URL as given (the notebook opens it the same way)."""
    from ..storage.postgres import PgLocation, is_url

    if isinstance(workshop, PgLocation):
        workshop = workshop.url
    if is_url(workshop):
        from ..storage.postgres import split_password

        return split_password(workshop)[0]  # the password goes to the kernel's PGPASSWORD (_password_env)
    return str(Path(workshop).resolve())


def _password_env(workshop: Any) -> dict[str, str]:
    """libpq's PGPASSWORD for the report's kernel when the URL holds a password: the executed notebook
    (report.ipynb, kept beside the report) shows the URL without it."""
    from ..storage.postgres import PgLocation, is_url, split_password

    url = workshop.url if isinstance(workshop, PgLocation) else workshop
    password = split_password(url)[1] if is_url(url) else None
    return {"PGPASSWORD": password} if password is not None else {}


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

        text = ngettext(_lang(ws.lang), "report.before_check_ins.one", "report.before_check_ins", len(later),
                        period=ws.period.label, day=day.isoformat(), last=max(later).isoformat())  # fmt: skip
        logging.getLogger("okr_workshop").warning(text)


def _lang(lang: object) -> str:
    return lang if lang in LANGS else "en"


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
        raise OkrWorkshopError(f"{out}: exists and is not a folder; choose another --out").coded(
            "out.not_folder", path=out
        )
    out.mkdir(parents=True, exist_ok=True)
    stem = f"report-{slug(chosen.name)}" if chosen else "report"
    lang = lang or ws.lang
    params = reporting_parameters(workshop_path, out, chosen.name if chosen else None, lang, as_of)
    password = _password_env(workshop_path)
    if password and session is not None:  # a kernel already running cannot be given PGPASSWORD
        params["workshop_path"] = str(getattr(workshop_path, "url", workshop_path))
    names = [chosen.name] if chosen else [t.name for t in ws.teams]
    executed = out / f"{stem}.ipynb"
    from ..storage.outputs import check_output

    for target in (executed, out / f"{stem}.html", *([out / f"{stem}.pdf"] if pdf else [])):
        check_output(target, force=force, inputs=[workshop_path])
    source = discovery.notebook(REPORT_NOTEBOOK)
    bar = TeamProgress(names, progress, lang)
    try:
        if session is None:
            with runner.Session(cwd=out, env=password) as own:
                nb = own.run(source, executed, params, on_output=bar)
        else:
            nb = session.run(source, executed, params, on_output=bar)
    finally:
        bar.close()
    title = f"{ws.organisation} · {ws.period.label}" + (f" · {chosen.name}" if chosen else "")
    written = [export_html(nb, out / f"{stem}.html", lang=lang, title=title)]
    if pdf:
        written.append(print_pdf(written[0]))
    return written
