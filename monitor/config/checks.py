"""The blocks of feeds.yaml -> frozen settings: every check of the settings, brands and
feeds, each raising a Problem that names the line, the key, what is wrong and the fix."""

from __future__ import annotations

import difflib
import re
from dataclasses import fields
from pathlib import Path
from typing import Any

from monitor import models
from monitor.config import registry
from monitor.config.registry import Setting
from monitor.config.settings import (
    FEED_KINDS,
    MAX_NAME_LENGTH,
    REQUIRED_CSV_FIELDS,
    BrandConfig,
    Config,
    FeedConfig,
    Settings,
    clean_name,
    redact_url,
    slugify,
)
from monitor.config.yaml_lines import (
    Block,
    Items,
    Problem,
    check_keys,
    date_value,
    line_of,
    number_value,
    require_block,
    text_value,
    timezone_value,
)
from monitor.i18n import t, tn


def build_config(raw: Any, path: Path, database: str | None) -> Config:
    if not isinstance(raw, Block):
        raise Problem(
            getattr(raw, "line", 1),
            t("(top level)"),
            t("the file must be a mapping with `settings:` and `brands:`"),
            t("start from the feeds.yaml in the project"),
        )
    check_keys(raw, "", ("settings", "brands"))
    settings = _settings(raw.get("settings", Block()), raw)
    if "brands" not in raw:
        raise Problem(1, "brands", t("is missing"), t("add a `brands:` list with at least one brand"))
    brands = _brands(raw["brands"], raw.key_lines["brands"], path.parent)
    return Config(path=path, settings=settings, brands=brands, database_override=database)


def _settings(value: Any, root: Block) -> Settings:
    return _settings_block(Settings, "settings", value, line_of(root, "settings"))


def _settings_block(shape: type, where: str, value: Any, line: int) -> Any:
    """One block of `settings:` read as registry.SETTINGS says: its allowed keys, then each
    key in table order (so the first mistake in that order is the one reported), nested
    blocks becoming the dataclass their field defaults to."""
    block = require_block(value, line, where)
    keys = registry.keys_of(where)
    check_keys(block, where, keys)
    nested = {item.name: item.default_factory for item in fields(shape)}
    values = {}
    for key in keys:
        path = f"{where}.{key}"
        if registry.is_block(path):
            values[key] = _settings_block(nested[key], path, block.get(key, Block()), line_of(block, key))
        else:
            setting = registry.BY_PATH[path]
            values[key] = READERS[setting.kind](block, setting)
    return shape(**values)


def _text(block: Block, setting: Setting) -> Any:
    value = text_value(block, setting.block, setting.key, setting.default)
    if value is None and setting.default is not None:  # `key:` with nothing after it
        raise Problem(
            line_of(block, setting.key),
            setting.path,
            t("has no value"),
            t("write a value, or remove the line for the default ({default})", default=setting.default),
        )
    return value


def _timezone(block: Block, setting: Setting) -> str | None:
    _text(block, setting)  # an empty value gets the same message as for text
    return timezone_value(block, setting.block, setting.key, setting.default)


def _day(block: Block, setting: Setting) -> Any:
    day = date_value(block, setting.block, setting.key)
    return setting.default if day is None else day


def _number(block: Block, setting: Setting) -> float:
    return number_value(block, setting.block, setting.key, setting.default, setting.low, setting.high)


def _whole(block: Block, setting: Setting) -> int:
    return int(_number(block, setting))


def _topic_count(block: Block, setting: Setting) -> int | str:
    value = block.get(setting.key, setting.default)
    low, high = setting.low, setting.high
    if value not in setting.choices and not (isinstance(value, int) and low <= value <= high):
        raise Problem(
            line_of(block, setting.key),
            setting.path,
            t("{value} is not a number of topics", value=repr(value)),
            t(
                "write {choices} or a whole number from {low} to {high}",
                choices=_either(setting.choices),
                low=low,
                high=high,
            ),
        )
    return value


