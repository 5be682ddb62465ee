"""feeds.yaml as YAML that remembers lines, and the checks every block of it shares. A
Problem names the line, the key, what is wrong and the fix; load_config adds the file."""

from __future__ import annotations

import difflib
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from monitor.i18n import t


class Block(dict):
    """A mapping that knows its line and the line of each key."""

    def __init__(self, *args: Any, line: int = 1) -> None:
        super().__init__(*args)
        self.line = line
        self.key_lines: dict[str, int] = {}


class Items(list):
    """A list that knows its line and the line of each item."""

    line: int = 1
    item_lines: list[int]


class LineLoader(yaml.SafeLoader):
    """SafeLoader that remembers the line of every key and item, and rejects duplicate keys."""


def _construct_map(loader: LineLoader, node: yaml.MappingNode) -> Block:
    loader.flatten_mapping(node)
    result = Block(line=node.start_mark.line + 1)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in result:
            raise Problem(line, str(key), t("appears twice in the same block"), t("keep one of the two"))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_list(loader: LineLoader, node: yaml.SequenceNode) -> Items:
    result = Items(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp(loader: LineLoader, node: yaml.ScalarNode) -> Any:
    """A date-shaped value that is no day (2026-02-30) stays text: PyYAML would raise a bare
    ValueError without a line, and the key's own check names the line and the fix."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_list)
LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


class Problem(Exception):
    """One validation problem, turned into a ConfigError with the file name by load_config."""

    def __init__(self, line: int, key: str, what: str, fix: str) -> None:
        super().__init__(what)
        self.line, self.key, self.what, self.fix = line, key, what, fix


def check_keys(block: Block, where: str, allowed: tuple[str, ...]) -> None:
    for key, line in block.key_lines.items():
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint = (
                t("did you mean `{key}`?", key=close[0])
                if close
                else t("allowed: {keys}", keys=", ".join(allowed))
            )
            raise Problem(line, join_key(where, key), t("unknown key"), hint)


def join_key(where: str, key: object) -> str:
    return f"{where}.{key}" if where else str(key)


def line_of(block: Block, key: str) -> int:
    return block.key_lines.get(key, block.line)


def require_block(value: Any, line: int, key: str) -> Block:
    if value is None:  # `settings:` with nothing under it
        return Block(line=line)
    if not isinstance(value, Block):
        raise Problem(line, key, t("must be a block of `key: value` lines"), t("indent its keys"))
    return value


def text_value(block: Block, where: str, key: str, default: str | None) -> Any:
    value = block.get(key, default)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise Problem(
            line_of(block, key),
            join_key(where, key),
            t("{value} is not text", value=repr(value)),
            t("write a text value"),
        )
    return value.strip() if isinstance(value, str) else value


def number_value(block: Block, where: str, key: str, default: float, low: float, high: float) -> float:
    value = block.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise Problem(
            line_of(block, key),
            join_key(where, key),
            # Numbers as written in YAML (a point for decimals), whatever the language.
            t(
                "{value} is not a number from {low} to {high}",
                value=repr(value),
                low=f"{low:g}",
                high=f"{high:g}",
            ),
            t("write a number such as {default}", default=f"{default:g}"),
        )
    return value


def timezone_value(block: Block, where: str, key: str, default: str | None) -> str | None:
    name = text_value(block, where, key, default)
    if name is None:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise Problem(
            line_of(block, key),
            join_key(where, key),
            t("{name} is not a known time zone", name=repr(name)),
            t("use an IANA name such as Europe/Ljubljana or UTC"),
        ) from None
    return name


def date_value(block: Block, where: str, key: str) -> date | None:
    """An optional day, written 2026-11-22 (YAML reads it as a date; quoted, it is text)."""
    value = block.get(key)
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise Problem(
            line_of(block, key),
            join_key(where, key),
            t("{value} is not a day", value=repr(value)),
            t("write a day as YYYY-MM-DD, such as 2026-11-22, or remove the line"),
        ) from None
