"""Brand voice: each brand draws from its own subset of every pool, and the sentence pickers
that compose posts from those subsets.
"""

from __future__ import annotations

import random

from .brands import BRAND_ORDER
from .market import N_WEEKS, RISE_WEEKS, TOPIC_WEIGHTS
from .phrases import (
    CORPORATE_EN,
    CORPORATE_SL,
    FILLER_EN,
    FILLER_SL,
    GENERIC_TAGS_EN,
    GENERIC_TAGS_SL,
    OPENERS_EN,
    OPENERS_SL,
    SYNONYMS,
)
from .template import SYN_PREF, Ctx, plain, render, wrap_sentence
from .topics import TOPIC_KEYS, TOPICS
from .util import slugify

# (brand, topic, language, "titles" | "sents") or (brand, pool name) -> indexes the brand uses
SUB: dict[tuple, list[int]] = {}


def build_subsets(rng: random.Random) -> None:
    for bk in BRAND_ORDER:
        for t in TOPIC_KEYS:
            for lang in ("sl", "en"):
                for part in ("titles", "sents"):
                    n = len(TOPICS[t][lang][part])
                    if n == 0:
                        continue
                    share = 0.5 if part == "titles" else 0.6
                    k = n if t in ("seniors", "outage") else max(4, round(n * share))
                    SUB[(bk, t, lang, part)] = sorted(rng.sample(range(n), k))
        for lang, groups in SYNONYMS.items():
            for gi, g in enumerate(groups):
                pref = rng.randrange(len(g))
                SYN_PREF[(bk, lang, gi)] = [0.78 if i == pref else 0.22 / (len(g) - 1) for i in range(len(g))]
        for name, pool, share in (
            ("filler_sl", FILLER_SL, 0.6),
            ("filler_en", FILLER_EN, 0.7),
            ("open_sl", OPENERS_SL, 0.6),
            ("open_en", OPENERS_EN, 0.7),
            ("corp_en", CORPORATE_EN, 0.7),
            ("corp_sl", CORPORATE_SL, 0.8),
        ):
            SUB[(bk, name)] = sorted(rng.sample(range(len(pool)), max(3, round(len(pool) * share))))


def topic_sents(ctx: Ctx, topic: str, n: int) -> list[str]:
    idxs = [i for i in SUB[(ctx.brand, topic, ctx.lang, "sents")] if (topic, i) not in ctx.used]
    pool = TOPICS[topic][ctx.lang]["sents"]
    out = []
    for i in ctx.rng.sample(idxs, min(n, len(idxs))):
        ctx.used.add((topic, i))
        sent = render(pool[i], ctx)
        if ctx.wrap and ctx.rng.random() < ctx.wrap:
            sent = wrap_sentence(ctx, sent, later=bool(out) or ctx.cross)
        out.append(sent)
    return out


def topic_title(ctx: Ctx, topic: str) -> str:
    idxs = SUB[(ctx.brand, topic, ctx.lang, "titles")]
    return render(TOPICS[topic][ctx.lang]["titles"][ctx.rng.choice(idxs)], ctx)


def pool_line(ctx: Ctx, name: str, pool: list[str]) -> str:
    idxs = [i for i in SUB[(ctx.brand, name)] if (name, i) not in ctx.used]
    i = ctx.rng.choice(idxs or SUB[(ctx.brand, name)])
    ctx.used.add((name, i))
    return render(pool[i], ctx)


def filler(ctx: Ctx) -> str:
    return pool_line(ctx, f"filler_{ctx.lang}", FILLER_SL if ctx.lang == "sl" else FILLER_EN)


def opener(ctx: Ctx) -> str:
    return pool_line(ctx, f"open_{ctx.lang}", OPENERS_SL if ctx.lang == "sl" else OPENERS_EN)


def corporate(ctx: Ctx) -> str:
    return pool_line(ctx, f"corp_{ctx.lang}", CORPORATE_SL if ctx.lang == "sl" else CORPORATE_EN)


