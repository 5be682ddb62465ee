"""The topics table: sizes in stories and posts, weekly series, terms and lineage."""

from __future__ import annotations

import pandas as pd

from monitor import models
from monitor.analysis.topic_summary import SUMMARY_COLUMNS, topic_headlines, topic_summary, topics_only
from monitor.models import STORY_ID, TOPIC_ID, TOPIC_LABEL

ZONE = "Europe/Ljubljana"


def posts(rows: list[tuple]) -> pd.DataFrame:
    """(post id, story, brand, topic, local time or None) -> a posts-with-topics frame."""
    return pd.DataFrame(
        {
            models.POST_ID: [r[0] for r in rows],
            STORY_ID: [r[1] for r in rows],
            models.BRAND: [r[2] for r in rows],
            TOPIC_ID: pd.array([r[3] for r in rows], dtype="Int64"),
            TOPIC_LABEL: [None if r[3] is None else f"label {r[3]}" for r in rows],
            models.PUBLISHED_AT: pd.Series(
                [None if r[4] is None else pd.Timestamp(r[4], tz=ZONE) for r in rows],
                dtype="datetime64[us, Europe/Ljubljana]",
            ).dt.tz_convert("UTC"),
        }
    )


TOPICS = pd.DataFrame(
    {
        "topic_id": [1, 2],
        "label": ["auto one", "auto two"],
        "top_terms": [[["roaming", 0.5], ["eu", 0.4]], [["5g", 0.9]]],
        "lineage": ["merged", "new"],
        "related": [[3, 4], []],
    }
)


def test_topics_are_sized_in_stories_with_a_weekly_series_terms_and_lineage() -> None:
    frame = posts(
        [
            ("p1", "s1", "A", 1, "2026-01-05 09:00"),  # Monday of week 1
            ("p2", "s1", "B", 1, "2026-01-06 09:00"),  # the same story, another brand
            ("p3", "s2", "A", 1, "2026-01-26 09:00"),  # week 4; nobody posted in week 3
            ("p4", "s3", "A", 2, "2026-01-12 09:00"),
            ("p5", "s4", "A", 2, "2026-01-13 09:00"),
            ("p6", "s5", "A", 2, "2026-01-14 09:00"),
            ("p7", "s6", "C", 9, None),  # a topic the topics table no longer has, undated
            ("p8", "s7", "C", None, "2026-01-07 09:00"),  # no topic: the Other row
        ]
    )
    summary = topic_summary(frame, TOPICS, ZONE)
    assert list(summary.columns) == SUMMARY_COLUMNS
    assert topics_only(summary)["topic_id"].tolist() == [2, 1, 9]  # most stories first
    two, one, nine = (summary.iloc[i] for i in range(3))
    assert (one["n_stories"], one["n_posts"], one["brands"]) == (2, 3, 2)
    assert one["weekly"] == [1, 0, 0, 1]  # weeks of 5, 12, 19 and 26 January, in stories
    assert two["weekly"] == [0, 3, 0, 0]
    assert nine["weekly"] == [0, 0, 0, 0] and nine["n_stories"] == 1
    assert one["top_terms"] == "roaming, eu" and one["lineage"] == "merged (from 3, 4)"
    assert one["topic"] == "label 1" and one["auto_label"] == "auto one"
    assert (nine["top_terms"], nine["lineage"], nine["auto_label"]) == ("", "", "")


def test_no_topics_gives_an_empty_table_with_its_columns() -> None:
    frame = posts([("p1", "s1", "A", None, "2026-01-05 09:00")])
    assert list(topic_summary(frame, TOPICS, ZONE).columns) == SUMMARY_COLUMNS
    assert topic_summary(frame, TOPICS, ZONE).empty


def test_posts_that_fit_no_topic_are_one_last_row_named_other_without_terms_or_lineage() -> None:
    frame = posts(
        [
            ("p1", "s1", "A", 1, "2026-01-05 09:00"),
            ("p2", "s2", "A", None, "2026-01-05 10:00"),  # Other, more stories than topic 1
            ("p3", "s3", "B", None, "2026-01-12 09:00"),
            ("p4", "s3", "C", None, "2026-01-12 10:00"),  # a copy: one story, two brands
        ]
    )
    summary = topic_summary(frame, TOPICS, ZONE)
    other = summary.iloc[-1]
    assert summary["topic_id"].isna().tolist() == [False, True]  # last, though the largest
    assert other["topic"] == models.OTHER_LABEL
    assert (other["n_stories"], other["n_posts"], other["brands"]) == (2, 3, 3)
    assert other["weekly"] == [1, 1]
    assert (other["top_terms"], other["lineage"], other["auto_label"]) == ("", "", "")
    assert topic_headlines(summary)[:2] == [
        f"1 topic in 1 story; 2 more stories in {models.OTHER_LABEL}.",
        "Largest: label 1 (1 story).",
    ]


def test_the_topics_caption_says_how_to_get_finer_or_broader_topics():
    from monitor.analysis.topic_summary import topic_count_hint

    assert "`topics: n_topics:` in feeds.yaml" in topic_count_hint("auto", 12)
    assert "n_topics is 20" in topic_count_hint(20, 20)
