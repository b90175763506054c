"""How the participants' app is started: Voilà's command line, environment, token and links.

Nothing here imports Voilà, ipywidgets or IPython: ``okr-workshop app`` builds the
command line here and runs Voilà as a child process.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import errno
import hashlib
import hmac
import logging
import os
import re
import secrets
import socket
import stat
import sys
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote, urlencode

from ..errors import OkrWorkshopError, WorkshopFileError
from ..storage.postgres import is_url, parse, split_password

log = logging.getLogger("okr_workshop")

HERE = Path(__file__).parent
PAGES = HERE / "pages"  # Voilà's root folder: only the two app notebooks live there
SHARE = HERE / "share"  # prepended to JUPYTER_PATH so Voilà finds the "okr" template
TEMPLATE = "okr"
WORKSHOP_ENV = "OKR_WORKSHOP"  # the kernels read the workshop path from here
HOSTS_ENV = "OKR_APP_HOSTS"  # the server answers only to these Host names
LIMITS_ENV = "OKR_APP_LIMITS"  # kernels in total, per team, seconds to connect
STATE_ENV = "OKR_APP_STATE"  # where the secrets of workshops on a server are kept (default: XDG state folder)
TOKEN_SUFFIX = ".token"
LOCAL_IP = "127.0.0.1"
LAN_IP = "0.0.0.0"
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,128}$")
LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")  # the Host header a browser on this machine sends
# Voilà's executor gives up on a cell's output after iopub_timeout seconds (4 by default): with ten
# pages opened at once on 2 cores, draining a team form's widget messages took up to 50 s, and the
# pages stayed blank. The timeout is a cap, not a wait: a page that is ready is sent at once.
IOPUB_TIMEOUT = 240
# The only JupyterLab extensions a page needs: the widgets, and Voilà's own widget manager (it keeps
# the one for the installed ipywidgets). Voilà loads every extension installed in the environment
# otherwise: each costs every page its scripts, and some (jupytext's) fail outside JupyterLab with
# errors in the browser console.
PAGE_EXTENSIONS = (
    "@jupyter-widgets/jupyterlab-manager",
    "@voila-dashboards/widgets-manager8",
    "@voila-dashboards/widgets-manager7",
)
MAX_KERNELS = 40  # kernels in total (a page each; ~60 MB each): a room of 10-20 teams plus reloads
MAX_KERNELS_PER_TEAM = 6  # laptops on one team's link at once
CONNECT_TIMEOUT = 60  # seconds: a page's kernel that no browser connects to within this is shut down
IDLE_TIMEOUT = 1800  # seconds: a page nobody has used for 30 minutes (a laptop gone to sleep)


@dataclasses.dataclass(frozen=True)
class Launch:
    """Everything needed to start the app server.

    argv: Voilà's command line; env: its environment; host: the address people
    type into their browser; token: the facilitator's token (the board and every
    team); teams: the team names; team_ids: team name -> id, for the teams' tokens.
    """

    argv: list[str]
    env: dict[str, str] = dataclasses.field(repr=False)  # the whole environment, PGPASSWORD too: never printed
    workshop: Path | str
    port: int
    bind: str
    host: str
    token: str
    teams: list[str]
    team_ids: dict[str, str] = dataclasses.field(default_factory=dict)
    secret: str = dataclasses.field(default="", repr=False)
    source: str = dataclasses.field(default="", repr=False)  # the store as given (a URL with its password)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def team_token(self, team: str) -> str:
        """The token in one team's link: it opens that team's page and nothing else."""
        key = team.strip().casefold()
        ids = {name.casefold(): id for name, id in self.team_ids.items()}
        if key not in ids:  # a team added since the app started
            ids = {t.name.casefold(): t.id for t in _teams(self.source or self.workshop)}
        if key not in ids:
            raise OkrWorkshopError(f"no team {team!r} in {display(self.workshop)}; teams: {', '.join(self.teams)}")
        return team_token(self.secret, ids[key])

    def team_url(self, team: str) -> str:
        """The link one team opens: its own drafting form (the team's token in it)."""
        return page_url(self.base_url, "participant", team=team, token=self.team_token(team))

    @property
    def facilitator_url(self) -> str:
        """The facilitator's board (the facilitator's token in it)."""
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


def state_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where the app keeps the secrets of workshops on a server: ``$XDG_STATE_HOME/okr-workshop``
    (``~/.local/state/okr-workshop``), or ``OKR_APP_STATE`` when set."""
    env = os.environ if env is None else env
    if env.get(STATE_ENV):
        return Path(env[STATE_ENV]).expanduser()
    base = Path(env["XDG_STATE_HOME"]) if env.get("XDG_STATE_HOME") else Path.home() / ".local" / "state"
    return base / "okr-workshop"


def display(workshop: Path | str) -> str:
    """A workshop's name in messages: the file's name, or the URL without a password."""
    if is_url(workshop):
        return str(parse(str(workshop)))
    return Path(workshop).name


def token_path(workshop: Path | str) -> Path:
    """The file that keeps a workshop's app secret across restarts.

    A workshop file: the side file next to it. A workshop on a PostgreSQL server: a file in
    ``state_dir()`` named by the workshop and a hash of where it is (server, database, user,
    workshop; never the password), so the secret stays on the machine that serves the links
    and never enters the database, its backups or ``okr-workshop copy`` (docs/app.md).
    """
    if is_url(workshop):
        bare, _ = split_password(str(workshop))
        where = parse(bare)
        digest = hashlib.sha256(f"{where.conninfo}\n{where.workshop}".encode()).hexdigest()[:16]
        return state_dir() / f"{where.workshop}-{digest}{TOKEN_SUFFIX}"
    workshop = Path(workshop)
    return workshop.with_name(workshop.name + TOKEN_SUFFIX)


def _token(secret: str, what: str) -> str:
    digest = hmac.new(secret.encode("ascii"), what.encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode("ascii")  # 24 characters, 144 bits


def team_token(secret: str, team_id: str) -> str:
    """A team's token: HMAC of the team's id under the workshop's secret."""
    return _token(secret, f"team:{team_id}")


def facilitator_token(secret: str) -> str:
    """The facilitator's token: opens the board, the chooser and every team."""
    return _token(secret, "facilitator")


def _refuse(path: Path, problem: str, fix: str) -> OkrWorkshopError:
    return OkrWorkshopError(f"{path}: {problem}; {fix}")


def read_secret(workshop: Path | str) -> str | None:
    """The workshop's app secret from its token file (``token_path``); None when there is none yet.

    The file must be a regular file (not a link) owned by this user and readable by nobody else.
    """
    return _read_token(token_path(workshop))


def _read_token(path: Path) -> str | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise _refuse(path, "is a symbolic link, not the app's token file", "delete it to make new links") from err
        raise _refuse(path, f"cannot read the app token ({err.strerror})", "check the folder's permissions") from err
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(path, "is not a regular file", "delete it to make new links")
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            raise _refuse(path, f"belongs to another user (uid {info.st_uid})", "delete it to make new links")
        if stat.S_IMODE(info.st_mode) & 0o077:
            raise _refuse(path, f"others can read it (mode {stat.S_IMODE(info.st_mode):o})", f"run: chmod 600 {path}")
        text = f.read(256).decode("ascii", "replace").strip()
    if not _TOKEN_RE.match(text):
        log.warning("%s: not a valid token; writing a new one", path)
        path.unlink()
        return None
    return text


def _private_dir(folder: Path) -> None:
    """Create the state folder (mode 700); refuse one that others can open."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError as err:
        raise _refuse(folder, f"cannot create the app's state folder ({err.strerror})",
                      f"set {STATE_ENV} to a folder of your own") from err  # fmt: skip
    if not stat.S_ISDIR(info.st_mode):
        raise _refuse(folder, "is not a folder (a link?)", f"delete it, or set {STATE_ENV} to a folder of your own")
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise _refuse(
            folder, f"belongs to another user (uid {info.st_uid})", f"set {STATE_ENV} to a folder of your own"
        )
    if stat.S_IMODE(info.st_mode) & 0o077:
        raise _refuse(folder, f"others can open it (mode {stat.S_IMODE(info.st_mode):o})", f"run: chmod 700 {folder}")


def workshop_token(workshop: Path | str) -> str:
    """This workshop's app secret: read from its token file, or created there (mode 600, never over a link)."""
    path = token_path(workshop)
    if is_url(workshop):
        _private_dir(path.parent)
    for _ in range(3):
        secret = _read_token(path)
        if secret is not None:
            return secret
        secret = secrets.token_urlsafe(24)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(path, flags, 0o600)
        except FileExistsError:
            continue  # another start wrote it first: read theirs
        except OSError as err:
            raise _refuse(
                path, f"cannot write the app token ({err.strerror})", "check the folder's permissions"
            ) from err
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secret + "\n")
        return secret
    raise _refuse(path, "keeps changing while the app starts", "stop the other app on this workshop")


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


