"""Voilà as the app runs it: a door in front of every page, the team chooser at ``/``, kernels kept in bounds.

Run as ``python -m okr_workshop.app.server PAGES [Voilà options]`` (``launch.prepare``
builds that command line). Only this child process imports Voilà and tornado.

The door (``Door``) runs before every handler: a request whose Host header is not
one of this machine's names is refused (DNS rebinding), and a page is rendered
only for the facilitator's token or the team's own token, checked before a kernel
starts. A refused page is a short page in the workshop's language, not Jupyter's
login page. Kernels are counted per team and in total (``OkrKernelManager``).
"""

from __future__ import annotations

import datetime as dt
import hmac
import html
import logging
import os
import signal
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

from jupyter_core.utils import run_sync
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from voila.app import Voila

from ..i18n.catalog import LANGS, gettext
from ..storage.postgres import is_url
from .launch import HOSTS_ENV, LIMITS_ENV, LOCAL_NAMES, WORKSHOP_ENV, facilitator_token, read_secret, team_token
from .page import parse_request

CHOOSER = "voila/render/participant.ipynb"  # without a team= it shows the team chooser
REDIRECTED = ("", "voila/tree", "voila/tree/")  # Voilà's file lists; nobody should browse the pages folder
log = logging.getLogger("okr_workshop.app")

# Why a page is refused: the texts are the catalogue's app.denied.<reason>.
DENIED = ("team", "board", "host", "full", "team_full", "hub_board", "hub_team", "hub_none")


def _limits() -> tuple[int, int, float]:
    try:
        total, team, connect = os.environ.get(LIMITS_ENV, "").split(",")
        return int(total), int(team), float(connect)
    except ValueError:
        return 40, 6, 60.0


class Workshop:
    """What the door needs from the workshop file: the secret, the language, team name -> id (cached)."""

    def __init__(self, path: str | None):
        self.path = (path if is_url(path) else Path(path)) if path else None  # a file, or a URL without password
        self.secret = read_secret(self.path) if self.path else None
        self.lang = "sv"
        self.ids: dict[str, str] = {}
        self.names: dict[str, str] = {}  # casefolded -> as written
        self._loaded = 0.0
        self._lock = threading.Lock()
        self.reload(force=True)

    def reload(self, force: bool = False) -> None:
        """Re-read the teams (a team may have been added); at most once a second, whatever is asked."""
        if self.path is None or (not force and time.monotonic() - self._loaded < 1.0):
            return
        with self._lock:
            self._loaded = time.monotonic()
            try:
                from ..storage.store import load

                ws = load(self.path)
            except Exception as err:  # the page itself says what is wrong with the file
                log.warning("%s: %s", self.path, err)
                return
            self.lang = ws.lang if ws.lang in LANGS else "sv"
            self.ids = {t.name.strip().casefold(): t.id for t in ws.teams}
            self.names = {t.name.strip().casefold(): t.name for t in ws.teams}

    def team_id(self, name: str) -> str | None:
        key = name.strip().casefold()
        if key not in self.ids:
            self.reload()
        return self.ids.get(key)


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8", "replace"), b.encode("utf-8", "replace"))


