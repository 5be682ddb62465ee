"""Composition per channel: the text, title, HTML and post type of each planned post."""

from __future__ import annotations

import random
from xml.sax.saxutils import escape as xml_escape

from .brands import BRANDS
from .market import BLOG_AUTHORS, FEED_BY_KEY
from .phrases import CTA_LINK_EN, CTA_LINK_SL, IG_LINE_EN, IG_LINE_SL
from .stories import BG_OUTAGE_TITLES, CRISIS_TITLES, OUTAGE_EN, OUTAGE_SL, SYND, SYND_CORE_1, SYND_CORE_2
from .template import MARK_RE, Ctx, plain, render
from .topics import TOPICS
from .util import cp1250_safe
from .voice import (
    add_emoji,
    corporate,
    cross_sents,
    cross_topic,
    filler,
    hashtags,
    one_liner,
    opener,
    signature,
    topic_link,
    topic_sents,
    topic_title,
)
from .world import MONTHS_EN, MONTHS_GEN


def quote_para(ctx: Ctx, sents: list[str]) -> str:
    name, gender, role_sl, role_en = ctx.rng.choice(ctx.b["people"])
    q = " ".join(sents).strip()
    if ctx.lang == "sl":
        verb = ctx.rng.choice(["je povedal", "je poudaril", "je dodal", "je pojasnil"]) + (
            "a" if gender == "f" else ""
        )
        if q.endswith("."):
            return f"»{q[:-1]}«, {verb} {name}, {role_sl} družbe {ctx.b['name']}."
        return f"»{q}« {verb} {name}, {role_sl} družbe {ctx.b['name']}."
    if q.endswith("."):
        q = q[:-1] + ","
    return f"\u201c{q}\u201d said {name}, {role_en} at {ctx.b['name']}."


def dateline(ctx: Ctx) -> str:
    d = ctx.local
    if ctx.lang == "sl":
        return f"{ctx.b['hq'][0]}, {d.day}. {MONTHS_GEN[d.month - 1]} {d.year} – "
    return f"{ctx.b['hq'][0]}, {d.day} {MONTHS_EN[d.month - 1]} {d.year} – "


def planted(p: dict) -> tuple[list[str], list[str]]:
    """The planted sentence and hashtag of a post (plant.py), if it has one; they use no random draw."""
    x = p.get("plant")
    if not x:
        return [], []
    return [x["text"]], [x["tag"]] if x["tag"] else []


def body_sentences(
    ctx: Ctx, p: dict, n: int, cross_p: float, filler_p: float, sign_p: float, opener_p: float
) -> tuple[list[str], str | None]:
    rng = ctx.rng
    out = []
    if rng.random() < opener_p:
        out.append(opener(ctx))
    out += topic_sents(ctx, p["topic"], n)
    t2 = None
    if rng.random() < cross_p:
        t2 = cross_topic(ctx, p)
        cross = cross_sents(ctx, t2, 1)
        out.insert(rng.randint(1, len(out)), cross[0]) if cross else None
    if rng.random() < filler_p:
        out.append(filler(ctx))
    if rng.random() < sign_p:
        out.append(signature(ctx))
    return out, t2


def compose_instagram(ctx: Ctx, p: dict) -> dict:
    rng, t = ctx.rng, p["topic"]
    t2 = None
    if rng.random() < 0.11:
        sents = one_liner(ctx, t)
    else:
        sents, t2 = body_sentences(ctx, p, rng.choice([1, 2, 2, 2, 3]), 0.12, 0.45, 0.22, 0.22)
        if rng.random() < 0.15:
            sents.append(rng.choice(IG_LINE_SL if ctx.lang == "sl" else IG_LINE_EN))
    if rng.random() < 0.15:
        who = rng.choice(ctx.b["partners"])
        sents.append(
            (f"Hvala, {who}!" if ctx.lang == "sl" else f"Thanks, {who}!")
            if rng.random() < 0.5
            else f"📍 {render('$city', ctx)} {who}"
        )
    sents = add_emoji(ctx, sents, t, ctx.b["emoji_rate"])
    extra, extra_tags = planted(p)
    sents += extra
    sep = "\n" if rng.random() < 0.4 else " "
    tags = hashtags(ctx, t, rng.randint(4, 9), t2) + extra_tags
    text = plain(sep.join(sents)) + "\n\n" + " ".join(tags)
    return dict(
        title="", text=text, post_type=rng.choices(["IG image", "IG carousel", "IG reel"], [55, 25, 20])[0]
    )


