"""Campaigns: contests, promotions, events and launches found by their cues, grouped into
campaigns per brand, and the flag of a competitor's new campaign; and the export of the new
voice, partner and campaign tables."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from monitor import models
from monitor.analysis import flags as flag_table
from monitor.analysis.campaigns import (
    campaign_flags,
    campaign_kind,
    campaign_posts,
    campaign_sentences,
    generic_hashtags,
    group_campaigns,
)
from monitor.output.tables import EXPORTS, TABLES, snapshot_tables

OWN = "Lipa Mobil"
AS_OF = pd.Timestamp("2026-09-30 22:00", tz="UTC")
ZONE = "Europe/Ljubljana"


class Posts:
    """Posts added one by one: (brand, days before AS_OF, text, topic)."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(
        self, brand: str, days_before: float, text: str, topic: int | None = None, channel: str = "instagram"
    ) -> str:
        post_id = f"p{len(self.rows)}"
        self.rows.append(
            {
                models.POST_ID: post_id,
                models.BRAND: brand,
                models.CHANNEL: channel,
                models.PUBLISHED_AT: AS_OF - pd.Timedelta(days=days_before),
                models.TEXT: text,
                models.LANGUAGE: "sl",
                models.TOPIC_ID: topic,
            }
        )
        return post_id

    def frame(self, as_of: pd.Timestamp | None = None) -> pd.DataFrame:
        frame = models.posts_frame(self.rows)
        frame[models.TOPIC_ID] = pd.array([r[models.TOPIC_ID] for r in self.rows], dtype="Int64")
        frame[models.TOPIC_LABEL] = [
            None if t is None else f"tema {t}" for t in frame[models.TOPIC_ID].tolist()
        ]
        return frame if as_of is None else frame[frame[models.PUBLISHED_AT] <= as_of]


def campaigns_of(posts: Posts, as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    return group_campaigns(campaign_posts(posts.frame(as_of)))


def flags_of(posts: Posts, own: str | None = OWN, as_of: pd.Timestamp = AS_OF) -> pd.DataFrame:
    cued = campaign_posts(posts.frame(as_of))
    return campaign_flags(group_campaigns(cued), cued, own, as_of)


# --- campaign_kind ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "cue"),
    [
        ("Nagradna igra! Sodelujte in osvojite telefon.", "contest", "Nagradna igra"),
        ("Big giveaway this week", "contest", "giveaway"),
        ("Win a trip to Paris", "contest", "Win a"),
        ("Großes Gewinnspiel zum Jubiläum", "contest", "Gewinnspiel"),
        ("Jeu-concours : gagnez un vélo", "contest", "Jeu-concours"),
        ("20 % popust na vse dodatke", "promotion", "popust"),
        ("Vsi telefoni -20 % ta teden", "promotion", "-20 %"),
        ("Zdaj samo 9,99 € na mesec", "promotion", "samo 9,99 €"),
        ("Only $5 today", "promotion", "Only $5"),
        ("Les soldes commencent demain", "promotion", "soldes"),
        ("Pridružite se na webinarju o varnosti", "event", "webinarju"),
        ("Join our webinar on 5G", "event", "webinar"),
        ("Vabimo vas na dogodek v Ljubljani", "event", "Vabimo vas na"),
        ("Konferenca o 5G bo v četrtek", "event", "Konferenca"),
        ("Predstavljamo novi telefon", "launch", "Predstavljamo"),
        ("Introducing our new phone", "launch", "Introducing"),
        ("Nagradna igra in 20 % popust", "contest", "Nagradna igra"),  # several kinds: the first of KINDS
    ],
)
def test_campaign_kind(text, kind, cue):
    assert campaign_kind(text) == (kind, cue)


@pytest.mark.parametrize(
    "text",
    [
        "Zoom videokonference so postale del vsakdana",  # not a conference
        "Pomagamo ob večjih dogodkih",  # events talked about, no invitation
        "Paket stane 19,99 € na mesec",  # a price without a discount word
        "Winter is here",
        "Model X-20 % hitrejši",  # a product name, not a discount
        "Preberite več: https://lipa.example/giveaway-popust",  # cues inside a URL
        "",
    ],
)
def test_no_campaign_kind(text):
    assert campaign_kind(text) == (None, "")


