"""Cadence and engagement: when competitors post, how often, on which channel, and what earns
engagement."""

import streamlit as st

from app_pages import ui
from monitor import i18n, models
from monitor.analysis.cadence import brand_rates, busiest_slot_sentence, date_only_note, rate_words
from monitor.analysis.volume import latest_posts
from monitor.i18n import t
from monitor.output import charts
from monitor.output.csv_files import posts_for_export

config = ui.config_or_stop()
store = ui.store_or_stop(config.database_url)
timezone = config.settings.timezone

st.title(t("Cadence & engagement"))
posts = ui.filtered_posts(config, store)
ui.stop_if_empty(config, store, posts)

counts = ui.derived("weekday_hour", config, store)
frequency = ui.derived("frequency", config, store)
busiest = counts.sort_values("n_posts", ascending=False).drop_duplicates(models.BRAND)
# Each brand over its own active weeks, as Overview says it (not a sum of per-channel rates).
rates = brand_rates(frequency, timezone)
ui.headlines(
    [
        t(
            "{brand} posts most often, across its channels: {rate}.",
            brand=rates.iloc[0][models.BRAND],
            rate=rate_words(rates.iloc[0]),
        )
        if not rates.empty
        else t("No dated posts."),
        *[
            busiest_slot_sentence(row.brand, row.weekday, row.hour, timezone)
            for row in busiest.head(2).itertuples()
        ],
    ]
)
st.caption(
    t(
        "Hours in {timezone} (settings.timezone in feeds.yaml). Copies of one story on one channel count once.",
        timezone=timezone,
    )
)
heatmap = charts.weekday_hour_heatmap(counts)
event = st.altair_chart(ui.present(heatmap), on_select="rerun", key="cadence", selection_mode=charts.SLOT)
if note := date_only_note(int(ui.derived("date_only", config, store)["n_posts"].sum())):
    st.caption(note)
ui.chart_downloads(heatmap, counts, "weekday_hour")
picked = ui.selected_points(event, charts.SLOT)
if picked:
    slot = picked[0]
    local = posts[models.PUBLISHED_AT].dt.tz_convert(timezone)
    in_slot = (local.dt.day_of_week == slot.get("weekday")) & (local.dt.hour == slot.get("hour"))
    chosen = posts[in_slot & ~posts[models.DATE_ONLY]]  # as the heatmap counts: posts with a time
    st.subheader(
        t(
            "Posts on that weekday at {time}: {n_posts}",
            time=f"{slot.get('hour'):02d}:00",
            n_posts=i18n.number(len(chosen)),
        )
    )
    ui.posts_table(latest_posts(chosen, 200), timezone, height=300)
else:
    st.caption(t("Click a cell to see the posts behind it."))

st.subheader(t("Frequency per channel"))
ui.chart_with_downloads(charts.frequency_chart(frequency), frequency, "posting_frequency")

st.subheader(t("Engagement"))
by_topic = ui.derived("engagement_topic", config, store)
by_brand_engagement = ui.derived("engagement_brand", config, store)
if by_topic["n_with_metrics"].sum() == 0:
    st.info(
        t(
            "None of the filtered posts carries likes, comments or shares. CSV exports with a metrics "
            "mapping do."
        ),
        icon="ℹ️",
    )
else:
    st.caption(t("Medians over posts that carry metrics (CSV exports); the engagement rate needs views."))
    left, right = st.columns(2)
    with left:
        ui.chart_with_downloads(
            charts.engagement_chart(by_topic, "topic_label", t("By topic")), by_topic, "engagement_by_topic"
        )
    with right:
        ui.chart_with_downloads(
            charts.engagement_chart(by_brand_engagement, models.BRAND, t("By brand")),
            by_brand_engagement,
            "engagement_by_brand",
        )
ui.download_csv(t("All filtered posts (CSV)"), lambda rows=posts: posts_for_export(rows), "posts.csv")
