"""Replies go through a Telegram outage: retried with backoff, dropped with a line at last."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest
from telegram.ext import Application, ExtBot

from bot.throttle import ChatRateLimiter
from handlers.errors import APOLOGY
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.waiting import until

USER = 6201


@pytest.mark.parametrize("status", [502, 500, None], ids=["502", "500", "connection-closed"])
async def test_a_reply_is_retried_through_an_outage_and_delivered(
    fake_api: FakeBotAPI, polling_bot: Application, status: int | None
) -> None:
    fake_api.start_outage(status, methods=("sendMessage",))
    fake_api.push_message(USER, "哪里有心理咨询")
    await until(lambda: len(fake_api.calls("sendMessage")) >= 3, timeout=10, what="three tries")
    assert fake_api.sent(USER) == []
    fake_api.end_outage()
    await until(lambda: fake_api.sent(USER), timeout=20, what="the answer after the outage")
    [answer] = fake_api.sent(USER)
    assert "明明心理" in answer["plain"]


async def test_a_reply_failing_longer_than_the_retry_time_is_dropped_with_one_line(
    fake_api: FakeBotAPI, short_retry_bot: Application, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    fake_api.start_outage(502, methods=("sendMessage",))
    fake_api.push_message(USER, "哪里有心理咨询")
    await until(
        lambda: any("dropped" in r.getMessage() for r in caplog.records),
        timeout=10,
        what="the reply to be dropped",
    )
    fake_api.end_outage()
    fake_api.push_message(USER, "智塔是做什么的")
    await until(lambda: fake_api.sent(USER), timeout=10, what="the next answer")
    assert [m["plain"] for m in fake_api.sent(USER)] != [APOLOGY]
    assert all(APOLOGY not in m["plain"] for m in fake_api.sent(USER))
    dropped = [r for r in caplog.records if "dropped" in r.getMessage()]
    assert len(dropped) == 1 and dropped[0].exc_info is None
    assert f"chat {USER}" in dropped[0].getMessage()
    assert not [r for r in caplog.records if r.exc_info]  # no traceback anywhere


async def test_a_refused_request_is_not_retried(
    fake_api: FakeBotAPI, polling_bot: Application
) -> None:
    """A 400 would be refused again: one try, then the apology path as before."""
    fake_api.fail_with("sendMessage", 400)
    fake_api.push_message(USER, "哪里有心理咨询")
    await until(lambda: fake_api.sent(USER), timeout=10, what="the apology")
    assert fake_api.sent(USER)[-1]["plain"] == APOLOGY
    assert len(fake_api.calls("sendMessage")) == 2  # the failed answer, then the apology


async def _seconds_to_send(fake_api: FakeBotAPI, limiter: ChatRateLimiter, count: int) -> float:
    """How long `count` replies to as many residents take through this limiter."""
    for chat in range(count):
        fake_api.push_message(7000 + chat, "你好")  # so that the strict fake knows the chat
    async with ExtBot(fake_api.token, base_url=fake_api.base_url, rate_limiter=limiter) as bot:
        started = time.monotonic()
        await asyncio.gather(*(bot.send_message(7000 + n, "您好") for n in range(count)))
        return time.monotonic() - started


@pytest.mark.timed
async def test_replies_keep_to_30_a_second_overall_unless_send_rate_is_off(
    fake_api: FakeBotAPI,
) -> None:
    limited = await _seconds_to_send(fake_api, ChatRateLimiter(5), 75)
    assert limited >= 1.4  # 30 at once, then 30 a second
    unlimited = await _seconds_to_send(fake_api, ChatRateLimiter(5, None), 75)
    assert unlimited < limited
    assert len(fake_api.sent()) == 150
