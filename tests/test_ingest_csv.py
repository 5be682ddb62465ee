"""CSV exports -> posts through the feed's column mapping: one fixture file per behaviour
under tests/data/csv/."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from monitor import models
from monitor.config.settings import FeedConfig
from monitor.errors import FeedError
from monitor.ingest.csv_exports import CsvRead, read_csv_export

CSV = Path(__file__).parent / "data" / "csv"
MISTAKES = Path(__file__).parent / "data" / "csv_mistakes"  # a new user's slips, one per file
SIMPLE = {"published": "Datum", "text": "Opis"}


def csv_feed(name: str, columns: dict[str, str] = SIMPLE, **options) -> FeedConfig:
    return FeedConfig(
        feed_id="lipa-facebook",
        name="Lipa Facebook",
        brand="Lipa Mobil",
        kind="csv",
        channel="facebook",
        path=CSV / name,
        columns=tuple(columns.items()),
        **options,
    )


def read(name: str, columns: dict[str, str] = SIMPLE, **options):
    return read_csv_export(csv_feed(name, columns, **options), "Europe/Ljubljana")


def utc(*args: int) -> pd.Timestamp:
    return pd.Timestamp(datetime(*args, tzinfo=UTC))


META = {
    "post_id": "Post ID",
    "url": "Permalink",
    "published": "Publish time",
    "text": "Description",
    "likes": "Reactions",
    "comments": "Comments",
    "shares": "Shares",
}


def test_meta_export_with_date_format_and_timezone():
    read_ = read("meta_export.csv", META, date_format="%m/%d/%Y %H:%M", timezone="Europe/Ljubljana")

    posts = read_.posts.set_index(models.GUID)
    assert posts.loc["1001", models.PUBLISHED_AT] == utc(2024, 7, 2, 12, 5)  # CEST 14:05
    assert posts.loc["1002", models.PUBLISHED_AT] == utc(2024, 1, 15, 12, 0)  # CET 13:00
    assert posts.loc["1001", models.URL] == "https://www.facebook.com/lipamobil/posts/1001"
    assert posts.loc["1001", [models.LIKES, models.COMMENTS, models.SHARES]].tolist() == [120, 14, 3]
    assert posts.loc["1002", models.TEXT] == "Zimska ponudba za družine."
    assert (read_.warnings, read_.n_skipped) == ([], 0)


def test_feed_timezone_beats_the_global_one():
    feed = csv_feed("meta_export.csv", META, date_format="%m/%d/%Y %H:%M", timezone="UTC")

    posts = read_csv_export(feed, "Europe/Ljubljana").posts

    assert posts[models.PUBLISHED_AT].iloc[0] == utc(2024, 7, 2, 14, 5)


def test_iso_dates_keep_their_own_offsets():
    posts = read("iso_offsets.csv", {"post_id": "id", "published": "date", "text": "text"}).posts

    assert posts.set_index(models.GUID)[models.PUBLISHED_AT].to_dict() == {
        "a": utc(2024, 7, 2, 12, 5),
        "b": utc(2025, 1, 1, 3, 30),
        "c": utc(2024, 3, 1, 8, 0),
        "d": utc(2024, 7, 2, 12, 5),  # no offset: the global zone, Europe/Ljubljana
    }


def test_semicolon_cp1250_export_reads_slovenian_letters():
    read_ = read(
        "linkedin_semicolon_cp1250.csv",
        {"published": "Datum", "text": "Besedilo", "likes": "Všečki"},
        delimiter=";",
        encoding="cp1250",
        date_format="%d.%m.%Y %H:%M",
    )

    assert read_.posts[models.TEXT].tolist() == [
        "Čestitamo šampionom, žal brez ščuke!",
        "Žabe in čebele v Šiški",
    ]
    assert read_.posts[models.LIKES].tolist() == [12, 4]
    assert read_.posts[models.PUBLISHED_AT].iloc[0] == utc(2024, 7, 2, 12, 5)


def test_cp1250_file_read_as_utf8_names_the_encoding_fix():
    feed = csv_feed(
        "linkedin_semicolon_cp1250.csv", {"published": "Datum", "text": "Besedilo"}, delimiter=";"
    )

    with pytest.raises(FeedError, match=r"set `encoding:`.*cp1250"):
        read_csv_export(feed, "Europe/Ljubljana")


def test_utf8_bom_does_not_stick_to_the_first_header():
    posts = read("utf8_bom.csv", {"published": "Datum", "text": "Besedilo"}).posts

    assert posts[models.TEXT].tolist() == ["Objava z BOM na začetku datoteke."]


def test_missing_mapped_column_names_file_column_and_close_header():
    with pytest.raises(FeedError) as caught:
        read("missing_column.csv")

    message = str(caught.value)
    assert message.startswith(str(CSV / "missing_column.csv"))
    assert "column 'Opis' (mapped to text) is not in the file" in message
    assert "did you mean 'Opisi'?" in message


def test_a_missing_column_with_no_near_spelling_lists_the_files_columns():
    with pytest.raises(FeedError) as caught:
        read("missing_column.csv", {"published": "Datum", "text": "Message"})

    assert str(caught.value).endswith(
        "column 'Message' (mapped to text) is not in the file; "
        "the file's columns: 'Datum', 'Opisi', 'Vseckanje'"
    )


def test_the_columns_of_a_wide_export_are_listed_by_the_first_ones():
    with pytest.raises(FeedError) as caught:
        mistake("wide_export.csv", {"published": "Publish time", "text": "Message"})

    message = str(caught.value)
    assert "did you mean" not in message  # 'Messenger clicks' is not what was meant
    assert message.endswith(
        "the file's 60 columns start with: 'Post ID', 'Publish time', 'Description', 'Messenger clicks', "
        + ", ".join(f"'Lifetime metric {i}'" for i in range(5, 21))
        + " (and 40 more)"
    )


def test_paths_in_messages_are_normalised():
    roundabout = CSV / ".." / "csv" / "missing_column.csv"
    feed = csv_feed("unused.csv")

    with pytest.raises(FeedError) as caught:
        read_csv_export(FeedConfig(**{**feed.__dict__, "path": roundabout}), "Europe/Ljubljana")
    with pytest.raises(FeedError) as missing:
        read_csv_export(FeedConfig(**{**feed.__dict__, "path": CSV / ".." / "csv" / "gone.csv"}), "x")

    assert str(caught.value).startswith(f"{CSV.resolve() / 'missing_column.csv'}: column 'Opis'")
    assert str(missing.value).startswith(f"{CSV.resolve() / 'gone.csv'}: file not found")
    assert ".." not in str(caught.value) + str(missing.value)


def test_wrong_delimiter_is_sniffed_when_only_one_column_is_found():
    with pytest.raises(FeedError) as caught:
        read("wrong_delimiter.csv")

    assert str(caught.value) == (
        f"{CSV / 'wrong_delimiter.csv'}: column 'Datum' (mapped to published) is not in the file as "
        'read with delimiter ","; looks like delimiter: ";" — add delimiter: ";" to this feed'
    )


def test_a_semicolon_file_that_breaks_the_tokenizer_names_the_delimiter():
    feed = csv_feed("unused.csv", {"published": "Datum", "text": "Opis"})
    feed = FeedConfig(**{**feed.__dict__, "path": MISTAKES / "semicolon_commas_in_text.csv"})

    with pytest.raises(FeedError) as caught:
        read_csv_export(feed, "Europe/Ljubljana")

    message = str(caught.value)
    assert message.startswith(
        f'{MISTAKES / "semicolon_commas_in_text.csv"}: not a readable CSV with delimiter ","'
    )
    assert message.endswith('; looks like delimiter: ";" — add delimiter: ";" to this feed')


def test_a_tab_separated_file_names_tab_as_feeds_yaml_writes_it():
    feed = csv_feed("unused.csv", {"published": "Datum", "text": "Opis"})
    feed = FeedConfig(**{**feed.__dict__, "path": MISTAKES / "tab_separated.csv"})

    with pytest.raises(FeedError, match="looks like delimiter: tab — add delimiter: tab to this feed"):
        read_csv_export(feed, "Europe/Ljubljana")


def test_the_sniffed_delimiter_reads_the_file():
    feed = csv_feed("unused.csv", {"published": "Datum", "text": "Opis", "likes": "Všečki"}, delimiter=";")
    feed = FeedConfig(**{**feed.__dict__, "path": MISTAKES / "semicolon_commas_in_text.csv"})

    read_ = read_csv_export(feed, "Europe/Ljubljana")

    assert read_.posts[models.LIKES].tolist() == [12, 4]
    assert read_.warnings == []


def mistake(name: str, columns: dict[str, str] = SIMPLE, **options) -> CsvRead:
    feed = csv_feed("unused.csv", columns, **options)
    return read_csv_export(FeedConfig(**{**feed.__dict__, "path": MISTAKES / name}), "Europe/Ljubljana")


def test_a_configured_date_format_that_fails_quotes_the_value_and_suggests_one_that_reads_it():
    with pytest.raises(FeedError) as caught:
        mistake("day_first_dates.csv", date_format="%m/%d/%Y %H:%M")

    assert str(caught.value) == (
        f"{MISTAKES / 'day_first_dates.csv'}: column 'Datum': date_format \"%m/%d/%Y %H:%M\" failed on "
        "'31.05.2019 14:05' (row 2); \"%d.%m.%Y %H:%M\" reads them — "
        'set date_format: "%d.%m.%Y %H:%M" for this feed'
    )


def test_dates_that_fit_day_first_and_month_first_name_both_formats():
    with pytest.raises(FeedError) as caught:
        mistake("day_or_month_dates.csv", date_format="%Y-%m-%d")

    assert (
        'set date_format: "%d/%m/%Y %H:%M" (or "%m/%d/%Y %H:%M": these dates fit both) for this feed'
        in str(caught.value)
    )


def test_the_suggested_date_format_reads_the_file():
    posts = mistake("day_first_dates.csv", date_format="%d.%m.%Y %H:%M").posts

    assert posts[models.PUBLISHED_AT].tolist() == [utc(2019, 5, 31, 12, 5), utc(2019, 6, 1, 7, 30)]


def test_all_dates_unreadable_suggests_date_format():
    with pytest.raises(FeedError) as caught:
        read("bad_dates.csv")

    message = str(caught.value)
    assert str(CSV / "bad_dates.csv") in message
    assert "'včeraj'" in message
    assert "set `date_format:`" in message


def test_some_dates_unreadable_skips_counts_and_names_the_first_row():
    read_ = read("some_bad_dates.csv")

    assert read_.posts[models.TEXT].tolist() == ["Prva objava", "Druga objava", "Četrta objava"]
    assert read_.n_skipped == 2
    assert read_.warnings == ["2 rows skipped: unreadable date in column 'Datum' (first at row 4: 'ne vem')"]


def test_empty_date_is_kept_undated():
    read_ = read("empty_date.csv")

    posts = read_.posts.set_index(models.TEXT)
    assert pd.isna(posts.loc["Objava brez datuma", models.PUBLISHED_AT])
    assert posts.loc["Objava z datumom", models.PUBLISHED_AT] == utc(2024, 7, 2, 8, 0)
    assert posts[models.GUID].notna().all()  # the store needs a guid for every post
    assert read_.n_skipped == 0
    assert read_.warnings == ["1 posts have no date in column 'Datum' (first at row 2) and are kept undated"]


def test_dates_without_a_time_of_day_are_counted():
    read_ = mistake("dates_without_time.csv")

    assert read_.posts[models.PUBLISHED_AT].iloc[0] == utc(2019, 5, 30, 22, 0)  # 00:00 in Ljubljana
    assert read_.warnings == [
        "2 posts have a date without a time of day (first at row 2: '2019-05-31'); "
        "they are placed at 00:00 Europe/Ljubljana"
    ]


def test_each_post_records_whether_its_date_has_a_time_of_day():
    guessed = mistake("dates_without_time.csv").posts.set_index(models.TEXT)[models.DATE_ONLY]
    assert guessed.to_dict() == {
        "Objava samo z datumom": True,
        "Druga objava samo z datumom": True,
        "Objava z uro": False,
    }
    formatted = mistake("dates_without_time.csv", date_format="%Y-%m-%d", timezone="UTC").posts
    assert formatted[models.DATE_ONLY].tolist() == [True, True]
    timed = mistake("day_first_dates.csv", date_format="%d.%m.%Y %H:%M", timezone="UTC").posts
    assert len(timed) and not timed[models.DATE_ONLY].any()
    undated = read("empty_date.csv").posts  # no date is not a date without a time
    assert not undated[models.DATE_ONLY].any()


def test_a_date_format_without_time_codes_counts_every_date():
    read_ = mistake("day_first_dates.csv", date_format="%d.%m.%Y %H:%M", timezone="UTC")
    assert read_.warnings == []

    read_ = mistake("dates_without_time.csv", date_format="%Y-%m-%d", timezone="UTC")
    assert read_.warnings == [
        "1 rows skipped: unreadable date in column 'Datum' (first at row 4: '2019-06-02 10:15')",
        "2 posts have a date without a time of day (first at row 2: '2019-05-31'); they are placed at 00:00 UTC",
    ]


UTF8_EXPORT = {"published": "Datum", "title": "Naslov", "text": "Opis"}


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_utf8_read_as_latin1_or_cp1252_is_warned_with_the_fix(encoding):
    read_ = mistake("utf8_export.csv", UTF8_EXPORT, encoding=encoding)

    assert read_.posts[models.TITLE].iloc[0] == "JubilÃ©"  # kept as read: the fix is the user's
    assert read_.warnings == [
        f"2 posts look like UTF-8 read as {encoding} (first at row 2: 'Å¡ole' is 'šole'): set encoding: utf-8"
    ]


def test_utf8_read_as_utf8_and_cp1250_read_as_cp1250_are_not_mojibake():
    assert mistake("utf8_export.csv", UTF8_EXPORT).warnings == []
    read_ = read(
        "linkedin_semicolon_cp1250.csv",
        {"published": "Datum", "text": "Besedilo", "likes": "Všečki"},
        delimiter=";",
        encoding="cp1250",
        date_format="%d.%m.%Y %H:%M",
    )
    assert read_.warnings == []


def test_a_text_column_mapped_to_a_metric_names_the_mapping():
    read_ = read("meta_export.csv", {**META, "views": "Description"}, date_format="%m/%d/%Y %H:%M")

    assert read_.posts[models.VIEWS].isna().all()
    assert read_.warnings == [
        "views: 2 of 2 values in column 'Description' are not numbers "
        "(e.g. 'Poletna akcija: dvojni prenos'); check columns: views"
    ]


def test_the_new_warnings_are_the_same_when_read_in_chunks(tmp_path):
    rows = ["Datum,Naslov,Opis,Views"]
    for i in range(30):
        date = "" if i % 5 == 1 else f"2024-07-{1 + i % 28:02d}" + (" 10:00" if i % 3 else "")
        rows.append(f"{date},Jubilé {i},Objava {i},{'' if i % 4 else 'veliko'}")
    path = tmp_path / "export.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    columns = {"published": "Datum", "title": "Naslov", "text": "Opis", "views": "Views"}
    feed = FeedConfig(**{**csv_feed("unused.csv", columns, encoding="latin-1").__dict__, "path": path})

    whole = read_csv_export(feed, "Europe/Ljubljana", chunksize=1_000)
    chunked = read_csv_export(feed, "Europe/Ljubljana", chunksize=4)

    assert chunked.warnings == whole.warnings
    assert [w.split(" ")[0] for w in whole.warnings] == ["6", "8", "views:", "30"]


def test_rows_with_empty_text_are_skipped_and_counted():
    read_ = read("empty_text.csv")

    assert read_.posts[models.TEXT].tolist() == ["Objava z besedilom"]
    assert read_.n_skipped == 2
    assert read_.warnings == ["2 rows skipped: empty text in column 'Opis' (first at row 3)"]


def test_engagement_numbers_with_thousands_separators():
    posts = read(
        "engagement_numbers.csv",
        {"post_id": "id", "published": "Datum", "text": "Opis", "likes": "Likes"},
    ).posts

    likes = posts.set_index(models.GUID)[models.LIKES]
    assert likes[["1", "2", "3", "5"]].tolist() == [1234, 1234, 1234, 7]
    assert pd.isna(likes["4"])
    assert str(likes.dtype) == "Int64"


def test_quoted_newlines_stay_inside_one_post():
    posts = read("quoted_newlines.csv").posts

    assert posts[models.TEXT].tolist() == [
        "Prva vrstica objave.\nDruga vrstica, z vejico.",
        "Naslednja objava",
    ]


def test_duplicate_rows_are_counted_once_keeping_the_last():
    read_ = read(
        "duplicate_rows.csv",
        {"post_id": "Post ID", "published": "Datum", "text": "Opis", "likes": "Likes"},
    )

    assert read_.posts[models.GUID].tolist() == ["p1", "p2"]
    assert read_.posts[models.LIKES].tolist() == [8, 1]  # the later row has the newer count
    assert read_.warnings == ["1 duplicate rows (same post id) counted once"]


def test_non_http_urls_are_dropped():
    posts = read("non_http_url.csv", {**SIMPLE, "url": "Link"}).posts

    assert posts.set_index(models.TEXT)[models.URL].to_dict() == {
        "Varna povezava": "https://lipa.example/a",
        "Skripta namesto povezave": None,
        "Lokalna datoteka": None,
    }


def test_ids_without_a_post_id_column_are_stable_across_reads():
    first = read("quoted_newlines.csv").posts
    again = read("quoted_newlines.csv").posts

    assert first[models.POST_ID].tolist() == again[models.POST_ID].tolist()
    assert first[models.POST_ID].is_unique


def test_missing_file_names_the_feed(tmp_path):
    feed = csv_feed("missing.csv")

    with pytest.raises(FeedError, match="file not found; check `path:` of feed 'Lipa Facebook'"):
        read_csv_export(feed, "Europe/Ljubljana")


def test_frame_has_exactly_the_post_columns():
    posts = read("meta_export.csv", META, date_format="%m/%d/%Y %H:%M").posts

    assert tuple(posts.columns) == models.POST_COLUMNS
    assert set(posts[models.FEED_ID]) == {"lipa-facebook"}


def test_chunked_reading_gives_the_same_posts_warnings_and_counts(tmp_path):
    rows = ["Post ID,Datum,Opis,Likes"]
    for i in range(60):
        date = "ne vem" if i % 7 == 3 else f"2024-07-{1 + i % 28:02d} 10:{i % 60:02d}"
        text = "" if i % 11 == 5 else f'"Objava {i}, z vejico\nin novo vrstico"'
        rows.append(f"p{i % 45},{date},{text},{i}")  # ids repeat: duplicates across chunks
    path = tmp_path / "export.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    feed = FeedConfig(
        feed_id="lipa-facebook", name="Lipa Facebook", brand="Lipa Mobil", kind="csv", channel="facebook",
        path=path, columns=(("post_id", "Post ID"), ("published", "Datum"), ("text", "Opis"), ("likes", "Likes")),
    )  # fmt: skip

    whole = read_csv_export(feed, "Europe/Ljubljana", chunksize=1_000_000)
    chunked = read_csv_export(feed, "Europe/Ljubljana", chunksize=4)

    pd.testing.assert_frame_equal(chunked.posts, whole.posts)
    assert (chunked.warnings, chunked.n_skipped) == (whole.warnings, whole.n_skipped)
    assert whole.n_skipped > 0 and len(whole.warnings) == 3  # bad dates, empty text, duplicates
    assert "first at row 5" in whole.warnings[0]


def test_a_header_only_file_still_checks_the_mapping(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("Datum,Besedilo\n", encoding="utf-8")
    feed = FeedConfig(
        feed_id="x", name="X", brand="B", kind="csv", channel="facebook", path=path,
        columns=(("published", "Datum"), ("text", "Opis")),
    )  # fmt: skip

    with pytest.raises(FeedError, match="column 'Opis' \\(mapped to text\\) is not in the file"):
        read_csv_export(feed, "Europe/Ljubljana", chunksize=2)


BAD_METRICS = {"post_id": "id", "published": "Datum", "text": "Opis", "likes": "Likes", "shares": "Shares", "views": "Views"}  # fmt: skip


def test_unusable_metric_cells_are_left_empty_and_valid_rows_kept():
    posts = read("bad_metrics.csv", BAD_METRICS).posts.set_index(models.GUID)

    assert posts.index.tolist() == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert posts.loc["1", [models.LIKES, models.SHARES, models.VIEWS]].tolist() == [12, 3, 1500]
    assert posts[models.LIKES].isna().tolist() == [False, True, True, True, True, True, True, False]
    assert posts.loc["8", models.LIKES] == 10**15  # the ceiling itself is still a count
    assert pd.isna(posts.loc["8", models.SHARES])  # one past it is not
    assert str(posts[models.LIKES].dtype) == "Int64"


def test_negative_metric_is_left_empty_and_warned():
    read_ = read("bad_metrics.csv", BAD_METRICS)

    assert pd.isna(read_.posts.set_index(models.GUID).loc["6", models.SHARES])
    assert "first at row 7: '-5'" in read_.warnings[1]


def test_unusable_metric_cells_are_counted_per_column_with_the_fix():
    read_ = read("bad_metrics.csv", BAD_METRICS)

    assert read_.n_skipped == 0
    assert read_.warnings == [
        "6 cells in column 'Likes' left empty: not a count from 0 to 10**15 "
        "(first at row 3: 'inf'; also '1e19', '99999999999999999999'); correct them in the export",
        "2 cells in column 'Shares' left empty: not a count from 0 to 10**15 "
        "(first at row 7: '-5'; also '1000000000000001'); correct them in the export",
    ]  # Views: '' and a lone '-' are the export's way of saying "no value", not errors


def test_unusable_metric_warnings_are_the_same_when_read_in_chunks():
    whole = read("bad_metrics.csv", BAD_METRICS)
    chunked = read_csv_export(csv_feed("bad_metrics.csv", BAD_METRICS), "Europe/Ljubljana", chunksize=3)

    pd.testing.assert_frame_equal(chunked.posts, whole.posts)
    assert chunked.warnings == whole.warnings


def test_a_file_that_is_no_csv_export_is_never_echoed_in_the_error(tmp_path):
    secret = tmp_path / "environ"
    secret.write_bytes(b"API_TOKEN=hunter2\x00HOME=/root\x00PATH=/usr/bin\x00")
    feed = csv_feed("unused.csv")
    with pytest.raises(FeedError) as caught:
        read_csv_export(FeedConfig(**{**feed.__dict__, "path": secret}), "Europe/Ljubljana")
    assert "hunter2" not in str(caught.value) and "API_TOKEN" not in str(caught.value)
    assert "not a row of column names" in str(caught.value)
