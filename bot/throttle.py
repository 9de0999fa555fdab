"""Flood limits: Telegram's (what the bot sends) and ours (what one resident sends); and
retrying what the bot sends through a short Telegram outage."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Callable, Coroutine
from enum import StrEnum
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import AIORateLimiter

from jobs.sender import AT_MOST_ONCE, MAY_STILL_SEND, QuietHoursBegan, never_sent, retry_seconds

log = logging.getLogger(__name__)

# Telegram allows about 30 messages a second overall, 20 a minute per group, ~1 a second per chat.
OVERALL_PER_SECOND = 30
GROUP_PER_MINUTE = 20
PRIVATE_PER_SECOND = 1
RETRIES_AFTER_429 = 5
FIRST_RETRY_SECONDS = 0.5
LONGEST_RETRY_WAIT = 15.0
# getMe is how the bot checks at start-up that it reaches Telegram; bot/app.py retries it
# with a log line per attempt, so it is not also retried here.
START_UP_CHECK = "getMe"


class SendAbandoned(NetworkError):
    """A request failed for as long as the bot retries it (an outage): it was dropped."""


def is_outage(error: BaseException) -> bool:
    """A 5xx answer, a timeout or a connection that failed: worth trying again later.

    PTB raises NetworkError for all of them, and BadRequest (a NetworkError too) for a
    request Telegram refused, which would be refused again."""
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest | SendAbandoned)


class ChatRateLimiter(AIORateLimiter):
    """PTB's AIORateLimiter plus a one-message-a-second limit for each private chat, and
    retries with backoff through an outage for up to `retry_seconds` (PTB retries only 429s).

    A request that timed out may have reached Telegram: retrying it can send a reply twice,
    which is better than a resident's question left without any answer. Not so for a
    notice (sent with AT_MOST_ONCE set): a request that may have left is never retried, the
    sender records it as 'unknown'. Nor does it retry a notice's 429 or an outage into the
    quiet hours: the sender pauses every notice for a 429 and holds them in the quiet hours.
    """

    def __init__(
        self, retry_seconds: float = 60.0, overall_per_second: float | None = OVERALL_PER_SECOND
    ) -> None:
        super().__init__(
            overall_max_rate=overall_per_second or 0,  # 0: PTB keeps no overall limiter
            overall_time_period=1,
            group_max_rate=GROUP_PER_MINUTE,
            group_time_period=60,
            max_retries=RETRIES_AFTER_429,
        )
        self.retry_seconds = retry_seconds
        self._private: dict[int, AsyncLimiter] = {}
        self._stopping: asyncio.Event | None = None  # made in the loop that waits on it

    def stop_retrying(self) -> None:
        """The bot is stopping: a request failing now, or waiting to be tried again, is
        given up at once (SendAbandoned) rather than held until the outage ends."""
        self._stop_event().set()

    def _stop_event(self) -> asyncio.Event:
        if self._stopping is None:
            self._stopping = asyncio.Event()
        return self._stopping

    def _private_limiter(self, chat_id: int) -> AsyncLimiter:
        if len(self._private) > 4096:  # forget idle chats so the table stays small
            for key, limiter in list(self._private.items()):
                if limiter.has_capacity(PRIVATE_PER_SECOND):
                    del self._private[key]
        if chat_id not in self._private:
            self._private[chat_id] = AsyncLimiter(PRIVATE_PER_SECOND, 1)
        return self._private[chat_id]

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        deadline = time.monotonic() + self.retry_seconds
        wait = FIRST_RETRY_SECONDS
        notice = AT_MOST_ONCE.get()
        if notice:
            callback = self._passing_429s(callback)
        while True:
            try:
                return await self._limited(callback, args, kwargs, endpoint, data, rate_limit_args)
            except _Passed429 as passed:
                raise passed.error from None
            except NetworkError as exc:
                if not is_outage(exc) or endpoint == START_UP_CHECK:
                    raise
                if notice and not never_sent(exc):
                    raise  # it may have been delivered: never a second copy of a notice
                left = deadline - time.monotonic()
                where = f"{endpoint} to chat {data['chat_id']}" if "chat_id" in data else endpoint
                stopping = self._stop_event()
                if stopping.is_set():
                    raise SendAbandoned(f"{where} failed ({exc}) as the bot stopped") from exc
                if notice and _quiet_now():
                    raise QuietHoursBegan(f"{where} failed ({exc}); the quiet hours began") from exc
                if left <= 0:
                    raise SendAbandoned(
                        f"{where} failed for {self.retry_seconds:g} s ({exc}); dropped"
                    ) from exc
                if wait == FIRST_RETRY_SECONDS:  # the first failure: say so once
                    log.warning("%s failed (%s); retrying for up to %.0f s", where, exc, left)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stopping.wait(), min(wait, left))
                wait = min(wait * 2, LONGEST_RETRY_WAIT)
                if notice and _quiet_now():  # they began while it waited to be tried again
                    raise QuietHoursBegan(f"{where} failed ({exc}); the quiet hours began") from exc

    def _passing_429s(
        self, callback: Callable[..., Coroutine[Any, Any, Any]]
    ) -> Callable[..., Coroutine[Any, Any, Any]]:
        """A notice's request: on a 429, every request waits the time Telegram asked, as PTB
        makes them wait, but the notice is not sent again after it: its sender decides (the
        quiet hours may have begun). The sender then pauses the notices once more for the same
        time: a 429 is rare, and waiting twice as long keeps within Telegram's limits."""

        async def once(*args: Any, **kwargs: Any) -> Any:
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                self._retry_after_event.clear()  # PTB's own pause, which its requests wait on
                await asyncio.sleep(retry_seconds(exc) + 0.1)
                raise _Passed429(exc) from exc

        return once

    async def _limited(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        chat_id: Any = data.get("chat_id")
        with contextlib.suppress(TypeError, ValueError):
            chat_id = int(chat_id)
        if isinstance(chat_id, int) and chat_id > 0:
            async with self._private_limiter(chat_id):
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )


