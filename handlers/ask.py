"""Free-text questions and the buttons under an answer."""

from __future__ import annotations

import re

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot.services import Context, Services
from handlers.buttons import (
    EXPIRED,
    Card,
    Choice,
    Confirm,
    Deny,
    FollowUp,
    FollowUpTopic,
    HandOff,
    Rate,
    Rating,
    Subscribe,
    TurnOff,
    pattern,
    pressed,
)
from handlers.common import message_of, reply_with, services
from knowledge.answering.answer import Answer
from knowledge.answering.context import subject_of
from knowledge.answering.gate import Decision
from knowledge.answering.intent import Intent
from knowledge.answering.scope_kinds import Refusal
from knowledge.records import Kind, Record
from knowledge.reply import Reply
from knowledge.residents.store import (
    MAX_SUBSCRIPTIONS_PER_CHAT,
    Channel,
    Feedback,
    SubscriptionKind,
    TooManySubscriptions,
)

GONE = Reply("这条信息已经更新或删除了，请重新提问。")
NO_SUCH_ORGANIZATION = Reply("没有找到这个组织，请重新提问。")
SUBSCRIBED = "已订阅该组织的活动提醒"
ALREADY_SUBSCRIBED = "您已经订阅过了"
THANKS = {Rating.UP: "谢谢您的反馈！", Rating.DOWN: "谢谢反馈，我们会改进。需要人工可以发送 /human"}
HAND_OFF_LABEL = "转人工：请工作人员回答"
TOO_MANY_SUBSCRIPTIONS = (
    f"每个聊天最多订阅{MAX_SUBSCRIPTIONS_PER_CHAT}项，请先用 /mysubs 取消一些。"
)


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
    """是 / 不是 under a proposal; one button per candidate when ambiguous; follow-ups under
    an organization's answer; then 👍/👎 under an answer, and 转人工 when the bot had none or
    was unsure (under a proposal, 不是 offers it); a card button per organization listed;
    nothing under a refusal but 转人工 under a report (a person takes it up)."""
    rows: list[list[InlineKeyboardButton]] = []
    if answer.decision == Decision.CONFIRM and answer.top is not None:
        yes = Confirm(answer.top.KIND, answer.top.id)
        no = Deny(answer.ref)
        return InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton("是", callback_data=yes.data),
                    InlineKeyboardButton("不是", callback_data=no.data),
                ]
            ]
        )
    if answer.intent == Intent.OUT_OF_SCOPE and answer.refusal is not Refusal.REPORT:
        return None
    if answer.listed:
        rows = [
            [InlineKeyboardButton(org.name[:60], callback_data=Card(org.id).data)]
            for org in answer.listed
        ]
    elif answer.choices:
        rows = [
            [
                InlineKeyboardButton(
                    f"您是想找：{record.display_name}"[:60],
                    callback_data=Choice(record.KIND, record.id).data,
                )
            ]
            for record in answer.choices
        ]
    elif answer.answered and (follow_ups := record_keyboard(answer.top)) is not None:
        rows = [list(row) for row in follow_ups.inline_keyboard]
    if answer.ref and answer.intent != Intent.GREETING:
        if answer.answered:
            rows.append(
                [
                    InlineKeyboardButton("👍", callback_data=Rate(Rating.UP, answer.ref).data),
                    InlineKeyboardButton("👎", callback_data=Rate(Rating.DOWN, answer.ref).data),
                ]
            )
        if not answer.answered or len(answer.choices) > 1:
            rows.append(
                [InlineKeyboardButton(HAND_OFF_LABEL, callback_data=HandOff(answer.ref).data)]
            )
    return InlineKeyboardMarkup(rows) if rows else None


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
    # One resident in one chat: in a group, another member's question is not a follow-up.
    chat = (message.chat_id, update.effective_user.id)
    question = question_text(message, context.bot.username)
    answer = svc.answerer.answer(
        question,
        channel=Channel.TELEGRAM,
        user_ref=str(update.effective_user.id),
        context=svc.conversations.get(chat),
    )
    svc.conversations.update(chat, answer)
    svc.history.add(message.chat_id, question, answer.text, answer.ref)
    await reply_with(message, answer.reply, answer_keyboard(answer))


async def rate_pressed(update: Update, context: Context) -> None:
    """👍/👎 under an answer: kept with the logged question for the staff's review."""
    query, button = pressed(update, Rate)
    svc = await services(context)
    feedback = Feedback.UP if button.rating is Rating.UP else Feedback.DOWN
    if not await svc.update_question(
        button.ref, lambda ref: svc.residents.set_feedback(ref, feedback)
    ):
        await query.answer(EXPIRED)
        return
    await query.answer(THANKS[button.rating])


async def choice_pressed(update: Update, context: Context) -> None:
    """The resident picked one of the candidates of an ambiguous question."""
    query, choice = pressed(update, Choice)
    await show_record(query, context, choice.kind, choice.key)


async def show_record(query: CallbackQuery, context: Context, kind: Kind, key: str) -> None:
    """Answer a press with the reply about one record (a candidate picked, a proposal
    confirmed); it becomes what "它的电话呢" asks about next."""
    message = message_of(query)
    if message is None:
        await query.answer(EXPIRED)
        return
    await query.answer()
    svc = await services(context)
    reply = svc.answerer.reply_for(kind, key)
    if reply is None:  # forged, or removed by staff since
        await reply_with(message, GONE)
        return
    record = svc.catalog.record(kind, key)
    remember_pressed(svc, (message.chat.id, query.from_user.id), record)
    await reply_with(message, reply, record_keyboard(record))


def remember_pressed(svc: Services, chat: tuple[int, int], record: Record | None) -> None:
    """A record pressed on becomes what the chat's follow-ups ask about; the list or the
    choice it was pressed on stays to pick from ("那第三个呢")."""
    subject = subject_of(record, svc.catalog)
    if subject is not None:
        svc.conversations.remember(chat, subject.showing(svc.conversations.get(chat)))


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
    """订阅提醒: remember that this chat wants reminders of the organization's activities; a
    second press says it is on already and offers to turn it off."""
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
    message = message_of(query)
    if not new and message is not None:
        name = svc.catalog.organizations[button.org].name
        turn_off = InlineKeyboardButton("取消订阅", callback_data=TurnOff(button.org).data)
        await reply_with(message, already_on(name), InlineKeyboardMarkup([[turn_off]]))


def already_on(name: str) -> Reply:
    return Reply(
        f"您已订阅「{name}」的活动提醒",
        ["不想再收到，可以点下面的按钮取消；发送 /mysubs 查看全部订阅。"],
    )


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
    CallbackQueryHandler(rate_pressed, pattern=pattern(Rate)),
    MessageHandler(filters.TEXT & ~filters.COMMAND & ADDRESSED, ask),
]
