"""Campaigns: promotions, contests, events and launches on each brand's calendar, with the posts
behind each, and competitors' new campaigns."""

import streamlit as st

from app_pages import ui
from monitor import models
from monitor.analysis.campaigns import campaign_sentences, kind_name
from monitor.analysis.volume import latest_posts
from monitor.i18n import t, tn
from monitor.output import charts

config = ui.config_or_stop()
store = ui.store_or_stop(config.database_url)
own = config.own_brand

st.title(t("Campaigns"))
posts = ui.filtered_posts(config, store)
ui.stop_if_empty(config, store, posts)

campaigns = ui.derived("campaigns", config, store)
started = ui.derived("campaign_flags", config, store)
ui.headlines(campaign_sentences(campaigns, started, own))
if campaigns.empty:
    st.info(
        t(
            "No campaign in this view: no two posts of a brand with the same contest, promotion, event or launch "
            "cue within ten days. Widen the dates or add brands in the sidebar."
        ),
        icon="ℹ️",
    )
    st.stop()
timeline = charts.campaign_timeline(campaigns, own)
event = st.altair_chart(
    ui.present(timeline), width="stretch", on_select="rerun", key="campaigns", selection_mode=charts.CAMPAIGN
)
ui.chart_downloads(timeline, campaigns, "campaigns")
st.caption(
    t(
        "A bar per campaign, from its first post to its last: posts of one brand with the same kind of cue "
        '("nagradna igra", "giveaway", "popust", "-20 %", "webinar", "predstavitev"…) that share a '
        "hashtag or a topic and follow within ten days. Click a bar to see its posts."
    )
)

picked = ui.selected_points(event, charts.CAMPAIGN)
if picked:
    chosen_campaign = campaigns[campaigns["campaign"] == picked[0].get("campaign")]
    if not chosen_campaign.empty:
        row = chosen_campaign.iloc[0]
        chosen = posts[posts[models.POST_ID].isin(row["post_ids"])]
        st.subheader(
            tn(
                "{brand}: {name}, {n} post",
                "{brand}: {name}, {n} posts",
                len(chosen),
                brand=ui.plain(row[models.BRAND]),
                name=ui.plain(row["name"]),
            )
        )
        ui.posts_table(latest_posts(chosen, 200), config.settings.timezone, height=300)

st.subheader(t("New competitor campaigns"))
if started.empty:
    st.caption(
        t("No competitor started a campaign in the last two weeks that stands out from its usual offers.")
    )
else:
    for _, flag in started.iterrows():
        st.text(f"📣 {flag['explanation']}")

st.subheader(t("Every campaign"))
shown = campaigns.drop(columns=["post_ids"])
shown = shown.assign(kind=shown["kind"].map(kind_name))  # a copy for display: words, not codes
ui.data_table(
    shown,
    hide_index=True,
    column_config={
        models.BRAND: st.column_config.Column(t("brand")),
        "campaign": st.column_config.Column(t("campaign")),
        "kind": st.column_config.Column(t("kind")),
        "name": st.column_config.Column(t("name")),
        "start": st.column_config.DatetimeColumn(t("start"), format="YYYY-MM-DD"),
        "end": st.column_config.DatetimeColumn(t("end"), format="YYYY-MM-DD"),
        "n_posts": st.column_config.Column(t("n_posts")),
        "channels": st.column_config.Column(t("channels")),
        "cues": st.column_config.Column(t("cues")),
        "always_on": st.column_config.Column(t("always_on")),
    },
)