def _url(block: Block, setting: Setting) -> str | None:
    url = _text(block, setting)
    if url is not None and not re.match(r"^https?://[^/\s]+", url, flags=re.IGNORECASE):
        # A webhook's secret is its path (hooks.slack.com/services/T…/B…/…): never shown.
        secret = setting.kind == "secret_url"
        shown = t("the URL (starting {start}…)", start=repr(url[:6])) if secret else repr(redact_url(url))
        raise Problem(
            line_of(block, setting.key),
            setting.path,
            t("{url} is not an http(s) URL", url=shown),
            t("write https://..."),
        )
    if url is not None and setting.kind == "base_url":
        return url.rstrip("/")  # links are made as base + "/page"
    return url


def _choice(block: Block, setting: Setting) -> str:
    value = _text(block, setting)
    if value not in setting.choices:
        raise Problem(
            line_of(block, setting.key),
            setting.path,
            t("{value} is not allowed", value=repr(value)),
            t("write {choices}", choices=_either(setting.choices)),
        )
    return value


def _either(choices: tuple[str, ...]) -> str:
    """`a` or `b` or `c`: the choices in backticks, joined by the language's "or"."""
    words = [f"`{choice}`" for choice in choices]
    joined = words[0] if words else ""
    for word in words[1:]:
        joined = t("{first} or {second}", first=joined, second=word)
    return joined


# A plain check, not RFC 5322: a name the proxy or the login gives must match one listed.
_ADDRESS = re.compile(r"^[^@\s,]+@[^@\s,]+$")


def _addresses(block: Block, setting: Setting) -> tuple[str, ...]:
    """A YAML list or one comma-separated line of addresses (or `*`), lower case: proxies
    and identity providers do not agree on the case of an address."""
    value = block.get(setting.key, setting.default)
    if value == setting.default:
        return value
    line = line_of(block, setting.key)
    if value is None or value == [] or (isinstance(value, str) and not value.strip()):
        raise Problem(
            line, setting.path, t("has no value"), t("list addresses, or remove the line for the default")
        )
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise Problem(
            line,
            setting.path,
            t("is not a list of addresses"),
            t("write e.g. [ana@example.com, bor@example.com]"),
        )
    addresses = tuple(dict.fromkeys(item.strip().lower() for item in items if item.strip()))
    wrong = [item for item in addresses if item != "*" and not _ADDRESS.match(item)]
    if wrong:
        raise Problem(
            line,
            setting.path,
            t("{address} is not an e-mail address", address=repr(wrong[0])),
            t("write name@example.com, or *"),
        )
    return addresses


# registry.KIND_WORDS names these kinds; a test checks every kind has a reader.
READERS = {
    "text": _text,
    "timezone": _timezone,
    "day": _day,
    "number": _number,
    "whole": _whole,
    "topic_count": _topic_count,
    "secret_url": _url,
    "base_url": _url,
    "choice": _choice,
    "addresses": _addresses,
}


def _brands(value: Any, line: int, base_dir: Path) -> tuple[BrandConfig, ...]:
    if not isinstance(value, Items) or not value:
        raise Problem(line, "brands", t("must be a non-empty list"), t("add `- name: ...` items"))
    brands = tuple(
        _brand(item, f"brands[{i}]", item_line, base_dir)
        for i, (item, item_line) in enumerate(zip(value, value.item_lines, strict=True))
    )
    _check_unique_brands(brands, value)
    _check_unique_feeds(brands, value)
    own = [i for i, brand in enumerate(brands) if brand.own]
    fix = t("mark exactly one brand, your own, with `own: true`")
    if not own:
        raise Problem(line, "brands", t("no brand is marked `own: true`"), fix)
    if len(own) > 1:  # point at the second `own: true`, naming both brands
        first, second = own[:2]
        raise Problem(
            value[second].key_lines["own"],
            f"brands[{second}].own",
            t(
                "{first} and {second} are both own",
                first=repr(brands[first].name),
                second=repr(brands[second].name),
            ),
            fix,
        )
    return brands


