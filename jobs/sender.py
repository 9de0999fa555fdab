"""Sending the outbox: due rows, one claim at a time, within the broadcast rate.

Each row is claimed (a committed write) just before its request goes out, and its outcome
written when the answer comes back, so after a crash only the rows that were in flight are in
doubt; they become 'unknown' and are not sent again (see the README: Telegram has no
idempotency key, and a second copy is worse than a missed one when the next reminder follows).

Outcomes: sent; 403 → the chat is marked inactive; a migrated group → followed to its new id;
429 → every worker pauses for the time Telegram asked (counted), the row goes back unchanged; a
timeout or a broken connection after the request left → unknown; a request that never left
(connection refused, pool full) or a server error → tried again with backoff, failed after
MAX_ATTEMPTS; a 400 (a request Telegram will never accept) → failed at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
import uuid
import warnings
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any, NamedTuple

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
from jobs.database_thread import DatabaseThread, GroupCommit
from jobs.timing import QuietHours, utc_text
from knowledge.residents.outbox import DeliveryStatus, Outbox, Outcome, Outgoing

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF = timedelta(seconds=30)  # doubled after each failed attempt
MAX_BACKOFF = timedelta(hours=1)
BATCH = 200  # rows read at once; each is still claimed on its own
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


class Pace:
    """At most `rate` sends a second, one every 1/rate seconds. Slots missed in the last
    MAKE_UP seconds (a late wake-up, the pause between two batches) are made up, so the rate
    holds over a broadcast; longer idle time is never saved up: a token bucket holding a
    second's worth would let it all go at once after a pause, and that burst, with the replies
    and the next second's notices, passes Telegram's 30 a second (a 429, a pause, a burst...)."""

    MAKE_UP = 0.1

    def __init__(self, rate: float) -> None:
        self.interval = 1 / rate
        self._next = 0.0  # time.monotonic() of the next free slot

    def hold_until(self, moment: float) -> None:
        """No send before `moment` (time.monotonic()), and none made up for the time held:
        after Telegram asked for a pause, a burst would run into its limit again."""
        self._next = max(self._next, moment)

    async def wait(self) -> None:
        now = time.monotonic()
        slot = max(now - self.MAKE_UP, self._next)
        self._next = slot + self.interval
        if slot > now:
            await asyncio.sleep(slot - now)


class Claim(NamedTuple):
    """A row to take for sending, at `at` (UTC text)."""

    row_id: int
    at: str


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
    lost_claims: int = 0  # rows another sender claimed first

    def line(self) -> str:
        return ", ".join(f"{f.name} {getattr(self, f.name)}" for f in fields(self))


def sender_id() -> str:
    """Who claims rows: host, process and a nonce (two senders in one process differ)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def sender_stopped(claimed_by: str) -> bool:
    """Whether the sender that wrote a claim is certainly gone: a process of this host that no
    longer runs. Another host's claims wait for the lease instead."""
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


