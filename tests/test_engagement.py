"""Engagement per topic and brand: posts without metrics never drag the medians."""

from __future__ import annotations

import pandas as pd

from monitor import models
from monitor.analysis.engagement import FIGURE_COLUMNS, engagement_by

NA = None


def measured(*rows: tuple[str, int | None, int | None, int | None, int | None, int | None]) -> pd.DataFrame:
    """(brand, topic, likes, comments, shares, views) -> a posts-with-topics frame."""
    frame = models.posts_frame(
        {
            models.POST_ID: f"p{i}",
            models.BRAND: brand,
            models.LIKES: likes,
            models.COMMENTS: comments,
            models.SHARES: shares,
            models.VIEWS: views,
        }
        for i, (brand, _topic, likes, comments, shares, views) in enumerate(rows)
    )
    frame["topic_id"] = pd.array([row[1] for row in rows], dtype="Int64")
    frame["topic_label"] = [None if row[1] is None else f"t{row[1]}" for row in rows]
    return frame


def test_posts_without_metrics_are_counted_but_not_in_medians() -> None:
    frame = measured(
        ("A", 1, NA, NA, NA, NA),  # a blog post: no metrics at all
        ("A", 1, NA, NA, NA, NA),
        ("A", 1, 10, 1, 0, 1000),
        ("A", 1, 20, 3, 2, 1000),
    )
    row = engagement_by(frame).iloc[0]
    assert (row["n_posts"], row["n_with_metrics"]) == (4, 2)
    assert row["likes_median"] == 15.0
    assert row["engagement_per_post_median"] == 18.0  # medians of 11 and 25
    assert row["engagement_total"] == 36


def test_engagement_rate_only_over_posts_with_views() -> None:
    frame = measured(("A", 1, 10, 0, 0, 100), ("A", 1, 50, 0, 0, NA), ("A", 2, 5, 0, 0, 0))
    table = engagement_by(frame).set_index("topic_id")
    assert table.loc[1, "engagement_rate"] == 0.1
    assert pd.isna(table.loc[2, "engagement_rate"])  # zero views: no rate, not a division by zero


def test_missing_metric_counts_as_unknown_not_zero() -> None:
    # A LinkedIn-like export without shares: interactions are the known likes and comments.
    row = engagement_by(measured(("A", 1, 10, 2, NA, NA)), ("brand",)).iloc[0]
    assert row["engagement_per_post_median"] == 12.0
    assert pd.isna(row["shares_median"]) and row["shares_total"] == 0


def test_groups_by_brand_and_topic_and_keeps_posts_without_topic() -> None:
    frame = measured(("A", 1, 1, 0, 0, NA), ("B", 1, 5, 0, 0, NA), ("A", None, 3, 0, 0, NA))
    table = engagement_by(frame, ("brand", "topic_id"))
    assert len(table) == 3
    assert table["n_posts"].sum() == 3
    assert table.iloc[0]["brand"] == "B"  # best median per post first


def test_posts_without_a_topic_are_one_group_named_other() -> None:
    frame = measured(("A", 1, 1, 0, 0, NA), ("A", None, 3, 0, 0, NA), ("B", None, 5, 0, 0, NA))
    table = engagement_by(frame).set_index("topic_label")
    assert table.loc[models.OTHER_LABEL, "n_posts"] == 2 and pd.isna(
        table.loc[models.OTHER_LABEL, "topic_id"]
    )


def test_empty_frame_gives_empty_results_with_columns() -> None:
    table = engagement_by(measured(), ("brand",))
    assert list(table.columns) == ["brand", *FIGURE_COLUMNS]
    assert table.empty
