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

The state is written only when a step's callback returns, after its reply went out: a message
sent right behind that reply (a staff member quick to type, a slow machine) would be checked
against the state before it and taken by another handler, e.g. answered as a resident's
question. So while a turn is taken, every update of that conversation waits for it; one that
then turns out not to be the conversation's goes on to the handlers after this one, as if
this one had never taken it.
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

    def check_update(self, update: object) -> Any:
        """The conversation's updates, and while a turn is taken, any of that person's."""
        checked = super().check_update(update)
        if checked is not None or not isinstance(update, Update):
            return checked
        if update.effective_chat is None or update.effective_user is None:
            return None
        key = self._get_key(update)
        return (None, key, None, None) if key in self._turns else None

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
                # The state may have moved meanwhile.
                checked = super().check_update(update)
                waited_only = check_result[2] is None  # never the conversation's
                if checked is None and (waited_only or update.callback_query is None):
                    # e.g. a question sent right behind /cancel: the conversation is over
                    return await self._pass_on(update, application, context)
                if checked is None:
                    await self._stale(update, context)  # a button the step before used up
                    return None
                return await super().handle_update(update, application, checked, context)
        finally:
            waiting[0] -= 1
            if not waiting[0]:  # nobody else holds or awaits this turn
                del self._turns[key]

    async def _pass_on(
        self, update: Update, application: Application[Any, Any, Any, Any, Any, Any], context: Any
    ) -> object | None:
        """Handle the update as its group would have without this handler: the first of the
        handlers after it that takes the update."""
        for handlers in application.handlers.values():
            if self in handlers:
                for handler in handlers[handlers.index(self) + 1 :]:
                    check = handler.check_update(update)
                    if check is not None and check is not False:
                        return await handler.handle_update(update, application, check, context)
        return None
