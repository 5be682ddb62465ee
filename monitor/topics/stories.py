"""Stories: posts that tell the same story (syndicated, cross-posted, lightly edited) grouped as one.

Two posts are linked when the cosine similarity of their TF-IDF vectors of word shingles is
at least `threshold` and they were published at most `window_days` apart; a story is a
connected component of those links, so a chain of copies forms one story even when its two
ends are edited apart. Posts are compared only with the posts inside their time window
(sorted by time, one sparse product per chunk of rows), never all pairs.

Behaviour at the edges, by decision:
- undated posts (published_at NaT) are compared with nothing and are stories of their own:
  without a date a window cannot bound the comparison, and an undated post has no place on
  a timeline where amplification is shown anyway;
- posts with fewer than `min_tokens` topic-bearing tokens (monitor.topics.text.tokenize) are
  compared with nothing: short templated posts ("Happy holidays! #brand") look alike
  without being one story;
- missing feed_id / brand / channel values are not counted in n_feeds / n_brands / n_channels.
Parameters (measured in bench/quality/near_duplicates.py): word 3-shingles of the topic tokenizer's
tokens (the planted demo story links at 0.63 while the closest other cross-brand pair is 0.55;
words and char 5-grams put template-sharing posts above the story), threshold 0.5, window
2 days (3+ days adds template merges in the demo, nothing in news tweets), min 4 tokens
(sampled groups of 1-3-token posts were "Source :" / "Pour en savoir plus" replies).
Known misses: numbers are not tokens, so template posts that differ only in figures (stock
sale alerts, "8 vs 13 million displaced") merge. Tokenizing is ~35 µs a post (100k: ~3.5 s);
a refit passes the tokens it made once for stories and topics.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer

from monitor import models
from monitor.models import N_BRANDS, N_CHANNELS, N_COPIES, N_FEEDS, STORY_ID, post_texts
from monitor.topics.text import fold_accents, strip_noise, tokenize_many

THRESHOLD = 0.5
WINDOW_DAYS = 2.0
MIN_TOKENS = 4
FEATURES = "shingles3"

STORY_COLUMNS = (models.POST_ID, STORY_ID, N_COPIES, N_FEEDS, N_CHANNELS, N_BRANDS)

# 2**22 hashed features: two posts share a colliding pair of their few hundred shingles with
# odds of about 1e-2, too little to move a cosine; and no vocabulary dict for 1M posts.
_N_FEATURES = 2**22
# Rows per sparse product: bounds the memory of one product when many posts share a moment.
_CHUNK_ROWS = 2000


def _shingler(k: int) -> Callable[[list[str]], list[str]]:
    """Analyzer turning tokens into overlapping k-word shingles (the tokens if fewer than k)."""

    def shingles(tokens: list[str]) -> list[str]:
        if k == 1 or len(tokens) < k:
            return tokens
        return [" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)]

    return shingles


def _vectorizer(features: str) -> tuple[HashingVectorizer, bool]:
    """Hashing vectorizer for a feature kind, and whether it takes token lists (else raw text)."""
    common = {"n_features": _N_FEATURES, "alternate_sign": False, "norm": None, "dtype": np.float32}
    if features.startswith("chars"):
        n = int(features.removeprefix("chars"))
        return HashingVectorizer(analyzer="char_wb", ngram_range=(n, n), lowercase=False, **common), False
    k = 1 if features == "words" else int(features.removeprefix("shingles"))
    return HashingVectorizer(analyzer=_shingler(k), **common), True


def story_vectors(
    texts: list[str], features: str = FEATURES, tokens: Sequence[list[str]] | None = None
) -> tuple[sp.csr_matrix, np.ndarray]:
    """L2-normalised TF-IDF rows of the texts and their token counts; tokens, when given,
    are tokenize_many(texts) already made (a refit tokenizes each post once for all steps)."""
    tokens = tokenize_many(texts) if tokens is None else tokens
    vectorizer, takes_tokens = _vectorizer(features)
    raw = [fold_accents(strip_noise(text)) for text in texts] if not takes_tokens else tokens
    counts = vectorizer.transform(raw)
    # Sublinear tf: a phrase repeated in one post should not outweigh the rest of the story.
    vectors = TfidfTransformer(sublinear_tf=True).fit_transform(counts).astype(np.float32)
    return sp.csr_matrix(vectors), np.array([len(t) for t in tokens], dtype=np.int64)


def similar_pairs(
    vectors: sp.csr_matrix, times_ns: np.ndarray, threshold: float, window_ns: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (i < j) of rows sorted by time with cosine >= threshold and at most window_ns apart."""
    rows, cols, sims = [], [], []
    for start in range(0, vectors.shape[0], _CHUNK_ROWS):
        stop = min(start + _CHUNK_ROWS, vectors.shape[0])
        # Rows are sorted by time: the chunk meets everything up to a window after its last row.
        end = int(np.searchsorted(times_ns, times_ns[stop - 1] + window_ns, side="right"))
        product = (vectors[start:stop] @ vectors[start:end].T).tocoo()
        i, j = product.row + start, product.col + start
        keep = (j > i) & (product.data >= threshold) & (times_ns[j] - times_ns[i] <= window_ns)
        rows.append(i[keep])
        cols.append(j[keep])
        sims.append(product.data[keep])
    if not rows:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float32)
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(sims)


