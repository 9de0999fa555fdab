"""Hand-offs to a person (转人工): tickets, and which staff-chat posts belong to which ticket.

A staff member's reply reaches a resident only through this mapping of the staff chat's
message ids to tickets, kept in the database: never an id parsed out of message text, never
`forward_from` (which many residents' privacy settings hide).
"""

from __future__ import annotations

import json
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
    audit = db.conn.execute(
        "DELETE FROM desk_audit WHERE ticket_id IN (SELECT id FROM tickets WHERE chat_id = ?)",
        [chat_id],
    ).rowcount
    tickets = db.conn.execute("DELETE FROM tickets WHERE chat_id = ?", [chat_id]).rowcount
    return {"ticket_posts": posts, "desk_audit": audit, "tickets": tickets}


class StaffAction(StrEnum):
    CLAIM = "claim"
    CLOSE = "close"
    REPLY = "reply"


def create_desk_audit(db: sqlite_utils.Database) -> None:
    """Every staff action on a ticket (a residents' store migration)."""
    db["desk_audit"].create(
        {
            "id": int,
            "at": str,
            "ticket_id": int,
            "staff_id": int,
            "action": str,
            "before": str,
            "after": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db["desk_audit"].create_index(["ticket_id"], if_not_exists=True)


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
        claimed = self.get(ticket_id)
        self.audit(ticket_id, staff_id, StaffAction.CLAIM, now, ticket, claimed)
        return claimed

    def first_post(self, ticket_id: int, staff_chat_id: int) -> int | None:
        """The ticket's first post in the staff chat (the one its other posts reply to)."""
        row = self.db.execute(
            "SELECT MIN(message_id) FROM ticket_posts WHERE ticket_id = ? AND staff_chat_id = ?",
            [ticket_id, staff_chat_id],
        ).fetchone()
        return row[0] if row else None

    def audit(
        self,
        ticket_id: int,
        staff_id: int,
        action: StaffAction,
        now: datetime,
        before: Ticket | None,
        after: Ticket | None,
    ) -> None:
        """Record a staff action on a ticket: who, what, when, the ticket before and after."""
        with self.db.conn:
            self.db.conn.execute(
                "INSERT INTO desk_audit (at, ticket_id, staff_id, action, before, after) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    now.isoformat(timespec="seconds"),
                    ticket_id,
                    staff_id,
                    str(action),
                    _state(before),
                    _state(after),
                ],
            )

    def audit_trail(self, ticket_id: int) -> list[dict[str, Any]]:
        """The staff actions on a ticket, oldest first."""
        return list(
            self.db.query(
                "SELECT at, staff_id, action, before, after FROM desk_audit "
                "WHERE ticket_id = ? ORDER BY id",
                [ticket_id],
            )
        )

    def median_first_reply(self, since: datetime) -> float | None:
        """Median minutes from opening to the first staff reply, of tickets opened since."""
        rows = self.db.execute(
            "SELECT (julianday(first_staff_reply_at) - julianday(opened_at)) * 1440 "
            "FROM tickets WHERE opened_at >= ? AND first_staff_reply_at IS NOT NULL "
            "ORDER BY 1",
            [since.isoformat(timespec="seconds")],
        ).fetchall()
        if not rows:
            return None
        values = [r[0] for r in rows]
        middle = len(values) // 2
        return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2

    def opened_since(self, since: datetime) -> int:
        row = self.db.execute(
            "SELECT COUNT(*) FROM tickets WHERE opened_at >= ?",
            [since.isoformat(timespec="seconds")],
        ).fetchone()
        return int(row[0])

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

    def close(
        self, ticket_id: int, by: ClosedBy, now: datetime, staff_id: int | None = None
    ) -> Ticket | None:
        """Close a ticket (by a staff member: audited); None when it was already closed."""
        ticket = self.get(ticket_id)
        if ticket is None or ticket.status is TicketStatus.CLOSED:
            return None
        self._update(
            ticket_id, status=TicketStatus.CLOSED, closed_by=by, closed_at=now, updated_at=now
        )
        closed = self.get(ticket_id)
        if staff_id is not None:
            self.audit(ticket_id, staff_id, StaffAction.CLOSE, now, ticket, closed)
        return closed

    def idle(self, before: datetime) -> list[Ticket]:
        """Tickets not closed with no message since `before`."""
        return [
            Ticket.from_row(row)
            for row in self.db["tickets"].rows_where(
                "status != ? AND updated_at < ?",
                [TicketStatus.CLOSED, before.isoformat(timespec="seconds")],
            )
        ]

    def not_closed(self) -> list[Ticket]:
        """Every ticket still open or claimed (the idle check reads them all: there are few)."""
        return [
            Ticket.from_row(row)
            for row in self.db["tickets"].rows_where("status != ?", [TicketStatus.CLOSED])
        ]

    def discard(self, ticket_id: int) -> None:
        """Delete a ticket that never reached the staff chat (its first post failed)."""
        with self.db.conn:
            self.db.conn.execute("DELETE FROM ticket_posts WHERE ticket_id = ?", [ticket_id])
            self.db.conn.execute("DELETE FROM tickets WHERE id = ?", [ticket_id])

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
            self.db.conn.execute(
                "DELETE FROM desk_audit WHERE ticket_id IN "
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


def _state(ticket: Ticket | None) -> str:
    """A ticket's state as the audit keeps it (no resident's name: the ticket id says whose)."""
    if ticket is None:
        return ""
    return json.dumps({"status": str(ticket.status), "claimed_by": ticket.claimed_by})
