"""Shared frame helpers in monitor/models.py."""

import pandas as pd

from monitor import models


def frame_of(rows: list[tuple[str, str | None]]) -> pd.DataFrame:
    """(story, published) rows; published None means undated."""
    return pd.DataFrame(
        {
            "story": [story for story, _ in rows],
            models.PUBLISHED_AT: pd.to_datetime([published for _, published in rows], utc=True),
        }
    )


def test_first_in_time_keeps_the_earliest_row_of_each_key_in_time_order():
    frame = frame_of([("b", "2026-01-03"), ("a", "2026-01-02"), ("b", "2026-01-01"), ("a", "2026-01-05")])
    first = models.first_in_time(frame, {"story": frame["story"].to_numpy()}, dated_only=True)
    assert first.tolist() == [2, 1]  # b on the 1st, then a on the 2nd


def test_undated_rows_come_last_or_not_at_all():
    frame = frame_of([("a", None), ("b", "2026-01-02"), ("c", None), ("b", None)])
    keys = {"story": frame["story"].to_numpy()}
    assert models.first_in_time(frame, keys, dated_only=False).tolist() == [1, 0, 2]
    assert models.first_in_time(frame, keys, dated_only=True).tolist() == [1]


def test_equal_times_keep_the_first_row_in_frame_order():
    frame = frame_of([("a", "2026-01-02"), ("a", "2026-01-02"), ("b", "2026-01-01")])
    keys = {"story": frame["story"].to_numpy(), "brand": ["X", "Y", "X"]}
    assert models.first_in_time(frame, keys, dated_only=True).tolist() == [2, 0, 1]


def test_missing_key_values_count_as_one_value_and_keys_combine():
    frame = frame_of([("a", "2026-01-01"), (None, "2026-01-02"), ("a", "2026-01-03"), (None, "2026-01-04"),
                      ("a", "2026-01-05")])  # fmt: skip
    brands = ["X", None, "Y", float("nan"), "X"]
    keys = {"story": frame["story"].to_numpy(), "brand": brands}
    # (a, X) on the 1st, (None, None) on the 2nd, (a, Y) on the 3rd; NaN is missing like None
    assert models.first_in_time(frame, keys, dated_only=True).tolist() == [0, 1, 2]
    assert models.first_in_time(frame.iloc[:0], {"story": []}, dated_only=True).tolist() == []


# --- posts_frame: one shape from rows or frames, whatever "missing" looked like ----------------


def test_posts_frame_from_rows_gives_every_column_with_its_type_and_none_for_missing():
    rows = [
        {models.POST_ID: "a", models.TITLE: float("nan"), models.LIKES: 2.6, models.PUBLISHED_AT: "2026-01-02T10:00:00+02:00"},
        {models.POST_ID: "b", models.TEXT: pd.NA, models.LIKES: None, models.PUBLISHED_AT: "not a date"},
        {models.POST_ID: "c", models.AUTHOR: "Ana", models.VIEWS: "12"},
    ]  # fmt: skip
    frame = models.posts_frame(rows)
    assert list(frame.columns) == list(models.POST_COLUMNS)
    assert frame[models.TITLE].tolist() == [None, None, None]
    assert frame[models.TEXT].tolist() == [None, None, None]
    assert frame[models.AUTHOR].tolist() == [None, None, "Ana"]
    assert frame[models.TITLE].dtype == object and frame[models.AUTHOR].dtype == object
    assert frame[models.LIKES].tolist() == [3, pd.NA, pd.NA]
    assert frame[models.VIEWS].tolist() == [pd.NA, pd.NA, 12]
    assert frame[models.LIKES].dtype == "Int64"
    assert frame[models.PUBLISHED_AT].tolist()[0] == pd.Timestamp("2026-01-02T08:00:00", tz="UTC")
    assert frame[models.PUBLISHED_AT].isna().tolist() == [False, True, True]
    assert str(frame[models.FETCHED_AT].dtype.tz) == "UTC"


def test_posts_frame_of_a_frame_equals_posts_frame_of_its_rows_and_leaves_it_unchanged():
    given = pd.DataFrame(
        {
            models.POST_ID: ["a", "b"],
            models.TEXT: ["x", None],
            models.PUBLISHED_AT: pd.to_datetime(["2026-01-02 10:00", None]).tz_localize("Europe/Ljubljana"),
            models.SHARES: [1.0, float("nan")],
            "extra": [1, 2],
        },
        index=[7, 9],
    )
    before = given.copy()
    from_frame = models.posts_frame(given)
    pd.testing.assert_frame_equal(from_frame, models.posts_frame(given.to_dict("records")))
    pd.testing.assert_frame_equal(given, before)
    assert from_frame.index.tolist() == [0, 1]
    assert from_frame[models.TEXT].tolist() == ["x", None]
    assert from_frame[models.PUBLISHED_AT].tolist()[0] == pd.Timestamp("2026-01-02 09:00", tz="UTC")
    assert models.posts_frame([]).empty and list(models.posts_frame([]).columns) == list(models.POST_COLUMNS)


def test_dates_before_1990_or_over_a_day_ahead_are_implausible():
    from datetime import UTC, datetime

    import pandas as pd

    from monitor.models import implausible_dates

    now = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    published = pd.Series(
        pd.to_datetime(
            ["1989-12-31T23:59Z", "1990-01-01T00:00Z", "2026-12-05T11:00Z", "2026-12-05T13:00Z", None],
            utc=True,
        )
    )
    assert implausible_dates(published, now).tolist() == [True, False, False, True, False]


def test_undated_notes_count_the_posts_and_say_where_they_went():
    assert models.undated_note(15).startswith("15 posts have no date we could read (see 'Undated').")
    assert models.undated_note(1).startswith("1 post has no date")
    assert models.undated_left_out_note(1_500, dates_filtered=True) == (
        "1,500 posts have no usable date and are not in these figures: see Feeds."
    )
    # Without a date range they are in the counts: the note must not say otherwise.
    assert models.undated_left_out_note(2, dates_filtered=False) == (
        "2 posts have no usable date: counted here, but not in the time charts. See Feeds."
    )
