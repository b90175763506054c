"""The participants' app as a JupyterHub service: the Hub's login decides who sees which team.

JupyterHub starts ``python -m okr_workshop.app.hub`` (``deploy/jupyterhub/jupyterhub_config.py``)
with its service environment (``JUPYTERHUB_SERVICE_URL``, ``JUPYTERHUB_SERVICE_PREFIX``, the
OAuth client) and ``OKR_WORKSHOP``, the one setting that says where the shared store is.
The same Voilà server as ``okr-workshop app`` runs behind the Hub's proxy; instead of the
links' tokens, its door asks the Hub who the browser's user is (OAuth, a cookie per service):

- a member of the facilitators' group (``facilitators``) or a Hub admin opens the board and every team;
- a member of the group ``team-<name>`` opens that team's page only (``/`` takes them there);
- anyone else gets a short page saying to ask the facilitator to add them to their team's group.

Nothing here imports JupyterHub, Voilà or tornado at module level.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urlparse

from ..errors import OkrWorkshopError
from .launch import LIMITS_ENV, WORKSHOP_ENV, prepare

HUB_ENV = "OKR_APP_HUB"  # set to "1": the door trusts the Hub's identity, not the links' tokens
FACILITATORS_ENV = "OKR_HUB_FACILITATORS"  # the Hub group whose members run the workshop
TEAM_PREFIX_ENV = "OKR_HUB_TEAM_PREFIX"  # a participant's team is the Hub group named <prefix><team>
FACILITATORS = "facilitators"
TEAM_PREFIX = "team-"


@dataclasses.dataclass(frozen=True)
class Access:
    """What one Hub user may open.

    facilitator: the board and every team; team: the one team's name (casefolded) a
    participant may open, None when the user is in no team's group.
    """

    facilitator: bool
    team: str | None


def access(user: Mapping, facilitators: str = FACILITATORS, prefix: str = TEAM_PREFIX) -> Access:
    """Access for a Hub user model (``name``, ``groups``, ``admin``) from its groups.

    A user in several teams' groups gets none of them (ambiguous: the facilitator fixes the groups).
    """
    groups = [str(g) for g in user.get("groups") or []]
    if user.get("admin") or facilitators in groups:
        return Access(True, None)
    teams = {g[len(prefix) :].strip().casefold() for g in groups if g.startswith(prefix) and g[len(prefix) :].strip()}
    return Access(False, teams.pop() if len(teams) == 1 else None)


def shard_for(team: str, shards: int, teams: Iterable[str] | None = None) -> int:
    """Which of ``shards`` app servers serves ``team``; all of a team's pages go to the same one.

    teams: every team's name (the Hub's team groups): the teams are dealt out in name order, so 40 teams
    on 8 servers are 5 each. Without them, the CRC-32 of the name (stable, but 40 teams on 8 servers
    put 8 on the fullest in a typical draw, up to 11). values.yaml computes the same in the Hub's extraConfig.
    """
    key = team.strip().casefold()
    shards = max(1, shards)
    names = sorted({t.strip().casefold() for t in teams or ()})
    if key in names:
        return names.index(key) % shards
    import zlib

    return zlib.crc32(key.encode("utf-8")) % shards


def service_name(shard: int, name: str = "okr-app") -> str:
    """The Hub service of one app server: ``okr-app``, ``okr-app-1``, ``okr-app-2``, …"""
    return name if shard == 0 else f"{name}-{shard}"


def team_group(team: str, prefix: str = TEAM_PREFIX) -> str:
    """The Hub group whose members open ``team``'s page."""
    return f"{prefix}{team}"


def settings(env: Mapping[str, str] | None = None) -> tuple[str, str]:
    """(facilitators' group, team group prefix) from the environment."""
    env = os.environ if env is None else env
    return env.get(FACILITATORS_ENV) or FACILITATORS, env.get(TEAM_PREFIX_ENV) or TEAM_PREFIX


