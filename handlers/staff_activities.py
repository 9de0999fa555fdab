"""/addactivity, /editactivity, /cancelactivity: staff add, move and cancel activities in a
private chat, step by step (one conversation per staff member; /cancel at any step).

Every change goes through `apply_records` (validated and audited as a file import); the
notices planner reads the activities every tick, so subscribers hear of it without a restart.
Anyone not staff gets the unknown-command reply."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.services import Context
from handlers import staff_activity_edits as edits
from handlers.buttons import (
    ActivityField,
    ActivityOrg,
    ActivityPage,
    ActivityPick,
    ActivityStep,
    ActivityTopic,
    Step,
    parse,
    pattern,
    pressed,
)
from handlers.common import message_of, services
from handlers.serial import SerialConversation
from handlers.staff_access import Callback, staff_only
from handlers.staff_activity_steps import (
    ASK_WHEN,
    BUTTON_GONE,
    END,
    TIMEOUT,
    State,
    cancel,
    confirm_keyboard,
    done_pressing,
    forget,
    now,
    origin,
    pending_of,
    read_time,
    report_failure,
    say,
    stale,
    start_pending,
    timed_out,
    typed,
    use_buttons,
)
from knowledge.curation.staff_activities import Draft, add_activity

MAX_TITLE = 100  # characters: a title, not a description
MAX_ORG_CHOICES = 6
ASK_TITLE = "添加活动（随时可发送 /cancel 取消）\n第1步：请发送活动名称。"
ASK_ORG = "第2步：是哪个组织的活动？请发送组织名称（简称也可以），我来查找。"
ASK_PLACE = "第4步：活动地点在哪里？"
ASK_TOPICS = "第5步：请选择活动主题（可多选），选好后点「完成」。"
ASK_REGISTRATION = "第6步：怎么报名？（例如：电话报名、现场报名）没有就点「跳过」。"
NO_ORG = "不属于某个组织"


async def add_start(update: Update, context: Context) -> State:
    """/addactivity: start a new activity."""
    start_pending(context)
    await say(update, ASK_TITLE)
    return State.TITLE


async def got_title(update: Update, context: Context) -> State:
    """The title; then the organization."""
    title = typed(update)
    if not title or len(title) > MAX_TITLE:
        await say(update, f"活动名称请写 1 到 {MAX_TITLE} 个字，请再发送一次。")
        return State.TITLE
    pending_of(context).title = title
    await say(update, ASK_ORG, _one_button(NO_ORG, Step.NO_ORG))
    return State.ORG


async def got_org_name(update: Update, context: Context) -> State:
    """A typed organization name: the organizations it finds, as buttons."""
    svc = await services(context)
    found = svc.answerer.search_organizations(typed(update), limit=MAX_ORG_CHOICES)
    orgs = [svc.catalog.organizations[k] for k in found if k in svc.catalog.organizations]
    if not orgs:
        await say(
            update, "没有找到这个组织，请换个说法再发送一次。", _one_button(NO_ORG, Step.NO_ORG)
        )
        return State.ORG
    rows = [[InlineKeyboardButton(o.name, callback_data=ActivityOrg(o.id).data)] for o in orgs]
    rows.append([InlineKeyboardButton(NO_ORG, callback_data=ActivityStep(Step.NO_ORG).data)])
    await say(update, "请选择组织（都不是的话，请换个说法再发送）：", InlineKeyboardMarkup(rows))
    return State.ORG


async def chose_org(update: Update, context: Context) -> State:
    """An organization pressed (its id trusted once found); then the time."""
    query, button = pressed(update, ActivityOrg)
    org = (await services(context)).catalog.organizations.get(button.org)
    if org is None:
        await query.answer(BUTTON_GONE)
        return State.ORG
    pending = pending_of(context)
    pending.org, pending.org_name = org.id, org.name
    return await _ask_when(update, org.name)


async def no_org(update: Update, context: Context) -> State:
    """不属于某个组织: none; then the time."""
    pending = pending_of(context)
    pending.org, pending.org_name = "", ""
    return await _ask_when(update, "无")


async def _ask_when(update: Update, org_name: str) -> State:
    if update.callback_query is not None:
        await update.callback_query.answer()
        await done_pressing(message_of(update.callback_query))
    await say(update, f"组织：{org_name}\n第3步：{ASK_WHEN}")
    return State.WHEN


async def got_when(update: Update, context: Context) -> State:
    """The time, read back in full; then the place."""
    when = await read_time(update, await services(context))
    if when is None:
        return State.WHEN
    pending_of(context).when = when
    await say(update, f"时间：{when.describe()}\n{ASK_PLACE}")
    return State.PLACE


async def got_place(update: Update, context: Context) -> State:
    """The place; then the topics."""
    place = typed(update)
    if not place:
        await say(update, ASK_PLACE)
        return State.PLACE
    pending_of(context).place = place
    svc = await services(context)
    await say(update, ASK_TOPICS, _topics_keyboard(list(svc.catalog.topics), []))
    return State.TOPICS


async def toggled_topic(update: Update, context: Context) -> State:
    """A topic pressed: on or off (✓), the buttons redrawn."""
    query, button = pressed(update, ActivityTopic)
    topics = list((await services(context)).catalog.topics)
    if not 0 <= button.number < len(topics):
        await query.answer(BUTTON_GONE)
        return State.TOPICS
    pending = pending_of(context)
    name = topics[button.number]
    chosen = set(pending.topics) ^ {name}
    pending.topics = [t for t in topics if t in chosen]
    await query.answer()
    message = message_of(query)
    if message is not None:
        await message.edit_reply_markup(_topics_keyboard(topics, pending.topics))
    return State.TOPICS


async def topics_done(update: Update, context: Context) -> State:
    """完成: the topics are chosen; then registration."""
    query = update.callback_query
    if query is not None:
        await query.answer()
        await done_pressing(message_of(query))
    topics = "、".join(pending_of(context).topics) or "无"
    await say(update, f"主题：{topics}\n{ASK_REGISTRATION}", _one_button("跳过", Step.SKIP))
    return State.REGISTRATION


async def got_registration(update: Update, context: Context) -> State:
    """How to sign up (typed, or 跳过); then the summary to confirm."""
    pending = pending_of(context)
    if update.callback_query is not None:
        await update.callback_query.answer()
        await done_pressing(message_of(update.callback_query))
        pending.registration = ""
    else:
        pending.registration = typed(update)
    await say(update, _summary(context), confirm_keyboard())
    return State.CONFIRM


async def confirmed(update: Update, context: Context) -> State | int:
    """确认: the activity is added (validated and audited), or the problems shown."""
    query = update.callback_query
    if query is not None:
        await query.answer()
    pending = pending_of(context)
    if query is None or pending.when is None or not pending.title:
        return END
    svc = await services(context)
    draft = Draft(
        pending.title,
        pending.when,
        pending.org,
        pending.place,
        tuple(pending.topics),
        pending.registration,
    )
    saved = add_activity(
        svc.knowledge,
        draft,
        origin=origin(update),
        today=now(svc).date(),
        default_tz=svc.settings.tz_name,
    )
    if not saved.ok:
        await report_failure(update, saved)
        return State.CONFIRM
    await done_pressing(message_of(query))
    forget(context)
    await svc.refresh()  # residents asking next see it
    await say(
        update, f"已添加活动「{draft.title}」（编号 {saved.id}）。订阅了的居民会按时收到提醒。"
    )
    return END


def _summary(context: Context) -> str:
    p = pending_of(context)
    lines = [
        "请核对活动信息：",
        f"名称：{p.title}",
        f"组织：{p.org_name or '无'}",
        f"时间：{p.when.describe() if p.when else ''}",
        f"地点：{p.place}",
        f"主题：{'、'.join(p.topics) or '无'}",
        f"报名：{p.registration or '未填写'}",
    ]
    return "\n".join(lines)


def _one_button(label: str, step: Step) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=ActivityStep(step).data)]]
    )


def _topics_keyboard(topics: list[str], chosen: list[str]) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(
            f"✓ {name}" if name in chosen else name, callback_data=ActivityTopic(n).data
        )
        for n, name in enumerate(topics)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([InlineKeyboardButton("完成", callback_data=ActivityStep(Step.DONE).data)])
    return InlineKeyboardMarkup(rows)


def _entry(callback: Callback) -> Callback:
    """Staff only; for anyone else the unknown-command reply, and no conversation (no timeout
    job either: it would message them later)."""
    guarded = staff_only(callback)

    async def entry(update: Update, context: Context) -> object:
        state = await guarded(update, context)
        return END if state is None else state

    entry.__doc__ = callback.__doc__
    return entry


_PRIVATE = filters.ChatType.PRIVATE
_TEXT = filters.TEXT & ~filters.COMMAND & _PRIVATE
_ANY_ACTIVITY_BUTTON = pattern(
    ActivityOrg, ActivityTopic, ActivityPick, ActivityPage, ActivityField, ActivityStep
)


def _text(callback: Callback) -> MessageHandler:
    return MessageHandler(_TEXT, callback)


def _press(callback: Callback, kind: type) -> CallbackQueryHandler:
    return CallbackQueryHandler(callback, pattern=pattern(kind))


def _on(step: Step, callback: Callback) -> CallbackQueryHandler:
    return CallbackQueryHandler(callback, pattern=lambda data: parse(data) == ActivityStep(step))


def handlers() -> list[BaseHandler]:
    """The conversation, new for each Application (it holds who is at which step); registered
    before the question answerer: while a conversation is on, its text is its own."""
    return [_conversation()]


def _conversation() -> SerialConversation:
    return SerialConversation(
        entry_points=[
            CommandHandler("addactivity", _entry(add_start), _PRIVATE),
            CommandHandler("editactivity", _entry(edits.edit_start), _PRIVATE),
            CommandHandler("cancelactivity", _entry(edits.cancel_start), _PRIVATE),
        ],
        states={
            State.TITLE: [_text(got_title)],
            State.ORG: [
                _text(got_org_name),
                _press(chose_org, ActivityOrg),
                _on(Step.NO_ORG, no_org),
            ],
            State.WHEN: [_text(got_when)],
            State.PLACE: [_text(got_place)],
            State.TOPICS: [_press(toggled_topic, ActivityTopic), _on(Step.DONE, topics_done)],
            State.REGISTRATION: [_text(got_registration), _on(Step.SKIP, got_registration)],
            State.CONFIRM: [_on(Step.CONFIRM, staff_only(confirmed)), _on(Step.ABORT, cancel)],
            State.PICK: [
                _press(edits.show_page, ActivityPage),
                _press(edits.picked, ActivityPick),
                _on(Step.ABORT, cancel),
            ],
            State.FIELD: [_press(edits.chose_field, ActivityField), _on(Step.ABORT, cancel)],
            State.NEW_WHEN: [_text(edits.got_new_when)],
            State.NEW_PLACE: [_text(edits.got_new_place)],
            State.CONFIRM_CHANGE: [
                _on(Step.CONFIRM, staff_only(edits.change_confirmed)),
                _on(Step.ABORT, cancel),
            ],
            ConversationHandler.TIMEOUT: [TypeHandler(Update, timed_out)],
        },
        fallbacks=[
            CommandHandler("cancel", cancel, _PRIVATE),
            MessageHandler(_TEXT, use_buttons),
            CallbackQueryHandler(use_buttons, pattern=_ANY_ACTIVITY_BUTTON),
        ],
        stale=stale,
        allow_reentry=True,  # /addactivity again starts afresh
        conversation_timeout=TIMEOUT,
        name="staff_activities",
    )
