"""Streamlit glue shared by the pages: cached loading, the sidebar filters kept in the URL,
meeting mode, progress. Logic stays in monitor/; this only reads widgets and renders."""

from __future__ import annotations

import functools
import os
import re
import threading
import time
import weakref
from datetime import date
from typing import Any, NamedTuple

import pandas as pd
import streamlit as st

from monitor import i18n, models
from monitor.analysis.feed_health import FeedHealth, feed_health, never_fetched_note
from monitor.analysis.frame_cache import posts_frame_of, term_index_of
from monitor.analysis.volume import PostFilter, filter_posts
from monitor.config.access import Access, access_for, header_value, missing_login_packages
from monitor.config.load import load_config, resolve_config_path
from monitor.config.settings import Config
from monitor.errors import ConfigError, MonitorError
from monitor.i18n import LANGUAGES, t, tn
from monitor.models import TOPIC_ID, TOPIC_LABEL
from monitor.output.csv_files import csv_bytes
from monitor.output.url_state import ViewState, from_query_params, to_query_params
from monitor.pipeline import background
from monitor.pipeline.background import RefreshProgress
from monitor.store import db_file
from monitor.store.database import Store, open_store

VIEW_KEY = "view_state"
VIEW_URL_KEY = "view_params"  # the view's query params as last written, restored after a page switch
VIEW_PARAMS = ("from", "to", "brand", "channel", "lang", "topic", "mode", "grain", "ui")
LANGUAGE_KEY = "ui_language"  # the sidebar's language switch
# Tables show a missing value (no metrics, one feed only, no error) as an empty cell;
# Streamlit's own "None" in grey read like a value.
MISSING = ""
WATCH_SECONDS = 0.25  # how often the page that started a refresh polls its progress
BANNER_SECONDS = 1.0  # how often every other page does
# Every ASCII punctuation mark: CommonMark lets a backslash escape any of them, and each
# Markdown, LaTeX ($), colour or icon (:red[..], :material/..:) and HTML construct starts with one.
MARKUP = re.compile(r"[!-/:-@\[-`{-~]")
MEETING_CSS = """
<style>
  html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
  [data-testid="stMetricValue"] { font-size: 3.2rem; }
  [data-testid="stMetricLabel"] p { font-size: 1.3rem; }
  h1 { font-size: 3.2rem !important; }
  .headline { font-size: 1.7rem; line-height: 1.5; margin: 0.2rem 0 0.8rem 0; }
  .subtitle { font-size: 1.1rem; color: #52606d; margin: -0.6rem 0 0.6rem 0; }
  [data-testid="stSidebarCollapsedControl"] { opacity: 0.4; }
</style>
"""


def keep_view() -> None:
    """Put this session's view back into the URL when a run arrives with none of it: a click in
    the sidebar navigation sends an empty query string (Streamlit keeps only params bound to
    widgets), so the sidebar, seeded from the URL, showed the next page unfiltered. Called
    first: all after it reads the URL as if the link had carried the view. A new session has
    no view, so a link opens as given; a URL naming any part of the view is left alone."""
    saved = st.session_state.get(VIEW_URL_KEY)
    if saved and not any(key in st.query_params for key in VIEW_PARAMS):
        for key, value in saved.items():
            st.query_params[key] = value


def use_language(config: Config | None = None) -> str:
    """This run's language (monitor.i18n), set before anything is written: the sidebar's switch
    when it was just changed, else the link's ?ui=, else settings.language. Every call of t() in
    this run, the pages' and monitor's, then speaks it (a session runs in its own thread)."""
    chosen = st.session_state.get(LANGUAGE_KEY)
    if chosen not in LANGUAGES:
        chosen = st.query_params.get("ui")
    if chosen not in LANGUAGES:
        chosen = config.settings.language if config is not None else i18n.DEFAULT_LANGUAGE
    if st.session_state.get(LANGUAGE_KEY) != chosen and config is not None:
        st.session_state[LANGUAGE_KEY] = chosen  # the switch shows what a link asked for
    return i18n.set_language(chosen)


def viewer_refresh_hint() -> str:
    return t("ask an editor to press **Refresh feeds**, or wait for the scheduled fetch")


def meeting_requested() -> bool:
    """Meeting mode from the URL (?mode=meeting), read before set_page_config."""
    return st.query_params.get("mode") == "meeting"


MEETING_KEY = "meeting_toggle"


def meeting_on() -> bool:
    """Meeting mode for this run, before the sidebar is drawn: the toggle just flipped, else the link."""
    flipped = st.session_state.get(MEETING_KEY)
    return meeting_requested() if flipped is None else bool(flipped)