def _brand(value: Any, where: str, line: int, base_dir: Path) -> BrandConfig:
    block = require_block(value, line, where)
    check_keys(block, where, ("name", "own", "feeds"))
    name = _name(block, where)
    if name is None:
        raise Problem(line, f"{where}.name", t("is missing"), t("give the brand a `name:`"))
    own = block.get("own", False)
    if not isinstance(own, bool):
        raise Problem(
            line_of(block, "own"),
            f"{where}.own",
            t("{value} is not true/false", value=repr(own)),
            t("write true or false"),
        )
    feeds_value = block.get("feeds")
    if not isinstance(feeds_value, Items) or not feeds_value:
        raise Problem(
            line_of(block, "feeds"),
            f"{where}.feeds",
            t("must be a non-empty list"),
            t("add at least one `- name: ...` feed with kind rss or csv"),
        )
    feeds = tuple(
        _feed(item, f"{where}.feeds[{i}]", item_line, name, base_dir)
        for i, (item, item_line) in enumerate(zip(feeds_value, feeds_value.item_lines, strict=True))
    )
    return BrandConfig(name=name, own=own, feeds=feeds)


def _name(block: Block, where: str) -> str | None:
    """A brand's or feed's name, cleaned of control characters (clean_name) and short
    enough for a table column; None when missing."""
    written = text_value(block, where, "name", None)
    if written is None:
        return None
    name = clean_name(written)
    fix = tn(
        "write a name of at most {n} character, such as `name: Lipa Mobil blog`",
        "write a name of at most {n} characters, such as `name: Lipa Mobil blog`",
        MAX_NAME_LENGTH,
    )
    if not name:
        raise Problem(line_of(block, "name"), f"{where}.name", t("has no visible characters"), fix)
    if len(name) > MAX_NAME_LENGTH:
        raise Problem(
            line_of(block, "name"),
            f"{where}.name",
            tn(
                "is {n} character long, too long for tables and charts",
                "is {n} characters long, too long for tables and charts",
                len(name),
            ),
            fix,
        )
    return name


RSS_KEYS = ("name", "kind", "url", "path", "channel")
CSV_KEYS = (*RSS_KEYS, "delimiter", "encoding", "date_format", "timezone", "columns")


def _feed(value: Any, where: str, line: int, brand: str, base_dir: Path) -> FeedConfig:
    block = require_block(value, line, where)
    check_keys(block, where, CSV_KEYS)
    name = _name(block, where)
    if name is None:
        raise Problem(line, f"{where}.name", t("is missing"), t("give the feed a unique `name:`"))
    kind = _feed_kind(block, where)
    if kind == "rss":
        check_keys(block, where, RSS_KEYS)
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


def _feed_kind(block: Block, where: str) -> str:
    kind = block.get("kind")
    if kind not in FEED_KINDS:
        close = difflib.get_close_matches(str(kind), FEED_KINDS, n=1, cutoff=0.5)
        fix = (
            t(
                "write `kind: rss` for RSS/Atom or `kind: csv` for a CSV export (did you mean `{kind}`?)",
                kind=close[0],
            )
            if close
            else t("write `kind: rss` for RSS/Atom or `kind: csv` for a CSV export")
        )
        raise Problem(
            line_of(block, "kind"),
            f"{where}.kind",
            t("is missing") if kind is None else t("{kind} is not a feed kind", kind=repr(kind)),
            fix,
        )
    return kind


def _feed_source(block: Block, where: str, kind: str, base_dir: Path) -> tuple[str | None, Path | None]:
    url = text_value(block, where, "url", None)
    path = text_value(block, where, "path", None)
    if (url is None) == (path is None):
        raise Problem(
            block.line,
            where,
            t("needs exactly one of `url:` (https://...) or `path:` (a local file)"),
            t("keep one of the two") if url else t("add `url: https://...` or `path: feeds/file.xml`"),
        )
    if url is not None:
        if kind == "csv":
            raise Problem(
                line_of(block, "url"),
                f"{where}.url",
                t("CSV feeds are read from local files"),
                t("download the export and write `path: exports/file.csv`"),
            )
        if not re.match(r"^https?://[^/\s]+", url, flags=re.IGNORECASE):
            raise Problem(
                line_of(block, "url"),
                f"{where}.url",
                t("{url} is not an http(s) URL", url=repr(redact_url(url))),
                t("write a URL starting with https:// or use `path:` for a local file"),
            )
        return url, None
    resolved = Path(path).expanduser()
    return None, resolved if resolved.is_absolute() else base_dir / resolved


