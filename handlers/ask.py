"""Free-text questions and the buttons under an answer."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot.services import Context
from handlers.common import callback, reply_with, services
from knowledge.answering.answer import Answer
from knowledge.answering.compose import Reply

KIND_CODES = {"organization": "o", "project": "p", "fact": "f", "activity": "v"}
CODE_KINDS = {code: kind for kind, code in KIND_CODES.items()}


def answer_keyboard(answer: Answer) -> InlineKeyboardMarkup | None:
    """One button per candidate when ambiguous; follow-ups under an organization's answer."""
    if answer.choices:
        return InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        f"您是想找：{doc.name}"[:60],
                        callback_data=callback("a", KIND_CODES[doc.kind], doc.id),
                    )
                ]
                for doc in answer.choices
            ]
        )
    top = answer.top
    if not answer.answered or top is None:
        return None
    org = top.id if top.kind == "organization" else top.organization
    if not org:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("联系方式", callback_data=callback("c", org)),
                InlineKeyboardButton("相关项目", callback_data=callback("p", org)),
            ],
            [
                InlineKeyboardButton("近期活动", callback_data=callback("e", org)),
                InlineKeyboardButton("订阅提醒", callback_data=callback("s", org)),
            ],
        ]
    )


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
        channel="telegram",
        user_ref=str(update.effective_user.id),
    )
    await reply_with(message, answer.reply, answer_keyboard(answer))


async def choice_pressed(update: Update, context: Context) -> None:
    """The resident picked one of the candidates of an ambiguous question."""
    query = update.callback_query
    assert query is not None and query.data is not None
    _, code, key = query.data.split(":", 2)
    await query.answer()
    svc = await services(context)
    reply = svc.answerer.reply_for(CODE_KINDS.get(code, ""), key)
    if query.message is None:
        return
    if reply is None:
        reply = Reply("这条信息已经更新或删除了，请重新提问。")
    doc = svc.answerer.index.doc(CODE_KINDS.get(code, ""), key)
    keyboard = None
    if doc is not None:
        keyboard = answer_keyboard(Answer("", True, "introduce", reply, top=doc))
    await reply_with(query.message, reply, keyboard)  # type: ignore[arg-type]


async def follow_up(update: Update, context: Context) -> None:
    """联系方式 / 相关项目 / 近期活动 / 订阅提醒 under an organization's answer."""
    query = update.callback_query
    assert query is not None and query.data is not None
    action, org = query.data.split(":", 1)
    svc = await services(context)
    if action == "s":
        chat = query.message.chat.id if query.message else query.from_user.id
        new = svc.residents.subscribe(chat, "organization", org)
        await query.answer("已订阅该组织的活动提醒" if new else "您已经订阅过了")
        return
    await query.answer()
    if action == "c":
        reply = svc.answerer.reply_for("organization", org, "contact")
    elif action == "p":
        reply = svc.browser.projects(org)
    else:
        reply = svc.answerer.reply_for("organization", org, "activities")
    if query.message is not None:
        await reply_with(query.message, reply or Reply("没有找到这个组织，请重新提问。"))  # type: ignore[arg-type]


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
    CallbackQueryHandler(choice_pressed, pattern=r"^a:[opfv]:[a-z0-9-]+$"),
    CallbackQueryHandler(follow_up, pattern=r"^[cpes]:[a-z0-9-]+$"),
    MessageHandler(filters.TEXT & ~filters.COMMAND & ADDRESSED, ask),
]
