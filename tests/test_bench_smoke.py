"""bench/perf/scale.py at a tiny size (2,000 posts), so the benchmark keeps running as the code
changes. Figures are not checked here, only that every step ran and printed its row."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def test_scale_bench_runs_every_step_at_a_tiny_size(tmp_path):
    results_path = tmp_path / "results.json"
    # One BLAS/OpenMP thread: this test checks that the bench runs, not how fast, and a
    # shared machine's spin-waiting OpenMP threads can slow k-means many times over.
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    env.pop("MONITOR_CONFIG", None)
    env.pop("MONITOR_DB", None)
    done = subprocess.run(
        [
            sys.executable, "-m", "bench.perf.scale", "--sizes", "2000", "--pages-at", "2000",
            "--steps", "csv,rss,refit,export,pages", "--work", str(tmp_path / "work"),
            "--json", str(results_path),
        ],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=280,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(results_path.read_text())["2000"]
    for step in ("data", "csv", "rss", "refit", "export", "pages"):
        assert "error" not in results[step], (step, results[step].get("error"))
    assert results["csv"]["n_new"] == 2000
    assert results["rss"]["n_posts"] == 2000
    assert results["refit"]["n_assigned"] == 1000
    for title in ("Overview", "Trends", "Topics", "Differentiation", "Cadence & engagement", "Feeds"):
        assert results["pages"][title]["problem"] is None, (title, results["pages"][title])
    table = done.stdout
    assert "os.cpu_count() =" in table and "load average" in table
    for label in (
        "CSV ingest",
        "ours / feedparser",
        "Topic refit",
        "Assign 1,000",
        "Export",
        "Page Overview: cold",
    ):
        assert label in table
    assert "ERROR" not in table
