"""Topics on the demo market through the real pipeline (feeds.yaml -> store -> stories ->
topics), scored against the planted topics in data/demo/truth.csv, plus id stability
over weekly refreshes.

    .venv/bin/python -m bench.quality.demo_topics [--weeks 6]

Prints: NMI against the planted topic; for each planted topic the discovered topic that
holds most of its posts (its share = recall, the topic's share of it = purity); whether
planted topics land in distinct topics; the planted signals read off the topics (eSIM
rising, seniors only ours, esports everyone but us); then a replay of the last weeks,
one refit per week (warm-started from the previous run; --cold: without), with the
number of topics, NMI, eSIM/outage recall/purity, the lineage counts and whether a
renamed topic kept its name.
"""

from __future__ import annotations

import argparse
import tempfile
import time

import pandas as pd
from sklearn.metrics import normalized_mutual_info_score

from bench.common import DEMO, ROOT, TRUTH
from monitor import models
from monitor.config.load import load_config
from monitor.ingest.clean import post_id
from monitor.pipeline.refresh import refresh_feeds
from monitor.store.database import open_store
from monitor.topics.model import TopicModel
from monitor.topics.runs import posts_with_topics, refit_topics

OWN = "Lipa Mobil"


def planted_labels(posts: pd.DataFrame, config) -> pd.Series:
    """Planted topic per stored post, joined on the post id the ingest computes."""
    truth = pd.read_csv(TRUTH, dtype=str)
    feed_by_file = {str(feed.path.relative_to(DEMO)): feed.feed_id for feed in config.feeds}
    truth["post_id"] = [
        post_id(feed_by_file[f], guid) for f, guid in zip(truth["feed_file"], truth["source_id"], strict=True)
    ]
    return posts[models.POST_ID].map(truth.set_index("post_id")["topic"])


