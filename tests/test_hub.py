"""The app behind JupyterHub, without a Hub: groups to access, the door, the service command, the config file.

The real Hub, proxy and browsers are in test_browser_hub.py.
"""

from __future__ import annotations

import json
import runpy
import stat
import sys
from pathlib import Path

import pytest

import okr_workshop as okr
from okr_workshop.app.hub import HUB_ENV, Access, access, hub_groups, service_argv, settings, store_environment
from okr_workshop.errors import OkrWorkshopError
from okr_workshop.storage.postgres import split_password

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"


@pytest.mark.parametrize(
    "user, expected",
    [
        ({"name": "fia", "groups": ["facilitators"]}, Access(True, None)),
        ({"name": "root", "groups": [], "admin": True}, Access(True, None)),
        ({"name": "anna", "groups": ["team-Marknad"]}, Access(False, "marknad")),
        ({"name": "anna", "groups": ["staff", "team- Sälj "]}, Access(False, "sälj")),
        ({"name": "cia", "groups": ["team-Marknad", "team-HR"]}, Access(False, None)),  # ambiguous: none
        ({"name": "dan", "groups": ["team-"]}, Access(False, None)),
        ({"name": "eva"}, Access(False, None)),
    ],
)
def test_hub_groups_decide_access(user, expected):
    assert access(user) == expected


def test_group_names_are_settings():
    assert settings({}) == ("facilitators", "team-")
    assert settings({"OKR_HUB_FACILITATORS": "coaches", "OKR_HUB_TEAM_PREFIX": "okr:"}) == ("coaches", "okr:")
    assert access({"groups": ["okr:HR"]}, "coaches", "okr:") == Access(False, "hr")
    assert access({"groups": ["coaches"]}, "coaches", "okr:").facilitator
    assert hub_groups(["Marknad", "HR"]) == {"team-Marknad": [], "team-HR": []}


class FakeHub:
    """Stands in for HubOAuth in the door: the door only asks whether it is there."""


def _request(path: str, host: str = "hub.example.org"):
    from tornado.httputil import HTTPHeaders, HTTPServerRequest

    request = HTTPServerRequest(method="GET", uri=path, headers=HTTPHeaders({"Host": host}))
    request.remote_ip = "127.0.0.1"
    return request


@pytest.fixture
def door(workshop_file):
    from okr_workshop.app.server import Door, Workshop

    return Door(Workshop(str(workshop_file)), ["localhost"], hub=FakeHub())


PREFIX = "/services/okr-app"
TEAM_PAGE = f"{PREFIX}/voila/render/participant.ipynb"
BOARD = f"{PREFIX}/voila/render/facilitator.ipynb"
ANNA = {"name": "anna", "groups": ["team-Marknad"]}
FIA = {"name": "fia", "groups": ["facilitators"]}


def test_behind_the_hub_a_team_member_opens_their_own_team_only(door):
    assert door.needs_user(_request(f"{TEAM_PAGE}?team=Marknad"))
    assert door.check_hub(_request(f"{TEAM_PAGE}?team=Marknad"), ANNA) is None
    assert door.check_hub(_request(f"{TEAM_PAGE}?team=marknad&lang=en"), ANNA) is None
    assert door.check_hub(_request(TEAM_PAGE), ANNA) == (302, "Marknad", "sv")  # the chooser: their own page
    assert door.check_hub(_request(f"{TEAM_PAGE}?team=Ledningsgruppen"), ANNA)[:2] == (403, "hub_team")
    assert door.check_hub(_request(BOARD), ANNA)[:2] == (403, "hub_board")
    # a link's token means nothing behind the Hub: not even the facilitator's
    assert door.check_hub(_request(f"{BOARD}?token=anything"), ANNA)[:2] == (403, "hub_board")


