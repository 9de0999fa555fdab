"""Reaching Telegram: at start-up (getMe, retried with backoff until it answers or the bot
is told to stop), and while running (the Application that reports polling failures in one
line each and stops retrying sends when it stops)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import Any

from telegram.error import NetworkError, RetryAfter, TelegramError
from telegram.ext import Application

from bot.settings import Settings
from bot.throttle import ChatRateLimiter, is_outage
from bot.updates import PollingTrouble

log = logging.getLogger(__name__)
FIRST_CONNECT_WAIT = 1.0  # seconds before the second try to reach Telegram at start-up
LONGEST_CONNECT_WAIT = 60.0


class OrgApplication(Application):
    """PTB's Application that reports a failed long poll in one line (PollingTrouble), and
    whose stop() first ends the rate limiter's retries through an outage: a stop while
    Telegram is away would otherwise wait for them (up to ORGBOT_SEND_RETRY_SECONDS); what
    they held is dropped (a reply) or tried again later (a notice, never sent)."""

    polling_trouble: PollingTrouble | None = None

    async def stop(self) -> None:
        limiter = self.bot.rate_limiter
        if isinstance(limiter, ChatRateLimiter):
            limiter.stop_retrying()
        await super().stop()

    async def process_error(
        self, update: object | None, error: Exception, job: Any = None, coroutine: Any = None
    ) -> bool:
        """A getUpdates that failed (run_polling hands it over without an update, a job or a
        coroutine) is one line of PollingTrouble's, not an error handler's traceback: the
        Updater tries again by itself."""
        polling = update is None and job is None and coroutine is None
        if polling and isinstance(error, TelegramError) and self.polling_trouble is not None:
            self.polling_trouble.failed(error)
            return False
        return await super().process_error(update, error, job, coroutine)


async def connect(application: Application, settings: Settings) -> bool:
    """Reach Telegram (getMe), retrying with backoff and one log line per failed attempt
    while it is unreachable; False when SIGINT/SIGTERM came first. InvalidToken is raised."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    signals = (signal.SIGINT, signal.SIGTERM)
    for sig in signals:
        loop.add_signal_handler(sig, stop.set)
    where = settings.base_url or "api.telegram.org"
    wait, attempt = FIRST_CONNECT_WAIT, 0
    try:
        while True:
            attempt += 1
            try:
                await application.initialize()
                return True
            except (NetworkError, RetryAfter) as exc:
                if not (is_outage(exc) or isinstance(exc, RetryAfter)):
                    raise
                log.warning(
                    "cannot reach Telegram at %s (%s); attempt %d, next in %g s "
                    "(check the network and TELEGRAM_BASE_URL)",
                    where,
                    exc,
                    attempt,
                    wait,
                )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), wait)
            if stop.is_set():
                return False
            wait = min(wait * 2, LONGEST_CONNECT_WAIT)
    finally:
        for sig in signals:
            loop.remove_signal_handler(sig)
