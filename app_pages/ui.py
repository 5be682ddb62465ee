"""Streamlit glue shared by the pages: cached loading, the sidebar filters, progress.
Logic stays in monitor/; this only reads widgets and renders."""

from __future__ import annotations

import os
from datetime import date

import pandas as pd
import streamlit as st

from monitor import models
from monitor.config import Config, load_config
from monitor.errors import ConfigError, MonitorError
from monitor.refresh import FeedResult, refresh_feeds
from monitor.store import Store, open_store
from monitor.volume import PostFilter, filter_posts

FILTER_KEY = "post_filter"


def config_or_stop() -> Config:
    """The validated feeds.yaml, or an error on the page that says how to fix it."""
    try:
        return _load_config(os.environ.get("MONITOR_CONFIG"), os.environ.get("MONITOR_DB"))
    except ConfigError as exc:
        st.error(f"**feeds.yaml has a problem.** {exc}", icon="⚠️")
        st.caption("Fix the file, save it, then reload this page.")
        st.stop()


@st.cache_data(ttl=5, show_spinner=False)
def _load_config(path: str | None, database: str | None) -> Config:
    return load_config(path, database=database)


def store_or_stop(url: str) -> Store:
    try:
        return _open_store(url)
    except MonitorError as exc:
        st.error(f"**The database cannot be opened.** {exc}", icon="⚠️")
        st.stop()


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> Store:
    return open_store(url)


def ingest_on_first_run(config: Config, store: Store) -> None:
    """An empty store on first start: fetch the configured feeds, showing progress."""
    if store.count_posts() > 0 or st.session_state.get("first_run_done"):
        return
    st.session_state["first_run_done"] = True
    st.title("Setting up the monitor")
    st.write(f"The database is empty, so the {len(config.feeds)} feeds in feeds.yaml are read now.")
    run_refresh(config, store)
    st.rerun()


def run_refresh(config: Config, store: Store, only: set[str] | None = None) -> list[FeedResult]:
    """Fetch feeds with a progress bar and a line per feed; clear cached data after."""
    bar = st.progress(0.0, text="Starting…")
    with st.status("Fetching feeds…", expanded=True) as status:

        def progress(done: int, total: int, result: FeedResult) -> None:
            bar.progress(done / max(total, 1), text=f"{done} of {total} feeds")
            line = f"{result.name}: " + (
                f"error — {result.error}" if result.status == "error" else
                f"{result.n_new} new, {result.n_seen} already seen"
            )
            st.text(line)  # plain text: a feed's name or error never renders as markup

        results = refresh_feeds(config, store, on_progress=progress, only=only)
        n_failed = sum(not r.ok for r in results)
        label = f"{len(results)} feeds read, {sum(r.n_new for r in results)} new posts"
        status.update(
            label=label + (f", {n_failed} failed" if n_failed else ""),
            state="error" if n_failed else "complete",
            expanded=bool(n_failed),
        )
    load_posts.clear()
    return results


@st.cache_data(show_spinner="Loading posts…", max_entries=4)
def load_posts(url: str, version: tuple[int, str]) -> pd.DataFrame:
    """All stored posts; `version` changes after each fetch, which refreshes the cache."""
    return _open_store(url).load_posts()


def all_posts(config: Config, store: Store) -> pd.DataFrame:
    return load_posts(config.database_url, store.data_version())


def sidebar_filters(config: Config, store: Store) -> None:
    """Date range, brands and channels in the sidebar; kept in session state for pages."""
    posts = all_posts(config, store)
    with st.sidebar:
        st.header("Filters")
        dated = posts[models.PUBLISHED_AT].dropna().dt.tz_convert(config.settings.timezone)
        start, end = _date_range(dated)
        brands = st.multiselect("Brands", _brand_options(config, posts), placeholder="All brands")
        channels = st.multiselect(
            "Channels", sorted(posts[models.CHANNEL].dropna().unique()), placeholder="All channels"
        )
        st.caption(f"Our brand: **{config.own_brand}** · times in {config.settings.timezone}")
    st.session_state[FILTER_KEY] = PostFilter(start, end, tuple(brands), tuple(channels))


def _date_range(dated: pd.Series) -> tuple[date | None, date | None]:
    if dated.empty:
        return None, None
    first, last = dated.min().date(), dated.max().date()
    picked = st.date_input("Dates", value=(first, last), min_value=first, max_value=last, format="YYYY-MM-DD")
    if isinstance(picked, tuple) and len(picked) == 2:
        return picked[0], picked[1]
    return (picked[0], picked[0]) if isinstance(picked, tuple) and picked else (first, last)


def _brand_options(config: Config, posts: pd.DataFrame) -> list[str]:
    configured = [brand.name for brand in config.brands]
    extra = sorted(set(posts[models.BRAND].dropna()) - set(configured))
    return configured + extra


def filtered_posts(config: Config, store: Store) -> pd.DataFrame:
    """The stored posts narrowed by the sidebar's filters."""
    selection = st.session_state.get(FILTER_KEY, PostFilter())
    return filter_posts(all_posts(config, store), selection, config.settings.timezone)


def posts_table(posts: pd.DataFrame, timezone: str) -> None:
    """Posts as an inert table: text is shown as text, only http(s) links are links."""
    table = pd.DataFrame(
        {
            "Published": posts[models.PUBLISHED_AT].dt.tz_convert(timezone).dt.tz_localize(None),
            "Brand": posts[models.BRAND],
            "Channel": posts[models.CHANNEL],
            "Language": posts[models.LANGUAGE],
            "Title": posts[models.TITLE],
            "Text": posts[models.TEXT].str.slice(0, 300),
            "Link": posts[models.URL].where(posts[models.URL].str.match(r"(?i)^https?://", na=False)),
            "Likes": posts[models.LIKES],
            "Comments": posts[models.COMMENTS],
            "Shares": posts[models.SHARES],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "Published": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
            "Link": st.column_config.LinkColumn(display_text="open"),
            "Text": st.column_config.TextColumn(width="large"),
        },
    )
