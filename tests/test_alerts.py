"""Alerts: new flags stored once, posted to a webhook on 127.0.0.1, retried after a failure."""

from __future__ import annotations

import contextlib
import json
import socketserver
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pandas as pd
import pytest

from monitor.config.settings import AlertSettings
from monitor.output.alerts import deep_link, message, record_and_deliver


class Receiver(BaseHTTPRequestHandler):
    received: ClassVar[list[dict]] = []
    status = 200

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append(json.loads(body))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    Receiver.received, Receiver.status = [], 200
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)  # quick shutdown
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()
    server.server_close()


def flags(n: int = 1) -> pd.DataFrame:
    rows = [
        {
            "scope": "topic_brand",
            "topic_id": 7 + i,
            "topic_label": "izpad omrežja",
            "brand": "Kras Telekom",
            "flag": "spike",
            "window_start": "2026-09-14",
            "window_end": "2026-09-20",
            "window_count": 21,
            "baseline_count": 5,
            "baseline_per_window": 0.2,
            "factor": 105.0,
            "score": 12.3,
            "explanation": "izpad omrežja (Kras Telekom): 21 posts in the week of 2026-09-14 vs 0.2 usual",
        }
        for i in range(n)
    ]
    return pd.DataFrame(rows)


def test_new_flag_is_posted_with_its_numbers_and_a_deep_link(store, receiver):
    settings = AlertSettings(webhook_url=receiver, dashboard_url="http://monitor.example:8501")
    run = record_and_deliver(store, flags(), settings)
    assert (run.n_new, run.n_delivered) == (1, 1)
    text = Receiver.received[0]["text"]
    assert "21 posts" in text and "SPIKE" in text
    assert "http://monitor.example:8501/trends?topic=7&brand=Kras+Telekom" in text


def test_a_topic_flag_one_brand_tells_whole_is_sent_once_as_that_brands(store, receiver):
    settings = AlertSettings(webhook_url=receiver)
    by_brand = flags()
    whole_topic = by_brand.assign(scope="topic", brand=None, explanation="izpad omrežja: 21 posts")
    run = record_and_deliver(store, pd.concat([whole_topic, by_brand], ignore_index=True), settings)
    assert (run.n_new, run.n_delivered) == (1, 1)
    assert "(Kras Telekom)" in Receiver.received[0]["text"]


def test_the_same_flag_on_the_next_run_is_not_sent_again(store, receiver):
    settings = AlertSettings(webhook_url=receiver)
    record_and_deliver(store, flags(), settings)
    again = record_and_deliver(store, flags(), settings)
    assert (again.n_new, again.n_delivered) == (0, 0)
    assert len(Receiver.received) == 1


def test_a_failed_webhook_is_retried_on_the_next_run(store, receiver):
    settings = AlertSettings(webhook_url=receiver)
    Receiver.status = 500
    failed = record_and_deliver(store, flags(2), settings)
    assert failed.n_delivered == 0 and failed.errors == ("HTTP 500",)
    assert len(Receiver.received) == 1  # stops at the first failure instead of hammering
    Receiver.status = 200
    retried = record_and_deliver(store, flags(2), settings)
    assert (retried.n_new, retried.n_delivered) == (0, 2)
    assert store.load_flag_alerts(undelivered_only=True).empty


def test_an_unreachable_webhook_never_raises(store):
    settings = AlertSettings(webhook_url="http://127.0.0.1:9/hook", timeout_seconds=2)
    run = record_and_deliver(store, flags(), settings)
    assert run.n_delivered == 0 and run.errors
    assert "retry" in run.describe()


def test_without_a_webhook_flags_are_only_stored(store):
    run = record_and_deliver(store, flags(), AlertSettings())
    assert run.n_new == 1
    assert len(store.load_flag_alerts()) == 1


def test_message_and_link_for_a_topic_flag():
    alert = {
        "scope": "topic",
        "topic_id": 3,
        "brand": None,
        "flag": "rising",
        "explanation": "eSIM: 16 vs 3.5",
    }
    assert deep_link(alert, "http://h") == "http://h/trends?topic=3"
    assert message(alert, "http://h")["text"].startswith("📈 RISING: eSIM")


# --- a webhook that trickles or floods: the deadline and the answer cap -----------------------


class RawWebhook(socketserver.ThreadingTCPServer):
    """A webhook on 127.0.0.1 that reads the POST, then answers as `answer` says."""

    daemon_threads = True

    def __init__(self, answer) -> None:
        super().__init__(("127.0.0.1", 0), RawHandler)
        self.answer = answer
        self.release = threading.Event()  # set at teardown: a slow answer ends now
        self.done = threading.Event()
        self.n_served = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hook"


class RawHandler(socketserver.StreamRequestHandler):
    server: RawWebhook

    def handle(self) -> None:
        head = [line for line in iter(self.rfile.readline, b"\r\n") if line]
        length = next((int(h.split(b":")[1]) for h in head if h.lower().startswith(b"content-length")), 0)
        self.rfile.read(length)
        try:
            with contextlib.suppress(OSError):  # the client giving up first is the point
                self.server.answer(self)
        finally:
            self.server.done.set()


