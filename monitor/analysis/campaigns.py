"""Pure: promotions, contests, events and launches on each brand's calendar.

A post is a campaign post when it carries a cue of one kind (CUES: "nagradna igra", "giveaway",
"popust", "-20 %", "webinar", "dogodek", "predstavitev" and their kin in the languages the
monitor reads). Campaign posts of one brand and kind that share a hashtag, or else a topic,
and follow each other within GAP_DAYS make one campaign. A competitor's campaign that started
in the last START_DAYS is a flag, unless the brand ran one of the same name in the weeks before.
"""

from __future__ import annotations

import re
from datetime import timedelta

import numpy as np
import pandas as pd
from scipy import stats

from monitor import i18n, models
from monitor.analysis import flags as flag_table
from monitor.analysis.partners import SUBJECT, day_text
from monitor.analysis.post_marks import hashtags_in, without_urls
from monitor.i18n import t, tn

CONTEST, PROMOTION, EVENT, LAUNCH = "contest", "promotion", "event", "launch"
KINDS = (CONTEST, PROMOTION, EVENT, LAUNCH)  # a post with cues of several kinds takes the first
# English names of the kinds: a campaign without a hashtag or topic is named so in the tables
# (data, in English like the rest of the export). kind_name() says a kind in the current language.
KIND_NAMES = {CONTEST: "contest", PROMOTION: "promotion", EVENT: "event", LAUNCH: "launch"}
_PRICE = r"(?:\d+(?:[.,]\d{1,2})?\s?(?:€|eur\b|evrov|\$|£|chf)|[€$£]\s?\d+(?:[.,]\d{1,2})?)"
CUES = {
    CONTEST: (
        r"nagradn\w* igr\w*|nagradn\w* natečaj\w*|žreban\w*|izžreba\w*|podarjamo|sodeluj\w* in osvoj\w*|"
        r"osvoji(?:te)?\b|nagradna vprašanja|"
        r"nagradn\w* igr\w*|darujemo|"  # hr
        r"giveaways?|contests?|sweepstakes?|win (?:a|one|your)\b|chance to win|to enter\b|"
        r"gewinnspiel\w*|verlos\w*|gewinnen sie|gewinne\b|"
        r"jeu[- ]concours|concours|tirage au sort|à gagner|tente[sz]? ta chance|tentez votre chance"
    ),
    PROMOTION: (
        r"popust\w*|akcij\w* (?:cen\w*|ponudb\w*)|akcijsk\w*|znižan\w*|razprodaj\w*|ugodnej\w*|brezplačn\w* (?:prvi|mesec)|"
        r"sniženj\w*|rasprodaj\w*|"  # hr
        r"black friday|cyber monday|discount\w*|\d+\s?% off|\boff\b[^.]{0,12}\d+\s?%|sale\b|promo code|coupon|deal of|"
        r"rabatt\w*|angebot\w*|reduziert|sonderpreis|"
        r"réduction|remise|soldes|promo\b|code promo|offre spéciale|"
        r"(?<![\w-])[-–]\s?\d{1,2}\s?%|"  # "-20 %"
        r"(?:samo|le|only|just|nur|seulement)\s(?:za\s)?" + _PRICE
    ),
    EVENT: (
        r"webinar\w*|delavnic\w*|(?<!video)konferenc\w*|predavanj\w*|vabimo vas na|vabljen\w* na|pridruži(?:te)? se nam|"
        r"na dogodek|na dogodku|dogodek (?:bo|v|na)|"
        r"radionic\w*|događa\w*|"  # hr
        r"workshop\w*|conference|meetup|live stream|livestream|join us (?:at|on|for)|event\b|"
        r"veranstaltung\w*|"
        r"événement\w*|atelier\w*|conférence|rendez-vous le"
    ),
    LAUNCH: (
        r"predstavljamo|predstavitev|lansira\w*|novo v ponudbi|na voljo od danes|prihaja\w* novi?|"
        r"predstavljamo|lansiranje|"  # hr
        r"launch\w*|introducing|now available|just dropped|coming soon|"
        r"neu bei uns|ab sofort|jetzt neu|"
        r"lancement|nouveauté|disponible dès"
    ),
}
_CUES = {kind: re.compile(r"(?<!\w)(?:" + pattern + ")", re.IGNORECASE) for kind, pattern in CUES.items()}
GAP_DAYS = 10  # posts further apart than this are two campaigns
MIN_POSTS = 2  # one post with a cue is an offer, not a campaign
START_DAYS = 14  # a campaign that began this recently is flagged
QUIET_WEEKS = 8  # ... unless the brand ran one of the same name this shortly before
ALWAYS_ON_WEEKS = 8  # longer than this is an always-on offer, shown but never flagged
GENERIC_WEEKS = 6  # a hashtag used in this many weeks is a brand's theme, not a campaign's
# A start is flagged only when the campaign's posts are far above the brand's usual rate of
# posts of that kind: odds below 1 in 10**MIN_SCORE at the rate of the BASELINE_WEEKS before.
MIN_SCORE, BASELINE_WEEKS, MIN_FLAG_POSTS = 2.5, 26, 3