def test_behind_the_hub_a_facilitator_opens_everything_and_nobody_unknown_opens_anything(door):
    for path in (BOARD, TEAM_PAGE, f"{TEAM_PAGE}?team=Marknad", f"{TEAM_PAGE}?team=Ledningsgruppen"):
        assert door.check_hub(_request(path), FIA) is None, path
    assert door.check_hub(_request(f"{TEAM_PAGE}?team=Marknad"), None)[:2] == (401, "login")
    assert door.check_hub(_request(BOARD), None)[:2] == (401, "login")
    stranger = {"name": "x", "groups": ["team-Nobody"]}
    assert door.check_hub(_request(f"{TEAM_PAGE}?team=Marknad"), stranger)[:2] == (403, "hub_none")
    assert door.check_hub(_request(TEAM_PAGE), {"name": "y", "groups": []})[:2] == (403, "hub_none")
    # static files need no user (the kernels' sockets need the kernel's random id); contents stay closed
    assert not door.needs_user(_request(f"{PREFIX}/voila/static/voila.js"))
    assert door.check_hub(_request(f"{PREFIX}/voila/static/voila.js"), None) is None
    assert door.check_hub(_request(f"{PREFIX}/voila/api/contents/"), FIA)[0] == 404


def test_the_refused_pages_behind_the_hub_speak_both_languages():
    from okr_workshop.app.server import denied_page

    for reason in ("hub_team", "hub_none", "hub_board"):
        page = denied_page(reason, "en")
        assert page.index('lang="en"') < page.index('lang="sv"') and "<script" not in page
    assert "team-NAME" in denied_page("hub_none", "en") and "team-NAMN" in denied_page("hub_none", "sv")


def test_the_service_command_runs_voila_under_the_services_prefix(workshop_file):
    env = {
        "OKR_WORKSHOP": str(workshop_file),
        "JUPYTERHUB_SERVICE_URL": "http://127.0.0.1:10101",
        "JUPYTERHUB_SERVICE_PREFIX": "/services/okr-app/",
        "PATH": "/usr/bin",
    }
    argv, merged = service_argv(env)
    assert "--Voila.base_url=/services/okr-app/" in argv
    assert "--port=10101" in argv and "--Voila.ip=127.0.0.1" in argv
    assert merged[HUB_ENV] == "1" and merged["OKR_WORKSHOP"] == str(workshop_file)
    assert merged["OKR_APP_LIMITS"] == "40,6,60"  # the app's own limits unless the deployment sets them
    assert service_argv({**env, "OKR_APP_LIMITS": "60,10,60"})[1]["OKR_APP_LIMITS"] == "60,10,60"  # a big room
    with pytest.raises(OkrWorkshopError, match="OKR_WORKSHOP is not set"):
        service_argv({k: v for k, v in env.items() if k != "OKR_WORKSHOP"})
    with pytest.raises(OkrWorkshopError, match="runs as a JupyterHub service"):
        service_argv({"OKR_WORKSHOP": str(workshop_file)})


class Config(dict):
    """Enough of traitlets' Config for reading jupyterhub_config.py: ``c.A.b = v`` becomes ``c["A"]["b"]``."""

    def __getattr__(self, name):
        return self.setdefault(name, Config())

    def __setattr__(self, name, value):
        self[name] = value


