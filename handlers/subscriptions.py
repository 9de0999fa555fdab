"""/subscribe: a keyboard, edited in place, to follow topics, districts and organizations, and
to choose the weekly digest; ✓ marks what is on."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from telegram import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.services import Context, Services
from handlers.ask import TOO_MANY_SUBSCRIPTIONS
from handlers.buttons import (
    EXPIRED,
    Axis,
    Subs,
    SubsByName,
    SubsDigest,
    SubsDone,
    SubsOrg,
    SubsScreen,
    SubsToggle,
    SubsView,
    parse,
    pattern,
    pressed,
    tag,
)
from handlers.common import edit_or_send, message_of, reply_with, services
from knowledge.answering import following
from knowledge.catalog import Catalog
from knowledge.reply import Reply
from knowledge.residents.store import (
    DIGEST_TARGET,
    SubscriptionKind,
    TooManySubscriptions,
)

TOGGLES_PER_PAGE = 20  # two a row: with the menus, far below Telegram's 100 buttons
ORGS_PER_PAGE = 8  # one a row: names are long
ON = "✓ "
MAIN = Reply(
    "订阅活动提醒",
    [
        "点选主题即订阅，再点一次取消；带 ✓ 的是已订阅的。",
        "有相关活动时，机器人会在活动前提醒您。",
        "每周汇总：每周一条消息，列出您订阅的近期活动（默认不开）。",
    ],
)
DISTRICTS = Reply("按区县订阅", ["点选区县即订阅这个区县的活动，再点一次取消："])
TOPICS = Reply("按组织订阅", ["先选一个主题，再点选组织；也可以直接输入组织名称查找："])
NAME_PROMPT = "请回复本消息，写出要订阅的组织名称（如：智塔）："
NOT_FOUND = Reply("没有找到名称相近的组织。", ["可以换个说法再试，或发送 /subscribe 按主题查找。"])
FOUND = Reply("找到这些组织", ["点选即订阅它的活动提醒，再点一次取消："])
DONE = Reply(
    "订阅已保存",
    ["发送 /mysubs 查看您的订阅，/unsubscribe 取消订阅，/subscribe 再修改。"],
)
CHANGED = "列表已更新，请重新选择"
DIGEST_LABEL = "每周活动汇总"

State = set[tuple[str, str]]  # (kind, target) of what the chat follows


def chat_of(update: Update) -> int | None:
    """The chat a message or press belongs to (subscriptions are per chat)."""
    return update.effective_chat.id if update.effective_chat else None


def state_of(svc: Services, chat_id: int) -> State:
    return {(str(s.kind), s.target) for s in svc.residents.subscriptions_of(chat_id)}


def _mark(on: bool, name: str) -> str:
    return (ON if on else "") + name


def _nav(
    items: list[InlineKeyboardButton],
    per_row: int,
    page: int,
    per_page: int,
    to_page: Callable[[int], SubsScreen],
) -> list[list[InlineKeyboardButton]]:
    """One page of buttons, per_row a row, with ‹ › when there are more pages."""
    pages = max(1, -(-len(items) // per_page))
    page = min(max(page, 0), pages - 1)
    chunk = items[page * per_page : (page + 1) * per_page]
    rows = [chunk[i : i + per_row] for i in range(0, len(chunk), per_row)]
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton("‹ 上一页", callback_data=to_page(page - 1).data))
    if page + 1 < pages:
        nav.append(InlineKeyboardButton("下一页 ›", callback_data=to_page(page + 1).data))
    if nav:
        rows.append(nav)
    return rows


def _toggles(axis: Axis, names: Sequence[str], state: State) -> list[InlineKeyboardButton]:
    kind = SubscriptionKind.TOPIC if axis == Axis.TOPIC else SubscriptionKind.DISTRICT
    return [
        InlineKeyboardButton(
            _mark((kind, name) in state, name), callback_data=SubsToggle(axis, i, tag(name)).data
        )
        for i, name in enumerate(names)
    ]


def _org_buttons(orgs: Sequence[tuple[str, str]], state: State) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton(
            _mark((SubscriptionKind.ORGANIZATION, org) in state, name)[:60],
            callback_data=SubsOrg(org).data,
        )
        for org, name in orgs
    ]


def _back(view: SubsView, label: str = "« 返回") -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(label, callback_data=SubsScreen(view).data)]


def screen(
    catalog: Catalog, button: SubsScreen, state: State
) -> tuple[Reply, InlineKeyboardMarkup]:
    """What a screen of the /subscribe keyboard shows."""
    if button.view == SubsView.DISTRICTS:
        items = _toggles(Axis.DISTRICT, following.districts(catalog), state)
        rows = _nav(
            items, 2, button.page, TOGGLES_PER_PAGE, lambda p: SubsScreen(SubsView.DISTRICTS, p)
        )
        return DISTRICTS, InlineKeyboardMarkup([*rows, _back(SubsView.MAIN)])
    if button.view == SubsView.TOPICS:
        topics = following.topics(catalog)
        items = [
            InlineKeyboardButton(name, callback_data=SubsScreen(SubsView.ORGANIZATIONS, 0, i).data)
            for i, name in enumerate(topics)
        ]
        rows = _nav(
            items, 2, button.page, TOGGLES_PER_PAGE, lambda p: SubsScreen(SubsView.TOPICS, p)
        )
        by_name = [InlineKeyboardButton("🔍 输入组织名称", callback_data=SubsByName().data)]
        return TOPICS, InlineKeyboardMarkup([*rows, by_name, _back(SubsView.MAIN)])
    if button.view == SubsView.ORGANIZATIONS:
        topics = following.topics(catalog)
        if not 0 <= button.number < len(topics):
            return screen(catalog, SubsScreen(SubsView.TOPICS), state)
        topic = topics[button.number]
        items = _org_buttons(following.organizations_of(catalog, topic), state)
        rows = _nav(
            items,
            1,
            button.page,
            ORGS_PER_PAGE,
            lambda p: SubsScreen(SubsView.ORGANIZATIONS, p, button.number),
        )
        text = Reply(f"{topic}的组织", ["点选即订阅它的活动提醒，再点一次取消："])
        return text, InlineKeyboardMarkup([*rows, _back(SubsView.TOPICS)])
    items = _toggles(Axis.TOPIC, following.topics(catalog), state)
    rows = _nav(items, 2, button.page, TOGGLES_PER_PAGE, lambda p: SubsScreen(SubsView.MAIN, p))
    digest_on = (SubscriptionKind.DIGEST, DIGEST_TARGET) in state
    rows += [
        [
            InlineKeyboardButton("按区县订阅 ›", callback_data=SubsScreen(SubsView.DISTRICTS).data),
            InlineKeyboardButton("按组织订阅 ›", callback_data=SubsScreen(SubsView.TOPICS).data),
        ],
        [InlineKeyboardButton(_mark(digest_on, DIGEST_LABEL), callback_data=SubsDigest().data)],
        [InlineKeyboardButton("完成", callback_data=SubsDone().data)],
    ]
    return MAIN, InlineKeyboardMarkup(rows)


def remarked(
    markup: InlineKeyboardMarkup | None, catalog: Catalog, state: State
) -> InlineKeyboardMarkup | None:
    """The keyboard a message shows, with ✓ set anew on its toggles (a toggle whose list
    changed since is left as it was: pressing it says the list changed)."""
    if markup is None:
        return None
    names = {
        Axis.TOPIC: following.topics(catalog),
        Axis.DISTRICT: following.districts(catalog),
    }
    rows = []
    for row in markup.inline_keyboard:
        new_row = []
        for old in row:
            button, label = parse(old.callback_data), None
            if isinstance(button, SubsToggle):
                name = _named(names[button.axis], button)
                kind = (
                    SubscriptionKind.TOPIC
                    if button.axis == Axis.TOPIC
                    else SubscriptionKind.DISTRICT
                )
                label = _mark((kind, name) in state, name) if name else None
            elif isinstance(button, SubsOrg) and button.org in catalog.organizations:
                name = catalog.organizations[button.org].name
                label = _mark((SubscriptionKind.ORGANIZATION, button.org) in state, name)[:60]
            elif isinstance(button, SubsDigest):
                label = _mark((SubscriptionKind.DIGEST, DIGEST_TARGET) in state, DIGEST_LABEL)
            new_row.append(
                InlineKeyboardButton(label, callback_data=old.callback_data) if label else old
            )
        rows.append(new_row)
    return InlineKeyboardMarkup(rows)


def _named(names: Sequence[str], button: SubsToggle) -> str | None:
    """The name a toggle stands for, if the list still has it at that place."""
    if 0 <= button.number < len(names) and tag(names[button.number]) == button.tag:
        return names[button.number]
    return None


def _target(catalog: Catalog, button: Subs) -> tuple[SubscriptionKind, str, str] | None:
    """(kind, target, name) a toggle press stands for, or None when it is stale."""
    if isinstance(button, SubsDigest):
        return SubscriptionKind.DIGEST, DIGEST_TARGET, DIGEST_LABEL
    if isinstance(button, SubsOrg):
        org = catalog.organizations.get(button.org)
        return (SubscriptionKind.ORGANIZATION, org.id, org.name) if org else None
    if isinstance(button, SubsToggle):
        if button.axis == Axis.TOPIC:
            name = _named(following.topics(catalog), button)
            return (SubscriptionKind.TOPIC, name, name) if name else None
        name = _named(following.districts(catalog), button)
        return (SubscriptionKind.DISTRICT, name, name) if name else None
    return None


async def subscribe_command(update: Update, context: Context) -> None:
    """Show the subscription keyboard."""
    message, chat = update.effective_message, chat_of(update)
    if message is None or chat is None:
        return
    svc = await services(context)
    reply, keyboard = screen(svc.catalog, SubsScreen(SubsView.MAIN), state_of(svc, chat))
    await reply_with(message, reply, keyboard)


async def screen_pressed(update: Update, context: Context) -> None:
    """Move between the keyboard's screens, in place."""
    query, button = pressed(update, SubsScreen)
    message, chat = message_of(query), chat_of(update)
    if message is None or chat is None:
        await query.answer(EXPIRED)
        return
    await query.answer()
    svc = await services(context)
    reply, keyboard = screen(svc.catalog, button, state_of(svc, chat))
    await edit_or_send(message, reply, keyboard)


