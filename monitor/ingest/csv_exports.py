"""CSV exports of social platforms -> posts frame, through pandas and the feed's column
mapping. Rows that cannot be used are skipped and counted, with the first row number."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from monitor import models
from monitor.config.settings import FeedConfig
from monitor.errors import FeedError
from monitor.ingest.clean import html_to_text, normalise_whitespace, post_id
from monitor.ingest.language import detect_languages

_NUMBER_JUNK = re.compile(r"[\s\u00a0'’]")
_NO_VALUE = re.compile(r"\s*[-–—]?\s*")  # exports write '' or a lone dash for "no count"
# Far above any real post (views of the most watched videos are ~1e10), far below the store's
# 64-bit integers (2**63 ~ 9.2e18), and below 2**53, so every count read as a float is exact.
MAX_COUNT = 10**15
MAX_HEADER_CHARS = 80  # longer "column names" are a line of text, not a header


CHUNK_ROWS = 20_000  # rows parsed at a time: memory stays bounded whatever the file's size


@dataclass
class CsvRead:
    posts: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    n_skipped: int = 0


def read_csv_export(feed: FeedConfig, default_timezone: str, chunksize: int = CHUNK_ROWS) -> CsvRead:
    """Read a whole CSV export with the feed's mapping; raise FeedError naming file and column."""
    export = CsvExport(feed, default_timezone, chunksize)
    frames = [frame for frame in export.chunks() if len(frame)]  # concat warns on empty frames
    posts = pd.concat(frames, ignore_index=True) if frames else models.empty_posts()
    n_dupes = export.n_duplicates + int(posts.duplicated(models.POST_ID).sum())
    warnings = export.warnings + (
        [f"{n_dupes} duplicate rows (same post id) counted once"] if n_dupes else []
    )
    posts = models.posts_frame(posts.drop_duplicates(models.POST_ID, keep="last"))
    return CsvRead(posts.reset_index(drop=True), warnings, export.n_skipped)


@dataclass
class _Skipped:
    """Rows skipped for one reason: how many, and the first one's row number and value."""

    n: int = 0
    first_row: int | None = None
    first_value: str | None = None

    def add(self, mask: pd.Series, rows: pd.Series, values: pd.Series | None = None) -> None:
        if mask.any() and self.first_row is None:
            self.first_row = int(rows[mask].iloc[0])
            self.first_value = None if values is None else values[mask].iloc[0]
        self.n += int(mask.sum())


@dataclass
class _BadCells:
    """Metric cells of one column left empty: how many, the first one's row, a few values."""

    n: int = 0
    first_row: int | None = None
    values: list[str] = field(default_factory=list)

    def add(self, mask: pd.Series, rows: pd.Series, cells: pd.Series) -> None:
        if mask.any() and self.first_row is None:
            self.first_row = int(rows[mask].iloc[0])
        for cell in cells[mask].str.strip().str[:30].drop_duplicates().head(3):
            if len(self.values) < 3 and cell not in self.values:
                self.values.append(cell)
        self.n += int(mask.sum())

    def warning(self, header: str) -> str:
        also = f"; also {', '.join(map(repr, self.values[1:]))}" if len(self.values) > 1 else ""
        return (
            f"{self.n} cells in column {header!r} left empty: not a count from 0 to 10**15 "
            f"(first at row {self.first_row}: {self.values[0]!r}{also}); correct them in the export"
        )