def host_name(host_header: str) -> str:
    """The name in a Host header, without the port; IPv6 without brackets; lower case."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class Door:
    """Decides, for one request, whether it may pass; shared by every handler.

    hub: behind JupyterHub (``app.hub``), the Hub's OAuth (a ``HubOAuth``); a page then passes for
    the user's groups (``check_hub``), never for a token in the link.
    """

    def __init__(self, workshop: Workshop, hosts: list[str], kernels: OkrKernelManager | None = None, hub=None):
        self.workshop = workshop
        self.hosts = {h.strip().lower() for h in hosts if h.strip()} or set(LOCAL_NAMES)
        self.kernels = kernels
        self.hub = hub

    def needs_user(self, request) -> bool:
        """True when the request opens a page (behind the Hub: the user must be known first)."""
        return self.hub is not None and "/voila/render/" in request.path

    def check_hub(self, request, user: dict | None) -> tuple[int, str, str] | None:
        """The door behind JupyterHub: (302, team name, lang) sends a participant to their own team's page;
        (401, "login", lang) to the Hub's login; else as ``check``."""
        from .hub import access, settings

        lang = self._lang(request)
        path = request.path
        if "/voila/api/contents" in path or "/voila/query/" in path:
            return 404, "team", lang
        if "/voila/render/" not in path:
            return None  # static files; kernels and their sockets need the kernel's random id
        if user is None:
            return 401, "login", lang
        allowed = access(user, *settings())
        if allowed.facilitator:
            return self._room(None, lang)
        if allowed.team is None or self.workshop.team_id(allowed.team) is None:
            return 403, "hub_none", lang
        if not path.endswith("participant.ipynb"):
            return 403, "hub_board", lang
        team = parse_request({"QUERY_STRING": request.query}).team
        if team is None:
            return 302, self.workshop.names.get(allowed.team, allowed.team), lang
        if team.strip().casefold() != allowed.team:
            return 403, "hub_team", lang
        return self._room(allowed.team, lang)

    def check(self, request) -> tuple[int, str, str] | None:
        """None to let the ``request`` pass, else (status, reason key, language)."""
        lang = self._lang(request)
        if host_name(request.host or "") not in self.hosts:
            return 403, "host", lang
        path = request.path
        if "/voila/query/" in path and request.remote_ip not in ("127.0.0.1", "::1"):
            return 403, "host", lang  # a preheated kernel asks here for its request; nobody else
        if "/voila/api/contents" in path:
            return 404, "team", lang
        if "/voila/render/" not in path:
            return None  # static files; kernels and their sockets need the kernel's random id
        secret = self.workshop.secret
        token = (parse_qs(request.query).get("token") or [""])[0]
        if not secret or not token:
            return 403, "board" if path.endswith("facilitator.ipynb") else "team", lang
        if _same(token, facilitator_token(secret)):
            return self._room(None, lang)
        if not path.endswith("participant.ipynb"):
            return 403, "board", lang
        team = parse_request({"QUERY_STRING": request.query}).team
        team_id = self.workshop.team_id(team) if team else None
        if team_id is None or not _same(token, team_token(secret, team_id)):
            return 403, "team", lang
        return self._room(team.strip().casefold(), lang)

    def _room(self, team: str | None, lang: str) -> tuple[int, str, str] | None:
        if self.kernels is None:
            return None
        full = self.kernels.admit(team)
        return None if full is None else (503, full, lang)

    def _lang(self, request) -> str:
        asked = parse_request({"QUERY_STRING": request.query}).lang
        return asked or self.workshop.lang


def denied_page(reason: str, lang: str, per_team: int = 0) -> str:
    """A short page in the workshop's language (the other language below it), no scripts."""
    order = [lang, "en" if lang == "sv" else "sv"]
    parts = []
    for code in order:
        heading = gettext(code, "app.denied.title") if reason == "team" else "OKR"
        text = gettext(code, f"app.denied.{reason}", n=per_team)
        parts.append(f'<section lang="{code}"><h1>{html.escape(heading)}</h1><p>{html.escape(text)}</p></section>')
    first = gettext(lang, f"app.denied.{reason}", n=per_team)
    title = gettext(lang, "app.denied.title") if reason == "team" else first.split(".")[0]
    return (
        f'<!DOCTYPE html><html lang="{order[0]}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title>"
        f"<style>body{{font-family:sans-serif;max-width:40em;margin:3em auto;padding:0 1em;line-height:1.5}}"
        f"section+section{{color:#555;border-top:1px solid #ddd;margin-top:2em}}</style></head>"
        f'<body class="okr-app-denied">{"".join(parts)}</body></html>'
    )


def guarded(cls: type, door: Door) -> type:
    """``cls`` with the door in front: refused requests get the short page and never reach ``cls``."""

    class Guarded(cls):
        def prepare(self):
            if door.hub is not None:
                return self._prepare_hub()
            refused = door.check(self.request)
            if refused is not None:
                return self._refuse(*refused)
            return super().prepare()

        def _refuse(self, status: int, reason: str, lang: str) -> None:
            self.set_status(status)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            per_team = door.kernels.per_team if door.kernels else 0
            self.finish(denied_page(reason, lang, per_team))

        async def _prepare_hub(self):
            user = await door.hub.get_user(self, sync=False) if door.needs_user(self.request) else None
            refused = door.check_hub(self.request, user)
            if refused is not None:
                status, reason, lang = refused
                if status == 401:
                    return self.redirect(hub_login_url(door.hub, self))
                if status == 302:  # a participant's own team page (the chooser lists every team)
                    self.set_header("Cache-Control", "no-store")
                    return self.redirect(f"{self.request.path}?{urlencode({'team': reason, 'lang': lang})}")
                return self._refuse(status, reason, lang)
            result = super().prepare()
            if result is not None and hasattr(result, "__await__"):
                await result

        def on_finish(self):
            if door.kernels is not None and "/voila/render/" in self.request.path:
                door.kernels.request_done()
            return super().on_finish()

    Guarded.__name__ = Guarded.__qualname__ = f"Guarded{cls.__name__}"
    return Guarded


