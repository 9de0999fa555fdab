"""/subscribe, /mysubs, /unsubscribe, the 不再提醒 and 订阅提醒 buttons, through the real
Application against the strict fake Bot API."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from telegram import Message, Update
from telegram.ext import Application

from bot.app import build_application
from bot.services import Services
from bot.throttle import FloodGuard
from jobs.notifier import plan_and_store
from knowledge.residents.store import SubscriptionKind
from tests.handlers.conftest import USER, message_update, press
from tests.handlers.test_conversation import buttons
from tests.jobs.conftest import POLICY, add_activity
from tests.support.fake_bot_api import FakeBotAPI

ZHITA = "baoji-zhita-children"
ZHITA_NAME = "宝鸡智塔儿童启能成长中心"
OTHER = 4202
_ids = itertools.count(900_000)


@pytest.fixture
async def app(bot_services: Services) -> AsyncIterator[Application]:
    application = build_application(bot_services.settings, bot_services)
    async with application:
        yield application


async def command(app: Application, api: FakeBotAPI, text: str, user: int = USER) -> dict:
    """Send a command; the bot's (last) reply."""
    await app.process_update(message_update(app, text, user))
    return api.sent(user)[-1]


def current(app: Application, api: FakeBotAPI, shown: dict, user: int = USER) -> Message:
    """A message the bot sent, as it is now (after edits)."""
    stored = api.message(user, shown["message_id"])
    assert stored is not None
    return Message.de_json(stored, app.bot)


def labels(message: Message) -> list[str]:
    return [b.text for row in message.reply_markup.inline_keyboard for b in row]


async def click(
    app: Application, api: FakeBotAPI, shown: dict, label: str, user: int = USER
) -> Message:
    """Press the button with this label (✓ or not) under a bot message; the message after."""
    message = current(app, api, shown, user)
    [data] = [
        b.callback_data
        for row in message.reply_markup.inline_keyboard
        for b in row
        if b.text.removeprefix("✓ ") == label
    ]
    await press(app, api, data, user, under=message)
    return current(app, api, shown, user)


def follows(svc: Services, user: int = USER) -> set[tuple[str, str]]:
    return {(str(s.kind), s.target) for s in svc.residents.subscriptions_of(user)}


async def test_a_topic_toggles_in_place_with_a_check_mark_and_is_stored(
    app: Application, fake_api: FakeBotAPI, bot_services: Services
) -> None:
    shown = await command(app, fake_api, "/subscribe")
    assert {"养老助老", "儿童青少年", "残障康复", "心理健康"} <= set(
        labels(current(app, fake_api, shown))
    )
    sent_before = len(fake_api.sent(USER))

    after = await click(app, fake_api, shown, "养老助老")
    assert "✓ 养老助老" in labels(after) and "儿童青少年" in labels(after)
    assert follows(bot_services) == {("topic", "养老助老")}
    assert fake_api.edits(USER)[-1]["method"] == "editMessageReplyMarkup"
    assert fake_api.callback_answers[-1]["text"] == "已订阅：养老助老"

    after = await click(app, fake_api, shown, "养老助老")
    assert "养老助老" in labels(after) and "✓ 养老助老" not in labels(after)
    assert follows(bot_services) == set()
    assert len(fake_api.sent(USER)) == sent_before  # edited, never a new message


async def test_the_weekly_digest_is_off_until_chosen(
    app: Application, fake_api: FakeBotAPI, bot_services: Services
) -> None:
    shown = await command(app, fake_api, "/subscribe")
    assert "每周活动汇总" in labels(current(app, fake_api, shown))
    after = await click(app, fake_api, shown, "每周活动汇总")
    assert "✓ 每周活动汇总" in labels(after)
    assert follows(bot_services) == {("digest", "weekly")}


async def test_districts_and_organizations_by_topic_are_screens_of_the_same_message(
    app: Application, fake_api: FakeBotAPI, bot_services: Services
) -> None:
    shown = await command(app, fake_api, "/subscribe")
    districts = await click(app, fake_api, shown, "按区县订阅 ›")
    assert districts.text.startswith("按区县订阅")
    after = await click(app, fake_api, shown, "未央区")
    assert "✓ 未央区" in labels(after)
    await click(app, fake_api, shown, "« 返回")
    await click(app, fake_api, shown, "按组织订阅 ›")
    topic = await click(app, fake_api, shown, "残障康复")
    assert topic.text.startswith("残障康复的组织") and ZHITA_NAME in labels(topic)
    after = await click(app, fake_api, shown, ZHITA_NAME)
    assert f"✓ {ZHITA_NAME}" in labels(after)
    assert follows(bot_services) == {("district", "未央区"), ("organization", ZHITA)}
    assert len(fake_api.sent(USER)) == 1  # every screen was an edit of the /subscribe message


