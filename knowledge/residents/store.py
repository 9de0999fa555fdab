"""Residents' data, in the same SQLite file as the knowledge but apart from it."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from knowledge.db import connect, now_utc
from knowledge.residents.desk import create_desk_tables

migrations = Migrations("orgbot-residents")

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
    ORGANIZATION = "organization"


@migrations()
def m001_release_0_1(db: sqlite_utils.Database) -> None:
    """The residents' tables of release 0.1.0 (a database made by it already has them)."""
    db["questions"].create(
        {
            "id": int,
            "at": str,
            "channel": str,
            "user_ref": str,
            "query": str,
            "answered": int,
            "intent": str,
            "top_kind": str,
            "top_id": str,
            "score": float,
        },
        pk="id",
        if_not_exists=True,
    )
    db["questions"].create_index(["answered", "at"], if_not_exists=True)
    db["subscriptions"].create(
        {"chat_id": int, "kind": str, "target": str, "created_at": str}, if_not_exists=True
    )
    db["subscriptions"].create_index(["chat_id", "kind", "target"], unique=True, if_not_exists=True)
    db["blocked_chats"].create(
        {"chat_id": int, "blocked_at": str}, pk="chat_id", if_not_exists=True
    )


@migrations()
def m002_question_review(db: sqlite_utils.Database) -> None:
    """What the staff's review needs of a question: a short id for its buttons, how sure the
    bot was, the resident's 👍/👎, whether they asked for a person."""
    questions = db["questions"]
    for column, kind, default in (
        ("ref", str, ""),
        ("decision", str, ""),
        ("feedback", str, ""),
        ("handed_off", int, 0),
    ):
        if column not in questions.columns_dict:
            questions.add_column(column, kind, not_null_default=default)
    questions.create_index(["ref"], if_not_exists=True)


@migrations()
def m003_desk_tickets(db: sqlite_utils.Database) -> None:
    """Hand-offs to staff: tickets and the staff-chat posts that belong to them."""
    create_desk_tables(db)


@migrations()
def m004_questions_without_telegram_ids(db: sqlite_utils.Database) -> None:
    """Forget which Telegram user asked each logged question. The staff's review reads what
    was asked, when and whether it was answered, never who asked; a question can hold health
    or family details, and kept with the asker's id it says whose they are."""
    db.execute("UPDATE questions SET user_ref = NULL WHERE user_ref IS NOT NULL")


class ResidentsStore:
    """What residents asked, what they follow, which chats blocked the bot."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        migrations.apply(db)

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
                "SELECT query, at, answered, decision, feedback, handed_off, top_kind, top_id "
                "FROM questions WHERE at >= ? AND intent != 'greeting' AND (answered = 0 "
                "OR feedback = 'down' OR handed_off = 1 OR decision = 'confirm') "
                "ORDER BY at DESC",
                [since],
            )
        )

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

    def mark_blocked(self, chat_id: int) -> None:
        """A resident blocked the bot (Telegram answered 403): stop writing to them."""
        self.db["blocked_chats"].upsert({"chat_id": chat_id, "blocked_at": now_utc()}, pk="chat_id")

    def clear_blocked(self, chat_id: int) -> None:
        self.db.execute("DELETE FROM blocked_chats WHERE chat_id = ?", [chat_id])
        self.db.conn.commit()

    def is_blocked(self, chat_id: int) -> bool:
        row = self.db.execute("SELECT 1 FROM blocked_chats WHERE chat_id = ?", [chat_id]).fetchone()
        return row is not None
