"""/reload and /stats for staff, in a private chat with the bot or in the staff chat."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.services import Context, Services
from handlers.common import services
from handlers.staff_access import staff_only
from knowledge.curation.desk_stats import desk_stats
from knowledge.curation.reload import describe_reload, reload_files

RELOADING = "正在重新导入知识库文件……"


def staff_chats(svc: Services) -> filters.BaseFilter:
    """Where staff commands are taken: a private chat, or the staff chat. Elsewhere (another
    group) they go unanswered, as an unknown command does there."""
    where: filters.BaseFilter = filters.ChatType.PRIVATE
    if svc.settings.staff_chat_id is not None:
        where = where | filters.Chat(svc.settings.staff_chat_id)
    return where


@staff_only
async def reload(update: Update, context: Context) -> None:
    """/reload: import ORGBOT_KB_DIR again (off the event loop); nothing changes on a problem."""
    message = update.effective_message
    if message is None:
        return
    svc = await services(context)
    await message.reply_text(RELOADING, do_quote=False)
    report = await asyncio.to_thread(
        reload_files,
        svc.knowledge,
        svc.settings.kb_dir,
        svc.settings.tz_name,
        svc.settings.import_limits,
    )
    if report.ok:
        await svc.reload()
    await message.reply_text(describe_reload(report)[:4000], parse_mode=None, do_quote=False)


@staff_only
async def stats(update: Update, context: Context) -> None:
    """/stats: questions, answers, 👎, hand-offs, topics and districts, subscribers, notices."""
    message = update.effective_message
    if message is None:
        return
    svc = await services(context)
    await svc.questions_written()
    found = desk_stats(svc.knowledge, svc.residents, datetime.now(UTC), svc.settings.tz)
    await message.reply_text(found.text(), parse_mode=None, do_quote=False)


def handlers(svc: Services) -> list[BaseHandler]:
    where = staff_chats(svc)
    return [CommandHandler("reload", reload, where), CommandHandler("stats", stats, where)]