def hub_login_url(hub, handler) -> str:
    """The Hub's OAuth login for this request (state in a cookie, the page to come back to)."""
    from tornado.httputil import url_concat

    params = {}
    verifier = None
    if getattr(hub, "pkce_enabled", False):
        verifier, challenge, method = hub.generate_pkce_code_challenge()
        params.update(code_challenge=challenge, code_challenge_method=method)
    state = hub.set_state_cookie(
        handler, next_url=handler.request.uri, **({"code_verifier": verifier} if verifier else {})
    )
    params["state"] = state
    return url_concat(hub.login_url, params)


def log_request(handler: web.RequestHandler) -> None:
    """Tornado's access log without query strings: the tokens in the links never reach a log line."""
    status = handler.get_status()
    if status < 400:
        return  # at our WARN level only failures are shown
    request = handler.request
    level = logging.WARNING if status < 500 else logging.ERROR
    logging.getLogger("tornado.access").log(
        level, "%d %s %s (%s) %.2fms", status, request.method, request.path, request.remote_ip,
        1000.0 * request.request_time(),
    )  # fmt: skip


class ChooserRedirect(web.RequestHandler):
    """``/`` (and Voilà's file list) → the team chooser; ``lang`` and ``token`` are kept."""

    def initialize(self, target: str) -> None:
        self.target = target

    def get(self) -> None:
        kept = [(k, v) for k in ("lang", "token") for v in self.get_arguments(k)[:1]]
        self.redirect(self.target + (f"?{urlencode(kept)}" if kept else ""))

    head = get


def chooser_handlers(server_url: str) -> list[tuple]:
    """Tornado rules sending the root URL and the file list to the chooser."""
    base = "/" + server_url.strip("/") + "/" if server_url.strip("/") else "/"
    target = base + CHOOSER
    return [(base + path + "$", ChooserRedirect, {"target": target}) for path in REDIRECTED]


class OkrKernelManager(AsyncMappingKernelManager):
    """Voilà's kernels, counted: at most ``total`` and ``per_team`` at once, and a kernel that no
    browser connects to within ``connect_timeout`` seconds of its last activity is shut down."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.total, self.per_team, self.connect_timeout = _limits()
        self.team_of: dict[str, str | None] = {}  # kernel id -> team (casefolded), None for the facilitator
        self.connected: set[str] = set()  # kernels a browser has connected to at least once
        self.pending: list[tuple[float, str | None]] = []  # pages admitted whose kernel has not started

    def _pending(self) -> list[tuple[float, str | None]]:
        now = time.monotonic()
        self.pending = [(t, team) for t, team in self.pending if now - t < 120]
        return self.pending

    def admit(self, team: str | None) -> str | None:
        """Reserve a kernel for a page of ``team``; None when there is room, else the reason it is full."""
        pending = self._pending()
        if len(self._kernels) + len(pending) >= self.total:
            return "full"
        if team is not None:
            mine = sum(1 for k in self._kernels if self.team_of.get(k) == team)
            if mine + sum(1 for _, t in pending if t == team) >= self.per_team:
                return "team_full"
        pending.append((time.monotonic(), team))
        return None

    def request_done(self) -> None:
        """A page request ended: if its kernel never started, give its place back."""
        self._pending()

    async def start_kernel(self, *args, **kwargs):
        kernel_id = await super().start_kernel(*args, **kwargs)
        env = kwargs.get("env") or {}
        request = parse_request({"QUERY_STRING": env.get("QUERY_STRING", "")})
        team = request.team.strip().casefold() if request.team else None
        self.team_of[kernel_id] = team
        for i, (_, t) in enumerate(self.pending):
            if t == team:
                del self.pending[i]
                break
        return kernel_id

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        self.team_of.pop(kernel_id, None)
        self.connected.discard(kernel_id)
        return await super().shutdown_kernel(kernel_id, *args, **kwargs)

    def notify_connect(self, kernel_id):
        self.connected.add(kernel_id)
        return super().notify_connect(kernel_id)

    async def cull_kernel_if_idle(self, kernel_id):
        kernel = self._kernels.get(kernel_id)
        if kernel is None:
            return
        never = kernel_id not in self.connected and not self._kernel_connections.get(kernel_id, 0)
        last = getattr(kernel, "last_activity", None)
        if never and last is not None and kernel_id in self.team_of:
            idle = (dt.datetime.now(dt.timezone.utc) - last).total_seconds()
            if idle > self.connect_timeout and getattr(kernel, "execution_state", "") != "busy":
                self.log.warning("Shutting down kernel %s: no page connected to it within %d s", kernel_id, idle)
                await self.shutdown_kernel(kernel_id)
                return
        await super().cull_kernel_if_idle(kernel_id)


class _NoTrustNotice(logging.Filter):
    """Drop "Notebook … is not trusted": every page run prints it, and the app's pages hold no outputs to trust."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "is not trusted" not in record.getMessage()


