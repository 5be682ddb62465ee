"""Speed and scale: ingest, topics, pages, app memory and export from 10k to 1M posts.

    .venv/bin/python -m bench.perf.scale [--sizes 10000,100000] [--pages-at 100000] [--work DIR]
    .venv/bin/python -m bench.perf.scale --sizes 1000000          # opt-in: minutes, GBs
    .venv/bin/python -m bench.perf.scale --profile refit --n 100000   # cProfile one step

Synthetic posts (bench/perf/synthetic.py: 8 brands, 5 channels, Slovenian and English, 24
months, texts recombined and edited from the demo market's sentence pools, ~4 % near-copies)
are built once per size and cached in --work. Every measurement runs in its own child
process, so its peak memory (VmHWM of that child, which includes the interpreter and
imports, ~150-250 MB) is its own:

  csv       write N posts as one Meta-like CSV export; time read_csv_export + Store.save_fetch
  rss       N posts in files of 100; feedparser.parse alone on the same bytes vs our path
            (parse_feed_bytes + save_fetch), side by side in one process
  refit     refit_topics on the store (stories + model + lineage + save), then 1,000 new
            posts saved and assign_new_posts timed
  fit       find_stories + story_documents, then TopicModel.fit alone in a fresh child
  export    posts_with_topics (load), the term index built whole, snapshot_tables with it,
            write_snapshot (python -m monitor export, whose index comes from the disk cache)
  pages     (at --pages-at sizes) every page through AppTest: cold (caches cleared, first run
            lands on the page), after a channel filter change, then a language filter change
            (both keep every brand), and a plain rerun
  server    (at --pages-at sizes) `python serve.py` (as `make run`), each page opened once in Debian's
            Chromium (Playwright); time to the first page, then a click on each of the five
            channels (mean, slowest, how many over 0.5 s), first for each filter and then again
            with its results cached, VmRSS of the server process

Targets (issue 6, 2 cores) are printed next to each figure; the load average is printed
with the table because the machine may be shared.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.common import ROOT, module_command

DEFAULT_WORK = Path(tempfile.gettempdir()) / "monitor_scale"
PAGES = [
    ("app_pages/overview.py", "Overview", ""),
    ("app_pages/trends.py", "Trends", "trends"),
    ("app_pages/topics.py", "Topics", "topics"),
    ("app_pages/differentiation.py", "Differentiation", "differentiation"),
    ("app_pages/cadence.py", "Cadence & engagement", "cadence"),
    ("app_pages/feeds.py", "Feeds", "feeds"),
]
RSS_PER_FILE = 100
CLICKED_CHANNELS = ("facebook", "instagram", "linkedin", "blog", "newsroom")  # bench/perf/synthetic.py's
N_NEW = 1_000
TIMEZONE = "Europe/Ljubljana"
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def peak_mb() -> float:
    """Peak RSS of this process (VmHWM). Not getrusage's ru_maxrss: Linux carries that over
    exec from the parent, so a child started by a big process would report the parent's peak."""
    return _status_kb("self", "VmHWM") / 1024


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# --- data ---------------------------------------------------------------------------------


def paths(work: Path, n: int) -> dict[str, Path]:
    folder = work / f"n{n}"
    return {
        "folder": folder,
        "posts": folder / "posts.pkl",
        "new": folder / "new_posts.pkl",
        "store": folder / "store.db",
        "topics": folder / "topics.db",
        "config": folder / "feeds.yaml",
    }


def _store(url_path: Path):
    from monitor.store.database import open_store

    return open_store(f"sqlite:///{url_path}")


def _config(config_path: Path, database: Path):
    from monitor.config.load import load_config

    return load_config(config_path, database=str(database))


def save_by_feed(store, frame) -> float:
    """Store a frame of synthetic posts feed by feed (one save_fetch each); seconds taken."""
    from monitor import models

    started = time.perf_counter()
    for feed_id, group in frame.groupby("feed_id", sort=True):
        store.save_fetch(feed_id, models.posts_frame(group), started_at=datetime.now(UTC), status="ok")
    return time.perf_counter() - started


