"""TopicModel: TF-IDF + LSA + k-means topics with c-TF-IDF terms, labels and profiles.

Automatic k: split-half stability over k_range picks k, then pieces of an over-segmentation
that do not resemble their topic become topics of their own (a new trend, a crisis), so the
final k can exceed k_range's top. A fixed n_topics gives exactly that many topics. Given the
previous run's labels, fit warm-starts from the previous topics (weekly refits keep them).

Behaviour at the edges: an empty sequence, or texts that are all empty after preprocessing,
raise ValueError; a corpus too small for k_range (fewer than 5 texts per topic) gets one
topic; a text with no term left gets label NO_TOPIC (-1). Design numbers: bench/quality/topic_quality.py.
Speed: docs/performance.md (bench/perf/scale.py); when languages do not come from the store,
py3langid detection adds ~0.4 ms per text.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.metrics import adjusted_rand_score
from sklearn.preprocessing import normalize

from monitor.ingest.language import detect_languages
from monitor.models import NO_TOPIC
from monitor.topics.terms import (
    class_tfidf,
    concentration,
    profile,
    readable_terms,
    topic_term_counts,
    unique_labels,
)
from monitor.topics.text import emoji_tokens, tokenize_many
from monitor.topics.vectors import (
    catch_all_pieces,
    center,
    cohesion,
    dissolve_small,
    join_similar,
    language_centroids,
    means,
    order_by_size,
    sampled_kmeans_plusplus,
    seeds_to_k,
)
from monitor.topics.word_vectors import document_vectors, fit_word_vectors

MIN_DOCS_PER_TOPIC = 5  # automatic k never makes topics smaller than this on average
N_STABILITY_SPLITS = 10  # split-half repeats per k: 5 let BBC pick k=11 or 4 by chance
# Racing: from split RACE_AFTER on, a k whose mean ARI trails the leader's by > RACE_SE standard
# errors (per-split sd pooled over the ks left) drops out; the rest get every split, so the pick is
# the full search's unless its winner trailed by > 3 SE (23 logged searches, BBC/demo/tweets: <= 2.4).
# BBC seeds 0-2 ran 40/58/34% of the full search's fits (from split 2: 31/58/24%, on a rougher sd).
RACE_AFTER = 3
RACE_SE = 3.0
STABILITY_TOL = 1e-3  # sklearn's 1e-4: ~20% more time, same k and BBC scores (3 decimals)
# Distinct small topics (automatic k): k-means at OVERSEGMENT x k on the sample cuts the corpus
# into pieces; a piece whose centroid has cosine < DISTINCT_BELOW with the rest of the topic
# that holds it, and whose posts agree (norm of their mean unit vector >= MIN_COHESION), does
# not belong there and becomes its own topic (or joins a topic it does resemble): small
# distinct subjects (the demo's eSIM, an outage) get their own topic instead of sharing a junk
# one, BBC keeps k=5, and MIN_COHESION keeps incoherent pieces of tweets together
# (bench/quality/topic_quality.py).
OVERSEGMENT = 3
DISTINCT_BELOW = 0.2
MIN_COHESION = 0.8
JOIN_PIECES_ABOVE = 0.3  # split-off pieces this similar (average cosine) form one topic
# Warm start: a topic of this run that has cosine >= COVERED_ABOVE with a previous topic's
# centroid is "already there"; the others are added as extra seeds (a new topic).
COVERED_ABOVE = 0.5
WARM_MAX_ITER = 30
# Above this many texts, each k-means restart picks its k-means++ seeds from a sample this
# big (Lloyd steps still see every text): seeding costs n x k x trials per restart, the
# biggest k-means cost at 100k. Only the seeding is sampled: restarts fitted on a sample and
# refined on all texts lose quality that sampled seeding does not (bench/quality/topic_quality.py).
KMEANS_SAMPLE = 50_000
# Post vectors: LSA of TF-IDF (what the post says) next to the mean of its words' corpus-built
# vectors (monitor.topics.word_vectors: what its words mean, across languages and word forms), the
# latter weighted WORD_WEIGHT: one topic per theme across languages, and short texts (titles)
# grouped by meaning, with BBC unchanged (bench/quality/topic_quality.py).
N_WORD_COMPONENTS = 100
WORD_WEIGHT = 1.5
WORD_VECTOR_SAMPLE = 20_000  # co-occurrence statistics settle long before 100k posts
# No catch-all (automatic k): a topic holding more than CATCH_ALL_SHARE of the posts whose
# cohesion is under CATCH_ALL_COHESION x the other topics' median cohesion is a catch-all,
# not one subject; it is cut into pieces of about half CATCH_ALL_SHARE, up to 3 rounds.
# Without it real tweet sets collapse into a few topics with one holding most posts; BBC and
# the demo have none and stay as they are (bench/quality/topic_quality.py).
CATCH_ALL_SHARE = 0.125
CATCH_ALL_COHESION = 0.85
# Other (BERTopic's -1): a post whose cosine with its topic's centre is under OTHER_BELOW fits
# no topic. BBC k=5 keeps every post (5th percentile 0.46); French media tweets 1-5 %.
OTHER_BELOW = 0.2
MAX_OTHER_PIECES = 50  # k-means pieces looked at for a tight group inside Other
# A tight group in Other needs this many posts to be a topic: at 5, BBC titles gained seven
# topics of 5-12 near-identical headlines; the demo's outage crisis has 18.
MIN_RESCUED_TOPIC = 10
LABEL_MIN_DOC_SHARE = 0.05  # a label word appears in at least this share of its topic's posts
ONE_SOURCE_SHARE = 0.8  # see _one_source: "adwords · api" led 760 airline posts from one blog


def _terms(tokens: list[str]) -> list[str]:
    """Words, adjacent word pairs, and emoji (appended by _with_emoji, never paired)."""
    words = [t for t in tokens if t[0].isalnum() or t[0] == "_"]
    return tokens + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def _with_emoji(tokens: Sequence[list[str]], texts: Sequence[str]) -> list[list[str]]:
    """Each text's tokens plus its emoji, the cross-language anchors of the word vectors."""
    return [t + emoji_tokens(text) for t, text in zip(tokens, texts, strict=True)]


