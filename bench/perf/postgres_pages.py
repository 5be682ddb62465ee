"""Pages on PostgreSQL against the same pages on SQLite, on the same 100k posts.

    .venv/bin/python -m bench.perf.postgres_pages [--n 100000] [--work /tmp/monitor_scale] [--rounds 2]

The store comes from bench/perf/scale.py (steps data and refit are run when it is missing).
It is copied into a PostgreSQL server that this bench starts itself (tests/postgres.py:
127.0.0.1, a temporary folder), with `db copy`'s copy_store. Each page is timed through
AppTest, as scale.py's pages step does, in a fresh interpreter per database and round,
alternating SQLite and PostgreSQL. A warm-up pass first leaves each database's disk cache
(Config.cache_dir) as a running server would have it. The bench prints each page's median,
and the ratio PostgreSQL / SQLite; the target is 1.2x or less.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import time
from pathlib import Path

from bench.common import ROOT, module_command
from bench.perf.scale import PAGES, load_average, paths, run_child

TARGET = 1.2
FIGURES = ("cold_s", "filter_s", "filter2_s")


def child(database: str, config: Path) -> dict:
    """In a fresh interpreter: a warm-up pass, then the timed pass."""
    from bench.perf.scale import time_pages

    os.environ["MONITOR_CONFIG"] = str(config)
    os.environ["MONITOR_DB"] = database
    os.chdir(ROOT)
    time_pages()  # the disk caches, as a server that has run since the last fetch has them
    return time_pages()


def run_pages(database: str, config: Path) -> dict:
    command = module_command("bench.perf.postgres_pages", "--child", database, "--config", str(config))
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=3600)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"pages on {database} failed:\n{done.stderr[-3000:]}")
    return json.loads(lines[-1])


def ensure_store(n: int, work: Path) -> Path:
    p = paths(work, n)
    for step, made in (("data", p["posts"]), ("refit", p["topics"])):
        if not made.exists():
            print(f"building the {n:,}-post store: scale.py step {step} …", flush=True)
            result = run_child(step, n, work)
            if "error" in result:
                raise RuntimeError(result["error"])
    return p["topics"]


def copy_into_postgres(sqlite_file: Path, server) -> tuple[str, float]:
    from monitor.store.copy import copy_store
    from monitor.store.database import open_store

    url = server.url(server.create_database())
    source, target = open_store(f"sqlite:///{sqlite_file}"), open_store(url)
    started = time.perf_counter()
    copied = copy_store(source, target)
    seconds = time.perf_counter() - started
    source.close()
    target.close()
    print(
        f"copied {copied['posts']:,} posts ({sum(copied.values()):,} rows) into PostgreSQL in {seconds:.1f} s"
    )
    return url, seconds


def report(runs: dict[str, list[dict]]) -> None:
    print(f"\n{'page':<22} {'figure':<10} {'SQLite':>8} {'PostgreSQL':>11} {'ratio':>6}")
    ratios = []
    for _path, title, _url in PAGES:
        for figure in FIGURES:
            sqlite, postgres = (
                statistics.median(r[title][figure] for r in runs[db]) for db in ("sqlite", "postgresql")
            )
            ratio = postgres / sqlite
            ratios.append(ratio)
            print(f"{title:<22} {figure:<10} {sqlite:>7.2f}s {postgres:>10.2f}s {ratio:>5.2f}x")
        problems = {r[title]["problem"] for db in runs for r in runs[db]} - {None}
        if problems:
            print(f"  problems: {problems}")
    totals = {
        db: sum(statistics.median(r[t][f] for r in runs[db]) for _p, t, _u in PAGES for f in FIGURES)
        for db in runs
    }
    overall = totals["postgresql"] / totals["sqlite"]
    verdict = "met" if overall <= TARGET else "NOT met"
    print(
        f"\nall pages and figures summed: SQLite {totals['sqlite']:.2f} s, PostgreSQL {totals['postgresql']:.2f} s"
    )
    print(
        f"ratio PostgreSQL / SQLite: {overall:.2f}x (target <= {TARGET}x: {verdict}); per figure {min(ratios):.2f}x-{max(ratios):.2f}x"
    )
    print(f"load average now: {load_average()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/monitor_scale"))
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--config", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.config), default=str))
        return 0

    from tests.postgres import PostgresServer, unavailable

    reason = unavailable()
    if reason:
        print(f"cannot start PostgreSQL: {reason}")
        return 1
    sqlite_file = ensure_store(args.n, args.work)
    config = paths(args.work, args.n)["config"]
    server = PostgresServer()
    try:
        server.start()
        postgres_url, _seconds = copy_into_postgres(sqlite_file, server)
        runs: dict[str, list[dict]] = {"sqlite": [], "postgresql": []}
        for round_number in range(1, args.rounds + 1):
            for name, database in (("sqlite", str(sqlite_file)), ("postgresql", postgres_url)):
                print(f"round {round_number}: pages on {name} …", flush=True)
                runs[name].append(run_pages(database, config))
        report(runs)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
