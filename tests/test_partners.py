"""Whom brands work with: @mentions, other brands of feeds.yaml named in posts, event hashtags;
the partner tables; the "new partner" flag; and the alert keys that keep such flags apart."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from monitor import models
from monitor.analysis import flags as flag_table
from monitor.analysis.partners import (
    brand_starts,
    mention_rows,
    new_partner_flags,
    own_handle,
    partner_sentences,
    partner_summary,
    partner_table,
)
from monitor.config.settings import AlertSettings
from monitor.output.alerts import flag_key, flag_records, record_and_deliver

OWN = "Lipa Mobil"
BRANDS = ("Lipa Mobil", "Kras Telekom", "Modri Val")
AS_OF = pd.Timestamp("2026-09-30 22:00", tz="UTC")


class Posts:
    """Posts added one by one: (brand, days before AS_OF, text, author)."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, brand: str, days_before: float, text: str, author: str | None = None) -> str:
        post_id = f"p{len(self.rows)}"
        self.rows.append(
            {
                models.POST_ID: post_id,
                models.BRAND: brand,
                models.CHANNEL: "instagram",
                models.PUBLISHED_AT: AS_OF - pd.Timedelta(days=days_before),
                models.TEXT: text,
                models.AUTHOR: author,
                models.LANGUAGE: "sl",
            }
        )
        return post_id

    def history(self, brand: str, weeks: int) -> None:
        """One post a week naming nobody, from `weeks` weeks before AS_OF."""
        for week in range(weeks):
            self.add(brand, 7 * week + 3, "Dober dan iz naše ekipe.")

    def frame(self) -> pd.DataFrame:
        return models.posts_frame(self.rows)


def flags_of(posts: Posts, own: str | None = OWN, as_of: pd.Timestamp = AS_OF) -> pd.DataFrame:
    frame = posts.frame()
    frame = frame[frame[models.PUBLISHED_AT] <= as_of]
    return new_partner_flags(mention_rows(frame, BRANDS), own, as_of, brand_starts(frame))


def found(rows: pd.DataFrame) -> list[tuple[str, str, str, str]]:
    return list(rows[["post_id", "account", "account_key", "kind"]].itertuples(index=False, name=None))


# --- mention_rows ----------------------------------------------------------------------------


def test_mentions_and_other_brands_named_are_partners_but_not_the_brands_own_name():
    posts = Posts()
    posts.add(
        "Kras Telekom", 5, "Hvala @nika.potuje in @Smart_Ninja! Lipa Mobil tega nima, Kras Telekom ima."
    )

    assert found(mention_rows(posts.frame(), BRANDS)) == [
        ("p0", "@nika.potuje", "nika.potuje", "mention"),
        ("p0", "@Smart_Ninja", "smart_ninja", "mention"),
        ("p0", "Lipa Mobil", "brand:lipa mobil", "brand"),
    ]


def test_a_brand_name_is_found_as_a_whole_word_only():
    posts = Posts()
    posts.add("Kras Telekom", 5, "Lipa Mobilna ponudba in modri valovi.")

    assert mention_rows(posts.frame(), BRANDS).empty


def test_event_hashtags_are_kept_and_plain_hashtags_dropped():
    posts = Posts()
    posts.add("Kras Telekom", 50, "Na #WebSummit2026 in #FestivalJezero, #poletje #ponudba")
    posts.add("Kras Telekom", 40, "Spet #poletje")  # one brand, twice: still a plain hashtag

    assert found(mention_rows(posts.frame(), BRANDS)) == [
        ("p0", "#WebSummit2026", "#websummit2026", "event"),
        ("p0", "#FestivalJezero", "#festivaljezero", "event"),
    ]


def test_a_hashtag_two_brands_use_within_30_days_is_an_event():
    posts = Posts()
    posts.add("Kras Telekom", 60, "Vidimo se na #SkupajZaJezero")
    posts.add("Modri Val", 40, "Tudi mi smo na #skupajzajezero")  # 20 days later, other spelling
    posts.add("Kras Telekom", 60, "#Ponudba")
    posts.add("Modri Val", 20, "#ponudba")  # 40 days apart: not one event

    assert found(mention_rows(posts.frame(), BRANDS)) == [
        ("p0", "#SkupajZaJezero", "#skupajzajezero", "event"),
        ("p1", "#skupajzajezero", "#skupajzajezero", "event"),
    ]


