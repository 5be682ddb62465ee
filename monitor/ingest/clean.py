"""HTML to plain text, whitespace normalised, stable post ids, and the checks on fetched
text and dates (UTF-8 read in another encoding, a date without a time of day)."""

from __future__ import annotations

import hashlib
import html
import os
import re
from html.parser import HTMLParser
from pathlib import Path

# Tags whose content is never text a reader sees.
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "title", "svg", "math"}
# Tags that end a line or paragraph, so words on either side do not run together.
_BREAK_TAGS = {
    "p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5",
    "h6", "blockquote", "pre", "hr", "section", "article", "header", "footer", "figure",
    "figcaption", "table", "dd", "dt",
}  # fmt: skip
_WHITESPACE = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_LOOKS_LIKE_HTML = re.compile(r"<[a-zA-Z/!][^>]*>|&[#a-zA-Z0-9]+;")


class _TextExtractor(HTMLParser):
    """Collects the visible text of an HTML fragment; never runs or keeps markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip_depth += 1
        elif tag in _BREAK_TAGS:
            self.parts.append("\n")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(f" {alt} ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BREAK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def html_to_text(value: str | None) -> str:
    """Visible text of an HTML fragment (or plain text), entities decoded, whitespace tidy."""
    if not value:
        return ""
    if not _LOOKS_LIKE_HTML.search(value):
        return normalise_whitespace(value)
    parser = _TextExtractor()
    try:
        parser.feed(value)
        parser.close()
    except (AssertionError, ValueError):  # malformed markup: keep the text without tags
        return normalise_whitespace(html.unescape(re.sub(r"<[^>]*>", " ", value)))
    return normalise_whitespace("".join(parser.parts))


def normalise_whitespace(text: str) -> str:
    """Collapse runs of spaces, keep paragraph breaks as one blank line, trim."""
    if "\n" not in text and "\r" not in text:  # one line, as most social posts: no line work
        return _WHITESPACE.sub(" ", text).strip()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _WHITESPACE.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def post_id(feed_id: str, guid: str) -> str:
    """A stable id for a post: the same feed and guid give the same id on every run."""
    return hashlib.sha256(f"{feed_id}\x1f{guid}".encode()).hexdigest()[:24]


def fallback_guid(title: str, published: str, text: str) -> str:
    """A guid for entries with neither id nor link: hash of title, date and text."""
    digest = hashlib.sha256(f"{title}\x1f{published}\x1f{text[:500]}".encode()).hexdigest()
    return f"hash:{digest[:24]}"


# A time of day in a date as exports and feeds write it: 14:05, 2024-07-02T14, 2 pm, 2 p.m.
_TIME_OF_DAY = re.compile(r"\d:\d\d|T\d\d|\d\s*[ap]\.?\s*m\b", re.IGNORECASE)


def has_time_of_day(value: str) -> bool:
    """False for a date alone ('2019-05-31', 'Tue, 02 Jul 2024'), read as midnight."""
    return bool(_TIME_OF_DAY.search(value))


def utf8_misread(text: str, encoding: str) -> str | None:
    """The text as it was written when it is UTF-8 decoded as `encoding` ('JubilÃ©' is
    'Jubilé' read as latin-1), else None. A text really in that encoding almost never
    re-encodes to valid UTF-8, so this hardly ever mistakes good text for mojibake."""
    if text.isascii():
        return None
    try:
        written = text.encode(encoding).decode("utf-8")
    except (UnicodeError, LookupError):
        return None
    return written if len(written) < len(text) else None


def misread_example(text: str, encoding: str) -> str:
    """One misread word of the text and what it was, e.g. "'JubilÃ©' is 'Jubilé'"."""
    for word in text.split():
        written = utf8_misread(word, encoding)
        if written is not None:
            return f"{word[:30]!r} is {written[:30]!r}"
    return repr(text[:30])


def shown_path(path: str | os.PathLike[str]) -> Path:
    """A path as messages name it: absolute, no `..` (feeds.yaml joins its own folder and the
    feed's relative path, so config/../exports/a.csv is a path the user never wrote)."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # a symlink loop: still drop the `..` parts
        return Path(os.path.normpath(os.path.abspath(path)))
