"""Trend frames and flags on small synthetic markets written inline."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from monitor import models
from monitor.analysis import flags as flags_module
from monitor.analysis import trends as trends_module
from monitor.analysis.flags import FLAG_COLUMNS, SCOPE_NAMES, SCOPES, FlagRules, compute_flags, headline_flags
from monitor.analysis.trends import (
    PERIOD_START,
    SHARE,
    other_sentence,
    share_of_voice,
    stories,
    topic_share,
    topic_volume,
)
from monitor.analysis.volume import N_POSTS, PostFilter, filter_posts
from monitor.models import N_COPIES, STORY_ID, TOPIC_ID, TOPIC_LABEL
from monitor.output.charts import topic_lines_chart

ZONE = "Europe/Ljubljana"
MONDAY = pd.Timestamp("2026-01-05 10:00", tz="UTC")  # a Monday, 11:00 local
LAST_SUNDAY = date(2026, 8, 2)  # the end of week 30 from MONDAY


def market(counts: dict[tuple[int, str], list[int]]) -> pd.DataFrame:
    """(topic, brand) -> posts per week from MONDAY on; posts spread over the week's days."""
    rows = []
    for (topic, brand), weekly in counts.items():
        for week, n in enumerate(weekly):
            for k in range(n):
                when = MONDAY + pd.Timedelta(weeks=week, days=k % 7, minutes=k)
                rows.append((f"{topic}-{brand}-{week}-{k}", brand, topic, when))
    return frame_of(rows)


def frame_of(rows: list[tuple], stories: dict[str, str] | None = None) -> pd.DataFrame:
    """(post_id, brand, topic or None, time or None) -> a posts-with-topics frame."""
    post_ids = [r[0] for r in rows]
    story = [(stories or {}).get(p, p) for p in post_ids]
    frame = pd.DataFrame(
        {
            models.POST_ID: post_ids,
            models.BRAND: [r[1] for r in rows],
            models.CHANNEL: "facebook",
            models.PUBLISHED_AT: pd.to_datetime(pd.Series([r[3] for r in rows], dtype=object), utc=True),
            models.LANGUAGE: "sl",
            TOPIC_ID: pd.array([r[2] for r in rows], dtype="Int64"),
            TOPIC_LABEL: [None if r[2] is None else f"topic {r[2]}" for r in rows],
            STORY_ID: story,
        }
    )
    frame[N_COPIES] = frame.groupby(STORY_ID)[models.POST_ID].transform("size")
    return frame


def only(flags: pd.DataFrame, scope: str) -> pd.DataFrame:
    return flags[flags["scope"] == scope].reset_index(drop=True)


def test_planted_rising_topic_is_flagged_with_its_numbers() -> None:
    frame = market({(1, "A"): [1] * 26 + [5] * 4, (2, "A"): [3] * 30})
    flags = only(compute_flags(frame, ZONE, as_of=LAST_SUNDAY), "topic")
    assert len(flags) == 1
    flag = flags.iloc[0]
    assert (flag["flag"], flag[TOPIC_ID], flag["topic_label"]) == ("rising", 1, "topic 1")
    assert (flag["window_count"], flag["baseline_count"]) == (20, 26)
    assert flag["baseline_per_window"] == pytest.approx(4.0)
    assert flag["factor"] == pytest.approx(5.0)
    assert flag["score"] >= 3
    # as_of a Sunday: the window is that week and the 3 before it, the baseline all 26 weeks before.
    assert (flag["window_start"], flag["window_end"]) == (date(2026, 7, 6), date(2026, 8, 2))
    assert (
        flag["explanation"]
        == "topic 1: 20 posts in the last 4 weeks vs 4 expected from the previous 26 weeks (5.0x)"
    )
    assert len(flag["sample_post_ids"]) == 3


def test_one_week_burst_is_flagged_spike_with_its_week() -> None:
    weekly = [2] * 30
    weekly[24] = 12  # the week of 2026-06-22, six weeks before the end
    frame = market({(1, "A"): weekly, (1, "B"): [2] * 30, (2, "A"): [3] * 30})
    flags = compute_flags(frame, ZONE)
    spikes = flags[(flags["flag"] == "spike") & (flags["scope"] == "topic_brand")]
    assert spikes[[TOPIC_ID, models.BRAND]].values.tolist() == [[1, "A"]]
    spike = spikes.iloc[0]
    assert (spike["window_start"], spike["window_end"]) == (date(2026, 6, 22), date(2026, 6, 28))
    assert (spike["window_count"], spike["baseline_per_window"]) == (12, 2.0)
    assert "12 posts in the week of 2026-06-22 vs a usual 2 per week (6.0x)" in spike["explanation"]
    assert set(flags["flag"]) == {"spike"}  # one week is a burst, not a rising trend


