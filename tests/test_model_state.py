"""A topic model stored as data (monitor.topics.model_state): it round-trips exactly, holds
no pickle, and anything else (a pickle, another version, a wrong shape) is refused with a
message that says to refit."""

from __future__ import annotations

import io
import json
import pickle
import zipfile
from pathlib import Path

import numpy as np
import pytest

from monitor.topics import model_state
from monitor.topics.model import TopicModel
from monitor.topics.model_state import (
    ModelStateError,
    model_from_blob,
    model_to_blob,
    pack,
    state_arrays,
    state_document,
)
from tests.hostile_pickle import hostile_object, hostile_pickle

ROAMING = {
    "sl": "gostovanje dopust tujini potovanja poletje paket podatkov",
    "en": "abroad holiday travel summer pack data trip",
}
GAMING = {
    "sl": "turnir igralci ekipa tekmovanje nagrade prijave konzola",
    "en": "tournament players team league prizes teams console",
}
TAGS = {"roaming": "#roaming #travel #summer #eu ✈️ 🌍", "gaming": "#esports #gaming #cs2 #lan 🎮 🏆"}
NEW_POSTS = [
    "turnir ekipa nagrade #esports 🎮",
    "holiday data pack abroad #roaming",
    "poletje potovanja tujini ✈️",
    "league prizes console teams",
    "something else entirely about a bakery",
    "🎮",
    "",
]
NEW_LANGUAGES = ["sl", "en", "sl", "en", "en", "", "en"]
REFIT = "python -m monitor topics refit"


def _posts(words: str, tags: str, offset: int) -> list[str]:
    """16 posts of one subject in one language, each with one of the shared hashtags or emoji."""
    vocab, anchors = words.split(), tags.split()
    return [
        " ".join(vocab[(i + offset + j) % len(vocab)] for j in range(5)) + f" {anchors[i % len(anchors)]}"
        for i in range(16)
    ]


TEXTS = [
    post
    for subject, tags in ((ROAMING, TAGS["roaming"]), (GAMING, TAGS["gaming"]))
    for offset, language in enumerate(("sl", "en"))
    for post in _posts(subject[language], tags, offset)
]
LANGUAGES = (["sl"] * 16 + ["en"] * 16) * 2


@pytest.fixture(scope="module")
def fitted() -> TopicModel:
    """Two subjects in two languages: every part is there (LSA, word vectors, language centres)."""
    model = TopicModel(n_topics=2).fit(TEXTS, languages=LANGUAGES)
    assert model.svd_ is not None and model.word_vectors_ is not None
    assert set(model.language_centroids_) == set(model.word_language_centroids_) == {"en", "sl"}
    return model


def tampered(model: TopicModel, document: dict | None = None, **arrays: np.ndarray | None) -> bytes:
    """The model's blob with document keys and arrays replaced (None: array left out)."""
    stored = state_arrays(model) | arrays
    return pack(state_document(model) | (document or {}), {k: v for k, v in stored.items() if v is not None})


@pytest.mark.parametrize(
    "model",
    [
        pytest.param(None, id="every part"),
        pytest.param(TopicModel(n_topics=2, word_weight=0), id="without word vectors"),
        pytest.param(TopicModel(n_topics=2, center_languages=False), id="without language centres"),
    ],
)
def test_a_stored_model_assigns_new_posts_as_the_fitted_one_does(fitted, model) -> None:
    model = fitted if model is None else model.fit(TEXTS, languages=LANGUAGES)

    loaded = model_from_blob(model_to_blob(model))

    labels, scores = model.transform(NEW_POSTS, NEW_LANGUAGES)
    loaded_labels, loaded_scores = loaded.transform(NEW_POSTS, NEW_LANGUAGES)
    assert loaded_labels.tolist() == labels.tolist()
    np.testing.assert_allclose(loaded_scores, scores, rtol=0, atol=1e-9)
    assert loaded.topic_labels_ == model.topic_labels_


def test_languages_are_detected_for_posts_without_one(fitted) -> None:
    loaded = model_from_blob(model_to_blob(fitted))

    np.testing.assert_array_equal(loaded.transform(NEW_POSTS)[0], fitted.transform(NEW_POSTS)[0])


def test_the_stored_model_holds_no_pickle(fitted) -> None:
    blob = model_to_blob(fitted)

    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        for name in archive.namelist():
            array = np.load(io.BytesIO(archive.read(name)), allow_pickle=False)
            assert array.dtype.kind in "fu", name  # numbers only: no object arrays, no pickles


