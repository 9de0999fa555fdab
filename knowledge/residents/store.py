"""Residents' data, in the same SQLite file as the knowledge but apart from it."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, NamedTuple

import sqlite_utils

from knowledge.db import connect, now_utc
from knowledge.residents.desk import Desk, forget_tickets
from knowledge.residents.migrations import migrations

# Anyone can press a forged 订阅 button: one chat may follow this many things, no more.
MAX_SUBSCRIPTIONS_PER_CHAT = 50


class TooManySubscriptions(Exception):
    """The chat already follows MAX_SUBSCRIPTIONS_PER_CHAT things."""


class Channel(StrEnum):
    """Where a question came from."""

    CLI = "cli"
    TELEGRAM = "telegram"


class Feedback(StrEnum):
    UP = "up"
    DOWN = "down"


class SubscriptionKind(StrEnum):
    """What a resident follows: an organization (target: its id), a topic or a district (target:
    its name), or the weekly digest (target: DIGEST_TARGET)."""

    ORGANIZATION = "organization"
    TOPIC = "topic"
    DISTRICT = "district"
    DIGEST = "digest"


DIGEST_TARGET = "weekly"


class Subscription(NamedTuple):
    """One thing a chat follows (a tuple: planning reads tens of thousands every tick)."""

    id: int
    chat_id: int
    kind: str  # SubscriptionKind
    target: str


def block_chat(db: sqlite_utils.Database, chat_id: int) -> None:
    """Mark a chat inactive and end its waiting notices as blocked (in the caller's transaction)."""
    db.execute(
        "INSERT OR REPLACE INTO blocked_chats (chat_id, blocked_at) VALUES (?, ?)",
        [chat_id, now_utc()],
    )
    db.execute(
        "UPDATE outbox SET status = 'blocked', last_error = 'the chat blocked the bot'"
        " WHERE chat_id = ? AND status = 'pending'",
        [chat_id],
    )


def move_chat(db: sqlite_utils.Database, old_chat_id: int, new_chat_id: int) -> None:
    """Point a chat's subscriptions and waiting notices at its new id (in the caller's
    transaction); what the new id already had wins, the old id's duplicates go."""
    for table, waiting in (("subscriptions", ""), ("outbox", " AND status = 'pending'")):
        db.execute(
            f"UPDATE OR IGNORE {table} SET chat_id = ? WHERE chat_id = ?{waiting}",
            [new_chat_id, old_chat_id],
        )
    db.execute("DELETE FROM subscriptions WHERE chat_id = ?", [old_chat_id])
    db.execute(
        "UPDATE outbox SET status = 'withdrawn', last_error = ? WHERE chat_id = ? AND status = 'pending'",
        [f"the chat moved to {new_chat_id}, which already had it", old_chat_id],
    )


class ResidentsStore:
    """What residents asked, what they follow, which chats blocked the bot."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        migrations.apply(db)
        self.desk = Desk(db)

    @classmethod
    def open(cls, path: Any = None) -> ResidentsStore:
        return cls(connect(path))

    # --- questions ----------------------------------------------------------------------

    def unanswered_questions(self, limit: int = 50) -> list[dict[str, Any]]:
        """What the bot could not answer, most asked first."""
        return list(
            self.db.query(
                "SELECT query, COUNT(*) AS times, MAX(at) AS last_asked FROM questions "
                "WHERE answered = 0 AND intent != 'greeting' GROUP BY query "
                "ORDER BY times DESC, last_asked DESC LIMIT ?",
                [limit],
            )
        )

    def set_feedback(self, ref: str, feedback: Feedback) -> bool:
        """A resident's 👍/👎 on an answer; False when no such question is logged."""
        return self._update_question(ref, "feedback", str(feedback))

    def mark_handed_off(self, ref: str) -> bool:
        """The resident asked for a person after this answer."""
        return self._update_question(ref, "handed_off", 1)

    def _update_question(self, ref: str, column: str, value: object) -> bool:
        with self.db.conn:
            cursor = self.db.conn.execute(
                f"UPDATE questions SET {column} = ? WHERE ref = ?", [value, ref]
            )
        return cursor.rowcount > 0

    def review_queue(self, since: str = "") -> list[dict[str, Any]]:
        """Questions staff should look at: unanswered, 👎, handed to a person, or answered
        with little confidence — newest first."""
        return list(
            self.db.query(
                "SELECT ref, query, at, answered, decision, feedback, handed_off, top_kind, top_id "
                "FROM questions WHERE at >= ? AND reviewed = 0 AND (answered = 0 "
                "OR feedback = 'down' OR handed_off = 1 OR decision IN ('confirm', 'choose')) "
                "AND (intent != 'greeting' OR feedback = 'down' OR handed_off = 1) "
                "ORDER BY at DESC, id DESC",
                [since],
            )
        )

    def mark_reviewed(self, refs: list[str]) -> int:
        """Staff dealt with these questions (a wording added, or ignored): out of the queue."""
        with self.db.conn:
            cursor = self.db.conn.executemany(
                "UPDATE questions SET reviewed = 1 WHERE ref = ?", [[r] for r in refs]
            )
        return cursor.rowcount

    def question_by_ref(self, ref: str) -> dict[str, Any] | None:
        """One logged question (what was asked and how it was answered), if still kept."""
        rows = list(
            self.db.query(
                "SELECT ref, query, at, answered, intent, decision, top_kind, top_id "
                "FROM questions WHERE ref = ? LIMIT 1",
                [ref],
            )
        )
        return rows[0] if rows else None

    def purge_questions(self, before: str) -> int:
        """Delete questions logged before `before` (an ISO time; retention); how many."""
        with self.db.conn:
            cursor = self.db.conn.execute("DELETE FROM questions WHERE at < ?", [before])
        return cursor.rowcount

    def question_counts(self) -> tuple[int, int]:
        """(questions asked, of which unanswered)."""
        row = self.db.execute(
            "SELECT COUNT(*), COALESCE(SUM(answered = 0), 0) FROM questions"
        ).fetchone()
        return row[0], row[1]

    # --- subscriptions and chats ----------------------------------------------------------

    def subscribe(self, chat_id: int, kind: SubscriptionKind, target: str) -> bool:
        """Remember a subscription; False when the chat already had it.

        Raises TooManySubscriptions when the chat has MAX_SUBSCRIPTIONS_PER_CHAT already."""
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO subscriptions (chat_id, kind, target, created_at) "
            "SELECT ?, ?, ?, ? WHERE (SELECT COUNT(*) FROM subscriptions WHERE chat_id = ?) < ?",
            [chat_id, str(kind), target, now_utc(), chat_id, MAX_SUBSCRIPTIONS_PER_CHAT],
        )
        self.db.conn.commit()
        if cursor.rowcount == 1:
            return True
        had = self.db.execute(
            "SELECT 1 FROM subscriptions WHERE chat_id = ? AND kind = ? AND target = ?",
            [chat_id, str(kind), target],
        ).fetchone()
        if had is None:
            raise TooManySubscriptions(chat_id)
        return False

    def toggle(self, chat_id: int, kind: SubscriptionKind, target: str) -> bool:
        """Stop a subscription the chat has, or make it (/subscribe's buttons); True when the
        chat follows it now. Raises TooManySubscriptions as `subscribe` does."""
        if self.unsubscribe(chat_id, kind, target):
            return False
        self.subscribe(chat_id, kind, target)
        return True

    def unsubscribe(self, chat_id: int, kind: SubscriptionKind, target: str) -> bool:
        """Stop one subscription; False when the chat did not have it."""
        row = self.db.execute(
            "SELECT id FROM subscriptions WHERE chat_id = ? AND kind = ? AND target = ?",
            [chat_id, str(kind), target],
        ).fetchone()
        return row is not None and self.unsubscribe_id(chat_id, row[0]) is not None

    def unsubscribe_id(self, chat_id: int, subscription_id: int) -> Subscription | None:
        """Stop the subscription a reminder's "不再提醒这类活动" button names, if it is this chat's
        (ids are never reused, so an old button cannot stop another subscription); notices it
        caused that are still waiting are withdrawn with it. None when there was nothing to stop."""
        with self.db.conn:
            row = self.db.execute(
                "SELECT id, chat_id, kind, target FROM subscriptions WHERE id = ? AND chat_id = ?",
                [subscription_id, chat_id],
            ).fetchone()
            if row is None:
                return None
            self.db.execute("DELETE FROM subscriptions WHERE id = ?", [subscription_id])
            self.db.execute(
                "UPDATE outbox SET status = 'withdrawn', last_error = 'unsubscribed'"
                " WHERE subscription_id = ? AND status = 'pending'",
                [subscription_id],
            )
        return Subscription(row[0], row[1], SubscriptionKind(row[2]), row[3])

    def unsubscribe_all(self, chat_id: int) -> int:
        """Stop every subscription of a chat; how many there were."""
        subscriptions = self.subscriptions_of(chat_id)
        for subscription in subscriptions:
            self.unsubscribe_id(chat_id, subscription.id)
        return len(subscriptions)

    def subscriptions_of(self, chat_id: int) -> list[Subscription]:
        """What a chat follows, in the order it subscribed."""
        rows = self.db.execute(
            "SELECT id, chat_id, kind, target FROM subscriptions WHERE chat_id = ? ORDER BY id",
            [chat_id],
        ).fetchall()
        return [Subscription(r[0], r[1], SubscriptionKind(r[2]), r[3]) for r in rows]

    def set_digest(self, chat_id: int, on: bool) -> bool:
        """Choose the weekly digest or stop it; False when nothing changed."""
        if on:
            return self.subscribe(chat_id, SubscriptionKind.DIGEST, DIGEST_TARGET)
        return self.unsubscribe(chat_id, SubscriptionKind.DIGEST, DIGEST_TARGET)

    def forget(self, chat_id: int) -> dict[str, int]:
        """Delete everything stored about a chat (/forget), in one transaction: its
        subscriptions, its notices' rows and the weekly digests written for it alone, its
        blocked mark, its hand-off tickets and their staff-chat posts. Returns how many rows
        went from each table.

        Logged questions hold no Telegram id since m004, so nothing ties them to the chat; a
        row still marked with it (written by hand, or by an old release) goes too."""
        deleted: dict[str, int] = {}
        with self.db.conn:
            for table, sql, args in (
                ("subscriptions", "DELETE FROM subscriptions WHERE chat_id = ?", [chat_id]),
                ("questions", "DELETE FROM questions WHERE user_ref = ?", [str(chat_id)]),
                ("outbox", "DELETE FROM outbox WHERE chat_id = ?", [chat_id]),
                (
                    "notices",
                    "DELETE FROM notices WHERE kind = 'digest' AND key LIKE ?"
                    " AND NOT EXISTS (SELECT 1 FROM outbox WHERE notice_id = notices.id)",
                    [f"digest:%:{chat_id}"],
                ),
                ("blocked_chats", "DELETE FROM blocked_chats WHERE chat_id = ?", [chat_id]),
            ):
                deleted[table] = self.db.execute(sql, args).rowcount
            deleted.update(forget_tickets(self.db, chat_id))
        return deleted

    def migrate_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        """A group became a supergroup with a new id: its subscriptions and waiting notices follow
        (what the new id already had wins)."""
        with self.db.conn:
            move_chat(self.db, old_chat_id, new_chat_id)

    def mark_blocked(self, chat_id: int) -> None:
        """A resident blocked the bot (Telegram answered 403, or a my_chat_member update said
        so): stop writing to them; their waiting notices end as 'blocked'."""
        with self.db.conn:
            block_chat(self.db, chat_id)

    def clear_blocked(self, chat_id: int) -> None:
        self.db.execute("DELETE FROM blocked_chats WHERE chat_id = ?", [chat_id])
        self.db.conn.commit()

    def is_blocked(self, chat_id: int) -> bool:
        row = self.db.execute("SELECT 1 FROM blocked_chats WHERE chat_id = ?", [chat_id]).fetchone()
        return row is not None
