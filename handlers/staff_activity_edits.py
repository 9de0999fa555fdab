"""/editactivity and /cancelactivity: staff pick an upcoming activity from a list (paged), then
move it (time or place) or cancel it. Subscribers already reminded are told by the planner
(活动时间有变 / 活动已取消)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.services import Context
from handlers.buttons import (
    ActivityField,
    ActivityFieldCode,
    ActivityPage,
    ActivityPick,
    ActivityStep,
    Step,
    pressed,
)
from handlers.common import message_of, services
from handlers.staff_activity_steps import (
    ASK_WHEN,
    BUTTON_GONE,
    END,
    State,
    confirm_keyboard,
    done_pressing,
    forget,
    now,
    origin,
    pending_of,
    read_time,
    report_failure,
    say,
    start_pending,
    typed,
)
from knowledge.curation.staff_activities import (
    Upcoming,
    cancel_activity,
    change_activity,
    find_upcoming,
    upcoming,
)

PAGE_SIZE = 8
NONE_UPCOMING = "目前没有即将开始的活动。"
GONE = "这个活动已经开始、已取消或已删除，请重新选择。"


async def edit_start(update: Update, context: Context) -> State | int:
    """/editactivity: pick the activity to change."""
    start_pending(context, cancelling=False)
    return await _first_page(update, context, "请选择要修改的活动：")


async def cancel_start(update: Update, context: Context) -> State | int:
    """/cancelactivity: pick the activity to cancel."""
    start_pending(context, cancelling=True)
    return await _first_page(update, context, "请选择要取消的活动：")


async def _first_page(update: Update, context: Context, title: str) -> State | int:
    svc = await services(context)
    found = upcoming(svc.knowledge, now(svc))
    if not found:
        forget(context)
        await say(update, NONE_UPCOMING)
        return END
    await say(update, title, _page_keyboard(found, 0))
    return State.PICK


async def show_page(update: Update, context: Context) -> State:
    """上一页 / 下一页 of the list."""
    query, button = pressed(update, ActivityPage)
    svc = await services(context)
    found = upcoming(svc.knowledge, now(svc))
    await query.answer()
    message = message_of(query)
    if message is not None and found:
        await message.edit_reply_markup(_page_keyboard(found, button.page))
    return State.PICK


async def picked(update: Update, context: Context) -> State:
    """An activity pressed (trusted once found upcoming): cancel it, or choose what to change."""
    query, button = pressed(update, ActivityPick)
    svc = await services(context)
    activity = find_upcoming(svc.knowledge, button.activity, now(svc))
    if activity is None:
        await query.answer(BUTTON_GONE)
        await say(update, GONE)
        return State.PICK
    await query.answer()
    await done_pressing(message_of(query))
    pending = pending_of(context)
    pending.activity, pending.title, pending.when = activity.id, activity.title, activity.when
    pending.place = activity.place
    if pending.cancelling:
        text = f"要取消这个活动吗？\n{_described(activity)}\n已收到提醒的居民会收到「活动已取消」的通知。"
        await say(update, text, confirm_keyboard("确认取消", "不取消"))
        return State.CONFIRM_CHANGE
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    "时间", callback_data=ActivityField(ActivityFieldCode.TIME).data
                ),
                InlineKeyboardButton(
                    "地点", callback_data=ActivityField(ActivityFieldCode.PLACE).data
                ),
            ],
            [InlineKeyboardButton("取消", callback_data=ActivityStep(Step.ABORT).data)],
        ]
    )
    await say(update, f"{_described(activity)}\n要修改什么？", keyboard)
    return State.FIELD


async def chose_field(update: Update, context: Context) -> State:
    """时间 or 地点: ask for the new one."""
    query, button = pressed(update, ActivityField)
    await query.answer()
    await done_pressing(message_of(query))
    if button.field is ActivityFieldCode.TIME:
        await say(update, f"新的时间：{ASK_WHEN}")
        return State.NEW_WHEN
    await say(update, "新的活动地点在哪里？")
    return State.NEW_PLACE


async def got_new_when(update: Update, context: Context) -> State:
    """The new time, read back beside the old one, to confirm."""
    pending = pending_of(context)
    old = pending.when
    when = await read_time(update, await services(context))
    if when is None:
        return State.NEW_WHEN
    pending.when, pending.new_place = when, None
    before = f"（原来：{old.describe()}）" if old else ""
    await say(
        update,
        f"把「{pending.title}」改到 {when.describe()}？{before}\n已收到提醒的居民会收到「活动时间有变」的通知。",
        confirm_keyboard(),
    )
    return State.CONFIRM_CHANGE


async def got_new_place(update: Update, context: Context) -> State:
    """The new place, beside the old one, to confirm."""
    place = typed(update)
    if not place:
        await say(update, "新的活动地点在哪里？")
        return State.NEW_PLACE
    pending = pending_of(context)
    pending.new_place = place
    before = f"（原来：{pending.place}）" if pending.place else ""
    await say(
        update,
        f"把「{pending.title}」的地点改为：{place}？{before}\n已收到提醒的居民会收到通知。",
        confirm_keyboard(),
    )
    return State.CONFIRM_CHANGE


async def change_confirmed(update: Update, context: Context) -> State | int:
    """确认: cancel or change the activity (validated and audited), or show the problems."""
    query = update.callback_query
    if query is not None:
        await query.answer()
    pending = pending_of(context)
    if query is None or not pending.activity:
        return END
    svc = await services(context)
    who, today, tz = origin(update), now(svc).date(), svc.settings.tz_name
    if pending.cancelling:
        saved = cancel_activity(
            svc.knowledge, pending.activity, origin=who, today=today, default_tz=tz
        )
        done = f"已取消活动「{pending.title}」。"
    elif pending.new_place is not None:
        saved = change_activity(
            svc.knowledge,
            pending.activity,
            place=pending.new_place,
            origin=who,
            today=today,
            default_tz=tz,
        )
        done = f"已把「{pending.title}」的地点改为：{pending.new_place}。"
    else:
        saved = change_activity(
            svc.knowledge,
            pending.activity,
            when=pending.when,
            origin=who,
            today=today,
            default_tz=tz,
        )
        done = f"已把「{pending.title}」改到 {pending.when.describe() if pending.when else ''}。"
    if not saved.ok:
        await report_failure(update, saved)
        return State.CONFIRM_CHANGE
    await done_pressing(message_of(query))
    forget(context)
    await svc.refresh()
    await say(update, done)
    return END


def _described(activity: Upcoming) -> str:
    lines = [activity.title, f"时间：{activity.when.describe()}"]
    if activity.place:
        lines.append(f"地点：{activity.place}")
    return "\n".join(lines)


def _page_keyboard(found: list[Upcoming], page: int) -> InlineKeyboardMarkup:
    pages = max(1, -(-len(found) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = found[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    rows = [
        [
            InlineKeyboardButton(
                f"{a.start:%m-%d %H:%M} {a.title}"[:60], callback_data=ActivityPick(a.id).data
            )
        ]
        for a in shown
    ]
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton("上一页", callback_data=ActivityPage(page - 1).data))
    if page < pages - 1:
        nav.append(InlineKeyboardButton("下一页", callback_data=ActivityPage(page + 1).data))
    if nav:
        rows.append(nav)
    rows.append([InlineKeyboardButton("取消", callback_data=ActivityStep(Step.ABORT).data)])
    return InlineKeyboardMarkup(rows)
