"""/activities: what is coming up in the next 30 days, by topic or district if asked."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.services import Context
from handlers.common import reply_with, services


async def activities_command(update: Update, context: Context) -> None:
    """List upcoming activities, narrowed by the words after the command."""
    if update.effective_message is None:
        return
    svc = await services(context)
    reply = svc.browser.activities(svc.answerer.upcoming(), list(context.args or []))
    await reply_with(update.effective_message, reply)


HANDLERS: list[BaseHandler] = [CommandHandler("activities", activities_command)]
