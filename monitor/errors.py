"""MonitorError and its few subclasses; only the CLI and pages turn them into messages."""

from __future__ import annotations


class MonitorError(Exception):
    """Base class of every error the monitor raises on purpose."""


class ConfigError(MonitorError):
    """feeds.yaml is missing, unreadable or invalid; the message names file, line, key and fix."""


class FeedError(MonitorError):
    """One feed could not be fetched or parsed; the message is one line for the feed's status."""


class StoreError(MonitorError):
    """The database cannot be opened or migrated."""


class LockBusyError(StoreError):
    """Another program holds a store lock (a refit's, a fetch's) past the time allowed to wait."""
