"""feeds.yaml -> frozen settings: the settings' shapes and load_config. The checks of each
block are in config_checks, the line-aware YAML in config_yaml; every message names the
file, the line, the key, what is wrong and the fix."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from monitor import models
from monitor.config.yaml_lines import LineLoader, Problem
from monitor.errors import ConfigError

DEFAULT_CONFIG = "feeds.yaml"
CONFIG_ENV = "MONITOR_CONFIG"
DB_ENV = "MONITOR_DB"
DEFAULT_USER_AGENT = "competitor-monitor/0.1 (+https://github.com/; feed reader)"

FEED_KINDS = ("rss", "csv")
REQUIRED_CSV_FIELDS = (models.TEXT, "published")


@dataclass(frozen=True)
class FetchSettings:
    timeout_seconds: float = 20.0
    max_bytes: int = 20_000_000
    user_agent: str = DEFAULT_USER_AGENT


@dataclass(frozen=True)
class TopicSettings:
    n_topics: int | str = "auto"
    refit_after_new_posts: int = 500
    random_state: int = 0


@dataclass(frozen=True)
class AlertSettings:
    webhook_url: str | None = None  # Slack or Teams incoming webhook; None: alerts only stored
    dashboard_url: str = "http://127.0.0.1:8501"  # base of the deep links in alert messages
    timeout_seconds: float = 10.0


@dataclass(frozen=True)
class Settings:
    database: str = "data/monitor.db"  # as written in the file; see Config.database_url
    timezone: str = "Europe/Ljubljana"
    as_of: date | None = None  # trend windows end on this day (a snapshot), not at the last fetch
    fetch: FetchSettings = field(default_factory=FetchSettings)
    topics: TopicSettings = field(default_factory=TopicSettings)
    alerts: AlertSettings = field(default_factory=AlertSettings)


@dataclass(frozen=True)
class FeedConfig:
    feed_id: str
    name: str
    brand: str
    kind: str
    channel: str
    url: str | None = None
    path: Path | None = None
    delimiter: str = ","
    encoding: str = "utf-8"
    date_format: str | None = None
    timezone: str | None = None
    columns: tuple[tuple[str, str], ...] = ()

    @property
    def source(self) -> str:
        """Where the feed comes from, for status tables (a URL or a path)."""
        return self.url if self.url else str(self.path)

    @property
    def column_map(self) -> dict[str, str]:
        """Our field -> the CSV's column header."""
        return dict(self.columns)


@dataclass(frozen=True)
class BrandConfig:
    name: str
    own: bool
    feeds: tuple[FeedConfig, ...]


@dataclass(frozen=True)
class Config:
    path: Path
    settings: Settings
    brands: tuple[BrandConfig, ...]
    database_override: str | None = None

    @property
    def feeds(self) -> tuple[FeedConfig, ...]:
        """Every feed of every brand, in file order."""
        return tuple(feed for brand in self.brands for feed in brand.feeds)

    @property
    def own_brand(self) -> str:
        """The name of the brand marked `own: true`."""
        return next(brand.name for brand in self.brands if brand.own)

    @property
    def database_url(self) -> str:
        """A SQLAlchemy URL: --db / MONITOR_DB first, then settings.database."""
        return database_url(self.database_override or self.settings.database, self.path.parent)


def database_url(value: str, base_dir: Path) -> str:
    """Turn a path (relative to base_dir) or a URL into a SQLAlchemy URL."""
    if "://" in value:
        return value
    path = Path(value).expanduser()
    if not path.is_absolute():
        path = base_dir / path
    return f"sqlite:///{path.resolve()}"


def slugify(text: str) -> str:
    """A lowercase ASCII id for a feed name ("Lipa Mobil – blog" -> "lipa-mobil-blog")."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "feed"


# Characters that reorder text around them (bidi embeddings, overrides, isolates and marks):
# in a name they can turn a table row or a CLI column around.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
MAX_NAME_LENGTH = 80  # brand and feed names: they head table columns and chart legends
MAX_TOPIC_NAME_LENGTH = 120


def clean_name(text: str) -> str:
    """A name as tables show it: bidi and other control characters dropped, line breaks and
    tabs made spaces, the ends trimmed (joiners such as ZWJ/ZWNJ stay: scripts need them)."""
    kept = []
    for char in text:
        if char.isspace():
            kept.append(" ")
        elif char not in _BIDI_CONTROLS and unicodedata.category(char) != "Cc":
            kept.append(char)
    return "".join(kept).strip()


def redact_url(url: str) -> str:
    """Hide a password in user:pass@host URLs and token-like query values, so messages,
    the store and the status table never leak them."""
    url = re.sub(r"//([^/@:\s]+):[^/@\s]*@", r"//\1:***@", url)
    return re.sub(r"(?i)([?&](?:token|key|apikey|api_key|secret|password|sig)=)[^&]+", r"\1***", url)


# --- loading ------------------------------------------------------------------------------


def resolve_config_path(path: str | os.PathLike[str] | None = None) -> Path:
    """--config first, then $MONITOR_CONFIG, then ./feeds.yaml."""
    return Path(path or os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG)


def load_config(path: str | os.PathLike[str] | None = None, database: str | None = None) -> Config:
    """Read and validate feeds.yaml; raise ConfigError naming file, line, key and fix."""
    from monitor.config.checks import build_config  # it imports the shapes above

    config_path = resolve_config_path(path)
    text = _read_text(config_path)
    try:
        raw = yaml.load(text, Loader=LineLoader)  # a SafeLoader subclass: no object construction
        override = database or os.environ.get(DB_ENV) or None
        return build_config(raw, config_path, _from_cwd(override))
    except Problem as problem:
        raise ConfigError(
            f"{config_path}, line {problem.line}: {problem.key}: {problem.what}. "
            f"Fix: {problem.fix}{'' if problem.fix.endswith(('?', '.')) else '.'}"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(
            f"{config_path}{line}: not valid YAML ({reason}). Fix: check the indentation "
            "and quoting on that line (values with ':' or '#' need quotes)."
        ) from None


def _from_cwd(database: str | None) -> str | None:
    """--db and MONITOR_DB are typed in a shell, so a relative path means the current folder."""
    if database is None or "://" in database:
        return database
    return str(Path(database).expanduser().resolve())


def _read_text(path: Path) -> str:
    if not path.exists():
        raise ConfigError(
            f"{path}: file not found. Fix: create it (copy feeds.yaml from the project) "
            f"or pass --config PATH / set {CONFIG_ENV}."
        )
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: not UTF-8 text (byte {exc.start}). Fix: save the file as UTF-8."
        ) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror}). Fix: check it.") from None
