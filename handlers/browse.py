"""/orgs and /org: browse organizations by district or topic, page by page, and their cards."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.services import Context
from handlers.ask import follow_up_keyboard, remember_pressed
from handlers.buttons import (
    EXPIRED,
    Axis,
    Browse,
    BrowseList,
    BrowseMenu,
    BrowsePage,
    Card,
    pattern,
    pressed,
)
from handlers.common import edit_or_send, message_of, reply_with, services
from knowledge.answering.browse import Browser, Page
from knowledge.reply import Reply

MENU = Reply("浏览社会组织", ["请选择按区县还是按主题浏览："])
MENU_KEYBOARD = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("按区县", callback_data=BrowseList(Axis.DISTRICT).data),
            InlineKeyboardButton("按主题", callback_data=BrowseList(Axis.TOPIC).data),
        ]
    ]
)
LIST_TITLES = {Axis.DISTRICT: "按区县浏览", Axis.TOPIC: "按主题浏览"}
LIST_CHANGED = Reply("列表已更新，请重新选择。")
NO_SUCH_ID = Reply("没有找到这个编号的组织。", ["可以发送 /orgs 浏览，或直接提问组织名称。"])
ORG_USAGE = Reply("用法：/org 组织编号", ["编号可以在 /orgs 浏览时看到，也可以直接提问组织名称。"])


def _choices_keyboard(axis: Axis, names: list[str]) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(name, callback_data=BrowsePage(axis, i, 0).data)
        for i, name in enumerate(names)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([InlineKeyboardButton("« 返回", callback_data=BrowseMenu().data)])
    return InlineKeyboardMarkup(rows)


def _page_keyboard(axis: Axis, number: int, page: Page) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(name, callback_data=Card(org_id).data)] for org_id, name in page.items
    ]
    nav = []
    if page.page > 0:
        previous = BrowsePage(axis, number, page.page - 1)
        nav.append(InlineKeyboardButton("‹ 上一页", callback_data=previous.data))
    if page.page + 1 < page.pages:
        following = BrowsePage(axis, number, page.page + 1)
        nav.append(InlineKeyboardButton("下一页 ›", callback_data=following.data))
    if nav:
        rows.append(nav)
    rows.append([InlineKeyboardButton("« 返回", callback_data=BrowseList(axis).data)])
    return InlineKeyboardMarkup(rows)


def _screen(browser: Browser, button: Browse) -> tuple[Reply, InlineKeyboardMarkup]:
    """What a browsing button shows: the menu, a list of districts or topics, or a page."""
    if isinstance(button, BrowseList):
        names = browser.districts() if button.axis == Axis.DISTRICT else browser.topics()
        return Reply(LIST_TITLES[button.axis], ["请选择："]), _choices_keyboard(button.axis, names)
    if isinstance(button, BrowsePage):
        by = browser.by_district if button.axis == Axis.DISTRICT else browser.by_topic
        page = by(button.number, button.page)
        if page is None:
            return LIST_CHANGED, MENU_KEYBOARD
        text = Reply(page.title, [f"第 {page.page + 1}/{page.pages} 页，点选查看名片："])
        return text, _page_keyboard(button.axis, button.number, page)
    return MENU, MENU_KEYBOARD


async def orgs_command(update: Update, context: Context) -> None:
    """Start browsing."""
    if update.effective_message:
        await reply_with(update.effective_message, MENU, MENU_KEYBOARD)


async def browse_pressed(update: Update, context: Context) -> None:
    """Move through the browsing menus, replacing the message in place."""
    query, button = pressed(update, Browse)
    message = message_of(query)
    if message is None:
        await query.answer(EXPIRED)
        return
    await query.answer()
    reply, keyboard = _screen((await services(context)).browser, button)
    await edit_or_send(message, reply, keyboard)


async def card_pressed(update: Update, context: Context) -> None:
    """Show an organization's card from a browsing button."""
    query, button = pressed(update, Card)
    message = message_of(query)
    if message is None:
        await query.answer(EXPIRED)
        return
    await query.answer()
    svc = await services(context)
    if button.org in svc.catalog.organizations:  # a card pressed under a list: "它的电话呢"
        org = svc.catalog.organizations[button.org]
        remember_pressed(svc, (message.chat.id, query.from_user.id), org)
    await _send_card(message, context, button.org)


async def org_command(update: Update, context: Context) -> None:
    """/org ID: an organization's card."""
    message = update.effective_message
    if message is None:
        return
    if not context.args:
        await reply_with(message, ORG_USAGE)
        return
    await _send_card(message, context, context.args[0].strip().lower())


async def _send_card(message: Message, context: Context, org_id: str) -> None:
    card = (await services(context)).browser.card(org_id)
    if card is None:
        await reply_with(message, NO_SUCH_ID)
        return
    await reply_with(message, card, follow_up_keyboard(org_id))


HANDLERS: list[BaseHandler] = [
    CommandHandler("orgs", orgs_command),
    CommandHandler("org", org_command),
    CallbackQueryHandler(browse_pressed, pattern=pattern(Browse)),
    CallbackQueryHandler(card_pressed, pattern=pattern(Card)),
]