def topic_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Per planted topic: the discovered topic holding most of it, recall and purity."""
    rows = []
    for planted, group in frame.groupby("planted"):
        counts = group["topic_label"].value_counts()
        best = counts.index[0]
        in_best = frame[frame["topic_label"] == best]
        rows.append(
            {
                "planted": planted,
                "posts": len(group),
                "best topic": best,
                "recall": counts.iloc[0] / len(group),
                "purity": (in_best["planted"] == planted).mean(),
            }
        )
    return pd.DataFrame(rows).sort_values("posts", ascending=False)


def signal_lines(frame: pd.DataFrame, table: pd.DataFrame) -> list[str]:
    best = table.set_index("planted")["best topic"]
    lines = []
    last = frame[models.PUBLISHED_AT].max()
    recent = frame[models.PUBLISHED_AT] > last - pd.Timedelta(days=28)
    esim = frame["topic_label"] == best.get("esim")
    base_weeks = (frame[models.PUBLISHED_AT].max() - frame[models.PUBLISHED_AT].min()).days / 7 - 4
    lines.append(
        f"rising  eSIM topic '{best.get('esim')}': {int((esim & recent).sum())} posts in the last 4 weeks "
        f"vs {int((esim & ~recent).sum()) / base_weeks * 4:.1f} per 4 weeks before"
    )
    for planted, text in (("seniors", "own angle"), ("esports", "gap")):
        topic = frame[frame["topic_label"] == best.get(planted)]
        by_brand = topic.groupby(models.BRAND).size().to_dict()
        lines.append(f"{text:9} '{best.get(planted)}': posts per brand {by_brand}")
    return lines


def weekly_replay(config, weeks: int) -> tuple[list[str], pd.DataFrame]:
    """Refit once per week over the last `weeks` weeks; report lineage, quality and a rename."""
    lines, rows = [], []
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{folder}/replay.db")
        refresh_feeds(config, store)
        everything = store.load_posts()
        end = everything[models.PUBLISHED_AT].max()
        cutoffs = [end - pd.Timedelta(days=7 * (weeks - i)) for i in range(weeks + 1)]
        # Replay: remove posts after the first cutoff, then add one week at a time.
        from sqlalchemy import delete

        from monitor.store.database import posts as posts_table

        with store.engine.begin() as connection:
            connection.execute(delete(posts_table).where(posts_table.c.published_at > cutoffs[0]))
        renamed = None
        for cutoff in cutoffs:
            week = everything[(everything[models.PUBLISHED_AT] <= cutoff)]
            for feed_id, group in week.groupby(models.FEED_ID):
                store.save_fetch(feed_id, group, started_at=pd.Timestamp.now(tz="UTC"), status="ok")
            update = refit_topics(store, config.settings.topics)
            topics = store.load_topics()
            if renamed is None:
                renamed = int(topics.iloc[0]["topic_id"])
                store.rename_topic(renamed, "Our renamed topic")
            kept = "kept" if renamed in set(store.load_topics()["topic_id"]) else "retired"
            frame = posts_with_topics(store.load_posts(), store.load_post_topics(), store.load_topics())
            frame["planted"] = planted_labels(frame, config)
            frame["topic_label"] = frame["topic_label"].fillna("(no topic)")
            table = topic_table(frame).set_index("planted")
            small = "; ".join(
                f"{p} {table.loc[p, 'recall']:.2f}/{table.loc[p, 'purity']:.2f}" for p in ("esim", "outage")
            )
            nmi = normalized_mutual_info_score(frame["planted"], frame["topic_label"])
            fates = dict(update.lineage)
            rows.append({"week": f"{cutoff:%Y-%m-%d}", "topics": update.n_topics, "nmi": nmi, **fates})
            lines.append(
                f"{cutoff:%Y-%m-%d}: {update.n_posts:5,} posts, {update.n_topics:2} topics, NMI {nmi:.3f}, "
                f"{small} (recall/purity), {fates}; renamed topic {renamed} {kept}"
            )
        store.close()
    return lines, pd.DataFrame(rows).fillna(0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=6, help="weekly refits to replay (0: none)")
    parser.add_argument("--cold", action="store_true", help="refit without warm start (previous labels)")
    args = parser.parse_args()
    if args.cold:
        fit = TopicModel.fit
        TopicModel.fit = lambda self, texts, languages=None, previous_labels=None: fit(self, texts, languages)
    config = load_config(ROOT / "feeds.yaml")
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{folder}/demo.db")
        refresh_feeds(config, store)
        started = time.perf_counter()
        update = refit_topics(store, config.settings.topics)
        seconds = time.perf_counter() - started
        frame = posts_with_topics(store.load_posts(), store.load_post_topics(), store.load_topics())
        store.close()
    frame["planted"] = planted_labels(frame, config)
    frame["topic_label"] = frame["topic_label"].fillna("(no topic)")
    print(
        f"demo: {len(frame):,} posts, {frame['story_id'].nunique():,} stories, {update.n_topics} topics, refit {seconds:.1f} s"
    )
    print(f"NMI vs planted topic: {normalized_mutual_info_score(frame['planted'], frame['topic_label']):.3f}")
    print(
        f"NMI vs language:      {normalized_mutual_info_score(frame[models.LANGUAGE].fillna(''), frame['topic_label']):.3f}"
    )
    table = topic_table(frame)
    print(table.to_string(index=False, float_format=lambda v: f"{v:.2f}"))
    distinct = table["best topic"].nunique()
    print(f"planted topics in distinct discovered topics: {distinct} of {len(table)}")
    for line in signal_lines(frame, table):
        print(line)
    if args.weeks:
        print(f"\nweekly refits over the last {args.weeks} weeks:")
        lines, churn = weekly_replay(config, args.weeks)
        for line in lines:
            print("  " + line)
        later = churn.iloc[1:]
        print(
            "  per refit after the first: "
            + ", ".join(
                f"{col} {later[col].mean():.1f}"
                for col in ("continued", "split", "merged", "new", "retired")
                if col in later
            )
            + f"; mean NMI {churn['nmi'].mean():.3f}"
        )


if __name__ == "__main__":
    main()
