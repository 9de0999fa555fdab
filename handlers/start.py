"""/start and /help: what the bot does, with example questions as buttons."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.services import Context
from handlers.ask import answer_keyboard
from handlers.buttons import EXPIRED, Example, pattern, pressed
from handlers.common import message_of, reply_with, services
from knowledge.answering.compose import GREETING
from knowledge.reply import Reply
from knowledge.residents.store import Channel

EXAMPLES = (
    "我家孩子有自闭症，哪里可以做康复？",
    "哪里有心理咨询？",
    "未央区有多少家社会组织？",
    "我在陈仓有块田怎么参加？",
)

HELP = Reply(
    "可以直接用中文提问，也可以用这些命令：",
    [
        "/orgs 按区县或主题浏览社会组织",
        "/org 编号 查看一个组织的名片",
        "/activities 未来30天的活动（可加主题或区县，如 /activities 未央区）",
        "/subscribe 订阅活动提醒（按主题、区县或组织，可选每周汇总）",
        "/mysubs 查看我的订阅，/unsubscribe 取消订阅",
        "/forget 删除机器人保存的我的信息",
        "/human 转人工，请工作人员回答（/done 结束）",
        "/help 显示本帮助",
        "在任何聊天里输入 @机器人用户名 加关键词，可以分享组织名片。",
    ],
)


def examples_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(q, callback_data=Example(i).data)] for i, q in enumerate(EXAMPLES)]
    )


async def start(update: Update, context: Context) -> None:
    """Welcome the resident and offer example questions."""
    if update.effective_message:
        await reply_with(update.effective_message, GREETING, examples_keyboard())


async def help_command(update: Update, context: Context) -> None:
    """List the commands."""
    if update.effective_message:
        await reply_with(update.effective_message, HELP)


async def example_pressed(update: Update, context: Context) -> None:
    """Answer the example question whose button was pressed."""
    query, example = pressed(update, Example)
    message = message_of(query)
    if not 0 <= example.number < len(EXAMPLES) or message is None:
        await query.answer(EXPIRED)
        return
    await query.answer()
    answer = (await services(context)).answerer.answer(
        EXAMPLES[example.number], channel=Channel.TELEGRAM, user_ref=str(query.from_user.id)
    )
    await reply_with(message, answer.reply, answer_keyboard(answer))


HANDLERS: list[BaseHandler] = [
    CommandHandler("start", start),
    CommandHandler("help", help_command),
    CallbackQueryHandler(example_pressed, pattern=pattern(Example)),
]
