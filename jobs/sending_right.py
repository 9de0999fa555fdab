"""A sender's hold on the right to send for its database (the lease of
knowledge/residents/lease.py): taken before its first claim, renewed while it sends, given back
when nothing more is due.

Each claim renews the lease in the claim's own transaction and fails if another sender took
it (the outbox raises LeaseLost), so no row is ever claimed without the lease. Between claims
(waiting for the pace, for a 429's pause, for the answers in flight) a heartbeat renews it
every third of its term, so a sender that is merely waiting keeps it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import sqlite3
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from jobs.database_thread import DatabaseThread
from knowledge.residents.lease import Holder, SenderLease, lease_text

log = logging.getLogger(__name__)

# How long a lease lasts unless renewed: the longest a killed sender holds up the notices.
LEASE_SECONDS = 30.0


def sender_id() -> str:
    """Who claims rows: host, process and a nonce (two senders in one process differ)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def sender_stopped(claimed_by: str) -> bool:
    """Whether the sender that wrote a claim is certainly gone: a process of this host that no
    longer runs. Another host's claims wait for CLAIM_LEASE instead (jobs/ticks.py)."""
    host, _, rest = claimed_by.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit() or int(pid_text) == os.getpid():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


class SendingRight:
    """One sender's lease, on its database thread. `clock` is the wall clock: the lease is
    compared between processes, unlike the sender's own clock, which tests move."""

    def __init__(
        self,
        db: DatabaseThread,
        holder: str,
        seconds: float = LEASE_SECONDS,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.db, self.holder, self.clock = db, holder, clock
        self.term = timedelta(seconds=seconds)
        self.held = False
        self.refused: Holder | None = None  # who held it when this sender last asked
        self._heartbeat: asyncio.Task[None] | None = None

    def until(self) -> str:
        """The expiry a renewal now writes."""
        return lease_text(self.clock() + self.term)

    async def take(self) -> bool:
        """Take the lease (or keep it); False, and `refused` says who has it, when another
        sender holds it."""
        if self.held:
            return True
        now = self.clock()
        other = await self.db.call(
            lambda db: SenderLease(db).take(
                self.holder, lease_text(now), lease_text(now + self.term)
            )
        )
        if other is not None:
            if self.refused is None or self.refused.holder != other.holder:
                log.info(
                    "another sender (%s) holds the right to send until %s; waiting",
                    other.holder or "?",
                    other.expires_at,
                )
            self.refused = other
            return False
        self.held, self.refused = True, None
        self._heartbeat = asyncio.create_task(self._renew_while_held(), name="sender-lease")
        return True

    def lost(self) -> None:
        """A claim found the lease taken by another sender: stop sending."""
        if self.held:
            log.warning("another sender took the right to send; this one stops claiming")
        self.held = False

    async def release(self) -> None:
        """Stop renewing, and give the lease back if it is still this sender's."""
        if self._heartbeat is not None:
            self._heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._heartbeat
            self._heartbeat = None
        if self.held:
            self.held = False
            try:
                await self.db.call(lambda db: SenderLease(db).release(self.holder))
            except sqlite3.Error as exc:  # it expires by itself
                log.warning("giving back the right to send failed (%s); it expires", exc)

    async def _renew_while_held(self) -> None:
        while self.held:
            await asyncio.sleep(self.term.total_seconds() / 3)
            try:
                renewed = await self.db.call(
                    lambda db: SenderLease(db).renew(self.holder, self.until())
                )
            except sqlite3.Error as exc:  # locked a while: the next beat, or a claim, renews
                log.warning("renewing the right to send failed (%s)", exc)
                continue
            if not renewed:
                self.lost()
