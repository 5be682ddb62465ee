"""HTTP fetching and refresh_feeds against a local server on 127.0.0.1: every failure
becomes one feed's error, and one feed failing never stops the others."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor import models
from monitor.config.load import load_config
from monitor.ingest import http as http_module
from monitor.ingest.http import HttpFeedError, fetch_url
from monitor.pipeline.refresh import refresh_feeds
from monitor.store import database as store_module
from monitor.store.database import open_store
from tests.feed_server import (
    ETAG,
    GOOD,
    LAST_MODIFIED,
    MAX_BYTES,
    RSS,
    UA,
    FeedServer,
    feeds_at,
    serve,
    write_feeds,
)
from tests.paths import ROOT


@pytest.fixture(scope="module")
def running_server():
    yield from serve(FeedServer())


@pytest.fixture
def server(running_server):
    """The module's server with an empty request log."""
    running_server.requests.clear()
    return running_server


def fetch(server: FeedServer, path: str, timeout: float = 0.5, **kwargs):
    return fetch_url(server.url(path), timeout=timeout, max_bytes=MAX_BYTES, user_agent=UA, **kwargs)


# --- fetch_url -----------------------------------------------------------------------------


def test_good_feed_is_fetched_with_our_user_agent(server):
    response = fetch(server, "/good.xml")

    assert (response.status_code, response.content) == (200, GOOD)
    assert response.content_type == "application/rss+xml"
    assert server.headers_of("/good.xml")[0]["User-Agent"] == UA


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/missing.xml", 404, "HTTP 404 Not Found: check the feed URL in feeds.yaml"),
        ("/gone.xml", 410, "HTTP 410 Gone: the publisher removed this feed"),
        ("/broken.xml", 500, "HTTP 500 Internal Server Error"),
        ("/busy.xml", 503, "server asks to retry after 120"),
    ],
)
def test_http_errors_become_feed_errors_with_the_status(server, path, status, message):
    with pytest.raises(HttpFeedError) as caught:
        fetch(server, path)

    assert caught.value.status_code == status
    assert message in str(caught.value)


def test_retry_after_is_kept(server):
    with pytest.raises(HttpFeedError) as caught:
        fetch(server, "/busy.xml")

    assert caught.value.retry_after == "120"


def test_no_answer_within_the_timeout(server):
    with pytest.raises(HttpFeedError, match=r"^timed out after 0\.5 s$"):
        fetch(server, "/slow.xml")


def test_a_trickling_body_meets_the_whole_request_deadline(server):
    with pytest.raises(HttpFeedError, match=r"timed out after 0\.5 s while reading"):
        fetch(server, "/trickle.xml")

    assert server.n_trickles_completed == 0  # the client gave up while bytes still came


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/big.xml", "response of 50,000 bytes is over the 5,000-byte cap"),
        ("/big-stream.xml", "response is over the 5,000-byte cap; not read further"),
        ("/bomb.xml", "response is over the 5,000-byte cap; not read further"),
    ],
)
def test_body_over_max_bytes_is_refused(server, path, message):
    with pytest.raises(HttpFeedError, match=message):
        fetch(server, path)


def test_gzip_body_is_decoded(server):
    assert fetch(server, "/gzip.xml").content == GOOD


def test_redirect_is_followed(server):
    response = fetch(server, "/moved.xml")

    assert response.content == GOOD
    assert response.final_url == server.url("/good.xml")


def test_redirect_loop_is_an_error(server):
    with pytest.raises(HttpFeedError, match="redirect loop"):
        fetch(server, "/loop")

    assert len(server.headers_of("/loop")) == http_module.MAX_REDIRECTS + 1


def test_redirect_to_a_file_url_is_refused(server):
    with pytest.raises(HttpFeedError, match="not http\\(s\\); refused"):
        fetch(server, "/to-file")


