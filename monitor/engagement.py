"""Pure: which topics and brands earn engagement, over the posts that carry metrics.

RSS and Atom posts (blogs, newsrooms) have no likes or views: they are counted in n_posts
but left out of every median and total, so a brand with a busy blog is not shown as
earning nothing. A post "has metrics" when any of likes, comments or shares is known; its
interactions are the sum of the known ones. The engagement rate divides interactions by
views over the posts that report views (> 0), and is NA where none do.
Engagement is per post, not per story: each copy of a story earns its own reactions.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from monitor import models

INTERACTIONS = (models.LIKES, models.COMMENTS, models.SHARES)
FIGURE_COLUMNS = [
    "n_posts", "n_with_metrics", "likes_median", "likes_total", "comments_median", "comments_total",
    "shares_median", "shares_total", "engagement_total", "engagement_per_post_median", "engagement_rate",
]  # fmt: skip
FIGURE_DTYPES = {
    column: "Int64" if column.endswith("_total") or column.startswith("n_") else "Float64"
    for column in FIGURE_COLUMNS
}


def with_interactions(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame plus has_metrics, interactions (NA without metrics) and rate_views (views > 0 only)."""
    metrics = frame[list(INTERACTIONS)]
    has_metrics = metrics.notna().any(axis=1)
    interactions = metrics.sum(axis=1, min_count=1).where(has_metrics).astype("Int64")
    views = frame[models.VIEWS].where(frame[models.VIEWS].gt(0).fillna(False) & has_metrics)
    return frame.assign(has_metrics=has_metrics, interactions=interactions, rate_views=views)


def engagement_by(frame: pd.DataFrame, by: Sequence[str] = ("topic_id", "topic_label")) -> pd.DataFrame:
    """Engagement figures per group of `by` (topic, brand or both), best median per post first."""
    by = list(by)
    if frame.empty:
        return pd.DataFrame({c: [] for c in [*by, *FIGURE_COLUMNS]}).astype(FIGURE_DTYPES)
    posts = with_interactions(frame)
    # dropna=False keeps posts without a topic as their own group, so totals add up.
    figures = posts.groupby(by, dropna=False, sort=True).apply(_figures, include_groups=False)
    table = figures.reset_index().astype(FIGURE_DTYPES)
    return table.sort_values(
        "engagement_per_post_median", ascending=False, na_position="last", kind="stable"
    )[[*by, *FIGURE_COLUMNS]].reset_index(drop=True)


def _figures(group: pd.DataFrame) -> pd.Series:
    """One group's counts, medians over posts with metrics, totals and rate."""
    measured = group[group["has_metrics"]]
    row: dict[str, object] = {"n_posts": len(group), "n_with_metrics": len(measured)}
    for column in INTERACTIONS:
        values = measured[column].dropna()
        row[f"{column}_median"] = float(values.median()) if len(values) else pd.NA
        row[f"{column}_total"] = int(values.sum())
    row["engagement_total"] = int(measured["interactions"].sum())
    row["engagement_per_post_median"] = float(measured["interactions"].median()) if len(measured) else pd.NA
    row["engagement_rate"] = _rate(measured)
    return pd.Series(row, dtype=object)


def _rate(measured: pd.DataFrame) -> object:
    """Interactions / views over the posts that report views; NA when none do."""
    viewed = measured[measured["rate_views"].notna()]
    views = viewed["rate_views"].sum()
    return float(viewed["interactions"].sum() / views) if views > 0 else pd.NA
