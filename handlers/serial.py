"""A ConversationHandler that keeps one person's updates in order while the Application
processes updates concurrently (`concurrent_updates(True)`).

python-telegram-bot's ConversationHandler reads the conversation's state when it checks an
update, and writes the new state when the callback returns; its documentation asks for
`concurrent_updates` off. With it on, a second message sent while the first is still being
handled (a double tap on 确认, a title sent twice) is checked against the old state and runs
that step again. Here each conversation (chat and user) takes its turn under its own lock,
and the update is checked again once it has the turn, against the state the previous update
left; other people's conversations do not wait. Every callback runs blocking (block=True), so
the state is written before the turn passes on.
"""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import Application, ConversationHandler
from telegram.warnings import PTBUserWarning


class SerialConversation(ConversationHandler):
    """A ConversationHandler whose updates of one conversation are handled one at a time."""

    def __init__(self, *, stale: Callable[[Update, Any], Awaitable[object]], **kwargs: Any) -> None:
        """`stale` answers an update whose step had passed by its turn (a second tap on a
        button the first tap used up), as no other handler will see it."""
        with warnings.catch_warnings():
            # per_message=False with buttons is meant: a conversation is the person's, and a
            # press on any of its messages counts (presses are checked by their data).
            warnings.filterwarnings("ignore", category=PTBUserWarning, message=".*per_message")
            super().__init__(block=True, **kwargs)
        self._stale = stale
        self._turns: dict[object, tuple[asyncio.Lock, list[int]]] = {}

    async def handle_update(  # type: ignore[override]
        self,
        update: Update,
        application: Application[Any, Any, Any, Any, Any, Any],
        check_result: Any,
        context: Any,
    ) -> object | None:
        key = check_result[1]
        turn, waiting = self._turns.setdefault(key, (asyncio.Lock(), [0]))
        waiting[0] += 1
        try:
            async with turn:
                checked = self.check_update(update)  # the state may have moved meanwhile
                if checked is None:
                    await self._stale(update, context)
                    return None
                return await super().handle_update(update, application, checked, context)
        finally:
            waiting[0] -= 1
            if not waiting[0]:  # nobody else holds or awaits this turn
                del self._turns[key]