def test_headlines_leave_out_a_topic_flag_that_one_brand_tells_whole() -> None:
    weekly = [2] * 30
    weekly[24] = 12
    frame = market({(1, "A"): weekly, (2, "A"): [3] * 30, (2, "B"): [3] * 30})
    flags = compute_flags(frame, ZONE)
    is_spike_of_1 = (flags["flag"] == "spike") & (flags[TOPIC_ID] == 1)
    topic_flag = flags[is_spike_of_1 & (flags["scope"] == "topic")]["explanation"].tolist()
    brand_flag = flags[is_spike_of_1 & (flags["scope"] == "topic_brand")]["explanation"].tolist()
    assert len(topic_flag) == len(brand_flag) == 1  # A made all of topic 1's burst
    headlines = headline_flags(flags, n=len(flags))["explanation"].tolist()
    assert brand_flag[0] in headlines
    assert topic_flag[0] not in headlines


def test_headlines_keep_a_topic_flag_that_no_one_brand_tells_whole() -> None:
    week, month = date(2026, 6, 22), date(2026, 7, 6)
    rows = [  # scope, flag, topic, window start, posts in the window, sentence
        ("topic", "spike", 1, week, 11, "1: all of it from A"),
        ("topic_brand", "spike", 1, week, 11, "1 (A)"),
        ("topic", "rising", 2, month, 18, "2: B wrote 5 of 18"),
        ("topic_brand", "rising", 2, month, 5, "2 (B)"),
        ("topic", "new", 3, month, 7, "3: new"),
        ("topic_brand", "rising", 3, month, 7, "3 (C): another kind of flag"),
    ]
    flags = pd.DataFrame(
        rows, columns=["scope", "flag", TOPIC_ID, "window_start", "window_count", "explanation"]
    )
    assert headline_flags(flags, n=9)["explanation"].tolist() == [
        "1 (A)", "2: B wrote 5 of 18", "2 (B)", "3: new", "3 (C): another kind of flag",
    ]  # fmt: skip
    assert len(headline_flags(flags)) == 3


def test_every_scope_has_a_name_in_words() -> None:
    # The flags table shows SCOPE_NAMES; a scope without one would show an empty cell.
    assert set(SCOPE_NAMES) == set(SCOPES)
    assert all("_" not in name for name in SCOPE_NAMES.values())


def test_new_topic_is_flagged_new() -> None:
    frame = market({(1, "A"): [3] * 30, (2, "A"): [0] * 27 + [3, 3, 3]})
    flags = only(compute_flags(frame, ZONE, as_of=LAST_SUNDAY), "topic")
    assert flags[["flag", TOPIC_ID, "window_count", "baseline_count"]].values.tolist() == [["new", 2, 9, 0]]
    assert (
        flags.iloc[0]["explanation"]
        == "topic 2: new, 9 posts in the last 4 weeks and none in the previous 26 weeks"
    )


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_flat_poisson_market_flags_nothing(seed: int) -> None:
    rng = np.random.default_rng(seed)
    rates = np.exp(rng.uniform(np.log(0.5), np.log(10), size=(8, 3)))
    counts = {
        (t, b): rng.poisson(rates[t, i], size=40).tolist() for t in range(8) for i, b in enumerate("ABC")
    }
    assert compute_flags(market(counts), ZONE).empty


def test_sparse_series_from_one_to_three_posts_is_not_flagged() -> None:
    weekly = [1, 0, 0, 0] * 7 + [0, 0]  # 1 post every 4 weeks: 7 in the 26-week baseline
    weekly[27] = weekly[28] = weekly[29] = 1  # then 3 in the last 4 weeks: "+200%"
    frame = market({(1, "A"): weekly, (2, "A"): [3] * 30})
    assert compute_flags(frame, ZONE, as_of=LAST_SUNDAY).empty
    # The guards are what hold: without them the same series reads as a rise of 2.8x.
    loose = only(compute_flags(frame, ZONE, as_of=LAST_SUNDAY, min_window_count=1, min_score=0), "topic")
    rising = loose[loose["flag"] == "rising"]
    assert rising[["window_count", "baseline_count"]].values.tolist() == [[3, 7]]
    assert rising["factor"].tolist() == pytest.approx([3 / (7 * 28 / 182)])


