"""feeds.yaml -> Config: a good file loads; every bad file gives one ConfigError that
names the file, the line, the key path and the fix."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from monitor.config.load import load_config
from monitor.config.settings import DEFAULT_USER_AGENT
from monitor.errors import ConfigError

GOOD = """\
settings:
  database: data/monitor.db
  timezone: Europe/Ljubljana
  fetch:
    timeout_seconds: 5
brands:
  - name: Lipa Mobil
    own: true
    feeds:
      - name: Lipa Mobil – blog
        kind: rss
        url: https://lipa.example/feed.xml
      - name: Lipa Instagram
        kind: csv
        path: exports/ig.csv
        channel: Instagram
        delimiter: ";"
        encoding: cp1250
        date_format: "%d.%m.%Y %H:%M"
        timezone: Europe/Ljubljana
        columns:
          text: Opis
          published: Datum
          likes: Všečki
  - name: Konkurent
    feeds:
      - name: Konkurent novice
        kind: rss
        path: /srv/feeds/konkurent.xml
"""

# One brand, own, whose single feed is written by each case from line 5 on.
HEAD = "brands:\n  - name: Lipa\n    own: true\n    feeds:\n"
RSS = "      - name: Blog\n        kind: rss\n"


def config_error(write_config, text: str) -> tuple[str, Path]:
    path = write_config(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert "\n" not in message, "one error, one line"
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    return message, path


# --- a good file --------------------------------------------------------------------------


def test_good_file_loads_brands_feeds_and_own_brand(write_config):
    config = load_config(write_config(GOOD))

    assert [brand.name for brand in config.brands] == ["Lipa Mobil", "Konkurent"]
    assert config.own_brand == "Lipa Mobil"
    assert [feed.feed_id for feed in config.feeds] == [
        "lipa-mobil-blog",
        "lipa-instagram",
        "konkurent-novice",
    ]
    assert [feed.brand for feed in config.feeds] == ["Lipa Mobil", "Lipa Mobil", "Konkurent"]


def test_csv_feed_options_are_read(write_config):
    feed = load_config(write_config(GOOD)).feeds[1]

    assert (feed.kind, feed.channel, feed.delimiter, feed.encoding) == (
        "csv",
        "instagram",  # lower-cased
        ";",
        "cp1250",
    )
    assert feed.date_format == "%d.%m.%Y %H:%M"
    assert feed.timezone == "Europe/Ljubljana"
    assert feed.column_map == {"text": "Opis", "published": "Datum", "likes": "Všečki"}


def test_defaults_fill_what_the_file_leaves_out(write_config):
    config = load_config(write_config(GOOD))

    assert config.settings.fetch.timeout_seconds == 5
    assert config.settings.fetch.max_bytes == 20_000_000
    assert config.settings.fetch.user_agent == DEFAULT_USER_AGENT
    assert config.settings.topics.n_topics == "auto"
    blog = config.feeds[0]
    assert (blog.channel, blog.url, blog.path) == ("blog", "https://lipa.example/feed.xml", None)


@pytest.mark.parametrize("written", ["2026-11-22", "'2026-11-22'"])
def test_as_of_is_read_as_a_day_quoted_or_not(write_config, written):
    text = f"settings:\n  as_of: {written}\n" + HEAD + RSS + "        url: https://a.example/\n"
    assert load_config(write_config(text)).settings.as_of == date(2026, 11, 22)


def test_minimal_file_gets_default_settings(write_config):
    config = load_config(write_config(HEAD + RSS + "        url: https://lipa.example/\n"))

    assert config.settings.timezone == "Europe/Ljubljana"
    assert config.settings.database == "data/monitor.db"


def test_relative_paths_resolve_against_the_config_folder(write_config, tmp_path):
    config = load_config(write_config(GOOD))

    assert config.feeds[1].path == tmp_path / "exports" / "ig.csv"
    assert config.feeds[2].path == Path("/srv/feeds/konkurent.xml")
    assert config.database_url == f"sqlite:///{(tmp_path / 'data' / 'monitor.db').resolve()}"


def test_relative_config_path_from_another_working_folder(write_config, tmp_path, monkeypatch):
    write_config(GOOD)
    monkeypatch.chdir(tmp_path.parent)

    config = load_config(Path(tmp_path.name) / "feeds.yaml")

    assert config.feeds[1].path.resolve() == (tmp_path / "exports" / "ig.csv").resolve()
    assert config.database_url == f"sqlite:///{(tmp_path / 'data' / 'monitor.db').resolve()}"


def test_monitor_db_env_overrides_settings_database(write_config, tmp_path, monkeypatch):
    monkeypatch.setenv("MONITOR_DB", str(tmp_path / "elsewhere.db"))

    config = load_config(write_config(GOOD))

    assert config.database_url == f"sqlite:///{tmp_path / 'elsewhere.db'}"


def test_database_argument_beats_env_and_urls_pass_through(write_config, monkeypatch):
    monkeypatch.setenv("MONITOR_DB", "sqlite:///ignored.db")

    config = load_config(write_config(GOOD), database="postgresql://monitor@db.example/monitor")

    assert config.database_url == "postgresql://monitor@db.example/monitor"


def test_monitor_config_env_is_the_default_path(write_config, monkeypatch):
    path = write_config(GOOD, name="elsewhere.yaml")
    monkeypatch.setenv("MONITOR_CONFIG", str(path))

    assert load_config().path == path


def test_tab_delimiter_may_be_written_as_a_word(write_config):
    text = GOOD.replace('delimiter: ";"', "delimiter: tab")

    assert load_config(write_config(text)).feeds[1].delimiter == "\t"


# --- bad files: one error naming file, line, key path and fix ---------------------------

BAD = {
    "unknown key with suggestion": (
        "settings:\n  fetch:\n    timout_seconds: 5\n" + HEAD + RSS + "        url: https://a.example/\n",
        3,
        "settings.fetch.timout_seconds",
        "did you mean `timeout_seconds`",
    ),
    "as_of that is not a day": (
        "settings:\n  as_of: 22.11.2026\n" + HEAD + RSS + "        url: https://a.example/\n",
        2,
        "settings.as_of",
        "YYYY-MM-DD",
    ),
    "misspelt channel": (
        HEAD + RSS + "        chanel: blog\n        url: https://a.example/\n",
        7,
        "brands[0].feeds[0].chanel",
        "did you mean `channel`",
    ),
    "bad kind with suggestion": (
        HEAD + "      - name: Blog\n        kind: rsss\n        url: https://a.example/\n",
        6,
        "brands[0].feeds[0].kind",
        "did you mean `rss`",
    ),
    "no own brand": (
        "brands:\n  - name: Lipa\n    feeds:\n" + RSS + "        url: https://a.example/\n",
        1,
        "brands",
        "mark exactly one brand",
    ),
    "two own brands": (
        HEAD + RSS + "        url: https://a.example/\n"
        "  - name: Konkurent\n    own: true\n    feeds:\n"
        "      - name: News\n        kind: rss\n        url: https://b.example/\n",
        9,
        "brands[1].own",
        "mark exactly one brand",
    ),
    "both url and path": (
        HEAD + RSS + "        url: https://a.example/\n        path: feed.xml\n",
        5,
        "brands[0].feeds[0]",
        "keep one of the two",
    ),
    "neither url nor path": (
        HEAD + RSS,
        5,
        "brands[0].feeds[0]",
        "add `url: https://...` or `path:",
    ),
    "file url": (
        HEAD + RSS + "        url: file:///etc/passwd\n",
        7,
        "brands[0].feeds[0].url",
        "starting with https://",
    ),
    "javascript url": (
        HEAD + RSS + "        url: javascript:alert(1)\n",
        7,
        "brands[0].feeds[0].url",
        "starting with https://",
    ),
    "csv with url": (
        HEAD + "      - name: Ig\n        kind: csv\n        url: https://a.example/ig.csv\n"
        "        columns:\n          text: T\n          published: D\n",
        7,
        "brands[0].feeds[0].url",
        "`path: exports/file.csv`",
    ),
    "csv without columns": (
        HEAD + "      - name: Ig\n        kind: csv\n        path: ig.csv\n",
        5,
        "brands[0].feeds[0].columns",
        "map at least `text:` and `published:`",
    ),
    "csv without text column": (
        HEAD + "      - name: Ig\n        kind: csv\n        path: ig.csv\n"
        "        columns:\n          published: D\n",
        9,
        "brands[0].feeds[0].columns.text",
        "map `text:`",
    ),
    "csv without published column": (
        HEAD + "      - name: Ig\n        kind: csv\n        path: ig.csv\n"
        "        columns:\n          text: T\n",
        9,
        "brands[0].feeds[0].columns.published",
        "map `published:`",
    ),
    "csv with an unknown column field": (
        HEAD + "      - name: Ig\n        kind: csv\n        path: ig.csv\n"
        "        columns:\n          text: T\n          published: D\n          like: L\n",
        11,
        "brands[0].feeds[0].columns.like",
        "did you mean `likes`",
    ),
    "bad feed timezone": (
        HEAD + "      - name: Ig\n        kind: csv\n        path: ig.csv\n"
        "        timezone: Europe/Ljubljanaa\n        columns:\n          text: T\n          published: D\n",
        8,
        "brands[0].feeds[0].timezone",
        "Europe/Ljubljana or UTC",
    ),
    "bad global timezone": (
        "settings:\n  timezone: Mars/Olympus\n" + HEAD + RSS + "        url: https://a.example/\n",
        2,
        "settings.timezone",
        "IANA name",
    ),
    "bad encoding": (
        HEAD + "      - name: Ig\n        kind: csv\n        path: ig.csv\n"
        "        encoding: cp9999\n        columns:\n          text: T\n          published: D\n",
        8,
        "brands[0].feeds[0].encoding",
        "cp1250",
    ),
    "bad delimiter": (
        HEAD + "      - name: Ig\n        kind: csv\n        path: ig.csv\n"
        '        delimiter: ";;"\n        columns:\n          text: T\n          published: D\n',
        8,
        "brands[0].feeds[0].delimiter",
        "one character",
    ),
    "date format without codes": (
        HEAD + "      - name: Ig\n        kind: csv\n        path: ig.csv\n"
        "        date_format: dd.mm.yyyy\n        columns:\n          text: T\n          published: D\n",
        8,
        "brands[0].feeds[0].date_format",
        "%d.%m.%Y",
    ),
    "csv option on an rss feed": (
        HEAD + RSS + "        url: https://a.example/\n        delimiter: ';'\n",
        8,
        "brands[0].feeds[0].delimiter",
        "allowed: name, kind, url, path, channel",
    ),
    "duplicate feed names": (
        HEAD + "      - name: Novice\n        kind: rss\n        url: https://a.example/\n"
        "  - name: Konkurent\n    feeds:\n"
        "      - name: novice\n        kind: rss\n        url: https://b.example/\n",
        10,
        "brands[1].feeds[0].name",
        "unique name",
    ),
    "duplicate key": (
        HEAD + RSS + "        url: https://a.example/\n        kind: csv\n",
        8,
        "kind",
        "keep one of the two",
    ),
    "timeout out of range": (
        "settings:\n  fetch:\n    timeout_seconds: 0\n" + HEAD + RSS + "        url: https://a.example/\n",
        3,
        "settings.fetch.timeout_seconds",
        "write a number such as 20",
    ),
    "own not a boolean": (
        "brands:\n  - name: Lipa\n    own: yes please\n    feeds:\n"
        + RSS
        + "        url: https://a.example/\n",
        3,
        "brands[0].own",
        "write true or false",
    ),
    "empty feeds list": (
        "brands:\n  - name: Lipa\n    own: true\n    feeds: []\n",
        4,
        "brands[0].feeds",
        "add at least one",
    ),
}


@pytest.mark.parametrize(("text", "line", "key", "fix"), BAD.values(), ids=BAD.keys())
def test_bad_file_gives_one_error_with_file_line_key_and_fix(write_config, text, line, key, fix):
    message, path = config_error(write_config, text)

    assert message.startswith(f"{path}, line {line}: {key}: "), message
    assert "Fix: " in message
    assert fix in message.split("Fix: ", 1)[1], message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("brands:\n  - name: Lipa\n\town: true\n", 3, id="tab"),
        pytest.param("brands:\n  - name: Lipa\n    own: true\n   feeds:\n", 4, id="indent"),
        pytest.param("brands:\n  - name: Lipa: Mobil\n", 2, id="unquoted colon"),
    ],
)
def test_invalid_yaml_names_its_line(write_config, text, line):
    message, path = config_error(write_config, text)

    assert message.startswith(f"{path}, line {line}: not valid YAML"), message
    assert "Fix: check the indentation" in message


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.yaml"

    with pytest.raises(ConfigError, match="file not found") as caught:
        load_config(path)

    assert str(caught.value).startswith(f"{path}: ")
    assert "MONITOR_CONFIG" in str(caught.value)


@pytest.mark.parametrize("text", ["", "# only a comment\n", "- just\n- a list\n"])
def test_empty_or_non_mapping_file(write_config, text):
    message, path = config_error(write_config, text)

    assert message.startswith(f"{path}, line 1: (top level): ")
    assert "`settings:` and `brands:`" in message


def test_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "feeds.yaml"
    path.write_bytes("brands:\n  - name: Lipa Mobil – čšž\n".encode("cp1250"))

    with pytest.raises(ConfigError, match="save the file as UTF-8"):
        load_config(path)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(HEAD + RSS + "        url: ftp://ana:hunter2@a.example/feed\n", id="non-http"),
        pytest.param(
            HEAD + "      - name: Ig\n        kind: csv\n        url: https://ana:hunter2@a.example/x.csv\n"
            "        columns:\n          text: T\n          published: D\n",
            id="csv url",
        ),
        pytest.param(
            HEAD + RSS + "        url: https://ana:hunter2@a.example/feed\n        chanel: blog\n",
            id="other key",
        ),
        pytest.param(
            HEAD + RSS + "        url: https://ana:hunter2@a.example/feed: broken\n", id="yaml error"
        ),
    ],
)
def test_password_in_url_is_never_echoed(write_config, text):
    message, _ = config_error(write_config, text)

    assert "hunter2" not in message


def test_non_http_url_message_shows_the_url_redacted(write_config):
    message, _ = config_error(write_config, HEAD + RSS + "        url: ftp://ana:hunter2@a.example/f\n")

    assert "'ftp://ana:***@a.example/f'" in message


# --- names a table can show ---------------------------------------------------------------


def test_bidi_and_control_characters_are_dropped_from_brand_and_feed_names(write_config):
    config = load_config(
        write_config(
            'brands:\n  - name: "\\u202eLipa\\u202c Mobil\\u200f"\n    own: true\n    feeds:\n'
            '      - name: "Blog\\u2066\\tnovice\\a\\u2069"\n        kind: rss\n'
            "        url: https://a.example/\n"
        )
    )

    (brand,) = config.brands
    assert brand.name == "Lipa Mobil"
    assert (brand.feeds[0].name, brand.feeds[0].feed_id) == ("Blog novice", "blog-novice")
    assert config.own_brand == "Lipa Mobil"


def test_a_name_of_80_characters_fits(write_config):
    config = load_config(
        write_config(HEAD + f"      - name: {'b' * 80}\n        kind: rss\n        url: https://a.example/\n")
    )

    assert config.feeds[0].name == "b" * 80


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        pytest.param(
            f"brands:\n  - name: {'L' * 10_000}\n    own: true\n    feeds:\n"
            + RSS
            + "        url: https://a.example/\n",
            2,
            "brands[0].name",
            id="brand",
        ),
        pytest.param(
            HEAD + f"      - name: {'B' * 81}\n        kind: rss\n        url: https://a.example/\n",
            5,
            "brands[0].feeds[0].name",
            id="feed",
        ),
    ],
)
def test_a_name_too_long_for_tables_is_refused_naming_its_line(write_config, text, line, key):
    message, path = config_error(write_config, text)

    assert message.startswith(f"{path}, line {line}: {key}: is "), message
    assert "characters long, too long for tables and charts" in message
    assert "Fix: write a name of at most 80 characters" in message
    assert len(message) < 300 + len(str(path))  # the name itself is not echoed


def test_a_name_of_control_characters_only_is_refused(write_config):
    message, path = config_error(
        write_config,
        HEAD + '      - name: "\\u202e\\u200f"\n        kind: rss\n        url: https://a.example/\n',
    )

    assert message.startswith(f"{path}, line 5: brands[0].feeds[0].name: has no visible characters"), message


def test_a_mistyped_webhook_url_never_shows_its_secret_path(write_config):
    text = (
        "settings:\n  alerts:\n    webhook_url: htps://hooks.slack.com/services/T0SECRET/B0SECRET/XyzSecret\n"
        + HEAD
        + RSS
        + "        url: https://lipa.example/feed.xml\n"
    )
    message, _path = config_error(write_config, text)
    assert "settings.alerts.webhook_url" in message and "not an http(s) URL" in message
    assert "SECRET" not in message and "Secret" not in message
