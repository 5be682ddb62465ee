"""Which rows of the feeds table to add, update, rename or mark removed so the table follows
feeds.yaml: pure, the store applies the plan in one transaction.

A feed's id is a slug of its name, so a renamed feed arrives with an id the store does not
know. When a feed no longer configured has the same kind and source, it is that feed renamed:
its row and posts move to the new id. A new name with a new source is a new feed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

FIELDS = ("name", "brand", "kind", "channel", "source")  # what feeds.yaml decides of a row
_NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class FeedPlan:
    renames: dict[str, str] = field(default_factory=dict)  # old feed id -> new feed id
    inserts: tuple[str, ...] = ()
    updates: tuple[str, ...] = ()  # configured feeds whose row differs (after renames)
    removed: tuple[str, ...] = ()  # rows still marked configured that feeds.yaml no longer names

    def __bool__(self) -> bool:
        return bool(self.renames or self.inserts or self.updates or self.removed)


def feed_plan(stored: Mapping[str, Mapping[str, Any]], wanted: Mapping[str, Mapping[str, Any]]) -> FeedPlan:
    """stored: feed id -> row (FIELDS, configured, last_attempt_at); wanted: feed id -> FIELDS."""
    renames = feed_renames(stored, wanted)
    after = {renames.get(feed_id, feed_id): row for feed_id, row in stored.items()}
    return FeedPlan(
        renames=renames,
        inserts=tuple(feed_id for feed_id in wanted if feed_id not in after),
        updates=tuple(
            feed_id for feed_id in wanted if feed_id in after and _differs(after[feed_id], wanted[feed_id])
        ),
        removed=tuple(
            feed_id for feed_id, row in after.items() if feed_id not in wanted and row["configured"]
        ),
    )


def feed_renames(
    stored: Mapping[str, Mapping[str, Any]], wanted: Mapping[str, Mapping[str, Any]]
) -> dict[str, str]:
    """Old id -> new id for each unknown configured feed whose kind and source a feed no
    longer configured has (the most recently fetched one, when several do)."""
    spare = sorted(
        (feed_id for feed_id in stored if feed_id not in wanted),
        key=lambda feed_id: stored[feed_id]["last_attempt_at"] or _NEVER,
        reverse=True,
    )
    renames: dict[str, str] = {}
    for new_id, values in wanted.items():
        if new_id in stored:
            continue
        old_id = next(
            (old for old in spare if old not in renames and _same_source(stored[old], values)), None
        )
        if old_id is not None:
            renames[old_id] = new_id
    return renames


def _same_source(row: Mapping[str, Any], values: Mapping[str, Any]) -> bool:
    return (row["kind"], row["source"]) == (values["kind"], values["source"])


def _differs(row: Mapping[str, Any], values: Mapping[str, Any]) -> bool:
    return not row["configured"] or any(row[name] != values[name] for name in FIELDS)
