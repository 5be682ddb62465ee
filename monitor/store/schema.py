"""The database's tables and the migrations between schema versions: what the store keeps.
Only monitor.store.database reads and writes them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor import models

SCHEMA_VERSION = 7


class UTCDateTime(sa.types.TypeDecorator):
    """Aware UTC datetimes in, aware UTC out, stored as naive UTC on every backend."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> datetime | None:
        if value is None or value is pd.NaT:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; times must be aware UTC")
        try:
            if isinstance(value, pd.Timestamp):
                value = value.to_pydatetime(warn=False)
            return value.astimezone(UTC).replace(tzinfo=None)
        except (ValueError, OverflowError):
            # A placeholder date past what Python's datetime holds ("0001-01-01 00:00" local
            # is year 0 in UTC) is kept at the nearest edge: still implausible, still counted.
            return datetime.min if pd.Timestamp(value).year < 1000 else datetime.max

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
    sa.Column("status", sa.String(20)),  # ok | not_modified | error | gone | deferred | never
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
    # schema 4: a feed answering 410 is not fetched again at this source; a 429/503 with
    # Retry-After is not fetched again before retry_at.
    sa.Column("gone_at", UTCDateTime),
    sa.Column("retry_at", UTCDateTime),
    # schema 5: false once feeds.yaml no longer names the feed; its posts stay stored but
    # are not read (they show again when the feed is configured again).
    sa.Column("configured", sa.Boolean, nullable=False, server_default=sa.true()),
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
    # schema 6: the source gave a day but no time of day (models.DATE_ONLY). Last, where
    # the migration's ALTER TABLE puts it, so old and new files have one column order.
    sa.Column(models.DATE_ONLY, sa.Boolean, nullable=False, server_default=sa.false()),
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

# --- topics (schema 2) ----------------------------------------------------------------------

