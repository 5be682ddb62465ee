"""The vector steps of a topic fit, on unit LSA vectors: sampled k-means++ seeding, language
centring, cluster means, small clusters dissolved, seeds brought to k, size order."""

from __future__ import annotations

import numpy as np
from sklearn.cluster import AgglomerativeClustering, kmeans_plusplus
from sklearn.preprocessing import normalize

MIN_LANGUAGE_SHARE = 0.05  # a language needs this share of docs (and >= 5) to get a centroid


def sampled_kmeans_plusplus(
    vectors: np.ndarray, n_clusters: int, random_state: np.random.RandomState, size: int
) -> np.ndarray:
    """k-means++ seeds drawn from `size` random rows (a KMeans init callable)."""
    rows = random_state.choice(len(vectors), min(size, len(vectors)), replace=False)
    return kmeans_plusplus(vectors[rows], n_clusters, random_state=random_state)[0]


def main_languages(langs: list[str] | np.ndarray) -> list[str]:
    """Languages with at least MIN_LANGUAGE_SHARE of the docs (and 5 docs), sorted."""
    codes, counts = np.unique(np.asarray(langs, dtype=object).astype(str), return_counts=True)
    floor = max(5, MIN_LANGUAGE_SHARE * len(langs))
    return [str(c) for c, n in zip(codes, counts, strict=True) if c and n >= floor]


def language_centroids(vectors: np.ndarray, langs: list[str]) -> dict[str, np.ndarray]:
    """Mean vector per language with enough docs; none when the corpus has one main language."""
    codes = np.array(langs)
    big = main_languages(langs)
    # Centring a one-language corpus only removes its mean: it cost BBC 0.04 NMI.
    if len(big) < 2:
        return {}
    return {c: vectors[codes == c].mean(axis=0) for c in big}


def center(vectors: np.ndarray, langs: list[str], centroids: dict[str, np.ndarray]) -> np.ndarray:
    """Subtract each doc's language centroid so clusters follow topic, not vocabulary."""
    zero = np.zeros(vectors.shape[1])
    offsets = np.array([centroids.get(code, zero) for code in langs]).reshape(vectors.shape)
    return normalize(vectors - offsets)


def means(vectors: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Unit mean vector of each label 0..k-1 (zero for an empty label)."""
    sums = np.zeros((k, vectors.shape[1]))
    np.add.at(sums, labels, vectors)
    return normalize(sums)


def dissolve_small(vectors: np.ndarray, labels: np.ndarray, min_size: int) -> np.ndarray:
    """Labels renumbered 0..k-1; a cluster under min_size docs goes to its nearest one."""
    _, labels = np.unique(labels, return_inverse=True)
    sizes = np.bincount(labels)
    small = sizes < min_size
    if small.any() and not small.all():
        keep = np.flatnonzero(~small)
        moving = small[labels]
        centres = means(vectors, labels, len(sizes))[keep]
        labels[moving] = keep[(vectors[moving] @ centres.T).argmax(axis=1)]
        _, labels = np.unique(labels, return_inverse=True)
    return labels


def seeds_to_k(vectors: np.ndarray, seeds: np.ndarray, k: int) -> np.ndarray:
    """Exactly k seeds: the most similar seeds averaged together, or the worst-covered
    docs added one at a time (farthest-first, deterministic)."""
    if len(seeds) > k:
        groups = AgglomerativeClustering(n_clusters=k, metric="cosine", linkage="average").fit(seeds).labels_
        return means(seeds, groups, k)
    seeds = list(seeds)
    while len(seeds) < k:
        coverage = (vectors @ np.array(seeds).T).max(axis=1)
        seeds.append(vectors[int(coverage.argmin())])
    return np.array(seeds)


def order_by_size(labels: np.ndarray, k: int) -> np.ndarray:
    """Cluster ids by decreasing size (ties by id), so topic 0 is the largest."""
    sizes = np.bincount(labels, minlength=k)
    return np.lexsort((np.arange(k), -sizes))


def cohesion(vectors: np.ndarray) -> float:
    """Length of the mean of unit vectors: 1 when they agree, near 0 when they scatter."""
    return float(np.linalg.norm(vectors.mean(axis=0))) if len(vectors) else 0.0


def catch_all_pieces(
    vectors: np.ndarray, labels: np.ndarray, max_share: float, min_relative_cohesion: float
) -> dict[int, int]:
    """Topic -> number of pieces to cut it into, for each topic over max_share of the docs
    whose cohesion is under min_relative_cohesion x the median cohesion of the other topics
    (a big topic as tight as the rest is one subject and stays whole)."""
    n_docs, k = len(labels), int(labels.max()) + 1
    sizes = np.bincount(labels, minlength=k)
    tightness = np.array([cohesion(vectors[labels == t]) for t in range(k)])
    pieces = {}
    for t in np.flatnonzero(sizes > max_share * n_docs):
        others = [tightness[o] for o in range(k) if o != t and sizes[o]]
        if others and tightness[t] < min_relative_cohesion * float(np.median(others)):
            pieces[int(t)] = int(np.ceil(sizes[t] / (max_share * n_docs / 2)))
    return pieces


def join_similar(centres: np.ndarray, above: float) -> np.ndarray:
    """Group id per centre: centres whose average cosine is at least `above` share a group."""
    if len(centres) < 2:
        return np.zeros(len(centres), dtype=int)
    joiner = AgglomerativeClustering(
        n_clusters=None, distance_threshold=1 - above, metric="cosine", linkage="average"
    )
    return joiner.fit(centres).labels_
