"""Frames -> CSV snapshots that open correctly in Excel (UTF-8 with BOM) and cannot run
as spreadsheet formulas, plus a manifest of the filters and the time of export."""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd

from monitor import models

# OWASP CSV injection: a cell starting with one of these is read as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_PATTERN = "[=+@\t\r-]"  # the same starts, for str.match
FILE_WORDS_BYTES = 100  # of a topic's name in a file name: the whole name stays under 255
POSTS_EXPORT_COLUMNS = (
    models.PUBLISHED_AT, models.BRAND, models.CHANNEL, models.FEED_ID, models.LANGUAGE,
    "topic_id", "topic_label", "topic_score", models.TITLE, models.TEXT, models.URL, models.AUTHOR,
    *models.ENGAGEMENT_COLUMNS, "story_id", "n_copies", "n_feeds", models.POST_ID, models.GUID,
    models.FETCHED_AT,
)  # fmt: skip


def neutralise_cell(value: Any) -> Any:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells are inert in Excel, LibreOffice and Google Sheets."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = _neutralised(safe[column])
    return safe


def _neutralised(values: pd.Series) -> pd.Series:
    """neutralise_cell on every cell, as plain Python objects. The cells that could start a
    formula are found by one vectorised match, and the column stays object: mapped, it came
    back as Arrow text that to_csv turned into Python strings again chunk by chunk (the 1M
    posts CSV: seconds of mapping, then ~1 µs a cell), and a categorical (story_id) would have
    all its ~1M categories rebuilt for every chunk."""
    cells = values.to_numpy(dtype=object, copy=True)
    text = values.astype("str")  # numbers become text here only to be matched
    for position in np.flatnonzero(text.str.match(_FORMULA_PATTERN, na=False).to_numpy(dtype=bool)):
        cells[position] = neutralise_cell(cells[position])
    return pd.Series(cells, index=values.index, dtype=object)


def posts_for_export(posts: pd.DataFrame) -> pd.DataFrame:
    """The posts table as exported: readable column order, ISO times in UTC, and a post
    without a topic (none fits, or not assigned yet) in the group every page names."""
    frame = posts.reindex(columns=list(POSTS_EXPORT_COLUMNS))
    labels = models.labels_with_other(frame[models.TOPIC_LABEL], frame[models.TOPIC_ID])
    return frame.assign(
        **{column: iso_utc(frame[column]) for column in (models.PUBLISHED_AT, models.FETCHED_AT)},
        **{models.TOPIC_LABEL: labels},
    )


def topic_file_stem(topic_id: int, name: object, what: str = "posts", *more: object) -> str:
    """A download's file name, without the extension, that says which topic it holds:
    `posts-topic-12-esim-roaming` (and `more`, e.g. a brand, after the name). The id keeps
    two topics of one name apart and names a topic whose name has no letters."""
    return "-".join(filter(None, [what, "topic", str(int(topic_id)), file_words(name, *more)]))


def flag_posts_stem(flag: Mapping[str, Any]) -> str:
    """The file name (no extension) of a flag's sample posts: its topic's as topic_file_stem
    gives it, with the brand of a one-brand flag after the name; a brand flag's brand alone."""
    brand = flag.get(models.BRAND)
    if pd.isna(flag.get(models.TOPIC_ID)):
        return "-".join(filter(None, ["posts", file_words(brand)]))
    return topic_file_stem(flag[models.TOPIC_ID], flag.get(models.TOPIC_LABEL), "posts", brand)


def file_words(*texts: object) -> str:
    """Texts as a piece of a file name that every file system and browser takes as typed:
    letters and digits only (so no / \\ : * ? " < > |, control characters or direction
    marks like U+202E, which would make `gpj.exe` show as `exe.jpg`), lower case, joined by
    hyphens, at most FILE_WORDS_BYTES bytes in UTF-8 (file names may be 255)."""
    text = unicodedata.normalize("NFKC", " ".join(str(t) for t in texts if not pd.isna(t)))
    words = "-".join(re.findall(r"[^\W_]+", text.casefold()))
    # A cut inside a letter's UTF-8 bytes drops that letter.
    return words.encode()[:FILE_WORDS_BYTES].decode(errors="ignore").strip("-")


