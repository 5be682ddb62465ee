"""Crash safety: kill -9 `fetch` and `topics refit` at random points, then check the store.

Run from the project root: `.venv/bin/python -m bench.perf.crash_safety [--fetch N] [--refit N] [--seed S]`
(default 20 and 10 trials). Each fetch trial starts `python -m monitor fetch --no-topics` on a
copy of the demo feeds.yaml into a fresh database and kills it (SIGKILL) either at a random
time or right after a random feed's progress line (so most kills land while posts are being
written). Each refit trial copies a fetched database, starts `python -m monitor topics refit`
and kills it at a random time or within 0.5 s of "Saving the topic run". After each kill:

- `PRAGMA integrity_check` must say ok;
- no post id (and no feed+guid) is stored twice;
- no half-written topic run: each run has as many topics as it says, and every assignment
  points at a stored run;
- an uninterrupted `fetch --no-topics` then ends with exactly the post ids that one
  uninterrupted fetch from scratch stores.

Prints one row per trial and exits 1 if any check failed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import DEMO, ROOT


@dataclass
class Trial:
    kind: str
    how: str
    killed_at: float
    finished_before_kill: bool
    posts_at_kill: int
    integrity: str
    n_duplicate_posts: int
    n_broken_runs: int
    same_posts_after_refetch: bool

    @property
    def ok(self) -> bool:
        return (
            self.integrity == "ok"
            and self.n_duplicate_posts == 0
            and self.n_broken_runs == 0
            and self.same_posts_after_refetch
        )


def demo_copy(folder: Path, n_topics: int | None = None) -> Path:
    """The demo feeds.yaml in `folder`, its data/demo linked, so relative paths still work."""
    text = (ROOT / "feeds.yaml").read_text(encoding="utf-8")
    if n_topics is not None:
        text = text.replace("    n_topics: auto", f"    n_topics: {n_topics}")
    config = folder / "feeds.yaml"
    config.write_text(text, encoding="utf-8")
    (folder / "data").mkdir(exist_ok=True)
    if not (folder / "data" / "demo").exists():
        (folder / "data" / "demo").symlink_to(DEMO)
    return config


def monitor(*args: str) -> list[str]:
    return [sys.executable, "-m", "monitor", *args]


def run_to_end(command: list[str]) -> float:
    started = time.monotonic()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.monotonic() - started


def post_ids(database: Path) -> set[str]:
    with sqlite3.connect(database) as db:
        return {row[0] for row in db.execute("SELECT post_id FROM posts")}


def check_store(database: Path) -> tuple[str, int, int]:
    """(integrity_check, duplicate posts, broken topic runs) of a database after a crash."""
    if not database.exists():
        return "ok", 0, 0  # killed before the database was created
    with sqlite3.connect(database) as db:
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "posts" not in tables:
            return integrity, 0, 0
        duplicates = db.execute(
            "SELECT (SELECT count(*) FROM posts) - (SELECT count(DISTINCT post_id) FROM posts)"
            " + (SELECT count(*) FROM posts) - (SELECT count(*) FROM (SELECT DISTINCT feed_id, guid FROM posts))"
        ).fetchone()[0]
        broken = 0
        if "topic_runs" in tables:
            broken = db.execute(
                "SELECT count(*) FROM topic_runs r WHERE r.n_topics !="
                " (SELECT count(*) FROM topics t WHERE t.run_id = r.run_id)"
            ).fetchone()[0]
            broken += db.execute(
                "SELECT count(DISTINCT run_id) FROM post_topics WHERE run_id NOT IN (SELECT run_id FROM topic_runs)"
            ).fetchone()[0]
    return integrity, duplicates, broken


def count_posts(database: Path) -> int:
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
            return db.execute("SELECT count(*) FROM posts").fetchone()[0]
    except sqlite3.Error:
        return 0


def kill_during(
    command: list[str], rng: random.Random, duration: float, marker: str, database: Path
) -> tuple[str, float, bool, int]:
    """Start command; SIGKILL it at a random time, or soon after a random stderr line that
    contains `marker`. Returns (how, seconds, finished before the kill, posts at the kill)."""
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    lines: list[float] = []
    reader = threading.Thread(target=_collect, args=(process, marker, lines), daemon=True)
    reader.start()
    started = time.monotonic()
    if rng.random() < 0.5:
        how, kill_at = "random time", started + rng.uniform(0.5, duration)
        while time.monotonic() < kill_at and process.poll() is None:
            time.sleep(0.01)
    else:
        wanted = rng.randint(1, 20) if marker == "[" else 1
        how = "at save" if marker != "[" else f"after feed {wanted}"
        delay = rng.uniform(0, 0.5 if marker != "[" else 0.05)
        while len(lines) < wanted and process.poll() is None and time.monotonic() - started < 4 * duration:
            time.sleep(0.002)
        time.sleep(delay)
    finished = process.poll() is not None
    seconds = time.monotonic() - started
    if not finished:
        process.send_signal(signal.SIGKILL)
    process.wait()
    reader.join(timeout=5)
    process.stderr.close()
    return how, seconds, finished, count_posts(database)


def _collect(process: subprocess.Popen, marker: str, lines: list[float]) -> None:
    for line in process.stderr:
        if marker in line:
            lines.append(time.monotonic())


def fetch_trial(
    folder: Path, config: Path, reference: set[str], rng: random.Random, duration: float, i: int
) -> Trial:
    database = folder / f"fetch-{i}.db"
    how, seconds, finished, at_kill = kill_during(
        monitor("fetch", "--no-topics", "--config", str(config), "--db", str(database)),
        rng,
        duration,
        "[",
        database,
    )
    return _after_kill("fetch", how, seconds, finished, at_kill, database, config, reference)


def refit_trial(
    folder: Path, config: Path, base: Path, reference: set[str], rng: random.Random, duration: float, i: int
) -> Trial:
    database = folder / f"refit-{i}.db"
    shutil.copyfile(base, database)
    how, seconds, finished, at_kill = kill_during(
        monitor("topics", "refit", "--config", str(config), "--db", str(database)),
        rng, duration, "Saving the topic run", database,
    )  # fmt: skip
    return _after_kill("refit", how, seconds, finished, at_kill, database, config, reference)


def _after_kill(kind, how, seconds, finished, at_kill, database, config, reference) -> Trial:
    integrity, duplicates, broken = check_store(database)
    run_to_end(monitor("fetch", "--no-topics", "--quiet", "--config", str(config), "--db", str(database)))
    integrity_after, _, broken_after = check_store(database)
    return Trial(
        kind, how, seconds, finished, at_kill,
        integrity if integrity_after == "ok" else f"{integrity}/{integrity_after}",
        duplicates, broken + broken_after, post_ids(database) == reference,
    )  # fmt: skip


def run(
    n_fetch: int, n_refit: int, seed: int = 0, n_topics: int | None = 12, refit_seconds: float | None = None
) -> list[Trial]:
    """Run the trials; refit_seconds (else measured by one refit) bounds the random kill time."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        config = demo_copy(folder, n_topics)
        reference_db = folder / "reference.db"
        fetch_seconds = run_to_end(
            monitor("fetch", "--no-topics", "--quiet", "--config", str(config), "--db", str(reference_db))
        )
        reference = post_ids(reference_db)
        trials = [fetch_trial(folder, config, reference, rng, fetch_seconds, i) for i in range(n_fetch)]
        if n_refit:
            base = folder / "base.db"
            with sqlite3.connect(reference_db) as db:  # one self-contained file to copy
                db.execute("VACUUM INTO ?", (str(base),))
            if refit_seconds is None:
                probe = folder / "probe.db"
                shutil.copyfile(base, probe)
                refit_seconds = run_to_end(
                    monitor("topics", "refit", "--config", str(config), "--db", str(probe))
                )
            trials += [
                refit_trial(folder, config, base, reference, rng, refit_seconds, i) for i in range(n_refit)
            ]
    return trials


