"""A refresh (every feed, then topics) in a thread of its own, so it runs to its end whatever
happens to the page that started it: a reload, a closed tab or a page switch stops only the
watching. At most one run per database in this process; any session can watch it."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial

from monitor import i18n
from monitor.config.settings import Config, redact_url
from monitor.errors import LockBusyError, MonitorError
from monitor.i18n import t
from monitor.output.alerts import alert_new_flags
from monitor.pipeline.refresh import FeedResult, refresh_feeds
from monitor.store.database import Store, open_store
from monitor.topics.runs import update_topics

FETCHING, TOPICS, FINISHED = "fetching", "topics", "finished"

_runs: dict[str, RefreshRun] = {}  # database URL -> its latest run, running or finished
_runs_lock = threading.Lock()
_run_ids = itertools.count(1)


@dataclass(frozen=True)
class RefreshProgress:
    """Where a run stands; a frozen copy, safe to read while the run goes on."""

    run_id: int
    started_at: datetime
    total: int
    done: int = 0
    phase: str = FETCHING  # fetching | topics | finished
    # One per feed as it is stored, then the topic steps: each says its line when asked, so a
    # page shows them in its own language (the run's thread has none: it would say English).
    entries: tuple[Callable[[], str], ...] = ()
    results: tuple[FeedResult, ...] = ()
    error: str | None = None  # what stopped the run early, if anything did
    busy: bool = False  # not run: another fetch (cron's, another app's) was writing
    finished_at: datetime | None = None

    @property
    def lines(self) -> tuple[str, ...]:
        """The run's lines so far, in the current language."""
        return tuple(say() for say in self.entries)

    @property
    def finished(self) -> bool:
        return self.phase == FINISHED

    @property
    def n_failed(self) -> int:
        return sum(not result.ok for result in self.results)

    def describe(self) -> str:
        """How far the run is, or what it did, in one line."""
        if self.phase == FETCHING:
            return t("Refreshing feeds: {done} of {total} done…", done=self.done, total=self.total)
        if self.phase == TOPICS:
            return t(
                "Refreshing feeds: {done} of {total} done, updating topics…", done=self.done, total=self.total
            )
        if self.busy:
            return t(
                "Another fetch is running on this database (a scheduled fetch or another "
                "dashboard), so this refresh was skipped; the pages show that fetch's posts as "
                "it stores them."
            )
        counts = {
            "n_feeds": i18n.number(len(self.results)),
            "n_new": i18n.number(sum(r.n_new for r in self.results)),
            "n_failed": i18n.number(self.n_failed),
        }
        if self.n_failed:
            summary = t("{n_feeds} feeds read, {n_new} new posts, {n_failed} failed", **counts)
        else:
            summary = t("{n_feeds} feeds read, {n_new} new posts", **counts)
        if self.error:
            return t("{summary}; the refresh stopped: {error}", summary=summary, error=self.error)
        return summary


class RefreshRun:
    """One refresh of config's database in a daemon thread; progress() says where it stands."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._progress = RefreshProgress(next(_run_ids), datetime.now(UTC), len(config.feeds))
        self._lock = threading.Lock()
        # A daemon: a stopped server does not wait for the feeds in flight. Each feed is
        # committed as it is stored, so a stop loses only those; the next refresh reads them.
        self._thread = threading.Thread(target=self._run, name="monitor-refresh", daemon=True)

    @property
    def run_id(self) -> int:
        return self._progress.run_id

    def start(self) -> RefreshRun:
        self._thread.start()
        return self

    def progress(self) -> RefreshProgress:
        with self._lock:
            return self._progress

    def wait(self, timeout: float | None = None) -> RefreshProgress:
        """Block until the run ends (or timeout seconds pass); its progress then."""
        self._thread.join(timeout)
        return self.progress()

    def _run(self) -> None:
        try:
            self._refresh()
        except Exception as exc:  # the run must end and say why, whatever failed
            self._update(error=redact_url(f"{type(exc).__name__}: {exc}")[:300])
        finally:
            self._update(phase=FINISHED, finished_at=datetime.now(UTC))

    def _refresh(self) -> None:
        store = open_store(self.config.database_url)  # its own: the run outlives any page's
        try:
            with store.fetch_lock():  # the CLI's lock: never two fetches writing at once
                self._fetch(store)
        except LockBusyError:
            self._update(busy=True)
        finally:
            store.close()

    def _fetch(self, store: Store) -> None:
        results = refresh_feeds(self.config, store, on_progress=self._feed_stored)
        self._update(phase=TOPICS, results=tuple(results))  # now in feeds.yaml order
        try:
            update = update_topics(store, self.config.settings.topics, progress=self._note)
            self._say(update.describe)  # said when shown: in the language of the page
            # the CLI's path after a fetch: flags recorded, the webhook told (or not)
            self._say(alert_new_flags(store, self.config).describe)
        except MonitorError as exc:
            self._say(partial(topics_not_updated, str(exc)))

    def _feed_stored(self, done: int, total: int, result: FeedResult) -> None:
        with self._lock:
            now = self._progress
            self._progress = replace(
                now,
                done=done,
                total=total,
                entries=(*now.entries, partial(feed_line, result)),
                results=(*now.results, result),
            )

    def _note(self, line: str) -> None:
        """A line of text as it is (the topic steps say theirs in English)."""
        self._say(partial(str, line))

    def _say(self, say: Callable[[], str]) -> None:
        with self._lock:
            self._progress = replace(self._progress, entries=(*self._progress.entries, say))

    def _update(self, **changes: object) -> None:
        with self._lock:
            self._progress = replace(self._progress, **changes)


def start_refresh(config: Config) -> RefreshRun:
    """Start a refresh of config's database, or join the one already running there."""
    with _runs_lock:
        run = _runs.get(config.database_url)
        if run is None or run.progress().finished:
            run = _runs[config.database_url] = RefreshRun(config).start()
        return run


def latest_refresh(database_url: str) -> RefreshRun | None:
    """The database's latest refresh started in this process, running or finished."""
    with _runs_lock:
        return _runs.get(database_url)


def feed_line(result: FeedResult) -> str:
    """One feed's line in a refresh's progress."""
    if result.status in ("error", "gone", "deferred"):
        return t("{feed}: error — {error}", feed=result.name, error=result.error)
    return t(
        "{feed}: {n_new} new, {n_seen} already seen",
        feed=result.name,
        n_new=i18n.number(result.n_new),
        n_seen=i18n.number(result.n_seen),
    )


def topics_not_updated(error: str) -> str:
    """The line of a run whose topics could not be updated."""
    return t("Topics not updated: {error}", error=error)