def _hub_oauth():
    """The Hub's OAuth client when the app runs as a JupyterHub service (``app.hub``), else None.

    The Hub's API token is read here and removed from the environment, so the pages' kernels never see it.
    """
    from .hub import HUB_ENV

    if os.environ.get(HUB_ENV) != "1":
        return None
    from jupyterhub.services.auth import HubOAuth

    hub = HubOAuth.instance(cache_max_age=60)
    assert hub.api_token and hub.oauth_client_id, "JupyterHub's service environment is missing"
    for name in ("JUPYTERHUB_API_TOKEN", "JPY_API_TOKEN"):
        os.environ.pop(name, None)
    return hub


class OkrVoila(Voila):
    """Voilà with the door in front of every handler and ``/`` going to the team chooser."""

    def init_settings(self) -> dict:
        settings = super().init_settings()
        settings["log_function"] = log_request
        door = self._door()
        hosts = door.hosts
        # the door checks Host; on this machine only, Jupyter's own check is a second lock. Behind the
        # Hub the proxy forwards the public name, and a page needs the Hub's cookie for this service,
        # which a DNS-rebinding page does not have.
        settings["allow_remote_access"] = door.hub is not None or not hosts <= set(LOCAL_NAMES)
        settings["local_hostnames"] = sorted(hosts)
        if door.hub is not None:
            settings["hub_auth"] = door.hub
        return settings

    def _door(self) -> Door:
        if getattr(self, "_okr_door", None) is None:
            kernels = self.kernel_manager if isinstance(self.kernel_manager, OkrKernelManager) else None
            hosts = os.environ.get(HOSTS_ENV, ",".join(LOCAL_NAMES)).split(",")
            self._okr_door = Door(Workshop(os.environ.get(WORKSHOP_ENV)), hosts, kernels, hub=_hub_oauth())
        return self._okr_door

    def init_handlers(self) -> list:
        door = self._door()
        rules = []
        for rule in chooser_handlers(self.server_url) + super().init_handlers():
            pattern, cls, *rest = rule
            rules.append((pattern, guarded(cls, door), *rest))
        if door.hub is not None:
            from jupyterhub.services.auth import HubOAuthCallbackHandler

            callback = urlparse(door.hub.oauth_redirect_uri).path
            rules.insert(0, (callback, HubOAuthCallbackHandler))
        return rules

    def start(self) -> None:
        self.log.addFilter(_NoTrustNotice())  # the facilitator's terminal shows the links, not noise
        signal.signal(signal.SIGINT, self._handle_signal_stop)  # Ctrl+C too: stop the loop, then the kernels
        super().start()

    def stop(self) -> None:
        """Shut every kernel down (Voilà's own stop), and kill any that does not go within a few seconds."""
        pids = [getattr(k.provisioner, "pid", None) for k in list(self.kernel_manager._kernels.values())]
        try:
            run_sync(self.kernel_manager.shutdown_all)(now=True)
        except Exception as err:  # noqa: BLE001 - whatever happened, the kernels must not outlive us
            self.log.warning("kernel shutdown: %s", err)
        for pid in filter(None, pids):
            try:
                if b"ipykernel" in Path(f"/proc/{pid}/cmdline").read_bytes():  # still our kernel, not a reused id
                    os.kill(pid, signal.SIGKILL)
            except (OSError, ProcessLookupError):
                pass
        import shutil

        shutil.rmtree(self.connection_dir, ignore_errors=True)


main = OkrVoila.launch_instance

if __name__ == "__main__":
    main()
