"""A refresh in a thread of its own runs to its end whatever its watcher does: every feed is
stored and topics are updated after the page that started it has gone."""

from __future__ import annotations

import shutil
import threading
import time

import pytest

from monitor.config.load import load_config
from monitor.pipeline import background, refresh
from monitor.pipeline.refresh import refresh_feeds
from monitor.store.database import open_store
from tests.paths import DATA

pytestmark = pytest.mark.timeout(90)

RSS_FEEDS = ["atom_basic.xml", "html_summary.xml", "languages.xml", "rfc822_offsets.xml"]
FIRST = "Naš blog"  # read at once; the gate holds the others


class PageGone(BaseException):
    """What Streamlit raises in a script whose session went away (a BaseException, as its own)."""


@pytest.fixture
def config(tmp_path):
    """The app fixture's two feeds plus four RSS files: six feeds, one database."""
    folder = tmp_path / "feeds"
    shutil.copytree(DATA / "app", folder)
    lines = [(folder / "feeds.yaml").read_text(encoding="utf-8").rstrip("\n")]
    for name in RSS_FEEDS:
        shutil.copy(DATA / "rss" / name, folder / name)
        lines.append(
            f"      - name: Tekmec {name}\n        kind: rss\n        path: {name}\n        channel: web"
        )
    (folder / "feeds.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_config(folder / "feeds.yaml", database=str(tmp_path / "monitor.db"))


@pytest.fixture
def gate(monkeypatch):
    """Every feed but the first waits for the test to open the gate: a run caught halfway."""
    opened = threading.Event()
    read = refresh.read_feed

    def gated(feed, config, state):
        if feed.name != FIRST:
            opened.wait(20)
        return read(feed, config, state)

    monkeypatch.setattr(refresh, "read_feed", gated)
    yield opened
    opened.set()  # a failed test leaves no thread waiting


def wait_until(check, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_run_goes_on_after_its_watcher_leaves(config, gate):
    run = background.start_refresh(config)

    def watch() -> None:  # as the page does: poll, render; the session ends mid-run
        wait_until(lambda: run.progress().done >= 1)
        raise PageGone

    with pytest.raises(PageGone):
        watch()
    progress = run.progress()
    assert not progress.finished
    assert progress.describe() == "Refreshing feeds: 1 of 6 done…"
    assert progress.lines == ("Naš blog: 3 new, 0 already seen",)
    gate.set()

    progress = run.wait(30)
    assert progress.finished and progress.error is None
    assert progress.done == progress.total == 6
    assert [r.name for r in progress.results] == [feed.name for feed in config.feeds]  # feeds.yaml order
    assert all(r.ok for r in progress.results)
    assert any("topics" in line for line in progress.lines[-3:])
    assert progress.lines[-1].endswith("new flags")  # then flags, as the CLI's fetch does
    store = open_store(config.database_url)
    try:
        status = store.load_feed_status()
        assert len(status) == 6 and set(status["status"]) == {"ok"}
        assert status["last_success_at"].notna().all()
        assert store.latest_topic_run() is not None
        assert store.count_assigned_by_fit() == store.count_posts() > 0
    finally:
        store.close()


def test_a_second_start_joins_the_run_in_progress(config, gate):
    run = background.start_refresh(config)
    assert background.start_refresh(config) is run
    assert background.latest_refresh(config.database_url) is run
    gate.set()
    assert run.wait(30).finished
    assert background.latest_refresh(config.database_url) is run  # its summary stays readable
    again = background.start_refresh(config)
    assert again is not run and again.run_id > run.run_id
    assert again.wait(30).finished


def test_a_run_that_breaks_ends_and_says_why(config, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full at sqlite://user:secret@host/db")

    monkeypatch.setattr(background, "refresh_feeds", broken)
    progress = background.start_refresh(config).wait(30)
    assert progress.finished
    assert "disk full" in progress.error and "secret" not in progress.error
    assert progress.describe().endswith(f"the refresh stopped: {progress.error}")


def test_refresh_feeds_stores_every_feed_when_its_observer_stops(config):
    """The page's own progress callback raising (the session went away) drops no feed."""
    calls = []

    def observer(done, total, result) -> None:
        calls.append(done)
        raise PageGone

    store = open_store(config.database_url)
    try:
        with pytest.raises(PageGone):
            refresh_feeds(config, store, on_progress=observer)
        status = store.load_feed_status()
        assert calls == [1]  # told once, then left alone
        assert len(status) == 6 and set(status["status"]) == {"ok"}
        assert status["last_success_at"].notna().all()
    finally:
        store.close()
