"""The only module that reads and writes the database (its tables: monitor.store.schema). SQLAlchemy
Core over an embedded SQLite file by default (WAL, one transaction per write), or any database
URL such as PostgreSQL for a team."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from monitor import models
from monitor.config.settings import MAX_TOPIC_NAME_LENGTH, clean_name, redact_url
from monitor.errors import LockBusyError, MonitorError, StoreError
from monitor.ingest.clean import post_id
from monitor.ingest.rss import UPDATED_AT
from monitor.store import db_file
from monitor.store.feed_plan import FIELDS as FEED_FIELDS
from monitor.store.feed_plan import feed_plan
from monitor.store.schema import (  # the tables, re-exported for tools that read them directly
    MIGRATIONS,
    SCHEMA_VERSION,
    UTCDateTime,
    feed_aliases,
    feeds,
    fetch_log,
    flag_alerts,
    post_topics,
    posts,
    retired_topics,
    schema_info,
    topic_names,
    topic_runs,
    topics,
)

_BATCH = 500
_STORED_POST_COLUMNS = [column.name for column in posts.columns]
# Columns with a handful of distinct values, however many posts.
_FEW_VALUES = frozenset({models.FEED_ID, models.BRAND, models.CHANNEL, models.LANGUAGE, "assigned_by"})


@dataclass(frozen=True)
class FeedState:
    """What a fetch needs to remember between runs."""

    etag: str | None = None
    last_modified: str | None = None
    gone_at: datetime | None = None  # the source answered 410 Gone at this time
    retry_at: datetime | None = None  # the server asked not to come back before this time


NOT_POSTED = "not posted: no webhook was configured"  # last_error of a flag closed unposted

REFIT_LOCK_TIMEOUT = 600.0  # seconds a refit waits for another one (a refit of 1M posts: ~3 min)
_LOCK_POLL = 0.2  # seconds between tries while another holder has a lock


@dataclass(frozen=True)
class _LockKind:
    """One of the store's locks: a file beside a SQLite database, a PostgreSQL advisory key."""

    name: str  # the lock file is <database>.<name>.lock
    key: int  # PostgreSQL advisory lock key, any fixed bigint, one per kind
    busy: str  # the error when another holder keeps it past the timeout ({waited}: how long)


_REFIT_LOCK = _LockKind(
    "refit",
    7_301_120_000_714,
    "another topic refit still holds the refit lock after {waited}; let it finish (or stop it), "
    "then refit again",
)
_FETCH_LOCK = _LockKind(
    "fetch",
    7_301_120_000_715,
    "another fetch is writing to this database (a scheduled fetch, `fetch --every` or the "
    "dashboard's Refresh feeds)",
)


