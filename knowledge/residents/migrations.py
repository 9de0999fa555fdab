"""The residents' tables and how a database from an earlier release is upgraded in place.

The names and order of these migrations are what sqlite-utils records in a database that ran
them: never rename or reorder one; a new one goes at the END with a unique name.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

from knowledge.residents.desk import create_desk_audit, create_desk_tables
from knowledge.residents.lease import create_sender_lease

migrations = Migrations("orgbot-residents")


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


@migrations()
def m005_notices(db: sqlite_utils.Database) -> None:
    """Subscriptions get an id that is never reused (a reminder's "不再提醒" button carries it;
    the row's old rowid is kept), and the notices with their outbox: one row per notice and chat.
    """
    db.execute(
        "CREATE TABLE subscriptions_v2 (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " chat_id INTEGER NOT NULL, kind TEXT NOT NULL, target TEXT NOT NULL, created_at TEXT)"
    )
    db.execute(
        "INSERT INTO subscriptions_v2 (id, chat_id, kind, target, created_at)"
        " SELECT rowid, chat_id, kind, target, created_at FROM subscriptions ORDER BY rowid"
    )
    db.execute("DROP TABLE subscriptions")
    db.execute("ALTER TABLE subscriptions_v2 RENAME TO subscriptions")
    db["subscriptions"].create_index(["chat_id", "kind", "target"], unique=True)
    db["subscriptions"].create_index(["kind", "target"])
    # A notice is what is said (once); the outbox holds who it goes to and how that went.
    db.execute(
        "CREATE TABLE notices (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE,"
        " kind TEXT NOT NULL, activity_id TEXT NOT NULL, snapshot TEXT NOT NULL,"
        " details TEXT NOT NULL, text TEXT NOT NULL, covers_at TEXT NOT NULL,"
        " expires_at TEXT NOT NULL, created_at TEXT NOT NULL)"
    )
    db["notices"].create_index(["expires_at"])
    db.execute(
        "CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " notice_id INTEGER NOT NULL REFERENCES notices(id), chat_id INTEGER NOT NULL,"
        " subscription_id INTEGER, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
        " next_attempt_at TEXT NOT NULL, last_error TEXT NOT NULL DEFAULT '',"
        " claimed_by TEXT NOT NULL DEFAULT '', claimed_at TEXT NOT NULL DEFAULT '',"
        " sent_at TEXT NOT NULL DEFAULT '', message_id INTEGER, created_at TEXT NOT NULL,"
        " UNIQUE (notice_id, chat_id))"
    )
    db["outbox"].create_index(["status", "next_attempt_at"])
    db["outbox"].create_index(["chat_id"])


@migrations()
def m006_desk_audit(db: sqlite_utils.Database) -> None:
    """The desk's records: every staff action on a ticket (who, what, when, before and after),
    and which reviewed questions staff dealt with (added as a wording, or ignored)."""
    create_desk_audit(db)
    if "reviewed" not in db["questions"].columns_dict:
        db["questions"].add_column("reviewed", int, not_null_default=0)


@migrations()
def m_sender_lease(db: sqlite_utils.Database) -> None:
    """The right to send notices, held by one sender at a time (knowledge/residents/lease.py)."""
    create_sender_lease(db)