def _read_config(monkeypatch, **env) -> Config:
    for name in ("OKR_HUB_TEST", "OKR_HUB_AUTHENTICATOR", "OKR_HUB_GROUPS", "OKR_WORKSHOP"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    c = Config()
    monkeypatch.setattr(sys, "path", list(sys.path))
    runpy.run_path(str(CONFIG), init_globals={"get_config": lambda: c})
    return c


def test_the_hub_config_makes_team_groups_and_keeps_participants_off_servers(monkeypatch, tmp_path, workshop_file):
    groups = tmp_path / "groups.json"
    groups.write_text('{"team-Marknad": ["anna"]}', encoding="utf-8")
    c = _read_config(monkeypatch, OKR_HUB_TEST="1", OKR_WORKSHOP=str(workshop_file), OKR_HUB_DATA=str(tmp_path / "d"),
                     OKR_HUB_FACILITATORS="fia", OKR_HUB_GROUPS=str(groups))  # fmt: skip
    assert c.JupyterHub.authenticator_class == "jupyterhub.auth.DummyAuthenticator"
    assert c.JupyterHub.spawner_class == "jupyterhub.spawner.SimpleLocalProcessSpawner"
    assert c.JupyterHub.load_groups["team-Marknad"] == {"users": ["anna"]}
    assert c.JupyterHub.load_groups["team-Ledningsgruppen"] == {"users": []}
    assert c.JupyterHub.load_groups["facilitators"] == {"users": ["fia"]}
    roles = {r["name"]: r for r in c.JupyterHub.load_roles}
    assert not any(s == "self" or s.startswith("servers") for s in roles["user"]["scopes"])  # no server, no code
    assert "self" in roles["facilitator"]["scopes"] and roles["facilitator"]["groups"] == ["facilitators"]
    (service,) = c.JupyterHub.services
    assert service["environment"]["OKR_WORKSHOP"] == str(workshop_file)
    assert c.Spawner.environment["OKR_WORKSHOP"] == str(workshop_file)  # one setting for the store


def test_the_hub_config_on_a_postgresql_store_passes_the_password_apart(monkeypatch, tmp_path, pg_cluster):
    url = pg_cluster.password_role("okr_hub").replace("/okr?", "/okr/hubben_config?")
    okr.save(okr.samples.load("exempel-ab"), url)
    bare, password = split_password(url)
    assert password and password not in bare
    c = _read_config(monkeypatch, OKR_HUB_TEST="1", OKR_WORKSHOP=url, OKR_HUB_DATA=str(tmp_path / "d"),
                     PGPASSFILE="/srv/okr/pgpass")  # fmt: skip
    assert "team-Marknad" in c.JupyterHub.load_groups  # the config read the teams from the server
    (service,) = c.JupyterHub.services
    for env in (service["environment"], c.Spawner.environment):
        assert env["OKR_WORKSHOP"] == bare
    # the Hub keeps a service's environment in its database: the app's password goes in a 600 file
    assert "PGPASSWORD" not in service["environment"] and password not in json.dumps(service)
    passfile = tmp_path / "d" / "okr-store.pgpass"
    assert service["environment"]["PGPASSFILE"] == str(passfile)
    assert passfile.read_text() == f"*:*:*:okr_hub:{password}\n" and stat.S_IMODE(passfile.stat().st_mode) == 0o600
    assert c.Spawner.environment["PGPASSWORD"] == password  # a server's environment is not stored
    assert c.Spawner.environment["PGPASSFILE"] == "/srv/okr/pgpass"  # libpq's own settings are passed on
    monkeypatch.setenv("PGPASSFILE", str(passfile))  # as the Hub starts the service
    # the service: Voilà behind the Hub on the same URL; the Hub decides who opens what, so no link secret
    monkeypatch.setenv("OKR_APP_STATE", str(tmp_path / "state"))
    argv, merged = service_argv({**service["environment"], "JUPYTERHUB_SERVICE_URL": "http://127.0.0.1:10101",
                                 "JUPYTERHUB_SERVICE_PREFIX": "/services/okr-app/"})  # fmt: skip
    assert merged["OKR_WORKSHOP"] == bare and merged["PGPASSFILE"] == str(passfile)
    assert not any(password in a for a in argv) and not (tmp_path / "state").exists()
    # on Kubernetes the pod gets the URL and, apart, PGPASSWORD (deploy/jupyterhub/okr-app.sh)
    monkeypatch.delenv("PGPASSFILE")
    pod = {"OKR_WORKSHOP": bare, "PGPASSWORD": password, "JUPYTERHUB_SERVICE_URL": "http://0.0.0.0:8866",
           "JUPYTERHUB_SERVICE_PREFIX": "/services/okr-app-1/"}  # fmt: skip
    argv, merged = service_argv(pod)
    assert merged["OKR_WORKSHOP"] == bare and merged["PGPASSWORD"] == password
    assert not any(password in a for a in argv)
    assert store_environment("/srv/okr/w.okr") == {"OKR_WORKSHOP": "/srv/okr/w.okr"}
    assert store_environment("postgresql:///okr/w?host=/run/postgresql") == {
        "OKR_WORKSHOP": "postgresql:///okr/w?host=/run/postgresql"}  # fmt: skip


@pytest.mark.parametrize(
    "env, message",
    [
        ({}, "set OKR_WORKSHOP"),
        ({"OKR_WORKSHOP": "w.okr"}, "OKR_HUB_AUTHENTICATOR"),  # no silent DummyAuthenticator on a real server
        ({"OKR_WORKSHOP": "w.okr", "OKR_HUB_AUTHENTICATOR": "dummy"}, "dummy is for tests only"),
    ],
)
def test_the_hub_config_refuses_to_start_without_a_store_or_with_the_test_login(monkeypatch, tmp_path, env, message):
    with pytest.raises(SystemExit, match=message):
        _read_config(monkeypatch, OKR_HUB_DATA=str(tmp_path / "d"), **env)


def test_the_real_authenticators_are_named(monkeypatch, tmp_path, workshop_file):
    c = _read_config(monkeypatch, OKR_WORKSHOP=str(workshop_file), OKR_HUB_DATA=str(tmp_path / "d"),
                     OKR_HUB_AUTHENTICATOR="azuread")  # fmt: skip
    assert c.JupyterHub.authenticator_class == "oauthenticator.azuread.AzureAdOAuthenticator"
    assert c.JupyterHub.spawner_class == "jupyterhub.spawner.LocalProcessSpawner"


def test_teams_are_spread_over_app_servers_the_same_way_every_time(monkeypatch, tmp_path, workshop_file):
    from okr_workshop.app.hub import service_name, shard_for

    teams = [f"Team {i}" for i in range(40)]
    shards = [shard_for(t, 8) for t in teams]
    assert shards == [shard_for(t.upper() + " ", 8) for t in teams]  # the name as the group spells it
    assert len(set(shards)) == 8  # by name alone: stable, but uneven
    dealt = [shard_for(t, 8, teams) for t in teams]  # knowing every team: dealt out evenly
    assert sorted(dealt.count(s) for s in range(8)) == [5] * 8
    assert dealt == [shard_for(t.lower(), 8, [x.upper() for x in teams]) for t in teams]
    assert shard_for("Marknad", 1) == 0 and service_name(0) == "okr-app" and service_name(3) == "okr-app-3"
    urls = ",".join(f"http://127.0.0.1:{10101 + i}" for i in range(3))
    c = _read_config(monkeypatch, OKR_HUB_TEST="1", OKR_WORKSHOP=str(workshop_file), OKR_HUB_DATA=str(tmp_path / "d"),
                     OKR_HUB_APP_URLS=urls)  # fmt: skip
    assert [s["name"] for s in c.JupyterHub.services] == ["okr-app", "okr-app-1", "okr-app-2"]

    class Group:
        def __init__(self, name):
            self.name = name

    class User:
        admin = False
        groups = [Group("team-Marknad")]

    class DB:
        def query(self, _):
            return [Group(f"team-{t}") for t in ("Marknad", "HR", "Sälj", "IT")] + [Group("facilitators")]

    class Handler:
        base_url = "/"
        current_user = User()
        db = DB()

    expected = service_name(shard_for("Marknad", 3, ["Marknad", "HR", "Sälj", "IT"]))
    assert c.JupyterHub.default_url(Handler()) == f"/services/{expected}/"
    User.groups = [Group("facilitators")]
    assert c.JupyterHub.default_url(Handler()) == "/hub/spawn"


def test_the_kubernetes_values_send_each_team_to_the_same_app_server_as_the_library(monkeypatch):
    yaml = pytest.importorskip("yaml")
    from okr_workshop.app.hub import service_name, shard_for

    values = yaml.safe_load((CONFIG.parent / "values.yaml").read_text(encoding="utf-8"))
    hub = values["hub"]
    services = [{"name": name, **spec} for name, spec in hub["services"].items()]
    assert all(s["oauth_no_confirm"] for s in services)
    assert hub["loadRoles"]["user"]["scopes"] == ["access:services", "read:users:name!user", "read:users:groups!user"]
    assert values["singleuser"]["extraEnv"]["OKR_WORKSHOP"]["valueFrom"]["secretKeyRef"]["name"] == "okr-store"
    c = Config()
    c.JupyterHub.services = services
    scope = {"c": c}
    exec(hub["extraConfig"]["okr-default-url"], scope)  # noqa: S102 - our own config snippet
    route = c.JupyterHub.default_url

    class Group:
        def __init__(self, name):
            self.name = name

    all_teams = ["Marknad", "Sälj", "Team 17", "HR", "IT", "Juridik", "Ekonomi", "Produkt", "Kundtjänst"]

    class DB:
        def query(self, _):
            return [Group(f"team-{t}") for t in all_teams] + [Group("facilitators")]

    class Handler:
        base_url = "/"
        db = DB()

        def __init__(self, *groups, admin=False):
            self.current_user = type("User", (), {"admin": admin, "groups": [Group(g) for g in groups]})()

    for team in all_teams:
        expected = service_name(shard_for(team, len(services), all_teams))
        assert route(Handler(f"team-{team}")) == f"/services/{expected}/", team
    assert route(Handler("team-Unknown")) == f"/services/{service_name(shard_for('Unknown', len(services)))}/"
    assert route(Handler("facilitators")) == "/hub/spawn"
    # every service's URL is the Service that okr-app.sh makes for that server
    for i, spec in enumerate(sorted(services, key=lambda s: 0 if s["name"] == "okr-app" else int(s["name"][8:]))):
        assert spec["name"] == service_name(i)
        assert spec["url"] == f"http://{service_name(i)}-http:8866"


def test_the_app_server_manifest_names_its_service_token_and_prefix():
    yaml = pytest.importorskip("yaml")
    import subprocess

    out = subprocess.run(["sh", str(CONFIG.parent / "okr-app.sh"), "3"], capture_output=True, text=True, check=True)
    deployment, service, policy = list(yaml.safe_load_all(out.stdout))
    env = {e["name"]: e for e in deployment["spec"]["template"]["spec"]["containers"][0]["env"]}
    assert env["JUPYTERHUB_API_TOKEN"]["valueFrom"]["secretKeyRef"] == {
        "name": "hub",
        "key": "hub.services.okr-app-3.apiToken",
    }
    assert env["JUPYTERHUB_SERVICE_PREFIX"]["value"] == "/services/okr-app-3/"
    assert service["metadata"]["name"] == "okr-app-3-http"
    assert policy["spec"]["ingress"][0]["from"][0]["podSelector"]["matchLabels"] == {"component": "proxy"}
    zero = list(yaml.safe_load_all(subprocess.run(["sh", str(CONFIG.parent / "okr-app.sh"), "0"],
                                                  capture_output=True, text=True, check=True).stdout))  # fmt: skip
    assert zero[1]["metadata"]["name"] == "okr-app-http"


def test_the_facilitators_notebooks_are_pointed_at_the_shared_store(tmp_path, monkeypatch):
    import json

    import nbformat

    from okr_workshop.app.hub import point_notebooks
    from okr_workshop.jupyter.lab import init

    init(tmp_path)
    store = 'postgresql://okr@db/okr?workshop="Q1" \\ x'  # quotes and backslashes stay one string literal
    changed = point_notebooks(tmp_path, store)
    assert {p.name for p in changed} == {"00_start_here.ipynb", "01_setting.ipynb", "02_scoring.ipynb",
                                         "03_reporting.ipynb"}  # fmt: skip
    for path in changed:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        scope: dict = {}
        exec(params.source, scope)  # noqa: S102 - the notebook's own parameters cell
        assert scope["workshop_path"] == store
        assert params.source.count("workshop_path =") == 1
    # a password in the URL never reaches a notebook (the servers get it as PGPASSWORD)
    init(tmp_path / "pg")
    point_notebooks(tmp_path / "pg", "postgresql://okr:Hemligt-9@db/okr/q1?sslmode=require&password=Hemligt-9")
    for path in (tmp_path / "pg").glob("*.ipynb"):
        text = path.read_text(encoding="utf-8")
        assert "Hemligt-9" not in text
    assert 'workshop_path = \\"postgresql://okr@db/okr/q1?sslmode=require\\"' in (
        tmp_path / "pg" / "01_setting.ipynb"
    ).read_text(encoding="utf-8")
    monkeypatch.delenv("OKR_WORKSHOP", raising=False)
    with pytest.raises(OkrWorkshopError, match="OKR_WORKSHOP is not set"):
        point_notebooks(tmp_path)
    assert json.loads((tmp_path / "01_setting.ipynb").read_text(encoding="utf-8"))["nbformat"] == 4


def test_the_password_file_is_private_whole_and_never_written_through_a_link(tmp_path):
    from okr_workshop.app.hub import write_passfile

    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_text("keep\n")
    path = tmp_path / "okr-store.pgpass"
    path.symlink_to(elsewhere)  # planted where the file goes
    write_passfile(path, "postgresql://okr:hemligt@db/okr/ws", "pa:ss\\word")
    assert not path.is_symlink() and elsewhere.read_text() == "keep\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text() == "*:*:*:okr:pa\\:ss\\\\word\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left
