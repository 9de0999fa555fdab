"""Hand-offs to a person (转人工): tickets, and which staff-chat posts belong to which ticket.

A staff member's reply reaches a resident only through this mapping of the staff chat's
message ids to tickets, kept in the database: never an id parsed out of message text, never
`forward_from` (which many residents' privacy settings hide).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlite_utils


class TicketStatus(StrEnum):
    OPEN = "open"
    CLAIMED = "claimed"
    CLOSED = "closed"


class ClosedBy(StrEnum):
    STAFF = "staff"
    RESIDENT = "resident"
    IDLE = "idle"
    BLOCKED = "blocked"  # the resident blocked the bot


def create_desk_tables(db: sqlite_utils.Database) -> None:
    """The desk's tables (a residents' store migration)."""
    db["tickets"].create(
        {
            "id": int,
            "chat_id": int,
            "first_name": str,
            "status": str,
            "claimed_by": int,
            "opened_at": str,
            "updated_at": str,
            "first_staff_reply_at": str,
            "closed_at": str,
            "closed_by": str,
            "topic_id": int,
        },
        pk="id",
        if_not_exists=True,
    )
    db["tickets"].create_index(["chat_id", "status"], if_not_exists=True)
    db["ticket_posts"].create(
        {"staff_chat_id": int, "message_id": int, "ticket_id": int},
        pk=("staff_chat_id", "message_id"),
        if_not_exists=True,
    )


def forget_tickets(db: sqlite_utils.Database, chat_id: int) -> dict[str, int]:
    """Delete a chat's tickets and their posts' mapping (in the caller's transaction: /forget
    deletes them with the rest of the chat's data); how many rows went from each table."""
    posts = db.conn.execute(
        "DELETE FROM ticket_posts WHERE ticket_id IN (SELECT id FROM tickets WHERE chat_id = ?)",
        [chat_id],
    ).rowcount
    tickets = db.conn.execute("DELETE FROM tickets WHERE chat_id = ?", [chat_id]).rowcount
    return {"ticket_posts": posts, "tickets": tickets}


@dataclass(frozen=True)
class Ticket:
    id: int
    chat_id: int
    first_name: str
    status: TicketStatus
    claimed_by: int | None
    opened_at: datetime
    updated_at: datetime
    topic_id: int | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Ticket:
        return cls(
            row["id"],
            row["chat_id"],
            row["first_name"] or "",
            TicketStatus(row["status"]),
            row["claimed_by"],
            datetime.fromisoformat(row["opened_at"]),
            datetime.fromisoformat(row["updated_at"]),
            row["topic_id"],
        )


class Desk:
    """Tickets in the residents' store."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def open_ticket(self, chat_id: int, first_name: str, now: datetime) -> tuple[Ticket, bool]:
        """The chat's open ticket, or a new one; True when it is new."""
        current = self.current(chat_id)
        if current is not None:
            return current, False
        stamp = now.isoformat(timespec="seconds")
        with self.db.conn:
            cursor = self.db.conn.execute(
                "INSERT INTO tickets (chat_id, first_name, status, opened_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [chat_id, first_name[:64], TicketStatus.OPEN, stamp, stamp],
            )
        ticket = self.get(int(cursor.lastrowid or 0))
        assert ticket is not None
        return ticket, True

    def get(self, ticket_id: int) -> Ticket | None:
        rows = list(self.db["tickets"].rows_where("id = ?", [ticket_id]))
        return Ticket.from_row(rows[0]) if rows else None

    def current(self, chat_id: int) -> Ticket | None:
        """The chat's ticket that is not closed, if any."""
        rows = list(
            self.db["tickets"].rows_where(
                "chat_id = ? AND status != ?", [chat_id, TicketStatus.CLOSED], limit=1
            )
        )
        return Ticket.from_row(rows[0]) if rows else None

    def link_post(self, ticket_id: int, staff_chat_id: int, message_id: int) -> None:
        """Remember that this staff-chat message belongs to the ticket."""
        with self.db.conn:
            self.db.conn.execute(
                "INSERT OR REPLACE INTO ticket_posts (staff_chat_id, message_id, ticket_id) "
                "VALUES (?, ?, ?)",
                [staff_chat_id, message_id, ticket_id],
            )

    def ticket_of_post(self, staff_chat_id: int, message_id: int) -> Ticket | None:
        row = self.db.execute(
            "SELECT ticket_id FROM ticket_posts WHERE staff_chat_id = ? AND message_id = ?",
            [staff_chat_id, message_id],
        ).fetchone()
        return self.get(row[0]) if row else None

    def ticket_of_topic(self, topic_id: int) -> Ticket | None:
        rows = list(self.db["tickets"].rows_where("topic_id = ?", [topic_id], limit=1))
        return Ticket.from_row(rows[0]) if rows else None

    def set_topic(self, ticket_id: int, topic_id: int | None) -> None:
        self._update(ticket_id, topic_id=topic_id)

    def claim(self, ticket_id: int, staff_id: int, now: datetime) -> Ticket | None:
        """Claim an open ticket; None when it is closed (a late press)."""
        ticket = self.get(ticket_id)
        if ticket is None or ticket.status is TicketStatus.CLOSED:
            return None
        self._update(ticket_id, status=TicketStatus.CLAIMED, claimed_by=staff_id, updated_at=now)
        return self.get(ticket_id)

    def touch(self, ticket_id: int, now: datetime, *, by_staff: bool = False) -> None:
        """A message went either way: the ticket is not idle; the first staff reply is kept."""
        self._update(ticket_id, updated_at=now)
        if by_staff:
            with self.db.conn:
                self.db.conn.execute(
                    "UPDATE tickets SET first_staff_reply_at = ? "
                    "WHERE id = ? AND first_staff_reply_at IS NULL",
                    [now.isoformat(timespec="seconds"), ticket_id],
                )

    def close(self, ticket_id: int, by: ClosedBy, now: datetime) -> Ticket | None:
        """Close a ticket; None when it was already closed."""
        ticket = self.get(ticket_id)
        if ticket is None or ticket.status is TicketStatus.CLOSED:
            return None
        self._update(
            ticket_id, status=TicketStatus.CLOSED, closed_by=by, closed_at=now, updated_at=now
        )
        return self.get(ticket_id)

    def idle(self, before: datetime) -> list[Ticket]:
        """Tickets not closed with no message since `before`."""
        return [
            Ticket.from_row(row)
            for row in self.db["tickets"].rows_where(
                "status != ? AND updated_at < ?",
                [TicketStatus.CLOSED, before.isoformat(timespec="seconds")],
            )
        ]

    def forget(self, chat_id: int) -> None:
        """Delete every ticket of a chat and its posts' mapping."""
        with self.db.conn:
            forget_tickets(self.db, chat_id)

    def purge_closed(self, before: datetime) -> int:
        """Delete tickets closed before `before` (retention); how many."""
        stamp = before.isoformat(timespec="seconds")
        with self.db.conn:
            self.db.conn.execute(
                "DELETE FROM ticket_posts WHERE ticket_id IN "
                "(SELECT id FROM tickets WHERE status = ? AND closed_at < ?)",
                [TicketStatus.CLOSED, stamp],
            )
            cursor = self.db.conn.execute(
                "DELETE FROM tickets WHERE status = ? AND closed_at < ?",
                [TicketStatus.CLOSED, stamp],
            )
        return cursor.rowcount

    def _update(self, ticket_id: int, **values: Any) -> None:
        row = {
            k: v.isoformat(timespec="seconds") if isinstance(v, datetime) else v
            for k, v in values.items()
        }
        with self.db.conn:
            self.db["tickets"].update(ticket_id, row)
