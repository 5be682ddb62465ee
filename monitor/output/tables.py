"""Pure: one registry of every table the pages show, and the CSV snapshot made from the same
registry and the same filtered frame, so an export holds exactly the rows behind each view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from monitor import models
from monitor.analysis import (
    cadence,
    campaigns,
    differentiation,
    distinctive_terms,
    engagement,
    flags,
    partners,
    trends,
    voice,
)
from monitor.analysis.topic_summary import topic_summary
from monitor.output.csv_files import posts_for_export


@dataclass
class Inputs:
    """What the tables of one view are computed from. A page passes `stories` and `table`
    to reuse its caches; left out, each is computed here (and kept for this Inputs)."""

    frame: pd.DataFrame  # the filtered posts with topics
    timezone: str
    own_brand: str
    topics: pd.DataFrame | None = None  # the latest run's topics (for the topics table)
    freq: str = "W"  # "W" or "D": the time grain of volume tables
    window_end: pd.Timestamp | None = None  # where the flags' windows end (flags.window_end)
    term_index: distinctive_terms.TermIndex | None = None  # of every stored post, to skip tokenizing
    stories: Callable[[tuple], pd.DataFrame] | None = None  # trends.stories per `by`, cached
    table: Callable[[str], pd.DataFrame] | None = None  # another table of this view, cached
    brand_names: tuple[str, ...] = ()  # every brand of feeds.yaml, found by name in the posts (partners)
    every: pd.DataFrame | None = None  # all posts, the filter's ignored: what PER_POST tables read
    _made: dict = field(default_factory=dict, repr=False)

    def story_frame(self, by: tuple) -> pd.DataFrame:
        if self.stories is not None:
            return self.stories(by)
        if by not in self._made:
            self._made[by] = trends.stories(self.frame, by)
        return self._made[by]

    def per_post(self, read: Callable[[pd.DataFrame], pd.DataFrame]) -> pd.DataFrame:
        """`read` over every post (`every`, else the frame), then the frame's posts' rows: an
        event hashtag and a brand's themes are judged on all its posts, whatever the filter."""
        if self.every is None or self.every is self.frame:
            return read(self.frame)
        rows = read(self.every)
        return rows[rows[models.POST_ID].isin(self.frame[models.POST_ID])].reset_index(drop=True)

    def other(self, name: str) -> pd.DataFrame:
        if self.table is not None:
            return self.table(name)
        if name not in self._made:
            self._made[name] = TABLES[name](self)
        return self._made[name]


BRAND = (models.BRAND,)
BRAND_CHANNEL = (models.BRAND, models.CHANNEL)

