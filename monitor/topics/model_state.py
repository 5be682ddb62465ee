"""A fitted TopicModel as plain data and back: what a topic run stores to assign new posts.

The blob is a NumPy .npz archive: member "state" is a JSON document (format, version, the
model's parameters, vocabulary, language codes, topic labels) as UTF-8 bytes, the other members
are float arrays (idf weights, LSA components, word vectors, centroids). Reading it never runs
code: no pickle (a stored pickle let anyone who can write the table run code in every app and
fetch process, and broke on a scikit-learn upgrade), np.load(allow_pickle=False), json.loads,
and every array's name, dtype and shape is checked against the document before a model is
built. A loaded model assigns (transform); its training posts' labels and the topic
descriptions stay in the topics table.
"""

from __future__ import annotations

import inspect
import io
import json
import math
import zipfile
from typing import Any

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from monitor.errors import MonitorError
from monitor.topics.model import TopicModel, _terms

FORMAT = "monitor.topic_model"
FORMAT_VERSION = 1
REFIT_HINT = "run `python -m monitor topics refit` to fit and store a new one"
STATE = "state"  # the archive member holding the JSON document
FLOATS = (np.dtype(np.float32), np.dtype(np.float64))
# The vectorizer's analyzer is stored by name: a function is code, a name is data.
ANALYZERS = {"terms": _terms}
PARAMETERS = tuple(inspect.signature(TopicModel.__init__).parameters)[1:]  # without self


class ModelStateError(MonitorError):
    """A stored topic model that cannot be read; the message says to refit."""

    def __init__(self, problem: str) -> None:
        super().__init__(f"the stored topic model cannot be used ({problem}); {REFIT_HINT}")


# --- writing ---------------------------------------------------------------------------------


def model_to_blob(model: TopicModel) -> bytes:
    """The fitted model as an .npz archive of a JSON document and float arrays."""
    return pack(state_document(model), state_arrays(model))


def state_document(model: TopicModel) -> dict[str, Any]:
    """Format, version, parameters and every non-array part of the fitted model."""
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "params": {name: _plain(getattr(model, name)) for name in PARAMETERS},
        "analyzer": "terms",
        "vocabulary": model.vectorizer_.get_feature_names_out().tolist(),
        "sublinear_tf": bool(model.tfidf_.sublinear_tf),
        "languages": list(model.language_centroids_),
        "word_languages": list(model.word_language_centroids_),
        "topic_labels": list(model.topic_labels_),
    }


def state_arrays(model: TopicModel) -> dict[str, np.ndarray]:
    """The fitted model's arrays by name; the optional parts only when the model has them."""
    arrays = {
        "idf": model.tfidf_.idf_,
        "centroids": model.centroids_,
        "language_centroids": _stacked(model.language_centroids_, model.centroids_.dtype),
        "word_language_centroids": _stacked(model.word_language_centroids_, model.centroids_.dtype),
    }
    if model.svd_ is not None:
        arrays["svd_components"] = model.svd_.components_
    if model.word_vectors_ is not None:
        arrays["word_vectors"] = model.word_vectors_
    return arrays


