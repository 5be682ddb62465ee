"""Fetching feed bytes over HTTP(S): a whole-request deadline, a size cap, a User-Agent,
and conditional GET. Every failure becomes a FeedError with a one-line reason."""

from __future__ import annotations

import contextlib
import email.utils
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

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
    shutdown() wakes a blocked read at once, wherever it is (connect, TLS, headers, body)."""

    def __init__(self, timeout: float) -> None:
        self.expired = threading.Event()
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(timeout, self._expire)
        self._timer.daemon = True

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
        if self.expired.is_set():
            _shut(sock)

    def _expire(self) -> None:
        self.expired.set()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
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
        watchdog._timer.cancel()
        _current.watchdog = None


class _WatchedMixin:
    """A urllib3 connection whose socket the thread's watchdog may shut down."""

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()  # type: ignore[misc]
        watchdog = getattr(_current, "watchdog", None)
        if watchdog is not None:
            watchdog.watch(sock)
        return sock


class _WatchedHTTPConnection(_WatchedMixin, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_WatchedMixin, HTTPSConnection):
    pass


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _DeadlineAdapter(HTTPAdapter):
    """requests' adapter with connections the watchdog can cut."""

    def init_poolmanager(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


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
    if expired is not None and expired.is_set():
        return f"timed out after {timeout:g} s"
    if isinstance(exc, requests.exceptions.TooManyRedirects):
        return f"too many redirects (more than {MAX_REDIRECTS}) or a redirect loop"
    if isinstance(exc, (requests.exceptions.InvalidSchema, requests.exceptions.MissingSchema)):
        return "redirected to a URL that is not http(s); refused"
    if isinstance(exc, requests.exceptions.Timeout) or "timed out" in text.lower():
        return f"timed out after {timeout:g} s"
    if isinstance(exc, requests.exceptions.SSLError):
        return "TLS/SSL error: the server's certificate could not be verified"
    if isinstance(exc, requests.exceptions.ConnectionError):
        if "Name or service not known" in text or "NameResolution" in text or "getaddrinfo" in text:
            return "host name could not be resolved: check the URL"
        if "refused" in text.lower():
            return "connection refused by the server"
        return "connection failed: " + type(exc).__name__
    if "decod" in text.lower():
        return "the response's compression is corrupt"
    return f"{type(exc).__name__}: {text[:200]}"


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
