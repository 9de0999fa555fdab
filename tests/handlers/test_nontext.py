"""Stickers, photos, locations: a short hint in a private chat instead of silence."""

from __future__ import annotations

import time
from typing import Any

import pytest
from telegram.ext import Application

from handlers.nontext import HINT
from tests.support.fake_bot_api import DEFAULT_GROUP_ID, FakeBotAPI
from tests.support.waiting import until

USER = 6401
STICKER = {"file_id": "CAACAgIAAxk", "file_unique_id": "AgAD", "type": "regular",
           "width": 512, "height": 512, "is_animated": False, "is_video": False}  # fmt: skip
PHOTO = [{"file_id": "AgACAgIAAxk", "file_unique_id": "AQAD", "width": 90, "height": 90}]
LOCATION = {"latitude": 34.3416, "longitude": 108.9398}
VOICE = {"file_id": "AwACAgIAAxk", "file_unique_id": "AgADv", "duration": 3}


def media_message(chat: dict[str, Any], **content: Any) -> dict[str, Any]:
    return {
        "message": {
            "message_id": 500 + int(time.time() * 1000) % 100_000,
            "date": int(time.time()),
            "chat": chat,
            "from": {"id": USER, "is_bot": False, "first_name": "测试"},
            **content,
        }
    }


PRIVATE = {"id": USER, "type": "private", "first_name": "测试"}


@pytest.mark.parametrize(
    "content",
    [
        {"sticker": STICKER},
        {"photo": PHOTO, "caption": "这是什么"},
        {"location": LOCATION},
        {"voice": VOICE},
    ],
    ids=["sticker", "photo", "location", "voice"],
)
async def test_a_private_non_text_message_gets_a_short_hint(
    fake_api: FakeBotAPI, running_bot: Application, content: dict[str, Any]
) -> None:
    fake_api.push_update(media_message(PRIVATE, **content))
    await until(lambda: fake_api.sent(USER), what="the hint")
    assert [m["plain"] for m in fake_api.sent(USER)] == [HINT]


async def test_a_sticker_in_a_group_gets_no_reply(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    group = {"id": DEFAULT_GROUP_ID, "type": "group", "title": "测试群"}
    fake_api.push_update(media_message(group, sticker=STICKER))
    fake_api.push_message(USER, "/help")  # handled after the sticker: the bot is not stuck
    await until(lambda: fake_api.sent(USER), what="the help")
    assert fake_api.sent(DEFAULT_GROUP_ID) == []
