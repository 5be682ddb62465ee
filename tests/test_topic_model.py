"""Tests of monitor.topics.model.TopicModel on tiny inline corpora."""

import numpy as np
import pytest
from sklearn.cluster import kmeans_plusplus

from monitor.topics import vectors as topic_vectors
from monitor.topics.model import NO_TOPIC, TopicModel, _race_leaders

FOOTBALL = "football match goal striker league referee stadium penalty coach fans"
COOKING = "recipe oven flour butter sugar bake cake dough kitchen chocolate"
PHONES = "smartphone battery screen camera android charger display processor app update"


def _docs(words: str, n: int, offset: int) -> list[str]:
    """n different posts built from a topic's words (a sliding window of 5 of them)."""
    vocab = words.split()
    return [" ".join(vocab[(i + offset + j) % len(vocab)] for j in range(5)) for i in range(n)]


CORPUS = _docs(FOOTBALL, 8, 0) + _docs(COOKING, 8, 3) + _docs(PHONES, 8, 6)
TRUTH = np.repeat([0, 1, 2], 8)


def _same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    """True when two labelings group the docs identically, whatever the ids."""
    return len(set(zip(a, b, strict=False))) == len(set(a)) == len(set(b))


def test_fixed_k_recovers_planted_topics() -> None:
    model = TopicModel(n_topics=3).fit(CORPUS, languages=["en"] * len(CORPUS))
    assert _same_partition(model.labels_, TRUTH)


def test_auto_k_picks_three_separated_topics() -> None:
    model = TopicModel(k_range=(2, 6)).fit(CORPUS, languages=["en"] * len(CORPUS))
    assert model.n_topics_ == 3


def test_same_input_same_output() -> None:
    first = TopicModel(n_topics=3, random_state=7).fit(CORPUS, languages=["en"] * 24)
    second = TopicModel(n_topics=3, random_state=7).fit(CORPUS, languages=["en"] * 24)
    assert first.labels_.tolist() == second.labels_.tolist()
    assert first.topic_labels_ == second.topic_labels_


def test_transform_assigns_new_doc_to_its_topic() -> None:
    model = TopicModel(n_topics=3).fit(CORPUS, languages=["en"] * 24)
    labels, scores = model.transform(["the striker scored a penalty goal"], languages=["en"])
    assert labels[0] == model.labels_[0]
    assert scores[0] > 0.5


def test_labels_unique_and_from_topic_terms() -> None:
    model = TopicModel(n_topics=3).fit(CORPUS, languages=["en"] * 24)
    assert len(set(model.topic_labels_)) == 3
    football = model.topic_labels_[model.labels_[0]]
    assert any(word in football for word in FOOTBALL.split())


def test_representative_docs_belong_to_their_topic() -> None:
    model = TopicModel(n_topics=3).fit(CORPUS, languages=["en"] * 24)
    for topic, docs in enumerate(model.representative_docs_):
        assert docs and all(model.labels_[i] == topic for i in docs)


def test_profiles_are_unit_term_vectors() -> None:
    model = TopicModel(n_topics=3).fit(CORPUS, languages=["en"] * 24)
    norms = [np.sqrt(sum(w * w for w in p.values())) for p in model.profiles_]
    assert np.allclose(norms, 1.0)


def test_tiny_corpus_gives_one_topic() -> None:
    model = TopicModel().fit(["goal for the home team", "new phone camera", "chocolate cake"])
    assert model.n_topics_ == 1
    assert model.labels_.tolist() == [0, 0, 0]


def test_all_empty_texts_raise() -> None:
    with pytest.raises(ValueError, match="empty after preprocessing"):
        TopicModel().fit(["https://t.co/x @acme", "😀 2024", "the and of"])


def test_text_without_terms_gets_no_topic() -> None:
    model = TopicModel(n_topics=3).fit([*CORPUS, "😀 https://t.co/x"], languages=["en"] * 25)
    assert model.labels_[-1] == NO_TOPIC


ESIM = "esim activation qr code travel profile"  # a small topic with its own words
BIG = _docs(FOOTBALL, 40, 0) + _docs(COOKING, 40, 3) + _docs(PHONES, 40, 6)
WITH_SMALL = BIG + _docs(ESIM, 8, 0)
WITH_SMALL_TRUTH = np.repeat([0, 1, 2, 3], [40, 40, 40, 8])


def test_small_distinct_topic_split_off_under_auto_k() -> None:
    # k_range pins the stability choice to 3: the 8 eSIM posts must still get their own topic.
    model = TopicModel(k_range=(3, 3)).fit(WITH_SMALL, languages=["en"] * len(WITH_SMALL))
    assert model.n_topics_ == 4
    assert _same_partition(model.labels_, WITH_SMALL_TRUTH)