def test_a_pickle_that_runs_code_is_refused_and_never_runs(tmp_path: Path, fitted) -> None:
    canary, target = tmp_path / "canary", tmp_path / "target"
    pickle.loads(hostile_pickle(canary))
    assert canary.exists()  # the payload is live: loading it does write the file
    payload = np.array([hostile_object(target)], dtype=object)
    blobs = {
        "a bare pickle": hostile_pickle(target),
        "a pickled array in the archive": tampered(fitted, centroids=payload),
        "a pickled extra member": tampered(fitted, extra=payload),
    }

    for what, blob in blobs.items():
        with pytest.raises(ModelStateError, match=REFIT):
            model_from_blob(blob)
        assert not target.exists(), what


TAMPERINGS = {
    "a newer version": (
        lambda m: tampered(m, {"version": 2}),
        "format version 2; this program reads version 1",
    ),
    "another format": (lambda m: tampered(m, {"format": "sklearn"}), "format 'sklearn'"),
    "an analyzer by name": (lambda m: tampered(m, {"analyzer": "os.system"}), "unknown analyzer 'os.system'"),
    "an unknown parameter": (
        lambda m: tampered(m, {"params": {"evil": 1}}),
        r"unknown parameters \['evil'\]",
    ),
    "a parameter of another shape": (
        lambda m: tampered(m, {"params": {"k_range": {"a": 1}}}),
        r"parameter k_range is \{'a': 1\}, not a number",
    ),
    "a parameter as text": (
        lambda m: tampered(m, {"params": {"other_below": "0.2"}}),
        "parameter other_below is not a number",
    ),
    "a repeated term": (
        lambda m: tampered(m, {"vocabulary": ["a", "a"]}),
        "vocabulary is not a list of distinct strings",
    ),
    "a topic fewer": (lambda m: tampered(m, {"topic_labels": ["one"]}), r"centroids has shape \(2, \d+\)"),
    "centroids of another size": (
        lambda m: tampered(m, centroids=np.zeros((2, 3))),
        r"centroids has shape \(2, 3\)",
    ),
    "idf of another size": (lambda m: tampered(m, idf=np.ones(3)), r"idf has shape \(3,\)"),
    "no centroids": (lambda m: tampered(m, centroids=None), r"arrays \[.*\], expected \[.*'centroids'"),
    "integer idf": (lambda m: tampered(m, idf=m.tfidf_.idf_.astype(np.int64)), "idf has dtype int64"),
    "idf not a number": (
        lambda m: tampered(m, idf=np.full_like(m.tfidf_.idf_, np.nan)),
        "idf holds values that are not finite",
    ),
}


@pytest.mark.parametrize(("tamper", "message"), TAMPERINGS.values(), ids=TAMPERINGS.keys())
def test_a_wrong_version_or_shape_says_to_refit(fitted, tamper, message: str) -> None:
    with pytest.raises(ModelStateError, match=f"{message}.*{REFIT}"):
        model_from_blob(tamper(fitted))


@pytest.mark.parametrize(
    "blob",
    [b"", b"not a model", json.dumps({"format": "monitor.topic_model"}).encode()],
    ids=["empty", "text", "json"],
)
def test_a_blob_that_is_no_archive_says_to_refit(blob: bytes) -> None:
    with pytest.raises(ModelStateError, match=f"not a model archive.*{REFIT}"):
        model_from_blob(blob)


def test_an_archive_without_the_document_says_to_refit() -> None:
    buffer = io.BytesIO()
    np.savez(buffer, idf=np.ones(3))

    with pytest.raises(ModelStateError, match=f"no 'state' document.*{REFIT}"):
        model_from_blob(buffer.getvalue())


def test_an_array_claiming_more_cells_than_it_holds_is_refused_before_allocation():
    # A header may claim any shape; numpy allocates it before reading. Refused unread.
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "<f8", "fortran_order": False, "shape": (10**6, 10**6)}
    )
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("centroids.npy", header.getvalue())
    with pytest.raises(ModelStateError, match="claims more data than it holds"):
        model_from_blob(archive.getvalue())


def test_an_archive_unpacking_beyond_the_bound_is_refused(monkeypatch):
    monkeypatch.setattr(model_state, "MAX_UNPACKED_BYTES", 1_000)
    big = io.BytesIO()
    np.savez_compressed(big, zeros=np.zeros(10_000))  # 80 kB of zeros packs into a few hundred bytes
    with pytest.raises(ModelStateError, match="unpacks to more than 1,000 bytes"):
        model_from_blob(big.getvalue())
