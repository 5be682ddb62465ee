"""Feed content never acts: script tags, event handlers, javascript: links, Markdown images
and links, and entities in an RSS feed and a CSV export are opened on every page in Debian's
Chromium. No dialog opens, no request leaves 127.0.0.1, the payloads show as plain text; and
every CSV the tool writes has its formula-like cells made inert. A topic renamed to Markdown shows
as typed; a request naming a foreign Host (DNS rebinding) is refused."""

from __future__ import annotations

import csv
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser import record_outside, settle, streamlit_server
from tests.paths import ROOT

pytestmark = pytest.mark.browser

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(1)">'
MD_IMAGE = "![x](http://evil.example/x.png)"
MD_LINK = "[click](javascript:alert(1))"
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(1,1)", "\t=1+1", "\r=1+1"]
WORDS = [
    "omrežje",
    "paket",
    "internet",
    "poletje",
    "ponudba",
    "mobilni",
    "družina",
    "roaming",
    "signal",
    "naročnina",
]


def _rss(folder: Path) -> Path:
    payloads = [
        (f"Naslov {SCRIPT} paket", f"<p>Besedilo {IMG} omrežje</p>"),
        (f"Slika {MD_IMAGE} internet", f"Povezava {MD_LINK} poletje"),
        ("Entitete &lt;b&gt;krepko&lt;/b&gt; ponudba", "Tom &amp; Jerry &#60;i&#62; mobilni"),  # in CDATA
        (
            '<a href="javascript:alert(1)">klik</a> družina',
            '<iframe src="http://evil.example/"></iframe> roaming',
        ),
    ]
    items = []
    for i in range(24):
        title, body = payloads[i % len(payloads)]
        words = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(6))
        items.append(
            f"<item><title><![CDATA[{title} {i}]]></title><link>javascript:alert({i})</link>"
            f"<guid>p{i}</guid><pubDate>Mon, {1 + i % 28:02d} Jul 2024 10:00:00 +0000</pubDate>"
            f"<description><![CDATA[{body} {words}]]></description></item>"
        )
    path = folder / "payload.xml"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        + "".join(items)
        + "</channel></rss>",
        encoding="utf-8",
    )
    return path


def _csv(folder: Path) -> Path:
    path = folder / "payload.csv"
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["id", "date", "text", "author", "link"])
        texts = [SCRIPT, IMG, MD_IMAGE, MD_LINK, *FORMULAS]
        for i in range(18):
            words = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(6))
            payload = texts[i % len(texts)]
            writer.writerow(
                [f"c{i}", f"2024-07-{1 + i:02d} 12:00", f"{payload} {words}", payload, "javascript:alert(1)"]
            )
    return path


@pytest.fixture(scope="module")
def hostile_config(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("security")
    _rss(folder), _csv(folder)
    config = folder / "feeds.yaml"
    config.write_text(
        """settings:
  database: monitor.db
  topics:
    n_topics: 3
brands:
  - name: Lipa Mobil
    own: true
    feeds:
      - name: Payload blog
        kind: rss
        path: payload.xml
  - name: Konkurent
    feeds:
      - name: Payload export
        kind: csv
        path: payload.csv
        channel: facebook
        columns:
          post_id: id
          published: date
          text: text
          author: author
          url: link
""",
        encoding="utf-8",
    )
    return config


@pytest.fixture(scope="module")
def app(hostile_config):
    with streamlit_server(hostile_config, hostile_config.parent / "app.db") as url:
        yield url


PAGES = [("", "Overview"), ("trends", "Trends"), ("topics", "Topics"), ("differentiation", "Differentiation"),
         ("cadence", "Cadence & engagement"), ("feeds", "Feeds")]  # fmt: skip


def test_no_page_runs_feed_content(browser, app):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    dialogs: list[str] = []
    outside: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: record_outside(r.url, outside))
    for path, title in PAGES:
        page.goto(f"{app}/{path}", wait_until="domcontentloaded")
        page.get_by_role("heading", name=title).first.wait_for(timeout=180_000)
        settle(page)
        page.mouse.wheel(0, 3000)  # bring lazy parts (tables further down) into view
        settle(page)
        assert page.locator('[data-testid="stException"]').count() == 0, path
        injected = page.locator(
            'img[src*="evil.example"], iframe[src*="evil.example"], a[href^="javascript:"]'
        )
        assert injected.count() == 0, path
    assert not dialogs, dialogs
    assert not outside, outside
    page.close()


def test_payloads_show_as_plain_text_on_the_overview(browser, app):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(app, wait_until="domcontentloaded")
    page.get_by_role("heading", name="Overview").wait_for(timeout=180_000)
    settle(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=30_000)
    text = _grid_text(page, grid)
    # Markdown stays literal, and escaped markup arrives as the characters it spelled
    assert MD_IMAGE in text and MD_LINK in text, text[:2000]
    assert "<b>krepko</b>" in text and "Tom & Jerry <i>" in text, text[:2000]
    page.close()


def _grid_text(page, grid) -> str:
    """The dataframe's cell text: the grid draws on a canvas, and keeps an accessible copy of
    the rows in view in a hidden table; scroll through it to read them all."""
    seen = []
    for _ in range(12):
        seen.append(grid.locator("table").first.inner_text() if grid.locator("table").count() else "")
        grid.hover()
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(150)
    return "\n".join(seen)


