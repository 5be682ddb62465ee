"""Planning: which post goes to which feed, when, on which topic and with which signal."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from .brands import BRAND_ORDER
from .market import (
    CHANNEL_AFFINITY,
    CRISIS_SCHEDULE,
    CRISIS_WEEK_START,
    DOW_WEIGHTS,
    ESIM_RISE_COUNTS,
    FEED_BY_KEY,
    FEEDS,
    N_WEEKS,
    RISE_WEEKS,
    SEASON,
    START,
    SYND_SCHEDULE,
    TOPIC_WEIGHTS,
    week_of,
)
from .util import poisson, wchoice


def pick_local_dt(rng: random.Random, week_start: date, channel: str, dow: int | None = None) -> datetime:
    if dow is None:
        dow = rng.choices(range(7), weights=DOW_WEIGHTS[channel], k=1)[0]
    d = week_start + timedelta(days=dow)
    weekend = dow >= 5
    if channel == "blog":
        hour = rng.choices(range(8, 17), weights=[2, 4, 4, 3, 2, 3, 3, 2, 1], k=1)[0]
    elif channel == "newsroom":
        hour = rng.choices(range(8, 15), weights=[3, 5, 4, 3, 2, 2, 1], k=1)[0]
    elif channel == "linkedin":
        hour = rng.choices(range(7, 18), weights=[2, 4, 3, 2, 2, 3, 2, 2, 1, 1, 0.5], k=1)[0]
    elif channel == "facebook":
        if weekend:
            hour = rng.randint(9, 19)
        else:
            hour = rng.choices(range(7, 21), weights=[1, 3, 3, 4, 3, 2, 3, 3, 2, 3, 2, 1, 1, 0.5], k=1)[0]
    else:  # instagram
        if weekend:
            hour = rng.randint(9, 21)
        elif rng.random() < 0.32:
            hour = rng.choices(range(18, 22), weights=[3, 4, 3, 1.5], k=1)[0]
        else:
            hour = rng.choices(range(9, 18), weights=[1, 2, 2, 3, 3, 2, 3, 3, 3], k=1)[0]
    if channel in ("facebook", "instagram", "linkedin") and rng.random() < 0.5:
        minute = rng.choice([0, 15, 30, 45])
    elif channel == "newsroom" and rng.random() < 0.5:
        minute = rng.choice([0, 30])
    else:
        minute = rng.randint(0, 59)
    return datetime(d.year, d.month, d.day, hour, minute)


def plan_posts(rng: random.Random) -> list[dict]:
    posts: list[dict] = []

    def add(feed_key: str, topic: str, lang: str, local: datetime, signal: str = "", **extra):
        posts.append(
            dict(
                feed=feed_key,
                topic=topic,
                lang=lang,
                local=local,
                signal=signal,
                week=week_of(local.date()),
                **extra,
            )
        )

    # 1) background posts
    for f in FEEDS:
        bk, ch = f["brand"], f["channel"]
        for w in range(N_WEEKS):
            ws = START + timedelta(weeks=w)
            vol = f["rate"]
            if (ws + timedelta(days=3)).month == 8 and ch in ("blog", "newsroom", "linkedin"):
                vol *= 0.75  # summer holidays
            for _ in range(poisson(rng, vol)):
                local = pick_local_dt(rng, ws, ch)
                weights = {
                    t: TOPIC_WEIGHTS[bk][t]
                    * CHANNEL_AFFINITY[ch].get(t, 1.0)
                    * SEASON.get(t, {}).get(local.month, 1.0)
                    for t in TOPIC_WEIGHTS[bk]
                }
                topic = wchoice(rng, weights)
                lang = "en" if rng.random() < f["p_en"] else "sl"
                add(f["key"], topic, lang, local, "gap" if topic == "esports" else "")

    # 2) OWN ANGLE: Lipa Mobil's digital-skills workshops for seniors, 2-3 a week
    ch_w = {"facebook": 0.4, "instagram": 0.15, "blog": 0.15, "newsroom": 0.1, "linkedin": 0.2}
    for w in range(N_WEEKS):
        ws = START + timedelta(weeks=w)
        for _ in range(rng.choice([2, 3, 3, 2, 3])):
            ch = wchoice(rng, ch_w)
            lang = (
                "en"
                if (ch == "linkedin" and rng.random() < 0.75) or (ch == "blog" and rng.random() < 0.2)
                else "sl"
            )
            add(f"lipa_{ch}", "seniors", lang, pick_local_dt(rng, ws, ch), "own_angle")

    # 3) RISING: eSIM, rare until the last four weeks, then taken up by every brand
    rise_order: list[str] = []
    while len(rise_order) < sum(ESIM_RISE_COUNTS):
        rise_order += rng.sample(BRAND_ORDER, len(BRAND_ORDER))
    for w in range(N_WEEKS):
        ws = START + timedelta(weeks=w)
        rise = w >= N_WEEKS - RISE_WEEKS
        n = ESIM_RISE_COUNTS[w - (N_WEEKS - RISE_WEEKS)] if rise else rng.choice([0, 0, 0, 1, 1, 1, 1, 1, 2])
        if not rise and w >= N_WEEKS - RISE_WEEKS - 4:
            n = min(n, 1)
        bw = (
            {"alpcom": 3, "modrival": 3, "dravanet": 2, "kras": 2, "lipa": 2}
            if rise
            else {"alpcom": 4, "modrival": 4, "lipa": 1, "dravanet": 1, "kras": 1}
        )
        for _ in range(n):
            bk = rise_order.pop(0) if rise else wchoice(rng, bw)
            cw = {"instagram": 3, "facebook": 3, "blog": 2, "linkedin": 2, "newsroom": 1}
            f = FEED_BY_KEY[
                f"{bk}_{wchoice(rng, {c: v for c, v in cw.items() if f'{bk}_{c}' in FEED_BY_KEY})}"
            ]
            lang = "en" if rng.random() < f["p_en"] else "sl"
            add(f["key"], "esim", lang, pick_local_dt(rng, ws, f["channel"]), "rising")

    # 4) CRISIS: Kras Telekom outage week, plus rare background outage/maintenance notices
    for stamp, ch, phase, lang in CRISIS_SCHEDULE:
        add(f"kras_{ch}", "outage", lang, datetime.strptime(stamp, "%Y-%m-%d %H:%M"), "crisis", phase=phase)
    crisis_w = week_of(CRISIS_WEEK_START)
    for bk, n in (("kras", 5), ("lipa", 2), ("alpcom", 3), ("dravanet", 3), ("modrival", 2)):
        weeks = rng.sample([w for w in range(N_WEEKS - 1) if abs(w - crisis_w) > 1], n)
        for w in sorted(weeks):
            ch = "newsroom" if (bk == "kras" and rng.random() < 0.3) else "facebook"
            add(
                f"{bk}_{ch}",
                "outage",
                "sl",
                pick_local_dt(rng, START + timedelta(weeks=w), ch),
                "",
                phase=rng.choice(["maint", "local"]),
            )

    # 5) SYNDICATED: one anti-scam campaign story across five brands within two days
    for bk, fk, stamp in SYND_SCHEDULE:
        add(fk, "cybersecurity", "sl", datetime.strptime(stamp, "%Y-%m-%d %H:%M"), "syndicated", synd=bk)

    posts.sort(key=lambda p: (p["local"], p["feed"]))
    return posts
