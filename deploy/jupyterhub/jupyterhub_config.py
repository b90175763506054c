# JupyterHub for an OKR workshop on one server: facilitators get JupyterLab with the notebooks,
# participants get the drafting app (a JupyterHub service), all on one shared workshop store.
#
#   OKR_WORKSHOP=/srv/okr/workshop.okr jupyterhub -f deploy/jupyterhub/jupyterhub_config.py
#
# Settings (environment variables; docs/scale.md has the deployment steps):
#   OKR_WORKSHOP          the shared workshop store: a file path (one machine) or a postgresql://… URL
#                         (the ONE place the store is named; the app and every facilitator's notebook
#                         server get it from here). Keep the password out of the URL: PGPASSFILE, or a
#                         local socket; a password in the URL is passed on as PGPASSWORD, never shown.
#   OKR_HUB_AUTHENTICATOR the login: "github", "azuread", "ldap", "native" (see below); "dummy" only in tests
#   OKR_HUB_FACILITATORS  comma-separated user names put in the group "facilitators" at start
#   OKR_HUB_GROUPS        optional JSON file {"team-Marknad": ["anna", "bo"], ...}: team membership
#   OKR_HUB_DATA          where the Hub keeps its own database and cookie secret (default /srv/jupyterhub)
#   OKR_HUB_APP_URLS      where the app servers listen, comma-separated (default http://127.0.0.1:10101;
#                         one server holds 40 pages, so a room of 300 needs ~8: docs/scale.md)
#   OKR_HUB_BIND_URL      the public address (default http://:8000); put TLS in front (nginx, Caddy, or
#                         c.JupyterHub.ssl_cert/ssl_key)
#   OKR_HUB_TEST=1        tests only: DummyAuthenticator, SimpleLocalProcessSpawner, everything on 127.0.0.1
#
# Who sees what is decided by Hub groups (okr_workshop/app/hub.py):
#   facilitators   -> JupyterLab with the notebooks, the app's board and every team's page;
#   team-<name>    -> that team's page in the app, nothing else (no server of their own, no code);
#   Hub admins count as facilitators. The team groups are created from the workshop's teams at start;
#   a facilitator adds members in the Hub's admin page (Admin > Groups) or with OKR_HUB_GROUPS.
#
# Real authenticators (pip install the package named, set OKR_HUB_AUTHENTICATOR, and its settings):
#   github  oauthenticator  GitHubOAuthenticator: OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_CALLBACK_URL;
#                           c.GitHubOAuthenticator.allowed_organizations = {"your-org"}
#   azuread oauthenticator  AzureAdOAuthenticator: the same three, and AAD_TENANT_ID; the organisation's
#                           Entra ID (Azure AD) groups can fill the Hub groups (manage_groups = True)
#   ldap    jupyterhub-ldapauthenticator  LDAPAuthenticator: c.LDAPAuthenticator.server_address,
#                           bind_dn_template, allowed_groups
#   native  jupyterhub-nativeauthenticator  NativeAuthenticator: people sign up, an admin approves them;
#                           good for a one-day workshop with guests who have no company account
# DummyAuthenticator (any name, one shared password) is for tests only: never on a network.

import json
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - defined by JupyterHub when it reads this file

TEST = os.environ.get("OKR_HUB_TEST") == "1"
STORE = os.environ.get("OKR_WORKSHOP", "")
if not STORE:
    sys.exit("jupyterhub_config.py: set OKR_WORKSHOP to the workshop store (a file path or postgresql://… URL)")
DATA = Path(os.environ.get("OKR_HUB_DATA", "/srv/jupyterhub"))
DATA.mkdir(parents=True, exist_ok=True)
FACILITATORS = [u.strip() for u in os.environ.get("OKR_HUB_FACILITATORS", "").split(",") if u.strip()]