# --- exports ------------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _unsafe_cells(path: Path) -> list[str]:
    """Cells a spreadsheet would run as a formula (a signed number is a number, not a formula)."""
    with open(path, encoding="utf-8-sig", newline="") as file:
        cells = [cell for row in csv.reader(file) for cell in row]
    return [cell for cell in cells if cell.startswith(FORMULA_STARTS) and not _is_number(cell)]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_every_exported_csv_neutralises_formulas(hostile_config, tmp_path):
    database = tmp_path / "export.db"
    common = ["--config", str(hostile_config), "--db", str(database)]

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "monitor", *args], cwd=ROOT, capture_output=True, text=True
        )

    assert run("fetch", *common).returncode == 0
    out = tmp_path / "snapshot"
    assert run("export", *common, "--output", str(out)).returncode == 0
    clustered = tmp_path / "clustered.csv"
    assert run("topics", "cluster", str(hostile_config.parent / "payload.csv"), "--text-column", "text",
               "--text-column", "author", "--n-topics", "2", "--output", str(clustered)).returncode == 0  # fmt: skip

    written = [*sorted(out.glob("*.csv")), clustered]
    assert len(written) >= 3
    for path in written:
        assert _unsafe_cells(path) == [], path.name
    posts = (out / "posts.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in posts and "'@SUM(1,1)" in posts  # kept, but inert
    assert "'=HYPERLINK" in clustered.read_text(encoding="utf-8-sig")


# --- topic names ----------------------------------------------------------------------------

HOSTILE_NAME = "![x](http://127.0.0.1:1/beacon) **bold** $x^2$ # H :red[red]"


def test_a_renamed_topic_shows_as_typed(browser, app):
    # Last in the module: it renames a topic of the shared server.
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    beacons: list[str] = []
    page.on("request", lambda r: beacons.append(r.url) if "beacon" in r.url else None)
    page.goto(f"{app}/topics", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Topics").first.wait_for(timeout=180_000)
    settle(page)
    page.locator('[data-testid="stForm"] input').first.fill(HOSTILE_NAME)
    page.get_by_role("button", name="Save name").click()
    heading = page.locator("h2", has_text=HOSTILE_NAME)
    heading.first.wait_for(timeout=60_000)
    settle(page)
    assert heading.first.inner_text().strip() == HOSTILE_NAME
    # Meeting mode's "What is new" (the report's section) names each topic begun in its days, as HTML:
    # every topic here began in these days, none in the days before.
    page.goto(f"{app}/topics?mode=meeting&from=2024-07-01&to=2024-07-20", wait_until="domcontentloaded")
    page.locator(".headline", has_text=HOSTILE_NAME).first.wait_for(timeout=60_000)
    settle(page)
    markup = page.locator('img[src*="beacon"], .katex, strong:text-is("bold"), :is(h1, h2, h3):text-is("H")')
    assert markup.count() == 0
    assert not beacons, beacons
    page.close()


# --- DNS rebinding ----------------------------------------------------------------------------


def _status(url: str, host: str, origin: str | None = None, path: str = "/", websocket: bool = False) -> int:
    """The status the server answers a GET (or a WebSocket upgrade) with these headers."""
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}"]
    lines += [f"Origin: {origin}"] if origin else []
    if websocket:
        lines += ["Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13",
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="]  # fmt: skip
    else:
        lines += ["Connection: close"]
    address = urlparse(url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        status_line = sock.makefile("rb").readline().decode("latin-1")
    return int(status_line.split()[1])


def test_a_foreign_host_is_refused_over_http_and_websocket(app):
    port = urlparse(app).port
    for host in ("evil.example", f"evil.example:{port}"):  # a rebound name: same-origin to the browser
        origin = f"http://{host}"
        assert _status(app, host, origin) == 403
        assert _status(app, host, origin, path="/_stcore/health") == 403
        assert _status(app, host, origin, path="/_stcore/stream", websocket=True) == 403


def test_the_served_hosts_are_answered_and_a_foreign_origin_is_not(app):
    port = urlparse(app).port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"):
        assert _status(app, host, f"http://{host}") == 200
        assert _status(app, host, f"http://{host}", path="/_stcore/stream", websocket=True) == 101
    host = f"127.0.0.1:{port}"
    assert _status(app, host, "http://evil.example", path="/_stcore/stream", websocket=True) == 403


def test_the_address_it_is_served_at_is_allowed(hostile_config, tmp_path, monkeypatch):
    monkeypatch.setenv("STREAMLIT_BROWSER_SERVER_ADDRESS", "monitor.example")
    with streamlit_server(hostile_config, tmp_path / "served.db") as url:
        host = f"monitor.example:{urlparse(url).port}"
        assert _status(url, host, f"http://{host}") == 200
        assert _status(url, host, f"http://{host}", path="/_stcore/stream", websocket=True) == 101
        foreign = _status(url, "evil.example", "http://evil.example", path="/_stcore/stream", websocket=True)
        assert foreign == 403


def test_allowed_hosts_add_loopback_and_the_served_addresses_once():
    from serve import allowed_hosts

    assert allowed_hosts(["localhost", "team.example"], ["0.0.0.0", "10.0.0.5", None, "localhost"]) == [
        "localhost", "team.example", "127.0.0.1", "::1", "10.0.0.5",
    ]  # fmt: skip
    assert allowed_hosts([], ["", "::", "unix:///run/monitor.sock"]) == ["127.0.0.1", "localhost", "::1"]
