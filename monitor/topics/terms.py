"""A topic's words: c-TF-IDF over its texts' term counts, readable top terms, unique short
labels, and the weight profile that matches topics across runs."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


def class_tfidf(per_topic: np.ndarray, n_topics: int) -> np.ndarray:
    """c-TF-IDF (BERTopic) of topics x term counts: term frequency per topic times
    log(1 + mean topic size / term total)."""
    tf = per_topic / np.maximum(per_topic.sum(axis=1, keepdims=True), 1)
    mean_words = per_topic.sum() / max(n_topics, 1)
    idf = np.log(1 + mean_words / np.maximum(per_topic.sum(axis=0), 1))
    return tf * idf


def topic_term_counts(counts: sp.csr_matrix, labels: np.ndarray, n_topics: int) -> np.ndarray:
    """Topics x terms: how often each term occurs in each topic's texts (one sparse product)."""
    onehot = sp.csr_matrix(
        (np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(n_topics, len(labels))
    )
    return np.asarray((onehot @ counts).todense(), dtype=float)


def concentration(per_topic: np.ndarray) -> np.ndarray:
    """Share of each term's occurrences that fall in each topic ("said" is everywhere: low)."""
    return per_topic / np.maximum(per_topic.sum(axis=0, keepdims=True), 1)


def unique_labels(ranked_terms: list[list[str]]) -> list[str]:
    """A short label per topic from its top terms, made unique by adding the next term."""
    labels: list[str] = []
    for terms in ranked_terms:
        n_terms = 2
        label = " · ".join(terms[:n_terms]) or "(no terms)"
        while label in labels and n_terms < len(terms):
            n_terms += 1
            label = " · ".join(terms[:n_terms])
        if label in labels:
            label = f"{label} ({len(labels)})"
        labels.append(label)
    return labels


def readable_terms(ranked: list[str]) -> list[str]:
    """Top terms as a person reads them: a bigram takes the place of a word it contains
    ("eric zemmour", not "zemmour · eric zemmour"), and no word comes twice, not even as
    another form of itself ("optika", not "optika · optiko")."""
    out: list[str] = []
    for term in ranked:
        words = term.split(" ")
        if len(words) == 2 and same_word(*words):
            continue
        shown = [w for t in out for w in t.split(" ")]
        fresh = [w for w in words if not any(same_word(w, s) for s in shown)]
        if not fresh:
            continue  # "gaming" after "esports gaming" adds nothing
        if len(words) == 2 and len(fresh) == 1:
            overlapping = [t for t in out if any(same_word(w, s) for w in words for s in t.split(" "))]
            if any(" " in t for t in overlapping):
                continue  # "blogger fired" then "fired airline": one pair is enough
            out = list(dict.fromkeys(term if t in overlapping else t for t in out))
            continue
        out.append(term)
    return out


def same_word(a: str, b: str) -> bool:
    """True for one word in two forms: equal, or sharing all but the last two letters of the
    shorter and at least four ("optika"/"optiko", "games"/"game"); any language, no lexicon."""
    if a == b:
        return True
    prefix = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return prefix >= 4 and prefix >= min(len(a), len(b)) - 2


def profile(row: np.ndarray, vocab: np.ndarray, n_terms: int = 100) -> dict[str, float]:
    """Unit-norm term -> weight of a topic's top c-TF-IDF terms, comparable across runs."""
    order = np.argsort(-row, kind="stable")[:n_terms]
    weights = {str(vocab[j]): float(row[j]) for j in order if row[j] > 0}
    norm = np.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}
