"""Topics over the stored posts: refit (near-duplicate stories -> TopicModel -> stable ids
through lineage -> one stored run), assignment of new posts between refits, and the
posts-with-topics frame that pages, trends and exports read."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from monitor import models
from monitor.config.settings import TopicSettings
from monitor.errors import MonitorError
from monitor.models import (
    N_BRANDS,
    N_CHANNELS,
    N_COPIES,
    N_FEEDS,
    NO_TOPIC,
    STORY_ID,
    TOPIC_ID,
    TOPIC_LABEL,
    TOPIC_SCORE,
    post_texts,
)
from monitor.store.database import Store
from monitor.topics.surface import readable, surface_forms
from monitor.topics.text import tokenize_many

if TYPE_CHECKING:
    from monitor.topics.model import TopicModel

# The modeling imports (scikit-learn, SciPy: ~1.2 s) happen in the functions that fit or
# assign: the pages import this module for posts_with_topics and should not wait for them.

STORY_WINDOW = timedelta(days=7)  # how far back a new post may join an existing story
# Runs stored before schema 7 keep their model as a Python pickle, which is never loaded
# (unpickling runs whatever code the bytes name): the next update refits instead.
OLD_MODEL_FORMAT = "pickle"
OLD_FORMAT_NOTE = "The stored topic model is in the old pickle format, which this version does not load"

Progress = Callable[[str], None]


@dataclass(frozen=True)
class TopicUpdate:
    """What an update did: a refit (with lineage counts) or an assignment of new posts."""

    action: str  # refit | assigned | none
    run_id: int | None
    n_posts: int
    n_topics: int = 0
    fit_seconds: float = 0.0
    lineage: tuple[tuple[str, int], ...] = ()

    def describe(self) -> str:
        if self.action == "refit":
            fates = ", ".join(f"{n} {status}" for status, n in self.lineage)
            return (
                f"topics refitted on {self.n_posts:,} posts in {self.fit_seconds:.1f} s: "
                f"{self.n_topics} topics ({fates})"
            )
        if self.action == "assigned":
            return f"{self.n_posts:,} new posts assigned to the current topics"
        return "topics are up to date"


def story_documents(
    posts: pd.DataFrame, stories: pd.DataFrame, tokens: Sequence[list[str]] | None = None
) -> pd.DataFrame:
    """One document per story (its earliest post's text), so a syndicated story counts once;
    with the posts' tokens (in posts' row order) each document carries its own."""
    positions = pd.Index(posts[models.POST_ID]).get_indexer(stories[STORY_ID].unique())
    first = posts.iloc[positions]
    documents = pd.DataFrame(
        {
            STORY_ID: first[models.POST_ID].to_numpy(),
            "text": post_texts(first).to_numpy(),
            models.LANGUAGE: first[models.LANGUAGE].fillna("").to_numpy(),
            models.FEED_ID: first[models.FEED_ID].to_numpy(),
        }
    )
    if tokens is not None:
        documents["tokens"] = [tokens[i] for i in positions]
    return documents


def refit_topics(store: Store, settings: TopicSettings, progress: Progress | None = None) -> TopicUpdate:
    """Cluster all stored posts anew, keep ids of continuing topics, store the run. Under the
    store's refit lock: a refit started meanwhile (the CLI's, the dashboard's) waits, then
    matches its topics with this run instead of the one before."""
    say = progress or (lambda _message: None)
    with store.refit_lock(on_wait=lambda: say("Waiting for another topic refit to finish…")):
        return _refit(store, settings, say)


def _refit(store: Store, settings: TopicSettings, say: Progress) -> TopicUpdate:
    from monitor.topics.lineage import match_topics
    from monitor.topics.model import TopicModel
    from monitor.topics.model_state import model_to_blob
    from monitor.topics.stories import find_stories

    posts = store.load_posts()
    if posts.empty:
        raise MonitorError("no posts to cluster yet; fetch the feeds first (python -m monitor fetch)")
    say(f"Grouping {len(posts):,} posts into stories (near-duplicates count once)…")
    tokens = tokenize_many(post_texts(posts))  # once, for stories and topics alike
    stories = find_stories(posts, tokens=tokens)
    documents = story_documents(posts, stories, tokens)
    del tokens
    say(f"Finding topics in {len(documents):,} stories…")
    started = time.perf_counter()
    model = TopicModel(n_topics=settings.n_topics, random_state=settings.random_state)
    # One BLAS/OpenMP thread: on a busy 2-core machine, k-means worker threads spin-wait on
    # each other and a refit took 30x longer (bench/perf/scale.py).
    with threadpool_limits(limits=1):
        model.fit(
            documents["text"].tolist(),
            documents[models.LANGUAGE].tolist(),
            # warm start: each story's topic in the previous run (-1: new story or no run yet)
            previous_labels=store.load_post_topics()
            .set_index(models.POST_ID)[TOPIC_ID]
            .reindex(documents[STORY_ID])
            .fillna(-1)
            .astype(int)
            .tolist(),
            tokens=documents["tokens"].tolist(),
            sources=documents[models.FEED_ID].tolist(),
        )
    fit_seconds = time.perf_counter() - started
    say("Matching topics with the previous run…")
    previous = store.load_topics()
    lineage = match_topics(
        {int(r.topic_id): r.profile for r in previous.itertuples()}, model.profiles_, store.next_topic_id()
    )
    story_topics = _story_topics(documents, model.labels_, model.scores_, lineage.ids)
    assignments = _post_assignments(stories, story_topics, assigned_by="fit")
    run_topics = _topic_rows(model, documents, assignments, lineage, previous)
    retired = _retired_rows(lineage, previous)
    run = {
        "created_at": datetime.now(UTC),
        "n_posts": len(posts),
        "n_stories": len(documents),
        "n_topics": model.n_topics_,
        "settings": {"n_topics": settings.n_topics, "random_state": settings.random_state},
        "fit_seconds": fit_seconds,
        "model_state": model_to_blob(model),
    }
    say("Saving the topic run…")
    run_id = store.save_topic_run(run, run_topics, retired, assignments)
    counts = pd.Series([f.status for f in lineage.fates]).value_counts()
    return TopicUpdate("refit", run_id, len(posts), model.n_topics_, fit_seconds, tuple(counts.items()))


def _story_topics(
    documents: pd.DataFrame, labels: np.ndarray, scores: np.ndarray, ids: tuple[int, ...]
) -> pd.DataFrame:
    topic_ids = pd.array([ids[c] if c != NO_TOPIC else pd.NA for c in labels], dtype="Int64")
    return pd.DataFrame(
        {STORY_ID: documents[STORY_ID].to_numpy(), TOPIC_ID: topic_ids, TOPIC_SCORE: np.round(scores, 4)}
    )


def _post_assignments(stories: pd.DataFrame, story_topics: pd.DataFrame, assigned_by: str) -> pd.DataFrame:
    merged = stories[[models.POST_ID, STORY_ID]].merge(story_topics, on=STORY_ID, how="left")
    merged[TOPIC_SCORE] = merged[TOPIC_SCORE].fillna(0.0)
    return merged.assign(assigned_by=assigned_by)[
        [models.POST_ID, TOPIC_ID, TOPIC_SCORE, STORY_ID, "assigned_by"]
    ]


def _topic_rows(
    model: TopicModel,
    documents: pd.DataFrame,
    assignments: pd.DataFrame,
    lineage: Any,
    previous: pd.DataFrame,
) -> pd.DataFrame:
    from monitor.topics.lineage import CONTINUED

    n_posts = assignments.groupby(TOPIC_ID).size()
    forms = surface_forms(documents["text"])  # labels in the spelling the posts use
    # A continuing topic keeps its label, as it keeps its id: a team that knows it as
    # "roaming · travel" should not find it as "roaming · summer" next week.
    kept = dict(zip(previous.get("topic_id", []), previous.get("label", []), strict=True))
    rows = []
    for cluster, topic_id in enumerate(lineage.ids):
        fate = lineage.fate_of(topic_id)
        rows.append(
            {
                "topic_id": topic_id,
                "cluster": cluster,
                "label": kept[topic_id]
                if fate.status == CONTINUED and topic_id in kept
                else readable(model.topic_labels_[cluster], forms),
                "n_stories": int((model.labels_ == cluster).sum()),
                "n_posts": int(n_posts.get(topic_id, 0)),
                "top_terms": [
                    [readable(term, forms), round(float(w), 5)] for term, w in model.topic_terms_[cluster]
                ],
                "profile": {term: round(float(w), 5) for term, w in model.profiles_[cluster].items()},
                "representative_posts": documents[STORY_ID]
                .iloc[model.representative_docs_[cluster]]
                .tolist(),
                "lineage": fate.status,
                "related": list(fate.related),
                "similarity": round(fate.similarity, 4),
            }
        )
    return _unique_labels(pd.DataFrame(rows))


def _unique_labels(rows: pd.DataFrame) -> pd.DataFrame:
    """Labels unique within the run: a fresh label that repeats a kept one gets its id."""
    from monitor.topics.lineage import CONTINUED

    if rows.empty:
        return rows
    repeated = rows["label"].duplicated(keep=False) & rows["lineage"].ne(CONTINUED)
    rows.loc[repeated, "label"] = [
        f"{label} (#{i})"
        for label, i in zip(rows.loc[repeated, "label"], rows.loc[repeated, "topic_id"], strict=True)
    ]
    return rows


def _retired_rows(lineage: Any, previous: pd.DataFrame) -> pd.DataFrame:
    from monitor.topics.lineage import RETIRED

    labels = dict(zip(previous.get("topic_id", []), previous.get("label", []), strict=True))
    rows = [
        {
            "topic_id": fate.topic_id,
            "label": labels.get(fate.topic_id, ""),
            "absorbed_by": list(fate.related),
            "similarity": round(fate.similarity, 4),
        }
        for fate in lineage.fates
        if fate.status == RETIRED
    ]
    return pd.DataFrame(rows, columns=["topic_id", "label", "absorbed_by", "similarity"])


def load_model(store: Store, run_id: int) -> TopicModel:
    """A stored run's model, read as data (monitor.topics.model_state): never unpickled."""
    from monitor.topics.model_state import model_from_blob

    if store.topic_model_format(run_id) == OLD_MODEL_FORMAT:
        raise MonitorError(f"{OLD_FORMAT_NOTE}; run `python -m monitor topics refit`")
    blob = store.load_topic_model(run_id)
    if blob is None:
        raise MonitorError(f"topic run {run_id} has no stored model; run `python -m monitor topics refit`")
    return model_from_blob(blob)


