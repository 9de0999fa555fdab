"""The notices residents are sent, and the outbox: one row per notice and chat, in the residents'
tables of the same SQLite file (created by m002 in store.py).

A row moves pending → sending (claimed by one sender, atomically) → sent | unknown | failed |
blocked, or back to pending to be tried again later; a pending row no longer wanted is withdrawn
or expired. Only the sender of a claim writes its outcome, so two senders (the bot and a cron's
`orgbot notify --once`) never send one row twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

import sqlite_utils

from knowledge.residents.lease import LeaseLost, renew
from knowledge.residents.store import block_chat, move_chat


class NoticeKind(StrEnum):
    REMINDER = "reminder"
    CHANGED = "changed"  # 活动时间有变 (time or place)
    CANCELLED = "cancelled"  # 活动已取消 (or removed from the knowledge base)
    DIGEST = "digest"  # the weekly list


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # waiting for its next attempt
    SENDING = "sending"  # claimed by a sender, the request may be on its way
    SENT = "sent"
    UNKNOWN = "unknown"  # the request may or may not have reached Telegram: never sent again
    FAILED = "failed"  # gave up: a permanent error, or too many attempts
    BLOCKED = "blocked"  # the resident blocked the bot, or it left the group
    WITHDRAWN = "withdrawn"  # no longer true or wanted before it went out
    EXPIRED = "expired"  # the activity began before it could go out


# What the resident may have read: later changes are announced to them.
HEARD = frozenset({DeliveryStatus.SENDING, DeliveryStatus.SENT, DeliveryStatus.UNKNOWN})


@dataclass
class Told:
    """A notice about something still to come, and where its rows stand, chat by chat: what
    planning reads every tick (sets, so that ten thousand chats cost little)."""

    notice_id: int
    kind: str  # NoticeKind
    activity_id: str
    snapshot: str  # the announced time and place, hashed
    covers_at: str  # UTC text: the reminder moment it stands for, or when it was planned
    details: dict[str, Any]  # what it said
    heard: set[int] = field(default_factory=set)  # chats that may have read it (HEARD)
    tried: set[int] = field(default_factory=set)  # failed or blocked: not read, not retried
    waiting: dict[int, int] = field(default_factory=dict)  # pending: chat → row id


@dataclass(frozen=True)
class NewNotice:
    """A notice planning decided on, and the chats it goes to (with the subscription that
    brought each one)."""

    key: str  # stable: planning the same notice again finds it
    kind: NoticeKind
    activity_id: str
    snapshot: str
    details: dict[str, Any]
    text: str
    covers_at: str
    expires_at: str
    recipients: tuple[tuple[int, int | None], ...]  # (chat id, subscription id)


@dataclass(frozen=True)
class Outgoing:
    """A due row with what the sender needs to send it."""

    row_id: int
    chat_id: int
    subscription_id: int | None
    kind: NoticeKind
    text: str
    details: dict[str, Any]
    expires_at: str
    attempts: int


class Outcome(NamedTuple):
    """How one claimed row's attempt ended."""

    row_id: int
    status: DeliveryStatus
    at: str  # UTC text
    error: str = ""
    message_id: int | None = None


_UPSERT = (
    "INSERT INTO outbox (notice_id, chat_id, subscription_id, status, next_attempt_at,"
    " created_at) VALUES (?, ?, ?, 'pending', ?, ?)"
    " ON CONFLICT (notice_id, chat_id) DO UPDATE SET status = 'pending',"
    " subscription_id = excluded.subscription_id, next_attempt_at = excluded.next_attempt_at,"
    " attempts = 0, last_error = '' WHERE outbox.status = 'withdrawn'"
)