class Store:
    """Posts and feed status in one database; every write is one transaction."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = _create_engine(url)
        try:
            self._migrate()
        except BaseException:
            self.engine.dispose()  # a refused database leaves no connection open behind it
            raise
        # The file opened: the dashboard reopens the store when the file is deleted or replaced.
        self.file_identity = db_file.identity(url)

    # --- schema --------------------------------------------------------------------------

    def _migrate(self) -> None:
        for attempt in range(3):
            started = time.monotonic()
            try:
                return self._migrate_once()
            except StoreError as exc:
                # SQLite answers "locked" without waiting when waiting could deadlock (two
                # connections switching a brand-new file to WAL); the second try waits normally.
                # A lock already waited out (busy_timeout) is not tried again: it would wait as long.
                waited = time.monotonic() - started > 1.0
                if "locked" not in str(exc) or waited or attempt == 2:
                    raise
                time.sleep(0.2 * (attempt + 1))

    def _migrate_once(self) -> None:
        try:
            with self.engine.connect() as connection:
                if connection.dialect.name == "sqlite":
                    # Take the write lock first: two processes opening a new file at once
                    # would otherwise both see no schema and both create it. (pysqlite runs
                    # DDL outside a transaction unless one is begun explicitly.)
                    connection.exec_driver_sql("BEGIN IMMEDIATE")
                self._migrate_in(connection)
                connection.commit()
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"{self.display_url}: cannot open the database ({_short(exc)})") from None

    def _migrate_in(self, connection: Connection) -> None:
        schema_info.create(connection, checkfirst=True)
        current = connection.execute(sa.select(schema_info.c.version)).scalar() or 0
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.display_url}: database schema {current} is newer than this "
                f"program ({SCHEMA_VERSION}); upgrade the monitor"
            )
        for version in range(current + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[version](connection)
        if current == 0:
            connection.execute(schema_info.insert().values(id=1, version=SCHEMA_VERSION))
        elif current < SCHEMA_VERSION:
            connection.execute(schema_info.update().values(version=SCHEMA_VERSION))

    @property
    def schema_version(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.execute(sa.select(schema_info.c.version)).scalar() or 0)

    @property
    def display_url(self) -> str:
        """The URL with any password hidden."""
        return sa.engine.make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    # --- feeds ---------------------------------------------------------------------------

    def sync_feeds(self, configured: Iterable[Any]) -> None:
        """Make the feeds table follow the configuration at once: new feeds added, names,
        brands and channels applied, a renamed feed (same kind and source) moved to its new
        id with its posts, feeds no longer configured marked so (their posts stay stored but
        are not read). Writes nothing when nothing changed, so readers may call it freely."""
        wanted = {feed.feed_id: _feed_values(feed) for feed in configured}
        with self.engine.connect() as connection:
            if not feed_plan(_stored_feeds(connection), wanted):
                return
        with self._writing() as connection:
            # planned again under the write lock: another process may have synced meanwhile
            plan = feed_plan(_stored_feeds(connection), wanted)
            for old_id, new_id in plan.renames.items():
                _rename_feed(connection, old_id, new_id)
            for feed_id in plan.inserts:  # another process may be adding the same feed right now
                connection.execute(
                    _insert_ignoring_conflicts(connection, feeds, "feed_id").values(
                        feed_id=feed_id, status="never", configured=True, **wanted[feed_id]
                    )
                )
            for feed_id in plan.updates:
                # a new source is a new chance: forget "gone" and "retry later"
                connection.execute(
                    feeds.update()
                    .where(feeds.c.feed_id == feed_id, feeds.c.source != wanted[feed_id]["source"])
                    .values(gone_at=None, retry_at=None)
                )
                connection.execute(
                    feeds.update()
                    .where(feeds.c.feed_id == feed_id)
                    .values(configured=True, **wanted[feed_id])
                )
            if plan.removed:
                connection.execute(
                    feeds.update().where(feeds.c.feed_id.in_(plan.removed)).values(configured=False)
                )

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A transaction holding SQLite's write lock from its start, so what it reads is
        still true when it writes."""
        with self.engine.connect() as connection:
            if connection.dialect.name == "sqlite":
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            yield connection
            connection.commit()

    def feed_state(self, feed_id: str) -> FeedState:
        """What the next fetch of a feed needs: validators, and whether to skip it."""
        columns = (feeds.c.etag, feeds.c.last_modified, feeds.c.gone_at, feeds.c.retry_at)
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(*columns).where(feeds.c.feed_id == feed_id)).first()
        return FeedState(*row) if row else FeedState()

    def save_fetch(
        self,
        feed_id: str,
        new_posts: pd.DataFrame,
        *,
        started_at: datetime,
        status: str,
        error: str | None = None,
        warning: str | None = None,
        http_status: int | None = None,
        retry_after: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        n_skipped: int = 0,
        retry_at: datetime | None = None,
        gone_at: datetime | None = None,
        stored: tuple[int, int] = (0, 0),
    ) -> tuple[int, int]:
        """Upsert a feed's posts and record the attempt, in one transaction: (n_new, n_seen).

        `stored` adds the counts of posts already saved in chunks (save_posts) by this fetch.
        Status `gone` and `deferred` keep the feed from being fetched (see FeedState)."""
        finished_at = datetime.now(UTC)
        with self.engine.begin() as connection:
            n_new = self._upsert_posts(connection, new_posts, finished_at) + stored[0]
            n_seen = len(new_posts) - (n_new - stored[0]) + stored[1]
            values: dict[str, Any] = {
                "status": status,
                "last_attempt_at": finished_at,
                "last_error": error,
                "last_warning": warning,
                "http_status": http_status,
                "retry_after": retry_after,
                "n_new_last": n_new,
                "n_seen_last": n_seen,
                "n_skipped_last": n_skipped,
            }
            if status in ("ok", "not_modified"):
                values.update(last_success_at=finished_at, etag=etag, last_modified=last_modified)
                values.update(gone_at=None, retry_at=None)
            elif status == "gone":
                values.update(gone_at=gone_at or finished_at)
            elif retry_at is not None:
                values.update(retry_at=retry_at)
            connection.execute(feeds.update().where(feeds.c.feed_id == feed_id).values(**values))
            connection.execute(
                fetch_log.insert().values(
                    feed_id=feed_id,
                    started_at=started_at,
                    finished_at=finished_at,
                    status=status,
                    n_new=n_new,
                    n_seen=n_seen,
                    error=error,
                )
            )
        return n_new, n_seen

    def save_posts(self, new_posts: pd.DataFrame) -> tuple[int, int]:
        """Upsert one chunk of a feed's posts in its own transaction: (n_new, n_seen)."""
        with self.engine.begin() as connection:
            n_new = self._upsert_posts(connection, new_posts, datetime.now(UTC))
        return n_new, len(new_posts) - n_new

    def record_failure(self, feed_id: str, started_at: datetime, error: str) -> None:
        """Record a feed whose posts could not be stored, keeping its previous success."""
        now = datetime.now(UTC)
        with self.engine.begin() as connection:
            connection.execute(
                feeds.update()
                .where(feeds.c.feed_id == feed_id)
                .values(status="error", last_attempt_at=now, last_error=error, n_new_last=0, n_seen_last=0)
            )
            connection.execute(
                fetch_log.insert().values(
                    feed_id=feed_id,
                    started_at=started_at,
                    finished_at=now,
                    status="error",
                    n_new=0,
                    n_seen=0,
                    error=error,
                )
            )

    def _upsert_posts(self, connection: Connection, frame: pd.DataFrame, now: datetime) -> int:
        """Insert new posts; for known ones refresh engagement counts, and title, text and link
        when the source says it edited the post after it was stored. Returns n new."""
        if frame.empty:
            return 0
        records = _records(frame, now)
        edited = _edit_times(frame, records)  # pairs hold the records: a renamed feed's id shows
        n_new = 0
        for start in range(0, len(records), _BATCH):
            batch = records[start : start + _BATCH]
            ids = [record[models.POST_ID] for record in batch]
            known = set(
                connection.execute(sa.select(posts.c.post_id).where(posts.c.post_id.in_(ids))).scalars()
            )
            fresh = [record for record in batch if record[models.POST_ID] not in known]
            if fresh:  # a post of a renamed feed keeps the id it was stored with
                stored_as = _ids_under_old_feed_ids(connection, fresh)
                for record in fresh:
                    record[models.POST_ID] = stored_as.get(record[models.POST_ID], record[models.POST_ID])
                known.update(stored_as.values())
                fresh = [record for record in fresh if record[models.POST_ID] not in known]
            if fresh:
                inserted = connection.execute(_insert_ignoring_conflicts(connection), fresh).rowcount
                # rowcount leaves out posts another fetch stored since the check above
                n_new += inserted if inserted is not None and inserted >= 0 else len(fresh)
            stale = [record for record in batch if record[models.POST_ID] in known]
            self._refresh_engagement(connection, stale)
            self._mark_date_only(connection, stale)
        self._apply_edits(connection, edited)
        return n_new

    @staticmethod
    def _apply_edits(connection: Connection, edited: list[tuple[dict[str, Any], Any]]) -> None:
        """Take the new title, text, link and language of posts whose source edit time is after
        they were first stored (fetched_at); the id, dates, engagement and topic stay. Rows
        whose words did not change are not written (an edit time stays after fetched_at)."""
        if not edited:
            return
        fields = (models.TITLE, models.TEXT, models.URL)
        statement = (
            posts.update()
            .where(
                posts.c.post_id == sa.bindparam("b_post_id"),
                posts.c.fetched_at < sa.bindparam("b_updated_at"),
                sa.or_(*(posts.c[f].is_distinct_from(sa.bindparam(f"b_{f}")) for f in fields)),
            )
            .values({f: sa.bindparam(f"b_{f}") for f in (*fields, models.LANGUAGE)})
        )
        rows = [
            {"b_post_id": record[models.POST_ID], "b_updated_at": updated_at}
            | {f"b_{f}": record[f] for f in (*fields, models.LANGUAGE)}
            for record, updated_at in edited
        ]
        for start in range(0, len(rows), _BATCH):
            connection.execute(statement, rows[start : start + _BATCH])

    @staticmethod
    def _mark_date_only(connection: Connection, records: list[dict[str, Any]]) -> None:
        """Mark known posts that the source dates without a time of day, where the stored
        date is that same midnight: posts stored before schema 6 were taken to have times,
        and the next fetch of the same export corrects them. A stored real time is kept."""
        rows = [
            {"b_post_id": r[models.POST_ID], "b_published_at": r[models.PUBLISHED_AT]}
            for r in records
            if r[models.DATE_ONLY] and r[models.PUBLISHED_AT] is not None
        ]
        if not rows:
            return
        statement = (
            posts.update()
            .where(
                posts.c.post_id == sa.bindparam("b_post_id"),
                posts.c.published_at == sa.bindparam("b_published_at"),
                posts.c[models.DATE_ONLY] == sa.false(),
            )
            .values({models.DATE_ONLY: True})
        )
        connection.execute(statement, rows)

    @staticmethod
    def _refresh_engagement(connection: Connection, records: list[dict[str, Any]]) -> None:
        with_counts = [r for r in records if any(r[c] is not None for c in models.ENGAGEMENT_COLUMNS)]
        if not with_counts:
            return
        statement = (
            posts.update()
            .where(posts.c.post_id == sa.bindparam("b_post_id"))
            # a count missing from this export keeps the stored one
            .values(
                {c: sa.func.coalesce(sa.bindparam(f"b_{c}"), posts.c[c]) for c in models.ENGAGEMENT_COLUMNS}
            )
        )
        connection.execute(
            statement,
            [
                {"b_post_id": r[models.POST_ID], **{f"b_{c}": r[c] for c in models.ENGAGEMENT_COLUMNS}}
                for r in with_counts
            ],
        )

    # --- reading -------------------------------------------------------------------------

    def load_posts(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        brands: Sequence[str] | None = None,
        channels: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """Posts with their feed's current brand and channel, newest first."""
        query = self._posts_query()
        if since is not None:
            query = query.where(posts.c.published_at >= since)
        if until is not None:
            query = query.where(posts.c.published_at < until)
        if brands:
            query = query.where(feeds.c.brand.in_(list(brands)))
        if channels:
            query = query.where(feeds.c.channel.in_(list(channels)))
        with self.engine.connect() as connection:
            frame = _columns_frame(connection.execute(query))
        return models.with_plausible_dates(models.posts_frame(frame), datetime.now(UTC))

    def load_unassigned_posts(self) -> pd.DataFrame:
        """Posts no topic run has assigned yet (new since the last refit or assignment),
        newest first. Ids first, then their rows: one query ordered by time walked every
        post in published_at order (1M posts: 2.3 s -> ~0.3 s)."""
        with self.engine.connect() as connection:
            ids = (
                connection.execute(
                    sa.select(posts.c.post_id).where(posts.c.post_id.not_in(sa.select(post_topics.c.post_id)))
                )
                .scalars()
                .all()
            )
            frames = [
                _columns_frame(
                    connection.execute(self._posts_query().where(posts.c.post_id.in_(ids[i : i + _BATCH])))
                )
                for i in range(0, len(ids), _BATCH)
            ]
        if not frames:
            return models.empty_posts()
        frame = models.with_plausible_dates(
            models.posts_frame(pd.concat(frames, ignore_index=True)), datetime.now(UTC)
        )
        order = frame.sort_values(
            [models.PUBLISHED_AT, models.POST_ID], ascending=[False, True], na_position="last"
        )
        return order.reset_index(drop=True)

    @staticmethod
    def _posts_query() -> sa.Select:
        """Posts of the configured feeds: a removed feed's posts are kept but not read."""
        return (
            sa.select(*_raw_times(posts.c), feeds.c.brand, feeds.c.channel)
            .select_from(posts.join(feeds, posts.c.feed_id == feeds.c.feed_id))
            .where(feeds.c.configured == sa.true())
            # NULLS LAST as SQLite does: PostgreSQL puts undated posts first when descending
            .order_by(posts.c.published_at.desc().nulls_last(), posts.c.post_id)
        )

    def load_feed_status(self) -> pd.DataFrame:
        """One row per known feed with its health and post count; `configured` is false
        for a feed feeds.yaml no longer names (its posts are kept but not read)."""
        counts = (
            sa.select(
                posts.c.feed_id,
                sa.func.count().label("n_posts"),
                # count(column) skips NULLs: the rest are the posts whose source gave no date.
                (sa.func.count() - sa.func.count(posts.c.published_at)).label("n_undated"),
            )
            .group_by(posts.c.feed_id)
            .subquery()
        )
        odd = self._odd_dates_query()
        query = (
            sa.select(
                *feeds.c,
                sa.func.coalesce(counts.c.n_posts, 0).label("n_posts"),
                sa.func.coalesce(counts.c.n_undated, 0).label("n_undated"),
                sa.func.coalesce(odd.c.n_odd_dates, 0).label("n_odd_dates"),
            )
            .select_from(
                feeds.outerjoin(counts, feeds.c.feed_id == counts.c.feed_id).outerjoin(
                    odd, feeds.c.feed_id == odd.c.feed_id
                )
            )
            .order_by(feeds.c.brand, feeds.c.name)
        )
        with self.engine.connect() as connection:
            frame = pd.DataFrame([dict(row) for row in connection.execute(query).mappings()])
        if frame.empty:
            return pd.DataFrame(columns=[*feeds.c.keys(), "n_posts", "n_undated", "n_odd_dates"])
        for column in ("last_attempt_at", "last_success_at"):
            frame[column] = pd.to_datetime(frame[column], utc=True)
        frame["configured"] = frame["configured"].astype(bool)
        return frame

    def _odd_dates_query(self) -> sa.Subquery:
        """Per feed, the posts whose date is implausible (models.implausible_dates)."""
        latest = (pd.Timestamp.now(tz="UTC") + models.FUTURE_SLACK).to_pydatetime()
        odd = (posts.c.published_at < models.EARLIEST_PLAUSIBLE.to_pydatetime()) | (
            posts.c.published_at > latest
        )
        return (
            sa.select(posts.c.feed_id, sa.func.count().label("n_odd_dates"))
            .where(odd)
            .group_by(posts.c.feed_id)
            .subquery()
        )

    def count_posts(self) -> int:
        """Posts of the configured feeds (a removed feed's posts stay stored, uncounted)."""
        query = (
            sa.select(sa.func.count()).select_from(posts).where(posts.c.feed_id.not_in(_removed_feed_ids()))
        )
        with self.engine.connect() as connection:
            return int(connection.execute(query).scalar())

    def data_version(self) -> tuple[int, str, int, int, str, str]:
        """Changes whenever posts, feed status, topics or the feeds' names, brands, channels
        or configuration change; a cache key for the pages."""
        roster = sa.select(feeds.c.feed_id, feeds.c.name, feeds.c.brand, feeds.c.channel, feeds.c.configured)
        with self.engine.connect() as connection:
            feeds_now = repr(connection.execute(roster.order_by(feeds.c.feed_id)).all())
            n_posts = connection.execute(sa.select(sa.func.count()).select_from(posts)).scalar()
            last = connection.execute(sa.select(sa.func.max(feeds.c.last_attempt_at))).scalar()
            run = connection.execute(sa.select(sa.func.max(topic_runs.c.run_id))).scalar()
            n_assigned = connection.execute(sa.select(sa.func.count()).select_from(post_topics)).scalar()
            renamed = connection.execute(sa.select(sa.func.max(topic_names.c.renamed_at))).scalar()
        digest = hashlib.sha256(feeds_now.encode()).hexdigest()[:16]
        return int(n_posts or 0), str(last), int(run or 0), int(n_assigned or 0), str(renamed), digest

    def last_fetch_at(self) -> pd.Timestamp | None:
        """The latest successful fetch of a configured feed (UTC), where trend windows end."""
        query = sa.select(sa.func.max(feeds.c.last_success_at)).where(feeds.c.configured)
        with self.engine.connect() as connection:
            value = connection.execute(query).scalar()
        if value is None:
            return None
        stamp = pd.Timestamp(value)
        return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")

    # --- topics --------------------------------------------------------------------------

    def save_topic_run(
        self,
        run: dict[str, Any],
        run_topics: pd.DataFrame,
        retired: pd.DataFrame,
        assignments: pd.DataFrame,
    ) -> int:
        """Store a whole refit in one transaction: a crash leaves the previous run intact."""
        with self.engine.begin() as connection:
            run_id = connection.execute(topic_runs.insert().values(**run)).inserted_primary_key[0]
            if not run_topics.empty:
                connection.execute(topics.insert(), _plain_records(run_topics.assign(run_id=run_id)))
            if not retired.empty:
                connection.execute(retired_topics.insert(), _plain_records(retired.assign(run_id=run_id)))
            connection.execute(post_topics.delete())
            self._insert_assignments(connection, assignments.assign(run_id=run_id))
        return int(run_id)

    def add_assignments(self, assignments: pd.DataFrame, run_id: int) -> None:
        """Store topics of posts assigned between refits (posts already assigned are skipped)."""
        with self.engine.begin() as connection:
            if connection.dialect.name not in ("sqlite", "postgresql"):  # no ON CONFLICT there
                known = set(connection.execute(sa.select(post_topics.c.post_id)).scalars())
                assignments = assignments[~assignments[models.POST_ID].isin(known)]
            self._insert_assignments(connection, assignments.assign(run_id=run_id), skip_known=True)

    @staticmethod
    def _insert_assignments(
        connection: Connection, assignments: pd.DataFrame, skip_known: bool = False
    ) -> None:
        statement = (
            _insert_ignoring_conflicts(connection, post_topics) if skip_known else post_topics.insert()
        )
        records = _plain_records(assignments)
        for start in range(0, len(records), 5_000):
            connection.execute(statement, records[start : start + 5_000])

    def latest_topic_run(self) -> dict[str, Any] | None:
        """The newest topic run's record (without the model), or None before the first."""
        columns = [c for c in topic_runs.c if c.name not in ("model", "model_state")]
        query = sa.select(*columns).order_by(topic_runs.c.run_id.desc()).limit(1)
        with self.engine.connect() as connection:
            row = connection.execute(query).mappings().first()
        return dict(row) if row else None

    def load_topic_model(self, run_id: int) -> bytes | None:
        """A run's model as monitor.topics.model_state wrote it (None for runs before schema 7)."""
        with self.engine.connect() as connection:
            return connection.execute(
                sa.select(topic_runs.c.model_state).where(topic_runs.c.run_id == run_id)
            ).scalar()

    def topic_model_format(self, run_id: int) -> str | None:
        """How a run's model is stored: "state" (data), "pickle" (before schema 7, never
        loaded), or None (no such run or no model)."""
        has_state, has_pickle = topic_runs.c.model_state.is_not(None), topic_runs.c.model.is_not(None)
        query = sa.select(has_state, has_pickle).where(topic_runs.c.run_id == run_id)
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None or not any(row):
            return None
        return "state" if row[0] else "pickle"

    def load_topics(self, run_id: int | None = None) -> pd.DataFrame:
        """The topics of a run (default: the latest) with user names where given."""
        run_id = run_id if run_id is not None else (self.latest_topic_run() or {}).get("run_id")
        if run_id is None:
            return pd.DataFrame(columns=[*topics.c.keys(), "name"])
        query = (
            sa.select(*topics.c, topic_names.c.name)
            .select_from(topics.outerjoin(topic_names, topics.c.topic_id == topic_names.c.topic_id))
            .where(topics.c.run_id == run_id)
            .order_by(topics.c.n_stories.desc(), topics.c.topic_id)
        )
        with self.engine.connect() as connection:
            frame = pd.DataFrame([dict(r) for r in connection.execute(query).mappings()])
        if not frame.empty:  # a cleared name is stored empty; names saved before cleaning are cleaned
            frame["name"] = [(clean_name(n) or None) if isinstance(n, str) else None for n in frame["name"]]
        return frame

    def load_retired_topics(self, run_id: int) -> pd.DataFrame:
        query = sa.select(*retired_topics.c).where(retired_topics.c.run_id == run_id)
        with self.engine.connect() as connection:
            frame = pd.DataFrame([dict(r) for r in connection.execute(query).mappings()])
        return frame if not frame.empty else pd.DataFrame(columns=retired_topics.c.keys())

    def load_post_topics(self, since: datetime | None = None) -> pd.DataFrame:
        """post_id -> topic_id (nullable), score, story_id, and how it was assigned; since:
        only posts published then or later."""
        query = sa.select(*post_topics.c)
        if since is not None:
            query = query.join(posts, posts.c.post_id == post_topics.c.post_id).where(
                posts.c.published_at >= since
            )
        with self.engine.connect() as connection:
            frame = _columns_frame(connection.execute(query))
        frame["topic_id"] = pd.to_numeric(frame["topic_id"]).astype("Int64")
        frame["topic_score"] = pd.to_numeric(frame["topic_score"]).astype(float)
        return frame

    def count_assigned_by_fit(self) -> int:
        """Posts of the configured feeds whose topic came from the latest refit (not
        assigned since): with count_posts, the posts new since that refit."""
        removed = sa.select(posts.c.post_id).where(posts.c.feed_id.in_(_removed_feed_ids()))
        query = (
            sa.select(sa.func.count())
            .select_from(post_topics)
            .where(post_topics.c.assigned_by == "fit", post_topics.c.post_id.not_in(removed))
        )
        with self.engine.connect() as connection:
            return int(connection.execute(query).scalar() or 0)

    def next_topic_id(self) -> int:
        """The first topic id never used by any run, so ids are never reused."""
        with self.engine.connect() as connection:
            used = connection.execute(sa.select(sa.func.max(topics.c.topic_id))).scalar()
            gone = connection.execute(sa.select(sa.func.max(retired_topics.c.topic_id))).scalar()
        return max(used or 0, gone or 0) + 1

    @contextmanager
    def refit_lock(
        self, on_wait: Callable[[], None] | None = None, timeout: float = REFIT_LOCK_TIMEOUT
    ) -> Iterator[None]:
        """Hold the topic refit lock, so two refits (the CLI's, the dashboard's) run one after
        the other and the second matches its topics with the first's run. SQLite: a lock file
        beside the database; PostgreSQL: an advisory lock. on_wait is called once if another
        refit holds it; StoreError when it is not free within timeout seconds."""
        with self._lock(_REFIT_LOCK, on_wait, timeout):
            yield

    @contextmanager
    def fetch_lock(self, on_wait: Callable[[], None] | None = None, timeout: float = 0.0) -> Iterator[None]:
        """Hold the fetch lock, so two fetches (cron's, `fetch --every`'s, the dashboard's) never
        write at once; the refit lock's mechanism under another file and key. LockBusyError
        when another fetch holds it past timeout seconds (by default: at once)."""
        with self._lock(_FETCH_LOCK, on_wait, timeout):
            yield

    def fetch_running(self) -> bool:
        """Whether a fetch holds the fetch lock now, wherever it runs (cron, `fetch --every`,
        another machine's dashboard): tried without waiting, released at once. False when
        the lock cannot be tried (a read-only folder): nothing is known to be running."""
        try:
            with self.fetch_lock():
                return False
        except LockBusyError:
            return True
        except StoreError:
            return False

    def _lock(
        self, kind: _LockKind, on_wait: Callable[[], None] | None, timeout: float
    ) -> AbstractContextManager[None]:
        database = self.engine.url.database
        if self.engine.dialect.name == "sqlite" and database and database != ":memory:":
            return _file_lock(Path(f"{database}.{kind.name}.lock"), kind, on_wait, timeout)
        if self.engine.dialect.name == "postgresql":
            return _advisory_lock(self.engine, kind, self.display_url, on_wait, timeout)
        return _no_lock()  # an in-memory database has one user; other backends: no lock known

    def rename_topic(self, topic_id: int, name: str | None) -> None:
        """Give a topic a user's name (kept across refits; control characters dropped, at most
        MAX_TOPIC_NAME_LENGTH characters); None or blank restores the label."""
        cleaned = clean_name(name or "")
        if len(cleaned) > MAX_TOPIC_NAME_LENGTH:
            raise MonitorError(
                f"a topic name has at most {MAX_TOPIC_NAME_LENGTH} characters; this one has {len(cleaned):,}"
            )
        with self.engine.begin() as connection:
            connection.execute(topic_names.delete().where(topic_names.c.topic_id == topic_id))
            # A cleared name stays as an empty row with its time: were it deleted, the newest
            # renamed_at in data_version could go back to a version cached under an older name.
            connection.execute(
                topic_names.insert().values(topic_id=topic_id, name=cleaned, renamed_at=datetime.now(UTC))
            )

    # --- alerts --------------------------------------------------------------------------

    def add_new_flags(self, rows: list[dict[str, Any]]) -> list[str]:
        """Store flags not seen before; return the keys of those that are new."""
        if not rows:
            return []
        with self.engine.begin() as connection:
            known = set(connection.execute(sa.select(flag_alerts.c.flag_key)).scalars())
            fresh = [row for row in rows if row["flag_key"] not in known]
            if fresh:
                connection.execute(_insert_ignoring_conflicts(connection, flag_alerts, "flag_key"), fresh)
        return [row["flag_key"] for row in fresh]

    def load_flag_alerts(self, since: datetime | None = None, undelivered_only: bool = False) -> pd.DataFrame:
        query = sa.select(*flag_alerts.c).order_by(flag_alerts.c.first_seen_at.desc(), flag_alerts.c.flag_key)
        if since is not None:
            query = query.where(flag_alerts.c.first_seen_at >= since)
        if undelivered_only:
            query = query.where(flag_alerts.c.delivered_at.is_(None))
        with self.engine.connect() as connection:
            rows = [dict(r) for r in connection.execute(query).mappings()]
        return pd.DataFrame(rows, columns=flag_alerts.c.keys())

    def mark_flags_not_posted(self, flag_keys: list[str]) -> None:
        """Close flags seen while no webhook was configured: never posted, not pending either."""
        if not flag_keys:
            return
        values = {"delivered_at": datetime.now(UTC), "last_error": NOT_POSTED}
        with self.engine.begin() as connection:
            for start in range(0, len(flag_keys), _BATCH):
                keys = flag_keys[start : start + _BATCH]
                connection.execute(
                    flag_alerts.update().where(flag_alerts.c.flag_key.in_(keys)).values(**values)
                )

    def mark_flag_delivery(self, flag_key: str, error: str | None) -> None:
        """Record one delivery attempt: delivered now, or the error for the next run's retry."""
        values: dict[str, Any] = {"attempts": flag_alerts.c.attempts + 1, "last_error": error}
        if error is None:
            values["delivered_at"] = datetime.now(UTC)
        with self.engine.begin() as connection:
            connection.execute(
                flag_alerts.update().where(flag_alerts.c.flag_key == flag_key).values(**values)
            )


def _feed_values(feed: Any) -> dict[str, Any]:
    """What feeds.yaml decides of a feed's row (feed_plan.FIELDS)."""
    return {
        "name": feed.name,
        "brand": feed.brand,
        "kind": feed.kind,
        "channel": feed.channel,
        "source": redact_url(feed.source),
    }


def _stored_feeds(connection: Connection) -> dict[str, dict[str, Any]]:
    columns = [feeds.c[name] for name in ("feed_id", *FEED_FIELDS, "configured", "last_attempt_at")]
    return {row.feed_id: dict(row._mapping) for row in connection.execute(sa.select(*columns))}


def _removed_feed_ids() -> sa.Select:
    return sa.select(feeds.c.feed_id).where(feeds.c.configured == sa.false())


@contextmanager
def _no_lock() -> Iterator[None]:
    yield


@contextmanager
def _file_lock(
    path: Path, kind: _LockKind, on_wait: Callable[[], None] | None, timeout: float
) -> Iterator[None]:
    """An exclusive flock on path (created if missing, never deleted: deleting a lock file
    races with its next user); closing the file releases it, even when the process dies."""
    try:
        import fcntl
    except ImportError:  # Windows has no flock: refits and fetches are not serialised there
        yield
        return
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the {kind.name} lock file ({exc.strerror})") from None
    try:
        _acquire(lambda: _try_flock(fcntl, handle, path, kind), kind, on_wait, timeout, str(path))
        yield
    finally:
        os.close(handle)


def _try_flock(fcntl: Any, handle: int, path: Path, kind: _LockKind) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        raise StoreError(f"{path}: cannot lock the {kind.name} lock file ({exc.strerror})") from None
    return True


@contextmanager
def _advisory_lock(
    engine: Engine, kind: _LockKind, where: str, on_wait: Callable[[], None] | None, timeout: float
) -> Iterator[None]:
    """A PostgreSQL session advisory lock, held on a connection of its own while in use."""
    with engine.connect() as connection:

        def try_once() -> bool:
            taken = connection.execute(sa.select(sa.func.pg_try_advisory_lock(kind.key))).scalar()
            connection.commit()  # a session lock outlives the transaction: none stays open
            return bool(taken)

        _acquire(try_once, kind, on_wait, timeout, where)
        try:
            yield
        finally:
            try:
                connection.execute(sa.select(sa.func.pg_advisory_unlock(kind.key)))
                connection.commit()
            except sa.exc.SQLAlchemyError:
                connection.invalidate()  # its session ends, and the lock with it


def _acquire(
    try_once: Callable[[], bool],
    kind: _LockKind,
    on_wait: Callable[[], None] | None,
    timeout: float,
    where: str,
) -> None:
    """Try until try_once takes the lock: on_wait once before waiting, LockBusyError at timeout."""
    deadline = time.monotonic() + timeout
    if try_once():
        return
    if on_wait is not None and timeout > 0:
        on_wait()
    while time.monotonic() < deadline:
        time.sleep(_LOCK_POLL)
        if try_once():
            return
    waited = f"{timeout / 60:g} minutes" if timeout >= 60 else f"{timeout:g} s"
    raise LockBusyError(f"{where}: {kind.busy.format(waited=waited)}")


def _rename_feed(connection: Connection, old_id: str, new_id: str) -> None:
    """Move a feed's row, posts and fetch log to its new id; its posts keep their ids."""
    for table in (feeds, posts, fetch_log):
        connection.execute(table.update().where(table.c.feed_id == old_id).values(feed_id=new_id))
    connection.execute(feed_aliases.update().where(feed_aliases.c.feed_id == old_id).values(feed_id=new_id))
    connection.execute(feed_aliases.delete().where(feed_aliases.c.old_feed_id == new_id))  # named back
    connection.execute(
        _insert_ignoring_conflicts(connection, feed_aliases, "old_feed_id").values(
            old_feed_id=old_id, feed_id=new_id, renamed_at=datetime.now(UTC)
        )
    )


def _ids_under_old_feed_ids(connection: Connection, records: list[dict[str, Any]]) -> dict[str, str]:
    """Post id -> the id the same post was stored with under a renamed feed's old id."""
    feed_ids = {record[models.FEED_ID] for record in records}
    query = sa.select(feed_aliases.c.old_feed_id, feed_aliases.c.feed_id).where(
        feed_aliases.c.feed_id.in_(feed_ids)
    )
    old_ids: dict[str, list[str]] = {}
    for old_id, feed_id in connection.execute(query):
        old_ids.setdefault(feed_id, []).append(old_id)
    if not old_ids:
        return {}
    candidates = {
        post_id(old_id, record[models.GUID]): record[models.POST_ID]
        for record in records
        for old_id in old_ids.get(record[models.FEED_ID], ())
    }
    ids = list(candidates)
    found = [
        stored
        for start in range(0, len(ids), _BATCH)
        for stored in connection.execute(
            sa.select(posts.c.post_id).where(posts.c.post_id.in_(ids[start : start + _BATCH]))
        ).scalars()
    ]
    return {candidates[stored]: stored for stored in found}


def open_store(url: str) -> Store:
    """Open (creating and migrating as needed) the database at url."""
    return Store(url)


def _create_engine(url: str) -> Engine:
    try:
        if sa.engine.make_url(url).get_backend_name() != "sqlite":
            return sa.create_engine(url, pool_pre_ping=True)
        engine = sa.create_engine(url, connect_args={"timeout": db_file.BUSY_SECONDS})
    except (ImportError, sa.exc.ArgumentError) as exc:  # no driver, unknown scheme, no URL
        raise StoreError(db_file.url_error_message(url, exc) or f"{redact_url(url)}: {exc}") from None
    path = db_file.sqlite_path(url)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path}: cannot create its folder ({exc.strerror})") from None
        db_file.check_file(path)
    sa.event.listen(engine, "connect", _sqlite_pragmas)
    sa.event.listen(engine, "handle_error", _file_errors(path or redact_url(url)))
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the dashboard read while a fetch writes; busy_timeout waits instead of
    # failing with "database is locked" when two writers meet (how long: db_file.BUSY_SECONDS).
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={db_file.BUSY_SECONDS * 1000}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _insert_ignoring_conflicts(
    connection: Connection, table: sa.Table = posts, key: str = models.POST_ID
) -> sa.sql.Insert:
    """INSERT that skips rows another writer stored first (races between two fetches)."""
    name = connection.dialect.name
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    elif name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:  # other backends rely on the pre-check alone
        return table.insert()
    return insert(table).on_conflict_do_nothing(index_elements=[key])


