"""Speed of `python -m monitor topics cluster` on a CSV of N synthetic posts (default 100k).

    .venv/bin/python -m bench.perf.topics_cluster [--n 100000] [--work DIR]

The posts are bench/perf/synthetic.py's (the same as bench/perf/scale.py's, cached in
--work). The whole command runs in a child process, as a user runs it: reading the CSV,
detecting languages, fitting, labelling and writing the CSV. Target (2 cores): 100k posts <= 20 s.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT


def write_posts_csv(n: int, path: Path) -> None:
    """N synthetic posts as a CSV with a text column."""
    from bench.perf.synthetic import Generator

    posts = Generator(seed=0).posts(n)
    posts[["brand", "text"]].to_csv(path, index=False)


def main() -> int:
    """Time the command and print the figure next to its target."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "monitor_cluster_bench")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    source, output = args.work / f"posts_{args.n}.csv", args.work / f"topics_{args.n}.csv"
    if not source.exists():
        write_posts_csv(args.n, source)
    command = [sys.executable, "-m", "monitor", "topics", "cluster", str(source), "--text-column", "text"]
    started = time.perf_counter()
    subprocess.run([*command, "--output", str(output)], cwd=ROOT, check=True)
    seconds = time.perf_counter() - started
    print(f"topics cluster, {args.n:,} posts: {seconds:.1f} s (target at 100k: <= 20 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