def test_a_brands_own_handles_are_not_its_partners():
    posts = Posts()
    posts.add(
        OWN,
        5,
        "@lipamobil @Lipa_Mobil_SI @lipa_pomoc @ekipa_lp @nika.potuje #LipaMobil #Lipa2026",
        "ekipa_lp",
    )
    posts.add("Kras Telekom", 5, "Hvala @lipamobil in @azur_si")  # other brands' handles are partners

    assert found(mention_rows(posts.frame(), BRANDS)) == [
        ("p0", "@nika.potuje", "nika.potuje", "mention"),
        ("p1", "@azur_si", "azur_si", "mention"),
        ("p1", "Lipa Mobil", "brand:lipa mobil", "brand"),  # a brand of feeds.yaml: one partner, not two
    ]
    # Without the brands of feeds.yaml the handle stays an account.
    assert ("p1", "@lipamobil", "lipamobil", "mention") in found(mention_rows(posts.frame()))


@pytest.mark.parametrize(
    ("handle", "brand", "authors", "expected"),
    [
        ("lipa_mobil_si", "Lipa Mobil", frozenset(), True),  # holds the folded name
        ("LipaMobil", "Lipa Mobil", frozenset(), True),
        ("lipa_official", "Lipa Mobil", frozenset(), True),  # first word, more than 3 letters
        ("azur", "Azur d.o.o.", frozenset(), True),
        ("val_official", "Val Net", frozenset(), False),  # a first word of 3 letters is not enough
        ("val_official", "Val", frozenset(), True),  # ... but the whole name is
        ("ekipa_lp", "Lipa Mobil", frozenset({"ekipalp"}), True),  # the posts' author
        ("nika.potuje", "Lipa Mobil", frozenset({"ekipalp"}), False),
    ],
)
def test_own_handle(handle, brand, authors, expected):
    assert own_handle(handle, brand, authors) is expected


# --- partner_table and partner_summary -------------------------------------------------------


def partner_posts() -> Posts:
    posts = Posts()
    posts.add("Kras Telekom", 30, "Z @nika.potuje na izletu")
    posts.add("Kras Telekom", 20, "Spet z @Nika.Potuje")
    posts.add("Kras Telekom", 10, "Zadnjič z @nika.potuje, hvala @smart_ninja")
    posts.add("Kras Telekom", 5, "Dober dan.")
    posts.add("Modri Val", 12, "Hvala @nika.potuje")
    posts.add(OWN, 8, "Vabljeni! @kino_siska")
    return posts


def test_partner_table_counts_posts_per_brand_and_partner():
    frame = partner_posts().frame()
    rows = mention_rows(frame, BRANDS)
    table = partner_table(rows, frame.groupby(models.BRAND).size())

    assert table[["brand", "account", "n_posts", "n_brands", "shared", "named_by"]].values.tolist() == [
        ["Kras Telekom", "@nika.potuje", 3, 2, True, "Kras Telekom, Modri Val"],
        ["Modri Val", "@nika.potuje", 1, 2, True, "Kras Telekom, Modri Val"],
        ["Kras Telekom", "@smart_ninja", 1, 1, False, "Kras Telekom"],
        [OWN, "@kino_siska", 1, 1, False, OWN],
    ]
    kras = table.iloc[0]
    assert kras["share_of_posts"] == 0.75  # 3 of Kras's 4 posts
    assert kras["first_seen"] == AS_OF - pd.Timedelta(days=30)
    assert kras["last_seen"] == AS_OF - pd.Timedelta(days=10)
    assert table.iloc[1]["share_of_posts"] == 1.0


def test_n_posts_counts_posts_not_rows_and_without_totals_shares_are_of_posts_naming_anyone():
    frame = partner_posts().frame()
    rows = mention_rows(frame, BRANDS)
    doubled = pd.concat([rows, rows[rows["post_id"] == "p0"]], ignore_index=True)  # p0 names it twice
    table = partner_table(doubled)
    kras = table[(table["brand"] == "Kras Telekom") & (table["account"] == "@nika.potuje")].iloc[0]

    assert kras["n_posts"] == 3
    assert kras["share_of_posts"] == 1.0  # 3 of the 3 Kras posts that name anyone


