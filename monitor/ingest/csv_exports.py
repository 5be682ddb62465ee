"""CSV exports of social platforms -> posts frame, through pandas and the feed's column
mapping. Rows that cannot be used are skipped and counted, with the first row number; data
read but doubtful (no date, no time of day, UTF-8 read in another encoding, words where a
count belongs) is counted in warnings that name the fix."""

from __future__ import annotations

import csv
import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import pandas as pd

from monitor import models
from monitor.config.settings import FeedConfig
from monitor.errors import FeedError
from monitor.ingest.clean import (
    has_time_of_day,
    html_to_text,
    misread_example,
    normalise_whitespace,
    post_id,
    shown_path,
    utf8_misread,
)
from monitor.ingest.language import detect_languages

_NUMBER_JUNK = re.compile(r"[\s\u00a0'’]")
_NO_VALUE = re.compile(r"\s*[-–—]?\s*")  # exports write '' or a lone dash for "no count"
# Far above any real post (views of the most watched videos are ~1e10), far below the store's
# 64-bit integers (2**63 ~ 9.2e18), and below 2**53, so every count read as a float is exact.
MAX_COUNT = 10**15
MAX_HEADER_CHARS = 80  # longer "column names" are a line of text, not a header
MAX_LISTED_COLUMNS = 20  # an export of hundreds of columns is listed by its first ones
MAX_LISTED_CHARS = 400  # and long column names by fewer: the message is one status line

# The delimiters a wrongly read file is checked for, in its first lines only.
SNIFF_DELIMITERS = ",;\t|"
SNIFF_BYTES = 64 * 1024
SNIFF_LINES = 20

# Tried on the dates of a file no date of which could be read, to suggest a `date_format:`.
# Where a sample fits two (05/06/2024), the first listed is suggested and the other named.
COMMON_DATE_FORMATS = (
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d. %m. %Y %H:%M",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %I:%M:%S %p",
    "%d-%m-%Y %H:%M",
    "%Y/%m/%d %H:%M",
    "%d.%m.%Y",
    "%d. %m. %Y",
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
)
DATE_SAMPLES = 20  # bad date values kept to test the formats on
_TIME_CODES = re.compile(r"%[HIMSpXcTRf]")  # a date_format with none of them reads dates only


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
class _Rows:
    """Rows of one kind (skipped for one reason, undated, ...): how many, the first one's row
    number and value, and the first few distinct values when asked for."""

    n: int = 0
    first_row: int | None = None
    first_value: str | None = None
    n_samples: int = 0
    samples: list[str] = field(default_factory=list)

    def add(self, mask: pd.Series, rows: pd.Series, values: pd.Series | None = None) -> None:
        if mask.any() and self.first_row is None:
            self.first_row = int(rows[mask].iloc[0])
            self.first_value = None if values is None else values[mask].iloc[0]
        if values is not None and len(self.samples) < self.n_samples and mask.any():
            for value in values[mask].str.strip().drop_duplicates().head(self.n_samples):
                if len(self.samples) < self.n_samples and value not in self.samples:
                    self.samples.append(value)
        self.n += int(mask.sum())


