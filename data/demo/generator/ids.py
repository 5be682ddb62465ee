"""Identity of each post: ids, links and the final timestamps (feeds get seconds)."""

from __future__ import annotations

import random
from datetime import timedelta

from .brands import BRAND_ORDER, BRANDS
from .market import FEED_BY_KEY, FEED_META
from .util import slugify, to_utc


def assign_ids(rng: random.Random, posts: list[dict], composed: list[dict]) -> None:
    wp_id = {bk: rng.randint(900, 2400) for bk in BRAND_ORDER}
    seen: set[str] = set()

    def unique(make) -> str:
        while True:
            v = make()
            if v not in seen:
                seen.add(v)
                return v

    b62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    for p, c in zip(posts, composed, strict=True):
        f = FEED_BY_KEY[p["feed"]]
        bk, b, kind = f["brand"], BRANDS[f["brand"]], f["kind"]
        p["utc"] = to_utc(p["local"])
        if kind == "rss":
            wp_id[bk] += rng.randint(3, 41)
            slug = f"{slugify(c['title'])}-{wp_id[bk] % 1000}"
            p["url"] = f"https://{b['domain']}/blog/{p['local']:%Y/%m}/{slug}/"
            p["guid"] = {
                "lipa": f"https://{b['domain']}/blog/?p={wp_id[bk]}",
                "alpcom": f"alpcom-blog-{wp_id[bk]}",
                "dravanet": f"https://{b['domain']}/blog/?p={wp_id[bk]}",
            }.get(bk, p["url"])
        elif kind == "atom":
            wp_id[bk] += rng.randint(1, 9)
            slug = f"{slugify(c['title'])}-{wp_id[bk]}"
            base = FEED_META[p["feed"]][2]
            p["url"] = f"{base}{p['local']:%Y}/{slug}"
            if bk == "alpcom":
                h = rng.getrandbits(128)
                hx = f"{h:032x}"
                p["guid"] = f"urn:uuid:{hx[:8]}-{hx[8:12]}-4{hx[13:16]}-a{hx[17:20]}-{hx[20:]}"
            elif bk == "kras":
                p["guid"] = f"tag:{b['domain']},{p['local']:%Y-%m-%d}:/novice/{wp_id[bk]}"
            else:
                p["guid"] = p["url"]
            p["updated"] = p["local"] + (
                timedelta(minutes=rng.randint(20, 600)) if rng.random() < 0.2 else timedelta(0)
            )
        elif kind == "meta_fb":
            p["guid"] = unique(lambda: "1221" + "".join(str(rng.randint(0, 9)) for _ in range(14)))
            p["url"] = f"https://www.facebook.example/{b['handle']}/posts/pfbid0" + "".join(
                rng.choice(b62) for _ in range(30)
            )
        elif kind == "meta_ig":
            p["guid"] = unique(lambda: "180" + "".join(str(rng.randint(0, 9)) for _ in range(14)))
            kind_path = "reel" if c["post_type"] == "IG reel" else "p"
            p["url"] = (
                f"https://www.instagram.example/{kind_path}/"
                + "".join(rng.choice(b62) for _ in range(11))
                + "/"
            )
        else:  # linkedin: activity ids carry the timestamp in their top bits, as the real ones do
            ms = int(p["utc"].timestamp() * 1000)
            p["url"] = unique(
                lambda ms=ms: (
                    f"https://www.linkedin.example/feed/update/urn:li:activity:{(ms << 22) | rng.getrandbits(22)}/"
                )
            )
            p["guid"] = p["url"]
        if kind in ("rss", "atom"):
            p["local"] = p["local"].replace(second=rng.randint(0, 59))
            p["utc"] = to_utc(p["local"])
            if kind == "atom" and p["updated"] < p["local"]:
                p["updated"] = p["local"]
            elif kind == "atom":
                p["updated"] = p["updated"].replace(second=p["local"].second)