def test_connection_refused():
    with socket.socket() as probe:  # a port that was free a moment ago and has no server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    with pytest.raises(HttpFeedError, match="connection refused"):
        fetch_url(f"http://127.0.0.1:{port}/", timeout=1, max_bytes=MAX_BYTES, user_agent=UA)


def test_conditional_get_sends_validators_and_reads_304(server):
    first = fetch(server, "/etag.xml")
    second = fetch(server, "/etag.xml", etag=first.etag, last_modified=first.last_modified)

    assert (first.etag, first.last_modified) == (ETAG, LAST_MODIFIED)
    assert second.not_modified and second.content == b""
    sent = server.headers_of("/etag.xml")[1]
    assert (sent["If-None-Match"], sent["If-Modified-Since"]) == (ETAG, LAST_MODIFIED)
    assert (second.etag, second.last_modified) == (ETAG, LAST_MODIFIED)  # kept for next time


# --- refresh_feeds -------------------------------------------------------------------------


MIXED = {
    "Lipa Mobil": ["/good.xml", "/missing.xml", "/broken.xml"],
    "Konkurent": ["/slow.xml", "/big.xml", "/loop", "/page.html", "/atom.xml"],
}
EXPECTED = {  # feed id -> (status, start of the error)
    "good": ("ok", None),
    "missing": ("error", "HTTP 404 Not Found"),
    "broken": ("error", "HTTP 500 Internal Server Error"),
    "slow": ("error", "timed out after 1 s"),
    "big": ("error", "response of 50,000 bytes is over the 5,000-byte cap"),
    "loop": ("error", "too many redirects"),
    "page": ("error", "not a"),
    "atom": ("ok", None),
}


@pytest.fixture(scope="module")
def mixed_run(running_server, tmp_path_factory):
    """One refresh over good and failing feeds, shared by the tests that inspect it."""
    brands = {brand: feeds_at(running_server, *paths) for brand, paths in MIXED.items()}
    config = write_feeds(tmp_path_factory.mktemp("mixed"), brands)
    store = open_store(config.database_url)
    progress = []
    results = refresh_feeds(config, store, on_progress=lambda *args: progress.append(args))
    yield config, store, results, progress
    store.close()


def test_refresh_returns_one_result_per_feed_in_config_order(mixed_run):
    config, _, results, _ = mixed_run

    assert [result.feed_id for result in results] == [feed.feed_id for feed in config.feeds]


def test_refresh_results_carry_each_outcome(mixed_run):
    _, _, results, _ = mixed_run

    for result in results:
        status, error = EXPECTED[result.feed_id]
        assert result.status == status, result
        assert result.ok == (status == "ok")
        if error is None:
            assert result.error is None
        else:
            assert result.error.startswith(error), result.error


def test_failing_feeds_never_stop_the_good_ones(mixed_run):
    _, store, results, _ = mixed_run

    posts = store.load_posts()
    assert set(posts[models.FEED_ID]) == {"good", "atom"}
    assert {r.feed_id: r.n_new for r in results if r.ok} == {"good": 1, "atom": 1}
    assert set(posts[models.BRAND]) == {"Lipa Mobil", "Konkurent"}


def test_every_outcome_is_recorded_in_feed_status(mixed_run):
    _, store, _, _ = mixed_run

    status = store.load_feed_status().set_index("feed_id")

    assert status["status"].to_dict() == {feed_id: s for feed_id, (s, _) in EXPECTED.items()}
    assert status.loc["missing", "http_status"] == 404
    assert status.loc["broken", "last_error"].startswith("HTTP 500")
    assert status.loc["good", "n_posts"] == 1
    assert status.loc["slow", "n_posts"] == 0
    assert status.loc[["good", "atom"], "last_success_at"].notna().all()
    assert status.loc[["missing", "slow", "loop"], "last_success_at"].isna().all()
    assert status["last_attempt_at"].notna().all()


