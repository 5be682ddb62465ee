"""Fetch every configured feed and store what it brings. Feeds are fetched in parallel
(network-bound) and written one at a time; one feed's failure never stops the others."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pandas as pd

from monitor import models
from monitor.config.settings import Config, FeedConfig, redact_url
from monitor.errors import FeedError
from monitor.ingest.csv_exports import CsvExport
from monitor.ingest.http import HttpFeedError, fetch_url, retry_time
from monitor.ingest.rss import check_regular_file, parse_feed_bytes, read_feed_file
from monitor.store.database import FeedState, Store

MAX_PARALLEL_FETCHES = 8


@dataclass
class FeedOutcome:
    """What reading one feed gave, before it is stored."""

    feed: FeedConfig
    started_at: datetime
    posts: pd.DataFrame = field(default_factory=models.empty_posts)
    csv: CsvExport | None = None  # a CSV export is read chunk by chunk while it is stored
    status: str = "ok"  # ok | not_modified | error | gone | deferred (not fetched, see error)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    n_skipped: int = 0
    http_status: int | None = None
    retry_after: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    retry_at: datetime | None = None
    gone_at: datetime | None = None


@dataclass(frozen=True)
class FeedResult:
    """One feed's line in the fetch summary."""

    feed_id: str
    name: str
    brand: str
    status: str
    n_new: int
    n_seen: int
    n_skipped: int
    error: str | None
    warnings: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """False when the user has something to fix; a deferred feed only waits its turn."""
        return self.status not in ("error", "gone")


ProgressCallback = Callable[[int, int, FeedResult], None]


def read_feed(feed: FeedConfig, config: Config, state: FeedState) -> FeedOutcome:
    """Fetch and parse one feed; every failure ends as an outcome with status error."""
    outcome = FeedOutcome(feed=feed, started_at=datetime.now(UTC))
    try:
        if feed.kind == "csv":
            check_regular_file(feed.path)  # a FIFO would hang the read, /dev/zero never end
            outcome.csv = CsvExport(feed, config.settings.timezone)  # read while storing
        elif not _skipped(feed, state, outcome):
            _read_rss(feed, config, state, outcome)
    except HttpFeedError as exc:
        _http_failure(exc, outcome)
    except FeedError as exc:
        outcome.status, outcome.error = "error", str(exc)
    except Exception as exc:  # a bug or an unforeseen input must not stop the other feeds
        outcome.status, outcome.error = "error", f"unexpected {type(exc).__name__}: {exc}"[:300]
    return outcome


def _skipped(feed: FeedConfig, state: FeedState, outcome: FeedOutcome) -> bool:
    """A remote feed that answered 410 Gone, or asked us to wait, is not fetched now."""
    if feed.url is None:
        return False
    if state.gone_at is not None:
        outcome.status, outcome.gone_at, outcome.http_status = "gone", state.gone_at, 410
        outcome.error = (
            f"not fetched: HTTP 410 Gone since {_utc(state.gone_at)}; remove the feed from "
            "feeds.yaml (or change its url to try again)"
        )
        return True
    if state.retry_at is not None and outcome.started_at < state.retry_at:
        outcome.status, outcome.retry_at = "deferred", state.retry_at
        outcome.error = f"not fetched: the server asked us to wait until {_utc(state.retry_at)} (Retry-After)"
        return True
    return False


def _http_failure(exc: HttpFeedError, outcome: FeedOutcome) -> None:
    outcome.status, outcome.error = "error", str(exc)
    outcome.http_status, outcome.retry_after = exc.status_code, exc.retry_after
    if exc.status_code == 410:
        outcome.status = "gone"
    elif exc.status_code in (429, 503):
        outcome.retry_at = retry_time(exc.retry_after, outcome.started_at)
        if outcome.retry_at is not None:
            outcome.error += f"; not fetched again before {_utc(outcome.retry_at)}"


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _read_rss(feed: FeedConfig, config: Config, state: FeedState, outcome: FeedOutcome) -> None:
    if feed.path is not None:
        content = read_feed_file(feed.path, config.settings.fetch.max_bytes)
        outcome.posts, outcome.warnings = parse_feed_bytes(content, feed.feed_id)
        return
    fetch = config.settings.fetch
    response = fetch_url(
        feed.url,
        timeout=fetch.timeout_seconds,
        max_bytes=fetch.max_bytes,
        user_agent=fetch.user_agent,
        etag=state.etag,
        last_modified=state.last_modified,
    )
    outcome.http_status, outcome.etag = response.status_code, response.etag
    outcome.last_modified = response.last_modified
    if response.not_modified:
        outcome.status = "not_modified"
        return
    outcome.posts, outcome.warnings = parse_feed_bytes(
        response.content, feed.feed_id, content_type=response.content_type, base_url=response.final_url
    )