def config_or_stop() -> Config:
    """The validated feeds.yaml, or an error on the page that says how to fix it."""
    path = resolve_config_path(os.environ.get("MONITOR_CONFIG"))
    try:
        config = _load_config(str(path), os.environ.get("MONITOR_DB"), _file_stamp(path))
    except ConfigError as exc:
        st.error(t("**feeds.yaml has a problem.** {problem}", problem=plain(exc)), icon="⚠️")
        st.caption(t("Fix the file, save it, then reload this page."))
        st.stop()
    _CACHE_DIRS[config.database_url] = config.cache_dir
    return config


# Database URL -> its disk cache folder (Config.cache_dir), for the cached loaders below that
# are keyed by URL. One feeds.yaml per server, so a URL always maps to one folder.
_CACHE_DIRS: dict[str, Any] = {}


@st.cache_data(show_spinner=False, max_entries=4)
def _load_config(path: str, database: str | None, stamp: tuple | None) -> Config:
    """Parsed once per version of the file (`stamp`): an edit shows on the next click, and
    a click on an unchanged file does not parse it again (~30 ms for 40 feeds)."""
    return load_config(path, database=database)


def _file_stamp(path) -> tuple | None:
    try:
        info = os.stat(path)
    except OSError:  # missing: load_config says so, and errors are not cached
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


def store_or_stop(url: str) -> Store:
    """The store of url, opened anew when its file was deleted or replaced since it was opened
    (deleted, or another file moved in its place), or an error on the page that says the fix."""
    try:
        store = _open_store(url)
        if store.file_identity != db_file.identity(url):  # one stat per run
            store = _reopen_store(url)
        db_file.check_url(url)  # the same file, truncated in place
        db_file.check_writable(url)  # every page writes (feeds.yaml's feeds, refreshes)
    except MonitorError as exc:
        st.error(t("**The database cannot be opened.** {problem}", problem=plain(exc)), icon="⚠️")
        st.stop()
    seen = st.session_state.get("store_seen")  # a weak reference: a new file may reuse the inode
    if seen is not None and seen() is not store:
        st.session_state.pop("first_run_done", None)  # reopened: an empty one is set up again
    st.session_state["store_seen"] = weakref.ref(store)
    return store


_REOPENING = threading.Lock()


def _reopen_store(url: str) -> Store:
    """Drop the cached store of a file that is gone (its writes would vanish with it) and
    open the file now at url: a new, empty database when it was deleted."""
    with _REOPENING:  # sessions that notice at once reopen it once
        stale = _open_store(url)
        if stale.file_identity == db_file.identity(url):
            return stale  # another session reopened it meanwhile
        _open_store.clear(url)
        stale.close()
        _synced_feeds.clear()
        _clear_data_caches()
        return _open_store(url)


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> Store:
    return open_store(url)


def follow_config(config: Config, store: Store) -> None:
    """Feeds renamed or removed in feeds.yaml show so on every page at once, not after the
    next fetch: the store's feeds follow the file, once per version of the file's feeds."""
    _synced_feeds(config.database_url, repr(config.feeds), store, config)


@st.cache_resource(show_spinner=False, max_entries=4)
def _synced_feeds(url: str, feeds_repr: str, _store: Store, _config: Config) -> bool:
    _store.sync_feeds(_config.feeds)
    data_version.clear()  # a renamed brand is new data for every cached frame
    return True


def visitor_access(config: Config) -> Access:
    """This visitor's role (monitor.config.access) from settings.access and who they are: a
    trusted proxy's header, or Streamlit's OIDC login."""
    settings = config.settings.access
    identity = None
    if settings.identity == "header" and st.context.headers is not None:
        identity = header_value(st.context.headers.get_all(settings.header))
    elif settings.identity == "login" and st.user.get("is_logged_in"):
        identity = st.user.get("email")
    return access_for(identity, settings)


def access_or_stop(config: Config) -> Access:
    """Stop the page, saying why and what to do, for a visitor who may not see it; in the
    sidebar, who is signed in and as what."""
    access = visitor_access(config)
    login = config.settings.access.identity == "login"
    if access.can_view:
        if access.identity:
            st.sidebar.caption(t("Signed in as {who} · {role}", who=plain(access.identity), role=access.role))
            if login:
                st.sidebar.button(t("Sign out"), on_click=st.logout, icon=":material/logout:")
        return access
    st.title(t("Competitor monitor"))
    if login and (missing := missing_login_packages()):
        st.error(
            t(
                "Sign-in is not installed ({missing} missing): settings.access.identity is "
                '`login`. Run `pip install ".[login]"` and restart the dashboard (docs/deploy.md).',
                missing=", ".join(missing),
            ),
            icon=":material/error:",
        )
    elif login and access.identity is None:
        st.info(plain(access.reason), icon=":material/login:")
        if st.button(t("Sign in"), type="primary", icon=":material/login:"):
            _login()
    else:
        st.error(plain(access.reason), icon=":material/lock:")  # holds what the visitor sent
        if login:
            st.button(t("Sign out"), on_click=st.logout, icon=":material/logout:")
    st.stop()


