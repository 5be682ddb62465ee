"""Topics over the store: refit (determinism, stable ids, lineage, renames, runs), stories
counted once, assignment of new posts between refits, and the update policy after a fetch."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import pytest
import sqlalchemy as sa

from monitor import models
from monitor.config.settings import TopicSettings
from monitor.errors import MonitorError
from monitor.store.database import SCHEMA_VERSION, open_store
from monitor.topics.runs import assign_new_posts, posts_with_topics, refit_topics, update_topics
from tests.hostile_pickle import hostile_pickle
from tests.topic_corpus import (
    START,
    STORY,
    STORY_POST_IDS,
    SUBJECTS,
    market,
    post,
    save,
    story_posts,
    subject_of,
    subject_posts,
    topic_of_subject,
)

FIVE = TopicSettings(n_topics=5)  # fixed k: fast, and the corpus has five subjects
N_MARKET = 5 * 30 + 3  # five subjects of 30 posts, and three copies of one story


@pytest.fixture
def filled(store):
    """The market and the syndicated story, not yet clustered."""
    save(store, market() + story_posts())
    return store


@pytest.fixture
def fitted(filled):
    """The filled store after one refit with five topics."""
    refit_topics(filled, FIVE)
    return filled


def labels_by_id(store) -> dict[int, str]:
    topics = store.load_topics()
    return dict(zip(topics["topic_id"].astype(int), topics["label"], strict=True))


def lineage_by_id(store) -> dict[int, str]:
    topics = store.load_topics()
    return dict(zip(topics["topic_id"].astype(int), topics["lineage"], strict=True))


def assignments(store) -> pd.DataFrame:
    columns = [models.POST_ID, "topic_id", "topic_score", "story_id", "assigned_by", "run_id"]
    return store.load_post_topics()[columns].sort_values(models.POST_ID, ignore_index=True)


# --- refit ---------------------------------------------------------------------------------


def test_refit_of_an_empty_store_says_to_fetch_first(store):
    with pytest.raises(MonitorError, match=r"no posts to cluster yet; fetch the feeds first"):
        refit_topics(store, FIVE)


def test_first_refit_gives_each_subject_a_topic_of_its_own(filled):
    update = refit_topics(filled, FIVE)

    assert (update.action, update.run_id, update.n_posts, update.n_topics) == ("refit", 1, N_MARKET, 5)
    assert update.lineage == (("new", 5),)
    assert update.describe().startswith(f"topics refitted on {N_MARKET} posts in ")
    assert update.describe().endswith(": 5 topics (5 new)")
    by_subject = topic_of_subject(filled.load_post_topics())
    assert by_subject["story"] == by_subject["football"]
    assert sorted(by_subject[s] for s in SUBJECTS) == [1, 2, 3, 4, 5]
    labels = labels_by_id(filled)
    assert labels[by_subject["football"]] == "football · league"
    assert labels[by_subject["baking"]] == "baking · sourdough"
    assert set(lineage_by_id(filled).values()) == {"new"}
    assert set(filled.load_post_topics()["assigned_by"]) == {"fit"}


def test_refit_twice_on_the_same_posts_gives_the_same_topics(filled):
    # the product's default settings: automatic number of topics
    first = refit_topics(filled, TopicSettings())
    before, labels = assignments(filled), labels_by_id(filled)

    second = refit_topics(filled, TopicSettings())

    assert (first.n_topics, second.n_topics) == (5, 5)
    after = assignments(filled)
    pd.testing.assert_frame_equal(
        after.drop(columns="run_id"), before.drop(columns="run_id"), check_dtype=False
    )
    assert set(after["run_id"]) == {second.run_id}
    assert labels_by_id(filled) == labels
    assert second.lineage == (("continued", 5),)


@pytest.fixture
def other(tmp_path):
    """A second empty store next to the first."""
    opened = open_store(f"sqlite:///{tmp_path}/other.db")
    yield opened
    opened.close()


def test_the_same_posts_in_another_store_in_another_order_get_the_same_topics(filled, other):
    save(other, (market() + story_posts())[::-1])

    refit_topics(filled, FIVE)
    refit_topics(other, FIVE)

    pd.testing.assert_frame_equal(assignments(other), assignments(filled), check_dtype=False)
    assert labels_by_id(other) == labels_by_id(filled)


def test_continuing_topics_keep_their_ids_and_labels_when_posts_arrive(fitted):
    ids, labels = topic_of_subject(fitted.load_post_topics()), labels_by_id(fitted)
    save(fitted, market(3, first=30))  # 10% more posts on the same subjects

    update = refit_topics(fitted, FIVE)

    assert update.n_posts == N_MARKET + 15
    assert update.lineage == (("continued", 5),)
    assert topic_of_subject(fitted.load_post_topics()) == ids  # new posts included
    assert labels_by_id(fitted) == labels
    assert lineage_by_id(fitted) == dict.fromkeys(labels, "continued")


def test_a_continuing_topic_keeps_its_label_even_when_its_top_terms_move(fitted):
    import sqlalchemy as sa

    from monitor.store.database import topics as topics_table

    football = topic_of_subject(fitted.load_post_topics())["football"]
    with fitted.engine.begin() as connection:  # as if last week's top terms read differently
        connection.execute(
            sa.update(topics_table)
            .where(topics_table.c.topic_id == football)
            .values(label="last week's words")
        )
    save(fitted, market(3, first=30))

    refit_topics(fitted, FIVE)

    assert labels_by_id(fitted)[football] == "last week's words"
    assert len(set(labels_by_id(fitted).values())) == 5


def test_a_new_subject_gets_a_fresh_id_with_lineage_new(filled):
    # automatic k: the number of topics has to grow for the new subject
    refit_topics(filled, TopicSettings())
    ids, labels = topic_of_subject(filled.load_post_topics()), labels_by_id(filled)
    esports = subject_posts("esports", 25, start=START + timedelta(days=21), days=7)
    save(filled, market(3, first=30) + esports)

    update = refit_topics(filled, TopicSettings())

    assert dict(update.lineage) == {"continued": 5, "new": 1}
    now = topic_of_subject(filled.load_post_topics())
    assert {s: now[s] for s in ids} == ids
    assert now["esports"] == 6  # the next id never used before
    assert labels_by_id(filled) == {**labels, 6: "esports · tournament"}
    assert lineage_by_id(filled) == {**dict.fromkeys(labels, "continued"), 6: "new"}


def test_a_renamed_topic_keeps_its_name_after_a_refit(fitted):
    football = topic_of_subject(fitted.load_post_topics())["football"]
    fitted.rename_topic(football, "  Nogomet  ")
    save(fitted, market(3, first=30))

    refit_topics(fitted, FIVE)

    topics = fitted.load_topics().set_index("topic_id")
    assert topics.loc[football, "name"] == "Nogomet"
    assert topics.loc[football, "label"] == "football · league"  # the automatic label is kept too
    frame = posts_with_topics(fitted.load_posts(), fitted.load_post_topics(), fitted.load_topics())
    shown = frame.groupby(frame[models.POST_ID].map(subject_of))["topic_label"].unique()
    assert shown["football"].tolist() == ["Nogomet"]
    assert shown["story"].tolist() == ["Nogomet"]
    assert shown["baking"].tolist() == ["baking · sourdough"]


def test_a_blank_name_restores_the_automatic_label(fitted):
    football = topic_of_subject(fitted.load_post_topics())["football"]
    fitted.rename_topic(football, "Nogomet")

    fitted.rename_topic(football, "   ")

    frame = posts_with_topics(fitted.load_posts(), fitted.load_post_topics(), fitted.load_topics())
    assert set(frame.loc[frame["topic_id"] == football, "topic_label"]) == {"football · league"}


def test_every_refit_is_kept_as_a_run(fitted):
    first = fitted.latest_topic_run()
    save(fitted, market(3, first=30))

    second = refit_topics(fitted, FIVE)

    latest = fitted.latest_topic_run()
    assert (first["run_id"], latest["run_id"], second.run_id) == (1, 2, 2)
    assert (first["n_posts"], latest["n_posts"]) == (N_MARKET, N_MARKET + 15)
    assert set(fitted.load_topics(run_id=1)["lineage"]) == {"new"}
    assert set(fitted.load_topics(run_id=2)["lineage"]) == {"continued"}
    assert fitted.load_topic_model(1) is not None
    assert set(fitted.load_post_topics()["run_id"]) == {2}  # assignments are the latest run's


# --- stories -------------------------------------------------------------------------------


def test_a_story_posted_by_three_feeds_counts_once(fitted):
    football = topic_of_subject(fitted.load_post_topics())["football"]
    topics = fitted.load_topics().set_index("topic_id")

    assert topics.loc[football, ["n_stories", "n_posts"]].tolist() == [31, 33]
    others = topics.drop(index=football)
    assert others["n_stories"].tolist() == others["n_posts"].tolist() == [30] * 4


def test_copies_of_a_story_share_its_id_topic_and_amplification(fitted):
    frame = posts_with_topics(fitted.load_posts(), fitted.load_post_topics(), fitted.load_topics())
    frame = frame.set_index(models.POST_ID)
    copies = frame.loc[list(STORY_POST_IDS)]

    assert set(copies["story_id"]) == {"lipa-blog:story"}  # the earliest copy
    assert copies["topic_id"].nunique() == 1
    assert set(copies["topic_label"]) == {"football · league"}
    assert copies[["n_copies", "n_feeds", "n_channels", "n_brands"]].drop_duplicates().values.tolist() == [
        [3, 3, 2, 2]
    ]
    alone = frame.drop(index=list(STORY_POST_IDS))
    assert (alone["story_id"] == alone.index).all()
    assert set(alone["n_copies"]) == {1}


# --- assigning new posts -------------------------------------------------------------------


def test_assigning_before_any_refit_does_nothing(filled):
    update = assign_new_posts(filled)

    assert (update.action, update.run_id, update.n_posts) == ("none", None, 0)
    assert filled.load_post_topics().empty


def test_assigning_with_no_new_posts_does_nothing(fitted):
    update = assign_new_posts(fitted)

    assert (update.action, update.run_id, update.n_posts) == ("none", 1, 0)
    assert update.describe() == "topics are up to date"


def test_new_posts_are_assigned_to_the_current_topics(fitted):
    before = assignments(fitted)
    topics_before = fitted.load_topics()
    ids = topic_of_subject(fitted.load_post_topics())
    save(fitted, market(2, first=30))

    update = assign_new_posts(fitted)

    assert (update.action, update.run_id, update.n_posts) == ("assigned", 1, 10)
    assert update.describe() == "10 new posts assigned to the current topics"
    after = assignments(fitted)
    old = after[after[models.POST_ID].isin(before[models.POST_ID])].reset_index(drop=True)
    pd.testing.assert_frame_equal(old, before)  # posts assigned before are not touched
    new = after[~after[models.POST_ID].isin(before[models.POST_ID])]
    assert len(new) == 10
    assert set(new["assigned_by"]) == {"transform"}
    assert set(new["run_id"]) == {1}
    assert (new["story_id"] == new[models.POST_ID]).all()
    assert new["topic_score"].between(0.3, 1.0).all()
    assert topic_of_subject(fitted.load_post_topics()) == ids
    assert fitted.latest_topic_run()["run_id"] == 1  # no refit
    pd.testing.assert_frame_equal(fitted.load_topics(), topics_before)


def test_a_new_copy_of_a_known_story_joins_that_story(fitted):
    known = fitted.load_post_topics().set_index(models.POST_ID).loc["lipa-blog:story"]
    late_copy = post("kras-instagram", "story", f"Wow! {STORY}", datetime.fromisoformat("2026-03-18T22:00Z"))
    save(fitted, [late_copy])

    update = assign_new_posts(fitted)

    assert (update.action, update.n_posts) == ("assigned", 1)
    row = fitted.load_post_topics().set_index(models.POST_ID).loc["kras-instagram:story"]
    assert row["story_id"] == "lipa-blog:story"
    assert row["topic_id"] == known["topic_id"]
    assert row["topic_score"] == known["topic_score"]
    assert row["assigned_by"] == "transform"
    frame = posts_with_topics(fitted.load_posts(), fitted.load_post_topics(), fitted.load_topics())
    copies = frame[frame["story_id"] == "lipa-blog:story"]
    assert len(copies) == 4
    assert set(copies["n_copies"]) == {4} and set(copies["n_feeds"]) == {4}
    assert set(copies["n_channels"]) == {3} and set(copies["n_brands"]) == {2}


# --- update after a fetch ------------------------------------------------------------------


def test_update_of_an_empty_store_does_nothing(store):
    update = update_topics(store, FIVE)

    assert (update.action, update.run_id) == ("none", None)
    assert store.latest_topic_run() is None


def test_update_refits_when_there_is_no_run_yet(filled):
    update = update_topics(filled, TopicSettings(n_topics=5, refit_after_new_posts=10_000))

    assert (update.action, update.run_id, update.n_topics) == ("refit", 1, 5)
    assert len(filled.load_post_topics()) == N_MARKET


def test_update_assigns_below_the_threshold_and_refits_at_it(fitted):
    settings = TopicSettings(n_topics=5, refit_after_new_posts=10)
    save(fitted, subject_posts("football", 9, first=30))

    assigned = update_topics(fitted, settings)

    assert (assigned.action, assigned.run_id, assigned.n_posts) == ("assigned", 1, 9)
    save(fitted, subject_posts("baking", 1, first=30))  # 10 posts since the refit

    refit = update_topics(fitted, settings)

    assert (refit.action, refit.run_id, refit.n_posts) == ("refit", 2, N_MARKET + 10)
    assert set(fitted.load_post_topics()["assigned_by"]) == {"fit"}


def test_update_with_nothing_new_after_a_refit_is_up_to_date(fitted):
    update = update_topics(fitted, TopicSettings(n_topics=5, refit_after_new_posts=1))

    assert (update.action, update.run_id, update.n_posts) == ("none", 1, 0)


# --- posts_with_topics on small frames -----------------------------------------------------


def test_posts_without_an_assignment_are_their_own_story_without_topic():
    posts = models.posts_frame(
        [
            post("lipa-blog", "a", "football league derby", START),
            post("kras-blog", "b", "football league derby", START),
            post("kras-blog", "c", "baking sourdough", START),
        ]
    ).assign(brand=["Lipa Mobil", "Kras Telekom", "Kras Telekom"], channel="blog")
    post_topics = pd.DataFrame(
        {
            models.POST_ID: ["lipa-blog:a", "kras-blog:b"],
            "topic_id": pd.array([7, 7], dtype="Int64"),
            "topic_score": [0.9, 0.8],
            "story_id": ["lipa-blog:a", "lipa-blog:a"],
        }
    )
    topics = pd.DataFrame({"topic_id": [7], "label": ["football · league"], "name": [None]})

    frame = posts_with_topics(posts, post_topics, topics).set_index(models.POST_ID)

    assert frame.loc["kras-blog:b", ["story_id", "topic_label", "n_copies", "n_brands"]].tolist() == [
        "lipa-blog:a", "football · league", 2, 2,
    ]  # fmt: skip
    unassigned = frame.loc["kras-blog:c"]
    assert unassigned["story_id"] == "kras-blog:c"
    assert pd.isna(unassigned["topic_id"]) and pd.isna(unassigned["topic_label"])
    assert unassigned["n_copies"] == 1


# --- topic names: cleared, cleaned, capped ---------------------------------------------------


def football_label(store, cache: dict) -> set[str]:
    """The football topic's shown label, through a cache keyed on data_version as the pages do."""
    version = store.data_version()
    if version not in cache:
        cache[version] = posts_with_topics(store.load_posts(), store.load_post_topics(), store.load_topics())
    frame = cache[version]
    return set(frame.loc[frame[models.POST_ID].map(subject_of) == "football", "topic_label"])


