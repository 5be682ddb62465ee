"""Partners: the accounts, brands and events each brand names, shared and exclusive partners,
and competitors' new partners."""

import streamlit as st

from app_pages import ui
from monitor import models
from monitor.analysis.partners import kind_word, partner_sentences
from monitor.analysis.volume import latest_posts
from monitor.i18n import t, tn
from monitor.output import charts

config = ui.config_or_stop()
store = ui.store_or_stop(config.database_url)
own = config.own_brand

st.title(t("Partners"))
posts = ui.filtered_posts(config, store)
ui.stop_if_empty(config, store, posts)

table = ui.derived("partners", config, store)
new_partners = ui.derived("partner_flags", config, store)
ui.headlines(partner_sentences(table, new_partners, own))
if table.empty:
    st.info(
        t(
            "No post in this view names an @account, another brand of feeds.yaml or an event hashtag. "
            "Widen the dates or add brands in the sidebar."
        ),
        icon="ℹ️",
    )
    st.stop()
chart = charts.partner_chart(table, n=25)
event = st.altair_chart(ui.present(chart), on_select="rerun", key="partners", selection_mode=charts.PARTNER)
ui.chart_downloads(chart, table, "partners")
st.caption(
    t(
        "Partners named in the most posts. Red: named by several brands; blue: by one. A brand's own handles "
        "are left out. Click a dot to see the posts."
    )
)

picked = ui.selected_points(event, charts.PARTNER)
mentions = ui.derived("mentions", config, store)
if picked:
    brand, account = picked[0].get(models.BRAND), str(picked[0].get("account", ""))
    ids = mentions[(mentions[models.BRAND] == brand) & (mentions["account"].str.lower() == account.lower())]
    chosen = posts[posts[models.POST_ID].isin(ids[models.POST_ID])]
    st.subheader(
        tn(
            "{brand} naming {account}: {n} post",
            "{brand} naming {account}: {n} posts",
            len(chosen),
            brand=ui.plain(brand),
            account=ui.plain(account),
        )
    )
    ui.posts_table(latest_posts(chosen, 200), config.settings.timezone, height=300)

st.subheader(t("New partners"))
if new_partners.empty:
    st.caption(t("No competitor started naming an account repeatedly in the last four weeks."))
else:
    for _, flag in new_partners.iterrows():
        st.text(f"🤝 {flag['explanation']}")

st.subheader(t("Every partner"))
kinds = table.assign(kind=table["kind"].map(kind_word))  # a copy for display: words, not codes
ui.data_table(
    kinds,
    hide_index=True,
    column_config={
        models.BRAND: st.column_config.Column(t("brand")),
        "account": st.column_config.Column(t("account")),
        "kind": st.column_config.Column(t("kind")),
        "n_posts": st.column_config.Column(t("n_posts")),
        "share_of_posts": st.column_config.NumberColumn(t("Share of the brand's posts"), format="percent"),
        "first_seen": st.column_config.DatetimeColumn(t("first_seen"), format="YYYY-MM-DD"),
        "last_seen": st.column_config.DatetimeColumn(t("last_seen"), format="YYYY-MM-DD"),
        "n_brands": st.column_config.Column(t("n_brands")),
        "shared": st.column_config.Column(t("shared")),
        "named_by": st.column_config.Column(t("named_by")),
    },
)
