"""The dashboard in a real browser: Debian's Chromium loads the app on the bundled demo
data and renders the Overview with data, then the Feeds page."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.browser import record_outside, settle, streamlit_server
from tests.paths import ROOT

pytestmark = pytest.mark.browser
SCREENSHOTS = ROOT / "screenshots" / "tmp"


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    """The app on the repository's own feeds.yaml (the demo market), a fresh database."""
    database = tmp_path_factory.mktemp("browser") / "demo.db"
    with streamlit_server(ROOT / "feeds.yaml", database) as url:
        SERVER_LOGS[url] = database.with_suffix(".server.log")
        yield url


SERVER_LOGS: dict[str, Path] = {}


def _download(page, button: str, app_url: str) -> Path:
    """Click a download button and return the file; on a timeout, fail with the page's
    state and the server's log."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name=button).first.click()
        return Path(download.value.path())
    except PlaywrightTimeout as exc:
        _screenshot(page, f"download_failed_{button.split()[0].lower()}.png")
        log = SERVER_LOGS.get(app_url)
        tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else "(no server log)"
        state = page.locator('[data-testid="stApp"]').get_attribute("data-test-script-state")
        raise AssertionError(
            f"no download from {button!r} (script state {state}); server log:\n{tail}"
        ) from exc


def test_overview_renders_the_demo_market_in_chromium(browser, demo_app):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    outside_requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda r: record_outside(r.url, outside_requests))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    # The first visit ingests the demo feeds, so allow for that.
    page.goto(demo_app, wait_until="domcontentloaded")
    page.get_by_role("heading", name="Overview").wait_for(timeout=180_000)
    posts_metric = page.locator('[data-testid="stMetric"]').filter(has_text="Posts").first
    posts_metric.wait_for(timeout=30_000)
    n_posts = int(posts_metric.locator('[data-testid="stMetricValue"]').inner_text().replace(",", ""))
    assert n_posts >= 3000
    # Both charts (weekly volume, channel mix): the second is drawn a moment after the first,
    # so counting right after the first appeared failed now and then under load.
    page.locator(".vega-embed").nth(1).wait_for(timeout=30_000)
    assert page.get_by_text("Lipa Mobil").first.is_visible()
    _screenshot(page, "overview.png")

    page.get_by_role("link", name="Feeds").click()
    page.get_by_role("heading", name="Feeds").wait_for(timeout=30_000)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
    _screenshot(page, "feeds.png")
    assert not dialogs
    assert not outside_requests, outside_requests
    page.close()


def _screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)
    if os.environ.get("MONITOR_SCREENSHOTS"):  # keep README screenshots current on request
        target = ROOT / "docs" / "screenshots"
        target.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target / name), full_page=False)


PAGES = [
    ("trends", "Trends"),
    ("topics", "Topics"),
    ("differentiation", "Differentiation"),
    ("cadence", "Cadence & engagement"),
]


@pytest.mark.parametrize(("path", "title"), PAGES)
def test_each_page_renders_charts_without_errors(browser, demo_app, path, title):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{demo_app}/{path}")
    page.get_by_role("heading", name=title).wait_for(timeout=180_000)
    settle(page)
    page.locator(".vega-embed").first.wait_for(timeout=60_000)
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()
    _screenshot(page, f"{path}.png")
    # Download buttons beside half-width charts were squeezed to "R.." and "C..".
    assert not page.evaluate(CLIPPED_BUTTONS)
    page.close()


# Labels of download buttons that are cut short (an element narrower than its text).
CLIPPED_BUTTONS = """() => [...document.querySelectorAll('[data-testid="stDownloadButton"] button')]
    .filter(b => [b, ...b.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1))
    .map(b => b.innerText)"""


def test_a_deep_link_opens_the_same_filtered_view(browser, demo_app):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{demo_app}/?brand=Alpcom&channel=instagram")
    page.get_by_role("heading", name="Overview").wait_for(timeout=180_000)
    settle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text("Alpcom").first.is_visible()
    assert sidebar.get_by_text("instagram").first.is_visible()
    value = (
        page.locator('[data-testid="stMetric"]')
        .filter(has_text="Brands")
        .locator('[data-testid="stMetricValue"]')
    )
    assert value.inner_text() == "1"
    page.close()


def test_changing_a_filter_updates_the_url(browser, demo_app):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{demo_app}/")
    page.get_by_role("heading", name="Overview").wait_for(timeout=180_000)
    settle(page)
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.click()
    page.get_by_role("option", name="Kras Telekom").click()
    page.keyboard.press("Escape")
    settle(page)
    assert "brand=Kras+Telekom" in page.url or "brand=Kras%20Telekom" in page.url
    page.close()


def test_meeting_mode_at_1920_is_one_story_per_page(browser, demo_app):
    # Meeting mode's pages are the weekly report's sections; a link to a page opens its section.
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(f"{demo_app}/differentiation?mode=meeting")
    page.get_by_role("heading", name="Topics × brands").wait_for(timeout=180_000)
    settle(page)
    assert page.locator(".vega-embed").count() == 1
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
    box = page.locator('[data-testid="stSidebar"]').bounding_box()
    assert box is None or box["x"] + box["width"] <= 1 or box["width"] < 10  # collapsed
    _screenshot(page, "meeting_differentiation.png")
    page.close()


def test_meeting_mode_at_1920_shows_the_reports_headlines_without_scrolling(browser, demo_app):
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(f"{demo_app}/?mode=meeting&ui=sl")
    page.get_by_role("heading", name="Povzetek").wait_for(timeout=180_000)
    settle(page)
    assert page.locator(".headline").count() == 3
    chart = page.locator(".vega-embed").first
    chart.locator("svg, canvas").first.wait_for(timeout=60_000)
    box = chart.bounding_box()
    _screenshot(page, "meeting_headlines.png")
    assert box["y"] + box["height"] <= 1080 and box["x"] + box["width"] <= 1920, box
    page.close()


def test_the_report_button_writes_this_views_report_in_its_language(browser, demo_app):
    # The file is built on click, after the page's run: it must still be this view's, in its words.
    page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page.goto(f"{demo_app}/?ui=sl&from=2026-11-02&to=2026-11-15&brand=Alpcom&brand=DravaNet")
    page.get_by_role("heading", name="Pregled").wait_for(timeout=180_000)
    settle(page)
    text = _download(page, "Poročilo (HTML)", demo_app).read_text(encoding="utf-8")
    subtitle = re.search(r"<p class=subtitle>(.*?)</p>", text, re.S).group(1)
    assert '<html lang="sl">' in text and "<h1>Poročilo o konkurenci</h1>" in text
    assert '<time datetime="2026-11-02">2. november 2026</time>' in subtitle
    assert '<time datetime="2026-11-15">' in subtitle and "Alpcom, DravaNet" in subtitle
    page.close()


RECORD_RERUNS = """() => {
  window.__reruns = 0;
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'running') window.__reruns += 1;
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


