"""Any CSV -> the same rows with topic_id, topic_label and topic_score, through the same
engine as the dashboard (`python -m monitor topics cluster`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from threadpoolctl import threadpool_limits

from monitor.errors import MonitorError
from monitor.ingest.language import detect_languages
from monitor.models import OTHER_LABEL
from monitor.topics.model import NO_TOPIC, TopicModel
from monitor.topics.surface import readable, surface_forms


def read_table(path: Path, delimiter: str, encoding: str) -> pd.DataFrame:
    """Read a CSV as text columns; errors name the file and the fix."""
    _check_readable(path, encoding)
    try:
        return pd.read_csv(path, sep=delimiter, encoding=encoding, dtype=str, keep_default_na=False)
    except OSError as exc:  # permissions, a vanished file: whatever the system says, on one line
        raise MonitorError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise MonitorError(
            f"{path}: not {encoding} text (byte {exc.start}); pass --encoding, e.g. cp1250"
        ) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise MonitorError(f"{path}: not a readable CSV ({' '.join(str(exc).split())[:160]})") from None


def written_header(path: Path, delimiter: str, encoding: str, columns: Sequence[str]) -> list[str]:
    """The names to write for columns (a read_table frame plus added columns): the file's own
    header where pandas renamed it on reading, so a blank first name (a pandas index written
    with to_csv) stays blank rather than "Unnamed: 0", and a repeated one is not "a.1"."""
    try:
        with path.open(encoding=encoding, newline="") as file:
            # pandas skips blank lines before the header too
            names = next((row for row in csv.reader(file, delimiter=delimiter) if row), [])
    except (OSError, UnicodeDecodeError, csv.Error, TypeError):  # TypeError: a longer delimiter
        return list(columns)
    names = [names[0].removeprefix("\ufeff"), *names[1:]] if names else []  # a BOM pandas drops too
    if len(names) > len(columns) or not all(map(_read_as, names, columns, range(len(names)))):
        return list(columns)  # the csv module saw another header than pandas: keep pandas' names
    return [*names, *columns[len(names) :]]


def _read_as(name: str, column: str, position: int) -> bool:
    """Whether pandas could have read header cell `name` as `column`."""
    return column in (name, f"Unnamed: {position}") or column.startswith(f"{name}.")


def _check_readable(path: Path, encoding: str) -> None:
    """The checks open() would fail on with a traceback: no file, a folder, no such text encoding."""
    if not path.exists():
        raise MonitorError(f"{path}: file not found")
    if path.is_dir():
        raise MonitorError(f"{path}: is a folder; give the path of a CSV file")
    try:
        io.TextIOWrapper(io.BytesIO(), encoding=encoding)  # what open() checks: a known text encoding
    except LookupError:
        raise MonitorError(f"{path}: unknown encoding {encoding!r}; try utf-8, cp1250 or latin-1") from None


def cluster_frame(
    frame: pd.DataFrame, text_columns: Sequence[str], n_topics: int | str = "auto", random_state: int = 0
) -> pd.DataFrame:
    """The rows of frame plus topic_id (blank when a row has no usable words), label, score."""
    missing = [c for c in text_columns if c not in frame.columns]
    if missing:
        raise MonitorError(
            f"column {missing[0]!r} is not in the file; it has: {', '.join(map(str, frame.columns[:15]))}"
        )
    if frame.empty:
        raise MonitorError("no rows to cluster")
    columns = frame[list(text_columns)].fillna("").astype(str)
    texts = [". ".join(row).strip(". ") for row in columns.itertuples(index=False, name=None)]
    languages = [code or "" for code in detect_languages(texts)]
    with threadpool_limits(limits=1):  # see monitor.topics.runs.refit_topics
        try:
            model = TopicModel(n_topics=n_topics, random_state=random_state).fit(texts, languages)
        except ValueError as exc:
            raise MonitorError(str(exc)) from None
    # The fit's own cosines: transform() would tokenize and embed every row again (6 s at 100k).
    labels, scores = model.labels_, model.scores_
    forms = surface_forms(texts)  # labels as the posts spell them: accents, names' capitals
    shown = [readable(label, forms) for label in model.topic_labels_]
    result = frame.copy()
    result["topic_id"] = pd.array([int(c) if c != NO_TOPIC else pd.NA for c in labels], dtype="Int64")
    result["topic_label"] = [shown[c] if c != NO_TOPIC else OTHER_LABEL for c in labels]
    result["topic_score"] = [
        round(float(s), 4) if c != NO_TOPIC else None for c, s in zip(labels, scores, strict=True)
    ]
    return result


def cluster_csv(
    path: Path,
    text_columns: Sequence[str],
    *,
    n_topics: int | str = "auto",
    delimiter: str = ",",
    encoding: str = "utf-8-sig",
    random_state: int = 0,
) -> pd.DataFrame:
    """Read a CSV and cluster its rows by the text in text_columns."""
    table = read_table(path, delimiter, encoding)
    if table.empty:
        raise MonitorError(f"{path}: has a header but no rows; nothing to cluster")
    return cluster_frame(table, text_columns, n_topics, random_state)
