"""Pure: whom each brand works with, read from its posts: the accounts it @mentions, the other
brands of feeds.yaml it names, and the event hashtags it uses; shared and exclusive partners;
and the flag "new partner" when a competitor starts mentioning an account repeatedly.

A brand's own handles ("@lipamobil", "@lipa_mobil_si") are not its partners: a handle that
holds the brand's name, or is the author of its posts, is left out.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pandas as pd

from monitor import i18n, models
from monitor.analysis import flags as flag_table
from monitor.analysis.post_marks import hashtags_in, mentions_in
from monitor.i18n import t, tn

__all__ = ["hashtags_in", "mention_rows", "mentions_in", "new_partner_flags", "partner_table"]

ACCOUNT, KEY, KIND = "account", "account_key", "kind"
MENTION, BRAND_NAME, EVENT = "mention", "brand", "event"  # kinds of partner


def kind_word(kind: str) -> str:
    """A kind of partner in words, in the current language (the tables keep the code)."""
    words = {
        MENTION: lambda: t("account"),
        BRAND_NAME: lambda: t("brand in feeds.yaml"),
        EVENT: lambda: t("event hashtag"),
    }
    word = words.get(kind)
    return word() if word else kind


# An event hashtag names a year or a kind of event (#WebSummit2026, #FestivalJezero), or several
# brands use it within EVENT_DAYS (a fair both sponsor).
_EVENT_WORDS = re.compile(
    r"(?:19|20)\d\d|festival|summit|konferenc|conference|expo|sejem|pokal|liga|league|maraton|marathon|"
    r"koncert|concert|championship|prvenstvo|olymp|olimp|"
    # short words only at the end, so #cupcake, #fairtrade and #tourism are not events
    # (not "day": #holiday, #birthday; not "con": #bacon, #falcon)
    r"(?:fest|cup|tour|fair|open|week|teden|run|tek|gala|derby|derbi|conf|salon|forum)$",
    re.IGNORECASE,
)
EVENT_DAYS = 30
_NOT_ALNUM = re.compile(r"[\W_]+")


def _folded(text: str) -> str:
    return _NOT_ALNUM.sub("", text.lower())


def own_handle(handle: str, brand: str, authors: frozenset[str] = frozenset()) -> bool:
    """True for a brand's own account: its name inside the handle ("lipa_mobil_si" holds
    "lipamobil"), a handle that is the name's first word and more than 3 letters ("alpcom"),
    or one of the accounts its posts are written by."""
    folded, name = _folded(handle), _folded(brand)
    first = _folded(brand.split()[0]) if brand.split() else ""
    return bool(name) and (
        name in folded or (len(first) > 3 and folded.startswith(first)) or folded in authors
    )


def mention_rows(posts: pd.DataFrame, brand_names: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per post and partner it names: post id, brand, time, the partner as written
    (`account`), its key for counting (`account_key`) and its kind (mention, brand, event)."""
    authors = {
        brand: frozenset(_folded(str(a)) for a in group.dropna().unique())
        for brand, group in posts.groupby(models.BRAND)[models.AUTHOR]
    } if models.AUTHOR in posts else {}  # fmt: skip
    names = [
        (name, re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)) for name in brand_names
    ]
    rows = []
    columns = (models.POST_ID, models.BRAND, models.PUBLISHED_AT, models.TEXT)
    for post_id, brand, published, text in posts[list(columns)].itertuples(index=False):
        text = text if isinstance(text, str) else ""
        own = authors.get(brand, frozenset())
        handles = [h for h in mentions_in(text) if not own_handle(h, brand, own)]
        # "@pizzahut" in a post is the brand Pizza Hut of feeds.yaml: one partner, not two.
        named = {
            name
            for name, pattern in names
            if name != brand and (pattern.search(text) or any(own_handle(h, name) for h in handles))
        }
        for handle in handles:
            if not any(own_handle(handle, name) for name in named):
                rows.append((post_id, brand, published, "@" + handle, handle.lower(), MENTION))
        for name in sorted(named):
            rows.append((post_id, brand, published, name, "brand:" + name.lower(), BRAND_NAME))
        for tag in hashtags_in(text):
            if not own_handle(tag, brand, own):
                rows.append((post_id, brand, published, "#" + tag, "#" + tag.lower(), EVENT))
    frame = pd.DataFrame(
        rows, columns=[models.POST_ID, models.BRAND, models.PUBLISHED_AT, ACCOUNT, KEY, KIND]
    )
    return _events_only(frame)


def _events_only(rows: pd.DataFrame) -> pd.DataFrame:
    """Keep of the hashtags only those of events: a year or event word, or several brands in a month."""
    tags = rows[rows[KIND] == EVENT]
    if tags.empty:
        return rows.reset_index(drop=True)
    named = tags[ACCOUNT].str.contains(_EVENT_WORDS)
    spans = tags.groupby(KEY).agg(
        n_brands=(models.BRAND, "nunique"),
        first=(models.PUBLISHED_AT, "min"),
        last=(models.PUBLISHED_AT, "max"),
    )
    together = spans[
        (spans["n_brands"] > 1) & (spans["last"] - spans["first"] <= pd.Timedelta(days=EVENT_DAYS))
    ]
    keep = named | tags[KEY].isin(together.index)
    return pd.concat([rows[rows[KIND] != EVENT], tags[keep]]).sort_index().reset_index(drop=True)