def pack(document: dict[str, Any], arrays: dict[str, np.ndarray]) -> bytes:
    """An .npz archive of the JSON document (as bytes) and the arrays."""
    buffer = io.BytesIO()
    state = np.frombuffer(json.dumps(document, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    np.savez_compressed(buffer, **{STATE: state}, **arrays)
    return buffer.getvalue()


def _plain(value: Any) -> Any:
    """A parameter as JSON holds it (k_range's tuple as a list)."""
    return list(value) if isinstance(value, tuple) else value


def _stacked(by_language: dict[str, np.ndarray], dtype: np.dtype) -> np.ndarray:
    """One row per language, in the dict's order (the document lists the codes)."""
    if not by_language:
        return np.zeros((0, 0), dtype=dtype)
    return np.vstack(list(by_language.values()))


# --- reading ---------------------------------------------------------------------------------


def model_from_blob(blob: bytes) -> TopicModel:
    """The model a blob of model_to_blob describes; ModelStateError for anything else."""
    document, arrays = unpack(blob)
    check_document(document)
    check_arrays(arrays, expected_shapes(document, arrays))
    return build_model(document, arrays)


# Far above a model of a million posts (~0.1 GB unpacked): a bound on what a tampered blob
# (a zip bomb, or an array header claiming billions of cells) can make a process allocate.
MAX_UNPACKED_BYTES = 2**31


def _check_sizes(archive: zipfile.ZipFile) -> None:
    """Refuse, before anything is unpacked, members that would unpack beyond the bound, and
    arrays whose header claims more cells than their member holds bytes (numpy allocates
    the claimed shape before reading)."""
    members = archive.infolist()
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise ModelStateError(f"the archive unpacks to more than {MAX_UNPACKED_BYTES:,} bytes")
    for member in members:
        with archive.open(member) as file:
            major, _minor = np.lib.format.read_magic(file)
            read_header = (
                np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
            )
            shape, _fortran, dtype = read_header(file)
        if int(np.prod(shape, dtype=np.float64)) * dtype.itemsize > member.file_size:
            raise ModelStateError(f"{member.filename}: its header claims more data than it holds")


def unpack(blob: bytes) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The JSON document and the arrays of an archive, read without unpickling anything."""
    try:
        archive = np.load(io.BytesIO(blob), allow_pickle=False)
        if not isinstance(archive, np.lib.npyio.NpzFile):  # a lone .npy array
            raise ValueError("one array, not an archive")
        with archive:
            _check_sizes(archive.zip)
            arrays = {name: archive[name] for name in archive.files}
    except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:
        raise ModelStateError(f"not a model archive: {exc}") from None
    state = arrays.pop(STATE, None)
    if state is None or state.dtype != np.uint8 or state.ndim != 1:
        raise ModelStateError(f"no {STATE!r} document")
    try:
        document = json.loads(state.tobytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ModelStateError(f"unreadable {STATE!r} document: {exc}") from None
    if not isinstance(document, dict):
        raise ModelStateError(f"the {STATE!r} document is not an object")
    return document, arrays


def check_document(document: dict[str, Any]) -> None:
    """Raise ModelStateError unless the document is this format's, of this version, well typed."""
    if document.get("format") != FORMAT:
        raise ModelStateError(f"format {document.get('format')!r}, expected {FORMAT!r}")
    if document.get("version") != FORMAT_VERSION:
        raise ModelStateError(
            f"format version {document.get('version')!r}; this program reads version {FORMAT_VERSION}"
        )
    params = document.get("params")
    if not isinstance(params, dict) or not set(params) <= set(PARAMETERS):
        raise ModelStateError(f"unknown parameters {sorted(set(params or {}) - set(PARAMETERS))}")
    for name, value in params.items():
        if not _parameter(value):
            raise ModelStateError(f"parameter {name} is {value!r}, not a number, text or pair of numbers")
    for name in ("word_weight", "other_below"):  # the ones transform reads
        if name in params and not _number(params[name]):
            raise ModelStateError(f"parameter {name} is not a number")
    if document.get("analyzer") not in ANALYZERS:
        raise ModelStateError(f"unknown analyzer {document.get('analyzer')!r}")
    if not isinstance(document.get("sublinear_tf"), bool):
        raise ModelStateError("sublinear_tf is not true or false")
    for key in ("vocabulary", "languages", "word_languages"):
        if not _distinct_strings(document.get(key)):
            raise ModelStateError(f"{key} is not a list of distinct strings")
    if not _strings(document.get("topic_labels")):
        raise ModelStateError("topic_labels is not a list of strings")
    if not document["vocabulary"] or not document["topic_labels"]:
        raise ModelStateError("no terms or no topics")


def expected_shapes(document: dict[str, Any], arrays: dict[str, np.ndarray]) -> dict[str, tuple[int, ...]]:
    """Each array's shape as the document implies (sizes of the optional parts read from them)."""
    n_terms = len(document["vocabulary"])
    n_words = sum(" " not in term for term in document["vocabulary"])
    n_lsa = _rows(arrays.get("svd_components"), default=n_terms)
    n_word_dims = _columns(arrays.get("word_vectors"), default=0)
    shapes = {
        "idf": (n_terms,),
        "centroids": (len(document["topic_labels"]), n_lsa + n_word_dims),
        "language_centroids": (len(document["languages"]), n_lsa) if document["languages"] else (0, 0),
        "word_language_centroids": (len(document["word_languages"]), n_word_dims)
        if document["word_languages"]
        else (0, 0),
    }
    if "svd_components" in arrays:
        shapes["svd_components"] = (n_lsa, n_terms)
    if "word_vectors" in arrays:
        shapes["word_vectors"] = (n_words, n_word_dims)
    return shapes


def check_arrays(arrays: dict[str, np.ndarray], shapes: dict[str, tuple[int, ...]]) -> None:
    """Raise ModelStateError unless the arrays are exactly the expected ones: names, float
    dtypes, shapes, finite values."""
    if set(arrays) != set(shapes):
        raise ModelStateError(f"arrays {sorted(arrays)}, expected {sorted(shapes)}")
    for name, shape in shapes.items():
        array = arrays[name]
        if array.dtype not in FLOATS:
            raise ModelStateError(f"array {name} has dtype {array.dtype}, expected float32 or float64")
        if array.shape != shape:
            raise ModelStateError(f"array {name} has shape {array.shape}, expected {shape}")
        if not np.isfinite(array).all():
            raise ModelStateError(f"array {name} holds values that are not finite")


def build_model(document: dict[str, Any], arrays: dict[str, np.ndarray]) -> TopicModel:
    """A TopicModel with the fitted attributes transform reads, from checked parts."""
    params = dict(document["params"])
    if "k_range" in params:
        params["k_range"] = tuple(params["k_range"])
    model = TopicModel(**params)
    model.vectorizer_ = _vectorizer(document["vocabulary"], ANALYZERS[document["analyzer"]])
    model.tfidf_ = _tfidf(arrays["idf"], document["sublinear_tf"])
    model.svd_ = _svd(arrays["svd_components"], model.random_state) if "svd_components" in arrays else None
    model.word_vectors_ = arrays.get("word_vectors")
    model.language_centroids_ = dict(zip(document["languages"], arrays["language_centroids"], strict=True))
    model.word_language_centroids_ = dict(
        zip(document["word_languages"], arrays["word_language_centroids"], strict=True)
    )
    model.centroids_ = arrays["centroids"]
    model.topic_labels_ = list(document["topic_labels"])
    model.n_topics_ = len(model.topic_labels_)
    return model


def _vectorizer(vocabulary: list[str], analyzer: Any) -> CountVectorizer:
    """A term counter over a fixed vocabulary (its column order as fitted)."""
    return CountVectorizer(analyzer=analyzer, vocabulary=vocabulary, dtype=np.float32)


def _tfidf(idf: np.ndarray, sublinear_tf: bool) -> TfidfTransformer:
    tfidf = TfidfTransformer(sublinear_tf=sublinear_tf)
    tfidf.idf_ = idf
    tfidf.n_features_in_ = len(idf)
    return tfidf


def _svd(components: np.ndarray, random_state: int) -> TruncatedSVD:
    svd = TruncatedSVD(n_components=components.shape[0], random_state=random_state)
    svd.components_ = components
    svd.n_features_in_ = components.shape[1]
    return svd


def _rows(array: np.ndarray | None, default: int) -> int:
    return array.shape[0] if array is not None and array.ndim == 2 else default


def _columns(array: np.ndarray | None, default: int) -> int:
    return array.shape[1] if array is not None and array.ndim == 2 else default


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _distinct_strings(value: Any) -> bool:
    return _strings(value) and len(set(value)) == len(value)


def _parameter(value: Any) -> bool:
    """A value TopicModel's parameters take: a number, text, true/false, or k_range's pair."""
    if isinstance(value, list):
        return len(value) == 2 and all(_number(item) for item in value)
    return isinstance(value, str | bool) or _number(value)


def _number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))