def test_a_syndicated_story_counts_once_per_brand_and_once_in_the_topic() -> None:
    t = MONDAY
    rows = [("a", "A", 1, t), ("b", "B", 1, t), ("c", "C", 1, t), ("a2", "A", 1, t), ("d", "A", 1, t)]
    frame = frame_of(rows, stories={"b": "a", "c": "a", "a2": "a"})
    by_brand = topic_volume(frame, ZONE).set_index(models.BRAND)[N_POSTS].to_dict()
    assert by_brand == {"A": 2, "B": 1, "C": 1}
    assert topic_volume(frame, ZONE, by=None)[N_POSTS].tolist() == [2]
    assert topic_share(frame, ZONE)[N_POSTS].tolist() == [2]


def test_stories_without_a_topic_are_counted_as_other_and_never_drawn_as_a_topic() -> None:
    rows = [("a", "A", 1, MONDAY), ("b", "A", None, MONDAY), ("c", "B", None, MONDAY), ("d", "B", 2, MONDAY)]
    shares = topic_share(frame_of(rows), ZONE)
    other = shares[shares[TOPIC_ID].isna()].iloc[0]
    assert (other[TOPIC_LABEL], other[N_POSTS], other[SHARE]) == (models.OTHER_LABEL, 2, 0.5)
    assert other_sentence(shares).startswith(
        f"2 of 4 stories (50%) fit no topic: they are counted as {models.OTHER_LABEL}"
    )
    drawn = topic_lines_chart(shares, value="share").data
    assert drawn[TOPIC_ID].notna().all() and len(drawn) == 2
    assert other_sentence(shares[shares[TOPIC_ID].notna()]) == ""


def test_undated_posts_are_left_out() -> None:
    rows = [("a", "A", 1, MONDAY), ("b", "A", 1, None), ("c", "B", None, None)]
    frame = frame_of(rows)
    assert topic_volume(frame, ZONE)[[models.BRAND, N_POSTS]].values.tolist() == [["A", 1]]
    assert share_of_voice(frame, ZONE)[models.BRAND].tolist() == ["A"]
    assert compute_flags(frame, ZONE).empty


def test_share_of_voice_sums_to_one_in_each_period_with_posts() -> None:
    frame = market({(1, "A"): [3, 0, 1, 2], (2, "B"): [1, 0, 4, 0], (3, "C"): [0, 0, 2, 5]})
    shares = share_of_voice(frame, ZONE)
    assert len(shares) == 4 * 3  # every brand in every week, the empty week included
    totals = shares.groupby(PERIOD_START)[SHARE].sum()
    assert totals.tolist() == pytest.approx([1.0, 0.0, 1.0, 1.0])
    week_one = shares[shares[PERIOD_START] == shares[PERIOD_START].min()]
    assert week_one[SHARE].tolist() == pytest.approx([0.75, 0.25, 0.0])


def test_weeks_start_on_monday_local_time() -> None:
    # Sunday 23:30 UTC is already Monday in Ljubljana: the post belongs to the next week.
    frame = frame_of([("a", "A", 1, "2026-01-04T22:30:00Z"), ("b", "A", 1, "2026-01-04T23:30:00Z")])
    volume = topic_volume(frame, ZONE)
    assert volume[PERIOD_START].dt.strftime("%Y-%m-%d").tolist() == ["2025-12-29", "2026-01-05"]
    assert topic_volume(frame, ZONE, freq="D")[PERIOD_START].dt.day_name().tolist() == ["Sunday", "Monday"]


def test_empty_frame_gives_empty_frames_with_their_columns() -> None:
    frame = frame_of([])
    assert list(topic_volume(frame, ZONE).columns) == [
        PERIOD_START,
        TOPIC_ID,
        TOPIC_LABEL,
        models.BRAND,
        N_POSTS,
    ]
    assert list(share_of_voice(frame, ZONE).columns) == [PERIOD_START, models.BRAND, N_POSTS, SHARE]
    assert list(topic_share(frame, ZONE, "D").columns) == [
        PERIOD_START,
        TOPIC_ID,
        TOPIC_LABEL,
        N_POSTS,
        SHARE,
    ]
    assert list(compute_flags(frame, ZONE).columns) == list(FLAG_COLUMNS)


