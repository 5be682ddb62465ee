"""Realistic synthetic posts at any size, for the scale benchmark (bench/perf/scale.py).

Texts are recombined from the demo market's posts (data/demo/truth.csv, themselves built from
the demo generator's sentence pools): per planted topic and language, the sentences of every
demo post form a pool; a synthetic post draws 1-4 (social) or 3-8 (blog, newsroom) sentences
of one topic, sometimes one of another topic, then edits them at random (numbers changed,
words dropped or swapped, demo brand names replaced by the synthetic post's brand), and adds
Zipf-distributed rare words (product codes, place and event names made of syllables) so the
vocabulary keeps growing with the corpus as a real one does, and hashtags. About 4 % of
posts are near-copies of a post from the previous 36 hours (cross-posted to another channel
or syndicated by another brand), so stories have something to group.

8 brands x 5 channels (blog and newsroom as RSS, facebook, instagram, linkedin as CSV
exports) = 40 feeds; Slovenian ~72 % and English; 24 months ending 2026-11-22, weekday and
hour weighted; engagement log-normal by channel. Deterministic for a given (n, seed).
"""

from __future__ import annotations

import csv
import hashlib
import math
import random
import re
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

from bench.common import TRUTH, write_config

OWN_BRAND = "Lipa Mobil"
BRANDS = [
    "Lipa Mobil", "Alpcom", "DravaNet", "Kras Telekom", "Modri Val",
    "Sončni Splet", "Triglav Tel", "Brzina Net",
]  # fmt: skip
DEMO_BRANDS = ["Lipa Mobil", "Alpcom", "DravaNet", "Kras Telekom", "Modri Val", "Lipa", "Lipe", "Lipi"]
CHANNELS = {"blog": 0.06, "newsroom": 0.04, "facebook": 0.38, "instagram": 0.32, "linkedin": 0.20}
RSS_CHANNELS = ("blog", "newsroom")
END = datetime(2026, 11, 22, 23, 0, tzinfo=UTC)
SPAN_DAYS = 730
SHARE_SL = 0.72
DUPLICATE_SHARE = 0.04
HOUR_WEIGHTS = np.array([1, 1, 1, 1, 1, 2, 4, 7, 9, 10, 10, 9, 8, 9, 9, 8, 7, 7, 8, 8, 6, 4, 2, 1], float)
DOW_WEIGHTS = np.array([10, 10, 10, 10, 9, 4, 3], float)
SYLLABLES = (  # noqa: SIM905
    "ka ri no le ta mi so ve pa lu do ne be zi go ra ko sta pri tel net lin gra vod "
    "mar jan ple sen tor bar kos vrh dol pot gor mor zel bel cr"
).split()
_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+")
_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]{4,}")


def slug(text: str) -> str:
    """A feed id like the config's (lower case, ascii, dashes)."""
    from monitor.config.settings import slugify

    return slugify(text)


def feeds() -> list[dict]:
    """The 40 synthetic feeds: brand, channel, name, kind."""
    return [
        {
            "brand": brand,
            "channel": channel,
            "name": f"{brand} {channel}",
            "kind": "rss" if channel in RSS_CHANNELS else "csv",
        }
        for brand in BRANDS
        for channel in CHANNELS
    ]


def _pools() -> tuple[dict[tuple[str, str], list[str]], list[str], np.ndarray]:
    """Sentences per (topic, language), the topic keys and their weights."""
    truth = pd.read_csv(TRUTH, dtype=str, keep_default_na=False)
    pools: dict[tuple[str, str], list[str]] = {}
    for topic, language, text in zip(truth["topic"], truth["language"], truth["text"], strict=True):
        for sentence in _SENTENCE.split(text):
            sentence = sentence.strip()
            if len(sentence) >= 12 and not sentence.startswith(("http", "#")):
                pools.setdefault((topic, language), []).append(sentence)
    topics = sorted({t for t, _ in pools if (t, "sl") in pools and (t, "en") in pools})
    counts = truth["topic"].value_counts()
    weights = np.array([counts.get(t, 1) for t in topics], float)
    return {k: sorted(set(v)) for k, v in pools.items()}, topics, weights / weights.sum()


