"""Every key of feeds.yaml's `settings:` once: its default, what it allows and what it does.
checks.py reads the file by this table and docs/configuration.md's settings reference is
rendered from it, so a new setting or a changed range cannot leave one of them behind.

Regenerate the docs block after editing: python -m monitor.config.registry --write"""

from __future__ import annotations

import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from monitor.config.settings import DEFAULT_USER_AGENT

# How checks.py reads a value, and the docs' "allowed" words for kinds without a range.
KIND_WORDS = {
    "text": "text",
    "timezone": "an IANA time zone name",
    "day": "a day, `YYYY-MM-DD`",
    "number": "",  # low–high
    "whole": "",  # low–high, read as an int
    "topic_count": "",  # a choice or a whole number low–high
    "secret_url": "an http(s) URL",  # never echoed in a message: its path is the secret
    "base_url": "an http(s) URL",  # links are appended to it, so a trailing / is dropped
    "choice": "",  # one of the setting's choices
    "addresses": "a list of e-mail addresses (or one line, comma-separated)",
}


@dataclass(frozen=True)
class Setting:
    path: str  # "settings.fetch.timeout_seconds": the block, then the key
    kind: str  # one of KIND_WORDS
    default: Any  # equal to the Settings dataclass default (a test holds them together)
    help: str  # Markdown for the docs' "what it does" column
    low: int | None = None
    high: int | None = None
    choices: tuple[str, ...] = ()  # words allowed besides the range (n_topics: auto)
    allowed: str = ""  # the docs' "allowed" column, when the kind's words say too little

    @property
    def block(self) -> str:
        return self.path.rpartition(".")[0]

    @property
    def key(self) -> str:
        return self.path.rpartition(".")[2]


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "settings.database",
        "text",
        "data/monitor.db",
        "where posts, feed status, topics and flags are stored. A path is relative to "
        "feeds.yaml and becomes a SQLite file. A URL such as "
        "`postgresql+psycopg://monitor@dbhost/monitor` uses that server (install the driver, the "
        'optional extra `postgres`: `pip install ".[postgres]"`); see [deploy.md](deploy.md#one-shared-database). '
        "`--db` and `MONITOR_DB` override it.",
        allowed="a file path or a database URL",
    ),
    Setting(
        "settings.timezone",
        "timezone",
        "Europe/Ljubljana",
        "the zone of shown times, of weeks and days (filters, `export --since/--until`), and of "
        "CSV times without an offset when the feed sets no `timezone:`",
    ),
    Setting(
        "settings.as_of",
        "day",
        None,
        "where the trend and flag windows end, for a snapshot of data that no longer grows (the "
        "bundled demo sets it to its last day). Without it, windows end at the last fetch, so "
        "feeds gone quiet show as quiet. A date filter's last day, when earlier, wins.",
    ),
    Setting(
        "settings.language",
        "choice",
        "en",
        "the language of the dashboard and of `report`: `en` English, `sl` Slovenian (dates and "
        "numbers too). Each viewer can switch in the sidebar; the CLI stays English.",
        choices=("en", "sl"),
    ),
    Setting(
        "settings.cache",
        "text",
        None,
        "the folder where the pages keep ready-made tables between starts, per data version "
        "(relative to feeds.yaml). Without it: `cache/` beside a SQLite file, or "
        "`data/cache/<database>` beside feeds.yaml for a database server. Only this program "
        "writes there; deleting it costs only time.",
    ),
    Setting(
        "settings.fetch.timeout_seconds",
        "number",
        20.0,
        "the deadline of a whole request: name lookup, connect, TLS, headers and body. A feed "
        "that takes longer ends as that feed's error.",
        low=1,
        high=600,
    ),
    Setting(
        "settings.fetch.max_bytes",
        "whole",
        20_000_000,
        "a larger response or local file is refused; a gzip body counts unpacked",
        low=1_000,
        high=2**31,
    ),
    Setting(
        "settings.fetch.user_agent",
        "text",
        DEFAULT_USER_AGENT,
        "the User-Agent header of feed requests",
    ),
    Setting(
        "settings.topics.n_topics",
        "topic_count",
        "auto",
        "how many topics a refit makes. `auto` chooses by split-half stability; raise the number "
        "if a topic mixes subjects.",
        low=2,
        high=500,
        choices=("auto",),
    ),
    Setting(
        "settings.topics.refit_after_new_posts",
        "whole",
        500,
        "a fetch refits the topics once this many posts arrived since the last refit; between "
        "refits, new posts are assigned to the current topics",
        low=1,
        high=10**9,
    ),
    Setting(
        "settings.topics.random_state",
        "whole",
        0,
        "seed of the topic model: the same posts and settings give the same topics",
        low=0,
        high=2**31,
    ),
    Setting(
        "settings.alerts.webhook_url",
        "secret_url",
        None,
        "a Slack or Teams incoming webhook. After each fetch, flags not seen before are posted "
        "there, one message per story. Without it, flags are only stored "
        "(`python -m monitor flags`).",
    ),
    Setting(
        "settings.alerts.dashboard_url",
        "base_url",
        "http://127.0.0.1:8501",
        "the base of the links in alert messages and in reports; set it to the address your team opens",
    ),
    Setting(
        "settings.alerts.timeout_seconds",
        "number",
        10.0,
        "the deadline of one webhook post. A failed post never fails the fetch; it is retried "
        "on the next one.",
        low=1,
        high=120,
    ),
    Setting(
        "settings.access.identity",
        "choice",
        "none",
        "who the visitor is. `none`: nobody is asked, and everyone who reaches the dashboard is "
        "an editor (one user on 127.0.0.1). `header`: the address in `header`, set by a reverse "
        "proxy that signs people in. `login`: Streamlit's built-in OpenID Connect login "
        "(`[auth]` in `.streamlit/secrets.toml`); see [deploy.md](deploy.md#viewers-and-editors).",
        choices=("none", "header", "login"),
    ),
    Setting(
        "settings.access.header",
        "text",
        "X-Forwarded-Email",
        "the request header holding the visitor's address when `identity: header`. Trust it "
        "only when the dashboard is reached through that proxy alone, which must set or remove it.",
    ),
    Setting(
        "settings.access.editors",
        "addresses",
        (),
        "who may press *Refresh feeds* and rename topics (with `identity: header` or `login`)",
    ),
    Setting(
        "settings.access.viewers",
        "addresses",
        ("*",),
        "who may look. `*`: anyone the proxy or the login identifies. Editors may always look.",
    ),
)

