"""How the participants' app is started: Voilà's command line, environment, token and links.

Nothing here imports Voilà, ipywidgets or IPython: ``okr-workshop app`` builds the
command line here and runs Voilà as a child process.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import secrets
import socket
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

from ..errors import OkrWorkshopError, WorkshopFileError

log = logging.getLogger("okr_workshop")

HERE = Path(__file__).parent
PAGES = HERE / "pages"  # Voilà's root folder: only the two app notebooks live there
SHARE = HERE / "share"  # prepended to JUPYTER_PATH so Voilà finds the "okr" template
TEMPLATE = "okr"
WORKSHOP_ENV = "OKR_WORKSHOP"  # the kernels read the workshop path from here
TOKEN_SUFFIX = ".token"
LOCAL_IP = "127.0.0.1"
LAN_IP = "0.0.0.0"
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,128}$")


@dataclasses.dataclass(frozen=True)
class Launch:
    """Everything needed to start the app server.

    argv: Voilà's command line; env: its environment; host: the address people
    type into their browser; token: None when serving on this machine only.
    """

    argv: list[str]
    env: dict[str, str]
    workshop: Path
    port: int
    bind: str
    host: str
    token: str | None
    teams: list[str]

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def team_url(self, team: str) -> str:
        """The link one team opens: its own drafting form."""
        return page_url(self.base_url, "participant", team=team, token=self.token)

    @property
    def facilitator_url(self) -> str:
        """The facilitator's board."""
        return page_url(self.base_url, "facilitator", token=self.token)


def page_url(base_url: str, page: str, team: str | None = None, token: str | None = None) -> str:
    """URL of an app page; the team name and token are percent-encoded."""
    query = {}
    if team is not None:
        query["team"] = team
    if token:
        query["token"] = token
    url = f"{base_url.rstrip('/')}/voila/render/{page}.ipynb"
    return f"{url}?{urlencode(query, quote_via=quote)}" if query else url


def token_path(workshop: Path) -> Path:
    """The side file next to the workshop that keeps its app token across restarts."""
    return workshop.with_name(workshop.name + TOKEN_SUFFIX)


def workshop_token(workshop: Path) -> str:
    """This workshop's app token: read from its side file, or created there (mode 600) on first use."""
    path = token_path(workshop)
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as err:
        raise OkrWorkshopError(f"{path}: cannot read the app token ({err}); delete the file to make a new one") from err
    if _TOKEN_RE.match(text):
        return text
    if text:
        log.warning("%s: not a valid token; writing a new one", path)
    token = secrets.token_urlsafe(16)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(token + "\n")
    except OSError as err:
        raise OkrWorkshopError(f"{path}: cannot write the app token ({err}); check the folder's permissions") from err
    return token


def lan_address() -> str:
    """This machine's address on the local network (the one a default route would use), else 127.0.0.1."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("10.254.254.254", 1))  # UDP connect sends nothing; it only picks the interface
        return s.getsockname()[0]
    except OSError:
        try:
            return socket.gethostbyname(socket.gethostname())
        except OSError:
            return LOCAL_IP
    finally:
        s.close()


def is_listening(port: int, host: str = LOCAL_IP) -> bool:
    """True when something accepts connections on ``host:port`` (Voilà listens once it is ready)."""
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def check_port(port: int, bind: str) -> None:
    """Raise a clear error when the port is out of range or already taken."""
    if not 1 <= port <= 65535:
        raise OkrWorkshopError(f"--port {port}: choose a port between 1024 and 65535, e.g. --port 8866")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((bind, port))
        except OSError as err:
            raise OkrWorkshopError(f"--port {port}: the port is in use or not allowed ({err.strerror}); "
                                   f"choose another with --port N") from err  # fmt: skip


def _team_names(workshop: Path) -> list[str]:
    from ..storage.store import load

    return [team.name for team in load(workshop).teams]


def prepare(workshop_path: Path, port: int = 8866, lan: bool = False, bind: str | None = None) -> Launch:
    """Check the workshop and port, and build Voilà's command line, environment and links.

    lan: listen on every interface (0.0.0.0) and require the workshop's token;
    bind: listen on this address instead (tests use the token on 127.0.0.1).
    """
    workshop = Path(workshop_path).expanduser().resolve()
    if not workshop.is_file():
        raise WorkshopFileError(f"{workshop_path}: no such workshop file; create one with `okr-workshop new`")
    teams = _team_names(workshop)  # raises WorkshopFileError for a file that is not a workshop
    bind = bind or (LAN_IP if lan else LOCAL_IP)
    check_port(port, bind)
    token = workshop_token(workshop) if lan else None
    argv = [
        sys.executable, "-m", "okr_workshop.app.server", str(PAGES),  # Voilà, with / going to the team chooser
        "--no-browser",
        f"--port={port}",
        "--Voila.port_retries=0",
        f"--Voila.ip={bind}",
        f"--template={TEMPLATE}",
        "--theme=light",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--Voila.log_level=WARN",
        # Voilà shuts a page's kernel down when the page closes, with a POST that carries the _xsrf
        # cookie, but standalone Voilà never sets that cookie: the POST got 403 and every reload
        # left a kernel behind. The other POST/DELETE endpoints need a kernel's random id, so the
        # check protects nothing here. Kernels of laptops that went to sleep are culled after 30 min.
        "--Voila.tornado_settings=disable_check_xsrf=True",
        "--MappingKernelManager.cull_idle_timeout=1800",
        "--MappingKernelManager.cull_interval=120",  # our banner has the links; Voilà's own "running at" line would confuse
        f"--token={token or ''}",
    ]  # fmt: skip
    env = dict(os.environ)
    env[WORKSHOP_ENV] = str(workshop)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(SHARE), os.environ.get("JUPYTER_PATH", "")) if p)
    env["PYTHONUNBUFFERED"] = "1"
    host = lan_address() if bind == LAN_IP else bind
    return Launch(argv, env, workshop, port, bind, host, token, teams)


def banner(launch: Launch) -> str:
    """What ``okr-workshop app`` prints: the links, and on the network a warning (sv + en)."""
    lines = []
    if launch.token:
        lines += [
            "VARNING: appen nås från det lokala nätverket. Alla som har en länk nedan kan ändra utkasten.",
            "WARNING: the app is reachable from the local network. Anyone with a link below can edit the drafts.",
            f"Token: {token_path(launch.workshop)} (delete it to make new links / radera filen för nya länkar)",
            "",
        ]
    else:
        lines += ["Bara den här datorn / this computer only (use --lan to invite participants' laptops)", ""]
    lines.append(f"Facilitator: {launch.facilitator_url}")
    width = max((len(t) for t in launch.teams), default=0)
    for team in launch.teams:
        shown = "".join(c if c.isprintable() else "?" for c in team)  # participant text: no terminal escapes
        lines.append(f"  {shown.ljust(width)}  {launch.team_url(team)}")
    lines.append("Stop with Ctrl+C / Avsluta med Ctrl+C")
    return "\n".join(lines)