class CsvExport:
    """A CSV export read chunk by chunk; counts and warnings cover the chunks read so far."""

    def __init__(self, feed: FeedConfig, default_timezone: str, chunksize: int = CHUNK_ROWS) -> None:
        self.feed = feed
        self.default_timezone = default_timezone
        self.chunksize = chunksize
        self.n_rows = 0
        self.n_duplicates = 0  # within a chunk; across chunks the store sees them as known
        self.n_skipped = 0
        self._bad_date = _Skipped()
        self._no_text = _Skipped()
        self._bad_counts = {name: _BadCells() for name in models.ENGAGEMENT_COLUMNS}

    @property
    def warnings(self) -> list[str]:
        mapping = self.feed.column_map
        warnings = []
        if self._bad_date.n:
            warnings.append(
                f"{self._bad_date.n} rows skipped: unreadable date in column {mapping['published']!r} "
                f"(first at row {self._bad_date.first_row}: {self._bad_date.first_value!r})"
            )
        if self._no_text.n:
            warnings.append(
                f"{self._no_text.n} rows skipped: empty text in column {mapping[models.TEXT]!r} "
                f"(first at row {self._no_text.first_row})"
            )
        warnings += [bad.warning(mapping[name]) for name, bad in self._bad_counts.items() if bad.n]
        return warnings

    def chunks(self) -> Iterator[pd.DataFrame]:
        """The posts of each chunk (duplicates within it counted once, keeping the last)."""
        checked = False
        for raw in _read_raw(self.feed, self.chunksize):
            if not checked:
                _check_columns(raw, self.feed.column_map, self.feed)
                checked = True
            posts = self._posts(raw)
            self.n_rows += len(raw)
            n_before = len(posts)
            posts = posts.drop_duplicates(models.POST_ID, keep="last")
            self.n_duplicates += n_before - len(posts)
            yield posts
        if self.n_rows and self._bad_date.n == self.n_rows:
            raise FeedError(
                f"{self.feed.path}: column {self.feed.column_map['published']!r}: no date could be read "
                f"(row 2 has {self._bad_date.first_value!r}); set `date_format:` for this feed, "
                'e.g. "%d.%m.%Y %H:%M"'
            )

    def _posts(self, raw: pd.DataFrame) -> pd.DataFrame:
        feed, mapping = self.feed, self.feed.column_map
        row_numbers = pd.Series(range(self.n_rows + 2, self.n_rows + len(raw) + 2), index=raw.index)
        column = {name: raw[header] for name, header in mapping.items()}  # header is row 1
        text = column[models.TEXT].map(html_to_text)
        title = column[models.TITLE].map(html_to_text) if models.TITLE in column else ""
        published = _parse_times(column["published"], feed, self.default_timezone)
        bad_date = published.isna() & column["published"].str.strip().ne("")
        no_text = text.eq("") & (pd.Series(title, index=raw.index).eq("") if models.TITLE in column else True)
        self._bad_date.add(bad_date, row_numbers, column["published"])
        self._no_text.add(no_text, row_numbers)
        skip = bad_date | no_text
        self.n_skipped += int(skip.sum())  # a row skipped for both reasons counts once
        counts = {}
        for name in [name for name in models.ENGAGEMENT_COLUMNS if name in column]:
            counts[name], bad = _numbers(column[name])
            self._bad_counts[name].add(bad & ~skip, row_numbers, column[name])
        frame = pd.DataFrame(
            {
                models.TEXT: text,
                models.TITLE: title,
                models.PUBLISHED_AT: published,
                models.URL: column[models.URL].map(_http_url) if models.URL in column else None,
                models.AUTHOR: column[models.AUTHOR].map(normalise_whitespace)
                if models.AUTHOR in column
                else None,
                **counts,
            }
        )[~skip]
        frame[models.GUID] = _guids(frame, column, skip)
        frame[models.FEED_ID] = feed.feed_id
        frame[models.POST_ID] = [post_id(feed.feed_id, guid) for guid in frame[models.GUID]]
        frame[models.LANGUAGE] = detect_languages(
            [
                f"{title}. {body}" if title else body
                for title, body in zip(frame[models.TITLE], frame[models.TEXT], strict=True)
            ]
        )
        return models.posts_frame(frame)


def _read_raw(feed: FeedConfig, chunksize: int) -> Iterator[pd.DataFrame]:
    path = Path(feed.path)
    if not path.exists():
        raise FeedError(f"{path}: file not found; check `path:` of feed {feed.name!r} in feeds.yaml")
    encoding = "utf-8-sig" if feed.encoding.lower().replace("_", "-") in ("utf-8", "utf8") else feed.encoding
    options = {
        "sep": feed.delimiter,
        "encoding": encoding,
        "dtype": str,
        "keep_default_na": False,
        "na_filter": False,
        "skip_blank_lines": True,
        "quoting": csv.QUOTE_MINIMAL,
    }
    try:
        with pd.read_csv(path, chunksize=chunksize, **options) as reader:
            n_chunks = 0
            for chunk in reader:
                n_chunks += 1
                yield chunk
        if not n_chunks:  # a header and no rows: still check the mapping against the header
            yield pd.read_csv(path, nrows=0, **options)
    except UnicodeDecodeError as exc:
        raise FeedError(
            f"{path}: not {feed.encoding} text (byte {exc.start}); set `encoding:` for this feed "
            "(Slovenian Excel exports are often cp1250)"
        ) from None
    except pd.errors.EmptyDataError:
        raise FeedError(f"{path}: the file is empty") from None
    except (pd.errors.ParserError, csv.Error) as exc:
        raise FeedError(f"{path}: not a readable CSV ({' '.join(str(exc).split())[:160]})") from None


