"""Runs before every other handler: slows down residents who flood the bot, with messages,
button presses or inline queries, and answers presses no handler can take."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseHandler, TypeHandler

from bot.services import Context
from bot.throttle import Traffic, Verdict
from handlers.buttons import EXPIRED

SLOW_DOWN = "您发得有点快，请稍等一分钟再继续提问，谢谢！"


def _traffic(update: Update) -> Traffic | None:
    if update.callback_query is not None:
        return Traffic.PRESS
    if update.inline_query is not None:
        return Traffic.INLINE
    if update.effective_message is not None:
        return Traffic.MESSAGE
    return None  # the bot joined or left a chat, …: nothing a resident asked


async def flood_guard(update: Update, context: Context) -> None:
    """More than ~20 of a kind a minute: one polite word, then silence until it calms down."""
    query = update.callback_query
    if query is not None and query.from_user is None:  # Telegram always says who pressed
        await query.answer(EXPIRED)
        raise ApplicationHandlerStop
    traffic, user = _traffic(update), update.effective_user
    if traffic is None or user is None:
        return
    svc = context.bot_data.services  # not services(): no need of the latest knowledge here
    if update.effective_chat and svc.residents.is_blocked(update.effective_chat.id):
        svc.residents.clear_blocked(update.effective_chat.id)  # they wrote again: unblocked us
    verdict = svc.flood.check(user.id, traffic)
    if verdict != Verdict.OK:
        await _slow_down(update, warn=verdict == Verdict.WARN)
        raise ApplicationHandlerStop
    if query is not None and not query.data:
        # python-telegram-bot hands a press without data to every CallbackQueryHandler,
        # whatever its pattern: it must not reach them.
        await query.answer(EXPIRED)
        raise ApplicationHandlerStop


async def _slow_down(update: Update, *, warn: bool) -> None:
    """The one slow-down reply (warn), else silence; a press is always answered, so that the
    resident's button stops spinning."""
    if update.callback_query is not None:
        await update.callback_query.answer(SLOW_DOWN if warn else None)
    elif warn and update.effective_message is not None:
        await update.effective_message.reply_text(SLOW_DOWN, do_quote=False)


HANDLERS: list[BaseHandler] = [TypeHandler(Update, flood_guard)]
