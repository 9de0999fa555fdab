"""Flood limits: Telegram's (what the bot sends) and ours (what one resident sends)."""

from __future__ import annotations

import contextlib
import time
from collections import deque
from collections.abc import Callable, Coroutine
from enum import StrEnum
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.ext import AIORateLimiter

# Telegram allows about 30 messages a second overall, 20 a minute per group, ~1 a second per chat.
OVERALL_PER_SECOND = 30
GROUP_PER_MINUTE = 20
PRIVATE_PER_SECOND = 1
RETRIES_AFTER_429 = 5


class ChatRateLimiter(AIORateLimiter):
    """PTB's AIORateLimiter plus a one-message-a-second limit for each private chat."""

    def __init__(self) -> None:
        super().__init__(
            overall_max_rate=OVERALL_PER_SECOND,
            overall_time_period=1,
            group_max_rate=GROUP_PER_MINUTE,
            group_time_period=60,
            max_retries=RETRIES_AFTER_429,
        )
        self._private: dict[int, AsyncLimiter] = {}

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
