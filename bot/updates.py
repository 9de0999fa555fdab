"""Which updates the bot asks Telegram for, and reading them so that one bad update is skipped.

python-telegram-bot parses a whole getUpdates batch at once (`Update.de_list`); when one
update cannot be parsed (a field missing, as from a newer or older Bot API server) the
whole batch is thrown away unconfirmed, so the Updater fetches the same batch again, about
twenty times a second, for ever: nobody is answered again, not even after a restart.
UpdateReadingRequest reads each update of a getUpdates answer on its own and puts in place
of one it cannot read an empty update with the same id. PTB then confirms that id with the
rest of the batch and no handler matches the empty update, so the bad one is logged once
and skipped, and the residents after it are answered.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.constants import UpdateType
from telegram.error import NetworkError, TelegramError, TimedOut

from bot.request import AiohttpRequest

log = logging.getLogger(__name__)

# The kinds the handlers in handlers/ serve (tests/bot/test_updates.py checks they match):
# messages and their edits (a resident correcting a typo gets the corrected answer),
# button presses, inline queries, and the bot's own membership in a chat (a resident who
# blocks the bot gets no more notices). Telegram drops every other kind before sending it.
ALLOWED_UPDATES: list[str] = [
    UpdateType.MESSAGE,
    UpdateType.EDITED_MESSAGE,
    UpdateType.CALLBACK_QUERY,
    UpdateType.INLINE_QUERY,
    UpdateType.MY_CHAT_MEMBER,
]


def readable_updates(raw_updates: list[Any]) -> list[Any]:
    """The updates of a getUpdates answer, each one python-telegram-bot cannot read replaced
    by an empty update with its id (logged with its id and kind, never its content)."""
    readable: list[Any] = []
    for raw in raw_updates:
        update_id = raw.get("update_id") if isinstance(raw, dict) else None
        if not isinstance(update_id, int):
            log.warning("skipped an update without an update_id (it cannot be confirmed)")
            continue
        try:
            Update.de_json(raw, None)  # it parses a copy: `raw` goes on to PTB unchanged
        except Exception as exc:  # whatever the parser trips on, one update must not stop all
            log.warning(
                "skipped update %d (%s): python-telegram-bot could not read it (%s)",
                update_id,
                _kind(raw),
                type(exc).__name__,
            )
            readable.append({"update_id": update_id})
        else:
            readable.append(raw)
    return readable


def _kind(raw: dict[str, Any]) -> str:
    kinds = [key for key in raw if key != "update_id"]
    known = [key for key in kinds if key in Update.ALL_TYPES]
    return ", ".join(known) or f"{len(kinds)} unknown field(s)"


# python-telegram-bot's Updater retries a failed getUpdates for ever: at once after a
# timeout, otherwise after 1 s, then 1.5 times longer each time, up to 30 s
# (telegram/ext/_utils/networkloop.py); PollingTrouble mirrors that to say when it retries.
FIRST_POLL_RETRY = 1.0
POLL_RETRY_GROWTH = 1.5
LONGEST_POLL_RETRY = 30.0


class PollingTrouble:
    """One log line per failed getUpdates while Telegram cannot be reached, and one when it
    answers again, in place of PTB's traceback per attempt (its default error_callback)."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.attempts = 0
        self.next_wait = 0.0

    def failed(self, error: TelegramError) -> None:
        """The Updater's error_callback: every TelegramError but a timeout and InvalidToken."""
        self.attempts += 1
        self.next_wait = (
            FIRST_POLL_RETRY
            if self.next_wait == 0
            else min(LONGEST_POLL_RETRY, self.next_wait * POLL_RETRY_GROWTH)
        )
        if isinstance(error, NetworkError):
            why = "check the network and TELEGRAM_BASE_URL"
        else:  # Conflict: another process polls with this token
            why = "is another bot running with this TELEGRAM_BOT_TOKEN?"
        log.warning(
            "cannot reach Telegram at %s while polling (%s); attempt %d, next in %.3g s (%s)",
            self.where,
            error,
            self.attempts,
            self.next_wait,
            why,
        )

    def timed_out(self, error: TimedOut) -> None:
        """A long poll that got no answer in time: PTB asks again at once."""
        self.attempts += 1
        self.next_wait = 0.0
        log.warning(
            "cannot reach Telegram at %s while polling (%s); attempt %d, next at once",
            self.where,
            error,
            self.attempts,
        )

    def answered(self) -> None:
        if self.attempts:
            log.info("reached Telegram again after %d failed attempt(s)", self.attempts)
        self.attempts, self.next_wait = 0, 0.0


class UpdateReadingRequest(AiohttpRequest):
    """The connection getUpdates uses: hands PTB only updates it can read (see the module),
    and tells `trouble` whether each long poll was answered."""

    def __init__(self, *args: Any, trouble: PollingTrouble | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.trouble = trouble

    async def post(self, url: str, *args: Any, **kwargs: Any) -> Any:
        polling = url.endswith("/getUpdates")
        try:
            result = await super().post(url, *args, **kwargs)
        except TimedOut as exc:
            if polling and self.trouble is not None:
                self.trouble.timed_out(exc)
            raise
        if polling and self.trouble is not None:
            self.trouble.answered()
        if polling and isinstance(result, list):
            return readable_updates(result)
        return result
