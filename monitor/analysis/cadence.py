"""Pure: when and how often each brand posts, in the user's time zone.

Cadence counts publishing acts: a story posted on Facebook, Instagram and LinkedIn is three
posts of the calendar, but the same story twice on one channel of one brand (a feed and an
alert of it) is one. Undated posts (published_at NaT) have no place on a calendar and are
left out.
"""

from __future__ import annotations

import calendar

import pandas as pd

from monitor import models
from monitor.models import STORY_ID

WEEKDAY_NAMES = tuple(calendar.day_name)  # Monday first, as pandas' dt.day_of_week
HOUR_COLUMNS = [models.BRAND, "weekday", "weekday_name", "hour", "n_posts"]
# Period alias -> (column suffix, pandas period); months are calendar months.
PERIODS = {"D": ("day", "D"), "W": ("week", "W-SUN"), "M": ("month", "M")}


def dated_posts(frame: pd.DataFrame) -> pd.DataFrame:
    """Dated posts, one per (brand, channel, story)."""
    keys = [models.BRAND, models.CHANNEL, STORY_ID] if STORY_ID in frame else [models.POST_ID]
    return frame.iloc[models.first_in_time(frame, {k: frame[k].array for k in keys}, dated_only=True)]


def local_times(times: pd.Series, timezone: str) -> pd.Series:
    """UTC times as wall-clock times in `timezone` (DST included)."""
    return times.dt.tz_convert(timezone)


def weekday_hour_counts(frame: pd.DataFrame, timezone: str) -> pd.DataFrame:
    """Posts per brand, local weekday (0 = Monday) and hour: all 7 x 24 cells, zero-filled."""
    posts = dated_posts(frame)
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
    """Per brand and channel: posts per period over its active span, first/last post, median gap."""
    suffix, period = _period(freq)
    columns = [models.BRAND, models.CHANNEL, f"posts_per_{suffix}", "n_posts", f"n_{suffix}s",
               "first_post", "last_post", "median_gap_hours"]  # fmt: skip
    posts = dated_posts(frame)
    if posts.empty:
        return pd.DataFrame({c: [] for c in columns})
    rows = [
        _channel_row(brand, channel, group[models.PUBLISHED_AT], timezone, period)
        for (brand, channel), group in posts.groupby([models.BRAND, models.CHANNEL], sort=True)
    ]
    table = pd.DataFrame(rows, columns=[models.BRAND, models.CHANNEL, "rate", "n_posts", "n_periods",
                                        "first_post", "last_post", "median_gap_hours"])  # fmt: skip
    table.columns = columns
    return table


def _period(freq: str) -> tuple[str, str]:
    if freq not in PERIODS:
        raise ValueError(f"freq must be one of {', '.join(PERIODS)}, not {freq!r}")
    return PERIODS[freq]


def _channel_row(brand: str, channel: str, times: pd.Series, timezone: str, period: str) -> tuple:
    """One brand-channel's figures; the span counts whole local periods, first to last."""
    n_periods, _start, _end = active_span(times.min(), times.max(), timezone, period)
    gaps = times.diff().dropna().dt.total_seconds() / 3600
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
    """A brand_rates row in words: "8 a week over its 12 active weeks, 2019-01-07 to 2019-03-31"."""
    weeks = f"{rate['n_weeks']:,} active week{'' if rate['n_weeks'] == 1 else 's'}"
    span = f"{rate['span_start']:%Y-%m-%d} to {rate['span_end']:%Y-%m-%d}"
    return f"{per_week_text(rate['posts_per_week'])} a week over {whose} {weeks}, {span}"


def per_week_text(per_week: float) -> str:
    """A rate as pages show it: whole numbers from 10 up, one decimal below (0.4, not 0)."""
    return f"{per_week:,.0f}" if per_week >= 10 else f"{per_week:.1f}".removesuffix(".0")


def overall_rate(frequency: pd.DataFrame, timezone: str) -> pd.Series | None:
    """brand_rates of every brand together (the filtered posts' own span); None when no post is dated."""
    together = brand_rates(frequency.assign(**{models.BRAND: "all brands"}), timezone)
    return None if together.empty else together.iloc[0]
