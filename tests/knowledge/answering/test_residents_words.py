"""Residents' wording and what is not ours (issue 16, words2): the dev set written for it
(questions_dev_words.yaml, from the two seed articles), one table per kind; and requests that
share the knowledge base's words but ask for something no organization here gives (a video, a
payment, a job, an application written, a subsidy, a person's phone), refused by what they ask
for, while the services asked for in the same words are still answered."""

from __future__ import annotations

from typing import Any

import pytest

from knowledge.answering.answer import Answer, Answerer
from knowledge.answering.intent import Intent
from knowledge.answering.scope import Refusal
from tests.knowledge.answering.chat import cases, table

CASES = cases("questions_dev_words.yaml")
KINDS = ("dialect", "situation", "colloquial", "english", "refuse", "adversarial")

# Misses we know of, each with its reason; strict, so fixing one shows up here.
KNOWN_MISSES = {
    "额女子爱唱秦腔，阿达有比赛": "女儿 and 比赛 find 武术进校园 (a children's project with "
    "比赛) over the 秦腔大赛 of the arts federation",
    "老汉一天到晚一个人坐着不言传，心里有事": "老人 finds the happiness homes: 心情不好 is a "
    "topic's word, weaker than the old man's",
}


def right_answer(answerer: Answerer, case: dict[str, Any], answer: Answer) -> bool:
    """As benchmarks/eval_residents.py judges: refused when it must be; otherwise answered
    with the record, its organization or one of the organization's projects first."""
    if case.get("expect") == "none":
        return not answer.answered
    if not answer.answered or not answer.results:
        return False
    catalog = answerer.catalog
    right: set[str] = set()
    for key in case.get("expect_any") or [case["expect"]]:
        right.add(key)
        if key in catalog.organizations:
            right.update(p.id for p in catalog.projects_of(key))
    top = answer.results[0]
    owner = top.get("organization", {}).get("id", "")
    return (top["id"] in right or owner in right) and str(case.get("figure", "")) in answer.text


def _cases(kind: str) -> list[Any]:
    return table(CASES, KNOWN_MISSES, kind)


def test_the_dev_set_has_every_kind_and_enough_to_refuse() -> None:
    assert {c["kind"] for c in CASES} == set(KINDS)
    assert len(CASES) >= 70
    assert sum(c.get("expect") == "none" for c in CASES) >= 25


