"""A throwaway PostgreSQL cluster on a unix socket in a temporary folder (tests and benchmarks).

Uses Debian's server binaries (``/usr/lib/postgresql/*/bin``). The server refuses
to run as root, so under root the cluster belongs to the ``postgres`` user and is
started with ``runuser``. No TCP port is opened; the socket lives in the folder.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path


class ClusterUnavailable(RuntimeError):
    """No PostgreSQL server can be started here (binaries or the postgres user missing)."""


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    if found:
        return found[-1]
    if path := shutil.which(name):
        return path
    raise ClusterUnavailable(f"no {name}: install PostgreSQL (Debian: apt-get install postgresql)")


def unavailable() -> str | None:
    """Why no cluster can be started here (binaries or the postgres user missing), or None: a cheap check."""
    try:
        _bin("initdb"), _bin("pg_ctl")
    except ClusterUnavailable as err:
        return str(err)
    if os.geteuid() == 0 and subprocess.run(["id", "-u", "postgres"], capture_output=True).returncode != 0:
        return "running as root and there is no postgres user to run the server"
    return None


class Cluster:
    """One running server; ``url(name)`` is the URL of workshop ``name`` in its database ``okr``."""

    def __init__(self, fsync: bool = True):
        initdb, self._pg_ctl = _bin("initdb"), _bin("pg_ctl")
        self._as: list[str] = []
        if os.geteuid() == 0:
            if subprocess.run(["id", "-u", "postgres"], capture_output=True).returncode != 0:
                raise ClusterUnavailable("running as root and there is no postgres user to run the server")
            self._as = ["runuser", "-u", "postgres", "--"]
        self.root = Path(tempfile.mkdtemp(prefix="okr-pg-"))
        self.data, self.socket = self.root / "data", self.root / "sock"
        self.socket.mkdir()
        if self._as:
            shutil.chown(self.root, "postgres")
            shutil.chown(self.socket, "postgres")
        opts = f"-k {self.socket} -c listen_addresses='' -c max_connections=200"
        if not fsync:
            opts += " -c fsync=off -c synchronous_commit=off"
        try:
            self._run(initdb, "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C",
                      "--no-sync")  # fmt: skip
            self._run(self._pg_ctl, "-D", str(self.data), "-l", str(self.root / "log"), "-o", opts, "-w", "start")
        except ClusterUnavailable:
            shutil.rmtree(self.root, ignore_errors=True)
            raise
        self.server = f"postgresql://postgres@/okr?host={self.socket}"
        self._run(_bin("createdb"), "-h", str(self.socket), "-U", "postgres", "okr")

    def _run(self, *cmd: str) -> None:
        done = subprocess.run([*self._as, *cmd], capture_output=True, text=True)
        if done.returncode != 0:
            lines = (done.stderr or done.stdout).strip().splitlines() or ["(no output)"]
            raise ClusterUnavailable(f"{Path(cmd[0]).name} failed: {lines[-1]}")

    def password_role(self, name: str = "okr_app", password: str = "") -> str:
        """A login role that must give ``password`` (SCRAM over the socket; other roles stay trusted).

        Called again for the same role, it gets the new password (its workshops stay).

        Returns the database's URL for it, with the password in it (for tests of where it must not show).
        """
        import secrets

        password = password or secrets.token_urlsafe(12)
        psql = [_bin("psql"), "-h", str(self.socket), "-U", "postgres", "-d", "okr", "-v", "ON_ERROR_STOP=1", "-c"]
        self._run(*psql, f"DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') THEN"
                         f" CREATE ROLE {name} LOGIN; END IF; END$$; ALTER ROLE {name} PASSWORD '{password}';"
                         f" GRANT CONNECT, CREATE ON DATABASE okr TO {name}")  # fmt: skip
        hba = self.data / "pg_hba.conf"
        line = f"local all {name} scram-sha-256\n"
        if line not in hba.read_text():
            hba.write_text(line + hba.read_text())  # first match wins: before the trust lines
        self._run(self._pg_ctl, "-D", str(self.data), "reload")
        import time

        time.sleep(0.5)  # the postmaster rereads pg_hba.conf on SIGHUP, a moment after pg_ctl returns
        return f"postgresql://{name}:{password}@/okr?host={self.socket}"

    def url(self, workshop: str = "") -> str:
        """The database's URL, or a workshop's in it."""
        return f"postgresql://postgres@/okr{'/' + workshop if workshop else ''}?host={self.socket}"

    def stop(self) -> None:
        try:
            self._run(self._pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
