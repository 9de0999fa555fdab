"""Forged, stale and repeated button presses (issue 11, item 9), through the real Application."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from telegram.ext import Application

from bot.app import build_application
from bot.services import Services
from bot.throttle import FloodGuard
from handlers.buttons import (
    Axis,
    BrowseList,
    BrowseMenu,
    BrowsePage,
    Button,
    Card,
    Choice,
    Confirm,
    Deny,
    Example,
    FollowUp,
    FollowUpTopic,
    Forget,
    ForgetStep,
    StopAll,
    StopNotice,
    StopOne,
    StopStep,
    SubsByName,
    Subscribe,
    SubsDigest,
    SubsDone,
    SubsOrg,
    SubsScreen,
    SubsToggle,
    SubsView,
    TurnOff,
    parse,
)
from jobs import messages
from knowledge.records import Kind
from knowledge.residents.outbox import NoticeKind
from knowledge.schema import MAX_ID_LENGTH
from tests.handlers.conftest import USER, press
from tests.handlers.test_conversation import ask, buttons
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.waiting import until

EXPIRED = "已过期，请重新提问"
ZHITA = "baoji-zhita-children"


@pytest.fixture
async def app(bot_services: Services) -> AsyncIterator[Application]:
    """The Application, handed one update at a time (no polling)."""
    application = build_application(bot_services.settings, bot_services)
    async with application:
        yield application


def apologies(api: FakeBotAPI) -> list[str]:
    return [m["plain"] for m in api.sent(USER) if "抱歉" in m["plain"]]


@pytest.mark.parametrize("data", ["", None], ids=["empty data", "no data"])
async def test_a_press_without_data_is_answered_and_reaches_no_handler(
    app: Application, fake_api: FakeBotAPI, data: str | None
) -> None:
    await press(app, fake_api, data)
    assert [a["text"] for a in fake_api.callback_answers] == [EXPIRED]
    assert not apologies(fake_api)  # no handler crashed on it
    assert [m["plain"] for m in fake_api.sent(USER)] == ["按钮测试"]


async def test_a_press_without_a_sender_is_answered_not_crashed_on(
    app: Application, fake_api: FakeBotAPI
) -> None:
    await press(app, fake_api, "q:0", sender=False)
    assert [a["text"] for a in fake_api.callback_answers] == [EXPIRED]
    assert not apologies(fake_api)


FORGED = [
    "x",
    "zz:1",
    "a:z:" + ZHITA,  # no such kind
    "a:o:",
    "a:o:" + ZHITA.upper(),
    "a:o:" + ZHITA + ":more",
    "b:x",
    "b:d:1",  # a page needs its number
    "b:m:0",
    "q:",
    "q:abc",
    "q:-1",
    "c:",
    "s:../../etc",
    "o:" + "a" * 41,  # longer than any id
    "e:智塔",
    " c:" + ZHITA,
    "c:" + ZHITA + "\n",
    "sb:",
    "sb:t:1",  # a toggle needs its name's tag
    "sb:t:1:XYZW",
    "sb:o:智塔",
    "sb:ot:1",
    "ss:",
    "ms:0",  # subscription ids start at 1
    "ms:-5",
    "ms:1" + "0" * 18,
    "un:abc",
    "un:",
    "fg:",
    "fg:yes",
]


async def test_every_forged_press_is_answered_once_with_expired(
    app: Application, fake_api: FakeBotAPI, bot_services: Services
) -> None:
    bot_services.flood = FloodGuard(per_minute=len(FORGED))  # more than a minute's share
    shown = await app.bot.send_message(USER, "按钮测试")
    for data in FORGED:
        await press(app, fake_api, data, under=shown)
    assert [a["text"] for a in fake_api.callback_answers] == [EXPIRED] * len(FORGED)
    assert [m["plain"] for m in fake_api.sent(USER)] == ["按钮测试"]


STALE = [  # well formed, but nothing in the knowledge base (any more)
    ("a:o:no-such-org", "这条信息已经更新或删除了"),
    ("a:v:no-such-activity", "这条信息已经更新或删除了"),
    ("c:no-such-org", "没有找到这个组织"),
    ("p:no-such-org", "没有找到这个组织"),
    ("e:no-such-org", "没有找到这个组织"),
    ("o:no-such-org", "没有找到这个编号的组织"),
]


async def test_a_stale_id_is_answered_and_explained(app: Application, fake_api: FakeBotAPI) -> None:
    shown = await app.bot.send_message(USER, "按钮测试")
    for data, explanation in STALE:
        await press(app, fake_api, data, under=shown)
        assert explanation in fake_api.sent(USER)[-1]["plain"], data
    assert len(fake_api.callback_answers) == len(STALE)
    for data in ("q:999999", "b:d:999:0"):  # an example or a district that is not there
        await press(app, fake_api, data, under=shown)
    assert len(fake_api.callback_answers) == len(STALE) + 2
    assert not apologies(fake_api)


async def test_subscribing_to_an_organization_not_in_the_knowledge_base_stores_nothing(
    app: Application, fake_api: FakeBotAPI, bot_services: Services
) -> None:
    shown = await app.bot.send_message(USER, "按钮测试")
    for forged in ("s:no-such-org", "s:a", "s:" + "x" * 40):
        await press(app, fake_api, forged, under=shown)
    assert [a["text"] for a in fake_api.callback_answers] == [EXPIRED] * 3
    assert bot_services.residents.db["subscriptions"].count == 0


async def test_a_chat_cannot_subscribe_without_limit(
    app: Application, fake_api: FakeBotAPI, bot_services: Services, monkeypatch
) -> None:
    monkeypatch.setattr("knowledge.residents.store.MAX_SUBSCRIPTIONS_PER_CHAT", 2, raising=False)
    shown = await app.bot.send_message(USER, "按钮测试")
    orgs = ["baoji-zhita-children", "baoji-mingming-psychology", "jintai-wushu"]
    for org in [*orgs, orgs[0]]:
        await press(app, fake_api, f"s:{org}", under=shown)
    answers = [a["text"] for a in fake_api.callback_answers]
    assert answers[:2] == ["已订阅该组织的活动提醒"] * 2
    assert "最多订阅" in answers[2]  # the third is refused, and the resident told why
    assert answers[3] == "您已经订阅过了"
    assert bot_services.residents.db["subscriptions"].count == 2


async def test_a_hundred_presses_of_an_example_button_do_not_queue_a_hundred_answers(
    fake_api: FakeBotAPI, running_bot: Application, bot_services: Services
) -> None:
    bot_services.flood = FloodGuard(per_minute=3)  # a short minute's share, to keep this quick
    [start] = await ask(fake_api, "/start", user=USER)
    example = buttons(start)[0][1]
    for _ in range(100):
        fake_api.push_callback(USER, start["message_id"], example)
    await until(lambda: len(fake_api.callback_answers) == 100, timeout=20, what="100 answers")
    await until(lambda: len(fake_api.sent(USER)) >= 4, timeout=10, what="3 example answers")
    await asyncio.sleep(2)  # the private chat's one message a second would have sent 2 more
    assert len(fake_api.sent(USER)) == 4  # the greeting and three answers
    slow_downs = [a for a in fake_api.callback_answers if a["text"] and "稍等" in a["text"]]
    assert len(slow_downs) == 1


async def test_inline_queries_share_the_flood_guard(
    fake_api: FakeBotAPI, running_bot: Application, bot_services: Services
) -> None:
    bot_services.flood = FloodGuard(per_minute=3)
    for _ in range(10):
        fake_api.push_inline_query(USER, "心理")
    await until(lambda: not fake_api.pending_updates, what="the queries to be fetched")
    await until(lambda: len(fake_api.inline_answers) >= 3, what="three inline answers")
    await asyncio.sleep(1)
    assert len(fake_api.inline_answers) == 3


LONGEST_ID = "x" * MAX_ID_LENGTH


@pytest.mark.parametrize(
    "button",
    [
        *(Choice(kind, LONGEST_ID) for kind in Kind),
        *(FollowUp(topic, LONGEST_ID) for topic in FollowUpTopic),
        Subscribe(LONGEST_ID),
        Card(LONGEST_ID),
        BrowseMenu(),
        *(BrowseList(axis) for axis in Axis),
        *(BrowsePage(axis, 999_999, 999_999) for axis in Axis),
        Example(3),
        *(
            SubsScreen(view, 999_999, 999_999 * (view == SubsView.ORGANIZATIONS))
            for view in SubsView
        ),
        *(SubsToggle(axis, 999_999, "beef") for axis in Axis),
        SubsOrg(LONGEST_ID),
        SubsDigest(),
        SubsByName(),
        SubsDone(),
        TurnOff(LONGEST_ID),
        StopOne(10**18 - 1),
        *(StopAll(step) for step in StopStep),
        StopNotice(10**18 - 1),
        *(Forget(step) for step in ForgetStep),
        *(Confirm(kind, LONGEST_ID) for kind in Kind),
        Deny("AbC_-1234567"),
        Deny(""),
    ],
    ids=repr,
)
def test_every_button_reads_back_as_itself_within_64_bytes(button: Button) -> None:
    assert parse(button.data) == button
    assert len(button.data.encode()) <= 64


def test_the_stop_button_under_a_notice_is_the_one_the_bot_parses() -> None:
    [[_card], [(label, data)]] = messages.buttons(
        NoticeKind.REMINDER, {"organization": ZHITA}, 12345
    )
    assert label == "不再提醒这类活动" and parse(data) == StopNotice(12345)