class Traffic(StrEnum):
    """What a resident sends the bot; the flood guard counts each kind on its own."""

    MESSAGE = "message"
    PRESS = "press"  # a button under one of the bot's messages
    INLINE = "inline"  # `@bot 心理` typed in any chat


class Verdict(StrEnum):
    OK = "ok"  # answer it
    WARN = "warn"  # send the one slow-down reply
    DROP = "drop"  # stay silent


class FloodGuard:
    """Counts each resident's messages, presses and inline queries in a sliding minute, each
    kind on its own (browsing presses a few buttons a minute, an inline query is sent at each
    pause in typing: counted with the questions, they would use up the questions' share);
    warns once when one kind exceeds the limit."""

    def __init__(self, per_minute: int = 20, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._seen: dict[tuple[Traffic, int], deque[float]] = {}
        self._warned: set[tuple[Traffic, int]] = set()

    def check(self, user_id: int, traffic: Traffic = Traffic.MESSAGE) -> Verdict:
        """Whether to answer this message, press or query, warn the resident, or drop it."""
        now = self.clock()
        if len(self._seen) > 10_000:  # forget residents idle for a minute
            for key in [k for k, t in self._seen.items() if not t or now - t[-1] > 60]:
                del self._seen[key]
                self._warned.discard(key)
        key = (traffic, user_id)
        times = self._seen.setdefault(key, deque())
        while times and now - times[0] > 60:
            times.popleft()
        times.append(now)
        if len(times) <= self.per_minute:
            self._warned.discard(key)
            return Verdict.OK
        if key in self._warned:
            return Verdict.DROP
        self._warned.add(key)
        return Verdict.WARN


class _Passed429(Exception):
    """A notice's 429, carried past PTB's retries (which would send it again after the pause,
    perhaps in the quiet hours) to the sender."""

    def __init__(self, error: RetryAfter) -> None:
        super().__init__(str(error))
        self.error = error


def _quiet_now() -> bool:
    may_still_send = MAY_STILL_SEND.get()
    return may_still_send is not None and not may_still_send()
