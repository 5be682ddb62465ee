"""Topic lineage across runs, on small hand-made term profiles."""

from monitor.topics.lineage import CONTINUED, MERGED, NEW, RETIRED, SPLIT, match_topics, profile_similarity

FIBRE = {"optika": 1.0, "internet": 0.8, "hitrost": 0.5}
FIBRE_LATER = {"optika": 0.9, "internet": 0.9, "gigabit": 0.4}
ROAMING = {"gostovanje": 1.0, "poletje": 0.7, "eu": 0.5}
ESPORTS = {"esport": 1.0, "turnir": 0.8, "gaming": 0.6}
ESIM = {"esim": 1.0, "aktivacija": 0.6}


def test_identical_profiles_are_fully_similar_and_disjoint_ones_not_at_all():
    matrix = profile_similarity([FIBRE, ROAMING], [FIBRE, ESPORTS])
    assert abs(matrix[0, 0] - 1.0) < 1e-9
    assert matrix[1, 1] == 0.0


def test_continuing_topics_keep_their_ids_in_any_order():
    lineage = match_topics({7: FIBRE, 9: ROAMING}, [ROAMING, FIBRE_LATER], next_id=10)
    assert lineage.ids == (9, 7)
    assert lineage.fate_of(7).status == CONTINUED


def test_a_new_topic_gets_the_next_free_id():
    lineage = match_topics({7: FIBRE}, [FIBRE, ESIM], next_id=12)
    assert lineage.ids == (7, 12)
    assert lineage.fate_of(12).status == NEW


def test_a_topic_that_disappears_is_retired():
    lineage = match_topics({7: FIBRE, 9: ESPORTS}, [FIBRE], next_id=10)
    assert lineage.fate_of(9).status == RETIRED
    assert lineage.fate_of(9).related == ()


def test_two_topics_that_become_one_are_merged():
    fibre_only = {"optika": 1.0, "priključek": 0.6}
    speed_only = {"internet": 1.0, "hitrost": 0.9}
    lineage = match_topics({1: fibre_only, 2: speed_only}, [FIBRE], next_id=3)
    merged = lineage.fate_of(lineage.ids[0])
    assert merged.status == MERGED
    assert set(merged.related) == {1, 2}
    absorbed = next(f for f in lineage.fates if f.status == RETIRED)
    assert absorbed.related == (lineage.ids[0],)


def test_one_topic_that_becomes_two_is_split():
    fibre_only = {"optika": 1.0, "priključek": 0.6}
    speed_only = {"internet": 1.0, "hitrost": 0.9}
    both = {**fibre_only, **speed_only}
    lineage = match_topics({5: both}, [fibre_only, speed_only], next_id=6)
    assert 5 in lineage.ids and 6 in lineage.ids
    assert {f.status for f in lineage.fates} == {SPLIT}
    assert all(f.related == (5,) for f in lineage.fates)


def test_first_run_has_only_new_topics():
    lineage = match_topics({}, [FIBRE, ROAMING], next_id=1)
    assert lineage.ids == (1, 2)
    assert [f.status for f in lineage.fates] == [NEW, NEW]