def test_chart_and_rows_downloads_are_built_on_click(browser, demo_app):
    """The download buttons build their files only when clicked: each click gives the file,
    and the page does not rerun for it."""
    page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page.goto(f"{demo_app}/trends")
    page.get_by_role("heading", name="Trends").wait_for(timeout=180_000)
    settle(page)
    page.evaluate(RECORD_RERUNS)
    assert _download(page, "Chart (PNG)", demo_app).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.wait_for_timeout(1500)
    assert page.evaluate("() => window.__reruns") == 0
    settle(page)
    text = _download(page, "Rows (CSV)", demo_app).read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("period_start") and len(text.splitlines()) > 10
    settle(page)
    header = _download(page, "These posts (CSV)", demo_app).read_bytes().decode("utf-8-sig").splitlines()[0]
    assert "published_at" in header and "text" in header
    page.close()


@pytest.mark.parametrize(
    ("path", "tab", "shown"),
    [
        ("trends", "Each topic's share of all posts", "Topic"),  # its legend; Share of voice has "Brand"
        (
            "differentiation",
            "How alike are the brands' agendas?",
            "Cosine similarity of the brands' topic mixes",
        ),
    ],
)
def test_a_closed_tab_draws_its_content_when_opened(browser, demo_app, path, tab, shown):
    """Secondary views sit in tabs whose content runs only when opened (one chart per filter
    change instead of each); opening one must draw it."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{demo_app}/{path}")
    settle(page)
    panel = page.locator('[role="tabpanel"]')
    panel.locator(".vega-embed svg, .vega-embed canvas").first.wait_for(
        timeout=60_000
    )  # the open tab is drawn
    assert panel.get_by_text(shown, exact=path == "trends").count() == 0
    page.get_by_role("tab", name=tab).click()
    settle(page)
    panel.get_by_text(shown, exact=path == "trends").first.wait_for(timeout=60_000)
    assert panel.locator(".vega-embed").count() >= 1
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()