def test_small_distinct_topic_separate_with_auto_k_over_a_range() -> None:
    model = TopicModel(k_range=(2, 8)).fit(WITH_SMALL, languages=["en"] * len(WITH_SMALL))
    small = model.labels_[-8:]
    assert len(set(small)) == 1
    assert set(model.labels_[:-8]).isdisjoint(small)


def test_fixed_k_is_exact() -> None:
    langs = ["en"] * len(WITH_SMALL)
    for k in (2, 3, 4, 6):
        assert TopicModel(n_topics=k).fit(WITH_SMALL, languages=langs).n_topics_ == k
    previous = TopicModel(k_range=(2, 8)).fit(WITH_SMALL, languages=langs).labels_
    for k in (2, 3, 6):  # warm start from a different number of topics
        model = TopicModel(n_topics=k).fit(WITH_SMALL, languages=langs, previous_labels=previous)
        assert model.n_topics_ == k
        # Other (NO_TOPIC) is not a topic: on some CPUs one post's cosine falls just under OTHER_BELOW.
        assert len(set(model.labels_) - {NO_TOPIC}) == k


def test_warm_start_reproduces_previous_partition_on_same_data() -> None:
    langs = ["en"] * len(WITH_SMALL)
    first = TopicModel(random_state=0, k_range=(2, 8)).fit(WITH_SMALL, languages=langs)
    # another seed would be free to cut differently; the previous labels keep the partition
    second = TopicModel(random_state=5, k_range=(2, 8)).fit(
        WITH_SMALL, languages=langs, previous_labels=first.labels_
    )
    assert _same_partition(first.labels_, second.labels_)
    assert second.n_topics_ == first.n_topics_


def test_warm_start_accepts_new_texts_and_is_deterministic() -> None:
    langs = ["en"] * len(WITH_SMALL)
    first = TopicModel(n_topics=3).fit(BIG, languages=["en"] * len(BIG))
    previous = [*first.labels_.tolist(), *([-1] * 8)]  # the eSIM posts are new this run
    runs = [
        TopicModel(k_range=(2, 8)).fit(WITH_SMALL, languages=langs, previous_labels=previous)
        for _ in range(2)
    ]
    assert runs[0].labels_.tolist() == runs[1].labels_.tolist()
    assert runs[0].topic_labels_ == runs[1].topic_labels_
    assert _same_partition(runs[0].labels_, WITH_SMALL_TRUTH)  # the new topic is added


def test_previous_labels_must_match_texts() -> None:
    with pytest.raises(ValueError, match="previous_labels"):
        TopicModel(n_topics=3).fit(CORPUS, languages=["en"] * 24, previous_labels=[0, 1])


def test_sampled_seeds_are_sklearns_kmeans_plusplus_of_the_sample() -> None:
    vectors = np.random.default_rng(0).normal(size=(300, 8))
    for k in (2, 5, 20):
        seeds = topic_vectors.sampled_kmeans_plusplus(vectors, k, np.random.RandomState(k), size=100)
        state = np.random.RandomState(k)
        rows = state.choice(300, 100, replace=False)
        np.testing.assert_array_equal(seeds, kmeans_plusplus(vectors[rows], k, random_state=state)[0])
        assert len({tuple(row) for row in seeds}) == k


def test_race_keeps_close_ks_and_drops_clear_losers() -> None:
    scores = {3: [0.30, 0.32, 0.31], 5: [0.60, 0.70, 0.65], 6: [0.62, 0.58, 0.66], 9: [0.50, 0.52, 0.51]}
    assert _race_leaders(scores) == [5, 6]


def test_racing_picks_the_full_search_k(monkeypatch: pytest.MonkeyPatch) -> None:
    langs = ["en"] * len(CORPUS)
    raced = TopicModel(k_range=(2, 6)).fit(CORPUS, languages=langs)
    monkeypatch.setattr("monitor.topics.model.RACE_SE", np.inf)  # no k drops out
    full = TopicModel(k_range=(2, 6)).fit(CORPUS, languages=langs)
    assert sorted(raced.k_scores_) == sorted(full.k_scores_) == [2, 3, 4]  # k <= 24 docs // 5
    assert raced.n_topics_ == full.n_topics_ == 3
    np.testing.assert_array_equal(raced.labels_, full.labels_)


# --- one topic across languages, Other, catch-alls -----------------------------------------

ROAMING_SL = "gostovanje dopust tujini potovanja poletje paket podatkov"
ROAMING_EN = "abroad holiday travel summer pack data trip"
GAMING_SL = "turnir igralci ekipa tekmovanje nagrade prijave konzola"
GAMING_EN = "tournament players team league prizes teams console"


