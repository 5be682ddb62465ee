"""Differentiation, cadence and engagement on the demo market through the real pipeline
(feeds.yaml -> store -> topics -> posts_with_topics), checked against the planted signals.

    .venv/bin/python -m bench.quality.differentiation_demo [--scale 30]

Prints: topic classes on the discovered topics; the same classes on the PLANTED topics of
data/demo/truth.csv (the check: esports = gap, seniors = own angle; the topic model is
tuned by others, so the planted labels are the stable yardstick); distinctive terms per
brand; brand similarity and map; the sentences; cadence peaks and frequency; engagement
by topic; timings (with --scale N, on the demo replicated N times as distinct stories).
Exits 1 when a planted signal is classified wrong.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time

import pandas as pd

from bench.common import ROOT
from bench.quality.demo_topics import OWN, planted_labels
from monitor.analysis import cadence, differentiation, distinctive_terms, engagement
from monitor.config.load import load_config
from monitor.pipeline.refresh import refresh_feeds
from monitor.store.database import open_store
from monitor.topics.runs import posts_with_topics, refit_topics

# Planted topic -> expected class with the default thresholds (2 % and 3 posts). esim and
# outage are small on purpose (rising / crisis signals): one competitor passes 2 % there.
EXPECTED = {"esports": "gap", "seniors": "own_angle", "esim": "niche", "outage": "niche"}
CLASS_VIEW = ["topic_id", "topic_label", "class", "own_posts", "own_share", "n_competitors_covering", "ratio"]


def demo_frame() -> tuple[pd.DataFrame, object]:
    """The demo's posts-with-topics frame, built in a temporary store."""
    config = load_config(ROOT / "feeds.yaml")
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{folder}/demo.db")
        refresh_feeds(config, store)
        refit_topics(store, config.settings.topics)
        frame = posts_with_topics(store.load_posts(), store.load_post_topics(), store.load_topics())
        store.close()
    return frame, config


def with_planted_topics(frame: pd.DataFrame, planted: pd.Series) -> pd.DataFrame:
    """The frame with the planted topic as topic_id / topic_label."""
    names = sorted(planted.dropna().unique())
    codes = planted.map({name: i for i, name in enumerate(names)})
    return frame.assign(topic_id=codes.astype("Int64"), topic_label=planted)


def planted_check(frame: pd.DataFrame) -> bool:
    """Classes on the planted topics; True when every expected class holds."""
    classes = differentiation.classify_topics(frame, OWN)
    print(classes[CLASS_VIEW].to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    got = classes.set_index("topic_label")["class"]
    ok = True
    for topic, expected in EXPECTED.items():
        verdict = "ok" if got.get(topic) == expected else "WRONG"
        ok &= verdict == "ok"
        print(f"  {verdict:5} planted {topic}: {got.get(topic)} (expected {expected})")
    others = got.drop(list(EXPECTED), errors="ignore")
    print(f"  other planted topics: {others.value_counts().to_dict()} (expected all crowded)")
    return ok


def model_check(frame: pd.DataFrame, planted: pd.Series) -> None:
    """Class of the discovered topic that holds most of each planted signal topic."""
    classes = differentiation.classify_topics(frame, OWN).set_index("topic_id")
    for topic in ("esports", "seniors"):
        best = frame.loc[planted.eq(topic), "topic_id"].mode()
        if best.empty or best.iloc[0] not in classes.index:
            print(f"  planted {topic}: no discovered topic holds it")
            continue
        row = classes.loc[best.iloc[0]]
        print(f"  planted {topic} -> topic {best.iloc[0]} '{row['topic_label']}': {row['class']}")


def print_terms(frame: pd.DataFrame) -> None:
    terms = distinctive_terms.distinctive_terms(frame, n_terms=10)
    for brand, group in terms.groupby("brand"):
        shown = ", ".join(
            f"{r.term} ({r.count_brand}/{r.count_others}, z {r.z:.1f})" for r in group.itertuples()
        )
        print(f"  {brand}: {shown}")


def print_similarity(frame: pd.DataFrame) -> None:
    similarity = differentiation.brand_similarity(frame)
    print(similarity.pivot(index="brand_a", columns="brand_b", values="similarity").round(2).to_string())
    print(differentiation.brand_map(frame).round(3).to_string(index=False))


def print_cadence(frame: pd.DataFrame, timezone: str) -> None:
    cells = cadence.weekday_hour_counts(frame, timezone)
    for brand, group in cells.groupby("brand"):
        top = group.nlargest(3, "n_posts")
        peaks = ", ".join(f"{r.weekday_name[:3]} {r.hour:02d}h: {r.n_posts}" for r in top.itertuples())
        print(f"  {brand}: {peaks}")
    table = cadence.posting_frequency(frame, timezone)
    print(
        table.drop(columns=["first_post", "last_post"]).to_string(
            index=False, float_format=lambda v: f"{v:.1f}"
        )
    )


def print_engagement(frame: pd.DataFrame) -> None:
    columns = [
        "topic_label",
        "n_posts",
        "n_with_metrics",
        "likes_median",
        "engagement_per_post_median",
        "engagement_rate",
    ]
    table = engagement.engagement_by(frame)[columns]
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}" if v < 1 else f"{v:.0f}"))
    print(engagement.engagement_by(frame, ("brand",))[["brand", *columns[1:]]].to_string(index=False))


