"""Feeds: health per feed, and a "Refresh feeds" action with progress."""

import pandas as pd
import streamlit as st

from app_pages import ui
from monitor.analysis.feed_health import feed_health
from monitor.models import odd_dates_note, undated_note

config = ui.config_or_stop()
store = ui.store_or_stop(config.database_url)

st.title("Feeds")
st.caption(f"Configured in `{config.path}` · database `{store.display_url}`")

access = ui.visitor_access(config)
if (
    st.button(
        "Refresh feeds",
        type="primary",
        icon=":material/refresh:",
        disabled=not access.can_edit,
        help=access.reason or None,
    )
    and access.can_edit
):  # checked again: a disabled button is only the browser's promise
    ui.run_refresh(config)

status = store.load_feed_status()  # app.py made the feeds follow feeds.yaml (ui.follow_config)
configured = {feed.feed_id for feed in config.feeds}
removed = status[~status["feed_id"].isin(configured) & status["n_posts"].gt(0)]
status = status[status["feed_id"].isin(configured)]
if status.empty:
    st.info("No feeds are configured. Add brands and feeds to feeds.yaml (see the README).", icon="ℹ️")
    st.stop()

health = feed_health(status, configured)
columns = st.columns(5)
columns[0].metric("Feeds", health.n_feeds)
columns[1].metric("OK", health.n_ok, help="Read on their last fetch, or unchanged since")
columns[2].metric("Failing", health.n_failing)
columns[3].metric("Never fetched", health.n_never)  # not ok either: nothing of theirs is shown
columns[4].metric("Posts stored", f"{int(status['n_posts'].sum()):,}")
ui.never_fetched_warning(config, health, button_at="above")  # from the status read after any refresh
if health.n_failing:
    st.warning(
        f"{health.n_failing} feeds failed on their last fetch; their last error is shown below.", icon="⚠️"
    )
n_undated = int(status["n_undated"].sum())
if n_undated:
    st.warning(undated_note(n_undated), icon="⚠️")
n_odd_dates = int(status["n_odd_dates"].sum())
if n_odd_dates:
    st.warning(odd_dates_note(n_odd_dates), icon="⚠️")

timezone = config.settings.timezone
table = pd.DataFrame(
    {
        "Feed": status["name"],
        "Brand": status["brand"],
        "Kind": status["kind"],
        "Channel": status["channel"],
        "Status": status["status"],
        "Posts": status["n_posts"],
        "Undated": status["n_undated"],
        "Odd dates": status["n_odd_dates"],
        "New last time": status["n_new_last"],
        "Last success": status["last_success_at"].dt.tz_convert(timezone).dt.tz_localize(None),
        "Last attempt": status["last_attempt_at"].dt.tz_convert(timezone).dt.tz_localize(None),
        "Last error": status["last_error"],
        "Warnings": status["last_warning"],
        "Source": status["source"],
    }
)
ui.data_table(
    table,
    hide_index=True,
    width="stretch",
    column_config={
        "Last success": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
        "Last attempt": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
    },
)
if not removed.empty:
    st.caption(
        "Removed from feeds.yaml; their posts are kept but left out of every page and export "
        "(add the feed back to show them again): "
        + ", ".join(
            f"{ui.plain(name)} ({n:,} posts)"
            for name, n in zip(removed["name"], removed["n_posts"], strict=True)
        )
    )
st.caption("From cron, the same refresh is `python -m monitor fetch` (exit 1 when a feed failed).")
