"""The team deployment of deploy/compose.yaml without Docker: PostgreSQL, the scheduled
fetcher and the dashboard, as three local processes.

    .venv/bin/python scripts/team_stack.py [--folder data/team] [--every 1h] [--port 8501]

PostgreSQL's data folder is kept in --folder (created on the first start, reused after), and
the server listens on 127.0.0.1 only. As root, the server runs as the `postgres` user, since
initdb refuses root. Ctrl-C or SIGTERM stops the three: the dashboard, then the fetcher
(its run under way finishes), then the server. feeds.yaml comes from MONITOR_CONFIG, or the
project's own (the demo)."""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "monitor"
SERVER_USER = "postgres"  # who runs the server when this runs as root
# Debian keeps the server's programs off the PATH, in /usr/lib/postgresql/<major>/bin.
SEARCH_PATH = os.pathsep.join(
    [os.environ.get("PATH", ""), *sorted(map(str, Path("/usr/lib/postgresql").glob("*/bin")), reverse=True)]
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--folder", type=Path, default=ROOT / "data" / "team", help="PostgreSQL's data and logs"
    )
    parser.add_argument("--every", default="1h", help="the fetcher's interval (as fetch --every)")
    parser.add_argument("--port", type=int, default=8501, help="the dashboard's port on 127.0.0.1")
    parser.add_argument(
        "--db-port", type=int, default=0, help="PostgreSQL's port on 127.0.0.1 (default: a free one)"
    )
    args = parser.parse_args(argv)

    folder = args.folder.resolve()
    db_port = args.db_port or _free_port()
    stopping: list[int] = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda number, _frame: stopping.append(number))
    start_postgres(folder, db_port)
    children: list[subprocess.Popen] = []
    try:
        url = create_database(folder, db_port)
        env = {**os.environ, "MONITOR_DB": url}
        python = sys.executable
        children.append(
            _spawn([python, "-m", "monitor", "fetch", "--every", args.every], env, folder / "fetcher.log")
        )
        app = [python, str(ROOT / "serve.py"), "--server.address", "127.0.0.1", "--server.port", str(args.port),
               "--server.headless", "true", "--browser.gatherUsageStats", "false"]  # fmt: skip
        children.append(_spawn(app, env, folder / "app.log"))
        print(f"PostgreSQL  127.0.0.1:{db_port}  (data and logs in {folder})", flush=True)
        print(f"fetcher     every {args.every}  ({folder / 'fetcher.log'})", flush=True)
        print(f"dashboard   http://127.0.0.1:{args.port}  ({folder / 'app.log'})", flush=True)
        while not stopping:
            ended = next((child for child in children if child.poll() is not None), None)
            if ended is not None:
                print(f"{ended.args[1:3]} ended with exit {ended.returncode}; stopping", file=sys.stderr)
                return 1
            time.sleep(0.5)
        return 0
    finally:
        for child in reversed(children):  # the dashboard first, then the fetcher
            _stop(child)
        stop_postgres(folder)


def start_postgres(folder: Path, port: int) -> None:
    """initdb on the first start, then pg_ctl start on 127.0.0.1:port (no TCP elsewhere)."""
    data = folder / "pgdata"
    folder.mkdir(parents=True, exist_ok=True)
    if not (data / "PG_VERSION").exists():
        if os.geteuid() == 0:
            shutil.chown(folder, user=SERVER_USER)
        _run("initdb", "--pgdata", str(data), "--username=postgres", "--auth=trust", "--encoding=UTF8",
             "--locale=C.UTF-8")  # fmt: skip
    options = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder}"
    _run(
        "pg_ctl",
        "start",
        "--wait",
        "--pgdata",
        str(data),
        "--log",
        str(folder / "postgres.log"),
        "-o",
        options,
    )


def create_database(folder: Path, port: int) -> str:
    """The monitor's database (created once); its SQLAlchemy URL."""
    exists = _psql(folder, port, f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'")
    if not exists.strip():
        _psql(folder, port, f"CREATE DATABASE {DATABASE}")
    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/{DATABASE}"


def stop_postgres(folder: Path) -> None:
    if (folder / "pgdata" / "postmaster.pid").exists():
        _run("pg_ctl", "stop", "--wait", "--pgdata", str(folder / "pgdata"), "-m", "fast")


def wait_until_up(url: str, timeout: float = 120, alive=lambda: True) -> None:
    """Until the dashboard answers its health check (for scripts and tests driving this);
    RuntimeError as soon as alive() says the process serving it has ended."""
    deadline = time.monotonic() + timeout
    while True:
        if not alive():
            raise RuntimeError(f"{url} will not come up: its process has ended")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.5)


def _spawn(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    with open(log, "ab") as output:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)


def _stop(child: subprocess.Popen) -> None:
    """SIGTERM, then up to 10 minutes for a fetch under way to finish (as compose allows)."""
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(timeout=600)
        except subprocess.TimeoutExpired:
            child.kill()


def _psql(folder: Path, port: int, sql: str) -> str:
    command = ["psql", "-h", str(folder), "-p", str(port), "-U", "postgres", "-d", "postgres", "-tAc", sql]
    return _run(*command)


def _run(name: str, *arguments: str) -> str:
    program = shutil.which(name, path=SEARCH_PATH)
    if program is None:
        raise SystemExit(f"{name} not found: install PostgreSQL (Debian: apt-get install postgresql)")
    prefix = ["runuser", "-u", SERVER_USER, "--"] if os.geteuid() == 0 else []
    done = subprocess.run([*prefix, program, *arguments], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{name} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    raise SystemExit(main())
