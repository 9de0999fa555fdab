"""A report of wrongdoing and a danger now, through the real Application: the resident sees
the reply meant for them, and a person to take a report up."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import pytest
from telegram.ext import Application

from bot.services import Services
from tests.handlers.test_desk import (
    ALICE,
    HAND_OFF,
    STAFF_A,
    STAFF_CHAT,
    buttons,
    press,
    say,
    sent_after,
    start,
)
from tests.support.fake_bot_api import FakeBotAPI


@pytest.fixture
async def desk_bot(bot_services: Services) -> AsyncIterator[Application]:
    """The bot with a staff desk, so that 转人工 opens a ticket."""
    bot_services.settings = dataclasses.replace(
        bot_services.settings, staff_ids=frozenset({STAFF_A}), staff_chat_id=STAFF_CHAT
    )
    async for application in start(bot_services):
        yield application


async def test_a_report_is_not_verified_and_a_person_can_take_it_up(
    fake_api: FakeBotAPI, desk_bot: Application, bot_services: Services
) -> None:
    [reply] = await say(fake_api, ALICE, "听说智塔的老师虐待孩子", first_name="爱丽丝")
    assert reply["plain"].startswith("这类情况我无法核实。")
    assert "110" in reply["plain"]  # a child hurt now: the police
    assert "民政局的社会组织管理部门" in reply["plain"]
    assert "常青藤" not in reply["plain"] and "智塔儿童启能" not in reply["plain"]
    assert list(buttons(reply)) == [HAND_OFF]

    staff_before = len(fake_api.sent(STAFF_CHAT))
    await press(fake_api, ALICE, reply, HAND_OFF, first_name="爱丽丝")
    [told] = await sent_after(fake_api, ALICE, 1)
    assert "已为您转人工" in told["plain"]
    [post] = await sent_after(fake_api, STAFF_CHAT, staff_before)
    assert "听说智塔的老师虐待孩子" in post["plain"]  # staff see what was reported


async def test_a_danger_now_gets_the_emergency_number_first_and_nothing_else(
    fake_api: FakeBotAPI, desk_bot: Application
) -> None:
    [reply] = await say(fake_api, ALICE, "我爸晕倒了怎么办")
    assert reply["plain"].startswith("请马上拨打 120")
    assert buttons(reply) == {}
    [reply] = await say(fake_api, ALICE, "我不想活了")
    assert reply["plain"].splitlines()[0].endswith("请马上拨打 120 或 110。")
    assert "身边信任的人" in reply["plain"]
    assert buttons(reply) == {}
