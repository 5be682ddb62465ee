"""Pure: the marks a reader sees in a post before its words: @mentions, #hashtags, emoji and
links, taken as a person would list them.

URLs (and e-mail addresses) are removed before mentions and hashtags are read, so `https://site.example/#offers` or
`?ref=@x` add nothing; an e-mail address is not a mention; `#1` and HTML entities (`&#39;`) are
not hashtags. Instagram handles may hold inner dots, so `@nika.potuje.` at the end of a sentence
is `nika.potuje`.
"""

from __future__ import annotations

import re

URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
EMAIL = re.compile(r"\w[\w.+-]*@[\w-]+(?:\.[\w-]+)+")  # ".@nika.potuje" is a mention
# Not after a slash (paths) or another @. E-mail addresses are removed first, so a handle
# glued to a word ("Thank U@TacoBell4Teens") still counts, and so does ".@TacoBell".
MENTION = re.compile(r"(?<![@/])@([A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)")
MAX_HANDLE = 30  # Instagram's limit; longer runs are not handles
# Not after a word character, `&` (entities such as &#39;) or another #; at least one letter.
HASHTAG = re.compile(r"(?<![\w&#])#(\w*[^\W\d_]\w*)")
_PICTOGRAPH = (
    "\U0001f300-\U0001f5ff\U0001f600-\U0001f64f\U0001f680-\U0001f6ff\U0001f900-\U0001f9ff"
    "\U0001fa70-\U0001faff\u2600-\u26ff\u2700-\u27bf\u2b50\u2b55\u2934\u2935\u2b05-\u2b07\u2b1b\u2b1c"
    "\u231a\u231b\u23e9-\u23f3\u23f8-\u23fa\U0001f004\U0001f0cf\U0001f18e\U0001f191-\U0001f19a"
)
_MODIFIERS = "\U0001f3fb-\U0001f3ff"  # skin tones
# One emoji as a person counts it: a flag (two regional indicators), or a pictograph with its
# skin tone and variation selector, joined by ZWJ to the next (👩‍💻 is one).
EMOJI = re.compile(
    "[\U0001f1e6-\U0001f1ff]{2}"
    f"|[{_PICTOGRAPH}][{_MODIFIERS}]?\ufe0f?(?:\u200d[{_PICTOGRAPH}][{_MODIFIERS}]?\ufe0f?)*"
)


def without_urls(text: str) -> str:
    return URL.sub(" ", text)


def mentions_in(text: str) -> list[str]:
    """Handles mentioned, without '@', in order of first appearance, each once (case kept)."""
    plain = EMAIL.sub(" ", without_urls(text or ""))
    return _unique(m for m in MENTION.findall(plain) if len(m) <= MAX_HANDLE)


def hashtags_in(text: str) -> list[str]:
    """Hashtags, without '#', in order of first appearance, each once (case kept)."""
    return _unique(HASHTAG.findall(without_urls(text or "")))


def emoji_in(text: str) -> list[str]:
    """Every emoji, repeats kept (a post of 🔥🔥🔥 uses 🔥 three times)."""
    return EMOJI.findall(text or "")


def has_link(text: str) -> bool:
    return bool(URL.search(text or ""))


def _unique(items) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.lower() not in seen:
            seen.add(item.lower())
            out.append(item)
    return out
