"""Summarise a py-spy raw (collapsed stacks) profile: the functions with the most samples,
inclusive and self, optionally only frames whose file matches --only (e.g. monitor/).

    .venv/bin/py-spy record -r 100 -f raw -o out.txt -- .venv/bin/python -m bench.perf.scale --step pages ...
    .venv/bin/python -m bench.perf.pyspy_top out.txt --only monitor/,app_pages/ --top 25
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from bench.common import ROOT

_FRAME = re.compile(r"^(?P<name>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")


def summarise(path: Path, only: tuple[str, ...], top: int) -> str:
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = []
        for frame in stack.split(";"):
            match = _FRAME.match(frame.strip())
            if not match:
                continue
            file = match["file"]
            short = file.split("site-packages/")[-1].split(f"{ROOT}/")[-1]
            frames.append(f"{short}:{match['line'] or '?'} {match['name']}")
        if not frames:
            continue
        kept = [f for f in frames if not only or any(o in f for o in only)]
        for frame in dict.fromkeys(kept):  # count a recursive frame once per sample
            inclusive[frame] += n
        if kept:
            own[kept[-1]] += n  # deepest kept frame: time spent in it or in libraries it called
    lines = [f"{total} samples", "", "inclusive (share of all samples):"]
    lines += [f"  {100 * n / total:5.1f} %  {frame}" for frame, n in inclusive.most_common(top)]
    lines += ["", "deepest matching frame (its own time plus the libraries it calls):"]
    lines += [f"  {100 * n / total:5.1f} %  {frame}" for frame, n in own.most_common(top)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", type=Path)
    parser.add_argument("--only", default="", help="comma-separated substrings of file paths to keep")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    print(summarise(args.raw, tuple(o for o in args.only.split(",") if o), args.top))


if __name__ == "__main__":
    main()
