"""Near-duplicate stories benchmark: features, threshold, window and minimum length, plus speed.

Run from the project root: `.venv/bin/python -m bench.quality.near_duplicates [grid|window|length|samples|speed]`
(no argument: all sections). Data: data/demo/truth.csv (the planted syndicated story),
../shared/data/feeds_real (real RSS/Atom files), ../shared/data/social_posts/french_media_tweets.csv
(28 French media accounts); a missing file is skipped with a message.

Columns: `recall` = the 5 planted copies form exactly one story with nothing else in it;
`groups` = stories of 2+ posts; `x-brand` = stories spanning 2+ brands (demo: other than the
planted one; tweets: 2+ accounts, i.e. the same story told by several media).

Log of what decided the design (run of 2026-11-27):
- features (window 3 d, min_tokens 0): the planted story's weakest needed link is 0.79 for
  words, 0.64 shingles2, 0.63 shingles3, 0.80 chars5, while the closest other cross-brand demo
  pair is 0.78 / 0.60 / 0.55 / 0.78; only 3-shingles leave a margin. At threshold 0.5 the demo
  forms 131 / 16 / 4 / 151 groups. Without idf the margins shrink (shingles3 0.67 vs 0.59).
- threshold (shingles3): 0.4 -> 7 false cross-brand demo groups (posts sharing one template
  sentence), 0.5 -> 1 (0 with window 2 d), 0.7 loses the planted story. Chosen 0.5.
- window: 0.25 d loses the story (18 h gap in its chain); 1-2 d keep it with 0 false demo
  merges; 3 / 7 / 30 d add 1 / 5 / 14 demo groups while tweets stay at 37 cross-account
  groups from 1 d on. Chosen 2 d.
- min_tokens: groups with a 4-token post: 7 of 7 true; 5-token: ~10 of 12 true; sampled groups
  of <= 3-token posts were templated replies ("@Mediavenir Source : <url>" x 22, "Pour en
  savoir plus", "Rejoignez nous dans notre Espace"). Chosen 4.
- samples at the defaults, judged by reading: demo 1 cross-brand group = the planted story
  (recall 5/5, no other post in it). Tweets: 36 cross-account groups, 28 of 30 sampled are the
  same story (false: three different "le point sur la situation" live briefings; "8 million"
  vs "13 million displaced"). Real feeds: 3 groups, 0 true: two Google Alerts pairs of
  templated insider-sale notices differing only in figures (numbers are not tokens), and 9
  posts of a Chinese forum feed sharing an image-caption boilerplate.
- speed (synthetic demo texts with edits, 2 years): 100k posts 7.1 s, peak RSS 624 MB (438 MB
  is the frame itself); 1M posts 54 s, peak RSS 3.6 GB (2.3 GB the frame). Tokenizing
  (monitor.topics.text.tokenize, ~0.1 ms a post) is ~80 % of the time; the windowed products ~0.7 s
  per 100k.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time

import numpy as np
import pandas as pd

from bench.common import ROOT, SHARED_DATA, TRUTH, maxrss_mb, module_command
from monitor.topics import stories

FEEDS = SHARED_DATA / "feeds_real"
TWEETS = SHARED_DATA / "social_posts" / "french_media_tweets.csv"

FEATURES = ("words", "shingles2", "shingles3", "chars5")
THRESHOLDS = (0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)
WINDOWS = (0.25, 1.0, 2.0, 3.0, 7.0, 30.0)
MIN_TOKENS = (0, 3, 4, 5, 6, 8, 10, 12)


def load_demo() -> pd.DataFrame | None:
    """Demo posts with the planted signal column."""
    if not TRUTH.exists():
        print(f"skip demo: {TRUTH} missing")
        return None
    t = pd.read_csv(TRUTH)
    return pd.DataFrame(
        {
            "post_id": t.feed_file + "#" + t.source_id.astype(str),
            "feed_id": t.feed_file,
            "brand": t.brand,
            "channel": t.channel,
            "title": None,
            "text": t.text,
            "published_at": pd.to_datetime(t.published_utc, utc=True),
            "signal": t.signal.fillna(""),
        }
    )


def load_feeds() -> pd.DataFrame | None:
    """Every readable real feed file as posts; brand = the file, channel = blog."""
    from monitor.ingest.rss import parse_feed_bytes

    if not FEEDS.exists():
        print(f"skip real feeds: {FEEDS} missing")
        return None
    frames = []
    for path in sorted(p for p in FEEDS.rglob("*") if p.is_file() and p.suffix != ".csv"):
        feed_id = f"{path.parent.name}/{path.name}"
        try:
            posts, _ = parse_feed_bytes(path.read_bytes(), feed_id)
        except Exception as exc:  # a bench reads what it can
            print(f"  (unreadable {feed_id}: {type(exc).__name__})")
            continue
        frames.append(posts.assign(brand=path.stem, channel="blog"))
    return pd.concat(frames, ignore_index=True)


def load_tweets() -> pd.DataFrame | None:
    """French media tweets as posts: one feed and brand per account, channel x."""
    if not TWEETS.exists():
        print(f"skip tweets: {TWEETS} missing")
        return None
    t = pd.read_csv(TWEETS, dtype={"id_tweet": str})
    return pd.DataFrame(
        {
            "post_id": t.id_tweet,
            "feed_id": t.account,
            "brand": t.account,
            "channel": "x",
            "title": None,
            "text": t.text,
            "published_at": pd.to_datetime(t.created_at, utc=True),
        }
    )


def demo_figures(demo: pd.DataFrame, result: pd.DataFrame) -> tuple[bool, int, int]:
    """(planted story recalled, groups of 2+, cross-brand groups other than the planted one)."""
    planted = result.story_id[demo.signal == "syndicated"]
    story = planted.iloc[0]
    recalled = planted.nunique() == 1 and (result.story_id == story).sum() == 5
    multi = result[result.n_copies > 1]
    cross = multi[(multi.n_brands > 1) & (multi.story_id != story)].story_id.nunique()
    return recalled, multi.story_id.nunique(), cross


def group_figures(result: pd.DataFrame) -> tuple[int, int, int]:
    """(groups of 2+, cross-brand groups, posts in groups)."""
    multi = result[result.n_copies > 1]
    return multi.story_id.nunique(), multi[multi.n_brands > 1].story_id.nunique(), len(multi)


def section_grid(demo, feeds, tweets) -> None:
    """Features x threshold on all three corpora (window 3 days, no length guard)."""
    print("\n## features x threshold (window 3 d, min_tokens 0)")
    print(
        f"{'features':<10} {'thr':>4} | demo recall groups x-brand | feeds groups posts | tweets groups x-acct"
    )
    for features in FEATURES:
        for thr in THRESHOLDS:
            kw = {"threshold": thr, "window_days": 3.0, "min_tokens": 0, "features": features}
            rec, groups, cross = demo_figures(demo, stories.find_stories(demo, **kw))
            fg, _, fposts = group_figures(stories.find_stories(feeds, **kw))
            tg, tcross, _ = group_figures(stories.find_stories(tweets, **kw))
            print(
                f"{features:<10} {thr:>4} | {rec!s:>11} {groups:>6} {cross:>7} | {fg:>12} {fposts:>5} "
                f"| {tg:>13} {tcross:>6}"
            )


def section_window(demo, tweets) -> None:
    """Window length at the chosen features and threshold."""
    print(f"\n## window (features {stories.FEATURES}, threshold {stories.THRESHOLD}, min_tokens 0)")
    print(f"{'days':>6} | demo recall groups x-brand | tweets groups x-acct posts")
    for days in WINDOWS:
        kw = {"window_days": days, "min_tokens": 0}
        rec, groups, cross = demo_figures(demo, stories.find_stories(demo, **kw))
        tg, tcross, tposts = group_figures(stories.find_stories(tweets, **kw))
        print(f"{days:>6} | {rec!s:>11} {groups:>6} {cross:>7} | {tg:>13} {tcross:>6} {tposts:>5}")


def section_length(demo, tweets) -> None:
    """Minimum tokens at the chosen features, threshold and window."""
    print(
        f"\n## min_tokens (features {stories.FEATURES}, threshold {stories.THRESHOLD}, window {stories.WINDOW_DAYS} d)"
    )
    print(f"{'min':>4} | demo recall groups x-brand | tweets groups x-acct | groups with a post < 8 tokens")
    for n in MIN_TOKENS:
        rec, groups, cross = demo_figures(demo, stories.find_stories(demo, min_tokens=n))
        result = stories.find_stories(tweets, min_tokens=n)
        tg, tcross, _ = group_figures(result)
        _, n_tokens = stories.story_vectors(stories.post_texts(tweets).tolist())
        short = result[(result.n_copies > 1) & (n_tokens < 8)].story_id.nunique()
        print(f"{n:>4} | {rec!s:>11} {groups:>6} {cross:>7} | {tg:>13} {tcross:>6} | {short}")


def _print_groups(posts: pd.DataFrame, result: pd.DataFrame, ids: list[str], width: int = 110) -> None:
    """Each story: its posts' feed, time and first characters."""
    for k, story in enumerate(ids, 1):
        members = posts[result.story_id.to_numpy() == story].sort_values("published_at")
        print(f"  [{k}] {len(members)} posts")
        for row in members.itertuples():
            text = " ".join(f"{row.title or ''} {row.text}".split())[:width]
            print(f"      {row.feed_id[:22]:<22} {row.published_at:%Y-%m-%d %H:%M} {text}")


