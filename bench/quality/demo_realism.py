#!/usr/bin/env python3
"""Realism benchmark and integrity check of the bundled demo data (data/demo/).

    .venv/bin/python -m bench.quality.demo_realism            # figures + checks
    .venv/bin/python -m bench.quality.demo_realism --no-nmi   # skip the clustering (faster)

Prints: posts per brand / channel / language / month; the share of distinct
sentences; vocabulary size per language; the NMI that plain TF-IDF + LSA + KMeans
reaches against the planted topics (target 0.5-0.9: learnable, but not separable
by a template); weekly counts of the planted signals.

Checks (exit status 1 if any fails): every XML feed parses with feedparser with
bozo == 0 and dated entries; every CSV reads with pandas using the mapping in
feeds.yaml (delimiter, encoding, date format) without missing dates; each file's
ids and times match truth.csv; at least 3,200 posts; the planted signals hold.
"""

from __future__ import annotations

import argparse
import re
import sys

import feedparser
import numpy as np
import pandas as pd
import yaml
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import Normalizer

from bench.common import DEMO, ROOT, TRUTH

START = pd.Timestamp("2026-02-02", tz="Europe/Ljubljana")
N_WEEKS = 42
FAILS: list[str] = []


def check(ok: bool, what: str) -> None:
    print(f"  [{'ok' if ok else 'FAIL'}] {what}")
    if not ok:
        FAILS.append(what)


def table(title: str, s: pd.Series) -> None:
    print(f"\n{title}")
    total = int(s.sum())
    for k, v in s.items():
        print(f"  {k!s:<16} {int(v):>5}  {100 * v / total:5.1f} %")


