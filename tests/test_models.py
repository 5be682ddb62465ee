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
