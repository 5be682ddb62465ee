"""Language detection of short posts (monitor.ingest.language)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from monitor.ingest.language import detect_language, detect_languages

SAMPLE = Path(__file__).parent / "data" / "language" / "short_posts.csv"


def _sample() -> list[tuple[str, str]]:
    with SAMPLE.open(encoding="utf-8", newline="") as f:
        return [(row["language"], row["text"]) for row in csv.DictReader(f)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hvala vsem, ki ste se včeraj udeležili našega dogodka v Ljubljani! 🎉", "sl"),
        ("Zaradi vzdrževalnih del bo spletna banka v nedeljo nedosegljiva.", "sl"),
        ("Še tri dni do odprtja nove trgovine v Novem mestu!", "sl"),
        ("Hvala svima koji su sinoć došli na događaj u Zagrebu! Vidimo se sljedeće godine.", "hr"),
        ("Tko je već probao naš novi burger s pršutom i tartufima? 🍔", "hr"),
        ("Cijene goriva sutra padaju za dva centa po litri.", "hr"),
        ("Da li ste znali da račune možete da platite telefonom? Jednostavno i bezbedno.", "sr"),
        ("Thanks to everyone who came to last night's launch, see you next year!", "en"),
        ("Unsere Filiale in Graz bleibt am Samstag wegen Inventur geschlossen.", "de"),
        ("新しい料金プランが登場しました!データ無制限で月額1,980円です。", "ja"),
        ("週末限定セール開催中!全品20%オフ", "ja"),
    ],
)
def test_short_posts_get_their_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [None, "", "OK 👍", "Bravo!!! 🎉🎉", "https://www.telekom.si/ponudba", "#BlackFriday @mercator_si"],
)
def test_too_short_to_tell_is_none(text: str | None) -> None:
    assert detect_language(text) is None


def test_urls_and_handles_do_not_count() -> None:
    # the English-looking URL and handle must neither decide nor count as letters
    post = "@TheBestShopEverInTown https://www.example.com/summer-sale-starts-today Hvala vsem!"
    assert detect_language(post) is None
    slovenian = "Poletna razprodaja se začne v ponedeljek, popusti do 50 % na vso obutev."
    noisy = f"@BestShopEver {slovenian} https://shop.example.com/great-summer-sale-for-everyone"
    assert detect_language(noisy) == detect_language(slovenian) == "sl"


def test_hashtag_words_count_as_words_of_the_post() -> None:
    # demo posts like this one were labeled hr/eo when their tags were dropped
    assert detect_language("Reciklirajte stari telefon\n\n#trajnost #zeleno #recikliranje") == "sl"


def test_sample_is_large_and_labeled_as_promised() -> None:
    counts: dict[str, int] = {}
    for language, text in _sample():
        counts[language] = counts.get(language, 0) + 1
        assert 1 <= len(text.split()) <= 30, text
    minimum = {"sl": 60, "en": 60, "hr": 25, "sr": 15, "de": 15, "it": 10}
    assert all(counts.get(lang, 0) >= n for lang, n in minimum.items()), counts


def test_slovenian_and_croatian_are_kept_apart_on_the_sample() -> None:
    rows = _sample()
    predicted = detect_languages([text for _, text in rows])
    sl = [p for (gold, _), p in zip(rows, predicted, strict=True) if gold == "sl"]
    hr = [p for (gold, _), p in zip(rows, predicted, strict=True) if gold == "hr"]
    # bench/quality/language_detection.py: 68/68 sl; hr 26/28 ("Pozdrav iz Dubrovnika!" -> sl, and
    # "Uskoro stiže nešto veliko. Pratite nas!", which is also Serbian, -> sr)
    assert sum(p == "sl" for p in sl) >= len(sl) - 1
    assert sum(p == "sl" for p in hr) <= 2
    assert sum(p == "hr" for p in hr) >= len(hr) - 3


def test_sample_accuracy_per_language() -> None:
    rows = _sample()
    predicted = detect_languages([text for _, text in rows])
    for language, floor in {"en": 0.95, "de": 1.0, "it": 1.0, "sr": 0.8, "ja": 1.0}.items():
        pairs = [(g, p) for (g, _), p in zip(rows, predicted, strict=True) if g == language]
        share = sum(g == p for g, p in pairs) / len(pairs)
        assert share >= floor, (language, share)


def test_batch_gives_the_same_answers_as_one_by_one() -> None:
    texts = [text for _, text in _sample()] + [None, "", "OK 👍", "A" * 5000, "ČŠŽ " * 40]
    assert detect_languages(texts) == [detect_language(t) for t in texts]
