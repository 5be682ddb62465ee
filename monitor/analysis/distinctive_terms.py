"""Distinctive terms ("Fightin' Words", Monroe et al. 2008): the words and phrases each
brand uses more than the others, by weighted log-odds with an informative Dirichlet prior.

Counting is per story and brand (brand_stories), by presence: a term used in 30 of a
brand's stories counts 30, however often each repeats it. A brand's own name is dropped
(it is trivially its most distinctive word). A TermIndex made once per data version lets
a filter change sum precomputed rows instead of tokenizing the selection again.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from monitor import models
from monitor.analysis.differentiation import brand_stories
from monitor.models import post_texts
from monitor.topics.text import tokenize

TERM_COLUMNS = ["brand", "term", "z", "delta", "count_brand", "count_others", "rank"]


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({column: [] for column in columns})


def story_terms(text: str, language: str | None) -> list[str]:
    """A post's tokens (monitor.topics.text.tokenize) plus the bigrams of consecutive tokens."""
    words = tokenize(text, language or None)
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


@dataclass(frozen=True)
class TermIndex:
    """The terms each post uses (presence), made once per data version: a filter change
    then only sums rows, where tokenizing the selection took ~5 s at 100k posts."""

    positions: pd.Index  # post_id -> row of matrix
    matrix: sp.csr_matrix  # posts x terms, 1 where the post uses the term
    terms: np.ndarray  # sorted, as CountVectorizer orders its vocabulary
    signatures: np.ndarray | None = None  # per row: hash of the text and language it was made from


def build_term_index(frame: pd.DataFrame, previous: TermIndex | None = None) -> TermIndex:
    """TermIndex of every post in frame (post ids must be unique). Rows of `previous` whose
    post has the same text and language are reused: after a fetch only new or edited posts
    are tokenized (a full build takes ~6 s at 100k posts)."""
    texts, languages = post_texts(frame), frame[models.LANGUAGE].fillna("").astype(str)
    signatures = pd.util.hash_array((texts + "\x1f" + languages).to_numpy(dtype=object))
    reused = _reusable_rows(previous, frame[models.POST_ID], signatures)
    fresh = np.flatnonzero(reused < 0)
    matrix, terms = _term_matrix(texts.iloc[fresh].tolist(), languages.iloc[fresh].tolist())
    if len(fresh) < len(frame):
        matrix, terms = _merged(previous, reused, fresh, matrix, terms)
    return TermIndex(pd.Index(frame[models.POST_ID]), matrix, terms, signatures)


def _reusable_rows(previous: TermIndex | None, post_ids: pd.Series, signatures: np.ndarray) -> np.ndarray:
    """Per post, its row in previous when made from the same text and language, else -1."""
    # An index of no posts (the store was empty when it was built) has no row to reuse.
    if previous is None or previous.signatures is None or len(previous.signatures) == 0:
        return np.full(len(post_ids), -1)
    rows = previous.positions.get_indexer(post_ids)
    same = (rows >= 0) & (previous.signatures[np.maximum(rows, 0)] == signatures)
    return np.where(same, rows, -1)


