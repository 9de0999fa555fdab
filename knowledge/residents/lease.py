"""The right to send notices: one sender at a time for a database file (created by
m_sender_lease in store.py).

The bot's sender and a cron's `orgbot notify --once` (or two bots started by mistake against
one file) each keep the broadcast rate, so together they would send at twice it. A sender
takes the lease before it claims a row, renews it while it sends (with every claim, and every
third of its term while it waits), and gives it back when nothing more is due. A sender that
finds it held by another sends nothing. A holder that was killed gives it up when its term
expires: notices are delayed by at most that, never lost.

Moments are UTC text to the millisecond (so that text order is time order), on the wall clock:
every sender of a file runs on the same machine as the file (SQLite's locks need it).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NamedTuple

import sqlite_utils

NAME = "notices"  # one lease a file; a name keeps room for another kind of sending


class LeaseLost(Exception):
    """Another sender took the lease: this one must not claim another row."""


class Holder(NamedTuple):
    """Who holds the lease (a sender's id: host, process and a nonce) and until when."""

    holder: str
    expires_at: str  # UTC text


def lease_text(moment: datetime) -> str:
    """A moment as the lease stores it: UTC, to the millisecond."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def create_sender_lease(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE IF NOT EXISTS sender_lease (name TEXT PRIMARY KEY, holder TEXT NOT NULL,"
        " taken_at TEXT NOT NULL, expires_at TEXT NOT NULL)"
    )


def renew(db: sqlite_utils.Database, holder: str, until: str) -> bool:
    """Extend the lease to `until` if `holder` still holds it (in the caller's transaction).
    An expired lease nobody else took is still the holder's: no one sent meanwhile."""
    cursor = db.conn.execute(
        "UPDATE sender_lease SET expires_at = ? WHERE name = ? AND holder = ?",
        [until, NAME, holder],
    )
    return cursor.rowcount == 1


class SenderLease:
    """The lease row of one file, on one connection."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def holder(self) -> Holder | None:
        row = self.db.execute(
            "SELECT holder, expires_at FROM sender_lease WHERE name = ?", [NAME]
        ).fetchone()
        return Holder(row[0], row[1]) if row else None

    def take(self, holder: str, now: str, until: str) -> Holder | None:
        """Take the lease until `until` when nobody holds it, its term expired, or `holder`
        has it already; in one statement, so two senders never both take it. None when taken,
        else who holds it."""
        current = self.holder()  # a read first: a refused sender polls without writing
        if current is not None and current.holder != holder and current.expires_at > now:
            return current
        with self.db.conn:
            cursor = self.db.conn.execute(
                "INSERT INTO sender_lease (name, holder, taken_at, expires_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder,"
                " taken_at = excluded.taken_at, expires_at = excluded.expires_at"
                " WHERE sender_lease.holder = excluded.holder"
                " OR sender_lease.expires_at <= excluded.taken_at",
                [NAME, holder, now, until],
            )
        if cursor.rowcount == 1:
            return None
        return self.holder() or Holder("", "")  # taken by another in between (or just freed)

    def renew(self, holder: str, until: str) -> bool:
        """Extend the lease; False when another sender took it."""
        with self.db.conn:
            return renew(self.db, holder, until)

    def release(self, holder: str) -> None:
        """Give the lease back (if still held): the next sender need not wait for its term."""
        with self.db.conn:
            self.db.conn.execute(
                "DELETE FROM sender_lease WHERE name = ? AND holder = ?", [NAME, holder]
            )