def load_truth() -> pd.DataFrame:
    t = pd.read_csv(TRUTH, dtype=str, keep_default_na=False)
    t["published"] = pd.to_datetime(t["published_utc"], format="%Y-%m-%dT%H:%M:%SZ", utc=True)
    local = t["published"].dt.tz_convert("Europe/Ljubljana")
    t["week"] = ((local - START).dt.days // 7).astype(int)
    t["month"] = local.dt.strftime("%Y-%m")
    return t


def figures(t: pd.DataFrame) -> None:
    print(f"Posts total: {len(t)}")
    table("Per brand", t["brand"].value_counts())
    table("Per channel", t["channel"].value_counts())
    table("Per language", t["language"].value_counts())
    table("Per month", t["month"].value_counts().sort_index())
    print("\nBrand x channel")
    print(pd.crosstab(t["brand"], t["channel"]).to_string())
    print("\nTopic x brand")
    print(pd.crosstab(t["topic"], t["brand"]).to_string())

    sents = [s.strip().lower() for txt in t["text"] for s in re.split(r"[.!?\n]+", txt) if s.strip()]
    print(
        f"\nSentences: {len(sents)} total, {len(set(sents))} distinct "
        f"-> distinct share {len(set(sents)) / len(sents):.3f}"
    )
    for lang, g in t.groupby("language"):
        toks = [w for txt in g["text"] for w in re.findall(r"[^\W\d_]+", txt.lower())]
        print(f"Vocabulary ({lang}): {len(set(toks))} word types in {len(toks)} tokens")
    words = t["text"].str.split().str.len()
    print(
        f"Words per post: median {int(words.median())}, p10 {int(words.quantile(0.1))}, "
        f"p90 {int(words.quantile(0.9))}, min {int(words.min())}, max {int(words.max())}"
    )


def nmi(t: pd.DataFrame) -> float:
    k = t["topic"].nunique()
    X = TfidfVectorizer(sublinear_tf=True, min_df=2).fit_transform(t["text"])
    scores = []
    for seed in (0, 1, 2):
        lsa = make_pipeline(TruncatedSVD(n_components=100, random_state=seed), Normalizer(copy=False))
        Z = lsa.fit_transform(X)
        labels = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(Z)
        scores.append(normalized_mutual_info_score(t["topic"], labels))
    m = float(np.mean(scores))
    print(
        f"\nNMI, TF-IDF(sublinear, min_df=2) + LSA(100, normalized) + KMeans(k={k}, n_init=10), "
        f"seeds 0,1,2: {', '.join(f'{s:.3f}' for s in scores)} -> mean {m:.3f}, "
        f"spread {max(scores) - min(scores):.3f} (sd {np.std(scores):.3f})"
    )
    return m


def verify_files(t: pd.DataFrame) -> None:
    print("\nChecks: files against feeds.yaml and truth.csv")
    cfg = yaml.safe_load((ROOT / "feeds.yaml").read_text(encoding="utf-8"))
    names, total = [], 0
    truth_by_file = {f: g for f, g in t.groupby("feed_file")}
    for brand in cfg["brands"]:
        for feed in brand["feeds"]:
            names.append(feed["name"])
            path = ROOT / feed["path"]
            rel = str(path.relative_to(DEMO))
            tr = truth_by_file.get(rel, t.iloc[0:0])
            ok_brand = set(tr["brand"]) <= {brand["name"]}
            if feed["kind"] == "rss":
                d = feedparser.parse(str(path))
                n = len(d.entries)
                dated = all(e.get("published_parsed") or e.get("updated_parsed") for e in d.entries)
                ids = {e.id for e in d.entries}
                times = {e.id: pd.Timestamp(*e.published_parsed[:6], tz="UTC") for e in d.entries}
                tt = dict(zip(tr["source_id"], tr["published"], strict=False))
                same_times = all(times.get(i) == tt[i] for i in tt)
                titles = dict(zip(tr["source_id"], tr["text"].str.split("\n\n").str[0], strict=True))
                same_times = same_times and all(titles.get(e.id) == e.title for e in d.entries)
                check(
                    d.bozo == 0
                    and dated
                    and n > 0
                    and ids == set(tr["source_id"])
                    and same_times
                    and ok_brand,
                    f"{feed['name']}: {rel} bozo={d.bozo} entries={n} dated={dated} ids/times/titles match truth",
                )
            else:
                df = pd.read_csv(
                    path,
                    sep=feed.get("delimiter", ","),
                    encoding=feed.get("encoding", "utf-8"),
                    dtype=str,
                    keep_default_na=False,
                )
                cols = feed["columns"]
                missing = [c for c in cols.values() if c not in df.columns]
                ts = pd.to_datetime(df[cols["published"]], format=feed.get("date_format"), errors="coerce")
                nat = int(ts.isna().sum())
                ts = ts.dt.tz_localize(feed.get("timezone", "UTC")).dt.tz_convert("UTC")
                n = len(df)
                ids = df[cols.get("post_id", cols.get("url"))]
                tt = dict(zip(tr["source_id"], tr["published"], strict=False))
                same_times = all(tt.get(i) == x for i, x in zip(ids, ts, strict=True))
                texts = df[cols["text"]]
                if "title" in cols:
                    texts = [f"{a}\n\n{b}" if a else b for a, b in zip(df[cols["title"]], texts, strict=True)]
                truth_text = dict(zip(tr["source_id"], tr["text"], strict=True))
                same_times = same_times and all(
                    truth_text.get(i) == x for i, x in zip(ids, texts, strict=True)
                )
                empty_text = int((df[cols["text"]].str.strip() == "").sum())
                check(
                    not missing
                    and nat == 0
                    and n > 0
                    and set(ids) == set(tr["source_id"])
                    and same_times
                    and empty_text == 0
                    and ok_brand,
                    f"{feed['name']}: {rel} rows={n} NaT={nat} missing columns={missing} "
                    f"encoding={feed.get('encoding', 'utf-8')} ids/times/texts match truth",
                )
            total += n
    check(len(names) == len(set(names)), f"feed names unique ({len(names)} feeds)")
    files_in_yaml = {str((ROOT / f["path"]).relative_to(DEMO)) for b in cfg["brands"] for f in b["feeds"]}
    on_disk = {
        str(p.relative_to(DEMO))
        for p in list((DEMO / "feeds").glob("*.xml")) + list((DEMO / "exports").glob("*.csv"))
    }
    check(files_in_yaml == on_disk, f"feeds.yaml lists every demo file ({len(on_disk)} files)")
    check(total == len(t), f"truth.csv rows ({len(t)}) == entries + rows in the files ({total})")
    check(len(t) >= 3200, f"at least 3,200 posts ({len(t)})")
    check(not t.duplicated(["feed_file", "source_id"]).any(), "source ids unique per file")


def signals(t: pd.DataFrame) -> None:
    print("\nWeekly counts of the planted signals (week = Monday, Europe/Ljubljana)")
    brands = ["Lipa Mobil", "Alpcom", "DravaNet", "Kras Telekom", "Modri Val"]
    short = {
        "Lipa Mobil": "Lipa",
        "Alpcom": "Alp",
        "DravaNet": "Drava",
        "Kras Telekom": "Kras",
        "Modri Val": "Val",
    }
    w = pd.RangeIndex(N_WEEKS, name="week")

    def per_week(mask: pd.Series) -> pd.Series:
        return t[mask].groupby("week").size().reindex(w, fill_value=0)

    cols = {
        "esim": per_week(t["topic"] == "esim"),
        "kras_outage": per_week((t["topic"] == "outage") & (t["brand"] == "Kras Telekom")),
        "other_outage": per_week((t["topic"] == "outage") & (t["brand"] != "Kras Telekom")),
    }
    for b in brands:
        cols[f"senior_{short[b]}"] = per_week((t["topic"] == "seniors") & (t["brand"] == b))
    for b in brands:
        cols[f"esport_{short[b]}"] = per_week((t["topic"] == "esports") & (t["brand"] == b))
    df = pd.DataFrame(cols)
    df.index = [(START + pd.Timedelta(weeks=i)).strftime("%Y-%m-%d") for i in range(N_WEEKS)]
    print(df.to_string())
    print("totals: " + ", ".join(f"{c}={int(df[c].sum())}" for c in df.columns))

    esim = cols["esim"]
    base, rise = esim.iloc[: N_WEEKS - 4], esim.iloc[N_WEEKS - 4 :]
    factor = rise.mean() / max(base.mean(), 1e-9)
    rise_brands = t[(t["topic"] == "esim") & (t["week"] >= N_WEEKS - 4)]["brand"].nunique()
    print("\nChecks: planted signals")
    check(
        base.max() <= 2 and base.mean() <= 1.0 and factor >= 3 and rise_brands >= 4,
        f"RISING esim: baseline {base.mean():.2f}/week (max {base.max()}), last 4 weeks {rise.mean():.2f}/week "
        f"= {factor:.1f}x, {rise_brands} brands",
    )
    ko = cols["kras_outage"]
    cw = 32  # week of 2026-09-14
    check(
        15 <= ko.iloc[cw] <= 25 and ko.drop(ko.index[cw]).max() <= 1,
        f"CRISIS Kras outage: {ko.iloc[cw]} posts in week of 2026-09-14, max {ko.drop(ko.index[cw]).max()} otherwise",
    )
    sen = t[t["topic"] == "seniors"]
    lw = cols["senior_Lipa"]
    check(
        set(sen["brand"]) == {"Lipa Mobil"} and lw.min() >= 2 and lw.max() <= 3,
        f"OWN ANGLE seniors: only Lipa Mobil, {len(sen)} posts, {lw.min()}-{lw.max()} per week",
    )
    es = t[t["topic"] == "esports"]
    weeks_per = {b: es[es["brand"] == b]["week"].nunique() for b in brands[1:]}
    check(
        (es["brand"] == "Lipa Mobil").sum() == 0 and min(weeks_per.values()) >= 20,
        f"GAP esports: Lipa 0, competitors active in {weeks_per} of {N_WEEKS} weeks",
    )
    syn = t[t["signal"] == "syndicated"]
    span = (syn["published"].max() - syn["published"].min()) / pd.Timedelta(hours=1)
    check(
        syn["brand"].nunique() >= 4 and syn["feed_file"].nunique() >= 4 and span <= 48,
        f"SYNDICATED: {len(syn)} copies, {syn['brand'].nunique()} brands, {syn['feed_file'].nunique()} feeds, "
        f"within {span:.1f} h",
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-nmi", action="store_true", help="skip the clustering benchmark")
    args = ap.parse_args()
    t = load_truth()
    figures(t)
    if not args.no_nmi:
        m = nmi(t)
        print("\nChecks: learnability")
        check(0.5 <= m <= 0.9, f"NMI {m:.3f} within the target 0.5-0.9")
    verify_files(t)
    signals(t)
    print(f"\n{'ALL CHECKS PASSED' if not FAILS else f'{len(FAILS)} CHECK(S) FAILED'}")
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
