"""The command line: exit codes, the status table, exports, and the env defaults."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from monitor import models
from monitor.cli import main
from monitor.store.database import open_store
from tests.paths import DATA, ROOT
from tests.postgres import naming

FEEDS = f"""\
settings:
  database: data/monitor.db
  timezone: Europe/Ljubljana
brands:
  - name: Lipa Mobil
    own: true
    feeds:
      - name: Lipa blog
        kind: rss
        path: {DATA / "rss" / "html_summary.xml"}
      - name: Lipa Facebook
        kind: csv
        channel: facebook
        path: {DATA / "csv" / "formula_cell.csv"}
        columns:
          text: Opis
          published: Datum
  - name: Konkurent
    feeds:
      - name: Konkurent novice
        kind: rss
        channel: newsroom
        path: {DATA / "rss" / "atom_basic.xml"}
      - name: Konkurent Instagram
        kind: csv
        channel: instagram
        path: {DATA / "csv" / "local_day_boundaries.csv"}
        columns:
          text: Opis
          published: Datum
"""
MISSING_FEED = """\
      - name: Konkurent blog
        kind: rss
        path: missing.xml
"""


FEED_NAMES = ("Lipa blog", "Konkurent blog", "Konkurent Instagram")


@pytest.fixture
def config(write_config, database_url) -> Path:
    return write_config(naming(FEEDS, database_url))


@pytest.fixture
def config_with_a_missing_feed(write_config, database_url) -> Path:
    return write_config(naming(FEEDS + MISSING_FEED, database_url))


@pytest.fixture
def stored_in(database_url, tmp_path) -> str:
    """The database the configs here name: data/monitor.db beside them, or on PostgreSQL the test's."""
    return (
        f"sqlite:///{tmp_path / 'data' / 'monitor.db'}" if database_url.startswith("sqlite") else database_url
    )


def count_posts(url: str) -> int:
    store = open_store(url)
    try:
        return store.count_posts()
    finally:
        store.close()


@pytest.fixture
def fetched(config, capsys) -> Path:
    assert main(["fetch", "--config", str(config), "--quiet"]) == 0
    capsys.readouterr()
    return config


def export(config: Path, output: Path, *args: str) -> pd.DataFrame:
    assert main(["export", "--config", str(config), "--output", str(output), *args]) == 0
    return pd.read_csv(output / "posts.csv", encoding="utf-8-sig", keep_default_na=False)


# --- fetch ---------------------------------------------------------------------------------


def test_fetch_exits_0_when_every_feed_is_ok(config, stored_in, capsys):
    code = main(["fetch", "--config", str(config)])

    out, err = capsys.readouterr()
    assert code == 0
    assert "4 feeds: 4 ok, 0 failed; 7 new posts" in out.splitlines()
    assert "[4/4]" in err
    assert count_posts(stored_in) == 7


def test_fetch_exits_1_when_a_feed_fails_and_stores_the_others(config_with_a_missing_feed, stored_in, capsys):
    code = main(["fetch", "--config", str(config_with_a_missing_feed)])

    out, err = capsys.readouterr()
    assert code == 1
    assert "5 feeds: 4 ok, 1 failed; 7 new posts" in out.splitlines()
    assert "Konkurent blog: ERROR " in err
    assert "file not found" in err
    assert count_posts(stored_in) == 7


def test_fetch_twice_reports_no_new_posts(fetched, capsys):
    assert main(["fetch", "--config", str(fetched)]) == 0

    assert "4 feeds: 4 ok, 0 failed; 0 new posts" in capsys.readouterr().out.splitlines()


def test_fetch_only_the_named_feed(config, capsys):
    assert main(["fetch", "--config", str(config), "--feed", "lipa blog"]) == 0

    assert "1 feeds: 1 ok, 0 failed; 1 new posts" in capsys.readouterr().out.splitlines()


def test_fetch_an_unknown_feed_name_is_a_config_error(config, capsys):
    assert main(["fetch", "--config", str(config), "--feed", "Lipa blgo"]) == 2

    err = capsys.readouterr().err
    assert "no feed named 'Lipa blgo'" in err
    assert "Lipa blog" in err