def _log_failed_write(future: asyncio.Future[Any]) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.error("could not write a sent notice's outcome", exc_info=future.exception())


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
        max_in_flight: int = 4,
        send_timeout: float | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.db, self.bot = db, bot
        self.tz, self.quiet, self.clock = tz, quiet, clock
        self.max_in_flight = max_in_flight
        self.send_timeout = send_timeout
        self.pace = Pace(rate) if rate else None
        self.id = sender_id()
        self.stats = SendStats()
        self._paused_until = 0.0  # time.monotonic() until which nobody sends (a 429)
        self._wake = asyncio.Event()
        # Bot.do_api_request warns that Bot.send_message exists: the sender wants its raw
        # answer (see send). Set here, not at import, where pytest would reset it.
        warnings.filterwarnings("ignore", r"Please use 'Bot\.sendMessage'", PTBUserWarning)
        sender = self.id

        def write(db: sqlite_utils.Database, items: list[Claim | Outcome]) -> list[bool | None]:
            claims = [item for item in items if isinstance(item, Claim)]
            outcomes = [item for item in items if isinstance(item, Outcome)]
            now = claims[-1].at if claims else ""
            outbox = Outbox(db)
            taken = iter(outbox.finish_and_claim(sender, outcomes, [c.row_id for c in claims], now))
            return [next(taken) if isinstance(item, Claim) else None for item in items]

        # Claims and outcomes share one queue, so a sender at full speed commits the outcomes
        # of the sends that just came back with the claims of the next ones.
        self._writes: GroupCommit[Claim | Outcome, bool | None] = GroupCommit(db, write)

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
        """Send every row due now, batch after batch; how many rows were handled."""
        handled = 0
        while keep_going():
            await self._wait_for_pause()
            now = self.clock()
            if self.quiet and self.quiet.contains(now, self.tz):
                break
            batch = await self.db.call(_due, utc_text(now))
            if not batch:
                break
            queue: asyncio.Queue[Outgoing] = asyncio.Queue()
            for row in batch:
                queue.put_nowait(row)
            workers = min(self.max_in_flight, len(batch))
            await asyncio.gather(*(self._work(queue, keep_going) for _ in range(workers)))
            handled += len(batch)
        # Not between batches: the rows of the last one are all claimed, so not due again.
        await self._writes.flush()
        return handled

    async def _work(self, queue: asyncio.Queue[Outgoing], keep_going: Callable[[], bool]) -> None:
        while keep_going():
            try:
                row = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            await self._wait_for_pause()
            if self.pace is not None:
                await self.pace.wait()
            await self._wait_for_pause()  # a 429 may have come while waiting for the limiter
            await self.send(row)

    async def _wait_for_pause(self) -> None:
        while (left := self._paused_until - time.monotonic()) > 0:
            await asyncio.sleep(left)

    async def send(self, row: Outgoing) -> None:
        """Claim one row, send it, write the outcome."""
        now = utc_text(self.clock())
        if now >= row.expires_at:
            await self.db.call(lambda db: Outbox(db).expire(row.row_id, "the activity has begun"))
            self.stats.expired += 1
            return
        if not await self._writes(Claim(row.row_id, now)):
            self.stats.lost_claims += 1
            return
        at_most_once = AT_MOST_ONCE.set(True)
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
        sent = Outcome(
            row.row_id, DeliveryStatus.SENT, utc_text(self.clock()), "", message["message_id"]
        )
        # Not waited for: the next send need not wait for this commit. Should the process die
        # first, the row stays 'sending' and becomes 'unknown' (never sent twice).
        self._writes.submit(sent).add_done_callback(_log_failed_write)
        self.stats.sent += 1

    async def _failed(self, row: Outgoing, exc: Exception) -> None:
        now = self.clock()
        name, text = type(exc).__name__, str(exc).replace(self.bot.token, "<TELEGRAM_BOT_TOKEN>")
        error = (text if text.startswith(name) else f"{name}: {text}")[:500]
        outbox: Callable[[sqlite_utils.Database], Outbox] = Outbox
        if isinstance(exc, RetryAfter):
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
            await self.db.call(lambda db: outbox(db).move_chat(row.row_id, row.chat_id, new_chat))
            self.stats.migrated += 1
        elif isinstance(exc, BadRequest):  # Telegram will never accept this request
            log.warning("notice %s to chat %s refused: %s", row.row_id, row.chat_id, exc)
            await self._finish(row, DeliveryStatus.FAILED, error)
        elif isinstance(exc, TelegramError) and (
            not isinstance(exc, NetworkError) or never_sent(exc)
        ):
            await self._retry(row, now, error)
        else:  # the request may have reached Telegram: never risk a second copy
            log.warning("notice %s to chat %s: %s; not sent again", row.row_id, row.chat_id, error)
            await self._finish(row, DeliveryStatus.UNKNOWN, error)

    async def _finish(self, row: Outgoing, status: DeliveryStatus, error: str) -> None:
        await self._writes(Outcome(row.row_id, status, utc_text(self.clock()), error))
        if status is DeliveryStatus.FAILED:
            self.stats.failed += 1
        else:
            self.stats.unknown += 1

    async def _retry(self, row: Outgoing, now: datetime, error: str) -> None:
        attempts = row.attempts + 1  # the claim counted this one
        if attempts >= MAX_ATTEMPTS:
            log.warning("notice %s to chat %s failed %d times: %s", row.row_id, row.chat_id, attempts, error)  # fmt: skip
            await self._finish(row, DeliveryStatus.FAILED, error)
            return
        delay = min(BACKOFF * 2 ** (attempts - 1), MAX_BACKOFF)
        at = utc_text(now + delay)
        await self.db.call(lambda db: Outbox(db).retry_later(row.row_id, self.id, at, error))
        self.stats.retried += 1
