"""Pure: match the topics of a new run to the previous run's, so a topic that continues
keeps its id and name, and record what happened to each: new, continued, merged, split,
retired. Topics are compared by the cosine of their term profiles (term -> weight)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

NEW, CONTINUED, MERGED, SPLIT, RETIRED = "new", "continued", "merged", "split", "retired"
# Below this cosine two term profiles count as different topics.
DEFAULT_THRESHOLD = 0.35

Profile = Mapping[str, float]


@dataclass(frozen=True)
class TopicFate:
    """What one topic of either run became."""

    topic_id: int
    status: str
    related: tuple[int, ...] = ()  # parents for merged/split, the absorbing topic for retired
    similarity: float = 0.0


@dataclass(frozen=True)
class Lineage:
    """Stable ids for the new run's topics (in their order) and the fate of every topic."""

    ids: tuple[int, ...]
    fates: tuple[TopicFate, ...] = field(default=())

    def fate_of(self, topic_id: int) -> TopicFate:
        return next(fate for fate in self.fates if fate.topic_id == topic_id)


def profile_similarity(previous: Sequence[Profile], current: Sequence[Profile]) -> np.ndarray:
    """Cosine similarity of every previous profile with every current one."""
    matrix = np.zeros((len(previous), len(current)))
    norms_prev = [_norm(p) for p in previous]
    norms_cur = [_norm(c) for c in current]
    for i, prev in enumerate(previous):
        for j, cur in enumerate(current):
            if norms_prev[i] and norms_cur[j]:
                small, large = (prev, cur) if len(prev) < len(cur) else (cur, prev)
                dot = sum(weight * large.get(term, 0.0) for term, weight in small.items())
                matrix[i, j] = dot / (norms_prev[i] * norms_cur[j])
    return matrix


def _norm(profile: Profile) -> float:
    return math.sqrt(sum(weight * weight for weight in profile.values()))


def match_topics(
    previous: Mapping[int, Profile],
    current: Sequence[Profile],
    next_id: int,
    threshold: float = DEFAULT_THRESHOLD,
) -> Lineage:
    """Give each current topic an id: the matched previous id when it continues, else a
    new one counting up from next_id. One-to-one matches come from an optimal assignment;
    leftovers that still resemble a topic are splits (current) or merges (previous)."""
    prev_ids = list(previous)
    similarity = profile_similarity([previous[i] for i in prev_ids], current)
    assigned = _assign(similarity, threshold)
    ids: list[int | None] = [None] * len(current)
    for row, col in assigned.items():
        ids[col] = prev_ids[row]
    parents_of_split: dict[int, list[int]] = {}
    for col in range(len(current)):
        if ids[col] is None:
            ids[col] = next_id
            next_id += 1
            row = _best(similarity[:, col], threshold)
            if row is not None and row in assigned:
                parents_of_split.setdefault(prev_ids[row], []).append(col)
    fates = _current_fates(similarity, assigned, parents_of_split, prev_ids, ids, threshold)
    fates += _previous_fates(similarity, assigned, prev_ids, ids, threshold)
    return Lineage(ids=tuple(int(i) for i in ids), fates=tuple(fates))


def _assign(similarity: np.ndarray, threshold: float) -> dict[int, int]:
    """Previous row -> current column, one-to-one, maximising total similarity."""
    if similarity.size == 0:
        return {}
    rows, cols = linear_sum_assignment(-similarity)
    return {int(r): int(c) for r, c in zip(rows, cols, strict=True) if similarity[r, c] >= threshold}


def _best(values: np.ndarray, threshold: float) -> int | None:
    if values.size == 0 or values.max() < threshold:
        return None
    return int(values.argmax())


def _current_fates(similarity, assigned, parents_of_split, prev_ids, ids, threshold) -> list[TopicFate]:
    column_of = {col: row for row, col in assigned.items()}
    absorbed: dict[int, list[int]] = {}  # current column -> previous rows merged into it
    for row in range(similarity.shape[0]):
        if row not in assigned:
            col = _best(similarity[row], threshold)
            if col is not None:
                absorbed.setdefault(col, []).append(row)
    fates = []
    for col, topic_id in enumerate(ids):
        row = column_of.get(col)
        if col in absorbed:
            parents = ([prev_ids[row]] if row is not None else []) + [prev_ids[r] for r in absorbed[col]]
            fates.append(TopicFate(topic_id, MERGED, tuple(parents), _score(similarity, row, col)))
        elif row is not None and prev_ids[row] in parents_of_split:
            fates.append(TopicFate(topic_id, SPLIT, (prev_ids[row],), _score(similarity, row, col)))
        elif row is not None:
            fates.append(TopicFate(topic_id, CONTINUED, (prev_ids[row],), _score(similarity, row, col)))
        else:
            parent = _best(similarity[:, col], threshold) if similarity.size else None
            if parent is not None:
                fates.append(TopicFate(topic_id, SPLIT, (prev_ids[parent],), float(similarity[parent, col])))
            else:
                fates.append(TopicFate(topic_id, NEW))
    return fates


def _previous_fates(similarity, assigned, prev_ids, ids, threshold) -> list[TopicFate]:
    fates = []
    for row, topic_id in enumerate(prev_ids):
        if row in assigned:
            continue
        col = _best(similarity[row], threshold)
        into = (ids[col],) if col is not None else ()
        score = float(similarity[row, col]) if col is not None else 0.0
        fates.append(TopicFate(topic_id, RETIRED, into, score))
    return fates


def _score(similarity: np.ndarray, row: int | None, col: int) -> float:
    return float(similarity[row, col]) if row is not None else 0.0
