"""The configured feeds' health: never-fetched feeds are not ok, and the pages say so."""

import pandas as pd

from monitor.analysis.feed_health import FeedHealth, feed_health, never_fetched_note


def status(**by_feed: str | None) -> pd.DataFrame:
    return pd.DataFrame({"feed_id": list(by_feed), "status": list(by_feed.values())})


def test_a_feed_never_fetched_is_neither_ok_nor_failing_but_counted():
    rows = status(a="ok", b="not_modified", c="error", d="gone", e="deferred", f="never", g=None)
    health = feed_health(rows, "abcdefg")
    assert health == FeedHealth(n_feeds=7, n_ok=2, n_failing=2, n_never=2)  # g: nothing recorded


def test_only_the_configured_feeds_count():
    health = feed_health(status(a="ok", old="never"), ["a", "new"])
    assert health == FeedHealth(n_feeds=1, n_ok=1)


def test_an_empty_status_counts_nothing():
    assert feed_health(status(), ["a"]) == FeedHealth()


def test_the_note_says_how_many_and_what_to_do():
    assert never_fetched_note(FeedHealth(n_feeds=3, n_ok=3)) is None
    assert never_fetched_note(FeedHealth(n_feeds=3, n_ok=2, n_never=1)) == (
        "1 of 3 feeds has never been fetched, so pages leave out their posts: "
        "press **Refresh feeds** on the Feeds page."
    )
    assert never_fetched_note(FeedHealth(n_feeds=40, n_never=38), button_at="above").startswith(
        "38 of 40 feeds have never been fetched"
    )
    assert never_fetched_note(FeedHealth(n_feeds=2, n_never=2), refreshing=True) == (
        "2 of 2 feeds have not been fetched yet: until the refresh under way ends, pages leave out their posts."
    )
