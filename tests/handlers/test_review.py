"""The staff's review and tools in the chat: /unanswered and its buttons, /reload, /stats, and
the one refusal everyone else gets."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.services import Services
from handlers.staff_access import UNKNOWN_COMMAND
from knowledge.curation.apply import SHIPPED_DATA
from tests.handlers.test_desk import STAFF_CHAT, buttons, press, say, sent_after, start
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.waiting import until

STAFF = 5101
RESIDENT, OTHER = 4101, 4102
QUESTION = "哪里能学开挖掘机"


@pytest.fixture
async def staff_bot(bot_services: Services, tmp_path: Path) -> AsyncIterator[Application]:
    kb_dir = tmp_path / "kb"
    shutil.copytree(SHIPPED_DATA, kb_dir)
    bot_services.settings = dataclasses.replace(
        bot_services.settings,
        staff_ids=frozenset({STAFF}),
        staff_chat_id=STAFF_CHAT,
        kb_dir=kb_dir,
    )
    async for application in start(bot_services):
        yield application


async def test_adding_a_wording_answers_the_next_resident_at_once(
    fake_api: FakeBotAPI, staff_bot: Application, bot_services: Services
) -> None:
    [first] = await say(fake_api, RESIDENT, QUESTION)
    assert "抱歉" in first["plain"]
    await say(fake_api, OTHER, QUESTION + "？")
    await say(fake_api, OTHER, "宝鸡哪里有心理咨询")  # answered: not for review

    listing = await say(fake_api, STAFF, "/unanswered")
    assert len(listing) == 1
    [group] = listing
    assert group["plain"].startswith(f"「{QUESTION}")
    assert "2 次" in group["plain"] and "未回答 2" in group["plain"]
    assert "（没有回答）" in group["plain"]
    labels = list(buttons(group))
    adds = [label for label in labels if label.startswith("加为「")]
    assert 1 <= len(adds) <= 3 and labels[-1] == "忽略"
    assert all(len(data.encode()) <= 64 for data in buttons(group).values())

    answer = await press(fake_api, STAFF, group, adds[0])
    name = adds[0].removeprefix("加为「").removesuffix("」的问法")
    assert answer["text"].startswith("已加为「")
    await until(lambda: fake_api.edits(STAFF), what="the group's message marked done")
    assert "✅" in fake_api.edits(STAFF)[-1]["plain"]
    audit = list(
        bot_services.knowledge.db.query("SELECT file, after FROM audit ORDER BY id DESC LIMIT 1")
    )
    assert audit[0]["file"] == f"telegram:{STAFF}" and QUESTION in audit[0]["after"]

    # The very next resident asking that way is answered about the record.
    [now] = await say(fake_api, 4199, QUESTION)
    assert "抱歉" not in now["plain"]
    assert name.rstrip("…")[:6] in now["plain"]
    # The group left the queue.
    [empty] = await say(fake_api, STAFF, "/unanswered")
    assert empty["plain"] == "没有待处理的问题。"


async def test_ignoring_a_group_removes_it(fake_api: FakeBotAPI, staff_bot: Application) -> None:
    await say(fake_api, RESIDENT, "老人摔倒了谁管")
    [group] = await say(fake_api, STAFF, "/unanswered 5")
    assert (await press(fake_api, STAFF, group, "忽略"))["text"] == "已忽略"
    [empty] = await say(fake_api, STAFF, "/unanswered")
    assert empty["plain"] == "没有待处理的问题。"


async def test_a_non_staff_user_gets_the_unknown_command_reply_for_every_staff_command(
    fake_api: FakeBotAPI, staff_bot: Application, bot_services: Services
) -> None:
    await say(fake_api, RESIDENT, QUESTION)
    unknown = (await say(fake_api, RESIDENT, "/nosuchcommand"))[0]["plain"]
    assert unknown == UNKNOWN_COMMAND
    for command in ("/unanswered", "/unanswered 3", "/reload", "/stats"):
        [reply] = await say(fake_api, RESIDENT, command)
        assert reply["plain"] == unknown, command
    # Forged staff presses are answered like any expired button, and change nothing.
    shown = (await say(fake_api, STAFF, "/unanswered"))[0]
    message = (await say(fake_api, RESIDENT, "你好"))[0]
    for data in [*buttons(shown).values(), "t:c:1", "t:x:1"]:
        before = len(fake_api.callback_answers)
        fake_api.push_callback(RESIDENT, message["message_id"], data, check_button=False)
        await until(lambda n=before: len(fake_api.callback_answers) > n)
        assert fake_api.callback_answers[-1]["text"] == "已过期，请重新提问", data
    assert len(bot_services.residents.review_queue()) == 1
    assert bot_services.residents.desk.get(1) is None


async def test_reload_with_a_broken_file_changes_nothing_and_says_why(
    fake_api: FakeBotAPI, staff_bot: Application, bot_services: Services
) -> None:
    kb_dir = bot_services.settings.kb_dir
    assert kb_dir is not None
    version = bot_services.knowledge.version
    facts = kb_dir / "facts.yaml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace("  - id: weiyang-org-stats", "  - id: Bad Id!"),
        encoding="utf-8",
    )
    replies = await say(fake_api, STAFF, "/reload", count=2)
    assert "没有改动" in replies[-1]["plain"] and "facts.yaml" in replies[-1]["plain"]
    assert bot_services.knowledge.version == version

    # Fixed, and with a new wording: imported, and answered from at once.
    facts.write_text(
        facts.read_text(encoding="utf-8")
        .replace("  - id: Bad Id!", "  - id: weiyang-org-stats")
        .replace(
            "      - 未央区社会组织数量统计\n",
            "      - 未央区社会组织数量统计\n      - 未央区的民间团体数目\n",
        ),
        encoding="utf-8",
    )
    replies = await say(fake_api, STAFF, "/reload", count=2)
    assert "已重新导入" in replies[-1]["plain"] and "更新 1" in replies[-1]["plain"]
    assert bot_services.knowledge.version != version
    [answer] = await say(fake_api, RESIDENT, "未央区的民间团体数目")
    assert "281" in answer["plain"]


async def test_stats_counts_questions_hand_offs_and_subscribers(
    fake_api: FakeBotAPI, staff_bot: Application
) -> None:
    await say(fake_api, RESIDENT, "宝鸡哪里有心理咨询")
    await say(fake_api, RESIDENT, QUESTION)
    await say(fake_api, OTHER, "/human")
    staff_before = len(fake_api.sent(STAFF_CHAT))
    post = fake_api.sent(STAFF_CHAT)[-1]
    fake_api.push_message(
        STAFF, "您好", chat_id=STAFF_CHAT, chat_type="supergroup",
        reply_to_message_id=post["message_id"],
    )  # fmt: skip
    await sent_after(fake_api, OTHER, 1)
    assert len(fake_api.sent(STAFF_CHAT)) == staff_before
    [stats] = await say(fake_api, STAFF, "/stats")
    lines = stats["plain"].splitlines()
    assert lines[0].startswith(
        "今天：提问 2，已回答 50%，👎 0%；转人工 1，首次人工回复中位数 0 分钟"
    )
    assert lines[1].startswith("本周：提问 2")
    assert "心理" in lines[2]  # the answered question's record's topic and district
    assert lines[3] == "本周问得最多的区县：宝鸡市 1"
    assert lines[4] == "订阅：0 个聊天，共 0 项"
    assert lines[5].startswith("提醒：已发送 0")
