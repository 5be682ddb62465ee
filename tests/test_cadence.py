"""Weekday x hour counts and posting frequency, in the user's time zone."""

from __future__ import annotations

import pandas as pd
import pytest

from monitor import models
from monitor.analysis.cadence import (
    HOUR_COLUMNS,
    brand_rates,
    date_only_counts,
    date_only_note,
    overall_rate,
    posting_frequency,
    rate_words,
    weekday_hour_counts,
)

ZONE = "Europe/Ljubljana"


def timed(*rows: tuple[str, str | None, str, str]) -> pd.DataFrame:
    """(brand, UTC time or None, channel, story id) -> a posts-with-topics frame."""
    frame = models.posts_frame(
        {models.POST_ID: f"p{i}", models.BRAND: brand, models.PUBLISHED_AT: at, models.CHANNEL: channel}
        for i, (brand, at, channel, _story) in enumerate(rows)
    )
    frame["story_id"] = [story for *_rest, story in rows]
    return frame


def cell(counts: pd.DataFrame, brand: str, weekday: int, hour: int) -> int:
    return int(counts.set_index(["brand", "weekday", "hour"]).loc[(brand, weekday, hour), "n_posts"])


@pytest.mark.parametrize(
    ("utc", "weekday", "hour"),
    [
        ("2026-07-06T22:30:00Z", 1, 0),  # Monday UTC, Tuesday 00:30 in summer (UTC+2)
        ("2026-01-05T23:30:00Z", 1, 0),  # Monday UTC, Tuesday 00:30 in winter (UTC+1)
        ("2026-03-29T00:30:00Z", 6, 1),  # Sunday 01:30 CET, before the spring switch
        ("2026-03-29T01:30:00Z", 6, 3),  # Sunday 03:30 CEST: 02:xx does not exist that night
        ("2026-10-25T00:30:00Z", 6, 2),  # Sunday 02:30 CEST, before the autumn switch
        ("2026-10-25T01:30:00Z", 6, 2),  # Sunday 02:30 CET: the hour happens twice
    ],
)
def test_hours_are_local_across_midnight_and_dst(utc: str, weekday: int, hour: int) -> None:
    counts = weekday_hour_counts(timed(("Alpcom", utc, "facebook", "s")), ZONE)
    assert cell(counts, "Alpcom", weekday, hour) == 1
    assert counts["n_posts"].sum() == 1


def test_every_cell_is_present_per_brand_and_undated_posts_are_left_out() -> None:
    frame = timed(
        ("Alpcom", "2026-07-06T08:00:00Z", "facebook", "a"),
        ("DravaNet", "2026-07-07T08:00:00Z", "blog", "b"),
        ("DravaNet", None, "blog", "c"),
    )
    counts = weekday_hour_counts(frame, ZONE)
    assert len(counts) == 2 * 7 * 24
    assert counts["n_posts"].sum() == 2
    assert counts.set_index(["brand", "weekday", "hour"]).loc[("Alpcom", 0, 10), "weekday_name"] == "Monday"


def test_a_story_counts_once_per_channel_but_once_in_each_channel() -> None:
    frame = timed(
        ("Alpcom", "2026-07-06T08:00:00Z", "facebook", "s"),
        ("Alpcom", "2026-07-06T08:05:00Z", "facebook", "s"),  # the same story twice on one channel
        ("Alpcom", "2026-07-06T08:10:00Z", "instagram", "s"),  # cross-posted: a second act
    )
    assert weekday_hour_counts(frame, ZONE)["n_posts"].sum() == 2


def test_posting_frequency_over_local_calendar_weeks() -> None:
    frame = timed(
        ("Alpcom", "2026-07-05T22:30:00Z", "facebook", "a"),  # Monday 6 July 00:30 local: week 28
        ("Alpcom", "2026-07-07T10:30:00Z", "facebook", "b"),
        ("Alpcom", "2026-07-19T10:30:00Z", "facebook", "c"),  # Sunday: still week 29
        ("Alpcom", "2026-07-19T10:30:00Z", "blog", "d"),
    )
    table = posting_frequency(frame, ZONE).set_index(["brand", "channel"])
    facebook = table.loc[("Alpcom", "facebook")]
    assert facebook["n_posts"] == 3 and facebook["n_weeks"] == 2
    assert facebook["posts_per_week"] == 1.5
    assert facebook["median_gap_hours"] == (36 + 12 * 24) / 2
    assert facebook["first_post"] == pd.Timestamp("2026-07-05T22:30:00Z")
    assert pd.isna(table.loc[("Alpcom", "blog"), "median_gap_hours"])


def test_posting_frequency_per_month() -> None:
    frame = timed(("A", "2026-07-01T10:00:00Z", "x", "a"), ("A", "2026-08-31T10:00:00Z", "x", "b"))
    assert posting_frequency(frame, ZONE, "M")["posts_per_month"].tolist() == [1.0]


def test_unknown_period_is_an_error() -> None:
    with pytest.raises(ValueError, match="freq"):
        posting_frequency(timed(), ZONE, "Q")


def test_empty_frame_gives_empty_results_with_columns() -> None:
    assert list(weekday_hour_counts(timed(), ZONE).columns) == HOUR_COLUMNS
    assert list(posting_frequency(timed(), ZONE).columns) == [
        "brand", "channel", "posts_per_week", "n_posts", "n_weeks", "first_post", "last_post", "median_gap_hours",
    ]  # fmt: skip


