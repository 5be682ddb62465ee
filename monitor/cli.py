"""Command line: `python -m monitor fetch|status|export`. The only place (with the pages)
where errors become messages and exit codes."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from monitor import __version__
from monitor.analysis.topic_summary import lineage_text
from monitor.analysis.volume import PostFilter
from monitor.config.load import CONFIG_ENV, DB_ENV, load_config
from monitor.config.registry import render_help
from monitor.config.settings import Config, database_url, redact_url
from monitor.errors import ConfigError, LockBusyError, MonitorError
from monitor.i18n import LANGUAGES
from monitor.models import undated_note
from monitor.output.alerts import alert_new_flags
from monitor.output.csv_files import csv_text, write_csv, write_file_atomically, write_snapshot
from monitor.output.report import iso_week, render_html
from monitor.pipeline.refresh import FeedResult, refresh_feeds
from monitor.pipeline.schedule import parse_interval, run_every
from monitor.pipeline.snapshot import Stored, default_week, export_tables, make_report
from monitor.store.database import NOT_POSTED, Store, open_store
from monitor.store.db_file import delete_database
from monitor.topics.runs import refit_topics, update_topics

EXIT_OK, EXIT_FEED_FAILED, EXIT_CONFIG = 0, 1, 2
EXIT_FETCH_RUNNING = 3  # fetch skipped: another fetch holds the database's fetch lock


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m monitor",
        description="Competitor and trend monitor: fetch feeds, check their health, export.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    fetch = commands.add_parser(
        "fetch",
        help="ingest every feed in feeds.yaml",
        description="Ingest every feed, print a per-feed summary. Exit 0 when all feeds "
        "succeeded, 1 when any failed (the others are still stored), 2 on an invalid config, 3 "
        "when another fetch of the same database was running (this one is skipped).",
    )
    _add_common(fetch)
    fetch.add_argument("--feed", action="append", metavar="NAME", help="only this feed (repeatable)")
    fetch.add_argument(
        "--quiet", action="store_true", help="print nothing but errors (failed feeds, a failed webhook)"
    )
    fetch.add_argument(
        "--no-topics", action="store_true", help="skip assigning new posts to topics (and refits)"
    )
    fetch.add_argument(
        "--every", type=_interval, metavar="INTERVAL",
        help="fetch now, then every INTERVAL (15m, 30m, 1h, 1d ...) until stopped; for hosts without cron",
    )  # fmt: skip
    fetch.add_argument("--runs", type=int, help=argparse.SUPPRESS)  # --every: stop after N runs (tests)
    fetch.set_defaults(handler=run_fetch)

    status = commands.add_parser(
        "status",
        help="feed health table",
        description="Show each feed's last success, last error and number of stored posts.",
    )
    _add_common(status)
    status.set_defaults(handler=run_status)

    export = commands.add_parser(
        "export",
        help="write CSV snapshots",
        description="Write CSV snapshots of the stored posts (UTF-8 with BOM, safe to open "
        "in a spreadsheet) and a manifest.json of the filters and the time of export.",
    )
    _add_common(export)
    export.add_argument(
        "--output", "-o", required=True, type=Path, metavar="DIR", help="folder to write into"
    )
    export.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="first day (inclusive)")
    export.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="last day (inclusive)")
    export.add_argument("--brand", action="append", metavar="NAME", help="only this brand (repeatable)")
    export.add_argument("--channel", action="append", metavar="NAME", help="only this channel (repeatable)")
    export.set_defaults(handler=run_export)
    _add_report_command(commands)
    _add_topic_commands(commands)
    _add_db_commands(commands)
    _add_settings_command(commands)

    flags = commands.add_parser(
        "flags",
        help="trend flags recorded after each fetch",
        description="Print the flags (new, rising, spike; new partner; campaign) first seen after "
        "each fetch, newest first, with their numbers and whether the webhook got them.",
    )
    _add_common(flags)
    flags.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="first seen on or after this day")
    flags.set_defaults(handler=run_flags)
    return parser


def _add_report_command(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report",
        help="write the weekly report as one HTML file",
        description="Write the report of a week (or of --since/--until) as one self-contained HTML "
        "file: headline facts, flags, share of voice, topic coverage, top posts, what is new, "
        "voice, partners and campaigns, with charts inline. Open it offline or print it to PDF "
        "from the browser. Without dates: the week of the last fetch (or of settings.as_of), or "
        "of the latest post when that is earlier.",
    )
    _add_common(report)
    report.add_argument("--output", "-o", required=True, type=Path, metavar="FILE.html", help="file to write")
    when = report.add_mutually_exclusive_group()
    when.add_argument("--week", type=_week, metavar="YYYY-Www", help="an ISO week, e.g. 2026-W47")
    when.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="first day (inclusive)")
    report.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="last day (inclusive)")
    report.add_argument("--brand", action="append", metavar="NAME", help="only this brand (repeatable)")
    report.add_argument("--channel", action="append", metavar="NAME", help="only this channel (repeatable)")
    report.add_argument(
        "--language", choices=sorted(LANGUAGES), help="the report's language (default: settings.language)"
    )
    report.set_defaults(handler=run_report)


def _week(value: str) -> tuple[date, date]:
    try:
        return iso_week(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_topic_commands(commands: argparse._SubParsersAction) -> None:
    topics = commands.add_parser(
        "topics",
        help="topic commands: cluster any CSV, refit the stored posts, list, rename",
        description="Topic commands. The dashboard uses the same engine.",
    )
    sub = topics.add_subparsers(dest="topics_command", required=True, metavar="SUBCOMMAND")

    cluster = sub.add_parser(
        "cluster",
        help="cluster the rows of any CSV by topic",
        description="Write the input rows plus topic_id, topic_label and topic_score "
        "(to stdout when no --output is given). Needs no feeds.yaml or database.",
    )
    cluster.add_argument("input", type=Path, metavar="IN.csv")
    cluster.add_argument(
        "--text-column", action="append", required=True, metavar="COL",
        help="column with text to cluster (repeatable; joined in order)",
    )  # fmt: skip
    cluster.add_argument("--n-topics", default="auto", type=_n_topics, metavar="K|auto")
    cluster.add_argument(
        "--delimiter", default=",", metavar="D", help='field delimiter (default ","; "tab" for tabs)'
    )
    cluster.add_argument(
        "--encoding", default="utf-8-sig", metavar="E", help="input encoding (default utf-8)"
    )
    cluster.add_argument("--output", "-o", type=Path, metavar="OUT.csv", help="write here instead of stdout")
    cluster.add_argument("--random-state", type=int, default=0, metavar="N")
    cluster.set_defaults(handler=run_topics_cluster, needs_config=False)

    refit = sub.add_parser(
        "refit",
        help="recompute topics over all stored posts",
        description="Recompute topics over the stored posts now; continuing topics keep their "
        "ids and names, and the lineage of each topic is recorded.",
    )
    _add_common(refit)
    refit.set_defaults(handler=run_topics_refit)

    listing = sub.add_parser(
        "list", help="the current topics", description="List the latest run's topics with size and lineage."
    )
    _add_common(listing)
    listing.set_defaults(handler=run_topics_list)

    rename = sub.add_parser(
        "rename",
        help="name a topic (kept across refits)",
        description="Give topic ID a name; an empty NAME restores the automatic label.",
    )
    _add_common(rename)
    rename.add_argument("topic_id", type=int, metavar="ID")
    rename.add_argument("name", metavar="NAME")
    rename.set_defaults(handler=run_topics_rename)


def _n_topics(value: str) -> int | str:
    if value == "auto":
        return value
    if value.isdigit() and 2 <= int(value) <= 500:
        return int(value)
    raise argparse.ArgumentTypeError(f"{value!r}: write auto or a number from 2 to 500")


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", metavar="PATH", help=f"feeds.yaml to use (default: ${CONFIG_ENV} or ./feeds.yaml)"
    )
    parser.add_argument(
        "--db", metavar="PATH_OR_URL", help=f"database file or URL (default: ${DB_ENV} or settings.database)"
    )


def _interval(value: str) -> timedelta:
    try:
        return parse_interval(value)
    except ConfigError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write YYYY-MM-DD") from None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if not getattr(args, "needs_config", True):
            code = args.handler(args, None)
        else:
            code = args.handler(args, load_config(args.config, database=args.db))
        sys.stdout.flush()  # here, so a closed pipe is caught below and not at interpreter exit
        return code
    except BrokenPipeError:
        # The reader stopped early (`... | head -1`). As the Python docs advise: point stdout at
        # devnull so the flush at exit does not fail again, and exit 1 without a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except MonitorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FEED_FAILED
    except KeyboardInterrupt:
        print("interrupted; what was stored before stays stored", file=sys.stderr)
        return 130
    finally:
        while _OPENED:  # the command's connections, also when main runs many times in a process
            _OPENED.pop().close()


_OPENED: list[Store] = []


def _open(url: str) -> Store:
    """open_store, closed when the command ends (main)."""
    store = open_store(url)
    _OPENED.append(store)
    return store


def run_fetch(args: argparse.Namespace, config: Config) -> int:
    if args.every is not None:
        return run_fetch_every(args, config)
    store = _open(config.database_url)
    n_feeds = _n_feeds(config, args)
    if not args.quiet:
        print(f"Fetching {n_feeds} feeds into {database_text(config, args.db)}", file=sys.stderr)
    try:
        results = fetch_and_update(args, config, store, verbose=not args.quiet)
    except LockBusyError as exc:
        # Cron's overlapping runs: the running fetch gets this one's feeds anyway, so this
        # one steps aside at once, said even with --quiet (a fetch that never ends shows).
        print(f"skipped: {exc}", file=sys.stderr)
        return EXIT_FETCH_RUNNING
    return EXIT_OK if all(result.ok for result in results) else EXIT_FEED_FAILED


def fetch_and_update(
    args: argparse.Namespace, config: Config, store: Store, verbose: bool
) -> list[FeedResult]:
    """A fetch under the database's fetch lock: feeds, then topics, flags and alerts unless
    --no-topics. Failed feeds are printed as they come; all the rest only when verbose."""

    def progress(done: int, total: int, result: FeedResult) -> None:
        # Quiet (cron): a failed feed is the one line worth a mail.
        if verbose or not result.ok:
            print(f"[{done}/{total}] {result.name}: {_outcome(result)}", file=sys.stderr, flush=True)

    with store.fetch_lock():
        results = refresh_feeds(config, store, on_progress=progress, only=_select_feeds(config, args.feed))
        if verbose:
            print(format_fetch_summary(results))
        if not args.no_topics:
            update = update_topics(store, config.settings.topics, progress=_say if verbose else None)
            alerts = alert_new_flags(store, config)
            if verbose:
                print(update.describe())
                print(alerts.describe())
            elif alerts.errors:
                print(f"error: {alerts.describe()}", file=sys.stderr)
    return results


def _n_feeds(config: Config, args: argparse.Namespace) -> int:
    """How many feeds a fetch reads; ConfigError for an unknown --feed, before any fetching."""
    only = _select_feeds(config, args.feed)
    return len(only) if only else len(config.feeds)


def run_fetch_every(args: argparse.Namespace, config: Config) -> int:
    """Fetch now and at every slot of --every, one line per run, until SIGTERM or Ctrl-C."""
    stopper = _Stopper()
    n_feeds = _n_feeds(config, args)
    if not args.quiet:
        print(
            f"Fetching {n_feeds} feeds into {database_text(config, args.db)} every "
            f"{_every_text(args.every)}; Ctrl-C or SIGTERM stops after the run in progress.",
            file=sys.stderr,
        )
    with stopper.installed():
        run_every(
            args.every,
            lambda: stopper.during(lambda: _scheduled_run(args)),
            stop_requested=stopper.asked,
            runs=args.runs,
        )
    if not args.quiet:
        print("Stopped." if stopper.requested else f"Done: {args.runs} runs.", file=sys.stderr)
    return EXIT_OK


def _scheduled_run(args: argparse.Namespace) -> None:
    """One run of fetch --every, feeds.yaml read afresh; whatever fails is reported in its
    line and the loop goes on (a database briefly away, an edit that broke feeds.yaml)."""
    started_at = datetime.now(UTC)
    zone = None
    try:
        config = load_config(args.config, database=args.db)
        zone = ZoneInfo(config.settings.timezone)
        store = open_store(config.database_url)
        try:
            results = fetch_and_update(args, config, store, verbose=False)
        finally:
            store.close()
    except LockBusyError as exc:
        print(f"{_when(started_at, zone)} skipped: {exc}", file=sys.stderr, flush=True)
    except Exception as exc:  # a daemon reports a failed run and carries on
        detail = str(exc) if isinstance(exc, MonitorError) else f"{type(exc).__name__}: {exc}"
        print(f"{_when(started_at, zone)} error: {redact_url(detail)}", file=sys.stderr, flush=True)
    else:
        n_failed = sum(not result.ok for result in results)
        line = f"{_when(started_at, zone)} fetched: {sum(r.n_new for r in results)} new posts, "
        line += f"{n_failed} of {len(results)} feeds failed"
        if n_failed:
            print(line, file=sys.stderr, flush=True)
        elif not args.quiet:
            print(line, flush=True)


def _when(moment: datetime, zone: ZoneInfo | None) -> str:
    return moment.astimezone(zone or UTC).strftime("%Y-%m-%d %H:%M %Z")


def _every_text(interval: timedelta) -> str:
    minutes = int(interval.total_seconds() // 60)
    for size, unit in ((1440, "d"), (60, "h")):
        if minutes % size == 0:
            return f"{minutes // size}{unit}"
    return f"{minutes}m"


class _Stopper:
    """SIGTERM or Ctrl-C in fetch --every: the first stops the loop after the run in progress
    (at once while it waits); a second during a run stops that run too, each feed stored so
    far staying stored (every feed is its own transaction)."""

    def __init__(self) -> None:
        self.requested = False
        self.running = False

    def asked(self) -> bool:
        return self.requested

    def during(self, run: Callable[[], None]) -> None:
        self.running = True
        try:
            run()
        finally:
            self.running = False

    def __call__(self, signum: int, _frame: Any) -> None:
        if self.requested and self.running:
            raise KeyboardInterrupt
        self.requested = True
        if self.running:
            with contextlib.suppress(RuntimeError):  # stderr busy in the main thread: stay silent
                print("Stopping after this run (Ctrl-C again to stop it now)…", file=sys.stderr, flush=True)

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():  # only it may set handlers
            yield
            return
        previous = {sig: signal.signal(sig, self) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def database_text(config: Config, db_option: str | None) -> str:
    """The database in use as a person reads it (a file path, or the URL with secrets hidden),
    and, when MONITOR_DB overrides the one feeds.yaml names, a note saying so: a forgotten
    export of it otherwise shows another database's feeds with no hint why."""
    shown = _readable_database(config.database_url)
    from_env = db_option is None and bool(os.environ.get(DB_ENV)) and config.database_override is not None
    named = database_url(config.settings.database, config.path.parent)
    if from_env and named != config.database_url:
        return f"{shown} (from {DB_ENV}; {config.path} names {redact_url(config.settings.database)})"
    return shown