def signature(ctx: Ctx) -> str:
    return render(ctx.rng.choice(ctx.b["sign_sl"] if ctx.lang == "sl" else ctx.b["sign_en"]), ctx)


def cross_sents(ctx: Ctx, topic: str, n: int) -> list[str]:
    """Sentences of a second topic: they share the post's places but get their own prices and numbers."""
    saved = ctx.cache
    ctx.cache = {
        k: v for k, v in saved.items() if k.startswith(("city", "region", "town", "brand", "domain", "app"))
    }
    ctx.cross = True
    try:
        return topic_sents(ctx, topic, n)
    finally:
        ctx.cross = False
        ctx.cache = saved


def cross_topic(ctx: Ctx, p: dict) -> str | None:
    cands = [t for t in TOPIC_WEIGHTS[ctx.brand] if t != p["topic"]]
    if ctx.brand == "lipa":
        cands.append("seniors")
    if p["week"] >= N_WEEKS - RISE_WEEKS:
        cands.append("esim")
    return ctx.rng.choice(cands)


def hashtags(ctx: Ctx, topic: str, k: int, t2: str | None = None) -> list[str]:
    rng, lang = ctx.rng, ctx.lang
    tags = rng.sample(TOPICS[topic][lang]["tags"], min(len(TOPICS[topic][lang]["tags"]), max(1, k - 2)))
    if t2 and rng.random() < 0.5:
        tags.append(rng.choice(TOPICS[t2][lang]["tags"]))
    tags += rng.sample(ctx.b["tags"], rng.randint(1, min(2, len(ctx.b["tags"]))))
    if len(tags) < k:
        tags += rng.sample(GENERIC_TAGS_SL if lang == "sl" else GENERIC_TAGS_EN, min(2, k - len(tags)))
    seen, out = set(), []
    for t in tags:
        if t.lower() not in seen:
            seen.add(t.lower())
            out.append(t)
    return out[:k]


def topic_link(ctx: Ctx, topic: str, channel: str, title: str = "") -> str:
    url = f"https://{ctx.b['domain']}/{TOPICS[topic]['path']}"
    if title and ctx.rng.random() < 0.5:
        url += "/" + "-".join(slugify(plain(title)).split("-")[:4])
    if channel in ("facebook", "linkedin", "instagram") and ctx.rng.random() < 0.45:
        url += f"?utm_source={channel}&utm_medium=social&utm_campaign={ctx.local:%Y%m}"
    return url


def add_emoji(ctx: Ctx, sents: list[str], topic: str, rate: float, cap: int = 3) -> list[str]:
    out, n = [], 0
    for s in sents:
        if n < cap and ctx.rng.random() < rate:
            e = ctx.rng.choice(TOPICS[topic]["emoji"])
            s = f"{e} {s}" if (not out and ctx.rng.random() < 0.3) else f"{s} {e}"
            n += 1
        out.append(s)
    return out


def one_liner(ctx: Ctx, topic: str) -> list[str]:
    """A very short post: a concrete headline (one with a slot) plus a brand touch."""
    titles = TOPICS[topic][ctx.lang]["titles"]
    idxs = (
        [i for i in SUB[(ctx.brand, topic, ctx.lang, "titles")] if "$" in titles[i]]
        or [i for i in range(len(titles)) if "$" in titles[i]]
        or SUB[(ctx.brand, topic, ctx.lang, "titles")]
    )
    out = [title_as_sentence(ctx, render(titles[ctx.rng.choice(idxs)], ctx))]
    r = ctx.rng.random()
    if r < 0.45:
        out.append(signature(ctx))
    elif r < 0.8:
        out.append(filler(ctx))
    return out


def title_as_sentence(ctx: Ctx, title: str) -> str:
    if title.endswith(("?", "!", ".")):
        return title
    return title + ctx.rng.choice(["!", "!", ".", ""])
