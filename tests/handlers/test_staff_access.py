"""A command the bot does not know gets one polite reply (the same a non-staff user gets for
a staff command, so that reply reveals nothing)."""

from __future__ import annotations

from telegram.ext import Application

from handlers.staff_access import UNKNOWN_COMMAND
from tests.support.fake_bot_api import DEFAULT_GROUP_ID, FakeBotAPI
from tests.support.waiting import until

USER = 6501


async def test_an_unknown_command_gets_the_polite_reply(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    fake_api.push_message(USER, "/nosuchcommand")
    await until(lambda: fake_api.sent(USER), what="the reply")
    assert [m["plain"] for m in fake_api.sent(USER)] == [UNKNOWN_COMMAND]


async def test_a_known_command_is_not_refused(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    fake_api.push_message(USER, "/help")
    await until(lambda: fake_api.sent(USER), what="the help")
    assert UNKNOWN_COMMAND not in [m["plain"] for m in fake_api.sent(USER)]


async def test_an_unknown_command_in_a_group_gets_no_reply(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    fake_api.push_message(USER, "/nosuchcommand", chat_id=DEFAULT_GROUP_ID, chat_type="group")
    fake_api.push_message(USER, "/help")  # handled after the group's: the bot is not stuck
    await until(lambda: fake_api.sent(USER), what="the help")
    assert fake_api.sent(DEFAULT_GROUP_ID) == []