def service_argv(env: Mapping[str, str] | None = None) -> tuple[list[str], dict[str, str]]:
    """Voilà's command line and environment for the app behind the Hub, from the service environment."""
    env = dict(os.environ if env is None else env)
    workshop = env.get(WORKSHOP_ENV)
    if not workshop:
        raise OkrWorkshopError(f"{WORKSHOP_ENV} is not set: set it to the shared workshop store in the Hub's config")
    url = env.get("JUPYTERHUB_SERVICE_URL")
    prefix = env.get("JUPYTERHUB_SERVICE_PREFIX")
    if not url or not prefix:
        raise OkrWorkshopError(
            "JUPYTERHUB_SERVICE_URL / JUPYTERHUB_SERVICE_PREFIX are not set: this command runs as a JupyterHub "
            "service (see deploy/jupyterhub/jupyterhub_config.py); run `okr-workshop app WORKSHOP` otherwise"
        )
    from ..storage.postgres import is_url, split_password, with_password

    if is_url(workshop) and env.get("PGPASSWORD") and split_password(workshop)[1] is None:
        workshop = with_password(workshop, env["PGPASSWORD"])  # this process reads the teams with it too
    parsed = urlparse(url)
    launch = prepare(workshop, port=parsed.port or 80, bind=parsed.hostname or "127.0.0.1", links=False)
    argv = [*launch.argv, f"--Voila.base_url={prefix}"]
    merged = {**env, **launch.env, HUB_ENV: "1"}
    if env.get(LIMITS_ENV):  # a big room: pages in all and per team, set where the app server is deployed
        merged[LIMITS_ENV] = env[LIMITS_ENV]
    return argv, merged


def store_environment(store: str, passfile: str | os.PathLike | None = None) -> dict[str, str]:
    """The environment that names the shared store to the app and the facilitators' servers.

    ``OKR_WORKSHOP`` is the store without a password (notebooks and pages show it). A password in a
    ``postgresql://`` URL goes to libpq instead: written to ``passfile`` (mode 600) and named by
    ``PGPASSFILE`` when one is given (JupyterHub keeps a service's environment in its database), else
    as ``PGPASSWORD``. Better still: no password in the URL at all (docs/scale.md).
    """
    from ..storage.postgres import is_url, split_password

    if not is_url(store):
        return {WORKSHOP_ENV: store}
    bare, password = split_password(store)
    if password is None:
        return {WORKSHOP_ENV: bare}
    if passfile is None:
        return {WORKSHOP_ENV: bare, "PGPASSWORD": password}
    return {WORKSHOP_ENV: bare, "PGPASSFILE": str(write_passfile(passfile, bare, password))}


def write_passfile(path: str | os.PathLike, url: str, password: str) -> Path:
    """A libpq password file (``*:*:*:USER:PASSWORD``) for the URL's user, mode 600, replaced whole, never via a link."""
    from urllib.parse import unquote, urlsplit

    from ..storage.outputs import atomic_path

    def field(text: str) -> str:
        return text.replace("\\", "\\\\").replace(":", "\\:")

    user = unquote(urlsplit(url).username or "") or "*"
    path = Path(path)
    with atomic_path(path, mode=0o600) as tmp:  # private while written; replaces a link itself, never writes through it
        tmp.write_text(f"*:*:*:{field(user)}:{field(password)}\n", encoding="utf-8")
    return path


def hub_groups(teams: Iterable[str], prefix: str = TEAM_PREFIX) -> dict[str, list[str]]:
    """Empty Hub groups for these teams (``c.JupyterHub.load_groups``); members are added in the Hub's admin page."""
    return {team_group(t, prefix): [] for t in teams}


_WORKSHOP_LINE = re.compile(r"^workshop_path = .*$", re.MULTILINE)


def point_notebooks(folder: str | os.PathLike, store: str | None = None) -> list[Path]:
    """Set ``workshop_path`` in the parameters cell of the facilitator notebooks in ``folder`` to the shared store.

    store: the store's path or URL (default ``OKR_WORKSHOP``). Only the copies in ``folder`` change (the
    notebooks as ``okr-workshop init`` wrote them); returns the notebooks changed.
    """
    import json

    store = store if store is not None else os.environ.get(WORKSHOP_ENV, "")
    if not store:
        raise OkrWorkshopError(f"{WORKSHOP_ENV} is not set: set it to the shared workshop store")
    store = store_environment(store)[WORKSHOP_ENV]  # a notebook never holds the server's password
    line = f"workshop_path = {json.dumps(store, ensure_ascii=False)}  # the shared store (OKR_WORKSHOP)"
    changed = []
    for path in sorted(Path(folder).glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        touched = False
        for cell in nb.get("cells", []):
            if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
                source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                new = _WORKSHOP_LINE.sub(lambda _: line, source, count=1)
                if new != source:
                    cell["source"] = new.splitlines(keepends=True)
                    touched = True
        if touched:
            path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            changed.append(path)
    return changed


def main() -> None:
    """Run the app as a JupyterHub service (replaces this process with Voilà)."""
    try:
        argv, env = service_argv()
    except OkrWorkshopError as err:
        print(f"okr-workshop hub service: {err}", file=sys.stderr)
        raise SystemExit(2) from None
    os.execve(argv[0], argv, env)


if __name__ == "__main__":
    main()
