"""Writers: RSS 2.0 and Atom 1.0 feeds, Meta-like and LinkedIn-like CSV exports, truth.csv and the
README numbers block.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from .brands import BRANDS
from .market import FEED_BY_KEY, FEED_META, LINKEDIN_POSTERS
from .util import ljubljana_offset, slugify

DAYS_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MON_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def rfc822(local: datetime) -> str:
    off = ljubljana_offset(local)
    return (
        f"{DAYS_EN[local.weekday()]}, {local.day:02d} {MON_EN[local.month - 1]} {local.year} "
        f"{local:%H:%M:%S} +0{off}00"
    )


def rfc3339(local: datetime) -> str:
    return f"{local:%Y-%m-%dT%H:%M:%S}+0{ljubljana_offset(local)}:00"


def cdata(s: str) -> str:
    return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def write_rss(path: Path, fk: str, items: list[tuple[dict, dict]]) -> None:
    title, desc, home = FEED_META[fk]
    newest = max(p["local"] for p, _ in items)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        f"\t<title>{xml_escape(title)}</title>",
        f'\t<atom:link href="{home}feed/" rel="self" type="application/rss+xml" />',
        f"\t<link>{home}</link>",
        f"\t<description>{xml_escape(desc)}</description>",
        f"\t<lastBuildDate>{rfc822(newest)}</lastBuildDate>",
        "\t<language>sl-SI</language>",
    ]
    for p, c in sorted(items, key=lambda x: x[0]["local"], reverse=True):
        perma = "true" if p["guid"] == p["url"] else "false"
        out += [
            "\t<item>",
            f"\t\t<title>{xml_escape(c['title'])}</title>",
            f"\t\t<link>{xml_escape(p['url'])}</link>",
            f"\t\t<dc:creator>{cdata(c['author'])}</dc:creator>",
            f"\t\t<pubDate>{rfc822(p['local'])}</pubDate>",
        ]
        out += [f"\t\t<category>{cdata(cat)}</category>" for cat in c["categories"]]
        out += [
            f'\t\t<guid isPermaLink="{perma}">{xml_escape(p["guid"])}</guid>',
            f"\t\t<description>{xml_escape(c['summary_html'])}</description>",
            f"\t\t<content:encoded>{cdata(c['html'])}</content:encoded>",
            "\t</item>",
        ]
    out += ["</channel>", "</rss>", ""]
    path.write_bytes("\n".join(out).encode("utf-8"))


def write_atom(path: Path, fk: str, items: list[tuple[dict, dict]]) -> None:
    title, desc, home = FEED_META[fk]
    brand = BRANDS[FEED_BY_KEY[fk]["brand"]]
    newest = max(p["updated"] for p, _ in items)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sl">',
        f"  <title>{xml_escape(title)}</title>",
        f"  <subtitle>{xml_escape(desc)}</subtitle>",
        f'  <link rel="alternate" type="text/html" href="{home}"/>',
        f'  <link rel="self" type="application/atom+xml" href="{home}atom.xml"/>',
        f"  <id>{home}</id>",
        f"  <updated>{rfc3339(newest)}</updated>",
        f"  <author><name>{xml_escape(brand['name'])}</name><uri>https://{brand['domain']}/</uri></author>",
        f"  <rights>© 2026 {xml_escape(brand['name'])}</rights>",
    ]
    for p, c in sorted(items, key=lambda x: x[0]["local"], reverse=True):
        lang_attr = ' xml:lang="en"' if p["lang"] == "en" else ""
        out += [
            f"  <entry{lang_attr}>",
            f'    <title type="text">{xml_escape(c["title"])}</title>',
            f'    <link rel="alternate" type="text/html" href="{xml_escape(p["url"])}"/>',
            f"    <id>{xml_escape(p['guid'])}</id>",
            f"    <published>{rfc3339(p['local'])}</published>",
            f"    <updated>{rfc3339(p['updated'])}</updated>",
            f"    <author><name>{xml_escape(c['author'])}</name></author>",
        ]
        out += [f'    <category term="{slugify(cat)}" label="{xml_escape(cat)}"/>' for cat in c["categories"]]
        out += [
            f'    <summary type="text">{xml_escape(c["summary"])}</summary>',
            f'    <content type="html">{xml_escape(c["html"])}</content>',
            "  </entry>",
        ]
    out += ["</feed>", ""]
    path.write_bytes("\n".join(out).encode("utf-8"))


FB_COLUMNS = [
    "Post ID",
    "Page ID",
    "Page name",
    "Title",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Caption type",
    "Permalink",
    "Is crosspost",
    "Is share",
    "Post type",
    "Languages",
    "Custom labels",
    "Funded content status",
    "Data comment",
    "Date",
    "Impressions",
    "Reach",
    "Reactions, comments and shares",
    "Reactions",
    "Comments",
    "Shares",
    "Total clicks",
    "Link clicks",
    "Other clicks",
]
IG_COLUMNS = [
    "Post ID",
    "Account ID",
    "Account username",
    "Account name",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Permalink",
    "Post type",
    "Data comment",
    "Date",
    "Impressions",
    "Reach",
    "Likes",
    "Shares",
    "Follows",
    "Comments",
    "Saves",
]
LI_COLUMNS = [
    "Update title",
    "Update link",
    "Update type",
    "Campaign name",
    "Posted by",
    "Created date",
    "Campaign start date",
    "Campaign end date",
    "Audience",
    "Impressions",
    "Views (excluding off-site video views)",
    "Off-site views",
    "Clicks",
    "Click through rate (CTR)",
    "Likes",
    "Comments",
    "Reposts",
    "Follows",
    "Engagement rate",
    "Content Type",
]
PAGE_IDS = {
    "lipa": "104852716630112",
    "alpcom": "100574218842260",
    "dravanet": "109931477205583",
    "kras": "102286590113774",
    "modrival": "112740035516093",
}
IG_ACCOUNT_IDS = {
    "lipa": "17841402761150231",
    "alpcom": "17841405511873390",
    "dravanet": "17841448101264517",
    "kras": "17841400328761044",
    "modrival": "17841439916027751",
}


def write_csv(
    path: Path, columns: list[str], rows: list[list], delimiter: str, encoding: str, lineterminator: str
) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator, quoting=csv.QUOTE_MINIMAL)
    w.writerow(columns)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))  # strict: fails loudly on an unencodable char


def meta_time(local: datetime) -> str:
    return f"{local:%m/%d/%Y %H:%M}"


def li_time(local: datetime) -> str:
    return f"{local:%d.%m.%Y %H:%M}"


def dec(x: float) -> str:
    return f"{x:.4f}".replace(".", ",")


def facebook_rows(rng: random.Random, bk: str, items: list[tuple[dict, dict]]) -> list[list]:
    b = BRANDS[bk]
    rows = []
    for p, c in items:
        e = p["eng"]
        link_clicks = e["clicks"] if c["post_type"] == "Links" else 0
        other = max(0, e["clicks"] // 3)
        dur = str(rng.randint(12, 95)) if c["post_type"] == "Videos" else ""
        rows.append(
            [
                p["guid"],
                PAGE_IDS[bk],
                b["name"],
                c["title"],
                c["text"],
                dur,
                meta_time(p["local"]),
                "",
                p["url"],
                "false",
                "false",
                c["post_type"],
                "",
                "",
                "Boosted" if e["boosted"] else "",
                "",
                "Lifetime",
                e["impressions"],
                e["reach"],
                e["reactions"] + e["comments"] + e["shares"],
                e["reactions"],
                e["comments"],
                e["shares"],
                link_clicks + other,
                link_clicks,
                other,
            ]
        )
    return rows


def instagram_rows(rng: random.Random, bk: str, items: list[tuple[dict, dict]]) -> list[list]:
    b = BRANDS[bk]
    rows = []
    for p, c in items:
        e = p["eng"]
        dur = str(rng.randint(8, 60)) if c["post_type"] == "IG reel" else ""
        rows.append(
            [
                p["guid"],
                IG_ACCOUNT_IDS[bk],
                b["handle"],
                b["name"],
                c["text"],
                dur,
                meta_time(p["local"]),
                p["url"],
                c["post_type"],
                "",
                "Lifetime",
                e["impressions"],
                e["reach"],
                e["likes"],
                e["shares"],
                e["follows"],
                e["comments"],
                e["saves"],
            ]
        )
    return rows


def linkedin_rows(rng: random.Random, bk: str, items: list[tuple[dict, dict]]) -> list[list]:
    rows = []
    for p, c in items:
        e = p["eng"]
        inter = e["likes"] + e["comments"] + e["reposts"] + e["clicks"]
        ctype = (
            "Article" if "http" in c["text"] else rng.choice(["Image", "Image", "Text", "Video", "Document"])
        )
        views = str(int(e["impressions"] * rng.uniform(0.3, 0.6))) if ctype == "Video" else ""
        rows.append(
            [
                c["text"],
                p["url"],
                "Organic",
                "",
                rng.choice(LINKEDIN_POSTERS[bk]),
                li_time(p["local"]),
                "",
                "",
                "All followers",
                e["impressions"],
                views,
                "",
                e["clicks"],
                dec(e["clicks"] / max(1, e["impressions"])),
                e["likes"],
                e["comments"],
                e["reposts"],
                e["follows"],
                dec(inter / max(1, e["impressions"])),
                ctype,
            ]
        )
    return rows


def write_feed(rng: random.Random, out: Path, f: dict, items: list[tuple[dict, dict]]) -> None:
    """Write one feed file under `out`; the exports draw a few last values (durations, content types)."""
    path = out / f["file"]
    newest_first = sorted(items, key=lambda x: x[0]["local"], reverse=True)
    if f["kind"] == "rss":
        write_rss(path, f["key"], items)
    elif f["kind"] == "atom":
        write_atom(path, f["key"], items)
    elif f["kind"] == "meta_fb":
        write_csv(path, FB_COLUMNS, facebook_rows(rng, f["brand"], newest_first), ",", "utf-8", "\n")
    elif f["kind"] == "meta_ig":
        write_csv(path, IG_COLUMNS, instagram_rows(rng, f["brand"], newest_first), ",", "utf-8", "\n")
    else:
        rows = linkedin_rows(rng, f["brand"], newest_first)
        write_csv(path, LI_COLUMNS, rows, ";", f["encoding"], "\r\n")


TRUTH_COLUMNS = [
    "feed_file",
    "source_id",
    "brand",
    "channel",
    "language",
    "published_utc",
    "topic",
    "signal",
    "text",
]


def truth_rows(posts: list[dict], composed: list[dict]) -> list[dict]:
    """The answer key: one row per post, in publication order."""
    truth = []
    for p, c in zip(posts, composed, strict=True):
        f = FEED_BY_KEY[p["feed"]]
        truth.append(
            dict(
                feed_file=f["file"],
                source_id=p["guid"],
                brand=BRANDS[f["brand"]]["name"],
                channel=f["channel"],
                language=p["lang"],
                published_utc=f"{p['utc']:%Y-%m-%dT%H:%M:%SZ}",
                topic=p["topic"],
                signal=p["signal"],
                text=c["truth_text"],
            )
        )
    truth.sort(key=lambda r: (r["published_utc"], r["feed_file"], r["source_id"]))
    return truth


def write_truth(path: Path, truth: list[dict]) -> None:
    write_csv(path, TRUTH_COLUMNS, [[r[k] for k in TRUTH_COLUMNS] for r in truth], ",", "utf-8", "\n")


def write_key(path: Path, columns: list[str], rows: list[dict]) -> None:
    """An answer key (truth_partners.csv, truth_campaigns.csv): comma-delimited UTF-8."""
    write_csv(path, columns, [[r[k] for k in columns] for r in rows], ",", "utf-8", "\n")


README_START, README_END = "<!-- signals:start -->", "<!-- signals:end -->"


def update_readme(readme: Path, report: str) -> None:
    """Replace the text between the signals markers of README.md, if the file and both markers exist."""
    if not readme.exists():
        return
    s = readme.read_text(encoding="utf-8")
    if README_START in s and README_END in s:
        s = s[: s.index(README_START) + len(README_START)] + "\n" + report + "\n" + s[s.index(README_END) :]
        readme.write_bytes(s.encode("utf-8"))
