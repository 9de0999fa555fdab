"""One SQLite file holds both stores; every connection to it is opened the same way."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

# A reader never waits in WAL mode; a writer waits this long for another process's import.
BUSY_TIMEOUT_MS = 5000


def connect(path: Path | str | None = None) -> sqlite_utils.Database:
    """The database file (created with its folder if needed), or a fresh in-memory one.

    WAL lets the bot read while staff import in another process; synchronous=NORMAL makes a
    commit a write to the WAL without an fsync, so a process crash loses nothing committed
    and only a power cut can lose the last transactions.
    """
    if path is None:
        return sqlite_utils.Database(memory=True)
    path = Path(path)
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
