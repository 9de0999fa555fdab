"""Helpers shared by the handler families: services and Telegram-safe sending."""

from __future__ import annotations

import html
import warnings

from telegram import CallbackQuery, InlineKeyboardMarkup, Message
from telegram.constants import MessageLimit, ParseMode
from telegram.error import BadRequest
from telegram.warnings import PTBUserWarning

from bot.services import Context, Services
from knowledge.answering.compose import Reply

# Telegram counts the 4096 characters after HTML is parsed: measure the plain text.
TEXT_LIMIT = MessageLimit.MAX_TEXT_LENGTH
# send_html calls sendMessage through do_api_request on purpose (see there); PTB warns that
# Bot.send_message exists.
warnings.filterwarnings("ignore", message=r"Please use 'Bot\.sendMessage'", category=PTBUserWarning)


async def services(context: Context) -> Services:
    """The shared services, over the knowledge as staff last imported it (a cheap check)."""
    svc = context.bot_data.services
    await svc.refresh()
    return svc


def units(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji counts two)."""
    return len(text.encode("utf-16-le")) // 2


def html_chunks(reply: Reply, limit: int = TEXT_LIMIT) -> list[str]:
    """The reply as HTML messages of at most `limit` units of text, split between lines."""
    pieces: list[tuple[str, str]] = []  # (plain, html)
    step = (limit - 1) // 2  # code points per piece of an over-long line, even if all emoji
    if reply.title:
        title = reply.title[:step]
        pieces.append((title, f"<b>{html.escape(title, quote=False)}</b>"))
    for line in reply.lines:
        parts = (
            [line]
            if units(line) < limit
            else [line[i : i + step] for i in range(0, len(line), step)]
        )
        pieces.extend((part, html.escape(part, quote=False)) for part in parts if part)
    chunks: list[str] = []
    plain_len, current = 0, []
    for plain, marked in pieces:
        if current and plain_len + 1 + units(plain) > limit:
            chunks.append("\n".join(current))
            plain_len, current = 0, []
        plain_len += units(plain) + (1 if current else 0)
        current.append(marked)
    if current:
        chunks.append("\n".join(current))
    return chunks or ["…"]


async def reply_with(
    message: Message, reply: Reply, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    """Send a reply in as many messages as it needs; buttons go under the last one."""
    chunks = html_chunks(reply)
    for i, chunk in enumerate(chunks):
        markup = keyboard if i == len(chunks) - 1 else None
        await send_html(message, chunk, markup)


async def send_html(message: Message, text: str, keyboard: InlineKeyboardMarkup | None) -> None:
    """Send HTML into the message's chat (its forum topic, if any), as reply_html(do_quote=False)
    would, but without parsing Telegram's copy of the sent message into a Message: nobody
    reads it, and that was a tenth of the bot's CPU per question (benchmarks/bench_load.py).
    do_api_request goes through the same rate limiter and raises the same errors."""
    await message.get_bot().do_api_request(
        "sendMessage",
        {
            "chat_id": message.chat_id,
            "message_thread_id": message.message_thread_id if message.is_topic_message else None,
            "text": text,
            "parse_mode": ParseMode.HTML,
            "reply_markup": keyboard,
            "business_connection_id": message.business_connection_id,
            "direct_messages_topic_id": (
                message.direct_messages_topic.topic_id if message.direct_messages_topic else None
            ),
        },
    )


def message_of(query: CallbackQuery) -> Message | None:
    """The message a pressed button is under, unless it is deleted or too old to reach."""
    return query.message if isinstance(query.message, Message) else None


async def edit_or_send(
    message: Message | None, reply: Reply, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    """Replace a browsing message in place; a command's first page is sent fresh."""
    if message is None:
        return
    chunk = html_chunks(reply)[0]
    if not (message.from_user and message.from_user.is_bot):
        await message.reply_html(chunk, reply_markup=keyboard, do_quote=False)
        return
    try:
        await message.edit_text(chunk, parse_mode=ParseMode.HTML, reply_markup=keyboard)
    except BadRequest as exc:
        if "not modified" not in str(exc):  # pressing the same page twice is fine
            raise
