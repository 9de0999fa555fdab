"""/unanswered: the staff's review in the chat, one message per group of similar questions,
with buttons that add the wording to a record (加为「X」的问法) or drop the group (忽略)."""

from __future__ import annotations

import html
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.services import Context, Services
from handlers.buttons import ReviewPress, pattern, pressed
from handlers.common import message_of, services
from handlers.staff import staff_chats
from handlers.staff_access import staff_only
from knowledge.curation.review import (
    ReviewError,
    ReviewGroup,
    add_wording,
    answered_names,
    ignore_group,
    review_groups,
)
from knowledge.records import Kind

DEFAULT_GROUPS = 10
MOST_GROUPS = 30
NOTHING = "没有待处理的问题。"
DEALT_WITH = "这一组已经处理过了"
LABEL_NAME = 16  # characters of a record's name on a button


def group_text(svc: Services, group: ReviewGroup) -> str:
    """A group as staff read it: the wording, how often and when, why, what the bot said."""
    last = datetime.fromisoformat(group.last_asked).astimezone(svc.settings.tz)
    reasons = "、".join(f"{reason} {n}" for reason, n in group.reasons.most_common())
    answered = "、".join(answered_names(svc.knowledge, group)) or "（没有回答）"
    lines = [
        f"<b>「{html.escape(group.wording, quote=False)}」</b>",
        f"{group.count} 次，最近 {last:%m-%d %H:%M}；{reasons}",
        f"机器人回答的是：{html.escape(answered, quote=False)}",
    ]
    others = [q for q in dict.fromkeys(group.questions) if q != group.wording][:3]
    if others:
        lines.append("类似问法：" + html.escape(" / ".join(others), quote=False))
    return "\n".join(lines)


def group_keyboard(svc: Services, group: ReviewGroup) -> InlineKeyboardMarkup:
    """The three nearest entries to add the wording to, then 忽略."""
    rows = [
        [
            InlineKeyboardButton(
                f"加为「{record.display_name[:LABEL_NAME]}」的问法",
                callback_data=ReviewPress(group.ref, Kind(record.KIND), record.id).data,
            )
        ]
        for record in svc.answerer.nearest(group.wording)
    ]
    rows.append([InlineKeyboardButton("忽略", callback_data=ReviewPress(group.ref).data)])
    return InlineKeyboardMarkup(rows)


@staff_only
async def unanswered(update: Update, context: Context) -> None:
    """/unanswered [N]: the N largest groups of questions the bot answered badly or not at all."""
    message = update.effective_message
    if message is None:
        return
    svc = await services(context)
    await svc.questions_written()
    limit = DEFAULT_GROUPS
    if context.args and context.args[0].isdigit():
        limit = max(1, min(int(context.args[0]), MOST_GROUPS))
    groups = [g for g in review_groups(svc.residents, limit=limit) if g.ref]
    if not groups:
        await message.reply_text(NOTHING, do_quote=False)
        return
    for group in groups:
        await message.reply_html(
            group_text(svc, group), reply_markup=group_keyboard(svc, group), do_quote=False
        )


@staff_only
async def review_pressed(update: Update, context: Context) -> None:
    """加为「X」的问法 / 忽略 under a group."""
    query, button = pressed(update, ReviewPress)
    svc = await services(context)
    message = message_of(query)
    if button.kind is None:
        group = ignore_group(svc.residents, button.ref)
        await query.answer("已忽略" if group else DEALT_WITH)
        if group and message:
            await message.edit_reply_markup(None)
        return
    try:
        _, name = add_wording(
            svc.knowledge,
            svc.residents,
            button.ref,
            button.kind,
            button.key,
            origin=f"telegram:{query.from_user.id}",
            default_tz=svc.settings.tz_name,
        )
    except ReviewError as exc:
        await query.answer(str(exc)[:200], show_alert=True)
        return
    await svc.reload()  # the next resident asking this way gets the answer at once
    await query.answer(f"已加为「{name}」的问法")
    if message:
        note = html.escape(f"✅ 已加为「{name}」的问法", quote=False)
        await message.edit_text(f"{message.text_html}\n{note}", reply_markup=None)


def handlers(svc: Services) -> list[BaseHandler]:
    return [
        CommandHandler("unanswered", unanswered, staff_chats(svc)),
        CallbackQueryHandler(review_pressed, pattern=pattern(ReviewPress)),
    ]
