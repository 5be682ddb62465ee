"""feeds.yaml -> frozen settings. All validation lives here, and every message names
the file, the line, the key, what is wrong and the fix."""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from monitor import models
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


# --- YAML with line numbers -------------------------------------------------------------


class _Map(dict):
    """A mapping that knows its line and the line of each key."""

    def __init__(self, *args: Any, line: int = 1) -> None:
        super().__init__(*args)
        self.line = line
        self.key_lines: dict[str, int] = {}


class _List(list):
    """A list that knows its line and the line of each item."""

    line: int = 1
    item_lines: list[int]


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that remembers the line of every key and item, and rejects duplicate keys."""


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    result = _Map(line=node.start_mark.line + 1)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in result:
            raise _Problem(line, str(key), "appears twice in the same block", "keep one of the two")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_list(loader: _LineLoader, node: yaml.SequenceNode) -> _List:
    result = _List(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_list)


class _Problem(Exception):
    """One validation problem, turned into a ConfigError with the file name by load_config."""

    def __init__(self, line: int, key: str, what: str, fix: str) -> None:
        super().__init__(what)
        self.line, self.key, self.what, self.fix = line, key, what, fix


# --- loading ------------------------------------------------------------------------------


def resolve_config_path(path: str | os.PathLike[str] | None = None) -> Path:
    """--config first, then $MONITOR_CONFIG, then ./feeds.yaml."""
    return Path(path or os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG)


def load_config(path: str | os.PathLike[str] | None = None, database: str | None = None) -> Config:
    """Read and validate feeds.yaml; raise ConfigError naming file, line, key and fix."""
    config_path = resolve_config_path(path)
    text = _read_text(config_path)
    try:
        raw = yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass: no object construction
        override = database or os.environ.get(DB_ENV) or None
        return _build_config(raw, config_path, _from_cwd(override))
    except _Problem as problem:
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


def _build_config(raw: Any, path: Path, database: str | None) -> Config:
    if not isinstance(raw, _Map):
        raise _Problem(
            getattr(raw, "line", 1),
            "(top level)",
            "the file must be a mapping with `settings:` and `brands:`",
            "start from the feeds.yaml in the project",
        )
    _check_keys(raw, "", ("settings", "brands"))
    settings = _settings(raw.get("settings", _Map()), raw)
    if "brands" not in raw:
        raise _Problem(1, "brands", "is missing", "add a `brands:` list with at least one brand")
    brands = _brands(raw["brands"], raw.key_lines["brands"], path.parent)
    return Config(path=path, settings=settings, brands=brands, database_override=database)


def _check_keys(block: _Map, where: str, allowed: tuple[str, ...]) -> None:
    for key, line in block.key_lines.items():
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint = f"did you mean `{close[0]}`?" if close else f"allowed: {', '.join(allowed)}"
            raise _Problem(line, _join(where, key), "unknown key", hint)


def _join(where: str, key: object) -> str:
    return f"{where}.{key}" if where else str(key)


def _line(block: _Map, key: str) -> int:
    return block.key_lines.get(key, block.line)


def _require_map(value: Any, line: int, key: str) -> _Map:
    if value is None:  # `settings:` with nothing under it
        return _Map(line=line)
    if not isinstance(value, _Map):
        raise _Problem(line, key, "must be a block of `key: value` lines", "indent its keys")
    return value


def _settings(value: Any, root: _Map) -> Settings:
    block = _require_map(value, _line(root, "settings"), "settings")
    _check_keys(block, "settings", ("database", "timezone", "fetch", "topics", "alerts"))
    defaults = Settings()
    database = _string(block, "settings", "database", defaults.database)
    timezone = _timezone(block, "settings", "timezone", defaults.timezone)
    fetch = _fetch_settings(block.get("fetch", _Map()), _line(block, "fetch"))
    topics = _topic_settings(block.get("topics", _Map()), _line(block, "topics"))
    alerts = _alert_settings(block.get("alerts", _Map()), _line(block, "alerts"))
    return Settings(database=database, timezone=timezone, fetch=fetch, topics=topics, alerts=alerts)


def _alert_settings(value: Any, line: int) -> AlertSettings:
    block = _require_map(value, line, "settings.alerts")
    where = "settings.alerts"
    _check_keys(block, where, ("webhook_url", "dashboard_url", "timeout_seconds"))
    defaults = AlertSettings()
    urls = {}
    for key, default in (("webhook_url", None), ("dashboard_url", defaults.dashboard_url)):
        url = _string(block, where, key, default)
        if url is not None and not re.match(r"^https?://[^/\s]+", url, flags=re.IGNORECASE):
            raise _Problem(
                _line(block, key),
                f"{where}.{key}",
                f"{redact_url(url)!r} is not an http(s) URL",
                "write https://...",
            )
        urls[key] = url
    return AlertSettings(
        webhook_url=urls["webhook_url"],
        dashboard_url=urls["dashboard_url"].rstrip("/"),
        timeout_seconds=_number(block, where, "timeout_seconds", defaults.timeout_seconds, 1, 120),
    )


def _fetch_settings(value: Any, line: int) -> FetchSettings:
    block = _require_map(value, line, "settings.fetch")
    where = "settings.fetch"
    _check_keys(block, where, ("timeout_seconds", "max_bytes", "user_agent"))
    defaults = FetchSettings()
    return FetchSettings(
        timeout_seconds=_number(block, where, "timeout_seconds", defaults.timeout_seconds, 1, 600),
        max_bytes=int(_number(block, where, "max_bytes", defaults.max_bytes, 1_000, 2**31)),
        user_agent=_string(block, where, "user_agent", defaults.user_agent),
    )


def _topic_settings(value: Any, line: int) -> TopicSettings:
    block = _require_map(value, line, "settings.topics")
    where = "settings.topics"
    _check_keys(block, where, ("n_topics", "refit_after_new_posts", "random_state"))
    defaults = TopicSettings()
    n_topics = block.get("n_topics", defaults.n_topics)
    if n_topics != "auto" and not (isinstance(n_topics, int) and 2 <= n_topics <= 500):
        raise _Problem(
            _line(block, "n_topics"),
            f"{where}.n_topics",
            f"{n_topics!r} is not a number of topics",
            "write `auto` or a whole number from 2 to 500",
        )
    return TopicSettings(
        n_topics=n_topics,
        refit_after_new_posts=int(
            _number(block, where, "refit_after_new_posts", defaults.refit_after_new_posts, 1, 10**9)
        ),
        random_state=int(_number(block, where, "random_state", defaults.random_state, 0, 2**31)),
    )


def _string(block: _Map, where: str, key: str, default: str | None) -> Any:
    value = block.get(key, default)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise _Problem(_line(block, key), _join(where, key), f"{value!r} is not text", "write a text value")
    return value.strip() if isinstance(value, str) else value


def _number(block: _Map, where: str, key: str, default: float, low: float, high: float) -> float:
    value = block.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise _Problem(
            _line(block, key),
            _join(where, key),
            f"{value!r} is not a number from {low:g} to {high:g}",
            f"write a number such as {default:g}",
        )
    return value


def _timezone(block: _Map, where: str, key: str, default: str | None) -> str | None:
    name = _string(block, where, key, default)
    if name is None:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise _Problem(
            _line(block, key),
            _join(where, key),
            f"{name!r} is not a known time zone",
            "use an IANA name such as Europe/Ljubljana or UTC",
        ) from None
    return name


def _brands(value: Any, line: int, base_dir: Path) -> tuple[BrandConfig, ...]:
    if not isinstance(value, _List) or not value:
        raise _Problem(line, "brands", "must be a non-empty list", "add `- name: ...` items")
    brands = tuple(
        _brand(item, f"brands[{i}]", item_line, base_dir)
        for i, (item, item_line) in enumerate(zip(value, value.item_lines, strict=True))
    )
    _check_unique_brands(brands, value)
    _check_unique_feeds(brands, value)
    own = [i for i, brand in enumerate(brands) if brand.own]
    fix = "mark exactly one brand, your own, with `own: true`"
    if not own:
        raise _Problem(line, "brands", "no brand is marked `own: true`", fix)
    if len(own) > 1:  # point at the second `own: true`, naming both brands
        second = own[1]
        names = " and ".join(repr(brands[i].name) for i in own[:2])
        raise _Problem(value[second].key_lines["own"], f"brands[{second}].own", f"{names} are both own", fix)
    return brands


def _brand(value: Any, where: str, line: int, base_dir: Path) -> BrandConfig:
    block = _require_map(value, line, where)
    _check_keys(block, where, ("name", "own", "feeds"))
    name = _string(block, where, "name", None)
    if name is None:
        raise _Problem(line, f"{where}.name", "is missing", "give the brand a `name:`")
    own = block.get("own", False)
    if not isinstance(own, bool):
        raise _Problem(
            _line(block, "own"), f"{where}.own", f"{own!r} is not true/false", "write true or false"
        )
    feeds_value = block.get("feeds")
    if not isinstance(feeds_value, _List) or not feeds_value:
        raise _Problem(
            _line(block, "feeds"),
            f"{where}.feeds",
            "must be a non-empty list",
            "add at least one `- name: ...` feed with kind rss or csv",
        )
    feeds = tuple(
        _feed(item, f"{where}.feeds[{i}]", item_line, name, base_dir)
        for i, (item, item_line) in enumerate(zip(feeds_value, feeds_value.item_lines, strict=True))
    )
    return BrandConfig(name=name, own=own, feeds=feeds)


RSS_KEYS = ("name", "kind", "url", "path", "channel")
CSV_KEYS = (*RSS_KEYS, "delimiter", "encoding", "date_format", "timezone", "columns")


def _feed(value: Any, where: str, line: int, brand: str, base_dir: Path) -> FeedConfig:
    block = _require_map(value, line, where)
    _check_keys(block, where, CSV_KEYS)
    name = _string(block, where, "name", None)
    if name is None:
        raise _Problem(line, f"{where}.name", "is missing", "give the feed a unique `name:`")
    kind = _feed_kind(block, where)
    if kind == "rss":
        _check_keys(block, where, RSS_KEYS)
    url, path = _feed_source(block, where, kind, base_dir)
    common = {
        "feed_id": slugify(name),
        "name": name,
        "brand": brand,
        "kind": kind,
        "channel": _channel(block, where, kind),
        "url": url,
        "path": path,
    }
    if kind == "rss":
        return FeedConfig(**common)
    return FeedConfig(**common, **_csv_options(block, where))


def _feed_kind(block: _Map, where: str) -> str:
    kind = block.get("kind")
    if kind not in FEED_KINDS:
        close = difflib.get_close_matches(str(kind), FEED_KINDS, n=1, cutoff=0.5)
        hint = f" (did you mean `{close[0]}`?)" if close else ""
        raise _Problem(
            _line(block, "kind"),
            f"{where}.kind",
            "is missing" if kind is None else f"{kind!r} is not a feed kind",
            f"write `kind: rss` for RSS/Atom or `kind: csv` for a CSV export{hint}",
        )
    return kind


def _feed_source(block: _Map, where: str, kind: str, base_dir: Path) -> tuple[str | None, Path | None]:
    url = _string(block, where, "url", None)
    path = _string(block, where, "path", None)
    if (url is None) == (path is None):
        raise _Problem(
            block.line,
            where,
            "needs exactly one of `url:` (https://...) or `path:` (a local file)",
            "keep one of the two" if url else "add `url: https://...` or `path: feeds/file.xml`",
        )
    if url is not None:
        if kind == "csv":
            raise _Problem(
                _line(block, "url"),
                f"{where}.url",
                "CSV feeds are read from local files",
                "download the export and write `path: exports/file.csv`",
            )
        if not re.match(r"^https?://[^/\s]+", url, flags=re.IGNORECASE):
            raise _Problem(
                _line(block, "url"),
                f"{where}.url",
                f"{redact_url(url)!r} is not an http(s) URL",
                "write a URL starting with https:// or use `path:` for a local file",
            )
        return url, None
    resolved = Path(path).expanduser()
    return None, resolved if resolved.is_absolute() else base_dir / resolved


def redact_url(url: str) -> str:
    """Hide a password in user:pass@host URLs and token-like query values, so messages,
    the store and the status table never leak them."""
    url = re.sub(r"//([^/@:\s]+):[^/@\s]*@", r"//\1:***@", url)
    return re.sub(r"(?i)([?&](?:token|key|apikey|api_key|secret|password|sig)=)[^&]+", r"\1***", url)


def _channel(block: _Map, where: str, kind: str) -> str:
    default = "blog" if kind == "rss" else "other"
    channel = _string(block, where, "channel", default).lower()
    if not re.fullmatch(r"[a-z0-9_-]{1,40}", channel):
        raise _Problem(
            _line(block, "channel"),
            f"{where}.channel",
            f"{channel!r} is not a channel name",
            f"use a short word such as {', '.join(models.CHANNELS[:8])}",
        )
    return channel


def _csv_options(block: _Map, where: str) -> dict[str, Any]:
    delimiter = _string(block, where, "delimiter", ",")
    if delimiter in ("\\t", "tab"):
        delimiter = "\t"
    if len(delimiter) != 1:
        raise _Problem(
            _line(block, "delimiter"),
            f"{where}.delimiter",
            f"{delimiter!r} is not one character",
            'write one character in quotes, such as "," or ";" or "tab"',
        )
    encoding = _encoding(block, where)
    date_format = _string(block, where, "date_format", None)
    if date_format is not None and "%" not in date_format:
        raise _Problem(
            _line(block, "date_format"),
            f"{where}.date_format",
            f"{date_format!r} has no % codes",
            'write a strptime format such as "%d.%m.%Y %H:%M", or remove it for ISO dates',
        )
    return {
        "delimiter": delimiter,
        "encoding": encoding,
        "date_format": date_format,
        "timezone": _timezone(block, where, "timezone", None),
        "columns": _columns(block, where),
    }


def _encoding(block: _Map, where: str) -> str:
    import codecs

    encoding = _string(block, where, "encoding", "utf-8")
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise _Problem(
            _line(block, "encoding"),
            f"{where}.encoding",
            f"{encoding!r} is not a known text encoding",
            "use utf-8, utf-8-sig, cp1250, latin-1 or another Python codec name",
        ) from None
    return encoding


def _columns(block: _Map, where: str) -> tuple[tuple[str, str], ...]:
    key = f"{where}.columns"
    columns = block.get("columns")
    if columns is None:
        raise _Problem(
            block.line,
            key,
            "is missing",
            "map at least `text:` and `published:` to the export's column headers",
        )
    columns = _require_map(columns, _line(block, "columns"), key)
    _check_keys(columns, key, models.CSV_MAPPABLE_FIELDS)
    for name, header in columns.items():
        if not isinstance(header, str) or not header.strip():
            raise _Problem(
                columns.key_lines[name],
                f"{key}.{name}",
                f"{header!r} is not a column header",
                "write the header exactly as in the CSV's first row, in quotes if needed",
            )
    for required in REQUIRED_CSV_FIELDS:
        if required not in columns:
            raise _Problem(
                columns.line,
                f"{key}.{required}",
                "is missing",
                f"map `{required}:` to the export's column header",
            )
    return tuple((name, header.strip()) for name, header in columns.items())


def _check_unique_brands(brands: tuple[BrandConfig, ...], value: _List) -> None:
    seen: set[str] = set()
    for brand, line in zip(brands, value.item_lines, strict=True):
        if brand.name.casefold() in seen:
            raise _Problem(line, "brands", f"brand {brand.name!r} is listed twice", "merge them")
        seen.add(brand.name.casefold())


def _check_unique_feeds(brands: tuple[BrandConfig, ...], value: _List) -> None:
    seen: dict[str, str] = {}
    for i, brand in enumerate(brands):
        for j, feed in enumerate(brand.feeds):
            if feed.feed_id in seen:
                raise _Problem(
                    value[i]["feeds"][j].key_lines["name"],  # the clashing feed's own line
                    f"brands[{i}].feeds[{j}].name",
                    f"feed name {feed.name!r} clashes with {seen[feed.feed_id]!r}",
                    "give every feed a unique name",
                )
            seen[feed.feed_id] = feed.name