def test_progress_is_reported_once_per_feed(mixed_run):
    config, _, _, progress = mixed_run

    assert [done for done, _, _ in progress] == list(range(1, len(config.feeds) + 1))
    assert {total for _, total, _ in progress} == {len(config.feeds)}
    assert {result.feed_id for _, _, result in progress} == {f.feed_id for f in config.feeds}


def test_second_refresh_is_conditional_and_not_modified(server, tmp_path):
    config = write_feeds(tmp_path, {"Lipa Mobil": feeds_at(server, "/etag.xml")})
    store = open_store(config.database_url)

    first = refresh_feeds(config, store)
    second = refresh_feeds(config, store)

    assert (first[0].status, first[0].n_new) == ("ok", 1)
    assert (second[0].status, second[0].n_new, second[0].n_seen) == ("not_modified", 0, 0)
    assert server.headers_of("/etag.xml")[1]["If-None-Match"] == ETAG
    assert "If-None-Match" not in server.headers_of("/etag.xml")[0]
    status = store.load_feed_status().set_index("feed_id").loc["etag"]
    assert (status["status"], status["etag"], status["n_posts"]) == ("not_modified", ETAG, 1)
    store.close()


def test_only_refreshes_the_selected_feeds(server, tmp_path):
    config = write_feeds(tmp_path, {"Lipa Mobil": feeds_at(server, "/good.xml", "/atom.xml")})
    store = open_store(config.database_url)

    results = refresh_feeds(config, store, only={"atom"})

    assert [result.feed_id for result in results] == ["atom"]
    assert server.headers_of("/good.xml") == []
    store.close()


def test_an_unexpected_exception_is_one_feeds_error(server, tmp_path, monkeypatch):
    import monitor.pipeline.refresh as refresh_module

    real_parse = refresh_module.parse_feed_bytes

    def parse(content, feed_id, **kwargs):
        if feed_id == "good":
            raise RuntimeError("parser bug")
        return real_parse(content, feed_id, **kwargs)

    monkeypatch.setattr(refresh_module, "parse_feed_bytes", parse)
    config = write_feeds(tmp_path, {"Lipa Mobil": feeds_at(server, "/good.xml", "/atom.xml")})
    store = open_store(config.database_url)

    results = {result.feed_id: result for result in refresh_feeds(config, store)}

    assert results["good"].error == "unexpected RuntimeError: parser bug"
    assert results["atom"].status == "ok"
    store.close()


def test_a_local_rss_file_is_read_without_http(tmp_path):
    local = [("Local", str(RSS / "atom_basic.xml")), ("Gone", "nowhere.xml")]
    config = write_feeds(tmp_path, {"Lipa Mobil": local})
    store = open_store(config.database_url)

    results = {result.feed_id: result for result in refresh_feeds(config, store)}

    assert (results["local"].status, results["local"].n_new) == ("ok", 1)
    assert results["gone"].error == (
        f"{tmp_path / 'nowhere.xml'}: file not found; check `path:` in feeds.yaml"
    )
    store.close()


# --- more faults: each one feed's outcome within the timeout ---------------------------------


def test_unresolvable_host_fails_fast():
    with pytest.raises(HttpFeedError, match="host name could not be resolved"):
        fetch_url("http://nonexistent.invalid/feed.xml", timeout=2, max_bytes=MAX_BYTES, user_agent=UA)


def test_slow_headers_meet_the_whole_request_deadline(server):
    started = time.monotonic()
    with pytest.raises(HttpFeedError, match=r"^timed out after 1 s"):
        fetch(server, "/slow-headers.xml", timeout=1)
    elapsed = time.monotonic() - started

    # a header line every 0.2 s never trips a per-read timeout; the watchdog cuts at 1 s
    assert elapsed < 2, elapsed
    assert server.n_slow_headers_completed == 0