def assign_new_posts(store: Store, progress: Progress | None = None) -> TopicUpdate:
    """Give posts stored since the last run the current topics, without refitting. Reads only
    the new posts and the assigned posts of the days they may share a story with."""
    run = store.latest_topic_run()
    if run is None:
        return TopicUpdate("none", None, 0)
    new = store.load_unassigned_posts()
    if new.empty:
        return TopicUpdate("none", run["run_id"], 0)
    (progress or (lambda _m: None))(f"Assigning {len(new):,} new posts to the current topics…")
    joined = _join_existing_stories(store, new)
    alone = joined[joined[TOPIC_ID].isna() & joined["joined_existing"].eq(False)]
    if not alone.empty:
        model = load_model(store, run["run_id"])
        by_id = new.set_index(models.POST_ID).loc[alone[STORY_ID].unique()]
        with threadpool_limits(limits=1):
            clusters, scores = model.transform(
                post_texts(by_id).tolist(), by_id[models.LANGUAGE].fillna("").tolist()
            )
        run_topics = store.load_topics(run["run_id"])
        cluster_ids = dict(zip(run_topics["cluster"], run_topics["topic_id"], strict=True))
        story_topics = pd.DataFrame(
            {
                STORY_ID: by_id.index,
                "new_topic": pd.array(
                    [cluster_ids.get(c) if c != NO_TOPIC else pd.NA for c in clusters], dtype="Int64"
                ),
                "new_score": np.round(scores, 4),
            }
        )
        joined = joined.merge(story_topics, on=STORY_ID, how="left")
        joined[TOPIC_ID] = joined[TOPIC_ID].fillna(joined["new_topic"])
        joined[TOPIC_SCORE] = joined[TOPIC_SCORE].fillna(joined["new_score"])
    joined[TOPIC_SCORE] = joined[TOPIC_SCORE].fillna(0.0)
    store.add_assignments(
        joined.assign(assigned_by="transform")[
            [models.POST_ID, TOPIC_ID, TOPIC_SCORE, STORY_ID, "assigned_by"]
        ],
        run["run_id"],
    )
    return TopicUpdate("assigned", run["run_id"], len(new))


