"""The command line's topic commands (`topics refit|list|rename`) and `flags`, on a store
filled inline through the store API."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from monitor.analysis.flags import compute_flags
from monitor.cli import main
from monitor.config.settings import AlertSettings, TopicSettings
from monitor.output.alerts import record_and_deliver
from monitor.store.database import open_store
from monitor.topics.runs import posts_with_topics, refit_topics
from tests.paths import ROOT
from tests.postgres import naming
from tests.topic_corpus import START, market, save, story_posts, subject_posts, topic_of_subject

# The store fixture opens tmp_path/monitor.db, the database this feeds.yaml names (on
# PostgreSQL, `naming` puts the test's database in its place).
FEEDS = """\
settings:
  database: monitor.db
  timezone: Europe/Ljubljana
  topics:
    n_topics: 5
brands:
  - name: Lipa Mobil
    own: true
    feeds:
      - name: Lipa blog
        kind: rss
        url: https://lipa.example/feed.xml
      - name: Lipa Facebook
        kind: rss
        channel: facebook
        url: https://lipa.example/facebook.xml
  - name: Kras Telekom
    feeds:
      - name: Kras blog
        kind: rss
        url: https://kras.example/feed.xml
      - name: Kras Instagram
        kind: rss
        channel: instagram
        url: https://kras.example/instagram.xml
