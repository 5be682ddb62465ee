"""A throwaway PostgreSQL server for the test session: its own data folder in a temporary
folder, a free port on 127.0.0.1, trust auth, and one fresh database per test.

initdb refuses to run as root, so as root (here and in CI) the server runs as the `postgres`
user through runuser."""

from __future__ import annotations

import itertools
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

BINARIES = ("initdb", "pg_ctl", "postgres")
# Debian's packages keep them off the PATH, in /usr/lib/postgresql/<major>/bin.
DEBIAN_BIN = sorted(
    (path for path in Path("/usr/lib/postgresql").glob("*/bin") if path.parent.name.isdigit()),
    key=lambda path: -int(path.parent.name),
)
SERVER_USER = "postgres"
# Throwaway data: durability off makes CREATE DATABASE and each commit several times faster.
# A server zone far from UTC, as a team's server may have: no stored time may depend on it.
SETTINGS = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c timezone=America/Los_Angeles"


def unavailable() -> str | None:
    """Why no server can be started here (a missing binary, user or driver), or None."""
    missing = [name for name in BINARIES if _binary(name) is None]
    if missing:
        return (
            f"PostgreSQL's {', '.join(missing)} not found (apt-get install postgresql; make test does this)"
        )
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            return f"running as root and there is no {SERVER_USER!r} user to run the server as"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install '.[postgres]'; make test installs it)"
    return None


def naming(config_text: str, database_url: str) -> str:
    """feeds.yaml text whose `database:` names the test's PostgreSQL database; on SQLite the
    text is kept, as it names the file the store fixture opened."""
    if database_url.startswith("sqlite"):
        return config_text
    return re.sub(r"(?m)^  database: .*$", f"  database: {database_url}", config_text)


class PostgresServer:
    """initdb + pg_ctl start in a temporary folder; stop() stops it and deletes the folder."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="monitor-postgres-"))
        self.port = _free_port()
        self._names = itertools.count(1)
        self.template: str | None = None  # a database each new one copies, if set
        self._prefix: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.folder, user=SERVER_USER)
            self._prefix = ["runuser", "-u", SERVER_USER, "--"]

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def start(self) -> None:
        self._run("initdb", "--pgdata", str(self.data), "--username=postgres", "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.folder}"
        )
        self._run("pg_ctl", "start", "--wait", "--pgdata", str(self.data),
                  "--log", str(self.folder / "server.log"), "-o", f"{options} {SETTINGS}")  # fmt: skip

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new database, a copy of the template if one is set; returns its name."""
        name = f"test_{next(self._names)}"
        # FILE_COPY: copying a small template's files beats writing them through the WAL
        copy = f" TEMPLATE {self.template} STRATEGY FILE_COPY" if self.template else ""
        self._execute(f"CREATE DATABASE {name}{copy}")
        return name

    def drop_database(self, name: str) -> None:
        """Drop it even while a test's forgotten connection still holds it."""
        self._execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "stop", "--pgdata", str(self.data), "-m", "immediate")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql)

    def _run(self, *command: str) -> None:
        done = subprocess.run(
            [*self._prefix, _binary(command[0]), *command[1:]], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(command[:2])} failed: {done.stderr.strip()}\n{tail}")


def _binary(name: str) -> str | None:
    return shutil.which(name, path=os.pathsep.join([os.environ.get("PATH", ""), *map(str, DEBIAN_BIN)]))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
