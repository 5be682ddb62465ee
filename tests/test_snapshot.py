"""snapshot_tables: every table the pages show, from one filtered frame of a small fitted
store, and the CSVs written from them (`python -m monitor export`)."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from monitor import models
from monitor.analysis import distinctive_terms as distinctive_terms_module
from monitor.analysis.distinctive_terms import build_term_index
from monitor.analysis.volume import PostFilter, filter_posts
from monitor.cli import main
from monitor.config.settings import TopicSettings
from monitor.output.csv_files import csv_text, write_snapshot
from monitor.output.tables import snapshot_tables
from monitor.pipeline import snapshot as snapshot_module
from monitor.store.database import open_store
from monitor.topics.runs import posts_with_topics, refit_topics
from tests.postgres import naming
from tests.topic_corpus import START, market, post, save, story_posts, subject_of, subject_posts

ZONE = "Europe/Ljubljana"
OWN = "Lipa Mobil"
FORMULA = '=HYPERLINK("https://evil.example","klik")'
TABLES = (
    "posts", "topics", "volume_topic_brand_week", "share_of_voice_week", "share_of_voice", "flags",
    "weekday_hour", "posting_frequency", "engagement_by_topic", "engagement_by_brand", "coverage", "differentiation",
    "distinctive_terms", "voice", "voice_by_channel", "partners", "partner_flags", "campaigns", "campaign_flags",
)  # fmt: skip
# This small market names no partner and runs no campaign: those files hold their header alone.
MAY_BE_EMPTY = ("partners", "partner_flags", "campaigns", "campaign_flags")
# Six weeks of five subjects, three quiet weeks, one syndicated story, an esports burst in the last week and
# one post whose title a spreadsheet would run as a formula.
ROWS = [
    *market(days=84),
    *story_posts(),
    *subject_posts("esports", 25, start=START + timedelta(days=77), days=7),
    post("kras-blog", "formula", "Football league referee derby penalty", START, title=FORMULA),
]


# feeds.yaml naming every feed of tests.topic_corpus: export follows the file, and a feed
# left out of it counts as removed (its posts are out of every table).
CORPUS_FEEDS_YAML = (
    "settings:\n  database: monitor.db\nbrands:\n"
    "  - name: Lipa Mobil\n    own: true\n    feeds:\n"
    "      - name: Lipa blog\n        kind: rss\n        url: https://lipa.example/feed.xml\n"
    "      - name: Lipa Facebook\n        kind: csv\n        channel: facebook\n"
    "        path: exports/lipa-facebook.csv\n        columns: {text: Text, published: Date}\n"
    "  - name: Kras Telekom\n    feeds:\n"
    "      - name: Kras blog\n        kind: rss\n        url: https://kras.example/feed.xml\n"
    "      - name: Kras Instagram\n        kind: csv\n        channel: instagram\n"
    "        path: exports/kras-instagram.csv\n        columns: {text: Text, published: Date}\n"
)


def fill(store) -> None:
    save(store, ROWS)
    refit_topics(store, TopicSettings(n_topics=6))


def frame_of(store) -> pd.DataFrame:
    return posts_with_topics(store.load_posts(), store.load_post_topics(), store.load_topics())


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('snapshot')}/monitor.db")
    fill(store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def frame(fitted) -> pd.DataFrame:
    return frame_of(fitted)


@pytest.fixture(scope="module")
def tables(fitted, frame) -> dict[str, pd.DataFrame]:
    return snapshot_tables(frame, fitted.load_topics(), ZONE, OWN)


# --- the tables ----------------------------------------------------------------------------


def test_every_table_is_there_and_has_rows(tables):
    assert tuple(tables) == TABLES
    filled = {name: len(table) > 0 for name, table in tables.items() if name not in MAY_BE_EMPTY}
    assert filled == dict.fromkeys(set(TABLES) - set(MAY_BE_EMPTY), True)
    assert all(len(tables[name].columns) > 3 for name in MAY_BE_EMPTY)


def test_posts_table_holds_every_post_with_its_topic_and_story(tables, frame):
    posts = tables["posts"]

    assert len(posts) == len(ROWS)
    assert posts.columns[0] == models.PUBLISHED_AT
    assert set(posts[models.POST_ID]) == {row[models.POST_ID] for row in ROWS}
    assert posts["topic_id"].notna().all()
    assert posts[models.PUBLISHED_AT].str.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ").all()
    story = posts[posts["story_id"] == "lipa-blog:story"]
    assert len(story) == 3 and set(story["n_copies"]) == {3}


def test_topics_table_counts_stories_and_posts(tables, frame):
    topics = tables["topics"].set_index("topic")

    assert len(topics) == 6
    assert topics["n_posts"].sum() == len(ROWS)
    assert topics["n_stories"].sum() == frame["story_id"].nunique() == len(ROWS) - 2
    assert topics.loc["esports · tournament", ["n_stories", "n_posts", "brands", "lineage"]].tolist() == [
        25, 25, 2, "new",
    ]  # fmt: skip
    assert "weekly" not in tables["topics"].columns


def test_counts_by_week_brand_and_hour_add_up_to_the_posts(tables, frame):
    stories_per_brand = len(frame[["story_id", models.BRAND]].drop_duplicates())

    assert tables["volume_topic_brand_week"]["n_posts"].sum() == stories_per_brand
    assert tables["share_of_voice_week"]["n_posts"].sum() == stories_per_brand
    voice = tables["share_of_voice_week"].groupby("period_start")[["n_posts", "share"]].sum()
    assert voice.loc[voice["n_posts"] > 0, "share"].round(9).eq(1).all()
    assert voice.loc[voice["n_posts"] == 0, "share"].eq(0).all()  # quiet weeks before the burst
    assert tables["weekday_hour"]["n_posts"].sum() == len(ROWS)
    assert tables["posting_frequency"]["n_posts"].sum() == len(ROWS)
    assert tables["engagement_by_topic"]["n_posts"].sum() == len(ROWS)
    likes = frame.groupby(models.BRAND)[models.LIKES].sum().to_dict()
    assert tables["engagement_by_brand"].set_index(models.BRAND)["likes_total"].to_dict() == likes


def test_flags_table_holds_the_planted_burst_without_sample_posts(tables):
    flags = tables["flags"]

    topic_level = flags[flags["scope"] == "topic"].set_index("flag")
    assert set(topic_level["topic_label"]) == {"esports · tournament"}
    assert topic_level.loc["spike", "window_count"] == 24
    assert topic_level.loc["new", "window_count"] == 25
    assert "sample_post_ids" not in flags.columns


def test_own_brand_tables_compare_it_with_the_competitor(tables):
    assert set(tables["coverage"][models.BRAND]) == {"Lipa Mobil", "Kras Telekom"}
    assert len(tables["differentiation"]) == 6
    assert set(tables["distinctive_terms"][models.BRAND]) == {"Lipa Mobil", "Kras Telekom"}


def refuse_to_tokenize(monkeypatch) -> None:
    def tokenize(*_args):
        raise AssertionError("tokenized posts that the term index holds")

    monkeypatch.setattr(distinctive_terms_module, "_term_matrix", tokenize)


def test_with_a_term_index_distinctive_terms_come_out_the_same_without_tokenizing(
    fitted, frame, tables, monkeypatch
):
    index = build_term_index(frame)
    selection = filter_posts(frame, PostFilter(None, None, ("Lipa Mobil", "Kras Telekom"), ()), ZONE)
    without = snapshot_tables(selection, fitted.load_topics(), ZONE, OWN)["distinctive_terms"]
    refuse_to_tokenize(monkeypatch)

    indexed = snapshot_tables(frame, fitted.load_topics(), ZONE, OWN, index)
    assert_frame_equal(indexed["distinctive_terms"], tables["distinctive_terms"])
    selected = snapshot_tables(selection, fitted.load_topics(), ZONE, OWN, index)["distinctive_terms"]
    assert_frame_equal(selected, without)


def test_story_ids_as_categorical_codes_give_the_tables_story_ids_as_text_give(fitted, frame):
    # Every story count groups on story_id; codes spare a hash table of strings each time.
    assert isinstance(frame["story_id"].dtype, pd.CategoricalDtype)
    one_channel = filter_posts(frame, PostFilter(None, None, (), ("blog",)), ZONE)
    for selection in (frame, one_channel):
        coded = snapshot_tables(selection, fitted.load_topics(), ZONE, OWN)
        as_text = selection.assign(story_id=selection["story_id"].astype(object))
        texts = snapshot_tables(as_text, fitted.load_topics(), ZONE, OWN)
        assert {name: csv_text(table) for name, table in coded.items()} == {
            name: csv_text(table) for name, table in texts.items()
        }


def test_every_cell_is_one_spreadsheet_value(tables):
    for name, table in tables.items():
        for column in table.columns:
            assert not table[column].map(lambda v: isinstance(v, (list, tuple, dict))).any(), (name, column)


def test_without_the_own_brand_there_is_no_comparison(fitted, frame):
    competitor = filter_posts(frame, PostFilter(brands=("Kras Telekom",)), ZONE)

    tables = snapshot_tables(competitor, fitted.load_topics(), ZONE, OWN)

    assert "coverage" not in tables and "differentiation" not in tables
    assert set(tables["posts"][models.BRAND]) == {"Kras Telekom"}
    assert len(tables["posts"]) == len(competitor) > 0


def test_a_filter_that_matches_no_post_gives_empty_tables(fitted, frame):
    nothing = filter_posts(frame, PostFilter(start=date(2030, 1, 1)), ZONE)

    tables = snapshot_tables(nothing, fitted.load_topics(), ZONE, OWN)

    assert "posts" in tables and "topics" in tables
    assert all(table.empty for table in tables.values())


# --- CSVs ----------------------------------------------------------------------------------


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def test_written_csvs_neutralise_formulas_in_titles_and_topic_names(store, tmp_path):
    fill(store)
    football = int(store.load_post_topics().set_index(models.POST_ID).loc["kras-blog:formula", "topic_id"])
    store.rename_topic(football, "=cmd|' /C calc'!A0")
    tables = snapshot_tables(frame_of(store), store.load_topics(), ZONE, OWN)

    written = write_snapshot(tables, tmp_path / "out", {"brands": "all"})

    assert [path.name for path in written] == [*(f"{name}.csv" for name in TABLES), "manifest.json"]
    posts = {row[models.POST_ID]: row for row in read_rows(tmp_path / "out" / "posts.csv")}
    assert posts["kras-blog:formula"][models.TITLE] == "'" + FORMULA
    assert posts["kras-blog:formula"]["topic_label"] == "'=cmd|' /C calc'!A0"
    topics = {row["topic_id"]: row for row in read_rows(tmp_path / "out" / "topics.csv")}
    assert topics[str(football)]["topic"] == "'=cmd|' /C calc'!A0"
    assert topics[str(football)]["auto_label"] == "football · league"
    volume = read_rows(tmp_path / "out" / "volume_topic_brand_week.csv")
    assert {row["topic_label"] for row in volume if row["topic_id"] == str(football)} == {
        "'=cmd|' /C calc'!A0"
    }
    for path in written[:-1]:
        for row in read_rows(path):
            assert not any(cell.startswith(("=", "+", "@")) for cell in row.values()), (path.name, row)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tables"]["posts"] == {"file": "posts.csv", "rows": len(ROWS)}


def test_export_of_a_range_with_no_posts_writes_empty_tables(store, write_config, tmp_path, capsys):
    fill(store)
    config = write_config(naming(CORPUS_FEEDS_YAML, store.url))

    code = main(["export", "--config", str(config), "-o", str(tmp_path / "out"), "--since", "2030-01-01"])

    assert code == 0
    assert read_rows(tmp_path / "out" / "posts.csv") == []
    assert "0 posts exported" in capsys.readouterr().err


@pytest.mark.sqlite_only  # the term index is kept in the disk cache beside a SQLite file
def test_an_export_keeps_the_term_index_for_the_next_one_and_the_pages(
    store, write_config, tmp_path, monkeypatch
):
    # Tokenizing every post for distinctive terms was most of an export: ~55 s of 120 at 1M.
    fill(store)
    config = write_config(naming(CORPUS_FEEDS_YAML, store.url))
    assert main(["export", "--config", str(config), "-o", str(tmp_path / "first")]) == 0
    assert len(list((tmp_path / "cache").glob("terms-*"))) == 1

    refuse_to_tokenize(monkeypatch)
    assert main(["export", "--config", str(config), "-o", str(tmp_path / "second")]) == 0
    first, second = (read_rows(tmp_path / run / "distinctive_terms.csv") for run in ("first", "second"))
    assert first and second == first


def test_without_a_disk_cache_an_export_tokenizes_only_its_selection(
    store, write_config, tmp_path, monkeypatch
):
    # An in-memory database has no disk cache: indexing every post would cost more than the selection.
    from monitor.config.settings import Config

    fill(store)
    config = write_config(naming(CORPUS_FEEDS_YAML, store.url))
    monkeypatch.setattr(Config, "cache_dir", property(lambda _config: None))
    monkeypatch.setattr(snapshot_module, "posts_frame_of", lambda store, folder, version: frame_of(store))

    def index_everything(*_args):
        raise AssertionError("indexed every post without a disk cache to keep it in")

    monkeypatch.setattr(snapshot_module, "term_index_of", index_everything)
    assert (
        main(["export", "--config", str(config), "-o", str(tmp_path / "out"), "--brand", "Lipa Mobil"]) == 0
    )
    assert read_rows(tmp_path / "out" / "posts.csv")


def test_subjects_stay_whole_in_the_exported_posts(tables):
    # each subject's posts carry one topic label in the snapshot, the story with football's
    posts = tables["posts"]
    labels = posts.groupby(posts[models.POST_ID].map(subject_of))["topic_label"].unique()
    assert labels.map(len).eq(1).all()
    assert labels["story"][0] == labels["football"][0] == "football · league"


def test_every_table_a_page_or_export_asks_for_is_in_the_one_registry():
    import re

    from monitor.output.tables import EXPORTS, TABLES
    from monitor.output.url_state import PAGE_FILES, TRENDS_PAGE

    pages = Path(__file__).resolve().parents[1] / "app_pages"
    asked = {
        name for path in pages.glob("*.py") for name in re.findall(r'derived\("(\w+)"', path.read_text())
    }
    assert asked and asked <= set(TABLES), asked - set(TABLES)
    assert {table for table, _dropped in EXPORTS.values()} <= set(TABLES)
    assert TRENDS_PAGE in PAGE_FILES and all((pages.parent / f).exists() for f in PAGE_FILES.values())
