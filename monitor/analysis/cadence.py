"""Pure: when and how often each brand posts, in the user's time zone.

Cadence counts publishing acts: a story posted on Facebook, Instagram and LinkedIn is three
posts of the calendar, but the same story twice on one channel of one brand (a feed and an
alert of it) is one. Undated posts (published_at NaT) have no place on a calendar and are
left out. Posts dated without a time of day (models.DATE_ONLY: a CSV export of dates, read as
midnight) count in posts a week, but not in hours of the day nor in the gaps between posts,
where they made "posts most on Friday at 00:00" and a median gap of 0 h.
"""

from __future__ import annotations

import calendar

import numpy as np
import pandas as pd

from monitor import i18n, models
from monitor.i18n import t, tn
from monitor.models import STORY_ID

WEEKDAY_NAMES = tuple(calendar.day_name)  # Monday first, as pandas' dt.day_of_week
HOUR_COLUMNS = [models.BRAND, "weekday", "weekday_name", "hour", "n_posts"]
DATE_ONLY_COLUMNS = [models.BRAND, models.CHANNEL, "n_posts"]
# Period alias -> (column suffix, pandas period); months are calendar months.
PERIODS = {"D": ("day", "D"), "W": ("week", "W-SUN"), "M": ("month", "M")}


def dated_posts(frame: pd.DataFrame) -> pd.DataFrame:
    """Dated posts, one per (brand, channel, story)."""
    keys = [models.BRAND, models.CHANNEL, STORY_ID] if STORY_ID in frame else [models.POST_ID]
    return frame.iloc[models.first_in_time(frame, {k: frame[k].array for k in keys}, dated_only=True)]


def timed_posts(frame: pd.DataFrame) -> pd.DataFrame:
    """dated_posts of the posts with a time of day: what hours and gaps are counted from.
    A story with a timed copy on a channel counts there at that copy's time."""
    untimed = _date_only(frame)
    return dated_posts(frame[~untimed] if untimed.any() else frame)