"""


@pytest.fixture
def config(write_config, database_url) -> Path:
    return write_config(naming(FEEDS, database_url))


@pytest.fixture
def filled(store, config):
    save(store, market() + story_posts())
    return store


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def database_line(config: Path, store) -> str:
    """The first line of `topics list` and `flags`: a SQLite file as its path, else the URL."""
    return f"Database: {config.parent / 'monitor.db' if store.url.startswith('sqlite') else store.url}"


def table_rows(out: str) -> dict[int, str]:
    """Rows of the topics table by topic id."""
    rows = {}
    for line in out.splitlines():
        match = re.match(r"\s*(\d+)\s", line)
        if match:
            rows[int(match.group(1))] = line
    return rows


# --- topics refit --------------------------------------------------------------------------


def test_topics_refit_prints_the_summary_and_the_topics(filled, config, capsys):
    code, out, err = run(capsys, "topics", "refit", "--config", str(config))

    assert code == 0
    lines = out.splitlines()
    assert re.fullmatch(r"topics refitted on 153 posts in \d+\.\d s: 5 topics \(5 new\)", lines[0])
    assert lines[1].split() == ["id", "topic", "stories", "posts", "lineage"]
    football = topic_of_subject(filled.load_post_topics())["football"]
    assert table_rows(out)[football].split() == [str(football), "football", "·", "league", "31", "33", "new"]
    assert len(table_rows(out)) == 5
    assert "Grouping 153 posts into stories" in err


def test_topics_refit_again_reports_continued_topics(filled, config, capsys):
    run(capsys, "topics", "refit", "--config", str(config))
    save(filled, market(3, first=30))

    code, out, _err = run(capsys, "topics", "refit", "--config", str(config))

    assert code == 0
    assert re.fullmatch(
        r"topics refitted on 168 posts in \d+\.\d s: 5 topics \(5 continued\)", out.splitlines()[0]
    )
    # the lineage column says "continued", as the Topics page does (no raw list of ids)
    assert all(row.split()[6] == "continued" for row in table_rows(out).values())
    assert filled.latest_topic_run()["run_id"] == 2


def test_topics_refit_with_no_posts_exits_1_and_says_to_fetch(store, config, capsys):
    code, out, err = run(capsys, "topics", "refit", "--config", str(config))

    assert code == 1
    assert out == ""
    assert err == "error: no posts to cluster yet; fetch the feeds first (python -m monitor fetch)\n"


@pytest.fixture
def elsewhere(tmp_path):
    """A store in another file than the one feeds.yaml names."""
    opened = open_store(f"sqlite:///{tmp_path}/other.db")
    yield opened
    opened.close()


def test_topics_refit_uses_the_db_option(store, config, elsewhere, tmp_path, capsys):
    save(elsewhere, market())

    code, out, _err = run(
        capsys, "topics", "refit", "--config", str(config), "--db", str(tmp_path / "other.db")
    )

    assert code == 0
    assert out.startswith("topics refitted on 150 posts")
    assert elsewhere.latest_topic_run()["run_id"] == 1
    assert store.latest_topic_run() is None


# --- topics list ---------------------------------------------------------------------------


def test_topics_list_before_any_refit_says_what_to_do(filled, config, capsys):
    code, out, _err = run(capsys, "topics", "list", "--config", str(config))

    assert code == 0
    assert out.splitlines() == [
        database_line(config, filled),
        "No topics yet: run python -m monitor topics refit (after a fetch).",
    ]


def test_topics_list_shows_the_latest_run(filled, config, capsys):
    refit_topics(filled, TopicSettings(n_topics=5))
    save(filled, market(3, first=30))
    refit_topics(filled, TopicSettings(n_topics=5))
    ids = topic_of_subject(filled.load_post_topics())

    code, out, _err = run(capsys, "topics", "list", "--config", str(config))

    assert code == 0
    rows = table_rows(out)
    assert sorted(rows) == [1, 2, 3, 4, 5]
    football, baking = ids["football"], ids["baking"]
    assert rows[football].split()[:7] == [str(football), "football", "·", "league", "34", "36", "continued"]
    assert rows[baking].split()[:7] == [str(baking), "baking", "·", "sourdough", "33", "33", "continued"]


def test_topics_list_words_lineage_as_the_topics_page_does(filled, config, capsys):
    refit_topics(filled, TopicSettings(n_topics=5))
    first = set(filled.load_topics()["topic_id"])
    refit_topics(filled, TopicSettings(n_topics=3))  # five subjects in three topics: a merge

    _code, merged_out, _err = run(capsys, "topics", "list", "--config", str(config))
    refit_topics(filled, TopicSettings(n_topics=5))  # and apart again: splits
    _code, split_out, _err = run(capsys, "topics", "list", "--config", str(config))

    rows = list(table_rows(merged_out).values())
    merged = [m for row in rows if (m := re.search(r" merged \(from (\d+(?:, \d+)+)\)$", row))]
    assert merged, merged_out  # five subjects in three topics: one 3-way or two 2-way merges
    assert all({int(i) for i in m.group(1).split(", ")} <= first for m in merged)
    assert sum(row.endswith(" continued") for row in rows) == len(rows) - len(merged), merged_out
    assert any(re.search(r" split \(from \d+\)$", row) for row in table_rows(split_out).values()), split_out
    assert "[" not in merged_out + split_out  # never the raw list of related ids


# --- topics rename -------------------------------------------------------------------------


def test_a_name_given_on_the_command_line_survives_a_refit(filled, config, capsys):
    refit_topics(filled, TopicSettings(n_topics=5))
    football = topic_of_subject(filled.load_post_topics())["football"]

    code, out, _err = run(capsys, "topics", "rename", "--config", str(config), str(football), "Nogomet")

    assert code == 0
    assert out == f"topic {football} is now called 'Nogomet'\n"
    save(filled, market(3, first=30))
    code, out, _err = run(capsys, "topics", "refit", "--config", str(config))
    assert code == 0
    assert table_rows(out)[football].split()[:2] == [str(football), "Nogomet"]
    _code, listed, _err = run(capsys, "topics", "list", "--config", str(config))
    assert table_rows(listed)[football].split()[:2] == [str(football), "Nogomet"]
    frame = posts_with_topics(filled.load_posts(), filled.load_post_topics(), filled.load_topics())
    assert set(frame.loc[frame["topic_id"] == football, "topic_label"]) == {"Nogomet"}


def test_an_empty_name_restores_the_automatic_label(filled, config, capsys):
    refit_topics(filled, TopicSettings(n_topics=5))
    football = topic_of_subject(filled.load_post_topics())["football"]
    run(capsys, "topics", "rename", "--config", str(config), str(football), "Nogomet")

    code, out, _err = run(capsys, "topics", "rename", "--config", str(config), str(football), "")

    assert (code, out) == (0, "name removed\n")
    _code, listed, _err = run(capsys, "topics", "list", "--config", str(config))
    assert table_rows(listed)[football].split()[1:4] == ["football", "·", "league"]


@pytest.mark.parametrize("refitted", [False, True])
def test_renaming_an_unknown_topic_exits_1(filled, config, capsys, refitted):
    if refitted:
        refit_topics(filled, TopicSettings(n_topics=5))

    code, out, err = run(capsys, "topics", "rename", "--config", str(config), "99", "Nogomet")

    assert (code, out) == (1, "")
    assert err == "error: no topic 99 in the latest run; see: python -m monitor topics list\n"


def test_rename_needs_a_numeric_id(config, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["topics", "rename", "--config", str(config), "football", "Nogomet"])

    assert caught.value.code == 2
    assert "invalid int value: 'football'" in capsys.readouterr().err


# --- flags ---------------------------------------------------------------------------------


def flag_row(key: str, first_seen: datetime, flag: str = "spike", explanation: str = "x") -> dict:
    return {
        "flag_key": key, "first_seen_at": first_seen, "flag": flag, "scope": "topic", "topic_id": 6,
        "brand": None, "window_end": "2026-03-29", "explanation": explanation, "numbers": {}, "attempts": 0,
    }  # fmt: skip


def test_flags_before_any_are_recorded_says_when_they_come(store, config, capsys):
    code, out, _err = run(capsys, "flags", "--config", str(config))

    assert code == 0
    assert out.splitlines() == [
        database_line(config, store),
        "No flags recorded yet. They are computed after each fetch (python -m monitor fetch).",
    ]


def test_flags_lists_the_recorded_flags_newest_first(store, config, capsys):
    save(store, market(days=84) + subject_posts("esports", 25, start=START + timedelta(days=77), days=7))
    refit_topics(store, TopicSettings(n_topics=6))
    frame = posts_with_topics(store.load_posts(), store.load_post_topics(), store.load_topics())
    recorded = record_and_deliver(store, compute_flags(frame, "Europe/Ljubljana"), AlertSettings())
    store.add_new_flags(
        [flag_row("older", datetime(2026, 1, 5, 9, 30, tzinfo=UTC), "rising", "an older one")]
    )

    code, out, _err = run(capsys, "flags", "--config", str(config))

    assert code == 0
    lines = out.splitlines()[1:]  # after the database line
    assert lines[0].split() == ["first", "seen", "flag", "what", "webhook"]
    assert len(lines) == 1 + recorded.n_new + 1
    assert recorded.n_new == 6  # new and spike, for the topic and for each brand
    assert "esports · tournament: 24 posts in the week of 2026-05-18" in out
    # seen with no webhook configured: closed unposted, so adding a webhook later starts from then
    assert all(line.rstrip().endswith("not posted (no webhook then)") for line in lines[1:-1])
    assert lines[-1].rstrip().endswith(" -")  # recorded but never tried: pending
    assert lines[-1].split()[:4] == ["2026-01-05", "10:30", "rising", "an"]  # local time, oldest last


def test_flags_show_the_webhook_outcome(store, config, capsys):
    now = datetime.now(UTC)
    store.add_new_flags(
        [flag_row("sent", now, explanation="sent one"), flag_row("failed", now, explanation="failed one")]
    )
    store.mark_flag_delivery("sent", None)
    store.mark_flag_delivery("failed", "HTTP 500 Internal Server Error")

    _code, out, _err = run(capsys, "flags", "--config", str(config))

    rows = {line.split()[3]: line for line in out.splitlines()[2:]}
    assert rows["sent"].rstrip().endswith(" sent")
    assert rows["failed"].rstrip().endswith(" failed: HTTP 500 Internal Server Error")


def test_flags_since_is_a_local_day(store, config, capsys):
    store.add_new_flags(
        [
            # 23:30 on 16 March in Ljubljana (UTC+1): before the day asked for
            flag_row("before", datetime(2026, 3, 16, 22, 30, tzinfo=UTC), explanation="before"),
            # 00:30 on 17 March in Ljubljana
            flag_row("after", datetime(2026, 3, 16, 23, 30, tzinfo=UTC), explanation="after"),
        ]
    )

    code, out, _err = run(capsys, "flags", "--config", str(config), "--since", "2026-03-17")

    assert code == 0
    rows = out.splitlines()[2:]
    assert [row.split()[:4] for row in rows] == [["2026-03-17", "00:30", "spike", "after"]]


def test_flags_since_after_the_last_flag_shows_none(store, config, capsys):
    store.add_new_flags([flag_row("old", datetime(2026, 3, 16, 9, 0, tzinfo=UTC))])

    _code, out, _err = run(capsys, "flags", "--config", str(config), "--since", "2026-03-17")

    assert out.splitlines()[1].startswith("No flags recorded yet.")


def test_flags_rejects_a_bad_date(config, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["flags", "--config", str(config), "--since", "17.3.2026"])

    assert caught.value.code == 2
    assert "'17.3.2026' is not a date; write YYYY-MM-DD" in capsys.readouterr().err


# --- help ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "options"),
    [
        (["topics", "refit"], ["--config", "--db"]),
        (["topics", "list"], ["--config", "--db"]),
        (["topics", "rename"], ["--config", "--db", "ID", "NAME"]),
        (["topics", "cluster"], ["--text-column", "--n-topics", "--delimiter", "--encoding", "--output"]),
        (["flags"], ["--config", "--db", "--since"]),
    ],
)
def test_help_works_on_every_topic_command(command, options, capsys):
    with pytest.raises(SystemExit) as caught:
        main([*command, "--help"])

    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: python -m monitor {' '.join(command)}")
    assert all(option in out for option in options)


# --- a closed pipe -------------------------------------------------------------------------


def test_cluster_into_a_reader_that_stops_early_exits_without_a_traceback(tmp_path):
    # `python -m monitor topics cluster ... | head -1`: far more output than a pipe buffers
    texts = [p["text"] for s in ("football", "baking", "phones") for p in subject_posts(s, 8)]
    source = tmp_path / "in.csv"
    pd.DataFrame({"text": texts, "padding": ["x" * 100_000] * len(texts)}).to_csv(source, index=False)
    # PYTHONUNBUFFERED hides the error: unbuffered stdout drops the unwritten rest silently
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_") and k != "PYTHONUNBUFFERED"}
    command = [sys.executable, "-m", "monitor", "topics", "cluster", str(source), "--text-column", "text"]

    with subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        first_line = process.stdout.readline()
        process.stdout.close()
        stderr = process.stderr.read().decode()
        code = process.wait(timeout=120)

    assert first_line == b"text,padding,topic_id,topic_label,topic_score\r\n"
    assert (code, stderr) == (1, "")


def test_a_name_too_long_for_the_tables_exits_1_and_keeps_the_old_name(filled, config, capsys):
    refit_topics(filled, TopicSettings(n_topics=5))
    football = topic_of_subject(filled.load_post_topics())["football"]
    run(capsys, "topics", "rename", "--config", str(config), str(football), "Nogomet")

    code, out, err = run(capsys, "topics", "rename", "--config", str(config), str(football), "N" * 10_000)

    assert (code, out) == (1, "")
    assert err == "error: a topic name has at most 120 characters; this one has 10,000\n"
    _code, listed, _err = run(capsys, "topics", "list", "--config", str(config))
    assert table_rows(listed)[football].split()[:2] == [str(football), "Nogomet"]


def test_a_right_to_left_override_in_a_name_does_not_reach_the_table(filled, config, capsys):
    refit_topics(filled, TopicSettings(n_topics=5))
    football = topic_of_subject(filled.load_post_topics())["football"]

    run(capsys, "topics", "rename", "--config", str(config), str(football), "\u202eNogomet\u202c\tliga")

    _code, listed, _err = run(capsys, "topics", "list", "--config", str(config))
    assert table_rows(listed)[football].split()[:3] == [str(football), "Nogomet", "liga"]
    assert not set(listed) & {"\u202e", "\u202c", "\t"}
