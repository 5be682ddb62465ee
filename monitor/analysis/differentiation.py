"""Pure: brand x topic coverage, gap / own-angle classes and brand similarity (distinctive
terms: monitor/analysis/distinctive_terms.py).

Counting: a story (near-duplicate copies share `story_id`) counts once per brand, so a
campaign syndicated across five feeds of one brand is one post of that brand, and a joint
story published by five brands is one post of each. A brand's total includes its posts
without a topic: a share is always "of all its posts".

Classes (classify_topics), with `covers` = share >= min_share and stories >= min_posts:
- gap:       we don't cover it; at least min(2, ceil(half)) of the competitors do;
- own_angle: we cover it; no competitor does;
- crowded:   we and every competitor cover it;
- shared:    we and some, not all, competitors cover it;
- niche:     we don't cover it; one competitor does, too few for a gap (3+ competitors);
- uncovered: no brand covers it (the topic exists, with few posts everywhere);
- too_small: fewer than MIN_STORIES_FOR_ADVICE stories in all: no class, no headline.
Posts that fit no topic (topic_id NA, "Other") count in each brand's total but are never a
row of the matrix nor a class.
Thresholds (min_share 2 %, min_posts 3) are read off the demo market: brands there post
600-900 times, planted topics hold 4-15 % of a brand's posts, and a topic model's stray
assignments put at most 1 % of a brand's posts on a topic it never planted; 3 posts keep
a one-week filter (a brand posts ~15 times a week) from making coverage out of one post.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from monitor import i18n, models
from monitor.errors import MonitorError
from monitor.i18n import t, tn
from monitor.models import STORY_ID, TOPIC_ID, TOPIC_LABEL

MIN_SHARE = 0.02
MIN_POSTS = 3
# A topic with fewer stories (all brands) gets no advice: one post more or less would flip its
# class, and such small topics are mostly a model's leftovers, not an agenda.
MIN_STORIES_FOR_ADVICE = 5
GAP, OWN_ANGLE, CROWDED, SHARED, NICHE, UNCOVERED, TOO_SMALL = (
    "gap", "own_angle", "crowded", "shared", "niche", "uncovered", "too_small",
)  # fmt: skip
# How the tables name each class in English (exports keep the codes above); class_name() in the
# language of the page.
CLASS_NAMES = {
    GAP: "Gap", OWN_ANGLE: "Own angle", CROWDED: "Crowded", SHARED: "Shared", NICHE: "Niche",
    UNCOVERED: "Uncovered", TOO_SMALL: "Too small to judge",
}  # fmt: skip


def class_names() -> dict[str, str]:
    """Class code -> its name in the current language (CLASS_NAMES in English)."""
    return {
        GAP: t("Gap"), OWN_ANGLE: t("Own angle"), CROWDED: t("Crowded"), SHARED: t("Shared"),
        NICHE: t("Niche"), UNCOVERED: t("Uncovered"), TOO_SMALL: t("Too small to judge"),
    }  # fmt: skip


def class_name(code: str) -> str:
    """A class code's name in the current language; an unknown code as it is."""
    return class_names().get(code, code)


COVERAGE_COLUMNS = [
    TOPIC_ID, TOPIC_LABEL, models.BRAND, "n_posts", "brand_total", "share", "topic_share_all", "topic_stories",
]  # fmt: skip
CLASS_COLUMNS = [
    TOPIC_ID, TOPIC_LABEL, "class", "own_share", "own_posts", "n_competitors",
    "n_competitors_covering", "competitors_covering", "max_competitor_share",
    "mean_competitor_share", "ratio", "explanation",
]  # fmt: skip


