"""Tests for monitor.topics.stories: near-duplicate posts grouped into stories."""

from __future__ import annotations

import pandas as pd

from monitor.topics.stories import STORY_COLUMNS, find_stories

CORE = (
    "Slovenski operaterji so se povezali v skupno kampanjo Ne nasedaj, ki uporabnike opozarja na "
    "vse pogostejše telefonske in spletne prevare. Prevaranti se predstavljajo kot uslužbenci bank, "
    "operaterjev ali dostavnih služb ter od žrtev zahtevajo gesla, kode za preverjanje ali nakazila "
    "denarja. Noben operater po telefonu nikoli ne zahteva gesel ali kod PIN."
)
OTHER = (
    "Nova optična povezava v Kranju prinaša hitrost do enega gigabita za vsa gospodinjstva v naselju. "
    "Priklop je brezplačen do konca meseca, naročniki pa prvi mesec ne plačajo naročnine, montažo "
    "opravijo naši tehniki v enem dnevu in router je vključen v ceno paketa."
)
BOILERPLATE = (
    "Več informacij najdete na naši spletni strani. Vse cene vključujejo DDV. #LipaMobil #SkupajPovezani"
)


def posts(*rows: tuple[str, str, str, str, str | None]) -> pd.DataFrame:
    """A posts frame from (post_id, feed_id/brand, channel, text, published_at) rows."""
    return pd.DataFrame(
        {
            "post_id": [r[0] for r in rows],
            "feed_id": [f"{r[1]}-{r[2]}" for r in rows],
            "brand": [r[1] for r in rows],
            "channel": [r[2] for r in rows],
            "title": [None] * len(rows),
            "text": [r[3] for r in rows],
            "published_at": pd.to_datetime([r[4] for r in rows], utc=True),
        }
    )


def stories_of(frame: pd.DataFrame, **kwargs: float) -> dict[str, str]:
    """post_id -> story_id."""
    result = find_stories(frame, **kwargs)
    return dict(zip(result.post_id, result.story_id, strict=True))


def test_lightly_edited_copies_are_one_story() -> None:
    frame = posts(
        ("a", "lipa", "blog", f"Varnost je na prvem mestu. {CORE} Pridite na delavnico!", "2026-05-12 07:30"),
        ("b", "alpcom", "blog", f"Danes se je začela kampanja. {CORE} #varnost #Alpcom", "2026-05-12 09:05"),
        (
            "c",
            "kras",
            "facebook",
            f"Pozor, prevaranti ne počivajo! {CORE} Več na spletu.",
            "2026-05-13 06:45",
        ),
    )
    assert set(stories_of(frame).values()) == {"a"}


def test_different_stories_sharing_boilerplate_stay_apart() -> None:
    frame = posts(
        ("a", "lipa", "blog", f"{CORE} {BOILERPLATE}", "2026-05-12 07:30"),
        ("b", "lipa", "blog", f"{OTHER} {BOILERPLATE}", "2026-05-12 08:30"),
    )
    assert stories_of(frame) == {"a": "a", "b": "b"}


def test_copies_far_apart_in_time_are_separate_stories() -> None:
    frame = posts(
        ("a", "lipa", "blog", CORE, "2026-05-12 07:30"),
        ("b", "alpcom", "blog", CORE, "2026-06-12 07:30"),
    )
    assert stories_of(frame, window_days=2) == {"a": "a", "b": "b"}
    assert stories_of(frame, window_days=40) == {"a": "a", "b": "a"}


def test_short_posts_below_min_tokens_are_not_grouped() -> None:
    frame = posts(
        ("a", "lipa", "instagram", "Srečne praznike vsem!", "2026-12-24 10:00"),
        ("b", "alpcom", "instagram", "Srečne praznike vsem!", "2026-12-24 11:00"),
    )
    assert stories_of(frame, min_tokens=4) == {"a": "a", "b": "b"}
    assert stories_of(frame, min_tokens=0) == {"a": "a", "b": "a"}


def test_counts_distinct_feeds_channels_and_brands() -> None:
    frame = posts(
        ("a", "lipa", "blog", CORE, "2026-05-12 07:30"),
        ("b", "lipa", "facebook", CORE, "2026-05-12 08:00"),
        ("c", "kras", "facebook", CORE, "2026-05-12 09:00"),
        ("d", "kras", "linkedin", OTHER, "2026-05-12 09:00"),
    )
    result = find_stories(frame).set_index("post_id")
    assert result.loc["b", ["story_id", "n_copies", "n_feeds", "n_channels", "n_brands"]].tolist() == [
        "a", 3, 3, 2, 2,
    ]  # fmt: skip
    assert result.loc["d", ["story_id", "n_copies", "n_feeds", "n_channels", "n_brands"]].tolist() == [
        "d", 1, 1, 1, 1,
    ]  # fmt: skip


def test_story_id_is_the_earliest_post_whatever_the_input_order() -> None:
    frame = posts(
        ("late", "lipa", "blog", CORE, "2026-05-13 07:30"),
        ("early", "kras", "blog", CORE, "2026-05-12 07:30"),
    )
    assert stories_of(frame) == {"late": "early", "early": "early"}


def test_deterministic_across_runs_and_row_order() -> None:
    frame = posts(
        ("a", "lipa", "blog", CORE, "2026-05-12 07:30"),
        ("b", "kras", "blog", CORE, "2026-05-12 07:30"),
        ("c", "modri", "blog", OTHER, "2026-05-12 07:30"),
    )
    first = find_stories(frame)
    pd.testing.assert_frame_equal(first, find_stories(frame))
    assert stories_of(frame.iloc[::-1]) == dict(zip(first.post_id, first.story_id, strict=True))


def test_empty_frame_gives_empty_result_with_columns() -> None:
    result = find_stories(posts())
    assert result.empty
    assert tuple(result.columns) == STORY_COLUMNS


def test_undated_posts_are_stories_of_their_own() -> None:
    frame = posts(
        ("a", "lipa", "blog", CORE, None),
        ("b", "lipa", "blog", CORE, None),
        ("c", "kras", "blog", CORE, "2026-05-12 07:30"),
    )
    assert stories_of(frame) == {"a": "a", "b": "b", "c": "c"}
