"""Pure: posts with topics -> tidy counts over time (topic volume, share of voice, topic share).

The unit counted is the story: near-duplicate copies share a `story_id`, so a story syndicated
by three brands counts once for each of those brands and once in a topic's total. Undated
posts are left out. Periods start on Monday (weeks) or at midnight (days) in the user's zone,
as naive local date-times, and empty periods are filled with 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from monitor import i18n, models
from monitor.analysis.volume import N_POSTS, local_week_start
from monitor.i18n import t
from monitor.models import N_COPIES, STORY_ID, TOPIC_ID, TOPIC_LABEL

PERIOD_START = "period_start"
SHARE = "share"
FREQUENCIES = ("W", "D")


def story_rows(
    frame: pd.DataFrame, by: Sequence[str] = (), columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """Dated posts with one row per story (per story and `by` values), at its first copy's time;
    columns: only these (and the story id), where the caller needs no post text."""
    # The wide frame is copied once (assign / sort / drop_duplicates / sort_index each copied
    # every column: ~60 % of flags), and only the columns the caller counts.
    story = _story_ids(frame).array
    first = models.first_in_time(frame, {STORY_ID: story, **{k: frame[k].array for k in by}}, dated_only=True)
    first = first[np.argsort(frame.index.to_numpy()[first], kind="stable")]  # index order
    source = frame if columns is None else models.only_columns(frame, columns)
    return source.iloc[first].assign(**{STORY_ID: story[first]})


# What every count here and every flag reads of a story row.
STORY_COLUMNS = (models.PUBLISHED_AT, models.POST_ID, N_COPIES, TOPIC_ID, models.BRAND)


def stories(frame: pd.DataFrame, by: Sequence[str] = ()) -> pd.DataFrame:
    """story_rows with STORY_COLUMNS: the one set of story rows per `by` that topic volume,
    share of voice and flags all count, so a page can compute it once per filter and pass
    it to each (`story_frame=`, `story_frames=`) instead of each finding the first copies
    again (~20 ms apiece at 40k posts)."""
    return story_rows(frame, by, columns=[*STORY_COLUMNS, *by])


def _story_ids(frame: pd.DataFrame) -> pd.Series:
    # A plain posts frame (no topics yet) has no stories: every post is its own story.
    if STORY_ID not in frame:
        return frame[models.POST_ID]
    if not frame[STORY_ID].hasnans:  # as posts_with_topics gives it: categorical codes kept
        return frame[STORY_ID]
    return frame[STORY_ID].astype(object).where(frame[STORY_ID].notna(), frame[models.POST_ID])


def period_starts(times: pd.Series, timezone: str, freq: str) -> pd.Series:
    """The local week (Monday) or day each time falls in, as a naive local date-time."""
    if freq == "W":
        return local_week_start(times, timezone)
    if freq == "D":
        return times.dt.tz_convert(timezone).dt.tz_localize(None).dt.normalize()
    raise ValueError(f"freq must be one of {FREQUENCIES}, not {freq!r}")


def topic_labels(frame: pd.DataFrame) -> pd.Series:
    """Label per topic id, as the frame shows it."""
    if TOPIC_ID not in frame or frame.empty:
        return pd.Series(dtype=object)
    # Every post of a topic carries its label: the first row of each id is enough, and only
    # those rows' labels are read (a groupby over the string labels took ~20 ms a call at 40k
    # posts; reading every label, ~5 ms).
    ids = frame[TOPIC_ID].to_numpy(dtype=float, na_value=np.nan)
    assigned = np.flatnonzero(~np.isnan(ids))
    unique_ids, first = np.unique(ids[assigned], return_index=True)
    labels = frame[TOPIC_LABEL].iloc[assigned[first]].to_numpy(dtype=object)
    return pd.Series(labels, index=unique_ids.astype(int))


def topic_volume(
    frame: pd.DataFrame,
    timezone: str,
    freq: str = "W",
    by: str | None = models.BRAND,
    story_frame: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Stories per period, topic and `by` value (or per topic only when by is None), long form.
    story_frame: stories(frame, [by] or []) when the caller has it already."""
    keys = [TOPIC_ID] if by is None else [TOPIC_ID, by]
    rows = (
        story_frame
        if story_frame is not None
        else story_rows(frame, [] if by is None else [by], columns=[models.PUBLISHED_AT, *keys])
    )
    counts = _filled_counts(rows, timezone, freq, keys)
    counts.insert(2, TOPIC_LABEL, _label_column(counts[TOPIC_ID], frame))
    return counts


