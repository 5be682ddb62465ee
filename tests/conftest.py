"""Shared fixtures: the fixture folder, a feeds.yaml writer, and a fresh store on SQLite and
on PostgreSQL (tests/postgres.py starts the server)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from monitor.config.load import CONFIG_ENV, DB_ENV
from monitor.store.database import open_store
from tests.paths import DATA, ROOT
from tests.postgres import PostgresServer, unavailable

DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that uses a database runs on both, unless it is marked sqlite_only."""
    if "database_url" in metafunc.fixturenames:
        sqlite_only = metafunc.definition.get_closest_marker("sqlite_only") is not None
        metafunc.parametrize("database_url", DATABASES[:1] if sqlite_only else DATABASES, indirect=True)


@pytest.fixture(autouse=True)
def _no_monitor_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own MONITOR_CONFIG / MONITOR_DB must never reach a test."""
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    monkeypatch.delenv(DB_ENV, raising=False)


@pytest.fixture
def write_config(tmp_path: Path):
    """Write feeds.yaml text into tmp_path exactly as given (line 1 is the first line)."""

    def write(text: str, name: str = "feeds.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def app_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the dashboard's fixture config with its own database, so tests never share state."""
    folder = tmp_path / "app"
    shutil.copytree(DATA / "app", folder)
    monkeypatch.setenv("MONITOR_CONFIG", str(folder / "feeds.yaml"))
    monkeypatch.setenv("MONITOR_DB", str(folder / "test.db"))
    monkeypatch.chdir(ROOT)
    return folder


@pytest.fixture(scope="session")
def postgres_server():
    """One PostgreSQL server for the session; skipped where it cannot start, but never in CI."""
    reason = unavailable()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the PostgreSQL tests: {reason}")
        pytest.skip(reason)
    server = PostgresServer()
    try:
        server.start()
        template = server.create_database()
        open_store(server.url(template)).close()  # the schema once: each test's database copies it
        server.template = template
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_database(postgres_server: PostgresServer):
    """The URL of a new database on the session's server (the schema, no rows), dropped after the test."""
    name = postgres_server.create_database()
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a SQLite file in tmp_path, or a new PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/monitor.db"
    return request.getfixturevalue("postgres_database")


@pytest.fixture
def store(database_url: str):
    """An empty store on each database (an SQLite file in tmp_path or a PostgreSQL database)."""
    opened = open_store(database_url)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser), one per module."""
    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `apt-get install chromium` (make test does this)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
