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

import copy
import logging
from typing import Any

from telegram import Update
from telegram.constants import UpdateType

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
            Update.de_json(copy.deepcopy(raw), None)
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


class UpdateReadingRequest(AiohttpRequest):
    """The connection getUpdates uses: hands PTB only updates it can read (see the module)."""

    async def post(self, url: str, *args: Any, **kwargs: Any) -> Any:
        result = await super().post(url, *args, **kwargs)
        if url.endswith("/getUpdates") and isinstance(result, list):
            return readable_updates(result)
        return result
