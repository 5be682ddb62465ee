"""Overview: posts per brand, channel and week; the latest posts."""

import streamlit as st

from app_pages import ui
from monitor import charts, models
from monitor.export import csv_bytes, posts_for_export
from monitor.volume import counts_by, latest_posts, weekly_counts

config = ui.config_or_stop()
store = ui.store_or_stop(config.database_url)
timezone = config.settings.timezone

st.title("Overview")
posts = ui.filtered_posts(config, store)
if ui.all_posts(config, store).empty:
    st.info(
        "No posts yet. Add your competitors' feeds and CSV exports to feeds.yaml, then open "
        "**Feeds** and press **Refresh feeds** (or run `python -m monitor fetch`).",
        icon="ℹ️",
    )
    st.stop()
if posts.empty:
    st.info("No posts match the filters. Widen the date range or clear the brand and channel filters.", icon="ℹ️")
    st.stop()

dated = posts[models.PUBLISHED_AT].dropna().dt.tz_convert(timezone)
first, last = (dated.min(), dated.max()) if not dated.empty else (None, None)
columns = st.columns(4)
columns[0].metric("Posts", f"{len(posts):,}")
columns[1].metric("Brands", posts[models.BRAND].nunique())
columns[2].metric("Channels", posts[models.CHANNEL].nunique())
columns[3].metric("Posts per week", f"{len(posts) / max(1, ((last - first).days + 1) / 7):.0f}" if first is not None else "–")
if first is not None:
    st.caption(f"{first:%d %b %Y} – {last:%d %b %Y} · times in {timezone}")

weekly = weekly_counts(posts, timezone, by=models.BRAND)
st.altair_chart(charts.weekly_volume_chart(weekly, own_brand=config.own_brand), width="stretch")
st.download_button(
    "Download weekly counts (CSV)", csv_bytes(weekly), "posts_per_week.csv", mime="text/csv"
)

st.altair_chart(charts.channel_mix_chart(counts_by(posts, [models.BRAND, models.CHANNEL])), width="stretch")

st.subheader("Latest posts")
ui.posts_table(latest_posts(posts, 50), timezone)
st.download_button(
    "Download these filtered posts (CSV)", csv_bytes(posts_for_export(posts)), "posts.csv", mime="text/csv"
)
