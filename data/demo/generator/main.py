"""Entry point: draw the whole market from one seeded random stream and write every file.

The order of the steps below is the order of the random draws; changing it changes every file.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from .compose import compose
from .engagement import engagement
from .ids import assign_ids
from .market import FEED_BY_KEY, FEEDS
from .plan import plan_posts
from .report import signal_report
from .voice import build_subsets
from .writers import truth_rows, update_readme, write_feed, write_truth

SEED = 20261127
DEMO_DIR = Path(__file__).resolve().parent.parent


def generate(out: Path) -> str:
    """Write feeds/, exports/ and truth.csv under `out`, refresh the block of `out`/README.md if it
    has one, and return the block's text."""
    rng = random.Random(SEED)
    build_subsets(rng)
    posts = plan_posts(rng)
    composed = [compose(rng, p) for p in posts]
    assign_ids(rng, posts, composed)
    for p in posts:
        ch = FEED_BY_KEY[p["feed"]]["channel"]
        if ch in ("instagram", "facebook", "linkedin"):
            p["eng"] = engagement(rng, p, ch)

    (out / "feeds").mkdir(parents=True, exist_ok=True)
    (out / "exports").mkdir(exist_ok=True)
    for old in list((out / "feeds").glob("*.xml")) + list((out / "exports").glob("*.csv")):
        old.unlink()

    by_feed: dict[str, list] = {f["key"]: [] for f in FEEDS}
    for p, c in zip(posts, composed, strict=True):
        by_feed[p["feed"]].append((p, c))
    for f in FEEDS:
        write_feed(rng, out, f, by_feed[f["key"]])

    truth = truth_rows(posts, composed)
    write_truth(out / "truth.csv", truth)
    report = signal_report(truth)
    update_readme(out / "README.md", report)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the bundled demo market (deterministic).")
    parser.add_argument(
        "--out",
        type=Path,
        default=DEMO_DIR,
        help="directory for feeds/, exports/ and truth.csv; its README.md block is refreshed if present "
        "(default: data/demo)",
    )
    args = parser.parse_args(argv)
    print(generate(args.out))
    return 0