def date_only_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Per brand and channel, the dated posts (counted as cadence counts) that have no time
    of day: left out of weekday_hour_counts and the gaps of posting_frequency."""
    if not _date_only(frame).any():
        return pd.DataFrame({c: [] for c in DATE_ONLY_COLUMNS}).astype({"n_posts": "int64"})
    keys = [models.BRAND, models.CHANNEL]
    every = dated_posts(frame).groupby(keys).size()
    timed = timed_posts(frame).groupby(keys).size().reindex(every.index, fill_value=0)
    left_out = (every - timed).rename("n_posts")
    return left_out[left_out > 0].reset_index()[DATE_ONLY_COLUMNS]


def date_only_note(n_posts: int) -> str | None:
    """What the Cadence page says under its heatmap of the posts date_only_counts counts."""
    if n_posts <= 0:
        return None
    return tn(
        "{n} post has a date without a time of day; they are left out of the hour heatmap and the gaps "
        "between posts, but counted in posts a week.",
        "{n} posts have a date without a time of day; they are left out of the hour heatmap and the gaps "
        "between posts, but counted in posts a week.",
        n_posts,
    )


def _date_only(frame: pd.DataFrame) -> np.ndarray:
    if models.DATE_ONLY not in frame:  # a frame from before the column: every date has a time
        return np.zeros(len(frame), dtype=bool)
    return frame[models.DATE_ONLY].to_numpy(dtype=bool, na_value=False)


def local_times(times: pd.Series, timezone: str) -> pd.Series:
    """UTC times as wall-clock times in `timezone` (DST included)."""
    return times.dt.tz_convert(timezone)


def weekday_hour_counts(frame: pd.DataFrame, timezone: str) -> pd.DataFrame:
    """Posts per brand, local weekday (0 = Monday) and hour: all 7 x 24 cells, zero-filled.
    Only posts with a time of day count: a brand with none has no cells."""
    posts = timed_posts(frame)
    if posts.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64") for c in HOUR_COLUMNS}).astype(
            {models.BRAND: object, "weekday_name": object}
        )
    local = local_times(posts[models.PUBLISHED_AT], timezone)
    counts = posts.groupby(
        [posts[models.BRAND], local.dt.day_of_week.rename("weekday"), local.dt.hour.rename("hour")]
    ).size()
    brands = sorted(posts[models.BRAND].dropna().unique())
    full = pd.MultiIndex.from_product([brands, range(7), range(24)], names=[models.BRAND, "weekday", "hour"])
    cells = counts.reindex(full, fill_value=0).rename("n_posts").reset_index()
    cells["weekday_name"] = cells["weekday"].map(dict(enumerate(WEEKDAY_NAMES)))
    return cells[HOUR_COLUMNS]


def posting_frequency(frame: pd.DataFrame, timezone: str, freq: str = "W") -> pd.DataFrame:
    """Per brand and channel: posts per period over its active span, first/last post, median
    gap (between posts with a time of day only: NaN when fewer than two have one)."""
    suffix, period = _period(freq)
    columns = [models.BRAND, models.CHANNEL, f"posts_per_{suffix}", "n_posts", f"n_{suffix}s",
               "first_post", "last_post", "median_gap_hours"]  # fmt: skip
    posts = dated_posts(frame)
    if posts.empty:
        return pd.DataFrame({c: [] for c in columns})
    keys = [models.BRAND, models.CHANNEL]
    timed = (
        dict(iter(timed_posts(frame).groupby(keys)[models.PUBLISHED_AT])) if _date_only(frame).any() else None
    )
    rows = []
    for key, group in posts.groupby(keys, sort=True):
        times = group[models.PUBLISHED_AT]
        with_time = times if timed is None else timed.get(key, times.iloc[:0])
        rows.append(_channel_row(*key, times, with_time, timezone, period))
    table = pd.DataFrame(rows, columns=[models.BRAND, models.CHANNEL, "rate", "n_posts", "n_periods",
                                        "first_post", "last_post", "median_gap_hours"])  # fmt: skip
    table.columns = columns
    return table


def _period(freq: str) -> tuple[str, str]:
    if freq not in PERIODS:
        raise ValueError(f"freq must be one of {', '.join(PERIODS)}, not {freq!r}")
    return PERIODS[freq]


def _channel_row(
    brand: str, channel: str, times: pd.Series, with_time: pd.Series, timezone: str, period: str
) -> tuple:
    """One brand-channel's figures; the span counts whole local periods, first to last. Gaps
    are between the posts with a time of day (with_time, in time order)."""
    n_periods, _start, _end = active_span(times.min(), times.max(), timezone, period)
    gaps = with_time.diff().dropna().dt.total_seconds() / 3600
    median_gap = float(gaps.median()) if len(gaps) else float("nan")
    return (
        brand,
        channel,
        len(times) / n_periods,
        len(times),
        n_periods,
        times.min(),
        times.max(),
        median_gap,
    )


def active_span(first: pd.Timestamp, last: pd.Timestamp, timezone: str, period: str = "W-SUN") -> tuple:
    """Whole local periods from the one holding `first` to the one holding `last`: their
    number (at least 1), first day and last day. The one span every "a week" figure uses."""
    zone_first, zone_last = (pd.Timestamp(t).tz_convert(timezone).tz_localize(None) for t in (first, last))
    start, end = zone_first.to_period(period), zone_last.to_period(period)
    # Calendar periods, not days / 7: three posts in two days are not "10 a week".
    return (end - start).n + 1, start.start_time.date(), end.end_time.date()


BRAND_RATE_COLUMNS = [models.BRAND, "posts_per_week", "n_posts", "n_weeks", "span_start",
                      "span_end", "first_post", "last_post"]  # fmt: skip


def brand_rates(frequency: pd.DataFrame, timezone: str) -> pd.DataFrame:
    """Per brand, from posting_frequency's weekly rows: its posts over the weeks from its own
    first to its last post (active_span), most frequent first. One brand's rate therefore
    does not depend on when the filter or the other brands start, and Overview and Cadence
    say the same number."""
    if frequency.empty:
        return pd.DataFrame({c: [] for c in BRAND_RATE_COLUMNS})
    spans = frequency.groupby(models.BRAND, sort=True).agg(
        n_posts=("n_posts", "sum"), first_post=("first_post", "min"), last_post=("last_post", "max")
    )
    rows = []
    for brand, n_posts, first, last in spans.itertuples(name=None):
        n_weeks, first_day, last_day = active_span(first, last, timezone)
        rows.append((brand, n_posts / n_weeks, int(n_posts), n_weeks, first_day, last_day, first, last))
    table = pd.DataFrame(rows, columns=BRAND_RATE_COLUMNS)
    return table.sort_values("posts_per_week", ascending=False, kind="stable").reset_index(drop=True)


def rate_words(rate: pd.Series | dict, whose: str = "its") -> str:
    """A brand_rates row in words: "8 a week over its 12 active weeks, 2019-01-07 to 2019-03-31";
    whose: "its" (one brand's) or "their" (all brands together)."""
    fields = {
        "rate": per_week_text(rate["posts_per_week"]),
        "start": f"{rate['span_start']:%Y-%m-%d}",
        "end": f"{rate['span_end']:%Y-%m-%d}",
    }
    if whose == "their":
        return tn(
            "{rate} a week over their {n} active week, {start} to {end}",
            "{rate} a week over their {n} active weeks, {start} to {end}",
            int(rate["n_weeks"]),
            **fields,
        )
    return tn(
        "{rate} a week over its {n} active week, {start} to {end}",
        "{rate} a week over its {n} active weeks, {start} to {end}",
        int(rate["n_weeks"]),
        **fields,
    )


def per_week_text(per_week: float) -> str:
    """A rate as pages show it: whole numbers from 10 up, one decimal below (0.4, not 0), in the
    language's digits (rounded by Python first, as the English pages always rounded)."""
    if per_week >= 10:
        return i18n.number(float(f"{per_week:.0f}"))
    rounded = float(f"{per_week:.1f}")
    return i18n.number(rounded, 0 if rounded.is_integer() else 1)


def busiest_slot_sentence(brand: str, weekday: int, hour: int, timezone: str) -> str:
    """ "Alpcom posts most on Friday at 10:00 (Europe/Ljubljana)." (weekday 0 = Monday); one
    sentence per weekday, as languages that decline the day need."""
    fields = {"brand": brand, "time": f"{hour:02d}:00", "timezone": timezone}
    sentences = (
        lambda: t("{brand} posts most on Monday at {time} ({timezone}).", **fields),
        lambda: t("{brand} posts most on Tuesday at {time} ({timezone}).", **fields),
        lambda: t("{brand} posts most on Wednesday at {time} ({timezone}).", **fields),
        lambda: t("{brand} posts most on Thursday at {time} ({timezone}).", **fields),
        lambda: t("{brand} posts most on Friday at {time} ({timezone}).", **fields),
        lambda: t("{brand} posts most on Saturday at {time} ({timezone}).", **fields),
        lambda: t("{brand} posts most on Sunday at {time} ({timezone}).", **fields),
    )
    return sentences[int(weekday)]()


def overall_rate(frequency: pd.DataFrame, timezone: str) -> pd.Series | None:
    """brand_rates of every brand together (the filtered posts' own span); None when no post is dated."""
    together = brand_rates(frequency.assign(**{models.BRAND: "all brands"}), timezone)
    return None if together.empty else together.iloc[0]
