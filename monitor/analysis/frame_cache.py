"""The posts-with-topics frame (and the term index) kept on disk per data version, so the
first page after a server start (or after a cron fetch) reads one file instead of querying
and joining every post, nor tokenizing them for the term index of distinctive terms
(bench/perf/scale.py).

The file lives in the configured cache folder (Config.cache_dir: beside a SQLite database,
or under data/cache/ for a PostgreSQL server), is written atomically and only by this
program, and is named after the store's data version, so a fetch, refit or rename makes a
new one and the old one is deleted. Any unreadable file is rebuilt. The files are pickles:
they are this program's own files on the app's disk, never read from the database.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from monitor import models
from monitor.store.database import Store
from monitor.topics.runs import posts_with_topics

PREFIX = "posts-"  # the posts frame; other kinds of object are named "<kind>-<version>.pkl"
TERMS = "terms-"  # the term index of distinctive terms
SUFFIX = ".pkl"


def cache_file(directory: Path, version: tuple, prefix: str = PREFIX) -> Path:
    digest = hashlib.sha256(repr(version).encode()).hexdigest()[:20]
    return directory / f"{prefix}{digest}{SUFFIX}"


def load_or_build(
    directory: Path | None, version: tuple, build: Callable[[], Any], prefix: str = PREFIX
) -> Any:
    """The object of this data version and prefix from disk, else build() it and keep it."""
    if directory is None:
        return build()
    path = cache_file(directory, version, prefix)
    with contextlib.suppress(Exception), open(path, "rb") as file:  # missing or unreadable: rebuild
        return pickle.load(file)  # written by this program only (see the module note)
    value = build()
    with contextlib.suppress(OSError, pickle.PicklingError):  # a read-only or full disk costs speed only
        _write(directory, path, value, prefix)
    return value


def latest(directory: Path | None, prefix: str) -> Any:
    """The newest kept object of a prefix, whatever its data version (None if there is none
    or it is unreadable): a builder can reuse what did not change since."""
    files = sorted(directory.glob(f"{prefix}*{SUFFIX}"), key=_modified) if directory else []
    with contextlib.suppress(Exception), open(files[-1], "rb") as file:
        return pickle.load(file)
    return None


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _write(directory: Path, path: Path, value: Any, prefix: str) -> None:
    """Write atomically (temp file + rename), then remove other versions' files of the prefix."""
    directory.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=SUFFIX)
    try:
        with os.fdopen(handle, "wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
    for old in directory.glob(f"{prefix}*{SUFFIX}"):
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()


def posts_frame_of(store: Store, directory: Path | None, version: tuple | None = None) -> pd.DataFrame:
    """posts_with_topics of every stored post, through the disk cache of this data version
    in `directory` (Config.cache_dir; None: no cache)."""
    version = store.data_version() if version is None else version
    # The columns are part of the key: a program that adds one (date_only) must not read a
    # frame kept by the previous one, whose data version is unchanged.
    return load_or_build(
        directory,
        (*version, models.POST_COLUMNS),
        lambda: posts_with_topics(store.load_posts(), store.load_post_topics(), store.load_topics()),
    )


def term_index_of(posts: pd.DataFrame, directory: Path | None, version: tuple) -> Any:
    """The TermIndex of every stored post (`posts`, of this data version) through the disk
    cache. After a fetch only new or edited posts are tokenized: the rest is reused from the
    newest index kept (a whole build takes ~5 s at 100k posts, ~55 s at 1M)."""
    from monitor.analysis.distinctive_terms import build_term_index

    return load_or_build(
        directory, version, lambda: build_term_index(posts, previous=latest(directory, TERMS)), TERMS
    )
