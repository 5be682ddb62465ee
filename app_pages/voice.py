"""Voice: how each brand writes, ours first: address form, emoji, questions, calls to action,
hashtags, mentions, links and languages, with the differences said in words."""

import streamlit as st

from app_pages import ui
from monitor import models
from monitor.analysis.voice import voice_sentences
from monitor.output import charts

config = ui.config_or_stop()
store = ui.store_or_stop(config.database_url)
own = config.own_brand

st.title("Voice")
posts = ui.filtered_posts(config, store)
ui.stop_if_empty(config, store, posts)

table = ui.derived("voice", config, store)
facts = voice_sentences(table, own)
if not facts:
    facts = (
        [
            f"Only {ui.plain(table.iloc[0][models.BRAND])} is in this view: add brands in the sidebar to compare voices."
        ]
        if len(table) == 1
        else [
            "The brands in this view write alike on every measure below (no difference of 15 points or more)."
        ]
    )
ui.headlines(facts)
chart = charts.voice_chart(table, own)
ui.chart_with_downloads(chart, table, "voice")
if ui.view().meeting:
    st.stop()
st.caption(
    "Share of each brand's posts with each mark. Informal address is the share of posts that address the "
    "reader informally (ti, du, tu) among those that address them at all, in Slovenian, Croatian, Serbian, "
    "German and French; English marks no address form."
)

st.subheader("Side by side")
shown = table.rename(
    columns={
        "n_posts": "Posts",
        "median_words": "Median words",
        "top_emoji": "Top emoji",
        "top_hashtags": "Top hashtags",
        "n_formal": "Formal posts",
        "n_informal": "Informal posts",
        "languages": "Languages",
    }
)
ui.data_table(
    shown[
        [
            models.BRAND,
            "Posts",
            "Median words",
            "Formal posts",
            "Informal posts",
            "Top emoji",
            "Top hashtags",
            "Languages",
        ]
    ],
    hide_index=True,
)
st.subheader("By channel")
by_channel = ui.derived("voice_channel", config, store)
ui.data_table(
    by_channel.drop(columns=["n_address_language", "address_language"]),
    hide_index=True,
    column_config={column: st.column_config.NumberColumn(format="percent") for column in charts.VOICE_MARKS},
)
ui.download_csv("Voice by channel (CSV)", by_channel, "voice_by_channel.csv")
