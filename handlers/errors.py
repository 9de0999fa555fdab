"""The one error handler: log (token redacted), remember blocked chats, apologize."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot.services import Context
from bot.throttle import SendAbandoned, is_outage

log = logging.getLogger(__name__)
APOLOGY = "抱歉，处理您的消息时出了点问题，请稍后再试。"


async def on_error(update: object, context: Context) -> None:
    """Log the failure; a 403 means the resident blocked us, anything else gets an apology."""
    error = context.error
    chat_id = (
        update.effective_chat.id if isinstance(update, Update) and update.effective_chat else None
    )
    if isinstance(error, Forbidden):
        log.info("chat %s blocked the bot or left; not writing to it again", chat_id)
        if chat_id is not None:
            context.bot_data.services.residents.mark_blocked(chat_id)
        return
    if isinstance(error, SendAbandoned) or (error is not None and is_outage(error)):
        # Telegram could not be reached for as long as the bot retries (bot/throttle.py):
        # an apology would not get through either, and a traceback says nothing more.
        log.error("a reply to chat %s was dropped: %s", chat_id, error)
        return
    log.error("error while handling an update from chat %s", chat_id, exc_info=error)
    if chat_id is None:
        return
    try:
        await context.bot.send_message(chat_id, APOLOGY)
    except TelegramError as exc:  # the apology itself failing must not loop
        log.warning("could not send the apology to %s: %s", chat_id, exc)
