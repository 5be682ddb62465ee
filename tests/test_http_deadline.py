"""The whole-request deadline where a plain local server does not reach: a hung resolver,
TLS, and requests through an HTTP proxy (HTTP(S)_PROXY); all on 127.0.0.1."""

from __future__ import annotations

import contextlib
import shutil
import socket
import socketserver
import ssl
import subprocess
import threading
import time
from urllib.parse import urlsplit

import pytest

from monitor.ingest.http import HttpFeedError, fetch_url
from monitor.pipeline.refresh import refresh_feeds
from monitor.store.database import open_store
from tests.feed_server import GOOD, MAX_BYTES, UA, FeedServer, feeds_at, serve, write_feeds

SLOW_HOST = "slow-dns.test"  # answered by the fake resolver below, after a long wait
SECRET = "s3cret"

TIMEOUT = 1  # seconds: the fetch timeout of these tests, as timeout_seconds in write_feeds
# Seconds past the deadline a cut fetch may take to return on a loaded machine; each fault
# here would hold a fetch 20 s or more without the cut, so the bound still tells them apart.
SLACK = 4


def assert_cut_at_the_deadline(elapsed: float) -> None:
    """Ended by the deadline: not before it (some other failure), not long after it."""
    assert TIMEOUT - 0.05 <= elapsed < TIMEOUT + SLACK, elapsed


@pytest.fixture(scope="module")
def server():
    yield from serve(FeedServer())


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1 and its key, made for this run."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout", key,
         "-out", cert, "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture(scope="module")
def tls_server(certificate):
    """The same routes over HTTPS; the handshake happens in each request's thread."""
    running = FeedServer()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    running.socket = context.wrap_socket(running.socket, server_side=True, do_handshake_on_connect=False)
    yield from serve(running)


@pytest.fixture
def https(tls_server, certificate, monkeypatch):
    """URLs on the HTTPS server, whose certificate requests is told to trust."""
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", certificate[0])
    return lambda path: f"https://127.0.0.1:{tls_server.server_port}{path}"


def fetch(url: str, timeout: float = TIMEOUT):
    return fetch_url(url, timeout=timeout, max_bytes=MAX_BYTES, user_agent=UA)


def timed_fetch(url: str, timeout: float = TIMEOUT) -> tuple[str, float]:
    """The error message of a fetch that must fail, and the seconds it took."""
    started = time.monotonic()
    with pytest.raises(HttpFeedError) as caught:
        fetch(url, timeout)
    return str(caught.value), time.monotonic() - started


# --- name resolution -----------------------------------------------------------------------


@pytest.fixture
def resolver(monkeypatch):
    """socket.getaddrinfo with fake names: SLOW_HOST answers 127.0.0.1 after 60 s, the names
    in `answers` get a fixed answer (a list, or an exception to raise); others are real."""
    real = socket.getaddrinfo
    answers: dict[str, list | Exception] = {}
    released = threading.Event()

    def getaddrinfo(host, port, *args, **kwargs):
        if host == SLOW_HOST:
            released.wait(60)  # a resolver that hangs; cut short when the test ends
            return real("127.0.0.1", port, *args, **kwargs)
        answer = answers.get(host)
        if isinstance(answer, Exception):
            raise answer
        return answer if answer is not None else real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield answers
    released.set()


def test_a_hung_resolver_meets_the_whole_request_deadline(server, resolver):
    message, elapsed = timed_fetch(f"http://{SLOW_HOST}:{server.server_port}/good.xml")

    assert message == "timed out after 1 s while resolving the host name"
    assert_cut_at_the_deadline(elapsed)
    assert server.headers_of("/good.xml") == []


def test_a_hung_resolver_is_one_feeds_error_while_another_completes(server, resolver, tmp_path):
    slow = ("Slow", f"http://{SLOW_HOST}:{server.server_port}/good.xml")
    config = write_feeds(tmp_path, {"Lipa Mobil": [slow, *feeds_at(server, "/atom.xml")]})
    store = open_store(config.database_url)

    reported = {}  # feed id -> seconds from the start until its result came in

    def report(done, total, result):
        reported[result.feed_id] = time.monotonic() - started

    started = time.monotonic()
    results = {result.feed_id: result for result in refresh_feeds(config, store, on_progress=report)}

    assert_cut_at_the_deadline(reported["slow"])
    assert (results["slow"].status, results["slow"].error) == (
        "error",
        "timed out after 1 s while resolving the host name",
    )
    assert (results["atom"].status, results["atom"].n_new) == ("ok", 1)
    store.close()


