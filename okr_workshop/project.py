"""The workshop project: the facilitator notebooks, where they live, and running them headless.

The notebooks' one source is ``notebooks/`` in the repository; a wheel installs
them under ``<prefix>/share/okr-workshop/notebooks`` (pyproject data-files).
``Session`` runs several notebooks with papermill in one kernel, so pandas and
matplotlib are imported once per run instead of once per notebook.
"""

from __future__ import annotations

import logging
import os
import shutil
import site
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import MissingDependencyError, NotFoundError, OkrWorkshopError, ValidationError

log = logging.getLogger("okr_workshop")

# The notebooks' one-line status messages, in the workshop's language ({n} is a count, {path} a file).
_SAY = {
    "findings": {"sv": ("1 anmärkning", "{n} anmärkningar"), "en": ("1 finding", "{n} findings")},
    "no_workbook": {
        "sv": ("Ingen arbetsbok att läsa in (sätt workbook i parametercellen)",) * 2,
        "en": ("No workbook to import (set workbook in the parameters cell)",) * 2,
    },
    "wrote": {"sv": ("Skrev {path}",) * 2, "en": ("Wrote {path}",) * 2},
}


def say(key: str, lang: str = "sv", n: int | None = None, **values: Any) -> str:
    """A notebook status line in ``lang`` (sv/en), singular when ``n`` is 1: ``say("findings", "sv", n=2)``."""
    one, many = _SAY[key]["sv" if lang == "sv" else "en"]
    return (one if n == 1 else many).format(n=n, **values)


NOTEBOOKS = ("00_start_here.ipynb", "01_setting.ipynb", "02_scoring.ipynb", "03_reporting.ipynb")
_SHARE = Path("share", "okr-workshop", "notebooks")
ENGINE = "okr_workshop"


def _skip_slow_format_checker() -> None:
    """Keep jsonschema from importing rfc3987_syntax (about 1.5 s of grammar building at import).

    nbformat validates notebooks with jsonschema, which loads that package only
    to check "iri" string formats; the notebook schema has none. Done only when
    jsonschema is not imported yet, so nobody else's validation changes.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


def notebooks_dir() -> Path:
    """The folder holding the facilitator notebooks: the repository checkout, else the installed copy."""
    candidates = [Path(__file__).resolve().parent.parent / "notebooks"]
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


def init(dir: str | os.PathLike, force: bool = False) -> list[Path]:
    """Copy the facilitator notebooks (and training/, when installed) into ``dir``; returns the files written.

    Existing notebooks are kept unless ``force``: a facilitator's edited copy is never overwritten silently.
    """
    target = Path(dir)
    if target.exists() and not target.is_dir():
        raise OkrWorkshopError(f"{target}: exists and is not a folder; choose another folder")
    source = notebooks_dir()
    files = [source / n for n in NOTEBOOKS] + sorted((source / "training").glob("*.ipynb"))
    plan = [(f, target / f.relative_to(source)) for f in files if f.is_file()]
    clashes = [dst for _, dst in plan if dst.exists() or dst.is_symlink()]
    if clashes and not force:
        raise OkrWorkshopError(
            f"{clashes[0]}: already exists ({len(clashes)} notebook(s) in all); "
            "keep your edits, or pass --force to overwrite them"
        )
    from .outputs import check_output

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
        raise OkrWorkshopError(f"{folder}: no such folder; create it with: okr-workshop init {folder}")
    command = [sys.executable, "-m", "jupyterlab", f"--notebook-dir={folder}", f"--ServerApp.port={port}"]
    start = folder / NOTEBOOKS[0]
    if start.is_file():
        command.append(f"--LabApp.default_url=/lab/tree/{NOTEBOOKS[0]}")
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 130


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
    ``sample`` (or the sample for ``lang``).
    """
    from . import samples
    from .model import Workshop
    from .store import load, new_file

    path = Path(workshop_path)
    if not path.exists() and not path.is_symlink():
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
        else:
            ws = samples.load(sample or ("acme" if lang == "en" else "exempel-ab"))
        path.parent.mkdir(parents=True, exist_ok=True)
        new_file(path, ws)
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


# --------------------------------------------------------------------------- running notebooks


