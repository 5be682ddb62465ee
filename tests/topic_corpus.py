"""A small inline market for topic tests: clearly separated subjects posted by two brands on
four feeds over four weeks, plus one story syndicated by three feeds."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd

from monitor import models
from monitor.config.settings import FeedConfig
from monitor.store.database import Store

START = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # a Monday
DAYS = 28

FEEDS = (
    FeedConfig(
        feed_id="lipa-blog", name="Lipa blog", brand="Lipa Mobil", kind="rss", channel="blog",
        url="https://lipa.example/feed.xml",
    ),
    FeedConfig(
        feed_id="lipa-facebook", name="Lipa Facebook", brand="Lipa Mobil", kind="csv", channel="facebook",
        path=Path("exports/lipa-facebook.csv"),
    ),
    FeedConfig(
        feed_id="kras-blog", name="Kras blog", brand="Kras Telekom", kind="rss", channel="blog",
        url="https://kras.example/feed.xml",
    ),
    FeedConfig(
        feed_id="kras-instagram", name="Kras Instagram", brand="Kras Telekom", kind="csv",
        channel="instagram", path=Path("exports/kras-instagram.csv"),
    ),
)  # fmt: skip
FEED_IDS = tuple(feed.feed_id for feed in FEEDS)

# Two anchor words in every post of a subject, then a varied sample of the rest: labels are
# clear, and no two posts are near-duplicates of each other.
SUBJECTS = {
    "football": ("football league", "match striker goal referee stadium penalty coach derby supporters"),
    "baking": ("baking sourdough", "bread oven flour butter dough pastry croissant yeast crust"),
    "phones": ("smartphone camera", "battery screen android charger processor display firmware lens"),
    "roaming": ("roaming travel", "abroad holiday airport tariff passport border destination luggage"),
    "fibre": ("fibre broadband", "gigabit router installation household optical cable modem technician"),
}
NEW_SUBJECT = (
    "esports",
    ("esports tournament", "gaming bracket championship console arena trophy qualifier livestream"),
)

# One story, lightly edited by three feeds of two brands within a day.
STORY = (
    "The national football league final ends in a penalty shootout after a goalless derby; the "
    "referee sent off two players, the coach praised the supporters who filled the stadium in "
    "the rain, and the striker who missed the last penalty apologised to every fan."
)
STORY_COPIES = (
    ("lipa-blog", "Breaking:", datetime(2026, 3, 18, 8, 0, tzinfo=UTC)),
    ("kras-blog", "Tonight:", datetime(2026, 3, 18, 10, 30, tzinfo=UTC)),
    ("lipa-facebook", "Did you watch it?", datetime(2026, 3, 18, 19, 0, tzinfo=UTC)),
)
STORY_POST_IDS = tuple(f"{feed_id}:story" for feed_id, _intro, _when in STORY_COPIES)


def subject_posts(
    subject: str, n: int, first: int = 0, start: datetime = START, days: int = DAYS
) -> list[dict]:
    """n distinct posts on a subject (numbered from first), one every 37 hours from start,
    wrapping round after days."""
    anchors, words = dict([*SUBJECTS.items(), NEW_SUBJECT])[subject]
    rng = random.Random(f"{subject}-{first}")
    offset = 5 * list(SUBJECTS).index(subject) if subject in SUBJECTS else 3
    rows = []
    for i in range(first, first + n):
        body = [*anchors.split(), *rng.sample(words.split(), 6)]
        rng.shuffle(body)
        feed_id = FEED_IDS[i % len(FEED_IDS)]
        rows.append(
            post(
                feed_id, f"{subject}-{i}", " ".join(body).capitalize() + ".",
                start + timedelta(hours=(i * 37 + offset) % (days * 24)), likes=3 + i % 7,
            )
        )  # fmt: skip
    return rows


def post(
    feed_id: str, guid: str, text: str, published: datetime, likes: int = 5, title: str | None = None
) -> dict:
    return {
        models.POST_ID: f"{feed_id}:{guid}",
        models.FEED_ID: feed_id,
        models.GUID: guid,
        models.TITLE: title,
        models.TEXT: text,
        models.LANGUAGE: "en",
        models.PUBLISHED_AT: published,
        models.LIKES: likes,
    }


def story_posts() -> list[dict]:
    return [post(feed_id, "story", f"{intro} {STORY}", when) for feed_id, intro, when in STORY_COPIES]


def market(n_per_subject: int = 30, first: int = 0, days: int = DAYS) -> list[dict]:
    """n posts on every subject of SUBJECTS (see subject_posts)."""
    return [row for subject in SUBJECTS for row in subject_posts(subject, n_per_subject, first, days=days)]


def save(store: Store, rows: list[dict]) -> None:
    """Store rows as one fetch per feed, as a fetch would."""
    store.sync_feeds(FEEDS)
    frame = models.posts_frame(rows)
    for feed_id, part in frame.groupby(models.FEED_ID):
        store.save_fetch(str(feed_id), part, started_at=START, status="ok")


def subject_of(post_id: str) -> str:
    """The subject a post of this corpus was written on ('story' for the syndicated story)."""
    return post_id.split(":", 1)[1].rsplit("-", 1)[0]


def topic_of_subject(post_topics: pd.DataFrame) -> dict[str, int]:
    """subject -> its one topic id; fails when a subject's posts are spread over topics."""
    subjects = post_topics[models.POST_ID].map(subject_of)
    by_subject = post_topics.groupby(subjects)["topic_id"].unique()
    assert by_subject.map(len).eq(1).all(), by_subject.to_dict()
    return {subject: int(ids[0]) for subject, ids in by_subject.items()}
