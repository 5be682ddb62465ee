"""Alerts: new flags stored once, posted to a webhook on 127.0.0.1, retried after a failure."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pandas as pd
import pytest

from monitor.alerts import deep_link, message, record_and_deliver
from monitor.config import AlertSettings
from monitor.store import open_store


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
    thread = threading.Thread(target=server.serve_forever, daemon=True)
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


@pytest.fixture
def store(tmp_path):
    store = open_store(f"sqlite:///{tmp_path}/alerts.db")
    yield store
    store.close()


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