def campaign_kind(text: str) -> tuple[str | None, str]:
    """(kind, the cue as written) of the first kind whose cue the text carries, else (None, "")."""
    plain = without_urls(text or "")
    for kind in KINDS:
        match = _CUES[kind].search(plain)
        if match:
            return kind, match.group(0).strip()
    return None, ""


def campaign_posts(posts: pd.DataFrame) -> pd.DataFrame:
    """The posts that carry a campaign cue, with their kind, cue and hashtags."""
    columns = [models.POST_ID, models.BRAND, models.CHANNEL, models.PUBLISHED_AT, models.TOPIC_ID,
               models.TOPIC_LABEL, "kind", "cue", "hashtags", "written"]  # fmt: skip
    dated = posts.dropna(subset=[models.PUBLISHED_AT])
    found = [campaign_kind(t if isinstance(t, str) else "") for t in dated[models.TEXT]]
    kinds = pd.Series([k for k, _ in found], index=dated.index, dtype=object)
    rows = dated[kinds.notna()].copy()
    if rows.empty:
        return pd.DataFrame(columns=columns)
    rows["kind"] = kinds[kinds.notna()]
    rows["cue"] = [c for k, c in found if k is not None]
    generic = generic_hashtags(dated)
    # The brand's name as a tag (#KrasTelekom, #Kras) names no campaign; "#KrasPoletje" does.
    rows["hashtags"] = [
        [
            t.lower()
            for t in hashtags_in(text)
            if (brand, t.lower()) not in generic and not _brand_tag(t, brand)
        ]
        for text, brand in zip(rows[models.TEXT], rows[models.BRAND], strict=True)
    ]
    rows["written"] = [{t.lower(): t for t in hashtags_in(text)} for text in rows[models.TEXT]]  # for names
    for column in (models.TOPIC_ID, models.TOPIC_LABEL):
        if column not in rows:
            rows[column] = pd.NA
    return rows[columns].sort_values(models.PUBLISHED_AT, kind="stable").reset_index(drop=True)


def _brand_tag(tag: str, brand: str) -> bool:
    folded = re.sub(r"[\W_]+", "", tag.lower())
    words = [re.sub(r"[\W_]+", "", w.lower()) for w in brand.split()]
    return folded in ("".join(words), words[0] if words else "")


def generic_hashtags(posts: pd.DataFrame) -> set[tuple[str, str]]:
    """(brand, hashtag) pairs a brand uses in GENERIC_WEEKS or more weeks: its slogans and
    themes (#SkupajPovezani, #novost), which would chain unrelated offers into one campaign."""
    pairs = [
        (brand, tag.lower(), week)
        for text, brand, week in zip(
            posts[models.TEXT],
            posts[models.BRAND],
            posts[models.PUBLISHED_AT].dt.strftime("%G-%V"),
            strict=True,
        )
        if isinstance(text, str) and "#" in text
        for tag in hashtags_in(text)
    ]
    if not pairs:
        return set()
    weeks = pd.DataFrame(pairs, columns=["brand", "tag", "week"]).groupby(["brand", "tag"])["week"].nunique()
    return set(weeks[weeks >= GENERIC_WEEKS].index)


def group_campaigns(cued: pd.DataFrame) -> pd.DataFrame:
    """Campaigns of at least MIN_POSTS posts: per brand, posts of one kind joined to the open
    campaign they share a hashtag with (else the same topic) within GAP_DAYS of its last post."""
    columns = [models.BRAND, "campaign", "kind", "name", "start", "end", "n_posts", "channels", "cues",
               "always_on", "post_ids"]  # fmt: skip
    campaigns: list[dict] = []
    for brand, group in cued.groupby(models.BRAND, sort=True):
        open_: list[dict] = []
        for row in group.itertuples(index=False):
            time = row.published_at
            tags = set(row.hashtags)
            home = None
            for campaign in open_:
                if campaign["kind"] != row.kind or time - campaign["end"] > timedelta(days=GAP_DAYS):
                    continue
                shares_tag = bool(tags & campaign["tags"])
                same_topic = not campaign["tags"] or not tags
                same_topic = same_topic and _same_topic(campaign["topic"], row.topic_id)
                if shares_tag or same_topic:
                    home = campaign
                    break
            if home is None:
                home = {models.BRAND: brand, "kind": row.kind, "tags": set(), "topic": row.topic_id, "rows": [],
                        "start": time, "end": time}  # fmt: skip
                open_.append(home)
                campaigns.append(home)
            home["rows"].append(row)
            home["tags"] |= tags
            home["end"] = time
    out = [_campaign_row(c) for c in campaigns if len({r.post_id for r in c["rows"]}) >= MIN_POSTS]
    frame = pd.DataFrame(out, columns=columns)
    if frame.empty:
        return frame
    frame = frame.sort_values(["start", models.BRAND], kind="stable").reset_index(drop=True)
    frame["campaign"] = [
        f"{_slug(b)}-{s:%Y%m%d}-{k}"
        for b, s, k in zip(frame[models.BRAND], frame["start"], frame["kind"], strict=True)
    ]
    return frame


