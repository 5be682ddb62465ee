"""CSV snapshots: spreadsheet-safe cells, UTF-8 with BOM, atomic writes, a manifest."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from monitor import models
from monitor.output import csv_files as export_module
from monitor.output.csv_files import (
    FILE_WORDS_BYTES,
    csv_bytes,
    flag_posts_stem,
    iso_utc,
    neutralise_cell,
    posts_for_export,
    spreadsheet_safe,
    topic_file_stem,
    with_topic,
    write_csv,
    write_snapshot,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("https://evil.example")', '\'=HYPERLINK("https://evil.example")'),
        ("+386 1 234 5678", "'+386 1 234 5678"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
    ],
)
def test_formula_starts_are_prefixed_with_an_apostrophe(value, expected):
    assert neutralise_cell(value) == expected


@pytest.mark.parametrize(
    "value", ["", "Poletna akcija", "a=b", "9,99 €", "'=already quoted", 5, -3, 2.5, None]
)
def test_other_values_are_left_alone(value):
    assert neutralise_cell(value) == value


def test_spreadsheet_safe_touches_text_columns_only_and_copies():
    frame = pd.DataFrame({"text": ["=cmd", "ok"], "likes": [-1, 2]})

    safe = spreadsheet_safe(frame)

    assert safe["text"].tolist() == ["'=cmd", "ok"]
    assert safe["likes"].tolist() == [-1, 2]
    assert frame["text"].tolist() == ["=cmd", "ok"]


FORMULA_CELLS = ["=1+1", "+386 1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "a=b", "'=quoted", "", None]


@pytest.mark.parametrize("dtype", [object, "str", "category"])
def test_spreadsheet_safe_neutralises_each_kind_of_text_column_as_each_cell_alone(dtype):
    cells = pd.Series(FORMULA_CELLS, dtype=dtype)
    mixed = pd.Series(["=x", -5, 2.5, "-y", None] * 2, dtype=object)  # numbers pass as they are

    safe = spreadsheet_safe(pd.DataFrame({"text": cells, "mixed": mixed}))

    expected = [None if pd.isna(v) else neutralise_cell(v) for v in cells]
    assert [None if pd.isna(v) else v for v in safe["text"]] == expected
    assert safe["mixed"].tolist() == ["'=x", -5, 2.5, "'-y", None] * 2
    # Plain Python text: to_csv turned Arrow text back into it chunk by chunk (~1 µs a cell).
    assert safe["text"].dtype == object


def test_csv_bytes_have_a_bom_and_keep_slovenian_letters():
    data = csv_bytes(pd.DataFrame({"text": ["Čestitke šampionom – žal", "=1+1"]}))

    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["text", "Čestitke šampionom – žal", "'=1+1"]


def test_posts_for_export_writes_iso_utc_times():
    posts = models.posts_frame(
        [
            {models.POST_ID: "1", models.PUBLISHED_AT: "2024-07-02T14:05:00+02:00"},
            {models.POST_ID: "2", models.PUBLISHED_AT: None},
        ]
    )

    frame = posts_for_export(posts)

    assert frame.columns[0] == models.PUBLISHED_AT
    assert frame[models.PUBLISHED_AT].iloc[0] == "2024-07-02T12:05:00Z"
    assert pd.isna(frame[models.PUBLISHED_AT].iloc[1])


def test_posts_for_export_names_the_group_of_posts_without_a_topic():
    posts = models.posts_frame([{models.POST_ID: p} for p in ("fits", "no-topic", "unassigned")])
    posts[models.TOPIC_ID] = pd.array([3, None, None], dtype="Int64")
    # NO_TOPIC and a post not assigned yet both reach the frame as a missing id and label.
    posts[models.TOPIC_LABEL] = ["omrežje · 5g", None, float("nan")]

    labels = posts_for_export(posts)[models.TOPIC_LABEL].tolist()

    assert labels == ["omrežje · 5g", models.OTHER_LABEL, models.OTHER_LABEL]


def test_iso_utc_text_is_what_strftime_writes_for_any_time():
    times = pd.Series(
        pd.to_datetime(
            ["2024-07-02T14:05:59.999999+02:00", None, "1969-12-31T23:59:59.5Z", "2024-03-31T01:30:00Z"],
            utc=True,
            format="ISO8601",
        )
    ).dt.tz_convert("Europe/Ljubljana")

    expected = times.dt.tz_convert("UTC").dt.strftime("%Y-%m-%dT%H:%M:%SZ").tolist()

    assert [None if pd.isna(t) else t for t in expected] == iso_utc(times).tolist()
    assert iso_utc(times).tolist()[0] == "2024-07-02T12:05:59Z"


def test_write_snapshot_writes_tables_and_manifest(tmp_path):
    tables = {"posts": pd.DataFrame({"text": ["a", "b"]}), "topics": pd.DataFrame({"n": [1]})}

    written = write_snapshot(tables, tmp_path / "out", {"since": "2024-07-01", "brands": "all"})

    assert written == [tmp_path / "out" / name for name in ("posts.csv", "topics.csv", "manifest.json")]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["filters"] == {"since": "2024-07-01", "brands": "all"}
    assert manifest["tables"] == {
        "posts": {"file": "posts.csv", "rows": 2},
        "topics": {"file": "topics.csv", "rows": 1},
    }
    assert manifest["exported_at"].endswith("Z")


def test_write_snapshot_leaves_no_temporary_files(tmp_path):
    write_snapshot({"posts": pd.DataFrame({"text": ["a"]})}, tmp_path, {})
    write_snapshot({"posts": pd.DataFrame({"text": ["b"]})}, tmp_path, {})  # over the old one

    assert sorted(path.name for path in tmp_path.iterdir()) == ["manifest.json", "posts.csv"]
    assert (tmp_path / "posts.csv").read_text(encoding="utf-8-sig").splitlines() == ["text", "b"]


def test_a_failed_write_keeps_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    write_snapshot({"posts": pd.DataFrame({"text": ["old"]})}, tmp_path, {})

    def fail(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(export_module.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_snapshot({"posts": pd.DataFrame({"text": ["new"]})}, tmp_path, {})

    assert sorted(path.name for path in tmp_path.iterdir()) == ["manifest.json", "posts.csv"]
    assert (tmp_path / "posts.csv").read_text(encoding="utf-8-sig").splitlines() == ["text", "old"]


def test_write_csv_streams_the_same_bytes_as_a_download(tmp_path):
    frame = pd.DataFrame(
        {
            "text": ["Čaš žep", "=1+1", "line\rbreak", "two\nlines", None, 'say "hi"'],
            "likes": pd.array([1, None, 3, 4, 5, 6], dtype="Int64"),
        }
    )
    write_csv(frame, tmp_path / "posts.csv")
    assert (tmp_path / "posts.csv").read_bytes() == csv_bytes(frame)


def test_a_write_that_fails_halfway_keeps_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    write_csv(pd.DataFrame({"text": ["old"]}), tmp_path / "posts.csv")

    class HalfWritten:
        def to_csv(self, file, **_options):
            file.write("text\r\nne")
            raise MemoryError("out of memory")

    monkeypatch.setattr(export_module, "spreadsheet_safe", lambda frame: HalfWritten())
    with pytest.raises(MemoryError):
        write_csv(pd.DataFrame({"text": ["new"]}), tmp_path / "posts.csv")

    assert [path.name for path in tmp_path.iterdir()] == ["posts.csv"]
    assert (tmp_path / "posts.csv").read_text(encoding="utf-8-sig").splitlines() == ["text", "old"]


# --- downloads of one topic ----------------------------------------------------------------

UNSAFE_IN_FILE_NAMES = set('/\\:*?"<>|')


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("eSIM roaming", "posts-topic-12-esim-roaming"),
        ("eSIM / roaming: *abroad*?", "posts-topic-12-esim-roaming-abroad"),
        ('..\\..\\etc/passwd <x> | "y"', "posts-topic-12-etc-passwd-x-y"),
        ("\u202egpj.exe", "posts-topic-12-gpj-exe"),  # a right-to-left override would show it reversed
        ("line\nbreak\x00tab\tend\x7f", "posts-topic-12-line-break-tab-end"),
        ("Gostovanje čez mejo", "posts-topic-12-gostovanje-čez-mejo"),
        ("ＣＯＮ／ａｕｘ", "posts-topic-12-con-aux"),  # full-width letters and slash, as NFKC reads them
        ("", "posts-topic-12"),
        ("  -- ?? --  ", "posts-topic-12"),
        (None, "posts-topic-12"),
    ],
)
def test_a_topic_download_is_named_after_its_topic_in_words_every_file_system_takes(name, expected):
    assert topic_file_stem(12, name) == expected


def test_a_ten_thousand_character_topic_name_is_cut_to_a_file_name_that_fits():
    for letter in ("a", "ž", "字", "😀a"):
        stem = topic_file_stem(7, letter * 10_000, "weekly")
        assert stem.startswith(f"weekly-topic-7-{letter[-1]}")
        assert len(stem.encode()) <= len("weekly-topic-7-") + FILE_WORDS_BYTES
        assert len(f"{stem}.png".encode()) <= 255
        assert not stem.endswith("-")


def test_no_topic_name_makes_a_file_name_with_a_forbidden_or_invisible_character():
    hostile = "".join(map(chr, range(0, 0x3000))) + "\u202e\u2066\u200b\ufeff" + '/\\:*?"<>|'
    stem = topic_file_stem(3, hostile, "posts", hostile)
    assert not UNSAFE_IN_FILE_NAMES & set(stem)
    assert all(character.isalnum() or character == "-" for character in stem), stem
    assert len(stem.encode()) <= 255 - len(".csv")


def test_a_flag_s_sample_posts_are_named_after_its_topic_and_brand():
    flag = {models.TOPIC_ID: 4, models.TOPIC_LABEL: "5G / coverage", models.BRAND: "Lipa Mobil"}
    assert flag_posts_stem(flag) == "posts-topic-4-5g-coverage-lipa-mobil"
    assert flag_posts_stem({**flag, models.BRAND: None}) == "posts-topic-4-5g-coverage"
    assert (
        flag_posts_stem({**flag, models.TOPIC_ID: float("nan"), models.TOPIC_LABEL: None})
        == "posts-lipa-mobil"
    )


def test_a_topic_s_chart_rows_carry_its_id_and_name_first():
    weekly = pd.DataFrame(
        {"week_start": pd.to_datetime(["2025-03-03"]), "brand": ["Lipa Mobil"], "n_posts": [3]}
    )
    rows = with_topic(weekly, 12, "=eSIM roaming")
    assert list(rows.columns) == ["topic_id", "topic_label", "week_start", "brand", "n_posts"]
    assert rows[["topic_id", "topic_label"]].values.tolist() == [[12, "=eSIM roaming"]]
    assert list(weekly.columns) == ["week_start", "brand", "n_posts"]  # the chart's own rows unchanged
    assert csv_bytes(rows).decode("utf-8-sig").splitlines()[1].startswith("12,'=eSIM roaming,2025-03-03")