def test_partner_summary_adds_up_across_brands():
    frame = partner_posts().frame()
    summary = partner_summary(partner_table(mention_rows(frame, BRANDS)))

    assert summary[["account", "n_posts", "n_brands", "shared"]].values.tolist() == [
        ["@nika.potuje", 4, 2, True],
        ["@kino_siska", 1, 1, False],
        ["@smart_ninja", 1, 1, False],
    ]


def test_empty_rows_give_empty_tables_with_columns():
    rows = mention_rows(Posts().frame(), BRANDS)

    assert rows.empty
    assert "account" in partner_table(rows).columns and partner_table(rows).empty
    assert "shared" in partner_summary(partner_table(rows)).columns
    assert new_partner_flags(rows, OWN, AS_OF, pd.Series(dtype=object)).empty
    assert partner_sentences(partner_table(rows), new_partner_flags(rows, OWN, AS_OF, pd.Series()), OWN) == [
        "No post of the filtered brands mentions an account, another brand or an event hashtag."
    ]


# --- new_partner_flags -----------------------------------------------------------------------


def new_partner(
    brand: str = "Kras Telekom", window_days=(20, 10, 2), before_days=(100,), weeks: int = 40
) -> Posts:
    """A brand watched for `weeks` weeks names @nika.potuje on the given days before AS_OF."""
    posts = Posts()
    posts.history(brand, weeks)
    for days in before_days:
        posts.add(brand, days, "Hvala @nika.potuje")
    for days in window_days:
        posts.add(brand, days, "Z @Nika.Potuje danes")
    return posts


def test_a_competitor_naming_a_new_account_in_three_posts_is_flagged_with_its_numbers():
    flags = flags_of(new_partner())

    assert len(flags) == 1
    flag = flags.iloc[0]
    assert (flag["scope"], flag["flag"], flag["brand"]) == ("partner", "new partner", "Kras Telekom")
    assert flag["subject"] == flag["topic_label"] == "@Nika.Potuje"  # as most often written
    assert (flag["window_count"], flag["baseline_count"]) == (3, 1)
    assert flag["window_start"] == pd.Timestamp("2026-09-02").date()
    assert flag["window_end"] == pd.Timestamp("2026-09-30").date()
    assert flag["baseline_start"] == pd.Timestamp("2026-03-04").date()  # 26 weeks before the window
    assert flag["baseline_per_window"] == pytest.approx(1 * 28 / 182)
    assert flag["score"] == 3.0
    assert flag["explanation"] == (
        "Kras Telekom started naming @Nika.Potuje: 3 posts in the last 4 weeks (first on 2026-09-10), "
        "once in the 26 weeks before."
    )
    assert list(flags.columns) == [*flag_table.FLAG_COLUMNS, "subject"]


def test_a_brand_watched_for_ten_weeks_counts_the_weeks_it_was_watched():
    flags = flags_of(new_partner(before_days=(), weeks=14))  # first post 94 days before AS_OF

    assert flags["explanation"].tolist() == [
        "Kras Telekom started naming @Nika.Potuje: 3 posts in the last 4 weeks (first on 2026-09-10), "
        "never in the 9 weeks before."
    ]


@pytest.mark.parametrize(
    ("posts", "own", "why"),
    [
        (new_partner(brand=OWN), OWN, "our own brand"),
        (new_partner(window_days=(20, 2)), OWN, "only 2 posts"),
        (new_partner(before_days=(100, 60)), OWN, "named twice before"),
        (new_partner(before_days=(), weeks=11), OWN, "watched 7 weeks before the window"),
    ],
)
def test_not_flagged(posts, own, why):
    assert flags_of(posts, own).empty, why


def test_the_own_brand_is_flagged_when_it_is_not_ours():
    assert flags_of(new_partner(brand=OWN), own=None)["brand"].tolist() == [OWN]