def with_topic(rows: pd.DataFrame, topic_id: int, name: object) -> pd.DataFrame:
    """One topic's rows (a chart's counts) with the topic's id and name as the first columns,
    so a downloaded file still says which topic it holds once renamed or opened alone."""
    frame = rows.drop(columns=[c for c in (models.TOPIC_ID, models.TOPIC_LABEL) if c in rows])
    frame.insert(0, models.TOPIC_LABEL, name)
    frame.insert(0, models.TOPIC_ID, int(topic_id))
    return frame


def iso_utc(times: pd.Series) -> pd.Series:
    """UTC times as "YYYY-MM-DDTHH:MM:SSZ" text, missing where a time is: numpy's formatter,
    as strftime gives them, a third of strftime's time."""
    seconds = times.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy(dtype="datetime64[s]")
    text = np.datetime_as_string(seconds, unit="s").tolist()
    return pd.Series([None if t == "NaT" else t + "Z" for t in text], index=times.index, dtype=object)


def csv_text(frame: pd.DataFrame, sep: str = ",", header: Sequence[str] | None = None) -> str:
    """A spreadsheet-safe CSV. CRLF line ends make the writer quote a cell holding a lone
    carriage return too; unquoted, a spreadsheet starts a new row there, and the rest of
    the cell would arrive as a fresh (formula) cell. header: names written instead of the
    frame's (a file's own header, which pandas renamed on reading)."""
    text = io.StringIO()
    _write_csv_text(frame, text, sep, header)
    return text.getvalue()


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The bytes of a spreadsheet-safe CSV with a UTF-8 BOM (for download buttons)."""
    return csv_text(frame).encode("utf-8-sig")


def write_csv(frame: pd.DataFrame, path: Path, sep: str = ",", header: Sequence[str] | None = None) -> None:
    """Write the same bytes as csv_bytes atomically (a crash never leaves a half-written file
    behind), streamed to the file: building the text first took 24 s for a million posts
    against 15 s streamed, and held the ~0.5 GB text twice in memory."""
    with _atomic_file(path) as file:
        text = io.TextIOWrapper(file, encoding="utf-8-sig", newline="")
        _write_csv_text(frame, text, sep, header)
        text.flush()
        text.detach()  # the binary file stays open for _atomic_file to sync and close


def _write_csv_text(
    frame: pd.DataFrame, text: io.TextIOBase, sep: str = ",", header: Sequence[str] | None = None
) -> None:
    """The one CSV dialect of downloads and snapshots (see csv_text for the line ends)."""
    names = True if header is None else list(header)
    spreadsheet_safe(frame).to_csv(text, index=False, sep=sep, header=names, lineterminator="\r\n")


def write_snapshot(
    tables: Mapping[str, pd.DataFrame], output_dir: Path, filters: Mapping[str, Any]
) -> list[Path]:
    """Write each table as NAME.csv and a manifest.json; return the files written."""
    output_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        path = output_dir / f"{name}.csv"
        write_csv(frame, path)
        written.append(path)
    manifest = {
        "exported_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "filters": dict(filters),
        "tables": {name: {"file": f"{name}.csv", "rows": len(frame)} for name, frame in tables.items()},
        "encoding": "UTF-8 with BOM; cells starting with = + - @ are prefixed with '",
    }
    manifest_path = output_dir / "manifest.json"
    _write_atomic(manifest_path, json.dumps(manifest, indent=2, ensure_ascii=False).encode())
    return [*written, manifest_path]


def write_file_atomically(path: Path, data: bytes) -> None:
    """`data` as `path`, whole or not at all (a crash leaves the old file or none)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(path, data)


def _write_atomic(path: Path, data: bytes) -> None:
    with _atomic_file(path) as file:
        file.write(data)


@contextmanager
def _atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file that becomes `path` only when the block ends without an error."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)  # mkstemp makes 0600; a snapshot is meant to be shared
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
