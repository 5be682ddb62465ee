"""Pure: how each brand writes, measured from its posts: length, questions and exclamations,
emoji, hashtags, mentions, links, calls to action, formal or informal address, languages.

`post_voice` reads each post once; `voice_table` sums those marks per brand (or per brand and
channel); `voice_sentences` says the differences that matter in words, ours first.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from monitor import i18n, models
from monitor.analysis.address_form import FORMAL, INFORMAL, LANGUAGES, address_form
from monitor.analysis.post_marks import emoji_in, has_link, hashtags_in, mentions_in, without_urls
from monitor.i18n import t

__all__ = ["address_form", "calls_to_action", "post_voice", "voice_sentences", "voice_table"]

# Calls to action, by language: phrases that ask the reader to do something now. Matched on
# the lower-cased text as whole words; one is enough.
CTA_CUES = {
    "sl": (
        "preverite", "preveri", "obiščite", "obišči", "kliknite", "klikni", "prijavite se", "prijavi se",
        "naročite", "naroči", "kupite", "kupi", "pokličite", "pokliči", "sodelujte", "sodeluj",
        "rezervirajte", "rezerviraj", "povezava v opisu", "link v opisu", "link v bio", "več na",
        "več informacij", "izkoristite", "izkoristi", "pohitite", "pohiti", "oglejte si", "oglej si",
        "prenesite", "prenesi", "komentiraj", "komentirajte", "označi", "označite",
    ),
    "hr": (
        "provjerite", "provjeri", "posjetite", "posjeti", "kliknite", "klikni", "prijavite se",
        "naručite", "kupite", "nazovite", "saznajte više", "iskoristite", "preuzmite",
    ),
    "sr": ("proverite", "posetite", "kliknite", "prijavite se", "naručite", "kupite", "saznajte više"),
    "en": (
        "shop now", "buy now", "order now", "learn more", "find out", "read more", "sign up", "register",
        "click", "link in bio", "book now", "download", "subscribe", "join us", "check out", "get yours",
        "visit", "call us", "tap", "swipe up", "apply now", "try it", "don't miss", "enter now", "tag a friend",
    ),
    "de": (
        "jetzt bestellen", "jetzt sichern", "jetzt entdecken", "jetzt anmelden", "jetzt mitmachen", "mehr erfahren", "hier klicken", "bestellen", "anmelden", "link in bio", "sichern sie",
        "sichere dir", "hol dir", "holen sie", "entdecken sie", "entdecke", "jetzt kaufen", "abonnieren",
    ),
    "fr": (
        "découvrez", "découvre", "cliquez", "clique", "inscrivez-vous", "inscris-toi", "commandez",
        "profitez", "profite", "en savoir plus", "lien en bio", "abonnez-vous", "participez", "participe",
        "rendez-vous sur", "à lire", "lire la suite", "réservez", "téléchargez",
    ),
}  # fmt: skip
_CTA = {
    lang: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(cue) for cue in cues) + r")(?!\w)")
    for lang, cues in CTA_CUES.items()
}
_ANY_CTA = re.compile("|".join(pattern.pattern for pattern in _CTA.values()))
_WORD = re.compile(r"\w+")

# Columns of post_voice.
N_WORDS, QUESTION, EXCLAMATION = "n_words", "question", "exclamation"
EMOJI, HASHTAGS, MENTIONS, LINK, CTA, ADDRESS = "emoji", "hashtags", "mentions", "link", "cta", "address"
SHARES = {  # column of voice_table -> per-post mark it is the share of
    "share_question": QUESTION,
    "share_exclamation": EXCLAMATION,
    "share_emoji": EMOJI,
    "share_hashtags": HASHTAGS,
    "share_mentions": MENTIONS,
    "share_links": LINK,
    "share_cta": CTA,
}


def calls_to_action(text: str, language: str | None) -> bool:
    """True when the post asks the reader to act (CTA_CUES of its language, or of any language
    when the language is unknown)."""
    pattern = _CTA.get(language or "", _ANY_CTA if not language else None)
    return bool(pattern and pattern.search((text or "").lower()))


def post_voice(posts: pd.DataFrame) -> pd.DataFrame:
    """One row per post (same index): its brand, channel and language, and the marks of its voice."""
    texts = posts[models.TEXT].fillna("").astype(str)
    languages = posts[models.LANGUAGE].astype(object).where(posts[models.LANGUAGE].notna(), None)
    plain = texts.map(without_urls)
    rows = pd.DataFrame(
        {
            models.POST_ID: posts[models.POST_ID],
            models.BRAND: posts[models.BRAND],
            models.CHANNEL: posts[models.CHANNEL],
            models.LANGUAGE: languages,
            N_WORDS: plain.map(lambda t: len(_WORD.findall(t))),
            QUESTION: plain.str.contains("?", regex=False),
            EXCLAMATION: plain.str.contains("!", regex=False),
            EMOJI: texts.map(emoji_in),
            HASHTAGS: texts.map(hashtags_in),
            MENTIONS: texts.map(mentions_in),
            LINK: texts.map(has_link),
            CTA: [calls_to_action(t, lang) for t, lang in zip(texts, languages, strict=True)],
            ADDRESS: [address_form(t, lang) for t, lang in zip(texts, languages, strict=True)],
        },
        index=posts.index,
    )
    return rows


def voice_table(voice: pd.DataFrame, by: tuple[str, ...] = (models.BRAND,)) -> pd.DataFrame:
    """Per group: posts, median words, share of posts with each mark, top emoji and hashtags,
    formal and informal posts among those in a language that marks address, and languages."""
    rows = []
    for key, group in voice.groupby(list(by), sort=True, dropna=False):
        keys = key if isinstance(key, tuple) else (key,)
        marks = group[[EMOJI, HASHTAGS, MENTIONS]].map(bool)
        marked = group[group[models.LANGUAGE].isin(LANGUAGES)]
        n_formal = int((marked[ADDRESS] == FORMAL).sum())
        n_informal = int((marked[ADDRESS] == INFORMAL).sum())
        row = dict(zip(by, keys, strict=True))
        row |= {
            "n_posts": len(group),
            "median_words": float(group[N_WORDS].median()) if len(group) else 0.0,
            "share_question": _share(group[QUESTION]),
            "share_exclamation": _share(group[EXCLAMATION]),
            "share_emoji": _share(marks[EMOJI]),
            "top_emoji": _top(group[EMOJI], 5),
            "share_hashtags": _share(marks[HASHTAGS]),
            "top_hashtags": _top(group[HASHTAGS].map(lambda tags: ["#" + t for t in tags]), 5, fold=True),
            "share_mentions": _share(marks[MENTIONS]),
            "share_links": _share(group[LINK]),
            "share_cta": _share(group[CTA]),
            "n_address_language": len(marked),
            "n_formal": n_formal,
            "n_informal": n_informal,
            "share_informal": n_informal / (n_formal + n_informal) if n_formal + n_informal else float("nan"),
            "address_language": _main_language(marked),
            "languages": _language_mix(group[models.LANGUAGE]),
        }
        rows.append(row)
    columns = [*by, "n_posts", "median_words", *SHARES, "top_emoji", "top_hashtags", "n_address_language",
               "n_formal", "n_informal", "share_informal", "address_language", "languages"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def ours_first(table: pd.DataFrame, own_brand: str) -> pd.DataFrame:
    """The table with our brand's rows first, the others by name."""
    order = (table[models.BRAND] != own_brand).astype(int)
    return table.assign(_o=order).sort_values(["_o", models.BRAND], kind="stable").drop(columns="_o")


