"""The database file itself: a fresh start that never splits the app and the CLI onto two
files, damaged, locked, read-only or unreachable databases and bad URLs, each one clear
message naming the file (or URL) and the fix, in the store, the CLI and the app."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitor.cli import main
from monitor.errors import StoreError
from monitor.store import db_file
from monitor.store.database import Store, open_store
from tests.paths import DATA, ROOT

RSS = DATA / "rss" / "atom_basic.xml"
FEEDS = f"""\
settings:
  database: data/monitor.db
brands:
  - name: Lipa
    own: true
    feeds:
      - name: Lipa news
        kind: rss
        path: {RSS}
"""


def _ignores_file_modes() -> bool:
    """True for root (with its usual capabilities): a read-only file is then writable."""
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "probe"
        probe.touch()
        probe.chmod(0o444)
        try:
            probe.open("a").close()
        except PermissionError:
            return False
        return True


as_root = pytest.mark.skipif(_ignores_file_modes(), reason="this user may write any file")

pytestmark = pytest.mark.timeout(60)


def url(path: Path) -> str:
    return f"sqlite:///{path}"


def opened(path: Path) -> Store:
    store = open_store(url(path))
    store.close()
    return store


@pytest.fixture
def database(tmp_path) -> Path:
    """A database file with its schema, closed."""
    path = tmp_path / "monitor.db"
    opened(path)
    return path


@pytest.fixture
def config(write_config) -> Path:
    return write_config(FEEDS)


def cli(*args: str) -> int:
    return main(list(args))


def one_error_line(capsys) -> str:
    """The one error line on stderr (a fetch's progress lines may precede it)."""
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and err.endswith(errors[0] + "\n"), err
    assert "Traceback" not in err
    return errors[0]


# --- damaged files ---------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"not a database at all, just text" * 10, b"SQLite", b"\0" * 4096])
def test_a_file_that_is_not_a_database_names_the_file_and_the_fix(tmp_path, content):
    path = tmp_path / "monitor.db"
    path.write_bytes(content)

    with pytest.raises(StoreError) as raised:
        open_store(url(path))

    message = str(raised.value)
    assert str(path) in message
    assert "not an SQLite database (truncated?)" in message
    assert "restore a backup" in message and "db clean" in message


@pytest.mark.timeout(20)
def test_a_file_emptied_while_in_use_is_refused_at_once_not_after_minutes(database):
    holder = open_store(url(database))  # the dashboard, still running
    holder.count_posts()
    try:
        os.truncate(database, 0)
        with pytest.raises(StoreError, match="truncated while in use"):
            open_store(url(database))
    finally:
        holder.close()


def test_a_file_cut_short_after_its_header_says_it_is_damaged(database, config, capsys):
    assert database.stat().st_size > 4096
    os.truncate(database, 4096)  # page 1 (header and schema) kept, the tables' pages gone

    assert cli("status", "--config", str(config), "--db", str(database)) == 1

    err = one_error_line(capsys)
    assert f"{database} is damaged" in err and "(truncated?)" in err and "restore a backup" in err


def test_the_cli_says_what_is_wrong_with_a_damaged_file_in_one_line(config, tmp_path, capsys):
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"garbage " * 100)

    assert cli("status", "--config", str(config), "--db", str(garbage)) == 1

    err = one_error_line(capsys)
    assert f"{garbage} is not an SQLite database (truncated?)" in err


# --- locks -------------------------------------------------------------------------------------


