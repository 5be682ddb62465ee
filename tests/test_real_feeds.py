"""Real publishers' feeds (../shared/data/feeds_real, outside the project): every feed
that feedparser reads with entries gives posts with text and, where feedparser finds a
date, that date. Skipped where the folder is absent."""

from __future__ import annotations

import calendar
import csv
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pandas as pd
import pytest

from monitor import models
from monitor.ingest.rss import parse_feed_bytes

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "feeds_real"
DATE_FIELDS = ("published_parsed", "updated_parsed", "created_parsed")


def feeds_with_entries() -> list[str]:
    """The files INDEX.csv says feedparser reads with at least one entry."""
    index = REAL / "INDEX.csv"
    if not index.is_file():
        return []
    with index.open(encoding="utf-8", newline="") as file:
        return [row["file"] for row in csv.DictReader(file) if int(row["n_entries"] or 0) > 0]


FEEDS = feeds_with_entries()
ABSENT = pytest.param(None, marks=pytest.mark.skip(reason=f"{REAL} is absent"), id="absent")


def feedparser_date(entry) -> datetime | None:
    """The entry's first date as feedparser parsed it (struct_time in UTC)."""
    for field in DATE_FIELDS:
        if entry.get(field):
            return datetime.fromtimestamp(calendar.timegm(entry[field]), tz=UTC)
    return None


@pytest.fixture(scope="module", params=FEEDS or [ABSENT])
def parsed(request):
    data = (REAL / request.param).read_bytes()
    posts, _warnings = parse_feed_bytes(data, "real-feed")
    return posts, feedparser.parse(data).entries


def test_real_feed_yields_posts(parsed):
    posts, entries = parsed

    assert 0 < len(posts) <= len(entries)
    assert posts[models.POST_ID].is_unique


def test_every_post_has_text_or_a_title(parsed):
    posts, _ = parsed

    text = posts[models.TEXT].fillna("").str.strip()
    title = posts[models.TITLE].fillna("").str.strip()
    assert (text.ne("") | title.ne("")).all()


def test_posts_are_dated_where_feedparser_finds_a_date(parsed):
    posts, entries = parsed

    expected = [feedparser_date(entry) for entry in entries]
    got = [None if pd.isna(t) else t.to_pydatetime() for t in posts[models.PUBLISHED_AT]]
    if len(got) == len(expected):
        assert got == expected
    else:  # duplicate entries were counted once: compare what can be compared
        assert {t for t in got if t} <= {t for t in expected if t}
        assert sum(t is None for t in got) <= sum(t is None for t in expected)


def test_real_feed_dates_are_aware_utc(parsed):
    posts, _ = parsed

    assert str(posts[models.PUBLISHED_AT].dt.tz) == "UTC"