# --- the Hub itself -------------------------------------------------------------------------------------
c.JupyterHub.bind_url = os.environ.get("OKR_HUB_BIND_URL", "http://:8000")
c.JupyterHub.hub_bind_url = os.environ.get("OKR_HUB_INTERNAL_URL", "http://127.0.0.1:8081")
c.ConfigurableHTTPProxy.api_url = os.environ.get("OKR_HUB_PROXY_API_URL", "http://127.0.0.1:8001")
c.JupyterHub.db_url = f"sqlite:///{DATA / 'jupyterhub.sqlite'}"  # the Hub's own users and tokens, not OKRs
c.JupyterHub.cookie_secret_file = str(DATA / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(DATA / "jupyterhub-proxy.pid")
c.JupyterHub.cleanup_servers = True  # the Hub's stop stops the facilitators' servers too

# --- who logs in ------------------------------------------------------------------------------------------
AUTHENTICATORS = {
    "dummy": "jupyterhub.auth.DummyAuthenticator",
    "github": "oauthenticator.github.GitHubOAuthenticator",
    "azuread": "oauthenticator.azuread.AzureAdOAuthenticator",
    "ldap": "ldapauthenticator.LDAPAuthenticator",
    "native": "nativeauthenticator.NativeAuthenticator",
}
chosen = os.environ.get("OKR_HUB_AUTHENTICATOR", "dummy" if TEST else "")
if chosen not in AUTHENTICATORS or (chosen == "dummy" and not TEST):
    sys.exit(
        "jupyterhub_config.py: set OKR_HUB_AUTHENTICATOR to one of github, azuread, ldap, native "
        "(dummy is for tests only, with OKR_HUB_TEST=1)"
    )
c.JupyterHub.authenticator_class = AUTHENTICATORS[chosen]
c.Authenticator.admin_users = set(FACILITATORS)  # facilitators manage users and groups in the admin page
if TEST:
    c.Authenticator.allow_all = True  # any name, any password: tests only
else:
    c.Authenticator.allow_existing_users = True  # everyone a facilitator adds in the admin page

# --- groups: the facilitators and one per team --------------------------------------------------------
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # a source checkout: the package beside this file
from okr_workshop.app.hub import FACILITATORS as FACILITATOR_GROUP  # noqa: E402
from okr_workshop.app.hub import TEAM_PREFIX, hub_groups, service_name, shard_for, store_environment  # noqa: E402

# OKR_WORKSHOP without a password. A password in the URL goes to the app servers in a libpq password file
# beside the Hub's database (the Hub keeps a service's environment in its database: no PGPASSWORD there),
# and to the facilitators' servers as PGPASSWORD (their environment is not stored).
STORE_ENV = store_environment(STORE)
SERVICE_STORE_ENV = store_environment(STORE, passfile=DATA / "okr-store.pgpass")
PASS_ON = {k: os.environ[k] for k in ("PGPASSFILE", "PGSERVICEFILE", "PGSSLMODE", "PGSSLROOTCERT") if k in os.environ}

try:
    from okr_workshop.storage.store import load

    teams = [t.name for t in load(STORE).teams]
except Exception as err:  # noqa: BLE001 - the Hub still starts; the groups can be made by hand
    print(f"jupyterhub_config.py: {STORE_ENV['OKR_WORKSHOP']}: cannot read the teams ({err}); no team groups created",
          file=sys.stderr)
    teams = []
groups = {name: {"users": []} for name in hub_groups(teams)}
groups[FACILITATOR_GROUP] = {"users": FACILITATORS}
if os.environ.get("OKR_HUB_GROUPS"):
    for name, users in json.loads(Path(os.environ["OKR_HUB_GROUPS"]).read_text(encoding="utf-8")).items():
        groups.setdefault(name, {"users": []})["users"] = sorted(set(groups[name]["users"]) | set(users))
c.JupyterHub.load_groups = groups

# --- roles: participants reach the app and nothing else; facilitators get a server ----------------------
c.JupyterHub.load_roles = [
    {
        # every user (the default role): open the app, see who they are; no server of their own
        "name": "user",
        "scopes": ["access:services", "read:users:name!user", "read:users:groups!user"],
    },
    {
        "name": "facilitator",
        "groups": [FACILITATOR_GROUP],
        "scopes": ["self", "access:services", "admin-ui", "list:users", "read:users", "groups"],
    },
]


from jupyterhub.orm import Group  # noqa: E402


def default_url(handler):
    """Where the Hub sends a user after login: facilitators to their JupyterLab, participants to their
    team's app server (all of a team's pages on one server; see APP_URLS)."""
    user = handler.current_user
    names = [g.name for g in getattr(user, "groups", [])]
    if user is not None and (user.admin or FACILITATOR_GROUP in names):
        return handler.base_url + "hub/spawn"  # starts (or opens) their JupyterLab
    team = next((g[len(TEAM_PREFIX) :] for g in names if g.startswith(TEAM_PREFIX)), "")
    teams = [g.name[len(TEAM_PREFIX) :] for g in handler.db.query(Group) if g.name.startswith(TEAM_PREFIX)]
    return handler.base_url + f"services/{service_name(shard_for(team, len(APP_URLS), teams))}/"


c.JupyterHub.default_url = default_url

# --- the participants' app: Voilà servers behind the Hub, a kernel per page, at most 40 pages each ---------
# OKR_HUB_APP_URLS: one URL per app server (comma-separated; default one server). A room of 300 needs
# about 8 (docs/scale.md); each team always goes to the same one (shard_for).
APP_URLS = [u.strip() for u in os.environ.get("OKR_HUB_APP_URLS", os.environ.get("OKR_HUB_APP_URL", "")).split(",")]
APP_URLS = [u for u in APP_URLS if u] or ["http://127.0.0.1:10101"]
c.JupyterHub.services = [
    {
        "name": service_name(i),
        "display": i == 0,  # the first is listed in the Hub's Services menu
        "url": url,
        "command": [sys.executable, "-m", "okr_workshop.app.hub"],
        "environment": {**PASS_ON, **SERVICE_STORE_ENV, "PYTHONPATH": os.environ.get("PYTHONPATH", "")},
        "oauth_no_confirm": True,  # logging in to the app needs no second "authorize" click
    }
    for i, url in enumerate(APP_URLS)
]

# --- the facilitators' servers: JupyterLab on a folder with the notebooks ---------------------------
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.Spawner.default_url = "/lab/tree/01_setting.ipynb"
c.Spawner.environment = {**PASS_ON, **STORE_ENV, "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
c.Spawner.mem_limit = os.environ.get("OKR_HUB_MEM_LIMIT", "1G")  # enforced by container spawners


def copy_notebooks(spawner):
    """Put the facilitator notebooks into the user's folder the first time their server starts."""
    from okr_workshop.app.hub import point_notebooks
    from okr_workshop.jupyter.lab import init

    home = Path(getattr(spawner, "home_dir", "") or os.path.expanduser(f"~{spawner.user.name}"))
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "01_setting.ipynb").exists():
        init(home)
        point_notebooks(home, STORE)  # the notebooks open the shared store, not a file of their own
    spawner.notebook_dir = str(home)


c.Spawner.pre_spawn_hook = copy_notebooks

if TEST:
    # every user's server runs as this user in a folder of its own: no isolation, tests only
    c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
    c.SimpleLocalProcessSpawner.home_dir_template = str(DATA / "home" / "{username}")
    if hasattr(os, "getuid") and os.getuid() == 0:
        c.Spawner.args = ["--allow-root"]
    c.Spawner.http_timeout = 120
    c.Spawner.start_timeout = 120
else:
    # one machine, real accounts: each facilitator's JupyterLab runs as their own Unix user
    # (systemdspawner or dockerspawner are the next step; on Kubernetes use values.yaml instead)
    c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