class TopicModel:
    """Topics of short multilingual posts: TF-IDF -> LSA -> language centring -> k-means."""

    def __init__(
        self,
        n_topics: int | str = "auto",
        random_state: int = 0,
        *,
        k_range: tuple[int, int] = (3, 20),
        n_components: int = 60,
        min_df: int | float = 2,
        max_df: float = 0.5,
        sublinear_tf: bool = True,
        center_languages: bool = True,
        n_terms: int = 10,
        n_representative: int = 3,
        sample_size: int = 2000,
        n_init: int = 8,
        kmeans_sample: int = KMEANS_SAMPLE,
        word_weight: float = WORD_WEIGHT,
        other_below: float = OTHER_BELOW,
    ) -> None:
        self.n_topics = n_topics
        self.random_state = random_state
        self.k_range = k_range
        self.n_components = n_components
        self.min_df = min_df
        self.max_df = max_df
        self.sublinear_tf = sublinear_tf
        self.center_languages = center_languages
        self.n_terms = n_terms
        self.n_representative = n_representative
        self.sample_size = sample_size
        self.n_init = n_init
        self.kmeans_sample = kmeans_sample
        self.word_weight = word_weight
        self.other_below = other_below

    # -- fitting -------------------------------------------------------------------------

    def fit(
        self,
        texts: Sequence[str],
        languages: Sequence[str] | None = None,
        previous_labels: Sequence[int] | None = None,
        tokens: Sequence[list[str]] | None = None,
        sources: Sequence[str] | None = None,
    ) -> TopicModel:
        """Learn topics from texts; languages (ISO codes) skip detection when given, and
        tokens (tokenize_many(texts)) skip tokenizing. sources (the feed of each text) keep
        one feed's jargon out of the labels.

        previous_labels (warm start): per text, the topic it had in the previous run (any
        non-negative int per topic) or -1 for a new text. k-means then starts from the
        previous topics' mean vectors in the new space, so a refit on a grown corpus keeps
        the previous partition where the data still supports it; topics the fresh
        clustering finds and no previous topic covers are added.
        """
        if len(texts) == 0:
            raise ValueError("TopicModel.fit needs at least one text")
        if tokens is not None and len(tokens) != len(texts):
            raise ValueError(f"{len(tokens)} token lists for {len(texts)} texts")
        tokens = tokenize_many(texts) if tokens is None else list(tokens)
        if not any(tokens):
            raise ValueError(
                f"all {len(texts)} texts are empty after preprocessing "
                "(only URLs, handles, numbers, emoji or stop words): nothing to cluster"
            )
        counts = self._fit_counts(_with_emoji(tokens, texts))
        # A text whose every term was pruned as too rare has no place in any topic.
        idx = np.flatnonzero(counts.getnnz(axis=1))
        langs = self._languages(texts, languages, idx)
        counts, vectors = self._fit_space(counts[idx], langs)
        previous = None
        if previous_labels is not None:
            if len(previous_labels) != len(texts):
                raise ValueError(f"previous_labels has {len(previous_labels)} entries for {len(texts)} texts")
            previous = np.array([-1 if p is None else int(p) for p in previous_labels], dtype=int)[idx]
        labels = self._cluster(vectors, previous)
        self.labels_ = np.full(len(texts), NO_TOPIC, dtype=int)
        self.labels_[idx] = labels
        kept_sources = None if sources is None else np.array([str(sources[i]) for i in idx], dtype=object)
        self._describe(counts, vectors, labels, idx, langs, kept_sources)
        return self

    def _fit_counts(self, tokens: list[list[str]]) -> sp.csr_matrix:
        """Fit the term vocabulary (words and bigrams) and return the term counts per text."""
        n_docs = sum(1 for t in tokens if t)
        # min_df / max_df would empty the vocabulary of a tiny corpus: relax them there.
        min_df = self.min_df if n_docs >= 20 else 1
        max_df = self.max_df if n_docs >= 20 else 1.0
        # Bigrams as features, not only for labels: "mobile phone" says more than each word.
        self.vectorizer_ = CountVectorizer(analyzer=_terms, min_df=min_df, max_df=max_df, dtype=np.float32)
        try:
            return self.vectorizer_.fit_transform(tokens)
        except ValueError:  # every term pruned: keep them all rather than fail
            self.vectorizer_ = CountVectorizer(analyzer=_terms, dtype=np.float32)
            return self.vectorizer_.fit_transform(tokens)

    def _fit_space(self, counts: sp.csr_matrix, langs: list[str]) -> tuple[sp.csr_matrix, np.ndarray]:
        """Fit TF-IDF, LSA and language centroids; return the counts and unit doc vectors."""
        n_docs = counts.shape[0]
        self.tfidf_ = TfidfTransformer(sublinear_tf=self.sublinear_tf)
        weights = self.tfidf_.fit_transform(counts)
        n_comp = min(self.n_components, weights.shape[1] - 1, n_docs - 1)
        self.svd_: TruncatedSVD | None = None
        if n_comp >= 2:
            self.svd_ = TruncatedSVD(n_components=n_comp, random_state=self.random_state)
            vectors = self.svd_.fit_transform(weights)
        else:
            vectors = weights.toarray()
        self.word_vectors_ = self._fit_word_vectors(counts, np.array(langs, dtype=object))
        self.language_centroids_: dict[str, np.ndarray] = {}
        self.word_language_centroids_: dict[str, np.ndarray] = {}
        if self.center_languages:
            self.language_centroids_ = language_centroids(normalize(vectors), langs)
        parts = self._parts(vectors, weights, langs, fitting=True)
        return counts, parts

    def _fit_word_vectors(self, counts: sp.csr_matrix, langs: np.ndarray) -> np.ndarray | None:
        """Word vectors of the one-word terms, fitted on a sample of the posts; None when the
        corpus is too small or the model has no word part."""
        if self.word_weight <= 0:
            return None
        sample = self._sample(counts, WORD_VECTOR_SAMPLE)
        words = self._word_columns()
        return fit_word_vectors(counts[sample][:, words], langs[sample], N_WORD_COMPONENTS, self.random_state)

    def _word_columns(self) -> np.ndarray:
        """Columns of the vocabulary that are single words or emoji (not bigrams)."""
        return np.array([" " not in term for term in self.vectorizer_.get_feature_names_out()])

    def _parts(
        self, lsa: np.ndarray, weights: sp.csr_matrix, langs: list[str], fitting: bool = False
    ) -> np.ndarray:
        """Unit post vectors: the language-centred LSA part beside the language-centred,
        weighted word-vector part."""
        lsa = normalize(lsa)
        if self.language_centroids_:
            lsa = center(lsa, langs, self.language_centroids_)
        if self.word_vectors_ is None:
            return lsa
        words = document_vectors(weights[:, self._word_columns()], self.word_vectors_)
        if fitting and self.center_languages:
            self.word_language_centroids_ = language_centroids(words, langs)
        if self.word_language_centroids_:
            words = center(words, langs, self.word_language_centroids_)
        return normalize(np.hstack([lsa, self.word_weight * words]))

    def _languages(self, texts: Sequence[str], languages: Sequence[str] | None, idx: np.ndarray) -> list[str]:
        """Language per kept text: the given code, else py3langid's guess."""
        if languages is not None:
            return [languages[i] or "" for i in idx]
        return [code or "" for code in detect_languages([texts[i] for i in idx])]

    def _cluster(self, vectors: np.ndarray, previous: np.ndarray | None = None) -> np.ndarray:
        """Cluster labels with k fixed, or automatic (split-half stability over k_range, then
        distinct small topics split off); warm-started from previous labels when given."""
        n_docs = len(vectors)
        fixed = None if self.n_topics == "auto" else min(int(self.n_topics), n_docs)
        k = self._auto_k(vectors) if fixed is None else fixed
        if k <= 1:
            labels = np.zeros(n_docs, dtype=int)
        else:
            labels = self._fit_kmeans(vectors, k)
            if fixed is None:
                labels = self._split_catch_alls(vectors, self._split_distinct(vectors, labels))
        if previous is not None and (previous >= 0).any() and n_docs > 1:
            labels = self._warm_start(vectors, previous, labels, fixed)
        with_other = self._other(vectors, labels)
        labels = with_other if (with_other >= 0).any() else labels  # never all of them "other"
        if fixed is None:
            labels = self._topics_in_other(vectors, labels)
        topical = labels >= 0
        k = int(labels.max()) + 1
        ranks = np.argsort(order_by_size(labels[topical], k))
        labels = np.where(topical, ranks[np.maximum(labels, 0)], NO_TOPIC)
        self.n_topics_ = k
        self.centroids_ = means(vectors[topical], labels[topical], k)
        return labels

    def _split_catch_alls(self, vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
        """Cut each catch-all topic (big and loose, see CATCH_ALL_SHARE) into pieces of its
        own k-means, then let every post settle on its nearest centre."""
        for _round in range(3):
            pieces = catch_all_pieces(vectors, labels, CATCH_ALL_SHARE, CATCH_ALL_COHESION)
            if not pieces:
                return labels
            for topic, n_pieces in pieces.items():
                members = np.flatnonzero(labels == topic)
                cut = KMeans(n_pieces, n_init=3, random_state=self.random_state).fit(vectors[members])
                labels[members[cut.labels_ > 0]] = labels.max() + cut.labels_[cut.labels_ > 0]
            k = int(labels.max()) + 1
            seeds = means(vectors, labels, k)
            labels = KMeans(k, init=seeds, n_init=1, max_iter=WARM_MAX_ITER).fit(vectors).labels_
            labels = dissolve_small(vectors, labels, MIN_DOCS_PER_TOPIC)
        return labels

    def _other(self, vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
        """Labels with the posts that fit no topic (cosine < OTHER_BELOW) set to NO_TOPIC."""
        k = int(labels.max()) + 1
        if k <= 1:  # one topic: nothing to fit better, nothing is "other"
            return labels
        fit = np.einsum("ij,ij->i", vectors, means(vectors, labels, k)[labels])
        return np.where(fit < self.other_below, NO_TOPIC, labels)

    def _topics_in_other(self, vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
        """A tight group among the posts that fit no topic is a topic of its own (a crisis, a
        campaign): Other cut into pieces of about MIN_DOCS_PER_TOPIC posts, the pieces as
        cohesive as MIN_COHESION kept, kept pieces that resemble each other joined, and each
        joined group of MIN_RESCUED_TOPIC posts or more made a topic.
        Demo: the outage crisis (31 stories) had gone to Other; 18 of them are a topic again."""
        other = np.flatnonzero(labels == NO_TOPIC)
        n_pieces = min(len(other) // MIN_DOCS_PER_TOPIC, MAX_OTHER_PIECES)
        if n_pieces < 2:
            return labels
        cut = KMeans(n_pieces, n_init=3, random_state=self.random_state).fit(vectors[other]).labels_
        tight = [
            p
            for p in range(n_pieces)
            if (cut == p).sum() >= 2 and cohesion(vectors[other[cut == p]]) >= MIN_COHESION  # size: per group
        ]
        groups = join_similar(means(vectors[other], cut, n_pieces)[tight], JOIN_PIECES_ABOVE)
        group_of = np.full(n_pieces, -1)
        group_of[tight] = groups
        sizes = np.bincount(group_of[cut][group_of[cut] >= 0], minlength=len(set(groups)))
        kept = np.flatnonzero(sizes >= MIN_RESCUED_TOPIC)
        labels = labels.copy()
        for group in kept:
            labels[other[group_of[cut] == group]] = labels.max() + 1
        return labels

    def _kmeans(self, k: int) -> KMeans:
        """k-means on the unit LSA vectors (spherical-ish; cosine = dot product)."""
        return KMeans(n_clusters=k, n_init=self.n_init, random_state=self.random_state)

    def _fit_kmeans(self, vectors: np.ndarray, k: int) -> np.ndarray:
        """k-means labels; on a big corpus each restart seeds (k-means++) from a sample."""
        if len(vectors) <= self.kmeans_sample:
            return self._kmeans(k).fit(vectors).labels_
        seeding = functools.partial(sampled_kmeans_plusplus, size=self.kmeans_sample)
        # Half the restarts above KMEANS_SAMPLE posts: each is a full Lloyd run (0.6 s at 100k),
        # and `topics cluster` on 100k posts took 19.4-20.0 s with 8 (target 20 s), 17.1-17.6 with 4.
        n_init = max(2, self.n_init // 2)
        km = KMeans(n_clusters=k, init=seeding, n_init=n_init, random_state=self.random_state)
        return km.fit(vectors).labels_

    def _sample(self, vectors: np.ndarray, size: int | None = None) -> np.ndarray:
        """Indices of a sample (default: the one automatic k and the over-segmentation use)."""
        size = self.sample_size if size is None else size
        n_rows = vectors.shape[0]
        if n_rows <= size:
            return np.arange(n_rows)
        rng = np.random.default_rng(self.random_state)
        return np.sort(rng.choice(n_rows, size, replace=False))

    def _split_distinct(self, vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
        """Over-segment, then give a piece that does not resemble its topic a topic of its own
        (or the topic it resembles): small distinct topics otherwise share a junk topic."""
        k = int(labels.max()) + 1
        sample = vectors[self._sample(vectors)]
        n_pieces = min(OVERSEGMENT * k, len(sample) // MIN_DOCS_PER_TOPIC)
        if n_pieces <= k:
            return labels
        over = KMeans(n_clusters=n_pieces, n_init=3, random_state=self.random_state).fit(sample)
        pieces = over.predict(vectors)
        sums = np.zeros((k, vectors.shape[1]))
        np.add.at(sums, labels, vectors)
        sizes = np.bincount(labels, minlength=k)
        out = labels.copy()
        split_off = []
        for piece in range(n_pieces):
            members = pieces == piece
            mean = vectors[members].mean(axis=0) if members.sum() >= MIN_DOCS_PER_TOPIC else None
            if mean is None or np.linalg.norm(mean) < MIN_COHESION:
                continue
            inside = np.zeros_like(sums)
            np.add.at(inside, labels[members], vectors[members])
            rest_sizes = sizes - np.bincount(labels[members], minlength=k)
            sims = np.where(rest_sizes > 0, normalize(sums - inside) @ (mean / np.linalg.norm(mean)), -1.0)
            host = int(np.bincount(labels[members], minlength=k).argmax())
            if sims[host] >= DISTINCT_BELOW:
                continue
            best = int(sims.argmax())
            if sims[best] >= DISTINCT_BELOW:
                out[members] = best
            else:
                split_off.append(piece)
        if split_off:
            groups = join_similar(means(vectors, pieces, n_pieces)[split_off], JOIN_PIECES_ABOVE)
            for piece, group in zip(split_off, groups, strict=True):
                out[pieces == piece] = k + group
        return dissolve_small(vectors, out, MIN_DOCS_PER_TOPIC)

    def _warm_start(
        self, vectors: np.ndarray, previous: np.ndarray, fresh: np.ndarray, fixed: int | None
    ) -> np.ndarray:
        """k-means from the previous topics' means (those still with enough posts), plus the
        fresh topics none of them covers; a fixed k is met by joining or adding seeds."""
        groups = [
            g for g in np.unique(previous[previous >= 0]) if (previous == g).sum() >= MIN_DOCS_PER_TOPIC
        ]
        if not groups:
            return fresh
        seeds = normalize(np.vstack([vectors[previous == g].mean(axis=0) for g in groups]))
        fresh_centres = means(vectors, fresh, int(fresh.max()) + 1)
        uncovered = (fresh_centres @ seeds.T).max(axis=1) < COVERED_ABOVE
        seeds = np.vstack([seeds, fresh_centres[uncovered]])
        if fixed is not None:
            seeds = seeds_to_k(vectors, seeds, fixed)
        # Few Lloyd steps: the start is already close (100k posts: 300 steps took ~15 s).
        km = KMeans(
            n_clusters=len(seeds),
            init=seeds,
            n_init=1,
            max_iter=WARM_MAX_ITER,
            random_state=self.random_state,
        ).fit(vectors)
        labels = km.labels_
        return labels if fixed is not None else dissolve_small(vectors, labels, MIN_DOCS_PER_TOPIC)

    def _auto_k(self, vectors: np.ndarray) -> int:
        """k in k_range whose clustering is most stable across random halves of a sample."""
        lo, hi = self.k_range
        hi = min(hi, len(vectors) // MIN_DOCS_PER_TOPIC)
        if hi < lo:
            return 1
        rng = np.random.default_rng(self.random_state)
        sample = vectors
        if len(vectors) > self.sample_size:
            sample = vectors[rng.choice(len(vectors), self.sample_size, replace=False)]
        halves = [rng.permutation(len(sample)) for _ in range(N_STABILITY_SPLITS)]
        scores: dict[int, list[float]] = {k: [] for k in range(lo, hi + 1)}
        racing = list(scores)
        for split, order in enumerate(halves):
            for k in racing:
                scores[k].append(self._split_stability(sample, k, order, split))
            if split + 1 >= RACE_AFTER:
                racing = _race_leaders({k: scores[k] for k in racing})
        self.k_scores_ = {k: float(np.mean(s)) for k, s in scores.items()}  # of fewer splits if dropped
        # Ties go to the smaller k: fewer topics are easier to read and to track.
        return max(racing, key=lambda k: (round(self.k_scores_[k], 3), -k))

    def _split_stability(self, sample: np.ndarray, k: int, order: np.ndarray, split: int) -> float:
        """ARI between k-means fitted on two disjoint halves of the sample, compared on all of it."""
        first, second = order[: len(order) // 2], order[len(order) // 2 :]
        seed = self.random_state + split
        fit = [
            KMeans(k, init="k-means++", n_init=3, tol=STABILITY_TOL, random_state=seed).fit(sample[p])
            for p in (first, second)
        ]
        return adjusted_rand_score(fit[0].predict(sample), fit[1].predict(sample))

    # -- describing ----------------------------------------------------------------------

    def _describe(
        self,
        counts: sp.csr_matrix,
        vectors: np.ndarray,
        labels: np.ndarray,
        idx: np.ndarray,
        langs: list[str],
        sources: np.ndarray | None = None,
    ) -> None:
        """Topic terms, labels, representative docs and profiles from the fitted clusters
        (Other's posts take part in none of them)."""
        topical = labels >= 0
        counts, topic_of = counts[topical], labels[topical]
        sources = None if sources is None else sources[topical]
        per_topic = topic_term_counts(counts, topic_of, self.n_topics_)
        ctfidf = class_tfidf(per_topic, self.n_topics_) * self._word_terms()
        distinct = ctfidf * concentration(per_topic)
        filtered = distinct * self._label_filter(counts, topic_of, langs, topical)
        # A topic of many languages may have no word that passes: better its best words than none.
        distinct = np.where((filtered > 0).any(axis=1, keepdims=True), filtered, distinct)
        vocab = self.vectorizer_.get_feature_names_out()
        self.topic_terms_: list[list[tuple[str, float]]] = []
        readable: list[list[str]] = []
        self.profiles_: list[dict[str, float]] = []
        for topic, (row, label_row) in enumerate(zip(ctfidf, distinct, strict=True)):
            order = np.argsort(-row, kind="stable")[: self.n_terms]
            self.topic_terms_.append([(str(vocab[j]), float(row[j])) for j in order if row[j] > 0])
            order = [j for j in np.argsort(-label_row, kind="stable")[:20] if label_row[j] > 0]
            if sources is not None:
                members = topic_of == topic
                in_topic = counts[members][:, order].tocsc()
                order = [j for n, j in enumerate(order) if not _one_source(in_topic[:, n], sources[members])]
            readable.append(readable_terms([str(vocab[j]) for j in order]))
            self.profiles_.append(profile(row, vocab))
        self.topic_labels_ = unique_labels(readable)
        self._score(vectors, labels, idx)

    def _word_terms(self) -> np.ndarray:
        """1 for terms made of words, 0 for emoji: anchors for vectors, not words to show."""
        vocab = self.vectorizer_.get_feature_names_out()
        return np.array([1.0 if term[0].isalnum() or term[0] == "_" else 0.0 for term in vocab])

    def _label_filter(
        self, counts: sp.csr_matrix, topic_of: np.ndarray, langs: list[str], topical: np.ndarray
    ) -> np.ndarray:
        """Topics x terms, 1 where a term may lead a label: it occurs in at least
        LABEL_MIN_DOC_SHARE of the topic's posts (not one small feed's jargon) and mostly in
        posts of the topic's majority language (a mixed topic reads in one language)."""
        sizes = np.maximum(np.bincount(topic_of, minlength=self.n_topics_), 1)[:, None]
        present = (counts > 0).astype(np.float32)
        n_docs = topic_term_counts(present, topic_of, self.n_topics_)  # topics x terms: posts using it
        spread = n_docs / sizes >= LABEL_MIN_DOC_SHARE
        codes = np.array(langs, dtype=object)[topical]
        majority = np.array([_majority(codes[topic_of == t]) for t in range(self.n_topics_)], dtype=object)
        in_majority = (codes == majority[topic_of]).astype(bool)
        per_majority = topic_term_counts(present[in_majority], topic_of[in_majority], self.n_topics_)
        share = per_majority / np.maximum(n_docs, 1)
        return (spread & (share >= 0.5)).astype(float)

    def _score(self, vectors: np.ndarray, labels: np.ndarray, idx: np.ndarray) -> None:
        """Each text's cosine with its own (or, in Other, its nearest) topic, and each topic's
        most central texts."""
        sims = vectors @ self.centroids_.T
        own = np.where(labels >= 0, labels, sims.argmax(axis=1))
        self.scores_ = np.zeros(len(self.labels_))
        self.scores_[idx] = sims[np.arange(len(labels)), own]
        self.representative_docs_ = []
        for topic in range(self.n_topics_):
            members = np.flatnonzero(labels == topic)
            best = members[np.argsort(-sims[members, topic], kind="stable")]
            self.representative_docs_.append(idx[best[: self.n_representative]].tolist())

    # -- assigning -----------------------------------------------------------------------

    def transform(
        self, texts: Sequence[str], languages: Sequence[str] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Nearest existing topic per text and its cosine score, without refitting."""
        tokens = tokenize_many(texts)
        vectors = self._embed(tokens, texts, languages)
        sims = vectors @ self.centroids_.T
        labels = sims.argmax(axis=1)
        scores = sims.max(axis=1)
        empty = self.vectorizer_.transform(tokens).getnnz(axis=1) == 0
        labels[empty], scores[empty] = NO_TOPIC, 0.0
        labels[scores < self.other_below] = NO_TOPIC
        return labels.astype(int), scores

    def _embed(
        self, tokens: list[list[str]], texts: Sequence[str], languages: Sequence[str] | None
    ) -> np.ndarray:
        """Unit vectors of tokenized texts in the fitted (centred) LSA space."""
        weights = self.tfidf_.transform(self.vectorizer_.transform(_with_emoji(tokens, texts)))
        vectors = self.svd_.transform(weights) if self.svd_ is not None else weights.toarray()
        langs = self._languages(texts, languages, np.arange(len(texts)))
        return self._parts(vectors, weights, langs)


def _one_source(column: sp.csr_matrix, sources: np.ndarray) -> bool:
    """True when a term is one small feed's word in a topic: ONE_SOURCE_SHARE of the topic's
    posts that use it come from one feed that holds under half of the topic's posts."""
    users = sources[column.nonzero()[0]]
    if len(users) == 0:
        return False
    names, counts = np.unique(users.astype(str), return_counts=True)
    top = names[counts.argmax()]
    return counts.max() >= ONE_SOURCE_SHARE * len(users) and (sources == top).mean() < 0.5


def _majority(codes: np.ndarray) -> str:
    """The most common language code of a topic's posts ("" when it has none)."""
    values, counts = np.unique(codes.astype(str), return_counts=True)
    return str(values[counts.argmax()]) if len(values) else ""


def _race_leaders(scores: dict[int, list[float]]) -> list[int]:
    """The ks whose mean score is within RACE_SE standard errors of the best mean."""
    mean_scores = {k: np.mean(s) for k, s in scores.items()}
    sd = np.sqrt(np.mean([np.var(s, ddof=1) for s in scores.values()]))
    n_splits = len(next(iter(scores.values())))
    best = max(mean_scores.values())
    margin = RACE_SE * sd / np.sqrt(n_splits) if sd > 0 else 0.0  # identical splits: no doubt left
    return [k for k, m in mean_scores.items() if best - m <= margin]