def _check_columns(raw: pd.DataFrame, mapping: dict[str, str], feed: FeedConfig) -> None:
    import difflib

    headers = [str(h) for h in raw.columns]
    for name, header in mapping.items():
        if header in headers:
            continue
        if not _look_like_headers(headers):  # never echo what may be a secret file's content
            raise FeedError(
                f"{feed.path}: its first line is not a row of column names (a binary file, or not a "
                "CSV export?); check `path:` in feeds.yaml"
            )
        close = difflib.get_close_matches(header, headers, n=1, cutoff=0.5)
        hint = f"did you mean {close[0]!r}?" if close else f"the file has: {', '.join(headers[:12])}"
        delimiter_hint = (
            f"; only one column was found, so the delimiter may not be {feed.delimiter!r}"
            if len(headers) == 1
            else ""
        )
        raise FeedError(
            f"{feed.path}: column {header!r} (mapped to {name}) is not in the file; {hint}{delimiter_hint}"
        )


def _look_like_headers(headers: list[str]) -> bool:
    """True for column names an export could have: short, printable, no key=value pairs.
    (path: /proc/self/environ put the whole environment into a feed's error.)"""
    return all(len(h) <= MAX_HEADER_CHARS and h.isprintable() and "=" not in h for h in headers)


def _parse_times(values: pd.Series, feed: FeedConfig, default_timezone: str) -> pd.Series:
    """Parse to aware UTC; times without an offset are in the feed's (else the global) zone."""
    cleaned = values.str.strip()
    date_format = feed.date_format or "mixed"
    zone = feed.timezone or default_timezone
    try:
        parsed = pd.to_datetime(cleaned, format=date_format, errors="coerce")
    except ValueError:  # mixed offsets (or offsets and local times): pandas >= 2 raises
        parsed = pd.Series(None, index=cleaned.index, dtype=object)
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        return parsed.dt.tz_convert("UTC")
    if parsed.dtype == object:
        each = cleaned.map(lambda value: _parse_time(value, date_format, zone))
        return pd.to_datetime(each, utc=True)
    # The repeated hour at the autumn clock change is read as its first occurrence
    # (summer time) rather than dropped as unreadable.
    localized = parsed.dt.tz_localize(
        zone, ambiguous=np.ones(len(parsed), dtype=bool), nonexistent="shift_forward"
    )
    return localized.dt.tz_convert("UTC")


def _parse_time(value: str, date_format: str, zone: str) -> pd.Timestamp:
    """One time to UTC: its own offset if it has one, else local time in `zone`."""
    parsed = pd.to_datetime(value, format=date_format, errors="coerce")
    if pd.isna(parsed):
        return pd.NaT
    if parsed.tzinfo is None:
        parsed = parsed.tz_localize(zone, ambiguous=True, nonexistent="shift_forward")
    return parsed.tz_convert("UTC")


def _numbers(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Engagement counts ('1,234', '1.234', '1 234'; '' missing) and the mask of cells not a count."""
    cleaned = values.str.replace(_NUMBER_JUNK, "", regex=True)
    cleaned = cleaned.str.replace(r"[.,](?=\d{3}(?:\D|$))", "", regex=True)
    numbers = pd.to_numeric(cleaned.str.replace(",", ".", regex=False), errors="coerce").astype("float64")
    # A negative count is a broken export, not a count: left empty and warned like inf or 1e19.
    usable = numbers.round().between(0, MAX_COUNT)  # NaN and ±inf are never between
    bad = ~usable & ~values.str.fullmatch(_NO_VALUE)
    return numbers.where(usable).round().astype("Int64"), bad


def _http_url(value: str) -> str | None:
    value = value.strip()
    return value if value.lower().startswith(("http://", "https://")) else None


def _guids(frame: pd.DataFrame, column: dict[str, pd.Series], skip: pd.Series) -> list[str]:
    """The export's post id, else the post's URL, else a hash of text and time."""
    ids = column["post_id"][~skip].str.strip() if "post_id" in column else pd.Series("", index=frame.index)
    urls = frame[models.URL].fillna("") if models.URL in frame else pd.Series("", index=frame.index)
    # fillna: an undated row must still get a guid (the column is NOT NULL in the store).
    fallback = (
        "text:" + frame[models.TEXT].str[:200] + "|" + frame[models.PUBLISHED_AT].astype(str).fillna("")
    )
    return ids.where(ids.ne(""), urls.where(urls.ne(""), fallback)).tolist()