def test_a_lookup_answered_after_the_deadline_sends_nothing(server, monkeypatch):
    real = socket.getaddrinfo
    answer_now = threading.Event()

    def getaddrinfo(host, port, *args, **kwargs):
        if host == SLOW_HOST:
            answer_now.wait(60)
            return real("127.0.0.1", port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    message, _ = timed_fetch(f"http://{SLOW_HOST}:{server.server_port}/late-lookup.xml")
    left_running = [t for t in threading.enumerate() if t.name == "request within deadline"]
    answer_now.set()
    for thread in left_running:  # the lookup cannot be cut: it ends on its own, then the request
        thread.join(10)

    assert message == "timed out after 1 s while resolving the host name"
    assert left_running and not any(thread.is_alive() for thread in left_running)
    assert server.headers_of("/late-lookup.xml") == []


def test_an_unresolvable_host_keeps_its_message(resolver):
    resolver["gone.test"] = socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    message, elapsed = timed_fetch("http://gone.test/feed.xml", timeout=30)

    assert message == "host name could not be resolved: check the URL"
    assert elapsed < 10, elapsed  # a resolver that answers "no" is not waited on to the deadline


def test_the_next_address_is_tried_when_the_first_refuses(server, resolver):
    port = server.server_port  # the server listens on 127.0.0.1 only, so ::1 refuses
    resolver["dual.test"] = [
        (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("::1", port, 0, 0)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port)),
    ]

    assert fetch(f"http://dual.test:{port}/good.xml").content == GOOD


# --- HTTP(S)_PROXY ---------------------------------------------------------------------------


