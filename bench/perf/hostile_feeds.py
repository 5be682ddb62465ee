"""Hostile feeds: every file of feedparser's test corpus through the real ingest path.

Run from the project root: `.venv/bin/python -m bench.perf.hostile_feeds [--budget SECONDS] [--sample N]`.
Data: ../shared/data/feedparser_corpus (2,106 XML files: wellformed, illformed, encodings,
entities, sanitizer cases, plus one JSON feed); missing, it says so and exits 0.

Each file becomes one `kind: rss` feed with `path:` in a feeds.yaml in a temporary folder,
and monitor.pipeline.refresh.refresh_feeds stores them into a fresh SQLite file, exactly as
`python -m monitor fetch` would. A watchdog stops the run (exit 1) if no feed finishes within
the per-file budget, so a hang is reported, never waited out. Printed: files, ok with posts,
ok without posts, errors by reason, the slowest file (read to stored) and the total time.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import SHARED_DATA, write_config
from monitor.config.load import load_config
from monitor.pipeline.refresh import FeedResult, refresh_feeds
from monitor.store.database import fetch_log, open_store

CORPUS = SHARED_DATA / "feedparser_corpus"
BUDGET_SECONDS = 10.0


@dataclass
class HostileRun:
    """What one run over the corpus gave, per file and in total."""

    results: dict[Path, FeedResult] = field(default_factory=dict)
    seconds: dict[Path, float] = field(default_factory=dict)
    total_seconds: float = 0.0
    hung: bool = False
    n_posts_stored: int = 0

    @property
    def n_with_posts(self) -> int:
        return sum(r.ok and r.n_new + r.n_seen > 0 for r in self.results.values())

    @property
    def n_without_posts(self) -> int:
        return sum(r.ok and r.n_new + r.n_seen == 0 for r in self.results.values())

    def errors_by_reason(self) -> Counter[str]:
        return Counter(error_reason(r.error or "") for r in self.results.values() if not r.ok)


def corpus_files(corpus: Path = CORPUS) -> list[Path]:
    return sorted(path for path in corpus.rglob("*") if path.is_file())


def sample_files(
    files: list[Path], n: int, always: tuple[str, ...] = ("illformed", "encoding")
) -> list[Path]:
    """Every k-th file (deterministic) plus every file under the `always` folders."""
    step = max(1, len(files) // n) if n else len(files) + 1
    picked = set(files[::step][:n]) if n else set()
    picked |= {path for path in files if path.relative_to(CORPUS).parts[0] in always}
    return sorted(picked)


def corpus_config(files: list[Path], folder: Path) -> Path:
    """feeds.yaml with one `kind: rss` feed per file; names are unique by their index."""
    feeds = [{"name": f"f{i:05d}", "kind": "rss", "path": str(path)} for i, path in enumerate(files)]
    return write_config(folder, [{"name": "Corpus", "own": True, "feeds": feeds}], database="hostile.db")


def run(files: list[Path], budget: float = BUDGET_SECONDS) -> HostileRun:
    """Ingest the files with refresh_feeds into a fresh store; stop if one exceeds the budget."""
    outcome = HostileRun()
    with tempfile.TemporaryDirectory() as folder:
        config = load_config(corpus_config(files, Path(folder)))
        store = open_store(config.database_url)
        by_id = {feed.feed_id: files[int(feed.name[1:])] for feed in config.feeds}
        last_progress = [time.monotonic()]
        results: list[FeedResult] = []
        worker = threading.Thread(
            target=lambda: results.extend(
                refresh_feeds(
                    config, store, on_progress=lambda *_: last_progress.__setitem__(0, time.monotonic())
                )
            ),
            daemon=True,
        )
        started = time.monotonic()
        worker.start()
        while worker.is_alive():
            worker.join(0.5)
            if time.monotonic() - last_progress[0] > budget:
                outcome.hung = True
                break
        outcome.total_seconds = time.monotonic() - started
        outcome.results = {by_id[r.feed_id]: r for r in results}
        outcome.seconds = {by_id[feed_id]: s for feed_id, s in _seconds_per_feed(store).items()}
        outcome.n_posts_stored = store.count_posts()
        if not outcome.hung:
            store.close()
    return outcome


def _seconds_per_feed(store) -> dict[str, float]:
    """From the fetch log: the time from starting to read a file to its posts being stored."""
    with store.engine.connect() as connection:
        rows = connection.execute(
            fetch_log.select().with_only_columns(
                fetch_log.c.feed_id, fetch_log.c.started_at, fetch_log.c.finished_at
            )
        ).all()
    return {feed_id: (end - start).total_seconds() for feed_id, start, end in rows}


def error_reason(error: str) -> str:
    """An error message with the file path and specifics taken out, to count by kind."""
    reason = re.sub(r"^\S+?: (file not found|cannot be read)", r"\1", error)
    reason = re.sub(r"<unknown>:\d+:\d+: ", "", reason)
    reason = re.sub(r"line \d+, column \d+", "line N, column N", reason)
    reason = re.sub(r"\d+", "N", reason)
    return reason[:90]


def report(run_: HostileRun, n_files: int) -> str:
    slowest = max(run_.seconds.items(), key=lambda item: item[1], default=(None, 0.0))
    lines = [
        f"files                 {n_files:>6,}",
        f"ok with posts         {run_.n_with_posts:>6,}",
        f"ok without posts      {run_.n_without_posts:>6,}",
        f"errors                {sum(run_.errors_by_reason().values()):>6,}",
    ]
    for reason, count in run_.errors_by_reason().most_common():
        lines.append(f"  {count:>5,}  {reason}")
    unaccounted = n_files - len(run_.results)
    lines += [
        f"no outcome (hang?)    {unaccounted:>6,}",
        f"posts stored          {run_.n_posts_stored:>6,}",
        f"max time per file     {slowest[1]:>9.2f} s  ({slowest[0].relative_to(CORPUS) if slowest[0] else '-'})",
        f"total time            {run_.total_seconds:>9.2f} s",
    ]
    if run_.hung:
        lines.append("HUNG: no feed finished within the per-file budget; the run was stopped")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--budget", type=float, default=BUDGET_SECONDS, help="seconds without progress that count as a hang"
    )
    parser.add_argument("--sample", type=int, default=0, help="only N files (plus illformed/ and encoding/)")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"{CORPUS} is missing; nothing to run")
        return 0
    files = corpus_files()
    if args.sample:
        files = sample_files(files, args.sample)
    run_ = run(files, args.budget)
    print(report(run_, len(files)))
    return 1 if run_.hung or len(run_.results) != len(files) else 0


if __name__ == "__main__":
    sys.exit(main())
