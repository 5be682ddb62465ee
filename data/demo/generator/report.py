"""The numbers block of README.md: posts per brand, channel, file and topic, and the signals."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta
from itertools import pairwise

from .brands import BRAND_ORDER, BRANDS
from .market import CRISIS_WEEK_START, END, FEEDS, N_WEEKS, RISE_WEEKS, START, week_of
from .plant import CAMPAIGNS, NEW_INFLUENCER, PARTNERS
from .topics import TOPIC_KEYS


def week_label(w: int) -> str:
    return (START + timedelta(weeks=w)).isoformat()


def signal_report(truth: list[dict], partners: list[dict] = (), campaigns: list[dict] = ()) -> str:
    def wk(r):
        return week_of(
            (datetime.strptime(r["published_utc"], "%Y-%m-%dT%H:%M:%SZ") + timedelta(hours=2)).date()
        )  # any post is at least 07:00 local: UTC+2 is safe

    L = []
    n = len(truth)
    by_brand = Counter(r["brand"] for r in truth)
    by_ch = Counter(r["channel"] for r in truth)
    by_lang = Counter(r["language"] for r in truth)
    L.append(f"Total posts: **{n}** (from {START.isoformat()} to {END.isoformat()}, {N_WEEKS} weeks).\n")
    L.append("| brand | posts | | channel | posts | | language | posts |")
    L.append("|---|---|---|---|---|---|---|---|")
    brands = [BRANDS[b]["name"] for b in BRAND_ORDER]
    chans = ["blog", "newsroom", "instagram", "facebook", "linkedin"]
    langs = ["sl", "en"]
    for i in range(max(len(brands), len(chans))):
        a = f"{brands[i]} | {by_brand[brands[i]]}" if i < len(brands) else " | "
        c = f"{chans[i]} | {by_ch[chans[i]]}" if i < len(chans) else " | "
        lg = (
            f"{langs[i]} | {by_lang[langs[i]]} ({100 * by_lang[langs[i]] / n:.1f} %)"
            if i < len(langs)
            else " | "
        )
        L.append(f"| {a} | | {c} | | {lg} |")
    L.append("")
    L.append("Posts per file:\n")
    L.append("| file | brand | channel | posts | English |")
    L.append("|---|---|---|---|---|")
    by_file = defaultdict(list)
    for r in truth:
        by_file[r["feed_file"]].append(r)
    for f in FEEDS:
        rows = by_file[f["file"]]
        en = sum(r["language"] == "en" for r in rows)
        L.append(f"| `{f['file']}` | {BRANDS[f['brand']]['name']} | {f['channel']} | {len(rows)} | {en} |")
    L.append("")
    L.append("Posts per planted topic and brand:\n")
    L.append("| topic | " + " | ".join(brands) + " | total |")
    L.append("|---|" + "---|" * (len(brands) + 1))
    tb = Counter((r["topic"], r["brand"]) for r in truth)
    for t in TOPIC_KEYS:
        cnt = [tb[(t, b)] for b in brands]
        L.append(f"| `{t}` | " + " | ".join(str(x) for x in cnt) + f" | {sum(cnt)} |")
    L.append("")

    # 1 rising
    esim = [r for r in truth if r["topic"] == "esim"]
    ew = Counter(wk(r) for r in esim)
    base_w = N_WEEKS - RISE_WEEKS
    base_total = sum(ew[w] for w in range(base_w))
    rise = [ew[w] for w in range(base_w, N_WEEKS)]
    base_mean = base_total / base_w
    rise_brands = Counter(r["brand"] for r in esim if wk(r) >= base_w)
    base_brands = Counter(r["brand"] for r in esim if wk(r) < base_w)
    L.append("### 1. RISING — topic `esim` (signal `rising` on every eSIM post)\n")
    L.append(
        f"- Weeks 1–{base_w} ({week_label(0)} … {week_label(base_w - 1)}): **{base_total} posts**, "
        f"{base_mean:.2f} per week (max {max(ew[w] for w in range(base_w))} in a week; "
        f"{sum(1 for w in range(base_w) if ew[w] == 0)} weeks with none). By brand: "
        + ", ".join(f"{b} {base_brands[b]}" for b in brands)
        + "."
    )
    L.append(
        f"- Last {RISE_WEEKS} weeks ({week_label(base_w)} … {END.isoformat()}): "
        + ", ".join(f"{week_label(w)}: **{ew[w]}**" for w in range(base_w, N_WEEKS))
        + f" = {sum(rise)} posts, {sum(rise) / RISE_WEEKS:.2f} per week, "
        f"**{(sum(rise) / RISE_WEEKS) / base_mean:.1f}×** the baseline rate. By brand: "
        + ", ".join(f"{b} {rise_brands[b]}" for b in brands)
        + "."
    )
    L.append("- Weekly eSIM counts, all weeks: `" + " ".join(str(ew[w]) for w in range(N_WEEKS)) + "`\n")

    # 2 crisis
    cw = week_of(CRISIS_WEEK_START)
    kras_out = [r for r in truth if r["topic"] == "outage" and r["brand"] == "Kras Telekom"]
    kw = Counter(wk(r) for r in kras_out)
    spike = [r for r in kras_out if wk(r) == cw]
    sch = Counter(r["channel"] for r in spike)
    other = [kw[w] for w in range(N_WEEKS) if w != cw]
    all_out = [r for r in truth if r["topic"] == "outage" and r["signal"] != "crisis"]
    L.append("### 2. CRISIS SPIKE — Kras Telekom, topic `outage` (signal `crisis`)\n")
    L.append(
        f"- Week of {CRISIS_WEEK_START.isoformat()}: **{len(spike)} outage posts** by Kras Telekom "
        f"(" + ", ".join(f"{c} {sch[c]}" for c in chans if sch[c]) + "), "
        "15–19 September; the outage itself is on 15–16 September (first notice, status updates, "
        "restoration, apology, compensation, root-cause analysis). Crisis posts get 15–40× the usual comments."
    )
    L.append(
        f"- Every other week: Kras Telekom has {sum(other)} outage/maintenance posts in total "
        f"(max {max(other)} per week, mean {sum(other) / len(other):.2f}). All brands together have "
        f"{len(all_out)} routine outage/maintenance posts outside the spike, none of them within a week of it."
    )
    L.append("- Weekly Kras Telekom outage counts: `" + " ".join(str(kw[w]) for w in range(N_WEEKS)) + "`\n")

    # 3 own angle
    sen = [r for r in truth if r["topic"] == "seniors"]
    sw = Counter(wk(r) for r in sen)
    sb = Counter(r["brand"] for r in sen)
    L.append(
        "### 3. OWN ANGLE — topic `seniors` (digital-skills workshops \u201cDigitalna Lipa\u201d, signal `own_angle`)\n"
    )
    L.append(
        f"- Lipa Mobil only: **{sb['Lipa Mobil']} posts**, every week "
        f"{min(sw[w] for w in range(N_WEEKS))}–{max(sw[w] for w in range(N_WEEKS))} "
        f"(mean {len(sen) / N_WEEKS:.2f}); channels: "
        + ", ".join(f"{c} {v}" for c, v in sorted(Counter(r["channel"] for r in sen).items()))
        + f". Competitors: {sum(v for k, v in sb.items() if k != 'Lipa Mobil')}.\n"
    )

    # 4 gap
    es = [r for r in truth if r["topic"] == "esports"]
    eb = Counter(r["brand"] for r in es)
    L.append("### 4. GAP — topic `esports` (esports / gaming, signal `gap`)\n")
    for b in brands:
        weeks_with = len({wk(r) for r in es if r["brand"] == b})
        months = len({r["published_utc"][:7] for r in es if r["brand"] == b})
        L.append(f"- {b}: **{eb[b]}** posts, in {weeks_with} of {N_WEEKS} weeks, {months} of 10 months")
    L.append("")

    # 5 syndicated
    syn = [r for r in truth if r["signal"] == "syndicated"]
    L.append(
        "### 5. SYNDICATED STORY — joint anti-scam campaign \u00bbNe nasedaj!\u00ab (topic `cybersecurity`, signal `syndicated`)\n"
    )
    L.append(
        f"- {len(syn)} copies in {len({r['feed_file'] for r in syn})} feeds of "
        f"{len({r['brand'] for r in syn})} brands, {syn[0]['published_utc']} … {syn[-1]['published_utc']}. "
        "Each copy has its own title, intro sentence, closing line and hashtags around the same two core "
        "paragraphs (Alpcom's copy swaps \u201ctelefonske in spletne\u201d to \u201cspletne in telefonske\u201d, Kras Telekom's says "
        "\u201cdo 30. junija\u201d instead of \u201cdo konca junija\u201d, the DravaNet Facebook copy keeps only the first sentence "
        "of the second paragraph).\n"
    )
    L.append("| published (UTC) | brand | feed file | source_id |")
    L.append("|---|---|---|---|")
    for r in syn:
        L.append(f"| {r['published_utc']} | {r['brand']} | `{r['feed_file']}` | `{r['source_id']}` |")
    if partners:
        L.append("")
        L += partner_section(partners, wk)
    if campaigns:
        L.append("")
        L += campaign_section(campaigns, {r["source_id"]: r["published_utc"] for r in truth})
    return "\n".join(L)


def partner_section(partners: list[dict], wk) -> list[str]:
    """6: every account a brand mentions in 3+ posts (truth_partners.csv), planted ones first."""
    L = ["### 6. PARTNERS AND INFLUENCERS — @mentions (`truth_partners.csv`)\n"]
    planted = {(BRANDS[a["brand"]]["name"], a["account"]) for a in PARTNERS}
    brands_of: dict[str, list[str]] = defaultdict(list)
    for r in partners:
        brands_of[r["account"]].append(r["brand"])
    shared = [a for a in dict.fromkeys(r["account"] for r in partners) if len(brands_of[a]) > 1]
    new = [r for r in partners if r["planted"] == "new"]
    L.append(
        f"- {len(partners)} accounts mentioned in 3 or more posts of a brand, "
        f"{len({(r['brand'], r['account']) for r in partners} & planted)} of them planted on purpose "
        "(the rest are the brands' community partners that the background mentions now and then). "
        "Shared by several brands: "
        + ", ".join(f"`@{a}` ({', '.join(brands_of[a])})" for a in shared)
        + "; every other account is mentioned by one brand only."
    )
    for r in new:
        weeks = sorted({wk(dict(published_utc=t)) for t in (r["first_utc"], r["last_utc"])})
        L.append(
            f"- NEW: {r['brand']} starts mentioning the {r['kind']} `@{r['account']}` on "
            f"{r['first_utc'][:10]}: **{r['n_posts']} posts** in weeks {weeks[0] + 1}–{weeks[-1] + 1} of "
            f"{N_WEEKS} (from {NEW_INFLUENCER['since'].isoformat()}), never mentioned by any brand before. "
            "No other account starts being mentioned (2+ posts) in the last six weeks."
        )
    L.append("")
    L.append("| brand | account | kind | planted | first (UTC) | last (UTC) | posts |")
    L.append("|---|---|---|---|---|---|---|")
    for r in partners:
        mark = " *" if (r["brand"], r["account"]) in planted or r["planted"] == "new" else ""
        L.append(
            f"| {r['brand']} | `@{r['account']}`{mark} | {r['kind']} | {r['planted']} | "
            f"{r['first_utc'][:10]} | {r['last_utc'][:10]} | {r['n_posts']} |"
        )
    L.append(
        "\n`*` planted by `generator/plant.py` (the others come from the background's partner mentions)."
    )
    return L


def campaign_section(campaigns: list[dict], published: dict[str, str]) -> list[str]:
    """7: the planted campaigns (truth_campaigns.csv); `published`: source_id -> published_utc."""
    L = ["### 7. CAMPAIGNS — contests, promotions, events, launches (`truth_campaigns.csv`)\n"]
    kinds = Counter(r["kind"] for r in campaigns)
    per_brand = Counter(r["brand"] for r in campaigns)
    sizes = [int(r["n_posts"]) for r in campaigns]
    gaps = []
    for r in campaigns:
        times = sorted(datetime.fromisoformat(published[i][:19]) for i in r["post_source_ids"].split(";"))
        gaps += [(y - x).total_seconds() / 86400 for x, y in pairwise(times)]
    gaps = [round(max(gaps), 1)]
    spans = [
        (datetime.fromisoformat(r["end_utc"][:10]) - datetime.fromisoformat(r["start_utc"][:10])).days + 1
        for r in campaigns
    ]
    last2 = (END - timedelta(days=13)).isoformat()
    late = [r for r in campaigns if r["start_utc"][:10] >= last2]
    before = max(r["end_utc"][:10] for r in campaigns if r not in late)
    L.append(
        f"- {len(campaigns)} campaigns ("
        + ", ".join(f"{k} {kinds[k]}" for k in ("contest", "promotion", "event", "launch"))
        + "), "
        + ", ".join(f"{b} {per_brand[b]}" for b in [BRANDS[k]["name"] for k in BRAND_ORDER])
        + f". Each is {min(sizes)}–{max(sizes)} posts of one brand within {max(spans)} days at most (gaps "
        f"of {max(gaps)} days at most) on one topic"
        + "".join(f" ({c['id']}: {', '.join((c['topic'], *c['also']))})" for c in CAMPAIGNS if c.get("also"))
        + ", every post with the campaign hashtag and a cue sentence (nagradna igra / giveaway, popust / "
        "-20 % / a price, dogodek / webinar, predstavitev / novo v ponudbi / launch)."
    )
    L.append(
        f"- Started in the last two weeks (from {last2}): "
        + ", ".join(f"**{r['brand']} `{r['campaign']}`** ({r['start_utc'][:10]})" for r in late)
        + f"; every other campaign has ended by {before}."
    )
    L.append("")
    L.append("| start (UTC) | end (UTC) | brand | campaign | kind | hashtag | posts |")
    L.append("|---|---|---|---|---|---|---|")
    for r in campaigns:
        L.append(
            f"| {r['start_utc'][:10]} | {r['end_utc'][:10]} | {r['brand']} | `{r['campaign']}` | {r['kind']} | "
            f"`{r['hashtag']}` | {r['n_posts']} |"
        )
    return L