def compose_facebook(ctx: Ctx, p: dict) -> dict:
    rng, t = ctx.rng, p["topic"]
    title = topic_title(ctx, t)
    t2 = None
    if rng.random() < 0.08:
        sents = one_liner(ctx, t)
    else:
        sents, t2 = body_sentences(ctx, p, rng.choices([1, 2, 3, 4], [2, 3, 3, 1])[0], 0.12, 0.5, 0.15, 0.18)
    sents = add_emoji(ctx, sents, t, ctx.b["emoji_rate"] * 0.6, cap=2)
    if len(sents) >= 4 and rng.random() < 0.6:
        cut = rng.randint(2, len(sents) - 1)
        body = " ".join(sents[:cut]) + "\n\n" + " ".join(sents[cut:])
    else:
        body = " ".join(sents)
    extra, extra_tags = planted(p)
    body = " ".join([body, *extra])
    has_link = rng.random() < 0.6
    if has_link:
        cta = rng.choice(CTA_LINK_SL if ctx.lang == "sl" else CTA_LINK_EN)
        body += f"\n\n{cta} {topic_link(ctx, t, 'facebook', title)}"
    if rng.random() < 0.55:
        body += ("\n" if has_link else " ") + " ".join(hashtags(ctx, t, rng.randint(1, 3), t2) + extra_tags)
    elif extra_tags:
        body += ("\n" if has_link else " ") + " ".join(extra_tags)
    if has_link and rng.random() < 0.85:
        ptype = "Links"
    else:
        ptype = rng.choices(["Photos", "Videos", "Status"], [70, 18, 12])[0]
    return dict(title=plain(title) if ptype == "Links" else "", text=plain(body), post_type=ptype)


def compose_linkedin(ctx: Ctx, p: dict) -> dict:
    rng, t = ctx.rng, p["topic"]
    paras = []
    hook = ""
    if rng.random() < 0.5:
        hook = topic_title(ctx, t)
        paras.append(hook + (" " + rng.choice(TOPICS[t]["emoji"]) if rng.random() < 0.3 else ""))
    sents, t2 = body_sentences(ctx, p, rng.choice([2, 2, 3, 4]), 0.1, 0.0, 0.0, 0.0)
    extra, extra_tags = planted(p)
    paras.append(" ".join(sents + extra))
    if rng.random() < 0.6:
        paras.append(corporate(ctx))
    if rng.random() < 0.2:
        who = rng.choice(ctx.b["partners"])
        paras[-1] += f" Hvala, {who}." if ctx.lang == "sl" else f" Thank you, {who}."
    if rng.random() < 0.5:
        paras.append(("Več: " if ctx.lang == "sl" else "Read more: ") + topic_link(ctx, t, "linkedin", hook))
    paras.append(" ".join(hashtags(ctx, t, rng.randint(3, 5), t2) + extra_tags))
    text = plain("\n\n".join(paras))
    return dict(title="", text=text, post_type="Organic")


def html_para(s: str) -> str:
    """Escape a paragraph for HTML; the first marked slot value becomes <strong>."""
    esc = xml_escape(s)
    esc = esc.replace("\x01", "<strong>", 1).replace("\x02", "</strong>", 1)
    return MARK_RE.sub("", esc)


def link_para(ctx: Ctx, topic: str) -> tuple[str, str]:
    """(html, plain) closing paragraph with a link."""
    url = f"https://{ctx.b['domain']}/{TOPICS[topic]['path']}"
    if ctx.rng.random() < 0.3:
        url += "?utm_source=blog&utm_medium=rss"
    shown = url.split("?")[0].replace("https://", "")
    if ctx.lang == "sl":
        lead, faq = (
            ctx.rng.choice(["Več informacij:", "Vse podrobnosti na", "Preberite več na"]),
            "Pogosta vprašanja & odgovori",
        )
    else:
        lead, faq = ctx.rng.choice(["More information:", "Full details at", "Read more at"]), "FAQ & support"
    html = f'{xml_escape(lead)} <a href="{xml_escape(url)}">{xml_escape(shown)}</a>'
    txt = f"{lead} {shown}"
    if ctx.rng.random() < 0.35:
        furl = f"https://{ctx.b['domain']}/pomoc"
        html += f' · <a href="{furl}">{xml_escape(faq)}</a>'
        txt += f" · {faq}"
    return html, txt


