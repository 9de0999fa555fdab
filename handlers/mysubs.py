"""/mysubs and /unsubscribe: what a chat follows, by name, each with a button to stop it; the
不再提醒 button under a notice; and turning off an organization followed twice over."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.services import Context, Services
from handlers.buttons import (
    EXPIRED,
    StopAll,
    StopNotice,
    StopOne,
    StopStep,
    TurnOff,
    pattern,
    pressed,
)
from handlers.common import edit_or_send, message_of, reply_with, services
from handlers.subscriptions import DIGEST_LABEL, chat_of
from knowledge.catalog import Catalog
from knowledge.reply import Reply
from knowledge.residents.store import Subscription, SubscriptionKind

HOW_TO_SUBSCRIBE = "发送 /subscribe 选择主题、区县或组织；也可以在组织介绍下点“订阅提醒”。"
NONE = Reply("您还没有订阅任何活动提醒。", [HOW_TO_SUBSCRIBE])
ALL_STOPPED = Reply("已取消全部订阅，不会再收到活动提醒。", [HOW_TO_SUBSCRIBE])
NOTHING_TO_STOP = "这项订阅已经取消了"
REMOVED_ORGANIZATION = "（已从资料中移除的组织）"
KIND_LABELS = {
    SubscriptionKind.TOPIC: "主题",
    SubscriptionKind.DISTRICT: "区县",
    SubscriptionKind.ORGANIZATION: "组织",
}


def label(catalog: Catalog, subscription: Subscription) -> str:
    """How a resident reads a subscription: 主题：养老助老, 组织：宝鸡智塔…, 每周活动汇总."""
    kind = SubscriptionKind(subscription.kind)
    if kind == SubscriptionKind.DIGEST:
        return DIGEST_LABEL
    name = subscription.target
    if kind == SubscriptionKind.ORGANIZATION:
        org = catalog.organizations.get(subscription.target)
        name = org.name if org else REMOVED_ORGANIZATION
    return f"{KIND_LABELS[kind]}：{name}"


def listing(svc: Services, chat_id: int) -> tuple[Reply, InlineKeyboardMarkup | None]:
    """The chat's subscriptions, one stop button each (at most 50: the store's cap), and
    全部取消."""
    subscriptions = svc.residents.subscriptions_of(chat_id)
    if not subscriptions:
        return NONE, None
    names = [label(svc.catalog, s) for s in subscriptions]
    reply = Reply(
        f"您订阅了{len(subscriptions)}项",
        [*(f"· {name}" for name in names), "点下面的按钮可以取消其中一项。"],
    )
    rows = [
        [InlineKeyboardButton(f"取消 {name}"[:60], callback_data=StopOne(s.id).data)]
        for s, name in zip(subscriptions, names, strict=True)
    ]
    rows.append([InlineKeyboardButton("全部取消", callback_data=StopAll(StopStep.ASK).data)])
    return reply, InlineKeyboardMarkup(rows)


def stopped(what: str) -> Reply:
    return Reply(f"已取消订阅：{what}", ["想再订阅，" + HOW_TO_SUBSCRIBE])


async def mysubs_command(update: Update, context: Context) -> None:
    """List what the chat follows, each with a button to stop it."""
    message, chat = update.effective_message, chat_of(update)
    if message is None or chat is None:
        return
    reply, keyboard = listing(await services(context), chat)
    await reply_with(message, reply, keyboard)


async def stop_one_pressed(update: Update, context: Context) -> None:
    """Stop one subscription of the list, and show the list again in place."""
    query, button = pressed(update, StopOne)
    chat = chat_of(update)
    svc = await services(context)
    gone = svc.residents.unsubscribe_id(chat, button.subscription) if chat is not None else None
    if gone is None or chat is None:
        await query.answer(NOTHING_TO_STOP)
        return
    await query.answer(f"已取消：{label(svc.catalog, gone)}"[:200])
    reply, keyboard = listing(svc, chat)
    await edit_or_send(message_of(query), reply, keyboard)


async def stop_all_pressed(update: Update, context: Context) -> None:
    """全部取消: ask first; then stop them all, or show the list again."""
    query, button = pressed(update, StopAll)
    chat = chat_of(update)
    if chat is None:
        await query.answer(EXPIRED)
        return
    await query.answer()
    svc = await services(context)
    count = len(svc.residents.subscriptions_of(chat))
    if button.step == StopStep.ASK and count:
        confirm = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton("确认全部取消", callback_data=StopAll(StopStep.YES).data),
                    InlineKeyboardButton("不取消", callback_data=StopAll(StopStep.NO).data),
                ]
            ]
        )
        ask = Reply(f"确定取消全部{count}项订阅吗？", ["取消后不会再收到这些活动提醒。"])
        await edit_or_send(message_of(query), ask, confirm)
    elif button.step == StopStep.YES:
        svc.residents.unsubscribe_all(chat)
        await edit_or_send(message_of(query), ALL_STOPPED)
    else:
        reply, keyboard = listing(svc, chat)
        await edit_or_send(message_of(query), reply, keyboard)


async def stop_notice_pressed(update: Update, context: Context) -> None:
    """不再提醒这类活动 under a notice: stop the subscription that brought it, if this chat's."""
    query, button = pressed(update, StopNotice)
    chat = chat_of(update)
    svc = await services(context)
    gone = svc.residents.unsubscribe_id(chat, button.subscription) if chat is not None else None
    # Another chat's id, or an id never given, reads the same as one already stopped.
    if gone is None:
        await query.answer(NOTHING_TO_STOP)
        return
    await query.answer("已取消")
    message = message_of(query)
    if message is not None:
        await reply_with(message, stopped(label(svc.catalog, gone)))


async def turn_off_pressed(update: Update, context: Context) -> None:
    """取消订阅 under "already subscribed": stop following that organization."""
    query, button = pressed(update, TurnOff)
    chat = chat_of(update)
    svc = await services(context)
    if chat is None or not svc.residents.unsubscribe(
        chat, SubscriptionKind.ORGANIZATION, button.org
    ):
        await query.answer(NOTHING_TO_STOP)
        return
    await query.answer("已取消")
    org = svc.catalog.organizations.get(button.org)
    await edit_or_send(message_of(query), stopped(org.name if org else REMOVED_ORGANIZATION))


HANDLERS: list[BaseHandler] = [
    CommandHandler("mysubs", mysubs_command),
    CommandHandler("unsubscribe", mysubs_command),
    CallbackQueryHandler(stop_one_pressed, pattern=pattern(StopOne)),
    CallbackQueryHandler(stop_all_pressed, pattern=pattern(StopAll)),
    CallbackQueryHandler(stop_notice_pressed, pattern=pattern(StopNotice)),
    CallbackQueryHandler(turn_off_pressed, pattern=pattern(TurnOff)),
]