def refresh_feeds(
    config: Config,
    store: Store,
    on_progress: ProgressCallback | None = None,
    only: set[str] | None = None,
) -> list[FeedResult]:
    """Fetch the configured feeds (or those named in `only`), store them, report each."""
    selected = [feed for feed in config.feeds if only is None or feed.feed_id in only]
    store.sync_feeds(config.feeds)
    states = {feed.feed_id: store.feed_state(feed.feed_id) for feed in selected}
    results: list[FeedResult] = []
    stopped: BaseException | None = None  # what the observer raised, raised once all are stored
    with ThreadPoolExecutor(max_workers=MAX_PARALLEL_FETCHES) as pool:
        futures = [pool.submit(read_feed, feed, config, states[feed.feed_id]) for feed in selected]
        for future in as_completed(futures):
            result = _store_outcome(store, future.result())
            results.append(result)
            if on_progress and stopped is None:
                stopped = _observe(on_progress, len(results), len(selected), result)
    if stopped is not None:
        raise stopped
    order = {feed.feed_id: i for i, feed in enumerate(selected)}
    return sorted(results, key=lambda result: order[result.feed_id])


def _observe(
    on_progress: ProgressCallback, done: int, total: int, result: FeedResult
) -> BaseException | None:
    """Tell the observer; if it fails (a closed pipe, a page that stopped its script), the
    feeds still in flight are fetched all the same, so they are stored, not thrown away."""
    try:
        on_progress(done, total, result)
    except BaseException as exc:  # re-raised by refresh_feeds once every feed is stored
        return exc
    return None


def _store_outcome(store: Store, outcome: FeedOutcome) -> FeedResult:
    # Any message may quote a URL (an unexpected error's text, a library's warning): one
    # place hides passwords and tokens before it is stored, printed or shown.
    outcome.error = redact_url(outcome.error) if outcome.error else outcome.error
    outcome.warnings = [redact_url(w) for w in outcome.warnings]
    try:
        return _save(store, outcome)
    except Exception as exc:  # one feed's posts failing to store must not stop the others
        outcome.status, outcome.posts = "error", models.empty_posts()
        outcome.error = redact_url(f"could not store the posts: {type(exc).__name__}: {exc}")[:300]
        store.record_failure(outcome.feed.feed_id, outcome.started_at, outcome.error)
        return _result(outcome, 0, 0)


def _save(store: Store, outcome: FeedOutcome) -> FeedResult:
    stored = _store_csv_chunks(store, outcome) if outcome.csv is not None else (0, 0)
    n_new, n_seen = store.save_fetch(
        outcome.feed.feed_id,
        outcome.posts,
        started_at=outcome.started_at,
        status=outcome.status,
        error=outcome.error,
        warning="; ".join(outcome.warnings) or None,
        http_status=outcome.http_status,
        retry_after=outcome.retry_after,
        etag=outcome.etag,
        last_modified=outcome.last_modified,
        n_skipped=outcome.n_skipped,
        retry_at=outcome.retry_at,
        gone_at=outcome.gone_at,
        stored=stored,
    )
    return _result(outcome, n_new, n_seen)


def _store_csv_chunks(store: Store, outcome: FeedOutcome) -> tuple[int, int]:
    """Read and store a CSV export chunk by chunk (each chunk one transaction), so a file of
    any size fits in memory; a chunk that cannot be read ends the feed with an error."""
    export = outcome.csv
    n_new = n_seen = 0
    try:
        for chunk in export.chunks():
            new, seen = store.save_posts(chunk)
            n_new, n_seen = n_new + new, n_seen + seen
    except FeedError as exc:
        outcome.status, outcome.error = "error", str(exc)
        if n_new + n_seen:
            outcome.error += f" ({n_new + n_seen} posts of the rows before it were stored)"
    outcome.warnings, outcome.n_skipped = export.warnings, export.n_skipped
    if export.n_duplicates:
        outcome.warnings.append(f"{export.n_duplicates} duplicate rows (same post id) counted once")
    return n_new, n_seen


def _result(outcome: FeedOutcome, n_new: int, n_seen: int) -> FeedResult:
    return FeedResult(
        feed_id=outcome.feed.feed_id,
        name=outcome.feed.name,
        brand=outcome.feed.brand,
        status=outcome.status,
        n_new=n_new,
        n_seen=n_seen,
        n_skipped=outcome.n_skipped,
        error=outcome.error,
        warnings=tuple(outcome.warnings),
    )