def _login() -> None:
    try:
        st.login()
    except st.errors.StreamlitAuthError as exc:  # no [auth] in secrets.toml, or Authlib missing
        st.error(
            t(
                "Sign-in is not set up: {problem} settings.access.identity is `login`: add an [auth] "
                "section to .streamlit/secrets.toml and install Authlib (docs/deploy.md).",
                problem=exc,
            ),
            icon=":material/error:",
        )


def ingest_on_first_run(config: Config, store: Store) -> None:
    """An empty store on first start: fetch the configured feeds and find topics, with progress.
    Only for an editor: a viewer's visit changes nothing (every page says what is missing)."""
    if data_version(config.database_url)[0] > 0 or st.session_state.get("first_run_done"):
        return
    if not visitor_access(config).can_edit:
        return
    st.session_state["first_run_done"] = True
    st.title(t("Setting up the monitor"))
    st.write(
        tn(
            "The database is empty, so the {n} feed in feeds.yaml is read now.",
            "The database is empty, so the {n} feeds in feeds.yaml are read now.",
            len(config.feeds),
        )
    )
    run_refresh(config)
    st.rerun()


def run_refresh(config: Config) -> RefreshProgress:
    """Start a refresh (or join the one running) and show its progress until it ends. The run
    is not this script's: a reload or a page switch stops the watching, never the run."""
    progress = _watch(background.start_refresh(config))
    _clear_data_caches()
    return progress


def _watch(run: background.RefreshRun) -> RefreshProgress:
    """A progress bar and a line per feed, polled from the run (its thread never calls Streamlit)."""
    bar = st.progress(0.0, text=t("Starting…"))
    with st.status(t("Fetching feeds…"), expanded=True) as status:
        n_shown = 0
        while not (progress := run.progress()).finished:
            n_shown = _show_lines(progress, n_shown)
            if progress.phase == background.TOPICS:
                status.update(label=t("Updating topics…"))
            # Every poll sends the bar, so a reload or a click stops this loop within one poll.
            bar.progress(
                progress.done / max(progress.total, 1),
                text=t("{done} of {total} feeds", done=progress.done, total=progress.total),
            )
            time.sleep(WATCH_SECONDS)
        _show_lines(progress, n_shown)
        failed = bool(progress.n_failed or progress.error)
        status.update(label=progress.describe(), state="error" if failed else "complete", expanded=failed)
    bar.empty()
    return progress


def _show_lines(progress: RefreshProgress, n_shown: int) -> int:
    for line in progress.lines[n_shown:]:
        st.text(line)  # plain text: a feed's name or error never renders as markup
    return len(progress.lines)


@st.cache_data(ttl=5, show_spinner=False)
def _fetch_elsewhere(url: str) -> bool:
    """A fetch this server did not start is writing (the lock says so); asked at most every
    5 s, as every page asks on every rerun."""
    return _open_store(url).fetch_running()


def refresh_banner(config: Config) -> None:
    """On every page, while a refresh of this database runs (whoever started it): how far it
    is, polled each second; when it ends, the app reruns on the new data. A fetch from
    elsewhere (cron, another machine) is only said: its progress is not this server's."""
    if refresh_running(config):
        _banner(config.database_url)
    elif _fetch_elsewhere(config.database_url):
        st.info(
            t(
                "A fetch is writing to the database now (a scheduled fetch, or another machine's "
                "dashboard). The pages show the data from before it until it ends; reload then."
            ),
            icon=":material/sync:",
        )


def refresh_running(config: Config) -> bool:
    run = background.latest_refresh(config.database_url)
    return run is not None and not run.progress().finished


def never_fetched_warning(
    config: Config, health: FeedHealth | None = None, button_at: str = "on the Feeds page"
) -> None:
    """While some configured feed has never been fetched (a first run or refresh cut short, a
    feed just added), say so: without it the pages looked complete on part of the data."""
    health = feed_health_of(config) if health is None else health
    note = never_fetched_note(health, refresh_running(config), button_at, visitor_access(config).can_edit)
    if note:
        st.warning(note, icon="⚠️")


def feed_health_of(config: Config) -> FeedHealth:
    """The configured feeds' health (monitor.analysis.feed_health), cached per data version."""
    url = config.database_url
    return _feed_health(url, data_version(url), tuple(feed.feed_id for feed in config.feeds))


@st.cache_data(show_spinner=False, max_entries=8)
def _feed_health(url: str, version: tuple, configured: tuple[str, ...]) -> FeedHealth:
    return feed_health(_open_store(url).load_feed_status(), configured)


@st.fragment(run_every=BANNER_SECONDS)
def _banner(url: str) -> None:
    run = background.latest_refresh(url)
    progress = run.progress() if run else None
    if progress is None or progress.finished:
        data_version.clear()  # the version read a second ago may predate the run's last writes
        st.rerun()
    st.info(
        t("{progress} Pages show the posts stored so far until it ends.", progress=progress.describe()),
        icon="🔄",
    )