def brand_stories(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per (brand, story): the earliest copy, so syndication does not inflate counts;
    columns: only these, where the caller needs no post text (copying every column of 40k
    rows cost more than choosing them)."""
    keys = {k: frame[k].array for k in (models.BRAND, STORY_ID)}
    first = models.first_in_time(frame, keys, dated_only=False)
    return (frame if columns is None else models.only_columns(frame, columns)).iloc[first]


# --- coverage -------------------------------------------------------------------------------


def coverage_matrix(frame: pd.DataFrame) -> pd.DataFrame:
    """Topic x brand stories, long form and zero-filled, with each brand's share of its own posts."""
    stories = brand_stories(frame, columns=[models.BRAND, TOPIC_ID, TOPIC_LABEL, STORY_ID])
    topical = stories[stories[TOPIC_ID].notna()]
    if topical.empty:
        return _empty(COVERAGE_COLUMNS)
    brands = sorted(stories[models.BRAND].dropna().unique())
    counts = topical.groupby([TOPIC_ID, models.BRAND]).size()
    full = pd.MultiIndex.from_product(
        [sorted(topical[TOPIC_ID].unique()), brands], names=[TOPIC_ID, models.BRAND]
    )
    long = counts.reindex(full, fill_value=0).rename("n_posts").reset_index()
    long["brand_total"] = long[models.BRAND].map(stories.groupby(models.BRAND).size()).astype(int)
    long["share"] = long["n_posts"] / long["brand_total"]
    long["topic_share_all"] = long[TOPIC_ID].map(topical.groupby(TOPIC_ID).size()) / len(stories)
    long["topic_stories"] = long[TOPIC_ID].map(topical.groupby(TOPIC_ID)[STORY_ID].nunique()).astype(int)
    long[TOPIC_ID] = long[TOPIC_ID].astype("Int64")
    labels = topical.drop_duplicates(TOPIC_ID).set_index(TOPIC_ID)[TOPIC_LABEL]
    long[TOPIC_LABEL] = long[TOPIC_ID].map(labels)
    return long[COVERAGE_COLUMNS]


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({column: [] for column in columns})


def classify_topics(
    frame: pd.DataFrame,
    own_brand: str,
    *,
    min_share: float = MIN_SHARE,
    min_posts: int = MIN_POSTS,
    min_stories: int = MIN_STORIES_FOR_ADVICE,
) -> pd.DataFrame:
    """One row per topic: gap / own_angle / crowded / shared / niche / uncovered / too_small, with the numbers."""
    thresholds = {"min_share": min_share, "min_posts": min_posts, "min_stories": min_stories}
    return classify_coverage(coverage_matrix(frame), own_brand, **thresholds)


def classify_coverage(
    coverage: pd.DataFrame,
    own_brand: str,
    *,
    min_share: float = MIN_SHARE,
    min_posts: int = MIN_POSTS,
    min_stories: int = MIN_STORIES_FOR_ADVICE,
) -> pd.DataFrame:
    """classify_topics on a coverage_matrix already computed."""
    if coverage.empty:
        return _empty(CLASS_COLUMNS)
    if own_brand not in set(coverage[models.BRAND]):
        raise MonitorError(f"own brand {own_brand!r} has no posts in this selection; include it to compare")
    covers = coverage["share"].ge(min_share) & coverage["n_posts"].ge(min_posts)
    records = coverage.assign(covers=covers).sort_values(TOPIC_ID, kind="stable").to_dict("records")
    # Plain records per topic: a pandas selection per topic cost ~5 ms each (0.13 s for 28).
    by_topic: dict = {}
    for record in records:
        by_topic.setdefault(record[TOPIC_ID], []).append(record)
    rows = [_topic_row(group, own_brand, min_stories) for group in by_topic.values()]
    classes = pd.DataFrame(rows, columns=CLASS_COLUMNS)
    order = {GAP: 0, OWN_ANGLE: 1, NICHE: 2, SHARED: 3, CROWDED: 4, UNCOVERED: 5, TOO_SMALL: 6}
    classes = classes.assign(_order=classes["class"].map(order))
    return (
        classes.sort_values(["_order", "mean_competitor_share"], ascending=[True, False])
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def _topic_row(group: list[dict], own_brand: str, min_stories: int) -> dict:
    """Class, figures and explanation of one topic's rows (records) of the coverage matrix."""
    own = next(r for r in group if r[models.BRAND] == own_brand)
    rivals = [r for r in group if r[models.BRAND] != own_brand]
    covering = sorted((r for r in rivals if r["covers"]), key=lambda r: -r["share"])
    rival_shares = [float(r["share"]) for r in rivals]
    topic_class = _topic_class(bool(own["covers"]), len(covering), len(rivals))
    mean_share = _mean(rival_shares)
    row = {
        TOPIC_ID: own[TOPIC_ID],
        TOPIC_LABEL: own[TOPIC_LABEL],
        "class": topic_class,
        "own_share": float(own["share"]),
        "own_posts": int(own["n_posts"]),
        "n_competitors": len(rivals),
        "n_competitors_covering": len(covering),
        "competitors_covering": [r[models.BRAND] for r in covering],
        "max_competitor_share": max(rival_shares, default=0.0),
        "mean_competitor_share": mean_share,
        "ratio": _ratio(mean_share, float(own["share"])),
    }
    row["explanation"] = _explain(row, own_brand, covering, rivals, group)
    if own["topic_stories"] < min_stories:  # figures kept, advice withheld
        row["class"] = TOO_SMALL
        row["explanation"] = _too_small(own[TOPIC_LABEL], int(own["topic_stories"]), min_stories)
    return row


def _too_small(label: str, n_stories: int, min_stories: int) -> str:
    """Why a small topic gets no class."""
    return tn(
        "{topic} has {n} story in this selection: too few to judge (at least {needed} needed).",
        "{topic} has {n} stories in this selection: too few to judge (at least {needed} needed).",
        n_stories,
        topic=label,
        needed=i18n.number(min_stories),
    )


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _topic_class(own_covers: bool, n_covering: int, n_competitors: int) -> str:
    """The class from who covers the topic (see the module docstring)."""
    if own_covers:
        if n_covering == 0:
            return OWN_ANGLE
        return CROWDED if n_covering == n_competitors else SHARED
    if n_covering == 0:
        return UNCOVERED
    # "At least two, or at least half": two of ten competitors is already a pattern, and with
    # one or two competitors a single one covering it is half the market.
    return GAP if n_covering >= min(2, math.ceil(n_competitors / 2)) else NICHE


def _ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator; inf when only the denominator is 0, NaN when both are."""
    if denominator > 0:
        return numerator / denominator
    return math.inf if numerator > 0 else math.nan


def _names(brands: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(brands) == 1:
        return brands[0]
    return t("{names} and {last}", names=", ".join(brands[:-1]), last=brands[-1])


def _fixed(value: float, decimals: int) -> str:
    """value with `decimals` decimals in the language's digits, rounded as f"{value:.Nf}" rounds
    (Babel would round the decimal text half-even: 12.45 -> 12.5, where Python says 12.4)."""
    return i18n.number(float(f"{value:.{decimals}f}"), decimals)


def _pct(share: float, decimals: int = 1) -> str:
    """A share as "8.2%" (English, as the tables and CSVs always wrote it) / "8,2 %"."""
    return t("{percent}%", percent=_fixed(share * 100, decimals))


def _explain(row: dict, own: str, covering: list[dict], rivals: list[dict], group: list[dict]) -> str:
    """A plain sentence with the numbers behind a topic's class."""
    label, cls = row[TOPIC_LABEL], row["class"]
    names = [r[models.BRAND] for r in covering]
    covering_mean = _mean([r["share"] for r in covering])
    own_posts, own_share = int(row["own_posts"]), _pct(row["own_share"])
    if cls in (GAP, NICHE):
        share = _pct(covering_mean) if len(covering) > 1 else _pct(covering[0]["share"])
        theirs = tn(
            "{names} posts about {topic} ({share} of its posts)",
            "{names} post about {topic} (avg {share} of their posts)",
            len(covering),
            names=_names(names),
            topic=label,
            share=share,
        )
        ours = tn(
            "{brand} has {n} post on it ({share} of its posts)",
            "{brand} has {n} posts on it ({share} of its posts)",
            own_posts,
            brand=own,
            share=own_share,
        )
        return t("{first}; {second}.", first=theirs, second=ours)
    if cls == OWN_ANGLE:
        ours = tn(
            "Only {brand} covers {topic}: {n} post, {share} of its posts",
            "Only {brand} covers {topic}: {n} posts, {share} of its posts",
            own_posts,
            brand=own,
            topic=label,
            share=own_share,
        )
        top = min(rivals, key=lambda r: (-r["share"], r[models.BRAND]), default=None)
        if top is not None and top["n_posts"] > 0:
            most = tn(
                "the most any competitor has is {n} post ({brand})",
                "the most any competitor has is {n} posts ({brand})",
                int(top["n_posts"]),
                brand=top[models.BRAND],
            )
        else:
            most = t("no competitor has a post on it")
        return t("{first}; {second}.", first=ours, second=most)
    if cls == UNCOVERED:
        total = int(sum(r["n_posts"] for r in group))
        return tn(
            "No brand covers {topic}: {n} post in all, none reaching the coverage threshold.",
            "No brand covers {topic}: {n} posts in all, none reaching the coverage threshold.",
            total,
            topic=label,
        )
    figures = {
        "brand": own,
        "share": own_share,
        "topic": label,
        "average": _pct(covering_mean),
        "top": names[0],
        "top_share": _pct(covering[0]["share"]),
    }
    if cls == CROWDED:
        return t(
            "{brand} ({share} of its posts) and every competitor cover {topic} "
            "(avg {average}, max {top} {top_share}).",
            **figures,
        )
    return t(
        "{brand} ({share} of its posts) and {n_covering} of {n_competitors} competitors ({names}) "
        "cover {topic} (avg {average}, max {top} {top_share}).",
        n_covering=i18n.number(len(names)),
        n_competitors=i18n.number(row["n_competitors"]),
        names=_names(names),
        **figures,
    )


# --- sentences ------------------------------------------------------------------------------


def other_sentence(coverage: pd.DataFrame) -> str:
    """How many of the brands' stories fit no topic (counted in each brand's total, never a row
    of the matrix), for a caption; "" when every story has a topic."""
    n_all = int(coverage.drop_duplicates(models.BRAND)["brand_total"].sum())
    n_other = n_all - int(coverage["n_posts"].sum())
    if n_other <= 0:
        return ""
    return t(
        "{n_other} of the brands' {n_all} posts ({share}) are in {other}: "
        "they count in each brand's total, so shares are of all its posts, but are no topic here.",
        n_other=i18n.number(n_other),
        n_all=i18n.number(n_all),
        share=_pct(n_other / n_all, 0),
        other=models.OTHER_LABEL,
    )


def differentiation_sentences(
    classes: pd.DataFrame, coverage: pd.DataFrame, own_brand: str, max_sentences: int = 6
) -> list[str]:
    """Plain sentences from the numbers: gaps, own angles, who over-posts whom, uncovered topics."""
    kinds = [
        [row.explanation for row in classes[classes["class"] == GAP].itertuples()],
        [row.explanation for row in classes[classes["class"] == OWN_ANGLE].itertuples()],
        _over_index_sentences(classes, coverage, own_brand),
        _our_lead_sentences(classes),
        [row.explanation for row in classes[classes["class"] == NICHE].itertuples()],
        [row.explanation for row in classes[classes["class"] == UNCOVERED].itertuples()],
    ]
    # Round-robin over the kinds, so six gaps never crowd out the one own angle.
    sentences: list[str] = []
    for depth in range(max(map(len, kinds), default=0)):
        sentences.extend(kind[depth] for kind in kinds if depth < len(kind))
    return sentences[:max_sentences]


def _over_index_sentences(classes: pd.DataFrame, coverage: pd.DataFrame, own_brand: str) -> list[str]:
    """'Alpcom posts 4.1x our share on 5G' for topics both cover, strongest first (2x or more)."""
    both = classes[classes["class"].isin([SHARED, CROWDED])]
    rows = coverage[coverage[TOPIC_ID].isin(both[TOPIC_ID]) & coverage[models.BRAND].ne(own_brand)]
    own = both.set_index(TOPIC_ID)["own_share"]
    rows = rows.assign(factor=rows["share"] / rows[TOPIC_ID].map(own).astype(float))
    rows = rows[rows["factor"].ge(2) & rows["n_posts"].ge(MIN_POSTS)].sort_values("factor", ascending=False)
    return [
        t(
            "{brand} posts {factor}x our share on {topic} ({share} of its posts vs {our_share} of ours).",
            brand=r.brand,
            factor=_fixed(r.factor, 1),
            topic=r.topic_label,
            share=_pct(r.share),
            our_share=_pct(r.share / r.factor),
        )
        for r in rows.drop_duplicates(TOPIC_ID).itertuples()
    ]


def _our_lead_sentences(classes: pd.DataFrame) -> list[str]:
    """'We post 2.3x the competitors' average on X' for shared topics we lead."""
    both = classes[classes["class"].isin([SHARED, CROWDED]) & classes["mean_competitor_share"].gt(0)]
    factor = both["own_share"] / both["mean_competitor_share"]
    lead = both.assign(factor=factor)[factor.ge(2)].sort_values("factor", ascending=False)
    return [
        t(
            "We post {factor}x the competitors' average share on {topic} ({share} of our posts vs {average}).",
            factor=_fixed(r.factor, 1),
            topic=r.topic_label,
            share=_pct(r.own_share),
            average=_pct(r.mean_competitor_share),
        )
        for r in lead.itertuples()
    ]


# --- brand similarity -----------------------------------------------------------------------


def topic_profiles(frame: pd.DataFrame, coverage: pd.DataFrame | None = None) -> pd.DataFrame:
    """Brands x topics: each brand's share of its posts per topic (coverage: the frame's
    coverage_matrix when already made)."""
    coverage = coverage_matrix(frame) if coverage is None else coverage
    return coverage.pivot(index=models.BRAND, columns=TOPIC_ID, values="share").fillna(0.0)


def brand_similarity(frame: pd.DataFrame, coverage: pd.DataFrame | None = None) -> pd.DataFrame:
    """Brand x brand cosine similarity of topic-share profiles, long form (brand_a, brand_b, similarity)."""
    profiles = topic_profiles(frame, coverage)
    if profiles.empty:
        return _empty(["brand_a", "brand_b", "similarity"])
    similarity = _cosine(profiles.to_numpy())
    brands = profiles.index.tolist()
    index = pd.MultiIndex.from_product([brands, brands], names=["brand_a", "brand_b"])
    return pd.DataFrame({"similarity": similarity.ravel()}, index=index).reset_index()


def _cosine(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    unit = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
    return np.clip(unit @ unit.T, 0.0, 1.0)


def brand_map(frame: pd.DataFrame, coverage: pd.DataFrame | None = None) -> pd.DataFrame:
    """2-D coordinates (brand, x, y) where close brands post about the same topics (classical MDS)."""
    profiles = topic_profiles(frame, coverage)
    if profiles.empty:
        return _empty(["brand", "x", "y"])
    distance = 1.0 - _cosine(profiles.to_numpy())
    coords = _classical_mds(distance, 2)
    return pd.DataFrame({"brand": profiles.index, "x": coords[:, 0], "y": coords[:, 1]})


def _classical_mds(distance: np.ndarray, n_components: int) -> np.ndarray:
    """Torgerson MDS: deterministic (no random starts), exact for a handful of brands."""
    n = len(distance)
    centring = np.eye(n) - np.ones((n, n)) / n
    values, vectors = np.linalg.eigh(-0.5 * centring @ (distance**2) @ centring)
    order = np.argsort(values)[::-1][:n_components]
    coords = vectors[:, order] * np.sqrt(np.clip(values[order], 0.0, None))
    coords = np.pad(coords, ((0, 0), (0, n_components - coords.shape[1])))
    # Eigenvectors have no sign; fix it so the same data always draws the same map.
    signs = np.sign(coords[np.argmax(np.abs(coords), axis=0), np.arange(n_components)])
    return coords * np.where(signs == 0, 1.0, signs)
