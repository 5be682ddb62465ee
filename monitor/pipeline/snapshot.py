"""The export's tables of stored posts for a set of filters, and the report made of three such
exports. `export`, `report` and the dashboard's Report button all come here, so the file and
the CSV snapshot hold the same numbers for the same filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from monitor.analysis.flags import window_end
from monitor.analysis.frame_cache import posts_frame_of, term_index_of
from monitor.analysis.volume import PostFilter, filter_posts
from monitor.config.settings import Config
from monitor.output import report
from monitor.output.tables import snapshot_tables
from monitor.store.database import Store


@dataclass
class Stored:
    """Every stored post, with what makes the tables faster, read once for several exports."""

    posts: pd.DataFrame
    topics: pd.DataFrame
    term_index: object | None
    last_fetch: pd.Timestamp | None

    @classmethod
    def read(cls, config: Config, store: Store) -> Stored:
        version = store.data_version()
        posts = posts_frame_of(store, config.cache_dir, version)
        # The pages' term index, from the disk cache. Without one (an in-memory database)
        # indexing every post would cost more than tokenizing the selection.
        index = term_index_of(posts, config.cache_dir, version) if config.cache_dir else None
        return cls(posts, store.load_topics(), index, store.last_fetch_at())


def export_tables(config: Config, stored: Stored, selection: PostFilter) -> dict[str, pd.DataFrame]:
    """File name -> table, as `python -m monitor export` writes them for `selection`."""
    timezone = config.settings.timezone
    posts = filter_posts(stored.posts, selection, timezone)
    end = window_end(stored.last_fetch, config.settings.as_of, selection.end, timezone)
    names = tuple(brand.name for brand in config.brands)
    return snapshot_tables(
        posts, stored.topics, timezone, config.own_brand, stored.term_index, end, names, every=stored.posts
    )


def report_exports(
    config: Config,
    stored: Stored,
    since: date,
    until: date,
    brands: tuple[str, ...] = (),
    channels: tuple[str, ...] = (),
) -> dict[str, dict[str, pd.DataFrame]]:
    """The three exports a report is made of (monitor.output.report): its days, the days
    before, and all up to its last day."""
    before = report.previous_period(since, until)
    return {
        report.PERIOD: export_tables(config, stored, PostFilter(since, until, brands, channels)),
        report.PREVIOUS: export_tables(config, stored, PostFilter(before[0], before[1], brands, channels)),
        report.HISTORY: export_tables(config, stored, PostFilter(None, until, brands, channels)),
    }


def default_week(config: Config, stored: Stored) -> tuple[date, date]:
    """The week of the last day the flags look at (settings.as_of, else the last fetch), or of the
    latest post when that is earlier: feeds silent since, or an old export fetched today, would
    otherwise give an empty week. The week so far, when it is not over."""
    flags_end = window_end(stored.last_fetch, config.settings.as_of, None, config.settings.timezone)
    dated = stored.posts["published_at"].dropna()
    latest = pd.to_datetime(dated, utc=True).max() if not dated.empty else None
    known = [moment for moment in (flags_end, latest) if moment is not None]
    end = min(known) if known else pd.Timestamp.now(tz="UTC")
    return report.week_of(pd.Timestamp(end).tz_convert(config.settings.timezone).date())


def make_report(
    config: Config,
    stored: Stored,
    since: date,
    until: date,
    brands: tuple[str, ...] = (),
    channels: tuple[str, ...] = (),
    language: str | None = None,
    created: datetime | None = None,
) -> tuple[report.Report, dict[str, dict[str, pd.DataFrame]]]:
    """The report's model and the exports it was made from."""
    exports = report_exports(config, stored, since, until, brands, channels)
    request = report.Request(
        since, until, config.own_brand, brands, channels, language or config.settings.language,
        config.settings.alerts.dashboard_url, config.settings.timezone, created,
    )  # fmt: skip
    return report.build_report(
        request, exports[report.PERIOD], exports[report.PREVIOUS], exports[report.HISTORY]
    ), exports
