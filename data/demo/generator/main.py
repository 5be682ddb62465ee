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
from .plant import CAMPAIGN_COLUMNS, PARTNER_COLUMNS, campaign_key, partner_key, plant
from .report import signal_report
from .voice import build_subsets
from .writers import truth_rows, update_readme, write_feed, write_key, write_truth

SEED = 20261127
DEMO_DIR = Path(__file__).resolve().parent.parent


def generate(out: Path) -> str:
    """Write feeds/, exports/, truth.csv and the partner and campaign keys under `out`, refresh the
    block of `out`/README.md if it has one, and return the block's text."""
    rng = random.Random(SEED)
    build_subsets(rng)
    posts = plan_posts(rng)
    # Draft every post, then compose it again from the same state with the planted sentences
    # (plant.py draws from its own stream and compose adds them without a draw): every other text
    # and every later draw are the same as without the planted partners and campaigns.
    state = rng.getstate()
    drafts = [compose(rng, p)["truth_text"] for p in posts]
    rng.setstate(state)
    plant(posts, drafts)
    composed = [compose(rng, p) for p in posts]
    for p, c, d in zip(posts, composed, drafts, strict=True):
        if "plant" not in p and c["truth_text"] != d:
            raise RuntimeError("composition is not reproducible from the same random state")
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
    partners = partner_key(truth)
    campaigns = campaign_key(posts, truth)
    write_key(out / "truth_partners.csv", PARTNER_COLUMNS, partners)
    write_key(out / "truth_campaigns.csv", CAMPAIGN_COLUMNS, campaigns)
    report = signal_report(truth, partners, campaigns)
    update_readme(out / "README.md", report)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the bundled demo market (deterministic).")
    parser.add_argument(
        "--out",
        type=Path,
        default=DEMO_DIR,
        help="directory for feeds/, exports/, truth.csv and truth_*.csv; its README.md block is refreshed if present "
        "(default: data/demo)",
    )
    args = parser.parse_args(argv)
    print(generate(args.out))
    return 0