def test_a_cleared_name_brings_back_no_older_name_after_a_reload_or_a_refit(fitted):
    subjects = topic_of_subject(fitted.load_post_topics())
    cache: dict = {}
    fitted.rename_topic(subjects["football"], "A")
    fitted.rename_topic(subjects["baking"], "Kruh")
    assert football_label(fitted, cache) == {"A"}  # a page cached while the name was A
    fitted.rename_topic(subjects["football"], "B")
    assert football_label(fitted, cache) == {"B"}

    fitted.rename_topic(subjects["football"], "")

    assert football_label(fitted, cache) == {"football · league"}  # not A from the cache
    assert pd.isna(fitted.load_topics().set_index("topic_id").loc[subjects["football"], "name"])
    save(fitted, market(3, first=30))
    refit_topics(fitted, FIVE)
    assert football_label(fitted, cache) == {"football · league"}
    names = fitted.load_topics().set_index("topic_id")["name"]
    assert pd.isna(names[subjects["football"]]) and names[subjects["baking"]] == "Kruh"


def test_a_topic_name_loses_bidi_and_control_characters(fitted):
    football = topic_of_subject(fitted.load_post_topics())["football"]

    fitted.rename_topic(football, "\u202eNogomet\u202c\n\u2066liga\u2069\x07")

    assert fitted.load_topics().set_index("topic_id").loc[football, "name"] == "Nogomet liga"


