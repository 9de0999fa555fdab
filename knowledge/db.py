"""One SQLite file holds both stores; every connection to it is opened the same way."""

from __future__ import annotations

import errno
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

# A reader never waits in WAL mode; a writer waits this long for another process's import.
BUSY_TIMEOUT_MS = 5000


class UnusableDatabase(Exception):
    """The database file cannot be written: the message names the path and what to do."""


def unwritable(path: Path) -> str | None:
    """Why the database at `path` cannot be written (a read-only file or folder), or None.

    Checked before opening: SQLite opens a read-only file read-only without a word, and in
    WAL mode needs to create its -wal and -shm files beside the database."""
    if path.exists() and not os.access(path, os.W_OK):
        return (
            f"the database file {path} is read-only: give the user running orgbot write "
            "access to it, or set ORGBOT_DB to another file"
        )
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # created on first use: the nearest folder that exists
    if not os.access(folder, os.W_OK | os.X_OK):
        return (
            f"cannot write in the folder {folder} (the database keeps its -wal and -shm files "
            "beside it): give the user running orgbot write access to it, or set ORGBOT_DB "
            "to a file in a folder it can write"
        )
    return None


def disk_full(error: BaseException) -> bool:
    """SQLite's 'database or disk is full', or the OS's no space / file too large."""
    if isinstance(error, OSError):
        return error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
    return isinstance(error, sqlite3.Error) and "disk is full" in str(error)


def describe(path: Path, error: BaseException) -> str:
    """One line for an error met opening or writing the database: what to do about it."""
    if isinstance(error, UnusableDatabase):
        return str(error)
    if disk_full(error):
        return (
            f"the disk holding {path} is full ({error}): free some space there, or set "
            "ORGBOT_DB to a file on another disk, then try again"
        )
    problem = unwritable(path) if isinstance(error, sqlite3.Error | OSError) else None
    return problem or str(error)


def connect(path: Path | str | None = None) -> sqlite_utils.Database:
    """The database file (created with its folder if needed), or a fresh in-memory one.

    WAL lets the bot read while staff import in another process; synchronous=NORMAL makes a
    commit a write to the WAL without an fsync, so a process crash loses nothing committed
    and only a power cut can lose the last transactions. UnusableDatabase when the file or
    its folder cannot be written.
    """
    if path is None:
        return sqlite_utils.Database(memory=True)
    path = Path(path)
    problem = unwritable(path)
    if problem:
        raise UnusableDatabase(problem)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    db.enable_wal()
    db.execute("PRAGMA synchronous=NORMAL")
    return db


def file_of(db: sqlite_utils.Database) -> Path | None:
    """The file behind a connection (None in memory)."""
    row = db.execute("PRAGMA database_list").fetchone()
    return Path(row[2]) if row and row[2] else None


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