def _bilingual(words: str, tags: str, n: int, offset: int) -> list[str]:
    """Posts of one subject in one language, each with one of the subject's hashtags or emoji
    (the anchors every language shares)."""
    anchors = tags.split()
    return [f"{doc} {anchors[i % len(anchors)]}" for i, doc in enumerate(_docs(words, n, offset))]


def test_a_subject_written_in_two_languages_is_one_topic() -> None:
    roaming = "#roaming #travel #summer #eu ✈️ 🌍 🏖️ 🧳"
    gaming = "#esports #gaming #cs2 #lan 🎮 🏆 🕹️ 👾"
    texts = (
        _bilingual(ROAMING_SL, roaming, 16, 0)
        + _bilingual(ROAMING_EN, roaming, 16, 2)
        + _bilingual(GAMING_SL, gaming, 16, 4)
        + _bilingual(GAMING_EN, gaming, 16, 1)
    )
    langs = (["sl"] * 16 + ["en"] * 16) * 2
    model = TopicModel(n_topics=2).fit(texts, languages=langs)
    assert model.word_vectors_ is not None
    assert _same_partition(model.labels_, np.repeat([0, 1], 32))
    labels, _scores = model.transform(["turnir ekipa nagrade #esports 🎮"], languages=["sl"])
    assert labels[0] == model.labels_[-1]


def test_a_post_far_from_every_topic_goes_to_other() -> None:
    model = TopicModel(n_topics=3, other_below=0.45).fit(CORPUS, languages=["en"] * 24)
    mixed, football = "striker goal recipe oven battery screen", "football match goal striker league"
    labels, scores = model.transform([mixed, football], languages=["en", "en"])
    assert labels.tolist() == [NO_TOPIC, model.labels_[0]]
    assert scores[0] < 0.45 <= scores[1]


def test_a_tight_group_among_the_misfits_is_a_topic_of_its_own() -> None:
    rng = np.random.default_rng(0)
    groups = [0] * 5 + [2] * 12 + [3] * 12 + [4] * 4  # the last: too few for a topic
    vectors = np.vstack([np.eye(6)[i] + 0.05 * rng.standard_normal(6) for i in groups])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    labels = np.array([0] * 5 + [NO_TOPIC] * 28)
    found = TopicModel()._topics_in_other(vectors, labels)
    assert (found[:5] == 0).all()
    assert len(set(found[5:17])) == len(set(found[17:29])) == 1  # each group one topic
    assert found[5] != found[17] and min(found[5], found[17]) >= 1
    assert (found[29:] == NO_TOPIC).all()


def test_labels_lead_with_no_chat_words() -> None:
    chat = " just thanks like really got"
    texts = [doc + chat for doc in CORPUS]
    model = TopicModel(n_topics=3).fit(texts, languages=["en"] * 24)
    label_words = {w for label in model.topic_labels_ for w in label.replace("·", " ").split()}
    assert not label_words & set(chat.split())


def test_catch_all_is_cut_but_a_big_tight_topic_stays() -> None:
    rng = np.random.default_rng(0)
    tight = [np.eye(8)[i] + 0.05 * rng.standard_normal((10, 8)) for i in range(3)]
    loose = rng.standard_normal((70, 8))
    vectors = np.vstack([*tight, loose])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    labels = np.repeat([0, 1, 2, 3], [10, 10, 10, 70])
    assert set(topic_vectors.catch_all_pieces(vectors, labels, 0.25, 0.85)) == {3}
    big_tight = np.vstack([np.eye(8)[3] + 0.05 * rng.standard_normal((70, 8)), *tight])
    big_tight /= np.linalg.norm(big_tight, axis=1, keepdims=True)
    labels = np.repeat([3, 0, 1, 2], [70, 10, 10, 10])
    assert topic_vectors.catch_all_pieces(big_tight, labels, 0.25, 0.85) == {}


def test_one_small_feeds_jargon_never_leads_a_label() -> None:
    texts = [doc + (" adwords api adwords" if i < 3 else "") for i, doc in enumerate(CORPUS)]
    sources = ["small blog"] * 3 + ["news"] * 21
    langs = ["en"] * 24
    blind = TopicModel(n_topics=3).fit(texts, languages=langs)
    assert "adwords" in blind.topic_labels_[blind.labels_[0]]  # the jargon does lead without sources
    model = TopicModel(n_topics=3).fit(texts, languages=langs, sources=sources)
    assert "adwords" not in model.topic_labels_[model.labels_[0]]
    assert "api" not in model.topic_labels_[model.labels_[0]]