def _lexicon(rng: random.Random, n: int) -> list[str]:
    """Made-up names and product codes: the long tail of a real vocabulary."""
    words = []
    for i in range(n):
        if i % 5 == 0:
            words.append(f"{rng.choice(['X', 'Pro', 'Max', 'Go', 'Flex', 'Net'])}{rng.randint(2, 999)}")
        else:
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
            words.append(word.capitalize() if i % 3 == 0 else word)
    return words


class Generator:
    """Posts as a frame with the store's columns (language given, no detection needed)."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = random.Random(seed)
        self.np_rng = np.random.default_rng(seed)
        self.pools, self.topics, self.topic_weights = _pools()
        self.lexicon = _lexicon(self.rng, 200_000)
        ranks = np.arange(1, len(self.lexicon) + 1)
        self.lexicon_p = 1 / ranks**1.05
        self.lexicon_p /= self.lexicon_p.sum()
        self.feeds = feeds()

    def _edit(self, sentence: str, brand: str) -> str:
        rng = self.rng
        for demo in DEMO_BRANDS:
            if demo in sentence:
                sentence = sentence.replace(demo, brand)
        if rng.random() < 0.35:
            sentence = _NUMBER.sub(
                lambda m: str(rng.randint(1, 99 if len(m.group()) < 3 else 2999)), sentence
            )
        if rng.random() < 0.25:
            words = sentence.split(" ")
            if len(words) > 5:
                i = rng.randrange(1, len(words) - 1)
                if rng.random() < 0.5:
                    del words[i]
                else:
                    words[i], words[i + 1] = words[i + 1], words[i]
                sentence = " ".join(words)
        return sentence

    def _text(self, topic: str, language: str, brand: str, channel: str, rare: list[str]) -> tuple[str, str]:
        rng = self.rng
        pool = self.pools[(topic, language)]
        n = rng.randint(3, 8) if channel in RSS_CHANNELS else rng.choice((1, 2, 2, 3, 3, 4))
        sentences = [self._edit(rng.choice(pool), brand) for _ in range(n)]
        if rng.random() < 0.25:
            other = self.pools[(rng.choice(self.topics), language)]
            sentences.insert(rng.randrange(len(sentences) + 1), self._edit(rng.choice(other), brand))
        if rare:
            i = rng.randrange(len(sentences))
            sentences[i] = f"{sentences[i]} {' '.join(rare)}."
        text = " ".join(sentences)
        if channel in ("instagram", "facebook") and rng.random() < 0.7:
            words = _WORD.findall(text)
            tags = rng.sample(words, min(len(words), rng.randint(1, 3)))
            text += " " + " ".join(f"#{w.lower()}" for w in tags)
        title = ""
        if channel in RSS_CHANNELS or (channel == "facebook" and rng.random() < 0.2):
            title = (
                " ".join(sentences[0].split(" ")[: rng.randint(4, 9)]).rstrip(".,:;!") if sentences else ""
            )
        return title, text

    def posts(
        self, n: int, *, start_index: int = 0, end: datetime = END, span_days: float = SPAN_DAYS
    ) -> pd.DataFrame:
        """n posts; ids are unique for distinct start_index ranges."""
        rng, nrng = self.rng, self.np_rng
        # Times: uniform days (with a mild growth trend), weighted weekday and hour.
        days = np.sort(span_days * np.sqrt(nrng.random(n)))  # more posts recently
        base = end - timedelta(days=span_days)
        moments = []
        hours = nrng.choice(24, n, p=HOUR_WEIGHTS / HOUR_WEIGHTS.sum())
        minutes = nrng.integers(0, 60, n)
        for day, hour, minute in zip(days, hours, minutes, strict=True):
            moment = (base + timedelta(days=float(day))).replace(
                hour=int(hour), minute=int(minute), second=0, microsecond=0
            )
            if nrng.random() > DOW_WEIGHTS[moment.weekday()] / 10:  # weekend: fewer posts
                moment -= timedelta(days=min(moment.weekday() - 4, 2))
            moments.append(moment)
        moments.sort()
        feed_weights = np.array(
            [CHANNELS[f["channel"]] * (1.4 if f["brand"] == OWN_BRAND else 1.0) for f in self.feeds]
        )
        feed_index = nrng.choice(len(self.feeds), n, p=feed_weights / feed_weights.sum())
        topic_index = nrng.choice(len(self.topics), n, p=self.topic_weights)
        n_rare = nrng.poisson(1.2, n)
        rare_words = iter(nrng.choice(len(self.lexicon), int(n_rare.sum()) + 1, p=self.lexicon_p))
        rows = []
        recent: list[int] = []  # row indexes of the last ~36 h, for near-copies
        for i in range(n):
            feed = self.feeds[feed_index[i]]
            brand, channel = feed["brand"], feed["channel"]
            moment = moments[i]
            while recent and moments[recent[0]] < moment - timedelta(hours=36):
                recent.pop(0)
            if recent and rng.random() < DUPLICATE_SHARE:
                source = rows[rng.choice(recent)]
                title = source["title"]
                text = " ".join(
                    self._edit(s, brand) if rng.random() < 0.3 else s for s in _SENTENCE.split(source["text"])
                )
                language = source["language"]
                feed = self.feeds[rng.randrange(len(self.feeds))]
                brand, channel = feed["brand"], feed["channel"]
            else:
                language = "sl" if rng.random() < SHARE_SL else "en"
                rare = [self.lexicon[next(rare_words)] for _ in range(n_rare[i])]
                title, text = self._text(self.topics[topic_index[i]], language, brand, channel, rare)
            number = start_index + i
            guid = f"{slug(brand)}-{channel}-{number}"
            reach = {"blog": 3, "newsroom": 2, "facebook": 4, "instagram": 5, "linkedin": 3.5}[channel]
            likes = int(math.exp(rng.gauss(reach, 1.1)))
            rows.append(
                {
                    "feed_id": slug(feed["name"]),
                    "brand": brand,
                    "channel": channel,
                    "guid": guid,
                    "url": f"https://{slug(brand)}.example/{channel}/{number}",
                    "title": title,
                    "text": text,
                    "author": f"{brand} team" if channel in RSS_CHANNELS else brand,
                    "published_at": moment,
                    "language": language,
                    "likes": likes if channel not in RSS_CHANNELS else None,
                    "comments": int(likes * rng.random() * 0.1) if channel not in RSS_CHANNELS else None,
                    "shares": int(likes * rng.random() * 0.05) if channel not in RSS_CHANNELS else None,
                    "views": int(likes * (20 + 40 * rng.random())) if channel not in RSS_CHANNELS else None,
                }
            )
            recent.append(i)
        frame = pd.DataFrame(rows)
        frame["published_at"] = pd.to_datetime(frame["published_at"], utc=True)
        return frame


def with_post_ids(frame: pd.DataFrame) -> pd.DataFrame:
    """The store's post ids (the same function the ingest uses)."""
    from monitor.ingest.clean import post_id

    out = frame.copy()
    out["post_id"] = [post_id(f, g) for f, g in zip(out["feed_id"], out["guid"], strict=True)]
    return out


