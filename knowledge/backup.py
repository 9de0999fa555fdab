"""Backing up and restoring the database file, safely next to a running bot.

A backup uses SQLite's online backup API, so it is a consistent copy even while the bot
answers and logs; it is verified with `PRAGMA integrity_check` before it is kept. A restore
replaces the file only when no bot holds it: the bot holds an advisory lock on
`<database>.lock` while it runs, which the kernel releases even if the process is killed.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from pathlib import Path
from typing import IO


class BackupError(Exception):
    """The backup or restore could not be done; the message says why."""


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class RunLock:
    """Held by `orgbot run` for as long as it runs (a restore checks it)."""

    def __init__(self, db_path: Path) -> None:
        self.path = lock_path(db_path)
        self._file: IO[str] | None = None

    def acquire(self) -> bool:
        """Take the lock; False when another process holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._file = handle
        return True

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def integrity_problems(path: Path) -> list[str]:
    """What `PRAGMA integrity_check` finds wrong with a database file (empty: it is sound)."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def backup(db_path: Path, dest: Path) -> int:
    """Copy the database to `dest` (a file, or a folder to put it in), verified; its size."""
    if not db_path.exists():
        raise BackupError(f"no database at {db_path}")
    if dest.is_dir():
        dest = dest / db_path.name
    partial = dest.with_name(f".{dest.name}.{os.getpid()}.partial")
    try:
        with sqlite3.connect(db_path) as source, sqlite3.connect(partial) as target:
            source.backup(target)
        problems = integrity_problems(partial)
        if problems:
            raise BackupError(f"the copy failed its integrity check: {problems[0]}")
        partial.replace(dest)
    except sqlite3.Error as exc:
        raise BackupError(f"could not back up {db_path}: {exc}") from None
    finally:
        partial.unlink(missing_ok=True)
    return dest.stat().st_size


def restore(src: Path, db_path: Path) -> None:
    """Replace the database with a backup; refused while a bot runs on it."""
    problems = integrity_problems(src) if src.exists() else [f"no file at {src}"]
    if problems:
        raise BackupError(f"{src} is not a sound database: {problems[0]}")
    lock = RunLock(db_path)
    if not lock.acquire():
        raise BackupError("the bot is running on this database: stop it first (orgbot run)")
    try:
        backup(src, db_path)  # the online backup writes a whole, consistent file
        for suffix in ("-wal", "-shm", ".index"):  # what belonged to the old file
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    finally:
        lock.release()
