"""An AppTest per page: runs the real scripts headless against a small fixture config."""

from __future__ import annotations

import csv
import functools
import json
import re
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitor.store.database import open_store

ROOT = Path(__file__).resolve().parents[1]


def run_app(page: str | None = None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    if page:
        app.switch_page(page).run()
    return app


def shown(markdown: str) -> str:
    """The text a Markdown source shows when backslash escapes are its only markup."""
    return re.sub(r"\\(.)", r"\1", markdown)


def test_first_start_ingests_the_configured_feeds_and_shows_the_overview(app_env):
    app = run_app()
    assert not app.exception
    assert [title.value for title in app.title] == ["Overview"]
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Posts"] == "6"
    assert metrics["Brands"] == "2"
    assert len(app.dataframe) == 1  # the latest posts


def test_overview_shows_feed_text_as_inert_text(app_env):
    app = run_app()
    table = app.dataframe[0].value
    titles = " ".join(table["Title"].dropna())
    texts = " ".join(table["Text"].dropna())
    assert "Delavnice za starejše" in titles
    assert "alert" not in titles  # the feed's markup became text; its script was dropped
    assert "**krepko** [klik](javascript:alert(3))" in texts  # Markdown stays literal text
    assert table["Link"].dropna().str.startswith(("http://", "https://")).all()
    assert not any(str(m.value).count("<script") for m in app.markdown)


def test_brand_filter_narrows_the_overview(app_env):
    app = run_app()
    app.sidebar.multiselect[0].select("Tekmec").run()
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Posts"] == "3"
    assert metrics["Brands"] == "1"


def test_feeds_page_lists_each_feed_with_its_health(app_env):
    app = run_app("app_pages/feeds.py")
    assert not app.exception
    assert [title.value for title in app.title] == ["Feeds"]
    table = app.dataframe[0].value
    assert sorted(table["Feed"]) == ["Naš blog", "Tekmec Instagram"]
    assert set(table["Status"]) == {"ok"}
    assert table["Posts"].sum() == 6


def add_an_undated_rival_post(app_env: Path) -> None:
    with (app_env / "rival_instagram.csv").open("a", encoding="utf-8") as file:
        file.write('"Objava brez datuma",,https://rival.example/p/9,5\n')


def test_undated_posts_are_counted_on_the_feeds_page(app_env):
    add_an_undated_rival_post(app_env)
    run_app()  # the first start fetches
    app = run_app("app_pages/feeds.py")
    assert not app.exception
    table = app.dataframe[0].value.set_index("Feed")
    assert table.loc["Tekmec Instagram", "Undated"] == 1 and table.loc["Naš blog", "Undated"] == 0
    assert any(w.value.startswith("1 post has no date we could read") for w in app.warning)


def test_overview_says_how_many_undated_posts_its_figures_leave_out(app_env):
    add_an_undated_rival_post(app_env)
    app = run_app()
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Posts"] == "6"  # the sidebar's date range leaves the undated post out...
    note = "1 post has no usable date and is not in these figures: see Feeds."
    assert note in [c.value for c in app.caption]  # ...and says so
    app.sidebar.multiselect[0].select("Naša znamka").run()
    assert note not in [c.value for c in app.caption]  # not one of our brand's posts


def test_cadence_says_how_many_posts_its_hours_and_gaps_leave_out(app_env):
    note = (
        "1 post has a date without a time of day; they are left out of the hour heatmap and the "
        "gaps between posts, but counted in posts a week."
    )
    assert note not in [c.value for c in run_app("app_pages/cadence.py").caption]
    blog = app_env / "our_blog.xml"
    item = "<item><title>Samo datum</title><guid>samo-datum</guid><pubDate>Fri, 05 Jun 2026</pubDate></item>"
    blog.write_text(
        blog.read_text(encoding="utf-8").replace("</channel>", item + "</channel>"), encoding="utf-8"
    )
    app = run_app("app_pages/feeds.py")
    app.button[0].click().run()  # fetch the blog again

    app.switch_page("app_pages/cadence.py").run()

    assert not app.exception, app.exception
    assert note in [c.value for c in app.caption]


def test_refresh_button_reports_a_broken_feed_without_stopping_others(app_env):
    app = run_app("app_pages/feeds.py")
    (app_env / "rival_instagram.csv").write_text("Nekaj,Drugega\n1,2\n", encoding="utf-8")
    app.button[0].click().run()
    assert not app.exception
    table = app.dataframe[0].value.set_index("Feed")
    assert table.loc["Tekmec Instagram", "Status"] == "error"
    assert "Opis" in table.loc["Tekmec Instagram", "Last error"]
    assert table.loc["Naš blog", "Status"] == "ok"


def test_empty_store_with_failing_feeds_says_what_to_do(app_env):
    (app_env / "our_blog.xml").unlink()
    (app_env / "rival_instagram.csv").unlink()
    app = run_app()
    assert not app.exception
    assert any("No posts yet" in info.value for info in app.info)


def test_invalid_config_is_shown_on_the_page_not_as_a_traceback(app_env):
    config = app_env / "feeds.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("kind: rss", "kind: rsss"), encoding="utf-8")
    app = run_app()
    assert not app.exception
    assert len(app.error) == 1
    message = shown(app.error[0].value)
    assert "feeds.yaml, line" in message and "rsss" in message and "rss" in message


def test_an_edited_config_is_read_on_the_next_run(app_env):
    app = run_app()
    assert not app.exception and not app.error
    config = app_env / "feeds.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("kind: rss", "kind: rsss"), encoding="utf-8")
    app.run()
    assert len(app.error) == 1 and "rsss" in app.error[0].value
    config.write_text(config.read_text(encoding="utf-8").replace("kind: rsss", "kind: rss"), encoding="utf-8")
    app.run()
    assert not app.exception and not app.error


PAGES = [
    ("app_pages/overview.py", "Overview"),
    ("app_pages/trends.py", "Trends"),
    ("app_pages/topics.py", "Topics"),
    ("app_pages/differentiation.py", "Differentiation"),
    ("app_pages/cadence.py", "Cadence & engagement"),
    ("app_pages/feeds.py", "Feeds"),
]


@pytest.mark.parametrize(("page", "title"), PAGES)
def test_every_page_renders_without_an_exception(app_env, page, title):
    app = run_app(page)
    assert not app.exception, app.exception
    assert [t.value for t in app.title] == [title]


@pytest.mark.postgres
def test_every_page_renders_on_a_postgresql_store(app_env, postgres_database, monkeypatch):
    monkeypatch.setenv("MONITOR_DB", postgres_database)
    app = run_app()  # the first start fetches the feeds into PostgreSQL and fits topics
    assert not app.exception, app.exception
    assert {metric.label: metric.value for metric in app.metric}["Posts"] == "6"
    for page, title in PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
        assert [t.value for t in app.title] == [title]
    store = open_store(postgres_database)
    assert store.count_posts() == 6
    store.close()


@pytest.mark.parametrize(("page", "title"), [p for p in PAGES if p[1] != "Cadence & engagement"])
def test_every_table_shows_a_missing_value_as_an_empty_cell(app_env, page, title):
    # Streamlit's default drew a grey "None" for a post with no likes or carried by one feed.
    from app_pages.ui import MISSING

    app = run_app(page)
    tables = [table.proto for table in app.dataframe]
    assert tables
    assert all(table.HasField("placeholder") and table.placeholder == MISSING == "" for table in tables)


def test_a_shared_link_restores_the_filters(app_env):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["brand"] = "Tekmec"
    app.query_params["channel"] = "instagram"
    app.run()
    assert not app.exception
    assert app.sidebar.multiselect[0].value == ["Tekmec"]
    assert app.sidebar.multiselect[1].value == ["instagram"]
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Posts"] == "3"


def test_meeting_mode_from_the_link_hides_the_posts_table(app_env):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["mode"] = "meeting"
    app.query_params["from"] = "2026-03-03"  # the fixture's posts are older than the week of the fetch
    app.query_params["to"] = "2026-06-10"
    app.run()
    assert not app.exception
    assert app.sidebar.toggle[0].value is True
    assert len(app.dataframe) == 0  # one key chart and headline facts, no tables
    charts = [element for element in app.main if getattr(element, "type", "") == "vega_lite_chart"]
    assert len(charts) == 1


def test_the_meeting_toggle_turns_the_pages_into_the_reports_sections_at_once(app_env):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    assert [t.value for t in app.title] == ["Overview"]
    app.sidebar.toggle[0].set_value(True).run()
    assert not app.exception, app.exception
    assert [t.value for t in app.title] == ["Headlines"]
    assert app.query_params["mode"] == "meeting"
    app.sidebar.toggle[0].set_value(False).run()
    assert [t.value for t in app.title] == ["Overview"]


MEETING_TITLES = {
    "headline": "Headlines", "flags": "Flags", "share": "Share of voice", "coverage": "Topics × brands",
    "top_posts": "Top posts by engagement", "new": "What is new", "voice": "Voice", "partners": "Partners",
    "campaigns": "Campaigns",
}  # fmt: skip


@pytest.mark.parametrize(("section", "title"), MEETING_TITLES.items())
def test_meeting_mode_pages_are_the_reports_sections(app_env, section, title):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["mode"] = "meeting"
    app.run()
    app.switch_page(f"app_pages/meeting/{section}.py").run()
    assert not app.exception, app.exception
    assert [t.value for t in app.title] == [title]
    charts = [element for element in app.main if getattr(element, "type", "") == "vega_lite_chart"]
    tables = [m.value for m in app.markdown if 'class="meeting-table"' in m.value]
    facts = [m.value for m in app.markdown if m.value.startswith('<p class="headline">')]
    assert len(charts) + len(tables) + len(facts) + len(app.info) >= 1  # its story, or what is missing
    assert len(charts) <= 1 and len(app.dataframe) == 0  # one story per page


def test_changing_a_filter_writes_it_to_the_url(app_env):
    app = run_app()
    app.sidebar.multiselect[0].select("Naša znamka").run()
    assert app.query_params["brand"] in ("Naša znamka", ["Naša znamka"])


def test_trends_headlines_sit_above_the_topic_chart_though_computed_after_it(app_env):
    app = run_app("app_pages/trends.py")
    assert not app.exception, app.exception
    kinds = []
    for element in app.main:
        if getattr(element, "type", "") == "vega_lite_chart":
            kinds.append("chart")
        elif element.type == "text" and element.value.startswith("• "):
            kinds.append("headline")
    assert "headline" in kinds and "chart" in kinds
    assert kinds.index("headline") < kinds.index("chart")


def test_differentiation_table_names_each_class_in_words(app_env):
    from monitor.analysis.differentiation import CLASS_NAMES

    app = run_app("app_pages/differentiation.py")
    assert not app.exception, app.exception
    table = next(t.value for t in app.dataframe if "class" in t.value.columns)
    assert len(table) > 0
    assert set(table["class"]) <= set(CLASS_NAMES.values())  # "Own angle", not "own_angle"
    # Shares shown in percent, so one format gives every row one decimal.
    assert table["own_share"].between(0, 100).all() and table["own_share"].max() > 1


def test_posts_without_a_topic_are_shown_as_other_and_a_small_topic_gets_no_advice(app_env):
    import sqlite3

    from app_pages import ui
    from monitor.models import OTHER_LABEL

    run_app()  # the first start ingests and fits one topic of 6 stories
    with sqlite3.connect(app_env / "test.db") as db:  # 2 posts fit no topic: Other 2, the topic 4
        db.execute("DELETE FROM post_topics WHERE post_id IN (SELECT post_id FROM post_topics LIMIT 2)")
    ui.data_version.clear()
    topics = run_app("app_pages/topics.py")
    assert not topics.exception, topics.exception
    table = topics.dataframe[0].value
    assert table["topic"].iloc[-1] == OTHER_LABEL and table["n_stories"].iloc[-1] == 2
    assert table["lineage"].iloc[-1] == "" and table["topic_id"].isna().sum() == 1
    assert f"• 1 topic in 4 stories; 2 more stories in {OTHER_LABEL}." in [t.value for t in topics.text]
    differentiation = run_app("app_pages/differentiation.py")
    classes = next(t.value for t in differentiation.dataframe if "class" in t.value.columns)
    assert classes["class"].tolist() == ["Too small to judge"]
    assert not [t.value for t in differentiation.text if t.value.startswith("• ")]  # no advice


# Every ASCII punctuation mark backslash-escaped: no Markdown, LaTeX or colour can start.
ALL_ESCAPED = re.compile(r"(?:[^!-/:-@\[-`{-~]|\\[!-/:-@\[-`{-~])*")
HOSTILE_NAME = "![x](http://127.0.0.1:1/beacon) **bold** $x^2$ # H :red[red]"


def unescaped_markup(app: AppTest) -> list[str]:
    """Markdown sources on the page that carry a piece of HOSTILE_NAME's markup unescaped."""
    kinds = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success")
    sources = [element.value for kind in kinds for element in getattr(app, kind)]
    return [s for s in sources if any(part in s for part in ("![x](", "**bold**", "$x^2$", ":red["))]


def rename_the_topic(app: AppTest, name: str) -> AppTest:
    box = next(t for t in app.text_input if t.label.startswith("Name this topic"))
    box.input(name)
    next(b for b in app.button if b.label == "Save name").click().run()
    assert not app.exception, app.exception
    return app


def test_a_topic_name_shows_as_typed_in_the_topics_heading(app_env):
    app = rename_the_topic(run_app("app_pages/topics.py"), HOSTILE_NAME)
    heading = app.header[0].value
    assert shown(heading) == HOSTILE_NAME
    assert ALL_ESCAPED.fullmatch(heading), heading  # so the image, bold, formula and colour stay text
    assert not unescaped_markup(app)


def test_a_topic_name_shows_as_typed_in_the_trends_sample_line(app_env, monkeypatch):
    from monitor.analysis import flags

    # The fixture's six posts flag nothing at the usual thresholds.
    relaxed = functools.partial(flags.compute_flags, min_window_count=1, min_score=0.0, min_factor=1.0)
    monkeypatch.setattr(flags, "compute_flags", relaxed)
    app = rename_the_topic(run_app("app_pages/topics.py"), HOSTILE_NAME)
    app.switch_page("app_pages/trends.py").run()
    assert not app.exception, app.exception
    line = next(m.value for m in app.markdown if m.value.startswith("**Sample posts for:** "))
    sample = line.removeprefix("**Sample posts for:** ")
    assert HOSTILE_NAME in shown(sample)
    assert ALL_ESCAPED.fullmatch(sample), sample
    assert not unescaped_markup(app)


@pytest.mark.parametrize("focus", ["²", "9" * 5000, "-1", "99"])
def test_a_malformed_or_stale_focus_in_the_link_opens_the_largest_topic(app_env, focus):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["focus"] = focus
    app.run()
    app.switch_page("app_pages/topics.py").run()
    assert not app.exception, app.exception
    assert app.selectbox[0].value == 1
    note = "The topic in the link is not among these topics; the largest is open."
    assert note in [c.value for c in app.caption]
    assert app.query_params["focus"] in ("1", ["1"])


def test_a_reversed_date_range_in_the_link_keeps_its_span(app_env):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["from"] = "2026-06-10"
    app.query_params["to"] = "2026-03-05"
    app.run()
    assert not app.exception, app.exception
    assert app.sidebar.date_input[0].value == (date(2026, 3, 5), date(2026, 6, 10))
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Posts"] == "4"  # 5 Mar to 10 Jun: all but the first and the last post


@pytest.mark.parametrize(("page", "title"), PAGES)
def test_posts_dated_9999_0001_and_2206_take_no_page_down(app_env, page, title):
    export = app_env / "rival_instagram.csv"
    with open(export, "a", encoding="utf-8", newline="") as file:
        for n, when in enumerate(["31.12.9999 23:00", "01.01.0001 00:00", "01.05.2206 10:00"]):
            csv.writer(file).writerow(
                [f"Objava s čudnim datumom {n} o optiki", when, f"https://tekmec.example/odd{n}", "5"]
            )
    app = run_app(page)
    assert not app.exception, app.exception
    if title == "Feeds":
        assert any("3 posts carry a date before 1990" in w.value for w in app.warning), app.warning


def test_a_topic_name_with_line_breaks_stays_inside_its_meeting_table(app_env):
    # A blank line ends an HTML block in Markdown: what followed it would render as Markdown.
    app = rename_the_topic(run_app("app_pages/topics.py"), "Paketi\n\n" + HOSTILE_NAME)
    meeting = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    meeting.query_params["mode"] = "meeting"
    meeting.query_params["from"] = "2026-03-03"  # the fixture's days but the last: the report's days
    meeting.query_params["to"] = "2026-06-10"
    meeting.run()
    meeting.switch_page("app_pages/meeting/new.py").run()
    assert not meeting.exception, meeting.exception
    shown_html = [m.value for m in meeting.markdown if "Paketi" in m.value]
    assert shown_html, [m.value[:80] for m in meeting.markdown]
    for markup in shown_html:
        names = re.findall(r'<span class="name">(.*?)</span>', markup, flags=re.S)
        hostile = [name for name in names if name.startswith("Paketi")]
        assert hostile and all(
            name.startswith("Paketi") and "&#33;&#91;x&#93;" in name for name in hostile
        ), names
        # Each punctuation mark a character reference, and no line break: neither HTML nor Markdown starts.
        assert all(re.fullmatch(r"(?:[^\n!-/:-@\[-`{-~]|&#\d+;)*", name) for name in names), names
    assert app.header[0].value.startswith("Paketi \\!\\[x\\]")


def hold_feeds(monkeypatch) -> threading.Event:
    """Every feed waits until the returned gate opens: a refresh caught halfway. AppTest runs
    the app in this process, so the patch reaches the refresh's thread."""
    from monitor.pipeline import refresh

    opened = threading.Event()
    read = refresh.read_feed

    def held(feed, config, state):
        opened.wait(20)
        return read(feed, config, state)

    monkeypatch.setattr(refresh, "read_feed", held)
    return opened


def wait_until(check, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def latest_refresh(app_env: Path):
    from monitor.config.load import load_config
    from monitor.pipeline import background

    url = load_config(app_env / "feeds.yaml", database=str(app_env / "test.db")).database_url
    return background.latest_refresh(url)


@pytest.mark.timeout(120)
def test_a_refresh_left_midway_runs_to_its_end_and_every_page_says_so(app_env, monkeypatch):
    app = run_app("app_pages/feeds.py")
    (app_env / "rival_instagram.csv").write_text("Nekaj,Drugega\n1,2\n", encoding="utf-8")
    opened = hold_feeds(monkeypatch)
    try:
        with pytest.raises(RuntimeError, match="timed out"):  # Streamlit stops the script, as
            app.button[0].click().run(timeout=2)  # when the user reloads or switches page
        for page, title in PAGES:
            app.switch_page(page).run()
            assert not app.exception, title
            assert any("Refreshing feeds: 0 of 2 done" in info.value for info in app.info), title
    finally:
        opened.set()
    assert latest_refresh(app_env).wait(30).finished
    app.run()
    assert not any("Refreshing feeds" in info.value for info in app.info)
    table = app.dataframe[0].value.set_index("Feed")
    assert table.loc["Tekmec Instagram", "Status"] == "error"  # read after the page was left
    assert table.loc["Naš blog", "Status"] == "ok"


@pytest.mark.timeout(120)
def test_a_first_run_setup_left_midway_still_reads_every_feed_and_finds_topics(app_env, monkeypatch):
    opened = hold_feeds(monkeypatch)
    try:
        with pytest.raises(RuntimeError, match="timed out"):  # a reload or a closed tab
            AppTest.from_file(str(ROOT / "app.py")).run(timeout=2)
    finally:
        opened.set()
    store = open_store(f"sqlite:///{app_env / 'test.db'}")
    try:  # the store, not the run: the old in-script refresh dropped every feed after the stop
        wait_until(lambda: store.load_feed_status()["last_success_at"].notna().sum() == 2
                   and store.latest_topic_run() is not None)  # fmt: skip
    finally:
        store.close()
    app = run_app()  # the reloaded page: a new session
    assert not app.exception
    assert [title.value for title in app.title] == ["Overview"]
    assert {metric.label: metric.value for metric in app.metric}["Posts"] == "6"
    app.switch_page("app_pages/topics.py").run()
    assert not app.exception
    assert not any("No topics yet" in info.value for info in app.info)


def test_a_brand_renamed_and_a_feed_removed_in_feeds_yaml_show_at_once(app_env):
    run_app()  # first start: both feeds fetched
    config = app_env / "feeds.yaml"
    text = config.read_text(encoding="utf-8").replace("- name: Tekmec\n", "- name: Tekmec Novi\n")
    config.write_text(text, encoding="utf-8")
    app = run_app("app_pages/overview.py")
    assert not app.exception
    brands = next(w for w in app.multiselect if w.label == "Brands")
    assert "Tekmec Novi" in brands.options and "Tekmec" not in brands.options  # no fetch needed

    config.write_text(text[: text.index("  - name: Tekmec Novi")], encoding="utf-8")  # brand removed
    feeds = run_app("app_pages/feeds.py")
    assert not feeds.exception, feeds.exception
    assert sorted(feeds.dataframe[0].value["Feed"]) == ["Naš blog"]
    assert any("Removed from feeds.yaml" in c.value and "Tekmec Instagram" in c.value for c in feeds.caption)
    overview = run_app("app_pages/overview.py")
    assert {m.label: m.value for m in overview.metric}["Brands"] == "1"


def test_pages_never_write_to_the_store_and_never_change_the_shared_posts_frame(app_env, monkeypatch):
    import pandas as pd

    from app_pages import ui
    from monitor.store.database import Store

    run_app()  # the first start fetches: the one run that writes
    url = f"sqlite:///{app_env / 'test.db'}"
    shared = ui.load_posts(url, ui.data_version(url))
    before = shared.copy(deep=True)
    writes = []
    write = Store._writing
    monkeypatch.setattr(Store, "_writing", lambda self: writes.append("write") or write(self))
    monkeypatch.setattr(Store, "sync_feeds", lambda self, feeds: writes.append("sync"))
    for page, _title in PAGES:
        app = run_app(page)
        app.run()  # a rerun, as after any click
        assert not app.exception, app.exception
    assert writes == []
    assert ui.load_posts(url, ui.data_version(url)) is shared  # still the cached frame, and as it was
    pd.testing.assert_frame_equal(shared, before)


def click_in_navigation(app: AppTest, page: str) -> AppTest:
    """What a click on a link in the sidebar navigation does: the new page, an empty query string."""
    app.query_params.clear()
    return app.switch_page(page).run()


def test_a_linked_view_stays_on_every_page_reached_through_the_navigation(app_env):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["brand"] = "Tekmec"
    app.query_params["grain"] = "day"
    app.run()
    for page, title in [*PAGES[1:], PAGES[0]]:
        click_in_navigation(app, page)
        assert not app.exception, app.exception
        assert [t.value for t in app.title] == [title]
        assert app.query_params["brand"] in ("Tekmec", ["Tekmec"]), title
        assert app.query_params["grain"] in ("day", ["day"]), title
        assert next(w for w in app.sidebar.multiselect if w.label == "Brands").value == ["Tekmec"], title
        assert app.sidebar.radio[0].value == "day", title
    assert {metric.label: metric.value for metric in app.metric}["Posts"] == "3"  # of 6


def test_a_filter_chosen_in_the_sidebar_stays_after_a_page_switch(app_env):
    app = run_app()
    app.sidebar.multiselect[0].select("Tekmec").run()
    app.sidebar.radio[0].set_value("day").run()  # any further click on the page
    click_in_navigation(app, "app_pages/cadence.py")
    assert not app.exception, app.exception
    assert app.query_params["brand"] in ("Tekmec", ["Tekmec"])
    assert not [t.value for t in app.text if "Naša znamka" in t.value]  # the headlines: Tekmec only
    click_in_navigation(app, "app_pages/overview.py")
    assert {metric.label: metric.value for metric in app.metric}["Posts"] == "3"


def test_a_filter_cleared_after_a_page_switch_stays_cleared(app_env):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["brand"] = "Tekmec"
    app.run()
    click_in_navigation(app, "app_pages/trends.py")
    next(w for w in app.sidebar.multiselect if w.label == "Brands").unselect("Tekmec").run()
    assert "brand" not in app.query_params
    click_in_navigation(app, "app_pages/overview.py")
    assert "brand" not in app.query_params
    assert {metric.label: metric.value for metric in app.metric}["Posts"] == "6"


def test_a_link_in_a_new_session_opens_as_given_not_as_another_session_left_it(app_env):
    first = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    first.query_params["brand"] = "Tekmec"
    first.run()
    fresh = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    fresh.query_params["channel"] = "blog"
    fresh.run()
    assert "brand" not in fresh.query_params
    assert {metric.label: metric.value for metric in fresh.metric}["Posts"] == "3"  # the blog's 3
    assert fresh.sidebar.multiselect[0].value == []


NEW_FEED = """      - name: Tekmec blog
        kind: rss
        path: rival_blog.xml
        channel: blog
"""


def test_a_feed_never_fetched_is_said_on_every_page_and_counted_on_the_feeds_page(app_env):
    run_app()  # the first start reads both feeds
    config = app_env / "feeds.yaml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("      - name: Tekmec Instagram", NEW_FEED + "      - name: Tekmec Instagram")
    config.write_text(text, encoding="utf-8")
    note = "1 of 3 feeds has never been fetched"
    for page, title in PAGES:
        app = run_app(page)
        assert not app.exception, app.exception
        warnings = [w.value for w in app.warning]
        assert sum(note in w for w in warnings) == 1, (title, warnings)
    metrics = {metric.label: metric.value for metric in app.metric}  # Feeds, the last of PAGES
    assert metrics["Feeds"] == "3" and metrics["Never fetched"] == "1"
    assert metrics["OK"] == "2" and metrics["Failing"] == "0"
    assert "press **Refresh feeds** above" in next(w.value for w in app.warning if note in w.value)
    app.button[0].click().run()  # the new feed's file is missing: read, and failing
    assert not app.exception, app.exception
    assert not [w.value for w in app.warning if "never been fetched" in w.value]
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Never fetched"] == "0" and metrics["Failing"] == "1"
    overview = run_app()
    assert not [w.value for w in overview.warning if "never been fetched" in w.value]


def download_names(app: AppTest) -> list[str]:
    """The file names of the page's CSV downloads (ui.download_csv keys each by its file name)."""
    ids = [button.proto.id for button in app.get("download_button")]
    return [i.split("-csv-", 1)[1] for i in ids if "-csv-" in i]


def test_a_topic_s_downloads_are_named_after_the_topic(app_env, monkeypatch):
    from monitor.analysis import flags

    relaxed = functools.partial(flags.compute_flags, min_window_count=1, min_score=0.0, min_factor=1.0)
    monkeypatch.setattr(flags, "compute_flags", relaxed)  # see the trends sample line test
    app = rename_the_topic(run_app("app_pages/topics.py"), 'eSIM / roaming: "abroad"?')
    names = download_names(app)
    stem = "topic-1-esim-roaming-abroad"
    assert {f"posts-{stem}.csv", f"brands-{stem}.csv", f"weekly-{stem}.csv"} <= set(names), names
    app.switch_page("app_pages/trends.py").run()
    assert not app.exception, app.exception
    assert f"posts-{stem}.csv" in download_names(app)  # the first flag's sample posts


def overview_volume_chart(app: AppTest) -> dict:
    """The spec of the Overview's first chart, posts over time."""
    chart = next(element for element in app.main if getattr(element, "type", "") == "vega_lite_chart")
    return json.loads(chart.proto.spec)


def test_time_grain_day_counts_the_overview_s_posts_per_day(app_env):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["grain"] = "day"
    app.run()
    assert not app.exception, app.exception
    spec = overview_volume_chart(app)
    assert spec["title"] == "Posts per day"
    assert (spec["encoding"]["x"]["field"], spec["encoding"]["x"]["title"]) == ("day", "Day")
    assert "posts_per_day.csv" in download_names(app)
    app.sidebar.radio[0].set_value("week").run()  # and back: weeks again
    spec = overview_volume_chart(app)
    assert (spec["title"], spec["encoding"]["x"]["field"]) == ("Posts per week", "week_start")
    assert "posts_per_week.csv" in download_names(app)