def step_data(n: int, work: Path) -> dict:
    """Posts (cached), the store built from them, 1,000 later posts for assignment."""
    from bench.perf.synthetic import END, Generator, with_post_ids, write_synthetic_config

    p = paths(work, n)
    p["folder"].mkdir(parents=True, exist_ok=True)
    result: dict = {}
    if not p["posts"].exists():
        started = time.perf_counter()
        generator = Generator(seed=0)
        posts = with_post_ids(generator.posts(n))
        new = with_post_ids(generator.posts(N_NEW, start_index=n, end=END + timedelta(days=2), span_days=2))
        result["generate_s"] = time.perf_counter() - started
        posts.to_pickle(p["posts"])
        new.to_pickle(p["new"])
    if not p["store"].exists():
        import pandas as pd

        posts = pd.read_pickle(p["posts"])
        config = _config(write_synthetic_config(p["folder"], p["store"]), p["store"])
        store = _store(p["store"].with_suffix(".tmp.db"))
        store.sync_feeds(config.feeds)
        result["store_build_s"] = save_by_feed(store, posts)
        store.close()
        os.replace(p["store"].with_suffix(".tmp.db"), p["store"])
    return result


# --- ingest -------------------------------------------------------------------------------


def step_csv(n: int, work: Path) -> dict:
    import pandas as pd

    from bench.perf.synthetic import write_meta_csv
    from monitor.ingest.csv_exports import read_csv_export

    p = paths(work, n)
    export = p["folder"] / "export.csv"
    if not export.exists():
        write_meta_csv(pd.read_pickle(p["posts"]), export)
    config = _config(p["config"], p["folder"] / "csv.db")
    # Every post in one export of the own brand's Facebook feed (ids are the export's Post ID).
    feed = next(f for f in config.feeds if f.channel == "facebook")
    feed = dataclasses.replace(feed, path=export)
    database = p["folder"] / "csv.db"
    database.unlink(missing_ok=True)
    store = _store(database)
    store.sync_feeds(config.feeds)
    started = time.perf_counter()
    read = read_csv_export(feed, TIMEZONE)
    read_s = time.perf_counter() - started
    saved = time.perf_counter()
    n_new, _ = store.save_fetch(feed.feed_id, read.posts, started_at=datetime.now(UTC), status="ok")
    save_s = time.perf_counter() - saved
    store.close()
    database.unlink(missing_ok=True)
    total = read_s + save_s
    return {
        "n_read": len(read.posts), "n_new": n_new, "read_s": read_s, "save_s": save_s,
        "total_s": total, "posts_per_s": n / total, "csv_mb": export.stat().st_size / 1e6, "peak_mb": peak_mb(),
    }  # fmt: skip


def step_rss(n: int, work: Path) -> dict:
    import feedparser
    import pandas as pd

    from bench.perf.synthetic import rss_bytes
    from monitor.ingest.rss import _strip_leading_space, parse_feed_bytes

    p = paths(work, n)
    folder = p["folder"] / "rss"
    posts = pd.read_pickle(p["posts"])
    if not folder.exists():
        folder.mkdir()
        # Files of RSS_PER_FILE posts, each file one feed's consecutive posts.
        for feed_id, group in posts.groupby("feed_id", sort=True):
            for start in range(0, len(group), RSS_PER_FILE):
                chunk = group.iloc[start : start + RSS_PER_FILE]
                (folder / f"{feed_id}__{start:08d}.xml").write_bytes(rss_bytes(chunk, feed_id))
    files = sorted(folder.glob("*.xml"))
    contents = [(f.name.split("__")[0], f.read_bytes()) for f in files]
    started = time.perf_counter()
    n_entries = 0
    for _feed_id, content in contents:
        n_entries += len(feedparser.parse(_strip_leading_space(content), response_headers={}).entries)
    feedparser_s = time.perf_counter() - started
    config = _config(p["config"], p["folder"] / "rss.db")
    database = p["folder"] / "rss.db"
    database.unlink(missing_ok=True)
    store = _store(database)
    store.sync_feeds(config.feeds)
    parse_s = save_s = 0.0
    n_posts = 0
    for feed_id, content in contents:
        started = time.perf_counter()
        frame, _warnings = parse_feed_bytes(content, feed_id)
        parsed = time.perf_counter()
        store.save_fetch(feed_id, frame, started_at=datetime.now(UTC), status="ok")
        parse_s += parsed - started
        save_s += time.perf_counter() - parsed
        n_posts += len(frame)
    store.close()
    database.unlink(missing_ok=True)
    ours = parse_s + save_s
    return {
        "n_files": len(files), "n_entries": n_entries, "n_posts": n_posts, "mb": sum(len(c) for _, c in contents) / 1e6,
        "feedparser_s": feedparser_s, "parse_feed_bytes_s": parse_s, "save_s": save_s, "ours_s": ours,
        "ratio": ours / feedparser_s, "posts_per_s": n / ours, "peak_mb": peak_mb(),
    }  # fmt: skip