def test_a_brand_posts_a_week_over_its_own_active_weeks_not_the_whole_data_span() -> None:
    # Old: B's 6 posts were divided by the 10-year span of all the data (Overview, "0 a week")
    # or summed over per-channel rates (Cadence: 3 + 3 = "6 a week" from two channels' one week each).
    frame = timed(
        ("A", "2016-01-04T10:00:00Z", "blog", "a1"),
        ("A", "2026-01-05T10:00:00Z", "blog", "a2"),
        ("B", "2026-03-02T10:00:00Z", "x", "b1"),  # Monday 2 March
        ("B", "2026-03-03T10:00:00Z", "x", "b2"),
        ("B", "2026-03-04T10:00:00Z", "x", "b3"),
        ("B", "2026-03-10T10:00:00Z", "blog", "b4"),  # the next week, on another channel
        ("B", "2026-03-11T10:00:00Z", "blog", "b5"),
        ("B", "2026-03-12T10:00:00Z", "blog", "b6"),
    )
    rates = brand_rates(posting_frequency(frame, ZONE), ZONE).set_index("brand")
    b = rates.loc["B"]
    assert (b["n_posts"], b["n_weeks"], b["posts_per_week"]) == (6, 2, 3.0)
    assert rate_words(b) == "3 a week over its 2 active weeks, 2026-03-02 to 2026-03-15"
    assert rates.index.tolist() == ["B", "A"]  # most frequent first
    assert rate_words(rates.loc["A"]) == "0 a week over its 523 active weeks, 2016-01-04 to 2026-01-11"


def test_one_post_is_one_active_week_and_small_rates_keep_a_decimal() -> None:
    one = brand_rates(posting_frequency(timed(("A", "2026-03-04T10:00:00Z", "x", "a")), ZONE), ZONE)
    assert rate_words(one.iloc[0]) == "1 a week over its 1 active week, 2026-03-02 to 2026-03-08"
    sparse = timed(*[("A", f"2026-{m:02d}-02T10:00:00Z", "x", f"a{m}") for m in (1, 3, 5)])
    assert rate_words(brand_rates(posting_frequency(sparse, ZONE), ZONE).iloc[0]).startswith(
        "0.2 a week over its 18 active weeks"
    )


def test_all_brands_together_span_the_filtered_posts() -> None:
    frame = timed(("A", "2026-03-02T10:00:00Z", "x", "a"), ("B", "2026-03-16T10:00:00Z", "x", "b"))
    together = overall_rate(posting_frequency(frame, ZONE), ZONE)
    assert rate_words(together, "their") == "0.7 a week over their 3 active weeks, 2026-03-02 to 2026-03-22"
    assert overall_rate(posting_frequency(timed(), ZONE), ZONE) is None
    assert brand_rates(posting_frequency(timed(), ZONE), ZONE).empty


# --- dates without a time of day -----------------------------------------------------------


def with_date_only(frame: pd.DataFrame, *date_only: bool) -> pd.DataFrame:
    frame[models.DATE_ONLY] = list(date_only)
    return frame


# Fridays at 00:00 in Ljubljana, as an export of dates only gives them.
FRIDAYS = ("2019-05-30T22:00:00Z", "2019-06-06T22:00:00Z", "2019-06-13T22:00:00Z")


def test_a_brand_dated_without_times_gets_no_hour_and_no_zero_gap_but_its_posts_a_week() -> None:
    frame = with_date_only(
        timed(
            *(("Alpcom", at, "facebook", f"a{i}") for i, at in enumerate(FRIDAYS)),
            ("Alpcom", "2019-05-31T22:00:00Z", "facebook", "a3"),  # two a day: a 0 h gap if counted
            ("DravaNet", "2019-06-03T08:00:00Z", "blog", "d0"),
            ("DravaNet", "2019-06-04T10:00:00Z", "blog", "d1"),
            ("DravaNet", "2019-06-05T22:00:00Z", "blog", "d2"),
        ),
        True, True, True, True, False, False, True,
    )  # fmt: skip

    counts = weekday_hour_counts(frame, ZONE)
    assert set(counts[models.BRAND]) == {"DravaNet"}  # no "Alpcom posts most on Friday at 00:00"
    assert counts["n_posts"].sum() == 2
    frequency = posting_frequency(frame, ZONE).set_index(models.BRAND)
    assert pd.isna(frequency.loc["Alpcom", "median_gap_hours"])
    assert frequency.loc["Alpcom", "n_posts"] == 4  # a date is still a date: counted per week
    assert frequency.loc["DravaNet", "median_gap_hours"] == 26.0  # between its two timed posts
    assert frequency.loc["DravaNet", "n_posts"] == 3
    left_out = date_only_counts(frame)
    assert left_out.to_dict("records") == [
        {models.BRAND: "Alpcom", models.CHANNEL: "facebook", "n_posts": 4},
        {models.BRAND: "DravaNet", models.CHANNEL: "blog", "n_posts": 1},
    ]


def test_a_story_with_a_timed_copy_on_the_channel_counts_at_that_time() -> None:
    frame = with_date_only(
        timed(
            ("Alpcom", "2019-05-30T22:00:00Z", "facebook", "s"),  # the export: the day only
            ("Alpcom", "2019-05-31T09:15:00Z", "facebook", "s"),  # an alert of it, with its time
        ),
        True,
        False,
    )

    assert cell(weekday_hour_counts(frame, ZONE), "Alpcom", 4, 11) == 1
    assert date_only_counts(frame).empty


def test_without_dates_only_nothing_is_left_out_and_nothing_is_said() -> None:
    frame = timed(("Alpcom", "2026-07-06T08:00:00Z", "facebook", "a"))
    left_out = date_only_counts(frame)
    assert left_out.empty and list(left_out.columns) == [models.BRAND, models.CHANNEL, "n_posts"]
    assert date_only_note(0) is None
    assert date_only_note(12) == (
        "12 posts have a date without a time of day; they are left out of the hour heatmap and the "
        "gaps between posts, but counted in posts a week."
    )
    assert date_only_note(1).startswith("1 post has a date")