def test_invalid_config_exits_2_with_the_message_on_stderr(write_config, capsys):
    path = write_config(FEEDS.replace("kind: rss", "kind: rsss", 1))

    code = main(["fetch", "--config", str(path)])

    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.startswith(f"error: {path}, line 9: brands[0].feeds[0].kind: ")
    assert "did you mean `rss`" in err
    assert len(err.strip().splitlines()) == 1


def test_missing_config_exits_2(tmp_path, capsys):
    assert main(["status", "--config", str(tmp_path / "none.yaml")]) == 2

    assert "file not found" in capsys.readouterr().err


# --- help ----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["fetch", "status", "export"])
def test_help_works_on_every_command(command, capsys):
    with pytest.raises(SystemExit) as caught:
        main([command, "--help"])

    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: python -m monitor {command}")
    assert "--config" in out and "--db" in out


def test_python_m_monitor_help_runs_as_a_program():
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}

    completed = subprocess.run(
        [sys.executable, "-m", "monitor", "--help"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip

    assert completed.returncode == 0, completed.stderr
    assert all(command in completed.stdout for command in ("fetch", "status", "export"))


# --- status --------------------------------------------------------------------------------


def test_status_before_any_fetch_says_never(config, capsys):
    assert main(["status", "--config", str(config)]) == 0

    out = capsys.readouterr().out
    rows = out.splitlines()[2:]  # after the database and the header
    assert len(rows) == 4
    assert all(re.search(r"\bnever\s+0\s+0\s+never\s+never\s*$", row) for row in rows), out


def test_status_shows_last_success_error_and_posts(config_with_a_missing_feed, capsys):
    main(["fetch", "--config", str(config_with_a_missing_feed), "--quiet"])
    capsys.readouterr()

    assert main(["status", "--config", str(config_with_a_missing_feed)]) == 0

    lines = capsys.readouterr().out.splitlines()[1:]  # after the database line
    assert lines[0].split()[:6] == ["feed", "brand", "channel", "status", "posts", "undated"]
    assert "last success" in lines[0] and "last error" in lines[0]
    row = {name: next(line for line in lines if line.lstrip().startswith(f"{name} ")) for name in FEED_NAMES}
    when = r"\d{4}-\d\d-\d\d \d\d:\d\d"
    assert re.search(rf"\berror\s+0\s+0\s+never\s+{when}\s+/\S*", row["Konkurent blog"])
    assert re.search(rf"\bok\s+1\s+0\s+{when}\s+{when}\s*$", row["Lipa blog"])
    assert re.search(rf"\bok\s+4\s+0\s+{when}\s+{when}\s*$", row["Konkurent Instagram"])


def test_status_shows_the_reason_of_an_error_after_a_long_path(config_with_a_missing_feed, capsys):
    main(["fetch", "--config", str(config_with_a_missing_feed), "--quiet"])
    capsys.readouterr()

    main(["status", "--config", str(config_with_a_missing_feed)])

    assert "file not found" in capsys.readouterr().out


# --- export --------------------------------------------------------------------------------


def test_export_writes_bom_csv_with_slovenian_letters(fetched, tmp_path, capsys):
    out_dir = tmp_path / "izvoz"

    posts = export(fetched, out_dir)

    raw = (out_dir / "posts.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "Pol ure po polnoči drugega julija" in raw.decode("utf-8-sig")
    assert "9,99 €" in raw.decode("utf-8-sig")
    assert len(posts) == 7
    assert posts.columns[0] == "published_at"
    assert "2024-07-02T12:05:00Z" in set(posts["published_at"])
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == str(out_dir / "posts.csv") and printed[-1] == str(out_dir / "manifest.json")
    expected = {
        "topics",
        "volume_topic_brand_week",
        "flags",
        "differentiation",
        "coverage",
        "distinctive_terms",
    }
    assert expected <= {Path(line).stem for line in printed}
    for line in printed[:-1]:
        assert Path(line).read_bytes().startswith(b"\xef\xbb\xbf")


def test_export_manifest_records_filters_and_time(fetched, tmp_path):
    export(fetched, tmp_path / "out", "--since", "2024-07-02", "--brand", "Konkurent")

    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", manifest["exported_at"])
    assert manifest["filters"]["since"] == "2024-07-02"
    assert manifest["filters"]["until"] is None
    assert manifest["filters"]["brands"] == ["Konkurent"]
    assert manifest["filters"]["channels"] == "all"
    assert manifest["filters"]["timezone"] == "Europe/Ljubljana"
    assert manifest["tables"]["posts"] == {"file": "posts.csv", "rows": 4}


def test_export_since_and_until_are_local_days_inclusive(fetched, tmp_path):
    posts = export(fetched, tmp_path / "out", "--since", "2024-07-02", "--until", "2024-07-02")

    assert set(posts["text"]) == {
        "Pol ure po polnoči drugega julija",  # 00:30 local, 22:30 UTC the day before
        "Pozno zvečer drugega julija",  # 23:30 local
        "The new network covers the whole city.",
        'Prvi odstavek: neomejeni prenos podatkov za 9,99 €.\n\nDrugi odstavek – "brez vezave".',
    }


def test_export_brand_and_channel_narrow_the_rows(fetched, tmp_path):
    by_brand = export(fetched, tmp_path / "a", "--brand", "Konkurent")
    by_channel = export(fetched, tmp_path / "b", "--channel", "newsroom", "--channel", "facebook")

    assert set(by_brand["brand"]) == {"Konkurent"} and len(by_brand) == 5
    assert set(by_channel["channel"]) == {"newsroom", "facebook"} and len(by_channel) == 2


def test_export_neutralises_a_formula_cell(fetched, tmp_path):
    export(fetched, tmp_path / "out", "--channel", "facebook")

    with (tmp_path / "out" / "posts.csv").open(encoding="utf-8-sig", newline="") as file:
        row = next(csv.DictReader(file))
    assert row["text"] == '\'=HYPERLINK("https://evil.example","klik")'


def test_export_rejects_a_bad_date(config, tmp_path, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["export", "--config", str(config), "-o", str(tmp_path), "--since", "2.7.2024"])

    assert caught.value.code == 2
    assert "'2.7.2024' is not a date; write YYYY-MM-DD" in capsys.readouterr().err


# --- env defaults (which SQLite file is meant) ----------------------------------------------


@pytest.mark.sqlite_only
def test_monitor_config_and_monitor_db_are_the_defaults(config, tmp_path, monkeypatch, capsys):
    database = tmp_path / "from-env.db"
    monkeypatch.setenv("MONITOR_CONFIG", str(config))
    monkeypatch.setenv("MONITOR_DB", str(database))

    assert main(["fetch", "--quiet"]) == 0
    assert main(["status"]) == 0

    assert database.exists()
    assert not (tmp_path / "data" / "monitor.db").exists()
    assert "Lipa blog" in capsys.readouterr().out


@pytest.mark.sqlite_only
def test_status_first_says_which_database_it_reads(config, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["status", "--config", str(config)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Database: data/monitor.db"

    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # outside the current folder: the whole path
    assert main(["status", "--config", str(config)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"Database: {tmp_path / 'data' / 'monitor.db'}"


@pytest.mark.sqlite_only
def test_status_says_when_monitor_db_overrides_the_config_files_database(
    config, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("MONITOR_DB", str(tmp_path / "other.db"))

    assert main(["status", "--config", str(config)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first == f"Database: {tmp_path / 'other.db'} (from MONITOR_DB; {config} names data/monitor.db)"

    assert main(["status", "--config", str(config), "--db", str(tmp_path / "opt.db")]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"Database: {tmp_path / 'opt.db'}"  # typed: no note


def test_a_database_url_is_shown_with_its_password_hidden():
    from monitor.cli import _readable_database

    assert _readable_database("postgresql://monitor:s3cret@db.example/monitor") == (
        "postgresql://monitor:***@db.example/monitor"
    )


def test_fetch_quiet_prints_nothing_when_all_is_well(config, capsys):
    assert main(["fetch", "--config", str(config), "--quiet"]) == 0

    assert capsys.readouterr() == ("", "")


def test_fetch_quiet_prints_only_the_failed_feed(config_with_a_missing_feed, capsys):
    assert main(["fetch", "--config", str(config_with_a_missing_feed), "--quiet"]) == 1

    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert re.match(r"\[\d/5\] Konkurent blog: ERROR .*missing\.xml: file not found", err), err


@pytest.mark.sqlite_only
def test_db_option_beats_monitor_db(config, tmp_path, monkeypatch):
    monkeypatch.setenv("MONITOR_DB", str(tmp_path / "from-env.db"))

    assert main(["fetch", "--quiet", "--config", str(config), "--db", str(tmp_path / "opt.db")]) == 0

    assert (tmp_path / "opt.db").exists()
    assert not (tmp_path / "from-env.db").exists()


# --- dates outside reason ------------------------------------------------------------------

ODD_DATES = f"""\
settings:
  database: data/monitor.db
brands:
  - name: Lipa Mobil
    own: true
    feeds:
      - name: Lipa Facebook
        kind: csv
        channel: facebook
        path: {DATA / "csv" / "odd_dates.csv"}
        columns:
          text: Opis
          published: Datum
"""


def test_posts_dated_9999_0001_and_2206_are_kept_undated_and_nothing_fails(
    write_config, database_url, stored_in, tmp_path, capsys
):
    config = write_config(naming(ODD_DATES, database_url))
    assert main(["fetch", "--config", str(config), "--quiet"]) == 0
    assert main(["fetch", "--config", str(config), "--quiet"]) == 0  # assignment after a refit too
    posts = export(config, tmp_path / "out")
    assert len(posts) == 6  # kept
    dated = posts[posts["published_at"] != ""]["text"].tolist()
    assert sorted(dated) == sorted(
        ["Optika v Kranju je zdaj hitrejša", "Nov paket za gostovanje v tujini", "Paket televizije za šport"]
    )
    store = open_store(stored_in)
    assert store.load_feed_status()["n_odd_dates"].tolist() == [3]
    store.close()


def test_status_counts_the_posts_without_a_date_and_says_so(write_config, database_url, capsys):
    config = write_config(naming(ODD_DATES.replace("odd_dates.csv", "empty_date.csv"), database_url))
    main(["fetch", "--config", str(config), "--quiet", "--no-topics"])
    capsys.readouterr()

    assert main(["status", "--config", str(config)]) == 0

    out = capsys.readouterr().out
    assert re.search(r"\bok\s+2\s+1\s+\d{4}-", out), out  # 2 posts, 1 of them undated
    assert "1 post has no date we could read (see 'Undated')." in out


def test_posts_without_a_topic_export_as_the_named_group_not_blank(config, tmp_path, capsys):
    assert main(["fetch", "--config", str(config), "--quiet", "--no-topics"]) == 0  # none assigned

    posts = export(config, tmp_path / "out")

    assert len(posts) and (posts["topic_label"] == models.OTHER_LABEL).all()


# --- renamed and removed feeds and brands --------------------------------------------------


def test_a_renamed_brand_shows_in_export_at_once(fetched, database_url, tmp_path):
    fetched.write_text(
        naming(FEEDS.replace("name: Konkurent\n", "name: Tekmec\n"), database_url), encoding="utf-8"
    )

    everything = export(fetched, tmp_path / "a")
    by_new_name = export(fetched, tmp_path / "b", "--brand", "Tekmec")

    assert set(everything["brand"]) == {"Lipa Mobil", "Tekmec"}
    assert len(by_new_name) == 5


def test_a_renamed_feed_stores_no_doubles(fetched, database_url, stored_in, capsys):
    renamed = FEEDS.replace("name: Lipa blog", "name: Lipa Mobil blog")
    fetched.write_text(naming(renamed, database_url), encoding="utf-8")

    assert main(["fetch", "--config", str(fetched)]) == 0
    assert "4 feeds: 4 ok, 0 failed; 0 new posts" in capsys.readouterr().out.splitlines()
    assert main(["status", "--config", str(fetched)]) == 0

    out = capsys.readouterr().out
    assert "Lipa Mobil blog" in out and "Lipa blog" not in out
    assert count_posts(stored_in) == 7


def test_a_removed_feed_leaves_exports_and_is_listed_in_status(fetched, database_url, tmp_path, capsys):
    kept = FEEDS[: FEEDS.index("      - name: Konkurent Instagram")]
    fetched.write_text(naming(kept, database_url), encoding="utf-8")

    posts = export(fetched, tmp_path / "out")
    capsys.readouterr()
    assert main(["status", "--config", str(fetched)]) == 0

    assert len(posts) == 3 and "instagram" not in set(posts["channel"])
    removed = capsys.readouterr().out.split("Removed from")[1]
    assert re.search(r"Konkurent Instagram\s+Konkurent\s+4\b", removed), removed