BY_PATH = {setting.path: setting for setting in SETTINGS}

# Prose the docs show under a block's table: it is about the block, not one key.
NOTES = {
    "settings.fetch": "Feeds are fetched with conditional GET, so a feed that has not changed costs "
    "almost nothing. Proxies come from the usual `HTTP_PROXY` / `HTTPS_PROXY` variables (HTTP "
    "proxies only; a SOCKS proxy is refused with a message).",
    "settings.topics": "A refit can also be run at any time: `python -m monitor topics refit` "
    "([cli.md](cli.md)).",
    "settings.access": "Viewers see every page and download every file; only editors refresh feeds "
    "and rename topics. Someone neither listed nor covered by `*` is told to ask for access. "
    "Scheduled fetches (cron, `fetch --every`) are not affected.",
}


def blocks() -> tuple[str, ...]:
    """Every block that holds settings, parents first, in table order."""
    found: dict[str, None] = {}
    for setting in SETTINGS:
        parts = setting.block.split(".")
        for end in range(1, len(parts) + 1):
            found.setdefault(".".join(parts[:end]))
    return tuple(found)


def keys_of(block: str) -> tuple[str, ...]:
    """The keys a block allows, in table order: its settings and its nested blocks."""
    found: dict[str, None] = {}
    for setting in SETTINGS:
        if setting.path.startswith(block + "."):
            found.setdefault(setting.path[len(block) + 1 :].split(".")[0])
    return tuple(found)