def _channel(block: Block, where: str, kind: str) -> str:
    default = "blog" if kind == "rss" else "other"
    channel = text_value(block, where, "channel", default).lower()
    if not re.fullmatch(r"[a-z0-9_-]{1,40}", channel):
        raise Problem(
            line_of(block, "channel"),
            f"{where}.channel",
            t("{channel} is not a channel name", channel=repr(channel)),
            t("use a short word such as {channels}", channels=", ".join(models.CHANNELS[:8])),
        )
    return channel


def _csv_options(block: Block, where: str) -> dict[str, Any]:
    delimiter = text_value(block, where, "delimiter", ",")
    if delimiter in ("\\t", "tab"):
        delimiter = "\t"
    if len(delimiter) != 1:
        raise Problem(
            line_of(block, "delimiter"),
            f"{where}.delimiter",
            t("{delimiter} is not one character", delimiter=repr(delimiter)),
            t('write one character in quotes, such as "," or ";" or "tab"'),
        )
    encoding = _encoding(block, where)
    date_format = text_value(block, where, "date_format", None)
    if date_format is not None and "%" not in date_format:
        raise Problem(
            line_of(block, "date_format"),
            f"{where}.date_format",
            t("{date_format} has no % codes", date_format=repr(date_format)),
            t('write a strptime format such as "%d.%m.%Y %H:%M", or remove it for ISO dates'),
        )
    return {
        "delimiter": delimiter,
        "encoding": encoding,
        "date_format": date_format,
        "timezone": timezone_value(block, where, "timezone", None),
        "columns": _columns(block, where),
    }


def _encoding(block: Block, where: str) -> str:
    import codecs

    encoding = text_value(block, where, "encoding", "utf-8")
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise Problem(
            line_of(block, "encoding"),
            f"{where}.encoding",
            t("{encoding} is not a known text encoding", encoding=repr(encoding)),
            t("use utf-8, utf-8-sig, cp1250, latin-1 or another Python codec name"),
        ) from None
    return encoding


def _columns(block: Block, where: str) -> tuple[tuple[str, str], ...]:
    key = f"{where}.columns"
    columns = block.get("columns")
    if columns is None:
        raise Problem(
            block.line,
            key,
            t("is missing"),
            t("map at least `text:` and `published:` to the export's column headers"),
        )
    columns = require_block(columns, line_of(block, "columns"), key)
    check_keys(columns, key, models.CSV_MAPPABLE_FIELDS)
    for name, header in columns.items():
        if not isinstance(header, str) or not header.strip():
            raise Problem(
                columns.key_lines[name],
                f"{key}.{name}",
                t("{header} is not a column header", header=repr(header)),
                t("write the header exactly as in the CSV's first row, in quotes if needed"),
            )
    for required in REQUIRED_CSV_FIELDS:
        if required not in columns:
            raise Problem(
                columns.line,
                f"{key}.{required}",
                t("is missing"),
                t("map `{field}:` to the export's column header", field=required),
            )
    return tuple((name, header.strip()) for name, header in columns.items())


def _check_unique_brands(brands: tuple[BrandConfig, ...], value: Items) -> None:
    seen: set[str] = set()
    for brand, line in zip(brands, value.item_lines, strict=True):
        if brand.name.casefold() in seen:
            raise Problem(
                line, "brands", t("brand {brand} is listed twice", brand=repr(brand.name)), t("merge them")
            )
        seen.add(brand.name.casefold())


def _check_unique_feeds(brands: tuple[BrandConfig, ...], value: Items) -> None:
    seen: dict[str, str] = {}
    for i, brand in enumerate(brands):
        for j, feed in enumerate(brand.feeds):
            if feed.feed_id in seen:
                raise Problem(
                    value[i]["feeds"][j].key_lines["name"],  # the clashing feed's own line
                    f"brands[{i}].feeds[{j}].name",
                    t(
                        "feed name {name} clashes with {other}",
                        name=repr(feed.name),
                        other=repr(seen[feed.feed_id]),
                    ),
                    t("give every feed a unique name"),
                )
            seen[feed.feed_id] = feed.name
