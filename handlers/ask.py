"""Free-text questions and the buttons under an answer."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot.services import Context
from handlers.buttons import (
    EXPIRED,
    Card,
    Choice,
    FollowUp,
    FollowUpTopic,
    Subscribe,
    pattern,
    pressed,
)
from handlers.common import message_of, reply_with, services
from knowledge.answering.answer import Answer
from knowledge.answering.intent import Intent
from knowledge.records import Kind, Record
from knowledge.reply import Reply
from knowledge.residents.store import (
    MAX_SUBSCRIPTIONS_PER_CHAT,
    Channel,
    SubscriptionKind,
    TooManySubscriptions,
)

GONE = Reply("这条信息已经更新或删除了，请重新提问。")
NO_SUCH_ORGANIZATION = Reply("没有找到这个组织，请重新提问。")
SUBSCRIBED = "已订阅该组织的活动提醒"
ALREADY_SUBSCRIBED = "您已经订阅过了"
TOO_MANY_SUBSCRIPTIONS = f"每个聊天最多订阅{MAX_SUBSCRIPTIONS_PER_CHAT}个组织，暂时不能再订阅了。"


def follow_up_keyboard(org_id: str) -> InlineKeyboardMarkup:
    """联系方式 / 相关项目 / 近期活动 / 订阅提醒 for one organization."""

    def button(label: str, topic: FollowUpTopic) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=FollowUp(topic, org_id).data)

    return InlineKeyboardMarkup(
        [
            [button("联系方式", FollowUpTopic.CONTACT), button("相关项目", FollowUpTopic.PROJECTS)],
            [
                button("近期活动", FollowUpTopic.ACTIVITIES),
                InlineKeyboardButton("订阅提醒", callback_data=Subscribe(org_id).data),
            ],
        ]
    )


def record_keyboard(record: Record | None) -> InlineKeyboardMarkup | None:
    """The follow-ups under a reply about a record, if it has an organization."""
    if record is None or not record.organization_id:
        return None
    return follow_up_keyboard(record.organization_id)


def answer_keyboard(answer: Answer) -> InlineKeyboardMarkup | None:
    """One button per candidate when ambiguous, a card button per organization listed;
    follow-ups under an organization's answer."""
    if answer.listed:
        return InlineKeyboardMarkup(
            [
                [InlineKeyboardButton(org.name[:60], callback_data=Card(org.id).data)]
                for org in answer.listed
            ]
        )
    if answer.choices:
        return InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        f"您是想找：{record.display_name}"[:60],
                        callback_data=Choice(record.KIND, record.id).data,
                    )
                ]
                for record in answer.choices
            ]
        )
    return record_keyboard(answer.top) if answer.answered else None


def question_text(message: Message, bot_username: str) -> str:
    """The question without the bot's @mention (groups address the bot that way)."""
    text = message.text or ""
    if bot_username:
        text = re.sub(rf"@{re.escape(bot_username)}\b", " ", text, flags=re.IGNORECASE)
    return text.strip()


async def ask(update: Update, context: Context) -> None:
    """Answer a question written in free text."""
    message = update.effective_message
    if message is None or update.effective_user is None:
        return
    svc = await services(context)
    answer = svc.answerer.answer(
        question_text(message, context.bot.username),
        channel=Channel.TELEGRAM,
        user_ref=str(update.effective_user.id),
    )
    await reply_with(message, answer.reply, answer_keyboard(answer))


async def choice_pressed(update: Update, context: Context) -> None:
    """The resident picked one of the candidates of an ambiguous question."""
    query, choice = pressed(update, Choice)
    message = message_of(query)
    if message is None:
        await query.answer(EXPIRED)
        return
    await query.answer()
    svc = await services(context)
    reply = svc.answerer.reply_for(choice.kind, choice.key)
    if reply is None:
        await reply_with(message, GONE)
        return
    await reply_with(message, reply, record_keyboard(svc.catalog.record(choice.kind, choice.key)))


async def follow_up_pressed(update: Update, context: Context) -> None:
    """联系方式 / 相关项目 / 近期活动 under an organization's answer."""
    query, button = pressed(update, FollowUp)
    message = message_of(query)
    if message is None:
        await query.answer(EXPIRED)
        return
    await query.answer()
    svc = await services(context)
    if button.topic == FollowUpTopic.CONTACT:
        reply = svc.answerer.reply_for(Kind.ORGANIZATION, button.org, Intent.CONTACT)
    elif button.topic == FollowUpTopic.PROJECTS:
        reply = svc.browser.projects(button.org)
    else:
        reply = svc.answerer.reply_for(Kind.ORGANIZATION, button.org, Intent.ACTIVITIES)
    await reply_with(message, reply or NO_SUCH_ORGANIZATION)


async def subscribe_pressed(update: Update, context: Context) -> None:
    """订阅提醒: remember that this chat wants reminders of the organization's activities."""
    query, button = pressed(update, Subscribe)
    svc = await services(context)
    if button.org not in svc.catalog.organizations:  # forged, or removed by staff since
        await query.answer(EXPIRED)
        return
    chat = query.message.chat.id if query.message else query.from_user.id
    try:
        new = svc.residents.subscribe(chat, SubscriptionKind.ORGANIZATION, button.org)
    except TooManySubscriptions:
        await query.answer(TOO_MANY_SUBSCRIPTIONS, show_alert=True)
        return
    await query.answer(SUBSCRIBED if new else ALREADY_SUBSCRIBED)


class _AddressedToBot(filters.MessageFilter):
    """Private chats always; in groups only a mention of this bot or a reply to its message."""

    def filter(self, message: Message) -> bool:
        if message.chat.type == ChatType.PRIVATE:
            return True
        bot = message.get_bot()
        username = (bot.username or "").lower()
        if username and f"@{username}" in (message.text or "").lower():
            return True
        replied = message.reply_to_message
        return bool(replied and replied.from_user and replied.from_user.id == bot.id)


ADDRESSED = _AddressedToBot()

HANDLERS: list[BaseHandler] = [
    CallbackQueryHandler(choice_pressed, pattern=pattern(Choice)),
    CallbackQueryHandler(follow_up_pressed, pattern=pattern(FollowUp)),
    CallbackQueryHandler(subscribe_pressed, pattern=pattern(Subscribe)),
    MessageHandler(filters.TEXT & ~filters.COMMAND & ADDRESSED, ask),
]
