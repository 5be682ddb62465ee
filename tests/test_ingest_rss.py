"""RSS/Atom bytes -> posts: one fixture file per behaviour under tests/data/rss/."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitor import models
from monitor.config.settings import FeedConfig
from monitor.errors import FeedError
from monitor.ingest.clean import html_to_text, post_id
from monitor.ingest.rss import UPDATED_AT, check_regular_file, parse_feed_bytes, read_feed_file

RSS = Path(__file__).parent / "data" / "rss"


def parse(name: str, feed_id: str = "lipa-blog") -> tuple[pd.DataFrame, list[str]]:
    return parse_feed_bytes((RSS / name).read_bytes(), feed_id)


def utc(*args: int) -> pd.Timestamp:
    return pd.Timestamp(datetime(*args, tzinfo=UTC))


def test_html_summary_becomes_plain_text_with_paragraphs():
    posts, warnings = parse("html_summary.xml")

    post = posts.iloc[0]
    assert post[models.TEXT] == (
        'Prvi odstavek: neomejeni prenos podatkov za 9,99 €.\n\nDrugi odstavek – "brez vezave".'
    )
    assert post[models.TITLE] == "Nova tarifa & darilo"
    assert warnings == []


def test_script_style_and_noscript_content_is_dropped():
    posts, _ = parse("script_payloads.xml")

    assert posts[models.TEXT].tolist() == ["Vidno besedilo.", "Druga objava brez povezave."]


@pytest.mark.parametrize("guid", ["konkurent-1", "konkurent-2"], ids=["javascript", "data"])
def test_non_http_links_are_dropped(guid):
    posts, _ = parse("script_payloads.xml")

    post = posts.set_index(models.GUID).loc[guid]
    assert post[models.URL] is None


def test_rfc822_dates_with_offsets_become_aware_utc():
    posts, _ = parse("rfc822_offsets.xml")

    assert isinstance(posts[models.PUBLISHED_AT].dtype, pd.DatetimeTZDtype)
    assert str(posts[models.PUBLISHED_AT].dt.tz) == "UTC"
    assert posts[models.PUBLISHED_AT].tolist() == [
        utc(2024, 7, 2, 12, 5),  # 14:05 +0200
        utc(2025, 1, 1, 3, 30),  # 22:30 -0500 on New Year's Eve
        utc(2024, 1, 6, 0, 0),
    ]


def test_atom_rfc3339_published_date_author_and_content():
    posts, warnings = parse("atom_basic.xml")

    post = posts.iloc[0]
    assert post[models.PUBLISHED_AT] == utc(2024, 7, 2, 7, 30)  # `published`, not `updated`
    assert post[models.AUTHOR] == "Press Office"
    assert post[models.URL] == "https://konkurent.example/news/5g-maribor"
    assert post[models.TEXT] == "The new network covers the whole city."
    assert warnings == []


def test_missing_date_stays_missing_and_warns():
    posts, warnings = parse("no_dates.xml")

    dates = posts.set_index(models.URL)[models.PUBLISHED_AT]
    assert pd.isna(dates["https://nodate.example/1"])  # never "now"
    assert dates["https://nodate.example/2"] == utc(2024, 7, 3, 10, 0)
    assert warnings == ["1 posts have no date and are kept undated"]


def test_guid_falls_back_to_link_then_to_a_hash():
    posts, _ = parse("guid_missing_link_fallback.xml")

    guids = posts[models.GUID].tolist()
    assert guids[0] == "tag:fallback.example,2024:1"
    assert guids[1] == "https://fallback.example/link-only"
    assert guids[2].startswith("hash:")
    assert posts[models.POST_ID].is_unique


def test_ids_are_stable_across_parses_and_depend_on_the_feed():
    first, _ = parse("guid_missing_link_fallback.xml")
    again, _ = parse("guid_missing_link_fallback.xml")
    other_feed, _ = parse("guid_missing_link_fallback.xml", feed_id="konkurent-blog")

    assert first[models.GUID].tolist() == again[models.GUID].tolist()
    assert first[models.POST_ID].tolist() == again[models.POST_ID].tolist()
    assert set(first[models.POST_ID]).isdisjoint(other_feed[models.POST_ID])


def test_bozo_feed_with_entries_is_read_with_a_warning():
    posts, warnings = parse("bozo_with_entries.xml")

    assert posts[models.TITLE].tolist() == ["Cene & ponudbe"]
    assert len(warnings) == 1
    assert warnings[0].startswith("feed has errors but was read: ")
    assert "not well-formed" in warnings[0]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param((RSS / "not_a_feed.html").read_bytes(), id="html page"),
        pytest.param(b"", id="empty"),
        pytest.param(b"\x00\x01 binary junk", id="junk"),
        pytest.param(b'{"items": [{"title": "json"}]}', id="json"),
    ],
)
def test_a_document_that_is_not_a_feed_is_a_feed_error(content):
    with pytest.raises(FeedError, match="RSS/Atom"):
        parse_feed_bytes(content, "lipa-blog")


def test_language_is_detected_per_post():
    posts, _ = parse("languages.xml")

    assert posts.set_index(models.GUID)[models.LANGUAGE].to_dict() == {
        "lang-sl": "sl",
        "lang-en": "en",
    }


def test_whitespace_before_the_xml_declaration_is_accepted():
    posts, warnings = parse("leading_whitespace.xml")

    assert posts[models.TITLE].tolist() == ["First"]
    assert warnings == []  # read as a clean feed, not as a damaged one


def test_duplicate_guids_in_one_feed_are_counted_once():
    posts, _ = parse("duplicate_guids.xml")

    assert posts[models.GUID].tolist() == ["dup-1", "dup-2"]
    assert posts[models.TITLE].tolist() == ["Original", "Other"]  # the first copy is kept


def test_frame_has_exactly_the_post_columns():
    posts, _ = parse("atom_basic.xml")

    # and the entry's edit time, which save_fetch reads and does not store
    assert tuple(posts.columns) == (*models.POST_COLUMNS, UPDATED_AT)
    assert posts[models.FEED_ID].tolist() == ["lipa-blog"]
    assert posts[UPDATED_AT].tolist() == [utc(2024, 7, 3, 10, 0)]


# --- the helpers behind the parser --------------------------------------------------------


@given(st.text(alphabet=st.characters(blacklist_characters="<>&", blacklist_categories=("Cs",))))
def test_text_without_markup_survives_a_paragraph_wrapper(text):
    assert html_to_text(f"<p>{text}</p>") == html_to_text(text)


@given(st.text(max_size=40), st.text(max_size=40), st.text(max_size=40))
def test_post_id_is_stable_and_separates_feeds(feed_a, feed_b, guid):
    assert post_id(feed_a, guid) == post_id(feed_a, guid)
    if feed_a != feed_b:
        assert post_id(feed_a, guid) != post_id(feed_b, guid)


def _rss(items: list[tuple[str, str]]) -> bytes:
    """An RSS 2.0 document whose items are (guid, title)."""
    body = "".join(f"<item><guid>{guid}</guid><title>{title}</title></item>" for guid, title in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{body}</channel></rss>'.encode()


def test_entries_repeating_a_guid_are_counted_in_a_warning():
    posts, warnings = parse_feed_bytes(_rss([("same", f"Objava {i}") for i in range(50)]), "lipa-blog")
    assert posts[models.TITLE].tolist() == ["Objava 0"]
    assert any(w.startswith("49 entries repeat the GUID of an earlier entry") for w in warnings), warnings


# --- entries edited after they were stored ------------------------------------------------------

BLOG = FeedConfig(
    feed_id="lipa-blog", name="Lipa blog", brand="Lipa Mobil", kind="rss", channel="blog",
    url="https://lipa.example/feed.xml",
)  # fmt: skip


def _atom(title: str, updated: str) -> bytes:
    """An Atom document of one entry (always the same id) with this title and edit time."""
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Lipa</title><id>urn:lipa</id><updated>{updated}</updated><entry><title>{title}</title>"
        '<id>urn:lipa:1</id><link href="https://lipa.example/1"/><published>2024-07-02T09:30:00Z</published>'
        f'<updated>{updated}</updated><content type="html">&lt;p&gt;{title}: besedilo.&lt;/p&gt;</content>'
        "</entry></feed>"
    ).encode()


def test_an_entry_edited_after_it_was_stored_is_stored_with_its_new_words(store):
    store.sync_feeds([BLOG])
    started = datetime.now(UTC)
    first, _ = parse_feed_bytes(_atom("Nova tarifa", "2024-07-02T09:30:00Z"), "lipa-blog")
    store.save_fetch("lipa-blog", first, started_at=started, status="ok")
    stored_at = store.load_posts()[models.FETCHED_AT].iloc[0]
    edited_at = (stored_at + timedelta(seconds=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    edited, _ = parse_feed_bytes(_atom("Nova tarifa (popravek)", edited_at), "lipa-blog")

    store.save_fetch("lipa-blog", edited, started_at=started, status="ok")

    (post,) = store.load_posts().to_dict("records")
    assert (post[models.TITLE], post[models.TEXT]) == (
        "Nova tarifa (popravek)",
        "Nova tarifa (popravek): besedilo.",
    )
    assert post[models.POST_ID] == first[models.POST_ID].iloc[0]
    assert (post[models.PUBLISHED_AT], post[models.FETCHED_AT]) == (utc(2024, 7, 2, 9, 30), stored_at)


# --- dates and text that are read but not as written ------------------------------------------


def _dated_rss(dates: list[str]) -> bytes:
    body = "".join(
        f"<item><guid>{i}</guid><title>Objava {i}</title><pubDate>{d}</pubDate></item>"
        for i, d in enumerate(dates)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{body}</channel></rss>'.encode()


def test_dates_without_a_time_of_day_are_counted():
    posts, warnings = parse_feed_bytes(
        _dated_rss(["Tue, 02 Jul 2024", "Wed, 03 Jul 2024", "Wed, 03 Jul 2024 10:00:00 +0200"]), "lipa-blog"
    )

    assert posts[models.PUBLISHED_AT].iloc[0] == utc(2024, 7, 2)
    assert warnings == [
        "2 posts have a date without a time of day (e.g. 'Tue, 02 Jul 2024'); they are placed at 00:00 UTC"
    ]


def test_each_entry_records_whether_its_date_has_a_time_of_day():
    posts, _warnings = parse_feed_bytes(
        _dated_rss(["Tue, 02 Jul 2024", "Wed, 03 Jul 2024 10:00:00 +0200", ""]), "lipa-blog"
    )

    assert posts[models.DATE_ONLY].tolist() == [True, False, False]  # the undated one: no date at all


def test_utf8_read_as_cp1252_is_warned():
    misread = "Jubilé – 5 €".encode().decode("cp1252")  # what a CMS encoding twice publishes
    posts, warnings = parse_feed_bytes(_rss([("a", misread), ("b", "Jubilé – 5 €")]), "lipa-blog")

    assert posts[models.TITLE].tolist() == ["JubilÃ© â€“ 5 â‚¬", "Jubilé – 5 €"]
    assert warnings[-1] == (
        "1 posts look like UTF-8 read as cp1252 (e.g. 'JubilÃ©' is 'Jubilé'); the feed declares the "
        "wrong charset or encodes its text twice, which only its publisher can fix"
    )


def test_paths_in_file_messages_are_normalised(tmp_path):
    (tmp_path / "feeds").mkdir()

    with pytest.raises(FeedError) as missing:
        read_feed_file(tmp_path / "feeds" / ".." / "gone.xml", 1000)
    with pytest.raises(FeedError) as folder:
        check_regular_file(tmp_path / "x" / ".." / "feeds")

    assert str(missing.value).startswith(f"{tmp_path.resolve() / 'gone.xml'}: file not found")
    assert str(folder.value).startswith(f"{tmp_path.resolve() / 'feeds'}: is a directory")
