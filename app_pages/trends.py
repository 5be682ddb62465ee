"""Trends: topic volume over time, share of voice, and flags (new, rising, spike) with the
numbers behind each."""

import pandas as pd
import streamlit as st

from app_pages import ui
from monitor import i18n, models
from monitor.analysis.flags import flag_word, headline_flags, method, scope_names, window_sentence
from monitor.analysis.trends import other_sentence
from monitor.analysis.volume import latest_posts
from monitor.i18n import t, tn
from monitor.output import charts
from monitor.output.csv_files import flag_posts_stem, posts_for_export

config = ui.config_or_stop()
store = ui.store_or_stop(config.database_url)
timezone = config.settings.timezone

st.title(t("Trends"))
posts = ui.filtered_posts(config, store)
ui.stop_if_empty(config, store, posts, need_topics=True)

# The headlines come from the flags, but the flags are computed after the topic chart is
# sent: the browser draws the chart while the server works (~0.1 s of a filter change).
headline_area = st.container()
volume = ui.derived("topic_volume", config, store)
by_day = ui.view().grain == "day"
title = t("Stories per day, largest topics") if by_day else t("Stories per week, largest topics")
lines = charts.topic_lines_chart(volume, title=title)
event = st.altair_chart(
    ui.present(lines),
    width="stretch",
    on_select="rerun",
    key="topic_lines",
    selection_mode=charts.SPAN,
)
flags = ui.derived("flags", config, store)
with headline_area:
    ui.headlines(
        headline_flags(flags)["explanation"].tolist()
        if not flags.empty
        else [t("No topic or brand stands out in the latest window.")]
    )
ui.chart_downloads(lines, volume, "topic_volume")
if other := other_sentence(volume):
    st.caption(other)

st.subheader(t("Flags"))
newest = posts[models.PUBLISHED_AT].max() if len(posts) else None
ends = window_sentence(ui.last_fetch(config), config.settings.as_of, ui.view().filters.end, newest, timezone)
st.caption(f"{method()} {ends}")
if flags.empty:
    st.info(
        t(
            "Nothing is flagged for the current filters: no topic or brand rose, spiked or appeared beyond chance."
        ),
        icon="ℹ️",
    )
else:
    shown = flags[["flag", "scope", "topic_label", models.BRAND, "window_start", "window_end", "window_count",
                   "baseline_per_window", "factor", "score", "explanation"]]  # fmt: skip
    shown = shown.assign(scope=shown["scope"].map(scope_names()), flag=shown["flag"].map(flag_word))
    picked = ui.data_table(
        shown,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="flag_table",
        column_config={
            "flag": t("Flag"),
            "scope": t("Of"),
            "topic_label": t("Topic"),
            "brand": t("Brand"),
            "window_start": t("From"),
            "window_end": t("To"),
            "window_count": st.column_config.NumberColumn(t("Posts")),
            "baseline_per_window": st.column_config.NumberColumn(t("Expected"), format="%.1f"),
            "factor": st.column_config.NumberColumn(t("Factor"), format="%.1fx"),
            "score": st.column_config.NumberColumn(
                t("Score"), format="%.1f", help=t("-log10 of the chance of so many posts at the usual rate")
            ),
            "explanation": st.column_config.TextColumn(t("In words"), width="large"),
        },
    )
    ui.download_csv(t("Flags (CSV)"), flags.drop(columns=["sample_post_ids"]), "flags.csv")
    rows = picked.selection.rows if picked else []
    chosen = flags.iloc[rows[0]] if rows else flags.iloc[0]
    st.markdown(t("**Sample posts for:** {flag}", flag=ui.plain(chosen["explanation"])))
    samples = posts[posts[models.POST_ID].isin(chosen["sample_post_ids"])]
    ui.posts_table(samples, timezone)
    ui.download_csv(
        t("These sample posts (CSV)"),
        lambda rows=samples: posts_for_export(rows),
        f"{flag_posts_stem(chosen)}.csv",
    )

st.subheader(t("Shares over time"))
voice_tab, topics_tab = ui.lazy_tabs(
    [t("Share of voice"), t("Each topic's share of all posts")], "trend_shares"
)
with voice_tab:
    if voice_tab.open:
        shares = ui.derived("share_of_voice", config, store)
        ui.chart_with_downloads(
            charts.share_of_voice_chart(shares, config.own_brand), shares, "share_of_voice"
        )
with topics_tab:
    if topics_tab.open:
        topic_shares = ui.derived("topic_share", config, store)
        included = t("Each topic's share of all stories, those that fit no topic included.")
        st.caption(" ".join(part for part in (included, other_sentence(volume)) if part))
        ui.chart_with_downloads(
            charts.topic_lines_chart(topic_shares, value="share"), topic_shares, "topic_share"
        )

st.subheader(t("Posts"))
span = event.get("selection", {}).get(charts.SPAN, {}) if event else {}
table_posts = posts
if span and "period_start" in span:
    start, end = (pd.Timestamp(v, unit="ms", tz="UTC") for v in span["period_start"][:2])
    table_posts = posts[posts[models.PUBLISHED_AT].between(start, end)]
    st.caption(
        tn(
            "{n} post between {start} and {end} (drag on the chart above to change).",
            "{n} posts between {start} and {end} (drag on the chart above to change).",
            len(table_posts),
            start=i18n.short_day(start),
            end=i18n.short_day(end),
        )
    )
else:
    st.caption(t("Drag across the topic chart to see the posts of a time span."))
ui.posts_table(latest_posts(table_posts, 300), timezone, height=360)
ui.download_csv(t("These posts (CSV)"), lambda rows=table_posts: posts_for_export(rows), "trend_posts.csv")
