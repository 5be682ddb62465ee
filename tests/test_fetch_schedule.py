"""`fetch --every` (the interval, the next slot, the loop) and the fetch lock: two fetches of
one database never write at once, whether from cron, the loop or the dashboard."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitor import cli, models
from monitor.cli import main
from monitor.config.load import load_config
from monitor.errors import ConfigError, LockBusyError, StoreError
from monitor.pipeline import background, schedule
from monitor.pipeline.schedule import next_run_at, parse_interval, run_every
from monitor.store.database import open_store
from tests.paths import DATA, ROOT

pytestmark = pytest.mark.timeout(120)

FEED = DATA / "rss" / "rfc822_offsets.xml"  # three items
N_ITEMS = 3
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


# --- the next slot -----------------------------------------------------------------------


def test_the_next_run_is_one_interval_after_the_start_when_the_run_was_short():
    assert next_run_at(T0, HOUR, T0 + timedelta(minutes=3)) == T0 + HOUR


def test_a_run_that_overran_skips_the_missed_slots_instead_of_running_back_to_back():
    assert next_run_at(T0, HOUR, T0 + timedelta(hours=2, minutes=30)) == T0 + 3 * HOUR


def test_slots_stay_on_the_start_time_grid_after_many_runs():
    assert next_run_at(T0, timedelta(minutes=15), T0 + timedelta(days=1, minutes=1)) == T0 + timedelta(
        days=1, minutes=15
    )


def test_a_run_ending_exactly_on_a_slot_waits_for_the_next_one():
    assert next_run_at(T0, HOUR, T0 + HOUR) == T0 + 2 * HOUR


def test_a_clock_set_back_before_the_start_waits_one_interval_from_the_start():
    assert next_run_at(T0, HOUR, T0 - timedelta(hours=5)) == T0 + HOUR


# --- --every ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "interval"),
    [
        ("15m", timedelta(minutes=15)),
        ("30m", timedelta(minutes=30)),
        ("1h", HOUR),
        ("6H", timedelta(hours=6)),
        ("1d", timedelta(days=1)),
    ],
)
def test_every_takes_minutes_hours_and_days(text, interval):
    assert parse_interval(text) == interval


@pytest.mark.parametrize("text", ["", "1", "h", "0m", "1.5h", "-1h", "1w", "90s", "1 hour"])
def test_a_bad_interval_names_the_accepted_forms(text):
    with pytest.raises(ConfigError, match=r"--every .*: write a whole number of .*15m, 30m, 1h, 6h, 1d"):
        parse_interval(text)


def test_the_cli_refuses_a_bad_every_with_exit_2_and_the_accepted_forms(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["fetch", "--every", "hourly"])
    assert stopped.value.code == 2
    assert "15m, 30m, 1h, 6h, 1d" in capsys.readouterr().err


# --- the loop -----------------------------------------------------------------------------


class FakeClock:
    """A wall clock that moves only when slept on, or when a run says it took time."""

    def __init__(self) -> None:
        self.now = T0
        self.slept = 0.0

    def __call__(self) -> datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert 0 < seconds <= 1.0  # naps: a stop request is seen within a second
        self.now += timedelta(seconds=seconds)
        self.slept += seconds


def test_the_loop_runs_now_then_at_the_next_slot():
    clock, started = FakeClock(), []

    def run() -> None:
        started.append(clock.now)
        clock.now += timedelta(minutes=10)  # the fetch takes 10 minutes

    assert run_every(HOUR, run, runs=2, clock=clock, sleep=clock.sleep) == 2
    assert started == [T0, T0 + HOUR]
    assert clock.slept == pytest.approx(50 * 60)


def test_the_loop_skips_the_slots_a_long_run_missed():
    clock, started = FakeClock(), []

    def run() -> None:
        started.append(clock.now)
        clock.now += timedelta(minutes=90) if len(started) == 1 else timedelta(0)

    run_every(HOUR, run, runs=2, clock=clock, sleep=clock.sleep)
    assert started == [T0, T0 + 2 * HOUR]


def test_a_stop_request_while_waiting_ends_the_loop_without_another_run():
    clock, started = FakeClock(), []
    run_every(
        HOUR,
        lambda: started.append(clock.now),
        stop_requested=lambda: clock.now >= T0 + timedelta(minutes=20),
        clock=clock,
        sleep=clock.sleep,
    )
    assert started == [T0]
    assert clock.now == T0 + timedelta(minutes=20)  # stopped within a nap of the request


@pytest.fixture
def file_config(tmp_path):
    """feeds.yaml with one local RSS file of three items and its own database."""
    (tmp_path / "feed.xml").write_bytes(FEED.read_bytes())
    path = tmp_path / "feeds.yaml"
    path.write_text(
        "settings:\n  database: monitor.db\n  timezone: UTC\nbrands:\n  - name: Ours\n    own: true\n"
        "    feeds:\n      - name: Blog\n        kind: rss\n        path: feed.xml\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def fake_clock(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(schedule, "utc_now", clock)
    monkeypatch.setattr(schedule, "nap", clock.sleep)
    return clock


def test_fetch_every_runs_twice_with_one_line_each(file_config, fake_clock, capsys):
    code = main(["fetch", "--every", "1h", "--runs", "2", "--no-topics", "--config", str(file_config)])

    out, err = capsys.readouterr()
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2, out
    assert lines[0].endswith(f"UTC fetched: {N_ITEMS} new posts, 0 of 1 feeds failed")
    assert lines[1].endswith("UTC fetched: 0 new posts, 0 of 1 feeds failed")
    assert fake_clock.slept == pytest.approx(3600)  # the fake runs take no time
    assert "every 1h" in err


def test_fetch_every_quiet_prints_nothing_when_all_is_well(file_config, fake_clock, capsys):
    assert main(["fetch", "--every", "30m", "--runs", "2", "--quiet", "--config", str(file_config)]) == 0
    assert capsys.readouterr() == ("", "")


def test_a_failed_run_is_reported_and_the_loop_goes_on(file_config, fake_clock, monkeypatch, capsys):
    calls = []
    real = cli.refresh_feeds

    def database_away_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise StoreError("postgresql://monitor@db/monitor: the server is restarting")
        return real(*args, **kwargs)

    monkeypatch.setattr(cli, "refresh_feeds", database_away_once)
    code = main(["fetch", "--every", "15m", "--runs", "2", "--quiet", "--config", str(file_config)])

    out, err = capsys.readouterr()
    assert code == 0
    assert out == ""
    assert "error: postgresql://monitor@db/monitor: the server is restarting" in err
    assert len(calls) == 2
    store = open_store(load_config(file_config).database_url)
    assert store.count_posts() == N_ITEMS  # the second run stored them
    store.close()


def test_sigterm_between_runs_stops_the_loop_cleanly(file_config):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "monitor",
            "fetch",
            "--every",
            "1d",
            "--no-topics",
            "--config",
            str(file_config),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = process.stdout.readline()  # the first run's line: it now waits for tomorrow
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert "fetched: 3 new posts" in first
    assert process.returncode == 0, err
    assert err.rstrip().endswith("Stopped.")


# --- the fetch lock -----------------------------------------------------------------------


def test_a_held_fetch_lock_is_refused_at_once_and_leaves_the_refit_lock_free(store):
    other = open_store(store.url)  # another process's store: cron's, the dashboard's
    with store.fetch_lock():
        if store.engine.dialect.name == "sqlite":  # PostgreSQL holds an advisory lock instead
            assert Path(f"{store.engine.url.database}.fetch.lock").exists()
        with (
            pytest.raises(LockBusyError, match="another fetch is writing to this database"),
            other.fetch_lock(),
        ):
            pytest.fail("two fetches held the lock at once")
        with other.refit_lock(timeout=0):
            pass  # a refit is not a fetch: its own lock
    with other.fetch_lock():
        pass  # free again once released
    other.close()


class SlowFeed(ThreadingHTTPServer):
    """Serves FEED on 127.0.0.1 once `release` is set; `asked` is set by the first request."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), SlowHandler)
        self.asked, self.release = threading.Event(), threading.Event()
        self.n_requests = 0


