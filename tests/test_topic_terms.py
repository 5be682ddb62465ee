"""A topic's label as a person reads it: no word twice, in any form."""

from monitor.topics.terms import readable_terms, same_word, unique_labels


def test_a_bigram_takes_the_place_of_the_word_it_contains():
    assert readable_terms(["zemmour", "eric zemmour", "macron"]) == ["eric zemmour", "macron"]


def test_two_forms_of_one_word_show_once():
    assert readable_terms(["optika", "optiko", "hitrost"]) == ["optika", "hitrost"]
    assert unique_labels([readable_terms(["optika", "optiko", "hitrost"])]) == ["optika · hitrost"]


def test_a_bigram_adding_nothing_new_is_dropped():
    assert readable_terms(["esports gaming", "gaming", "turnir"]) == ["esports gaming", "turnir"]
    assert readable_terms(["debat", "debat debat", "faut"]) == ["debat", "faut"]


def test_same_word_needs_a_real_shared_stem():
    assert same_word("games", "game")
    assert not same_word("unis", "united")
    assert not same_word("tv", "tw")


def test_two_pairs_sharing_a_word_show_once():
    assert readable_terms(["blogger fired", "fired airline", "jet"]) == ["blogger fired", "jet"]