def _clear_data_caches() -> None:
    load_posts.clear()  # cache_resource: drop the old frames now
    _filtered.clear()
    _stories.clear()
    _feed_health.clear()
    data_version.clear()


@st.cache_resource(show_spinner="Loading posts…", max_entries=2)
def load_posts(url: str, version: tuple) -> pd.DataFrame:
    """All stored posts with their topics; `version` changes after each fetch or refit.
    Shared, not copied (cache_data would copy it on every call). Read-only in effect: under
    pandas' copy-on-write every frame derived from it copies before it writes, and
    test_app checks that no page changes it."""
    return posts_frame_of(_open_store(url), _CACHE_DIRS.get(url), version)  # from the disk cache when fresh


def all_posts(config: Config, store: Store) -> pd.DataFrame:
    return load_posts(config.database_url, data_version(config.database_url))


@st.cache_data(ttl=1, show_spinner=False)
def data_version(url: str) -> tuple:
    """The store's data version, read at most once a second: pages ask for it several
    times per run, and each read is five queries."""
    return _open_store(url).data_version()


@st.cache_data(show_spinner=False, max_entries=4)
def load_topics(url: str, version: tuple) -> pd.DataFrame:
    return _open_store(url).load_topics()


def topics(config: Config, store: Store) -> pd.DataFrame:
    return load_topics(config.database_url, data_version(config.database_url))


def view() -> ViewState:
    """The view chosen in the sidebar (or restored from the URL)."""
    return st.session_state.get(VIEW_KEY, ViewState())


def sidebar_filters(config: Config, store: Store) -> ViewState:
    """Filters in the sidebar, restored from and written back to the URL query params."""
    posts = all_posts(config, store)
    choices = _choices(config.database_url, data_version(config.database_url), _configured_brands(config))
    topic_labels = choices["topics"]
    restored = from_query_params(
        {key: st.query_params.get_all(key) for key in st.query_params},
        brands=choices["brands"],
        channels=choices["channels"],
        languages=choices["languages"],
        topics=list(topic_labels),
    )
    with st.sidebar:
        meeting = st.toggle(
            t("Meeting mode"),
            value=restored.meeting,
            key=MEETING_KEY,  # read by meeting_on() before the next run's navigation
            help=t("Large type: the weekly report's sections, one per page"),
        )
        # Its value comes from use_language (session state), which runs before anything is written.
        st.segmented_control(t("Language"), list(LANGUAGES), format_func=LANGUAGES.get, key=LANGUAGE_KEY)
        st.header(t("Filters"))
        start, end = _date_range(posts, config.settings.timezone, restored.filters)
        brands = st.multiselect(
            t("Brands"),
            choices["brands"],
            default=list(restored.filters.brands),
            placeholder=t("All brands"),
        )
        channels = st.multiselect(
            t("Channels"),
            choices["channels"],
            default=list(restored.filters.channels),
            placeholder=t("All channels"),
        )
        languages = st.multiselect(
            t("Languages"),
            choices["languages"],
            default=list(restored.filters.languages),
            placeholder=t("All languages"),
        )
        chosen_topics = st.multiselect(
            t("Topics"),
            list(topic_labels),
            default=list(restored.filters.topics),
            format_func=lambda topic_id: topic_labels.get(topic_id, str(topic_id)),
            placeholder=t("All topics"),
        )
        # The words are the options (no format_func): AppTest reads a radio's value by its label.
        grains = {t("week"): "week", t("day"): "day"}
        grain = grains[
            st.radio(
                t("Time grain"),
                list(grains),
                index=list(grains.values()).index(restored.grain),
                horizontal=True,
            )
        ]
        st.caption(
            t(
                "Our brand: **{brand}** · times in {timezone}",
                brand=plain(config.own_brand),
                timezone=plain(config.settings.timezone),
            )
        )
    language = i18n.language()
    state = ViewState(
        PostFilter(start, end, tuple(brands), tuple(channels), tuple(languages), tuple(chosen_topics)),
        mode="meeting" if meeting else "explore",
        grain=grain,
        language=None
        if language == config.settings.language
        else language,  # in the URL when not the default
    )
    _write_query_params(state, posts, config.settings.timezone)
    st.session_state[VIEW_KEY] = state
    if state.meeting:
        st.markdown(MEETING_CSS, unsafe_allow_html=True)  # our own CSS; no feed content
    return state


def _write_query_params(state: ViewState, posts: pd.DataFrame, timezone: str) -> None:
    """Keep the URL in step with the view; the full date range is the default, so omitted."""
    first, last = _data_range(posts, timezone)
    selection = state.filters
    if (selection.start, selection.end) == (first, last):
        state = ViewState(PostFilter(None, None, *_rest(selection)), state.mode, state.grain, state.language)
    wanted = to_query_params(state)
    for key in VIEW_PARAMS:  # other keys (a page's own, like ?focus=) are left alone
        value = wanted.get(key)
        values = value if isinstance(value, list) else [value] if value else []
        if st.query_params.get_all(key) != values:
            if values:
                st.query_params[key] = values
            elif key in st.query_params:
                del st.query_params[key]
    st.session_state[VIEW_URL_KEY] = wanted