def _readable_database(url: str) -> str:
    """A SQLite file as its path (relative to the current folder when inside it), else the
    URL with password and tokens hidden."""
    if not url.startswith("sqlite:///") or "?" in url:
        return redact_url(url)
    path = Path(url.removeprefix("sqlite:///"))
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def print_database(config: Config, args: argparse.Namespace) -> None:
    """The first line of status, flags and topics list: which database they read."""
    print(f"Database: {database_text(config, args.db)}")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _select_feeds(config: Config, names: list[str] | None) -> set[str] | None:
    if not names:
        return None
    by_name = {feed.name.casefold(): feed.feed_id for feed in config.feeds}
    by_name.update({feed.feed_id: feed.feed_id for feed in config.feeds})
    unknown = [name for name in names if name.casefold() not in by_name]
    if unknown:
        known = ", ".join(feed.name for feed in config.feeds)
        raise ConfigError(f"{config.path}: no feed named {unknown[0]!r}. Fix: use one of: {known}.")
    return {by_name[name.casefold()] for name in names}


def _outcome(result: FeedResult) -> str:
    if result.status in ("error", "gone", "deferred"):  # gone / deferred: not fetched, says why
        return f"{result.status.upper()} {result.error}"
    if result.status == "not_modified":
        return "not modified since last fetch"
    skipped = f", {result.n_skipped} rows skipped" if result.n_skipped else ""
    return f"ok, {result.n_new} new, {result.n_seen} already seen{skipped}"