def test_counts_and_flags_from_shared_story_rows_equal_those_found_alone() -> None:
    # A rising topic, a syndicated story and an undated post: the shared rows must carry
    # everything each count and flag reads.
    frame = market({(1, "A"): [1] * 26 + [6] * 4, (1, "B"): [2] * 30, (2, "B"): [3] * 30})
    extra = frame_of(
        [("s-A", "A", 2, MONDAY + pd.Timedelta(weeks=29)), ("s-B", "B", 2, MONDAY + pd.Timedelta(weeks=29, hours=2)),
         ("undated", "A", 1, None)],
        stories={"s-A": "s", "s-B": "s"},
    )  # fmt: skip
    frame = pd.concat([frame, extra], ignore_index=True)
    alone, by_brand = stories(frame), stories(frame, (models.BRAND,))
    pd.testing.assert_frame_equal(
        topic_volume(frame, ZONE, by=None), topic_volume(frame, ZONE, by=None, story_frame=alone)
    )
    pd.testing.assert_frame_equal(topic_volume(frame, ZONE), topic_volume(frame, ZONE, story_frame=by_brand))
    pd.testing.assert_frame_equal(
        share_of_voice(frame, ZONE), share_of_voice(frame, ZONE, story_frame=by_brand)
    )
    flags = compute_flags(frame, ZONE, as_of=LAST_SUNDAY)
    shared = compute_flags(
        frame, ZONE, as_of=LAST_SUNDAY, story_frames={(): alone, (models.BRAND,): by_brand}
    )
    assert not flags.empty
    pd.testing.assert_frame_equal(flags, shared)
    assert len(by_brand) == len(alone) + 1  # the syndicated story: once per brand


def test_daily_counts_equal_a_groupby_of_the_same_rows_with_missing_keys_left_out() -> None:
    rng = np.random.default_rng(3)
    n = 2_000
    days = pd.date_range("2026-01-01", periods=60, freq="D", name="_day")
    rows = pd.DataFrame(
        {
            TOPIC_ID: pd.array(rng.choice([3, 1, 7, None], n), dtype="Int64"),
            models.BRAND: rng.choice(np.array(["Beta", "alpha", "Ćevap", None], dtype=object), n),
            "_day": days[rng.integers(0, len(days), n)],
        }
    )
    for keys in ((TOPIC_ID,), (models.BRAND,), (TOPIC_ID, models.BRAND)):
        got = flags_module._daily_counts(rows, keys, days)
        grouped = rows.groupby([rows[k].astype(object) for k in keys] + [rows["_day"]], sort=True).size()
        expected = grouped.unstack("_day", fill_value=0).reindex(columns=days, fill_value=0)
        pd.testing.assert_frame_equal(
            got, expected, check_names=False, check_index_type=False, check_column_type=False
        )
        assert list(got.index.names) == list(keys)


def test_spike_tests_of_all_weeks_at_once_equal_those_of_each_week_alone() -> None:
    # 30 weeks of history: the first recent weeks have fewer reference weeks than a full baseline.
    rng = np.random.default_rng(5)
    counts = rng.poisson(rng.uniform(0.2, 20, (40, 1)), (40, 30)).astype(float)
    counts[3, 27] += 40  # a burst among the full-reference weeks
    counts[4, 20] += 40  # and one among the short-reference weeks
    rules = FlagRules(spike_weeks=12)
    recent = range(30 - 12, 30)
    got = flags_module._spike_tests(counts, recent, rules)
    each = np.stack(
        [flags_module._spike_week(counts[:, j], counts[:, max(0, j - rules.baseline_weeks) : j], rules)
         for j in recent],
        axis=1,
    )  # fmt: skip
    assert got.shape == (40, 12, 5)
    np.testing.assert_allclose(got, each, rtol=1e-12)
    assert got[3, 27 - 18, 4] > 5 and got[4, 20 - 18, 4] > 5  # both bursts score high


