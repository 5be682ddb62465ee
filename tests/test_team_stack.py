"""scripts/team_stack.py, the team deployment without Docker: it starts PostgreSQL, the
scheduled fetcher and the dashboard; the fetcher fills the database the dashboard shows, and
SIGTERM stops all three."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.browser import free_port, settle
from tests.paths import DATA, ROOT
from tests.postgres import unavailable

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.postgres]
sys.path.insert(0, str(ROOT / "scripts"))
from team_stack import wait_until_up  # noqa: E402


def _posts_on_the_overview(browser, url: str) -> str:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_role("heading", name="Overview").wait_for(timeout=120_000)
    settle(page)
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Posts").first
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def test_the_stack_fetches_into_postgresql_shows_it_and_stops_whole(browser, tmp_path: Path):
    reason = unavailable()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the PostgreSQL tests: {reason}")
        pytest.skip(reason)
    shutil.copytree(DATA / "app", tmp_path / "config")
    # Not in tmp_path: as root the server runs as `postgres`, who cannot enter pytest's folders.
    folder, port = Path(tempfile.mkdtemp(prefix="monitor-stack-")), free_port()
    env = {**os.environ, "MONITOR_CONFIG": str(tmp_path / "config" / "feeds.yaml")}
    env.pop("MONITOR_DB", None)
    command = [
        sys.executable,
        str(ROOT / "scripts" / "team_stack.py"),
        "--folder",
        str(folder),
        "--port",
        str(port),
    ]
    stack = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}", alive=lambda: stack.poll() is None)
        deadline = time.monotonic() + 120
        while "fetched: 6 new posts" not in (folder / "fetcher.log").read_text(errors="replace"):
            assert time.monotonic() < deadline, (folder / "fetcher.log").read_text(errors="replace")
            time.sleep(0.5)

        assert _posts_on_the_overview(browser, f"http://127.0.0.1:{port}") == "6"
        assert not (tmp_path / "config" / "app.db").exists()  # the posts are in PostgreSQL, not the file
    finally:
        stack.send_signal(signal.SIGTERM)
        output, _ = stack.communicate(timeout=120)
        shutil.rmtree(folder, ignore_errors=True)
    assert stack.returncode == 0, output
    assert "dashboard   http://127.0.0.1:" in output
    assert not (folder / "pgdata" / "postmaster.pid").exists()  # the server stopped
    with pytest.raises(OSError):
        wait_until_up(f"http://127.0.0.1:{port}", timeout=0)  # and the dashboard