@dataclass
class _BadCells:
    """Metric cells of one column left empty: how many, the first one's row, a few values;
    and how many of the column's values are no number at all (a text column mapped to it?)."""

    n: int = 0
    first_row: int | None = None
    values: list[str] = field(default_factory=list)
    n_values: int = 0
    n_text: int = 0
    text_example: str | None = None

    def add(
        self, mask: pd.Series, rows: pd.Series, cells: pd.Series, text: pd.Series, kept: pd.Series
    ) -> None:
        if mask.any() and self.first_row is None:
            self.first_row = int(rows[mask].iloc[0])
        for cell in cells[mask].str.strip().str[:30].drop_duplicates().head(3):
            if len(self.values) < 3 and cell not in self.values:
                self.values.append(cell)
        self.n += int(mask.sum())
        self.n_values += int((kept & ~cells.str.fullmatch(_NO_VALUE)).sum())
        text = text & kept
        if text.any() and self.text_example is None:
            self.text_example = cells[text].iloc[0].strip()[:30].strip()
        self.n_text += int(text.sum())

    def warning(self, name: str, header: str) -> str:
        # Mostly words: the mapping points at the wrong column, not at a few broken cells.
        if self.n_text * 2 > self.n_values:
            return (
                f"{name}: {self.n_text} of {self.n_values} values in column {header!r} are not "
                f"numbers (e.g. {self.text_example!r}); check columns: {name}"
            )
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
        self._bad_date = _Rows(n_samples=DATE_SAMPLES)
        self._no_text = _Rows()
        self._undated = _Rows()
        self._date_only = _Rows()
        self._misread = _Rows()  # UTF-8 text read in the feed's other encoding
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
        if self._undated.n:
            warnings.append(
                f"{self._undated.n} posts have no date in column {mapping['published']!r} "
                f"(first at row {self._undated.first_row}) and are kept undated"
            )
        if self._date_only.n:
            warnings.append(
                f"{self._date_only.n} posts have a date without a time of day (first at row "
                f"{self._date_only.first_row}: {self._date_only.first_value!r}); they are placed at "
                f"00:00 {self.feed.timezone or self.default_timezone}"
            )
        warnings += [
            bad.warning(name, mapping[name]) for name, bad in self._bad_counts.items() if bad.n or bad.n_text
        ]
        if self._misread.n:
            example = misread_example(self._misread.first_value, self.feed.encoding)
            warnings.append(
                f"{self._misread.n} posts look like UTF-8 read as {self.feed.encoding} (first at row "
                f"{self._misread.first_row}: {example}): set encoding: utf-8"
            )
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
            raise FeedError(_no_dates_message(self.feed, self._bad_date))

    def _posts(self, raw: pd.DataFrame) -> pd.DataFrame:
        feed, mapping = self.feed, self.feed.column_map
        row_numbers = pd.Series(range(self.n_rows + 2, self.n_rows + len(raw) + 2), index=raw.index)
        column = {name: raw[header] for name, header in mapping.items()}  # header is row 1
        text = column[models.TEXT].map(html_to_text)
        title = column[models.TITLE].map(html_to_text) if models.TITLE in column else ""
        published = _parse_times(column["published"], feed, self.default_timezone)
        dates = column["published"].str.strip()
        bad_date = published.isna() & dates.ne("")
        no_text = text.eq("") & (pd.Series(title, index=raw.index).eq("") if models.TITLE in column else True)
        self._bad_date.add(bad_date, row_numbers, column["published"])
        self._no_text.add(no_text, row_numbers)
        skip = bad_date | no_text
        self.n_skipped += int(skip.sum())  # a row skipped for both reasons counts once
        self._undated.add(dates.eq("") & ~skip, row_numbers)
        date_only = published.notna() & _without_time(dates, feed.date_format)
        self._date_only.add(date_only & ~skip, row_numbers, dates)
        if not _is_utf8(feed.encoding):
            self._misread.add(_misread(column, feed.encoding) & ~skip, row_numbers, _joined_texts(column))
        counts = {}
        for name in [name for name in models.ENGAGEMENT_COLUMNS if name in column]:
            counts[name], bad, not_number = _numbers(column[name])
            self._bad_counts[name].add(bad & ~skip, row_numbers, column[name], not_number, ~skip)
        frame = pd.DataFrame(
            {
                models.TEXT: text,
                models.TITLE: title,
                models.PUBLISHED_AT: published,
                models.DATE_ONLY: date_only,
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


def _is_utf8(encoding: str) -> bool:
    return encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig")


def _read_raw(feed: FeedConfig, chunksize: int) -> Iterator[pd.DataFrame]:
    path = shown_path(feed.path)
    if not path.exists():
        raise FeedError(f"{path}: file not found; check `path:` of feed {feed.name!r} in feeds.yaml")
    encoding = "utf-8-sig" if _is_utf8(feed.encoding) else feed.encoding
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
        reason = " ".join(str(exc).split())[:160]
        sniffed = _sniffed_delimiter(feed)
        if sniffed is not None:
            raise FeedError(
                f"{path}: not a readable CSV with delimiter {_shown_delimiter(feed.delimiter)} "
                f"({reason}); {_delimiter_fix(sniffed)}"
            ) from None
        raise FeedError(f"{path}: not a readable CSV ({reason})") from None


def _check_columns(raw: pd.DataFrame, mapping: dict[str, str], feed: FeedConfig) -> None:
    headers = [str(h) for h in raw.columns]
    for name, header in mapping.items():
        if header in headers:
            continue
        path = shown_path(feed.path)
        missing = f"{path}: column {header!r} (mapped to {name}) is not in the file"
        sniffed = _sniffed_delimiter(feed)  # before the check below: tabs are not printable
        if sniffed is not None:
            raise FeedError(
                f"{missing} as read with delimiter {_shown_delimiter(feed.delimiter)}; {_delimiter_fix(sniffed)}"
            )
        if not _look_like_headers(headers):  # never echo what may be a secret file's content
            raise FeedError(
                f"{path}: its first line is not a row of column names (a binary file, or not a "
                "CSV export?); check `path:` in feeds.yaml"
            )
        if len(headers) == 1:
            raise FeedError(
                f"{missing}; only one column was found, so the delimiter may not be "
                f"{_shown_delimiter(feed.delimiter)}"
            )
        raise FeedError(f"{missing}; {_column_hint(header, headers)}")


def _column_hint(header: str, headers: list[str]) -> str:
    """A near spelling of the header when there is one, else the file's columns: a loose
    match ('text' for 'Message') sends the user the wrong way."""
    by_lower = {h.lower(): h for h in reversed(headers)}  # the first of equal spellings wins
    close = difflib.get_close_matches(header.lower(), list(by_lower), n=1, cutoff=0.8)
    if close:
        return f"did you mean {by_lower[close[0]]!r}?"
    listed: list[str] = []
    for shown in map(repr, headers):
        if len(listed) == MAX_LISTED_COLUMNS or sum(map(len, listed)) + len(shown) > MAX_LISTED_CHARS:
            break
        listed.append(shown)
    if len(listed) < len(headers):
        return (
            f"the file's {len(headers)} columns start with: {', '.join(listed)} "
            f"(and {len(headers) - len(listed)} more)"
        )
    return f"the file's columns: {', '.join(listed)}"


def _sniffed_delimiter(feed: FeedConfig) -> str | None:
    """Another delimiter the file's first lines point to (of , ; tab |), when it splits the
    header into more of the mapped columns, or a one-column header into several; else None.
    Only asked once the file failed, so it never second-guesses a file that reads."""
    sample = _head(feed)
    if sample is None:
        return None
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=SNIFF_DELIMITERS).delimiter
    except csv.Error:
        return None
    if sniffed == feed.delimiter:
        return None
    ours, theirs = _header_row(sample, feed.delimiter), _header_row(sample, sniffed)
    wanted = set(feed.column_map.values())
    if len(wanted & set(theirs)) > len(wanted & set(ours)) or len(ours) == 1 < len(theirs):
        return sniffed
    return None


def _head(feed: FeedConfig) -> str | None:
    """The first lines of the file as text (bytes the encoding cannot read replaced)."""
    try:
        with open(shown_path(feed.path), "rb") as file:
            head = file.read(SNIFF_BYTES)
        text = head.decode("utf-8-sig" if _is_utf8(feed.encoding) else feed.encoding, errors="replace")
    except (OSError, LookupError):
        return None
    lines = text.splitlines()
    if len(head) == SNIFF_BYTES and len(lines) > 1:
        lines.pop()  # cut off mid-line
    return "\n".join(lines[:SNIFF_LINES]) or None


def _header_row(sample: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader(sample.splitlines(), delimiter=delimiter), [])
    except csv.Error:
        return []


def _shown_delimiter(delimiter: str) -> str:
    """As feeds.yaml takes it: tab by name, any other in double quotes."""
    return "tab" if delimiter == "\t" else json.dumps(delimiter)


def _delimiter_fix(delimiter: str) -> str:
    shown = _shown_delimiter(delimiter)
    return f"looks like delimiter: {shown} — add delimiter: {shown} to this feed"


def _no_dates_message(feed: FeedConfig, bad: _Rows) -> str:
    """Why no date of the file could be read, and the date_format that reads its sample."""
    where = f"{shown_path(feed.path)}: column {feed.column_map['published']!r}"
    n_read, fits = _fitting_formats(bad.samples)
    fits = [fmt for fmt in fits if fmt != feed.date_format]
    if fits:
        reads = "them" if n_read == len(bad.samples) else f"{n_read} of the first {len(bad.samples)}"
        # Both reading every date (05/06/2024): day and month cannot be told apart.
        ambiguous = len(fits) > 1 and n_read == len(bad.samples)
        other = f' (or "{fits[1]}": these dates fit both)' if ambiguous else ""
        fix = f'"{fits[0]}" reads {reads} — set date_format: "{fits[0]}"{other} for this feed'
    elif feed.date_format:
        fix = "none of the common formats reads it either; write a date_format that matches it"
    else:
        fix = 'set `date_format:` for this feed in strftime codes, e.g. "%d.%m.%Y %H:%M" for 31.05.2019 14:05'
    if feed.date_format:
        return f'{where}: date_format "{feed.date_format}" failed on {bad.first_value!r} (row {bad.first_row}); {fix}'
    return f"{where}: no date could be read (row {bad.first_row} has {bad.first_value!r}); {fix}"


def _fitting_formats(samples: list[str]) -> tuple[int, list[str]]:
    """How many samples the best of the common formats read (at least one), and the formats
    that read that many, in COMMON_DATE_FORMATS order."""
    counts = {fmt: sum(_reads(value, fmt) for value in samples) for fmt in COMMON_DATE_FORMATS}
    best = max(counts.values(), default=0)
    return best, [fmt for fmt, n in counts.items() if n == best] if best else []


def _reads(value: str, date_format: str) -> bool:
    try:
        datetime.strptime(value, date_format)
    except ValueError:
        return False
    return True


def _without_time(dates: pd.Series, date_format: str | None) -> pd.Series | bool:
    """Which dates name a day but no time of day (read as midnight)."""
    if date_format:
        return not _TIME_CODES.search(date_format)
    return ~dates.map(has_time_of_day).astype(bool)


_TEXT_FIELDS = (models.TEXT, models.TITLE, models.AUTHOR)


def _misread(column: dict[str, pd.Series], encoding: str) -> pd.Series:
    """Rows whose text, title or author is UTF-8 read as the feed's other encoding. Checked on
    the cells as read: cleaning turns the U+00A0 of 'Â\u00a0' into a space, which hides it."""
    misread = pd.Series(False, index=column[models.TEXT].index)
    for name in [name for name in _TEXT_FIELDS if name in column]:
        misread |= column[name].map(lambda value: utf8_misread(value, encoding) is not None).astype(bool)
    return misread


def _joined_texts(column: dict[str, pd.Series]) -> pd.Series:
    """Text, title and author of each row in one string, for a misread word to show."""
    texts = [column[name] for name in _TEXT_FIELDS if name in column]
    joined = texts[0]
    for more in texts[1:]:
        joined = joined + " " + more
    return joined


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


def _numbers(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Engagement counts ('1,234', '1.234', '1 234'; '' missing), the mask of cells not a
    count, and within it the mask of cells not a number at all ('Hello')."""
    cleaned = values.str.replace(_NUMBER_JUNK, "", regex=True)
    cleaned = cleaned.str.replace(r"[.,](?=\d{3}(?:\D|$))", "", regex=True)
    numbers = pd.to_numeric(cleaned.str.replace(",", ".", regex=False), errors="coerce").astype("float64")
    # A negative count is a broken export, not a count: left empty and warned like inf or 1e19.
    usable = numbers.round().between(0, MAX_COUNT)  # NaN and ±inf are never between
    bad = ~usable & ~values.str.fullmatch(_NO_VALUE)
    return numbers.where(usable).round().astype("Int64"), bad, bad & numbers.isna()


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