def section_samples(demo, feeds, tweets) -> None:
    """Samples of groups at the chosen parameters, to be judged by reading."""
    rng = random.Random(7)
    print(
        f"\n## samples at defaults ({stories.FEATURES}, {stories.THRESHOLD}, {stories.WINDOW_DAYS} d, {stories.MIN_TOKENS} tokens)"
    )
    for name, posts, n in (("demo", demo, 15), ("real feeds", feeds, 15), ("tweets", tweets, 30)):
        result = stories.find_stories(posts)
        multi = result[result.n_copies > 1]
        if name != "real feeds":
            multi = multi[multi.n_brands > 1]
        ids = sorted(multi.story_id.unique())
        print(
            f"\n### {name}: {len(ids)} groups ({'all' if name == 'real feeds' else 'cross-brand'}), sample of {min(n, len(ids))}"
        )
        _print_groups(posts, result, rng.sample(ids, min(n, len(ids))))


def synthetic(n: int, seed: int = 0) -> pd.DataFrame:
    """n posts: demo texts with random word drops, swaps and hashtags, dates over 2 years."""
    t = pd.read_csv(TRUTH)
    rng = np.random.default_rng(seed)
    base = t.text.to_numpy()[rng.integers(0, len(t), n)]
    extra = np.array(["#novo", "#akcija", "#5G", "Več na spletu.", "Pišite nam!", "🔥", "#poletje"])
    texts = []
    for text, r in zip(base, rng.random((n, 3)), strict=True):
        words = text.split()
        if r[0] < 0.5 and len(words) > 5:
            del words[int(r[1] * len(words))]
        if r[2] < 0.5:
            words.append(extra[int(r[2] * 14) % len(extra)])
        texts.append(" ".join(words))
    start = pd.Timestamp("2024-01-01", tz="UTC").value
    stamps = start + rng.integers(0, 2 * 365 * 86_400, n) * 1_000_000_000
    feeds = t.feed_file.to_numpy()[rng.integers(0, len(t), n)]
    return pd.DataFrame(
        {
            "post_id": [f"p{i}" for i in range(n)],
            "feed_id": feeds,
            "brand": [f.split("/")[1].split("_")[0] for f in feeds],
            "channel": "x",
            "title": None,
            "text": texts,
            "published_at": pd.to_datetime(stamps, utc=True),
        }
    )