def format_fetch_summary(results: list[FeedResult]) -> str:
    """A per-feed table and a closing line with the totals."""
    table = pd.DataFrame(
        {
            "feed": [r.name for r in results],
            "brand": [r.brand for r in results],
            "status": [r.status for r in results],
            "new": [r.n_new for r in results],
            "seen": [r.n_seen for r in results],
            "skipped": [r.n_skipped for r in results],
            "error / warning": [r.error or "; ".join(r.warnings) for r in results],
        }
    )
    n_failed = sum(not r.ok for r in results)
    lines = [table.to_string(index=False, max_colwidth=None) if results else "(no feeds)"]
    lines.append(
        f"{len(results)} feeds: {len(results) - n_failed} ok, {n_failed} failed; "
        f"{sum(r.n_new for r in results)} new posts"
    )
    return "\n".join(lines)


def _synced_store(config: Config) -> Store:
    """The store with its feeds made to follow feeds.yaml (renamed brands and feeds, removed
    feeds), so what is read next matches the configuration without waiting for a fetch."""
    store = _open(config.database_url)
    store.sync_feeds(config.feeds)
    return store


def run_status(args: argparse.Namespace, config: Config) -> int:
    store = _synced_store(config)
    print_database(config, args)
    print(format_status(store.load_feed_status(), config))
    return EXIT_OK


