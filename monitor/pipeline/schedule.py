"""`fetch --every`: the interval, the time of the next run, and the loop that waits for it.
Pure but for the loop, whose clock and sleep are given, so it is tested without waiting."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from monitor.errors import ConfigError

INTERVAL_FORMS = "a whole number of minutes, hours or days: 15m, 30m, 1h, 6h, 1d"
_UNITS = {"m": "minutes", "h": "hours", "d": "days"}
_NAP = 1.0  # seconds: the longest sleep, so a stop request is seen within it


def parse_interval(text: str) -> timedelta:
    """'15m', '1h', '1d' ... as a timedelta; ConfigError naming the accepted forms otherwise."""
    match = re.fullmatch(r"\s*(\d{1,6})\s*([mhd])\s*", text.lower())
    interval = timedelta(**{_UNITS[match[2]]: int(match[1])}) if match else timedelta(0)
    if interval <= timedelta(0):
        raise ConfigError(f"--every {text!r}: write {INTERVAL_FORMS}")
    return interval


def next_run_at(started_at: datetime, interval: timedelta, now: datetime) -> datetime:
    """The first slot (started_at + k * interval, k >= 1) after now: a run that overran its
    slot skips the missed ones instead of running back to back."""
    n_passed = max((now - started_at) // interval, 0)
    return started_at + (n_passed + 1) * interval


def utc_now() -> datetime:
    return datetime.now(UTC)


def nap(seconds: float) -> None:
    time.sleep(seconds)


def run_every(
    interval: timedelta,
    run_once: Callable[[], object],
    *,
    stop_requested: Callable[[], bool] = lambda: False,
    runs: int | None = None,
    clock: Callable[[], datetime] | None = None,
    sleep: Callable[[float], object] | None = None,
) -> int:
    """Call run_once now and then at each slot of interval from now, until stop_requested()
    says so (checked between runs and while waiting) or `runs` runs are done; the count.
    clock and sleep default to utc_now and nap, looked up at the call (tests replace them)."""
    clock, sleep = clock or utc_now, sleep or nap
    started_at = clock()
    n_runs = 0
    while not stop_requested():
        run_once()
        n_runs += 1
        if runs is not None and n_runs >= runs:
            break
        wait_until(next_run_at(started_at, interval, clock()), stop_requested, clock, sleep)
    return n_runs


def wait_until(
    moment: datetime,
    stop_requested: Callable[[], bool],
    clock: Callable[[], datetime],
    sleep: Callable[[float], object],
) -> None:
    """Sleep until moment by naps of at most a second, against the wall clock (a host that
    was suspended wakes on time), returning early on a stop request."""
    while not stop_requested() and (left := (moment - clock()).total_seconds()) > 0:
        sleep(min(left, _NAP))
