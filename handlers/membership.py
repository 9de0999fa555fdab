"""The bot's own membership in a chat: blocked or let back in, and groups that got a new id."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatMemberStatus
from telegram.ext import BaseHandler, ChatMemberHandler, MessageHandler, filters

from bot.services import Context

GONE = (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT)  # blocked in private, removed from groups


async def membership_changed(update: Update, context: Context) -> None:
    """my_chat_member: a resident blocked the bot (no more notices) or let it back in."""
    change = update.my_chat_member
    if change is None:
        return
    residents = context.bot_data.services.residents
    if change.new_chat_member.status in GONE:
        residents.mark_blocked(change.chat.id)
    elif change.old_chat_member.status in GONE:
        residents.clear_blocked(change.chat.id)


async def chat_migrated(update: Update, context: Context) -> None:
    """A group became a supergroup: its subscriptions follow the new chat id."""
    message = update.effective_message
    if message is None:
        return
    residents = context.bot_data.services.residents
    if message.migrate_to_chat_id:
        residents.migrate_chat(message.chat.id, message.migrate_to_chat_id)
    elif message.migrate_from_chat_id:
        residents.migrate_chat(message.migrate_from_chat_id, message.chat.id)


HANDLERS: list[BaseHandler] = [
    ChatMemberHandler(membership_changed, ChatMemberHandler.MY_CHAT_MEMBER),
    MessageHandler(filters.StatusUpdate.MIGRATE, chat_migrated),
]
