"""Replies stay within Telegram's rules whatever the knowledge base holds."""

from __future__ import annotations

import logging

from telegram import Message

from bot.logs import RedactingFormatter
from handlers.common import html_chunks, send_html, units
from knowledge.answering.compose import Reply


def test_emoji_heavy_replies_are_split_by_telegram_units() -> None:
    chunks = html_chunks(Reply("标题", ["😀" * 3000, "正文" * 10]))
    assert len(chunks) >= 2
    assert all(units(chunk.replace("<b>", "").replace("</b>", "")) <= 4096 for chunk in chunks)


def test_html_is_escaped_in_every_chunk() -> None:
    [chunk] = html_chunks(Reply("<b>A&B</b>", ["<script>x</script>"]))
    assert chunk == "<b>&lt;b&gt;A&amp;B&lt;/b&gt;</b>\n&lt;script&gt;x&lt;/script&gt;"


def test_the_token_is_redacted_from_tracebacks_too() -> None:
    token = "123456789:AAHfakeTokenForEndToEndTests-012345"
    try:
        raise RuntimeError(f"request to /bot{token}/getMe failed")
    except RuntimeError:
        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "failed %s", (token,), None)
        import sys

        record.exc_info = sys.exc_info()
    text = RedactingFormatter(token).format(record)
    assert token not in text
    assert text.count("<TELEGRAM_BOT_TOKEN>") >= 2


class _RecordingBot:
    """Only what send_html asks of a bot: the Bot API call it makes."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []

    async def do_api_request(self, endpoint: str, api_kwargs: dict) -> dict:
        self.calls.append((endpoint, api_kwargs))
        return {}


async def test_a_reply_goes_where_the_question_came_from() -> None:
    """A forum topic, a channel's direct-messages topic, a business chat: as reply_html would."""
    message = Message.de_json(
        {
            "message_id": 5,
            "date": 0,
            "chat": {"id": -100123, "type": "supergroup", "is_forum": True},
            "message_thread_id": 77,
            "is_topic_message": True,
            "direct_messages_topic": {"topic_id": 9},
            "business_connection_id": "bc1",
            "text": "智塔在哪",
        },
        None,
    )
    bot = _RecordingBot()
    message.set_bot(bot)  # type: ignore[arg-type]
    await send_html(message, "<b>智塔</b>", None)
    [(endpoint, params)] = bot.calls
    assert endpoint == "sendMessage"
    assert params["chat_id"] == -100123
    assert params["message_thread_id"] == 77
    assert params["direct_messages_topic_id"] == 9
    assert params["business_connection_id"] == "bc1"
