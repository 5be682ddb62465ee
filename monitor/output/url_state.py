"""Pure: the state of a view (filters, meeting mode, time grain) to and from URL query
parameters, so a copied link opens the same view. Unknown or stale values are dropped,
never trusted: a link from last month still opens, without the brand that left."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from monitor.analysis.volume import PostFilter
from monitor.i18n import LANGUAGES

# The dashboard's pages: file and URL path. app.py builds its navigation from these, and alert
# links point at the same paths.
PAGE_FILES = {
    "overview": "app_pages/overview.py",
    "trends": "app_pages/trends.py",
    "topics": "app_pages/topics.py",
    "differentiation": "app_pages/differentiation.py",
    "cadence": "app_pages/cadence.py",
    "voice": "app_pages/voice.py",
    "partners": "app_pages/partners.py",
    "campaigns": "app_pages/campaigns.py",
    "feeds": "app_pages/feeds.py",
}
TRENDS_PAGE = "trends"

MODES = ("explore", "meeting")
GRAINS = ("week", "day")
# A topic id in a link: ASCII digits, few of them ("²".isdigit() is true; int() of 5,000 digits raises).
TOPIC_ID_TEXT = re.compile(r"[0-9]{1,9}")


@dataclass(frozen=True)
class ViewState:
    """Everything a shared link restores."""

    filters: PostFilter = field(default_factory=PostFilter)
    mode: str = "explore"
    grain: str = "week"
    language: str | None = None  # the UI's language when a viewer chose one (monitor.i18n); None: the setting

    @property
    def meeting(self) -> bool:
        return self.mode == "meeting"


def to_query_params(state: ViewState) -> dict[str, str | list[str]]:
    """Only what differs from the defaults, so links stay short."""
    selection = state.filters
    params: dict[str, str | list[str]] = {}
    if selection.start:
        params["from"] = selection.start.isoformat()
    if selection.end:
        params["to"] = selection.end.isoformat()
    for key, values in (
        ("brand", selection.brands),
        ("channel", selection.channels),
        ("lang", selection.languages),
        ("topic", [str(t) for t in selection.topics]),
    ):
        if values:
            params[key] = list(values)
    if state.mode != "explore":
        params["mode"] = state.mode
    if state.grain != "week":
        params["grain"] = state.grain
    if state.language:
        params["ui"] = state.language
    return params


def from_query_params(
    params: Mapping[str, Sequence[str]],
    *,
    brands: Iterable[str] = (),
    channels: Iterable[str] = (),
    languages: Iterable[str] = (),
    topics: Iterable[int] = (),
) -> ViewState:
    """Read a view from query params (each key -> all its values), keeping known values only."""
    start, end = _date(params.get("from")), _date(params.get("to"))
    if start and end and start > end:  # a hand-edited link: the range meant, not its one day
        start, end = end, start
    selection = PostFilter(
        start=start,
        end=end,
        brands=_known(params.get("brand"), brands),
        channels=_known(params.get("channel"), channels),
        languages=_known(params.get("lang"), languages),
        topics=tuple(int(t) for t in _known(params.get("topic"), [str(t) for t in topics])),
    )
    mode = _first(params.get("mode"))
    grain = _first(params.get("grain"))
    language = _first(params.get("ui"))
    return ViewState(
        filters=selection,
        mode=mode if mode in MODES else "explore",
        grain=grain if grain in GRAINS else "week",
        language=language if language in LANGUAGES else None,
    )


def focus_topic(value: str | None, topics: Iterable[int]) -> int | None:
    """The topic a link's `?focus=` opens: one of `topics`, or None for a stale or malformed id."""
    if not value or not TOPIC_ID_TEXT.fullmatch(value):
        return None
    topic = int(value)
    return topic if topic in set(topics) else None


def _first(values: Sequence[str] | None) -> str | None:
    return values[0] if values else None


def _date(values: Sequence[str] | None) -> date | None:
    try:
        return date.fromisoformat(values[0]) if values else None
    except ValueError:
        return None


def _known(values: Sequence[str] | None, allowed: Iterable[str]) -> tuple[str, ...]:
    allowed_set = set(allowed)
    return tuple(dict.fromkeys(v for v in values or () if v in allowed_set))
