"""Topics: every topic with its size, trend, terms and lineage; drill into one topic."""

import pandas as pd
import streamlit as st

from app_pages import ui
from monitor import i18n, models
from monitor.analysis.topic_summary import (
    lineage_words,
    search_posts,
    topic_count_hint,
    topic_headlines,
    topics_only,
)
from monitor.analysis.volume import latest_posts
from monitor.config.settings import MAX_TOPIC_NAME_LENGTH
from monitor.i18n import t, tn
from monitor.models import TOPIC_ID
from monitor.output import charts
from monitor.output.csv_files import posts_for_export, topic_file_stem, with_topic
from monitor.output.url_state import focus_topic

config = ui.config_or_stop()
store = ui.store_or_stop(config.database_url)
timezone = config.settings.timezone

st.title(t("Topics"))
posts = ui.filtered_posts(config, store)
ui.stop_if_empty(config, store, posts)
topics = ui.topics(config, store)
if topics.empty:
    st.info(
        t(
            "No topics yet. They are found after a fetch; press **Refresh feeds** on the Feeds page "
            "or run `python -m monitor topics refit`."
        ),
        icon="ℹ️",
    )
    st.stop()

summary = ui.derived("topic_summary", config, store)  # cached per filter: every click here reruns
named = topics_only(summary)  # Other (last row) is listed and counted, never opened as a topic
if named.empty:
    st.info(t("None of the filtered posts has a topic. Clear the topic filter or widen the dates."), icon="ℹ️")
    st.stop()
run = store.latest_topic_run() or {}
ui.headlines(topic_headlines(summary))

refit = run.get("created_at")
refit_time = (
    f"{refit:%Y-%m-%d %H:%M}"
    if i18n.language() == i18n.DEFAULT_LANGUAGE
    else f"{i18n.short_day(refit)} {refit:%H:%M}"
)
about = [
    tn(
        "Last refit {time} UTC over {n} post.",
        "Last refit {time} UTC over {n} posts.",
        run.get("n_posts", 0),
        time=refit_time,
    ),
    t("Near-duplicate posts count once as a story."),
    topic_count_hint(config.settings.topics.n_topics, len(named)),
]
if len(summary) > len(named):
    about.append(t("The last row, {other}, counts the posts that fit no topic.", other=models.other_label()))
st.caption(" ".join(about))
# The table as shown: Other and the lineage in the page's language (the CSV keeps English).
shown = summary.drop(columns=["auto_label"])
shown = shown.assign(topic=models.shown_other(shown["topic"]), lineage=shown["lineage"].map(lineage_words))
selection = ui.data_table(
    shown,
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="single-row",
    key="topic_table",
    column_config={
        "topic_id": st.column_config.NumberColumn(t("Id"), width="small"),
        "topic": st.column_config.TextColumn(t("Topic"), width="medium"),
        "n_stories": st.column_config.NumberColumn(t("Stories")),
        "n_posts": st.column_config.NumberColumn(t("Posts")),
        "brands": st.column_config.NumberColumn(t("Brands")),
        "weekly": st.column_config.LineChartColumn(t("Per week"), width="medium"),
        "top_terms": st.column_config.TextColumn(t("Top terms"), width="large"),
        "lineage": st.column_config.TextColumn(t("At last refit")),
    },
)
ui.download_csv(t("Topics (CSV)"), summary.drop(columns=["weekly"]), "topics.csv")

chosen_rows = selection.selection.rows if selection else []
ids = [int(topic) for topic in named["topic_id"]]
focus = st.query_params.get("focus")
default = focus_topic(focus, ids)
if focus and default is None:
    st.caption(t("The topic in the link is not among these topics; the largest is open."))
default = ids[0] if default is None else default
if chosen_rows and chosen_rows[0] < len(ids):  # a click on the Other row opens nothing
    default = ids[chosen_rows[0]]
labels = dict(zip(ids, named["topic"], strict=True))
topic_id = st.selectbox(
    t("Open a topic"), ids, index=ids.index(default), format_func=lambda topic: f"{labels[topic]}  (#{topic})"
)
st.query_params["focus"] = str(topic_id)
row = named.set_index("topic_id").loc[topic_id]
topic_posts = posts[posts[TOPIC_ID] == topic_id]

st.header(ui.plain(row["topic"]))  # a name users set, or words from the posts: shown as typed
st.caption(
    t(
        "Topic #{id} · {lineage} · top terms: {terms}",
        id=topic_id,
        lineage=ui.plain(lineage_words(row["lineage"])),
        terms=ui.plain(row["top_terms"]),
    )
)
can_edit = ui.visitor_access(config).can_edit
with st.form("rename"):
    name = st.text_input(
        t("Name this topic (kept across refits; empty restores the automatic label)"),
        value=row["topic"][:MAX_TOPIC_NAME_LENGTH],  # a longer name saved before the cap: cut to fit
        max_chars=MAX_TOPIC_NAME_LENGTH,
        disabled=not can_edit,
        help=None if can_edit else t("Only editors rename topics."),
    )
    # can_edit checked again: a disabled button is only the browser's promise
    if st.form_submit_button(t("Save name"), disabled=not can_edit) and can_edit:
        store.rename_topic(int(topic_id), None if name.strip() == row["auto_label"] else name)
        ui.data_version.clear()
        st.rerun()

left, right = st.columns(2)
coverage, weekly = ui.topic_detail(config, topic_id)
# Files named after the topic, with its id and name in the rows too.
with left:
    ui.chart_with_downloads(
        charts.topic_brands_chart(coverage),
        with_topic(coverage, topic_id, row["topic"]),
        topic_file_stem(topic_id, row["topic"], "brands"),
    )
with right:
    ui.chart_with_downloads(
        charts.weekly_volume_chart(weekly, own_brand=config.own_brand),
        with_topic(weekly, topic_id, row["topic"]),
        topic_file_stem(topic_id, row["topic"], "weekly"),
    )

st.subheader(t("Posts"))
query = st.text_input(t("Search in this topic's posts"), placeholder=t("words to find in title or text"))
found = search_posts(topic_posts, query)
ui.posts_table(latest_posts(found, 500), timezone, height=420)
ui.download_csv(
    tn("This {n} post (CSV)", "These {n} posts (CSV)", len(found)),
    lambda rows=found: posts_for_export(rows),
    f"{topic_file_stem(topic_id, row['topic'])}.csv",
)

with st.expander(t("Lineage of the last refit")):
    retired = store.load_retired_topics(run["run_id"]) if run else pd.DataFrame()
    lineage = topics[["topic_id", "label", "name", "lineage", "related", "similarity"]]
    ui.data_table(
        lineage.assign(lineage=lineage["lineage"].map(lineage_words)),
        hide_index=True,
        width="stretch",
        column_config={
            "topic_id": t("Id"),
            "label": t("Automatic label"),
            "name": t("Name"),
            "lineage": t("At last refit"),
            "related": t("From topics"),
            "similarity": t("Similarity"),
        },
    )
    if not retired.empty:
        st.write(t("Retired at this refit:"))
        ui.data_table(
            retired,
            hide_index=True,
            width="stretch",
            column_config={
                "run_id": t("Refit"),
                "topic_id": t("Id"),
                "label": t("Label"),
                "absorbed_by": t("Absorbed by"),
                "similarity": t("Similarity"),
            },
        )