def _story_labels(
    posts: pd.DataFrame,
    threshold: float,
    window_days: float,
    min_tokens: int,
    features: str,
    tokens: Sequence[list[str]] | None,
) -> np.ndarray:
    """Per post, the input position of its story's earliest post."""
    n = len(posts)
    times = pd.to_datetime(posts[models.PUBLISHED_AT], utc=True)
    vectors, n_tokens = story_vectors(post_texts(posts).tolist(), features, tokens)
    eligible = np.flatnonzero(times.notna().to_numpy() & (n_tokens >= min_tokens))
    times_ns = times.to_numpy(dtype="datetime64[ns]").astype(np.int64)[eligible]
    # Equal times are ordered by post_id, so the story id does not depend on the row order.
    _, id_rank = np.unique(posts[models.POST_ID].astype(str).to_numpy()[eligible], return_inverse=True)
    by_time = np.lexsort((id_rank, times_ns))
    order, sorted_ns = eligible[by_time], times_ns[by_time]
    window_ns = int(window_days * 86_400 * 1e9)
    i, j, _ = similar_pairs(vectors[order], sorted_ns, threshold, window_ns)
    graph = sp.coo_matrix((np.ones(len(i)), (i, j)), shape=(len(order), len(order)))
    _, components = connected_components(graph, directed=False)
    # First position in time order of each component = its earliest post.
    first = np.full(components.max() + 1 if len(components) else 0, -1, dtype=np.int64)
    first[components[::-1]] = order[::-1]
    labels = np.arange(n, dtype=np.int64)
    labels[order] = first[components]
    return labels


def find_stories(
    posts: pd.DataFrame,
    threshold: float = THRESHOLD,
    window_days: float = WINDOW_DAYS,
    min_tokens: int = MIN_TOKENS,
    *,
    features: str = FEATURES,
    tokens: Sequence[list[str]] | None = None,
) -> pd.DataFrame:
    """One row per post: its story (earliest post's id) and the story's copies, feeds, channels,
    brands. tokens: tokenize_many(post_texts(posts)) when the caller has them already."""
    if tokens is not None and len(tokens) != len(posts):
        raise ValueError(f"{len(tokens)} token lists for {len(posts)} posts")
    posts = posts.reset_index(drop=True)
    if posts.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if "id" in c else "int64") for c in STORY_COLUMNS})
    labels = _story_labels(posts, threshold, window_days, min_tokens, features, tokens)
    ids = posts[models.POST_ID].to_numpy(dtype=object)
    groups = posts[[models.FEED_ID, models.CHANNEL, models.BRAND]].assign(_story=labels)
    grouped = groups.groupby("_story", sort=False)
    counts = grouped.transform("nunique")  # missing values are not counted, as documented
    return pd.DataFrame(
        {
            models.POST_ID: ids,
            STORY_ID: ids[labels],
            N_COPIES: grouped[models.FEED_ID].transform("size").to_numpy(dtype=np.int64),
            N_FEEDS: counts[models.FEED_ID].to_numpy(dtype=np.int64),
            N_CHANNELS: counts[models.CHANNEL].to_numpy(dtype=np.int64),
            N_BRANDS: counts[models.BRAND].to_numpy(dtype=np.int64),
        }
    )