async def toggle_pressed(update: Update, context: Context) -> None:
    """Follow or stop a topic, district, organization or the digest; the ✓ follows, in place."""
    query, button = pressed(update, Subs)
    message, chat = message_of(query), chat_of(update)
    svc = await services(context)
    target = _target(svc.catalog, button)
    if chat is None or target is None:
        await query.answer(CHANGED if isinstance(button, SubsToggle) else EXPIRED)
        return
    kind, value, name = target
    try:
        on = svc.residents.toggle(chat, kind, value)
    except TooManySubscriptions:
        await query.answer(TOO_MANY_SUBSCRIPTIONS, show_alert=True)
        return
    await query.answer(f"{'已订阅' if on else '已取消'}：{name}"[:200])
    if message is not None and message.reply_markup is not None:
        await _edit_markup(
            message, remarked(message.reply_markup, svc.catalog, state_of(svc, chat))
        )


async def _edit_markup(message: Message, markup: InlineKeyboardMarkup | None) -> None:
    try:
        await message.edit_reply_markup(reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc):  # two quick presses: the second finds it done
            raise


async def by_name_pressed(update: Update, context: Context) -> None:
    """Ask for an organization's name; the resident's reply to the prompt is searched."""
    query, _ = pressed(update, SubsByName)
    message = message_of(query)
    await query.answer()
    if message is not None:
        force = ForceReply(input_field_placeholder="组织名称")
        await message.reply_text(NAME_PROMPT, reply_markup=force, do_quote=False)