# --- campaign_posts and generic_hashtags -----------------------------------------------------


def test_campaign_posts_keep_cued_dated_posts_with_their_hashtags():
    posts = Posts()
    posts.add("Kras Telekom", 5, "Nagradna igra #PoletnaIgra #Kras #KrasTelekom @nika.potuje")
    posts.add("Kras Telekom", 4, "Dober dan #PoletnaIgra")
    posts.add("Azur", 3, "Predstavljamo #Novo")
    frame = posts.frame()
    frame.loc[2, models.PUBLISHED_AT] = pd.NaT  # undated: on no calendar

    cued = campaign_posts(frame)
    assert cued[["post_id", "kind", "cue"]].values.tolist() == [["p0", "contest", "Nagradna igra"]]
    assert cued.loc[0, "hashtags"] == ["poletnaigra"]  # folded; the brand's own tags left out


def test_a_hashtag_used_in_six_weeks_is_generic_for_that_brand_only():
    posts = Posts()
    for week in range(6):
        posts.add("Kras Telekom", 7 * week + 1, "Dober dan #SkupajPovezani")
    for week in range(5):
        posts.add("Azur", 7 * week + 1, "Dober dan #skupajpovezani #Azurno")
    posts.add("Azur", 2, "Še enkrat #SKUPAJPOVEZANI")  # a second post in a week already counted

    assert generic_hashtags(posts.frame()) == {("Kras Telekom", "skupajpovezani")}


def test_a_generic_hashtag_does_not_chain_two_offers_into_one_campaign():
    posts = Posts()
    for week in range(8):
        posts.add("Kras Telekom", 7 * week + 30, "Dober dan #Skupaj")
    for days in (20, 18):
        posts.add("Kras Telekom", days, "Popust na telefone #Skupaj #Telefoni")
    for days in (14, 12):
        posts.add("Kras Telekom", days, "Popust na internet #Skupaj #Internet")

    assert campaigns_of(posts)[["name", "n_posts"]].values.tolist() == [["#Telefoni", 2], ["#Internet", 2]]


# --- group_campaigns -------------------------------------------------------------------------


def test_posts_sharing_a_campaign_hashtag_within_ten_days_are_one_campaign():
    posts = Posts()
    for days in (30, 26, 20):  # 4 and 6 days apart
        posts.add("Kras Telekom", days, "Nagradna igra! #PoletnaIgra")
    posts.add("Kras Telekom", 20, "Nagradna igra na facebooku #poletnaigra", channel="facebook")

    campaigns = campaigns_of(posts)
    assert len(campaigns) == 1
    c = campaigns.iloc[0]
    assert (c["brand"], c["kind"], c["name"], c["n_posts"]) == ("Kras Telekom", "contest", "#PoletnaIgra", 4)
    assert (c["start"], c["end"]) == (AS_OF - pd.Timedelta(days=30), AS_OF - pd.Timedelta(days=20))
    assert c["channels"] == "facebook, instagram"
    assert c["cues"] == "nagradna igra"
    assert c["campaign"] == "kras-telekom-20260831-contest"
    assert not c["always_on"]
    assert c["post_ids"] == ["p0", "p1", "p2", "p3"]


def test_a_gap_of_more_than_ten_days_splits_a_campaign_and_ten_days_does_not():
    posts = Posts()
    for days in (60, 50, 39, 35):  # 10 days, then 11, then 4
        posts.add("Kras Telekom", days, "Popust! #Jesen")

    campaigns = campaigns_of(posts)
    assert campaigns[["n_posts", "start"]].values.tolist() == [
        [2, AS_OF - pd.Timedelta(days=60)],
        [2, AS_OF - pd.Timedelta(days=39)],
    ]