topic_runs = sa.Table(
    "topic_runs",
    metadata,
    sa.Column("run_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("n_posts", sa.Integer, nullable=False),
    sa.Column("n_stories", sa.Integer, nullable=False),
    sa.Column("n_topics", sa.Integer, nullable=False),
    sa.Column("settings", sa.JSON, nullable=False),
    sa.Column("fit_seconds", sa.Float),
    # Schemas 2-6: the fitted model as a Python pickle. Never loaded (unpickling runs code):
    # only whether it is set is read, to know a run is in that old format and refit.
    sa.Column("model", sa.LargeBinary),
    # schema 7: the fitted model as data (monitor.topics.model_state), to assign new posts
    # between refits. Last, where the migration's ALTER TABLE puts it.
    sa.Column("model_state", sa.LargeBinary),
)

topics = sa.Table(
    "topics",
    metadata,
    sa.Column("run_id", sa.Integer, primary_key=True),
    sa.Column("topic_id", sa.Integer, primary_key=True),  # stable across runs
    sa.Column("cluster", sa.Integer, nullable=False),  # the model's own index in this run
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("n_stories", sa.Integer, nullable=False),
    sa.Column("n_posts", sa.Integer, nullable=False),
    sa.Column("top_terms", sa.JSON, nullable=False),  # [[term, weight], ...]
    sa.Column("profile", sa.JSON, nullable=False),  # {term: weight}, for matching the next run
    sa.Column("representative_posts", sa.JSON, nullable=False),  # [post_id, ...]
    sa.Column("lineage", sa.String(20), nullable=False),  # new | continued | merged | split
    sa.Column("related", sa.JSON, nullable=False),  # topic ids it came from
    sa.Column("similarity", sa.Float, nullable=False),
)

retired_topics = sa.Table(
    "retired_topics",
    metadata,
    sa.Column("run_id", sa.Integer, primary_key=True),
    sa.Column("topic_id", sa.Integer, primary_key=True),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("absorbed_by", sa.JSON, nullable=False),
    sa.Column("similarity", sa.Float, nullable=False),
)

topic_names = sa.Table(
    "topic_names",
    metadata,
    sa.Column("topic_id", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("renamed_at", UTCDateTime, nullable=False),
)

post_topics = sa.Table(
    "post_topics",
    metadata,
    sa.Column(models.POST_ID, sa.String(64), primary_key=True),
    sa.Column("run_id", sa.Integer, nullable=False, index=True),
    sa.Column("topic_id", sa.Integer, index=True),  # NULL: no topic (no usable words)
    sa.Column("topic_score", sa.Float, nullable=False),
    sa.Column("story_id", sa.String(64), nullable=False, index=True),
    sa.Column("assigned_by", sa.String(10), nullable=False),  # fit | transform
)

# --- alerts (schema 3) ---------------------------------------------------------------------

flag_alerts = sa.Table(
    "flag_alerts",
    metadata,
    sa.Column("flag_key", sa.String(400), primary_key=True),  # scope|topic|brand|flag|window
    sa.Column("first_seen_at", UTCDateTime, nullable=False),
    sa.Column("flag", sa.String(20), nullable=False),
    sa.Column("scope", sa.String(20), nullable=False),
    sa.Column("topic_id", sa.Integer),
    sa.Column("brand", sa.Text),
    sa.Column("window_end", sa.String(10), nullable=False),
    sa.Column("explanation", sa.Text, nullable=False),
    sa.Column("numbers", sa.JSON, nullable=False),
    sa.Column("delivered_at", UTCDateTime),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("last_error", sa.Text),
)


# --- renamed feeds (schema 5) ---------------------------------------------------------------

# The ids a renamed feed had: its posts keep the ids they were stored with (a hash of the old
# feed id and the guid), so a fetch under the new name finds them through these.
feed_aliases = sa.Table(
    "feed_aliases",
    metadata,
    sa.Column("old_feed_id", sa.String(200), primary_key=True),
    sa.Column(models.FEED_ID, sa.String(200), nullable=False, index=True),
    sa.Column("renamed_at", UTCDateTime, nullable=False),
)


def _migrate_to_1(connection: Connection) -> None:
    metadata.create_all(connection, tables=[feeds, posts, fetch_log])


def _migrate_to_2(connection: Connection) -> None:
    metadata.create_all(connection, tables=[topic_runs, topics, retired_topics, topic_names, post_topics])


def _migrate_to_3(connection: Connection) -> None:
    metadata.create_all(connection, tables=[flag_alerts])


def _migrate_to_4(connection: Connection) -> None:
    # Step 1 creates `feeds` from today's table, so a fresh database has these already.
    present = {column["name"] for column in sa.inspect(connection).get_columns("feeds")}
    for name in ("gone_at", "retry_at"):
        if name not in present:
            kind = feeds.c[name].type.compile(dialect=connection.dialect)
            connection.execute(sa.text(f"ALTER TABLE feeds ADD COLUMN {name} {kind}"))


def _migrate_to_5(connection: Connection) -> None:
    present = {column["name"] for column in sa.inspect(connection).get_columns("feeds")}
    if "configured" not in present:  # every feed known so far counts as configured until a sync
        kind = feeds.c.configured.type.compile(dialect=connection.dialect)
        true = sa.true().compile(dialect=connection.dialect)
        connection.execute(sa.text(f"ALTER TABLE feeds ADD COLUMN configured {kind} NOT NULL DEFAULT {true}"))
    metadata.create_all(connection, tables=[feed_aliases])


def _migrate_to_6(connection: Connection) -> None:
    present = {column["name"] for column in sa.inspect(connection).get_columns("posts")}
    if models.DATE_ONLY not in present:  # posts stored so far are taken to have times, as they were read
        kind = posts.c[models.DATE_ONLY].type.compile(dialect=connection.dialect)
        false = sa.false().compile(dialect=connection.dialect)
        connection.execute(
            sa.text(f"ALTER TABLE posts ADD COLUMN {models.DATE_ONLY} {kind} NOT NULL DEFAULT {false}")
        )


def _migrate_to_7(connection: Connection) -> None:
    # Step 2 creates `topic_runs` from today's table, so a fresh database has the column already.
    present = {column["name"] for column in sa.inspect(connection).get_columns("topic_runs")}
    if "model_state" not in present:  # older runs keep their pickle, which is never loaded
        kind = topic_runs.c.model_state.type.compile(dialect=connection.dialect)
        connection.execute(sa.text(f"ALTER TABLE topic_runs ADD COLUMN model_state {kind}"))


# Version -> the step that brings the schema from version - 1 to it. Append, never edit.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    1: _migrate_to_1, 2: _migrate_to_2, 3: _migrate_to_3, 4: _migrate_to_4,
    5: _migrate_to_5, 6: _migrate_to_6, 7: _migrate_to_7,
}  # fmt: skip
