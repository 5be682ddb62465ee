"""Overview: posts per brand, channel and week (or day); the latest posts."""

import streamlit as st

from app_pages import ui
from monitor import i18n, models
from monitor.analysis.cadence import brand_rates, overall_rate, per_week_text, rate_words
from monitor.analysis.volume import count_undated, counts_by, latest_posts, period_counts
from monitor.i18n import t, tn
from monitor.output import charts
from monitor.output.csv_files import posts_for_export

config = ui.config_or_stop()
store = ui.store_or_stop(config.database_url)
timezone = config.settings.timezone

st.title(t("Overview"))
posts = ui.filtered_posts(config, store)
ui.stop_if_empty(config, store, posts)

dated = posts[models.PUBLISHED_AT].dropna().dt.tz_convert(timezone)
first, last = (dated.min(), dated.max()) if not dated.empty else (None, None)
# "A week" as Cadence counts it: each brand over its own active weeks (cadence.active_span).
frequency = ui.derived("frequency", config, store)
rates = brand_rates(frequency, timezone).set_index(models.BRAND)
everyone = overall_rate(frequency, timezone)
by_brand = posts[models.BRAND].value_counts()
columns = st.columns(4)
columns[0].metric(t("Posts"), i18n.number(len(posts)))
columns[1].metric(t("Brands"), posts[models.BRAND].nunique())
columns[2].metric(t("Channels"), posts[models.CHANNEL].nunique())
columns[3].metric(
    t("Posts per week"),
    "–" if everyone is None else per_week_text(everyone.posts_per_week),
    help=None if everyone is None else t("All brands: {rate}.", rate=rate_words(everyone, "their")),
)
if first is not None:
    st.caption(  # as text: "2. 2. 2026" at the start of a line read as a Markdown list
        ui.plain(
            t(
                "{first} – {last} · times in {timezone}",
                first=i18n.short_day(first),
                last=i18n.short_day(last),
                timezone=timezone,
            )
        )
    )
selection = ui.view().filters
n_undated = count_undated(ui.all_posts(config, store), selection, timezone)
if n_undated:  # kept in the store but no chart can place them: say so rather than drop them silently
    st.caption(models.undated_left_out_note(n_undated, bool(selection.start or selection.end)))
top = by_brand.index[0]
pace = rate_words(rates.loc[top]) if top in rates.index else t("none of them dated")
own = int(by_brand.get(config.own_brand, 0))
ui.headlines(
    [
        tn(
            "{brand} posted most: {n} post ({pace}).",
            "{brand} posted most: {n} posts ({pace}).",
            int(by_brand.iloc[0]),
            brand=top,
            pace=pace,
        ),
        tn(
            "{brand} posted {n} post, {share}% of all.",
            "{brand} posted {n} posts, {share}% of all.",
            own,
            brand=config.own_brand,
            share=i18n.number(100 * own / max(len(posts), 1)),
        ),
        t("Busiest channel: {channel}.", channel=posts[models.CHANNEL].value_counts().index[0]),
    ]
)

freq = "D" if ui.view().grain == "day" else "W"  # the sidebar's Time grain
volume = period_counts(posts, timezone, freq, by=models.BRAND)
ui.chart_with_downloads(
    charts.weekly_volume_chart(volume, own_brand=config.own_brand, freq=freq),
    volume,
    "posts_per_day" if freq == "D" else "posts_per_week",
)
mix = counts_by(posts, [models.BRAND, models.CHANNEL])
ui.chart_with_downloads(charts.channel_mix_chart(mix), mix, "posts_per_brand_channel")

st.subheader(t("Latest posts"))
ui.posts_table(latest_posts(posts, 50), timezone)
ui.download_csv(
    t("Download these filtered posts (CSV)"), lambda rows=posts: posts_for_export(rows), "posts.csv"
)