def test_kinds_and_brands_make_separate_campaigns():
    posts = Posts()
    for days in (20, 18):
        posts.add("Kras Telekom", days, "Nagradna igra #Jesen")
        posts.add("Kras Telekom", days - 1, "Popust 10 % #Jesen")
        posts.add("Azur", days, "Popust 10 % #Jesen")

    campaigns = campaigns_of(posts)
    assert sorted(campaigns[["brand", "kind", "n_posts"]].values.tolist()) == [
        ["Azur", "promotion", 2],
        ["Kras Telekom", "contest", 2],
        ["Kras Telekom", "promotion", 2],
    ]


def test_one_cued_post_is_no_campaign_and_posts_without_tag_or_topic_are_not_joined():
    posts = Posts()
    posts.add("Kras Telekom", 20, "Nagradna igra #Jesen")
    posts.add("Azur", 20, "Popust na vse")
    posts.add("Azur", 18, "Popust na vse")  # no hashtag, no topic: nothing says it is the same offer

    assert campaigns_of(posts).empty


def test_without_a_shared_hashtag_posts_of_one_topic_are_one_campaign_named_by_the_topic():
    posts = Posts()
    posts.add("Azur", 20, "Popust na vse", topic=3)
    posts.add("Azur", 16, "Popust na vse, zadnji dnevi", topic=3)
    posts.add("Azur", 14, "Popust na slušalke", topic=4)

    campaigns = campaigns_of(posts)
    assert campaigns[["name", "n_posts", "post_ids"]].values.tolist() == [["tema 3", 2, ["p0", "p1"]]]


def test_a_campaign_longer_than_eight_weeks_is_always_on():
    # Joined by their topic: a hashtag used for 8 weeks would be generic, and join nothing.
    posts = Posts()
    for week in range(10):  # 9 weeks from first to last
        posts.add("Azur", 7 * week + 1, "Popust na vse!", topic=5)
    for week in range(9):  # exactly 8 weeks
        posts.add("Sever", 7 * week + 1, "Popust na vse!", topic=5)

    campaigns = campaigns_of(posts).set_index("brand")
    assert campaigns.loc["Azur", "always_on"]
    assert not campaigns.loc["Sever", "always_on"]


def test_a_campaign_hashtag_holding_the_brands_name_joins_its_posts():
    posts = Posts()
    for days in (12, 10, 8):
        posts.add("Kras Telekom", days, "Nagradna igra! Sodeluj in osvoji telefon. #KrasPoletje")

    assert campaigns_of(posts)[["name", "n_posts"]].values.tolist() == [["#KrasPoletje", 3]]


# --- campaign_flags --------------------------------------------------------------------------


def burst(
    posts: Posts, brand: str = "Kras Telekom", days=(12, 10, 8, 5, 2), tag: str = "#PoletnaAkcija"
) -> Posts:
    for d in days:
        posts.add(brand, d, f"Poletni popust 20 % {tag}")
    return posts


def test_a_competitors_new_burst_is_flagged_with_its_numbers():
    flags = flags_of(burst(Posts()))

    assert len(flags) == 1
    f = flags.iloc[0]
    assert (f["scope"], f["flag"], f["brand"]) == ("campaign", "campaign", "Kras Telekom")
    assert f["topic_label"] == "#PoletnaAkcija"
    assert f["subject"] == "kras-telekom-20260918-promotion"
    assert (f["window_count"], f["baseline_count"]) == (5, 0)
    assert f["window_start"] == pd.Timestamp("2026-09-18").date()
    assert f["baseline_start"] == pd.Timestamp("2026-07-24").date()  # 8 weeks before the start
    assert f["baseline_per_window"] == 0.25  # no posts before: the floor of a quarter post
    assert f["factor"] == 20.0
    at_least_five = 1 - math.exp(-0.25) * sum(0.25**k / math.factorial(k) for k in range(5))
    assert f["score"] == pytest.approx(-math.log10(at_least_five))
    assert f["score"] >= 3
    assert f["sample_post_ids"] == ["p0", "p1", "p2"]
    assert f["explanation"] == (
        "Kras Telekom started a promotion campaign, #PoletnaAkcija, on 2026-09-18: "
        "5 posts so far on instagram (popust)."
    )
    assert list(flags.columns) == [*flag_table.FLAG_COLUMNS, "subject"]


