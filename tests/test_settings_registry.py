"""registry.SETTINGS is the one list of settings: the docs reference is rendered from it,
the Settings dataclasses agree with it key for key and default for default, and the checks
take their ranges and allowed keys from it."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import MISSING, fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from monitor.config import registry
from monitor.config.checks import READERS
from monitor.config.load import load_config
from monitor.config.settings import Settings
from monitor.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]
REGENERATE = "python -m monitor.config.registry --write"
BRANDS = "brands:\n  - name: Lipa\n    own: true\n    feeds:\n      - name: Blog\n        kind: rss\n"
BRANDS += "        url: https://a.example/\n"


def dataclass_defaults(shape: type = Settings, prefix: str = "settings") -> dict[str, Any]:
    """Every leaf field of the settings dataclasses: path -> default."""
    found = {}
    for item in fields(shape):
        path = f"{prefix}.{item.name}"
        if item.default_factory is not MISSING and is_dataclass(item.default_factory):
            found |= dataclass_defaults(item.default_factory, path)
        else:
            found[path] = item.default
    return found


def settings_text(path: str, value: str) -> str:
    """`settings.fetch.timeout_seconds`, 5 -> the nested YAML lines that set it."""
    parts = path.split(".")
    lines = [f"{'  ' * depth}{part}:" for depth, part in enumerate(parts[:-1])]
    return "\n".join([*lines, f"{'  ' * (len(parts) - 1)}{parts[-1]}: {value}"]) + "\n" + BRANDS


def read(settings: Settings, path: str) -> Any:
    value: Any = settings
    for part in path.split(".")[1:]:
        value = getattr(value, part)
    return value


# --- the registry, the docs and the dataclasses agree -------------------------------------


def test_docs_reference_is_the_rendered_registry():
    docs = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")

    assert registry.docs_block(docs) == registry.render_reference(), (
        f"docs/configuration.md's settings reference is out of date: run `{REGENERATE}`"
    )


def test_every_dataclass_field_has_a_registry_entry_and_back():
    in_dataclasses = set(dataclass_defaults())
    in_registry = {setting.path for setting in registry.SETTINGS}

    assert not in_dataclasses - in_registry, "add these to registry.SETTINGS"
    assert not in_registry - in_dataclasses, "these are in registry.SETTINGS but in no dataclass"
    assert len(registry.SETTINGS) == len(in_registry), "a path is listed twice"


def test_registry_defaults_are_the_dataclass_defaults():
    defaults = dataclass_defaults()

    for setting in registry.SETTINGS:
        expected = defaults[setting.path]
        assert (type(setting.default), setting.default) == (type(expected), expected), setting.path


def test_every_kind_has_a_reader_and_every_range_is_whole():
    assert set(READERS) == set(registry.KIND_WORDS)
    for setting in registry.SETTINGS:
        assert setting.kind in registry.KIND_WORDS, setting.path
        if setting.low is not None or setting.high is not None:
            assert isinstance(setting.low, int) and isinstance(setting.high, int), setting.path
            assert setting.low <= setting.high, setting.path


def test_regenerating_the_docs_changes_only_the_marked_block():
    text = "intro\n\n<!-- settings:start -->\nstale\n<!-- settings:end -->\n\nafter\n"

    written = registry.with_reference(text)

    assert written.startswith("intro\n\n<!-- settings:start -->\n")
    assert written.endswith("<!-- settings:end -->\n\nafter\n")
    assert registry.docs_block(written) == registry.render_reference()
    with pytest.raises(ValueError, match="markers"):
        registry.with_reference("no markers")


# --- the checks follow the registry --------------------------------------------------------


def test_a_file_without_settings_gets_the_registry_defaults(write_config):
    settings = load_config(write_config(BRANDS)).settings

    assert settings == Settings()
    for setting in registry.SETTINGS:
        assert read(settings, setting.path) == setting.default, setting.path


RANGED = [setting for setting in registry.SETTINGS if setting.low is not None]


@pytest.mark.parametrize("setting", RANGED, ids=[setting.path for setting in RANGED])
def test_the_registry_range_is_what_the_checks_allow(write_config, setting):
    for allowed in (setting.low, setting.high):
        settings = load_config(write_config(settings_text(setting.path, str(allowed)))).settings
        assert read(settings, setting.path) == allowed
    for refused in (setting.low - 1, setting.high + 1):
        with pytest.raises(ConfigError) as caught:
            load_config(write_config(settings_text(setting.path, str(refused))))
        assert f": {setting.path}: {refused} is not a" in str(caught.value)


@pytest.mark.parametrize("block", registry.blocks())
def test_an_unknown_key_lists_the_keys_the_registry_allows(write_config, block):
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(settings_text(f"{block}.zzz", "1")))

    assert f"{block}.zzz: unknown key. Fix: allowed: {', '.join(registry.keys_of(block))}." in str(
        caught.value
    )


@pytest.mark.parametrize("setting", registry.SETTINGS, ids=[s.path for s in registry.SETTINGS])
def test_a_key_written_without_a_value(write_config, setting):
    """`key:` with nothing after it: optional settings stay unset, the others name the key
    (a None where text is expected used to crash later, far from the file)."""
    path = write_config(settings_text(setting.path, ""))
    if setting.default is None:
        assert read(load_config(path).settings, setting.path) is None
        return
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert f"line {len(setting.path.split('.'))}: {setting.path}: " in str(caught.value)


@pytest.mark.parametrize("written", ["2026-02-30", "2026-13-01"])
def test_a_date_that_is_no_day_gets_the_day_message(write_config, written):
    """PyYAML raises a bare ValueError for these; the file's line and fix must be named."""
    with pytest.raises(ConfigError, match=r"line 2: settings\.as_of: .* is not a day\. Fix: write a day"):
        load_config(write_config(settings_text("settings.as_of", written)))
    assert load_config(write_config(settings_text("settings.as_of", "2028-02-29"))).settings.as_of == date(
        2028, 2, 29
    )


# --- no import cycle -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "not_loaded"),
    [
        ("monitor.config.settings", ("checks", "load", "registry")),
        ("monitor.config.registry", ("checks", "load")),
        ("monitor.config.checks", ("load",)),
    ],
)
def test_config_modules_import_downwards_only(module, not_loaded):
    """settings <- registry <- checks <- load: importing one never pulls in those above it."""
    code = f"import sys, {module}; print(' '.join(sorted(sys.modules)))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()

    assert not [name for name in not_loaded if f"monitor.config.{name}" in loaded]


def test_the_settings_command_and_its_help_list_every_setting_from_the_registry():
    shown = subprocess.run(
        [sys.executable, "-m", "monitor", "settings"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    help_text = subprocess.run(
        [sys.executable, "-m", "monitor", "settings", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for setting in registry.SETTINGS:
        line = f"  {setting.key}  (default "
        assert line in shown, setting.path
        assert line in help_text, setting.path
    assert "`" not in shown and "](" not in shown  # Markdown is for the docs, not a terminal
    assert "(default 20; 1–600)" in shown  # fetch.timeout_seconds, its range as checks.py reads it
