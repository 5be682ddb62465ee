"""feedparser's own test corpus through the real ingest path: every file ends as posts or as
a recorded per-feed error, and nothing hangs. A deterministic sample of 300 files plus every
file under illformed/ and encoding/ keeps it quick; bench/perf/hostile_feeds.py runs them all."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.paths import ROOT

pytestmark = pytest.mark.slow

_spec = importlib.util.spec_from_file_location("hostile_feeds", ROOT / "bench" / "perf" / "hostile_feeds.py")
hostile = importlib.util.module_from_spec(_spec)
sys.modules["hostile_feeds"] = hostile  # dataclasses look their module up
_spec.loader.exec_module(hostile)


@pytest.fixture(scope="module")
def corpus_run():
    if not hostile.CORPUS.is_dir():
        pytest.skip(f"{hostile.CORPUS} is not here")
    files = hostile.sample_files(hostile.corpus_files(), 300)
    return files, hostile.run(files, budget=30)


def test_the_sample_covers_the_broken_folders(corpus_run):
    files, _ = corpus_run

    folders = {path.relative_to(hostile.CORPUS).parts[0] for path in files}
    assert {"illformed", "encoding", "wellformed", "entities"} <= folders
    assert len(files) >= 300


def test_every_file_ends_as_posts_or_a_recorded_error(corpus_run):
    files, run = corpus_run

    assert not run.hung
    assert set(run.results) == set(files)
    for path, result in run.results.items():
        assert result.status in ("ok", "error"), (path, result)
        if result.status == "error":
            assert result.error and not result.error.startswith("unexpected"), (path, result.error)
    assert set(run.seconds) == set(files)  # each outcome is in the fetch log
    assert run.n_with_posts > 0 and sum(run.errors_by_reason().values()) > 0


def test_posts_stored_match_the_results(corpus_run):
    _, run = corpus_run

    assert run.n_posts_stored == sum(r.n_new for r in run.results.values())
