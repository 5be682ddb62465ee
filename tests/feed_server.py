"""A feed server on 127.0.0.1 with a route for each fault a publisher can show, and a
feeds.yaml writer pointing at it; shared by the HTTP fetching and deadline tests."""

from __future__ import annotations

import contextlib
import gzip
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from monitor.config.load import load_config
from tests.paths import DATA

RSS = DATA / "rss"
GOOD = (RSS / "html_summary.xml").read_bytes()
ATOM = (RSS / "atom_basic.xml").read_bytes()
ETAG, LAST_MODIFIED = '"v1"', "Wed, 10 Jul 2024 06:00:00 GMT"
BIG = 50_000  # bytes, over the max_bytes used below
MAX_BYTES = 5_000
UA = "monitor-tests/1.0"


class Handler(BaseHTTPRequestHandler):
    """Routes by path; every request is logged on the server for the tests to inspect."""

    server: FeedServer

    def do_GET(self) -> None:
        self.server.requests.append((self.path, dict(self.headers)))
        route = ROUTES.get(self.path, Handler.not_found)
        # the client may give up first, as the slow and oversized routes intend
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)

    def log_message(self, *args) -> None:
        pass

    def reply(self, status: int, body: bytes = b"", headers: dict | None = None, length=True):
        self.send_response(status)
        for name, value in {"Content-Type": "application/rss+xml", **(headers or {})}.items():
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def good(self) -> None:
        self.reply(200, GOOD)

    def atom(self) -> None:
        self.reply(200, ATOM, {"Content-Type": "application/atom+xml"})

    def not_found(self) -> None:
        self.reply(404, b"no such feed", {"Content-Type": "text/plain"})

    def gone(self) -> None:
        self.reply(410)

    def broken(self) -> None:
        self.reply(500, b"oops", {"Content-Type": "text/plain"})

    def busy(self) -> None:
        self.reply(503, headers={"Retry-After": "120"})

    def page(self) -> None:
        self.reply(200, (RSS / "not_a_feed.html").read_bytes(), {"Content-Type": "text/html"})

    def slow(self) -> None:
        self.server.release.wait(10)  # never answers within the client's timeout
        self.reply(200, GOOD)

    def trickle(self) -> None:
        self.send_response(200)
        self.end_headers()
        for _ in range(100):  # one byte at a time, each well in time, for about 5 s
            if self.server.release.wait(0.05):
                return
            self.wfile.write(b" ")
            self.wfile.flush()
        self.server.n_trickles_completed += 1

    def etag(self) -> None:
        if self.headers.get("If-None-Match") == ETAG:
            self.reply(304, headers={"ETag": ETAG}, length=False)
        else:
            self.reply(200, GOOD, {"ETag": ETAG, "Last-Modified": LAST_MODIFIED})

    def big(self) -> None:
        self.reply(200, b" " * BIG)

    def big_stream(self) -> None:  # no Content-Length: the cap must stop the reading
        self.reply(200, b" " * BIG, length=False)

    def gzip_bomb(self) -> None:  # small on the wire, huge once decoded
        self.reply(200, gzip.compress(b" " * 5_000_000), {"Content-Encoding": "gzip"})

    def gzip_good(self) -> None:
        self.reply(200, gzip.compress(GOOD), {"Content-Encoding": "gzip"})

    def moved(self) -> None:
        self.reply(301, headers={"Location": "/good.xml"})

    def loop(self) -> None:
        self.reply(302, headers={"Location": "/loop"})

    def to_file(self) -> None:
        self.reply(302, headers={"Location": "file:///etc/passwd"})

    def slow_headers(self) -> None:  # each header line in time for a per-read timeout
        self.send_response(200)
        for i in range(100):
            if self.server.release.wait(0.2):
                return
            self.send_header(f"X-Slow-{i}", "1")
            self.flush_headers()
        self.server.n_slow_headers_completed += 1

    def plain(self) -> None:  # a valid feed served with the wrong content type
        self.reply(200, GOOD, {"Content-Type": "application/octet-stream"})

    def rate_limited(self) -> None:
        self.reply(429, b"slow down", {"Content-Type": "text/plain", "Retry-After": "3600"})

    def busy_until(self) -> None:
        self.reply(503, headers={"Retry-After": "Fri, 31 Dec 2100 23:59:59 GMT"})


ROUTES = {
    "/good.xml": Handler.good,
    "/atom.xml": Handler.atom,
    "/gone.xml": Handler.gone,
    "/broken.xml": Handler.broken,
    "/busy.xml": Handler.busy,
    "/page.html": Handler.page,
    "/slow.xml": Handler.slow,
    "/trickle.xml": Handler.trickle,
    "/etag.xml": Handler.etag,
    "/big.xml": Handler.big,
    "/big-stream.xml": Handler.big_stream,
    "/bomb.xml": Handler.gzip_bomb,
    "/gzip.xml": Handler.gzip_good,
    "/moved.xml": Handler.moved,
    "/loop": Handler.loop,
    "/to-file": Handler.to_file,
    "/slow-headers.xml": Handler.slow_headers,
    "/plain.xml": Handler.plain,
    "/limited.xml": Handler.rate_limited,
    "/busy-until.xml": Handler.busy_until,
}


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.release = threading.Event()
        self.n_trickles_completed = 0
        self.n_slow_headers_completed = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_port}{path}"

    def headers_of(self, path: str) -> list[dict[str, str]]:
        return [headers for seen, headers in self.requests if seen == path]


def serve(running: FeedServer) -> Iterator[FeedServer]:
    """Serve in a thread for a fixture to `yield from`; then let the slow routes end and stop."""
    thread = threading.Thread(target=running.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield running
    running.release.set()  # let the slow routes end now
    running.shutdown()
    running.server_close()
    thread.join(timeout=5)


def write_feeds(folder: Path, brands: dict[str, list[tuple[str, str]]]):
    """feeds.yaml with a 1 s timeout; the first brand is own; feeds are (name, URL or path)."""
    lines = [
        "settings:",
        "  database: monitor.db",
        "  fetch:",
        "    timeout_seconds: 1",
        f"    max_bytes: {MAX_BYTES}",
        f"    user_agent: {UA}",
        "brands:",
    ]
    for i, (brand, feeds) in enumerate(brands.items()):
        lines += [f"  - name: {brand}", f"    own: {str(i == 0).lower()}", "    feeds:"]
        for name, source in feeds:
            key = "url" if source.startswith("http") else "path"
            lines += [f"      - name: {name}", "        kind: rss", f"        {key}: {source}"]
    path = folder / "feeds.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_config(path)


def feeds_at(server: FeedServer, *paths: str) -> list[tuple[str, str]]:
    """(name, URL) pairs; the name is the path's stem, so the feed id is too."""
    return [(path.strip("/").split(".")[0].title(), server.url(path)) for path in paths]