# --- topics -------------------------------------------------------------------------------


def step_refit(n: int, work: Path) -> dict:
    import pandas as pd

    from monitor.topics.runs import assign_new_posts, refit_topics

    p = paths(work, n)
    shutil.copyfile(p["store"], p["topics"])
    for suffix in ("-wal", "-shm"):
        Path(str(p["topics"]) + suffix).unlink(missing_ok=True)
    config = _config(p["config"], p["topics"])
    store = _store(p["topics"])
    started = time.perf_counter()
    update = refit_topics(store, config.settings.topics)
    refit_s = time.perf_counter() - started
    refit_peak = peak_mb()
    new = pd.read_pickle(p["new"])
    save_by_feed(store, new)
    started = time.perf_counter()
    assigned = assign_new_posts(store)
    assign_s = time.perf_counter() - started
    store.close()
    return {
        "refit_s": refit_s, "model_fit_s": update.fit_seconds, "n_topics": update.n_topics,
        "refit_peak_mb": refit_peak, "assign_s": assign_s, "n_assigned": assigned.n_posts,
        "assign_action": assigned.action, "peak_mb": peak_mb(),
    }  # fmt: skip


def step_fit(n: int, work: Path) -> dict:
    """Stories and documents here; TopicModel.fit alone in a fresh child (its own peak)."""
    from monitor.topics.runs import story_documents
    from monitor.topics.stories import find_stories

    p = paths(work, n)
    store = _store(p["store"])
    started = time.perf_counter()
    posts = store.load_posts()
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    stories = find_stories(posts)
    stories_s = time.perf_counter() - started
    documents = story_documents(posts, stories)
    docs = p["folder"] / "documents.pkl"
    with open(docs, "wb") as file:
        pickle.dump((documents["text"].tolist(), documents["language"].tolist()), file)
    child = run_child("fitonly", n, work)
    single = run_child("fitonly1", n, work)
    return {
        "load_posts_s": load_s, "stories_s": stories_s, "n_stories": len(documents),
        "stories_peak_mb": peak_mb(), **{f"fit_{k}": v for k, v in child.items()},
        **{f"fit1_{k}": v for k, v in single.items()},
    }  # fmt: skip


