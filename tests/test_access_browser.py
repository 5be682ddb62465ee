"""Viewers and editors behind a sign-in proxy, in Chromium: the proxy's header, stood in for by
the browser sending it, decides what each visitor may do; without it nothing is shown."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser import settle, streamlit_server
from tests.paths import DATA

pytestmark = pytest.mark.browser
HEADER = "X-Auth-Request-Email"  # oauth2-proxy's name, set in feeds.yaml: not the default


@pytest.fixture
def proxied_app(tmp_path: Path):
    """The fixture market with settings.access reading a proxy's header; Ana edits."""
    folder = tmp_path / "app"
    shutil.copytree(DATA / "app", folder)
    config = folder / "feeds.yaml"
    block = f"  access:\n    identity: header\n    header: {HEADER}\n    editors: [ana@example.com]\n"
    config.write_text(config.read_text(encoding="utf-8").replace("brands:\n", block + "brands:\n", 1))
    with streamlit_server(config, folder / "browser.db") as url:
        yield url


def _feeds_page(browser, url: str, email: str | None):
    headers = {HEADER: email} if email else {}
    context = browser.new_context(extra_http_headers=headers, viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(f"{url}/feeds", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=180_000)  # an editor's visit reads the feeds
    settle(page)
    return page


def test_the_proxy_s_header_makes_an_editor_a_viewer_or_nobody(browser, proxied_app):
    editor = _feeds_page(browser, proxied_app, "Ana@example.com")
    refresh = editor.get_by_role("button", name="Refresh feeds")
    assert refresh.is_enabled()
    assert editor.get_by_text("Signed in as ana@example.com · editor").is_visible()

    viewer = _feeds_page(browser, proxied_app, "bor@example.com")
    assert viewer.get_by_role("heading", name="Feeds").is_visible()
    assert viewer.get_by_role("button", name="Refresh feeds").is_disabled()
    assert viewer.get_by_text("Signed in as bor@example.com · viewer").is_visible()

    nobody = _feeds_page(browser, proxied_app, None)
    assert nobody.get_by_text(f"sets the {HEADER} header; none came with this request").is_visible()
    assert not nobody.get_by_role("heading", name="Feeds").count()
    assert not nobody.locator('[data-testid="stMetric"]').count()
