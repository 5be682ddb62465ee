"""Voice: how each brand writes, ours first: address form, emoji, questions, calls to action,
hashtags, mentions, links and languages, with the differences said in words."""

import streamlit as st

from app_pages import ui
from monitor import models
from monitor.analysis.voice import voice_sentences
from monitor.i18n import t
from monitor.output import charts

config = ui.config_or_stop()
store = ui.store_or_stop(config.database_url)
own = config.own_brand

st.title(t("Voice"))
posts = ui.filtered_posts(config, store)
ui.stop_if_empty(config, store, posts)

table = ui.derived("voice", config, store)
facts = voice_sentences(table, own)
if not facts:
    facts = (
        [
            t(
                "Only {brand} is in this view: add brands in the sidebar to compare voices.",
                brand=ui.plain(table.iloc[0][models.BRAND]),
            )
        ]
        if len(table) == 1
        else [
            t(
                "The brands in this view write alike on every measure below (no difference of 15 points or more)."
            )
        ]
    )
ui.headlines(facts)
chart = charts.voice_chart(table, own)
ui.chart_with_downloads(chart, table, "voice")
st.caption(
    t(
        "Share of each brand's posts with each mark. Informal address is the share of posts that address the "
        "reader informally (ti, du, tu) among those that address them at all, in Slovenian, Croatian, Serbian, "
        "German and French; English marks no address form."
    )
)


def headers() -> dict[str, str]:
    """Columns of the voice tables -> their headers as shown (the frames and their CSV keep the
    column names). Raw names show as they are in English."""
    return {
        models.BRAND: t("brand"),
        models.CHANNEL: t("channel"),
        "n_posts": t("n_posts"),
        "median_words": t("median_words"),
        "share_question": t("share_question"),
        "share_exclamation": t("share_exclamation"),
        "share_emoji": t("share_emoji"),
        "share_hashtags": t("share_hashtags"),
        "share_mentions": t("share_mentions"),
        "share_links": t("share_links"),
        "share_cta": t("share_cta"),
        "top_emoji": t("top_emoji"),
        "top_hashtags": t("top_hashtags"),
        "n_formal": t("n_formal"),
        "n_informal": t("n_informal"),
        "share_informal": t("share_informal"),
        "languages": t("languages"),
    }


st.subheader(t("Side by side"))
labels = {
    "n_posts": t("Posts"),
    "median_words": t("Median words"),
    "top_emoji": t("Top emoji"),
    "top_hashtags": t("Top hashtags"),
    "n_formal": t("Formal posts"),
    "n_informal": t("Informal posts"),
    "languages": t("Languages"),
}
shown = table.rename(columns=labels)
ui.data_table(
    shown[
        [
            models.BRAND,
            labels["n_posts"],
            labels["median_words"],
            labels["n_formal"],
            labels["n_informal"],
            labels["top_emoji"],
            labels["top_hashtags"],
            labels["languages"],
        ]
    ],
    hide_index=True,
    column_config={models.BRAND: st.column_config.Column(headers()[models.BRAND])},
)
st.subheader(t("By channel"))
by_channel = ui.derived("voice_channel", config, store)
names = headers()
ui.data_table(
    by_channel.drop(columns=["n_address_language", "address_language"]),
    hide_index=True,
    column_config={
        **{column: st.column_config.Column(label) for column, label in names.items()},
        **{
            column: st.column_config.NumberColumn(names.get(column, column), format="percent")
            for column in charts.VOICE_MARKS
        },
    },
)
ui.download_csv(t("Voice by channel (CSV)"), by_channel, "voice_by_channel.csv")
