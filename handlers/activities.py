"""/activities: what is coming up in the next 30 days, by topic or district if asked."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.services import Context
from handlers.common import reply_with, services
from knowledge.answering.browse import Browser
from knowledge.answering.compose import Reply

TITLE = "近期活动"


def titled(reply: Reply, words: list[str], browser: Browser) -> Reply:
    """The list titled with the words asked for only when the knowledge base has them all:
    the title is the bot's bold voice, and anyone's free text there could be posted in a
    group as if the bot said it."""
    shown = words and set(words) <= browser.known_words()
    return Reply(f"{TITLE}（{' '.join(words)}）" if shown else TITLE, reply.lines)


async def activities_command(update: Update, context: Context) -> None:
    """List upcoming activities, narrowed by the words after the command."""
    if update.effective_message is None:
        return
    svc = await services(context)
    words = list(context.args or [])
    reply = svc.browser.activities(svc.answerer.upcoming(), words)
    await reply_with(update.effective_message, titled(reply, words, svc.browser))


HANDLERS: list[BaseHandler] = [CommandHandler("activities", activities_command)]