def compose_blog(ctx: Ctx, p: dict) -> dict:
    rng, t = ctx.rng, p["topic"]
    title = plain(topic_title(ctx, t))
    paras = []
    p1 = ([opener(ctx)] if rng.random() < 0.15 else []) + topic_sents(ctx, t, rng.choice([2, 3]))
    paras.append(" ".join(p1))
    p2 = topic_sents(ctx, t, rng.choice([1, 2, 3]))
    t2 = None
    if rng.random() < 0.25:
        t2 = cross_topic(ctx, p)
        p2 += cross_sents(ctx, t2, rng.choice([1, 2]))
    if p2:
        paras.append(" ".join(p2))
    if rng.random() < 0.45:
        more = topic_sents(ctx, t, rng.choice([1, 2]))
        paras.append(" ".join(more) if more and rng.random() < 0.6 else filler(ctx))
    last = [filler(ctx)] + ([filler(ctx)] if rng.random() < 0.4 else [])
    if rng.random() < 0.3:
        last.append(signature(ctx))
    paras.append(" ".join(last))
    extra, _ = planted(p)
    paras[-2] = " ".join([paras[-2], *extra])
    lhtml, ltxt = link_para(ctx, t)
    html_paras = [f"<p>{html_para(x)}</p>" for x in paras] + [f"<p>{lhtml}</p>"]
    plain_paras = [plain(x) for x in paras] + [ltxt]
    cats = [TOPICS[t]["cat_sl" if ctx.lang == "sl" else "cat_en"], "Novice" if ctx.lang == "sl" else "News"]
    if t2 and rng.random() < 0.5:
        cats.append(TOPICS[t2]["cat_sl" if ctx.lang == "sl" else "cat_en"])
    summary_html = html_paras[0][:-4] + " [&#8230;]</p>"
    return dict(
        title=title,
        paras=plain_paras,
        html="\n".join(html_paras),
        summary_html=summary_html,
        categories=cats,
        author=rng.choice(BLOG_AUTHORS[ctx.brand]),
    )


def compose_newsroom(ctx: Ctx, p: dict) -> dict:
    rng, t = ctx.rng, p["topic"]
    title = plain(topic_title(ctx, t))
    paras = [dateline(ctx) + " ".join(topic_sents(ctx, t, 2))]
    p2 = topic_sents(ctx, t, rng.choice([2, 3]))
    if rng.random() < 0.15:
        p2 += cross_sents(ctx, cross_topic(ctx, p), 1)
    paras.append(" ".join(p2 + planted(p)[0]))
    q = topic_sents(ctx, t, 2)
    if q:
        paras.append(quote_para(ctx, q))
    if rng.random() < 0.5:
        extra = topic_sents(ctx, t, 1) + ([filler(ctx)] if rng.random() < 0.5 else [])
        if extra:
            paras.append(" ".join(extra))
    about = ctx.b["about_sl" if ctx.lang == "sl" else "about_en"]
    if about and rng.random() < 0.7:
        paras.append(about)
    return finish_newsroom(ctx, t, title, paras)


def finish_newsroom(ctx: Ctx, topic: str, title: str, paras: list[str]) -> dict:
    html_paras = [f"<p>{html_para(x)}</p>" for x in paras]
    if ctx.b["about_sl"] and paras[-1] in (ctx.b["about_sl"], ctx.b["about_en"]):
        head, _, rest = paras[-1].partition(":")
        html_paras[-1] = f"<p><strong>{xml_escape(head)}:</strong>{xml_escape(rest)}</p>"
    cats = [
        TOPICS[topic]["cat_sl" if ctx.lang == "sl" else "cat_en"],
        "Sporočila za javnost" if ctx.lang == "sl" else "Press releases",
    ]
    author = ctx.rng.choice(
        [
            ctx.b["people"][0][0],
            f"{ctx.b['name']}, " + ("odnosi z javnostmi" if ctx.lang == "sl" else "press office"),
        ]
    )
    return dict(
        title=title,
        paras=[plain(x) for x in paras],
        html="\n".join(html_paras),
        summary=plain(paras[0]),
        categories=cats,
        author=author,
    )


