"""Follow-up questions in the real Application: each resident keeps their own subject."""

from __future__ import annotations

from telegram.ext import Application

from bot.services import Services
from handlers.buttons import Choice, FollowUp, FollowUpTopic
from knowledge.records import Kind
from tests.handlers.test_conversation import ask, buttons
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.waiting import until

RESIDENT_A = 6101
RESIDENT_B = 6102
GROUP = -100777


async def test_two_residents_interleaving_follow_ups_each_keep_their_subject(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [a] = await ask(fake_api, "智塔在哪", RESIDENT_A)
    [b] = await ask(fake_api, "明明心理是做什么的", RESIDENT_B)
    assert "智塔" in a["plain"] and "明明心理" in b["plain"]
    [a_phone] = await ask(fake_api, "它的电话呢", RESIDENT_A)
    [b_phone] = await ask(fake_api, "它的电话呢", RESIDENT_B)
    [a_projects] = await ask(fake_api, "那有什么项目", RESIDENT_A)
    [b_where] = await ask(fake_api, "在哪儿", RESIDENT_B)
    assert "资料中没有宝鸡智塔儿童启能成长中心的电话" in a_phone["plain"]
    assert "资料中没有宝鸡明明心理关爱中心的电话" in b_phone["plain"]
    assert a_projects["plain"].startswith("宝鸡智塔儿童启能成长中心的项目")
    assert "资料中没有宝鸡明明心理关爱中心的地址" in b_where["plain"]


async def test_two_residents_dates_of_a_figure_and_of_a_fact_never_mix(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    await ask(fake_api, "宝鸡高新区慈善协会的空调装了多少", RESIDENT_A)
    await ask(fake_api, "未央区2021年出了个培育社区社会组织的方案", RESIDENT_B)
    [b_until] = await ask(fake_api, "它管到哪一年", RESIDENT_B)
    [a_date] = await ask(fake_api, "那是截止到啥时候的", RESIDENT_A)
    assert "2021-2023" in b_until["plain"] and "空调" not in b_until["plain"]
    assert "截至2021年12月底" in a_date["plain"] and "安装空调：66台" in a_date["plain"]
    assert "项目期限" not in a_date["plain"]  # the figure just given, not every one


async def test_follow_up_buttons_work_under_a_follow_up_answer(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    await ask(fake_api, "智塔在哪", RESIDENT_A)
    [reply] = await ask(fake_api, "他们几点开门", RESIDENT_A)
    assert "资料中没有宝鸡智塔儿童启能成长中心的开放时间" in reply["plain"]
    projects = dict(buttons(reply))["相关项目"]
    assert projects == FollowUp(FollowUpTopic.PROJECTS, "baoji-zhita-children").data
    before = len(fake_api.sent(RESIDENT_A))
    fake_api.push_callback(RESIDENT_A, reply["message_id"], projects)
    await until(lambda: len(fake_api.sent(RESIDENT_A)) > before, what="the projects")
    assert "综合干预模式" in fake_api.sent(RESIDENT_A)[-1]["plain"]


async def test_a_chosen_candidate_is_what_the_next_follow_up_is_about(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [choose] = await ask(fake_api, "企业协会", RESIDENT_A)
    chosen = Choice(Kind.ORGANIZATION, "baoji-sme-association").data
    assert chosen in dict(buttons(choose)).values()
    before = len(fake_api.sent(RESIDENT_A))
    fake_api.push_callback(RESIDENT_A, choose["message_id"], chosen)
    await until(lambda: len(fake_api.sent(RESIDENT_A)) > before, what="the chosen card")
    [phone] = await ask(fake_api, "电话多少", RESIDENT_A)
    assert "宝鸡市中小企业协会" in phone["plain"]


async def test_in_a_group_another_members_question_is_no_follow_up(
    fake_api: FakeBotAPI, running_bot: Application, bot_services: Services
) -> None:
    mention = f"@{running_bot.bot.username}"
    fake_api.push_message(RESIDENT_A, f"{mention} 智塔在哪", chat_id=GROUP, chat_type="group")
    await until(lambda: len(fake_api.sent(GROUP)) == 1, what="the answer in the group")
    fake_api.push_message(RESIDENT_B, f"{mention} 它的电话呢", chat_id=GROUP, chat_type="group")
    await until(lambda: len(fake_api.sent(GROUP)) == 2, what="B's answer")
    assert "智塔" not in fake_api.sent(GROUP)[1]["plain"]
    fake_api.push_message(RESIDENT_A, f"{mention} 它的电话呢", chat_id=GROUP, chat_type="group")
    await until(lambda: len(fake_api.sent(GROUP)) == 3, what="A's follow-up")
    assert "资料中没有宝鸡智塔儿童启能成长中心的电话" in fake_api.sent(GROUP)[2]["plain"]
    assert len(bot_services.conversations) == 1  # only what was answered is remembered


async def test_two_residents_pick_from_their_own_lists(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [a] = await ask(fake_api, "未央区有哪些社工机构", RESIDENT_A)
    [b] = await ask(fake_api, "宝鸡有哪些协会", RESIDENT_B)
    assert "共 3 家" in a["plain"] and "共 7 家" in b["plain"]
    [a_second] = await ask(fake_api, "第二个是干啥的", RESIDENT_A)
    [b_second] = await ask(fake_api, "第二个是干啥的", RESIDENT_B)
    assert a_second["plain"].startswith("中海社工")
    assert b_second["plain"].startswith("宝鸡高新区民营企业协会")
    # each list is asked again of another place in its own chat
    [a_again] = await ask(fake_api, "那宝鸡呢", RESIDENT_A)
    [b_again] = await ask(fake_api, "那联合会呢", RESIDENT_B)
    assert "资料中没有宝鸡市的社工机构" in a_again["plain"]
    assert "宝鸡市公益慈善联合会" in b_again["plain"] and "金台区武术协会" not in b_again["plain"]
    [a_first] = await ask(fake_api, "那第一个呢", RESIDENT_A)  # still 未央区's 社工机构
    assert a_first["plain"].startswith("西安市未央区秋文社工服务中心")


async def test_a_card_pressed_under_a_list_is_what_it_and_the_next_pick_ask_about(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [listed] = await ask(fake_api, "未央区有哪些社工机构", RESIDENT_A)
    before = len(fake_api.sent(RESIDENT_A))
    fake_api.push_callback(RESIDENT_A, listed["message_id"], "o:changqingteng-social-work")
    await until(lambda: len(fake_api.sent(RESIDENT_A)) > before, what="the card")
    [phone] = await ask(fake_api, "它的电话呢", RESIDENT_A)
    assert "资料中没有常青藤社会工作服务中心的电话" in phone["plain"]
    [first] = await ask(fake_api, "第一个在哪", RESIDENT_A)
    assert "资料中没有西安市未央区秋文社工服务中心的地址" in first["plain"]


async def test_which_village_and_who_else_is_there_follow_each_residents_own_subject(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    await ask(fake_api, "我在陈仓有块田", RESIDENT_A)
    await ask(fake_api, "张家堡街道社会组织服务中心", RESIDENT_B)
    [village] = await ask(fake_api, "在哪个村", RESIDENT_A)
    [there] = await ask(fake_api, "那里面都有哪些组织", RESIDENT_B)
    assert "项目位于县功镇翟家村、虢镇街道西堡村" in village["plain"]
    assert "资料中没有陈仓区社会组织服务中心的地址" in village["plain"]  # nothing invented
    assert "张家堡街道社会组织服务中心引进的组织" in there["plain"]
    for name in ("陕西众益社会组织服务中心", "西安市未央区秋文社工服务中心", "中海社工"):
        assert name in there["plain"]
    assert "县功镇" not in there["plain"] and "中海社工" not in village["plain"]


async def test_a_lists_names_and_a_projects_others_follow_each_residents_own_subject(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    await ask(fake_api, "未央区有几家社工机构", RESIDENT_A)
    await ask(fake_api, "秋文社工有啥项目", RESIDENT_B)
    [names] = await ask(fake_api, "分别叫啥", RESIDENT_A)
    [others] = await ask(fake_api, "除了唯爱妈妈呢", RESIDENT_B)
    [more] = await ask(fake_api, "还有没", RESIDENT_A)
    assert "资料中未央区的社工机构就这 3 家" in names["plain"]
    for name in ("中海社工", "常青藤社会工作服务中心"):
        assert name in names["plain"] and name not in others["plain"]
    assert "除了唯爱妈妈+幸福赋能计划" in others["plain"] and "爱语行动" in others["plain"]
    assert "秦女子" not in names["plain"] and "就这 3 家" in more["plain"]


async def test_a_count_asked_of_nothing_named_is_each_residents_own_subjects(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    await ask(fake_api, "宝鸡有给自闭症娃做康复的地方没", RESIDENT_A)
    await ask(fake_api, "金台区武术协会", RESIDENT_B)
    [a_count] = await ask(fake_api, "服务过多少孩子", RESIDENT_A)
    [b_count] = await ask(fake_api, "在几个学校教过", RESIDENT_B)
    assert "164名" in a_count["plain"] and "8所" not in a_count["plain"]
    assert "8所" in b_count["plain"] and "164名" not in b_count["plain"]


async def test_a_list_of_none_and_what_each_listed_does_follow_each_residents_own_list(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    await ask(fake_api, "宝鸡有哪些基金会", RESIDENT_A)
    await ask(fake_api, "高新区有啥组织", RESIDENT_B)
    [a_again] = await ask(fake_api, "那未央区呢", RESIDENT_A)
    [b_each] = await ask(fake_api, "它们都干了些啥", RESIDENT_B)
    assert "资料中没有未央区的基金会" in a_again["plain"]
    assert "这 2 家做什么" in b_each["plain"] and "情暖农村幸福院" in b_each["plain"]
    assert "基金会" not in b_each["plain"] and "高新区" not in a_again["plain"]


async def test_one_of_a_list_told_by_what_it_does_is_answered_for_its_resident(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    await ask(fake_api, "张家堡街道引进了哪些社会组织", RESIDENT_A)
    await ask(fake_api, "宝鸡高新区有哪些社会组织", RESIDENT_B)
    [a] = await ask(fake_api, "那个关注心理健康的，电话多少", RESIDENT_A)
    [b] = await ask(fake_api, "那个做养老的在哪", RESIDENT_B)
    assert "资料中没有西安市未央区秋文社工服务中心的电话" in a["plain"]
    assert "资料中没有宝鸡高新区慈善协会的地址" in b["plain"]


async def test_a_list_refused_for_its_place_is_asked_again_of_ours_for_its_resident(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [refused] = await ask(fake_api, "咸阳有没有做心理咨询的", RESIDENT_A)
    await ask(fake_api, "未央区有哪些社工机构", RESIDENT_B)
    [a] = await ask(fake_api, "那宝鸡呢", RESIDENT_A)
    assert "只有宝鸡市和西安市未央区" in refused["plain"]
    assert "宝鸡明明心理关爱中心" in a["plain"] and "中海社工" not in a["plain"]


async def test_a_figure_of_those_listed_together_is_each_ones_never_a_sum(
    fake_api: FakeBotAPI, running_bot: Application
) -> None:
    [listed] = await ask(fake_api, "宝鸡有哪些做心理的组织", RESIDENT_A)
    assert "宝鸡明明心理关爱中心" in listed["plain"]
    [total] = await ask(fake_api, "那几家一共服务了多少人", RESIDENT_A)
    assert total["plain"].startswith("资料中没有这 3 家加在一起的数字")
    assert "36人次（截至2021）" in total["plain"] and "2万人（截至2021）" in total["plain"]
    assert "281" not in total["plain"]
