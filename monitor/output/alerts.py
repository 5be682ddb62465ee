"""Alerts: after each fetch, flags not seen before are stored and, where feeds.yaml names a
webhook, posted as a short Slack/Teams-compatible message with the numbers and a deep link.
A post has the fetch's whole-request deadline and reads little of the answer; a failed or
timed-out post is counted as an attempt, retried on the next run, and never fails the fetch."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import pandas as pd

from monitor.analysis.flags import distinct_flags
from monitor.config.settings import AlertSettings, Config
from monitor.ingest.http import HttpFeedError, post_bytes
from monitor.output.url_state import TRENDS_PAGE
from monitor.store.database import Store

MAX_ATTEMPTS = 10  # a webhook that keeps failing stops being retried after this many runs
_PAGES = {"topic": TRENDS_PAGE, "brand": TRENDS_PAGE, "topic_brand": TRENDS_PAGE, "partner": "partners",
          "campaign": "campaigns"}  # fmt: skip


@dataclass(frozen=True)
class AlertRun:
    n_new: int
    n_delivered: int
    errors: tuple[str, ...]

    def describe(self) -> str:
        text = f"{self.n_new} new flags"
        if self.n_delivered:
            text += f", {self.n_delivered} posted to the webhook"
        if self.errors:
            text += f"; webhook failed ({self.errors[0]}), will retry on the next run"
        return text


def flag_key(flag: pd.Series) -> str:
    """Identity of a flag: the same burst seen on two runs is one alert."""
    topic = "" if pd.isna(flag["topic_id"]) else str(int(flag["topic_id"]))
    brand = "" if flag["brand"] is None or pd.isna(flag["brand"]) else str(flag["brand"])
    key = [flag["scope"], topic, brand, flag["flag"], str(flag["window_start"])]
    subject = flag.get("subject")  # the account or campaign of partner and campaign flags
    if isinstance(subject, str) and subject:
        key.append(subject)
    return "|".join(key)


def flag_records(flags: pd.DataFrame, now: datetime) -> list[dict[str, Any]]:
    """Flags as rows for the store, with the numbers kept as JSON."""
    numbers = (
        "window_start",
        "window_end",
        "window_count",
        "baseline_count",
        "baseline_per_window",
        "factor",
        "score",
    )
    records = []
    for _, flag in flags.iterrows():
        records.append(
            {
                "flag_key": flag_key(flag),
                "first_seen_at": now,
                "flag": flag["flag"],
                "scope": flag["scope"],
                "topic_id": None if pd.isna(flag["topic_id"]) else int(flag["topic_id"]),
                "brand": None if flag["brand"] is None or pd.isna(flag["brand"]) else str(flag["brand"]),
                "window_end": str(flag["window_end"]),
                "explanation": str(flag["explanation"]),
                "numbers": {n: _plain(flag[n]) for n in numbers},
                "attempts": 0,
            }
        )
    return records


def _plain(value: Any) -> Any:
    """A JSON value: NaN and NA become null (PostgreSQL's JSON refuses NaN, and the whole
    insert of a run's flags with it)."""
    if hasattr(value, "item"):
        value = value.item()
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value if isinstance(value, (int, float, str)) else str(value)


def deep_link(alert: pd.Series | dict, dashboard_url: str) -> str:
    """A link to the Trends view filtered to the flag's topic and brand."""
    params: dict[str, Any] = {}
    if alert.get("topic_id") is not None and not pd.isna(alert.get("topic_id")):
        params["topic"] = int(alert["topic_id"])
    brand = alert.get("brand")
    if brand is not None and not pd.isna(brand) and str(brand):  # a missing brand is NaN from pandas
        params["brand"] = str(brand)
    page = _PAGES.get(alert.get("scope"), TRENDS_PAGE)
    return f"{dashboard_url}/{page}" + (f"?{urlencode(params)}" if params else "")


def message(alert: pd.Series | dict, dashboard_url: str) -> dict[str, str]:
    """Slack and Teams incoming webhooks both accept {"text": ...}; topic labels and brand
    names are escaped, so a label such as `<!channel>` cannot ping a channel or fake a link."""
    icon = {"spike": "🚨", "rising": "📈", "new": "🆕", "new partner": "🤝", "campaign": "📣"}.get(
        alert["flag"], "•"
    )
    text = f"{escape(str(alert['flag']).upper())}: {escape(str(alert['explanation']))}"
    return {"text": f"{icon} {text}\n{deep_link(alert, dashboard_url)}"}


def escape(text: str) -> str:
    """Slack's escaping of message text: & < > become &amp; &lt; &gt;, nothing else."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def record_and_deliver(store: Store, flags: pd.DataFrame, settings: AlertSettings) -> AlertRun:
    """Store new flags, one per story (distinct_flags); post every undelivered one (new or
    left from a failed run)."""
    new_keys = store.add_new_flags(flag_records(distinct_flags(flags), datetime.now(UTC)))
    if not settings.webhook_url:
        store.mark_flags_not_posted(new_keys)  # a webhook added later starts from then
        return AlertRun(len(new_keys), 0, ())
    pending = store.load_flag_alerts(undelivered_only=True)
    pending = pending[pending["attempts"] < MAX_ATTEMPTS]
    delivered, errors = 0, []
    for _, alert in pending.sort_values("first_seen_at").iterrows():
        error = post_webhook(
            settings.webhook_url, message(alert, settings.dashboard_url), settings.timeout_seconds
        )
        store.mark_flag_delivery(alert["flag_key"], error)
        if error:
            errors.append(error)
            break  # the endpoint is down: keep the rest for the next run, do not hammer it
        delivered += 1
    return AlertRun(len(new_keys), delivered, tuple(errors))


def alert_new_flags(store: Store, config: Config) -> AlertRun:
    """After a refresh, from the CLI or the dashboard alike: flags new since the last run are
    stored, and posted where a webhook is configured."""
    from monitor.analysis.flags import compute_flags, window_end
    from monitor.analysis.frame_cache import posts_frame_of
    from monitor.output.tables import Inputs

    # Also leaves the frame in the disk cache, so the dashboard's first page after a cron fetch is quick.
    frame = posts_frame_of(store, config.cache_dir)
    zone = config.settings.timezone
    end = window_end(store.last_fetch_at(), config.settings.as_of, None, zone)
    names = tuple(brand.name for brand in config.brands)
    inputs = Inputs(frame, zone, config.own_brand or "", window_end=end, brand_names=names)
    found = [
        compute_flags(frame, zone, as_of=end),
        inputs.other("partner_flags"),
        inputs.other("campaign_flags"),
    ]
    found = [f for f in found if not f.empty] or found[:1]
    flags = pd.concat(found, ignore_index=True)
    return record_and_deliver(store, flags, config.settings.alerts)


def post_webhook(url: str, payload: dict[str, str], timeout: float) -> str | None:
    """POST the payload within `timeout` seconds in all; None when accepted, else a one-line
    reason (no secrets from the URL). Never raises: every failure is an attempt to record."""
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    try:
        status, answer = post_bytes(
            url, body, timeout=timeout, content_type="application/json; charset=utf-8"
        )
    except HttpFeedError as exc:
        return str(exc)
    except Exception as exc:  # a bug must not leave the alert looking never attempted
        return f"unexpected {type(exc).__name__}"
    if 200 <= status < 300:
        return None
    return f"HTTP {status}" + _reason(answer)


def _reason(answer: bytes) -> str:
    """Slack answers a refusal with a short code (`invalid_payload`, `no_service`); anything
    else the endpoint says is left out of the stored error."""
    text = answer.decode("utf-8", "replace").strip()
    return f": {text}" if re.fullmatch(r"[A-Za-z0-9_.-]{1,60}", text) else ""
