"""Coverage, topic classes, distinctive terms and brand similarity on small inline markets."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from monitor import models
from monitor.analysis import distinctive_terms as distinctive_terms_module
from monitor.analysis.differentiation import (
    CLASS_COLUMNS,
    COVERAGE_COLUMNS,
    MIN_STORIES_FOR_ADVICE,
    brand_map,
    brand_similarity,
    classify_topics,
    coverage_matrix,
    differentiation_sentences,
    other_sentence,
)
from monitor.analysis.distinctive_terms import (
    TERM_COLUMNS,
    build_term_index,
    distinctive_terms,
    fightin_words,
)
from monitor.errors import MonitorError

US = "Lipa Mobil"
RIVALS = ("Alpcom", "DravaNet", "Kras Telekom", "Modri Val")


def market(rows: list[tuple[str, int | None, str]], text: str = "") -> pd.DataFrame:
    """(brand, topic id or None, story id) -> a posts-with-topics frame; label = 't<id>'."""
    frame = models.posts_frame(
        {models.POST_ID: f"p{i}", models.BRAND: brand, models.TEXT: text, models.LANGUAGE: "en"}
        for i, (brand, _topic, _story) in enumerate(rows)
    )
    topics = pd.array([topic for _b, topic, _s in rows], dtype="Int64")
    frame["topic_id"] = topics
    frame["topic_label"] = [None if pd.isna(t) else f"t{t}" for t in topics]
    frame["story_id"] = [story for _b, _t, story in rows]
    return frame


def posts(brand: str, topic: int | None, n: int) -> list[tuple[str, int | None, str]]:
    """n distinct stories of one brand on one topic."""
    return [(brand, topic, f"{brand}-{topic}-{i}") for i in range(n)]


def padded(rows: list, total: int = 20) -> list:
    """Each brand filled up to `total` stories with the filler topic 99."""
    counts = pd.Series([b for b, _t, _s in rows]).value_counts()
    return rows + [r for b in (US, *RIVALS) for r in posts(b, 99, total - int(counts.get(b, 0)))]


PLANTED = market(
    padded(
        # esports: every competitor, never us
        [r for b in RIVALS for r in posts(b, 1, 5)]
        # seniors: only us
        + posts(US, 2, 5)
        # 5G: everyone
        + [r for b in (US, *RIVALS) for r in posts(b, 3, 4)]
        # fibre: us and one competitor
        + posts(US, 4, 4)
        + posts("Alpcom", 4, 4)
        # opera: one competitor only
        + posts("Modri Val", 5, 5)
        # knitting: two posts each, nobody covers it
        + posts("Alpcom", 6, 2)
        + posts("DravaNet", 6, 2)
        + posts("Kras Telekom", 6, 2)
        # quiz: only us, but 4 stories in all are too few for advice
        + posts(US, 7, 4)
    )
)


def class_of(classes: pd.DataFrame, topic: int) -> str:
    return classes.set_index("topic_id").loc[topic, "class"]


@pytest.mark.parametrize(
    ("topic", "expected"),
    [
        (1, "gap"),
        (2, "own_angle"),
        (3, "crowded"),
        (4, "shared"),
        (5, "niche"),
        (6, "uncovered"),
        (7, "too_small"),
    ],
)
def test_planted_topics_get_their_class(topic: int, expected: str) -> None:
    assert class_of(classify_topics(PLANTED, US), topic) == expected


def test_classes_come_gaps_first_and_by_competitor_share_within_a_class() -> None:
    # The Differentiation page shows this order as it is: what to act on leads.
    classes = classify_topics(PLANTED, US)
    leading = ["gap", "own_angle", "niche", "shared", "crowded", "uncovered", "too_small"]
    assert list(dict.fromkeys(classes["class"])) == leading
    for _cls, rows in classes.groupby("class", sort=False):
        assert rows["mean_competitor_share"].is_monotonic_decreasing


def test_gap_explanation_names_the_competitors_and_the_numbers() -> None:
    row = classify_topics(PLANTED, US).set_index("topic_id").loc[1]
    assert row["competitors_covering"] == ["Alpcom", "DravaNet", "Kras Telekom", "Modri Val"]
    assert row["explanation"] == (
        "Alpcom, DravaNet, Kras Telekom and Modri Val post about t1 (avg 25.0% of their posts); "
        "Lipa Mobil has 0 posts on it (0.0% of its posts)."
    )
    assert row["ratio"] == math.inf


def test_own_angle_explanation() -> None:
    row = classify_topics(PLANTED, US).set_index("topic_id").loc[2]
    assert (
        row["explanation"]
        == "Only Lipa Mobil covers t2: 5 posts, 25.0% of its posts; no competitor has a post on it."
    )


def test_one_post_does_not_make_coverage() -> None:
    # 1 of a competitor's 2 posts is 50 %, but one post is no pattern: no gap.
    frame = market(posts(US, 9, 10) + posts("Alpcom", 1, 1) + posts("Alpcom", 9, 1))
    assert class_of(classify_topics(frame, US, min_stories=1), 1) == "uncovered"


def test_a_tiny_share_does_not_make_coverage() -> None:
    # 3 posts of a competitor's 300 (1 %) are stray mentions, not coverage.
    frame = market(posts(US, 9, 10) + posts("Alpcom", 1, 3) + posts("Alpcom", 9, 297))
    assert class_of(classify_topics(frame, US, min_stories=1), 1) == "uncovered"


def test_a_story_counts_once_per_brand() -> None:
    copies = [("Alpcom", 1, "s1")] * 3 + [("Lipa Mobil", 1, "s1"), ("Alpcom", None, "s2")]
    coverage = coverage_matrix(market(copies)).set_index("brand")
    assert coverage.loc["Alpcom", "n_posts"] == 1
    assert coverage.loc["Lipa Mobil", "n_posts"] == 1
    assert coverage.loc["Alpcom", "brand_total"] == 2  # the post without a topic still counts


def test_coverage_shares() -> None:
    frame = market(posts(US, 1, 1) + posts(US, 2, 3) + posts("Alpcom", 1, 4))
    coverage = coverage_matrix(frame).set_index(["topic_id", "brand"])
    assert coverage.loc[(1, US), "share"] == 0.25
    assert coverage.loc[(2, "Alpcom"), "n_posts"] == 0  # zero-filled
    assert coverage.loc[(1, US), "topic_share_all"] == 5 / 8


def test_own_brand_missing_is_an_error() -> None:
    with pytest.raises(MonitorError, match="Lipa Mobil"):
        classify_topics(market(posts("Alpcom", 1, 5)), US)


def test_sentences_lead_with_the_gap_and_own_angle() -> None:
    classes = classify_topics(PLANTED, US)
    sentences = differentiation_sentences(classes, coverage_matrix(PLANTED), US, max_sentences=3)
    assert len(sentences) == 3
    assert sentences[0].startswith("Alpcom, DravaNet, Kras Telekom and Modri Val post about t1")
    assert sentences[1].startswith("Only Lipa Mobil covers t2")


def test_sentences_name_who_over_posts_us() -> None:
    frame = market(
        padded(posts(US, 3, 3) + posts("Alpcom", 3, 12) + [r for b in RIVALS[1:] for r in posts(b, 3, 3)])
    )
    sentences = differentiation_sentences(classify_topics(frame, US), coverage_matrix(frame), US)
    assert "Alpcom posts 4.0x our share on t3 (60.0% of its posts vs 15.0% of ours)." in sentences


def test_posts_without_a_topic_are_never_classed_but_count_in_each_brand_total() -> None:
    frame = market(posts(US, 1, 5) + posts("Alpcom", 1, 5) + posts(US, None, 15) + posts("Alpcom", None, 5))
    coverage, classes = coverage_matrix(frame), classify_topics(frame, US)
    assert coverage["topic_id"].tolist() == [1, 1] and classes["topic_id"].tolist() == [1]
    assert coverage.set_index("brand")["brand_total"].to_dict() == {"Alpcom": 10, US: 20}
    assert other_sentence(coverage).startswith(
        f"20 of the brands' 30 posts (67%) are in {models.OTHER_LABEL}"
    )
    assert other_sentence(coverage_matrix(market(posts(US, 1, 5)))) == ""


def test_a_topic_under_the_advice_floor_gets_no_class_and_no_headline() -> None:
    small = market(padded(posts(US, 1, MIN_STORIES_FOR_ADVICE - 1)))  # only us: an own angle, if larger
    row = classify_topics(small, US).set_index("topic_id").loc[1]
    assert row["class"] == "too_small" and row["own_posts"] == MIN_STORIES_FOR_ADVICE - 1
    assert row["explanation"] == "t1 has 4 stories in this selection: too few to judge (at least 5 needed)."
    sentences = differentiation_sentences(classify_topics(small, US), coverage_matrix(small), US)
    assert not any("t1" in sentence for sentence in sentences)
    enough = market(padded(posts(US, 1, MIN_STORIES_FOR_ADVICE)))
    assert class_of(classify_topics(enough, US), 1) == "own_angle"
    assert any(
        "t1" in s for s in differentiation_sentences(classify_topics(enough, US), coverage_matrix(enough), US)
    )


def test_the_floor_counts_a_story_once_however_many_brands_carry_it() -> None:
    joint = [(brand, 1, f"s{i}") for brand in (US, *RIVALS) for i in range(4)]  # 4 stories, 20 copies
    assert class_of(classify_topics(market(padded(joint)), US), 1) == "too_small"


def test_empty_frame_gives_empty_results_with_columns() -> None:
    empty = market([])
    assert list(coverage_matrix(empty).columns) == COVERAGE_COLUMNS
    assert list(classify_topics(empty, US).columns) == CLASS_COLUMNS
    assert list(distinctive_terms(empty).columns) == TERM_COLUMNS
    assert list(distinctive_terms(corpus([("A", ""), ("B", "the and")])).columns) == TERM_COLUMNS
    assert list(brand_similarity(empty).columns) == ["brand_a", "brand_b", "similarity"]
    assert differentiation_sentences(classify_topics(empty, US), coverage_matrix(empty), US) == []


# --- distinctive terms ----------------------------------------------------------------------


def corpus(rows: list[tuple[str, str]]) -> pd.DataFrame:
    """(brand, text) -> a frame of one story per post."""
    frame = market([(brand, 1, f"s{i}") for i, (brand, _text) in enumerate(rows)])
    frame[models.TEXT] = [text for _brand, text in rows]
    return frame


FILLER = ["network package offer today", "customers enjoy summer offer", "package price news"]


def test_prior_keeps_a_one_off_word_below_a_habit() -> None:
    ours = [("Alpcom", "gigabit " + FILLER[i % 3]) for i in range(30)] + [("Alpcom", "zanzibar")]
    theirs = [("Kras Telekom", FILLER[i % 3]) for i in range(60)] + [("Kras Telekom", "gigabit news")] * 2
    terms = distinctive_terms(corpus(ours + theirs), min_count=1, n_terms=50)
    alpcom = terms[terms["brand"] == "Alpcom"].set_index("term")
    assert alpcom.loc["gigabit", "count_brand"] == 30 and alpcom.loc["gigabit", "count_others"] == 2
    assert alpcom.loc["zanzibar", "count_others"] == 0
    assert alpcom.loc["gigabit", "rank"] < alpcom.loc["zanzibar", "rank"]


def test_prior_shrinks_the_log_odds_of_a_one_off_word() -> None:
    frame = corpus(
        [("Alpcom", "zanzibar")] + [(b, FILLER[i % 3]) for b in ("Alpcom", "Kras Telekom") for i in range(30)]
    )

    def delta(prior: float) -> float:
        terms = distinctive_terms(frame, prior=prior, min_count=1, n_terms=50).set_index("term")
        return terms.loc["zanzibar", "delta"]

    assert delta(1.0) < delta(0.01) / 3


def test_copies_of_a_story_count_once() -> None:
    frame = corpus([("Alpcom", "roaming")] * 3 + [("Kras Telekom", "fiber news")])
    frame["story_id"] = ["s", "s", "s", "k"]
    terms = distinctive_terms(frame, min_count=1).set_index("term")
    assert terms.loc["roaming", "count_brand"] == 1


def test_brand_names_are_not_distinctive_terms() -> None:
    frame = corpus([("Alpcom", "alpcom alpcomnet fiber")] * 5 + [("Kras Telekom", "kras news")] * 5)
    assert set(distinctive_terms(frame, min_count=1)["term"]) == {"fiber", "news"}


def test_a_phrase_is_listed_once_as_a_bigram() -> None:
    frame = corpus([("Alpcom", "digital workshops seniors")] * 5 + [("Kras Telekom", "fiber news")] * 5)
    terms = distinctive_terms(frame, min_count=1)
    assert terms[terms["brand"] == "Alpcom"]["term"].tolist() == ["digital workshops"]


def test_a_term_index_of_all_posts_gives_the_same_terms_for_a_selection() -> None:
    ours = [("Alpcom", f"gigabit fiber {FILLER[i % 3]}") for i in range(20)]
    theirs = [
        (b, f"{word} {FILLER[i % 3]}")
        for b, word in (("Kras Telekom", "roaming"), ("Modri Val", "esports"))
        for i in range(20)
    ]
    frame = corpus(ours + theirs)
    index = build_term_index(frame)
    for selection in (frame, frame[frame["brand"] != "Modri Val"], frame.iloc[::3]):
        expected = distinctive_terms(selection, min_count=1, n_terms=50)
        pd.testing.assert_frame_equal(
            distinctive_terms(selection, min_count=1, n_terms=50, index=index), expected
        )
    assert "esports" not in set(distinctive_terms(frame[frame["brand"] != "Modri Val"], index=index)["term"])


def test_a_post_missing_from_the_index_falls_back_to_tokenizing() -> None:
    frame = corpus([("Alpcom", "gigabit fiber")] * 5 + [("Kras Telekom", "roaming news")] * 5)
    stale = build_term_index(frame.iloc[:6])  # made before the last posts arrived
    pd.testing.assert_frame_equal(
        distinctive_terms(frame, min_count=1, index=stale), distinctive_terms(frame, min_count=1)
    )


def recorded_calls(monkeypatch, name: str) -> list[tuple]:
    """The arguments of every call to distinctive_terms.<name>, which still does its work."""
    calls: list[tuple] = []
    real = getattr(distinctive_terms_module, name)
    monkeypatch.setattr(distinctive_terms_module, name, lambda *args: calls.append(args) or real(*args))
    return calls


def test_an_index_built_on_the_previous_one_tokenizes_only_new_and_edited_posts(monkeypatch) -> None:
    rows = [("Alpcom", f"gigabit {FILLER[i % 3]}") for i in range(8)]
    rows += [("Kras Telekom", f"roaming {FILLER[i % 3]}") for i in range(8)]
    before = corpus(rows)
    after = corpus(rows + [("Modri Val", "esports league tonight")] * 3)
    after.loc[after.index[0], models.TEXT] = "satellite phones"  # an edited post
    previous = build_term_index(before)
    calls = recorded_calls(monkeypatch, "_term_matrix")
    index = build_term_index(after, previous=previous)
    tokenized = [text for texts, _languages in calls for text in texts]
    assert sorted(tokenized) == sorted(["satellite phones"] + ["esports league tonight"] * 3)
    fresh = build_term_index(after)
    for selection in (after, after.iloc[::2]):
        pd.testing.assert_frame_equal(
            distinctive_terms(selection, min_count=1, index=index),
            distinctive_terms(selection, min_count=1, index=fresh),
        )
    first = index.matrix[0].indices
    assert set(index.terms[first]) == {"satellite", "phones", "satellite phones"}


def test_an_index_built_on_one_of_an_empty_store_tokenizes_every_post() -> None:
    # The first export ran on an empty store, the next one after a fetch: it crashed on the
    # empty index's signatures.
    posts = corpus([("Alpcom", f"gigabit {FILLER[i % 3]}") for i in range(6)])
    index = build_term_index(posts, previous=build_term_index(posts.iloc[:0]))
    fresh = build_term_index(posts)
    assert list(index.terms) == list(fresh.terms)
    assert (index.matrix != fresh.matrix).nnz == 0


# --- similarity -----------------------------------------------------------------------------


def test_similarity_of_topic_profiles() -> None:
    frame = market(
        posts("A", 1, 4) + posts("A", 2, 4) + posts("B", 1, 2) + posts("B", 2, 2) + posts("C", 3, 5)
    )
    similarity = brand_similarity(frame).set_index(["brand_a", "brand_b"])["similarity"]
    assert similarity[("A", "B")] == pytest.approx(1.0)
    assert similarity[("A", "C")] == pytest.approx(0.0)
    assert similarity[("B", "A")] == similarity[("A", "B")]
    coords = brand_map(frame).set_index("brand")
    assert coords.loc["A", "x"] == pytest.approx(coords.loc["B", "x"])
    assert abs(coords.loc["C", "x"] - coords.loc["A", "x"]) > 0.5


def test_log_odds_of_some_terms_equal_those_columns_of_all_terms() -> None:
    rng = np.random.default_rng(11)
    counts = rng.poisson(2.0, (4, 60)).astype(float)
    prior = counts.sum(axis=0) / counts.sum() * 30
    columns = np.array([0, 7, 8, 41, 59])
    delta, z = fightin_words(counts, prior)
    some_delta, some_z = fightin_words(counts, prior, columns=columns)
    np.testing.assert_allclose(some_delta, delta[:, columns], rtol=1e-12)
    np.testing.assert_allclose(some_z, z[:, columns], rtol=1e-12)


def test_no_term_used_often_enough_gives_an_empty_table() -> None:
    frame = corpus([("Alpcom", "gigabit fiber"), ("Kras Telekom", "roaming news")])
    terms = distinctive_terms(frame, min_count=3)
    assert terms.empty and list(terms.columns) == TERM_COLUMNS


def test_term_matrix_rows_follow_the_texts_with_repeats_tokenized_once(monkeypatch) -> None:
    texts = ["gigabit roaming", "esports league", "gigabit roaming", "the and of"]
    languages = ["en", "en", "en", "en"]
    real = distinctive_terms_module.story_terms
    calls = recorded_calls(monkeypatch, "story_terms")

    matrix, terms = distinctive_terms_module._term_matrix(texts, languages)

    assert sorted(text for text, _language in calls) == sorted(set(texts))  # the repeated text once
    rows = [set(terms[matrix[i].indices]) for i in range(len(texts))]
    assert rows == [set(real(t, "en")) for t in texts]
    assert rows[0] == {"gigabit", "roaming", "gigabit roaming"} and rows[3] == set()


def test_term_matrix_of_stop_words_only_has_a_row_per_text_and_no_columns() -> None:
    matrix, terms = distinctive_terms_module._term_matrix(["the and of", "in on at"], ["en", "en"])
    assert matrix.shape == (2, 0) and len(terms) == 0