async def test_an_organization_found_by_a_typed_name(
    app: Application, fake_api: FakeBotAPI, bot_services: Services
) -> None:
    shown = await command(app, fake_api, "/subscribe")
    await click(app, fake_api, shown, "按组织订阅 ›")
    await click(app, fake_api, shown, "🔍 输入组织名称")
    prompt = fake_api.sent(USER)[-1]
    assert "组织名称" in prompt["plain"] and prompt["reply_markup"]["force_reply"]
    reply = message_update(app, "智塔")
    data = reply.to_dict()
    data["message"]["reply_to_message"] = fake_api.message(USER, prompt["message_id"])
    await app.process_update(Update.de_json(data, app.bot))
    found = fake_api.sent(USER)[-1]
    assert ZHITA_NAME in [label for label, _ in buttons(found)]
    after = await click(app, fake_api, found, ZHITA_NAME)
    assert f"✓ {ZHITA_NAME}" in labels(after)
    assert follows(bot_services) == {("organization", ZHITA)}
    # The same words, not a reply to the prompt, are a question as before.
    await app.process_update(message_update(app, "智塔"))
    assert "智塔" in fake_api.sent(USER)[-1]["plain"] and not (
        fake_api.sent(USER)[-1]["plain"].startswith("找到这些组织")
    )


async def test_every_screen_keeps_to_telegrams_limits(
    app: Application, fake_api: FakeBotAPI, bot_services: Services
) -> None:
    bot_services.flood = FloodGuard(per_minute=1000)  # some forty presses in a moment
    shown = await command(app, fake_api, "/subscribe")
    screens = [current(app, fake_api, shown)]
    screens.append(await click(app, fake_api, shown, "按区县订阅 ›"))
    await click(app, fake_api, shown, "« 返回")
    topics = await click(app, fake_api, shown, "按组织订阅 ›")
    screens.append(topics)
    for topic in [t for t in labels(topics) if not t.startswith(("«", "🔍"))]:
        screens.append(await click(app, fake_api, shown, topic))
        await click(app, fake_api, shown, "« 返回")
    for screen in screens:
        datas = [b.callback_data for row in screen.reply_markup.inline_keyboard for b in row]
        assert 0 < len(datas) <= 100
        assert all(d.isascii() and len(d.encode()) <= 64 for d in datas), datas


async def test_a_stale_or_forged_toggle_changes_nothing(
    app: Application, fake_api: FakeBotAPI, bot_services: Services
) -> None:
    for data in ("sb:t:0:0000", "sb:d:999:abcd", "sb:o:no-such-org", "sb:t:0:养老"):
        await press(app, fake_api, data)
    answers = [a["text"] for a in fake_api.callback_answers]
    assert answers == ["列表已更新，请重新选择"] * 2 + ["已过期，请重新提问"] * 2
    assert follows(bot_services) == set()


async def test_a_second_subscribe_press_offers_to_turn_it_off(
    app: Application, fake_api: FakeBotAPI, bot_services: Services
) -> None:
    await press(app, fake_api, f"s:{ZHITA}")
    await press(app, fake_api, f"s:{ZHITA}")
    assert [a["text"] for a in fake_api.callback_answers] == [
        "已订阅该组织的活动提醒",
        "您已经订阅过了",
    ]
    offer = fake_api.sent(USER)[-1]
    assert "您已订阅" in offer["plain"] and ZHITA_NAME in offer["plain"]
    assert buttons(offer) == [("取消订阅", f"ss:{ZHITA}")]
    after = await click(app, fake_api, offer, "取消订阅")
    assert "已取消订阅" in after.text and "/subscribe" in after.text
    assert follows(bot_services) == set()


async def test_mysubs_lists_names_and_stops_one_in_place(
    app: Application, fake_api: FakeBotAPI, bot_services: Services
) -> None:
    empty = await command(app, fake_api, "/mysubs")
    assert "还没有订阅" in empty["plain"] and "/subscribe" in empty["plain"]
    bot_services.residents.subscribe(USER, SubscriptionKind.ORGANIZATION, ZHITA)
    bot_services.residents.subscribe(USER, SubscriptionKind.TOPIC, "心理健康")
    shown = await command(app, fake_api, "/mysubs")
    assert f"组织：{ZHITA_NAME}" in shown["plain"] and "主题：心理健康" in shown["plain"]
    assert ZHITA not in shown["plain"]  # names, not ids
    after = await click(app, fake_api, shown, "取消 主题：心理健康")
    assert "心理健康" not in after.text and ZHITA_NAME in after.text
    assert follows(bot_services) == {("organization", ZHITA)}