def test_a_topic_name_of_control_characters_only_restores_the_label(fitted):
    football = topic_of_subject(fitted.load_post_topics())["football"]
    fitted.rename_topic(football, "Nogomet")

    fitted.rename_topic(football, "\u202e\u200f")

    assert pd.isna(fitted.load_topics().set_index("topic_id").loc[football, "name"])


def test_a_topic_name_over_120_characters_is_refused_and_the_old_one_kept(fitted):
    football = topic_of_subject(fitted.load_post_topics())["football"]
    fitted.rename_topic(football, "n" * 120)

    with pytest.raises(MonitorError, match=r"at most 120 characters; this one has 10,000"):
        fitted.rename_topic(football, "N" * 10_000)

    assert fitted.load_topics().set_index("topic_id").loc[football, "name"] == "n" * 120


# --- runs stored before schema 7, their model as a pickle ----------------------------------


def as_schema_6(store, pickled_model: bytes):
    """The store reopened after turning it into what schema 6 left: no model_state column and
    the run's model pickled in `model` (here a pickle that writes a file when loaded)."""
    store.close()
    with store.engine.begin() as connection:
        connection.execute(sa.text("ALTER TABLE topic_runs DROP COLUMN model_state"))
        connection.execute(sa.text("UPDATE topic_runs SET model = :model"), {"model": pickled_model})
        connection.execute(sa.text("UPDATE schema_info SET version = 6"))
    return open_store(store.url)


