"""Pure: the topics table a person reads (label, size, trend, top terms, lineage) and the
numbers behind one topic (brands covering it, its posts)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from monitor import models
from monitor.analysis.trends import topic_labels
from monitor.analysis.volume import local_week_start
from monitor.i18n import t, tn
from monitor.models import STORY_ID, TOPIC_ID

SUMMARY_COLUMNS = [
    "topic_id", "topic", "n_stories", "n_posts", "brands", "weekly", "top_terms", "lineage", "auto_label",
]  # fmt: skip


def topic_summary(frame: pd.DataFrame, topics: pd.DataFrame, timezone: str) -> pd.DataFrame:
    """One row per topic in the filtered posts: size in stories and posts, brands, a weekly
    series for a sparkline, top terms and lineage from the last refit; then one last row for
    the posts that fit no topic (OTHER_LABEL, topic_id NA, no terms, no lineage)."""
    has_topic = frame[TOPIC_ID].notna() if TOPIC_ID in frame else pd.Series(False, index=frame.index)
    if not has_topic.any() or topics.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    # One groupby per measure over every topic, not a loop over topics (0.3 s at 100k posts,
    # paid on every click of the Topics page); dropna=False makes Other one more group.
    by_topic = frame.groupby(TOPIC_ID, dropna=False, sort=False)
    sizes = by_topic.size()
    ids = sizes.index
    summary = pd.DataFrame(
        {
            "topic_id": pd.array(ids, dtype="Int64"),
            "topic": models.labels_with_other(topic_labels(frame).reindex(ids), pd.Series(ids)).tolist(),
            "n_stories": by_topic[STORY_ID].nunique().to_numpy(),
            "n_posts": sizes.to_numpy(),
            "brands": by_topic[models.BRAND].nunique().to_numpy(),
            "weekly": _weekly_stories(frame, ids, timezone),
            **_refit_columns(topics, ids),
        },
        columns=SUMMARY_COLUMNS,
    )
    # Largest topics first; Other last whatever its size, as it is not a topic.
    ordered = summary.assign(_other=summary["topic_id"].isna())
    ordered = ordered.sort_values(["_other", "n_stories"], ascending=[True, False], ignore_index=True)
    return ordered.drop(columns="_other")


def _weekly_stories(frame: pd.DataFrame, ids: pd.Index, timezone: str) -> list[list[int]]:
    """Stories per local week for each topic id (NA: Other), every week of the posts filled."""
    weeks = local_week_start(frame[models.PUBLISHED_AT], timezone)
    all_weeks = pd.date_range(weeks.min(), weeks.max(), freq="7D") if weeks.notna().any() else []
    weekly = (
        frame.groupby([frame[TOPIC_ID], weeks.rename("_week")], dropna=False)[STORY_ID]
        .nunique()
        .unstack("_week", fill_value=0)
        .reindex(index=ids, columns=all_weeks, fill_value=0)
    )
    return weekly.astype(int).to_numpy().tolist()


def _refit_columns(topics: pd.DataFrame, ids: pd.Index) -> dict[str, list[str]]:
    """Top terms, lineage and automatic label from the last refit; empty for Other and for
    topics the refit no longer has."""
    meta = topics.drop_duplicates("topic_id").set_index("topic_id").reindex(ids)
    known = ids.isin(topics["topic_id"]) & ids.notna()
    return {
        "top_terms": [
            ", ".join(t for t, _w in terms[:8]) if ok else ""
            for terms, ok in zip(meta["top_terms"], known, strict=True)
        ],
        "lineage": [
            lineage_text(status, related) if ok else ""
            for status, related, ok in zip(meta["lineage"], meta["related"], known, strict=True)
        ],
        "auto_label": [label if ok else "" for label, ok in zip(meta["label"], known, strict=True)],
    }


def topics_only(summary: pd.DataFrame) -> pd.DataFrame:
    """The topic_summary rows of real topics: without the Other row."""
    return summary[summary["topic_id"].notna()]


def topic_headlines(summary: pd.DataFrame) -> list[str]:
    """Size, largest topic, new topics and how much fits no topic, in words."""
    topics = topics_only(summary)
    n_other = int(summary.loc[summary["topic_id"].isna(), "n_stories"].sum())
    new = topics[topics["lineage"] == "new"]
    n_topics = tn("{n} topic", "{n} topics", len(topics))
    n_stories = int(topics["n_stories"].sum())
    if n_other:
        size = tn(
            "{topics} in {n} story; {more} in {other}.",
            "{topics} in {n} stories; {more} in {other}.",
            n_stories,
            topics=n_topics,
            more=tn("{n} more story", "{n} more stories", n_other),
            other=models.other_label(),
        )
    else:
        size = tn("{topics} in {n} story.", "{topics} in {n} stories.", n_stories, topics=n_topics)
    return [
        size,
        tn(
            "Largest: {topic} ({n} story).",
            "Largest: {topic} ({n} stories).",
            int(topics["n_stories"].iloc[0]),
            topic=topics["topic"].iloc[0],
        ),
        t("New at the last refit: {topics}.", topics=", ".join(new["topic"].head(3)))
        if not new.empty
        else t("No new topics at the last refit."),
    ]


def lineage_text(status: str, related: Sequence[object] | None) -> str:
    """A topic's fate at the last refit as a person reads it: "continued", "merged (from 1, 2)".
    English, as the topics table is exported and the CLI prints it; lineage_words() shows it."""
    sources = ", ".join(str(r) for r in related or [])
    if status in ("merged", "split") and sources:
        return f"{status} (from {sources})"
    return str(status)


_FROM = re.compile(r"^(?P<status>\w+) \(from (?P<sources>[^)]*)\)$")


def lineage_words(text: str) -> str:
    """A lineage_text in the current language: "merged (from 1, 2)" -> "združeno (iz 1, 2)".
    Anything it does not know (an empty cell, a status from a later version) is shown as is."""
    if not isinstance(text, str):
        return text
    match = _FROM.match(text)
    status = match["status"] if match else text
    words = {
        "new": t("new"),
        "continued": t("continued"),
        "merged": t("merged"),
        "split": t("split"),
        "retired": t("retired"),
    }
    if status not in words:
        return text
    if match:
        return t("{status} (from {topics})", status=words[status], topics=match["sources"])
    return words[status]


def brand_coverage(topic_posts: pd.DataFrame, all_posts: pd.DataFrame) -> pd.DataFrame:
    """Per brand: stories on the topic and the share of the brand's own stories they are."""
    totals = all_posts.groupby(models.BRAND)[STORY_ID].nunique()
    on_topic = topic_posts.groupby(models.BRAND)[STORY_ID].nunique()
    coverage = pd.DataFrame({"n_stories": on_topic, "brand_stories": totals}).fillna(0)
    coverage["share"] = coverage["n_stories"] / coverage["brand_stories"].where(coverage["brand_stories"] > 0)
    coverage = coverage.rename_axis(models.BRAND).reset_index()
    coverage["n_stories"] = coverage["n_stories"].astype(int)
    return coverage.sort_values("share", ascending=False, ignore_index=True)


def search_posts(posts: pd.DataFrame, query: str) -> pd.DataFrame:
    """Posts whose title or text contains every word of the query (case-insensitive)."""
    words = [w for w in query.casefold().split() if w]
    if not words:
        return posts
    haystack = (posts[models.TITLE].fillna("") + " " + posts[models.TEXT].fillna("")).str.casefold()
    mask = pd.Series(True, index=posts.index)
    for word in words:
        mask &= haystack.str.contains(word, regex=False)
    return posts[mask]


def topic_count_hint(n_topics: int | str, n_shown: int) -> str:
    """How to get broader or finer topics, for the caption under the topics table."""
    if n_topics == "auto":
        return tn(
            "The {n} topic was counted automatically; for finer or broader ones set "
            "`topics: n_topics:` in feeds.yaml (e.g. 30), then refit.",
            "The {n} topics were counted automatically; for finer or broader ones set "
            "`topics: n_topics:` in feeds.yaml (e.g. 30), then refit.",
            n_shown,
        )
    return t(
        "n_topics is {n_topics} in feeds.yaml; set it to auto, or another number, then refit.",
        n_topics=n_topics,
    )
