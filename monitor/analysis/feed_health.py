"""Pure: how the configured feeds stand, from Store.load_feed_status(), counted one way for the
Feeds page and the note every page shows while some feed has never been read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

OK = ("ok", "not_modified")
FAILING = ("error", "gone")  # gone: the source said it is no more
NEVER = "never"


@dataclass(frozen=True)
class FeedHealth:
    """Counts over the configured feeds; a deferred feed (asked to wait) is in none of
    ok, failing or never."""

    n_feeds: int = 0
    n_ok: int = 0
    n_failing: int = 0
    n_never: int = 0


def feed_health(status: pd.DataFrame, configured: Iterable[str]) -> FeedHealth:
    """The health of the feeds in `configured` (feed ids) among `status` rows. A feed with no
    status at all counts as never fetched: nothing was ever recorded for it."""
    rows = status[status["feed_id"].isin(set(configured))]["status"]
    return FeedHealth(
        n_feeds=len(rows),
        n_ok=int(rows.isin(OK).sum()),
        n_failing=int(rows.isin(FAILING).sum()),
        n_never=int((rows.isna() | rows.eq(NEVER)).sum()),
    )


VIEWER_REFRESH_HINT = "ask an editor to press **Refresh feeds**, or wait for the scheduled fetch"


def never_fetched_note(
    health: FeedHealth,
    refreshing: bool = False,
    button_at: str = "on the Feeds page",
    can_refresh: bool = True,
) -> str | None:
    """What to tell the reader when some configured feed was never fetched (an interrupted
    first run or refresh, a feed just added): the pages show only part of the market.
    Markdown; button_at: where the Refresh feeds button is, from where the note shows;
    can_refresh false for a viewer, who has no such button."""
    if not health.n_never:
        return None
    have = "has" if health.n_never == 1 else "have"
    feeds = f"{health.n_never} of {health.n_feeds} feeds {have}"
    if refreshing:
        return f"{feeds} not been fetched yet: until the refresh under way ends, pages leave out their posts."
    action = f"press **Refresh feeds** {button_at}" if can_refresh else VIEWER_REFRESH_HINT
    return f"{feeds} never been fetched, so pages leave out their posts: {action}."