class Outbox:
    """Reads and writes of notices and the outbox, on one connection (one thread's own)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    # --- planning -----------------------------------------------------------------------

    def live(self, now: str) -> list[Told]:
        """The notices about what has not begun yet, oldest first, with their rows' chats."""
        told = {
            row[0]: Told(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]))
            for row in self.db.execute(
                "SELECT id, kind, activity_id, snapshot, covers_at, details FROM notices"
                " WHERE expires_at > ? ORDER BY id",
                [now],
            )
        }
        if not told:
            return []
        # The chats of each notice, joined in SQLite: a tick reads a few strings instead of a
        # row per chat. Grouped by notice alone, in the order of the (notice_id, chat_id)
        # index, with a CASE per kind of status (group_concat skips NULLs): a third less time
        # than grouping by notice and status, which sorted every row first.
        heard = ", ".join(f"'{status}'" for status in sorted(HEARD))
        for notice_id, read, tried in self.db.execute(
            f"SELECT notice_id, group_concat(CASE WHEN status IN ({heard}) THEN chat_id END),"
            " group_concat(CASE WHEN status IN ('failed', 'blocked') THEN chat_id END)"
            " FROM outbox WHERE notice_id >= ? GROUP BY notice_id",
            [min(told)],
        ):
            if notice_id in told:
                if read:
                    told[notice_id].heard.update(map(int, read.split(",")))
                if tried:
                    told[notice_id].tried.update(map(int, tried.split(",")))
        for row_id, notice_id, chat in self.db.execute(
            "SELECT id, notice_id, chat_id FROM outbox WHERE status = 'pending' AND notice_id >= ?",
            [min(told)],
        ):
            if notice_id in told:
                told[notice_id].waiting[chat] = row_id
        return list(told.values())

    def store(
        self,
        notices: Sequence[NewNotice],
        withdrawn: Iterable[tuple[int, DeliveryStatus, str]],
        now: str,
    ) -> int:
        """Add what planning decided and withdraw what it no longer wants, in one transaction;
        returns how many rows were added. A notice and chat already in the outbox are left as
        they are (a withdrawn row comes back), so two planners never add one twice."""
        added = 0
        with self.db.conn:
            self.db.conn.executemany(
                "UPDATE outbox SET status = ?, last_error = ? WHERE id = ? AND status = 'pending'",
                [(str(status), reason, row_id) for row_id, status, reason in withdrawn],
            )
            for notice in notices:
                self.db.execute(
                    "INSERT OR IGNORE INTO notices (key, kind, activity_id, snapshot, details,"
                    " text, covers_at, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        notice.key,
                        str(notice.kind),
                        notice.activity_id,
                        notice.snapshot,
                        json.dumps(notice.details, ensure_ascii=False, sort_keys=True),
                        notice.text,
                        notice.covers_at,
                        notice.expires_at,
                        now,
                    ],
                )
                [notice_id] = self.db.execute(
                    "SELECT id FROM notices WHERE key = ?", [notice.key]
                ).fetchone()
                before = self.db.conn.total_changes
                self.db.conn.executemany(
                    _UPSERT,
                    [(notice_id, chat, sub, now, now) for chat, sub in notice.recipients],
                )
                added += self.db.conn.total_changes - before
        return added

    # --- sending ------------------------------------------------------------------------

    def due(self, now: str, limit: int) -> list[Outgoing]:
        """Pending rows whose time has come, oldest first."""
        rows = self.db.execute(
            "SELECT o.id, o.chat_id, o.subscription_id, n.kind, n.text, n.details, n.expires_at,"
            " o.attempts FROM outbox o JOIN notices n ON n.id = o.notice_id"
            " WHERE o.status = 'pending' AND o.next_attempt_at <= ?"
            " ORDER BY o.next_attempt_at, o.id LIMIT ?",
            [now, limit],
        ).fetchall()
        return [
            Outgoing(r[0], r[1], r[2], NoticeKind(r[3]), r[4], json.loads(r[5]), r[6], r[7])
            for r in rows
        ]

    def next_due(self) -> str | None:
        """When the earliest pending row is due (UTC text), if any."""
        row = self.db.execute(
            "SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'"
        ).fetchone()
        return row[0]

    def claim(self, row_ids: Sequence[int], sender: str, now: str) -> list[bool]:
        """Take pending rows for sending, in one transaction; False for each row another
        sender took first."""
        return self.finish_and_claim(sender, [], row_ids, now)

    def finish(self, sender: str, outcomes: Sequence[Outcome]) -> None:
        """Write how claimed rows' attempts ended (sent, unknown, failed), in one transaction."""
        self.finish_and_claim(sender, outcomes, [], "")

    def finish_and_claim(
        self,
        sender: str,
        outcomes: Sequence[Outcome],
        row_ids: Sequence[int],
        now: str,
        *,
        lease: str | None = None,
    ) -> list[bool]:
        """Write how claimed rows' attempts ended and take the next pending rows, in one
        transaction: a sender at full speed pays one commit for both. False for each row
        another sender took first. With `lease`, the sender's right to send is renewed to it
        in the same transaction, or LeaseLost is raised and nothing is written."""
        # conn.execute, not db.execute: sqlite-utils commits each write of its own at once
        # unless a transaction is already open, which would make each row a commit of its own.
        with self.db.conn:
            self.db.conn.executemany(
                "UPDATE outbox SET status = ?, last_error = ?, message_id = ?, sent_at = ?"
                " WHERE id = ? AND claimed_by = ? AND status IN ('sending', 'unknown')",
                [
                    (
                        str(o.status),
                        o.error,
                        o.message_id,
                        o.at if o.status is DeliveryStatus.SENT else "",
                        o.row_id,
                        sender,
                    )
                    for o in outcomes
                ],
            )
            if not row_ids:
                return []
            if lease is not None and not renew(self.db, sender, lease):
                raise LeaseLost(sender)
            # One statement for every row: those another sender took first are not 'pending'.
            # `+status`: found by their ids; SQLite would otherwise walk the status index
            # through every pending row (0.9 ms a claim with 18,000 waiting).
            taken = {
                row[0]
                for row in self.db.conn.execute(
                    "UPDATE outbox SET status = 'sending', claimed_by = ?, claimed_at = ?,"
                    f" attempts = attempts + 1 WHERE id IN ({', '.join('?' * len(row_ids))})"
                    " AND +status = 'pending' RETURNING id",
                    [sender, now, *row_ids],
                ).fetchall()
            }
        return [row_id in taken for row_id in row_ids]

    def retry_later(
        self, row_id: int, sender: str, at: str, error: str, *, counts: bool = True
    ) -> None:
        """Give a claimed row back to be tried again at `at`; a pause Telegram asked for
        (`counts=False`) does not use up one of its attempts."""
        with self.db.conn:
            self._pending_again(row_id, sender, counts, next_attempt_at=at, last_error=error)

    def _pending_again(self, row_id: int, sender: str, counts: bool, **fields: str) -> None:
        """A row this sender claimed waits again; without using up an attempt unless `counts`
        (the claim counted one); `fields` are set with it."""
        sets = "".join(f", {name} = ?" for name in fields)
        self.db.execute(
            f"UPDATE outbox SET status = 'pending', claimed_by = '', attempts = attempts - ?{sets}"
            " WHERE id = ? AND claimed_by = ? AND status = 'sending'",
            [0 if counts else 1, *fields.values(), row_id, sender],
        )

    def give_back(self, row_id: int, sender: str) -> None:
        """A claimed row that was not sent (the quiet hours began): waiting again, as it was."""
        with self.db.conn:
            self._pending_again(row_id, sender, counts=False)

    def expire(self, row_id: int, reason: str) -> None:
        """A pending row whose activity began before it could go out."""
        with self.db.conn:
            self.db.execute(
                "UPDATE outbox SET status = 'expired', last_error = ?"
                " WHERE id = ? AND status = 'pending'",
                [reason, row_id],
            )

    def block(self, row_id: int, chat_id: int, error: str) -> None:
        """Telegram answered 403: this row and the chat's other waiting rows end as blocked,
        and the chat gets no more notices until its resident writes to the bot again."""
        with self.db.conn:
            self.db.execute(
                "UPDATE outbox SET status = 'blocked', last_error = ? WHERE id = ?",
                [error, row_id],
            )
            block_chat(self.db, chat_id)

    def move_chat(self, row_id: int, sender: str, old_chat_id: int, new_chat_id: int) -> None:
        """The group became a supergroup: this row (given back, pending) and everything of
        the chat follow its new id."""
        with self.db.conn:
            self._pending_again(row_id, sender, counts=False)
            move_chat(self.db, old_chat_id, new_chat_id)

    def recover(self, stopped: Callable[[str], bool], claimed_before: str, now: str) -> int:
        """Rows left 'sending' by a sender that stopped (its process is gone, or its claim is
        older than any send can take) become 'unknown': the request may have reached Telegram,
        so they are not sent again. Returns how many."""
        senders = [
            row[0]
            for row in self.db.execute(
                "SELECT DISTINCT claimed_by FROM outbox WHERE status = 'sending'"
            )
        ]
        gone = [sender for sender in senders if stopped(sender)]
        with self.db.conn:
            cursor = self.db.execute(
                "UPDATE outbox SET status = 'unknown', last_error = ? WHERE status = 'sending'"
                f" AND (claimed_at < ? OR claimed_by IN ({', '.join('?' * len(gone))}))",
                [
                    f"{now}: the sender stopped while sending; Telegram may have delivered it",
                    claimed_before,
                    *gone,
                ],
            )
        return cursor.rowcount

    # --- for staff ----------------------------------------------------------------------

    def counts(self) -> dict[str, dict[str, int]]:
        """Rows by notice kind and status."""
        counts: dict[str, dict[str, int]] = {}
        for kind, status, n in self.db.execute(
            "SELECT n.kind, o.status, COUNT(*) FROM outbox o JOIN notices n ON n.id = o.notice_id"
            " GROUP BY n.kind, o.status"
        ):
            counts.setdefault(kind, {})[status] = n
        return counts

    def last_errors(self, limit: int = 10) -> list[dict[str, Any]]:
        """The latest rows with an error: failed, unknown, blocked, or waiting for a retry."""
        return list(
            self.db.query(
                "SELECT o.id, o.chat_id, o.status, o.attempts, o.next_attempt_at, o.last_error,"
                " n.kind, n.activity_id FROM outbox o JOIN notices n ON n.id = o.notice_id"
                " WHERE o.last_error != '' AND o.status IN"
                " ('failed', 'unknown', 'blocked', 'pending') ORDER BY o.id DESC LIMIT ?",
                [limit],
            )
        )

    def purge(self, expired_before: str) -> int:
        """Forget notices (and their rows) about what ended long ago; nothing waiting goes."""
        with self.db.conn:
            old = "SELECT id FROM notices WHERE expires_at < ?"
            waiting = "SELECT notice_id FROM outbox WHERE status IN ('pending', 'sending')"
            cursor = self.db.execute(
                f"DELETE FROM outbox WHERE notice_id IN ({old}) AND notice_id NOT IN ({waiting})",
                [expired_before],
            )
            self.db.execute(
                f"DELETE FROM notices WHERE id IN ({old})"
                " AND id NOT IN (SELECT notice_id FROM outbox)",
                [expired_before],
            )
        return cursor.rowcount
