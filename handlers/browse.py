"""/orgs and /org: browse organizations by district or topic, page by page, and their cards."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.services import Context
from handlers.ask import answer_keyboard
from handlers.common import callback, edit_or_send, reply_with, services
from knowledge.answering.answer import Answer
from knowledge.answering.browse import Page
from knowledge.answering.compose import Reply

MENU = Reply("浏览社会组织", ["请选择按区县还是按主题浏览："])
MENU_KEYBOARD = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("按区县", callback_data=callback("b", "d")),
            InlineKeyboardButton("按主题", callback_data=callback("b", "t")),
        ]
    ]
)


def _choices_keyboard(kind: str, names: list[str]) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(name, callback_data=callback("b", kind, str(i), "0"))
        for i, name in enumerate(names)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([InlineKeyboardButton("« 返回", callback_data=callback("b", "m"))])
    return InlineKeyboardMarkup(rows)


def _page_keyboard(kind: str, number: int, page: Page) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(name, callback_data=callback("o", org_id))]
        for org_id, name in page.items
    ]
    nav = []
    if page.page > 0:
        nav.append(
            InlineKeyboardButton(
                "‹ 上一页", callback_data=callback("b", kind, str(number), str(page.page - 1))
            )
        )
    if page.page + 1 < page.pages:
        nav.append(
            InlineKeyboardButton(
                "下一页 ›", callback_data=callback("b", kind, str(number), str(page.page + 1))
            )
        )
    if nav:
        rows.append(nav)
    rows.append([InlineKeyboardButton("« 返回", callback_data=callback("b", kind))])
    return InlineKeyboardMarkup(rows)


async def orgs_command(update: Update, context: Context) -> None:
    """Start browsing."""
    if update.effective_message:
        await reply_with(update.effective_message, MENU, MENU_KEYBOARD)


async def browse_pressed(update: Update, context: Context) -> None:
    """Move through the browsing menus: b:m, b:d, b:t, b:d:N:PAGE, b:t:N:PAGE."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    parts = query.data.split(":")
    browser = (await services(context)).browser
    message = query.message if query.message and hasattr(query.message, "edit_text") else None
    if parts[1] == "m":
        await edit_or_send(message, MENU, MENU_KEYBOARD)  # type: ignore[arg-type]
        return
    kind = parts[1]
    if len(parts) == 2:
        names = browser.districts() if kind == "d" else browser.topics()
        title = "按区县浏览" if kind == "d" else "按主题浏览"
        await edit_or_send(message, Reply(title, ["请选择："]), _choices_keyboard(kind, names))  # type: ignore[arg-type]
        return
    number, page_number = int(parts[2]), int(parts[3])
    page = (
        browser.by_district(number, page_number)
        if kind == "d"
        else browser.by_topic(number, page_number)
    )
    if page is None:
        await edit_or_send(message, Reply("列表已更新，请重新选择。"), MENU_KEYBOARD)  # type: ignore[arg-type]
        return
    text = Reply(page.title, [f"第 {page.page + 1}/{page.pages} 页，点选查看名片："])
    await edit_or_send(message, text, _page_keyboard(kind, number, page))  # type: ignore[arg-type]


async def card_pressed(update: Update, context: Context) -> None:
    """Show an organization's card from a browsing button."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    await _send_card(query.message, context, query.data.split(":", 1)[1])  # type: ignore[arg-type]


async def org_command(update: Update, context: Context) -> None:
    """/org ID: an organization's card."""
    message = update.effective_message
    if message is None:
        return
    if not context.args:
        await reply_with(
            message,
            Reply("用法：/org 组织编号", ["编号可以在 /orgs 浏览时看到，也可以直接提问组织名称。"]),
        )
        return
    await _send_card(message, context, context.args[0].strip().lower())


async def _send_card(message, context: Context, org_id: str) -> None:
    if message is None:
        return
    svc = await services(context)
    card = svc.browser.card(org_id)
    if card is None:
        await reply_with(
            message,
            Reply("没有找到这个编号的组织。", ["可以发送 /orgs 浏览，或直接提问组织名称。"]),
        )
        return
    doc = svc.answerer.index.doc("organization", org_id)
    keyboard = answer_keyboard(Answer("", True, "introduce", card, top=doc)) if doc else None
    await reply_with(message, card, keyboard)


HANDLERS: list[BaseHandler] = [
    CommandHandler("orgs", orgs_command),
    CommandHandler("org", org_command),
    CallbackQueryHandler(browse_pressed, pattern=r"^b:(m|d|t)(:\d+:\d+)?$"),
    CallbackQueryHandler(card_pressed, pattern=r"^o:[a-z0-9-]+$"),
]
