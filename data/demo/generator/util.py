"""Small helpers: Ljubljana local time, number and money formats, slugs, weighted draws."""

from __future__ import annotations

import math
import random
import re
import unicodedata
from datetime import UTC, date, datetime, timedelta


def ljubljana_offset(d: datetime) -> int:
    """UTC offset in hours for a naive local Europe/Ljubljana time (EU DST rules)."""
    y = d.year

    def last_sunday(month: int) -> date:
        nxt = date(y, month + 1, 1)
        last = nxt - timedelta(days=1)
        return last - timedelta(days=(last.weekday() + 1) % 7)

    start = datetime.combine(last_sunday(3), datetime.min.time()) + timedelta(hours=2)
    end = datetime.combine(last_sunday(10), datetime.min.time()) + timedelta(hours=3)
    return 2 if start <= d < end else 1


def to_utc(local: datetime) -> datetime:
    return (local - timedelta(hours=ljubljana_offset(local))).replace(tzinfo=UTC)


def fmt_int(n: int, lang: str) -> str:
    s = f"{n:,}"
    return s.replace(",", ".") if lang == "sl" else s


def fmt_money(x: float, lang: str, style: str) -> str:
    if lang == "sl":
        v = f"{x:.2f}".replace(".", ",")
        return f"{v} €" if style == "eur_sign" else f"{v} EUR"
    return f"€{x:.2f}" if style == "eur_sign" else f"EUR {x:.2f}"


def slugify(text: str) -> str:
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return "-".join(t.split("-")[:8]) or "objava"


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    el, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= el:
            return k
        k += 1


def wchoice(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0]


def cp1250_safe(s: str) -> str:
    out = "".join(c for c in s if c.encode("cp1250", "ignore") or c in "\n")
    out = out.replace("\u200d", "").replace("\ufe0f", "")
    out = re.sub(r"[ \t]{2,}", " ", out)
    out = "\n".join(line.strip() for line in out.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", out).strip()
