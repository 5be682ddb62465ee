"""Ten people on one PostgreSQL server: ten browser sessions browse every page while a fetch
(with new posts) and a topic refit write to the same database.

    .venv/bin/python -m bench.perf.team_load [--sessions 10] [--rounds 2]

The demo market is fetched into a PostgreSQL server this bench starts (tests/postgres.py),
and the dashboard runs as `make run` does (serve.py) on it. First one session opens each page
`--rounds` times alone: the single-user time, from navigation to the script being done. Then
the sessions open the pages together, each in its own order, while `fetch` (200 new posts
added to one CSV export) and `topics refit` run. The bench prints each page's median time
alone and under load and their ratio (target <= 2x), pages that showed an exception, and
checks that every post is stored once: no post lost or doubled.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from bench.common import ROOT
from bench.perf.scale import PAGES, load_average

TARGET = 2.0
NEW_POSTS = 200
DONE = (
    "document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state') === 'notRunning'"
)


def demo_copy(folder: Path) -> tuple[Path, Path]:
    """feeds.yaml and the demo's files in `folder`; the export that gets new posts."""
    shutil.copy(ROOT / "feeds.yaml", folder / "feeds.yaml")
    shutil.copytree(ROOT / "data" / "demo", folder / "data" / "demo")
    return folder / "feeds.yaml", folder / "data" / "demo" / "exports" / "alpcom_facebook.csv"


def add_posts(export: Path, n: int) -> None:
    """n more rows in a Meta export: copies of its newest rows with new post ids."""
    frame = pd.read_csv(export, dtype=str, keep_default_na=False)
    new = frame.head(n).copy()
    new["Post ID"] = [f"9{i:017d}" for i in range(n)]
    pd.concat([new, frame]).to_csv(export, index=False)


def cli(config: Path, database: str, *command: str) -> subprocess.Popen:
    env = {**os.environ, "MONITOR_CONFIG": str(config), "MONITOR_DB": database}
    return subprocess.Popen([sys.executable, "-m", "monitor", *command], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # fmt: skip


async def open_page(page, url: str) -> tuple[float, bool]:
    """Seconds from navigation to the script done; whether the page showed an exception."""
    started = time.perf_counter()
    await page.goto(url, wait_until="domcontentloaded", timeout=600_000)
    await page.wait_for_timeout(300)  # the first rerun starts after the page's script loads
    await page.wait_for_function(DONE, timeout=600_000)
    seconds = time.perf_counter() - started
    return seconds, await page.locator('[data-testid="stException"]').count() > 0


async def browse(browser, base: str, order: list[tuple[str, str]], times: dict, errors: list) -> None:
    page = await browser.new_page(viewport={"width": 1400, "height": 1000})
    for title, url_path in order:
        seconds, failed = await open_page(page, f"{base}/{url_path}")
        times.setdefault(title, []).append(seconds)
        if failed:
            errors.append(title)
    await page.close()


async def measure(base: str, sessions: int, rounds: int, while_writing) -> tuple[dict, dict, list]:
    from playwright.async_api import async_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    pages = [(title, url_path) for _path, title, url_path in PAGES]
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        await browse(browser, base, pages, {}, [])  # warm: the server's caches, as after a first visit
        alone: dict = {}
        for _ in range(rounds):
            await browse(browser, base, pages, alone, [])
        loaded: dict = {}
        errors: list = []
        writers = while_writing()
        orders = [pages[i % len(pages) :] + pages[: i % len(pages)] for i in range(sessions)]
        await asyncio.gather(*(browse(browser, base, order * rounds, loaded, errors) for order in orders))
        for writer in writers:
            await asyncio.to_thread(writer.wait)
        await browser.close()
    return alone, loaded, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    from monitor.store.database import open_store
    from tests.browser import streamlit_server
    from tests.postgres import PostgresServer, unavailable

    reason = unavailable()
    if reason:
        print(f"cannot start PostgreSQL: {reason}")
        return 1
    folder = Path(tempfile.mkdtemp(prefix="monitor-team-load-"))
    server = PostgresServer()
    try:
        server.start()
        database = server.url(server.create_database())
        config, export = demo_copy(folder)
        fetched = cli(config, database, "fetch", "--quiet")
        assert fetched.wait() == 0, fetched.stdout.read()
        n_before = len(open_store(database).load_posts())
        print(f"demo fetched into PostgreSQL: {n_before:,} posts; load average {load_average()}")
        add_posts(export, NEW_POSTS)
        writers: list[subprocess.Popen] = []

        def while_writing() -> list[subprocess.Popen]:
            writers.extend(
                [cli(config, database, "fetch", "--quiet"), cli(config, database, "topics", "refit")]
            )
            return writers

        with streamlit_server(config, database, timeout=300, log=folder / "app.log") as base:
            alone, loaded, errors = asyncio.run(measure(base, args.sessions, args.rounds, while_writing))
        outcomes = [(w.args[3], w.returncode, w.stdout.read().strip()[-300:]) for w in writers]
        store = open_store(database)
        posts = store.load_posts()
        n_after, n_distinct = len(posts), posts["post_id"].nunique()
        store.close()
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)

    print(f"\n{'page':<22} {'alone':>7} {'loaded':>8} {'p90':>7} {'ratio':>6}   ({args.sessions} sessions)")
    ratios = []
    for _path, title, _url in PAGES:
        single, busy = statistics.median(alone[title]), statistics.median(loaded[title])
        p90 = statistics.quantiles(loaded[title], n=10)[-1]
        ratios.append(busy / single)
        print(f"{title:<22} {single:>6.2f}s {busy:>7.2f}s {p90:>6.2f}s {busy / single:>5.2f}x")
    print(
        f"\nworst page ratio {max(ratios):.2f}x (target <= {TARGET}x: {'met' if max(ratios) <= TARGET else 'NOT met'})"
    )
    print(
        f"pages that showed an exception: {len(errors)} of {sum(map(len, loaded.values()))} ({sorted(set(errors))})"
    )
    for command, code, output in outcomes:
        print(f"{command}: exit {code} {output!r}")
    expected = n_before + NEW_POSTS
    print(f"posts: {n_before:,} before, {n_after:,} after ({n_distinct:,} distinct); expected {expected:,}: "
          f"{'none lost or doubled' if n_after == n_distinct == expected else 'MISMATCH'}")  # fmt: skip
    print(f"load average now: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
