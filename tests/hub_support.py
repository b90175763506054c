"""A real JupyterHub on 127.0.0.1 for the tests and benchmarks: deploy/jupyterhub/jupyterhub_config.py in test mode.

DummyAuthenticator (any password), SimpleLocalProcessSpawner, configurable-http-proxy from npm,
the okr app as a Hub service; every port free and on 127.0.0.1. The Hub runs in a process group
of its own (``browser_support.Server``); ``Server.stop`` stops it with the proxy, the app, the
facilitators' servers and every kernel.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from browser_support import PageLog, Server, free_port, wait_http

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
APP = "okr-app"


def need_hub() -> None:
    """Skip (fail with CI=true) when JupyterHub or its proxy is missing, naming the install command."""
    ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
    missing = []
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        missing.append("jupyterhub is not installed; install it with: pip install -e '.[test]'")
    if shutil.which("configurable-http-proxy") is None:
        missing.append(
            "configurable-http-proxy is not installed; install it with: npm install -g configurable-http-proxy"
        )
    if missing and ci:
        pytest.fail(f"{missing[0]} (CI=true: .ci/run installs it)")
    if missing:
        pytest.skip(missing[0])


def start_hub(root: Path, workshop: Path, groups: dict[str, list[str]], facilitators: list[str]) -> tuple[Server, str]:
    """JupyterHub serving ``workshop`` with these Hub groups; returns (server, base URL) once the app answers."""
    groups_file = root / "groups.json"
    groups_file.write_text(json.dumps(groups), encoding="utf-8")
    port = free_port()
    env = dict(os.environ)
    env.update(
        OKR_HUB_TEST="1",
        OKR_WORKSHOP=str(workshop),
        OKR_HUB_DATA=str(root / "hub"),
        OKR_HUB_FACILITATORS=",".join(facilitators),
        OKR_HUB_GROUPS=str(groups_file),
        OKR_HUB_BIND_URL=f"http://127.0.0.1:{port}",
        OKR_HUB_INTERNAL_URL=f"http://127.0.0.1:{free_port()}",
        OKR_HUB_PROXY_API_URL=f"http://127.0.0.1:{free_port()}",
        OKR_HUB_APP_URL=f"http://127.0.0.1:{free_port()}",
        PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
        PATH=os.pathsep.join((str(Path(sys.executable).parent), os.environ.get("PATH", ""))),
    )
    argv = [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG), "--JupyterHub.log_level=INFO"]
    server = Server(argv, log_name="hub", env=env, cwd=root)
    base = f"http://127.0.0.1:{port}"
    server.wait(f"{base}/hub/health", timeout=120)
    deadline = time.monotonic() + 120  # the proxy answers 503 until the app's route is added
    while f"Adding service {APP} to proxy" not in server.log_tail(400) and time.monotonic() < deadline:
        if server.proc.poll() is not None:
            break
        time.sleep(0.3)
    try:
        wait_http(f"{base}/services/{APP}/voila/static/", timeout=60, proc=server.proc)
    except Exception as err:
        server.stop()
        raise RuntimeError(f"the app service did not start ({err}); the Hub's log:\n{server.log_tail()}") from None
    return server, base


def login(browser, base: str, user: str):
    """A browser context (one laptop) logged in to the Hub as ``user``; returns (context, page, log)."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="sv-SE")
    page = context.new_page()
    log = PageLog(page)
    page.goto(f"{base}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", "any")
    page.click("#login_submit")
    return context, page, log
