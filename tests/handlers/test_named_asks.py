"""A named organization asked what no record holds, in the real Application: the honest
reply, the hand-off button, and the organization kept for the resident's follow-up."""

from __future__ import annotations

from telegram.ext import Application

from handlers.ask import HAND_OFF_LABEL
from tests.handlers.test_conversation import ask, buttons
from tests.support.fake_bot_api import FakeBotAPI

RESIDENT = 6201


async def test_what_no_record_holds_is_said_so_and_the_organization_followed_up(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [reply] = await ask(fake_api, "金台区武术协会的教练会不会轻功", RESIDENT)
    assert reply["plain"].startswith("资料中没有金台区武术协会这方面的信息")
    assert "八法五步" not in reply["plain"]  # not the organization's introduction
    labels = [label for label, _ in buttons(reply)]
    assert HAND_OFF_LABEL in labels and "👍" not in labels
    [then] = await ask(fake_api, "它是做什么的", RESIDENT)
    assert then["plain"].startswith("金台区武术协会") and "武术" in then["plain"]


async def test_a_thing_no_record_holds_is_said_so_but_a_service_asked_is_answered(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [reply] = await ask(fake_api, "金台区武术协会有没有枪", RESIDENT)
    assert reply["plain"].startswith("资料中没有金台区武术协会这方面的信息")
    assert HAND_OFF_LABEL in [label for label, _ in buttons(reply)]
    [served] = await ask(fake_api, "智塔有没有校车接送", RESIDENT)
    assert served["plain"].startswith("宝鸡智塔儿童启能成长中心")
    assert not served["plain"].startswith("资料中没有")
