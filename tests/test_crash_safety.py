"""kill -9 during `fetch` and `topics refit` (3 trials; bench/perf/crash_safety.py runs 30): the
store stays intact, holds no duplicate posts or half-written topic run, and the next fetch
ends with exactly the posts of an uninterrupted one."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.paths import ROOT

pytestmark = pytest.mark.slow

_spec = importlib.util.spec_from_file_location("crash_safety", ROOT / "bench" / "perf" / "crash_safety.py")
crash_safety = importlib.util.module_from_spec(_spec)
sys.modules["crash_safety"] = crash_safety  # dataclasses look their module up
_spec.loader.exec_module(crash_safety)


def test_kill_9_leaves_a_sound_store_and_loses_nothing():
    trials = crash_safety.run(n_fetch=2, n_refit=1, seed=3, refit_seconds=8)

    assert [t.kind for t in trials] == ["fetch", "fetch", "refit"]
    for trial in trials:
        assert trial.ok, crash_safety.table(trials)
