"""The store: schema, idempotent upserts, feed status and filtered reads."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from monitor import models
from monitor.config.settings import FeedConfig
from monitor.errors import StoreError
from monitor.ingest.rss import UPDATED_AT
from monitor.store import database as store_module
from monitor.store.database import SCHEMA_VERSION, open_store

STARTED = datetime(2024, 7, 10, 6, 0, tzinfo=UTC)

BLOG = FeedConfig(
    feed_id="lipa-blog", name="Lipa blog", brand="Lipa Mobil", kind="rss", channel="blog",
    url="https://lipa.example/feed.xml",
)  # fmt: skip
INSTAGRAM = FeedConfig(
    feed_id="konkurent-ig", name="Konkurent Instagram", brand="Konkurent", kind="csv",
    channel="instagram", path=Path("exports/ig.csv"),
)  # fmt: skip


def post(feed_id: str, guid: str, published: datetime | None, likes: int | None = None) -> dict:
    return {
        models.POST_ID: f"{feed_id}:{guid}",
        models.FEED_ID: feed_id,
        models.GUID: guid,
        models.TITLE: f"Objava {guid}",
        models.TEXT: f"Besedilo objave {guid} – čšž",
        models.PUBLISHED_AT: published,
        models.LIKES: likes,
    }


def frame(*rows: dict) -> pd.DataFrame:
    return models.posts_frame(list(rows))


BLOG_POSTS = frame(
    post("lipa-blog", "1", datetime(2024, 7, 1, 8, 0, tzinfo=UTC)),
    post("lipa-blog", "2", datetime(2024, 7, 2, 8, 0, tzinfo=UTC)),
    post("lipa-blog", "3", None),
)
IG_POSTS = frame(
    post("konkurent-ig", "a", datetime(2024, 7, 3, 8, 0, tzinfo=UTC), likes=10),
    post("konkurent-ig", "b", datetime(2024, 7, 4, 8, 0, tzinfo=UTC), likes=20),
)


@pytest.fixture
def filled(store):
    store.sync_feeds([BLOG, INSTAGRAM])
    store.save_fetch("lipa-blog", BLOG_POSTS, started_at=STARTED, status="ok")
    store.save_fetch("konkurent-ig", IG_POSTS, started_at=STARTED, status="ok")
    return store


def status_of(store, feed_id: str) -> pd.Series:
    return store.load_feed_status().set_index("feed_id").loc[feed_id]


# --- schema --------------------------------------------------------------------------------


def test_schema_version_is_recorded(store):
    assert store.schema_version == SCHEMA_VERSION


def test_reopening_does_not_migrate_again(store, monkeypatch):
    def must_not_run(connection):
        raise AssertionError("migration ran on an up-to-date database")

    monkeypatch.setitem(store_module.MIGRATIONS, 1, must_not_run)

    reopened = open_store(store.url)

    assert reopened.schema_version == SCHEMA_VERSION
    reopened.close()


@pytest.mark.sqlite_only
def test_sqlite_runs_in_wal_mode(store, tmp_path):
    store.sync_feeds([BLOG])

    with sqlite3.connect(tmp_path / "monitor.db") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def execute(store, *statements: str) -> None:
    """Raw SQL in one transaction, as an older or newer program would have left the database."""
    store.close()
    with store.engine.begin() as connection:
        for statement in statements:
            connection.execute(sa.text(statement))


def test_database_from_a_newer_program_is_refused(store):
    execute(store, f"UPDATE schema_info SET version = {SCHEMA_VERSION + 1}")

    with pytest.raises(store_module.StoreError, match="newer than this program"):
        open_store(store.url)


# --- writing -------------------------------------------------------------------------------


def test_save_fetch_is_idempotent(store):
    store.sync_feeds([BLOG])

    first = store.save_fetch("lipa-blog", BLOG_POSTS, started_at=STARTED, status="ok")
    second = store.save_fetch("lipa-blog", BLOG_POSTS, started_at=STARTED, status="ok")

    assert first == (3, 0)
    assert second == (0, 3)
    assert store.count_posts() == 3
    status = status_of(store, "lipa-blog")
    assert (status["n_new_last"], status["n_seen_last"], status["n_posts"]) == (0, 3, 3)


def test_a_partly_new_fetch_counts_new_and_seen(store):
    store.sync_feeds([BLOG])
    store.save_fetch("lipa-blog", BLOG_POSTS.iloc[:2], started_at=STARTED, status="ok")

    assert store.save_fetch("lipa-blog", BLOG_POSTS, started_at=STARTED, status="ok") == (1, 2)


def test_reingest_refreshes_engagement_but_not_the_text(store):
    store.sync_feeds([INSTAGRAM])
    store.save_fetch("konkurent-ig", IG_POSTS, started_at=STARTED, status="ok")
    newer = IG_POSTS.assign(**{models.LIKES: [15, 25], models.TEXT: ["changed", "changed"]})

    store.save_fetch("konkurent-ig", models.posts_frame(newer), started_at=STARTED, status="ok")

    stored = store.load_posts().set_index(models.GUID)
    assert stored[models.LIKES].to_dict() == {"a": 15, "b": 25}
    assert "changed" not in set(stored[models.TEXT])


def test_fetched_at_is_kept_from_the_first_store(store):
    store.sync_feeds([BLOG])
    store.save_fetch("lipa-blog", BLOG_POSTS, started_at=STARTED, status="ok")
    first = store.load_posts().set_index(models.GUID)[models.FETCHED_AT]

    store.save_fetch("lipa-blog", BLOG_POSTS, started_at=STARTED, status="ok")

    assert store.load_posts().set_index(models.GUID)[models.FETCHED_AT].equals(first)


def test_successful_fetch_records_feed_status(store):
    store.sync_feeds([BLOG])
    before = datetime.now(UTC)

    store.save_fetch(
        "lipa-blog", BLOG_POSTS, started_at=STARTED, status="ok", http_status=200,
        etag='"v1"', last_modified="Wed, 10 Jul 2024 06:00:00 GMT", warning="1 posts have no date",
    )  # fmt: skip

    status = status_of(store, "lipa-blog")
    assert status["status"] == "ok"
    assert status["last_attempt_at"] >= before
    assert status["last_success_at"] == status["last_attempt_at"]
    assert pd.isna(status["last_error"])
    assert (status["etag"], status["last_modified"]) == ('"v1"', "Wed, 10 Jul 2024 06:00:00 GMT")
    assert (status["http_status"], status["last_warning"]) == (200, "1 posts have no date")
    assert store.feed_state("lipa-blog") == store_module.FeedState('"v1"', "Wed, 10 Jul 2024 06:00:00 GMT")


def test_failed_fetch_keeps_last_success_and_etag(store):
    store.sync_feeds([BLOG])
    store.save_fetch("lipa-blog", BLOG_POSTS, started_at=STARTED, status="ok", etag='"v1"')
    success = status_of(store, "lipa-blog")["last_success_at"]

    store.save_fetch(
        "lipa-blog", models.empty_posts(), started_at=STARTED, status="error",
        error="HTTP 500 Internal Server Error", http_status=500,
    )  # fmt: skip

    status = status_of(store, "lipa-blog")
    assert status["status"] == "error"
    assert status["last_error"] == "HTTP 500 Internal Server Error"
    assert status["last_success_at"] == success
    assert status["last_attempt_at"] >= success
    assert status["etag"] == '"v1"'
    assert status["n_posts"] == 3


def test_a_later_success_clears_the_error(store):
    store.sync_feeds([BLOG])
    store.save_fetch("lipa-blog", models.empty_posts(), started_at=STARTED, status="error", error="x")

    store.save_fetch("lipa-blog", BLOG_POSTS, started_at=STARTED, status="ok")

    assert pd.isna(status_of(store, "lipa-blog")["last_error"])


def test_feed_never_fetched_has_status_never(store):
    store.sync_feeds([BLOG])

    status = status_of(store, "lipa-blog")

    assert status["status"] == "never"
    assert pd.isna(status["last_success_at"])
    assert status["n_posts"] == 0


def test_credentials_in_the_source_are_redacted(store):
    secret = replace(BLOG, url="https://ana:hunter2@lipa.example/feed.xml?token=s3cr3t&page=2")

    store.sync_feeds([secret])

    source = status_of(store, "lipa-blog")["source"]
    assert source == "https://ana:***@lipa.example/feed.xml?token=***&page=2"


# --- reading -------------------------------------------------------------------------------


def test_load_posts_returns_aware_utc_and_current_brand_and_channel(filled):
    posts = filled.load_posts()

    assert tuple(posts.columns) == models.POST_COLUMNS
    assert str(posts[models.PUBLISHED_AT].dt.tz) == "UTC"
    assert str(posts[models.FETCHED_AT].dt.tz) == "UTC"
    assert posts.set_index(models.GUID).loc["a", models.PUBLISHED_AT] == pd.Timestamp(
        "2024-07-03 08:00", tz="UTC"
    )
    by_feed = posts.groupby(models.FEED_ID)[[models.BRAND, models.CHANNEL]].first()
    assert by_feed.loc["lipa-blog"].tolist() == ["Lipa Mobil", "blog"]
    assert by_feed.loc["konkurent-ig"].tolist() == ["Konkurent", "instagram"]


def test_load_posts_shares_one_object_per_brand_channel_feed_and_language(filled):
    # Grouping a million posts read from scattered per-row copies of the same few strings
    # cost ~4x more than from one shared object per value.
    slovenian = [{**post("lipa-blog", guid, STARTED), models.LANGUAGE: "sl"} for guid in ("4", "5")]
    filled.save_fetch("lipa-blog", frame(*slovenian), started_at=STARTED, status="ok")
    posts = filled.load_posts()
    blog = posts[posts[models.LANGUAGE].eq("sl").fillna(False)]

    assert len(blog) == 2
    for column in (models.FEED_ID, models.BRAND, models.CHANNEL, models.LANGUAGE):
        assert len({id(value) for value in blog[column]}) == 1, column
    assert len({id(value) for value in blog[models.GUID]}) == 2  # other columns stay as read


def test_load_posts_is_newest_first(filled):
    assert filled.load_posts()[models.GUID].tolist()[:4] == ["b", "a", "2", "1"]


@pytest.mark.parametrize(
    ("filters", "guids"),
    [
        ({"since": datetime(2024, 7, 2, 8, 0, tzinfo=UTC)}, {"2", "a", "b"}),
        ({"until": datetime(2024, 7, 2, 8, 0, tzinfo=UTC)}, {"1"}),  # until is exclusive
        (
            {"since": datetime(2024, 7, 2, tzinfo=UTC), "until": datetime(2024, 7, 4, tzinfo=UTC)},
            {"2", "a"},
        ),
        ({"brands": ["Konkurent"]}, {"a", "b"}),
        ({"channels": ["blog"]}, {"1", "2", "3"}),
        ({"brands": ["Lipa Mobil"], "channels": ["instagram"]}, set()),
        ({}, {"1", "2", "3", "a", "b"}),
    ],
)
def test_load_posts_filters(filled, filters, guids):
    assert set(filled.load_posts(**filters)[models.GUID]) == guids


def test_since_accepts_any_aware_zone(filled):
    from zoneinfo import ZoneInfo

    since = datetime(2024, 7, 4, 10, 0, tzinfo=ZoneInfo("Europe/Ljubljana"))  # 08:00 UTC

    assert filled.load_posts(since=since)[models.GUID].tolist() == ["b"]


def test_renamed_brand_and_channel_apply_to_stored_posts(filled):
    filled.sync_feeds([replace(BLOG, brand="Lipa", channel="newsroom"), INSTAGRAM])

    posts = filled.load_posts(brands=["Lipa"])

    assert set(posts[models.GUID]) == {"1", "2", "3"}
    assert set(posts[models.CHANNEL]) == {"newsroom"}
    assert filled.load_posts(brands=["Lipa Mobil"]).empty


def test_data_version_changes_after_a_fetch(filled):
    before = filled.data_version()

    filled.save_fetch("lipa-blog", models.empty_posts(), started_at=STARTED, status="not_modified")

    assert filled.data_version() != before


def test_unassigned_posts_are_those_without_a_topic_row_newest_first(filled):
    everything = filled.load_posts()
    pd.testing.assert_frame_equal(filled.load_unassigned_posts(), everything)  # same rows, same order
    assigned = pd.DataFrame(
        {
            models.POST_ID: ["konkurent-ig:b", "lipa-blog:3"],
            "topic_id": [1, None],
            "topic_score": [0.5, 0.0],
            "story_id": ["konkurent-ig:b", "lipa-blog:3"],
            "assigned_by": ["transform", "transform"],
        }
    )
    filled.add_assignments(assigned, run_id=1)
    assert filled.load_unassigned_posts()[models.POST_ID].tolist() == [
        "konkurent-ig:a",
        "lipa-blog:2",
        "lipa-blog:1",
    ]
    filled.add_assignments(assigned, run_id=1)  # again: already assigned posts are skipped
    assert len(filled.load_post_topics()) == 2


def test_feed_status_counts_each_feeds_posts_without_a_date(filled):
    never_fetched = replace(BLOG, feed_id="lipa-novice", name="Lipa novice", url="https://lipa.example/n")
    filled.sync_feeds([BLOG, INSTAGRAM, never_fetched])

    status = filled.load_feed_status().set_index("feed_id")

    assert status["n_undated"].to_dict() == {"lipa-blog": 1, "konkurent-ig": 0, "lipa-novice": 0}


# --- renamed and removed feeds -------------------------------------------------------------


def ingested(feed_id: str, *guids: str, likes: int | None = None) -> pd.DataFrame:
    """Posts as ingest makes them: the id is the hash of feed id and guid."""
    from monitor.ingest.clean import post_id

    rows = [{**post(feed_id, guid, STARTED, likes), models.POST_ID: post_id(feed_id, guid)} for guid in guids]
    return frame(*rows)


def test_a_renamed_feed_keeps_its_posts_and_a_refetch_adds_none(store):
    store.sync_feeds([BLOG])
    store.save_fetch("lipa-blog", ingested("lipa-blog", "1", "2"), started_at=STARTED, status="ok")
    renamed = replace(BLOG, feed_id="lipa-novice", name="Lipa novice")

    store.sync_feeds([renamed])
    again = store.save_fetch(
        "lipa-novice", ingested("lipa-novice", "1", "2", "3", likes=7), started_at=STARTED, status="ok"
    )

    assert again == (1, 2)
    assert store.count_posts() == 3
    status = store.load_feed_status()
    assert status[["feed_id", "name", "n_posts"]].values.tolist() == [["lipa-novice", "Lipa novice", 3]]
    assert set(store.load_posts()[models.LIKES]) == {7}  # the stored posts were refreshed


def test_a_feed_renamed_twice_and_back_still_adds_no_doubles(store):
    store.sync_feeds([BLOG])
    store.save_fetch("lipa-blog", ingested("lipa-blog", "1"), started_at=STARTED, status="ok")
    for feed_id in ("lipa-novice", "lipa-vesti", "lipa-blog"):
        store.sync_feeds([replace(BLOG, feed_id=feed_id, name=feed_id)])
        store.save_fetch(feed_id, ingested(feed_id, "1", feed_id), started_at=STARTED, status="ok")

    assert store.count_posts() == 4  # "1" once, and one post first seen under each name
    assert store.load_feed_status()["feed_id"].tolist() == ["lipa-blog"]


def test_a_new_name_with_a_new_source_is_a_new_feed(filled):
    other = replace(BLOG, feed_id="lipa-novice", name="Lipa novice", url="https://lipa.example/news.xml")

    filled.sync_feeds([other, INSTAGRAM])

    status = filled.load_feed_status().set_index("feed_id")
    assert status.loc["lipa-novice", "n_posts"] == 0
    assert status.loc["lipa-blog", "n_posts"] == 3
    assert not status.loc["lipa-blog", "configured"]


def test_a_removed_feed_is_kept_but_not_read_until_it_is_back(filled):
    filled.sync_feeds([BLOG])

    assert set(filled.load_posts()[models.FEED_ID]) == {"lipa-blog"}
    assert set(filled.load_unassigned_posts()[models.FEED_ID]) == {"lipa-blog"}
    status = filled.load_feed_status().set_index("feed_id")
    assert status["configured"].to_dict() == {"lipa-blog": True, "konkurent-ig": False}
    assert status.loc["konkurent-ig", "n_posts"] == 2
    assert filled.count_posts() == 3  # what topic refits count

    filled.sync_feeds([BLOG, INSTAGRAM])

    assert set(filled.load_posts()[models.GUID]) == {"1", "2", "3", "a", "b"}


def test_data_version_changes_when_a_brand_is_renamed_or_a_feed_removed(filled):
    before = filled.data_version()
    filled.sync_feeds([BLOG, INSTAGRAM])
    assert filled.data_version() == before  # nothing changed: nothing written

    filled.sync_feeds([BLOG, replace(INSTAGRAM, brand="Tekmec")])
    renamed = filled.data_version()
    filled.sync_feeds([BLOG])

    assert len({before, renamed, filled.data_version()}) == 3


def test_a_schema_4_database_gains_feed_identity_on_opening(store):
    store.sync_feeds([BLOG])
    execute(
        store,
        "ALTER TABLE feeds DROP COLUMN configured",
        "DROP TABLE feed_aliases",
        "UPDATE schema_info SET version = 4",
    )

    reopened = open_store(store.url)

    assert reopened.schema_version == SCHEMA_VERSION
    assert reopened.load_feed_status()["configured"].tolist() == [True]
    reopened.sync_feeds([replace(BLOG, feed_id="lipa-novice", name="Lipa novice")])
    assert reopened.load_feed_status()["feed_id"].tolist() == ["lipa-novice"]
    reopened.close()


def date_only_of(store) -> dict[str, bool]:
    return store.load_posts().set_index(models.GUID)[models.DATE_ONLY].to_dict()


MIDNIGHT = datetime(2024, 7, 1, 22, 0, tzinfo=UTC)  # 2024-07-02 00:00 in Ljubljana


def test_whether_a_date_has_a_time_of_day_is_stored(store):
    store.sync_feeds([INSTAGRAM])
    posts = frame(post("konkurent-ig", "a", MIDNIGHT), post("konkurent-ig", "b", MIDNIGHT))
    posts[models.DATE_ONLY] = [True, False]

    store.save_fetch("konkurent-ig", posts, started_at=STARTED, status="ok")

    assert date_only_of(store) == {"a": True, "b": False}
    assert store.load_unassigned_posts().set_index(models.GUID)[models.DATE_ONLY].to_dict() == {
        "a": True,
        "b": False,
    }


def test_a_schema_5_database_takes_its_posts_to_have_times_until_fetched_again(store):
    store.sync_feeds([INSTAGRAM])
    stored = frame(
        post("konkurent-ig", "a", MIDNIGHT), post("konkurent-ig", "b", datetime(2024, 7, 2, 8, 0, tzinfo=UTC))
    )
    store.save_fetch("konkurent-ig", stored, started_at=STARTED, status="ok")
    execute(store, "ALTER TABLE posts DROP COLUMN date_only", "UPDATE schema_info SET version = 5")

    reopened = open_store(store.url)

    assert reopened.schema_version == SCHEMA_VERSION
    assert date_only_of(reopened) == {"a": False, "b": False}
    # The same export again, now read as dates only: the post stored at that midnight is
    # marked; the one stored with a real time keeps it.
    again = frame(post("konkurent-ig", "a", MIDNIGHT), post("konkurent-ig", "b", MIDNIGHT))
    again[models.DATE_ONLY] = True
    reopened.save_fetch("konkurent-ig", again, started_at=STARTED, status="ok")
    assert date_only_of(reopened) == {"a": True, "b": False}
    reopened.close()


def test_a_removed_feeds_topics_do_not_count_toward_the_next_refit(filled):
    fitted = pd.DataFrame(
        {
            models.POST_ID: ["konkurent-ig:a", "lipa-blog:1"],
            "topic_id": [1, 1],
            "topic_score": [0.5, 0.5],
            "story_id": ["konkurent-ig:a", "lipa-blog:1"],
            "assigned_by": ["fit", "fit"],
        }
    )
    filled.add_assignments(fitted, run_id=1)

    filled.sync_feeds([BLOG])

    assert (filled.count_posts(), filled.count_assigned_by_fit()) == (3, 1)


# --- the topic refit lock ------------------------------------------------------------------


def test_a_refit_lock_held_elsewhere_is_waited_for_then_refused_with_a_clear_error(store, tmp_path):
    other = open_store(store.url)  # another process's store, say the dashboard's
    waited: list[bool] = []

    with store.refit_lock():
        if store.engine.dialect.name == "sqlite":  # PostgreSQL holds an advisory lock instead
            assert (tmp_path / "monitor.db.refit.lock").exists()
        with (
            pytest.raises(StoreError, match=r"another topic refit still holds the refit lock after 0.3 s"),
            other.refit_lock(on_wait=lambda: waited.append(True), timeout=0.3),
        ):
            pytest.fail("the lock was held twice")

    with other.refit_lock(on_wait=lambda: waited.append(True), timeout=0.3):
        pass  # free again once released
    other.close()
    assert waited == [True]  # told once that it waits, not once per try


def test_an_in_memory_store_needs_no_refit_lock():
    memory = open_store("sqlite://")
    with memory.refit_lock(timeout=0), memory.refit_lock(timeout=0):
        pass
    memory.close()


# --- posts their source edited (RSS/Atom <updated>) --------------------------------------


def edited_blog_posts(updated: list) -> pd.DataFrame:
    """BLOG_POSTS with new words and dates, and the transient edit time of each entry."""
    return BLOG_POSTS.assign(
        **{
            models.TITLE: ["Popravljena 1", "Popravljena 2", "Popravljena 3"],
            models.TEXT: "popravljeno besedilo",
            models.URL: "https://lipa.example/popravljeno",
            models.PUBLISHED_AT: datetime(2024, 8, 1, tzinfo=UTC),
            UPDATED_AT: pd.to_datetime(pd.Series(updated, dtype=object), utc=True),
        }
    )


def test_a_post_edited_after_it_was_stored_takes_the_new_title_text_and_link(filled):
    before = filled.load_posts().set_index(models.GUID)
    filled.add_assignments(
        pd.DataFrame(
            {models.POST_ID: ["lipa-blog:1"], "topic_id": [4], "topic_score": [0.5], "story_id": ["lipa-blog:1"],
             "assigned_by": ["fit"]}
        ),
        run_id=1,
    )  # fmt: skip
    later = before.loc["1", models.FETCHED_AT] + pd.Timedelta(seconds=1)
    earlier = before.loc["1", models.FETCHED_AT] - pd.Timedelta(days=1)

    n_new, n_seen = filled.save_fetch(
        "lipa-blog", edited_blog_posts([later, earlier, None]), started_at=STARTED, status="ok"
    )

    after = filled.load_posts().set_index(models.GUID)
    assert (n_new, n_seen) == (0, 3)
    assert after.loc["1", [models.TITLE, models.TEXT, models.URL]].tolist() == [
        "Popravljena 1", "popravljeno besedilo", "https://lipa.example/popravljeno",
    ]  # fmt: skip
    # the id, the first stored date and time, and the topic stay
    assert after.loc["1", models.POST_ID] == "lipa-blog:1"
    assert after.loc["1", models.PUBLISHED_AT] == before.loc["1", models.PUBLISHED_AT]
    assert after.loc["1", models.FETCHED_AT] == before.loc["1", models.FETCHED_AT]
    assert filled.load_post_topics().set_index(models.POST_ID).loc["lipa-blog:1", "topic_id"] == 4
    # edited before it was stored, or no edit time given: the stored words stay
    assert after.loc[["2", "3"], models.TITLE].tolist() == ["Objava 2", "Objava 3"]


def test_an_edited_post_is_written_once_not_at_every_fetch(filled):
    later = filled.load_posts()[models.FETCHED_AT].max() + pd.Timedelta(seconds=1)
    n_written: list[int] = []

    def count(_connection, cursor, statement, *_args) -> None:
        if statement.startswith("UPDATE posts SET") and "fetched_at <" in statement:
            n_written.append(cursor.rowcount)

    sa.event.listen(filled.engine, "after_cursor_execute", count)
    for _ in range(2):
        filled.save_fetch("lipa-blog", edited_blog_posts([later] * 3), started_at=STARTED, status="ok")
    sa.event.remove(filled.engine, "after_cursor_execute", count)

    assert n_written == [3, 0]  # the entries still carry their edit time, but no word changed


def test_last_fetch_is_the_latest_success_of_a_configured_feed(store):
    assert store.last_fetch_at() is None  # nothing fetched: windows fall back to the newest post
    store.sync_feeds([BLOG, INSTAGRAM])
    store.record_failure("lipa-blog", STARTED, "HTTP 500")
    assert store.last_fetch_at() is None  # a failure is not a fetch
    before = pd.Timestamp.now(tz="UTC")
    store.save_fetch("konkurent-ig", IG_POSTS, started_at=STARTED, status="ok")
    fetched = store.last_fetch_at()
    assert fetched.tz is not None and before <= fetched <= pd.Timestamp.now(tz="UTC")
    store.sync_feeds([BLOG])  # the Instagram feed leaves feeds.yaml: its fetch no longer counts
    assert store.last_fetch_at() is None
