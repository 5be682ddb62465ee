"""The Post record and the column names of every frame, declared once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from monitor.i18n import t, tn

# Columns of the posts frame, in the order the store returns them.
POST_ID = "post_id"  # stable id: hash of feed id + guid (else link, else title+date); a renamed
# feed's posts keep the id they were first stored with (store: feed_aliases)
FEED_ID = "feed_id"  # slug of the feed's name in feeds.yaml
BRAND = "brand"
CHANNEL = "channel"
GUID = "guid"  # the source's own id for the post (guid, link, CSV post id)
URL = "url"
TITLE = "title"
TEXT = "text"  # plain text: HTML stripped, entities decoded, whitespace normalised
AUTHOR = "author"
PUBLISHED_AT = "published_at"  # timezone-aware UTC, NaT when the source has no date
# True when the source gave a day but no time of day: published_at is that day's midnight
# (the feed's zone), a place on the calendar but not an hour of posting.
DATE_ONLY = "date_only"
FETCHED_AT = "fetched_at"  # timezone-aware UTC, when this post was first stored
LANGUAGE = "language"  # ISO 639-1 code, or None when undetectable
LIKES = "likes"
COMMENTS = "comments"
SHARES = "shares"
VIEWS = "views"

# Columns that topics and stories add to the posts frame.
TOPIC_ID, TOPIC_LABEL, TOPIC_SCORE = "topic_id", "topic_label", "topic_score"
STORY_ID = "story_id"  # the first post of its story of near-duplicates
N_COPIES, N_FEEDS, N_CHANNELS, N_BRANDS = "n_copies", "n_feeds", "n_channels", "n_brands"

NO_TOPIC = -1  # a model's label for a text with no term left after preprocessing (only URLs, emoji...)
# How a person sees the posts with no topic (topic_id NA): one group, never a topic of its own.
# Stored and exported as this English text (topic_label cells, CSV); other_label() is its name
# in the page's language, for what a person reads.
OTHER_LABEL = "Other (fits no topic)"


def other_label() -> str:
    """OTHER_LABEL in the current language (the same English text in English)."""
    return t("Other (fits no topic)")


def shown_other(labels: pd.Series) -> pd.Series:
    """Topic labels for display: OTHER_LABEL cells in the current language, the rest as they are."""
    return labels.where(labels.ne(OTHER_LABEL), other_label())


ENGAGEMENT_COLUMNS = (LIKES, COMMENTS, SHARES, VIEWS)
POST_COLUMNS = (
    POST_ID,
    FEED_ID,
    BRAND,
    CHANNEL,
    GUID,
    URL,
    TITLE,
    TEXT,
    AUTHOR,
    PUBLISHED_AT,
    DATE_ONLY,
    FETCHED_AT,
    LANGUAGE,
    *ENGAGEMENT_COLUMNS,
)

# Fields a CSV feed may map to one of its columns (feeds.yaml `columns:`).
CSV_MAPPABLE_FIELDS = (TEXT, TITLE, "published", URL, AUTHOR, "post_id", *ENGAGEMENT_COLUMNS)

CHANNELS = (
    "blog",
    "newsroom",
    "news",
    "instagram",
    "facebook",
    "linkedin",
    "x",
    "youtube",
    "tiktok",
    "newsletter",
    "alerts",
    "podcast",
    "other",
)


_TEXT_COLUMNS = (
    POST_ID, FEED_ID, BRAND, CHANNEL, GUID, URL,
    TITLE, TEXT, AUTHOR, LANGUAGE,
)  # fmt: skip
_TIME_COLUMNS = (PUBLISHED_AT, FETCHED_AT)


def posts_frame(rows: Iterable[Mapping[str, Any]] | pd.DataFrame) -> pd.DataFrame:
    """A frame with exactly POST_COLUMNS: text as object, times as UTC, engagement as Int64,
    DATE_ONLY as bool (False where not given).

    Built column by column from plain arrays: a feed file gives ~100 rows, where pandas'
    per-column assign/where/astype calls cost more than the rows."""
    if isinstance(rows, pd.DataFrame):
        n = len(rows)
        given = {name: rows[name] for name in POST_COLUMNS if name in rows.columns}
    else:
        records = list(rows)
        n = len(records)
        keys = set().union(*records) if records else set()
        given = {name: [record.get(name) for record in records] for name in POST_COLUMNS if name in keys}
    index = pd.RangeIndex(n)
    columns = {}
    for name in POST_COLUMNS:
        values = given.get(name)
        if name in _TIME_COLUMNS:
            columns[name] = pd.Series(_utc_times(values, n), index=index)
        elif name in ENGAGEMENT_COLUMNS:
            columns[name] = pd.Series(_counts(values, n), index=index)
        elif name == DATE_ONLY:
            columns[name] = pd.Series(_flags(values, n), index=index)
        else:
            columns[name] = pd.Series(_texts(values, n), index=index, dtype=object)
    return pd.DataFrame(columns, index=index, copy=False)


def _texts(values: pd.Series | list[Any] | None, n: int) -> np.ndarray:
    """Objects, with None for every kind of missing value (NaN, NA, NaT)."""
    if values is None:
        return np.full(n, None, dtype=object)
    if isinstance(values, pd.Series):
        return values.to_numpy(dtype=object, na_value=None)
    array = np.empty(n, dtype=object)
    array[:] = values  # element-wise: a list of lists must not become a 2-D array
    array[pd.isna(array)] = None
    return array


def _utc_times(values: pd.Series | list[Any] | None, n: int) -> Any:
    if isinstance(values, pd.Series) and _is_utc(values.dtype):
        return values.array  # already what we want: skip the parse
    if values is None:  # what to_datetime makes of an all-missing column, 10x cheaper
        return pd.array(np.full(n, np.datetime64("NaT"), dtype="datetime64[s]")).tz_localize("UTC")
    if isinstance(values, list):
        values = pd.Series(values)
    return pd.to_datetime(values, utc=True, errors="coerce").array


def _is_utc(dtype: Any) -> bool:
    return isinstance(dtype, pd.DatetimeTZDtype) and str(dtype.tz) == "UTC"


def _flags(values: pd.Series | list[Any] | None, n: int) -> np.ndarray:
    """Booleans, False for every kind of missing value (a source that does not say)."""
    if values is None:
        return np.zeros(n, dtype=bool)
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    if series.dtype == bool:
        return series.to_numpy()
    return series.to_numpy(dtype=object, na_value=False).astype(bool)


def _counts(values: pd.Series | list[Any] | None, n: int) -> Any:
    if values is None:
        return pd.arrays.IntegerArray(np.zeros(n, dtype="int64"), np.ones(n, dtype=bool))
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    if series.dtype == "Int64":
        return series.array
    return pd.to_numeric(series, errors="coerce").round().astype("Int64").array


# Dates a post can really carry: feeds hold placeholders (0001-01-01, 9999-12-31) and typos
# (2206). Such a post is kept with the date it came with, but shown undated: outside every
# time chart, window and flag, where one of them stretched every axis to 2206, anchored the
# flags' windows there, and made week ranges from year 1 overflow.
EARLIEST_PLAUSIBLE = pd.Timestamp("1990-01-01", tz="UTC")
FUTURE_SLACK = pd.Timedelta(days=1)


def implausible_dates(published: pd.Series, now: datetime) -> pd.Series:
    """True where a date is before 1990 or more than a day after now."""
    latest = pd.Timestamp(now) + FUTURE_SLACK
    return published.notna() & ((published < EARLIEST_PLAUSIBLE) | (published > latest))


def with_plausible_dates(frame: pd.DataFrame, now: datetime) -> pd.DataFrame:
    """The posts with their implausible dates made missing (the store keeps the original)."""
    odd = implausible_dates(frame[PUBLISHED_AT], now)
    if not odd.any():
        return frame
    frame = frame.copy()
    frame[PUBLISHED_AT] = frame[PUBLISHED_AT].mask(odd)
    return frame


def odd_dates_note(n_posts: int) -> str:
    """What the Feeds page says of posts with implausible dates, and what to do."""
    return tn(
        "{n} post carries a date before 1990 or more than a day in the future (see 'Odd dates'). "
        "It is kept, but shown undated: left out of time charts, trend windows and flags. "
        "Fix the date at the source (the feed or export) and fetch again.",
        "{n} posts carry a date before 1990 or more than a day in the future (see 'Odd dates'). "
        "They are kept, but shown undated: left out of time charts, trend windows and flags. "
        "Fix the dates at the source (the feed or export) and fetch again.",
        n_posts,
    )


def undated_note(n_posts: int) -> str:
    """What the Feeds page and `status` say of posts whose source gave no date we could read."""
    return tn(
        "{n} post has no date we could read (see 'Undated'). They are kept and counted "
        "in Posts, but left out of date filters, time charts, trend windows and flags. Check the "
        "dates at the source (for a CSV export, its date column and date_format) and fetch again.",
        "{n} posts have no date we could read (see 'Undated'). They are kept and counted "
        "in Posts, but left out of date filters, time charts, trend windows and flags. Check the "
        "dates at the source (for a CSV export, its date column and date_format) and fetch again.",
        n_posts,
    )


def undated_left_out_note(n_posts: int, dates_filtered: bool) -> str:
    """Overview's line on the posts it cannot place in time: with a date range set (the
    sidebar's default) filter_posts leaves them out of every figure; without one they are
    counted but still missing from the time charts."""
    if dates_filtered:
        return tn(
            "{n} post has no usable date and is not in these figures: see Feeds.",
            "{n} posts have no usable date and are not in these figures: see Feeds.",
            n_posts,
        )
    return tn(
        "{n} post has no usable date: counted here, but not in the time charts. See Feeds.",
        "{n} posts have no usable date: counted here, but not in the time charts. See Feeds.",
        n_posts,
    )


def empty_posts() -> pd.DataFrame:
    """A posts frame with no rows."""
    return posts_frame([])


def post_texts(posts: pd.DataFrame) -> pd.Series:
    """Title and text as one string, without repeating a title the text already opens with:
    the one text of a post that stories, topics and distinctive terms all tokenize."""
    titles = posts[TITLE].fillna("").astype(str)
    texts = posts[TEXT].fillna("").astype(str)
    repeated = [bool(t) and body.startswith(t) for t, body in zip(titles, texts, strict=True)]
    joined = (titles + ". " + texts).where(titles.ne(""), texts)
    return joined.where(~pd.Series(repeated, index=posts.index), texts)


def first_in_time(frame: pd.DataFrame, keys: Mapping[str, Any], dated_only: bool) -> np.ndarray:
    """Positions of the earliest row of each key combination, in time order (undated rows
    last, or left out when dated_only). keys: column name -> values per row. Worked out on
    narrow arrays, so the caller copies the wide frame once (sort_values + drop_duplicates
    copied every column twice)."""
    times = frame[PUBLISHED_AT].to_numpy(dtype="datetime64[ns]")
    rows = np.flatnonzero(~np.isnat(times)) if dated_only else np.arange(len(frame))
    order = rows[np.argsort(times[rows], kind="stable")]  # NaT sorts last
    # Integer codes of the keys (missing values share one, as duplicated() treats them), not
    # a frame of the keys: pandas turned each object column into Arrow strings first. Coded
    # before ordering, so a categorical key (story_id) gives its codes without a hash table.
    columns = [v if hasattr(v, "dtype") else np.asarray(v, dtype=object) for v in keys.values()]
    combined, _codes, _levels = combination_codes(columns)
    _, first = np.unique(combined[order], return_index=True)
    return order[np.sort(first)]


def combination_codes(columns: Sequence[Any], sort: bool = False) -> tuple[np.ndarray, list, list]:
    """One integer per row for its combination of values, ordered like the values when sort
    (a missing value is one more value, after the others), with each column's codes and
    distinct values: counting and deduplicating on integers, not on tuples of strings."""
    codes, levels = [], []
    for values in columns:
        code, distinct = pd.factorize(values, sort=sort)
        codes.append(np.where(code < 0, len(distinct), code))
        levels.append(distinct)
    return np.ravel_multi_index(codes, [len(v) + 1 for v in levels]), codes, levels


def counts_per_combination(
    combined: np.ndarray, period: np.ndarray, n_periods: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows counted per combination (combination_codes) and period (0..n_periods-1): the
    distinct combinations in order, each one's first row, and combinations x periods counts."""
    combos, first, cell = np.unique(combined, return_index=True, return_inverse=True)
    counts = np.bincount(cell * n_periods + period, minlength=len(combos) * n_periods)
    return combos, first, counts.reshape(len(combos), n_periods)


def only_columns(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """frame narrowed to these columns (those it has, each once, in the given order), for
    callers that copy rows but count only a few columns."""
    return frame[[c for c in dict.fromkeys(columns) if c in frame]]


def labels_with_other(labels: pd.Series, topic_ids: pd.Series) -> pd.Series:
    """Topic labels with OTHER_LABEL where the topic id is missing (posts that fit no topic)."""
    return labels.astype(object).where(topic_ids.notna().to_numpy(), OTHER_LABEL)