def step_fitonly1(n: int, work: Path) -> dict:
    """TopicModel.fit with BLAS and OpenMP limited to one thread (threadpoolctl): k-means
    on small samples gains nothing from threads, and on a busy machine OpenMP's spin-waiting
    threads slow it down many times over."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        return step_fitonly(n, work)


def step_fitonly(n: int, work: Path) -> dict:
    from monitor.topics.model import TopicModel

    with open(paths(work, n)["folder"] / "documents.pkl", "rb") as file:
        texts, languages = pickle.load(file)
    before = peak_mb()
    started = time.perf_counter()
    model = TopicModel().fit(texts, languages)
    return {
        "s": time.perf_counter() - started,
        "peak_mb": peak_mb(),
        "before_mb": before,
        "n_topics": model.n_topics_,
    }


# --- export -------------------------------------------------------------------------------


def step_export(n: int, work: Path) -> dict:
    from monitor.analysis.distinctive_terms import build_term_index
    from monitor.analysis.volume import PostFilter, filter_posts
    from monitor.output.csv_files import write_snapshot
    from monitor.output.tables import snapshot_tables
    from monitor.topics.runs import posts_with_topics

    p = paths(work, n)
    config = _config(p["config"], p["topics"])
    store = _store(p["topics"])
    started = time.perf_counter()
    topics = store.load_topics()
    everything = posts_with_topics(store.load_posts(), store.load_post_topics(), topics)
    posts = filter_posts(everything, PostFilter(None, None, (), ()), TIMEZONE)
    load_s = time.perf_counter() - started
    # The CLI reads the term index of distinctive terms from the disk cache (made by the
    # pages or the last export, after a fetch only new posts tokenized); built whole here.
    started = time.perf_counter()
    index = build_term_index(everything)
    index_s = time.perf_counter() - started
    started = time.perf_counter()
    tables = snapshot_tables(posts, topics, TIMEZONE, config.own_brand, index)
    tables_s = time.perf_counter() - started
    started = time.perf_counter()
    output = p["folder"] / "export"
    write_snapshot(tables, output, {"bench": True})
    write_s = time.perf_counter() - started
    shutil.rmtree(output, ignore_errors=True)
    return {
        "load_s": load_s, "index_s": index_s, "tables_s": tables_s, "write_s": write_s,
        "export_s": tables_s + write_s, "peak_mb": peak_mb(),
    }  # fmt: skip


# --- pages --------------------------------------------------------------------------------


def step_pages(n: int, work: Path) -> dict:
    p = paths(work, n)
    os.environ["MONITOR_CONFIG"] = str(p["config"])
    os.environ["MONITOR_DB"] = str(p["topics"])
    os.chdir(ROOT)
    return time_pages()


def time_pages() -> dict:
    """Every page through AppTest on MONITOR_CONFIG / MONITOR_DB: cold (Streamlit's caches
    cleared; the disk cache stays), after a channel then a language filter, a plain rerun."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    out: dict = {}
    for page, title, _url in PAGES:
        st.cache_data.clear()
        st.cache_resource.clear()
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        started = time.perf_counter()
        if page.endswith("overview.py"):
            app.run()
        else:
            app.switch_page(page).run()
        cold = time.perf_counter() - started
        titles = [t.value for t in app.title]
        problem = (
            str(app.exception[0].value)[:200]
            if app.exception
            else (None if titles == [title] else f"titles {titles}")
        )
        started = time.perf_counter()
        # Filters that keep every brand, so brand comparisons still have work to do.
        app.sidebar.multiselect[1].select("facebook").run()  # channel
        filtered = time.perf_counter() - started
        started = time.perf_counter()
        app.sidebar.multiselect[2].select("en").run()  # language
        filtered2 = time.perf_counter() - started
        started = time.perf_counter()
        app.run()
        rerun = time.perf_counter() - started
        if app.exception and not problem:
            problem = str(app.exception[0].value)[:200]
        out[title] = {
            "cold_s": cold,
            "filter_s": filtered,
            "filter2_s": filtered2,
            "rerun_s": rerun,
            "problem": problem,
        }
    out["peak_mb"] = peak_mb()
    return out