def test_a_run_stored_as_a_pickle_is_refitted_once_and_never_unpickled(fitted, tmp_path):
    ids = topic_of_subject(fitted.load_post_topics())
    fitted.rename_topic(ids["football"], "Nogomet")
    labels = labels_by_id(fitted)
    unpickled = tmp_path / "unpickled"
    store = as_schema_6(fitted, hostile_pickle(unpickled))
    save(store, market(2, first=30))
    settings, said = TopicSettings(n_topics=5, refit_after_new_posts=10_000), []

    update = update_topics(store, settings, progress=said.append)

    assert not unpickled.exists()
    assert store.schema_version == SCHEMA_VERSION
    assert said[0] == (
        "The stored topic model is in the old pickle format, which this version does not load: "
        "refitting the topics once…"
    )
    assert (update.action, update.run_id, update.n_posts) == ("refit", 2, N_MARKET + 10)
    assert store.topic_model_format(1) == "pickle" and store.topic_model_format(2) == "state"
    assert topic_of_subject(store.load_post_topics()) == ids  # lineage kept every topic's id
    assert labels_by_id(store) == labels
    assert store.load_topics().set_index("topic_id").loc[ids["football"], "name"] == "Nogomet"
    save(store, market(1, first=32))
    assert update_topics(store, settings, progress=said.append).action == "assigned"  # once
    assert sum("pickle" in message for message in said) == 1
    store.close()


def test_assigning_with_a_pickled_run_asks_for_a_refit_and_never_unpickles(fitted, tmp_path):
    unpickled = tmp_path / "unpickled"
    store = as_schema_6(fitted, hostile_pickle(unpickled))
    save(store, market(2, first=30))

    with pytest.raises(MonitorError, match=r"old pickle format.*run `python -m monitor topics refit`"):
        assign_new_posts(store)

    assert not unpickled.exists()
    store.close()
