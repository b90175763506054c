"""Helpers for the browser tests: Debian's chromium through Playwright, servers on free ports.

Every server starts in its own process group bound to 127.0.0.1 and is stopped
by killing that group. Screenshots and server logs go to ``test-output/browser/``.
Without chromium the tests skip (naming the install command); with CI=true a
missing browser fails instead.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output" / "browser"
INSTALL = "sudo apt-get install chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-default-browser-check",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",  # a stray external request fails fast
]
LOCAL_ORIGINS = ("http://127.0.0.1:", "ws://127.0.0.1:")
LOCAL_SCHEMES = ("data:", "blob:", "about:")

_SERVERS = itertools.count(1)
browser_test = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]


def _missing(reason: str):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason} (CI=true: the browser tests must run; .ci/run installs chromium)")
    pytest.skip(reason)


def chromium_path(candidates: list[str | None] | None = None) -> str:
    """Path of Debian's chromium; skips the test (fails in CI) when it is not installed."""
    if candidates is None:
        candidates = [os.environ.get("OKR_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    _missing(f"chromium is not installed; install it with: {INSTALL}")


@contextlib.contextmanager
def launched_browser() -> Iterator:
    """A headless chromium (Playwright), closed afterwards."""
    path = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed; install it with: pip install -e '.[test]'")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, headless=True, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float, proc: subprocess.Popen | None = None) -> None:
    """Poll ``url`` until it answers with any HTTP status; fail with the reason after ``timeout``."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=15):
                return
        except urllib.error.HTTPError:
            return
        except OSError as err:
            last = str(err)
            time.sleep(0.25)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f}s ({last})")


class Server:
    """A server subprocess in its own process group; its output goes to a log file."""

    def __init__(self, argv: list[str], *, log_name: str, env: dict | None = None, cwd: Path | None = None):
        OUTPUT.mkdir(parents=True, exist_ok=True)
        self.log_path = OUTPUT / f"{log_name}-{os.getpid()}-{next(_SERVERS)}.log"  # one log per server start
        self._log = open(self.log_path, "w", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            argv, env=env, cwd=cwd, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait(self, url: str, timeout: float = 60.0) -> Server:
        try:
            wait_http(url, timeout, self.proc)
        except Exception as err:
            self.stop()
            raise RuntimeError(f"server did not start ({err}); its log:\n{self.log_tail()}") from None
        return self

    def descendants(self) -> list[int]:
        """Process ids started by the server, at any depth (kernels run in sessions of their own)."""
        children: dict[int, list[int]] = {}
        for proc in Path("/proc").iterdir():
            if proc.name.isdigit():
                try:
                    stat = (proc / "stat").read_text()
                except OSError:
                    continue
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(proc.name))
        found, todo = [], [self.proc.pid]
        while todo:
            for child in children.get(todo.pop(), []):
                found.append(child)
                todo.append(child)
        return found

    def kernel_pids(self) -> list[int]:
        """Process ids of the Jupyter kernels the server is running now (Linux /proc)."""
        pids = []
        for pid in self.descendants():
            try:
                if b"ipykernel_launcher" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    pids.append(pid)
            except OSError:
                continue
        return pids

    def kernels(self) -> int:
        """How many Jupyter kernels the server is running now (Linux /proc)."""
        return len(self.kernel_pids())

    def log_tail(self, lines: int = 40) -> str:
        if not self._log.closed:
            self._log.flush()
        return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the server and everything it started (its process group, and kernels in their own sessions)."""
        family = self.descendants()
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        deadline = time.monotonic() + 5
        while family and time.monotonic() < deadline:  # give the server's own kernel shutdown a moment
            family = [pid for pid in family if Path(f"/proc/{pid}").exists() and not _zombie(pid)]
            time.sleep(0.1)
        for pid in family:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        self._log.close()


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def start_app(workshop: Path, *, log_name: str = "app") -> tuple[Server, str]:
    """``okr-workshop app WORKSHOP --port N`` as a facilitator runs it; returns (server, base URL).

    ``server.launch`` is the app's :class:`~okr_workshop.app.Launch`: get the links (with their
    tokens) from ``server.launch.team_url(team)`` and ``server.launch.facilitator_url``.
    """
    from okr_workshop.app import prepare

    port = free_port()
    launch = prepare(workshop, port=port)  # the same links the command prints (the token file is shared)
    argv = [sys.executable, "-m", "okr_workshop", "app", str(workshop), "--port", str(port)]
    server = Server(argv, log_name=log_name)
    server.launch = launch
    base = f"http://127.0.0.1:{port}"
    server.wait(f"{base}/voila/static/", timeout=60)
    return server, base


def start_lab(root: Path, *, log_name: str = "lab") -> tuple[Server, str, str]:
    """``jupyter lab`` on ``root``, bound to 127.0.0.1 with a random token; returns (server, base URL, token)."""
    port = free_port()
    token = os.urandom(12).hex()
    argv = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--ServerApp.open_browser=False", "--allow-root", "--LabApp.extension_manager=readonly",
    ]  # fmt: skip
    env = dict(os.environ)
    # no user settings or saved workspaces leak into (or out of) the test
    for var, sub in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTERLAB_SETTINGS_DIR", "settings"),
                     ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"), ("IPYTHONDIR", "ipython")]:  # fmt: skip
        env[var] = str(root / ".lab-state" / sub)
        Path(env[var]).mkdir(parents=True, exist_ok=True)
    news = Path(env["JUPYTERLAB_SETTINGS_DIR"], "@jupyterlab", "apputils-extension", "notification.jupyterlab-settings")
    news.parent.mkdir(parents=True, exist_ok=True)
    news.write_text('{"fetchNews": "false", "checkForUpdates": false}', encoding="utf-8")  # no news toast, no fetch
    server = Server(argv, log_name=log_name, env=env, cwd=root)
    base = f"http://127.0.0.1:{port}"
    server.wait(f"{base}/api/status?token={token}", timeout=90)
    return server, base, token


def is_local(url: str) -> bool:
    """True when a request stays on this machine (127.0.0.1, or a data:/blob: URL)."""
    return url.startswith(LOCAL_ORIGINS) or url.startswith(LOCAL_SCHEMES)


class PageLog:
    """Records a page's requests, failed requests, console errors and uncaught exceptions."""

    def __init__(self, page):
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.bad_responses: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on(
            "response",
            lambda r: r.status >= 400 and self.bad_responses.append(f"{r.status} {r.request.method} {r.url}"),
        )
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("websocket", lambda ws: self.requests.append(ws.url))

    @property
    def external(self) -> list[str]:
        return [u for u in self.requests if not is_local(u)]


def screenshot(page, name: str, tall: bool = False) -> Path:
    """Save a full-page screenshot into test-output/browser/ and return its path.

    tall: grow the window to the content first (Voilà pages scroll inside an element, which
    a full-page screenshot does not follow); at most 8000 pixels.
    """
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
    size = page.viewport_size
    if tall and size:
        height = page.evaluate(
            "() => Math.max(...[document.documentElement, document.body, document.querySelector('#rendered_cells')]"
            ".filter(Boolean).map(e => e.scrollHeight))"
        )
        page.set_viewport_size({"width": size["width"], "height": min(max(height + 40, size["height"]), 8000)})
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        if tall and size:
            page.set_viewport_size(size)
    return path


@contextlib.contextmanager
def screenshot_on_failure(page, name: str) -> Iterator[None]:
    """Keep a screenshot of the page when the block fails, to see what the browser saw."""
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            screenshot(page, f"{name}-FAILED")
        raise


_OVERFLOW_JS = """(root) => {
  const bad = [];
  for (const form of document.querySelectorAll(root)) {
    for (const el of form.querySelectorAll('input, select, textarea')) {
      const r = el.getBoundingClientRect();
      if (!r.width) continue;  // hidden
      const name = (el.closest('[class*="okr-"]')?.className.match(/okr-[a-z-]+/g) || [el.tagName]).join(' ');
      for (let box = el.parentElement; box && box !== form.parentElement; box = box.parentElement) {
        const clips = getComputedStyle(box).overflowX !== 'visible';
        const card = box.matches('.okr-objective, .okr-key-result, .okr-checkin') || box === form;
        if (!clips && !card) continue;
        const b = box.getBoundingClientRect();
        if (r.left < b.left - 0.5 || r.right > b.right + 0.5) {
          bad.push(`${name}: [${Math.round(r.left)}, ${Math.round(r.right)}] outside ` +
                   `${box.className.split(' ').filter(c => c.startsWith('okr-') || c.startsWith('widget-')).join('.')}` +
                   ` [${Math.round(b.left)}, ${Math.round(b.right)}]`);
          break;
        }
      }
    }
  }
  return bad;
}"""


def inputs_outside_their_boxes(page, root: str) -> list[str]:
    """Inputs under ``root`` (a CSS selector) that stick out of a box that clips them or of their card."""
    return page.evaluate(_OVERFLOW_JS, root)


def wrapped_strength_labels(page) -> list[str]:
    """Strength-meter labels ("Team strength") that wrap onto more than one line."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.okr-strength > span:first-child')].filter(s => {
             const style = getComputedStyle(s), line = parseFloat(style.lineHeight);
             const one = Number.isNaN(line) ? 1.5 * parseFloat(style.fontSize) : line;  // 'normal' is ~1.2-1.5 em
             return s.getClientRects().length > 1 || s.getBoundingClientRect().height > 1.5 * one;
           }).map(s => s.textContent)"""
    )