def _same_topic(a: object, b: object) -> bool:
    return not (pd.isna(a) or pd.isna(b)) and int(a) == int(b)


def _campaign_row(campaign: dict) -> dict:
    rows = campaign["rows"]
    tag_counts = pd.Series([t for r in rows for t in r.hashtags], dtype=object).value_counts()
    shared_tags = tag_counts[tag_counts >= 2]
    topic_labels = [r.topic_label for r in rows if isinstance(r.topic_label, str)]
    name = (
        (
            "#"
            + next(
                (r.written[shared_tags.index[0]] for r in rows if shared_tags.index[0] in r.written),
                shared_tags.index[0],
            )
        )
        if not shared_tags.empty
        else (pd.Series(topic_labels).mode().iloc[0] if topic_labels else KIND_NAMES[campaign["kind"]])
    )
    start, end = campaign["start"], campaign["end"]
    return {
        models.BRAND: campaign[models.BRAND],
        "campaign": "",
        "kind": campaign["kind"],
        "name": name,
        "start": start,
        "end": end,
        "n_posts": len({r.post_id for r in rows}),
        "channels": ", ".join(sorted({r.channel for r in rows})),
        "cues": ", ".join(pd.Series([r.cue.lower() for r in rows]).value_counts().index[:3]),
        "always_on": end - start > timedelta(weeks=ALWAYS_ON_WEEKS),
        "post_ids": [r.post_id for r in rows],
    }


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def campaign_flags(
    campaigns: pd.DataFrame, cued: pd.DataFrame, own_brand: str | None, as_of: pd.Timestamp
) -> pd.DataFrame:
    """A competitor's campaign that started within START_DAYS of as_of, not always on, not a
    run of one the brand held under the same name in the QUIET_WEEKS before, and a burst: its
    posts far above the brand's usual rate of campaign posts of that kind (`cued`, from
    campaign_posts), so a brand that always advertises does not raise a flag a week."""
    columns = [*flag_table.FLAG_COLUMNS, SUBJECT]
    if campaigns.empty or as_of is None or pd.isna(as_of):
        return pd.DataFrame(columns=columns)
    out = []
    for _, c in campaigns.iterrows():
        if c[models.BRAND] == own_brand or c["always_on"]:
            continue
        if not (as_of - timedelta(days=START_DAYS) < c["start"] <= as_of):
            continue
        earlier = campaigns[
            (campaigns[models.BRAND] == c[models.BRAND])
            & (campaigns["name"] == c["name"])
            & (campaigns["end"] < c["start"])
            & (campaigns["end"] >= c["start"] - timedelta(weeks=QUIET_WEEKS))
        ]
        if not earlier.empty or c["n_posts"] < MIN_FLAG_POSTS:
            continue
        n_before, expected, score = _burst(c, cued)
        if score < MIN_SCORE:
            continue
        out.append(
            {
                flag_table.SCOPE: "campaign",
                models.TOPIC_ID: pd.NA,
                models.TOPIC_LABEL: c["name"],
                models.BRAND: c[models.BRAND],
                flag_table.FLAG: "campaign",
                flag_table.WINDOW_START: c["start"].date(),
                flag_table.WINDOW_END: as_of.date(),
                flag_table.WINDOW_COUNT: int(c["n_posts"]),
                flag_table.BASELINE_COUNT: n_before,
                flag_table.BASELINE_PER_WINDOW: expected,
                flag_table.FACTOR: c["n_posts"] / max(expected, FLOOR),
                flag_table.SCORE: score,
                flag_table.SAMPLE_POST_IDS: list(c["post_ids"][:3]),
                flag_table.EXPLANATION: _started_sentence(c),
                flag_table.BASELINE_START: (c["start"] - timedelta(weeks=QUIET_WEEKS)).date(),
                flag_table.BASELINE_END: c["start"].date(),
                SUBJECT: c["campaign"],
            }
        )
    return pd.DataFrame(out, columns=columns)