def step_server(n: int, work: Path) -> dict:
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server

    p = paths(work, n)
    out: dict = {"pages": {}}
    started = time.perf_counter()
    with streamlit_server(p["config"], p["topics"], timeout=300) as url:
        out["server_up_s"] = time.perf_counter() - started
        pid = _server_pid(url)
        out["rss_idle_mb"] = _vm_rss(pid)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for _path, title, url_path in PAGES:
                started = time.perf_counter()
                page.goto(f"{url}/{url_path}", timeout=600_000)
                page.get_by_role("heading", name=title).first.wait_for(timeout=600_000)
                _wait_script_done(page)
                out["pages"][title] = time.perf_counter() - started
                # One click is at the host's mercy (the same page moved from 0.27 s to 0.38 s
                # mean within 15 minutes), so each channel once, from the unfiltered page: the
                # first time for each filter, then again with its results in the cache (the
                # target's "warm cache").
                for round_name in ("filter", "filter_warm"):
                    clicks = []
                    for channel in CLICKED_CHANNELS:
                        if clicks or round_name == "filter_warm":
                            page.goto(f"{url}/{url_path}", timeout=600_000)
                            _wait_script_done(page)
                        page.wait_for_timeout(1000)
                        clicks.append(_filter_in_browser(page, channel))
                    out.setdefault(round_name, {})[title] = {
                        "mean": sum(clicks) / len(clicks), "slowest": max(clicks),
                        "over_half_s": f"{sum(c > 0.5 for c in clicks)} of {len(clicks)}", "clicks": clicks,
                    }  # fmt: skip
                out[f"rss_after_{url_path or 'overview'}_mb"] = _vm_rss(pid)
            browser.close()
        out["rss_mb"] = _vm_rss(pid)
        out["rss_peak_mb"] = _vm_hwm(pid)
    return out


# Resolves with the browser's clock when the next script run has finished; records when the
# user pressed the pointer, so the figure runs from the click to the page being done.
WATCH_RERUN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__pressedAt = null;
  document.addEventListener('pointerdown', () => { window.__pressedAt ??= performance.now(); },
                            {capture: true, once: true});
  window.__rerunDone = new Promise(resolve => {
    let running = false;
    const watch = new MutationObserver(() => {
      const state = app.getAttribute('data-test-script-state');
      if (state === 'running') running = true;
      if (state === 'notRunning' && running) { watch.disconnect(); resolve(performance.now()); }
    });
    watch.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  });
}"""


def _filter_in_browser(page, channel: str) -> float:
    """Seconds from picking a channel in the sidebar to the page's rerun being done."""
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(1).click()
    option = page.get_by_role("option", name=channel)
    option.wait_for(timeout=60_000)
    page.evaluate(WATCH_RERUN)
    option.click()
    done = page.evaluate("() => window.__rerunDone")
    pressed = page.evaluate("() => window.__pressedAt")
    page.keyboard.press("Escape")
    return (done - pressed) / 1000


def _wait_script_done(page, timeout: float = 600) -> None:
    """Until the app's script run has finished (Streamlit marks the app 'notRunning')."""
    deadline = time.monotonic() + timeout
    page.wait_for_timeout(200)
    while time.monotonic() < deadline:
        state = page.locator('[data-testid="stApp"]').get_attribute("data-test-script-state")
        if state == "notRunning":
            return
        page.wait_for_timeout(50)


def _server_pid(url: str) -> int:
    """The pid of the streamlit server listening on url's port (a child of this process)."""
    port = url.rsplit(":", 1)[1]
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        joined = b" ".join(command)
        if (b"streamlit" in joined or b"serve.py" in joined) and port.encode() in command:
            return int(entry.name)
    raise RuntimeError("streamlit server process not found")


def _status_kb(pid: int | str, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return float(line.split()[1])
    return float("nan")


def _vm_rss(pid: int) -> float:
    return _status_kb(pid, "VmRSS") / 1024


def _vm_hwm(pid: int) -> float:
    return _status_kb(pid, "VmHWM") / 1024


# --- driver -------------------------------------------------------------------------------

STEPS = {
    "data": step_data, "csv": step_csv, "rss": step_rss, "refit": step_refit, "fit": step_fit,
    "fitonly": step_fitonly, "fitonly1": step_fitonly1, "export": step_export, "pages": step_pages, "server": step_server,
}  # fmt: skip


def run_child(step: str, n: int, work: Path, timeout: float = 3600) -> dict:
    """Run one step in a fresh interpreter; its JSON result (or the error) with load and wall time."""
    load = load_average()
    started = time.perf_counter()
    command = module_command("bench.perf.scale", "--step", step, "--n", str(n), "--work", str(work))
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout:.0f} s", "load": load}
    wall = time.perf_counter() - started
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": (done.stderr or done.stdout)[-1500:], "load": load, "wall_s": wall}
    return {**json.loads(lines[-1]), "load": load, "wall_s": wall}


