"""Feeds: health per feed, and a "Refresh feeds" action with progress."""

import pandas as pd
import streamlit as st

from app_pages import ui
from monitor import i18n
from monitor.analysis.feed_health import feed_health, status_label
from monitor.i18n import t, tn
from monitor.models import odd_dates_note, undated_note

config = ui.config_or_stop()
store = ui.store_or_stop(config.database_url)

st.title(t("Feeds"))
st.caption(t("Configured in `{path}` · database `{database}`", path=config.path, database=store.display_url))

access = ui.visitor_access(config)
if (
    st.button(
        t("Refresh feeds"),
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
    st.info(t("No feeds are configured. Add brands and feeds to feeds.yaml (see the README)."), icon="ℹ️")
    st.stop()

health = feed_health(status, configured)
columns = st.columns(5)
columns[0].metric(t("Feeds"), health.n_feeds)
columns[1].metric(t("OK"), health.n_ok, help=t("Read on their last fetch, or unchanged since"))
columns[2].metric(t("Failing"), health.n_failing)
columns[3].metric(t("Never fetched"), health.n_never)  # not ok either: nothing of theirs is shown
columns[4].metric(t("Posts stored"), i18n.number(int(status["n_posts"].sum())))
ui.never_fetched_warning(config, health, button_at="above")  # from the status read after any refresh
if health.n_failing:
    st.warning(
        tn(
            "{n} feed failed on its last fetch; its last error is shown below.",
            "{n} feeds failed on their last fetch; their last error is shown below.",
            health.n_failing,
        ),
        icon="⚠️",
    )
n_undated = int(status["n_undated"].sum())
if n_undated:
    st.warning(undated_note(n_undated), icon="⚠️")
n_odd_dates = int(status["n_odd_dates"].sum())
if n_odd_dates:
    st.warning(odd_dates_note(n_odd_dates), icon="⚠️")

timezone = config.settings.timezone
last_success, last_attempt = t("Last success"), t("Last attempt")
table = pd.DataFrame(  # shown only (no download): headers in the page's language
    {
        t("Feed"): status["name"],
        t("Brand"): status["brand"],
        t("Kind"): status["kind"],
        t("Channel"): status["channel"],
        t("Status"): status["status"].map(status_label),
        t("Posts"): status["n_posts"],
        t("Undated"): status["n_undated"],
        t("Odd dates"): status["n_odd_dates"],
        t("New last time"): status["n_new_last"],
        last_success: status["last_success_at"].dt.tz_convert(timezone).dt.tz_localize(None),
        last_attempt: status["last_attempt_at"].dt.tz_convert(timezone).dt.tz_localize(None),
        t("Last error"): status["last_error"],
        t("Warnings"): status["last_warning"],
        t("Source"): status["source"],
    }
)
ui.data_table(
    table,
    hide_index=True,
    width="stretch",
    column_config={
        last_success: st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
        last_attempt: st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
    },
)
if not removed.empty:
    listed = [
        tn("{feed} ({n} post)", "{feed} ({n} posts)", int(n), feed=ui.plain(name))
        for name, n in zip(removed["name"], removed["n_posts"], strict=True)
    ]
    st.caption(
        t(
            "Removed from feeds.yaml; their posts are kept but left out of every page and export "
            "(add the feed back to show them again): {feeds}",
            feeds=", ".join(listed),
        )
    )
st.caption(t("From cron, the same refresh is `python -m monitor fetch` (exit 1 when a feed failed)."))