# Marks the moment ``selector`` first appears, in the page itself (epoch milliseconds in
# window.__okrReady): the harness then looks only a few times a second, instead of asking
# every page 20 times a second, which cost ten loading pages seconds of CPU each.
_READY_SCRIPT = """(() => {
  const selector = %s;
  const mark = () => {
    if (window.__okrReady || !document.querySelector(selector)) return false;
    window.__okrReady = performance.timeOrigin + performance.now();
    return true;
  };
  const observer = new MutationObserver(() => { if (mark()) observer.disconnect(); });
  observer.observe(document, {childList: true, subtree: true});
})();"""


def open_at_once(browser, urls: list[str], selector: str, timeout: float = 300.0) -> tuple[list, list, list[float]]:
    """Open every URL at the same moment, each in a browser context of its own (one laptop each).

    Returns (contexts, pages, seconds until ``selector`` was on each page), the seconds in the
    order of ``urls``; a page that never showed it within ``timeout`` fails with the pages' state.
    Each page notes the moment itself (``_READY_SCRIPT``); the caller closes the contexts.
    """
    import json

    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in urls]
    for c in contexts:
        c.add_init_script(_READY_SCRIPT % json.dumps(selector))
    pages = [c.new_page() for c in contexts]
    start, start_epoch = time.monotonic(), time.time()
    for page, url in zip(pages, urls):
        page.goto(url, wait_until="commit", timeout=timeout * 1000)  # the request is sent; no waiting for it
    ready: dict[int, float] = {}
    while len(ready) < len(pages) and time.monotonic() - start < timeout:
        time.sleep(0.25)
        for i, page in enumerate(pages):
            if i not in ready:
                with contextlib.suppress(Exception):  # a page between documents: ask again next round
                    at = page.evaluate("() => window.__okrReady || 0")
                    if at:
                        ready[i] = at / 1000 - start_epoch
    missing = [i for i in range(len(pages)) if i not in ready]
    if missing:
        for i in missing:
            with contextlib.suppress(Exception):
                screenshot(pages[i], f"at-once-missing-{i}")
        for c in contexts:
            c.close()
        shown = ", ".join(f"{t:.0f}" for t in sorted(ready.values()))
        raise AssertionError(f"{len(missing)} of {len(urls)} pages showed no {selector} within {timeout:.0f}s "
                             f"(the others after {shown} s; load average {os.getloadavg()[0]:.1f})")  # fmt: skip
    return contexts, pages, [ready[i] for i in range(len(pages))]


def rss_mib(pids: list[int]) -> float:
    """Resident memory of these processes together, in MiB (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024
