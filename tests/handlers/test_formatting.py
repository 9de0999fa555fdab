"""Replies stay within Telegram's rules whatever the knowledge base holds."""

from __future__ import annotations

import logging

from bot.logs import RedactingFormatter
from handlers.common import html_chunks, units
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
