"""Run notebooks headless with papermill: one kernel per ``Session``, every output to a callback."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import MissingDependencyError, OkrWorkshopError
from ..report.export import _skip_slow_format_checker

ENGINE = "okr_workshop"


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

    def __init__(
        self, cwd: str | os.PathLike | None = None, kernel_name: str = "python3", env: dict[str, str] | None = None
    ):
        self.cwd = str(cwd) if cwd is not None else None
        self.kernel_name = kernel_name
        self.env = env  # added to this process's environment for the kernel (e.g. libpq's PGPASSWORD)
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
            extra = {"env": {**os.environ, **self.env}} if self.env else {}
            run_sync(self.km.start_kernel)(cwd=self.cwd, extra_arguments=["--HistoryManager.enabled=False"], **extra)
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
