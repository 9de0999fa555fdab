"""转人工 end to end: residents and staff talking through the bot, tickets opened and closed."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram.ext import Application

from bot.app import build_application
from bot.services import Services
from knowledge.residents.desk import TicketStatus
from knowledge.residents.handoff import NO_DESK
from knowledge.residents.store import Feedback
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.waiting import until

STAFF_CHAT = -1001234567890
ALICE, BOB = 4001, 4002  # residents
STAFF_A, STAFF_B = 5001, 5002
OUTSIDER = 5999
HAND_OFF = "转人工：请工作人员回答"


async def start(services: Services) -> AsyncIterator[Application]:
    application = build_application(services.settings, services)
    async with application:
        await application.start()
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        yield application
        await application.updater.stop()
        await application.stop()


@pytest.fixture
async def desk_bot(bot_services: Services) -> AsyncIterator[Application]:
    bot_services.settings = dataclasses.replace(
        bot_services.settings, staff_ids=frozenset({STAFF_A, STAFF_B}), staff_chat_id=STAFF_CHAT
    )
    async for application in start(bot_services):
        yield application


def buttons(message: dict[str, Any]) -> dict[str, str]:
    markup = message.get("reply_markup") or {}
    return {b["text"]: b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row}


async def sent_after(api: FakeBotAPI, chat: int, before: int, count: int = 1) -> list[dict]:
    await until(lambda: len(api.sent(chat)) >= before + count, what=f"a message to {chat}")
    return api.sent(chat)[before:]


async def say(api: FakeBotAPI, user: int, text: str, count: int = 1, **kw: Any) -> list[dict]:
    chat = kw.get("chat_id", user)
    before = len(api.sent(chat))
    api.push_message(user, text, **kw)
    return await sent_after(api, chat, before, count)


async def staff_reply(api: FakeBotAPI, staff: int, post: int, text: str) -> None:
    api.push_message(
        staff, text, chat_id=STAFF_CHAT, chat_type="supergroup", reply_to_message_id=post
    )


async def press(
    api: FakeBotAPI, user: int, message: dict, label: str, first_name: str = "测试"
) -> dict:
    answers = len(api.callback_answers)
    data = buttons(message)[label]
    api.push_callback(user, message["message_id"], data, message["chat_id"], first_name=first_name)
    await until(lambda: len(api.callback_answers) > answers, what=f"the answer to {label}")
    return api.callback_answers[-1]


async def test_two_residents_and_two_staff_talk_without_crossing(
    fake_api: FakeBotAPI, desk_bot: Application, bot_services: Services
) -> None:
    api, desk = fake_api, bot_services.residents.desk
    # Alice asks something the bot cannot answer and presses 转人工 under the reply.
    [unanswered] = await say(
        api, ALICE, "社会组织年检什么时候", first_name="爱丽丝", username="alice_w"
    )
    staff_before = len(api.sent(STAFF_CHAT))
    await press(api, ALICE, unanswered, HAND_OFF, first_name="爱丽丝")
    [told] = await sent_after(api, ALICE, 1)
    assert "已为您转人工" in told["plain"] and "工作人员" in told["plain"]
    [post_a] = await sent_after(api, STAFF_CHAT, staff_before)
    assert post_a["plain"].startswith("#1 爱丽丝")
    assert "社会组织年检什么时候" in post_a["plain"]  # the conversation so far
    assert "alice_w" not in post_a["plain"] and str(ALICE) not in post_a["plain"]
    assert set(buttons(post_a)) == {"认领", "关闭"}
    assert bot_services.residents.review_queue()[0]["handed_off"] == 1

    # Bob asks for a person with /human.
    [told_b] = await say(api, BOB, "/human", first_name="鲍勃")
    assert "#2" in told_b["plain"]
    post_b = api.sent(STAFF_CHAT)[-1]
    assert post_b["plain"].startswith("#2 鲍勃")

    # Each staff member answers one ticket: each reply reaches its resident only.
    alice_before, bob_before = len(api.sent(ALICE)), len(api.sent(BOB))
    await staff_reply(
        api, STAFF_A, post_a["message_id"], "您好，亩数资料里没有，我们问一下再回复您"
    )
    await staff_reply(api, STAFF_B, post_b["message_id"], "鲍勃您好，请讲")
    [to_alice] = await sent_after(api, ALICE, alice_before)
    [to_bob] = await sent_after(api, BOB, bob_before)
    assert to_alice["plain"] == "民政局工作人员：\n您好，亩数资料里没有，我们问一下再回复您"
    assert to_bob["plain"] == "民政局工作人员：\n鲍勃您好，请讲"

    # Alice answers: her message goes to the staff chat as a post of her ticket, not to the bot.
    staff_before, alice_before = len(api.sent(STAFF_CHAT)), len(api.sent(ALICE))
    api.push_message(ALICE, "谢谢，我还想问一下社区活动")
    [copied] = await sent_after(api, STAFF_CHAT, staff_before)
    assert copied["plain"] == "谢谢，我还想问一下社区活动"
    assert copied["reply_to_message_id"] == post_a["message_id"]
    # A reply to that later post (not the first) reaches Alice too.
    await staff_reply(api, STAFF_B, copied["message_id"], "社区活动请看 /activities")
    [again] = await sent_after(api, ALICE, alice_before)
    assert again["plain"].endswith("社区活动请看 /activities")
    assert len(api.sent(BOB)) == bob_before + 1

    # Bob sends a photo: copied to the staff chat.
    staff_before = len(api.sent(STAFF_CHAT))
    api.push_media(BOB, "photo", "这是材料")
    [photo] = await sent_after(api, STAFF_CHAT, staff_before)
    assert photo["media"] == "photo" and photo["plain"] == "这是材料"
    # A document from staff reaches Bob with the staff mark before its caption.
    bob_before = len(api.sent(BOB))
    api.push_media(
        STAFF_A,
        "document",
        "申请表",
        chat_id=STAFF_CHAT,
        chat_type="supergroup",
        reply_to_message_id=photo["message_id"],
    )
    [document] = await sent_after(api, BOB, bob_before)
    assert document["media"] == "document" and document["plain"] == "民政局工作人员：申请表"

    # Staff A claims and closes Alice's ticket: both sides are told.
    assert (await press(api, STAFF_A, post_a, "认领"))["text"] == "已认领"
    alice_before = len(api.sent(ALICE))
    assert (await press(api, STAFF_A, post_a, "关闭"))["text"] == "已关闭"
    [closed] = await sent_after(api, ALICE, alice_before)
    assert "工作人员已结束" in closed["plain"]
    assert api.sent(STAFF_CHAT)[-1]["plain"] == "#1 由 测试 关闭"
    # A late reply to her closed ticket is not delivered, and staff are told so.
    alice_before, staff_before = len(api.sent(ALICE)), len(api.sent(STAFF_CHAT))
    await staff_reply(api, STAFF_B, post_a["message_id"], "还有别的问题吗")
    [late] = await sent_after(api, STAFF_CHAT, staff_before)
    assert late["plain"] == "#1 已经关闭，这条回复没有转给居民。"
    assert len(api.sent(ALICE)) == alice_before
    # Alice is answered by the bot again.
    [answer] = await say(api, ALICE, "宝鸡哪里有心理咨询")
    assert "明明心理" in answer["plain"]

    # Bob ends his with /done.
    [done] = await say(api, BOB, "/done")
    assert "人工服务已结束" in done["plain"]
    await until(lambda: api.sent(STAFF_CHAT)[-1]["plain"] == "#2 居民已结束对话")
    assert desk.get(2).status is TicketStatus.CLOSED

    trail = [(row["staff_id"], row["action"]) for row in desk.audit_trail(1)]
    assert trail == [
        (STAFF_A, "reply"),
        (STAFF_B, "reply"),
        (STAFF_A, "claim"),
        (STAFF_A, "close"),
    ]
    assert '"status": "claimed"' in desk.audit_trail(1)[-1]["before"]


async def test_feedback_buttons_are_thanked_and_a_dislike_enters_the_review(
    fake_api: FakeBotAPI, desk_bot: Application, bot_services: Services
) -> None:
    [liked] = await say(fake_api, ALICE, "宝鸡哪里有心理咨询")
    assert "明明心理" in liked["plain"]
    assert (await press(fake_api, ALICE, liked, "👍"))["text"] == "谢谢您的反馈！"
    [disliked] = await say(fake_api, ALICE, "智塔在哪里")
    answer = await press(fake_api, ALICE, disliked, "👎")
    assert answer["text"].startswith("谢谢反馈")
    queue = bot_services.residents.review_queue()
    assert [(row["query"], row["feedback"]) for row in queue] == [("智塔在哪里", Feedback.DOWN)]


async def test_staff_buttons_and_replies_refuse_others(
    fake_api: FakeBotAPI, desk_bot: Application, bot_services: Services
) -> None:
    await say(fake_api, ALICE, "/human")
    post = fake_api.sent(STAFF_CHAT)[-1]
    answer = await press(fake_api, OUTSIDER, post, "认领")
    assert answer["text"] == "已过期，请重新提问"  # what any unknown press gets
    assert bot_services.residents.desk.get(1).status is TicketStatus.OPEN
    alice_before = len(fake_api.sent(ALICE))
    replies = await say(
        fake_api,
        OUTSIDER,
        "我来回答",
        chat_id=STAFF_CHAT,
        chat_type="supergroup",
        reply_to_message_id=post["message_id"],
    )
    assert "ORGBOT_STAFF_IDS" in replies[0]["plain"]
    assert len(fake_api.sent(ALICE)) == alice_before


async def test_a_resident_who_blocked_the_bot_has_the_ticket_closed(
    fake_api: FakeBotAPI, desk_bot: Application, bot_services: Services
) -> None:
    await say(fake_api, ALICE, "/human")
    post = fake_api.sent(STAFF_CHAT)[-1]
    fake_api.block_user(ALICE)
    before = len(fake_api.sent(STAFF_CHAT))
    await staff_reply(fake_api, STAFF_A, post["message_id"], "您好")
    [note] = await sent_after(fake_api, STAFF_CHAT, before)
    assert "居民已停用机器人" in note["plain"]
    assert bot_services.residents.desk.get(1).status is TicketStatus.CLOSED


async def test_without_a_staff_chat_human_points_to_the_district_office(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [reply] = await say(fake_api, ALICE, "/human")
    assert reply["plain"] == NO_DESK and "请联系所在区县民政局" in reply["plain"]


async def test_a_forum_gives_each_ticket_a_topic_made_again_if_deleted(
    fake_api: FakeBotAPI, bot_services: Services
) -> None:
    fake_api.make_forum(STAFF_CHAT)
    bot_services.settings = dataclasses.replace(
        bot_services.settings, staff_ids=frozenset({STAFF_A}), staff_chat_id=STAFF_CHAT
    )
    async for _ in start(bot_services):
        await say(fake_api, ALICE, "/human", first_name="爱丽丝")
        await say(fake_api, BOB, "/human", first_name="鲍勃")
        topics = fake_api.topics(STAFF_CHAT)
        assert sorted(topics.values()) == ["#1 爱丽丝", "#2 鲍勃"]
        first = bot_services.residents.desk.get(1).topic_id
        assert fake_api.sent(STAFF_CHAT)[0]["message_thread_id"] == first
        fake_api._delete_forum_topic(
            {"chat_id": STAFF_CHAT, "message_thread_id": first}, fake_api.bot_id
        )
        before = len(fake_api.sent(STAFF_CHAT))
        fake_api.push_message(ALICE, "还在吗")
        [copied] = await sent_after(fake_api, STAFF_CHAT, before)
        again = bot_services.residents.desk.get(1).topic_id
        assert again != first and copied["message_thread_id"] == again
        assert fake_api.topics(STAFF_CHAT)[again] == "#1 爱丽丝"
        # Staff write in a ticket's topic, replying to nothing: it reaches that resident only.
        alice_before, bob_before = len(fake_api.sent(ALICE)), len(fake_api.sent(BOB))
        fake_api.push_message(
            STAFF_A, "在的，请说", chat_id=STAFF_CHAT, chat_type="supergroup",
            message_thread_id=again,
        )  # fmt: skip
        [to_alice] = await sent_after(fake_api, ALICE, alice_before)
        assert to_alice["plain"] == "民政局工作人员：\n在的，请说"
        assert len(fake_api.sent(BOB)) == bob_before


async def test_a_hand_off_staff_never_saw_leaves_no_ticket(
    fake_api: FakeBotAPI, desk_bot: Application, bot_services: Services
) -> None:
    fake_api.fail_with("sendMessage", 400)
    [reply] = await say(fake_api, ALICE, "/human")
    assert "没有转给工作人员" in reply["plain"]
    assert bot_services.residents.desk.current(ALICE) is None
    [answer] = await say(fake_api, ALICE, "宝鸡哪里有心理咨询")  # the bot answers again
    assert "明明心理" in answer["plain"]


def test_the_desk_jobs_are_scheduled(desk_bot: Application) -> None:
    names = {job.name for job in desk_bot.job_queue.jobs()}
    assert {"desk-idle", "retention"} <= names
