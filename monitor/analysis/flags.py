"""Pure: posts with topics -> trend flags (new, rising, spike), each with the numbers behind it.

Series are counted in stories (see monitor.analysis.trends) per topic, per brand and per topic x brand.
`rising` and `new` compare the last window (28 days) with the baseline before it (26 weeks);
`spike` compares each of the recent weeks with the weeks before it. Both look back no further
than a series' start: its brand's first post for brand scopes, the data's first post for topics.
Every flag needs a minimum count, a minimum factor and a minimum score, so a brand that posts a
handful of times a week does not raise flags on noise. The defaults were chosen by bench/quality/trend_flags.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
from scipy import stats

from monitor import i18n, models
from monitor.analysis.trends import story_rows, topic_labels
from monitor.i18n import t, tn
from monitor.models import N_COPIES, TOPIC_ID, TOPIC_LABEL

SCOPE, FLAG, SCORE, FACTOR = "scope", "flag", "score", "factor"
WINDOW_START, WINDOW_END, WINDOW_COUNT = "window_start", "window_end", "window_count"
BASELINE_START, BASELINE_END = "baseline_start", "baseline_end"
BASELINE_COUNT, BASELINE_PER_WINDOW = "baseline_count", "baseline_per_window"
SAMPLE_POST_IDS, EXPLANATION = "sample_post_ids", "explanation"
FLAG_COLUMNS = (
    SCOPE, TOPIC_ID, TOPIC_LABEL, models.BRAND, FLAG, WINDOW_START, WINDOW_END,
    WINDOW_COUNT, BASELINE_COUNT, BASELINE_PER_WINDOW, FACTOR, SCORE,
    SAMPLE_POST_IDS, EXPLANATION, BASELINE_START, BASELINE_END,
)  # fmt: skip
FLAG_ORDER = {"spike": 0, "new": 1, "rising": 2}
# Which story rows each scope counts, and the columns that name one of its series.
SCOPES = {
    "topic": ((), (TOPIC_ID,)),
    "brand": ((models.BRAND,), (models.BRAND,)),
    "topic_brand": ((models.BRAND,), (TOPIC_ID, models.BRAND)),
}


@dataclass(frozen=True)
class FlagRules:
    """The thresholds of compute_flags; see its keyword arguments."""

    rising_days: int = 28
    baseline_weeks: int = 26
    spike_weeks: int = 12
    min_window_count: int = 5
    min_factor: float = 2.0
    min_score: float = 3.5
    new_max_baseline: int = 1
    min_reference_weeks: int = 8
    # Expected counts below this are raised to it, so a factor over an empty baseline stays finite
    # and a series that is usually silent is judged against "half a post", not against zero.
    floor: float = 0.5


def method(rules: FlagRules | None = None) -> str:
    """How flags are found, in words, for the caption above the flags table."""
    rules = rules or FlagRules()
    return t(
        "A topic or brand is flagged rising when its posts in the last {weeks} weeks are at least "
        "{factor} times what its previous {baseline} weeks lead us to expect, new when it had (nearly) "
        "no posts before, and spiking when one of the last {spike_weeks} weeks is far above its usual "
        "weekly level. Each flag also needs at least {posts} posts and a score of at least {score}, "
        "that is, odds below 1 in {odds} of happening by chance at the usual rate, so a quiet series "
        "moving from 1 to 3 posts is never flagged.",
        weeks=i18n.number(rules.rising_days // 7),
        factor=_plain(rules.min_factor),
        baseline=i18n.number(rules.baseline_weeks),
        spike_weeks=i18n.number(rules.spike_weeks),
        posts=i18n.number(rules.min_window_count),
        score=_plain(rules.min_score),
        odds=i18n.number(round(10**rules.min_score)),
    )


@dataclass(frozen=True)
class _Series:
    """One scope's story rows and its series x local-day count matrix up to as_of."""

    scope: str
    keys: tuple[str, ...]
    stories: pd.DataFrame
    daily: pd.DataFrame
    last_day: date
    # Per series (daily's rows): the first local day it could have had posts. Days before it
    # are days we have no data for, not days with no posts.
    starts: pd.Series


