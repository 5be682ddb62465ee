"""Trend flags measured: what they find on the demo market and how often they fire on noise.

    .venv/bin/python -m bench.quality.trend_flags [--seeds 50] [--no-model]

Prints
1. false flags per 1,000 flat series: 20 topics x 5 brands x 42 weeks, each topic x brand a
   Poisson series at a constant rate drawn log-uniform in 0.5..10 posts a week, one run per
   seed; topic series sum 5 brands, brand series sum 20 topics (~100 a week);
2. the planted demo signals (eSIM rising, Kras Telekom's outage week of 2026-09-14) read with
   the planted topics of data/demo/truth.csv as topics (the flag logic on its own) and with the
   topics the model finds (the product as shipped), plus every other flag raised on the demo;
3. a grid of thresholds (min count x min factor x min score): false flags per 1,000 series per
   kind, planted flags found, other demo flags. The grid filters one loose run, so for spikes
   it judges each series' highest-scoring week only; the defaults' row is run exactly.
--no-model skips the topic model (about 100 s): stories from monitor.topics.stories, planted topics.
"""

from __future__ import annotations

import argparse
import itertools
import tempfile

import numpy as np
import pandas as pd

from bench.common import ROOT
from bench.quality.demo_topics import planted_labels
from monitor import models
from monitor.analysis.flags import FlagRules, compute_flags
from monitor.config.load import load_config
from monitor.models import STORY_ID, TOPIC_ID, TOPIC_LABEL
from monitor.pipeline.refresh import refresh_feeds
from monitor.store.database import open_store
from monitor.topics.runs import posts_with_topics, refit_topics
from monitor.topics.stories import find_stories

ZONE = "Europe/Ljubljana"
START = pd.Timestamp("2026-02-02", tz=ZONE)  # a Monday, as in the demo
WEEKS, TOPICS, BRANDS = 42, 20, 5
LOOSE = {"min_window_count": 3, "min_factor": 1.5, "min_score": 2.0}
GRID = {"min_window_count": (3, 5, 8), "min_factor": (1.5, 2.0, 3.0), "min_score": (2.0, 3.0, 3.5, 4.0)}
DEFAULTS = {k: getattr(FlagRules, k) for k in GRID}
KINDS = ("new", "rising", "spike")
SCOPES = ("topic", "topic_brand", "brand")
CRISIS_WEEK = pd.Timestamp("2026-09-14").date()


# --- flat series --------------------------------------------------------------------------


