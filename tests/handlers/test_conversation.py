"""Residents talking to the real Application through a strict local Bot API server."""

from __future__ import annotations

import re

from telegram.ext import Application

from knowledge.residents.store import ResidentsStore
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.waiting import until

USER = 5001


def texts(api: FakeBotAPI, chat_id: int = USER) -> list[str]:
    return [m["plain"] for m in api.sent(chat_id)]


def buttons(message: dict) -> list[tuple[str, str]]:
    markup = message.get("reply_markup") or {}
    return [
        (b["text"], b.get("callback_data", ""))
        for row in markup.get("inline_keyboard", [])
        for b in row
    ]


async def ask(api: FakeBotAPI, text: str, user: int = USER, count: int = 1) -> list[dict]:
    before = len(api.sent(user))
    api.push_message(user, text)
    await until(lambda: len(api.sent(user)) >= before + count, what=f"a reply to {text!r}")
    return api.sent(user)[before:]


async def test_start_welcomes_with_example_buttons_and_registers_commands(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [reply] = await ask(fake_api, "/start")
    assert "您好" in reply["plain"]
    assert len(buttons(reply)) == 4
    assert {c["command"] for c in fake_api.commands} >= {"start", "orgs", "activities", "help"}
    before = len(fake_api.sent(USER))
    fake_api.push_callback(USER, reply["message_id"], buttons(reply)[0][1])
    await until(lambda: len(fake_api.sent(USER)) > before)
    assert "智塔" in fake_api.sent(USER)[-1]["plain"]


async def test_help_lists_the_commands(fake_api: FakeBotAPI, running_bot: Application) -> None:
    [reply] = await ask(fake_api, "/help")
    assert "/orgs" in reply["plain"] and "/activities" in reply["plain"]


async def test_a_question_is_answered_with_follow_up_buttons(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [reply] = await ask(fake_api, "我家孩子有自闭症，哪里可以做康复？")
    assert "智塔" in reply["plain"]
    labels = [label for label, _ in buttons(reply)]
    assert labels == ["联系方式", "相关项目", "近期活动", "订阅提醒", "👍", "👎"]
    contact = dict(buttons(reply))["联系方式"]
    fake_api.push_callback(USER, reply["message_id"], contact)
    await until(lambda: "资料中没有" in fake_api.sent(USER)[-1]["plain"])
    assert not re.search(r"\d{7,}", fake_api.sent(USER)[-1]["plain"])
    assert fake_api.callback_answers  # the button's spinner was stopped


async def test_typos_and_traditional_characters_are_understood(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [typo] = await ask(fake_api, "宝鸡哪里有心里咨询")
    assert "明明心理" in typo["plain"]
    [traditional] = await ask(fake_api, "寶雞市公益慈善聯合會是做什麼的")
    assert "宝鸡市公益慈善联合会" in traditional["plain"]


async def test_an_out_of_scope_question_gets_an_honest_answer(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [reply] = await ask(fake_api, "明天西安天气怎么样")
    assert "抱歉" in reply["plain"] and "民政局" in reply["plain"]
    assert buttons(reply) == []  # not a question for staff either


async def test_an_unanswered_question_in_scope_offers_a_person(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [reply] = await ask(fake_api, "社会组织年检什么时候")
    assert "抱歉" in reply["plain"]
    assert [label for label, _ in buttons(reply)] == ["转人工：请工作人员回答"]


async def test_an_ambiguous_question_offers_buttons_and_a_press_answers(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [reply] = await ask(fake_api, "社会组织服务中心")
    choices = [(label, data) for label, data in buttons(reply) if label.startswith("您是想找")]
    assert len(choices) >= 2
    assert [label for label, _ in buttons(reply)][len(choices) :] == [
        "👍",
        "👎",
        "转人工：请工作人员回答",
    ]
    assert all(len(data.encode()) <= 64 for _, data in choices)
    label, data = choices[0]
    before = len(fake_api.sent(USER))
    fake_api.push_callback(USER, reply["message_id"], data)
    await until(lambda: len(fake_api.sent(USER)) > before)
    assert label.removeprefix("您是想找：") in fake_api.sent(USER)[-1]["plain"]


async def test_orgs_browsing_pages_by_district(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [menu] = await ask(fake_api, "/orgs")
    by_district = dict(buttons(menu))["按区县"]
    fake_api.push_callback(USER, menu["message_id"], by_district)
    await until(lambda: fake_api.edits(USER))
    districts = buttons(fake_api.edits(USER)[-1])
    weiyang = next(data for label, data in districts if "未央区" in label)
    fake_api.push_callback(USER, menu["message_id"], weiyang)
    await until(lambda: len(fake_api.edits(USER)) >= 2)
    page_one = fake_api.edits(USER)[-1]
    assert "第 1/2 页" in page_one["plain"]
    next_page = dict(buttons(page_one))["下一页 ›"]
    fake_api.push_callback(USER, menu["message_id"], next_page)
    await until(lambda: len(fake_api.edits(USER)) >= 3)
    page_two = fake_api.edits(USER)[-1]
    assert "第 2/2 页" in page_two["plain"]
    names_one = {label for label, data in buttons(page_one) if data.startswith("o:")}
    names_two = {label for label, data in buttons(page_two) if data.startswith("o:")}
    assert names_one and names_two and not names_one & names_two
    card = next(data for _, data in buttons(page_two) if data.startswith("o:"))
    fake_api.push_callback(USER, menu["message_id"], card)
    await until(lambda: "来源：" in fake_api.sent(USER)[-1]["plain"])


async def test_org_command_shows_a_card_and_explains_bad_ids(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [card] = await ask(fake_api, "/org baoji-zhita-children")
    assert "宝鸡智塔儿童启能成长中心" in card["plain"] and "联系方式：资料中没有" in card["plain"]
    [missing] = await ask(fake_api, "/org no-such-org")
    assert "没有找到" in missing["plain"]


async def test_inline_query_offers_cards(fake_api: FakeBotAPI, running_bot: Application) -> None:
    fake_api.push_inline_query(USER, "心理")
    await until(lambda: fake_api.inline_answers)
    results = fake_api.inline_answers[-1]["results"]
    assert results and results[0]["title"] == "宝鸡明明心理关爱中心"


async def test_html_in_questions_and_in_knowledge_is_escaped(
    fake_api: FakeBotAPI, running_bot: Application, bot_services, tmp_path
) -> None:
    staff_file = tmp_path / "staff.yaml"
    staff_file.write_text(
        "organizations:\n"
        "  - id: angle-test\n"
        "    name: '<b>A&B</b> 测试互助会'\n"
        "    aliases: [互助会]\n"
        "    summary: '提供 <script>alert(1)</script> & 咨询'\n"
        "    source: {document: 民政局核实}\n",
        encoding="utf-8",
    )
    from knowledge.curation.apply import import_files

    assert import_files(bot_services.knowledge, [staff_file]).ok
    [reply] = await ask(fake_api, "<b>互助会</b> & <i>是做什么的")
    assert "<b>A&B</b> 测试互助会" in reply["plain"]
    assert "<script>alert(1)</script>" in reply["plain"]
    assert not fake_api.errors


async def test_a_five_thousand_character_message_is_answered(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [reply] = await ask(fake_api, "宝鸡明明心理关爱中心是做什么的" + "，真的" * 1660)
    assert "宝鸡明明心理关爱中心" in reply["plain"]


async def test_a_reply_longer_than_4096_characters_is_split(
    fake_api: FakeBotAPI, running_bot: Application, bot_services, tmp_path
) -> None:
    staff_file = tmp_path / "long.yaml"
    paragraph = "这是一段很长的介绍。" * 300  # 3,000 characters
    staff_file.write_text(
        "organizations:\n  - id: long-summary\n    name: 超长简介测试协会\n"
        f"    summary: '{paragraph}{paragraph}'\n    source: {{document: 民政局核实}}\n",
        encoding="utf-8",
    )
    from knowledge.curation.apply import import_files

    assert import_files(bot_services.knowledge, [staff_file]).ok
    replies = await ask(fake_api, "超长简介测试协会", count=2)
    assert all(len(m["plain"]) <= 4096 for m in replies)
    assert not fake_api.errors


async def test_group_messages_are_answered_only_when_addressed(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    group = -100777
    fake_api.push_message(USER, "智塔在哪里", chat_id=group, chat_type="supergroup")
    fake_api.push_message(
        USER, "@orgbot_test_bot 智塔在哪里", chat_id=group, chat_type="supergroup"
    )
    await until(lambda: fake_api.sent(group))
    await until(lambda: not fake_api.pending_updates, what="all updates fetched")
    assert len(fake_api.sent(group)) == 1
    assert "智塔" in fake_api.sent(group)[0]["plain"]


async def test_fifty_residents_at_once_are_all_answered(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    residents = range(7000, 7050)
    for user in residents:
        fake_api.push_message(user, "哪里有心理咨询")
    await until(lambda: all(fake_api.sent(u) for u in residents), timeout=30, what="50 answers")
    assert all("明明心理" in fake_api.sent(u)[0]["plain"] for u in residents)


async def test_a_blocked_user_is_remembered_and_the_bot_keeps_serving(
    fake_api: FakeBotAPI, running_bot: Application, bot_services
) -> None:
    store: ResidentsStore = bot_services.residents
    fake_api.block_user(6001)
    fake_api.push_message(6001, "智塔在哪里")
    await until(lambda: store.is_blocked(6001), what="the block to be remembered")
    [reply] = await ask(fake_api, "智塔在哪里")
    assert "智塔" in reply["plain"]


async def test_a_429_burst_is_survived_with_no_message_lost(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    fake_api.fail_next("sendMessage", count=3, retry_after=1)
    users = [8001, 8002, 8003]
    for user in users:
        fake_api.push_message(user, "智塔是做什么的")
    await until(lambda: all(fake_api.sent(u) for u in users), timeout=30, what="answers after 429")
    assert len(fake_api.flood_errors) == 3
    assert all(len(fake_api.sent(u)) == 1 for u in users)  # each answered once, none twice


async def test_a_flooding_resident_gets_one_polite_slow_down(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    flooder = 9001
    for i in range(26):
        fake_api.push_message(flooder, f"智塔 {i}")
    await until(lambda: not fake_api.pending_updates, what="the flood to be read")
    await until(lambda: any("稍等" in t for t in texts(fake_api, flooder)), timeout=40)
    slow_downs = [t for t in texts(fake_api, flooder) if "稍等" in t]
    assert len(slow_downs) == 1
    await until(lambda: len(fake_api.sent(flooder)) >= 21, timeout=40)
    assert len(fake_api.sent(flooder)) == 21  # 20 answers and the one slow-down reply


async def test_an_error_is_apologized_for_and_the_bot_keeps_running(
    fake_api: FakeBotAPI, running_bot: Application, bot_services, monkeypatch, caplog
) -> None:
    real_answer = bot_services.answerer.answer

    def broken(question: str, **kwargs):
        if "坏" in question:
            raise RuntimeError("boom " + fake_api.token)
        return real_answer(question, **kwargs)

    monkeypatch.setattr(bot_services.answerer, "answer", broken)
    [apology] = await ask(fake_api, "坏问题")
    assert "抱歉" in apology["plain"]
    [reply] = await ask(fake_api, "智塔是做什么的")
    assert "智塔" in reply["plain"]