def test_a_silent_brands_first_campaign_is_flagged_from_three_posts():
    # At the floor of a quarter post, 3 posts have odds of 1 in ~450 (score 2.65 >= MIN_SCORE);
    # 2 posts are a campaign but below MIN_FLAG_POSTS.
    assert flags_of(burst(Posts(), days=(8, 5))).empty
    assert flags_of(burst(Posts(), days=(8, 5, 2)))["window_count"].tolist() == [3]


def test_our_own_burst_is_not_flagged_unless_we_are_someone_else():
    assert flags_of(burst(Posts(), brand=OWN)).empty
    assert flags_of(burst(Posts(), brand=OWN), own=None)["brand"].tolist() == [OWN]


def test_a_campaign_started_more_than_fourteen_days_ago_is_not_flagged():
    posts = burst(Posts(), days=(20, 17, 15, 12, 10))

    assert flags_of(posts).empty
    assert len(flags_of(posts, as_of=AS_OF - pd.Timedelta(days=8))) == 1


def test_an_always_on_campaign_is_not_flagged():
    posts = burst(Posts())
    cued = campaign_posts(posts.frame())
    campaigns = group_campaigns(cued)

    assert len(campaign_flags(campaigns, cued, OWN, AS_OF)) == 1
    assert campaign_flags(campaigns.assign(always_on=True), cued, OWN, AS_OF).empty


def test_a_rerun_of_a_campaign_of_the_same_name_is_not_flagged():
    posts = burst(Posts(), days=(45, 43))  # the same name ended 31 days before the rerun
    burst(posts)

    assert flags_of(posts).empty


def test_a_burst_as_usual_for_a_brand_that_always_advertises_is_not_flagged():
    posts = Posts()
    for k in range(52):  # two promotion posts a week, each its own offer
        posts.add("Kras Telekom", 20 + 3.5 * k, f"Popust 10 % #Ponudba{k}")
    burst(posts)

    assert flags_of(posts).empty
    # The same burst from a brand with no such history is flagged.
    assert flags_of(burst(Posts())).loc[:, "brand"].tolist() == ["Kras Telekom"]


def test_flat_market_one_promotion_every_five_days_gives_no_campaign_flag():
    months = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "avg", "sep", "okt", "nov", "dec"]
    posts = Posts()
    for k in range(74):  # a year of posts, 5 days apart, a hashtag per month's offer
        days = 5 * k + 1
        month = months[(AS_OF - pd.Timedelta(days=days)).month - 1]
        posts.add("Kras Telekom", days, f"Mesečni popust #{month}Akcija", topic=3)
    assert len(campaigns_of(posts)) >= 10  # about a campaign a month: each is a start

    for days_back in range(0, 70, 2):
        assert flags_of(posts, as_of=AS_OF - pd.Timedelta(days=days_back)).empty, days_back

    # A new contest in the same market is flagged: the test can fail.
    for d in (9, 7, 5, 3, 1):
        posts.add("Kras Telekom", d, "Nagradna igra! #VelikaIgra")
    assert flags_of(posts)["topic_label"].tolist() == ["#VelikaIgra"]


def test_flat_market_of_random_promotions_gives_no_campaign_flag():
    rng = np.random.default_rng(7)
    posts = Posts()
    for brand in ("Kras Telekom", "Azur", "Sever"):
        rate = rng.uniform(1, 3)  # promotion posts a week, each tagged with its month's offer
        for week in range(52):
            for _ in range(rng.poisson(rate)):
                days = 7 * week + rng.uniform(0, 7)
                posts.add(brand, days, f"Popust! #Akcija{(AS_OF - pd.Timedelta(days=days)).month}")
    starts = campaigns_of(posts)["start"]
    assert (starts > AS_OF - pd.Timedelta(weeks=10)).sum() >= 5  # campaigns do start: each is judged

    for week in range(10):
        as_of = AS_OF - pd.Timedelta(weeks=week)
        assert flags_of(posts, as_of=as_of).empty, f"{as_of:%Y-%m-%d}"