def is_block(path: str) -> bool:
    return path in blocks()


# --- the docs reference -------------------------------------------------------------------

DOCS = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"
START, END = "<!-- settings:start -->", "<!-- settings:end -->"
# Seen by whoever edits the docs: the tables are rendered, so edits there would be lost.
_EDIT_HERE = "<!-- made from monitor/config/registry.py: edit it, then run python -m monitor.config.registry --write -->"
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _shown_number(number: float) -> str:
    """2**31 -> 2³¹ and 10**9 -> 10⁹ (the bounds people recognise), else 1,000."""
    if number == int(number):
        number = int(number)
        if number >= 2**16 and number & (number - 1) == 0:
            return "2" + str(number.bit_length() - 1).translate(_SUPERSCRIPT)
        digits = str(number)
        if number >= 10**6 and digits.rstrip("0") == "1":
            return "10" + str(len(digits) - 1).translate(_SUPERSCRIPT)
    return f"{number:,}"


def _shown_default(value: Any) -> str:
    if value is None or value == ():
        return "none"
    if isinstance(value, tuple):
        return f"`{', '.join(value)}`"
    if isinstance(value, float) and value == int(value):
        value = int(value)  # 20.0 is written 20 in feeds.yaml
    return f"`{value}`"


def _allowed(setting: Setting) -> str:
    if setting.allowed:
        return setting.allowed
    if setting.kind == "choice":
        return " or ".join(f"`{choice}`" for choice in setting.choices)
    if setting.low is None or setting.high is None:
        return KIND_WORDS[setting.kind]
    span = f"{_shown_number(setting.low)}–{_shown_number(setting.high)}"
    return " or ".join([*(f"`{choice}`" for choice in setting.choices), span])


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_reference() -> str:
    """The settings reference as docs/configuration.md holds it between its markers."""
    parts = []
    for block in blocks():
        rows = [setting for setting in SETTINGS if setting.block == block]
        lines = [f"### {block}", "", "| key | default | allowed | what it does |", "|---|---|---|---|"]
        lines += [
            f"| `{s.key}` | {_cell(_shown_default(s.default))} | {_cell(_allowed(s))} | {_cell(s.help)} |"
            for s in rows
        ]
        if block in NOTES:
            lines += ["", textwrap.fill(NOTES[block], width=90, break_on_hyphens=False)]
        parts.append("\n".join(lines))
    return f"{_EDIT_HERE}\n" + "\n\n".join(parts) + "\n"


_MARKDOWN = str.maketrans("", "", "`*")


def render_help(width: int = 88) -> str:
    """The settings as `python -m monitor settings` prints them: plain text, a block per key."""
    lines = []
    for block in blocks():
        lines.append(f"{block}:")
        for setting in (s for s in SETTINGS if s.block == block):
            default = _shown_default(setting.default).translate(_MARKDOWN)
            allowed = _allowed(setting).translate(_MARKDOWN)
            lines.append(f"  {setting.key}  (default {default}; {allowed})")
            help_text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", setting.help).translate(_MARKDOWN)
            lines += textwrap.wrap(help_text, width=width, initial_indent=" " * 6, subsequent_indent=" " * 6)
        lines.append("")
    return "\n".join(lines)


def docs_block(text: str) -> str:
    """What a document holds between the settings markers."""
    if START not in text or END not in text:
        raise ValueError(f"the markers {START} and {END} are missing")
    return text.split(START, 1)[1].split(END, 1)[0].strip("\n") + "\n"


def with_reference(text: str) -> str:
    """The document with the rendered reference between its markers."""
    docs_block(text)  # the markers must be there
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    return f"{before}{START}\n{render_reference()}{END}{after}"


def main(argv: list[str]) -> int:
    if argv == ["--write"]:
        DOCS.write_text(with_reference(DOCS.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"wrote the settings reference into {DOCS}")
        return 0
    if argv:
        print("usage: python -m monitor.config.registry [--write]", file=sys.stderr)
        return 2
    sys.stdout.write(render_reference())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
