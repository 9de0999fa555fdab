"""Who is staff (ORGBOT_STAFF_IDS), and the one reply everyone else gets to a staff command:
the reply to any command the bot does not know, so a refusal reveals nothing."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.services import Context
from handlers.buttons import EXPIRED

UNKNOWN_COMMAND = "抱歉，我不认识这个命令。发送 /help 看看我能做什么，或者直接用中文提问。"

Callback = Callable[[Update, Context], Awaitable[object]]


def is_staff(update: Update, context: Context) -> bool:
    """The update comes from a Telegram user listed in ORGBOT_STAFF_IDS."""
    user = update.effective_user
    return user is not None and user.id in context.bot_data.services.settings.staff_ids


async def refuse(update: Update, context: Context) -> None:
    """The unknown-command reply (a press: the expired-button notice), whatever was asked."""
    if update.callback_query is not None:
        await update.callback_query.answer(EXPIRED)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(UNKNOWN_COMMAND, do_quote=False)


def staff_only(callback: Callback) -> Callback:
    """Run `callback` for staff; anyone else gets exactly what an unknown command gets."""

    @functools.wraps(callback)
    async def guarded(update: Update, context: Context) -> object:
        if not is_staff(update, context):
            await refuse(update, context)
            return None
        return await callback(update, context)

    return guarded


# Registered after every command handler: a command nobody took, in a private chat.
HANDLERS: list[BaseHandler] = [
    MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE, refuse),
]