@pytest.fixture
def raw_webhook():
    servers: list[RawWebhook] = []

    def start(answer) -> RawWebhook:
        server = RawWebhook(answer)
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.release.set()
        server.shutdown()
        server.server_close()


def trickle(handler: RawHandler) -> None:
    """One byte a second: never slow enough for a per-read timeout, never done."""
    for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n":
        if handler.server.release.wait(1):
            return
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()


FLOOD = 50_000_000  # bytes of answer, far more than socket buffers hold


def flood(handler: RawHandler) -> None:
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % FLOOD)
    chunk = b"x" * 65536
    while handler.server.n_served < FLOOD:
        handler.wfile.write(chunk)
        handler.server.n_served += len(chunk)


@pytest.mark.timeout(20)
def test_a_trickling_webhook_meets_the_deadline_and_counts_as_an_attempt(store, raw_webhook):
    server = raw_webhook(trickle)
    settings = AlertSettings(webhook_url=server.url, timeout_seconds=2)

    started = time.monotonic()
    run = record_and_deliver(store, flags(), settings)
    elapsed = time.monotonic() - started

    assert elapsed < 6, elapsed  # about 40 s if only each read had a timeout
    assert (run.n_delivered, run.errors) == (0, ("timed out after 2 s",))
    (alert,) = store.load_flag_alerts().to_dict("records")
    assert (alert["attempts"], alert["last_error"]) == (1, "timed out after 2 s")
    assert alert["delivered_at"] is None or pd.isna(alert["delivered_at"])  # retried next run


@pytest.mark.timeout(20)
def test_a_webhooks_huge_answer_is_not_read(store, raw_webhook):
    server = raw_webhook(flood)
    settings = AlertSettings(webhook_url=server.url, timeout_seconds=5)

    run = record_and_deliver(store, flags(), settings)

    assert (run.n_delivered, run.errors) == (1, ())
    assert server.done.wait(10)
    assert server.n_served < FLOOD // 2, server.n_served  # we hung up; it could not send it all


def test_a_webhooks_refusal_code_is_kept_in_the_error(store, raw_webhook):
    def refuse(handler: RawHandler) -> None:
        handler.wfile.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 15\r\n\r\ninvalid_payload")

    run = record_and_deliver(store, flags(), AlertSettings(webhook_url=raw_webhook(refuse).url))

    assert run.errors == ("HTTP 400: invalid_payload",)


# --- Slack/Teams escaping and deep links ---------------------------------------------------------


def test_topic_names_cannot_ping_a_channel_or_fake_a_link():
    alert = {
        "scope": "topic",
        "topic_id": 3,
        "brand": None,
        "flag": "spike",
        "explanation": "<!channel> & <http://evil.example|click> : 9 vs 1",
    }

    text = message(alert, "http://h")["text"]

    assert "&lt;!channel&gt; &amp; &lt;http://evil.example|click&gt; : 9 vs 1" in text
    assert "<" not in text and ">" not in text


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, ""])
def test_a_deep_link_has_no_brand_when_the_flag_has_none(missing):
    alert = pd.Series({"scope": "topic", "topic_id": 3, "brand": missing, "flag": "new"})

    assert deep_link(alert, "http://h") == "http://h/trends?topic=3"


def test_a_stored_whole_topic_flag_links_without_brand_nan(store, receiver):
    # pending alerts of a brand and of a whole topic: pandas reads the missing brand as NaN
    whole_topic = flags().assign(topic_id=99, scope="topic", brand=None, explanation="eSIM: 21 posts")

    record_and_deliver(
        store, pd.concat([flags(), whole_topic], ignore_index=True), AlertSettings(webhook_url=receiver)
    )

    links = {message["text"].split("\n")[-1] for message in Receiver.received}
    assert links == {
        "http://127.0.0.1:8501/trends?topic=7&brand=Kras+Telekom",
        "http://127.0.0.1:8501/trends?topic=99",
    }


def test_a_webhook_added_later_starts_from_then(store, receiver):
    record_and_deliver(store, flags(2), AlertSettings())  # no webhook yet: stored only
    later = record_and_deliver(store, flags(3), AlertSettings(webhook_url=receiver))
    assert (later.n_new, later.n_delivered) == (1, 1)  # only the flag seen with the webhook
    assert len(Receiver.received) == 1


def test_the_flags_command_says_sent_pending_or_not_posted_never_nan():
    from monitor.cli import webhook_state
    from monitor.store.database import NOT_POSTED

    assert webhook_state(float("nan"), float("nan")) == "-"
    assert webhook_state(None, None) == "-"
    assert webhook_state(float("nan"), "HTTP 500") == "failed: HTTP 500"
    assert webhook_state(pd.Timestamp("2026-12-01", tz="UTC"), float("nan")) == "sent"
    assert webhook_state(pd.Timestamp("2026-12-01", tz="UTC"), NOT_POSTED) == "not posted (no webhook then)"