def format_status(status: pd.DataFrame, config: Config) -> str:
    """The feed health table, in the configured time zone, a line on the posts without a
    date, then the removed feeds that still hold posts."""
    configured = status["feed_id"].isin({feed.feed_id for feed in config.feeds})
    removed = format_removed_feeds(status[~configured])
    health = _health_table(status[configured], ZoneInfo(config.settings.timezone))
    n_undated = int(status.loc[configured, "n_undated"].sum())
    undated = f"\n\n{undated_note(n_undated)}" if n_undated else ""
    return health + undated + (f"\n\n{removed}" if removed else "")


def format_removed_feeds(status: pd.DataFrame) -> str:
    """The feeds no longer in feeds.yaml whose posts are still stored ('' when none)."""
    kept = status[status["n_posts"] > 0]
    if kept.empty:
        return ""
    table = pd.DataFrame({"feed": kept["name"], "brand": kept["brand"], "posts": kept["n_posts"]})
    return (
        "Removed from feeds.yaml: their posts stay stored but are left out of the pages and "
        "exports (add the feed back, same name or same source, to show them again).\n"
        + table.to_string(index=False)
    )


def _health_table(status: pd.DataFrame, zone: ZoneInfo) -> str:
    if status.empty:
        return "No feeds yet. Add feeds to feeds.yaml and run: python -m monitor fetch"
    table = pd.DataFrame(
        {
            "feed": status["name"],
            "brand": status["brand"],
            "channel": status["channel"],
            "status": status["status"],
            "posts": status["n_posts"],
            "undated": status["n_undated"],
            "last success": status["last_success_at"].map(lambda t: _local(t, zone)),
            "last attempt": status["last_attempt_at"].map(lambda t: _local(t, zone)),
            "last error": status["last_error"].fillna(""),
        }
    )
    return table.to_string(index=False, max_colwidth=None)  # an error is only useful whole


