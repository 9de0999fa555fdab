"""是 / 不是 under a proposal: the bot was only fairly sure which record a question meant."""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.services import Context
from handlers.ask import HAND_OFF_LABEL, show_record
from handlers.buttons import EXPIRED, Confirm, Deny, HandOff, pattern, pressed
from handlers.common import message_of, reply_with, services
from knowledge.answering.confirm import DENIED
from knowledge.residents.store import Feedback


async def confirm_pressed(update: Update, context: Context) -> None:
    """是: the answer about the proposed record."""
    query, button = pressed(update, Confirm)
    await show_record(query, context, button.kind, button.key)


async def deny_pressed(update: Update, context: Context) -> None:
    """不是: the miss goes to the staff's review queue; the resident is told so and offered a
    person (转人工)."""
    query, button = pressed(update, Deny)
    message = message_of(query)
    svc = await services(context)
    found = bool(button.ref) and svc.residents.set_feedback(button.ref, Feedback.DOWN)
    if not found and button.ref and svc.answerer.questions is not None:
        # Pressed before the log's writer thread wrote the question: wait for it, once.
        await asyncio.to_thread(svc.answerer.questions.flush)
        found = svc.residents.set_feedback(button.ref, Feedback.DOWN)
    if message is None or not found:
        await query.answer(EXPIRED)  # forged, or a question no longer in the log
        return
    await query.answer()
    svc.conversations.forget((message.chat.id, query.from_user.id))  # not what it meant
    hand_off = InlineKeyboardButton(HAND_OFF_LABEL, callback_data=HandOff(button.ref).data)
    await reply_with(message, DENIED, InlineKeyboardMarkup([[hand_off]]))


HANDLERS: list[BaseHandler] = [
    CallbackQueryHandler(confirm_pressed, pattern=pattern(Confirm)),
    CallbackQueryHandler(deny_pressed, pattern=pattern(Deny)),
]