def test_a_feed_with_the_wrong_content_type_is_read(server, tmp_path):
    config = write_feeds(tmp_path, {"Lipa Mobil": feeds_at(server, "/plain.xml")})
    store = open_store(config.database_url)

    (result,) = refresh_feeds(config, store)

    assert (result.status, result.n_new) == ("ok", 1)
    store.close()


def test_an_html_page_instead_of_a_feed_is_an_error(server, tmp_path):
    config = write_feeds(tmp_path, {"Lipa Mobil": feeds_at(server, "/page.html")})
    store = open_store(config.database_url)

    (result,) = refresh_feeds(config, store)

    assert result.status == "error"
    assert result.error.startswith("not a"), result.error
    store.close()


def test_410_marks_the_feed_gone_and_later_fetches_skip_it(server, tmp_path):
    config = write_feeds(tmp_path, {"Lipa Mobil": feeds_at(server, "/gone.xml", "/good.xml")})
    store = open_store(config.database_url)

    first = {result.feed_id: result for result in refresh_feeds(config, store)}
    second = {result.feed_id: result for result in refresh_feeds(config, store)}

    assert (first["gone"].status, first["gone"].ok) == ("gone", False)
    assert first["gone"].error.startswith("HTTP 410 Gone")
    assert second["gone"].status == "gone"
    assert second["gone"].error.startswith("not fetched: HTTP 410 Gone since ")
    assert "remove the feed from feeds.yaml" in second["gone"].error
    assert len(server.headers_of("/gone.xml")) == 1  # the second run did not ask again
    assert second["good"].status == "ok"
    status = store.load_feed_status().set_index("feed_id").loc["gone"]
    assert (status["status"], status["http_status"]) == ("gone", 410)
    assert status["gone_at"] is not None
    store.close()


def test_a_gone_feed_is_fetched_again_when_its_url_changes(server, tmp_path):
    store = open_store(f"sqlite:///{tmp_path}/monitor.db")
    refresh_feeds(write_feeds(tmp_path, {"Lipa Mobil": [("Feed", server.url("/gone.xml"))]}), store)

    moved = write_feeds(tmp_path, {"Lipa Mobil": [("Feed", server.url("/good.xml"))]})
    (result,) = refresh_feeds(moved, store)

    assert (result.status, result.n_new) == ("ok", 1)
    assert store.feed_state("feed").gone_at is None
    store.close()


@pytest.mark.parametrize(("path", "wait"), [("/limited.xml", 3600), ("/busy-until.xml", None)])
def test_retry_after_is_respected_on_the_next_run(server, tmp_path, path, wait):
    config = write_feeds(tmp_path, {"Lipa Mobil": feeds_at(server, path, "/good.xml")})
    store = open_store(config.database_url)
    feed_id = config.feeds[0].feed_id

    before = datetime.now(UTC)
    first = refresh_feeds(config, store)[0]
    second = refresh_feeds(config, store)[0]

    retry_at = store.feed_state(feed_id).retry_at
    if wait:  # seconds from now, stored as an absolute time
        assert before + timedelta(seconds=wait) <= retry_at <= datetime.now(UTC) + timedelta(seconds=wait)
    else:  # an HTTP date far ahead: capped, so a feed is never lost for good
        assert retry_at <= datetime.now(UTC) + http_module.MAX_RETRY_WAIT
    assert first.status == "error" and "not fetched again before" in first.error
    assert (second.status, second.ok) == ("deferred", True)
    assert second.error == (
        f"not fetched: the server asked us to wait until {retry_at:%Y-%m-%d %H:%M:%S} UTC (Retry-After)"
    )
    assert len(server.headers_of(path)) == 1
    assert store.load_feed_status().set_index("feed_id").loc[feed_id, "status"] == "deferred"
    store.close()


