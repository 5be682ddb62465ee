"""Shared helpers for real-browser tests: a Streamlit server on a free port, Debian's
Chromium driven by Playwright (never a downloaded browser), and waits and checks on a page."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from tests.paths import ROOT

CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium tries to reach Google's hosts at start, which a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def settle(page) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_timeout(800)
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=stStatusWidget]').length == 0", timeout=180_000
    )
    page.wait_for_timeout(800)


def record_outside(url: str, sink: list[str]) -> None:
    """Append `url` to `sink` when it leaves the machine (any host but 127.0.0.1 / localhost)."""
    host = urlparse(url).hostname or ""
    if url.startswith(("http://", "https://", "ws://", "wss://")) and host not in ("127.0.0.1", "localhost"):
        sink.append(url)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_server(
    config: Path,
    database: Path | str,
    timeout: float = 120,
    port: int | None = None,
    options: Sequence[str] = (),
    log: Path | None = None,
) -> Iterator[str]:
    """Run the dashboard as `make run` does (serve.py: `streamlit run app.py` with its
    libraries preloaded) on 127.0.0.1 and yield its base URL once healthy. database: a
    SQLite file or a URL; port: a free one unless given; options: more Streamlit options,
    e.g. ("--secrets.files", path); log: the server's output, by default beside the file."""
    port = port or free_port()
    env = {**os.environ, "MONITOR_CONFIG": str(config), "MONITOR_DB": str(database)}
    command = [
        sys.executable, str(ROOT / "serve.py"),
        "--server.address", "127.0.0.1", "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false", *options,
    ]  # fmt: skip
    log = log or Path(database).with_suffix(".server.log")
    with open(log, "wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, timeout, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not become healthy within {timeout:g} s")
