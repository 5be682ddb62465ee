"""@mentions and #hashtags in real posts (../shared/data/social_posts, outside the project).

The answer keys in tests/data/real_mentions_*.csv were written by reading each post: 60 posts with
'@' or '#' drawn from each file (pandas sample, random_state=21), 15 posts with neither (nothing may
be invented there) and up to 15 hard cases (an e-mail address, '@ 12PM', '#1', '# of', hashtags cut
by a hyphen or an apostrophe, handles in Unicode direction marks, posts cut by the API's '…').
The keys name posts by id only; the texts stay in the shared folder. Yum's file also carries the
Twitter API's own hashtags, an independent check over every post. Skipped where the folder is absent.
"""

from __future__ import annotations

import ast
import csv
from pathlib import Path

import pandas as pd
import pytest

from monitor.analysis.partners import hashtags_in, mentions_in
from tests.paths import DATA

SOCIAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "social_posts"
# key name -> (shared file, its id column)
SOURCES = {
    "french_media": ("french_media_tweets.csv", "id_tweet"),
    "yum": ("yum_brands_tweets.csv", "tweet_id"),
}
MIN_TAGGED_ROWS = 60
MIN_API_AGREEMENT = 0.97


def key_rows(name: str) -> list[dict[str, str]]:
    with (DATA / f"real_mentions_{name}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def lowered(cell: str) -> list[str]:
    """A ';'-joined key cell as a lower-case list ('' is no item)."""
    return [part.lower() for part in cell.split(";")] if cell else []


def shared_posts(name: str) -> pd.DataFrame:
    """The shared file with every column as text, so ids keep all their digits."""
    file, _ = SOURCES[name]
    path = SOCIAL / file
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.mark.parametrize("name", list(SOURCES))
def test_answer_key_has_enough_posts_with_tags(name):
    rows = key_rows(name)
    ids = [row["tweet_id"] for row in rows]

    assert len(ids) == len(set(ids)), "a post is listed twice"
    assert all(tweet_id.isdigit() for tweet_id in ids)
    tagged = [row for row in rows if row["mentions"] or row["hashtags"]]
    assert len(tagged) >= MIN_TAGGED_ROWS


@pytest.mark.parametrize("name", list(SOURCES))
def test_extractor_finds_what_a_reader_listed(name):
    _, id_column = SOURCES[name]
    posts = shared_posts(name)
    text_by_id = dict(zip(posts[id_column], posts["text"], strict=True))
    rows = key_rows(name)

    missing = [row["tweet_id"] for row in rows if row["tweet_id"] not in text_by_id]
    assert not missing, f"key ids not in the shared file: {missing}"

    mismatches = []
    for row in rows:
        text = text_by_id[row["tweet_id"]]
        for kind, extract in (("mentions", mentions_in), ("hashtags", hashtags_in)):
            expected = lowered(row[kind])
            got = [item.lower() for item in extract(text)]
            if got != expected:
                note = f" ({row['note']})" if row["note"] else ""
                mismatches.append(f"{row['tweet_id']} {kind}: expected {expected}, got {got}{note}")

    assert not mismatches, f"{len(mismatches)} mismatch(es) in {name}:\n" + "\n".join(mismatches)


def test_hashtags_agree_with_the_twitter_api_on_yum():
    """Over every Yum post, the extractor's hashtags equal the set the Twitter API gave."""
    posts = shared_posts("yum")
    disagreements = []
    for tweet_id, text, api_cell in zip(posts["tweet_id"], posts["text"], posts["hashtags"], strict=True):
        api = {tag.lower() for tag in ast.literal_eval(api_cell)} if api_cell else set()
        got = {tag.lower() for tag in hashtags_in(text)}
        if got != api:
            disagreements.append(f"{tweet_id}: api {sorted(api)}, got {sorted(got)}")

    agreement = 1 - len(disagreements) / len(posts)
    print(f"{len(disagreements)} of {len(posts)} Yum posts disagree with the API's hashtags")
    assert agreement >= MIN_API_AGREEMENT, (
        f"{len(disagreements)} of {len(posts)} posts disagree ({agreement:.1%} agree):\n"
        + "\n".join(disagreements[:40])
    )