def _fmt(value, unit: str = "s") -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if unit == "s":
        return f"{value:.2f} s" if value < 10 else f"{value:.0f} s"
    if unit == "mb":
        return f"{value:,.0f} MB"
    if unit == "rate":
        return f"{value:,.0f}/s"
    if unit == "x":
        return f"{value:.2f}x"
    return str(value)


def _get(result: dict, *keys):
    value = result
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return "error" if isinstance(value, dict) and "error" in value else None
        value = value[key]
    return value


def table(results: dict[int, dict[str, dict]]) -> str:
    sizes = sorted(results)
    heads = [f"{n // 1000}k" if n < 1_000_000 else f"{n / 1e6:g}M" for n in sizes]
    rows: list[tuple[str, str, list[str]]] = []

    def add(label: str, target: str, step: str, *keys, unit: str = "s") -> None:
        rows.append((label, target, [_fmt(_get(results[n].get(step, {}), *keys), unit) for n in sizes]))

    add("CSV ingest: read_csv_export + save_fetch", "100k ≤ 10 s", "csv", "total_s")
    add("  rate", "≥ 10,000/s", "csv", "posts_per_s", unit="rate")
    add("  of which read (parse, clean, language)", "", "csv", "read_s")
    add("  of which store save", "", "csv", "save_s")
    add("  peak RSS", "", "csv", "peak_mb", unit="mb")
    add("RSS: feedparser.parse alone", "", "rss", "feedparser_s")
    add("RSS: our path (parse_feed_bytes + save_fetch)", "", "rss", "ours_s")
    add("  of which parse_feed_bytes", "", "rss", "parse_feed_bytes_s")
    add("  of which store save", "", "rss", "save_s")
    add("  ours / feedparser", "≤ 1.5x", "rss", "ratio", unit="x")
    add("  our rate", "", "rss", "posts_per_s", unit="rate")
    add("Topic refit (refit_topics, all included)", "100k ≤ 30 s; 1M ≤ 300 s", "refit", "refit_s")
    add("  of which model fit + transform (fit_seconds)", "", "refit", "model_fit_s")
    add("  peak RSS of the refit process", "100k ≤ 2 GB; 1M ≤ 8 GB", "refit", "refit_peak_mb", unit="mb")
    add("  topics found", "", "refit", "n_topics", unit="")
    add("load_posts (store -> frame)", "", "fit", "load_posts_s")
    add("find_stories", "", "fit", "stories_s")
    add("  stories (documents)", "", "fit", "n_stories", unit="")
    add("TopicModel.fit alone", "", "fit", "fit_s")
    add("  peak RSS of the fit process", "", "fit", "fit_peak_mb", unit="mb")
    add("TopicModel.fit alone, threadpool_limits(1)", "", "fit", "fit1_s")
    add("Assign 1,000 new posts (assign_new_posts)", "", "refit", "assign_s")
    add("Export: snapshot_tables + write_snapshot (term index on disk)", "", "export", "export_s")
    add("  of which snapshot_tables", "", "export", "tables_s")
    add("  of which write_snapshot", "", "export", "write_s")
    add("  term index built whole (no index on disk yet)", "", "export", "index_s")
    add("  (before it: load + posts_with_topics)", "", "export", "load_s")
    for _path, title, _url in PAGES:
        add(f"Page {title}: cold (AppTest)", "first page ≤ 3 s", "pages", title, "cold_s")
        add(f"Page {title}: after a channel filter change", "≤ 0.5 s", "pages", title, "filter_s")
        add(f"Page {title}: then a language filter change", "≤ 0.5 s", "pages", title, "filter2_s")
        add(f"Page {title}: plain rerun", "", "pages", title, "rerun_s")
    add("Server: up (health)", "", "server", "server_up_s")
    for _path, title, _url in PAGES:
        add(f"Browser: {title} opened (to script done)", "first ≤ 3 s", "server", "pages", title)
    for _path, title, _url in PAGES:
        for round_name, first_time in (("filter", "first time"), ("filter_warm", "again, warm cache")):
            add(
                f"Browser: {title}, click a channel ({first_time}) to rerun done (mean)",
                "≤ 0.5 s",
                "server",
                round_name,
                title,
                "mean",
            )
            add("  slowest click", "", "server", round_name, title, "slowest")
            add("  clicks over 0.5 s", "", "server", round_name, title, "over_half_s")
    add("App server VmRSS after all pages", "< 1.5 GB", "server", "rss_mb", unit="mb")
    add("App server VmHWM (peak)", "", "server", "rss_peak_mb", unit="mb")
    label_width = max(len(r[0]) for r in rows)
    target_width = max(len(r[1]) for r in rows)
    lines = [
        f"{'figure':<{label_width}}  {'target':<{target_width}}  " + "  ".join(f"{h:>10}" for h in heads)
    ]
    for label, target, values in rows:
        if all(v == "—" for v in values):
            continue
        lines.append(
            f"{label:<{label_width}}  {target:<{target_width}}  " + "  ".join(f"{v:>10}" for v in values)
        )
    lines.append("")
    threads = ", ".join(f"{name}={os.environ.get(name, 'unset')}" for name in THREAD_VARIABLES)
    lines.append(f"os.cpu_count() = {os.cpu_count()}; {threads}")
    lines.append("load average (1, 5, 15 min) at the start of each step:")
    for n, head in zip(sizes, heads, strict=True):
        steps = ", ".join(f"{step} {results[n][step].get('load', '?')}" for step in results[n])
        lines.append(f"  {head}: {steps}")
    errors = [
        (n, step, r["error"])
        for n in sizes
        for step, r in results[n].items()
        if isinstance(r, dict) and "error" in r
    ]
    for n, step, error in errors:
        lines.append(f"ERROR at {n} in {step}: {error.strip().splitlines()[-1] if error.strip() else error}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated post counts")
    parser.add_argument(
        "--pages-at", default="100000", help="sizes at which pages and the server are measured"
    )
    parser.add_argument("--rss-max", type=int, default=100_000, help="largest size for the RSS measurement")
    parser.add_argument("--steps", default="csv,rss,refit,fit,export,pages,server")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="cache of generated posts and stores")
    parser.add_argument(
        "--threads",
        type=int,
        help="BLAS/OpenMP threads for every step (OMP_NUM_THREADS etc.; default: unchanged)",
    )
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--profile", help="run one step under cProfile at --n and print the top functions")
    args = parser.parse_args()
    if args.step:  # child
        print(json.dumps(STEPS[args.step](args.n, args.work), default=str))
        return 0
    if args.profile:
        return profile(args.profile, args.n or 100_000, args.work)
    if args.threads:
        for name in THREAD_VARIABLES:
            os.environ[name] = str(args.threads)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    pages_at = {int(s) for s in args.pages_at.split(",") if s}
    steps = [s for s in args.steps.split(",") if s]
    results: dict[int, dict[str, dict]] = {}
    for n in sizes:
        results[n] = {"data": run_child("data", n, args.work)}
        print(f"[{n:,}] data {json.dumps(results[n]['data'], default=str)[:300]}", file=sys.stderr)
        for step in steps:
            if step in ("pages", "server") and n not in pages_at:
                continue
            if step == "rss" and n > args.rss_max:
                continue
            if step == "export" and "refit" not in steps and not paths(args.work, n)["topics"].exists():
                continue  # exports the store a refit made
            results[n][step] = run_child(step, n, args.work)
            print(f"[{n:,}] {step} {json.dumps(results[n][step], default=str)[:600]}", file=sys.stderr)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str))
    return 0


def profile(step: str, n: int, work: Path) -> int:
    import cProfile
    import pstats

    run_child("data", n, work)
    output = work / f"profile_{step}_{n}.pstats"
    profiler = cProfile.Profile()
    profiler.enable()
    result = STEPS[step](n, work)
    profiler.disable()
    profiler.dump_stats(output)
    print(json.dumps(result, default=str))
    stats = pstats.Stats(str(output)).strip_dirs()
    stats.sort_stats("cumulative").print_stats(35)
    stats.sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
