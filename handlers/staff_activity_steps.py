"""What the staff activity conversations share: their states, what a conversation has collected,
and the steps more than one of them takes (reading a time, applying a change)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import ConversationHandler

from bot.services import Context, Services
from handlers.buttons import ActivityStep, Step
from knowledge.curation.staff_activities import Saved
from knowledge.curation.when import EXAMPLES, When, WhenError, read_when

END = ConversationHandler.END
TIMEOUT = 15 * 60  # seconds of silence after which a half-typed activity is dropped
ASK_WHEN = f"活动什么时候开始？{EXAMPLES}。"
CANCELLED = "已取消，没有做任何更改。"
TIMED_OUT = "太久没有回复，已取消，没有做任何更改。需要时请重新开始。"
USE_BUTTONS = "请点上面的按钮选择，或发送 /cancel 取消。"
BUTTON_GONE = "这个按钮已过期"
NOT_SAVED = "没有保存，原因：\n{problems}\n请点「确认」再试一次，或发送 /cancel 取消。"
_KEY = "staff_activity"


class State(IntEnum):
    TITLE = 1
    ORG = 2
    WHEN = 3
    PLACE = 4
    TOPICS = 5
    REGISTRATION = 6
    CONFIRM = 7
    PICK = 8  # an upcoming activity, to edit or to cancel
    FIELD = 9  # its time or its place
    NEW_WHEN = 10
    NEW_PLACE = 11
    CONFIRM_CHANGE = 12


@dataclass
class Pending:
    """What one staff member's conversation has collected so far."""

    title: str = ""
    org: str = ""
    org_name: str = ""
    when: When | None = None
    place: str = ""
    topics: list[str] = field(default_factory=list)  # in the knowledge base's order
    registration: str = ""
    activity: str = ""  # editing or cancelling: its id
    cancelling: bool = False
    new_place: str | None = None


def start_pending(context: Context, *, cancelling: bool = False) -> Pending:
    """A new conversation's record, replacing whatever an earlier one left."""
    pending = Pending(cancelling=cancelling)
    if context.user_data is not None:
        context.user_data[_KEY] = pending
    return pending


def pending_of(context: Context) -> Pending:
    found = context.user_data.get(_KEY) if context.user_data is not None else None
    return found if isinstance(found, Pending) else start_pending(context)


def forget(context: Context) -> None:
    if context.user_data is not None:
        context.user_data.pop(_KEY, None)


def now(svc: Services) -> datetime:
    return datetime.now(svc.settings.tz)


def origin(update: Update) -> str:
    """Who made a change, as the audit trail names them."""
    user = update.effective_user
    return f"telegram:{user.id if user else 'unknown'}"


def typed(update: Update) -> str:
    message = update.effective_message
    return (message.text or "").strip() if message else ""


async def say(update: Update, text: str, keyboard: InlineKeyboardMarkup | None = None) -> None:
    """A plain reply (staff's own words are never read as HTML)."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(
            text, reply_markup=keyboard, parse_mode=None, do_quote=False
        )


def confirm_keyboard(yes: str = "确认", no: str = "取消") -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(yes, callback_data=ActivityStep(Step.CONFIRM).data),
                InlineKeyboardButton(no, callback_data=ActivityStep(Step.ABORT).data),
            ]
        ]
    )


async def read_time(update: Update, svc: Services) -> When | None:
    """The typed time, or None after telling staff what is wrong and asking again."""
    try:
        return read_when(typed(update), now(svc))
    except WhenError as error:
        await say(update, f"{error}\n请再发送一次活动时间。")
        return None


async def done_pressing(message: Message | None) -> None:
    """Take the buttons off a message whose question is answered (a second press does nothing)."""
    if message is not None and message.reply_markup is not None:
        await message.edit_reply_markup(None)


async def report_failure(update: Update, saved: Saved) -> None:
    await say(update, NOT_SAVED.format(problems="\n".join(f"· {p}" for p in saved.problems)))


async def cancel(update: Update, context: Context) -> int:
    """/cancel (or 取消) at any step: nothing is changed."""
    if update.callback_query is not None:
        await update.callback_query.answer()
        await done_pressing(_message(update))
    forget(context)
    await say(update, CANCELLED)
    return END


async def timed_out(update: Update, context: Context) -> None:
    """The conversation timed out: say so in the chat it was in."""
    started = context.user_data is not None and _KEY in context.user_data
    forget(context)
    if started and update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, TIMED_OUT, parse_mode=None)


async def use_buttons(update: Update, context: Context) -> None:
    """Text where a button is expected, or a button of an earlier step: the step stays."""
    if update.callback_query is not None:
        await update.callback_query.answer(BUTTON_GONE)
    else:
        await say(update, USE_BUTTONS)


async def stale(update: Update, context: Context) -> None:
    """A press whose step had passed by its turn (a double tap): its spinner is stopped."""
    if update.callback_query is not None:
        await update.callback_query.answer(BUTTON_GONE)


def _message(update: Update) -> Message | None:
    query = update.callback_query
    return query.message if query and isinstance(query.message, Message) else None
