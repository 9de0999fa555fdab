"""A list question and a refused question, through the real Application."""

from __future__ import annotations

from telegram.ext import Application

from tests.handlers.test_conversation import USER, ask, buttons
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.waiting import until


def cards(reply: dict) -> list[tuple[str, str]]:
    return [(label, data) for label, data in buttons(reply) if data.startswith("o:")]


async def test_a_list_question_gets_a_card_button_per_organization(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [reply] = await ask(fake_api, "未央区有哪些社工机构")
    assert "共 3 家" in reply["plain"]
    assert cards(reply) == [
        ("西安市未央区秋文社工服务中心", "o:weiyang-qiuwen-social-work"),
        ("中海社工", "o:zhonghai-social-work"),
        ("常青藤社会工作服务中心", "o:changqingteng-social-work"),
    ]
    assert [label for label, _ in buttons(reply)][3:] == ["👍", "👎"]  # and the feedback
    before = len(fake_api.sent(USER))
    fake_api.push_callback(USER, reply["message_id"], "o:zhonghai-social-work")
    await until(lambda: len(fake_api.sent(USER)) > before, what="the card")
    card = fake_api.sent(USER)[-1]
    assert card["plain"].startswith("中海社工")
    assert buttons(card)[0][0] == "联系方式"


async def test_except_one_leaves_it_out_of_the_list(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [reply] = await ask(fake_api, "除了秋文社工还有哪些社工机构")
    assert [data for _, data in cards(reply)] == [
        "o:zhonghai-social-work",
        "o:changqingteng-social-work",
    ]


async def test_a_question_that_is_not_ours_is_refused_without_buttons(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [reply] = await ask(fake_api, "自闭症孩子吃什么药能好")
    assert "不能提供医疗或用药建议" in reply["plain"]
    assert "智塔" not in reply["plain"].split("例如")[0]  # no organization offered
    assert buttons(reply) == []
    [reply] = await ask(fake_api, "帮我查一下李娟的电话")
    assert "不能提供个人信息" in reply["plain"]
    assert buttons(reply) == []