def partner_table(rows: pd.DataFrame, posts_per_brand: pd.Series | None = None) -> pd.DataFrame:
    """Per brand and partner: posts naming it, first and last seen, how many brands name it
    and whether it is shared or the brand's alone; most named first."""
    columns = [models.BRAND, ACCOUNT, KIND, "n_posts", "share_of_posts", "first_seen", "last_seen",
               "n_brands", "shared", "named_by"]  # fmt: skip
    if rows.empty:
        return pd.DataFrame(columns=columns)
    per = (
        rows.groupby([models.BRAND, KEY], sort=False)
        .agg(
            account=(ACCOUNT, _most_common),
            kind=(KIND, "first"),
            n_posts=(models.POST_ID, "nunique"),
            first_seen=(models.PUBLISHED_AT, "min"),
            last_seen=(models.PUBLISHED_AT, "max"),
        )
        .reset_index()
    )
    # One spelling per partner across brands (@BookITProgram and @bookitprogram are one row).
    per[ACCOUNT] = per[KEY].map(rows.groupby(KEY)[ACCOUNT].agg(_most_common))
    by_key = per.groupby(KEY)[models.BRAND].agg(lambda b: sorted(set(b)))
    per["named_by"] = per[KEY].map(lambda k: ", ".join(by_key[k]))
    per["n_brands"] = per[KEY].map(lambda k: len(by_key[k]))
    per["shared"] = per["n_brands"] > 1
    totals = (
        posts_per_brand
        if posts_per_brand is not None
        else rows.groupby(models.BRAND)[models.POST_ID].nunique()
    )
    per["share_of_posts"] = per["n_posts"] / per[models.BRAND].map(totals).astype(float)
    per = per.sort_values(
        ["n_posts", "n_brands", models.BRAND, ACCOUNT], ascending=[False, False, True, True]
    )
    return per[columns].reset_index(drop=True)


def _most_common(values: pd.Series) -> str:
    return str(values.value_counts().index[0])