def _register_engine() -> None:
    """Register a papermill engine whose client reports every output to an ``on_output`` callback."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.utils import merge_kwargs, remove_args
    from traitlets import Any as AnyTrait

    if ENGINE in papermill_engines._engines:
        return

    class _Client(PapermillNotebookClient):
        on_output = AnyTrait(None, allow_none=True)

        def execute(self, **kwargs):
            try:
                return super().execute(**kwargs)
            finally:
                if not self.owns_km and self.kc is not None:  # a shared kernel: close only our channels
                    self.kc.stop_channels()
                    self.kc = None

        def output(self, outs, msg, display_id, cell_index):
            out = super().output(outs, msg, display_id, cell_index)
            if out is not None and self.on_output is not None:
                self.on_output(out)
            return out

    class _Engine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                     stderr_file=None, start_timeout=60, execution_timeout=None, **kwargs):  # fmt: skip
            kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
            final = merge_kwargs(
                kwargs, timeout=execution_timeout, startup_timeout=start_timeout, kernel_name=kernel_name,
                log=logging.getLogger("papermill"), log_output=log_output, stdout_file=stdout_file,
                stderr_file=stderr_file,
            )  # fmt: skip
            return _Client(nb_man, **final).execute()

    papermill_engines.register(ENGINE, _Engine)


class Session:
    """Run notebooks one after the other with papermill, in one kernel started in ``cwd``.

    Use as a context manager; the kernel is shut down on exit. Each notebook
    still sets everything it needs from its own parameters.
    """

    def __init__(self, cwd: str | os.PathLike | None = None, kernel_name: str = "python3"):
        self.cwd = str(cwd) if cwd is not None else None
        self.kernel_name = kernel_name
        self.km = None
        self._sockets = ""

    def __enter__(self) -> Session:
        _skip_slow_format_checker()
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self._sockets = tempfile.mkdtemp(prefix="okr-kernel-")
        # IPC sockets in a private folder: no open TCP port, no plain-text warning, nothing left in cwd
        self.km = AsyncKernelManager(kernel_name=self.kernel_name, transport="ipc", ip=os.path.join(self._sockets, "k"))
        try:
            run_sync(self.km.start_kernel)(cwd=self.cwd, extra_arguments=["--HistoryManager.enabled=False"])
        except Exception as err:  # no such kernel, kernel failed to start
            raise MissingDependencyError(
                f"could not start the Jupyter kernel {self.kernel_name!r} ({err}); "
                "install it with: python -m pip install ipykernel"
            ) from err
        return self

    def __exit__(self, *exc: object) -> None:
        from jupyter_core.utils import run_sync

        if self.km is not None:
            run_sync(self.km.shutdown_kernel)(now=True)
            self.km = None
        shutil.rmtree(self._sockets, ignore_errors=True)

    def run(
        self,
        source: str | os.PathLike,
        output: str | os.PathLike,
        parameters: dict[str, Any],
        on_output: Callable[[dict], None] | None = None,
    ):
        """Execute ``source`` with ``parameters`` into ``output`` (an .ipynb); returns the executed notebook."""
        return execute(source, output, parameters, km=self.km, cwd=self.cwd, on_output=on_output)


def execute(
    source: str | os.PathLike,
    output: str | os.PathLike,
    parameters: dict[str, Any],
    km=None,
    cwd: str | os.PathLike | None = None,
    on_output: Callable[[dict], None] | None = None,
):
    """Execute one notebook with papermill (its own kernel unless ``km`` is given); returns the executed notebook.

    A failing cell raises OkrWorkshopError naming the notebook, the error and where the executed copy is.
    """
    if km is None:  # a kernel of its own, over private IPC sockets, shut down afterwards
        with Session(cwd=cwd) as session:
            return session.run(source, output, parameters, on_output=on_output)
    _skip_slow_format_checker()
    import papermill
    from papermill.exceptions import PapermillExecutionError

    _register_engine()
    try:
        return papermill.execute_notebook(
            str(source), str(output), parameters=parameters, engine_name=ENGINE, progress_bar=False,
            cwd=str(cwd) if cwd is not None else None, km=km, on_output=on_output,
            kernel_name="python3", start_timeout=120,
        )  # fmt: skip
    except PapermillExecutionError as err:
        raise OkrWorkshopError(
            f"{Path(source).name}: cell {err.exec_count} failed with {err.ename}: {err.evalue}; "
            f"the executed notebook with the full traceback is {output}"
        ) from None


def focus_team(ws, team: str | None = None) -> str | None:
    """The team a notebook works on: ``team`` if given, else the first team below the top, else the first team."""
    if team:
        return ws.team(team).name
    candidates = [t for t in ws.teams if t.parent_id] or list(ws.teams)
    return candidates[0].name if candidates else None


def set_overrides(workshop_path: str | os.PathLike, overrides: dict[str, Any]) -> int:
    """Store end-of-quarter grade overrides: {key result id or exact text: [grade, reason]}; returns how many.

    A reason is required; a grade of None clears an override. Unknown key
    results raise NotFoundError naming them.
    """
    from .store import load, open_store

    if not overrides:
        return 0
    ws = load(workshop_path)
    by_text = {kr.text: kr.id for kr in ws.key_results}
    ids = {kr.id for kr in ws.key_results}
    with open_store(workshop_path) as store:
        for key, value in overrides.items():
            kr_id = key if key in ids else by_text.get(key)
            if kr_id is None:
                raise NotFoundError(f"{workshop_path}: overrides: no key result with id or text {key!r:.60}")
            grade, reason = (value, "") if not isinstance(value, (list, tuple)) else (list(value) + [""])[:2]
            try:
                store.set_override(kr_id, grade, reason)
            except ValidationError as err:
                raise ValidationError(f"{workshop_path}: overrides[{key!r:.60}]", err.problem) from None
    return len(overrides)
