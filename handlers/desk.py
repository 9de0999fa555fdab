"""转人工: /human and its button, /done, and messages relayed between a resident and staff."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.services import Context, Services
from handlers.buttons import EXPIRED, HandOff, TicketAction, TicketPress, pattern, pressed
from handlers.common import message_of, services
from handlers.staff_access import is_staff, refuse
from jobs.desk import DeskRelay
from knowledge.residents import handoff
from knowledge.residents.desk import ClosedBy, Desk, TicketStatus

log = logging.getLogger(__name__)
NOT_DELIVERED = "只有工作人员名单（ORGBOT_STAFF_IDS）中的成员回复才会转给居民。"
CLAIMED = "已认领"
CLOSED = "已关闭"
GONE = "这个工单已经关闭了"


def ticket_keyboard(ticket_id: int) -> InlineKeyboardMarkup:
    """认领 / 关闭 under a ticket's first post in the staff chat."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    "认领", callback_data=TicketPress(TicketAction.CLAIM, ticket_id).data
                ),
                InlineKeyboardButton(
                    "关闭", callback_data=TicketPress(TicketAction.CLOSE, ticket_id).data
                ),
            ]
        ]
    )


def relay_of(context: Context, svc: Services) -> DeskRelay:
    return DeskRelay(context.bot, svc.residents, svc.settings)


async def hand_off(
    message: Message, context: Context, chat_id: int, first_name: str, ref: str
) -> None:
    """Open (or point to) the chat's ticket and tell the resident who answers, and when."""
    svc = await services(context)
    if ref:
        await svc.update_question(ref, svc.residents.mark_handed_off)
    if svc.settings.staff_chat_id is None:
        await message.reply_text(handoff.NO_DESK, do_quote=False)
        return
    try:
        opened = await relay_of(context, svc).open(
            chat_id, first_name, svc.history.of(chat_id), ticket_keyboard
        )
    except TelegramError:
        log.exception("could not post a hand-off to the staff chat")
        await message.reply_text(handoff.RELAY_FAILED, do_quote=False)
        return
    await message.reply_text(opened.told, do_quote=False)


async def human(update: Update, context: Context) -> None:
    """/human: hand the conversation to a person."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    svc = await services(context)
    await hand_off(
        message, context, message.chat_id, user.first_name, svc.history.last_ref(message.chat_id)
    )


async def hand_off_pressed(update: Update, context: Context) -> None:
    """转人工 under an answer."""
    query, button = pressed(update, HandOff)
    message = message_of(query)
    if message is None:
        await query.answer(EXPIRED)
        return
    await query.answer()
    await hand_off(message, context, message.chat_id, query.from_user.first_name, button.ref)


async def done(update: Update, context: Context) -> None:
    """/done: the resident ends the conversation with staff."""
    message = update.effective_message
    if message is None:
        return
    svc = await services(context)
    ticket = svc.residents.desk.current(message.chat_id)
    if ticket is None:
        await message.reply_text(handoff.NOT_OPEN, do_quote=False)
        return
    await relay_of(context, svc).close(ticket, ClosedBy.RESIDENT)


async def from_resident(update: Update, context: Context) -> None:
    """A resident's message while their ticket is open goes to the staff chat."""
    message = update.effective_message
    if message is None:
        return
    svc = await services(context)
    ticket = svc.residents.desk.current(message.chat_id)
    if ticket is None:  # closed in between
        return
    if not (message.text or message.photo or message.document):
        await message.reply_text(handoff.UNSUPPORTED, do_quote=False)
        return
    try:
        await relay_of(context, svc).from_resident(ticket, message)
    except TelegramError:
        log.exception("could not relay a resident's message to the staff chat")
        await message.reply_text(handoff.RELAY_FAILED, do_quote=False)


async def from_staff(update: Update, context: Context) -> None:
    """A reply in the staff chat to a ticket's post goes to the resident."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    svc = await services(context)
    if not is_staff(update, context):
        if message.reply_to_message and svc.residents.desk.ticket_of_post(
            message.chat_id, message.reply_to_message.message_id
        ):
            await message.reply_text(NOT_DELIVERED)
        return
    ticket = await relay_of(context, svc).from_staff(message, user.id)
    if ticket is not None and ticket.status is TicketStatus.CLOSED:
        await message.reply_text(handoff.closed_not_sent(ticket))


async def ticket_pressed(update: Update, context: Context) -> None:
    """认领 / 关闭 under a ticket's post (staff only)."""
    if not is_staff(update, context):
        await refuse(update, context)
        return
    query, button = pressed(update, TicketPress)
    svc = await services(context)
    relay = relay_of(context, svc)
    staff = query.from_user
    if button.action is TicketAction.CLAIM:
        claimed = await relay.claim(button.ticket, staff.id, staff.first_name)
        await query.answer(CLAIMED if claimed else GONE)
        return
    ticket = svc.residents.desk.get(button.ticket)
    closed = ticket and await relay.close(ticket, ClosedBy.STAFF, staff.id, staff.first_name)
    await query.answer(CLOSED if closed else GONE)


class _OpenTicket(filters.MessageFilter):
    """A private chat whose resident has a ticket open (one indexed look-up)."""

    def __init__(self, desk: Desk) -> None:
        super().__init__(name="open_ticket")
        self.desk = desk

    def filter(self, message: Message) -> bool:
        return message.chat.type == "private" and self.desk.current(message.chat_id) is not None


def handlers(svc: Services) -> list[BaseHandler]:
    """The desk's handlers; registered before the question handler, which they take over from
    while a ticket is open."""
    found: list[BaseHandler] = [
        CommandHandler("human", human, filters.ChatType.PRIVATE),
        CommandHandler("done", done, filters.ChatType.PRIVATE),
        CallbackQueryHandler(hand_off_pressed, pattern=pattern(HandOff)),
        CallbackQueryHandler(ticket_pressed, pattern=pattern(TicketPress)),
        MessageHandler(
            filters.UpdateType.MESSAGE & ~filters.COMMAND & _OpenTicket(svc.residents.desk),
            from_resident,
        ),
    ]
    staff_chat = svc.settings.staff_chat_id
    if staff_chat is not None:
        found.append(
            MessageHandler(
                filters.Chat(staff_chat)
                & filters.UpdateType.MESSAGE
                & ~filters.COMMAND
                & (filters.TEXT | filters.PHOTO | filters.Document.ALL)
                & (filters.REPLY | filters.IS_TOPIC_MESSAGE),
                from_staff,
            )
        )
    return found