def test_a_brand_name_in_posts_can_be_a_new_partner_but_an_event_hashtag_cannot():
    posts = Posts()
    posts.history("Kras Telekom", 40)
    for days in (20, 10, 2):
        posts.add("Kras Telekom", days, "Skupaj z Modri Val na #WebSummit2026")

    flags = flags_of(posts)
    assert flags["subject"].tolist() == ["Modri Val"]


def test_a_steady_account_named_every_two_weeks_all_year_is_never_flagged():
    posts = Posts()
    posts.history("Kras Telekom", 52)
    for fortnight in range(26):
        posts.add("Kras Telekom", 14 * fortnight + 1, "Hvala @nika.potuje")

    for days_back in range(0, 70, 3):
        assert flags_of(posts, as_of=AS_OF - pd.Timedelta(days=days_back)).empty


def flat_market(seed: int) -> tuple[Posts, list[str]]:
    """5 brands over 40 weeks, each naming 6 accounts of its own at a steady Poisson rate."""
    rng = np.random.default_rng(seed)
    posts = Posts()
    brands = ["Lipa Mobil", "Kras Telekom", "Modri Val", "Azur", "Sever"]
    for b, brand in enumerate(brands):
        for a in range(6):
            rate = rng.uniform(0.3, 2.0)  # posts a week naming this account
            for week in range(40):
                for _ in range(rng.poisson(rate)):
                    posts.add(brand, 7 * (39 - week) + rng.uniform(0, 7), f"Hvala @partner_{b}_{a}!")
    return posts, brands


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_flat_market_raises_no_new_partner_flag(seed):
    posts, _ = flat_market(seed)
    frame = posts.frame()
    rows, starts = mention_rows(frame, BRANDS), brand_starts(frame)

    for week in range(10):
        as_of = AS_OF - pd.Timedelta(weeks=week)
        seen = rows[rows["published_at"] <= as_of]
        assert new_partner_flags(seen, OWN, as_of, starts).empty, f"flag at {as_of:%Y-%m-%d}"

    # The same market with one planted new account is flagged: the test can fail.
    for days in (15, 9, 4):
        posts.add("Azur", days, "Z @novi_partner na poti")
    frame = posts.frame()
    planted = new_partner_flags(mention_rows(frame, BRANDS), OWN, AS_OF, brand_starts(frame))
    assert planted[["brand", "subject"]].values.tolist() == [["Azur", "@novi_partner"]]


# --- partner_sentences -----------------------------------------------------------------------


def test_partner_sentences_name_the_new_the_shared_and_the_exclusive_partner():
    posts = partner_posts()
    posts.history("Kras Telekom", 40)
    posts.add("Kras Telekom", 2, "In spet @nika.potuje")  # the third post in the last 4 weeks
    frame = posts.frame()
    rows = mention_rows(frame, BRANDS)
    table = partner_table(rows, frame.groupby(models.BRAND).size())
    flags = new_partner_flags(rows, OWN, AS_OF, brand_starts(frame))

    assert partner_sentences(table, flags, OWN) == [
        "Kras Telekom started naming @nika.potuje: 3 posts in the last 4 weeks (first on 2026-09-10), "
        "once in the 26 weeks before.",
        "@nika.potuje is named by 2 brands (Kras Telekom, Modri Val).",
        "Kras Telekom names @smart_ninja in 1 post, and no other brand does (2026-09-20 to 2026-09-20).",
    ]


# --- alert keys ------------------------------------------------------------------------------


def two_partner_flags() -> pd.DataFrame:
    flag = flags_of(new_partner())
    other = flag.assign(subject="@smart_ninja", topic_label="@smart_ninja")
    return pd.concat([flag, other], ignore_index=True)


def test_two_new_partner_flags_of_one_brand_and_window_have_different_keys():
    flags = two_partner_flags()
    keys = [flag_key(flag) for _, flag in flags.iterrows()]

    assert keys == [
        "partner||Kras Telekom|new partner|2026-09-02|@Nika.Potuje",
        "partner||Kras Telekom|new partner|2026-09-02|@smart_ninja",
    ]


