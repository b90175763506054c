"""The participants' drafting app: the widgets served code-free by Voilà.

``serve`` starts Voilà on this machine (or, with ``lan=True``, on the local network)
and prints the facilitator's link and one link per team; every link carries a token,
and a team's token opens that team's page only (``server.Door`` checks it). The pages themselves
live in ``pages/`` and call :mod:`okr_workshop.app.page` inside their kernels.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from .launch import (
    Launch,
    banner,
    facilitator_token,
    is_listening,
    page_url,
    prepare,
    team_token,
    token_path,
    workshop_token,
)

__all__ = [
    "Launch",
    "banner",
    "facilitator_token",
    "page_url",
    "prepare",
    "serve",
    "team_token",
    "token_path",
    "wait_ready",
    "workshop_token",
]


def wait_ready(port: int, timeout: float = 120.0, proc: subprocess.Popen | None = None) -> bool:
    """Wait until the server accepts connections on 127.0.0.1:``port``; False on timeout or when ``proc`` exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        if is_listening(port):
            return True
        time.sleep(0.2)
    return False


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


def serve(workshop_path: Path | str, port: int = 8866, lan: bool = False, open_browser: bool = False) -> int:
    """Serve the drafting app until Ctrl+C, printing the links once it answers; returns Voilà's exit code.

    workshop_path: a workshop file or a ``postgresql://`` URL.
    """
    launch = prepare(workshop_path, port=port, lan=lan)
    print(f"Startar appen … / starting the app on port {launch.port} …", flush=True)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)  # `kill` must not leave Voilà running on its own
    proc = subprocess.Popen(launch.argv, env=launch.env)
    try:
        local = f"http://127.0.0.1:{launch.port}"
        wait_ready(launch.port, timeout=120, proc=proc)
        if proc.poll() is not None:  # Voilà could not start; it has said why
            return proc.returncode or 1
        print(banner(launch), flush=True)
        if open_browser:
            import webbrowser

            webbrowser.open(page_url(local, "facilitator", token=launch.token))
        return proc.wait()
    except KeyboardInterrupt:
        proc.send_signal(signal.SIGTERM)  # OkrVoila shuts its kernels down (and kills the stragglers)
        try:
            proc.wait(timeout=20)
            return 0
        except subprocess.TimeoutExpired:
            proc.kill()
            return proc.wait()
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait()
        sys.stdout.flush()