def flat_market(seed: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Posts of 20 topics x 5 brands at constant Poisson rates, and the rates (topic x brand)."""
    rng = np.random.default_rng(seed)
    rates = np.exp(rng.uniform(np.log(0.5), np.log(10), size=(TOPICS, BRANDS)))
    counts = rng.poisson(np.repeat(rates[:, :, None], WEEKS, axis=2))
    topic, brand, week = np.nonzero(counts)
    n = counts[topic, brand, week]
    topic, brand, week = (np.repeat(a, n) for a in (topic, brand, week))
    seconds = rng.uniform(0, 7 * 86400, size=len(week))
    local = START.tz_localize(None) + pd.to_timedelta(week * 7 * 86400 + seconds, unit="s")
    published = pd.Series(local).dt.tz_localize(ZONE, nonexistent="shift_forward", ambiguous=False)
    ids = [f"s{seed}-{i}" for i in range(len(week))]
    frame = pd.DataFrame(
        {
            models.POST_ID: ids,
            models.BRAND: [f"brand {b}" for b in brand],
            models.CHANNEL: "facebook",
            models.PUBLISHED_AT: published.dt.tz_convert("UTC"),
            TOPIC_ID: pd.array(topic, dtype="Int64"),
            TOPIC_LABEL: [f"topic {t}" for t in topic],
            STORY_ID: ids,
            "n_copies": 1,
        }
    )
    return frame, rates


def flat_flags(seeds: int) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, int]]:
    """Loose-threshold flags and default flags over all seeds, and the number of series per scope."""
    loose, default = [], []
    for seed in range(seeds):
        frame, rates = flat_market(seed)
        for kwargs, out in ((LOOSE, loose), ({}, default)):
            flags = compute_flags(frame, ZONE, **kwargs).assign(seed=seed)
            flags["rate"] = [_rate(rates, row) for row in flags.to_dict("records")]
            out.append(flags)
    n_series = {"topic": TOPICS * seeds, "topic_brand": TOPICS * BRANDS * seeds, "brand": BRANDS * seeds}
    return pd.concat(loose, ignore_index=True), pd.concat(default, ignore_index=True), n_series


def _rate(rates: np.ndarray, flag: dict) -> float:
    brand = None if flag[models.BRAND] is None else int(str(flag[models.BRAND]).split()[-1])
    topic = None if pd.isna(flag[TOPIC_ID]) else int(flag[TOPIC_ID])
    if flag["scope"] == "brand":
        return float(rates[:, brand].sum())
    return float(rates[topic].sum() if brand is None else rates[topic, brand])


def per_thousand(flags: pd.DataFrame, n_series: dict[str, int], scopes=SCOPES) -> dict[str, float]:
    """Flagged series per 1,000 series, per flag kind, over the given scopes."""
    total = sum(n_series[s] for s in scopes)
    inside = flags[flags["scope"].isin(scopes)]
    series = inside.drop_duplicates(["seed", "scope", TOPIC_ID, models.BRAND, "flag"])
    return {kind: 1000 * (series["flag"] == kind).sum() / total for kind in KINDS}


# --- demo ---------------------------------------------------------------------------------


def demo_frames(use_model: bool) -> dict[str, pd.DataFrame]:
    """The demo's posts with topics: planted topics (always) and the model's (unless skipped)."""
    config = load_config(ROOT / "feeds.yaml")
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{folder}/demo.db")
        refresh_feeds(config, store)
        if use_model:
            refit_topics(store, config.settings.topics)
            frame = posts_with_topics(store.load_posts(), store.load_post_topics(), store.load_topics())
        else:
            posts = store.load_posts()
            frame = posts.merge(find_stories(posts), on=models.POST_ID)
        store.close()
    planted = planted_labels(frame, config)
    frames = {"planted topics": _with_planted(frame, planted)}
    if use_model:
        frames["model topics"] = frame.assign(planted=planted)
    return frames


def _with_planted(frame: pd.DataFrame, planted: pd.Series) -> pd.DataFrame:
    codes = {name: i for i, name in enumerate(sorted(planted.dropna().unique()))}
    topic = pd.array([codes.get(p) for p in planted], dtype="Int64")
    return frame.assign(**{TOPIC_ID: topic, TOPIC_LABEL: planted.astype(object), "planted": planted})


def planted_checks(frame: pd.DataFrame) -> dict[str, int | None]:
    """Topic id holding most eSIM / outage posts (the planted topic itself, or the model's best)."""
    best = {}
    for name in ("esim", "outage"):
        held = frame.loc[frame["planted"] == name, TOPIC_ID].dropna()
        best[name] = int(held.mode().iloc[0]) if len(held) else None
    return best


def true_flags(flags: pd.DataFrame, best: dict[str, int | None]) -> dict[str, pd.Series | None]:
    """The flag row for each planted signal, or None if it was not raised."""
    topic = flags[TOPIC_ID]
    checks = {
        "eSIM rising (topic)": (flags["scope"] == "topic")
        & (topic == best["esim"])
        & (flags["flag"] != "spike"),
        "outage spike (topic x Kras)": (flags["scope"] == "topic_brand")
        & (topic == best["outage"])
        & (flags[models.BRAND] == "Kras Telekom")
        & (flags["flag"] == "spike")
        & (flags["window_start"] == CRISIS_WEEK),
        "Kras spike (brand)": (flags["scope"] == "brand")
        & (flags[models.BRAND] == "Kras Telekom")
        & (flags["flag"] == "spike")
        & (flags["window_start"] == CRISIS_WEEK),
    }
    return {
        name: (flags[mask.fillna(False)].iloc[0] if mask.fillna(False).any() else None)
        for name, mask in checks.items()
    }


def is_planted(flags: pd.DataFrame, best: dict[str, int | None]) -> pd.Series:
    """Flags that restate a planted signal (eSIM up, Kras / outage in the crisis week)."""
    esim = (flags[TOPIC_ID] == best["esim"]) & (flags["flag"] != "spike")
    crisis = (flags["window_start"] == CRISIS_WEEK) & (
        (flags[TOPIC_ID] == best["outage"]) | (flags[models.BRAND] == "Kras Telekom")
    )
    return (esim | crisis).fillna(False).astype(bool)


# --- report -------------------------------------------------------------------------------


def passes(flags: pd.DataFrame, min_window_count: int, min_factor: float, min_score: float) -> pd.DataFrame:
    """The loose flags that also pass stricter thresholds."""
    keep = flags["window_count"].ge(min_window_count) & flags["score"].ge(min_score)
    keep &= flags["factor"].ge(min_factor) | flags["flag"].eq("new")
    return flags[keep]


def grid_table(loose: pd.DataFrame, n_series: dict, demo: dict) -> pd.DataFrame:
    rows = []
    for values in itertools.product(*GRID.values()):
        rule = dict(zip(GRID, values, strict=True))
        row = {k.removeprefix("min_"): v for k, v in rule.items()}
        row.update({f"false {k} /1000": v for k, v in per_thousand(passes(loose, **rule), n_series).items()})
        for name, (flags, best) in demo.items():
            kept = passes(flags, **rule)
            found = sum(r is not None for r in true_flags(kept, best).values())
            row[f"{name}: planted"] = f"{found}/3"
            row[f"{name}: other"] = int((~is_planted(kept, best)).sum())
        row["default"] = "<-" if rule == DEFAULTS else ""
        rows.append(row)
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=50)
    parser.add_argument("--no-model", action="store_true", help="planted topics only (skips the topic model)")
    args = parser.parse_args()
    pd.set_option("display.width", 200)
    pd.set_option("display.max_colwidth", 120)
    print(f"defaults: {FlagRules()}\n")

    loose, default, n_series = flat_flags(args.seeds)
    print(f"1. false flags per 1,000 flat series ({args.seeds} seeds, defaults):")
    table = pd.DataFrame({scope: per_thousand(default, n_series, (scope,)) for scope in SCOPES}).T
    table.insert(0, "series", [n_series[s] for s in SCOPES])
    print(table.to_string(float_format=lambda v: f"{v:.1f}"))
    if len(default):
        print("   flagged flat series (default thresholds):")
        print(default[["seed", "scope", TOPIC_ID, models.BRAND, "flag", "rate", "window_count",
                       "baseline_per_window", "factor", "score"]].round(2).to_string(index=False))  # fmt: skip

    demo = {}
    print("\n2. demo market, planted signals (defaults):")
    for name, frame in demo_frames(not args.no_model).items():
        best = planted_checks(frame)
        demo[name] = (compute_flags(frame, ZONE, **LOOSE), best)
        flags = compute_flags(frame, ZONE)
        labels = {k: frame.loc[frame[TOPIC_ID] == v, TOPIC_LABEL].iloc[0] for k, v in best.items()}
        print(f"  [{name}] eSIM -> '{labels['esim']}', outage -> '{labels['outage']}'")
        for check, row in true_flags(flags, best).items():
            text = "NOT FLAGGED" if row is None else f"score {row['score']:.1f}: {row['explanation']}"
            print(f"    {check:28} {text}")
        others = flags[~is_planted(flags, best)]
        print(f"    other flags: {len(others)}")
        for text, score in zip(others["explanation"], others["score"], strict=True):
            print(f"      score {score:.1f}: {text}")

    print(
        "\n3. threshold grid (false flags per 1,000 series pooled over scopes; demo planted found / other flags):"
    )
    print(grid_table(loose, n_series, demo).to_string(index=False, float_format=lambda v: f"{v:.1f}"))


if __name__ == "__main__":
    main()
