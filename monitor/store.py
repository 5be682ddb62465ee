"""The only module with SQL. SQLAlchemy Core over an embedded SQLite file by default
(WAL, one transaction per write), or any database URL such as PostgreSQL for a team."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from monitor import models
from monitor.errors import StoreError

SCHEMA_VERSION = 1
_BATCH = 500


class UTCDateTime(sa.types.TypeDecorator):
    """Aware UTC datetimes in, aware UTC out, stored as naive UTC on every backend."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> datetime | None:
        if value is None or value is pd.NaT:
            return None
        if isinstance(value, pd.Timestamp):
            value = value.to_pydatetime()
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; times must be aware UTC")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


metadata = sa.MetaData()

schema_info = sa.Table(
    "schema_info",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
)

feeds = sa.Table(
    "feeds",
    metadata,
    sa.Column("feed_id", sa.String(200), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("brand", sa.Text, nullable=False),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("channel", sa.String(40), nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("status", sa.String(20)),  # ok | not_modified | error | never
    sa.Column("last_attempt_at", UTCDateTime),
    sa.Column("last_success_at", UTCDateTime),
    sa.Column("last_error", sa.Text),
    sa.Column("last_warning", sa.Text),
    sa.Column("http_status", sa.Integer),
    sa.Column("retry_after", sa.Text),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("n_new_last", sa.Integer),
    sa.Column("n_seen_last", sa.Integer),
    sa.Column("n_skipped_last", sa.Integer),
)

posts = sa.Table(
    "posts",
    metadata,
    sa.Column(models.POST_ID, sa.String(64), primary_key=True),
    sa.Column(models.FEED_ID, sa.String(200), nullable=False, index=True),
    sa.Column(models.GUID, sa.Text, nullable=False),
    sa.Column(models.URL, sa.Text),
    sa.Column(models.TITLE, sa.Text),
    sa.Column(models.TEXT, sa.Text),
    sa.Column(models.AUTHOR, sa.Text),
    sa.Column(models.PUBLISHED_AT, UTCDateTime, index=True),
    sa.Column(models.FETCHED_AT, UTCDateTime, nullable=False),
    sa.Column(models.LANGUAGE, sa.String(16)),
    *(sa.Column(name, sa.BigInteger) for name in models.ENGAGEMENT_COLUMNS),
)

fetch_log = sa.Table(
    "fetch_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(models.FEED_ID, sa.String(200), nullable=False, index=True),
    sa.Column("started_at", UTCDateTime, nullable=False),
    sa.Column("finished_at", UTCDateTime, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("n_new", sa.Integer, nullable=False),
    sa.Column("n_seen", sa.Integer, nullable=False),
    sa.Column("error", sa.Text),
)

_STORED_POST_COLUMNS = [column.name for column in posts.columns]


def _migrate_to_1(connection: Connection) -> None:
    metadata.create_all(connection, tables=[feeds, posts, fetch_log])


# Version -> the step that brings the schema from version - 1 to it. Append, never edit.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _migrate_to_1}


@dataclass(frozen=True)
class FeedState:
    """What a fetch needs to remember between runs."""

    etag: str | None = None
    last_modified: str | None = None


class Store:
    """Posts and feed status in one database; every write is one transaction."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = _create_engine(url)
        self._migrate()

    # --- schema --------------------------------------------------------------------------

    def _migrate(self) -> None:
        try:
            with self.engine.begin() as connection:
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
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"{self.display_url}: cannot open the database ({_short(exc)})") from None

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
        """Insert or update the configured feeds (name, brand, channel may change)."""
        with self.engine.begin() as connection:
            existing = set(connection.execute(sa.select(feeds.c.feed_id)).scalars())
            for feed in configured:
                values = {
                    "name": feed.name,
                    "brand": feed.brand,
                    "kind": feed.kind,
                    "channel": feed.channel,
                    "source": _redact(feed.source),
                }
                if feed.feed_id in existing:
                    connection.execute(
                        feeds.update().where(feeds.c.feed_id == feed.feed_id).values(**values)
                    )
                else:
                    connection.execute(
                        feeds.insert().values(feed_id=feed.feed_id, status="never", **values)
                    )

    def feed_state(self, feed_id: str) -> FeedState:
        """ETag and Last-Modified remembered for a feed's conditional GET."""
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(feeds.c.etag, feeds.c.last_modified).where(feeds.c.feed_id == feed_id)
            ).first()
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
    ) -> tuple[int, int]:
        """Upsert a feed's posts and record the attempt, in one transaction: (n_new, n_seen)."""
        finished_at = datetime.now(UTC)
        with self.engine.begin() as connection:
            n_new = self._upsert_posts(connection, new_posts, finished_at)
            n_seen = len(new_posts) - n_new
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
            if status != "error":
                values.update(last_success_at=finished_at, etag=etag, last_modified=last_modified)
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
                    feed_id=feed_id, started_at=started_at, finished_at=now, status="error",
                    n_new=0, n_seen=0, error=error,
                )
            )

    def _upsert_posts(self, connection: Connection, frame: pd.DataFrame, now: datetime) -> int:
        """Insert new posts; for known ones refresh only engagement counts. Returns n new."""
        if frame.empty:
            return 0
        records = _records(frame, now)
        n_new = 0
        for start in range(0, len(records), _BATCH):
            batch = records[start : start + _BATCH]
            ids = [record[models.POST_ID] for record in batch]
            known = set(
                connection.execute(
                    sa.select(posts.c.post_id).where(posts.c.post_id.in_(ids))
                ).scalars()
            )
            fresh = [record for record in batch if record[models.POST_ID] not in known]
            if fresh:
                connection.execute(_insert_ignoring_conflicts(connection), fresh)
            n_new += len(fresh)
            stale = [record for record in batch if record[models.POST_ID] in known]
            self._refresh_engagement(connection, stale)
        return n_new

    @staticmethod
    def _refresh_engagement(connection: Connection, records: list[dict[str, Any]]) -> None:
        with_counts = [r for r in records if any(r[c] is not None for c in models.ENGAGEMENT_COLUMNS)]
        if not with_counts:
            return
        statement = (
            posts.update()
            .where(posts.c.post_id == sa.bindparam("b_post_id"))
            # a count missing from this export keeps the stored one
            .values({c: sa.func.coalesce(sa.bindparam(f"b_{c}"), posts.c[c]) for c in models.ENGAGEMENT_COLUMNS})
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
        query = (
            sa.select(*posts.c, feeds.c.brand, feeds.c.channel)
            .select_from(posts.join(feeds, posts.c.feed_id == feeds.c.feed_id))
            .order_by(posts.c.published_at.desc(), posts.c.post_id)
        )
        if since is not None:
            query = query.where(posts.c.published_at >= since)
        if until is not None:
            query = query.where(posts.c.published_at < until)
        if brands:
            query = query.where(feeds.c.brand.in_(list(brands)))
        if channels:
            query = query.where(feeds.c.channel.in_(list(channels)))
        with self.engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        return models.posts_frame([dict(row) for row in rows])

    def load_feed_status(self) -> pd.DataFrame:
        """One row per known feed with its health and post count."""
        counts = (
            sa.select(posts.c.feed_id, sa.func.count().label("n_posts"))
            .group_by(posts.c.feed_id)
            .subquery()
        )
        query = (
            sa.select(*feeds.c, sa.func.coalesce(counts.c.n_posts, 0).label("n_posts"))
            .select_from(feeds.outerjoin(counts, feeds.c.feed_id == counts.c.feed_id))
            .order_by(feeds.c.brand, feeds.c.name)
        )
        with self.engine.connect() as connection:
            frame = pd.DataFrame([dict(row) for row in connection.execute(query).mappings()])
        if frame.empty:
            return pd.DataFrame(columns=[*feeds.c.keys(), "n_posts"])
        for column in ("last_attempt_at", "last_success_at"):
            frame[column] = pd.to_datetime(frame[column], utc=True)
        return frame

    def count_posts(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.execute(sa.select(sa.func.count()).select_from(posts)).scalar())

    def data_version(self) -> tuple[int, str]:
        """Changes whenever posts or feed status change; a cache key for the pages."""
        with self.engine.connect() as connection:
            n_posts = connection.execute(sa.select(sa.func.count()).select_from(posts)).scalar()
            last = connection.execute(sa.select(sa.func.max(feeds.c.last_attempt_at))).scalar()
        return int(n_posts or 0), str(last)


def open_store(url: str) -> Store:
    """Open (creating and migrating as needed) the database at url."""
    return Store(url)


def _create_engine(url: str) -> Engine:
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        try:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{parsed.database}: cannot create its folder ({exc.strerror})") from None
    engine = sa.create_engine(url, connect_args={"timeout": 60})
    sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the dashboard read while a fetch writes; busy_timeout waits instead of
    # failing with "database is locked" when two writers meet.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=60000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _insert_ignoring_conflicts(connection: Connection) -> sa.sql.Insert:
    """INSERT that skips rows another writer stored first (races between two fetches)."""
    name = connection.dialect.name
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    elif name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:  # other backends rely on the pre-check alone
        return posts.insert()
    return insert(posts).on_conflict_do_nothing(index_elements=[models.POST_ID])


def _records(frame: pd.DataFrame, now: datetime) -> list[dict[str, Any]]:
    """Frame rows as plain dicts the driver accepts (None for missing, ints for counts)."""
    out = frame.reindex(columns=_STORED_POST_COLUMNS).copy()
    out[models.FETCHED_AT] = now
    records = out.astype(object).where(out.notna(), None).to_dict("records")
    for record in records:
        for column in models.ENGAGEMENT_COLUMNS:
            if record[column] is not None:
                record[column] = int(record[column])
    return records


def _redact(source: str) -> str:
    """Hide credentials and token-like query values in stored feed sources."""
    import re

    source = re.sub(r"//([^/@:\s]+):[^/@\s]*@", r"//\1:***@", source)
    return re.sub(r"(?i)([?&](?:token|key|apikey|api_key|secret|password|sig)=)[^&]+", r"\1***", source)


def _short(exc: BaseException) -> str:
    return " ".join(str(getattr(exc, "orig", exc)).split())[:200]