def _merged(
    previous: TermIndex, reused: np.ndarray, fresh: np.ndarray, matrix: sp.csr_matrix, terms: np.ndarray
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Reused rows of previous and the fresh rows, in frame order, over the union of terms
    (terms no post uses any more stay as empty columns; counting skips them)."""
    vocabulary = np.union1d(previous.terms, terms).astype(object)
    kept = np.flatnonzero(reused >= 0)
    parts = [
        _with_columns(
            previous.matrix[reused[kept]], np.searchsorted(vocabulary, previous.terms), len(vocabulary)
        ),
        _with_columns(matrix, np.searchsorted(vocabulary, terms), len(vocabulary)),
    ]
    frame_order = np.argsort(np.concatenate([kept, fresh]))
    return sp.vstack(parts).tocsr()[frame_order], vocabulary


def _with_columns(matrix: sp.csr_matrix, columns: np.ndarray, n_columns: int) -> sp.csr_matrix:
    """matrix with column j moved to columns[j] (increasing, so rows stay sorted)."""
    matrix = matrix.tocsr()
    return sp.csr_matrix(
        (matrix.data, columns[matrix.indices], matrix.indptr), shape=(matrix.shape[0], n_columns)
    )


def _term_matrix(texts: list[str], languages: list[str]) -> tuple[sp.csr_matrix, np.ndarray]:
    """Texts x terms (story_terms), 1 where a text uses a term; no columns when none has one.

    A (text, language) pair repeated is tokenized once, and each text's terms are made as
    the vectorizer reads them: holding every list at once (~60 strings a post) made
    tokenizing 1M posts take 12x what 100k took."""
    # Imported here: the pages' cached builders import this module, and scikit-learn takes
    # ~1 s to import, which the Cadence page's first filter change paid for nothing.
    from sklearn.feature_extraction.text import CountVectorizer

    position: dict[tuple[str, str], int] = {}
    pairs = zip(texts, languages, strict=True)
    codes = np.fromiter((position.setdefault(pair, len(position)) for pair in pairs), np.int64, len(texts))
    vectorizer = CountVectorizer(analyzer=_terms_of_pair, binary=True, dtype=np.float32)
    try:
        unique = vectorizer.fit_transform(iter(position)).tocsr()
    except ValueError as error:  # only stop words, links or emoji: no vocabulary to compare
        if "empty vocabulary" not in str(error):
            raise
        return sp.csr_matrix((len(texts), 0)), np.array([], dtype=object)
    return unique[codes], vectorizer.get_feature_names_out()


def _terms_of_pair(pair: tuple[str, str]) -> list[str]:
    return story_terms(*pair)


def term_counts(
    frame: pd.DataFrame, group_column: str, index: TermIndex | None = None
) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
    """Groups x terms: how many stories of each group use each term (once per story). With
    an index holding every story's post, its rows are summed instead of tokenizing."""
    needed = [group_column, models.POST_ID, models.TITLE, models.TEXT, models.LANGUAGE]
    stories = brand_stories(frame, columns=needed)
    stories = stories[stories[group_column].notna()]
    groups, codes = np.unique(stories[group_column].astype(str).to_numpy(), return_inverse=True)
    rows = index.positions.get_indexer(stories[models.POST_ID]) if index is not None else None
    if rows is not None and (rows >= 0).all():
        # Groups x every indexed post, so the product reads only the selected rows (slicing
        # the rows out first copied them), then the vocabulary of this selection only.
        members = sp.csr_matrix(
            (np.ones(len(codes)), (codes, rows)), shape=(len(groups), len(index.positions))
        )
        counts = (members @ index.matrix).tocsc()
        used = np.flatnonzero(np.diff(counts.indptr))
        return counts[:, used].tocsr(), groups, index.terms[used]
    # Presence, not frequency: "used in 30 posts" reads plainly, and one post repeating
    # a hashtag five times is still one post.
    matrix, terms = _term_matrix(post_texts(stories).tolist(), stories[models.LANGUAGE].fillna("").tolist())
    if not len(terms):
        return sp.csr_matrix((len(groups), 0)), groups, np.array([], dtype=object)
    membership = sp.csr_matrix(
        (np.ones(len(codes)), (codes, np.arange(len(codes)))), shape=(len(groups), len(codes))
    )
    return (membership @ matrix).tocsr(), groups, terms


def fightin_words(
    counts: np.ndarray, prior: np.ndarray, columns: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """delta and z of each group's terms against all other groups (Monroe et al. 2008, eq. 16-22);
    columns: only these terms' (the totals still count every term)."""
    a_0 = prior.sum()
    n_i = counts.sum(axis=1, keepdims=True)
    n_j = counts.sum() - n_i  # every other group's terms
    term_totals = counts.sum(axis=0, keepdims=True)
    if columns is not None:
        counts, prior, term_totals = counts[:, columns], prior[columns], term_totals[:, columns]
    a_w = prior[np.newaxis, :]
    y_i = counts
    y_j = term_totals - counts
    delta = np.log((y_i + a_w) / (n_i + a_0 - y_i - a_w)) - np.log((y_j + a_w) / (n_j + a_0 - y_j - a_w))
    return delta, delta / np.sqrt(1.0 / (y_i + a_w) + 1.0 / (y_j + a_w))


def distinctive_terms(
    frame: pd.DataFrame,
    *,
    group_column: str = models.BRAND,
    prior: float = 1.0,
    min_count: int = 3,
    n_terms: int = 20,
    drop_names: bool = True,
    index: TermIndex | None = None,
) -> pd.DataFrame:
    """Per group, the terms it over-uses most against all other groups (log-odds, informative
    prior); index: a TermIndex of the unfiltered posts, to skip tokenizing (same result)."""
    if frame.empty or frame[group_column].nunique() < 2:
        return _empty(TERM_COLUMNS).rename(columns={"brand": group_column})
    counts, groups, terms = term_counts(frame, group_column, index)
    if not len(terms):
        return _empty(TERM_COLUMNS).rename(columns={"brand": group_column})
    dense = counts.toarray().astype(float)
    background = dense.sum(axis=0)
    # a_w proportional to the pooled frequency; a_0 = `prior` times the average group's term
    # count, so the prior weighs as much as one more average brand: a term used once
    # anywhere gets ~1/n_groups pseudo-counts and cannot beat a term a brand uses 30 times.
    a_0 = prior * background.sum() / len(groups)
    # Only terms some group uses min_count times can be listed: weigh and check just those
    # (a few thousand of ~150k on one channel at 100k posts).
    candidates = np.flatnonzero((dense >= min_count).any(axis=0))
    delta, z = fightin_words(dense, a_0 * background / background.sum(), columns=candidates)
    dense, terms = dense[:, candidates], terms[candidates]
    if drop_names:
        # A brand's own name is trivially its most distinctive word and tells the team nothing.
        z[:, _naming_terms(terms, groups)] = -np.inf
    top = _top_terms(dense, delta, z, groups, terms, min_count, n_terms)
    return top.rename(columns={"brand": group_column})


def _naming_terms(terms: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Terms with a word of a group's name, or starting with the joined name ("lipamobil...")."""
    names = [tokenize(str(g)) for g in groups]
    words = list({w for name in names for w in name})
    joined = tuple("".join(name) for name in names if name)
    naming = np.zeros(len(terms), dtype=bool)
    if not len(terms):  # partition of no strings gives no columns
        return naming
    # Terms are a word or a bigram: test both halves with vectorised string methods.
    halves = pd.Series(terms, dtype="str").str.partition(" ")
    for half in (halves[0], halves[2]):
        hit = half.isin(words) | (half.str.startswith(joined) if joined else False)
        naming |= hit.to_numpy(dtype=bool) & half.ne("").to_numpy(dtype=bool)
    return naming


def _top_terms(
    dense: np.ndarray, delta: np.ndarray, z: np.ndarray, groups, terms, min_count: int, n_terms: int
) -> pd.DataFrame:
    """The n_terms highest-z terms per group, among terms it uses in at least min_count stories."""
    others = dense.sum(axis=0, keepdims=True) - dense
    spaces = np.char.count(terms.astype(str), " ")
    frames = []
    for i, group in enumerate(groups):
        keep = np.flatnonzero((dense[i] >= min_count) & (z[i] > 0))
        # Ties go to the bigram, so a phrase is listed whole before its words (see below).
        ranked = keep[np.lexsort((-spaces[keep], -z[i, keep]))]
        best = np.array(_without_echoes(ranked, terms, dense[i], n_terms), dtype=int)
        frames.append(
            pd.DataFrame(
                {
                    "brand": group,
                    "term": terms[best],
                    "z": z[i, best],
                    "delta": delta[i, best],
                    "count_brand": dense[i, best].astype(int),
                    "count_others": others[i, best].astype(int),
                    "rank": np.arange(1, len(best) + 1),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _without_echoes(ranked: np.ndarray, terms: np.ndarray, counts: np.ndarray, n_terms: int) -> list[int]:
    """Ranked terms, skipping a word or bigram that only repeats a phrase already listed.

    "tehnologija premika meje" yields "premika meje", "tehnologija premika", "premika" and
    "meje": one finding. A term is an echo when it shares a word with a listed term (or an
    echo of one) used in about as many stories (within 20 %); its words then join the phrase."""
    seen: dict[str, float] = {}  # word -> story count of the phrase it belongs to
    chosen: list[int] = []
    for index in ranked:
        words, count = terms[index].split(" "), counts[index]
        echo = any(w in seen and min(seen[w], count) >= 0.8 * max(seen[w], count) for w in words)
        for word in words:
            seen.setdefault(word, count)
        if not echo:
            chosen.append(int(index))
        if len(chosen) == n_terms:
            break
    return chosen
