"""Differentiation: which topics competitors crowd, which gaps nobody covers, what only we say."""

import streamlit as st

from app_pages import ui
from monitor import i18n, models
from monitor.analysis.differentiation import (
    MIN_STORIES_FOR_ADVICE,
    class_names,
    differentiation_sentences,
    other_sentence,
)
from monitor.analysis.volume import latest_posts
from monitor.i18n import t, tn
from monitor.models import TOPIC_ID
from monitor.output import charts
from monitor.output.csv_files import posts_for_export, topic_file_stem

config = ui.config_or_stop()
store = ui.store_or_stop(config.database_url)
own = config.own_brand

st.title(t("Differentiation"))
posts = ui.filtered_posts(config, store)
ui.stop_if_empty(config, store, posts, need_topics=True)
if own not in set(posts[models.BRAND]):
    st.info(t("The filters leave out our brand ({brand}); add it to compare.", brand=ui.plain(own)), icon="ℹ️")
    st.stop()

coverage = ui.derived("coverage", config, store)
classes = ui.derived("classes", config, store)
sentences = differentiation_sentences(classes, coverage, own, max_sentences=6)
ui.headlines(sentences)

heatmap = charts.coverage_heatmap(coverage, own)
event = st.altair_chart(
    ui.present(heatmap), width="stretch", on_select="rerun", key="coverage", selection_mode=charts.CELL
)
ui.chart_downloads(heatmap, coverage, "coverage")
if other := other_sentence(coverage):
    st.caption(other)

picked = ui.selected_points(event, charts.CELL)
if picked:
    cell = picked[0]
    chosen = posts[
        (posts[TOPIC_ID] == cell.get("topic_id")) & (posts[models.BRAND] == cell.get(models.BRAND))
    ]
    st.subheader(
        tn(
            "{brand} on this topic: {n} post",
            "{brand} on this topic: {n} posts",
            len(chosen),
            brand=ui.plain(cell.get(models.BRAND)),
        )
    )
    ui.posts_table(latest_posts(chosen, 200), config.settings.timezone, height=300)
    label = dict(zip(coverage[TOPIC_ID], coverage[models.TOPIC_LABEL], strict=True)).get(cell["topic_id"])
    ui.download_csv(
        t("These posts (CSV)"),
        lambda rows=chosen: posts_for_export(rows),
        f"{topic_file_stem(cell['topic_id'], label, 'posts', cell.get(models.BRAND))}.csv",
    )
else:
    st.caption(t("Click a cell to see the posts behind it."))

st.subheader(t("Each topic for {brand}", brand=ui.plain(own)))
st.caption(
    t(
        "A brand covers a topic when at least 2% of its posts (and at least 3) are on it. Gap: competitors "
        "cover it, we don't. Own angle: only we cover it. Crowded: everyone covers it. Shared: we and some "
        "competitors. Niche: one competitor only. Too small to judge: fewer than "
        "{min_stories} stories on the topic in this selection, so no advice.",
        min_stories=i18n.number(MIN_STORIES_FOR_ADVICE),
    )
)
# classes come gaps first, then own angles, niches, shared, crowded, uncovered, too small (classify_coverage).
# Shares in percent with one decimal: the "percent" format wrote 8.19 % beside 13.4 % and 0 %.
shares = ["own_share", "mean_competitor_share", "max_competitor_share"]
ui.data_table(
    classes.assign(**{"class": classes["class"].map(class_names())}, **{c: classes[c] * 100 for c in shares})[
        [
            "class",
            "topic_label",
            "own_posts",
            "own_share",
            "n_competitors_covering",
            "mean_competitor_share",
            "max_competitor_share",
            "explanation",
        ]
    ],
    hide_index=True,
    width="stretch",
    column_config={
        "class": t("Class"),
        "topic_label": t("Topic"),
        "own_posts": st.column_config.NumberColumn(t("Our posts")),
        "own_share": st.column_config.NumberColumn(t("Our share"), format="%.1f%%"),
        "n_competitors_covering": st.column_config.NumberColumn(t("Competitors covering")),
        "mean_competitor_share": st.column_config.NumberColumn(t("Their avg share"), format="%.1f%%"),
        "max_competitor_share": st.column_config.NumberColumn(t("Their max share"), format="%.1f%%"),
        "explanation": st.column_config.TextColumn(t("In words"), width="large"),
    },
)
ui.download_csv(t("Differentiation table (CSV)"), classes, "differentiation.csv")

words_tab, alike_tab = ui.lazy_tabs(
    [t("Distinctive words per brand"), t("How alike are the brands' agendas?")], "differentiation_views"
)
with words_tab:
    if words_tab.open:
        st.caption(
            t(
                "Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008): each "
                "brand's words against all other brands', so rare words are not over-weighted. Brand names "
                "are left out."
            )
        )
        terms = ui.derived("terms", config, store)
        if terms.empty:
            st.info(t("Too few posts for distinctive words; widen the filters."), icon="ℹ️")
        else:
            ui.chart_with_downloads(charts.distinctive_terms_chart(terms), terms, "distinctive_terms")
with alike_tab:
    if alike_tab.open:
        left, right = st.columns([3, 2])
        with left:
            points = ui.derived("map", config, store)
            if len(points) >= 2:
                ui.chart_with_downloads(charts.brand_map_chart(points, own), points, "brand_map")
        with right:
            similarity = ui.derived("similarity", config, store)
            if not similarity.empty:
                matrix = similarity.pivot(index="brand_a", columns="brand_b", values="similarity").round(2)
                st.caption(t("Cosine similarity of the brands' topic mixes (1 = the same mix)."))
                ui.data_table(matrix, width="stretch")
