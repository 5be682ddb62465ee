"""What the benchmarks share: where things are, a feeds.yaml writer, peak memory, and the
command that runs a benchmark module in a fresh interpreter.

Benchmarks run as modules from the project root (`.venv/bin/python -m bench.perf.scale`), so
the root is on sys.path without any script touching it.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
TRUTH = DEMO / "truth.csv"
# Labelled corpora and feedparser's test corpus sit beside the project, not in it; a benchmark
# that needs one skips it with a message when it is missing.
SHARED_DATA = ROOT.parent / "shared" / "data"


def write_config(folder: Path, brands: list[dict], **settings: object) -> Path:
    """folder/feeds.yaml with these settings and brands (each {"name", "own", "feeds": [...]}).

    Dumped with PyYAML rather than formatted by hand, so any path or name is quoted right."""
    config = folder / "feeds.yaml"
    text = yaml.safe_dump({"settings": settings, "brands": brands}, sort_keys=False, allow_unicode=True)
    config.write_text(text, encoding="utf-8")
    return config


def maxrss_mb(children: bool = False) -> float:
    """Peak RSS in MB of this process, or of its waited-for children (ru_maxrss is in KiB on
    Linux). It carries over exec from the parent, so a child's own figure needs VmHWM."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


def module_command(module: str, *args: str) -> list[str]:
    """A command that runs a benchmark module in a fresh interpreter; run it with cwd=ROOT."""
    return [sys.executable, "-m", module, *args]