# --- files --------------------------------------------------------------------------------

META_HEADER = [
    "Post ID", "Page ID", "Page name", "Title", "Description", "Duration (sec)", "Publish time",
    "Caption type", "Permalink", "Is crosspost", "Is share", "Post type", "Languages",
    "Custom labels", "Funded content status", "Data comment", "Date", "Impressions", "Reach",
    "Reactions, comments and shares", "Reactions", "Comments", "Shares", "Total clicks",
    "Link clicks", "Other clicks",
]  # fmt: skip
META_COLUMNS = {
    "text": "Description", "title": "Title", "published": "Publish time", "url": "Permalink",
    "post_id": "Post ID", "author": "Page name", "likes": "Reactions", "comments": "Comments",
    "shares": "Shares", "views": "Impressions",
}  # fmt: skip
META_DATE_FORMAT = "%m/%d/%Y %H:%M"


def _thousands(value) -> str:
    return "" if value is None or pd.isna(value) else f"{int(value):,}"


def write_meta_csv(frame: pd.DataFrame, path: Path) -> None:
    """A Meta-like (Facebook/Instagram) export: quoted newlines, thousands separators, local times."""
    local = frame["published_at"].dt.tz_convert("Europe/Ljubljana").dt.strftime("%m/%d/%Y %H:%M")
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(META_HEADER)
        for i, row in enumerate(frame.itertuples(index=False)):
            reactions = row.likes if row.likes is not None and not pd.isna(row.likes) else i % 300
            writer.writerow(
                [
                    str(10**17 + int(hashlib.md5(row.guid.encode()).hexdigest()[:12], 16)), "104852716630112",
                    row.brand, row.title, row.text.replace(". ", ".\n", 1) if i % 7 == 0 else row.text, "",
                    local.iat[i], "", row.url, "false", "false", "Photos", "", "", "", "", "Lifetime",
                    _thousands(reactions * 30), _thousands(reactions * 25), _thousands(reactions * 1.2),
                    _thousands(reactions), _thousands(reactions // 10), _thousands(reactions // 20), "0", "0", "0",
                ]
            )  # fmt: skip


def rss_bytes(frame: pd.DataFrame, title: str) -> bytes:
    """An RSS 2.0 document (content:encoded with HTML, like WordPress) of the frame's posts."""
    items = []
    for row in frame.itertuples(index=False):
        body = "".join(f"<p>{escape(p)}</p>" for p in re.split(r"(?<=\.)\s+(?=[A-ZČŠŽ])", row.text)[:12])
        items.append(
            "\t<item>\n"
            f"\t\t<title>{escape(row.title or row.text[:60])}</title>\n"
            f"\t\t<link>{escape(row.url)}</link>\n"
            f"\t\t<dc:creator><![CDATA[{row.author}]]></dc:creator>\n"
            f"\t\t<pubDate>{format_datetime(row.published_at.to_pydatetime())}</pubDate>\n"
            f"\t\t<category><![CDATA[{row.channel}]]></category>\n"
            f'\t\t<guid isPermaLink="false">{escape(row.guid)}</guid>\n'
            f"\t\t<description>{escape(row.text[:200])} [&#8230;]</description>\n"
            f"\t\t<content:encoded><![CDATA[{body}]]></content:encoded>\n"
            "\t</item>\n"
        )
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
        f"\t<title>{escape(title)}</title>\n\t<link>https://example.com/</link>\n"
        "\t<description>synthetic</description>\n\t<language>sl-SI</language>\n"
    )
    return (head + "".join(items) + "</channel>\n</rss>\n").encode("utf-8")


def write_synthetic_config(folder: Path, database: Path) -> Path:
    """feeds.yaml for the 40 feeds (their paths are placeholders in folder/files/)."""
    brands = []
    for brand in BRANDS:
        brand_feeds = []
        for feed in (f for f in feeds() if f["brand"] == brand):
            feed_id = slug(feed["name"])
            path = folder / "files" / f"{feed_id}.{'xml' if feed['kind'] == 'rss' else 'csv'}"
            entry = {
                "name": feed["name"],
                "kind": feed["kind"],
                "path": str(path),
                "channel": feed["channel"],
            }
            if feed["kind"] == "csv":
                entry |= {
                    "date_format": META_DATE_FORMAT,
                    "timezone": "Europe/Ljubljana",
                    "columns": META_COLUMNS,
                }
            brand_feeds.append(entry)
        brands.append({"name": brand, "own": brand == OWN_BRAND, "feeds": brand_feeds})
    return write_config(
        folder, brands, database=str(database), timezone="Europe/Ljubljana", topics={"n_topics": "auto"}
    )
