"""The demo: a whole workshop pipeline on an embedded sample, headless."""

from __future__ import annotations

import logging
from pathlib import Path

from . import samples
from .errors import OkrWorkshopError
from .store import save

log = logging.getLogger("okr_workshop")


def run_demo(out: Path, sample: str | None = None, lang: str | None = None) -> dict[str, Path]:
    """Store the sample as a workshop file, check it, and write its outputs into ``out``."""
    from .quality import check

    name = sample or ("acme" if lang == "en" else "exempel-ab")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OkrWorkshopError(f"{out}: exists and is not a folder; choose another --out")
    out.mkdir(parents=True, exist_ok=True)
    ws = samples.load(name)
    workshop_path = out / f"{name}.okr"
    if workshop_path.exists():
        workshop_path.unlink()
    save(ws, workshop_path)
    findings = check(ws)
    for f in findings:
        print(f"{f.severity:<7} {f.rule:<28} {f.where}: {f.message}")
    json_path = out / f"{name}.json"
    json_path.write_text(ws.to_json(), encoding="utf-8")
    return {"workshop": workshop_path, "json": json_path}
