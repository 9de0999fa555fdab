"""The bot's HTTP client (aiohttp): replies arrive whole, failures are python-telegram-bot's."""

from __future__ import annotations

import socket
import time
from collections.abc import AsyncIterator

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import NetworkError, TimedOut
from telegram.ext import ExtBot

from bot.app import _api_urls
from bot.request import AiohttpRequest
from jobs.sender import never_sent
from tests.support.fake_bot_api import FakeBotAPI

USER = 6301


async def started(bot: ExtBot) -> ExtBot:
    await bot.request.initialize()  # without getMe: the servers below cannot answer it
    return bot


def bot_at(base_url: str, token: str = "123:abc", **timeouts: float) -> ExtBot:
    base, files = _api_urls(base_url)
    return ExtBot(token, base_url=base, base_file_url=files, request=AiohttpRequest(**timeouts))


@pytest.fixture
async def bot(fake_api: FakeBotAPI) -> AsyncIterator[ExtBot]:
    bot = bot_at(fake_api.base_url, fake_api.token)
    async with bot:
        yield bot


async def test_a_reply_arrives_with_its_text_and_buttons(fake_api: FakeBotAPI, bot: ExtBot) -> None:
    fake_api.push_message(USER, "你好")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("👍", callback_data="r:u:abc")]])
    sent = await bot.send_message(
        USER, "<b>明明心理</b> 电话：无", parse_mode="HTML", reply_markup=keyboard
    )
    [reply] = fake_api.sent(USER)
    assert reply["plain"] == "明明心理 电话：无"
    assert reply["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "r:u:abc"
    assert sent.message_id == reply["message_id"]


async def test_a_refused_connection_is_a_network_error_that_never_left() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    bot = await started(bot_at(f"http://127.0.0.1:{port}/bot"))
    try:
        with pytest.raises(NetworkError) as caught:
            await bot.send_message(USER, "你好")
    finally:
        await bot.request.shutdown()
    assert not isinstance(caught.value, TimedOut)
    assert never_sent(caught.value)  # the notice sender may send it again


@pytest.mark.timed
async def test_a_server_that_never_answers_times_out_and_may_have_acted() -> None:
    with socket.socket() as server:  # accepts the connection, reads nothing, answers nothing
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        bot = await started(bot_at(f"http://127.0.0.1:{port}/bot", read_timeout=0.5))
        began = time.monotonic()
        try:
            with pytest.raises(TimedOut) as caught:
                await bot.send_message(USER, "你好")
        finally:
            await bot.request.shutdown()
    assert time.monotonic() - began < 5
    assert not never_sent(caught.value)  # it may have reached Telegram: not sent twice


async def test_a_request_after_shutdown_is_refused_naming_why(fake_api: FakeBotAPI) -> None:
    bot = await started(bot_at(fake_api.base_url, fake_api.token))
    await bot.request.shutdown()
    with pytest.raises(NetworkError, match="AiohttpRequest is not initialized"):
        await bot.send_message(USER, "你好")


async def test_half_an_emoji_in_a_reply_goes_out_as_a_question_mark(
    fake_api: FakeBotAPI, bot: ExtBot
) -> None:
    fake_api.push_message(USER, "你好")
    await bot.send_message(USER, "您问的是「智塔\ud83d」吗")
    [reply] = fake_api.sent(USER)
    assert reply["plain"] == "您问的是「智塔?」吗"
