"""The template mini-language and the per-post slot context.

    [a|b|c]   pick one alternative at random (may nest)
    <vi|ti>   register: the formal (vikanje) form or the informal (tikanje) form,
              chosen by the brand's voice
    $slot     a slot filled per post (city, price, product, date ...); the same slot
              name yields the same value within one post ($city2 is a second city)

Slot values listed in `BOLD_SLOTS` are wrapped in \\x01 ... \\x02 markers so that the blog
HTML can set the first one in <strong>; `plain` removes the markers.
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta

from .brands import BRANDS
from .phrases import SYNONYMS, WRAPPERS, WRAPPERS_LATER
from .util import fmt_int, fmt_money
from .world import (
    CITIES,
    EVENTS,
    GAMES,
    MONTHS_EN,
    MONTHS_GEN,
    MONTHS_NOM,
    PHONE_PRICES,
    PHONES,
    REGIONS,
    SENIOR_F,
    SENIOR_M,
    TOWNS_ACC,
    TOWNS_EN,
)

# one regex per synonym group, matching any of its forms (also capitalised) as whole words
SYN_RE = {
    lang: [
        re.compile(
            r"(?<![\w-])("
            + "|".join(re.escape(x) for f in g for x in dict.fromkeys([f, f[0].upper() + f[1:]]))
            + r")(?![\w-])"
        )
        for g in groups
    ]
    for lang, groups in SYNONYMS.items()
}
# (brand, language, group) -> weights of the group's forms; filled by voice.build_subsets
SYN_PREF: dict[tuple, list[float]] = {}


BOLD_SLOTS = {
    "speed",
    "speed5g",
    "price",
    "price_en",
    "net",
    "mobile",
    "tv",
    "family",
    "youth",
    "phone_price",
    "phone_price_en",
    "prize",
    "app",
}
REG_RE = re.compile(r"<([^<>|]*)\|([^<>|]*)>")
ALT_RE = re.compile(r"\[([^\[\]]*)\]")
SLOT_RE = re.compile(r"\$([a-z][a-z0-9_]*)")
MARK_RE = re.compile("[\x01\x02]")


def plain(s: str) -> str:
    return MARK_RE.sub("", s)


class Ctx:
    """Per-post slot values; the same slot name yields the same value within a post."""

    def __init__(self, rng: random.Random, brand: str, lang: str, local: datetime):
        self.rng, self.brand, self.lang, self.local = rng, brand, lang, local
        self.b = BRANDS[brand]
        self.register = self.b["register"]
        self.cache: dict[str, str] = {}
        self.base: dict[str, object] = {}
        self.used: set = set()
        self.wrap = 0.0  # chance to give a topic sentence a lead-in
        self.cross = False  # rendering a sentence of a second topic

    def _city(self, key: str):
        if key not in self.base:
            taken = [v for k, v in self.base.items() if k.startswith("city")]
            pool = [c for c in self.b["cities"] if c not in taken]
            # the brand's home cities come first in its list: weight them up
            w = [max(1.0, 6.0 - i * 0.6) for i in range(len(pool))]
            self.base[key] = self.rng.choices(pool, weights=w, k=1)[0]
        return CITIES[self.base[key]]

    def _town(self, key: str) -> int:
        if key not in self.base:
            taken = [v for k, v in self.base.items() if k.startswith("town")]
            pool = [i for i in range(len(TOWNS_ACC)) if i not in taken]
            self.base[key] = self.rng.choice(pool)
        return self.base[key]

    def slot(self, name: str) -> str:
        if name not in self.cache:
            v = self._make(name)
            self.cache[name] = f"\x01{v}\x02" if name in BOLD_SLOTS else v
        return self.cache[name]

    def _make(self, name: str) -> str:
        rng, lang, b = self.rng, self.lang, self.b
        m = re.fullmatch(r"(city\d?)(?:_(loc|gen|from|en))?", name)
        if m:
            c = self._city(m.group(1))
            return {None: c[0], "en": c[0], "loc": c[1], "gen": c[2], "from": c[3]}[m.group(2)]
        m = re.fullmatch(r"(town\d?)_(acc|en)", name)
        if m:
            i = self._town(m.group(1))
            return TOWNS_ACC[i] if m.group(2) == "acc" else TOWNS_EN[i]
        if name.startswith("region"):
            if "region" not in self.base:
                self.base["region"] = rng.choice(b["regions"])
            r = REGIONS[self.base["region"]]
            return r[1] if name.endswith("_en") else r[0]
        if name in b["products"]:
            return b["products"][name]
        if name == "brand":
            return b["name"]
        if name == "brand_gen":
            return b["gen"]
        if name == "brand_loc":
            return b["loc"]
        if name == "domain":
            return b["domain"]
        if name == "n_sites":
            return str(rng.randint(5, 64))
        if name == "n_homes":
            return fmt_int(rng.randrange(300, 9000, 50), lang)
        if name == "n_k":
            return str(rng.choice([3, 4, 5, 6, 8, 10, 12, 15, 18, 20, 25, 30, 40, 45, 60]))
        if name == "mio":
            return str(rng.choice([12, 18, 25, 30, 40, 55, 70, 85, 120, 150]))
        if name == "pct":
            return str(rng.randint(38, 98))
        if name == "pct_small":
            return str(rng.choice([10, 12, 15, 18, 20, 25, 30, 35, 40]))
        if name == "n_small":
            return str(rng.randint(6, 48))
        if name == "n_ch":
            return str(rng.randrange(90, 270, 10))
        if name == "n_hd":
            return str(rng.randrange(40, 90, 5))
        if name == "n_sr":
            return fmt_int(rng.randrange(400, 3200, 50), lang)
        if name == "gb":
            return str(rng.choice([5, 10, 15, 20, 30, 50, 100]))
        if name == "speed":
            v = rng.choice(["300 Mbit/s", "500 Mbit/s", "1 Gbit/s", "2 Gbit/s", "1 Gbit/s", "10 Gbit/s"])
            return v
        if name == "speed5g":
            v = rng.choice(["600 Mbit/s", "800 Mbit/s", "1 Gbit/s", "1,2 Gbit/s", "1,5 Gbit/s"])
            return v.replace(",", ".") if lang == "en" else v
        if name in ("price", "price_en"):
            x = rng.choice([9.99, 14.99, 19.99, 22.90, 24.99, 29.99, 34.99, 39.90, 44.99, 49.99])
            return fmt_money(x, lang, b["price_style"])
        if name in ("price_small", "price_small_en"):
            x = rng.choice([2.99, 3.99, 4.99, 5.99, 6.99, 7.99, 9.99])
            return fmt_money(x, lang, b["price_style"])
        if name in ("phone_price", "phone_price_en"):
            lo, hi = PHONE_PRICES[plain(self.slot("phone"))]
            x = rng.randrange(lo, hi + 1, 50)
            return fmt_int(x, lang) + " EUR" if lang == "sl" else "EUR " + fmt_int(x, lang)
        if name in ("daypart", "daypart_en"):
            wd = self.local.weekday()
            i = 0 if wd == 0 else (1 if wd >= 4 else 2)
            return (["začetek tedna", "vikend", "dan"] if name == "daypart" else ["week", "weekend", "day"])[
                i
            ]
        if name == "disc":
            return str(rng.randrange(50, 310, 10))
        if name == "prize":
            return fmt_int(rng.choice([2000, 3000, 5000, 8000, 10000, 15000]), lang)
        if name == "phone":
            return rng.choice(PHONES)
        if name == "game":
            return rng.choice(GAMES)
        if name == "sr_f":
            return rng.choice(SENIOR_F)
        if name == "sr_m":
            return rng.choice(SENIOR_M)
        if name == "sr_age":
            return str(rng.randint(68, 89))
        if name in ("date", "date_en", "date_acc"):
            if "date" not in self.base:
                self.base["date"] = self.local.date() + timedelta(days=rng.randint(4, 35))
            d = self.base["date"]
            if name == "date":
                return f"{d.day}. {MONTHS_GEN[d.month - 1]}"
            if name == "date_acc":
                return f"{d.day}. {MONTHS_NOM[d.month - 1]}"
            return f"{d.day} {MONTHS_EN[d.month - 1]}"
        if name in ("time", "time_en"):
            t = self.local - timedelta(minutes=rng.choice([5, 10, 15, 20, 30]))
            t = t.replace(minute=t.minute - t.minute % 5)
            return f"{t.hour}.{t.minute:02d}" if name == "time" else f"{t.hour}:{t.minute:02d}"
        if name in ("event_gen", "event_en"):
            if "event" not in self.base:
                self.base["event"] = rng.choice(EVENTS.get(self.local.month, EVENTS[10]))
            e = self.base["event"]
            return e[0] if name == "event_gen" else e[1]
        raise KeyError(f"unknown slot ${name}")


def render(tpl: str, ctx: Ctx) -> str:
    s = REG_RE.sub(lambda m: m.group(1) if ctx.register == "vi" else m.group(2), tpl)
    while True:
        m = ALT_RE.search(s)
        if not m:
            break
        s = s[: m.start()] + ctx.rng.choice(m.group(1).split("|")) + s[m.end() :]
    s = apply_synonyms(s, ctx)
    return SLOT_RE.sub(lambda m: ctx.slot(m.group(1)), s)


def apply_synonyms(s: str, ctx: Ctx) -> str:
    for gi, rx in enumerate(SYN_RE[ctx.lang]):
        if not rx.search(s):
            continue
        forms = SYNONYMS[ctx.lang][gi]
        w = SYN_PREF[(ctx.brand, ctx.lang, gi)]

        def sub(m, forms=forms, w=w):
            v = ctx.rng.choices(forms, weights=w, k=1)[0]
            return v[0].upper() + v[1:] if m.group(1)[0].isupper() else v

        s = rx.sub(sub, s)
    return s


# first words that a lead-in must not lower-case (names, products, places); built on first use
PROPER_FIRST = None


def wrap_sentence(ctx: Ctx, sent: str, later: bool = False) -> str:
    """Prefix a sentence with a short lead-in ("Dobra novica: ..."), lower-casing its first word if common."""
    global PROPER_FIRST
    if PROPER_FIRST is None:
        words = set()
        for b in BRANDS.values():
            words |= {b["name"].split()[0]} | {v.split()[0] for v in b["products"].values() if v}
        for c in CITIES.values():
            words.add(c[0].split()[0])
        words |= {p.split()[0] for p in PHONES} | {
            "Digitalna",
            "EU",
            "Croatia",
            "Italy",
            "Slovenia",
            "Slovenian",
            "Twitch",
            "YouTube",
            "Erasmus",
            "ISIC",
            "Gospa",
            "Gospod",
        }
        PROPER_FIRST = words
    p = plain(sent)
    first = p.split(" ")[0] if p else ""
    if not first or not first[0].isalpha() or first in PROPER_FIRST or any(ch.isupper() for ch in first[1:]):
        return sent
    lead = render(ctx.rng.choice(WRAPPERS[ctx.lang] + (WRAPPERS_LATER[ctx.lang] if later else [])), ctx)
    i = sent.index(first[0])
    return lead + sent[:i] + sent[i].lower() + sent[i + 1 :]
