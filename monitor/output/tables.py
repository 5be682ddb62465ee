"""Pure: every table the pages show, computed from the same filtered frame, so a CSV
snapshot holds exactly the rows behind each view."""

from __future__ import annotations

import pandas as pd

from monitor.analysis import cadence, differentiation, distinctive_terms, engagement, flags, trends
from monitor.analysis.topic_summary import topic_summary
from monitor.output.csv_files import posts_for_export


def snapshot_tables(
    frame: pd.DataFrame,
    topics: pd.DataFrame,
    timezone: str,
    own_brand: str,
    term_index: distinctive_terms.TermIndex | None = None,
    window_end: pd.Timestamp | None = None,
) -> dict[str, pd.DataFrame]:
    """Name -> table, for `python -m monitor export` and the pages' downloads; term_index: of
    every stored post (frame_cache.term_index_of), so distinctive terms skip tokenizing;
    window_end: where the flags' windows end (flags.window_end), else at the latest post."""
    tables = {
        "posts": posts_for_export(frame),
        "topics": topic_summary(frame, topics, timezone).drop(columns=["weekly"]),
        "volume_topic_brand_week": trends.topic_volume(frame, timezone, "W"),
        "share_of_voice_week": trends.share_of_voice(frame, timezone, "W"),
        "flags": flags.compute_flags(frame, timezone, as_of=window_end).drop(
            columns=["sample_post_ids"], errors="ignore"
        ),
        "weekday_hour": cadence.weekday_hour_counts(frame, timezone),
        "posting_frequency": cadence.posting_frequency(frame, timezone),
        "engagement_by_topic": engagement.engagement_by(frame),
        "engagement_by_brand": engagement.engagement_by(frame, by=("brand",)),
    }
    if own_brand in set(frame["brand"]):
        tables["coverage"] = differentiation.coverage_matrix(frame)
        tables["differentiation"] = differentiation.classify_topics(frame, own_brand)
    tables["distinctive_terms"] = distinctive_terms.distinctive_terms(frame, index=term_index)
    return {name: _flat(table) for name, table in tables.items()}


def _flat(table: pd.DataFrame) -> pd.DataFrame:
    """Lists become ';'-joined text so every cell is one spreadsheet value."""
    joined = {
        column: values.map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
        for column, values in table.items()
        # Only object columns can hold lists; a column of text alone is told in C (the posts
        # table at 1M: 1.6 s of Python checks for ~0).
        if pd.api.types.is_object_dtype(values)
        and pd.api.types.infer_dtype(values, skipna=True) != "string"
        and any(isinstance(v, (list, tuple)) for v in values)
    }
    return table.assign(**joined) if joined else table