def compose_outage(ctx: Ctx, p: dict, channel: str) -> dict:
    rng, phase = ctx.rng, p["phase"]
    pools = OUTAGE_SL if ctx.lang == "sl" else OUTAGE_EN

    def take(ph: str, k: int) -> list[str]:
        items = [i for i in range(len(pools[ph])) if (ph, i) not in ctx.used]
        out = []
        for i in (
            sorted(rng.sample(items, min(k, len(items))))
            if ph != "update"
            else rng.sample(items, min(k, len(items)))
        ):
            ctx.used.add((ph, i))
            out.append(render(pools[ph][i], ctx))
        return out

    if phase in ("maint", "local"):
        sents = take(phase, rng.choice([2, 3, 4]))
        title = plain(render(rng.choice(BG_OUTAGE_TITLES[phase]), ctx))
    else:
        k = {
            "notice": rng.choice([3, 4, 5]),
            "update": rng.choice([1, 2, 3]),
            "restored": 2,
            "apology": rng.choice([2, 3]),
            "comp": rng.choice([2, 3]),
            "analysis": 2,
        }[phase]
        if phase == "update":
            first = [i for i in range(len(pools["update"])) if i < 2]
            i0 = rng.choice(first)
            ctx.used.add(("update", i0))
            sents = [render(pools["update"][i0], ctx), *take("update", k - 1)]
            if rng.random() < 0.3:
                sents += take("notice", 1)
        else:
            sents = take(phase, k)
        if phase in ("restored", "comp", "analysis") or (phase == "notice" and rng.random() < 0.5):
            sents += take("apology", 1)
        title = CRISIS_TITLES[phase][0 if ctx.lang == "sl" else 1]
    tags = TOPICS["outage"][ctx.lang]["tags"]
    url = f"https://{ctx.b['domain']}/motnje" if ctx.lang == "sl" else f"https://{ctx.b['domain']}/status"
    if channel == "facebook":
        body = " ".join(sents)
        if rng.random() < 0.5:
            body = "⚠️ " + body if ctx.b["emoji_rate"] < 0.5 else body + " 🛠️"
        if rng.random() < 0.6:
            body += f"\n\n{'Stanje storitev' if ctx.lang == 'sl' else 'Service status'}: {url}"
        if rng.random() < 0.5:
            body += "\n" + " ".join(rng.sample(tags, 2) + ctx.b["tags"][:1])
        return dict(title="", text=plain(body), post_type="Status" if rng.random() < 0.6 else "Links")
    if channel == "instagram":
        body = "⚠️ " + "\n".join(sents) + "\n\n" + " ".join(tags + ctx.b["tags"][:1])
        return dict(title="", text=plain(body), post_type="IG image")
    if channel == "linkedin":
        paras = [title, " ".join(sents), " ".join(tags[:2] + ctx.b["tags"][:1])]
        return dict(title="", text=plain("\n\n".join(paras)), post_type="Organic")
    # newsroom
    paras = [dateline(ctx) + " ".join(sents[:2])]
    if len(sents) > 2:
        paras.append(" ".join(sents[2:]))
    if phase not in ("maint", "local", "update"):
        q = take("apology", 1) or take("analysis", 1)
        if q:
            old = ctx.b["people"]
            ctx.b = dict(ctx.b, people=[old[0]])  # the CEO speaks in a crisis
            paras.append(quote_para(ctx, q))
            ctx.b = BRANDS[ctx.brand]
    return finish_newsroom(ctx, "outage", title, paras)


def compose_syndicated(ctx: Ctx, p: dict, channel: str) -> dict:
    s = SYND[p["synd"]]
    core1 = SYND_CORE_1.format(order=s["order"])
    core2 = SYND_CORE_2.format(until=s["until"])
    if channel == "facebook":
        body = (
            f"{s['intro']}\n\n{core1}\n\n{core2.split('. ')[0]}.\n\nVeč: https://{ctx.b['domain']}/varnost\n"
            + " ".join(s["tags"])
        )
        return dict(title=s["title"], text=body, post_type="Links")
    if channel == "newsroom":
        paras = [dateline(ctx) + s["intro"], core1, core2, s["outro"]]
        return finish_newsroom(ctx, "cybersecurity", s["title"], paras)
    # blog
    paras = [s["intro"], core1, core2, s["outro"]]
    lhtml, ltxt = link_para(ctx, "cybersecurity")
    html_paras = [f"<p>{xml_escape(x)}</p>" for x in paras] + [f"<p>{lhtml}</p>"]
    html_paras[1] = html_paras[1].replace("»Ne nasedaj!«", "<strong>»Ne nasedaj!«</strong>")
    return dict(
        title=s["title"],
        paras=[*paras, ltxt],
        html="\n".join(html_paras),
        summary_html=f"<p>{xml_escape(s['intro'])} [&#8230;]</p>",
        categories=["Varnost", "Novice", "Ne nasedaj"],
        author=BLOG_AUTHORS[ctx.brand][0],
    )


def compose(rng: random.Random, p: dict) -> dict:
    f = FEED_BY_KEY[p["feed"]]
    ctx = Ctx(rng, f["brand"], p["lang"], p["local"])
    ch = f["channel"]
    ctx.wrap = {"instagram": 0.12, "facebook": 0.12, "linkedin": 0.08, "blog": 0.06}.get(ch, 0.0)
    if p.get("synd"):
        c = compose_syndicated(ctx, p, ch)
    elif p["topic"] == "outage":
        c = compose_outage(ctx, p, ch)
    else:
        c = {
            "instagram": compose_instagram,
            "facebook": compose_facebook,
            "linkedin": compose_linkedin,
            "blog": compose_blog,
            "newsroom": compose_newsroom,
        }[ch](ctx, p)
    if f.get("encoding") == "cp1250":
        c["text"] = cp1250_safe(c["text"])
    if "paras" in c:  # feed item: truth text is title + body
        c["truth_text"] = c["title"] + "\n\n" + "\n\n".join(c["paras"])
    else:
        c["truth_text"] = (c["title"] + "\n\n" + c["text"]) if c["title"] else c["text"]
    return c