def _teams(workshop: Path | str) -> list:
    from ..storage.store import load

    return list(load(workshop).teams)


def allowed_hosts(bind: str, host: str) -> list[str]:
    """Host header names the server answers to: this machine's, and on the network its address and names."""
    names = list(LOCAL_NAMES)
    if bind not in (LOCAL_IP, LAN_IP):
        names.append(bind)
    if bind == LAN_IP:
        names.append(host)
        with contextlib.suppress(OSError):
            fqdn = socket.getfqdn()
            names += [socket.gethostname(), fqdn, f"{socket.gethostname()}.local"]
    return list(dict.fromkeys(n.lower() for n in names if n))


def prepare(
    workshop_path: Path | str, port: int = 8866, lan: bool = False, bind: str | None = None, links: bool = True
) -> Launch:
    """Check the workshop and port, and build Voilà's command line, environment and links.

    workshop_path: a workshop file, or a ``postgresql://`` URL (its password, if it holds one, goes to
    the kernels as libpq's ``PGPASSWORD``, never in ``OKR_WORKSHOP``, a page or a command line).
    lan: listen on every interface (0.0.0.0); bind: listen on this address instead.
    Every mode needs a token: the facilitator's for the board, a team's for its page.
    links: False behind JupyterHub (the Hub decides who opens what): no secret is made.
    """
    password = None
    source = ""
    if is_url(workshop_path):
        source = str(workshop_path)
        workshop, password = split_password(source)
        parse(workshop)  # a malformed URL: one line naming the fix
    else:
        workshop = Path(workshop_path).expanduser().resolve()
        if not workshop.is_file():
            raise WorkshopFileError(
                f"{workshop_path}: no such workshop file; create one with `okr-workshop new`"
            ).coded("app.no_file", path=workshop_path)
    teams = _teams(source or workshop)  # raises WorkshopFileError for a file (or URL) that is not a workshop
    bind = bind or (LAN_IP if lan else LOCAL_IP)
    check_port(port, bind)
    secret = workshop_token(workshop) if links else ""
    token = facilitator_token(secret) if links else ""
    host = lan_address() if bind == LAN_IP else bind
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
        f"--VoilaExecutor.iopub_timeout={IOPUB_TIMEOUT}",
        *(f"--VoilaConfiguration.extension_allowlist={name}" for name in PAGE_EXTENSIONS),
        "--VoilaConfiguration.multi_kernel_manager_class=okr_workshop.app.server.OkrKernelManager",
        f"--MappingKernelManager.cull_idle_timeout={IDLE_TIMEOUT}",
        "--MappingKernelManager.cull_interval=30",
        # Jupyter's own token is off: okr_workshop.app.server checks the Host header and our tokens
        # (the facilitator's, or the team's own) on every page before a kernel starts
        "--token=",
    ]  # fmt: skip
    env = dict(os.environ)
    env[WORKSHOP_ENV] = str(workshop)
    if password is not None:  # libpq reads it; /proc/PID/environ is readable by this user only
        env["PGPASSWORD"] = password
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(SHARE), os.environ.get("JUPYTER_PATH", "")) if p)
    env["PYTHONUNBUFFERED"] = "1"
    env[HOSTS_ENV] = ",".join(allowed_hosts(bind, host))
    env[LIMITS_ENV] = f"{MAX_KERNELS},{MAX_KERNELS_PER_TEAM},{CONNECT_TIMEOUT}"
    team_ids = {t.name: t.id for t in teams}
    return Launch(argv, env, workshop, port, bind, host, token, [t.name for t in teams], team_ids, secret, source)


def banner(launch: Launch) -> str:
    """What ``okr-workshop app`` prints: the links, and on the network a warning (sv + en)."""
    lines = []
    if launch.bind != LOCAL_IP:
        lines += [
            "VARNING: appen nås från det lokala nätverket. Alla som har en länk nedan kan ändra utkasten.",
            "WARNING: the app is reachable from the local network. Anyone with a link below can edit the drafts.",
        ]
    else:
        lines += ["Bara den här datorn / this computer only (use --lan to invite participants' laptops)"]
    lines += [
        "Varje team ser bara sitt eget utkast; tavlan kräver facilitatorns länk. / "
        "Each team's link opens that team only; the board needs the facilitator's link.",
        f"Token: {token_path(launch.workshop)} (delete it to make new links / radera filen för nya länkar)",
        "",
    ]
    lines.append(f"Facilitator: {launch.facilitator_url}")
    width = max((len(t) for t in launch.teams), default=0)
    for team in launch.teams:
        shown = "".join(c if c.isprintable() else "?" for c in team)  # participant text: no terminal escapes
        lines.append(f"  {shown.ljust(width)}  {launch.team_url(team)}")
    lines.append("Stop with Ctrl+C / Avsluta med Ctrl+C")
    return "\n".join(lines)
