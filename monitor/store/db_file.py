"""The SQLite file behind a database URL, as a file: where it is, whether it is still the file
a store opened, whether it was emptied under a program using it, what SQLite's errors about
it mean, and how to delete it safely. monitor.store.database keeps the tables; this never reads them.

A fresh start deletes the file. Deleted under a running program, that program goes on
writing to the deleted file while the next one creates another: the writes of the first
vanish. So delete_database refuses while any other connection has the file open, and the
dashboard checks the file's identity on each page run and reopens it when it changed."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from urllib.parse import quote

import sqlalchemy as sa

from monitor.config.settings import redact_url
from monitor.errors import StoreError

# How long a write (and opening, which checks the schema under the write lock) waits for
# another program's write lock before "database is locked". The longest write transaction the
# monitor holds is a refit's save: ~1 s at 100k posts, ~10 s at 1M (measured); a fetch saves
# in chunks. Two fetches, or a fetch and the dashboard's refresh, thus wait at most a few
# seconds for each other; a lock held past this is a stuck program, and waiting longer would
# only delay the message saying so.
BUSY_SECONDS = 30
SIDE_FILES = ("-wal", "-shm", "-journal")
CLEAN_COMMAND = "python -m monitor db clean"  # `make clean-db` runs it
SCHEMES = "a file path, sqlite:///PATH or postgresql+psycopg://USER:PASSWORD@HOST/DATABASE"


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for other databases, in-memory ones and file: URIs."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        return None
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or database in (None, "", ":memory:"):
        return None
    if database.startswith("file:") or parsed.query.get("uri") == "true":
        return None  # SQLite reads a URI itself (mode=ro, ...); leave it to SQLite
    return Path(database)


def identity(url: str) -> tuple[int, int] | None:
    """(device, inode) of the database file: a deleted or replaced file has another one.
    None when the file is missing or the database is not a SQLite file."""
    path = sqlite_path(url)
    if path is None:
        return None
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def check_file(path: Path) -> None:
    """Raise StoreError when the file at path is a folder, or was emptied while in use.

    Only stat: a process must never open and close a database file SQLite has open, as
    closing any descriptor of a file drops every POSIX lock the process holds on it,
    SQLite's included. A file that is not a database is SQLite's to find (error_message)."""
    try:
        info = path.stat()
    except OSError:
        return  # a new database, or SQLite's own error says why
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(f"{path} is a folder, not a database file: point the database at a file")
    # A new file is empty only until its first connection writes the header, before any
    # -wal or -shm exists; empty beside them, it was truncated under a program using it.
    if info.st_size == 0 and any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm")):
        raise StoreError(
            f"{path} is empty but its -wal and -shm files are still there: it was truncated while "
            f"in use. Stop the dashboard and any fetch, then restore a backup or start afresh "
            f"({CLEAN_COMMAND})"
        )


def check_url(url: str) -> None:
    """check_file for the file of a SQLite URL; nothing for other databases."""
    path = sqlite_path(url)
    if path is not None:
        check_file(path)


def check_writable(url: str) -> None:
    """Raise StoreError when this user may not write the file of a SQLite URL or its folder:
    SQLite opens such a file for reading, and the first write fails (access(), not open())."""
    path = sqlite_path(url)
    if path is None:
        return
    if any(target.exists() and not os.access(target, os.W_OK) for target in (path, path.parent)):
        raise StoreError(f"{path}: the database is read-only: {_writable_fix(path)}")


def not_a_database(path: Path | str, what: str = "is not an SQLite database") -> str:
    """The message for a file SQLite cannot read as a database, with the fix."""
    return f"{path} {what} (truncated?): restore a backup, or delete it to start afresh ({CLEAN_COMMAND})"


def error_message(where: Path | str, exc: BaseException) -> str | None:
    """The message, naming the file (or the URL) and the fix, for an SQLite error about the
    file itself (locked, damaged, read-only, unopenable); None for any other error."""
    text, name = str(exc).lower(), str(where)
    if "database is locked" in text:
        return (
            f"{name}: the database is locked: another program kept its write lock for over "
            f"{BUSY_SECONDS} s (a fetch, a topic refit or the dashboard's refresh still running, or "
            f"one that hangs). Fix: wait for it to end and retry, or stop it"
        )
    if "file is not a database" in text:
        return not_a_database(name)
    if "malformed" in text:
        return not_a_database(name, "is damaged (its pages do not add up)")
    if "readonly database" in text or "read-only" in text:
        return f"{name}: the database is read-only: {_writable_fix(where)}"
    if "unable to open database file" in text:
        return f"{name}: cannot open the database file: {_writable_fix(where)}"
    if "disk i/o error" in text:
        return (
            f"{name}: disk I/O error: the file was probably deleted or replaced while a program "
            f"(the dashboard, a fetch) had it open. Stop them, then run {CLEAN_COMMAND}; if that "
            f"does not help, check the disk"
        )
    if "database or disk is full" in text:
        return f"{name}: the disk is full: free some space, then retry"
    return None


def _writable_fix(where: Path | str) -> str:
    if not isinstance(where, Path):  # a URL SQLite opens itself (file:...?mode=ro)
        return "this user must be able to write the file and its folder, and the URL must allow writing"
    path = where
    if path.is_dir():
        return "it is a folder; point the database at a file in it"
    return (
        f"this user must be able to write the file and its folder {path.parent} (SQLite writes "
        f"{path.name}-wal and -shm beside it): chmod u+w both, or point --db / settings.database "
        f"somewhere writable"
    )


def url_error_message(url: str, exc: BaseException) -> str | None:
    """The message for a database URL SQLAlchemy cannot use: a driver that is not installed,
    an unknown scheme, an unreadable URL. None for any other error."""
    shown = redact_url(url)
    if isinstance(exc, ImportError) and exc.name:
        if exc.name.split(".")[0] in ("psycopg", "psycopg2"):
            return (
                f"{shown}: the PostgreSQL driver is not installed. Fix: "
                f'pip install "psycopg[binary]", and write the URL as postgresql+psycopg://...'
            )
        return f"{shown}: its database driver {exc.name} is not installed: pip install it"
    if isinstance(exc, sa.exc.NoSuchModuleError):
        scheme = url.split("://", 1)[0]
        hint = " (write postgresql+psycopg://)" if scheme.startswith("postgres") else ""
        return f"{shown}: unknown database URL scheme {scheme!r}{hint}. Use {SCHEMES}"
    if isinstance(exc, sa.exc.ArgumentError):
        return f"{shown}: not a database URL. Use {SCHEMES}"
    return None


def delete_database(url: str) -> list[Path]:
    """Delete a SQLite database file with its -wal, -shm and -journal: the paths deleted.
    Refuses (StoreError) while another connection, in this process or another, has it open."""
    path = sqlite_path(url)
    if path is None:
        raise StoreError(
            f"{redact_url(url)}: only a SQLite file can be deleted this way; "
            f"drop a server database's tables with its own tools"
        )
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    deleted = _delete_unused(path) if path.exists() else []
    return deleted + _remove([Path(f"{path}{suffix}") for suffix in SIDE_FILES])


def _delete_unused(path: Path) -> list[Path]:
    """Delete path while holding its exclusive lock, or refuse when it is in use."""
    connection = sqlite3.connect(
        f"file:{quote(str(path))}?mode=rw", uri=True, timeout=0, isolation_level=None
    )
    try:
        _lock_unused(connection, path)
        return _remove([path])
    finally:
        connection.close()


def _lock_unused(connection: sqlite3.Connection, path: Path) -> None:
    """Take path's exclusive lock, or raise StoreError when another connection has it open.

    In WAL mode every open connection, idle or not (a dashboard keeps its connections), holds
    a shared lock on the file, so SQLite cannot leave WAL mode while another one has the file
    open: that is the check. The exclusive lock then keeps a program that opens the file now
    waiting until it is gone."""
    try:
        mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise StoreError(_in_use(path))
        connection.execute("BEGIN EXCLUSIVE")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError(_in_use(path)) from None
        raise StoreError(error_message(path, exc) or f"{path}: {exc}") from None
    except sqlite3.DatabaseError:
        pass  # not a database at all (garbage, truncated): nothing in it to keep


def _in_use(path: Path) -> str:
    return (
        f"{path} is in use: the dashboard, a fetch or a topic refit has it open. Stop it first "
        f"(Ctrl+C in the terminal of `make run`; let a fetch end), then run this again"
    )


def _remove(paths: list[Path]) -> list[Path]:
    removed = []
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise StoreError(f"{path}: cannot delete it ({exc.strerror})") from None
        removed.append(path)
    return removed
