"""是 / 不是 under a proposal (issue 16): the bot is fairly sure which record a question
means and asks; 是 gives the answer, 不是 puts the question in the staff's review queue."""

from __future__ import annotations

from telegram.ext import Application

from bot.services import Services
from knowledge.curation.review import Reason, group_questions
from tests.handlers.conftest import USER as PRESSER
from tests.handlers.conftest import press
from tests.handlers.test_conversation import USER, ask, buttons
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.waiting import until

# A long story in dialect around its need: the right record first, little of it accounted for.
UNSURE = "最近心里头一直不美，晚上睡不着觉，跟谁都不想说话，宝鸡有没有能谝一谝、疏导疏导的地方"
PROPOSED = "您是想问「宝鸡明明心理关爱中心」吗？"


async def _proposal(api: FakeBotAPI) -> dict:
    [reply] = await ask(api, UNSURE)
    assert reply["plain"] == PROPOSED
    assert [label for label, _ in buttons(reply)] == ["是", "不是"]
    return reply


async def _press(api: FakeBotAPI, reply: dict, label: str) -> dict:
    data = dict(buttons(reply))[label]
    before = len(api.sent(USER))
    api.push_callback(USER, reply["message_id"], data)
    await until(lambda: len(api.sent(USER)) > before, what=f"the reply to {label}")
    return api.sent(USER)[-1]


async def test_yes_gives_the_answer_with_its_follow_ups(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    reply = await _press(fake_api, await _proposal(fake_api), "是")
    assert reply["plain"].startswith("宝鸡明明心理关爱中心")
    assert "来源：" in reply["plain"]
    assert [label for label, _ in buttons(reply)][:2] == ["联系方式", "相关项目"]


async def test_no_logs_the_miss_for_review_and_says_staff_will_look(
    fake_api: FakeBotAPI, running_bot: Application, bot_services: Services
) -> None:
    reply = await _press(fake_api, await _proposal(fake_api), "不是")
    assert "工作人员会查看" in reply["plain"]
    [(label, _)] = buttons(reply)
    assert "转人工" in label  # a person, if the resident wants one now
    rows = list(bot_services.residents.db.query("SELECT decision, feedback FROM questions"))
    assert rows == [{"decision": "confirm", "feedback": "down"}]
    [group] = group_questions(bot_services.residents.review_queue())
    assert group.reasons == {Reason.UNSURE: 1, Reason.DISLIKED: 1}


async def test_a_forged_or_unknown_no_changes_nothing(
    app_services: tuple[Application, Services], fake_api: FakeBotAPI
) -> None:
    app, svc = app_services
    forged = ["n:", "n:no-such-ref", "n:" + "x" * 17, "n:a b", "y:z:baoji-zhita-children", "y:o:"]
    for data in forged:
        await press(app, fake_api, data)
    assert [a["text"] for a in fake_api.callback_answers] == ["已过期，请重新提问"] * len(forged)
    assert svc.residents.db["questions"].count == 0


async def test_yes_for_a_record_staff_removed_says_it_is_gone(
    app_services: tuple[Application, Services], fake_api: FakeBotAPI
) -> None:
    app, _ = app_services
    await press(app, fake_api, "y:o:no-such-org")
    assert "已经更新或删除" in fake_api.sent(PRESSER)[-1]["plain"]


async def test_after_yes_a_follow_up_asks_about_the_proposed_record(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    await _press(fake_api, await _proposal(fake_api), "是")
    [reply] = await ask(fake_api, "它的电话呢")
    assert "资料中没有宝鸡明明心理关爱中心的电话" in reply["plain"]


async def test_after_no_a_follow_up_is_not_about_the_proposed_record(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    await _press(fake_api, await _proposal(fake_api), "不是")
    [reply] = await ask(fake_api, "它的电话呢")
    assert "宝鸡明明心理关爱中心" not in reply["plain"]


async def test_writing_on_after_a_proposal_takes_it_up(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    await _proposal(fake_api)
    [reply] = await ask(fake_api, "他们在哪")
    assert "资料中没有宝鸡明明心理关爱中心的地址" in reply["plain"]
