"""Which feeds.yaml is read and load_config: the file's text -> line-aware YAML -> checks ->
a frozen Config, or one ConfigError naming the file, the line, the key and the fix.

The top of the config package: it imports checks, checks imports settings, and settings
imports neither, so the shapes can be imported anywhere without pulling in validation."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from monitor.config.checks import build_config
from monitor.config.settings import Config
from monitor.config.yaml_lines import LineLoader, Problem
from monitor.errors import ConfigError
from monitor.i18n import t

DEFAULT_CONFIG = "feeds.yaml"
CONFIG_ENV = "MONITOR_CONFIG"
DB_ENV = "MONITOR_DB"


def resolve_config_path(path: str | os.PathLike[str] | None = None) -> Path:
    """--config first, then $MONITOR_CONFIG, then ./feeds.yaml."""
    return Path(path or os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG)


def load_config(path: str | os.PathLike[str] | None = None, database: str | None = None) -> Config:
    """Read and validate feeds.yaml; raise ConfigError naming file, line, key and fix."""
    config_path = resolve_config_path(path)
    text = _read_text(config_path)
    try:
        raw = yaml.load(text, Loader=LineLoader)  # a SafeLoader subclass: no object construction
        override = database or os.environ.get(DB_ENV) or None
        return build_config(raw, config_path, _from_cwd(override))
    except Problem as problem:
        raise ConfigError(
            t(
                "{path}, line {line}: {key}: {what}. Fix: {fix}{end}",
                path=config_path,
                line=problem.line,
                key=problem.key,
                what=problem.what,
                fix=problem.fix,
                end="" if problem.fix.endswith(("?", ".")) else ".",
            )
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc)
        if mark is None:
            raise ConfigError(
                t(
                    "{path}: not valid YAML ({reason}). Fix: check the indentation "
                    "and quoting on that line (values with ':' or '#' need quotes).",
                    path=config_path,
                    reason=reason,
                )
            ) from None
        raise ConfigError(
            t(
                "{path}, line {line}: not valid YAML ({reason}). Fix: check the indentation "
                "and quoting on that line (values with ':' or '#' need quotes).",
                path=config_path,
                line=mark.line + 1,
                reason=reason,
            )
        ) from None


def _from_cwd(database: str | None) -> str | None:
    """--db and MONITOR_DB are typed in a shell, so a relative path means the current folder."""
    if database is None or "://" in database:
        return database
    return str(Path(database).expanduser().resolve())


def _read_text(path: Path) -> str:
    if not path.exists():
        raise ConfigError(
            t(
                "{path}: file not found. Fix: create it (copy feeds.yaml from the project) "
                "or pass --config PATH / set {variable}.",
                path=path,
                variable=CONFIG_ENV,
            )
        )
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            t("{path}: not UTF-8 text (byte {byte}). Fix: save the file as UTF-8.", path=path, byte=exc.start)
        ) from None
    except OSError as exc:
        raise ConfigError(
            t("{path}: cannot be read ({reason}). Fix: check it.", path=path, reason=exc.strerror)
        ) from None
