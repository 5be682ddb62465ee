"""The on-disk posts frame per data version (monitor/analysis/frame_cache.py)."""

import pandas as pd
import pytest

from monitor import models
from monitor.analysis.frame_cache import PREFIX, cache_file, latest, load_or_build, posts_frame_of
from monitor.config.settings import Config, Settings


class Builder:
    """A build function that counts its calls."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.calls = 0

    def __call__(self) -> pd.DataFrame:
        self.calls += 1
        return self.frame


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame({"post_id": ["a", "b"], "text": ["Novičke", "=1+1"]})


def cached_files(directory):
    return sorted(p.name for p in directory.glob(f"{PREFIX}*"))


def config_with(tmp_path, database: str, cache: str | None = None) -> Config:
    return Config(tmp_path / "feeds.yaml", Settings(database=database, cache=cache), ())


def test_the_cache_folder_is_beside_a_sqlite_file_or_per_database_server(tmp_path):
    assert config_with(tmp_path, "monitor.db").cache_dir == tmp_path / "cache"
    assert config_with(tmp_path, "sqlite://").cache_dir is None
    assert config_with(tmp_path, "sqlite:///:memory:").cache_dir is None
    server = config_with(tmp_path, "postgresql+psycopg://monitor:secret@db.example/monitor").cache_dir
    other = config_with(tmp_path, "postgresql+psycopg://monitor:secret@db.example/other").cache_dir
    assert server.parent == tmp_path / "data" / "cache" and server.name.startswith("postgresql-")
    assert other != server  # two databases never share files
    new_password = config_with(tmp_path, "postgresql+psycopg://monitor:changed@db.example/monitor")
    assert new_password.cache_dir == server and "secret" not in str(server)
    assert config_with(tmp_path, "postgresql://db/x", cache="cache-here").cache_dir == tmp_path / "cache-here"
    assert config_with(tmp_path, "monitor.db", cache="/var/cache/m").cache_dir.as_posix() == "/var/cache/m"


def test_a_second_load_of_the_same_version_reads_the_file(tmp_path, frame):
    build = Builder(frame)
    first = load_or_build(tmp_path, (1, "x"), build)
    second = load_or_build(tmp_path, (1, "x"), build)
    assert build.calls == 1
    pd.testing.assert_frame_equal(first, frame)
    pd.testing.assert_frame_equal(second, frame)


def test_a_new_version_is_built_and_replaces_the_old_file(tmp_path, frame):
    load_or_build(tmp_path, (1, "x"), Builder(frame))
    before = cached_files(tmp_path)
    build = Builder(frame.iloc[:1])
    result = load_or_build(tmp_path, (2, "x"), build)
    assert build.calls == 1 and len(result) == 1
    after = cached_files(tmp_path)
    assert len(before) == len(after) == 1 and before != after
    assert not list(tmp_path.glob(".tmp-*"))  # no temp file left behind


def test_an_unreadable_file_is_rebuilt(tmp_path, frame):
    load_or_build(tmp_path, (1, "x"), Builder(frame))
    (path,) = tmp_path.glob(f"{PREFIX}*")
    path.write_bytes(b"not a pickle")
    build = Builder(frame)
    pd.testing.assert_frame_equal(load_or_build(tmp_path, (1, "x"), build), frame)
    assert build.calls == 1


def test_no_directory_means_build_every_time(frame):
    build = Builder(frame)
    load_or_build(None, (1,), build)
    load_or_build(None, (1,), build)
    assert build.calls == 2


def test_an_unwritable_directory_still_gives_the_frame(tmp_path, frame):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the directory should be")
    pd.testing.assert_frame_equal(load_or_build(blocked, (1,), Builder(frame)), frame)


def test_each_kind_keeps_its_own_file_per_version(tmp_path, frame):
    load_or_build(tmp_path, (1,), Builder(frame))
    load_or_build(tmp_path, (1,), lambda: {"terms": ["esim"]}, "terms-")
    assert load_or_build(tmp_path, (1,), Builder(frame), "terms-") == {"terms": ["esim"]}
    load_or_build(tmp_path, (2,), lambda: {"terms": ["5g"]}, "terms-")  # a new version of one kind
    assert len(cached_files(tmp_path)) == 1  # the posts frame of version 1 is still there
    assert len(list(tmp_path.glob("terms-*"))) == 1


def test_latest_gives_the_newest_kept_object_of_a_kind(tmp_path, frame):
    assert latest(tmp_path, "terms-") is None
    load_or_build(tmp_path, (1,), lambda: {"terms": ["esim"]}, "terms-")
    load_or_build(tmp_path, (1,), Builder(frame))
    assert latest(tmp_path, "terms-") == {"terms": ["esim"]}
    next(tmp_path.glob("terms-*")).write_bytes(b"not a pickle")
    assert latest(tmp_path, "terms-") is None
    assert latest(None, "terms-") is None


@pytest.mark.sqlite_only  # the disk cache is kept beside a SQLite file
def test_a_frame_kept_by_a_program_with_other_post_columns_is_not_read(store, tmp_path):
    version = store.data_version()
    old = models.posts_frame([{models.POST_ID: "x"}]).drop(columns=[models.DATE_ONLY])
    load_or_build(tmp_path / "cache", version, lambda: old)  # as the program before date_only kept it

    frame = posts_frame_of(store, tmp_path / "cache", version)

    assert models.DATE_ONLY in frame and frame.empty
    assert cache_file(tmp_path / "cache", version) not in list((tmp_path / "cache").iterdir())