def test_a_deferred_feed_is_fetched_once_its_time_has_come(server, tmp_path):
    config = write_feeds(tmp_path, {"Lipa Mobil": feeds_at(server, "/limited.xml")})
    store = open_store(config.database_url)
    refresh_feeds(config, store)
    with store.engine.begin() as connection:  # as if the hour had passed
        connection.execute(
            store_module.feeds.update().values(retry_at=datetime.now(UTC) - timedelta(seconds=1))
        )

    refresh_feeds(config, store)

    assert len(server.headers_of("/limited.xml")) == 2
    store.close()


def test_every_fault_ends_within_the_timeout_while_the_good_feeds_complete(server, tmp_path):
    faults = ["/slow-headers.xml", "/trickle.xml", "/slow.xml", "/gone.xml", "/limited.xml", "/page.html",
              "/bomb.xml", "/loop", "/to-file", "/missing.xml"]  # fmt: skip
    feeds = feeds_at(server, "/good.xml", *faults, "/atom.xml", "/plain.xml")
    feeds.append(("Nowhere", "http://nonexistent.invalid/feed.xml"))
    config = write_feeds(tmp_path, {"Lipa Mobil": feeds})
    store = open_store(config.database_url)

    started = time.monotonic()
    results = {result.feed_id: result for result in refresh_feeds(config, store)}
    elapsed = time.monotonic() - started

    assert elapsed < 1 + 2, elapsed  # timeout_seconds is 1; the slow ones run in parallel
    assert {k for k, r in results.items() if r.status == "ok"} == {"good", "atom", "plain"}
    assert all(r.error for k, r in results.items() if k not in ("good", "atom", "plain"))
    recorded = store.load_feed_status().set_index("feed_id")
    assert recorded["last_attempt_at"].notna().all()
    assert len(recorded) == len(feeds)
    store.close()