def test_filled_counts_equal_a_groupby_and_merge_of_the_same_story_rows() -> None:
    # The reference is the plain pandas way; missing topics and brands are counted too.
    rng = np.random.default_rng(7)
    n = 1_500
    rows = pd.DataFrame(
        {
            models.PUBLISHED_AT: MONDAY + pd.to_timedelta(rng.integers(0, 90 * 24, n), unit="h"),
            TOPIC_ID: pd.array(rng.choice([4, 2, 9, None], n), dtype="Int64"),
            models.BRAND: rng.choice(np.array(["b", "a", "Č", None], dtype=object), n),
        }
    )
    for freq in ("W", "D"):
        for keys in ([TOPIC_ID], [models.BRAND], [TOPIC_ID, models.BRAND]):
            periods = trends_module.period_starts(rows[models.PUBLISHED_AT], ZONE, freq).rename(PERIOD_START)
            counts = rows.groupby([periods, *(rows[k] for k in keys)], dropna=False).size().rename(N_POSTS)
            every = pd.DataFrame(
                {
                    PERIOD_START: pd.date_range(
                        periods.min(), periods.max(), freq="7D" if freq == "W" else "1D"
                    )
                }
            )
            grid = every.merge(rows[keys].drop_duplicates(), how="cross")
            full = grid.merge(counts.reset_index(), on=[PERIOD_START, *keys], how="left")
            full[N_POSTS] = full[N_POSTS].fillna(0).astype(int)
            expected = full.sort_values([PERIOD_START, *keys], kind="stable").reset_index(drop=True)
            got = trends_module._filled_counts(rows, ZONE, freq, keys)
            pd.testing.assert_frame_equal(got, expected)
            assert got[N_POSTS].sum() == n


# --- where the windows end -----------------------------------------------------------------
RISE = {(1, "A"): [1] * 26 + [5] * 4, (2, "A"): [3] * 30}  # topic 1 rises in the last 4 weeks


def test_windows_end_at_the_last_fetch_so_a_stale_rise_is_not_flagged_as_now() -> None:
    frame = market(RISE)
    newest = frame[models.PUBLISHED_AT].max()
    assert "rising" in set(only(compute_flags(frame, ZONE), "topic")["flag"])  # newest post as the end
    # Fetched ten weeks after the last post: the rise is old news, the weeks since were quiet.
    end = flags_module.window_end(newest + pd.Timedelta(weeks=10), None, None, ZONE)
    assert end == newest + pd.Timedelta(weeks=10)
    assert "rising" not in set(only(compute_flags(frame, ZONE, as_of=end), "topic")["flag"])


def test_a_post_dated_after_the_fetch_does_not_move_the_windows() -> None:
    frame = market(RISE)
    fetch = frame[models.PUBLISHED_AT].max() + pd.Timedelta(hours=1)
    ahead = frame_of([("ahead", "A", 2, fetch + pd.Timedelta(days=300))])
    with_ahead = pd.concat([frame, ahead], ignore_index=True)
    end = flags_module.window_end(fetch, None, None, ZONE)
    flagged = only(compute_flags(with_ahead, ZONE, as_of=end), "topic")
    assert list(flagged["flag"]) == ["rising"] and flagged.iloc[0]["window_end"] == fetch.date()


def test_as_of_of_a_snapshot_wins_over_the_fetch_and_the_date_filter_caps_both() -> None:
    fetch = pd.Timestamp("2026-12-04 19:00", tz="UTC")
    as_of = date(2026, 11, 22)
    end = flags_module.window_end(fetch, as_of, None, ZONE)
    assert end.tz_convert(ZONE).date() == as_of and end.tz_convert(ZONE).hour == 23
    assert flags_module.window_end(fetch, as_of, date(2026, 10, 1), ZONE).tz_convert(ZONE).date() == date(
        2026, 10, 1
    )
    assert flags_module.window_end(fetch, None, date(2027, 1, 1), ZONE) == fetch  # a filter ahead: the fetch
    assert flags_module.window_end(None, None, None, ZONE) is None  # never fetched: the newest post


def test_the_page_says_where_windows_end_and_why() -> None:
    fetch = pd.Timestamp("2026-12-04 19:00", tz="UTC")
    sentence = flags_module.window_sentence
    assert sentence(fetch, None, None, fetch - pd.Timedelta(days=1), ZONE) == (
        "Windows end at the last fetch, 2026-12-04 20:00."
    )
    assert sentence(fetch, None, None, fetch - pd.Timedelta(days=12), ZONE) == (
        "Windows end at the last fetch, 2026-12-04 20:00. "
        "The newest post is 12 days older: those days count as quiet."
    )
    assert sentence(fetch, date(2026, 11, 22), None, None, ZONE) == (
        "Windows end on 2026-11-22, the `as_of` day of feeds.yaml."
    )
    assert sentence(fetch, None, date(2026, 6, 30), None, ZONE) == (
        "Windows end on 2026-06-30, the last day of the date filter."
    )
    assert sentence(None, None, None, None, ZONE).startswith("Windows end at the newest post")