def speed_one(n: int) -> None:
    """Time find_stories on n synthetic posts and print seconds, peak RSS and figures."""
    posts = synthetic(n)
    before = maxrss_mb()
    t0 = time.perf_counter()
    result = stories.find_stories(posts)
    seconds = time.perf_counter() - t0
    peak = maxrss_mb()
    groups, _, in_groups = group_figures(result)
    print(
        f"{n:>9} | {seconds:>7.1f} s | peak RSS {peak:>6.0f} MB (data {before:.0f} MB) | {groups} groups, {in_groups} posts in them"
    )


def section_speed(sizes: list[int]) -> None:
    """Speed per size, each in a fresh process so peak memory is its own."""
    print("\n## speed on synthetic posts (defaults; one fresh process per size)")
    print(f"{'posts':>9} | {'time':>9} | memory | groups")
    for n in sizes:
        subprocess.run(
            module_command("bench.quality.near_duplicates", "speed-one", str(n)), cwd=ROOT, check=False
        )


def main(argv: list[str]) -> None:
    """Run the sections named in argv (all when none)."""
    if argv[:1] == ["speed-one"]:
        speed_one(int(argv[1]))
        return
    wanted = set(argv) or {"grid", "window", "length", "samples", "speed"}
    demo, feeds, tweets = load_demo(), load_feeds(), load_tweets()
    if demo is None or feeds is None or tweets is None:
        return
    print(
        f"demo {len(demo)} posts, real feeds {len(feeds)} posts in {feeds.feed_id.nunique()} files, tweets {len(tweets)}"
    )
    if "grid" in wanted:
        section_grid(demo, feeds, tweets)
    if "window" in wanted:
        section_window(demo, tweets)
    if "length" in wanted:
        section_length(demo, tweets)
    if "samples" in wanted:
        section_samples(demo, feeds, tweets)
    if "speed" in wanted:
        section_speed([100_000, 1_000_000])


if __name__ == "__main__":
    main(sys.argv[1:])