class SlowHandler(BaseHTTPRequestHandler):
    server: SlowFeed

    def do_GET(self) -> None:
        self.server.n_requests += 1
        self.server.asked.set()
        self.server.release.wait(30)
        body = FEED.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def slow_feed():
    server = SlowFeed()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


def fetch_process(config: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "monitor", "fetch", "--no-topics", "--config", str(config), *options]


def slow_feed_config(folder: Path, server: SlowFeed) -> Path:
    config = folder / "feeds.yaml"
    config.write_text(
        "settings:\n  database: monitor.db\n  fetch:\n    timeout_seconds: 60\nbrands:\n  - name: Ours\n"
        "    own: true\n    feeds:\n      - name: Blog\n        kind: rss\n"
        f"        url: http://127.0.0.1:{server.server_port}/feed.xml\n",
        encoding="utf-8",
    )
    return config


def test_a_second_fetch_process_skips_with_exit_3_while_the_first_writes(tmp_path, slow_feed):
    config = slow_feed_config(tmp_path, slow_feed)
    first = subprocess.Popen(
        fetch_process(config), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert slow_feed.asked.wait(60), "the first fetch never asked for the feed"
        second = subprocess.run(
            fetch_process(config, "--quiet"), cwd=ROOT, capture_output=True, text=True, timeout=60
        )
        assert slow_feed.n_requests == 1  # the second never fetched: it did not write either
        slow_feed.release.set()
        out, err = first.communicate(timeout=60)
    finally:
        slow_feed.release.set()
        first.kill()

    assert second.returncode == 3, second.stderr
    assert second.stdout == ""
    assert second.stderr.startswith("skipped: ")
    assert "another fetch is writing to this database" in second.stderr
    assert first.returncode == 0, err
    assert out.splitlines()[-1] == f"1 feeds: 1 ok, 0 failed; {N_ITEMS} new posts"
    store = open_store(load_config(config).database_url)
    posts = store.load_posts()
    store.close()
    assert len(posts) == N_ITEMS and posts[models.POST_ID].is_unique


def test_sigterm_during_a_run_lets_it_finish_then_stops(tmp_path, slow_feed):
    config = slow_feed_config(tmp_path, slow_feed)
    process = subprocess.Popen(
        fetch_process(config, "--every", "1h"),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert slow_feed.asked.wait(60), "the fetch never asked for the feed"
        process.send_signal(signal.SIGTERM)  # mid-run: the feed is still on its way
        process.stderr.readline()  # "Fetching 1 feeds into ... every 1h; ..."
        assert process.stderr.readline().startswith("Stopping after this run")
        slow_feed.release.set()
        out, err = process.communicate(timeout=60)
    finally:
        slow_feed.release.set()
        process.kill()

    assert process.returncode == 0, err
    assert out.endswith(f"fetched: {N_ITEMS} new posts, 0 of 1 feeds failed\n")
    assert err.rstrip().endswith("Stopped.")
    assert slow_feed.n_requests == 1


def test_the_dashboard_refresh_says_another_fetch_is_running_and_stores_nothing(file_config):
    config = load_config(file_config)
    cron = open_store(config.database_url)
    with cron.fetch_lock():  # a cron fetch in progress
        progress = background.start_refresh(config).wait(timeout=60)
    assert progress.finished and progress.busy
    assert progress.error is None and progress.n_failed == 0  # not a failure
    assert progress.describe().startswith("Another fetch is running on this database")
    assert cron.count_posts() == 0
    cron.close()


def test_the_feeds_page_shows_another_fetch_is_running_instead_of_failing(app_env):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()  # first start: fetched
    app.switch_page("app_pages/feeds.py").run()
    cron = open_store(f"sqlite:///{app_env / 'test.db'}")
    with cron.fetch_lock():
        app.button[0].click().run()
    cron.close()
    assert not app.exception
    assert not app.error
    labels = [status.label for status in app.status]
    assert any(label.startswith("Another fetch is running") for label in labels), labels


def test_fetch_running_says_whether_another_store_holds_the_fetch_lock(store):
    other = open_store(store.url)  # cron's store, or another machine's dashboard
    assert not store.fetch_running()
    with other.fetch_lock():
        assert store.fetch_running()
    assert not store.fetch_running()  # released: asking took and gave back the lock
    with other.fetch_lock():
        pass  # and asking left it free
    other.close()


def test_every_page_says_when_a_fetch_from_elsewhere_is_writing(app_env):
    import streamlit as st

    AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()  # first start: fetched
    st.cache_data.clear()  # the answer is kept 5 s
    note = "A fetch is writing to the database now"
    cron = open_store(f"sqlite:///{app_env / 'test.db'}")
    with cron.fetch_lock():
        for page in ("app_pages/overview.py", "app_pages/trends.py", "app_pages/feeds.py"):
            app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
            app.switch_page(page).run()
            assert not app.exception, app.exception
            assert sum(note in info.value for info in app.info) == 1, (page, [i.value for i in app.info])
    cron.close()
    st.cache_data.clear()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not [info.value for info in app.info if note in info.value]
