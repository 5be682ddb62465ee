"""Pure: how the configured feeds stand, from Store.load_feed_status(), counted one way for the
Feeds page and the note every page shows while some feed has never been read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from monitor import i18n
from monitor.i18n import t, tn

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


# In English, for callers that still glue it into a sentence (the pages say it with t()).
VIEWER_REFRESH_HINT = "ask an editor to press **Refresh feeds**, or wait for the scheduled fetch"


def status_label(status: object) -> object:
    """A feed's status (ok, not_modified, error, gone, deferred, never) as the Feeds page shows
    it: the code itself in English, a word in other languages; anything else as it is."""
    labels = {
        "ok": t("ok"),
        "not_modified": t("not_modified"),
        "error": t("error"),
        "gone": t("gone"),
        "deferred": t("deferred"),
        NEVER: t("never"),
    }
    return labels.get(status, status) if isinstance(status, str) else status


def never_fetched_note(
    health: FeedHealth,
    refreshing: bool = False,
    button_at: str = "on the Feeds page",
    can_refresh: bool = True,
) -> str | None:
    """What to tell the reader when some configured feed was never fetched (an interrupted
    first run or refresh, a feed just added): the pages show only part of the market.
    Markdown; button_at: where the Refresh feeds button is, from where the note shows ("on the
    Feeds page" or "above": each a sentence of the catalogue; any other place is glued in as
    given); can_refresh false for a viewer, who has no such button."""
    if not health.n_never:
        return None
    n, total = health.n_never, i18n.number(health.n_feeds)
    if refreshing:
        return tn(
            "{n} of {total} feeds has not been fetched yet: until the refresh under way ends, pages "
            "leave out their posts.",
            "{n} of {total} feeds have not been fetched yet: until the refresh under way ends, pages "
            "leave out their posts.",
            n,
            total=total,
        )
    if not can_refresh:
        return tn(
            "{n} of {total} feeds has never been fetched, so pages leave out their posts: ask an "
            "editor to press **Refresh feeds**, or wait for the scheduled fetch.",
            "{n} of {total} feeds have never been fetched, so pages leave out their posts: ask an "
            "editor to press **Refresh feeds**, or wait for the scheduled fetch.",
            n,
            total=total,
        )
    if button_at == "on the Feeds page":
        return tn(
            "{n} of {total} feeds has never been fetched, so pages leave out their posts: press "
            "**Refresh feeds** on the Feeds page.",
            "{n} of {total} feeds have never been fetched, so pages leave out their posts: press "
            "**Refresh feeds** on the Feeds page.",
            n,
            total=total,
        )
    if button_at == "above":
        return tn(
            "{n} of {total} feeds has never been fetched, so pages leave out their posts: press "
            "**Refresh feeds** above.",
            "{n} of {total} feeds have never been fetched, so pages leave out their posts: press "
            "**Refresh feeds** above.",
            n,
            total=total,
        )
    return tn(  # another place, said in English words by its caller
        "{n} of {total} feeds has never been fetched, so pages leave out their posts: press "
        "**Refresh feeds** {where}.",
        "{n} of {total} feeds have never been fetched, so pages leave out their posts: press "
        "**Refresh feeds** {where}.",
        n,
        total=total,
        where=button_at,
    )