def _local(value: pd.Timestamp, zone: ZoneInfo) -> str:
    return "never" if pd.isna(value) else value.tz_convert(zone).strftime("%Y-%m-%d %H:%M")


def run_export(args: argparse.Namespace, config: Config) -> int:
    store = _synced_store(config)
    # The same filter function as the pages, so the rows match the dashboard's view.
    selection = PostFilter(args.since, args.until, tuple(args.brand or ()), tuple(args.channel or ()))
    tables = export_tables(config, Stored.read(config, store), selection)
    filters = {
        "since": args.since.isoformat() if args.since else None,
        "until": args.until.isoformat() if args.until else None,
        "brands": args.brand or "all",
        "channels": args.channel or "all",
        "timezone": config.settings.timezone,
        "config": str(config.path),
    }
    written = write_snapshot(tables, args.output, filters)
    for path in written:
        print(path)
    print(f"{len(tables['posts'])} posts exported to {args.output}", file=sys.stderr)
    return EXIT_OK


def run_report(args: argparse.Namespace, config: Config) -> int:
    store = _synced_store(config)
    stored = Stored.read(config, store)
    if args.week:
        since, until = args.week
    elif args.since or args.until:
        week = default_week(config, stored)
        since, until = args.since or week[0], args.until or week[1]
        if since > until:
            raise ConfigError(f"--since {since} is after --until {until}: swap them")
    else:
        since, until = default_week(config, stored)
    model, _exports = make_report(
        config, stored, since, until, tuple(args.brand or ()), tuple(args.channel or ()), args.language,
        datetime.now(UTC).replace(microsecond=0),
    )  # fmt: skip
    text = render_html(model)
    write_file_atomically(args.output, text.encode("utf-8"))
    print(args.output)
    print(f"report of {since} to {until} written to {args.output}", file=sys.stderr)
    return EXIT_OK


