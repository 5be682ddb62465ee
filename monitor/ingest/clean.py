"""HTML to plain text, whitespace normalised, and stable post ids."""

from __future__ import annotations

import hashlib
import html
import re
from html.parser import HTMLParser

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