class ProxyHandler(socketserver.StreamRequestHandler):
    """A forward proxy in a few lines. Modes: "relay" passes each byte on as it comes (and
    tunnels CONNECT), so the feed server's slow routes stay slow; "slow" answers every
    request, CONNECT too, with one header line every 0.2 s; "auth" answers 407."""

    server: Proxy

    def handle(self) -> None:
        head = [line.decode("latin-1").rstrip("\r\n") for line in iter(self.rfile.readline, b"\r\n")]
        if not head or not head[0]:
            return
        method, target, _ = head[0].split(" ", 2)
        headers = dict(line.split(": ", 1) for line in head[1:])
        self.server.seen.append((method, target, headers))
        with contextlib.suppress(OSError):  # the client may give up first, as intended
            if self.server.mode == "auth":
                self.wfile.write(b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n")
            elif self.server.mode == "slow":
                self.answer_slowly()
            elif method == "CONNECT":
                self.tunnel(target)
            else:
                self.relay(method, target, headers)

    def answer_slowly(self) -> None:
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for i in range(100):
            if self.server.release.wait(0.2):
                return
            self.wfile.write(f"X-Slow-{i}: 1\r\n".encode())
        self.server.n_slow_completed += 1

    def relay(self, method: str, target: str, headers: dict[str, str]) -> None:
        url = urlsplit(target)
        lines = [f"{method} {url.path or '/'} HTTP/1.1", "Connection: close"]
        kept = {k: v for k, v in headers.items() if not k.lower().startswith(("proxy-", "connection"))}
        lines += [f"{k}: {v}" for k, v in kept.items()]
        with socket.create_connection((url.hostname, url.port or 80), timeout=5) as upstream:
            upstream.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
            while data := upstream.recv(65536):
                self.wfile.write(data)

    def tunnel(self, target: str) -> None:
        host, port = target.rsplit(":", 1)
        with socket.create_connection((host, int(port)), timeout=5) as upstream:
            self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            threading.Thread(target=pump, args=(self.connection, upstream), daemon=True).start()
            pump(upstream, self.connection)


def pump(source: socket.socket, sink: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            sink.sendall(data)


class Proxy(socketserver.ThreadingTCPServer):
    daemon_threads = True

    def __init__(self, mode: str) -> None:
        super().__init__(("127.0.0.1", 0), ProxyHandler)
        self.mode = mode
        self.seen: list[tuple[str, str, dict[str, str]]] = []
        self.release = threading.Event()
        self.n_slow_completed = 0

    def url(self, credentials: str = "") -> str:
        return f"http://{credentials}127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def proxy_for(monkeypatch):
    """Start a proxy in the given mode and point HTTP(S)_PROXY at it, with credentials."""
    started: list[tuple[Proxy, threading.Thread]] = []

    def start(mode: str, credentials: str = "") -> Proxy:
        proxy = Proxy(mode)
        thread = threading.Thread(target=proxy.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        started.append((proxy, thread))
        use_proxy(monkeypatch, proxy.url(credentials))
        return proxy

    yield start
    for proxy, thread in started:
        proxy.release.set()
        proxy.shutdown()
        proxy.server_close()
        thread.join(timeout=5)


def use_proxy(monkeypatch, url: str) -> None:
    for name in ("no_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    for name in ("http_proxy", "https_proxy"):
        monkeypatch.setenv(name, url)
        monkeypatch.setenv(name.upper(), url)


def test_a_feed_is_fetched_through_the_proxy(server, proxy_for):
    proxy = proxy_for("relay")

    assert fetch(server.url("/good.xml")).content == GOOD
    assert [(method, target) for method, target, _ in proxy.seen] == [("GET", server.url("/good.xml"))]


def test_slow_proxy_headers_meet_the_whole_request_deadline(server, proxy_for):
    proxy = proxy_for("slow")

    message, elapsed = timed_fetch(server.url("/good.xml"))

    # a header line every 0.2 s never trips a per-read timeout; the deadline cuts at 1 s
    assert message.startswith("timed out after 1 s"), message
    assert_cut_at_the_deadline(elapsed)
    assert proxy.n_slow_completed == 0


def test_a_slow_tunnel_meets_the_whole_request_deadline(proxy_for):
    proxy = proxy_for("slow")

    message, elapsed = timed_fetch("https://feeds.example.test/feed.xml")

    assert message == "timed out after 1 s"
    assert_cut_at_the_deadline(elapsed)
    assert proxy.seen[0][:2] == ("CONNECT", "feeds.example.test:443")


def test_https_through_the_proxy_is_tunnelled(https, proxy_for):
    proxy = proxy_for("relay")

    assert fetch(https("/good.xml")).content == GOOD
    assert proxy.seen[0][:2] == ("CONNECT", https("").removeprefix("https://"))


@pytest.mark.parametrize("through_proxy", [False, True])
def test_slow_headers_over_tls_meet_the_whole_request_deadline(https, tls_server, proxy_for, through_proxy):
    if through_proxy:
        proxy_for("relay")

    message, elapsed = timed_fetch(https("/slow-headers.xml"))

    # TLS wrapping detaches the socket urllib3 made; the deadline must reach it still
    assert message.startswith("timed out after 1 s"), message
    assert_cut_at_the_deadline(elapsed)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/trickle.xml", "timed out after 1 s while reading the response"),
        ("/slow-headers.xml", "timed out after 1 s"),
        ("/big.xml", "response of 50,000 bytes is over the 5,000-byte cap"),
        ("/big-stream.xml", "response is over the 5,000-byte cap; not read further"),
        ("/bomb.xml", "response is over the 5,000-byte cap; not read further"),
    ],
)
def test_faults_relayed_by_the_proxy_end_as_without_it(server, proxy_for, path, message):
    proxy_for("relay")

    got, elapsed = timed_fetch(server.url(path))

    assert got.startswith(message), got
    assert elapsed < TIMEOUT + SLACK, elapsed  # the caps end a fetch early, the others at the deadline


@pytest.mark.parametrize(
    ("mode", "url", "message"),
    [
        ("auth", "http://{server}/good.xml", "HTTP 407 Proxy Authentication Required: check the credentials"),
        ("auth", "https://feeds.example.test/feed.xml", "the proxy refused the connection: 407 Proxy"),
        ("closed", "http://{server}/good.xml", "could not connect to the proxy: connection refused"),
        ("malformed", "http://{server}/good.xml", "the proxy URL in HTTP(S)_PROXY cannot be parsed"),
        ("socks", "http://{server}/good.xml", "a SOCKS proxy is set"),
    ],
)
def test_proxy_failures_never_show_its_password(server, proxy_for, monkeypatch, mode, url, message):
    credentials = f"monitor:{SECRET}@"
    if mode == "closed":
        proxy = proxy_for("relay", credentials)
        proxy.shutdown()
        proxy.server_close()
    elif mode == "malformed":  # a port over 65535: urllib3's error quotes the whole URL
        use_proxy(monkeypatch, f"http://{credentials}127.0.0.1:99999")
    elif mode == "socks":  # its connections would escape the watchdog, so it is refused
        use_proxy(monkeypatch, f"socks5://{credentials}127.0.0.1:1080")
    else:
        proxy_for(mode, credentials)

    got, _ = timed_fetch(url.format(server=f"127.0.0.1:{server.server_port}"))

    assert got.startswith(message), got
    assert SECRET not in got


def test_a_hung_resolver_for_the_proxy_meets_the_deadline(server, resolver, monkeypatch):
    use_proxy(monkeypatch, f"http://{SLOW_HOST}:3128")

    message, elapsed = timed_fetch(server.url("/good.xml"))

    assert message == "timed out after 1 s while resolving the host name"
    assert_cut_at_the_deadline(elapsed)


def test_every_fault_through_the_proxy_ends_within_the_timeout(server, proxy_for, tmp_path):
    proxy_for("relay")
    faults = ["/slow-headers.xml", "/trickle.xml", "/slow.xml", "/gone.xml", "/bomb.xml", "/loop",
              "/missing.xml"]  # fmt: skip
    config = write_feeds(tmp_path, {"Lipa Mobil": feeds_at(server, "/good.xml", *faults, "/atom.xml")})
    store = open_store(config.database_url)

    started = time.monotonic()
    results = {result.feed_id: result for result in refresh_feeds(config, store)}
    elapsed = time.monotonic() - started

    assert elapsed < TIMEOUT + SLACK, elapsed  # the feeds run in parallel, each cut at its deadline
    assert {k for k, r in results.items() if r.status == "ok"} == {"good", "atom"}
    assert all(r.error for k, r in results.items() if k not in ("good", "atom"))
    store.close()