def timings(frame: pd.DataFrame, scale: int, timezone: str) -> None:
    """Seconds per function on the demo replicated `scale` times as distinct stories."""
    # astype(str): posts_with_topics gives story_id as a categorical, which cannot take "+".
    big = pd.concat(
        [
            frame.assign(
                story_id=frame["story_id"].astype(str) + f"#{i}",
                post_id=frame["post_id"].astype(str) + f"#{i}",
            )
            for i in range(scale)
        ],
        ignore_index=True,
    )
    calls = {
        "classify_topics": lambda: differentiation.classify_topics(big, OWN),
        "distinctive_terms": lambda: distinctive_terms.distinctive_terms(big),
        "brand_similarity": lambda: differentiation.brand_similarity(big),
        "weekday_hour_counts": lambda: cadence.weekday_hour_counts(big, timezone),
        "posting_frequency": lambda: cadence.posting_frequency(big, timezone),
        "engagement_by topic": lambda: engagement.engagement_by(big),
    }
    for name, call in calls.items():
        started = time.perf_counter()
        call()
        print(f"  {name:20} {len(big):>7,} posts: {time.perf_counter() - started:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1, help="replicate the demo N times for timings")
    args = parser.parse_args()
    frame, config = demo_frame()
    timezone = config.settings.timezone
    planted = planted_labels(frame, config)
    print(f"demo: {len(frame):,} posts, {frame['topic_id'].nunique()} discovered topics\n")
    print("== classes on the planted topics (truth.csv)")
    ok = planted_check(with_planted_topics(frame, planted))
    print("\n== classes on the discovered topics")
    classes = differentiation.classify_topics(frame, OWN)
    print(classes[CLASS_VIEW].to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    model_check(frame, planted)
    print("\n== explanations")
    for line in classes["explanation"]:
        print(f"  - {line}")
    print("\n== sentences")
    for line in differentiation.differentiation_sentences(
        classes, differentiation.coverage_matrix(frame), OWN
    ):
        print(f"  * {line}")
    print("\n== distinctive terms (count brand / others)")
    print_terms(frame)
    print("\n== brand similarity of topic profiles, and the 2-D map")
    print_similarity(frame)
    print(f"\n== cadence ({timezone}): peak weekday-hours, then frequency per channel")
    print_cadence(frame, timezone)
    print("\n== engagement by topic (posts with metrics only), then by brand")
    print_engagement(frame)
    print("\n== timings")
    timings(frame, args.scale, timezone)
    print(f"\nplanted check: {'ok' if ok else 'FAILED'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
