"""The whole-request deadline of a feed fetch: name resolution in a worker thread joined
with the time left, each connect bounded by the time left, and a watchdog that shuts every
socket of the request (direct, TLS, an HTTP proxy's tunnel) when the deadline passes.
DeadlineAdapter mounts it on a requests Session; monitor.ingest.http uses it.

Relies on urllib3 internals (HTTPConnection._new_conn, _tunnel, _dns_host), checked on
urllib3 2.8: rerun tests/test_http_deadline.py after an upgrade."""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
import time
from collections.abc import Iterator

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
def watchdog(timeout: float) -> Iterator[_Watchdog]:
    """A watchdog for one request in this thread; the watched connections find it here."""
    dog = _Watchdog(timeout)
    _current.watchdog = dog
    dog._timer.start()
    try:
        yield dog
    finally:
        dog.close()
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
            raise ConnectTimeoutError(self, f"{RESOLVE_TIMED_OUT} for {self.host}") from exc
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


RESOLVE_TIMED_OUT = "host name resolution timed out"


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


class DeadlineAdapter(HTTPAdapter):
    """requests' adapter with connections the watchdog can cut, direct or through an HTTP
    proxy from HTTP(S)_PROXY (the connection to the proxy, and any CONNECT tunnel in it,
    is ours). SOCKS proxies are refused: their connections would escape the deadline."""

    def init_poolmanager(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _WATCHED_POOLS

    def proxy_manager_for(self, proxy: str, **proxy_kwargs):  # type: ignore[no-untyped-def]
        if proxy.lower().startswith("socks"):
            raise requests.exceptions.ProxyError(SOCKS_REFUSED)
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = _WATCHED_POOLS
        return manager

    def get_connection_with_tls_context(self, request, verify, proxies=None, cert=None):  # type: ignore[no-untyped-def]
        try:
            return super().get_connection_with_tls_context(request, verify, proxies=proxies, cert=cert)
        except LocationParseError:  # only the proxy's URL gets here; the request's is checked before
            # urllib3's message may quote the whole URL, password included
            raise requests.exceptions.InvalidProxyURL("the proxy URL cannot be parsed") from None


SOCKS_REFUSED = "SOCKS proxy refused"
