"""Stories, plain and off-topic questions, round 11 m (issue 16): our own rows for what this
round fixed (questions_dev_round11m.yaml) — small talk or a shop already visited told as a
story's scene, a count of activities asked of the organizations just named (那几家), a
general-knowledge fact about a topic, a line of work weighed — and the near misses that
stay as they were."""

from __future__ import annotations

from typing import Any

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.list_questions import is_count_question
from knowledge.answering.scope import Refusal
from knowledge.answering.weighing import asks_of_several, for_whom
from tests.knowledge.answering.chat import (
    ANSWERED_KINDS,
    REFUSED_KINDS,
    cases,
    in_one_chat,
    judged,
    table,
)


def assert_refused_as(answerer: Answerer, text: str, kind: Refusal | None) -> None:
    """What the resident is told: refused for that reason, or not refused at all."""
    answer = answerer.answer(text, log_question=False)
    assert answer.refusal == kind, answer.text
    if kind is not None:
        assert not answer.answered, answer.text


CASES = cases("questions_dev_round11m.yaml")
# Not fixed yet (strict: fixing one shows up).
KNOWN_MISSES = {
    # no "专门给…的": 女娃 reads as a girl (女孩), 姐妹 as no one
    "一个人在西安未央打工的女娃，想认识些姐妹一起参加公益活动，有没有": "公益活动 outweighs 姐妹",
    # 这几家 is still read as the measure asked (figure_questions.measured_units): the count
    # of organizations is offered beside the activities'
    "这几家社会组织总共开展了多少场活动，未央区的": "a choice with the organizations' count",
}


