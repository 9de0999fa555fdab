"""/forget: delete everything the bot keeps about a chat, after a confirmation."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.services import Context
from handlers.buttons import EXPIRED, Forget, ForgetStep, pattern, pressed
from handlers.common import edit_or_send, message_of, reply_with, services
from handlers.subscriptions import chat_of
from knowledge.reply import Reply

ASK = Reply(
    "删除我的信息",
    [
        "将删除机器人为本聊天保存的全部信息：订阅、活动提醒和每周汇总的发送记录、"
        "转人工客服的对话记录。删除后不能恢复。",
        "您的提问记录本来就不与您的账号关联（只保存问题本身，不保存是谁问的），"
        "所以无法、也无需按账号删除。",
        "确定要删除吗？",
    ],
)
KEYBOARD = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("确认删除", callback_data=Forget(ForgetStep.CONFIRM).data),
            InlineKeyboardButton("取消", callback_data=Forget(ForgetStep.CANCEL).data),
        ]
    ]
)
FORGOTTEN = Reply(
    "已删除",
    [
        "机器人已不再保存本聊天的任何订阅和对话记录。",
        "以后想收到活动提醒，发送 /subscribe 重新订阅。",
    ],
)
KEPT = Reply("已取消，没有删除任何信息。")


async def forget_command(update: Update, context: Context) -> None:
    """Say what would be deleted, and ask to confirm."""
    if update.effective_message:
        await reply_with(update.effective_message, ASK, KEYBOARD)


async def forget_pressed(update: Update, context: Context) -> None:
    """确认删除: delete the chat's data; 取消: nothing."""
    query, button = pressed(update, Forget)
    chat = chat_of(update)
    if chat is None:
        await query.answer(EXPIRED)
        return
    if button.step == ForgetStep.CONFIRM:
        svc = await services(context)
        svc.residents.forget(chat)
        if update.effective_user is not None:  # and what follow-ups would refer to
            svc.conversations.forget((chat, update.effective_user.id))
        await query.answer("已删除")
        await edit_or_send(message_of(query), FORGOTTEN)
    else:
        await query.answer()
        await edit_or_send(message_of(query), KEPT)


HANDLERS: list[BaseHandler] = [
    CommandHandler("forget", forget_command),
    CallbackQueryHandler(forget_pressed, pattern=pattern(Forget)),
]
