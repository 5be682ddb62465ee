"""The whole-request deadline of a feed fetch or a webhook post: name resolution, connect, an
HTTP proxy's tunnel, TLS, headers and body, however slowly a server drips them.

run_within runs the request in a worker thread and waits for it until the deadline. A socket
timeout bounds each read only, and a name lookup cannot be interrupted at all, so at the
deadline the waiting thread shuts down every socket the worker connected, which wakes
whatever read it is blocked in, and the worker connects nowhere after. The sockets are seen
through Python's audit events (sys.addaudithook: socket.connect, socket.__new__,
socket.getaddrinfo), a public interface that needs nothing from urllib3's or requests'
internals, whichever of them opens the connection: direct, TLS, an HTTP proxy's tunnel.
monitor.ingest.http uses it."""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
import time
from collections.abc import Callable
from typing import TypeVar

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import LocationParseError

T = TypeVar("T")

# How long a request whose sockets were shut down may take to end and say how it ended; it
# needs milliseconds, the rest is for a loaded machine. Past it the deadline is reported alone.
GRACE_SECONDS = 1.0


class Deadline:
    """One request's deadline and the sockets its worker connected."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.ends_at = time.monotonic() + timeout
        self.expired = threading.Event()
        # No connection attempt yet means the worker is still looking up a name: requests
        # does nothing else before connecting that could take long.
        self.resolving = True
        self.reading = False  # set by the request once the response's headers are in
        self.lock = threading.Lock()
        self.sockets: list[socket.socket] = []

    def remaining(self) -> float:
        return max(0.0, self.ends_at - time.monotonic())

    def creating(self) -> None:
        """The worker makes a socket object, TLS's own included: none once the deadline has
        passed. TLS must not start on a connection the deadline cut, whose proxy tunnel may
        read as complete, and a wrap that fails that early would not close its socket.
        No lock: connecting() makes a socket while it holds it."""
        if self.expired.is_set():
            raise TimeoutError(DEADLINE_PASSED)

    def looking_up(self) -> None:
        with self.lock:
            if self.expired.is_set():
                raise TimeoutError(DEADLINE_PASSED)
            self.resolving = True

    def connecting(self, sock: socket.socket) -> None:
        """The worker is about to connect `sock`: the connect gets the time left at most,
        and a copy of the socket is kept to shut it down with. The copy is a new descriptor
        of the same connection, which TLS wrapping (it detaches the socket object it wraps)
        leaves open."""
        with self.lock:
            left = self.remaining()
            if self.expired.is_set() or left <= 0:  # settimeout(0) would mean non-blocking
                raise TimeoutError(DEADLINE_PASSED)
            self.resolving = False
            limit = sock.gettimeout()
            if limit is None or limit > left:
                sock.settimeout(left)
            try:
                copy = socket.fromfd(sock.fileno(), sock.family, sock.type, sock.proto)
            except OSError:
                copy = sock  # no descriptor to spare: still cuts a connection TLS does not wrap
            self.sockets.append(copy)

    def expire(self) -> None:
        with self.lock:
            self.expired.set()
            for sock in self.sockets:
                with contextlib.suppress(OSError):  # already closed or never connected
                    sock.shutdown(socket.SHUT_RDWR)

    def release(self) -> None:
        with self.lock:
            for sock in self.sockets:
                sock.close()
            self.sockets.clear()


DEADLINE_PASSED = "the request's deadline has passed"


class DeadlinePassed(TimeoutError):
    """The request was still running at the deadline; says what it was doing then."""

    def __init__(self, deadline: Deadline) -> None:
        super().__init__(DEADLINE_PASSED)
        self.resolving = deadline.resolving
        self.reading = deadline.reading


_current = threading.local()  # the deadline of the request running in this thread


_SOCKET_EVENTS = frozenset({"socket.__new__", "socket.getaddrinfo", "socket.connect"})


def _on_audit_event(event: str, args: tuple) -> None:
    # Called for every audit event in the process: the first test must stay cheap.
    if event not in _SOCKET_EVENTS:
        return
    deadline = getattr(_current, "deadline", None)
    if deadline is None:
        return
    if event == "socket.connect":
        deadline.connecting(args[0])
    elif event == "socket.getaddrinfo":
        deadline.looking_up()
    else:
        deadline.creating()


_hook_lock = threading.Lock()
_hook_installed = False


def _install_audit_hook() -> None:
    """Once per process, at the first request: an audit hook cannot be removed, and a
    process that never fetches should not pay for one."""
    global _hook_installed
    with _hook_lock:
        if not _hook_installed:
            sys.addaudithook(_on_audit_event)
            _hook_installed = True


def run_within(timeout: float, request: Callable[[Deadline], T]) -> T:
    """request(deadline) run to its end within `timeout` seconds, plus GRACE_SECONDS at
    most for it to wind down once cut. Its result or exception comes back as if called
    here; DeadlinePassed when it had not ended by then. A worker stuck in a name lookup is
    left to finish it on its own: it connects nowhere after, and is not waited for."""
    _install_audit_hook()
    deadline = Deadline(timeout)
    outcome: list[tuple[bool, object]] = []

    def work() -> None:
        _current.deadline = deadline
        try:
            outcome.append((True, request(deadline)))
        except BaseException as exc:  # handed to the waiting thread
            outcome.append((False, exc))
        finally:
            _current.deadline = None
            deadline.release()

    worker = threading.Thread(target=work, name="request within deadline", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        deadline.expire()
        if deadline.resolving:
            raise DeadlinePassed(deadline)
        worker.join(GRACE_SECONDS)
        if worker.is_alive():
            raise DeadlinePassed(deadline)
    ok, value = outcome[0]
    if ok:
        return value  # type: ignore[return-value]
    raise value  # type: ignore[misc]


class DeadlineAdapter(HTTPAdapter):
    """requests' adapter that refuses SOCKS proxies (requests needs PySocks for them, which
    the project does not install) with a message of its own, and never lets an unparsable
    proxy URL, password and all, into an error message."""

    def proxy_manager_for(self, proxy: str, **proxy_kwargs):  # type: ignore[no-untyped-def]
        if proxy.lower().startswith("socks"):
            raise requests.exceptions.ProxyError(SOCKS_REFUSED)
        return super().proxy_manager_for(proxy, **proxy_kwargs)

    def get_connection_with_tls_context(self, request, verify, proxies=None, cert=None):  # type: ignore[no-untyped-def]
        try:
            return super().get_connection_with_tls_context(request, verify, proxies=proxies, cert=cert)
        except LocationParseError:  # only the proxy's URL gets here; the request's is checked before
            # urllib3's message may quote the whole URL, password included
            raise requests.exceptions.InvalidProxyURL("the proxy URL cannot be parsed") from None


SOCKS_REFUSED = "SOCKS proxy refused"
