"""Adversarial questions, round 9 (issue 16, cause 3): our own rows for the causes probe 12
showed (questions_dev_round9a.yaml). A named organization asked for a figure, a founding date
or an officer that no record holds is not answered: the reply says what the records lack,
what can be asked and that a person can take it up, and the organization stays the chat's
subject; a figure the records hold, on the organization or its project, is still answered.
Prices by the unit sold in, loans, partners found, a care given by the bot itself, a year's
edition no record has, an organization's accounts, forgery and harm asked for are refused,
whoever is named."""

from __future__ import annotations

from typing import Any

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.gate import Decision
from knowledge.answering.scope import Refusal
from tests.knowledge.answering.chat import (
    ANSWERED_KINDS,
    REFUSED_KINDS,
    cases,
    in_one_chat,
    judged,
    table,
)

CASES = cases("questions_dev_round9a.yaml")


def _turns(case: dict[str, Any]) -> list[str]:
    return case.get("conversation") or [case["q"]]


@pytest.mark.parametrize("case", table(CASES, {}, *REFUSED_KINDS))
def test_what_is_not_ours_is_not_answered(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = in_one_chat(answerer, _turns(case))
    assert judged(answerer, case, answer), answer.text


@pytest.mark.parametrize("case", table(CASES, {}, *ANSWERED_KINDS))
def test_a_near_miss_is_still_answered(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = in_one_chat(answerer, _turns(case))
    assert judged(answerer, case, answer), answer.text


# (turns, the organization, what the reply says it lacks)
NOT_HELD = [
    (["中小企业协会的专家顾问团有多少人"], "baoji-sme-association", "资料中没有您问的这个数字"),
    (["武术协会有几个教练员"], "jintai-wushu", "资料中没有您问的这个数字"),
    (
        ["智塔什么时候成立的"],
        "baoji-zhita-children",
        "资料中没有宝鸡智塔儿童启能成长中心的成立日期",
    ),
    (["金台区武术协会会长是谁"], "jintai-wushu", "负责人（会长、理事长等）姓名"),
    # one with no figures at all: its founding date still, not "没有这方面的数字"
    (["常青藤社会工作服务中心成立于哪年"], "changqingteng-social-work", "的成立日期"),
    (["秋文社工哪年成立的"], "weiyang-qiuwen-social-work", "的成立日期"),
    (["智塔在哪", "它是什么时候成立的"], "baoji-zhita-children", "的成立日期"),
    (["明明心理", "这个组织什么时候成立的"], "baoji-mingming-psychology", "的成立日期"),
    (["秋文社工在哪", "负责人是谁"], "weiyang-qiuwen-social-work", "负责人"),
]


@pytest.mark.parametrize(
    ("turns", "org", "lacks"), NOT_HELD, ids=[" / ".join(t) for t, *_ in NOT_HELD]
)
def test_what_no_record_holds_of_a_named_one_is_unknown(
    answerer: Answerer, turns: list[str], org: str, lacks: str
) -> None:
    answer = in_one_chat(answerer, turns)
    assert not answer.answered and answer.decision == Decision.UNKNOWN, answer.text
    assert lacks in answer.text and "可以问" in answer.text and "转人工" in answer.text
    assert answer.subject is not None and answer.subject.id == org  # "它是做什么的" next


def test_a_follow_up_after_what_no_record_holds_is_about_the_same_one(
    answerer: Answerer,
) -> None:
    answer = in_one_chat(answerer, ["益人行志愿者协会有多少员工", "它是做什么的"])
    assert answer.answered and answer.results[0]["id"] == "yirenxing-volunteers", answer.text


# (question, why it is refused): the reply says why
REASONS = [
    ("红咖汇的奶茶多少钱一杯", Refusal.MARKET),
    ("想找银行贷点款开个小超市，贷多少合适", Refusal.MARKET),
    ("秋文社工能不能给我介绍个女朋友", Refusal.DATING),
    ("你直接给我做个心理疏导吧", Refusal.SERVED_HERE),
    ("宝鸡市2019年度社会组织典型事例有哪些", Refusal.UNRECORDED),
    ("What is the yearly budget of Zhita?", Refusal.FINANCES),
    ("陈仓区社会组织服务中心能帮我办个假毕业证吗", Refusal.ATTACK),
    ("中海社工的老板到底多有钱", Refusal.PERSONAL_DATA),
    ("听说情暖幸福院的空调被人倒卖了", Refusal.REPORT),
    ("夕阳红老年艺术团的电话是多少", Refusal.NOT_LISTED),
    ("Who is the director of the Mingming center?", Refusal.REGISTRY),
]


@pytest.mark.parametrize(("question", "kind"), REASONS, ids=[q for q, _ in REASONS])
def test_a_refusal_says_why(answerer: Answerer, question: str, kind: Refusal) -> None:
    answer = answerer.answer(question, log_question=False)
    assert not answer.answered and answer.refusal == kind, answer.text


# Words near those refused that ask for a service: still answered.
STILL_SERVED = [
    "请假证明开不了，哪里能帮忙做法律咨询",  # 请假证明 is no forgery
    "any non-profit for low-income families' children in Weiyang?",  # non-profit, no accounts
    "暑假有什么活动能让娃参加，未央区",
    "社区养老服务中心在哪",  # a kind asked for, not a name
]


@pytest.mark.parametrize("question", STILL_SERVED)
def test_words_near_a_refusal_are_not_refused(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question, log_question=False)
    wrong = (Refusal.ATTACK, Refusal.FINANCES, Refusal.DATING, Refusal.NOT_LISTED)
    assert answer.refusal not in wrong, answer.text