# Name -> how the table is made. The pages ask for these names (app_pages/ui.derived), and
# `export` writes them under EXPORTS' file names.
TABLES: dict[str, Callable[[Inputs], pd.DataFrame]] = {
    "coverage": lambda i: differentiation.coverage_matrix(i.frame),
    "classes": lambda i: differentiation.classify_coverage(i.other("coverage"), i.own_brand),
    "terms": lambda i: distinctive_terms.distinctive_terms(i.frame, index=i.term_index),
    "similarity": lambda i: differentiation.brand_similarity(i.frame, i.other("coverage")),
    "map": lambda i: differentiation.brand_map(i.frame, i.other("coverage")),
    "weekday_hour": lambda i: cadence.weekday_hour_counts(i.frame, i.timezone),
    "frequency": lambda i: cadence.posting_frequency(i.frame, i.timezone),
    "date_only": lambda i: cadence.date_only_counts(i.frame),  # left out of hours and gaps (page note)
    "engagement_topic": lambda i: engagement.engagement_by(i.frame),
    "engagement_brand": lambda i: engagement.engagement_by(i.frame, by=BRAND),
    "topic_volume": lambda i: trends.topic_volume(i.frame, i.timezone, i.freq, by=None, story_frame=i.story_frame(())),
    "topic_brand_volume": lambda i: trends.topic_volume(i.frame, i.timezone, i.freq, story_frame=i.story_frame(BRAND)),
    "share_of_voice": lambda i: trends.share_of_voice(i.frame, i.timezone, i.freq, story_frame=i.story_frame(BRAND)),
    "brand_share": lambda i: trends.share_of_voice_total(i.other("share_of_voice")),
    "topic_share": lambda i: trends.with_share(i.other("topic_volume")),
    "topic_summary": lambda i: topic_summary(i.frame, i.topics, i.timezone),
    "flags": lambda i: flags.compute_flags(
        i.frame, i.timezone, as_of=i.window_end, story_frames={(): i.story_frame(()), BRAND: i.story_frame(BRAND)}
    ),
    "voice_posts": lambda i: i.per_post(voice.post_voice),  # one row per post: what the voice tables sum
    "voice": lambda i: voice.ours_first(voice.voice_table(i.other("voice_posts")), i.own_brand),
    "voice_channel": lambda i: voice.ours_first(voice.voice_table(i.other("voice_posts"), BRAND_CHANNEL), i.own_brand),
    "mentions": lambda i: i.per_post(
        lambda posts: partners.mention_rows(posts, i.brand_names or tuple(posts[models.BRAND].unique()))
    ),
    "partners": lambda i: partners.partner_table(i.other("mentions"), i.frame.groupby(models.BRAND).size()),
    "partner_flags": lambda i: partners.new_partner_flags(
        i.other("mentions"), i.own_brand, i.window_end, partners.brand_starts(i.frame)
    ),
    "campaign_posts": lambda i: i.per_post(campaigns.campaign_posts),
    "campaigns": lambda i: campaigns.group_campaigns(i.other("campaign_posts")),
    "campaign_flags": lambda i: campaigns.campaign_flags(
        i.other("campaigns"), i.other("campaign_posts"), i.own_brand, i.window_end
    ),
}  # fmt: skip
FLAG_TABLES = ("flags", "partner_flags", "campaign_flags")  # tables that need the windows' end
# One row per post (or per post and partner), each row from its post alone (and, for hashtags,
# the brand's use of them over all posts): the dashboard reads them once per data version over
# every post and takes the filtered posts' rows.
PER_POST = ("voice_posts", "mentions", "campaign_posts")

# CSV file name -> (table, columns left out). Weekly tables: export always counts by week.
EXPORTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "topics": ("topic_summary", ("weekly",)),
    "volume_topic_brand_week": ("topic_brand_volume", ()),
    "share_of_voice_week": ("share_of_voice", ()),
    "share_of_voice": ("brand_share", ()),
    "flags": ("flags", ("sample_post_ids",)),
    "weekday_hour": ("weekday_hour", ()),
    "posting_frequency": ("frequency", ()),
    "engagement_by_topic": ("engagement_topic", ()),
    "engagement_by_brand": ("engagement_brand", ()),
    "coverage": ("coverage", ()),
    "differentiation": ("classes", ()),
    "distinctive_terms": ("terms", ()),
    "voice": ("voice", ()),
    "voice_by_channel": ("voice_channel", ()),
    "partners": ("partners", ()),
    "partner_flags": ("partner_flags", ("sample_post_ids",)),
    "campaigns": ("campaigns", ()),
    "campaign_flags": ("campaign_flags", ("sample_post_ids",)),
}
NEEDS_OWN_BRAND = ("coverage", "differentiation")  # advice relative to us: only when we are in the view


def snapshot_tables(
    frame: pd.DataFrame,
    topics: pd.DataFrame,
    timezone: str,
    own_brand: str,
    term_index: distinctive_terms.TermIndex | None = None,
    window_end: pd.Timestamp | None = None,
    brand_names: tuple[str, ...] = (),
    every: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """File name -> table, for `python -m monitor export`: the posts and every table of
    EXPORTS, by week, from the same registry the pages use."""
    inputs = Inputs(
        frame, timezone, own_brand, topics, "W", window_end, term_index, brand_names=brand_names, every=every
    )
    tables = {"posts": posts_for_export(frame)}
    for name, (table, dropped) in EXPORTS.items():
        if name in NEEDS_OWN_BRAND and own_brand not in set(frame[models.BRAND]):
            continue
        tables[name] = inputs.other(table).drop(columns=list(dropped), errors="ignore")
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
