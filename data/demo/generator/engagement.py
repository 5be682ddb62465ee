"""Engagement figures for the CSV exports: skewed and heavy-tailed, with crisis and viral boosts."""

from __future__ import annotations

import math
import random

from .market import FEED_BY_KEY

# audience size of each brand, Instagram-heavy brands, and topics that engage more or less
SIZE = {"lipa": 1.0, "alpcom": 1.3, "dravanet": 0.45, "kras": 0.7, "modrival": 0.9}
IG_BOOST = {"modrival": 1.8, "alpcom": 1.1}
TOPIC_ENG = {
    "tv_sport": 1.25,
    "smartphones": 1.15,
    "esports": 1.2,
    "community": 1.15,
    "seniors": 1.1,
    "esim": 1.05,
    "support_app": 0.8,
    "5g": 0.9,
}


def ln(rng: random.Random, median: float, sigma: float) -> float:
    return median * math.exp(rng.gauss(0.0, sigma))


def engagement(rng: random.Random, p: dict, ch: str) -> dict:
    bk, topic = FEED_BY_KEY[p["feed"]]["brand"], p["topic"]
    f = SIZE[bk] * TOPIC_ENG.get(topic, 1.0)
    viral = rng.uniform(4, 10) if rng.random() < 0.02 else 1.0
    crisis = p["signal"] == "crisis"
    e: dict = {}
    if ch == "instagram":
        likes = ln(rng, 150 * f * IG_BOOST.get(bk, 1.0), 0.85) * viral
        comments = ln(rng, likes * 0.025 + 1, 0.8)
        if crisis:
            comments *= rng.uniform(12, 30)
            likes *= 0.5
        reach = likes * ln(rng, 22, 0.35)
        e = dict(
            likes=likes,
            comments=comments,
            shares=ln(rng, likes * 0.04 + 0.5, 1.0),
            saves=ln(rng, likes * 0.05 + 0.5, 0.9),
            reach=reach,
            impressions=reach * rng.uniform(1.1, 1.5),
            follows=ln(rng, likes * 0.01 + 0.2, 1.0),
        )
    elif ch == "facebook":
        reactions = ln(rng, 38 * f, 0.95) * viral
        comments = ln(rng, reactions * 0.12 + 0.5, 0.9)
        shares = ln(rng, reactions * 0.08 + 0.3, 1.0)
        if crisis:
            reactions *= rng.uniform(2, 4)
            comments *= rng.uniform(15, 40)
            shares *= rng.uniform(3, 6)
        elif topic == "outage":
            comments *= 3
        if topic == "cybersecurity":
            shares *= 2.5
        boosted = rng.random() < 0.03
        reach = reactions * ln(rng, 55, 0.4) * (3 if boosted else 1)
        e = dict(
            reactions=reactions,
            comments=comments,
            shares=shares,
            reach=reach,
            impressions=reach * rng.uniform(1.05, 1.35),
            clicks=ln(rng, reach * 0.012 + 1, 0.6),
            boosted=boosted,
        )
    elif ch == "linkedin":
        likes = ln(rng, 30 * f, 0.8) * viral
        comments = ln(rng, likes * 0.06 + 0.3, 0.9)
        if crisis:
            comments *= rng.uniform(5, 12)
        impressions = likes * ln(rng, 45, 0.35)
        e = dict(
            likes=likes,
            comments=comments,
            reposts=ln(rng, likes * 0.05 + 0.2, 1.0),
            impressions=impressions,
            clicks=impressions * ln(rng, 0.012, 0.5),
            follows=ln(rng, likes * 0.02, 1.0),
        )
    return {k: (v if isinstance(v, bool) else round(v)) for k, v in e.items()}