def _posts_in(code: str | None) -> str:
    """ "of its Slovenian posts": a brand's posts in a language, as the address sentence says it
    (in the current language; Slovenian names the language in a case of its own there)."""
    phrases = {
        "sl": lambda: t("of its Slovenian posts"),
        "hr": lambda: t("of its Croatian posts"),
        "sr": lambda: t("of its Serbian posts"),
        "bs": lambda: t("of its Bosnian posts"),
        "de": lambda: t("of its German posts"),
        "fr": lambda: t("of its French posts"),
        "en": lambda: t("of its English posts"),
        "it": lambda: t("of its Italian posts"),
        "es": lambda: t("of its Spanish posts"),
    }
    phrase = phrases.get(code)  # type: ignore[arg-type]
    return phrase() if phrase else t("of its {language} posts", language=code)


def voice_sentences(table: pd.DataFrame, own_brand: str, n: int = 3) -> list[str]:
    """The largest differences between a competitor and us, in words built from the numbers,
    e.g. "Modri Val addresses readers informally in 83 % of its Slovenian posts; we do in 2 %".
    One fact per brand first, so three facts speak of three brands where they can."""
    ours = table[table[models.BRAND] == own_brand]
    own = ours.iloc[0] if not ours.empty else None
    candidates = [
        item
        for _, row in table[table[models.BRAND] != own_brand].iterrows()
        for item in _brand_contrasts(row, own)
    ]
    candidates.sort(key=lambda item: -item[0])
    firsts, seconds, said = [], [], set()
    for _, brand, sentence in candidates:
        (seconds if brand in said else firsts).append(sentence)
        said.add(brand)
    return (firsts + seconds)[:n]


# Marks compared in words, in the order their sentences are tried (a tie keeps this order).
_MARKS = (
    "share_emoji",
    "share_question",
    "share_exclamation",
    "share_hashtags",
    "share_mentions",
    "share_links",
    "share_cta",
)
MIN_GAP = 0.15  # a difference of shares below this is not worth a sentence
MIN_ADDRESSED = 5  # posts with a marked address form before a share of them is said