def partner_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per partner across brands: posts in all, brands naming it, shared or exclusive."""
    if table.empty:
        return pd.DataFrame(columns=[ACCOUNT, KIND, "n_posts", "n_brands", "named_by", "shared"])
    key = table[ACCOUNT].str.lower()
    summary = (
        table.assign(_k=key)
        .groupby("_k", sort=False)
        .agg(account=(ACCOUNT, "first"), kind=(KIND, "first"), n_posts=("n_posts", "sum"),
             n_brands=(models.BRAND, "nunique"), named_by=("named_by", "first"))
    )  # fmt: skip
    summary["shared"] = summary["n_brands"] > 1
    return summary.sort_values(["n_posts", ACCOUNT], ascending=[False, True]).reset_index(drop=True)


# The "new partner" flag: in the last WINDOW_DAYS a competitor names an account in at least
# MIN_POSTS posts that it named at most MAX_BEFORE times in the BASELINE_WEEKS before.
WINDOW_DAYS, MIN_POSTS, MAX_BEFORE, BASELINE_WEEKS = 28, 3, 1, 26
MIN_HISTORY_WEEKS = 8  # a brand watched for less than this has no "before" to compare with
SUBJECT = "subject"  # flags of partners and campaigns name what they are about here


def new_partner_flags(
    rows: pd.DataFrame, own_brand: str | None, as_of: pd.Timestamp, brand_starts: pd.Series
) -> pd.DataFrame:
    """Flags of accounts a competitor started naming repeatedly, in the flags' columns plus
    `subject` (the account). `brand_starts`: each brand's first post, so a feed added last
    week does not make all its partners new."""
    columns = [*flag_table.FLAG_COLUMNS, SUBJECT]
    accounts = rows[rows[KIND] != EVENT]
    if accounts.empty or as_of is None or pd.isna(as_of):
        return pd.DataFrame(columns=columns)
    start = as_of - timedelta(days=WINDOW_DAYS)
    base_start = start - timedelta(weeks=BASELINE_WEEKS)
    out = []
    for (brand, _key), group in accounts.groupby([models.BRAND, KEY], sort=True):
        if brand == own_brand:
            continue
        times = group.drop_duplicates(models.POST_ID)[models.PUBLISHED_AT].dropna()
        window = times[(times > start) & (times <= as_of)]
        before = times[(times > base_start) & (times <= start)]
        history = start - max(brand_starts.get(brand, start), base_start)
        if (
            len(window) < MIN_POSTS
            or len(before) > MAX_BEFORE
            or history < timedelta(weeks=MIN_HISTORY_WEEKS)
        ):
            continue
        account = _most_common(group[ACCOUNT])
        weeks = max(1, round(history.days / 7))
        first = window.min()
        out.append(
            {
                flag_table.SCOPE: "partner",
                models.TOPIC_ID: pd.NA,
                models.TOPIC_LABEL: account,
                models.BRAND: brand,
                flag_table.FLAG: "new partner",
                flag_table.WINDOW_START: start.date(),
                flag_table.WINDOW_END: as_of.date(),
                flag_table.WINDOW_COUNT: len(window),
                flag_table.BASELINE_COUNT: len(before),
                flag_table.BASELINE_PER_WINDOW: len(before) * WINDOW_DAYS / max(history.days, 1),
                flag_table.FACTOR: float("nan"),
                flag_table.SCORE: float(len(window)),
                flag_table.SAMPLE_POST_IDS: group.sort_values(models.PUBLISHED_AT)[models.POST_ID]
                .tail(3)
                .tolist(),
                flag_table.EXPLANATION: _new_partner_sentence(
                    brand, account, len(window), first, len(before), weeks
                ),
                flag_table.BASELINE_START: max(brand_starts.get(brand, start), base_start).date(),
                flag_table.BASELINE_END: start.date(),
                SUBJECT: account,
            }
        )
    frame = pd.DataFrame(out, columns=columns)
    return frame.sort_values([flag_table.WINDOW_COUNT, models.BRAND], ascending=[False, True]).reset_index(
        drop=True
    )


def _new_partner_sentence(
    brand: str, account: str, n_window: int, first: pd.Timestamp, n_before: int, weeks: int
) -> str:
    """The explanation of a "new partner" flag: posts naming the account in the window, and
    how often the brand named it in the weeks before (never, once, n times)."""
    fields = {
        "brand": brand,
        "account": account,
        "window_weeks": i18n.number(WINDOW_DAYS // 7),
        "first": day_text(first),
        "weeks": i18n.number(weeks),
    }
    if n_before == 0:
        return tn(
            "{brand} started naming {account}: {n} post in the last {window_weeks} weeks "
            "(first on {first}), never in the {weeks} weeks before.",
            "{brand} started naming {account}: {n} posts in the last {window_weeks} weeks "
            "(first on {first}), never in the {weeks} weeks before.",
            n_window,
            **fields,
        )
    if n_before == 1:
        return tn(
            "{brand} started naming {account}: {n} post in the last {window_weeks} weeks "
            "(first on {first}), once in the {weeks} weeks before.",
            "{brand} started naming {account}: {n} posts in the last {window_weeks} weeks "
            "(first on {first}), once in the {weeks} weeks before.",
            n_window,
            **fields,
        )
    return tn(
        "{brand} started naming {account}: {n} post in the last {window_weeks} weeks "
        "(first on {first}), {before} times in the {weeks} weeks before.",
        "{brand} started naming {account}: {n} posts in the last {window_weeks} weeks "
        "(first on {first}), {before} times in the {weeks} weeks before.",
        n_window,
        before=i18n.number(n_before),
        **fields,
    )


def day_text(value) -> str:
    """A day in a sentence: 2026-09-10 in English, as these sentences and the exports always
    wrote it; the language's short form of a day otherwise (10. 9. 2026)."""
    return f"{value:%Y-%m-%d}" if i18n.language() == "en" else i18n.short_day(value)


def brand_starts(posts: pd.DataFrame) -> pd.Series:
    """Each brand's first dated post."""
    return posts.dropna(subset=[models.PUBLISHED_AT]).groupby(models.BRAND)[models.PUBLISHED_AT].min()


def partner_sentences(table: pd.DataFrame, flags: pd.DataFrame, own_brand: str, n: int = 3) -> list[str]:
    """Three facts: a new partner, the most shared partner, a competitor's most named exclusive one."""
    facts = [str(f[flag_table.EXPLANATION]) for _, f in flags.head(1).iterrows()]
    if table.empty:
        return facts or [
            t("No post of the filtered brands mentions an account, another brand or an event hashtag.")
        ]
    # An account or brand is a partner in the plain sense: it leads over an event hashtag.
    shared = table[table["shared"]].assign(_event=lambda t: t[KIND] == EVENT)
    shared = shared.sort_values(["_event", "n_brands", "n_posts"], ascending=[True, False, False])
    if not shared.empty:
        top = shared.iloc[0]
        facts.append(
            tn(
                "{account} is named by {n} brand ({brands}).",
                "{account} is named by {n} brands ({brands}).",
                int(top["n_brands"]),
                account=top[ACCOUNT],
                brands=top["named_by"],
            )
        )
    exclusive = table[~table["shared"] & (table[models.BRAND] != own_brand)]
    if not exclusive.empty:
        top = exclusive.iloc[0]
        facts.append(
            tn(
                "{brand} names {account} in {n} post, and no other brand does ({first} to {last}).",
                "{brand} names {account} in {n} posts, and no other brand does ({first} to {last}).",
                int(top["n_posts"]),
                brand=top[models.BRAND],
                account=top[ACCOUNT],
                first=day_text(top["first_seen"]),
                last=day_text(top["last_seen"]),
            )
        )
    return facts[:n]