def _join_existing_stories(store: Store, new: pd.DataFrame) -> pd.DataFrame:
    """New posts' stories; a new copy of a known story takes that story's id and topic.
    Only assigned posts from STORY_WINDOW before the earliest new post can be such a story
    (undated posts join no story, so an all-undated batch needs none)."""
    from monitor.topics.stories import find_stories

    earliest = new[models.PUBLISHED_AT].min()
    if pd.notna(earliest):
        since = earliest - STORY_WINDOW
        assigned = store.load_post_topics(since=since)
        recent = store.load_posts(since=since)
        recent = recent[recent[models.POST_ID].isin(assigned[models.POST_ID])]
    else:
        assigned = store.load_post_topics().iloc[:0]
        recent = new.iloc[:0]
    pool = pd.concat([recent, new], ignore_index=True)
    stories = find_stories(pool)[[models.POST_ID, STORY_ID]]
    known = stories.merge(
        assigned[[models.POST_ID, STORY_ID, TOPIC_ID, TOPIC_SCORE]],
        on=models.POST_ID,
        suffixes=("", "_known"),
    )
    by_story = known.drop_duplicates(STORY_ID).set_index(STORY_ID)
    result = stories[stories[models.POST_ID].isin(new[models.POST_ID])].copy()
    hit = result[STORY_ID].isin(by_story.index)
    result["joined_existing"] = hit
    result[TOPIC_ID] = pd.array(
        [by_story[TOPIC_ID].get(s) if h else pd.NA for s, h in zip(result[STORY_ID], hit, strict=True)],
        dtype="Int64",
    )
    result[TOPIC_SCORE] = [
        by_story[TOPIC_SCORE].get(s) if h else np.nan for s, h in zip(result[STORY_ID], hit, strict=True)
    ]
    result[STORY_ID] = [
        by_story[f"{STORY_ID}_known"].get(s) if h else s for s, h in zip(result[STORY_ID], hit, strict=True)
    ]
    return result