def test_a_lock_held_too_long_gives_up_once_and_says_what_holds_it(database, monkeypatch):
    monkeypatch.setattr(db_file, "BUSY_SECONDS", 1)
    attempts = []
    migrate_once = Store._migrate_once
    monkeypatch.setattr(Store, "_migrate_once", lambda self: attempts.append(1) or migrate_once(self))
    other = sqlite3.connect(database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a fetch in the middle of a long write
    try:
        with pytest.raises(StoreError) as raised:
            open_store(url(database))
    finally:
        other.close()

    message = str(raised.value)
    assert str(database) in message
    assert "locked" in message and "over 1 s" in message
    assert "fetch" in message and "dashboard" in message and "retry" in message
    assert len(attempts) == 1  # a lock already waited out is not waited for again (3 x 60 s)


def test_the_lock_wait_is_the_stated_one(database):
    store = open_store(url(database))
    try:
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == db_file.BUSY_SECONDS * 1000
    finally:
        store.close()
    assert db_file.BUSY_SECONDS <= 30


# --- permissions and paths -----------------------------------------------------------------------


def test_a_database_opened_read_only_says_so(tmp_path):
    path = tmp_path / "monitor.db"
    sqlite3.connect(path).execute("CREATE TABLE other (x)").connection.close()  # no schema yet
    with pytest.raises(StoreError, match="the database is read-only"):
        open_store(f"sqlite:///file:{path}?mode=ro&uri=true")  # the schema must be written


@as_root
def test_a_read_only_file_names_the_fix(database, config, capsys):
    database.chmod(0o444)  # SQLite opens it for reading; the fetch's first write fails

    assert cli("fetch", "--config", str(config), "--db", str(database), "--quiet") == 1

    err = one_error_line(capsys)
    assert f"{database}: the database is read-only" in err and "chmod u+w" in err


@as_root
def test_a_read_only_folder_names_the_fix(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    opened(folder / "monitor.db")
    (folder / "monitor.db-shm").unlink(missing_ok=True)
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="chmod u\\+w"):
            open_store(url(folder / "monitor.db"))
    finally:
        folder.chmod(0o755)


def test_an_unopenable_file_message_names_the_folder_and_the_fix(tmp_path):
    path = tmp_path / "monitor.db"
    message = db_file.error_message(path, sqlite3.OperationalError("unable to open database file"))
    assert message.startswith(f"{path}: cannot open the database file")
    assert str(tmp_path) in message and "monitor.db-wal" in message and "writable" in message


def test_a_folder_given_as_the_database_is_named(tmp_path):
    with pytest.raises(StoreError, match="is a folder, not a database file"):
        open_store(url(tmp_path))


# --- URLs ----------------------------------------------------------------------------------------


def test_postgresql_without_its_driver_says_what_to_install(monkeypatch, config, capsys):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if not installed
    monkeypatch.setitem(sys.modules, "psycopg2", None)
    for given in (
        "postgresql+psycopg://monitor:s3cret@db.example/monitor",
        "postgresql://monitor:s3cret@db/m",
    ):
        with pytest.raises(StoreError) as raised:
            open_store(given)
        assert 'pip install "psycopg[binary]"' in str(raised.value)
        assert "s3cret" not in str(raised.value)

    assert cli("status", "--config", str(config), "--db", "postgresql+psycopg://monitor:s3cret@db/m") == 1
    err = one_error_line(capsys)
    assert "psycopg[binary]" in err and "s3cret" not in err


@pytest.mark.parametrize(
    "given", ["mysqlx://monitor:s3cret@db/m", "postgres://monitor:s3cret@db/m", "nonsense://x"]
)
def test_an_unknown_url_scheme_lists_the_ones_that_work(given, config, capsys):
    with pytest.raises(StoreError) as raised:
        open_store(given)
    message = str(raised.value)
    assert "unknown database URL scheme" in message
    assert "sqlite:///" in message and "postgresql+psycopg://" in message
    assert "s3cret" not in message

    assert cli("status", "--config", str(config), "--db", given) == 1
    assert "unknown database URL scheme" in one_error_line(capsys)


# --- a fresh start: db clean / make clean-db ---------------------------------------------------


def test_clean_deletes_the_database_and_its_side_files(database):
    Path(f"{database}-wal").write_bytes(b"")  # as a crash leaves them
    Path(f"{database}-shm").write_bytes(b"")

    removed = db_file.delete_database(url(database))

    assert removed[0] == database
    assert not any(Path(f"{database}{suffix}").exists() for suffix in ("", "-wal", "-shm"))


def test_clean_refuses_while_the_dashboard_or_a_fetch_has_the_file_open(database):
    holder = open_store(url(database))  # an idle dashboard keeps its connections
    holder.count_posts()
    try:
        with pytest.raises(StoreError, match="is in use: the dashboard, a fetch or a topic refit"):
            db_file.delete_database(url(database))
        assert database.exists()
        assert holder.count_posts() == 0  # and the holder still works
    finally:
        holder.close()
    assert db_file.delete_database(url(database))[0] == database


def test_the_checks_of_each_page_run_keep_the_dashboards_hold_on_the_file(database):
    """Closing any descriptor of a file drops every POSIX lock the process holds on it, the
    SQLite connections' too: the checks must never open the file (and a fetch elsewhere
    could then delete or rewrite it under the dashboard)."""
    dashboard = open_store(url(database))
    dashboard.count_posts()
    try:
        db_file.identity(url(database))
        db_file.check_url(url(database))
        open_store(url(database)).close()  # a refresh's own store, opened and closed
        clean = [
            sys.executable,
            "-c",
            "import sys; from monitor.store.db_file import delete_database as d; d(sys.argv[1])",
        ]
        result = subprocess.run([*clean, url(database)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    finally:
        dashboard.close()

    assert result.returncode != 0
    assert "is in use" in result.stderr
    assert database.exists()


def test_clean_deletes_a_damaged_file(tmp_path):
    path = tmp_path / "monitor.db"
    path.write_bytes(b"garbage " * 100)
    assert db_file.delete_database(url(path)) == [path]
    assert db_file.delete_database(url(path)) == []  # nothing left: nothing to do


def test_clean_refuses_a_server_database():
    with pytest.raises(StoreError, match="only a SQLite file"):
        db_file.delete_database("postgresql+psycopg://monitor:s3cret@db/m")


def test_db_clean_from_the_cli(database, config, capsys):
    holder = open_store(url(database))
    holder.count_posts()
    try:
        assert cli("db", "clean", "--config", str(config), "--db", str(database)) == 1
        assert "is in use" in one_error_line(capsys)
    finally:
        holder.close()

    assert cli("db", "clean", "--config", str(config), "--db", str(database)) == 0
    assert f"Deleted {database}" in capsys.readouterr().out
    assert not database.exists()


def test_make_clean_db_goes_through_the_checked_command():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nclean-db:", 1)[1].split("\n\n", 1)[0]
    assert "-m monitor db clean" in recipe
    assert "rm " not in recipe


# --- the dashboard -------------------------------------------------------------------------------


def errors_shown(app: AppTest) -> str:
    """The text of the page's errors (their Markdown source escapes punctuation)."""
    return re.sub(r"\\(.)", r"\1", " ".join(error.value for error in app.error))


def posts_shown(app: AppTest) -> str:
    return {metric.label: metric.value for metric in app.metric}["Posts"]


@pytest.mark.timeout(180)
def test_the_app_starts_afresh_when_its_database_is_deleted_under_it(app_env):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert posts_shown(app) == "6"
    path = app_env / "test.db"

    path.unlink()  # the README's fresh start, with the app running
    app.run()

    assert not app.exception, app.exception
    assert posts_shown(app) == "6"  # the first-run setup fetched again...
    store = open_store(url(path))
    try:
        assert store.count_posts() == 6  # ...into the file at the path, where the CLI looks too
    finally:
        store.close()


@pytest.mark.timeout(180)
def test_the_app_shows_a_truncated_database_as_an_error_with_the_fix(app_env):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    path = app_env / "test.db"

    os.truncate(path, 0)
    app.run()

    assert not app.exception, app.exception
    assert "The database cannot be opened" in errors_shown(app)
    assert "truncated while in use" in errors_shown(app)


@pytest.mark.timeout(120)
def test_the_app_shows_a_garbage_database_as_an_error_with_the_fix(app_env):
    (app_env / "test.db").write_bytes(b"garbage " * 100)

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()

    assert not app.exception, app.exception
    assert "is not an SQLite database (truncated?): restore a backup" in errors_shown(app)


@as_root
@pytest.mark.timeout(120)
def test_the_app_shows_a_read_only_database_as_an_error_with_the_fix(app_env):
    opened(app_env / "test.db")
    (app_env / "test.db").chmod(0o444)

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()

    assert not app.exception, app.exception
    assert "the database is read-only" in errors_shown(app) and "chmod u+w" in errors_shown(app)
