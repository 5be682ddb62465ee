"""Fetching feed bytes over HTTP(S): a whole-request deadline (name resolution, connect, an
HTTP proxy's tunnel, headers, body), a size cap, a User-Agent and conditional GET. Every
failure becomes a FeedError with a one-line reason that never shows a proxy's password."""

from __future__ import annotations

import contextlib
import email.utils
import re
import socket
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    LocationParseError,
    NameResolutionError,
    NewConnectionError,
)
from urllib3.util.connection import allowed_gai_family

from monitor.config import redact_url
from monitor.errors import FeedError

MAX_REDIRECTS = 5
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class HttpResponse:
    status_code: int
    content: bytes  # empty when not_modified
    etag: str | None
    last_modified: str | None
    content_type: str | None
    final_url: str

    @property
    def not_modified(self) -> bool:
        return self.status_code == 304


class HttpFeedError(FeedError):
    """A feed failed at the HTTP level; keeps the status for the feed's record."""

    def __init__(self, message: str, status_code: int | None = None, retry_after: str | None = None):
        super().__init__(message)
        self.status_code = status_code
        self.retry_after = retry_after


def fetch_url(
    url: str,
    *,
    timeout: float,
    max_bytes: int,
    user_agent: str,
    etag: str | None = None,
    last_modified: str | None = None,
) -> HttpResponse:
    """GET url within `timeout` seconds in all, reading at most `max_bytes` (decoded)."""
    headers = {"User-Agent": user_agent, "Accept": _ACCEPT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + timeout
    with requests.Session() as session, _watchdog(timeout) as watchdog:
        session.max_redirects = MAX_REDIRECTS
        session.mount("http://", _DeadlineAdapter())
        session.mount("https://", _DeadlineAdapter())
        try:
            response = session.get(url, headers=headers, timeout=(timeout, timeout), stream=True)
        except requests.exceptions.RequestException as exc:
            raise HttpFeedError(_describe(exc, timeout, watchdog.expired)) from None
        with response:
            _check_status(response)
            content = (
                b"" if response.status_code == 304 else _read_capped(response, max_bytes, deadline, timeout)
            )
            if watchdog.expired.is_set():  # the watchdog cut the socket: the body may be short
                raise HttpFeedError(f"timed out after {timeout:g} s while reading the response")
            return HttpResponse(
                status_code=response.status_code,
                content=content,
                etag=response.headers.get("ETag") or etag,
                last_modified=response.headers.get("Last-Modified") or last_modified,
                content_type=response.headers.get("Content-Type"),
                final_url=response.url,
            )


class _Watchdog:
    """Shuts the request's sockets down at the deadline. A socket timeout bounds each read
    only, so a server that sends one header line a second would otherwise hold us forever;
    shutdown() wakes a blocked read at once, wherever it is (TLS, a proxy's tunnel, headers,
    body). It keeps a duplicate of each socket: TLS wrapping detaches the socket object
    urllib3 made, and a shutdown through any descriptor stops the connection itself."""

    def __init__(self, timeout: float) -> None:
        self.deadline = time.monotonic() + timeout
        self.expired = threading.Event()
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(timeout, self._expire)
        self._timer.daemon = True

    def remaining(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def watch(self, sock: socket.socket) -> None:
        copy = sock.dup()
        with self._lock:
            self._sockets.append(copy)
            if self.expired.is_set():
                _shut(copy)

    def close(self) -> None:
        self._timer.cancel()
        with self._lock:  # waits for an _expire already running
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()

    def _expire(self) -> None:
        with self._lock:
            self.expired.set()
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


_current = threading.local()  # the watchdog of the request running in this thread


@contextlib.contextmanager
def _watchdog(timeout: float) -> Iterator[_Watchdog]:
    watchdog = _Watchdog(timeout)
    _current.watchdog = watchdog
    watchdog._timer.start()
    try:
        yield watchdog
    finally:
        watchdog.close()
        _current.watchdog = None


class _WatchedMixin:
    """A urllib3 connection that resolves and connects within the thread's deadline, and
    whose socket the thread's watchdog may shut down. It stands in for urllib3's _new_conn,
    with the same errors, so retries, proxies and TLS above it work as before."""

    _dns_host: str  # set by urllib3's HTTPConnection, which this is mixed into
    host: str
    port: int
    timeout: object
    socket_options: list | None
    source_address: tuple[str, int] | None

    def _new_conn(self) -> socket.socket:
        watchdog = getattr(_current, "watchdog", None)
        if watchdog is None:
            return super()._new_conn()  # type: ignore[misc]
        try:
            sock = self._connect_first(_resolve(self._dns_host, self.port, watchdog.remaining()), watchdog)
        except _ResolveTimeout as exc:
            raise ConnectTimeoutError(self, f"{_RESOLVE_TIMED_OUT} for {self.host}") from exc
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc  # type: ignore[arg-type]
        except TimeoutError as exc:
            raise ConnectTimeoutError(self, f"Connection to {self.host} timed out") from exc
        except OSError as exc:
            raise NewConnectionError(self, f"Failed to establish a new connection: {exc}") from exc  # type: ignore[arg-type]
        sys.audit("http.client.connect", self, self.host, self.port)
        watchdog.watch(sock)
        return sock

    def _tunnel(self) -> None:
        super()._tunnel()  # type: ignore[misc]
        watchdog = getattr(_current, "watchdog", None)
        if watchdog is not None and watchdog.expired.is_set():
            # a proxy's CONNECT answer cut short reads as complete; TLS must not start on it
            raise TimeoutError("timed out while the proxy opened the tunnel")

    def _connect_first(self, addresses: list, watchdog: _Watchdog) -> socket.socket:
        """The first resolved address that accepts (IPv6 then IPv4, say), as urllib3's
        create_connection does, each attempt within the time left."""
        error = OSError("getaddrinfo returned no address")
        limit = self.timeout if isinstance(self.timeout, int | float) else None
        for family, kind, proto, _, address in addresses:
            sock = None
            try:
                sock = socket.socket(family, kind, proto)
                for option in self.socket_options or ():
                    sock.setsockopt(*option)
                budget = watchdog.remaining()
                if budget <= 0:  # settimeout(0) would make the socket non-blocking instead
                    raise TimeoutError("timed out")
                sock.settimeout(budget if limit is None else min(limit, budget))
                if self.source_address:
                    sock.bind(self.source_address)
                sock.connect(address)
                sock.settimeout(limit)  # as urllib3 leaves it; reads get their own timeout later
                return sock
            except OSError as exc:
                error = exc
                if sock is not None:
                    sock.close()
        raise error


_RESOLVE_TIMED_OUT = "host name resolution timed out"


class _ResolveTimeout(Exception):
    pass


def _resolve(host: str, port: int, within: float) -> list:
    """socket.getaddrinfo given up after `within` seconds. A resolver call cannot be
    interrupted, so it runs in a daemon thread that is left to finish on its own."""
    host = host.strip("[]")
    try:
        host.encode("idna")
    except UnicodeError:
        raise LocationParseError(f"'{host}', label empty or too long") from None
    answer: list = []

    def run() -> None:
        try:
            answer.append(socket.getaddrinfo(host, port, allowed_gai_family(), socket.SOCK_STREAM))
        except Exception as exc:  # handed to the waiting thread
            answer.append(exc)

    worker = threading.Thread(target=run, name=f"resolve {host}", daemon=True)
    worker.start()
    worker.join(within)
    if not answer:
        raise _ResolveTimeout(host)
    if isinstance(answer[0], Exception):
        raise answer[0]
    return answer[0]


class _WatchedHTTPConnection(_WatchedMixin, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_WatchedMixin, HTTPSConnection):
    pass


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_WATCHED_POOLS = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class _DeadlineAdapter(HTTPAdapter):
    """requests' adapter with connections the watchdog can cut, direct or through an HTTP
    proxy from HTTP(S)_PROXY (the connection to the proxy, and any CONNECT tunnel in it,
    is ours). SOCKS proxies are refused: their connections would escape the deadline."""

    def init_poolmanager(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _WATCHED_POOLS

    def proxy_manager_for(self, proxy: str, **proxy_kwargs):  # type: ignore[no-untyped-def]
        if proxy.lower().startswith("socks"):
            raise requests.exceptions.ProxyError(_SOCKS_REFUSED)
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = _WATCHED_POOLS
        return manager

    def get_connection_with_tls_context(self, request, verify, proxies=None, cert=None):  # type: ignore[no-untyped-def]
        try:
            return super().get_connection_with_tls_context(request, verify, proxies=proxies, cert=cert)
        except LocationParseError:  # only the proxy's URL gets here; the request's is checked before
            # urllib3's message may quote the whole URL, password included
            raise requests.exceptions.InvalidProxyURL("the proxy URL cannot be parsed") from None


_SOCKS_REFUSED = "SOCKS proxy refused"


_ACCEPT = (
    "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"
)


def _check_status(response: requests.Response) -> None:
    status = response.status_code
    if status == 304 or 200 <= status < 300:
        return
    retry_after = response.headers.get("Retry-After")
    reason = response.reason or ""
    if status == 410:
        message = "HTTP 410 Gone: the publisher removed this feed; remove it from feeds.yaml"
    elif status == 404:
        message = "HTTP 404 Not Found: check the feed URL in feeds.yaml"
    elif status == 407:
        message = f"HTTP 407 {reason}: {_PROXY_CREDENTIALS}"
    elif status in (401, 403):
        message = f"HTTP {status} {reason}: the server refuses access to this feed"
    elif status in (429, 503) and retry_after:
        message = f"HTTP {status} {reason}: server asks to retry after {retry_after}"
    else:
        message = f"HTTP {status} {reason}".strip()
    raise HttpFeedError(message, status_code=status, retry_after=retry_after)


def _read_capped(response: requests.Response, max_bytes: int, deadline: float, timeout: float) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise HttpFeedError(f"response of {int(declared):,} bytes is over the {max_bytes:,}-byte cap")
    chunks: list[bytes] = []
    size = 0
    try:
        # read1 returns what one socket read brings, so the deadline is checked even when a
        # server trickles bytes (raw.stream would block until a whole chunk arrived); it
        # decodes gzip/deflate as it goes, so a compressed bomb meets the cap early.
        while chunk := response.raw.read1(_CHUNK, decode_content=True):
            size += len(chunk)
            if size > max_bytes:
                raise HttpFeedError(f"response is over the {max_bytes:,}-byte cap; not read further")
            if time.monotonic() > deadline:
                raise HttpFeedError(f"timed out after {timeout:g} s while reading the response")
            chunks.append(chunk)
    except HttpFeedError:
        raise
    except Exception as exc:  # urllib3 protocol/decode/read-timeout errors
        if time.monotonic() > deadline:
            raise HttpFeedError(f"timed out after {timeout:g} s while reading the response") from None
        raise HttpFeedError(_describe(exc, timeout)) from None
    return b"".join(chunks)


def _describe(exc: BaseException, timeout: float, expired: threading.Event | None = None) -> str:
    """One line a user can act on, without the stack of nested exception reprs."""
    text = str(exc)
    if _RESOLVE_TIMED_OUT in text:
        return f"timed out after {timeout:g} s while resolving the host name"
    if expired is not None and expired.is_set():
        return f"timed out after {timeout:g} s"
    if isinstance(exc, requests.exceptions.TooManyRedirects):
        return f"too many redirects (more than {MAX_REDIRECTS}) or a redirect loop"
    if isinstance(exc, requests.exceptions.InvalidProxyURL):
        return "the proxy URL in HTTP(S)_PROXY cannot be parsed: check it"
    if isinstance(exc, (requests.exceptions.InvalidSchema, requests.exceptions.MissingSchema)):
        return "redirected to a URL that is not http(s); refused"
    if isinstance(exc, requests.exceptions.Timeout) or "timed out" in text.lower():
        return f"timed out after {timeout:g} s"
    if isinstance(exc, requests.exceptions.SSLError):
        return "TLS/SSL error: the server's certificate could not be verified"
    if isinstance(exc, requests.exceptions.ProxyError) or "Tunnel connection failed" in text:
        return _describe_proxy_failure(text)
    if isinstance(exc, requests.exceptions.ConnectionError):
        if "Name or service not known" in text or "NameResolution" in text or "getaddrinfo" in text:
            return "host name could not be resolved: check the URL"
        if "refused" in text.lower():
            return "connection refused by the server"
        return "connection failed: " + type(exc).__name__
    if "decod" in text.lower():
        return "the response's compression is corrupt"
    return f"{type(exc).__name__}: {redact_url(text)[:200]}"


_PROXY_CREDENTIALS = "check the credentials in HTTP(S)_PROXY"


def _describe_proxy_failure(text: str) -> str:
    """Never the proxy's URL: it may carry a password."""
    if _SOCKS_REFUSED in text:
        return "a SOCKS proxy is set (HTTP(S)_PROXY or ALL_PROXY); only HTTP proxies are supported"
    refusal = re.search(r"Tunnel connection failed: (\d{3})(?: ([^'\"\\)]*))?", text)
    if refusal:
        status, reason = refusal.group(1), (refusal.group(2) or "").strip()
        advice = f"; {_PROXY_CREDENTIALS}" if status == "407" else ""
        return f"the proxy refused the connection: {status} {reason}".rstrip() + advice
    if "Name or service not known" in text or "NameResolution" in text or "getaddrinfo" in text:
        return "could not connect to the proxy: its host name could not be resolved"
    if "refused" in text.lower():
        return "could not connect to the proxy: connection refused"
    return "could not connect to the proxy in HTTP(S)_PROXY"


MAX_RETRY_WAIT = timedelta(days=7)  # a server asking for more is capped, so a feed is never lost for good


def retry_time(retry_after: str | None, now: datetime) -> datetime | None:
    """The absolute UTC time a Retry-After header (seconds or an HTTP date) points to."""
    if not retry_after:
        return None
    value = retry_after.strip()
    if value.isdigit():
        moment = now + timedelta(seconds=int(value))
    else:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
    return min(moment.astimezone(UTC), now + MAX_RETRY_WAIT) if moment > now else None
