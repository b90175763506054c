"""The demo: the whole workshop pipeline on an embedded sample, headless.

``run_demo`` stores the sample as a workshop file with its recorded workshop day, runs the facilitator
notebooks 01–03 with papermill in one kernel (prepare and draft, check-ins
and grading, report), exports the report with the ``okr_report`` template and
writes the Excel workbook and JSON next to them.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from .. import samples
from ..day.sample import record_sample_day
from ..errors import OkrWorkshopError
from ..storage.store import save

log = logging.getLogger("okr_workshop")

STEPS = ("01_setting.ipynb", "02_scoring.ipynb", "03_reporting.ipynb")


def run_demo(out: Path, sample: str | None = None, lang: str | None = None, progress: bool = True) -> dict[str, Path]:
    """Run notebooks 01–03 on a sample into ``out``; returns {label: path} of what was written.

    ``sample`` is "exempel-ab" (Swedish, the default) or "acme" (English; also
    chosen by ``lang="en"``). Writes report.html, okrs.xlsx, <sample>.okr,
    <sample>.json and the executed notebooks.
    """
    from ..report.export import export_html
    from . import discovery, runner
    from .reporting import REPORT_NOTEBOOK, TeamProgress, reporting_parameters

    name = sample or ("acme" if lang == "en" else "exempel-ab")
    ws = samples.load(name, fresh_ids=True)  # a new workshop: its own ids, not the sample's
    lang = lang or ws.lang
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OkrWorkshopError(f"{out}: exists and is not a folder; choose another --out").coded(
            "out.not_folder", path=out
        )
    out.mkdir(parents=True, exist_ok=True)
    out = out.resolve()
    workshop_path = out / f"{name}.okr"
    for stale in [workshop_path] + [workshop_path.with_name(workshop_path.name + s) for s in ("-wal", "-shm")]:
        stale.unlink(missing_ok=True)  # the demo starts from the sample every time
    save(ws, workshop_path)
    record_sample_day(workshop_path, name)  # the sample's workshop day: the report shows how the OKRs came to be
    common = {"workshop_path": str(workshop_path), "sample": None, "lang": lang, "team": None, "out_dir": str(out)}
    parameters = {
        "01_setting.ipynb": common,
        "02_scoring.ipynb": {**common, "workbook": str(out / "okrs.xlsx"), "as_of": None, "overrides": {}},
        REPORT_NOTEBOOK: reporting_parameters(workshop_path, out, None, lang),
    }
    written: dict[str, Path] = {"workshop": workshop_path}
    bar = TeamProgress([t.name for t in ws.teams], progress)
    with runner.Session(cwd=out) as session:
        for step in STEPS:
            if progress:
                print(f"demo: running {step}", file=sys.stderr, flush=True)
            executed = out / step
            nb = session.run(discovery.notebook(step), executed, parameters[step],
                             on_output=bar if step == REPORT_NOTEBOOK else None)  # fmt: skip
            written[step.split("_", 1)[1].removesuffix(".ipynb")] = executed
    title = f"{ws.organisation} · {ws.period.label}"
    written["report"] = export_html(nb, out / "report.html", lang=lang, title=title)
    written["workbook"] = out / "okrs.xlsx"
    json_path = out / f"{name}.json"
    from ..storage.outputs import write_text
    from ..storage.store import load

    write_text(json_path, load(workshop_path).to_json())
    written["json"] = json_path
    missing = [str(p) for p in written.values() if not p.is_file()]
    if missing:
        raise OkrWorkshopError(f"demo: expected outputs were not written: {', '.join(missing)}")
    return written
