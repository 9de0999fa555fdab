"""Runs before every other handler: slows down residents who flood the bot."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseHandler, MessageHandler, filters

from bot.services import Context
from handlers.common import services

SLOW_DOWN = "您发得有点快，请稍等一分钟再继续提问，谢谢！"


async def flood_guard(update: Update, context: Context) -> None:
    """More than ~20 messages a minute: one polite reply, then silence until it calms down."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    svc = await services(context)
    if update.effective_chat and svc.residents.is_blocked(update.effective_chat.id):
        svc.residents.clear_blocked(update.effective_chat.id)  # they wrote again: unblocked us
    verdict = svc.flood.check(user.id)
    if verdict == "warn":
        await message.reply_text(SLOW_DOWN, do_quote=False)
    if verdict != "ok":
        raise ApplicationHandlerStop


HANDLERS: list[BaseHandler] = [MessageHandler(filters.ALL, flood_guard)]
