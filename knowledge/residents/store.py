"""Residents' data, in the same SQLite file as the knowledge but apart from it."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from knowledge.db import connect, now_utc

migrations = Migrations("orgbot-residents")


class Channel(StrEnum):
    """Where a question came from."""

    CLI = "cli"
    TELEGRAM = "telegram"


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
def m002_questions_without_telegram_ids(db: sqlite_utils.Database) -> None:
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

    def question_counts(self) -> tuple[int, int]:
        """(questions asked, of which unanswered)."""
        row = self.db.execute(
            "SELECT COUNT(*), COALESCE(SUM(answered = 0), 0) FROM questions"
        ).fetchone()
        return row[0], row[1]

    # --- subscriptions and chats ----------------------------------------------------------

    def subscribe(self, chat_id: int, kind: SubscriptionKind, target: str) -> bool:
        """Remember a subscription; False when the chat already had it."""
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO subscriptions (chat_id, kind, target, created_at) "
            "VALUES (?, ?, ?, ?)",
            [chat_id, str(kind), target, now_utc()],
        )
        self.db.conn.commit()
        return cursor.rowcount == 1

    def mark_blocked(self, chat_id: int) -> None:
        """A resident blocked the bot (Telegram answered 403): stop writing to them."""
        self.db["blocked_chats"].upsert({"chat_id": chat_id, "blocked_at": now_utc()}, pk="chat_id")

    def clear_blocked(self, chat_id: int) -> None:
        self.db.execute("DELETE FROM blocked_chats WHERE chat_id = ?", [chat_id])
        self.db.conn.commit()

    def is_blocked(self, chat_id: int) -> bool:
        row = self.db.execute("SELECT 1 FROM blocked_chats WHERE chat_id = ?", [chat_id]).fetchone()
        return row is not None
