"""A question naming an organization is read for what it asks besides the name (issue 16,
cause 3): what no record holds gets the honest reply, not the organization's introduction;
what the organization's service is asked (who it takes, a fee, hours, a need, its phone)
is answered as before."""

from __future__ import annotations

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.context import Conversations
from knowledge.answering.gate import Decision
from tests.knowledge.answering.chat import family

# (question, the organization named): answered with its introduction before this check
NOT_HELD = [
    ("金台区武术协会的教练会不会轻功", "jintai-wushu"),
    ("宝鸡市公益慈善联合会明年会不会解散啊", "baoji-charity-federation"),
    ("宝鸡高新区慈善协会给幸福院装的空调是格力的还是美的的", "baoji-hitech-charity"),
    ("宝鸡高新区民营企业协会里哪家企业老板最有钱", "baoji-hitech-private-enterprises"),
    ("宝鸡市公益慈善联合会的人信什么宗教", "baoji-charity-federation"),
    ("陈仓区社会组织服务中心主任今年多大年纪了", "chencang-sozo-center"),
    ("给我讲个关于金台区武术协会的笑话", "jintai-wushu"),
    # a figure or an activity asked, with several words no record holds
    (
        "宝鸡市青年文学艺术联合会办的服饰大赛，那个得冠军的模特长得漂亮不",
        "baoji-youth-arts-federation",
    ),
    (
        "少年军校那次活动娃们在军营里吃的啥饭？我想照着在家给娃做一顿",
        "baoji-national-defense-education",
    ),
]


@pytest.mark.parametrize(("question", "org"), NOT_HELD, ids=[q[:16] for q, _ in NOT_HELD])
def test_what_no_record_holds_about_a_named_organization_is_said_so(
    answerer: Answerer, question: str, org: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert not answer.answered and answer.decision == Decision.UNKNOWN, answer.text
    assert answer.text.startswith("资料中没有") and "可以问" in answer.text
    assert answerer.catalog.organizations[org].summary not in answer.text  # no introduction


# (question, organization, what the reply says): the organization's service asked about
STILL_ANSWERED = [
    ("金台区武术协会收不收幼儿园的娃", "jintai-wushu", ""),
    ("金台区武术协会收费吗", "jintai-wushu", "资料中没有写明"),
    ("金台区武术协会周末开门吗", "jintai-wushu", ""),
    ("智塔收不收三岁的孩子", "baoji-zhita-children", ""),
    ("宝鸡全民国仿教育协会的少年军校要交钱吗", "baoji-national-defense-education", "免费"),
    ("明明心理关爱中心能做心理咨询吗", "baoji-mingming-psychology", ""),
    ("明明心理关爱中心管不管失眠", "baoji-mingming-psychology", ""),
    ("明明心理关爱中心电话多少", "baoji-mingming-psychology", "资料中没有"),
    ("金台区武术协会会长是谁", "jintai-wushu", "负责人"),
    ("经二路联合会能帮忙修水管吗", "jingerlu-community-federation", ""),
    ("明明心理关爱中心提供婚姻咨询吗", "baoji-mingming-psychology", ""),
    # what it is, has done, what kind of body, who may take part (the tuning and holdout sets)
    ("宝鸡支援河南抗洪救灾是怎么回事", "baoji-charity-federation", ""),
    ("高新慈善协会做了啥好事", "baoji-hitech-charity", ""),
    ("公益慈善联合会是官方的不", "baoji-charity-federation", ""),
    ("青年艺术大舞台普通人能上去演不", "baoji-youth-arts-federation", ""),
    ("秋文社工服務中心做甚麼的", "weiyang-qiuwen-social-work", ""),
    ("宣传海报是谁印的，情暖农村幸福院", "baoji-hitech-charity", ""),
    ("谁家办的少年军校", "baoji-national-defense-education", ""),
    ("给我讲讲智塔是干啥的", "baoji-zhita-children", ""),
    ("年轻人想学文学写作，宝鸡有青年文联这种组织没有", "baoji-youth-arts-federation", ""),
    ("我想去青年艺术大舞台上唱一段，有啥门槛没有", "baoji-youth-arts-federation", "零门槛"),
    (
        "宝鸡市全民国防教育协会的少年军校活动前后延续了多少天",
        "baoji-national-defense-education",
        "",
    ),
    ("秋文社工在张家堡都引进了哪些项目", "weiyang-qiuwen-social-work", ""),
    ("高新区慈善协会那个情暖幸福院项目打算解决多少个幸福院的问题", "baoji-hitech-charity", "87"),
]


@pytest.mark.parametrize(
    ("question", "org", "said"), STILL_ANSWERED, ids=[q[:16] for q, _, _ in STILL_ANSWERED]
)
def test_a_named_organizations_service_asked_is_answered(
    answerer: Answerer, question: str, org: str, said: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered, answer.text
    assert answer.results[0]["id"] in family(answerer, org), answer.text
    assert said in answer.text


def test_the_organization_stays_the_subject_of_a_follow_up(answerer: Answerer) -> None:
    chat = Conversations()
    first = answerer.answer("金台区武术协会的教练会不会轻功", log_question=False)
    assert not first.answered
    chat.update(0, first)
    then = answerer.answer("它是做什么的", log_question=False, context=chat.get(0))
    assert then.answered and then.results[0]["id"] in family(answerer, "jintai-wushu")
    assert "武术" in then.text
