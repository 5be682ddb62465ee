"""Shared fixtures: the fixture folder, a feeds.yaml writer and a fresh store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from monitor.config.load import CONFIG_ENV, DB_ENV
from monitor.store.database import open_store
from tests.paths import DATA, ROOT


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


@pytest.fixture
def store(tmp_path: Path):
    """An empty SQLite store in tmp_path."""
    opened = open_store(f"sqlite:///{tmp_path}/monitor.db")
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