async def done_pressed(update: Update, context: Context) -> None:
    """Close the keyboard, saying where to see and change what was chosen."""
    query, _ = pressed(update, SubsDone)
    await query.answer()
    await edit_or_send(message_of(query), DONE)


async def name_given(update: Update, context: Context) -> None:
    """The resident answered the name prompt: offer the organizations it may mean."""
    message, chat = update.effective_message, chat_of(update)
    if message is None or chat is None:
        return
    svc = await services(context)
    found = following.organizations_named(svc.answerer, message.text or "")
    if not found:
        await reply_with(message, NOT_FOUND)
        return
    rows = [[b] for b in _org_buttons(found, state_of(svc, chat))]
    rows.append(_back(SubsView.MAIN, "« 订阅设置"))
    await reply_with(message, FOUND, InlineKeyboardMarkup(rows))


class _AnswersNamePrompt(filters.MessageFilter):
    """A text replying to this bot's name prompt (works in groups too, where the bot sees
    replies to its own messages)."""

    def filter(self, message: Message) -> bool:
        replied = message.reply_to_message
        bot = message.get_bot()
        return bool(
            replied
            and replied.from_user
            and replied.from_user.id == bot.id
            and replied.text == NAME_PROMPT
        )


HANDLERS: list[BaseHandler] = [
    CommandHandler("subscribe", subscribe_command),
    CallbackQueryHandler(screen_pressed, pattern=pattern(SubsScreen)),
    CallbackQueryHandler(by_name_pressed, pattern=pattern(SubsByName)),
    CallbackQueryHandler(done_pressed, pattern=pattern(SubsDone)),
    CallbackQueryHandler(toggle_pressed, pattern=pattern(SubsToggle, SubsOrg, SubsDigest)),
    MessageHandler(filters.TEXT & ~filters.COMMAND & _AnswersNamePrompt(), name_given),
]