# --- the edge of the data ------------------------------------------------------------------
# A brand whose feed starts 10 weeks before the window, posting 6 a week all along: the 16
# weeks before its first post are not "no posts", they are weeks we have no feed for.
LATE = {(1, "Old"): [3] * 30, (1, "Late"): [0] * 16 + [6] * 14}


def brand_flags(flags: pd.DataFrame, brand: str) -> pd.DataFrame:
    return flags[(flags[models.BRAND] == brand) & flags["scope"].isin(["brand", "topic_brand"])]


def test_a_brand_whose_data_starts_inside_the_baseline_is_not_flagged_for_its_start() -> None:
    flags = compute_flags(market(LATE), ZONE, as_of=LAST_SUNDAY)
    assert brand_flags(flags, "Late").empty, brand_flags(flags, "Late")["explanation"].tolist()
    assert flags.empty  # topic 1 grows by a third when Late starts: no trend either


def test_a_late_brand_that_really_rises_is_flagged_over_its_own_weeks() -> None:
    frame = market({**LATE, (2, "Riser"): [0] * 16 + [1] * 10 + [5] * 4})
    flagged = brand_flags(compute_flags(frame, ZONE, as_of=LAST_SUNDAY), "Riser")
    assert set(zip(flagged["scope"], flagged["flag"], strict=True)) == {
        ("brand", "rising"),
        ("topic_brand", "rising"),
    }
    rise = flagged[flagged["scope"] == "brand"].iloc[0]
    # The baseline is the 10 weeks since its first post (Monday 27 April), not 26 weeks with 16 empty.
    assert (rise["baseline_start"], rise["baseline_count"], rise["window_count"]) == (
        date(2026, 4, 27),
        10,
        20,
    )
    assert (
        rise["explanation"]
        == "Riser: 20 posts in the last 4 weeks vs 4 expected from the previous 10 weeks (5.0x)"
    )


def test_a_late_brand_with_a_burst_week_is_flagged_spike_against_its_own_weeks() -> None:
    frame = market({**LATE, (2, "Burst"): [0] * 16 + [2] * 13 + [12]})
    spikes = brand_flags(compute_flags(frame, ZONE, as_of=LAST_SUNDAY), "Burst")
    assert set(spikes["flag"]) == {"spike"} and set(spikes["window_start"]) == {date(2026, 7, 27)}
    assert set(spikes["baseline_start"]) == {date(2026, 4, 27)}  # its first post, not 26 weeks back
    assert set(spikes["baseline_per_window"]) == {2.0}


def test_a_brand_with_less_history_than_one_window_before_it_raises_no_flag() -> None:
    # A feed added 5 weeks ago with a busy last week: too little history to call it a trend.
    frame = market({(1, "Old"): [3] * 30, (1, "New"): [0] * 25 + [2, 2, 2, 2, 12]})
    assert brand_flags(compute_flags(frame, ZONE, as_of=LAST_SUNDAY), "New").empty


def test_a_date_filter_starts_the_baseline_at_the_filtered_posts_first_day() -> None:
    # The filter cuts the data 14 weeks before the end and Late starts 4 weeks later: neither
    # the weeks before the filter nor those before Late's first post count as empty.
    frame = market({(1, "Old"): [3] * 30, (1, "Late"): [0] * 20 + [6] * 10})
    cut = filter_posts(frame, PostFilter(start=date(2026, 4, 27)), ZONE)
    assert cut[models.PUBLISHED_AT].min().date() == date(2026, 4, 27)
    assert compute_flags(cut, ZONE, as_of=LAST_SUNDAY).empty
    rising = market({(1, "Old"): [3] * 26 + [9] * 4})
    flagged = compute_flags(
        filter_posts(rising, PostFilter(start=date(2026, 4, 27)), ZONE), ZONE, as_of=LAST_SUNDAY
    )
    assert set(flagged["flag"]) == {"rising"}
    assert set(flagged["baseline_start"]) == {date(2026, 4, 27)}