def _local_midnight(day: date | None, zone: ZoneInfo) -> datetime | None:
    return None if day is None else datetime(day.year, day.month, day.day, tzinfo=zone)


def run_topics_cluster(args: argparse.Namespace, _config: None) -> int:
    from monitor.topics.cluster import cluster_csv, written_header

    delimiter = "\t" if args.delimiter in ("tab", "\\t") else args.delimiter
    result = cluster_csv(
        args.input,
        args.text_column,
        n_topics=args.n_topics,
        delimiter=delimiter,
        encoding=args.encoding,
        random_state=args.random_state,
    )
    # Written back as it came: its delimiter (a CSV writer takes one character; pandas reads
    # longer ones as a pattern) and its own header names.
    sep = delimiter if len(delimiter) == 1 else ","
    header = written_header(args.input, delimiter, args.encoding, list(result.columns))
    if args.output:
        write_csv(result, args.output, sep, header)
        print(f"{len(result)} rows, {result['topic_id'].nunique()} topics -> {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(csv_text(result, sep, header))
    return EXIT_OK


def run_topics_refit(args: argparse.Namespace, config: Config) -> int:
    store = _synced_store(config)
    update = refit_topics(store, config.settings.topics, progress=_say)
    print(update.describe())
    print(format_topics(store))
    return EXIT_OK


def run_topics_list(args: argparse.Namespace, config: Config) -> int:
    store = _open(config.database_url)
    print_database(config, args)
    print(format_topics(store))
    return EXIT_OK


def run_topics_rename(args: argparse.Namespace, config: Config) -> int:
    store = _open(config.database_url)
    known = store.load_topics()
    if known.empty or args.topic_id not in set(known["topic_id"]):
        raise MonitorError(f"no topic {args.topic_id} in the latest run; see: python -m monitor topics list")
    store.rename_topic(args.topic_id, args.name)
    print(f"topic {args.topic_id} is now called {args.name!r}" if args.name.strip() else "name removed")
    return EXIT_OK


def format_topics(store) -> str:
    """The latest run's topics: id, label (or name), size and lineage."""
    topics = store.load_topics()
    if topics.empty:
        return "No topics yet: run python -m monitor topics refit (after a fetch)."
    table = pd.DataFrame(
        {
            "id": topics["topic_id"],
            "topic": topics["name"].where(topics["name"].notna(), topics["label"]),
            "stories": topics["n_stories"],
            "posts": topics["n_posts"],
            "lineage": [
                lineage_text(status, related)
                for status, related in zip(topics["lineage"], topics["related"], strict=True)
            ],
        }
    )
    return table.to_string(index=False, max_colwidth=None)


def webhook_state(delivered_at: Any, last_error: Any) -> str:
    """A flag's webhook column: sent, not posted (no webhook then), failed: why, or - (pending)."""
    has_error = isinstance(last_error, str) and last_error != ""
    if pd.notna(delivered_at):
        return "not posted (no webhook then)" if last_error == NOT_POSTED else "sent"
    return f"failed: {last_error}" if has_error else "-"


def run_flags(args: argparse.Namespace, config: Config) -> int:
    zone = ZoneInfo(config.settings.timezone)
    alerts = _open(config.database_url).load_flag_alerts(since=_local_midnight(args.since, zone))
    print_database(config, args)
    if alerts.empty:
        print("No flags recorded yet. They are computed after each fetch (python -m monitor fetch).")
        return EXIT_OK
    table = pd.DataFrame(
        {
            "first seen": alerts["first_seen_at"].map(lambda t: _local(pd.Timestamp(t), zone)),
            "flag": alerts["flag"],
            "what": alerts["explanation"],
            "webhook": [
                webhook_state(d, e) for d, e in zip(alerts["delivered_at"], alerts["last_error"], strict=True)
            ],
        }
    )
    print(table.to_string(index=False, max_colwidth=None))
    return EXIT_OK


def _add_db_commands(commands: argparse._SubParsersAction) -> None:
    database = commands.add_parser(
        "db", help="database commands: clean, copy", description="Database commands."
    )
    sub = database.add_subparsers(dest="db_command", required=True, metavar="SUBCOMMAND")
    clean = sub.add_parser(
        "clean",
        help="delete the SQLite database for a fresh start",
        description="Delete the SQLite database file and its -wal and -shm, so the next fetch or "
        "dashboard start begins afresh. Refuses while the dashboard, a fetch or a refit has it open.",
    )
    _add_common(clean)
    clean.set_defaults(handler=run_db_clean)
    copy = sub.add_parser(
        "copy",
        help="copy the database into a new one, e.g. SQLite to a PostgreSQL server",
        description="Copy every feed, post, topic run, topic name and flag of the database "
        "(--db, MONITOR_DB or settings.database) into an empty database at --to, in one "
        "transaction. Then point settings.database (or MONITOR_DB) at the new one.",
    )
    _add_common(copy)
    copy.add_argument("--to", required=True, metavar="URL", help="the new database: a URL or a file path")
    copy.set_defaults(handler=run_db_copy)


def _add_settings_command(commands: argparse._SubParsersAction) -> None:
    settings = commands.add_parser(
        "settings",
        help="every feeds.yaml setting with its default, range and meaning",
        description="Every key of feeds.yaml's settings: block, made from the same registry that "
        "checks feeds.yaml and writes docs/configuration.md.",
        epilog=render_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    settings.set_defaults(handler=run_settings, needs_config=False)


def run_settings(args: argparse.Namespace, config: Config | None) -> int:
    print(render_help(), end="")
    return EXIT_OK


def run_db_copy(args: argparse.Namespace, config: Config) -> int:
    from monitor.store.copy import copy_store

    source = _open(config.database_url)
    target = _open(database_url(args.to, Path.cwd()))
    print(f"Copying {source.display_url} -> {target.display_url}", file=sys.stderr)
    copied = copy_store(source, target, say=lambda line: print(f"  {line}", file=sys.stderr))
    print(
        f"Copied {copied['posts']:,} posts and {sum(copied.values()):,} rows in all to {target.display_url}"
    )
    return EXIT_OK


def run_db_clean(args: argparse.Namespace, config: Config) -> int:
    removed = ", ".join(map(str, delete_database(config.database_url)))
    print(f"Deleted {removed}" if removed else "Nothing to delete: no database file yet.")
    return EXIT_OK
