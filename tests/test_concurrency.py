"""Concurrent use of one SQLite file: two fetches at once (processes and threads) and the
app's reads while a fetch writes. No "database is locked", no post lost or doubled."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from monitor import models
from monitor.config.load import load_config
from monitor.config.settings import TopicSettings
from monitor.pipeline.refresh import refresh_feeds
from monitor.store.database import open_store
from monitor.topics.runs import refit_topics
from tests.paths import ROOT
from tests.topic_corpus import market, save, story_posts

pytestmark = pytest.mark.slow


def demo_copy(folder):
    """The demo feeds.yaml in `folder`, its data/demo linked so relative paths still work."""
    (folder / "feeds.yaml").write_text((ROOT / "feeds.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "data").mkdir()
    (folder / "data" / "demo").symlink_to(ROOT / "data" / "demo")
    return folder / "feeds.yaml"


def fetch_command(config, database):
    return [
        sys.executable,
        "-m",
        "monitor",
        "fetch",
        "--no-topics",
        "--config",
        str(config),
        "--db",
        str(database),
    ]


def post_ids(database) -> set[str]:
    store = open_store(f"sqlite:///{database}")
    try:
        return set(store.load_posts()[models.POST_ID])
    finally:
        store.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo config and the post ids one uninterrupted fetch stores."""
    folder = tmp_path_factory.mktemp("concurrency")
    config = demo_copy(folder)
    subprocess.run(fetch_command(config, folder / "reference.db"), cwd=ROOT, check=True, capture_output=True)
    return config, post_ids(folder / "reference.db")


def test_two_fetch_processes_at_once_store_each_post_once(demo, tmp_path):
    config, reference = demo
    database = tmp_path / "shared.db"

    processes = [
        subprocess.Popen(
            fetch_command(config, database),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=240) for process in processes]

    codes = [process.returncode for process in processes]
    # The fetch lock: one that starts while the other writes skips (exit 3); one that starts
    # after the other has finished fetches too, and finds every post known.
    assert 0 in codes and set(codes) <= {0, 3}, [err for _, err in outputs]
    for (out, err), code in zip(outputs, codes, strict=True):
        assert "database is locked" not in (out + err).lower()
        assert code == 0 or "\nskipped: " in err
    assert post_ids(database) == reference
    # one process inserted each post; any other saw it as known: together, every post once
    counts = [
        int(out.strip().splitlines()[-1].split("; ")[1].split()[0])
        for (out, _), code in zip(outputs, codes, strict=True)
        if code == 0
    ]
    assert sum(counts) == len(reference)


def test_the_app_reads_while_a_fetch_writes(demo, tmp_path):
    config, reference = demo
    database = tmp_path / "busy.db"
    store = open_store(f"sqlite:///{database}")  # the app's store, created before the fetch
    process = subprocess.Popen(
        fetch_command(config, database), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )

    seen = []
    while process.poll() is None:
        posts = store.load_posts()  # as the pages do, while the fetch commits feed after feed
        store.load_feed_status()
        store.data_version()
        assert posts[models.POST_ID].is_unique
        seen.append(len(posts))
    out, err = process.communicate()

    assert process.returncode == 0, err
    assert "locked" not in (out + err).lower()
    assert seen == sorted(seen)  # reads never see a fetch's half: counts only grow
    assert len(seen) > 1 and max(seen[:-1] or [1]) > 0  # some reads did land mid-fetch
    assert set(store.load_posts()[models.POST_ID]) == reference
    store.close()


def test_two_fetch_threads_with_their_own_stores(demo, tmp_path):
    config_path, reference = demo
    config = load_config(config_path, database=str(tmp_path / "threads.db"))
    errors: list[BaseException] = []
    results: list[list] = []

    def fetch() -> None:
        store = open_store(config.database_url)
        try:
            results.append(refresh_feeds(config, store))
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=fetch) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)

    assert not errors
    assert all(result.ok for run in results for result in run), [
        r.error for run in results for r in run if not r.ok
    ]
    assert post_ids(tmp_path / "threads.db") == reference
    assert sum(result.n_new for run in results for result in run) == len(reference)


def test_two_refits_at_once_run_one_after_the_other(tmp_path):
    url = f"sqlite:///{tmp_path}/refits.db"
    filled = open_store(url)
    save(filled, market() + story_posts())
    filled.close()
    first_inside, second_seen = threading.Event(), threading.Event()
    updates: dict[str, object] = {}
    errors: list[BaseException] = []

    def first_says(message: str) -> None:
        if message.startswith("Grouping"):  # holding the lock, if there is one
            first_inside.set()
        if message.startswith("Saving"):  # the second refit waits on the lock, or ran past it
            second_seen.wait(timeout=120)

    def second_says(message: str) -> None:
        if message.startswith(("Waiting for another topic refit", "Saving")):
            second_seen.set()

    def refit(name: str, say) -> None:
        store = open_store(url)
        try:
            updates[name] = refit_topics(store, TopicSettings(n_topics=5), progress=say)
        except BaseException as exc:  # surfaced below
            errors.append(exc)
            second_seen.set()
        finally:
            store.close()

    first = threading.Thread(target=refit, args=("first", first_says))
    first.start()
    assert first_inside.wait(timeout=120)
    second = threading.Thread(target=refit, args=("second", second_says))
    second.start()
    for thread in (first, second):
        thread.join(timeout=240)

    assert not errors
    assert updates["second"].lineage == (("continued", 5),)  # it saw the first run as previous
    assert updates["first"].lineage == (("new", 5),)
    assert (updates["first"].run_id, updates["second"].run_id) == (1, 2)
    store = open_store(url)
    ids = [set(store.load_topics(run_id)["topic_id"]) for run_id in (1, 2)]
    store.close()
    assert ids[0] == ids[1] and len(ids[0]) == 5