async def test_unsubscribe_all_asks_first_and_leaves_other_chats_alone(
    app: Application, fake_api: FakeBotAPI, bot_services: Services
) -> None:
    for chat in (USER, OTHER):
        bot_services.residents.subscribe(chat, SubscriptionKind.TOPIC, "养老助老")
        bot_services.residents.set_digest(chat, True)
    shown = await command(app, fake_api, "/unsubscribe")
    ask = await click(app, fake_api, shown, "全部取消")
    assert "确定取消全部2项订阅" in ask.text
    assert len(follows(bot_services)) == 2
    done = await click(app, fake_api, shown, "确认全部取消")
    assert "已取消全部订阅" in done.text
    assert follows(bot_services) == set() and len(follows(bot_services, OTHER)) == 2


async def test_the_stop_button_under_a_reminder_stops_only_the_pressing_chats_own(
    app: Application, fake_api: FakeBotAPI, bot_services: Services
) -> None:
    bot_services.residents.subscribe(USER, SubscriptionKind.TOPIC, "养老助老")
    bot_services.residents.subscribe(OTHER, SubscriptionKind.ORGANIZATION, ZHITA)
    [mine] = bot_services.residents.subscriptions_of(USER)
    [theirs] = bot_services.residents.subscriptions_of(OTHER)
    sent_before = len(fake_api.sent(USER))
    await press(app, fake_api, f"un:{theirs.id}")
    await press(app, fake_api, "un:999999999")
    assert [a["text"] for a in fake_api.callback_answers] == ["这项订阅已经取消了"] * 2
    assert len(fake_api.sent(USER)) == sent_before + 2  # only the two "按钮测试" messages
    assert follows(bot_services, OTHER) == {("organization", ZHITA)}

    await press(app, fake_api, f"un:{mine.id}")
    told = fake_api.sent(USER)[-1]["plain"]
    assert "已取消订阅：主题：养老助老" in told and "/subscribe" in told
    assert follows(bot_services) == set()
    await press(app, fake_api, f"un:{mine.id}")  # pressed again: nothing left to stop
    assert fake_api.callback_answers[-1]["text"] == "这项订阅已经取消了"


async def test_a_topic_chosen_in_subscribe_brings_a_reminder_of_a_matching_activity(
    app: Application, fake_api: FakeBotAPI, bot_services: Services
) -> None:
    shown = await command(app, fake_api, "/subscribe")
    await click(app, fake_api, shown, "心理健康")
    [subscription] = bot_services.residents.subscriptions_of(USER)
    add_activity(
        bot_services.knowledge,
        "mind-talk",
        title="心理健康讲座",
        topics=["心理健康"],
        organization="baoji-mingming-psychology",
    )
    report = plan_and_store(bot_services.knowledge.db, datetime.now(UTC), POLICY)
    [notice] = [n for n in report.plan.notices if n.activity_id == "mind-talk"]
    assert notice.recipients == ((USER, subscription.id),)
    assert "心理健康讲座" in notice.text


async def test_help_and_the_command_menu_name_the_subscription_commands(
    app: Application, fake_api: FakeBotAPI
) -> None:
    await app.post_init(app)  # sets the command menu, as run_polling does
    menu = {c["command"] for c in fake_api.commands}
    assert {"subscribe", "mysubs", "unsubscribe", "forget"} <= menu
    shown = await command(app, fake_api, "/help")
    for name in ("/subscribe", "/mysubs", "/unsubscribe", "/forget"):
        assert name in shown["plain"]


async def test_a_toggle_past_the_cap_is_refused_with_the_reason(
    app: Application, fake_api: FakeBotAPI, bot_services: Services, monkeypatch
) -> None:
    monkeypatch.setattr("knowledge.residents.store.MAX_SUBSCRIPTIONS_PER_CHAT", 1)
    shown = await command(app, fake_api, "/subscribe")
    await click(app, fake_api, shown, "养老助老")
    after = await click(app, fake_api, shown, "心理健康")
    assert "最多订阅" in fake_api.callback_answers[-1]["text"]
    assert fake_api.callback_answers[-1]["show_alert"]
    assert "✓ 心理健康" not in labels(after)
    assert follows(bot_services) == {("topic", "养老助老")}


async def test_a_long_list_is_paged_in_place(
    app: Application, fake_api: FakeBotAPI, bot_services: Services, monkeypatch
) -> None:
    monkeypatch.setattr("handlers.subscriptions.TOGGLES_PER_PAGE", 4)
    shown = await command(app, fake_api, "/subscribe")
    first = labels(current(app, fake_api, shown))
    assert first[:4] == ["养老助老", "儿童青少年", "残障康复", "心理健康"]
    assert "下一页 ›" in first and "‹ 上一页" not in first
    second = labels(await click(app, fake_api, shown, "下一页 ›"))
    assert "养老助老" not in second and "社区治理" in second and "‹ 上一页" in second
    after = await click(app, fake_api, shown, "社区治理")
    assert "✓ 社区治理" in labels(after)  # the toggle keeps its page
    assert follows(bot_services) == {("topic", "社区治理")}