def update_topics(store: Store, settings: TopicSettings, progress: Progress | None = None) -> TopicUpdate:
    """After a fetch: refit when there is no run yet or enough posts arrived since the last
    refit (settings.refit_after_new_posts); otherwise assign the new posts."""
    run = store.latest_topic_run()
    n_posts = store.count_posts()
    if n_posts == 0:
        return TopicUpdate("none", None, 0)
    if run is None:
        return refit_topics(store, settings, progress)
    if store.topic_model_format(run["run_id"]) == OLD_MODEL_FORMAT:
        (progress or (lambda _m: None))(f"{OLD_FORMAT_NOTE}: refitting the topics once…")
        return refit_topics(store, settings, progress)
    if n_posts - store.count_assigned_by_fit() >= settings.refit_after_new_posts:
        return refit_topics(store, settings, progress)
    return assign_new_posts(store, progress)


def posts_with_topics(posts: pd.DataFrame, post_topics: pd.DataFrame, topics: pd.DataFrame) -> pd.DataFrame:
    """Posts with their topic id, display label (the user's name if renamed), score and story,
    plus each story's amplification (copies, feeds, channels, brands)."""
    labels = _display_labels(topics)
    frame = posts.merge(
        post_topics[[models.POST_ID, TOPIC_ID, TOPIC_SCORE, STORY_ID]], on=models.POST_ID, how="left"
    )
    # Categorical: every count of stories groups on it, and codes spare a hash table of
    # strings each time (factorizing 1M story ids: 0.30 s as strings, 0.03 s as codes).
    frame[STORY_ID] = frame[STORY_ID].fillna(frame[models.POST_ID]).astype("category")
    frame[TOPIC_LABEL] = frame[TOPIC_ID].map(labels)
    groups = frame.groupby(STORY_ID)
    frame[N_COPIES] = groups[models.POST_ID].transform("size")
    frame[N_FEEDS] = groups[models.FEED_ID].transform("nunique")
    frame[N_CHANNELS] = groups[models.CHANNEL].transform("nunique")
    frame[N_BRANDS] = groups[models.BRAND].transform("nunique")
    return frame


def _display_labels(topics: pd.DataFrame) -> dict[int, str]:
    if topics.empty:
        return {}
    names = topics["name"] if "name" in topics else pd.Series(None, index=topics.index)
    shown = names.where(names.notna() & names.astype(str).str.strip().ne(""), topics["label"])
    return dict(zip(topics["topic_id"].astype(int), shown, strict=True))
