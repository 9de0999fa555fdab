"""Staff conversations take one person's updates in turn (handlers/serial.py): a message sent
right behind a step's reply is the conversation's, and one behind its end is not."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.services import Services
from handlers.staff_activity_steps import CANCELLED, USE_BUTTONS
from tests.handlers.test_conversation import buttons
from tests.handlers.test_staff_activities import (
    STAFF,
    scheduled,
    send,
    soon,
    texts,
)
from tests.handlers.test_staff_activities import bot as staff_bot  # noqa: F401 (a fixture)
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.waiting import until


@pytest.mark.usefixtures("staff_bot")  # the bot with staff, running
async def test_a_message_right_behind_the_command_is_the_conversations_not_a_question(
    fake_api: FakeBotAPI, bot_services: Services
) -> None:
    """Both arrive in one getUpdates: the second is checked while the first is answered."""
    scheduled(bot_services, "talk-1", soon() + timedelta(days=1), title="讲座1")
    before = len(fake_api.sent(STAFF))
    fake_api.push_message(STAFF, "/cancelactivity")
    fake_api.push_message(STAFF, "讲座1")
    await until(lambda: len(fake_api.sent(STAFF)) >= before + 2, what="two replies")
    await asyncio.sleep(0.3)  # a third reply (the question answered too) would come now
    listing, second = fake_api.sent(STAFF)[before:]
    assert any("讲座1" in label for label, _ in buttons(listing))
    assert second["plain"] == USE_BUTTONS


@pytest.mark.usefixtures("staff_bot")  # the bot with staff, running
async def test_a_question_right_behind_cancel_is_answered_as_a_question(
    fake_api: FakeBotAPI, bot_services: Services
) -> None:
    """Checked while the conversation was on, it comes to its turn after the conversation ended."""
    await send(fake_api, STAFF, "/addactivity")
    before = len(fake_api.sent(STAFF))
    fake_api.push_message(STAFF, "/cancel")
    fake_api.push_message(STAFF, "宝鸡哪里有心理咨询")
    await until(lambda: len(fake_api.sent(STAFF)) >= before + 2, what="two replies")
    cancelled, answered = texts(fake_api, STAFF)[before:]
    assert cancelled == CANCELLED
    assert "明明心理" in answered