def table(trials: list[Trial]) -> str:
    header = f"{'#':>3} {'kind':<6} {'kill':<16} {'at s':>6} {'done?':<6} {'posts@kill':>10} {'integrity':<9} {'dups':>4} {'broken runs':>11} {'same posts':<10}"
    rows = [header, "-" * len(header)]
    for i, t in enumerate(trials, 1):
        rows.append(
            f"{i:>3} {t.kind:<6} {t.how:<16} {t.killed_at:>6.2f} {'yes' if t.finished_before_kill else 'no':<6} "
            f"{t.posts_at_kill:>10,} {t.integrity:<9} {t.n_duplicate_posts:>4} {t.n_broken_runs:>11} "
            f"{'yes' if t.same_posts_after_refetch else 'NO':<10}"
        )
    n_ok = sum(t.ok for t in trials)
    rows.append(f"{n_ok} of {len(trials)} trials passed every check")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fetch", type=int, default=20, help="fetch trials")
    parser.add_argument("--refit", type=int, default=10, help="topics refit trials")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--n-topics", default="12", help="n_topics for the refits (auto is much slower)")
    args = parser.parse_args()
    n_topics = None if args.n_topics == "auto" else int(args.n_topics)
    trials = run(args.fetch, args.refit, args.seed, n_topics)
    print(table(trials))
    return 0 if all(t.ok for t in trials) else 1


if __name__ == "__main__":
    sys.exit(main())