def _rest(selection: PostFilter) -> tuple:
    return selection.brands, selection.channels, selection.languages, selection.topics


def _data_range(posts: pd.DataFrame, timezone: str) -> tuple[date | None, date | None]:
    dated = posts[models.PUBLISHED_AT].dropna()
    if dated.empty:
        return None, None
    local = dated.dt.tz_convert(timezone)
    return local.min().date(), local.max().date()


def _date_range(posts: pd.DataFrame, timezone: str, restored: PostFilter) -> tuple[date | None, date | None]:
    first, last = _data_range(posts, timezone)
    if first is None:
        return None, None
    start = max(first, min(restored.start or first, last))
    end = min(last, max(restored.end or last, start))
    picked = st.date_input(
        t("Dates"), value=(start, end), min_value=first, max_value=last, format="YYYY-MM-DD"
    )
    if isinstance(picked, tuple) and len(picked) == 2:
        return picked[0], picked[1]
    return (picked[0], picked[0]) if isinstance(picked, tuple) and picked else (start, end)


@st.cache_data(show_spinner=False, max_entries=4)
def _choices(url: str, version: tuple, configured_brands: tuple[str, ...]) -> dict:
    """The sidebar's choices, once per data version (~0.1 s of every rerun at 100k posts)."""
    posts = load_posts(url, version)
    extra = sorted(set(posts[models.BRAND].dropna()) - set(configured_brands))
    return {
        "brands": [*configured_brands, *extra],
        "channels": _options(posts, models.CHANNEL),
        "languages": _options(posts, models.LANGUAGE),
        "topics": _topic_options(posts),
    }


def _configured_brands(config: Config) -> tuple[str, ...]:
    return tuple(brand.name for brand in config.brands)


def _options(posts: pd.DataFrame, column: str) -> list[str]:
    return sorted(str(v) for v in posts[column].dropna().unique())


def _topic_options(posts: pd.DataFrame) -> dict[int, str]:
    if TOPIC_ID not in posts:
        return {}
    pairs = posts[[TOPIC_ID, TOPIC_LABEL]].dropna().drop_duplicates(TOPIC_ID)
    counts = posts[TOPIC_ID].value_counts()
    pairs = pairs.assign(n=pairs[TOPIC_ID].map(counts)).sort_values("n", ascending=False)
    return {int(t): str(label) for t, label in zip(pairs[TOPIC_ID], pairs[TOPIC_LABEL], strict=True)}


def filtered_posts(config: Config, store: Store) -> pd.DataFrame:
    """The stored posts narrowed by the sidebar's filters (shared: treat as read-only)."""
    return _filtered(config.database_url, data_version(config.database_url), view().filters,
                     config.settings.timezone)  # fmt: skip


@st.cache_resource(show_spinner=False, max_entries=2)
def _filtered(url: str, version: tuple, selection: PostFilter, timezone: str) -> pd.DataFrame:
    """One filtered frame per rerun, shared by the page and each derived table (each filtered
    the 100k posts again: ~0.03 s apiece). No filters: the loaded frame itself, not a copy."""
    posts = load_posts(url, version)
    return posts if selection == PostFilter() else filter_posts(posts, selection, timezone)


@st.cache_resource(show_spinner=False, max_entries=4)
def _stories(url: str, version: tuple, selection: PostFilter, timezone: str, by: tuple) -> pd.DataFrame:
    """The filtered posts' story rows per `by` (trends.stories), shared read-only by the counts
    and flags that each found them again (~20 ms apiece at 40k posts); cache_resource, as a
    cache_data copy on every read cost what sharing saved."""
    from monitor.analysis import trends

    return trends.stories(_filtered(url, version, selection, timezone), by)


def stop_if_empty(config: Config, store: Store, posts: pd.DataFrame, need_topics: bool = False) -> None:
    """Empty states that say what to do, then stop the page."""
    if all_posts(config, store).empty:
        if visitor_access(config).can_edit:
            st.info(
                t(
                    "No posts yet. Add your competitors' feeds and CSV exports to feeds.yaml, then open "
                    "**Feeds** and press **Refresh feeds** (or run `python -m monitor fetch`)."
                ),
                icon="ℹ️",
            )
        else:
            st.info(t("No posts yet: {hint}.", hint=viewer_refresh_hint()), icon="ℹ️")
        st.stop()
    if posts.empty:
        st.info(t("No posts match the filters. Widen the date range or clear some filters."), icon="ℹ️")
        st.stop()
    if need_topics and posts[TOPIC_ID].isna().all():
        st.info(
            t(
                "No topics yet: press **Refresh feeds** on the Feeds page, or run `python -m monitor topics refit`."
            ),
            icon="ℹ️",
        )
        st.stop()