# A brand that never ran such a campaign is judged against a quarter of a post in the span, so
# three posts of a first campaign are a flag (odds 1 in 450) and two are not.
FLOOR = 0.25


def _span_days(campaign: pd.Series) -> float:
    return max(1.0, (campaign["end"] - campaign["start"]).total_seconds() / 86400 + 1)


def _burst(campaign: pd.Series, cued: pd.DataFrame) -> tuple[int, float, float]:
    """(posts of the kind in the BASELINE_WEEKS before, posts expected in the campaign's span at
    that rate, score = -log10 of the odds of at least its posts at that rate)."""
    start = campaign["start"]
    before = cued[
        (cued[models.BRAND] == campaign[models.BRAND])
        & (cued["kind"] == campaign["kind"])
        & (cued[models.PUBLISHED_AT] < start)
        & (cued[models.PUBLISHED_AT] >= start - timedelta(weeks=BASELINE_WEEKS))
    ]
    expected = max(len(before) * _span_days(campaign) / (BASELINE_WEEKS * 7), FLOOR)
    odds = stats.poisson.sf(int(campaign["n_posts"]) - 1, expected)
    return len(before), expected, float(min(-np.log10(max(odds, 1e-300)), 300.0))


def kind_name(kind: str) -> str:
    """A kind of campaign in words, in the current language."""
    names = {
        CONTEST: lambda: t("contest"),
        PROMOTION: lambda: t("promotion"),
        EVENT: lambda: t("event"),
        LAUNCH: lambda: t("launch"),
    }
    name = names.get(kind)
    return name() if name else kind


def _kind_count(kind: str, n: int) -> str:
    """ "2 promotions": campaigns of a kind, counted in the current language."""
    if kind == CONTEST:
        return tn("{n} contest", "{n} contests", n)
    if kind == PROMOTION:
        return tn("{n} promotion", "{n} promotions", n)
    if kind == EVENT:
        return tn("{n} event", "{n} events", n)
    if kind == LAUNCH:
        return tn("{n} launch", "{n} launches", n)
    return f"{i18n.number(n)} {kind}"


def _started_sentence(campaign: pd.Series) -> str:
    """The explanation of a campaign flag: who started what, when, and its posts so far."""
    n = int(campaign["n_posts"])
    fields = {
        "brand": campaign[models.BRAND],
        "name": campaign["name"],
        "start": day_text(campaign["start"]),
        "channels": campaign["channels"],
        "cues": campaign["cues"],
    }
    kind = campaign["kind"]
    if kind == CONTEST:
        return tn(
            "{brand} started a contest campaign, {name}, on {start}: {n} post so far on {channels} ({cues}).",
            "{brand} started a contest campaign, {name}, on {start}: {n} posts so far on {channels} ({cues}).",
            n,
            **fields,
        )
    if kind == PROMOTION:
        return tn(
            "{brand} started a promotion campaign, {name}, on {start}: {n} post so far on {channels} ({cues}).",
            "{brand} started a promotion campaign, {name}, on {start}: {n} posts so far on {channels} ({cues}).",
            n,
            **fields,
        )
    if kind == EVENT:
        return tn(
            "{brand} started an event campaign, {name}, on {start}: {n} post so far on {channels} ({cues}).",
            "{brand} started an event campaign, {name}, on {start}: {n} posts so far on {channels} ({cues}).",
            n,
            **fields,
        )
    return tn(
        "{brand} started a launch campaign, {name}, on {start}: {n} post so far on {channels} ({cues}).",
        "{brand} started a launch campaign, {name}, on {start}: {n} posts so far on {channels} ({cues}).",
        n,
        **fields,
    )


def campaign_sentences(campaigns: pd.DataFrame, flags: pd.DataFrame, own_brand: str, n: int = 3) -> list[str]:
    """Three facts: the newest competitor campaign, who runs the most, our own count."""
    if campaigns.empty:
        return [t("No contests, promotions, events or launches found in the filtered posts.")]
    facts = [str(f[flag_table.EXPLANATION]) for _, f in flags.head(1).iterrows()]
    per_brand = campaigns.groupby(models.BRAND).size().sort_values(ascending=False)
    busiest = per_brand.index[0]
    kinds = campaigns[campaigns[models.BRAND] == busiest]["kind"].value_counts()
    facts.append(
        t(
            "{brand} ran the most campaigns: {n} ({kinds}).",
            brand=busiest,
            n=i18n.number(int(per_brand.iloc[0])),
            kinds=", ".join(_kind_count(k, int(v)) for k, v in kinds.items()),
        )
    )
    if own_brand in per_brand.index and busiest != own_brand:
        facts.append(t("We ran {n}.", n=i18n.number(int(per_brand[own_brand]))))
    elif own_brand not in per_brand.index:
        facts.append(t("We ran none in this view."))
    return facts[:n]