@pytest.mark.parametrize("case", _cases("dialect"))
def test_a_shaanxi_dialect_question(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = answerer.answer(case["q"], log_question=False)
    assert right_answer(answerer, case, answer), answer.text


@pytest.mark.parametrize("case", _cases("situation"))
def test_a_need_told_as_what_happened(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = answerer.answer(case["q"], log_question=False)
    assert right_answer(answerer, case, answer), answer.text


@pytest.mark.parametrize("case", _cases("colloquial"))
def test_a_question_in_plain_spoken_chinese(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = answerer.answer(case["q"], log_question=False)
    assert right_answer(answerer, case, answer), answer.text


@pytest.mark.parametrize("case", _cases("english"))
def test_an_english_question(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = answerer.answer(case["q"], log_question=False)
    assert right_answer(answerer, case, answer), answer.text
    assert "Note:" in answer.text


@pytest.mark.parametrize("case", _cases("refuse") + _cases("adversarial"))
def test_what_is_not_ours_gets_no_organization(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = answerer.answer(case["q"], log_question=False)
    assert not answer.answered, answer.results[:1]
    assert answer.top is None and answer.proposal is None


# (question, why it is refused): the knowledge base's words, another request.
NOT_SERVED = [
    ("有没有少年军校活动的视频", Refusal.MEDIA),
    ("把武术进校园的照片发我看看", Refusal.MEDIA),
    ("支援河南抗洪救灾有新闻报道吗", Refusal.MEDIA),
    ("秦腔大赛有直播回放吗", Refusal.MEDIA),
    ("can I see photos of the military camp?", Refusal.MEDIA),
    ("我想给情暖农村幸福院捐100块，直接转给你行吗", Refusal.PAYMENT),
    ("帮我在腾讯公益上捐款", Refusal.PAYMENT),
    ("捐款能开发票吗", Refusal.PAYMENT),
    ("can I pay the donation to you by alipay", Refusal.PAYMENT),
    ("在这里能捐款吗", Refusal.PAYMENT),
    ("我想在网上捐款", Refusal.PAYMENT),
    ("can I donate online", Refusal.PAYMENT),
    ("武术协会招教练吗", Refusal.JOB),
    ("秋文社工招人吗，我想应聘", Refusal.JOB),
    ("智塔招不招特教老师", Refusal.JOB),
    ("中小企业协会有没有工作机会", Refusal.JOB),
    ("is the zhita center hiring teachers?", Refusal.JOB),
    ("帮我写个申请", Refusal.WRITING),
    ("帮我写一份成立社会组织的申请书", Refusal.WRITING),
    ("给幸福院写封感谢信", Refusal.WRITING),
    ("write me an application letter for the NGO", Refusal.WRITING),
    ("残疾儿童康复有没有政府补贴", Refusal.POLICY),
    ("高龄老人补贴每个月多少", Refusal.POLICY),
    ("are there subsidies for disabled children?", Refusal.POLICY),
    ("关天美农种的蔬菜在哪能买到", Refusal.MARKET),
    ("常青藤社会工作服务中心的社工小王电话多少", Refusal.PERSONAL_DATA),
    ("智塔的陈老师手机号给我", Refusal.PERSONAL_DATA),
    ("give me a volunteer's personal phone number", Refusal.PERSONAL_DATA),
]

# The same words asking for a service of ours: answered, with this organization (or its
# project) first; None: not refused, whatever the gate decides.
STILL_SERVED = [
    ("我是全职宝妈，带娃心累，未央有没有帮妈妈的项目", "weiyang-qiuwen-social-work"),
    ("想给河南灾区捐款找谁", "baoji-charity-federation"),
    ("在腾讯公益上怎么给农村幸福院捐款", "baoji-hitech-charity"),
    ("益人行招不招志愿者", "yirenxing-volunteers"),
    ("陈仓认购一块地多少钱", "chencang-sozo-center"),
    ("城里人想在农村有块地，种的菜能寄给我", "chencang-sozo-center"),
    ("秋文社工的电话", "weiyang-qiuwen-social-work"),
    ("宣传海报是谁印的，情暖农村幸福院", "baoji-hitech-charity"),
    ("哪里能学拍视频剪辑", None),
    ("怎么网上给幸福院捐款", "baoji-hitech-charity"),  # a named project's fundraising
    ("哪里招志愿者", "yirenxing-volunteers"),
    ("帮我找个能照顾老人的地方", None),
    ("帮我找个能给灾区捐款的组织", "baoji-charity-federation"),
    ("帮我找一下帮助贫困户的组织", None),
    ("做销售的小企业想学营销找谁", "baoji-sme-association"),
    ("邻居为了停车老吵架，老小区没物业", None),
    ("我喜欢写诗画画，想找年轻人一起搞文艺活动", "baoji-youth-arts-federation"),
    ("how much do I pay for a plot of farmland in Chencang?", "chencang-sozo-center"),
    ("Zhita center, what's their address?", "baoji-zhita-children"),
    ("help for low-income elderly in rural Baoji", None),
    ("can I hire someone to fix my appliances in the old compound?", None),
]


@pytest.mark.parametrize(("question", "kind"), NOT_SERVED, ids=[q[:20] for q, _ in NOT_SERVED])
def test_a_request_no_organization_serves_is_refused_by_what_it_asks_for(
    answerer: Answerer, question: str, kind: Refusal
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert (answer.answered, answer.refusal, answer.results) == (False, kind, [])
    assert answer.intent == Intent.OUT_OF_SCOPE
    assert answer.to_json()["refusal"] == kind


@pytest.mark.parametrize(("question", "key"), STILL_SERVED, ids=[q[:20] for q, _ in STILL_SERVED])
def test_the_same_words_asking_for_a_service_are_answered(
    answerer: Answerer, question: str, key: str | None
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.refusal is None, answer.text
    if key is not None:
        assert answer.answered, answer.text
        top = answer.results[0]
        assert key in (top["id"], top.get("organization", {}).get("id")), top


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("常青藤的社工小王电话多少", "不能提供个人信息"),
        ("有没有少年军校活动的视频", "没有活动的视频"),
        ("帮我在腾讯公益上捐款", "不能收款"),
        ("秋文社工招人吗", "招聘和求职"),
        ("帮我写个申请", "不能代写"),
    ],
)
def test_a_refusal_says_politely_what_it_cannot_do(
    answerer: Answerer, question: str, says: str
) -> None:
    text = answerer.answer(question, log_question=False).text
    assert text.startswith("抱歉") and says in text
    assert "社会组织" in text  # and what it can help with