def headlines(facts: list[str]) -> None:
    """Headline facts in words. Facts name topics and brands: shown as text."""
    for fact in facts[:3]:
        st.text(f"• {fact}")


def plain(text: object) -> str:
    """Text for a Markdown element (st.header, st.caption, st.info ...) that shows as the characters
    it has: a topic renamed to `![x](http://..)` or `$x^2$` loads no image and sets no formula.
    Punctuation is backslash-escaped; line breaks become spaces (one line, no Markdown blocks)."""
    return MARKUP.sub(lambda mark: "\\" + mark.group(), " ".join(str(text).split()))


def escape(text: object) -> str:
    """Text for HTML inside st.markdown(unsafe_allow_html=True): every punctuation mark as a
    character reference, so neither HTML nor Markdown, LaTeX or colours can start in it."""
    return MARKUP.sub(lambda mark: f"&#{ord(mark.group())};", " ".join(str(text).split()))


def present(chart):
    """Months, days and numbers in this run's language; in meeting mode, type readable from the
    back of the room."""
    from monitor.output.charts import localized

    chart = localized(chart)
    if not view().meeting:
        return chart
    return (
        chart.configure_axis(labelFontSize=18, titleFontSize=18, labelLimit=360)
        .configure_legend(labelFontSize=17, titleFontSize=17, symbolSize=180)
        .configure_title(fontSize=24)
        .configure_text(fontSize=16)
        .configure_header(labelFontSize=18)  # the brand over each small multiple
    )


def chart_with_downloads(chart, rows: pd.DataFrame, name: str) -> None:
    """An Altair chart with a PNG download of it and a CSV of the exact rows behind it."""
    st.altair_chart(present(chart), width="stretch")
    chart_downloads(chart, rows, name)


def download_csv(label: str, rows, file_name: str, container=st) -> None:
    """A CSV download built only when clicked: building files on every rerun cost 12-15 %
    of page time at 100k posts. rows: a frame, or a function making it (also on click)."""
    container.download_button(
        label,
        lambda: csv_bytes(rows() if callable(rows) else rows),
        file_name,
        mime="text/csv",
        key=f"csv-{file_name}",
        icon=":material/table:",
        on_click="ignore",  # see chart_downloads
    )


def chart_downloads(chart, rows: pd.DataFrame, name: str) -> None:
    """CSV of the rows behind a chart and a PNG of it, both built on click (the PNG's spec
    took ~0.05 s per chart on every rerun at 100k posts)."""
    # A row that wraps, not fixed columns: in a half-width column, a sixth of it cut the
    # labels to "R.." and "C..".
    row = st.container(horizontal=True)
    download_csv(t("Rows (CSV)"), rows, f"{name}.csv", container=row)
    row.download_button(
        t("Chart (PNG)"),
        functools.partial(_png_in, i18n.language(), chart),
        f"{name}.png",
        mime="image/png",
        key=f"png-{name}",
        icon=":material/image:",
        # A download needs no rerun (~0.3 s at 100k). With one, a click both reran the page
        # and asked for the file; in ~1 full browser-test run in 4 the file never came and
        # the button spun on, most likely that race (never reproduced alone).
        on_click="ignore",
    )


def _png_in(language: str, chart) -> bytes:
    """The chart's PNG in the run's language: a download's callable runs after the run, in the
    default language."""
    from monitor.output.charts import inline_spec, localized

    with i18n.using(language):
        return _png(inline_spec(localized(chart))) or b""


@st.cache_data(show_spinner=False, max_entries=64)
def _png(spec: str) -> bytes | None:
    from monitor.output.charts import chart_png

    return chart_png(spec)


def data_table(data: Any, **options: Any) -> Any:
    """st.dataframe with a missing value shown as an empty cell (MISSING); returns what it
    returns (the selection, with on_select)."""
    return st.dataframe(data, placeholder=MISSING, **options)


def posts_table(posts: pd.DataFrame, timezone: str, height: int | None = None) -> None:
    """Posts as an inert table: text is shown as text, only http(s) links are links."""
    columns = {
        t("Published"): posts[models.PUBLISHED_AT].dt.tz_convert(timezone).dt.tz_localize(None),
        t("Brand"): posts[models.BRAND],
        t("Channel"): posts[models.CHANNEL],
        t("Language"): posts[models.LANGUAGE],
        t("Topic"): models.shown_other(models.labels_with_other(posts[TOPIC_LABEL], posts[TOPIC_ID]))
        if TOPIC_ID in posts
        else None,
        t("Title"): posts[models.TITLE],
        t("Text"): posts[models.TEXT].str.slice(0, 300),
        t("Also in"): posts["n_feeds"].where(posts["n_feeds"] > 1) - 1 if "n_feeds" in posts else None,
        t("Link"): posts[models.URL].where(posts[models.URL].str.match(r"(?i)^https?://", na=False)),
        t("Likes"): posts[models.LIKES],
        t("Comments"): posts[models.COMMENTS],
        t("Shares"): posts[models.SHARES],
    }
    table = pd.DataFrame({k: v for k, v in columns.items() if v is not None})
    data_table(
        table,
        hide_index=True,
        width="stretch",
        height=height or "auto",
        column_config={
            t("Published"): st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
            t("Link"): st.column_config.LinkColumn(display_text=t("open")),
            t("Text"): st.column_config.TextColumn(width="large"),
            t("Also in"): st.column_config.NumberColumn(
                help=t("Other feeds that carried the same story"), format=t("+%d feeds")
            ),
        },
    )


