"""Runs before every other handler: stops the bot when its database file was deleted or
replaced under it (it would answer from, and log into, a file nobody sees any more)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseHandler, TypeHandler

from bot.services import Context

log = logging.getLogger(__name__)
STOPPING = "抱歉，机器人正在重新启动，请稍后再发一次您的问题。"


async def database_watch(update: Update, context: Context) -> None:
    """One stat() per update; on a change, tell the resident, log once and stop cleanly."""
    svc = context.bot_data.services
    if not svc.database_file_changed():
        return
    if not svc.stopping_for_database:
        svc.stopping_for_database = True
        log.critical(
            "the database file %s was deleted or replaced while the bot ran; stopping "
            "(start it again to open the file now at that path)",
            svc.settings.db_path,
        )
        context.application.stop_running()
    if update.effective_message is not None:
        await update.effective_message.reply_text(STOPPING, do_quote=False)
    raise ApplicationHandlerStop


HANDLERS: list[BaseHandler] = [TypeHandler(Update, database_watch)]