def share_of_voice(
    frame: pd.DataFrame, timezone: str, freq: str = "W", story_frame: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Stories per period and brand, with each brand's share of the period's total.
    story_frame: stories(frame, [BRAND]) when the caller has it already."""
    rows = (
        story_frame
        if story_frame is not None
        else story_rows(frame, [models.BRAND], columns=[models.PUBLISHED_AT, models.BRAND])
    )
    counts = _filled_counts(rows, timezone, freq, [models.BRAND])
    return with_share(counts)


def share_of_voice_total(weekly: pd.DataFrame) -> pd.DataFrame:
    """Each brand's stories over the whole view and its share of them (rows of share_of_voice,
    summed), largest first: the report's and the export's one figure per brand."""
    totals = weekly.groupby(models.BRAND, as_index=False, observed=True)["n_posts"].sum()
    totals = totals.sort_values(["n_posts", models.BRAND], ascending=[False, True], ignore_index=True)
    return totals.assign(share=totals["n_posts"] / max(int(totals["n_posts"].sum()), 1))


def topic_share(frame: pd.DataFrame, timezone: str, freq: str = "W") -> pd.DataFrame:
    """Stories per period and topic (no topic as NA, labelled OTHER_LABEL), with each topic's
    share of the period."""
    return with_share(topic_volume(frame, timezone, freq, by=None))


def _filled_counts(stories: pd.DataFrame, timezone: str, freq: str, keys: list[str]) -> pd.DataFrame:
    """Counts per period and key combination, every observed combination in every period."""
    if stories.empty:
        period_starts(stories[models.PUBLISHED_AT], timezone, freq)  # still reject a bad freq
        return _empty_counts(stories, keys)
    periods = period_starts(stories[models.PUBLISHED_AT], timezone, freq).to_numpy()
    step = np.timedelta64(7 if freq == "W" else 1, "D")
    every = pd.date_range(periods.min(), periods.max(), freq=pd.Timedelta(step))
    # Counted on integer codes, missing values sorted last: cheaper than groupby + a cross
    # merge + a merge + a sort, on every Trends rerun.
    combined, _codes, _levels = models.combination_codes([stories[key] for key in keys], sort=True)
    period = (periods - every[0].to_datetime64()) // step
    combos, first, counts = models.counts_per_combination(combined, period, len(every))
    rows = np.tile(first, len(every))  # each combination's first story row, once per period
    full = {PERIOD_START: np.repeat(every.to_numpy(), len(combos))}
    full |= {key: stories[key].iloc[rows].reset_index(drop=True) for key in keys}
    return pd.DataFrame({**full, N_POSTS: counts.T.ravel().astype(int)})  # period-major rows


def _empty_counts(stories: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    columns = {PERIOD_START: pd.Series(dtype="datetime64[us]")}
    for key in keys:
        columns[key] = pd.Series(dtype="Int64" if key == TOPIC_ID else object)
    return pd.DataFrame({**columns, N_POSTS: pd.Series(dtype=int)})


def _label_column(topic_ids: pd.Series, frame: pd.DataFrame) -> pd.Series:
    labels = topic_labels(frame)
    # Vectorised map (a lambda per row cost ~0.3 s per 25k rows).
    ids = pd.Series(topic_ids, dtype="Int64")
    shown = ids.map(labels).astype(object)
    return models.labels_with_other(shown.where(shown.notna(), None), ids)


def other_sentence(volume: pd.DataFrame) -> str:
    """How many of the counted stories fit no topic, for a caption under a chart that draws
    topics only (topic_volume or topic_share rows); "" when every story has a topic."""
    n_other = int(volume.loc[volume[TOPIC_ID].isna(), N_POSTS].sum())
    n_all = int(volume[N_POSTS].sum())
    if not n_other:
        return ""
    return t(
        "{n_other} of {n_all} stories ({share}%) fit no topic: they are counted as {other}, "
        "not drawn as a topic.",
        n_other=i18n.number(n_other),
        n_all=i18n.number(n_all),
        share=i18n.number(100 * n_other / n_all),
        other=models.other_label(),
    )


def with_share(counts: pd.DataFrame) -> pd.DataFrame:
    """Counts per period (topic_volume by=None, or per brand) with each row's share of its period;
    topic_share of the same frame, from a topic volume already counted."""
    # An empty period has no voice to share: its shares are 0, not NaN, so charts stay clean.
    totals = counts.groupby(PERIOD_START)[N_POSTS].transform("sum")
    return counts.assign(**{SHARE: (counts[N_POSTS] / totals.where(totals > 0)).fillna(0.0).astype(float)})
