"""What the facilitator notebooks call: open or create the workshop, pick the team, store grade
overrides, and one-line status messages in the workshop's language."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from ..errors import NotFoundError, OkrWorkshopError
from ..i18n import N_, gettext, ngettext

log = logging.getLogger("okr_workshop")


# The notebooks' one-line status messages, in the catalogue ({n} is a count, {path} a file): (singular, plural).
_SAY = {
    "findings": (N_("say.findings.one"), N_("say.findings")),
    "no_workbook": (N_("say.no_workbook"),),
    "wrote": (N_("say.wrote"),),
}


def say(key: str, lang: str = "sv", n: int | None = None, **values: Any) -> str:
    """A notebook status line in ``lang`` (sv/en), singular or plural by ``n``: ``say("findings", "sv", n=2)``."""
    lang = "sv" if lang == "sv" else "en"
    msgids = _SAY[key]
    if len(msgids) == 2:
        return ngettext(lang, *msgids, n if n is not None else 0, **values)
    return gettext(lang, msgids[0], n=n, **values)


def open_workshop(
    workshop_path: str | os.PathLike,
    sample: str | None = None,
    lang: str | None = None,
    organisation: str | None = None,
    period: str | None = None,
    teams: list[str] | tuple[str, ...] = (),
    new: bool = False,
):
    """The workshop in ``workshop_path``; with ``new=True``, created first when the file does not exist.

    A missing file is an error unless ``new`` is set: a mistyped path must
    never turn into a fresh copy of a sample. A new file holds a new workshop
    when ``organisation`` is given (with ``period`` and ``teams``: the first
    team is the company level, the others report to it), else a copy of
    ``sample`` (or the sample for ``lang``) with its recorded workshop day.
    """
    from .. import samples
    from ..model.entities import Workshop
    from ..storage.store import exists, load, location_of, new_file

    path = location_of(workshop_path)  # a file, or a postgresql:// URL
    if not exists(path) and not (isinstance(path, Path) and path.is_symlink()):
        if not new:
            raise NotFoundError(
                f"Workshopfilen {path} finns inte: kontrollera workshop_path i parameterrutan, eller sätt"
                f" new_workshop = True för att skapa en ny · No workshop file {path}: check workshop_path in the"
                " parameters cell, or set new_workshop = True to create a new one"
            )
        if organisation:
            if not period:
                raise OkrWorkshopError(
                    f'{path}: en ny workshop behöver en period, t.ex. period = "2027-Q1" · '
                    f'a new workshop needs a period, e.g. period = "2027-Q1"'
                )
            ws = Workshop.new(organisation, period=period, lang=lang or "sv")
            top = ws.add_team(teams[0]) if teams else None
            for name in teams[1:]:
                ws.add_team(name, parent=top)
        else:  # a new workshop: its own ids, not the sample's
            sample = sample or ("acme" if lang == "en" else "exempel-ab")
            ws = samples.load(sample, fresh_ids=True)
        if isinstance(path, Path):
            path.parent.mkdir(parents=True, exist_ok=True)
        new_file(path, ws)
        if not organisation:  # the sample's recorded workshop day comes along, as in the demo
            from ..day.sample import record_sample_day

            record_sample_day(path, sample)
        log.info("created %s (%s)", path, ws.organisation)
    return load(path)


def short_errors() -> None:
    """In a notebook, show an OkrWorkshopError as its message (it already says what to do), not a traceback.

    The cell still fails (papermill and Run All stop there); other exceptions keep their full traceback.
    """
    import builtins

    get_ipython = getattr(builtins, "get_ipython", None)  # set by IPython in a kernel; no import of IPython here
    shell = get_ipython() if get_ipython else None
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return

    def show(shell, etype, value, tb, tb_offset=None):
        shell._showtraceback(etype, value, [f"\x1b[31m{etype.__name__}\x1b[0m: {value}"])

    shell.set_custom_exc((OkrWorkshopError,), show)


def focus_team(ws, team: str | None = None) -> str | None:
    """The team a notebook works on: ``team`` if given, else the first team below the top, else the first team."""
    if team:
        return ws.team(team).name
    candidates = [t for t in ws.teams if t.parent_id] or list(ws.teams)
    return candidates[0].name if candidates else None


def set_overrides(workshop_path: str | os.PathLike, overrides: Any, lang: str | None = None) -> int:
    """Store end-of-quarter grade overrides; returns how many.

    ``overrides``: lines ``KR text or id = 0,7 : reason`` (``= -`` clears one), or a dict
    ``{key result id or text: [grade, reason]}``. A reason is required; nothing is written when
    one entry is wrong, and the error names the entry in ``lang`` (default: the workshop's language).
    """
    from .overrides import apply

    return apply(workshop_path, overrides, lang)
