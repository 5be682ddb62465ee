"""Filters and weekly counts: days and weeks are local to the user's time zone."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from monitor import models
from monitor.analysis.volume import (
    DAY,
    N_POSTS,
    WEEK_START,
    PostFilter,
    count_undated,
    counts_by,
    filter_posts,
    latest_posts,
    period_counts,
    weekly_counts,
)

ZONE = "Europe/Ljubljana"


def posts(*rows: tuple[str, str | None, str, str]) -> pd.DataFrame:
    """(guid, UTC time or None, brand, channel) -> a posts frame."""
    return models.posts_frame(
        {
            models.POST_ID: guid,
            models.GUID: guid,
            models.PUBLISHED_AT: published,
            models.BRAND: brand,
            models.CHANNEL: channel,
        }
        for guid, published, brand, channel in rows
    )


SAMPLE = posts(
    ("a", "2024-07-01T21:59:00Z", "Lipa Mobil", "blog"),  # Mon 1 July 23:59 local
    ("b", "2024-07-01T22:30:00Z", "Konkurent", "instagram"),  # Tue 2 July 00:30 local
    ("c", "2024-07-07T21:30:00Z", "Lipa Mobil", "instagram"),  # Sun 7 July 23:30 local
    ("d", None, "Lipa Mobil", "blog"),
)


def guids(frame: pd.DataFrame) -> list[str]:
    return sorted(frame[models.GUID])


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (PostFilter(), ["a", "b", "c", "d"]),
        (PostFilter(start=date(2024, 7, 2)), ["b", "c"]),
        (PostFilter(end=date(2024, 7, 1)), ["a"]),
        (PostFilter(start=date(2024, 7, 2), end=date(2024, 7, 2)), ["b"]),
        (PostFilter(brands=("Lipa Mobil",)), ["a", "c", "d"]),  # undated kept: no date range
        (PostFilter(channels=("instagram",)), ["b", "c"]),
        (PostFilter(brands=("Lipa Mobil",), channels=("instagram",)), ["c"]),
        (PostFilter(brands=("Nobody",)), []),
    ],
)
def test_filter_posts(selection, expected):
    assert guids(filter_posts(SAMPLE, selection, ZONE)) == expected


def test_filter_days_follow_the_time_zone():
    july_2 = PostFilter(start=date(2024, 7, 2), end=date(2024, 7, 2))

    assert guids(filter_posts(SAMPLE, july_2, ZONE)) == ["b"]
    assert guids(filter_posts(SAMPLE, july_2, "UTC")) == []
    assert guids(filter_posts(SAMPLE, july_2, "America/New_York")) == []
    assert guids(filter_posts(SAMPLE, PostFilter(end=date(2024, 7, 1)), "UTC")) == ["a", "b"]


def test_filter_does_not_change_its_input():
    before = SAMPLE.copy()

    filter_posts(SAMPLE, PostFilter(start=date(2024, 7, 2), brands=("Konkurent",)), ZONE)

    pd.testing.assert_frame_equal(SAMPLE, before)


def test_weekly_counts_fill_empty_weeks_with_zero():
    frame = posts(
        ("1", "2024-07-01T08:00:00Z", "Lipa Mobil", "blog"),
        ("2", "2024-07-03T08:00:00Z", "Lipa Mobil", "blog"),
        ("3", "2024-07-04T08:00:00Z", "Konkurent", "blog"),
        ("4", "2024-07-17T08:00:00Z", "Lipa Mobil", "blog"),
        ("5", None, "Konkurent", "blog"),  # undated: in no week
    )

    counts = weekly_counts(frame, ZONE)

    assert list(counts.columns) == [WEEK_START, models.BRAND, N_POSTS]
    table = counts.set_index([WEEK_START, models.BRAND])[N_POSTS]
    assert table.to_dict() == {
        (pd.Timestamp("2024-07-01"), "Konkurent"): 1,
        (pd.Timestamp("2024-07-01"), "Lipa Mobil"): 2,
        (pd.Timestamp("2024-07-08"), "Konkurent"): 0,
        (pd.Timestamp("2024-07-08"), "Lipa Mobil"): 0,
        (pd.Timestamp("2024-07-15"), "Konkurent"): 0,
        (pd.Timestamp("2024-07-15"), "Lipa Mobil"): 1,
    }


def test_weeks_start_on_monday_local_time():
    frame = posts(
        ("sun", "2024-07-07T21:30:00Z", "Lipa Mobil", "blog"),  # Sun 23:30 local
        ("mon", "2024-07-07T22:30:00Z", "Lipa Mobil", "blog"),  # Mon 00:30 local
    )

    local = weekly_counts(frame, ZONE).set_index(WEEK_START)[N_POSTS]
    in_utc = weekly_counts(frame, "UTC").set_index(WEEK_START)[N_POSTS]

    assert local.to_dict() == {pd.Timestamp("2024-07-01"): 1, pd.Timestamp("2024-07-08"): 1}
    assert in_utc.to_dict() == {pd.Timestamp("2024-07-01"): 2}
    assert (local.index.day_of_week == 0).all()


def test_weeks_across_the_end_of_summer_time_stay_on_mondays():
    frame = posts(
        ("1", "2024-10-21T10:00:00Z", "Lipa Mobil", "blog"),
        ("2", "2024-11-04T10:00:00Z", "Lipa Mobil", "blog"),  # after 27 October
    )

    weeks = weekly_counts(frame, ZONE)[WEEK_START].tolist()

    assert weeks == [pd.Timestamp(d) for d in ("2024-10-21", "2024-10-28", "2024-11-04")]


def test_daily_counts_are_per_local_day_with_empty_days_filled_as_zero():
    counts = period_counts(SAMPLE, ZONE, "D")

    assert list(counts.columns) == [DAY, models.BRAND, N_POSTS]
    table = counts.set_index([DAY, models.BRAND])[N_POSTS]
    days = pd.date_range("2024-07-01", "2024-07-07", freq="D")  # a at 23:59, b at 00:30 local
    assert table.index.get_level_values(DAY).unique().tolist() == days.tolist()
    assert table.groupby(level=DAY).sum().tolist() == [1, 1, 0, 0, 0, 0, 1]
    assert table[(pd.Timestamp("2024-07-02"), "Konkurent")] == 1


def test_daily_counts_across_the_end_of_summer_time_stay_at_midnight():
    frame = posts(
        ("1", "2024-10-26T10:00:00Z", "Lipa Mobil", "blog"),
        ("2", "2024-10-28T10:00:00Z", "Lipa Mobil", "blog"),  # after 27 October's 25 hours
    )

    days = period_counts(frame, ZONE, "D")[DAY].tolist()

    assert days == [pd.Timestamp(d) for d in ("2024-10-26", "2024-10-27", "2024-10-28")]


def test_period_counts_of_weeks_are_the_weekly_counts_and_other_grains_are_refused():
    pd.testing.assert_frame_equal(period_counts(SAMPLE, ZONE, "W"), weekly_counts(SAMPLE, ZONE))
    assert list(period_counts(posts(("d", None, "Lipa Mobil", "blog")), ZONE, "D").columns) == [
        DAY, models.BRAND, N_POSTS,
    ]  # fmt: skip
    with pytest.raises(ValueError, match="freq"):
        period_counts(SAMPLE, ZONE, "M")


def test_weekly_counts_by_channel():
    counts = weekly_counts(SAMPLE, ZONE, by=models.CHANNEL)

    assert counts.groupby(models.CHANNEL)[N_POSTS].sum().to_dict() == {"blog": 1, "instagram": 2}


def test_weekly_counts_of_no_dated_posts_is_empty():
    counts = weekly_counts(posts(("d", None, "Lipa Mobil", "blog")), ZONE)

    assert counts.empty
    assert list(counts.columns) == [WEEK_START, models.BRAND, N_POSTS]


def test_counts_by_is_largest_first():
    counts = counts_by(SAMPLE, [models.BRAND])

    assert counts[[models.BRAND, N_POSTS]].values.tolist() == [["Lipa Mobil", 3], ["Konkurent", 1]]


def test_latest_posts_put_undated_last():
    assert latest_posts(SAMPLE, n=4)[models.GUID].tolist() == ["c", "b", "a", "d"]
    assert latest_posts(SAMPLE, n=1)[models.GUID].tolist() == ["c"]


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (PostFilter(), 1),
        (PostFilter(start=date(2024, 7, 2), end=date(2024, 7, 7)), 1),  # a date range drops it
        (PostFilter(brands=("Lipa Mobil",)), 1),
        (PostFilter(brands=("Konkurent",)), 0),  # the brand filter applies to undated posts too
        (PostFilter(channels=("instagram",)), 0),
    ],
)
def test_count_undated_counts_the_undated_posts_the_other_filters_keep(selection, expected):
    assert count_undated(SAMPLE, selection, ZONE) == expected
