"""Time of the voice, partner and campaign tables at scale: the demo market's posts repeated
(with new ids, and brands renamed beyond the first copies so there are more brands) to
--n posts, then every table of those three pages timed as the dashboard and `export` make
them. The per-post tables (voice marks, partners named, campaign cues) are what the dashboard
reads once per data version; the rest is what each filter change costs.

    .venv/bin/python -m bench.perf.voice_partners [--n 100000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from bench.common import ROOT, maxrss_mb
from monitor.analysis.frame_cache import posts_frame_of
from monitor.config.load import load_config
from monitor.output.tables import PER_POST, Inputs
from monitor.store.database import Store

TABLES = ("voice_posts", "voice", "voice_channel", "mentions", "partners", "partner_flags",
          "campaign_posts", "campaigns", "campaign_flags")  # fmt: skip


def demo_posts(folder: Path) -> tuple[pd.DataFrame, object]:
    """The demo market fetched into a fresh store (`python -m monitor fetch`), as the
    posts-with-topics frame."""
    database = str(folder / "demo.db")
    command = [
        sys.executable,
        "-m",
        "monitor",
        "fetch",
        "--quiet",
        "--db",
        database,
        "--config",
        str(ROOT / "feeds.yaml"),
    ]
    subprocess.run(command, cwd=ROOT, check=True)
    config = load_config(ROOT / "feeds.yaml", database=database)
    store = Store(config.database_url)
    frame = posts_frame_of(store, None)
    store.close()
    return frame, config


def scaled(frame: pd.DataFrame, n: int) -> pd.DataFrame:
    copies = -(-n // len(frame))
    brands = frame["brand"].nunique()
    parts = [
        frame.assign(
            post_id=frame["post_id"] + f"-{i}", brand=frame["brand"] + ("" if i == 0 else f" {i % 7}")
        )
        for i in range(copies)
    ]
    out = pd.concat(parts, ignore_index=True).head(n)
    print(
        f"{len(out):,} posts, {out['brand'].nunique()} brands (demo: {len(frame):,} posts, {brands} brands)"
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="posts (default 100,000)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        frame, config = demo_posts(Path(folder))
    posts = scaled(frame, args.n)
    end = pd.Timestamp("2026-11-22 23:00", tz="UTC")
    inputs = Inputs(posts, config.settings.timezone, config.own_brand or "", window_end=end,
                    brand_names=tuple(b.name for b in config.brands))  # fmt: skip
    print(f"{'table':<16} {'seconds':>8}  made")
    for name in TABLES:
        start = time.perf_counter()
        inputs.other(name)
        when = "once per data version" if name in PER_POST else "per filter change"
        print(f"{name:<16} {time.perf_counter() - start:>8.2f}  {when}")
    print(f"peak RSS {maxrss_mb():,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
