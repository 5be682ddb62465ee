"""Frames -> CSV snapshots that open correctly in Excel (UTF-8 with BOM) and cannot run
as spreadsheet formulas, plus a manifest of the filters and the time of export."""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
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
    """The posts table as exported: readable column order, ISO times in UTC."""
    frame = posts.reindex(columns=list(POSTS_EXPORT_COLUMNS))
    return frame.assign(
        **{column: iso_utc(frame[column]) for column in (models.PUBLISHED_AT, models.FETCHED_AT)}
    )


def iso_utc(times: pd.Series) -> pd.Series:
    """UTC times as "YYYY-MM-DDTHH:MM:SSZ" text, missing where a time is: numpy's formatter,
    as strftime gives them, a third of strftime's time."""
    seconds = times.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy(dtype="datetime64[s]")
    text = np.datetime_as_string(seconds, unit="s").tolist()
    return pd.Series([None if t == "NaT" else t + "Z" for t in text], index=times.index, dtype=object)


def csv_text(frame: pd.DataFrame) -> str:
    """A spreadsheet-safe CSV. CRLF line ends make the writer quote a cell holding a lone
    carriage return too; unquoted, a spreadsheet starts a new row there, and the rest of
    the cell would arrive as a fresh (formula) cell."""
    text = io.StringIO()
    _write_csv_text(frame, text)
    return text.getvalue()


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The bytes of a spreadsheet-safe CSV with a UTF-8 BOM (for download buttons)."""
    return csv_text(frame).encode("utf-8-sig")


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write the same bytes as csv_bytes atomically (a crash never leaves a half-written file
    behind), streamed to the file: building the text first took 24 s for a million posts
    against 15 s streamed, and held the ~0.5 GB text twice in memory."""
    with _atomic_file(path) as file:
        text = io.TextIOWrapper(file, encoding="utf-8-sig", newline="")
        _write_csv_text(frame, text)
        text.flush()
        text.detach()  # the binary file stays open for _atomic_file to sync and close


def _write_csv_text(frame: pd.DataFrame, text: io.TextIOBase) -> None:
    """The one CSV dialect of downloads and snapshots (see csv_text for the line ends)."""
    spreadsheet_safe(frame).to_csv(text, index=False, lineterminator="\r\n")


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