@st.cache_data(show_spinner="Computing…", max_entries=64)
def _derived(
    kind: str, url: str, version: tuple, selection: PostFilter, timezone: str, own: str, grain: str,
    end: pd.Timestamp | None = None, names: tuple[str, ...] = (), language: str = i18n.DEFAULT_LANGUAGE,
):  # fmt: skip
    """The registry's tables (monitor.output.tables.TABLES) of the filtered posts, cached per
    data version and filter, so a page rerun after an unrelated click costs nothing, and the
    same tables `export` writes; end: where the flags' windows end."""
    from monitor.output.tables import PER_POST, TABLES, Inputs

    if kind in PER_POST:  # read once per data version from every post, then the view's rows taken
        every = _per_post(kind, url, version, own, names)
        if selection == PostFilter():
            return every
        return every[every[models.POST_ID].isin(_filtered(url, version, selection, timezone)[models.POST_ID])]
    inputs = Inputs(
        frame=_filtered(url, version, selection, timezone),
        timezone=timezone,
        own_brand=own,
        topics=load_topics(url, version) if kind == "topic_summary" else None,
        freq="D" if grain == "day" else "W",
        window_end=end,
        term_index=term_index(url, version) if kind == "terms" else None,
        stories=lambda by: _stories(url, version, selection, timezone, by),  # shared by volume and flags
        table=lambda other: _derived(
            other, url, version, selection, timezone, own, grain, end, names, language
        ),
        brand_names=names,
    )
    return TABLES[kind](inputs)


@st.cache_resource(show_spinner="Reading voice, partners and campaigns…", max_entries=6)
def _per_post(kind: str, url: str, version: tuple, own: str, names: tuple[str, ...]) -> pd.DataFrame:
    """A per-post table (voice marks, partners named, campaign cues) of every stored post, shared
    and read-only: at 100k posts each takes ~10 s, too long to redo at every filter change."""
    from monitor.output.tables import TABLES, Inputs

    every = load_posts(url, version)
    return TABLES[kind](Inputs(every, "UTC", own, brand_names=names, every=every))


@st.cache_data(show_spinner=False, max_entries=32)
def _topic_detail(url: str, version: tuple, selection: PostFilter, timezone: str, topic_id: int):
    from monitor.analysis.topic_summary import brand_coverage
    from monitor.analysis.volume import weekly_counts

    posts = _filtered(url, version, selection, timezone)
    topic_posts = posts[posts[TOPIC_ID] == topic_id]
    return brand_coverage(topic_posts, posts), weekly_counts(topic_posts, timezone, by=models.BRAND)