def test_a_schema_3_database_gains_the_gone_and_retry_columns(tmp_path):
    import sqlite3

    path = tmp_path / "old.db"
    open_store(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as db:  # as a database written before schema 4
        db.execute("ALTER TABLE feeds DROP COLUMN gone_at")
        db.execute("ALTER TABLE feeds DROP COLUMN retry_at")
        db.execute("UPDATE schema_info SET version = 3")

    store = open_store(f"sqlite:///{path}")

    assert store.schema_version == store_module.SCHEMA_VERSION  # migrated to the newest
    assert {"gone_at", "retry_at"} <= set(store.load_feed_status().columns)
    store.close()


def test_an_unexpected_error_quoting_the_url_never_shows_its_password(server, tmp_path, monkeypatch):
    import monitor.pipeline.refresh as refresh_module

    secret_url = server.url("/good.xml").replace("http://", "http://reader:hunter2@") + "?token=abc123"
    config = write_feeds(tmp_path, {"Lipa Mobil": [("Private", secret_url)]})

    def broken_fetch(url, **_kwargs):
        raise RuntimeError(f"library failure while reading {url}")

    monkeypatch.setattr(refresh_module, "fetch_url", broken_fetch)
    store = open_store(config.database_url)
    (result,) = refresh_feeds(config, store)

    assert result.status == "error" and result.error.startswith("unexpected RuntimeError")
    stored = store.load_feed_status().iloc[0]["last_error"]
    for shown in (result.error, stored):
        assert "reader:***@" in shown and "token=***" in shown
        assert "hunter2" not in shown and "abc123" not in shown
    store.close()


# --- local `path:` feeds: regular files only, at most max_bytes ------------------------------


def refresh_within(config, seconds: float = 10) -> dict[str, object]:
    """refresh_feeds in a thread given `seconds`: a read that blocks fails the test instead
    of hanging it. An empty dict means the refresh did not return."""
    results: dict[str, object] = {}
    store = open_store(config.database_url)

    def run() -> None:
        results.update({result.feed_id: result for result in refresh_feeds(config, store)})

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if not worker.is_alive():
        store.close()
    return results


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe.xml"
    os.mkfifo(path)
    yield path
    with contextlib.suppress(OSError):  # a reader blocked in open() (a regression) is let go
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


@pytest.mark.timeout(30)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_special_files_as_path_are_refused_and_the_others_still_read(tmp_path, fifo):
    (tmp_path / "folder.xml").mkdir()
    local = [
        ("Pipe", str(fifo)),
        ("Folder", str(tmp_path / "folder.xml")),
        ("Devnull", os.devnull),
        ("Local", str(RSS / "atom_basic.xml")),
    ]
    config = write_feeds(tmp_path, {"Lipa Mobil": local})

    results = refresh_within(config)

    assert results, "the refresh blocked on a special file"
    assert results["pipe"].error == (
        f"{fifo}: is a named pipe (FIFO), not a regular file; point `path:` in feeds.yaml at a saved feed file"
    )
    assert results["folder"].error.startswith(
        f"{tmp_path / 'folder.xml'}: is a directory, not a regular file"
    )
    assert results["devnull"].error.startswith(f"{os.devnull}: is a device, not a regular file")
    assert (results["local"].status, results["local"].n_new) == ("ok", 1)


def test_a_local_file_over_max_bytes_is_refused_after_max_bytes(tmp_path):
    huge = tmp_path / "huge.xml"
    huge.write_bytes(GOOD + b" " * MAX_BYTES)
    config = write_feeds(
        tmp_path, {"Lipa Mobil": [("Huge", str(huge)), ("Local", str(RSS / "atom_basic.xml"))]}
    )

    results = refresh_within(config)

    assert results["huge"].status == "error"
    assert results["huge"].error == (
        f"{huge}: file is over the {MAX_BYTES:,}-byte cap; not read further "
        "(raise fetch.max_bytes in feeds.yaml if the feed really is this large)"
    )
    assert results["local"].status == "ok"


# In a child process with a memory limit: were /dev/zero read without a cap again, only the
# child would run out (about 7 GB in 40 s), and it is killed at the timeout.
ENDLESS_DEVICE = """
import resource, sys
resource.setrlimit(resource.RLIMIT_DATA, (2 * 2**30, 2 * 2**30))
from monitor.config.load import load_config
from monitor.pipeline.refresh import refresh_feeds
from monitor.store.database import open_store
config = load_config(sys.argv[1])
for result in refresh_feeds(config, open_store(config.database_url)):
    print(result.feed_id, result.status, result.error, sep="|")
"""


@pytest.mark.timeout(60)
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_as_path_is_refused_without_reading_it(tmp_path):
    local = [("Zero", "/dev/zero"), ("Urandom", "/dev/urandom"), ("Local", str(RSS / "atom_basic.xml"))]
    config = write_feeds(tmp_path, {"Lipa Mobil": local})

    child = subprocess.run(
        [sys.executable, "-c", ENDLESS_DEVICE, str(config.path)],
        capture_output=True,
        text=True,
        timeout=40,
        cwd=ROOT,
    )

    lines = dict(line.split("|", 1) for line in child.stdout.splitlines())
    assert lines == {
        "zero": "error|/dev/zero: is a device, not a regular file; point `path:` in feeds.yaml at a saved feed file",
        "urandom": "error|/dev/urandom: is a device, not a regular file; point `path:` in feeds.yaml at a saved feed file",
        "local": "ok|None",
    }, child.stderr[-2000:]


def test_a_fifo_as_a_csv_exports_path_is_refused_too(tmp_path, fifo):
    config_path = tmp_path / "feeds.yaml"
    config_path.write_text(
        "settings:\n  database: monitor.db\nbrands:\n  - name: Lipa Mobil\n    own: true\n    feeds:\n"
        f"      - name: Pipe\n        kind: csv\n        path: {fifo}\n"
        "        columns: {text: Opis, published: Datum}\n",
        encoding="utf-8",
    )

    results = refresh_within(load_config(config_path))

    assert results, "the refresh blocked on a FIFO given as a CSV export"
    assert results["pipe"].error.startswith(f"{fifo}: is a named pipe (FIFO), not a regular file")
