"""Stickers, photos, voice, locations...: in a private chat, a short hint to write instead."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.services import Context

HINT = "我只能看懂文字消息。请直接用文字提问，例如“哪里有心理咨询？”，或发送 /help 查看用法。"


async def not_text(update: Update, context: Context) -> None:
    """Say what the bot can read, rather than leaving the resident in silence."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(HINT, do_quote=False)


# New messages only (an edited photo caption needs no second hint), in private chats (in a
# group, other people's photos are not addressed to the bot); service messages are not
# something the resident sent.
NOT_TEXT = (
    filters.UpdateType.MESSAGE
    & filters.ChatType.PRIVATE
    & ~filters.TEXT
    & ~filters.StatusUpdate.ALL
)

HANDLERS: list[BaseHandler] = [MessageHandler(NOT_TEXT, not_text)]