def topic_detail(config: Config, topic_id: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One topic's brand coverage and weekly posts per brand for the current filters, cached:
    a search or a row click on the Topics page reran both over every post (~60 ms at 100k)."""
    state = view()
    url = config.database_url
    return _topic_detail(url, data_version(url), state.filters, config.settings.timezone, int(topic_id))


@st.cache_resource(show_spinner="Indexing terms…", max_entries=1)
def term_index(url: str, version: tuple):
    """Terms of every post for this data version (shared, read-only), so distinctive terms
    after a filter change sum rows instead of tokenizing the selection."""
    # On disk too: the first open of Differentiation after a restart reads it (~6 s to build
    # at 100k); after a fetch, the previous version's rows are reused for unchanged posts.
    return term_index_of(load_posts(url, version), _CACHE_DIRS.get(url), version)


def derived(kind: str, config: Config, store: Store) -> pd.DataFrame:
    """A cached derived frame (see _derived) for the current view."""
    state = view()
    version = data_version(config.database_url)
    from monitor.output.tables import FLAG_TABLES

    # Only the flag tables depend on where the windows end (and the tables they are made from).
    end = window_end(config, state.filters.end) if kind in FLAG_TABLES else None
    names = _configured_brands(config) if kind in _NAMING_BRANDS else ()
    # The language too: explanations in a table are sentences of the language it was made in.
    return _derived(
        kind, config.database_url, version, state.filters, config.settings.timezone, config.own_brand,
        state.grain, end, names, i18n.language(),
    )  # fmt: skip


_NAMING_BRANDS = ("mentions", "partners", "partner_flags")


@st.cache_data(show_spinner=False, max_entries=8)
def _last_fetch(url: str, version: tuple) -> pd.Timestamp | None:
    return _open_store(url).last_fetch_at()


def last_fetch(config: Config) -> pd.Timestamp | None:
    """The store's last successful fetch (Store.last_fetch_at), cached per data version."""
    return _last_fetch(config.database_url, data_version(config.database_url))


def window_end(config: Config, until: date | None) -> pd.Timestamp | None:
    """Where the flags' windows end for this view (monitor.analysis.flags.window_end)."""
    from monitor.analysis import flags

    return flags.window_end(last_fetch(config), config.settings.as_of, until, config.settings.timezone)


def lazy_tabs(labels: list[str], key: str):
    """Tabs whose content runs only while open (test `tab.open`): a filter change then draws one
    of the charts, not each: in Chromium each Vega chart took ~0.15 s of the browser's thread."""
    return st.tabs(labels, key=key, on_change="rerun")


def selected_points(event, name: str) -> list[dict]:
    """The points a click selected in an Altair chart (st.altair_chart(on_select=...))."""
    if not event:
        return []
    selection = event.get("selection", {}) if isinstance(event, dict) else getattr(event, "selection", {})
    value = selection.get(name) if selection else None
    return list(value) if isinstance(value, list) else []


# --- the weekly report, and meeting mode's pages made of its sections ---------------------------


def stored(config: Config):
    """Every stored post and what speeds up the tables (monitor.pipeline.snapshot.Stored), from
    this server's caches: the report reads no post again."""
    from monitor.pipeline.snapshot import Stored

    url = config.database_url
    version = data_version(url)
    return Stored(
        load_posts(url, version),
        load_topics(url, version),
        term_index(url, version),
        _last_fetch(url, version),
    )


def report_days(config: Config) -> tuple[date, date]:
    """The days of this view's report: the date filter's, else the week of the last fetch (or of
    settings.as_of): a report of all the data had no "days before" to compare with."""
    from monitor.pipeline.snapshot import default_week

    selection = view().filters
    whole = _data_range(all_posts(config, _open_store(config.database_url)), config.settings.timezone)
    if selection.start and selection.end and (selection.start, selection.end) != whole:
        return selection.start, selection.end
    return default_week(config, stored(config))


def report_model(config: Config, for_markdown: bool = False):
    """The report (monitor.output.report.Report) of this view, in this run's language, cached
    per data version: meeting mode's pages and the Report button share it."""
    return _report_model(*_report_arguments(config, for_markdown))


class _ReportArguments(NamedTuple):
    """_report_model's arguments, in its order."""

    url: str
    version: tuple
    since: date
    until: date
    brands: tuple
    channels: tuple
    language: str
    for_markdown: bool
    settings: str
    own: str
    config: Config


def _report_arguments(config: Config, for_markdown: bool) -> _ReportArguments:
    """What _report_model needs, read from this run (view, language): a download's callable runs
    after the run, where neither is set."""
    since, until = report_days(config)
    selection = view().filters
    url = config.database_url
    return _ReportArguments(
        url, data_version(url), since, until, selection.brands, selection.channels, i18n.language(), for_markdown,
        repr(config.settings), config.own_brand, config,
    )  # fmt: skip


@st.cache_resource(show_spinner="Preparing the report…", max_entries=8)
def _report_model(
    url: str, version: tuple, since: date, until: date, brands: tuple, channels: tuple, language: str,
    for_markdown: bool, settings: str, own: str, _config: Config,
):  # fmt: skip
    from monitor.output import report
    from monitor.pipeline.snapshot import report_exports

    exports = report_exports(_config, stored(_config), since, until, brands, channels)
    request = report.Request(
        since, until, own, brands, channels, language, _config.settings.alerts.dashboard_url,
        _config.settings.timezone,
    )  # fmt: skip
    return report.build_report(
        request, exports[report.PERIOD], exports[report.PREVIOUS], exports[report.HISTORY], for_markdown
    )


def report_button(config: Config) -> None:
    """The sidebar's Report button: this view's report as one HTML file, built on click."""
    arguments = _report_arguments(config, for_markdown=False)
    since, until = arguments.since, arguments.until
    with st.sidebar:
        st.download_button(
            t("Report (HTML)"),
            functools.partial(_report_file, arguments),
            f"report-{since.isoformat()}-{until.isoformat()}.html",
            mime="text/html",
            key="report-html",
            icon=":material/summarize:",
            on_click="ignore",  # see chart_downloads
            help=t(
                "The weekly report of this view's brands and channels, from {since} to {until}: one file "
                "to open offline, print to PDF or send.",
                since=i18n.day(since),
                until=i18n.day(until),
            ),
        )


def _report_file(arguments: _ReportArguments) -> bytes:
    from dataclasses import replace
    from datetime import UTC, datetime

    from monitor.output.report import render_html

    model = _report_model(*arguments)
    created = replace(model.request, created=datetime.now(UTC).replace(microsecond=0))
    return render_html(replace(model, request=created)).encode("utf-8")