def topic_flag() -> dict:
    return {
        "scope": "topic_brand",
        "topic_id": 7,
        "topic_label": "izpad omrežja",
        "brand": "Kras Telekom",
        "flag": "spike",
        "window_start": "2026-09-14",
        "window_end": "2026-09-20",
        "window_count": 21,
        "baseline_count": 5,
        "baseline_per_window": 0.2,
        "factor": 105.0,
        "score": 12.3,
        "explanation": "izpad omrežja (Kras Telekom): 21 posts in the week of 2026-09-14 vs 0.2 usual",
    }


def test_a_topic_flags_key_keeps_its_five_parts():
    expected = "topic_brand|7|Kras Telekom|spike|2026-09-14"

    assert flag_key(pd.Series(topic_flag())) == expected
    # Next to partner flags the topic flag's subject is missing (NaN): still the old key.
    together = pd.concat([pd.DataFrame([topic_flag()]), two_partner_flags()], ignore_index=True)
    assert flag_key(together.iloc[0]) == expected
    assert flag_key(pd.Series(topic_flag() | {"subject": ""})) == expected


def test_two_new_partners_of_one_brand_and_window_are_two_alerts(store):
    # On PostgreSQL this found that a NaN factor in the flag's JSON numbers failed the whole insert.
    settings = AlertSettings()
    first = record_and_deliver(store, two_partner_flags(), settings)
    again = record_and_deliver(store, two_partner_flags(), settings)

    assert (first.n_new, again.n_new) == (2, 0)
    assert sorted(store.load_flag_alerts()["flag_key"]) == [
        "partner||Kras Telekom|new partner|2026-09-02|@Nika.Potuje",
        "partner||Kras Telekom|new partner|2026-09-02|@smart_ninja",
    ]


def test_flag_records_of_partner_flags_carry_no_topic():
    records = flag_records(two_partner_flags(), pd.Timestamp("2026-10-01", tz="UTC").to_pydatetime())

    assert [(r["scope"], r["topic_id"], r["brand"]) for r in records] == [
        ("partner", None, "Kras Telekom")
    ] * 2
    assert records[0]["numbers"]["window_count"] == 3


def test_a_partner_alert_links_to_the_partners_page_of_its_brand():
    from monitor.output.alerts import message

    flag = two_partner_flags().iloc[0]
    text = message(flag, "https://monitor.example")["text"]
    assert text.startswith("🤝 NEW PARTNER: ")
    assert text.endswith("https://monitor.example/partners?brand=Kras+Telekom")


def test_one_partner_written_two_ways_by_two_brands_is_one_spelling():
    from monitor.analysis.partners import partner_table

    at = pd.Timestamp("2026-05-01", tz="UTC")
    rows = pd.DataFrame(
        [
            ("p1", "Alpcom", at, "@BookITProgram", "bookitprogram", "mention"),
            ("p2", "Alpcom", at, "@BookITProgram", "bookitprogram", "mention"),
            ("p3", "DravaNet", at, "@bookitprogram", "bookitprogram", "mention"),
        ],
        columns=["post_id", "brand", "published_at", "account", "account_key", "kind"],
    )
    table = partner_table(rows)
    assert table[["brand", "account", "n_posts", "shared"]].values.tolist() == [
        ["Alpcom", "@BookITProgram", 2, True],
        ["DravaNet", "@BookITProgram", 1, True],
    ]


def test_a_filtered_view_judges_event_hashtags_on_every_post():
    """Two brands tag #SotocjeJam within a week: an event. Filtered to one brand, the view (as
    the dashboard and `export` compute it, from every post) still shows it as that brand's."""
    from monitor.output.tables import Inputs

    at = pd.Timestamp("2026-06-01 10:00", tz="UTC")
    every = models.posts_frame(
        [
            {"post_id": "a", "brand": "Alpcom", "text": "Vidimo se na #SotocjeJam", "published_at": at},
            {"post_id": "b", "brand": "DravaNet", "text": "Tudi mi gremo na #SotocjeJam", "published_at": at},
        ]
    )
    alone = every[every["brand"] == "Alpcom"]
    with_every = Inputs(alone, "UTC", "Alpcom", every=every).other("mentions")
    without = Inputs(alone, "UTC", "Alpcom").other("mentions")
    assert with_every[["post_id", "account", "kind"]].values.tolist() == [["a", "#SotocjeJam", "event"]]
    assert without.empty  # judged on the filtered posts alone, one brand's tag is no event
