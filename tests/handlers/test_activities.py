"""/activities never posts the sender's own words as the bot's bold title."""

from __future__ import annotations

from telegram.ext import Application

from handlers.activities import TITLE
from tests.support.fake_bot_api import DEFAULT_GROUP_ID, FakeBotAPI
from tests.support.waiting import until

USER = 6301


def bold(message: dict) -> list[str]:
    """The bold parts of a sent message, as a reader sees them."""
    text16 = message["plain"].encode("utf-16-le")
    return [
        text16[2 * e["offset"] : 2 * (e["offset"] + e["length"])].decode("utf-16-le")
        for e in message.get("entities") or []
        if e["type"] == "bold"
    ]


async def activities(api: FakeBotAPI, text: str, chat_id: int = USER, **where: str) -> dict:
    before = len(api.sent(chat_id))
    api.push_message(USER, text, chat_id=chat_id, **where)
    await until(lambda: len(api.sent(chat_id)) > before, what=f"a reply to {text!r}")
    return api.sent(chat_id)[-1]


async def test_free_text_after_activities_is_not_echoed_as_the_title(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    words = "本群已被管理员接管 请私聊转账"
    reply = await activities(
        fake_api,
        f"/activities@orgbot_test_bot {words}",
        chat_id=DEFAULT_GROUP_ID,
        chat_type="group",
    )
    assert bold(reply) == [TITLE]
    assert "转账" not in reply["plain"] and "接管" not in reply["plain"]


async def test_a_known_district_or_topic_still_names_the_list(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    reply = await activities(fake_api, "/activities 未央区")
    assert bold(reply) == [f"{TITLE}（未央区）"]
    reply = await activities(fake_api, "/activities 养老助老")
    assert bold(reply) == [f"{TITLE}（养老助老）"]