def compute_flags(
    frame: pd.DataFrame,
    timezone: str,
    *,
    as_of: pd.Timestamp | datetime | date | None = None,
    rising_days: int = FlagRules.rising_days,
    baseline_weeks: int = FlagRules.baseline_weeks,
    spike_weeks: int = FlagRules.spike_weeks,
    min_window_count: int = FlagRules.min_window_count,
    min_factor: float = FlagRules.min_factor,
    min_score: float = FlagRules.min_score,
    new_max_baseline: int = FlagRules.new_max_baseline,
    story_frames: dict[tuple, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """One row per flag (new, rising, spike) with its window, baseline, factor, score and sentence.
    story_frames: trends.stories(frame, by) per `by` of SCOPES, when the caller has them."""
    rules = FlagRules(
        rising_days, baseline_weeks, spike_weeks, min_window_count, min_factor, min_score, new_max_baseline
    )
    end = _as_of(frame, timezone, as_of)
    if end is None:
        return empty_flags()
    labels = topic_labels(frame)
    rows = []
    days: dict[tuple, pd.DataFrame] = {}  # brand and topic x brand count the same story rows
    brand_starts: dict[tuple, pd.Series] = {}  # and start at the same first days
    for scope, (by, _keys) in SCOPES.items():
        if by not in days:
            given = (story_frames or {}).get(by)
            days[by] = _story_days(frame, by, timezone, end, given)
            if models.BRAND in by:
                brand_starts[by] = days[by].groupby(models.BRAND)["_day"].min()
        series = _series(days[by], scope, end, timezone, brand_starts.get(by))
        rows += _rising_rows(series, rules)
        rows += _spike_rows(series, rules)
    return _flag_frame(rows, labels)


def distinct_flags(flags: pd.DataFrame) -> pd.DataFrame:
    """Flags that each tell a different story: a topic's flag is left out when one brand's
    flag on that topic, of the same kind and window, holds every one of its posts (the demo
    led with "stanje storitev: 11 posts" and then the same 11 for Kras Telekom)."""
    by_brand = flags[flags[SCOPE] == "topic_brand"]
    keys = [FLAG, TOPIC_ID, WINDOW_START, WINDOW_COUNT]
    told_by_a_brand = set(by_brand[keys].itertuples(index=False, name=None))
    repeated = [
        scope == "topic" and key in told_by_a_brand
        for scope, key in zip(flags[SCOPE], flags[keys].itertuples(index=False, name=None), strict=True)
    ]
    return flags[~np.array(repeated, dtype=bool)]


def headline_flags(flags: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The n strongest flags, each a different story (distinct_flags)."""
    return distinct_flags(flags).head(n)


# How the tables name each scope (English; scope_names() in the current language).
SCOPE_NAMES = {"topic": "Topic", "brand": "Brand", "topic_brand": "Topic, one brand"}


def scope_names() -> dict[str, str]:
    """SCOPE_NAMES in the current language."""
    return {"topic": t("Topic"), "brand": t("Brand"), "topic_brand": t("Topic, one brand")}


def flag_word(flag: str) -> str:
    """A flag's kind (spike, rising, new) as the page shows it, in the current language."""
    return {"spike": t("spike"), "rising": t("rising"), "new": t("new")}.get(flag, flag)


def empty_flags() -> pd.DataFrame:
    """A flags frame with no rows."""
    return _flag_frame([], pd.Series(dtype=object))


def window_end(
    last_fetch: pd.Timestamp | None, as_of: date | None, until: date | None, timezone: str
) -> pd.Timestamp | None:
    """Where trend windows end: a snapshot's configured `as_of` day, else the last fetch, and
    never after the date filter's last day. A post dated ahead can then never move the windows,
    and feeds gone quiet show as quiet. None (nothing fetched, no as_of): the latest post."""
    ends = [pd.Timestamp(last_fetch)] if as_of is None and last_fetch is not None else []
    ends += [_day_end(day, timezone) for day in (as_of, until) if day is not None]
    return min(ends) if ends else None


def window_sentence(
    last_fetch: pd.Timestamp | None,
    as_of: date | None,
    until: date | None,
    latest_post: pd.Timestamp | None,
    timezone: str,
) -> str:
    """Where the windows end (window_end) and why, for the page: a quiet stretch after a stale
    export otherwise looks like a fall nobody can explain."""
    end = window_end(last_fetch, as_of, until, timezone)
    if end is None:
        return t("Windows end at the newest post: no feed has been fetched yet.")
    if until is not None and end == _day_end(until, timezone):
        where = t("Windows end on {day}, the last day of the date filter.", day=_day(until))
    elif as_of is not None:
        where = t("Windows end on {day}, the `as_of` day of feeds.yaml.", day=_day(as_of))
    else:
        where = t("Windows end at the last fetch, {time}.", time=_moment(end.tz_convert(timezone)))
    if latest_post is None or pd.isna(latest_post) or end - latest_post < pd.Timedelta(days=7):
        return where
    older = tn(
        "The newest post is {n} day older: that day counts as quiet.",
        "The newest post is {n} days older: those days count as quiet.",
        (end - latest_post).days,
    )
    return f"{where} {older}"


def _day(value: date) -> str:
    """A day in a sentence: as the tables show it (2026-06-22) in English, the language's own
    short form otherwise (22. 6. 2026)."""
    if i18n.language() == i18n.DEFAULT_LANGUAGE:
        return f"{value:%Y-%m-%d}"
    return i18n.short_day(value)


def _moment(value: pd.Timestamp) -> str:
    """A day and time of day in a sentence (see _day)."""
    return f"{_day(value)} {value:%H:%M}"


def _day_end(day: date, timezone: str) -> pd.Timestamp:
    return pd.Timestamp(day + timedelta(days=1)).tz_localize(timezone) - pd.Timedelta(microseconds=1)


def _as_of(
    frame: pd.DataFrame, timezone: str, as_of: pd.Timestamp | datetime | date | None
) -> pd.Timestamp | None:
    """The aware end of the data to judge: the latest post, or the user's as_of (a date = its local end)."""
    if as_of is None:
        latest = frame[models.PUBLISHED_AT].max() if len(frame) else pd.NaT
        return None if pd.isna(latest) else pd.Timestamp(latest)
    if isinstance(as_of, date) and not isinstance(as_of, datetime):
        return _day_end(as_of, timezone)
    stamp = pd.Timestamp(as_of)
    return stamp.tz_localize(timezone) if stamp.tzinfo is None else stamp


def _story_days(
    frame: pd.DataFrame, by: tuple, timezone: str, end: pd.Timestamp, given: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Story rows (one per story and `by` values) up to `end`, with their local day."""
    needed = [models.PUBLISHED_AT, models.POST_ID, N_COPIES, TOPIC_ID, *by]  # counts and sample ids only
    rows = given if given is not None else story_rows(frame, by, columns=needed)
    rows = rows[rows[models.PUBLISHED_AT] <= end]
    return rows.assign(
        _day=rows[models.PUBLISHED_AT].dt.tz_convert(timezone).dt.tz_localize(None).dt.normalize()
    )


def _series(
    rows: pd.DataFrame, scope: str, end: pd.Timestamp, timezone: str, brand_starts: pd.Series | None = None
) -> _Series:
    """A scope's stories (from _story_days) and their counts per series and local day;
    brand_starts: each brand's first day in rows, for the scopes per brand."""
    _by, keys = SCOPES[scope]
    last = end.tz_convert(timezone).tz_localize(None).normalize()
    first = rows["_day"].min() if len(rows) else last  # the data's first day, any topic
    topical = rows[rows[TOPIC_ID].notna()] if TOPIC_ID in keys else rows
    days = pd.date_range(first, last, freq="D", name="_day")
    daily = pd.DataFrame()
    if len(topical):
        daily = _daily_counts(topical, keys, days)
    return _Series(scope, keys, topical, daily, last.date(), _starts(daily, first, brand_starts))


def _starts(daily: pd.DataFrame, first: pd.Timestamp, brand_starts: pd.Series | None) -> pd.Series:
    """Where each series' history begins: its brand's first story (any topic) for brand
    scopes, the data's first day for topics. A feed added 10 weeks ago is then judged on those
    10 weeks, not on 26 weeks of which 16 were before it existed. (The rows are the filtered
    posts' stories, so a date filter's cut is a start too.)"""
    if brand_starts is None or models.BRAND not in daily.index.names:
        return pd.Series(first, index=daily.index)
    brands = daily.index.get_level_values(models.BRAND)
    return pd.Series(brand_starts.reindex(brands).to_numpy(), index=daily.index)


def _daily_counts(rows: pd.DataFrame, keys: tuple[str, ...], days: pd.DatetimeIndex) -> pd.DataFrame:
    """Stories per series (each seen combination of `keys`, sorted) and day, 0 where none."""
    # Integer codes and one bincount count the same cells as groupby + unstack + reindex did,
    # in half the time (profiled on one channel of 100k posts).
    combined, codes, levels = models.combination_codes([rows[k] for k in keys], sort=True)
    day = (rows["_day"].to_numpy() - days[0].to_datetime64()) // np.timedelta64(1, "D")
    # Rows with no missing key, in the day range.
    known = np.logical_and.reduce([c < len(v) for c, v in zip(codes, levels, strict=True)])
    known &= (day >= 0) & (day < len(days))
    series, _first, counts = models.counts_per_combination(combined[known], day[known], len(days))
    picked = np.unravel_index(series, [len(v) + 1 for v in levels])
    values = [np.asarray(v, dtype=object)[i] for v, i in zip(levels, picked, strict=True)]
    index = (
        pd.Index(values[0], dtype=object, name=keys[0])
        if len(keys) == 1
        else pd.MultiIndex.from_arrays(values, names=list(keys))
    )
    return pd.DataFrame(counts, index=index, columns=days)


def _rising_rows(series: _Series, rules: FlagRules) -> list[dict]:
    """Rows for series whose last window is far above their baseline ("new" if it was ~empty)."""
    if series.daily.empty:
        return []
    window_start = pd.Timestamp(series.last_day - timedelta(days=rules.rising_days - 1))
    baseline_start = series.starts.clip(lower=window_start - pd.Timedelta(weeks=rules.baseline_weeks))
    # Less history than one window cannot tell a trend from a feed that was just added.
    judged = (window_start - baseline_start).dt.days >= rules.rising_days
    if not judged.any():
        return []
    daily, baseline_start = series.daily[judged.to_numpy()], baseline_start[judged]
    numbers = _window_numbers(daily, window_start, baseline_start, rules)
    # A "new" brand would be a feed just added, not a trend.
    is_new = numbers[BASELINE_COUNT].le(rules.new_max_baseline) & (series.scope != "brand")
    keep = numbers[WINDOW_COUNT].ge(rules.min_window_count) & numbers[SCORE].ge(rules.min_score)
    keep &= is_new | numbers[FACTOR].ge(rules.min_factor)
    window = (window_start.date(), series.last_day)
    before = window_start.date() - timedelta(days=1)
    return [
        _row(series, key, "new" if is_new.iloc[i] else "rising",
             (*window, baseline_start.iloc[i].date(), before), tuple(numbers.iloc[i]))
        for i, key in enumerate(numbers.index) if keep.iloc[i]
    ]  # fmt: skip


def _window_numbers(
    daily: pd.DataFrame, window_start: pd.Timestamp, baseline_start: pd.Series, rules: FlagRules
) -> pd.DataFrame:
    """Per series: window count, baseline count, expected count in a window, factor, score;
    each series' baseline runs from its own start (baseline_start, per row of daily)."""
    # Counts between two days are differences of running totals: one cumsum for every series,
    # however their baselines start.
    running = np.concatenate([np.zeros((len(daily), 1)), daily.to_numpy().cumsum(axis=1)], axis=1)
    days = daily.columns  # midnights: compared as such, not as 700 date objects
    at_window = days.searchsorted(window_start)
    at_baseline = days.searchsorted(pd.DatetimeIndex(baseline_start))
    rows = np.arange(len(daily))
    window = pd.Series(running[:, -1] - running[:, at_window], index=daily.index)
    baseline = pd.Series(running[:, at_window] - running[rows, at_baseline], index=daily.index)
    baseline_days = (window_start - baseline_start).dt.days.to_numpy()
    expected = baseline * rules.rising_days / baseline_days
    score = rate_score(window, baseline, rules.rising_days / (rules.rising_days + baseline_days))
    factor = window / np.maximum(expected, rules.floor)
    columns = (WINDOW_COUNT, BASELINE_COUNT, BASELINE_PER_WINDOW, FACTOR, SCORE)
    return pd.DataFrame(dict(zip(columns, (window, baseline, expected, factor, score), strict=True)))


def rate_score(window: pd.Series, baseline: pd.Series, window_share: float | np.ndarray) -> pd.Series:
    """-log10 of the chance of at least this many of the posts falling in the window at a constant rate."""
    # Conditional test of two Poisson rates: given the total, the window's count is binomial with
    # the window's share of the time. Unlike a Poisson with the baseline rate taken as exact, it
    # knows that a short or sparse baseline is itself uncertain.
    p = stats.binom.sf(window - 1, window + baseline, window_share)
    return pd.Series(-np.log10(np.maximum(p, 1e-300)), index=window.index)


def _spike_rows(series: _Series, rules: FlagRules) -> list[dict]:
    """Rows for series with one recent week far above the weeks before it (the highest such week)."""
    if series.daily.empty:
        return []
    weeks = _weekly(series.daily)
    counts = weeks.to_numpy(dtype=float)
    # Each series' reference weeks begin at the week of its start (weeks before it are not
    # quiet weeks, we have no data for them); series that start together are judged together.
    start_mondays = series.starts - pd.to_timedelta(series.starts.dt.day_of_week, unit="D")
    first_week = weeks.columns.searchsorted(pd.DatetimeIndex(start_mondays))
    found = []
    for start in np.unique(first_week):
        members = np.flatnonzero(first_week == start)
        own = counts[members, start:]
        n_weeks = own.shape[1]
        recent = range(max(rules.min_reference_weeks, n_weeks - rules.spike_weeks), n_weeks)
        if not recent:
            continue
        # series x week x (count, reference total, level, factor, score), and which pass the guards
        tests = _spike_tests(own, recent, rules)
        passing = (tests[:, :, 0] >= rules.min_window_count) & (tests[:, :, 3] >= rules.min_factor)
        passing &= tests[:, :, 4] >= rules.min_score
        best = np.where(passing, tests[:, :, 4], -np.inf).argmax(axis=1)
        found += [
            (members[i], start + recent[best[i]], tuple(tests[i, best[i]]))
            for i in np.flatnonzero(passing.any(axis=1))
        ]
    return [
        _spike_row(series, weeks, position, week, numbers, rules)
        for position, week, numbers in sorted(found, key=lambda item: item[0])  # series order
    ]


def _spike_tests(counts: np.ndarray, recent: range, rules: FlagRules) -> np.ndarray:
    """series x recent week x (count, reference total, level, factor, score)."""
    # Weeks with a full reference are judged together (one median and one scipy call for all,
    # not one per week: the spike test in under half the time); the first weeks of a short
    # history have fewer reference weeks, so each is judged alone.
    full = [j for j in recent if j >= rules.baseline_weeks]
    short = [j for j in recent if j < rules.baseline_weeks]
    parts = [_spike_week(counts[:, j], counts[:, :j], rules)[:, None, :] for j in short]
    if full:
        windows = np.lib.stride_tricks.sliding_window_view(counts, rules.baseline_weeks, axis=1)
        reference = windows[:, full[0] - rules.baseline_weeks : full[-1] - rules.baseline_weeks + 1]
        parts.append(_spike_week(counts[:, full[0] : full[-1] + 1], reference, rules))
    return np.concatenate(parts, axis=1)


def _weekly(daily: pd.DataFrame) -> pd.DataFrame:
    """Series x week (Monday) counts from series x day counts (consecutive days)."""
    mondays = daily.columns - pd.to_timedelta(daily.columns.day_of_week, unit="D")
    starts = np.flatnonzero(np.r_[True, mondays[1:] != mondays[:-1]])
    weekly = np.add.reduceat(daily.to_numpy(), starts, axis=1)
    return pd.DataFrame(weekly, index=daily.index, columns=mondays[starts])


def _spike_week(counts: np.ndarray, reference: np.ndarray, rules: FlagRules) -> np.ndarray:
    """Per series (and week): the count, the reference weeks' total, usual level, factor and
    score; `reference` holds the weeks before it on its last axis."""
    level, variance = robust_level(reference)
    expected = np.maximum(level, rules.floor)
    score = burst_score(counts, expected, variance, rules.spike_weeks)
    return np.stack([counts, reference.sum(axis=-1), level, counts / expected, score], axis=-1)


def robust_level(weeks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Usual weekly count and its variance per series (weeks on the last axis), little moved
    by past bursts."""
    median = np.median(weeks, axis=-1, keepdims=True)
    spread = 1.4826 * np.median(np.abs(weeks - median), axis=-1, keepdims=True)
    # Mean and variance of the weeks capped at median + 3 spreads: past bursts cannot lift them,
    # and unlike the median and MAD they stay right for sparse series (the median of a series at
    # 0.6 or 1.4 a week is 0 or 1 alike; the MAD of Poisson(1) is 1.5 times its spread).
    cap = median + 3 * np.maximum(spread, np.sqrt(np.maximum(median, 1.0)))
    capped = np.minimum(weeks, cap)
    return capped.mean(axis=-1), capped.var(axis=-1, ddof=1)


def burst_score(counts: np.ndarray, level: np.ndarray, variance: np.ndarray, n_weeks: int) -> np.ndarray:
    """-log10 of the chance that any of n_weeks weeks is at least this high, given the usual level."""
    # Poisson around the usual level; where weeks vary more than Poisson (campaigns, seasons),
    # a negative binomial with that variance, so a restless series needs a bigger jump. Several
    # weeks are looked at, so the chance is that of any of them (else 12 weeks = 12 tries).
    variance = np.maximum(level, variance)
    over = variance > level * 1.0001
    n = np.where(over, level**2 / np.where(over, variance - level, 1.0), 1.0)
    p_nb = stats.nbinom.sf(counts - 1, n, np.where(over, level / variance, 0.5))
    p = np.where(over, p_nb, stats.poisson.sf(counts - 1, level))
    p_any = -np.expm1(n_weeks * np.log1p(-np.minimum(p, 1 - 1e-16)))
    return -np.log10(np.maximum(p_any, 1e-300))


def _spike_row(
    series: _Series, weeks: pd.DataFrame, position: int, j: int, numbers: tuple, rules: FlagRules
) -> dict:
    start = weeks.columns[j].date()
    end = min(start + timedelta(days=6), series.last_day)
    first_ref = max(
        weeks.columns[max(0, j - rules.baseline_weeks)].date(), series.starts.iloc[position].date()
    )
    span = (start, end, first_ref, start - timedelta(days=1))
    return _row(series, weeks.index[position], "spike", span, numbers)


def _row(series: _Series, key: object, flag: str, span: tuple, numbers: tuple) -> dict:
    """One flag's record; key names the series (a value, or a tuple for topic x brand)."""
    values = dict(zip(series.keys, key if isinstance(key, tuple) else (key,), strict=True))
    count, baseline, expected, factor, score = numbers
    return {
        SCOPE: series.scope,
        TOPIC_ID: values.get(TOPIC_ID),
        models.BRAND: values.get(models.BRAND),
        FLAG: flag,
        WINDOW_START: span[0],
        WINDOW_END: span[1],
        BASELINE_START: span[2],
        BASELINE_END: span[3],
        WINDOW_COUNT: int(count),
        BASELINE_COUNT: int(baseline),
        BASELINE_PER_WINDOW: float(expected),
        FACTOR: float(factor),
        SCORE: float(score),
        SAMPLE_POST_IDS: _samples(series, values, span[0], span[1]),
    }


def _samples(series: _Series, values: dict, start: date, end: date, n: int = 3) -> list[str]:
    """Up to n post ids of the series in the window, most copied first, then latest."""
    rows = series.stories
    # The window first (a few weeks of rows; not .dt.date: 17 ms a call), then the series'
    # values on those rows only, not brand names compared over every story row.
    rows = rows[rows["_day"].between(pd.Timestamp(start), pd.Timestamp(end)).to_numpy()]
    mask = np.ones(len(rows), dtype=bool)
    for column, value in values.items():
        mask &= (rows[column] == value).fillna(False).to_numpy(dtype=bool)
    picked = rows[mask]
    order = [c for c in ("n_copies", models.PUBLISHED_AT) if c in picked]
    return picked.sort_values(order, ascending=False).head(n)[models.POST_ID].tolist()


def _flag_frame(rows: list[dict], labels: pd.Series) -> pd.DataFrame:
    """Rows -> the flags frame: labels and sentences added, strongest flags first."""
    flags = pd.DataFrame(rows, columns=[c for c in FLAG_COLUMNS if c not in (TOPIC_LABEL, EXPLANATION)])
    flags[TOPIC_ID] = pd.array(flags[TOPIC_ID].tolist(), dtype="Int64")
    flags[models.BRAND] = pd.Series([None if pd.isna(b) else b for b in flags[models.BRAND]], dtype=object)
    flags[TOPIC_LABEL] = [None if pd.isna(t) else labels.get(int(t)) for t in flags[TOPIC_ID]]
    flags[EXPLANATION] = [explanation(row) for row in flags.to_dict("records")]
    flags = flags.sort_values([FLAG, SCORE], key=_rank, ascending=[True, False], kind="stable")
    return flags[list(FLAG_COLUMNS)].reset_index(drop=True)


def _rank(column: pd.Series) -> pd.Series:
    return column.map(FLAG_ORDER) if column.name == FLAG else column


def explanation(flag: dict) -> str:
    """One plain sentence with the flag's numbers, in the current language (the CLI's: English)."""
    count, fields = int(flag[WINDOW_COUNT]), {"subject": _subject(flag)}
    # Below the floor a factor only restates the floor (19 vs 0.1 is not "190x"): the counts say it.
    with_factor = flag[BASELINE_PER_WINDOW] >= FlagRules.floor
    if with_factor:
        fields["factor"] = i18n.number(flag[FACTOR], 1)
    if flag[FLAG] == "spike":
        fields |= {"day": _day(flag[WINDOW_START]), "usual": _number(flag[BASELINE_PER_WINDOW])}
        if with_factor:
            return tn(
                "{subject}: {n} post in the week of {day} vs a usual {usual} per week ({factor}x)",
                "{subject}: {n} posts in the week of {day} vs a usual {usual} per week ({factor}x)",
                count,
                **fields,
            )
        return tn(
            "{subject}: {n} post in the week of {day} vs a usual {usual} per week",
            "{subject}: {n} posts in the week of {day} vs a usual {usual} per week",
            count,
            **fields,
        )
    fields["window"] = _span_words((flag[WINDOW_END] - flag[WINDOW_START]).days + 1, last=True)
    fields["baseline"] = _span_words((flag[WINDOW_START] - flag[BASELINE_START]).days, last=False)
    if flag[FLAG] == "new":
        if flag[BASELINE_COUNT] == 0:
            return tn(
                "{subject}: new, {n} post in {window} and none in {baseline}",
                "{subject}: new, {n} posts in {window} and none in {baseline}",
                count,
                **fields,
            )
        before = tn("{n} post", "{n} posts", flag[BASELINE_COUNT])
        return tn(
            "{subject}: new, {n} post in {window} and {before} in {baseline}",
            "{subject}: new, {n} posts in {window} and {before} in {baseline}",
            count,
            before=before,
            **fields,
        )
    fields["expected"] = _number(flag[BASELINE_PER_WINDOW])
    if with_factor:
        return tn(
            "{subject}: {n} post in {window} vs {expected} expected from {baseline} ({factor}x)",
            "{subject}: {n} posts in {window} vs {expected} expected from {baseline} ({factor}x)",
            count,
            **fields,
        )
    return tn(
        "{subject}: {n} post in {window} vs {expected} expected from {baseline}",
        "{subject}: {n} posts in {window} vs {expected} expected from {baseline}",
        count,
        **fields,
    )


def _subject(flag: dict) -> str:
    label = flag.get(TOPIC_LABEL) or (None if pd.isna(flag[TOPIC_ID]) else t("topic {id}", id=flag[TOPIC_ID]))
    if flag[SCOPE] == "topic":
        return str(label)
    return str(flag[models.BRAND]) if flag[SCOPE] == "brand" else f"{label} ({flag[models.BRAND]})"


def _number(value: float) -> str:
    return i18n.number(value, 0 if float(value).is_integer() else 1)


def _plain(value: float) -> str:
    """A threshold as written: 2, 3.5, 2.25 (no trailing zeros)."""
    decimals = next((d for d in range(4) if round(value, d) == value), 4)
    return i18n.number(value, decimals)


def _span_words(days: int, last: bool) -> str:
    """'the last 4 weeks', 'the previous 30 days': where a flag's counts were made."""
    if days % 7 == 0:
        if last:
            return tn("the last week", "the last {n} weeks", days // 7)
        return tn("the previous week", "the previous {n} weeks", days // 7)
    if last:
        return tn("the last {n} day", "the last {n} days", days)
    return tn("the previous {n} day", "the previous {n} days", days)
