"""Tests of monitor.topics.text: folding, stop words, noise removal and spaceless scripts."""

from monitor.topics.text import fold_accents, tokenize


def test_slovenian_stop_words_removed() -> None:
    assert tokenize("Kdo je in kaj pa to zmagala ekipa") == ["zmagala", "ekipa"]


def test_english_stop_words_removed() -> None:
    # stopwords-iso's English list, the one source for every language, also drops "new"
    assert tokenize("The launch of the new phone is on Monday") == ["launch", "phone", "monday"]


def test_accents_folded_for_matching() -> None:
    assert tokenize("Novičke café") == tokenize("novicke cafe") == ["novicke", "cafe"]


def test_accented_stop_word_removed_in_both_spellings() -> None:
    assert tokenize("že tekma") == tokenize("ze tekma") == ["tekma"]


def test_fold_keeps_japanese_voicing_marks() -> None:
    assert fold_accents("ゲーム") == "ゲーム"


def test_urls_and_handles_dropped() -> None:
    tokens = tokenize("Launch @acme_si https://t.co/abc www.acme.si/new telekom")
    assert tokens == ["launch", "telekom"]


def test_hashtags_kept_without_hash() -> None:
    assert tokenize("Fast #5G network #Telekom") == ["fast", "5g", "network", "telekom"]


def test_numbers_and_emoji_dropped_but_model_names_kept() -> None:
    assert tokenize("2024 price 😀 PS5 19.99") == ["price", "ps5"]


def test_japanese_text_not_empty() -> None:
    tokens = tokenize("今日は新しいゲームを買いました")
    assert "ゲーム" in tokens and "今日" in tokens


def test_serbian_cyrillic_meets_latin() -> None:
    assert tokenize("Утакмица") == tokenize("utakmica")
