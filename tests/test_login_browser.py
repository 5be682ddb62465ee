"""Viewers and editors through Streamlit's OpenID Connect login, in Chromium: the visitor signs
in at a stand-in provider on 127.0.0.1 (tests/oidc_standin.py) and comes back to the dashboard
as an editor, a viewer or nobody; without signing in nothing is shown."""

from __future__ import annotations

import secrets
import shutil

import pytest

from tests.browser import free_port, settle, streamlit_server
from tests.oidc_standin import oidc_standin
from tests.paths import DATA

pytestmark = pytest.mark.browser
CLIENT_ID = "competitor-monitor"
ACCESS = "  access:\n    identity: login\n    editors: [ana@example.com]\n    viewers: [bor@example.com]\n"


@pytest.fixture(scope="module")
def login_app(tmp_path_factory):
    """The fixture market behind `identity: login`, its [auth] secrets in a temporary file
    (--secrets.files: nothing written to the project or the home folder); yields the app's
    URL and the provider, whose `email` says who signs in next."""
    folder = tmp_path_factory.mktemp("login") / "app"
    shutil.copytree(DATA / "app", folder)
    config = folder / "feeds.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("brands:\n", ACCESS + "brands:\n", 1))
    port = free_port()
    with oidc_standin(CLIENT_ID) as provider:
        secrets_file = folder / "secrets.toml"
        secrets_file.write_text(
            f'[auth]\nredirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            f'cookie_secret = "{secrets.token_hex(32)}"\nclient_id = "{CLIENT_ID}"\n'
            f'client_secret = "{secrets.token_hex(16)}"\n'
            f'server_metadata_url = "{provider.url}/.well-known/openid-configuration"\n'
        )
        options = ("--secrets.files", str(secrets_file))
        with streamlit_server(config, folder / "browser.db", port=port, options=options) as url:
            yield url, provider


def _open(browser, url: str):
    """A new visitor (no cookies) on the dashboard's first page."""
    page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=180_000)
    settle(page)
    return page


def _sign_in(browser, login_app, email: str):
    """A new visitor signed in as `email` through the provider, then on the Feeds page."""
    url, provider = login_app
    page = _open(browser, url)
    provider.email = email
    with page.expect_response(lambda response: "/oauth2callback" in response.url, timeout=60_000):
        page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector(
        '[data-testid="stMain"] h1', timeout=180_000
    )  # an editor's first visit reads the feeds
    settle(page)
    page.goto(f"{url}/feeds", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=180_000)
    settle(page)
    return page


def _asked_to_sign_in(page) -> bool:
    return (
        page.get_by_text("Sign in to see this dashboard.").is_visible()
        and page.get_by_role("button", name="Sign in").is_visible()
        and not page.get_by_text("Signed in as").count()
        and not page.locator('[data-testid="stMetric"]').count()
        and not page.locator('[data-testid="stSidebarNav"]').count()
    )


def test_a_visitor_not_signed_in_is_asked_to_sign_in_and_sees_nothing(browser, login_app):
    url, _ = login_app
    page = _open(browser, url)
    assert _asked_to_sign_in(page)
    page.goto(f"{url}/feeds", wait_until="domcontentloaded")  # a deep link shows no more
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=180_000)
    settle(page)
    assert _asked_to_sign_in(page)
    assert not page.get_by_role("heading", name="Feeds").count()


def test_signing_in_makes_an_editor_or_a_viewer(browser, login_app):
    editor = _sign_in(browser, login_app, "ana@example.com")
    assert editor.get_by_text("Signed in as ana@example.com · editor").is_visible()
    assert editor.get_by_role("button", name="Refresh feeds").is_enabled()

    viewer = _sign_in(browser, login_app, "bor@example.com")
    assert viewer.get_by_text("Signed in as bor@example.com · viewer").is_visible()
    assert viewer.get_by_role("heading", name="Feeds").is_visible()
    assert viewer.get_by_role("button", name="Refresh feeds").is_disabled()


def test_someone_signed_in_but_on_no_list_sees_nothing(browser, login_app):
    page = _sign_in(browser, login_app, "eve@example.com")
    assert page.get_by_text("eve@example.com may not see this dashboard").is_visible()
    assert not page.get_by_text("Signed in as").count()
    assert not page.get_by_role("heading", name="Feeds").count()
    assert not page.locator('[data-testid="stMetric"]').count()


def test_signing_out_asks_to_sign_in_again(browser, login_app):
    url, _ = login_app
    page = _sign_in(browser, login_app, "ana@example.com")
    with page.expect_response(lambda response: "/auth/logout" in response.url, timeout=60_000):
        page.get_by_role("button", name="Sign out").click()
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=180_000)
    settle(page)
    assert _asked_to_sign_in(page)
    page.goto(
        f"{url}/feeds", wait_until="domcontentloaded"
    )  # the identity cookie is gone, not just this page
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=180_000)
    settle(page)
    assert _asked_to_sign_in(page)