# --- campaign_sentences ----------------------------------------------------------------------


def test_campaign_sentences():
    posts = burst(Posts())
    burst(posts, brand="Kras Telekom", days=(80, 78), tag="#Pomlad")
    posts.add("Kras Telekom", 60, "Nagradna igra #Igra")
    posts.add("Kras Telekom", 58, "Nagradna igra #Igra")
    burst(posts, brand=OWN, days=(40, 38), tag="#Jesen")
    cued = campaign_posts(posts.frame())
    campaigns = group_campaigns(cued)
    flags = campaign_flags(campaigns, cued, OWN, AS_OF)

    assert campaign_sentences(campaigns, flags, OWN) == [
        "Kras Telekom started a promotion campaign, #PoletnaAkcija, on 2026-09-18: "
        "5 posts so far on instagram (popust).",
        "Kras Telekom ran the most campaigns: 3 (2 promotions, 1 contest).",
        "We ran 1.",
    ]
    assert campaign_sentences(campaigns.iloc[0:0], flags.iloc[0:0], OWN) == [
        "No contests, promotions, events or launches found in the filtered posts."
    ]


# --- the tables and the export ---------------------------------------------------------------

NEW_EXPORTS = {
    "voice": "voice",
    "voice_by_channel": "voice_channel",
    "partners": "partners",
    "partner_flags": "partner_flags",
    "campaigns": "campaigns",
    "campaign_flags": "campaign_flags",
}


def test_the_new_tables_are_registered_and_exported():
    for table in ("voice", "voice_channel", "mentions", "partners", "partner_flags", "campaign_posts",
                  "campaigns", "campaign_flags"):  # fmt: skip
        assert table in TABLES
    for name, table in NEW_EXPORTS.items():
        assert EXPORTS[name][0] == table


def export_frame() -> pd.DataFrame:
    posts = Posts()
    for week in range(12):
        posts.add("Kras Telekom", 7 * week + 20, "Dober dan iz ekipe.")
        posts.add(OWN, 7 * week + 20, "Preverite našo ponudbo! 😀 #Lipa")
    for d in (12, 10, 8, 5, 2):
        posts.add("Kras Telekom", d, "Nagradna igra! Sodeluj z @nika.potuje #PoletnaIgra", topic=1)
    frame = posts.frame()
    frame[models.TOPIC_SCORE] = 1.0
    frame[models.STORY_ID] = frame[models.POST_ID]
    frame[models.N_COPIES] = 1
    frame[models.N_FEEDS] = 1
    return frame


def test_snapshot_holds_the_new_tables_with_lists_joined():
    tables = snapshot_tables(
        export_frame(), pd.DataFrame(), ZONE, OWN, window_end=AS_OF, brand_names=(OWN, "Kras Telekom")
    )

    assert set(NEW_EXPORTS) <= set(tables)
    voice = tables["voice"]
    assert voice["brand"].tolist() == [OWN, "Kras Telekom"]  # ours first
    assert voice.set_index("brand").loc[OWN, "share_cta"] == 1.0
    assert list(tables["voice_by_channel"].columns[:2]) == ["brand", "channel"]
    assert tables["partners"][["brand", "account", "n_posts"]].values.tolist() == [
        ["Kras Telekom", "@nika.potuje", 5]
    ]

    campaigns = tables["campaigns"]
    assert campaigns[["brand", "name", "n_posts"]].values.tolist() == [["Kras Telekom", "#PoletnaIgra", 5]]
    assert campaigns.loc[0, "post_ids"] == "p24; p25; p26; p27; p28"  # a list as one cell

    flags = tables["campaign_flags"]
    assert "sample_post_ids" not in flags.columns
    assert flags[["brand", "subject", "window_count"]].values.tolist() == [
        ["Kras Telekom", "kras-telekom-20260918-contest", 5]
    ]
    partner_flags = tables["partner_flags"]
    assert "sample_post_ids" not in partner_flags.columns
    assert partner_flags[["brand", "subject", "window_count", "baseline_count"]].values.tolist() == [
        ["Kras Telekom", "@nika.potuje", 5, 0]
    ]
