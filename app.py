"""Entry of the dashboard: page config, settings, first-run ingest, refresh banner, navigation."""

import streamlit as st

from app_pages import ui
from monitor.errors import MonitorError

st.set_page_config(
    page_title="Competitor monitor",
    page_icon="📡",
    layout="wide",
    initial_sidebar_state="collapsed" if ui.meeting_requested() else "auto",
)

config = ui.config_or_stop()
store = ui.store_or_stop(config.database_url)
ui.follow_config(config, store)
pages = [
    st.Page("app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("app_pages/trends.py", title="Trends", icon=":material/trending_up:"),
    st.Page("app_pages/topics.py", title="Topics", icon=":material/category:"),
    st.Page("app_pages/differentiation.py", title="Differentiation", icon=":material/compare_arrows:"),
    st.Page("app_pages/cadence.py", title="Cadence & engagement", icon=":material/schedule:"),
    st.Page("app_pages/feeds.py", title="Feeds", icon=":material/rss_feed:"),
]
navigation = st.navigation(pages)  # before any rerun, so a deep link keeps its page
ui.ingest_on_first_run(config, store)
ui.sidebar_filters(config, store)
ui.refresh_banner(config)  # a refresh still running, from this session or another: on every page
try:
    navigation.run()
except MonitorError as exc:  # e.g. a database damaged in a way only a query finds
    st.error(f"**The page could not be shown.** {ui.plain(exc)}", icon="⚠️")