@pytest.mark.parametrize("case", table(CASES, KNOWN_MISSES, *ANSWERED_KINDS))
def test_what_the_resident_asks_is_answered(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = in_one_chat(answerer, case.get("conversation") or [case["q"]])
    assert judged(answerer, case, answer), answer.text


@pytest.mark.parametrize("case", table(CASES, KNOWN_MISSES, *REFUSED_KINDS))
def test_what_is_not_ours_stays_refused(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = in_one_chat(answerer, [case["q"]])
    assert not answer.answered, answer.results[:1]


# The weather told as how things are, in a clause asking nothing of it, beside the clauses
# that ask: the story's scene. Asked of in its own clause (咋样, 会不会, 明天…不), or the
# whole question, it is still no question of ours.
SCENES = [
    ("今年这天气热得邪乎，说正事，我想找个地方学学怎么经营", None),
    ("这几天下雨下个不停 心里烦 想找个人聊聊", None),
    ("天气越来越冷了，想给村里老人活动室装个空调", None),
    ("明天宝鸡天气咋样", Refusal.OFF_TOPIC),
    ("今天天气不错，宝鸡明天会下雨吗", Refusal.OFF_TOPIC),
    ("陈仓区明天下雨不，要不要带伞下地", Refusal.OFF_TOPIC),
    ("最近老下雨", Refusal.OFF_TOPIC),
]


@pytest.mark.parametrize(("text", "kind"), SCENES, ids=[t for t, _ in SCENES])
def test_the_weather_told_as_a_scene_asks_nothing(
    answerer: Answerer, text: str, kind: Refusal | None
) -> None:
    assert_refused_as(answerer, text, kind)


# A shop named as where the family has been (商场都逛腻了, 超市商场都逛遍了) asks no price;
# a shop asked for is still the market's.
SHOPS = [
    ("商场都逛腻了，社区有没有亲子活动", None),
    ("超市商场都逛遍了，想找个志愿者组织", None),
    ("未央区哪个商场人少", Refusal.MARKET),
    ("商场打折是哪天", Refusal.MARKET),
]


@pytest.mark.parametrize(("text", "kind"), SHOPS, ids=[t for t, _ in SHOPS])
def test_a_shop_visited_is_no_market_question(
    answerer: Answerer, text: str, kind: Refusal | None
) -> None:
    assert_refused_as(answerer, text, kind)


# 那几家, 这几个, 他们几家: the organizations pointed at, not a count of them asked; their
# figure asked together is a sum, which the fact holds (an organization sharing the kind's
# words, 中海社工 of 社工机构, is weighed down; one named keeps its own figure).
COUNTS = [
    ("未央那几家社工机构一共搞了多少场活动", False),
    ("未央区的几家社工机构加起来搞过多少场活动", False),
    ("未央区有几家社工机构", True),
    ("未央区的社工机构有几家", True),
]


@pytest.mark.parametrize(("text", "counts"), COUNTS, ids=[t for t, _ in COUNTS])
def test_organizations_pointed_at_are_not_counted(text: str, counts: bool) -> None:
    assert is_count_question(text) is counts


SEVERAL = [
    ("那几家社工机构搞了多少活动", True),
    ("秋文社工他们几家一共办了多少场活动", True),
    ("这些社会组织一共服务了多少人", True),
    ("未央有没有人关注这些娃", False),
    ("未央区有几家社工机构", False),
]


@pytest.mark.parametrize(("text", "several"), SEVERAL, ids=[t for t, _ in SEVERAL])
def test_several_organizations_pointed_at(text: str, several: bool) -> None:
    assert asks_of_several(text) is several


# Prizes and games of the world, a day of the calendar: general knowledge the records hold
# none of. When something of ours was held, or whom a weekend activity is for, stays ours.
GENERAL = [
    ("今年诺贝尔和平奖颁给谁了", Refusal.OFF_TOPIC),
    ("武术是奥运会比赛项目吗", Refusal.OFF_TOPIC),
    ("国防教育日是哪一天", Refusal.OFF_TOPIC),
    ("母亲节是几月几号", Refusal.OFF_TOPIC),
    ("少年军校是哪一天开营的", None),
    ("未央区星期日有没有带娃参加的社区活动", None),
    ("国防教育协会平时搞什么活动", None),
    # a child trained for them asks for a lesson (review11)
    ("想让孩子练武术以后参加全运会哪里能学", None),
    ("奥运会在哪里举办", Refusal.OFF_TOPIC),
]


@pytest.mark.parametrize(("text", "kind"), GENERAL, ids=[t for t, _ in GENERAL])
def test_general_knowledge_is_no_question_of_ours(
    answerer: Answerer, text: str, kind: Refusal | None
) -> None:
    assert_refused_as(answerer, text, kind)


# A line of work wanted (当主播, 做带货主播, 当美甲师) is a job question, trained for or not;
# a volunteer's training, or a story's "I am one" clause, is not.
CAREERS = [
    ("想当网络主播，要不要去培训", Refusal.JOB),
    ("闺女想当美甲师，哪里能学", Refusal.JOB),
    ("想当志愿者，要不要先去培训", None),
    ("我是做月嫂的，想找个协会加入", None),
    # told beside a service of ours asked for (review11)
    ("我想当月嫂但是家里老人没人照顾有没有养老服务", None),
    ("想当模特的女孩子有没有公益活动", None),
]


@pytest.mark.parametrize(("text", "kind"), CAREERS, ids=[t for t, _ in CAREERS])
def test_a_line_of_work_wanted_is_a_job_question(
    answerer: Answerer, text: str, kind: Refusal | None
) -> None:
    assert_refused_as(answerer, text, kind)


# Whom a service is asked for, named as such (专门给女性办的): the topics of that group, whose
# records only are not weighed down.
FOR_WHOM = [
    ("想参加点专门给女性办的公益活动", {"T:妇女家庭"}),
    ("有没有专门为老人开的", {"T:养老助老"}),
    ("有没有专门给孩子办的儿童保护活动", {"T:儿童青少年"}),
    ("我专门请了假，想给女性朋友找个活动", set()),
]


@pytest.mark.parametrize(("text", "topics"), FOR_WHOM, ids=[t for t, _ in FOR_WHOM])
def test_whom_a_service_is_asked_for(answerer: Answerer, text: str, topics: set[str]) -> None:
    assert for_whom(answerer.index, text) == topics


# What a right to land or a house allows (宅基地能不能卖) is the law's; a quarrel over it told
# before a need, or mediation asked for, is not. An art's or a craft's schools (流派, 门派) are
# knowledge; which teachers one of ours has is not.
KNOWLEDGE = [
    ("宅基地能不能卖", Refusal.LEGAL),
    ("承包地能转让给别人吗", Refusal.LEGAL),
    ("宅基地纠纷哪里能调解", None),
    ("太极拳有哪些流派", Refusal.EXPLANATION),
    ("中国功夫分几大门派", Refusal.EXPLANATION),
    ("金台区武术协会有哪些流派的老师", None),
    ("哪里能学秦腔", None),
]


@pytest.mark.parametrize(("text", "kind"), KNOWLEDGE, ids=[t for t, _ in KNOWLEDGE])
def test_a_right_or_an_arts_schools_is_no_service(
    answerer: Answerer, text: str, kind: Refusal | None
) -> None:
    assert_refused_as(answerer, text, kind)


# An illness, an operation, a shop or a purchase told in a clause asking nothing, before a
# service of ours asked for in another (an organization, an activity, someone who sees to
# it), is the story's background; asked of in its own clause, or beside a hospital or a shop
# asked for, it is still refused.
BACKGROUNDS = [
    ("去年刚做完手术，现在身体恢复得差不多了，想在未央区找点志愿活动参加", None),
    ("前两天去医院体检，医生说我血压有点高，想找个志愿者组织参加", None),
    ("刚在网上买了个空调，想着捐给村里的老年活动室，高新区有人对接这事吗", None),
    ("孩子发烧三天了，吃了药也不退，宝鸡有没有好点的儿科医院", Refusal.MEDICAL),
    ("最近血压有点高，吃什么能降下来", Refusal.MEDICAL),
    ("孩子得了自闭症，吃什么药，有没有机构推荐", Refusal.MEDICAL),
    ("家门口新开了个超市，东西便宜不便宜", Refusal.MARKET),
    ("孩子感冒发烧，社区卫生服务中心在哪", Refusal.MEDICAL),
    ("娃过敏起疹子，有没有中医的公益活动", Refusal.MEDICAL),
    # matched across clauses, in none alone: the whole question asks it
    ("娃咳嗽好几天了，常青藤社工能给瞧一哈不", Refusal.MEDICAL),
]


@pytest.mark.parametrize(("text", "kind"), BACKGROUNDS, ids=[t for t, _ in BACKGROUNDS])
def test_an_illness_or_a_shop_told_before_a_service_asked(
    answerer: Answerer, text: str, kind: Refusal | None
) -> None:
    assert_refused_as(answerer, text, kind)
