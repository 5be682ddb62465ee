"""Fetching feed bytes over HTTP(S): a whole-request deadline (name resolution, connect, an
HTTP proxy's tunnel, headers, body), a size cap, a User-Agent and conditional GET. Every
failure becomes a FeedError with a one-line reason that never shows a proxy's password.
Webhook POSTs (monitor.output.alerts) go through post_bytes, under the same deadline and a small
cap on the answer. The deadline itself lives in monitor.ingest.deadline."""

from __future__ import annotations

import email.utils
import re
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import requests

from monitor.config.settings import redact_url
from monitor.errors import FeedError
from monitor.ingest.deadline import SOCKS_REFUSED, Deadline, DeadlineAdapter, DeadlinePassed, run_within

MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
MAX_ANSWER_BYTES = 64 * 1024  # of a POST's answer: only its status and a short reason matter


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
    try:
        return run_within(
            timeout, lambda deadline: _get(url, headers, etag, last_modified, max_bytes, deadline)
        )
    except DeadlinePassed as passed:
        raise HttpFeedError(_timed_out(passed, timeout)) from None


def _get(
    url: str,
    headers: dict[str, str],
    etag: str | None,
    last_modified: str | None,
    max_bytes: int,
    deadline: Deadline,
) -> HttpResponse:
    timeout = deadline.timeout
    with requests.Session() as session:
        session.max_redirects = MAX_REDIRECTS
        session.mount("http://", DeadlineAdapter())
        session.mount("https://", DeadlineAdapter())
        try:
            response = session.get(url, headers=headers, timeout=(timeout, timeout), stream=True)
        except requests.exceptions.RequestException as exc:
            raise HttpFeedError(_describe(exc, timeout, deadline.expired)) from None
        with response:
            _check_status(response)
            deadline.reading = True
            content = b"" if response.status_code == 304 else _read_capped(response, max_bytes, deadline)
            if deadline.expired.is_set():  # the deadline cut the socket: the body may be short
                raise HttpFeedError(f"timed out after {timeout:g} s while reading the response")
            return HttpResponse(
                status_code=response.status_code,
                content=content,
                etag=response.headers.get("ETag") or etag,
                last_modified=response.headers.get("Last-Modified") or last_modified,
                content_type=response.headers.get("Content-Type"),
                final_url=response.url,
            )


def post_bytes(url: str, body: bytes, *, timeout: float, content_type: str) -> tuple[int, bytes]:
    """POST body within `timeout` seconds in all, redirects not followed; the answer's status
    and at most MAX_ANSWER_BYTES of its body, the rest never read. Raises HttpFeedError."""
    status: list[int] = []
    try:
        return run_within(timeout, lambda deadline: _post(url, body, content_type, deadline, status))
    except DeadlinePassed as passed:
        if status:  # the answer's status came in time, its body did not: not an error
            return status[0], b""
        raise HttpFeedError(_timed_out(passed, timeout)) from None


def _post(
    url: str, body: bytes, content_type: str, deadline: Deadline, status: list[int]
) -> tuple[int, bytes]:
    timeout = deadline.timeout
    with requests.Session() as session:
        session.mount("http://", DeadlineAdapter())
        session.mount("https://", DeadlineAdapter())
        try:
            response = session.post(
                url,
                data=body,
                headers={"Content-Type": content_type},
                timeout=(timeout, timeout),
                allow_redirects=False,
                stream=True,
            )
        except requests.exceptions.RequestException as exc:
            # a webhook's URL is its secret: no message that could quote it
            raise HttpFeedError(_describe(exc, timeout, deadline.expired, quote=False)) from None
        with response:  # closing drops what was not read instead of draining it
            status.append(response.status_code)
            return response.status_code, _read_some(response, MAX_ANSWER_BYTES)


def _read_some(response: requests.Response, limit: int) -> bytes:
    """Up to `limit` bytes of the body, less if the deadline or the server cuts it short:
    the status is already known, so a body that fails to arrive is not an error."""
    chunks: list[bytes] = []
    size = 0
    try:
        while size < limit and (chunk := response.raw.read1(limit - size, decode_content=True)):
            chunks.append(chunk)
            size += len(chunk)
    except Exception:  # urllib3 read/decode errors, the deadline's shutdown
        pass
    return b"".join(chunks)[:limit]


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


def _timed_out(passed: DeadlinePassed, timeout: float) -> str:
    if passed.resolving:
        return f"timed out after {timeout:g} s while resolving the host name"
    if passed.reading:
        return f"timed out after {timeout:g} s while reading the response"
    return f"timed out after {timeout:g} s"


def _read_capped(response: requests.Response, max_bytes: int, deadline: Deadline) -> bytes:
    timeout = deadline.timeout
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
            if deadline.remaining() <= 0:
                raise HttpFeedError(f"timed out after {timeout:g} s while reading the response")
            chunks.append(chunk)
    except HttpFeedError:
        raise
    except Exception as exc:  # urllib3 protocol/decode/read-timeout errors
        if deadline.expired.is_set() or deadline.remaining() <= 0:
            raise HttpFeedError(f"timed out after {timeout:g} s while reading the response") from None
        raise HttpFeedError(_describe(exc, timeout)) from None
    return b"".join(chunks)


def _describe(
    exc: BaseException, timeout: float, expired: threading.Event | None = None, *, quote: bool = True
) -> str:
    """One line a user can act on, without the stack of nested exception reprs; with
    quote=False an unforeseen error is named by its type only, never by its text."""
    text = str(exc)
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
    return f"{type(exc).__name__}: {redact_url(text)[:200]}" if quote else type(exc).__name__


_PROXY_CREDENTIALS = "check the credentials in HTTP(S)_PROXY"


def _describe_proxy_failure(text: str) -> str:
    """Never the proxy's URL: it may carry a password."""
    if SOCKS_REFUSED in text:
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