def _brand_contrasts(row: pd.Series, own: pd.Series | None) -> list[tuple[float, str, str]]:
    """(size of the difference, brand, sentence) for each mark where the brand differs from us."""
    out = []
    brand = str(row[models.BRAND])
    own_addressed = own is not None and own["n_formal"] + own["n_informal"] >= MIN_ADDRESSED
    if row["n_formal"] + row["n_informal"] >= MIN_ADDRESSED:
        share = row["share_informal"]
        informal = share >= 0.5
        shown = share if informal else 1 - share
        if own_addressed:
            own_share = own["share_informal"] if informal else 1 - own["share_informal"]
            if round(abs(shown - own_share), 9) >= MIN_GAP:
                # Address form is the first thing a local reader notices: it leads at equal size.
                sentence = _address_sentence(brand, informal, shown, row["address_language"], own_share)
                out.append((abs(shown - own_share) + 0.1, brand, sentence))
        elif own is None:
            out.append((0.1, brand, _address_sentence(brand, informal, shown, row["address_language"])))
    if own is None:
        return out
    for column in _MARKS:
        theirs, mine = row[column], own[column]
        if round(abs(theirs - mine), 9) >= MIN_GAP:  # 0.35 - 0.20 is 0.1499... in floats
            out.append((abs(theirs - mine), brand, _mark_sentence(column, brand, theirs, mine)))
    return out


def _address_sentence(
    brand: str, informal: bool, share: float, language: str | None, own_share: float | None = None
) -> str:
    """How the brand addresses readers in its posts of `language`, against us when we have a share."""
    fields = {"brand": brand, "share": _pct(share), "posts": _posts_in(language)}
    if own_share is None:
        if informal:
            return t("{brand} addresses readers informally in {share} {posts} that address anyone.", **fields)
        return t("{brand} addresses readers formally in {share} {posts} that address anyone.", **fields)
    fields["ours"] = _pct(own_share)
    if informal:
        return t(
            "{brand} addresses readers informally in {share} {posts} that address anyone; we do in {ours}.",
            **fields,
        )
    return t(
        "{brand} addresses readers formally in {share} {posts} that address anyone; we do in {ours}.",
        **fields,
    )


def _mark_sentence(column: str, brand: str, theirs: float, mine: float) -> str:
    """A competitor's share of posts with the mark of `column` against ours, in one sentence."""
    fields = {"brand": brand, "share": _pct(theirs), "ours": _pct(mine)}
    sentences = {
        "share_emoji": lambda: t("{brand} uses emoji in {share} of its posts; we do in {ours}.", **fields),
        "share_question": lambda: t(
            "{brand} asks a question in {share} of its posts; we do in {ours}.", **fields
        ),
        "share_exclamation": lambda: t(
            "{brand} exclaims in {share} of its posts; we do in {ours}.", **fields
        ),
        "share_hashtags": lambda: t(
            "{brand} uses hashtags in {share} of its posts; we do in {ours}.", **fields
        ),
        "share_mentions": lambda: t(
            "{brand} mentions other accounts in {share} of its posts; we do in {ours}.", **fields
        ),
        "share_links": lambda: t("{brand} links out in {share} of its posts; we do in {ours}.", **fields),
        "share_cta": lambda: t(
            "{brand} calls readers to act in {share} of its posts; we do in {ours}.", **fields
        ),
    }
    return sentences[column]()


def _pct(share: float) -> str:
    """ "42 %": in English with a plain space, as the sentences always had; else the language's form."""
    text = i18n.percent(share)
    return text.replace("\u00a0", " ") if i18n.language() == "en" else text


def _share(values: pd.Series) -> float:
    return float(values.astype(bool).mean()) if len(values) else 0.0


def _top(lists: pd.Series, n: int, fold: bool = False) -> str:
    counts: Counter = Counter()
    shown: dict[str, str] = {}
    for items in lists:
        for item in items:
            key = item.lower() if fold else item
            shown.setdefault(key, item)
            counts[key] += 1
    return " ".join(shown[key] for key, _ in counts.most_common(n))


def _main_language(marked: pd.DataFrame) -> str | None:
    with_form = marked[marked[ADDRESS].notna()]
    source = with_form if not with_form.empty else marked
    return None if source.empty else str(source[models.LANGUAGE].value_counts().index[0])


def _language_mix(languages: pd.Series, n: int = 3) -> str:
    shares = languages.fillna("unknown").value_counts(normalize=True)
    shares = shares[shares >= 0.01]  # a stray detection is not part of the mix
    return ", ".join(f"{lang} {100 * share:.0f} %" for lang, share in shares.head(n).items())
