"""How brands write: the marks of a post (mentions, hashtags, emoji, links), formal or informal
address per language, calls to action, and the voice tables and sentences built from them."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from monitor import models
from monitor.analysis.address_form import address_form
from monitor.analysis.post_marks import emoji_in, has_link, hashtags_in, mentions_in
from monitor.analysis.voice import (
    calls_to_action,
    ours_first,
    post_voice,
    voice_sentences,
    voice_table,
)

OWN = "Lipa Mobil"
START = pd.Timestamp("2026-03-02 09:00", tz="UTC")


def posts(*rows: tuple[str, str | None, str]) -> pd.DataFrame:
    """(brand, language, text) -> a posts frame, one post a day from START, on Instagram."""
    return models.posts_frame(
        {
            models.POST_ID: f"p{i}",
            models.BRAND: brand,
            models.CHANNEL: "instagram",
            models.LANGUAGE: language,
            models.TEXT: text,
            models.PUBLISHED_AT: START + pd.Timedelta(days=i),
        }
        for i, (brand, language, text) in enumerate(rows)
    )


# --- post marks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (".@TacoBell thanks for the tacos", ["TacoBell"]),
        ("Pišite na info@lipa.si ali @lipa_pomoc", ["lipa_pomoc"]),
        ("Hvala @nika.potuje.", ["nika.potuje"]),
        ("Foto: @nika.potuje, styling @Ana_M", ["nika.potuje", "Ana_M"]),
        ("Thank U@TacoBell4Teens", ["TacoBell4Teens"]),
        ("See https://site.example/@shop?ref=@x and www.lipa.example/@lipa", []),
        ("Doors open @ 12PM", []),
        ("@Lipa and @lipa and @LIPA", ["Lipa"]),
        ("@" + "a" * 31, []),  # longer than Instagram allows: not a handle
    ],
)
def test_mentions(text, expected):
    assert mentions_in(text) == expected


def test_a_dotted_handle_after_a_leading_dot_is_a_mention():
    assert mentions_in(".@nika.potuje hvala za fotografije") == ["nika.potuje"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#Poletje in #poletje in #POLETJE", ["Poletje"]),
        ("We are #1 and it&#39;s #great", ["great"]),
        ("https://lipa.example/#offers and https://lipa.example/page#top", []),
        ("#Žalec #čestitke #2026 #ljubljana2026", ["Žalec", "čestitke", "ljubljana2026"]),
        ("C# and F# and tag#inword", []),
        ("#a_b #ab-cd", ["a_b", "ab"]),
    ],
)
def test_hashtags(text, expected):
    assert hashtags_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("👩\u200d💻 na delu", ["👩\u200d💻"]),  # ZWJ sequence: one emoji
        ("👨\u200d👩\u200d👧\u200d👦", ["👨\u200d👩\u200d👧\u200d👦"]),
        ("🇸🇮🇫🇷", ["🇸🇮", "🇫🇷"]),  # two flags, not four letters
        ("👍🏽👍", ["👍🏽", "👍"]),  # skin tone stays with its hand
        ("❤️ 🔥🔥🔥", ["❤️", "🔥", "🔥", "🔥"]),
        ("plain text ™ © 2026", []),
    ],
)
def test_emoji(text, expected):
    assert emoji_in(text) == expected


def test_links():
    assert has_link("Več na https://lipa.example/ponudba")
    assert has_link("www.lipa.example")
    assert not has_link("Pišite na info@lipa.si")
    assert not has_link("")


# --- address form ----------------------------------------------------------------------------

SLOVENIAN = [
    ("Preverite našo novo ponudbo.", "formal"),
    ("Oglejte si novo kolekcijo.", "formal"),  # "si" after a -te imperative is reflexive
    ("Imate vprašanje? Pišite nam.", "formal"),
    ("Vaš telefon je pripravljen.", "formal"),
    ("Z veseljem vam predstavljamo novo storitev.", "formal"),
    ("Te dni vas čaka presenečenje.", "formal"),  # "te dni" is "these days"; "vas" is the address
    ("Preveri našo novo ponudbo!", "informal"),
    ("Oglej si novo kolekcijo.", "informal"),
    ("Ali si že preizkusil novo aplikacijo?", "informal"),
    ("Imaš vprašanje? Piši nam.", "informal"),
    ("Tvoj telefon je pripravljen.", "informal"),
    ("Čaka te nagrada.", "informal"),
    ("Te dni smo odprli novo trgovino.", None),  # demonstrative
    ("Te dni praznujemo 20 let.", None),
    ("Te ponudbe so na voljo do petka.", None),
    ("Ti paketi so najbolj priljubljeni.", None),
    ("Sistem preveri stanje računa vsak dan.", None),  # third person, not an order
    ("Naše minute in karte so cenejše.", None),
]
GERMAN = [
    ("Bestellen Sie jetzt Ihr neues Handy.", "formal"),
    ("Wir schicken Ihnen ein Geschenk.", "formal"),
    ("Sie finden uns in der Innenstadt.", "formal"),
    ("Jetzt für Sie: das neue Angebot.", "formal"),
    ("Ihre Bestellung ist unterwegs.", "formal"),
    ("Hol dir jetzt dein Geschenk!", "informal"),
    ("Hast du schon unser neues Angebot gesehen?", "informal"),
    ("Schau vorbei und entdecke mehr.", "informal"),
    ("Ihr könnt jetzt bestellen.", "informal"),
    ("Wir freuen uns auf euch!", "informal"),
    ("Die Kunden lieben sie, weil sie schnell ist.", None),  # lower-case "sie" is she / they
    ("Das neue Modell ist ab heute erhältlich.", None),
    ("Die Stadt und ihre Geschichte.", None),
]
FRENCH = [
    ("Découvrez notre nouvelle offre.", "formal"),
    ("Vous aimez le café ? Profitez de -20 %.", "formal"),
    ("Votre commande est en route.", "formal"),
    ("Cliquez ici pour en savoir plus.", "formal"),
    ("Découvre notre nouvelle offre !", "informal"),
    ("Tu aimes le café ?", "informal"),
    ("Ton nouveau forfait est prêt.", "informal"),
    ("On t'attend samedi !", "informal"),
    ("Merci à toi pour ta fidélité.", "informal"),
    ("Le ton de la campagne est joyeux.", None),  # "le ton" is the tone
    ("Un ton plus léger pour l'été.", None),
    ("Notre équipe a gagné le match.", None),
    ("Assez parlé, place au match.", None),  # "assez" is no -ez imperative
]


@pytest.mark.parametrize(("text", "expected"), SLOVENIAN)
def test_slovenian_address(text, expected):
    assert address_form(text, "sl") == expected


@pytest.mark.parametrize(("text", "expected"), GERMAN)
def test_german_address(text, expected):
    assert address_form(text, "de") == expected


@pytest.mark.parametrize(("text", "expected"), FRENCH)
def test_french_address(text, expected):
    assert address_form(text, "fr") == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Posjetite našu trgovinu i provjerite ponudu.", "hr", "formal"),
        ("Posjeti našu trgovinu!", "hr", "informal"),
        ("Možeš li vjerovati?", "hr", "informal"),
        ("Proverite ponudu i naručite odmah.", "sr", "formal"),
    ],
)
def test_croatian_and_serbian_address(text, language, expected):
    assert address_form(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Lipa feiert ihr 20-jähriges Jubiläum.", "de"),
        ("Unsere Mitarbeiterin hat ihr Bestes gegeben.", "de"),
    ],
)
def test_german_possessive_ihr_after_a_third_person_verb_addresses_nobody(text, language):
    assert address_form(text, language) is None


def test_french_noun_rendez_vous_addresses_nobody():
    assert address_form("Notre rendez-vous annuel revient en juin.", "fr") is None


@pytest.mark.parametrize(
    "text",
    ["You should check out our new offer!", "Thank you, we love you all.", "Preverite ponudbo."],
)
def test_english_and_unknown_languages_mark_no_address(text):
    assert address_form(text, "en") is None
    assert address_form(text, None) is None
    assert address_form(text, "it") is None


def test_mentions_hashtags_and_links_cast_no_vote():
    assert address_form("@ti_si_top #vaša_izbira https://x.example/vi", "sl") is None
    assert address_form("Hvala @tvoj_profil", "sl") is None


# --- calls to action -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Preverite ponudbo na spletu.", "sl", True),
        ("Oglej si video.", "sl", True),
        ("Več na lipa.si", "sl", True),
        ("PREVERITE ponudbo", "sl", True),
        ("Danes je lep dan.", "sl", False),
        ("Provjerite ponudu.", "hr", True),
        ("Saznajte više na webu.", "hr", True),
        ("Proverite ponudu.", "sr", True),
        ("Shop now!", "en", True),
        ("Link in bio", "en", True),
        ("We had a great day.", "en", False),
        ("Televisit and visitors", "en", False),  # whole words only
        ("Jetzt bestellen!", "de", True),
        ("Wir hatten einen tollen Tag.", "de", False),
        ("Découvrez la collection", "fr", True),
        ("Une belle journée.", "fr", False),
        ("Shop now!", "sl", False),  # an English cue in a Slovenian post is not counted
        ("Shop now!", None, True),  # unknown language: any language's cue
        ("Preverite!", "it", False),  # a language without cues
    ],
)
def test_calls_to_action(text, language, expected):
    assert calls_to_action(text, language) is expected


# --- post_voice and voice_table --------------------------------------------------------------


def four_posts() -> pd.DataFrame:
    return posts(
        (OWN, "sl", "Preverite ponudbo! https://lipa.example/?a=1 😀😀 #Poletje @nika.potuje"),
        (OWN, "sl", "Ali si že preizkusil novo aplikacijo? #poletje #akcija"),
        (OWN, "en", "Shop now. Link in bio #POLETJE"),
        (OWN, "de", "Die Kunden lieben sie 🔥"),
    )


def test_post_voice_reads_each_post_once():
    voice = post_voice(four_posts())

    assert list(voice.columns) == [
        "post_id", "brand", "channel", "language", "n_words", "question", "exclamation",
        "emoji", "hashtags", "mentions", "link", "cta", "address",
    ]  # fmt: skip
    assert voice["n_words"].tolist() == [5, 8, 6, 4]  # the URL's words are not counted
    assert voice["question"].tolist() == [False, True, False, False]  # the URL's "?" is not a question
    assert voice["exclamation"].tolist() == [True, False, False, False]
    assert voice["emoji"].tolist() == [["😀", "😀"], [], [], ["🔥"]]
    assert voice["hashtags"].tolist() == [["Poletje"], ["poletje", "akcija"], ["POLETJE"], []]
    assert voice["mentions"].tolist() == [["nika.potuje"], [], [], []]
    assert voice["link"].tolist() == [True, False, False, False]
    assert voice["cta"].tolist() == [True, False, True, False]
    assert voice["address"].tolist()[:2] == ["formal", "informal"]
    assert voice["address"].isna().tolist() == [False, False, True, True]  # English; German naming no one


def test_voice_table_shares_are_exact_and_address_counts_marked_languages_only():
    table = voice_table(post_voice(four_posts()))
    row = table.iloc[0]

    assert len(table) == 1 and row["brand"] == OWN
    assert row["n_posts"] == 4
    assert row["median_words"] == 5.5
    assert row["share_question"] == 0.25
    assert row["share_exclamation"] == 0.25
    assert row["share_emoji"] == 0.5
    assert row["share_hashtags"] == 0.75
    assert row["share_mentions"] == 0.25
    assert row["share_links"] == 0.25
    assert row["share_cta"] == 0.5
    assert row["top_emoji"] == "😀 🔥"
    assert row["top_hashtags"] == "#Poletje #akcija"  # three spellings of one tag, shown as first written
    # sl, sl and de mark address; the English post does not count
    assert (row["n_address_language"], row["n_formal"], row["n_informal"]) == (3, 1, 1)
    assert row["share_informal"] == 0.5
    assert row["address_language"] == "sl"
    assert row["languages"].startswith("sl 50 %, ")
    assert set(row["languages"].split(", ")) == {"sl 50 %", "en 25 %", "de 25 %"}


def test_share_informal_is_nan_where_no_post_marks_an_address():
    table = voice_table(
        post_voice(posts(("Kras Telekom", "en", "Hello you"), ("Kras Telekom", "sl", "Danes.")))
    )

    assert table.iloc[0]["n_address_language"] == 1
    assert math.isnan(table.iloc[0]["share_informal"])


def test_voice_table_by_brand_and_channel_and_ours_first():
    frame = posts(
        ("Kras Telekom", "sl", "Preveri ponudbo!"),
        (OWN, "sl", "Preverite ponudbo."),
        ("Azur", "sl", "Novo."),
        (OWN, "sl", "Kaj?"),
    )
    frame.loc[3, models.CHANNEL] = "facebook"
    voice = post_voice(frame)

    by_channel = voice_table(voice, ("brand", "channel"))
    assert by_channel[["brand", "channel", "n_posts"]].values.tolist() == [
        ["Azur", "instagram", 1],
        ["Kras Telekom", "instagram", 1],
        [OWN, "facebook", 1],
        [OWN, "instagram", 1],
    ]
    assert ours_first(voice_table(voice), OWN)["brand"].tolist() == [OWN, "Azur", "Kras Telekom"]


# --- voice_sentences -------------------------------------------------------------------------


def voice_row(brand: str, n_formal: int = 0, n_informal: int = 0, **shares: float) -> dict:
    row = {
        "brand": brand,
        "n_posts": 20,
        "median_words": 30.0,
        "share_question": 0.2,
        "share_exclamation": 0.2,
        "share_emoji": 0.2,
        "share_hashtags": 0.2,
        "share_mentions": 0.2,
        "share_links": 0.2,
        "share_cta": 0.2,
        "top_emoji": "",
        "top_hashtags": "",
        "n_address_language": 20,
        "n_formal": n_formal,
        "n_informal": n_informal,
        "share_informal": n_informal / (n_formal + n_informal) if n_formal + n_informal else float("nan"),
        "address_language": "sl",
        "languages": "sl 100 %",
    }
    return row | shares


def test_informal_competitor_against_our_formal_voice_in_numbers():
    table = pd.DataFrame(
        [voice_row(OWN, n_formal=9, n_informal=1), voice_row("Modri Val", n_formal=2, n_informal=6)]
    )

    assert voice_sentences(table, OWN) == [
        "Modri Val addresses readers informally in 75 % of its Slovenian posts that address anyone; we do in 10 %."
    ]


def test_formal_competitor_against_our_informal_voice_in_numbers():
    table = pd.DataFrame(
        [voice_row(OWN, n_formal=1, n_informal=9), voice_row("Kras Telekom", n_formal=8, n_informal=2)]
    )

    assert voice_sentences(table, OWN) == [
        "Kras Telekom addresses readers formally in 80 % of its Slovenian posts that address anyone; we do in 10 %."
    ]


def test_address_is_not_compared_with_too_few_of_our_addressed_posts():
    table = pd.DataFrame([voice_row(OWN, n_formal=4), voice_row("Modri Val", n_informal=8)])

    assert voice_sentences(table, OWN) == []


def test_without_our_brand_the_address_form_is_told_alone():
    table = pd.DataFrame([voice_row("Modri Val", n_formal=2, n_informal=6), voice_row("Azur", n_formal=4)])

    assert voice_sentences(table, OWN) == [
        "Modri Val addresses readers informally in 75 % of its Slovenian posts that address anyone."
    ]


def test_alike_brands_give_no_sentence():
    table = pd.DataFrame(
        [
            voice_row(OWN, n_formal=9, n_informal=1),
            voice_row("Modri Val", n_formal=8, n_informal=2, share_emoji=0.3, share_cta=0.1),
        ]
    )

    assert voice_sentences(table, OWN) == []


def test_a_mark_difference_is_said_with_both_shares():
    table = pd.DataFrame([voice_row(OWN, share_emoji=0.1), voice_row("Azur", share_emoji=0.6)])

    assert voice_sentences(table, OWN) == ["Azur uses emoji in 60 % of its posts; we do in 10 %."]


def test_one_fact_per_brand_comes_first_largest_first():
    table = pd.DataFrame(
        [
            voice_row(OWN, share_emoji=0.1, share_links=0.1),
            voice_row("Azur", share_emoji=0.9, share_links=0.8),  # two large differences
            voice_row("Kras Telekom", share_question=0.5),  # 0.3
            voice_row("Modri Val", share_cta=0.4),  # 0.2
        ]
    )

    assert voice_sentences(table, OWN) == [
        "Azur uses emoji in 90 % of its posts; we do in 10 %.",
        "Kras Telekom asks a question in 50 % of its posts; we do in 20 %.",
        "Modri Val calls readers to act in 40 % of its posts; we do in 20 %.",
    ]
    assert voice_sentences(table, OWN, n=4)[3] == "Azur links out in 80 % of its posts; we do in 10 %."


def test_address_form_leads_a_mark_difference_of_equal_size():
    table = pd.DataFrame(
        [
            voice_row(OWN, n_formal=10, n_informal=10, share_emoji=0.1),
            voice_row("Azur", n_formal=3, n_informal=7, share_emoji=0.3),  # both differ by 0.2
        ]
    )

    assert voice_sentences(table, OWN) == [
        "Azur addresses readers informally in 70 % of its Slovenian posts that address anyone; we do in 50 %.",
        "Azur uses emoji in 30 % of its posts; we do in 10 %.",
    ]


def test_a_difference_of_exactly_fifteen_points_is_said():
    table = pd.DataFrame([voice_row(OWN, share_question=1 / 5), voice_row("Azur", share_question=7 / 20)])

    assert voice_sentences(table, OWN) == ["Azur asks a question in 35 % of its posts; we do in 20 %."]
