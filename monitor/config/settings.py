"""The shapes feeds.yaml becomes (frozen dataclasses) and the helpers they share. It imports
no other config module, so any layer can use the shapes: reading the file is load.py, the
checks of each block checks.py, the settings' ranges and help registry.py, and the YAML that
remembers lines yaml_lines.py."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from monitor import models

DEFAULT_USER_AGENT = "competitor-monitor/0.1 (+https://github.com/; feed reader)"

FEED_KINDS = ("rss", "csv")
REQUIRED_CSV_FIELDS = (models.TEXT, "published")


# The defaults below are also in registry.SETTINGS, which the checks and the docs read:
# tests/test_settings_registry.py fails when the two differ, so change a default in both.


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
class AccessSettings:
    """Who may change things in the dashboard. identity "none": everyone who reaches it is
    an editor (one user on 127.0.0.1, as without the block)."""

    identity: str = "none"  # none | header (a trusted reverse proxy's header) | login (OIDC)
    header: str = "X-Forwarded-Email"
    editors: tuple[str, ...] = ()  # addresses, lower case
    viewers: tuple[str, ...] = ("*",)  # "*": anyone the proxy or the login identifies


@dataclass(frozen=True)
class Settings:
    database: str = "data/monitor.db"  # as written in the file; see Config.database_url
    timezone: str = "Europe/Ljubljana"
    as_of: date | None = None  # trend windows end on this day (a snapshot), not at the last fetch
    cache: str | None = None  # the pages' disk cache folder; None: see Config.cache_dir
    language: str = "en"  # en | sl: the dashboard's and the report's words (monitor.i18n)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    topics: TopicSettings = field(default_factory=TopicSettings)
    alerts: AlertSettings = field(default_factory=AlertSettings)
    access: AccessSettings = field(default_factory=AccessSettings)


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

    @property
    def cache_dir(self) -> Path | None:
        """Where the pages keep the posts frame and term index per data version: settings.cache
        (relative to feeds.yaml), else `cache/` beside a SQLite file, else data/cache/ beside
        feeds.yaml, in a folder per server and database so two databases never share files;
        None for an in-memory database."""
        if self.settings.cache:
            folder = Path(self.settings.cache).expanduser()
            return folder if folder.is_absolute() else self.path.parent / folder
        url = self.database_url
        if url in ("sqlite://", "sqlite:///:memory:"):  # gone with the process: nothing to keep
            return None
        if url.startswith("sqlite:///"):
            return Path(url.removeprefix("sqlite:///")).parent / "cache"
        # The password is not part of the name: changing it keeps the cache.
        name = re.sub(r"//([^/@:\s]+):[^/@\s]*@", r"//\1@", url)
        digest = hashlib.sha256(name.encode()).hexdigest()[:12]
        return self.path.parent / "data" / "cache" / f"{url.split(':', 1)[0].split('+')[0]}-{digest}"


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
