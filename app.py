"""Entry of the dashboard: page config, settings, first-run ingest, refresh banner, navigation."""

import streamlit as st

from app_pages import meeting, ui
from monitor.errors import MonitorError
from monitor.i18n import t
from monitor.output.url_state import PAGE_FILES

ui.keep_view()  # first: a page switch in the navigation dropped the view from the URL
ui.use_language()  # the link's, until feeds.yaml is read: an error in it is said in that language
st.set_page_config(
    page_title=t("Competitor monitor"),
    page_icon="📡",
    layout="wide",
    initial_sidebar_state="collapsed" if ui.meeting_requested() else "auto",
)

config = ui.config_or_stop()
ui.use_language(config)  # the sidebar's switch, the link's ?ui= or settings.language
ui.access_or_stop(config)  # before anything of the data is shown or written
store = ui.store_or_stop(config.database_url)
ui.follow_config(config, store)
TITLES = {  # page -> title and icon, in the sidebar's order; the first is the default
    "overview": (t("Overview"), ":material/dashboard:"),
    "trends": (t("Trends"), ":material/trending_up:"),
    "topics": (t("Topics"), ":material/category:"),
    "differentiation": (t("Differentiation"), ":material/compare_arrows:"),
    "cadence": (t("Cadence & engagement"), ":material/schedule:"),
    "voice": (t("Voice"), ":material/record_voice_over:"),
    "partners": (t("Partners"), ":material/handshake:"),
    "campaigns": (t("Campaigns"), ":material/campaign:"),
    "feeds": (t("Feeds"), ":material/rss_feed:"),
}
if ui.meeting_on():  # the weekly report's sections are the pages (app_pages/meeting.py)
    pages = meeting.pages()
else:
    pages = [
        st.Page(PAGE_FILES[name], title=title, icon=icon, url_path=name, default=name == "overview")
        for name, (title, icon) in TITLES.items()
    ]
navigation = st.navigation(pages)  # before any rerun, so a deep link keeps its page
ui.ingest_on_first_run(config, store)
ui.sidebar_filters(config, store)
ui.report_button(config)
ui.refresh_banner(config)  # a refresh still running, from this session or another: on every page
if navigation.url_path != "feeds":  # Feeds says it beside its figures, after a refresh started there
    ui.never_fetched_warning(config)
try:
    navigation.run()
except MonitorError as exc:  # e.g. a database damaged in a way only a query finds
    st.error(t("**The page could not be shown.** {problem}", problem=ui.plain(exc)), icon="⚠️")
