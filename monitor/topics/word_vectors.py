"""Corpus-built word vectors that carry meaning across languages and word forms.

A word is described by the anchor terms it shares posts with: terms that posts of two or
more languages use alike (hashtags, product and brand names, "5g", "roaming", emoji). PPMI
over word x anchor co-occurrence, then truncated SVD (Levy and Goldberg 2014), gives each
word a vector; a post is the TF-IDF-weighted mean of its words' vectors. Slovenian
"gostovanje" and English "abroad" both share posts with "#roaming" and "🌍", so they land
close; inflections of one word ("optika", "optiko") share anchors too. In a one-language
corpus every mid-frequency word is an anchor, which is plain PPMI word vectors.
Measured in bench/quality/topic_quality.py: with them, a theme written in two languages is one topic,
and short titles group by meaning.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize

from monitor.topics.vectors import main_languages

MIN_ANCHOR_DOCS = 3  # rarer terms are noise as contexts
MAX_ANCHOR_SHARE = 0.1  # commoner terms (brand names, "new") say little about a topic
# A term is an anchor when, in its second most frequent language, it is used at least this
# fraction as often per post as in its first: "#roaming" in sl and en, not "gostovanje".
ANCHOR_BALANCE = 0.25
CONTEXT_SMOOTHING = 0.75  # PPMI context distribution smoothing (Levy et al. 2015)


def anchor_mask(present: sp.csc_matrix, languages: np.ndarray) -> np.ndarray:
    """Which terms (columns of a docs x terms 0/1 matrix) serve as cross-language anchors."""
    n_docs = present.shape[0]
    df = np.asarray(present.sum(axis=0)).ravel()
    usable = (df >= MIN_ANCHOR_DOCS) & (df <= MAX_ANCHOR_SHARE * n_docs)
    big = main_languages(languages)
    if len(big) < 2:
        return usable
    rates = np.vstack(
        [np.asarray(present[languages == c].sum(axis=0)).ravel() / (languages == c).sum() for c in big]
    )
    second = np.sort(rates, axis=0)[-2] / np.maximum(rates.max(axis=0), 1e-12)
    return usable & (second >= ANCHOR_BALANCE)


def ppmi(cooccurrence: sp.csr_matrix) -> sp.csr_matrix:
    """Positive pointwise mutual information of a words x contexts count matrix."""
    counts = cooccurrence.tocoo()
    total = counts.data.sum()
    rows = np.asarray(cooccurrence.sum(axis=1)).ravel() / total
    contexts = np.asarray(cooccurrence.sum(axis=0)).ravel() ** CONTEXT_SMOOTHING
    contexts /= contexts.sum()
    pmi = np.log(counts.data / total / rows[counts.row] / contexts[counts.col])
    keep = pmi > 0
    return sp.csr_matrix((pmi[keep], (counts.row[keep], counts.col[keep])), shape=counts.shape)


def fit_word_vectors(
    counts: sp.csr_matrix, languages: np.ndarray, n_components: int, random_state: int
) -> np.ndarray | None:
    """Unit vectors, one row per column of counts (docs x words); None when too few anchors."""
    present = (counts > 0).astype(np.float32).tocsc()
    anchors = anchor_mask(present, languages)
    if anchors.sum() < 3:
        return None
    cooccurrence = (present.T.tocsr() @ present[:, anchors].tocsr()).tocsr()
    weights = ppmi(cooccurrence)
    n_comp = min(n_components, weights.shape[1] - 1, weights.shape[0] - 1)
    if n_comp < 2 or weights.nnz == 0:
        return None
    vectors = TruncatedSVD(n_components=n_comp, random_state=random_state).fit_transform(weights)
    return normalize(vectors)


def document_vectors(weights: sp.csr_matrix, word_vectors: np.ndarray) -> np.ndarray:
    """Unit vector per document: the TF-IDF-weighted mean of its words' vectors."""
    return normalize(np.asarray(weights @ word_vectors))
