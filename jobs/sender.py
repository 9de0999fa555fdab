"""Sending the outbox: due rows, claimed just before they go, within the broadcast rate.

One sender at a time holds the right to send for a database (jobs/sending_right.py): a second
one (the bot and a cron's `orgbot notify --once`) finds it held and sends nothing, so the
broadcast rate holds for the file, not for each sender. No send starts in the quiet hours: each
row is checked before its claim, and again just before its request (a 429's pause may end in
them); a row claimed and not sent goes back to waiting, for their end.

Rows are claimed (a committed write) just before their requests go out, never more than
`max_in_flight` claimed and unanswered at once, so after a crash only those are in doubt; they
become 'unknown' and are not sent again (see the README: Telegram has no idempotency key, and
a second copy is worse than a missed one when the next reminder follows). Rows are claimed
several at once when half of that window is free, and the outcomes of the sends that came back
are written in the same transaction: one commit, and one trip to the database thread, for
several sends.

Outcomes: sent; 403 → the chat is marked inactive; a migrated group → followed to its new id;
429 → every send pauses for the time Telegram asked (counted), the row goes back unchanged; a
timeout or a broken connection after the request left → unknown; a request that never left
(connection refused, pool full) or a server error → tried again with backoff, failed after
MAX_ATTEMPTS; a 400 (a request Telegram will never accept) → failed at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import warnings
from collections import deque
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

import aiohttp
import httpx
import sqlite_utils
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.warnings import PTBDeprecationWarning, PTBUserWarning

from jobs import messages
from jobs.database_thread import DatabaseThread
from jobs.pace import Pace
from jobs.sending_right import LEASE_SECONDS, SendingRight, sender_id
from jobs.timing import QuietHours, utc_text
from knowledge.residents.lease import LeaseLost
from knowledge.residents.outbox import DeliveryStatus, Outbox, Outcome, Outgoing

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF = timedelta(seconds=30)  # doubled after each failed attempt
MAX_BACKOFF = timedelta(hours=1)
BATCH = 200  # rows read at once; each is claimed only when a send slot is free
# Sends claimed and unanswered at once: all a kill -9 can leave in doubt ('unknown', maybe never
# delivered). Claims go half a window at a time: with 8, one transaction for 4 sends cost a
# third less CPU a send than with 4 claimed one by one (benchmarks/bench_notify.py).
MAX_IN_FLIGHT = 8
IDLE_SECONDS = 0.25  # between looks at the outbox when nothing is due (and at stopping)
# Errors after which the request certainly never reached Telegram.
# aiohttp's are those of the bot's own requests (bot/request.py); httpx's those of a plain Bot.
_NOT_SENT = (
    aiohttp.ClientConnectorError,
    aiohttp.ConnectionTimeoutError,
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
)
# Set while a notice is being sent: the bot's rate limiter (bot/throttle.py), which retries
# replies through an outage, then retries only a request that certainly never left.
AT_MOST_ONCE: ContextVar[bool] = ContextVar("at_most_once", default=False)
# Set with it: whether the notice may still go now (not in the quiet hours). The limiter
# asks before it tries a notice again after an outage, and leaves a 429 to the sender, whose
# pause holds every notice and checks the quiet hours when it ends.
MAY_STILL_SEND: ContextVar[Callable[[], bool] | None] = ContextVar("may_still_send", default=None)


class QuietHoursBegan(NetworkError):
    """A notice failing through an outage was not tried again: the quiet hours began. It
    never reached Telegram, and waits for their end as it was (no attempt used up)."""


@dataclass
class SendStats:
    sent: int = 0
    unknown: int = 0
    failed: int = 0
    blocked: int = 0
    retried: int = 0
    retry_after: int = 0  # 429s received
    migrated: int = 0
    expired: int = 0
    held_back: int = 0  # claimed as the quiet hours began, and given back unsent
    # rows no longer waiting when claimed: another sender took them, or a block or a
    # migrated chat withdrew them meanwhile (not "lost": nothing of theirs goes unsent)
    not_claimed: int = 0

    # Who held the right to send when this sender wanted to (`notify --once` says so).
    held_by: str = ""
    held_until: str = ""

    def line(self) -> str:
        return ", ".join(
            f"{f.name} {getattr(self, f.name)}" for f in fields(self) if f.type == "int"
        )


def retry_seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # an int until PTB_TIMEDELTA (bot/app.py sets it), then not
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value: Any = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def never_sent(exc: NetworkError) -> bool:
    """A network error after which Telegram certainly did not act on the request: it never
    left, or Telegram answered with a server error."""
    cause = exc.__cause__
    return cause is None or isinstance(cause, (*_NOT_SENT, TelegramError))


def _due(db: sqlite_utils.Database, now: str) -> list[Outgoing]:
    return Outbox(db).due(now, BATCH)


def reply_markup(row: Outgoing) -> dict[str, Any] | None:
    """The notice's buttons, as the Bot API's InlineKeyboardMarkup in plain JSON."""
    rows = messages.buttons(row.kind, row.details, row.subscription_id)
    if not rows:
        return None
    return {
        "inline_keyboard": [
            [{"text": label, "callback_data": data} for label, data in line] for line in rows
        ]
    }


class Sender:
    """Sends due rows through a Bot (the Application's, so notices share its rate limiter with
    the replies to residents), at most `rate` a second and `max_in_flight` at once."""

    def __init__(
        self,
        db: DatabaseThread,
        bot: Bot,
        *,
        rate: float | None,
        tz: tzinfo,
        quiet: QuietHours | None = None,
        max_in_flight: int = MAX_IN_FLIGHT,
        send_timeout: float | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        lease_seconds: float = LEASE_SECONDS,
    ) -> None:
        self.db, self.bot = db, bot
        self.tz, self.quiet, self.clock = tz, quiet, clock
        self.max_in_flight = max_in_flight
        self._claim_at_once = max(1, max_in_flight // 2)
        self.send_timeout = send_timeout
        self.pace = Pace(rate) if rate else None
        self.id = sender_id()
        self.right = SendingRight(db, self.id, lease_seconds)
        self.stats = SendStats()
        self._paused_until = 0.0  # time.monotonic() until which nobody sends (a 429)
        self._wake = asyncio.Event()
        # Bot.do_api_request warns that Bot.send_message exists: the sender wants its raw
        # answer (see send). Set here, not at import, where pytest would reset it.
        warnings.filterwarnings("ignore", r"Please use 'Bot\.sendMessage'", PTBUserWarning)
        self._outcomes: list[Outcome] = []  # of sends that came back, written with the next claim

    def wake(self) -> None:
        """New rows may be due: stop idling."""
        self._wake.set()

    async def run(self, keep_going: Callable[[], bool]) -> None:
        """Send what is due, then idle until woken or a moment passes (a retry may come due);
        until keep_going() turns False (the in-flight sends finish first)."""
        while keep_going():
            if not await self.send_due(keep_going):
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=IDLE_SECONDS)

    async def send_due(self, keep_going: Callable[[], bool] = lambda: True) -> int:
        """Send every row due now, batch after batch, holding the right to send; how many rows
        were handled (0 when another sender holds it: `stats.held_by` says who)."""
        handled = 0
        try:
            while keep_going():
                await self._wait_for_pause()
                if self._quiet():
                    break
                batch = await self.db.call(_due, utc_text(self.clock()))
                if not batch:
                    break
                if not await self.right.take():
                    refused = self.right.refused
                    self.stats.held_by, self.stats.held_until = refused or ("", "")
                    break
                await self._send_batch(deque(batch), keep_going)
                handled += len(batch)
                if not self.right.held:
                    break
        finally:
            # Not between batches: the outcomes go with the next batch's first claim. The
            # right is given back even when that write fails (a database locked a while by a
            # staff import): an idle bot holding it would keep `notify --once` out for good.
            try:
                await self._write_outcomes([])
            finally:
                await self.right.release()
        return handled

    def _quiet(self) -> bool:
        return self.quiet is not None and self.quiet.contains(self.clock(), self.tz)

    async def _send_batch(self, rows: deque[Outgoing], keep_going: Callable[[], bool]) -> None:
        """Claim rows once half the window of sends is free, several in one transaction, and
        send each: one write (with the outcomes that came back) for several sends."""
        flying: set[asyncio.Task[None]] = set()
        try:
            while rows and keep_going() and self.right.held and not self._quiet():
                if self.max_in_flight - len(flying) < self._claim_at_once:
                    await asyncio.wait(flying, return_when=asyncio.FIRST_COMPLETED)
                    continue
                ready = await self._next_rows(rows, self.max_in_flight - len(flying))
                try:
                    taken = await self._write_outcomes(ready) if ready else []
                except LeaseLost:  # nothing claimed; the rows wait for the other sender
                    self.right.lost()
                    break
                for row, mine in zip(ready, taken, strict=True):
                    if not mine:
                        self.stats.not_claimed += 1
                        continue
                    task = asyncio.create_task(self.send(row))
                    flying.add(task)
                    task.add_done_callback(flying.discard)
        finally:
            if flying:  # claimed: they finish even when stopping
                await asyncio.wait(flying)

    async def _next_rows(self, rows: deque[Outgoing], room: int) -> list[Outgoing]:
        """Up to `room` rows that may go now: after a 429's pause, and with a rate, those whose
        slot has come (a row is never claimed to wait for a later slot)."""
        ready: list[Outgoing] = []
        while rows and len(ready) < room:
            if ready and (self._paused() or (self.pace is not None and not self.pace.due())):
                break
            await self._wait_for_pause()
            if self.pace is not None:
                await self.pace.wait()
                await self._wait_for_pause()  # a 429 may have come while waiting for the pace
            if self._quiet():  # began while waiting: the rest waits for their end
                break
            row = rows.popleft()
            if utc_text(self.clock()) >= row.expires_at:
                await self.db.call(lambda db, r=row: Outbox(db).expire(r.row_id, "the activity has begun"))  # fmt: skip
                self.stats.expired += 1
            else:
                ready.append(row)
        return ready

    async def _write_outcomes(self, claims: list[Outgoing]) -> list[bool]:
        """Write the outcomes that came back and claim `claims`, in one transaction (committed
        before any of them is sent); False for each row another sender took first."""
        if not claims and not self._outcomes:
            return []
        outcomes, self._outcomes = self._outcomes, []
        now, ids = utc_text(self.clock()), [row.row_id for row in claims]
        lease = self.right.until() if claims else None  # renewed, or LeaseLost: nothing claimed
        try:
            return await self.db.call(
                lambda db: Outbox(db).finish_and_claim(self.id, outcomes, ids, now, lease=lease)
            )
        except BaseException:
            self._outcomes[:0] = outcomes  # not written: the next write tries again
            raise

    def _paused(self) -> bool:
        return self._paused_until > time.monotonic()

    async def _wait_for_pause(self) -> None:
        while (left := self._paused_until - time.monotonic()) > 0:
            await asyncio.sleep(left)

    async def send(self, row: Outgoing) -> None:
        """Send one claimed row; its outcome is written with the next claim."""
        await self._wait_for_pause()  # a 429 may have come while it was being claimed
        if self._quiet():  # they began since its claim (or during the pause): not now
            await self.db.call(lambda db: Outbox(db).give_back(row.row_id, self.id))
            self.stats.held_back += 1
            return
        at_most_once = AT_MOST_ONCE.set(True)
        may_still_send = MAY_STILL_SEND.set(lambda: not self._quiet())
        try:
            # The raw answer, not Bot.send_message: only the message id is kept, and building
            # the request from PTB objects and parsing the whole Message back cost about
            # 0.35 ms of CPU a notice, a third of the sender's (benchmarks/bench_notify.py).
            # Errors are the same: both go through Bot._post, the Application's rate limiter
            # and BaseRequest's mapping of Telegram's answers to exceptions.
            message = await self.bot.do_api_request(
                "sendMessage",
                {
                    "chat_id": row.chat_id,
                    "text": row.text,
                    "parse_mode": ParseMode.HTML,
                    "reply_markup": reply_markup(row),
                    "link_preview_options": {"is_disabled": True},
                },
                read_timeout=self.send_timeout,
                write_timeout=self.send_timeout,
            )
        except Exception as exc:
            await self._failed(row, exc)
            return
        finally:
            AT_MOST_ONCE.reset(at_most_once)
            MAY_STILL_SEND.reset(may_still_send)
        # Not waited for: should the process die before the next write, the row stays
        # 'sending' and becomes 'unknown' (never sent twice).
        self._outcomes.append(
            Outcome(
                row.row_id, DeliveryStatus.SENT, utc_text(self.clock()), "", message["message_id"]
            )
        )
        self.stats.sent += 1

    async def _failed(self, row: Outgoing, exc: Exception) -> None:
        now = self.clock()
        name, text = type(exc).__name__, str(exc).replace(self.bot.token, "<TELEGRAM_BOT_TOKEN>")
        error = (text if text.startswith(name) else f"{name}: {text}")[:500]
        outbox: Callable[[sqlite_utils.Database], Outbox] = Outbox
        if isinstance(exc, QuietHoursBegan):
            await self.db.call(lambda db: outbox(db).give_back(row.row_id, self.id))
            self.stats.held_back += 1
        elif isinstance(exc, RetryAfter):
            seconds = retry_seconds(exc)
            self.stats.retry_after += 1
            self._paused_until = max(self._paused_until, time.monotonic() + seconds)
            if self.pace is not None:
                self.pace.hold_until(self._paused_until)
            log.warning("Telegram asked to wait %.0f s (429); every notice waits", seconds)
            at = utc_text(now + timedelta(seconds=seconds))
            await self.db.call(
                lambda db: outbox(db).retry_later(row.row_id, self.id, at, error, counts=False)
            )
        elif isinstance(exc, Forbidden):
            log.info("chat %s blocked the bot; no more notices to it", row.chat_id)
            await self.db.call(lambda db: outbox(db).block(row.row_id, row.chat_id, error))
            self.stats.blocked += 1
        elif isinstance(exc, ChatMigrated):
            new_chat = int(exc.new_chat_id)
            log.info("chat %s moved to %s; following it", row.chat_id, new_chat)
            await self.db.call(
                lambda db: outbox(db).move_chat(row.row_id, self.id, row.chat_id, new_chat)
            )
            self.stats.migrated += 1
        elif isinstance(exc, BadRequest):  # Telegram will never accept this request
            log.warning("notice %s to chat %s refused: %s", row.row_id, row.chat_id, exc)
            self._finish(row, DeliveryStatus.FAILED, error)
        elif isinstance(exc, TelegramError) and (
            not isinstance(exc, NetworkError) or never_sent(exc)
        ):
            await self._retry(row, now, error)
        else:  # the request may have reached Telegram: never risk a second copy
            log.warning("notice %s to chat %s: %s; not sent again", row.row_id, row.chat_id, error)
            self._finish(row, DeliveryStatus.UNKNOWN, error)

    def _finish(self, row: Outgoing, status: DeliveryStatus, error: str) -> None:
        self._outcomes.append(Outcome(row.row_id, status, utc_text(self.clock()), error))
        if status is DeliveryStatus.FAILED:
            self.stats.failed += 1
        else:
            self.stats.unknown += 1

    async def _retry(self, row: Outgoing, now: datetime, error: str) -> None:
        attempts = row.attempts + 1  # the claim counted this one
        if attempts >= MAX_ATTEMPTS:
            log.warning("notice %s to chat %s failed %d times: %s", row.row_id, row.chat_id, attempts, error)  # fmt: skip
            self._finish(row, DeliveryStatus.FAILED, error)
            return
        delay = min(BACKOFF * 2 ** (attempts - 1), MAX_BACKOFF)
        at = utc_text(now + delay)
        await self.db.call(lambda db: Outbox(db).retry_later(row.row_id, self.id, at, error))
        self.stats.retried += 1