def _raw_times(columns: Iterable[sa.Column]) -> list[Any]:
    """The columns, with UTC times read as the driver gives them (posts_frame parses them in
    one vectorised pass; the per-value TypeDecorator cost ~1 s per 100k posts)."""
    return [
        sa.type_coerce(c, sa.String).label(c.name) if isinstance(c.type, UTCDateTime) else c for c in columns
    ]


def _columns_frame(result: sa.engine.CursorResult) -> pd.DataFrame:
    """A query result as a frame of object columns, built column-wise (a dict per row cost
    ~2 s per 100k posts)."""
    keys = list(result.keys())
    rows = result.all()
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in keys]
    return pd.DataFrame(
        {
            key: pd.Series(_shared(values) if key in _FEW_VALUES else values, dtype=object)
            for key, values in zip(keys, columns, strict=True)
        }
    )


def _shared(values: Sequence[Any]) -> list[Any]:
    """One string object per distinct value: the driver makes a new one per row, and at a
    million posts grouping on scattered copies of the same few brand names cost up to 4x
    more (each hash and compare reads another object), besides ~55 bytes a row."""
    distinct: dict[Any, Any] = {}
    return [distinct.setdefault(value, value) for value in values]


def _records(frame: pd.DataFrame, now: datetime) -> list[dict[str, Any]]:
    """Frame rows as plain dicts the driver accepts (None for missing, ints for counts).
    Column by column through numpy: per-column pandas calls cost more than a feed file's
    ~100 rows, and to_dict("records") costs ~1 s per 100k."""
    n = len(frame)
    columns = []
    for name in _STORED_POST_COLUMNS:
        if name == models.FETCHED_AT:
            columns.append([now] * n)
        elif name == models.DATE_ONLY:  # NOT NULL: a frame that does not say has times
            given = frame[name].to_numpy(dtype=object, na_value=False) if name in frame else [False] * n
            columns.append([bool(flag) for flag in given])
        elif name not in frame.columns:
            columns.append([None] * n)
        else:  # Int64 gives Python ints, times Timestamps (UTCDateTime binds both)
            columns.append(frame[name].to_numpy(dtype=object, na_value=None).tolist())
    return [dict(zip(_STORED_POST_COLUMNS, row, strict=True)) for row in zip(*columns, strict=True)]


def _edit_times(frame: pd.DataFrame, records: list[dict[str, Any]]) -> list[tuple[dict[str, Any], Any]]:
    """(record, edit time) of the rows whose source says when it last edited them: the
    frame's transient UPDATED_AT column, which RSS/Atom entries fill and CSV exports lack."""
    if UPDATED_AT not in frame.columns:
        return []
    times = frame[UPDATED_AT].to_numpy(dtype=object, na_value=None).tolist()
    return [(record, when) for record, when in zip(records, times, strict=True) if when is not None]


def _plain_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values (None for missing), as drivers want them."""
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for record in records:
        for key, value in record.items():
            if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
                record[key] = value.item()  # numpy scalar -> Python scalar
    return records


def _short(exc: BaseException) -> str:
    return " ".join(str(getattr(exc, "orig", exc)).split())[:200]


def _file_errors(where: Path | str) -> Callable[[Any], None]:
    """A handle_error listener: SQLite's errors about the file itself (locked, damaged,
    read-only, unopenable) become one StoreError naming the file and the fix."""

    def convert(context: Any) -> None:
        message = db_file.error_message(where, context.original_exception)
        if message is not None:
            raise StoreError(message)

    return convert
