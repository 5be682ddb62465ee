"""`python -m monitor db copy --to URL`: a team's SQLite file moved into a new database (a
PostgreSQL server, or another file) holds the same export, and goes on fetching there."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from monitor.cli import main
from monitor.store.database import open_store
from tests.paths import DATA

TIMESTAMPED = ("fetched_at", "exported_at")


@pytest.fixture
def filled_sqlite(tmp_path: Path) -> tuple[Path, str]:
    """The app fixture's two feeds fetched into a SQLite file (posts, a topic run, flags)."""
    shutil.copytree(DATA / "app", tmp_path / "app")
    config = tmp_path / "app" / "feeds.yaml"
    url = f"sqlite:///{tmp_path}/source.db"
    assert main(["fetch", "--quiet", "--config", str(config), "--db", url]) == 0
    return config, url


def exported(config: Path, url: str, folder: Path) -> dict[str, str]:
    """Each exported file's text without its time-of-export columns."""
    assert main(["export", "--config", str(config), "--db", url, "--output", str(folder)]) == 0
    texts = {}
    for path in sorted(folder.glob("*.csv")):
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        header = lines[0].split(",")
        keep = [i for i, name in enumerate(header) if name not in TIMESTAMPED]
        texts[path.name] = "\n".join(
            ",".join(line.split(",")[i] for i in keep if i < len(line.split(","))) for line in lines
        )
    return texts


def test_a_copied_store_exports_the_same_and_goes_on_fetching(filled_sqlite, database_url, tmp_path, capsys):
    config, source = filled_sqlite

    assert main(["db", "copy", "--config", str(config), "--db", source, "--to", database_url]) == 0
    assert "Copied 6 posts" in capsys.readouterr().out

    assert exported(config, database_url, tmp_path / "copy") == exported(config, source, tmp_path / "source")
    (config.parent / "our_blog.xml").touch()  # a fetch on the copy adds its log rows and flags
    assert main(["fetch", "--quiet", "--config", str(config), "--db", database_url]) == 0
    copy = open_store(database_url)
    assert len(copy.load_posts()) == 6
    assert copy.load_topics()["topic_id"].is_unique
    copy.close()


def test_a_copy_into_a_database_with_data_is_refused_and_changes_nothing(filled_sqlite, database_url, capsys):
    config, source = filled_sqlite
    assert main(["db", "copy", "--config", str(config), "--db", source, "--to", database_url]) == 0
    capsys.readouterr()

    assert main(["db", "copy", "--config", str(config), "--db", source, "--to", database_url]) != 0

    assert "is not empty (it has rows in feeds, fetch_log, post_topics, posts" in capsys.readouterr().err
    target = open_store(database_url)
    assert len(target.load_posts()) == 6
    target.close()
