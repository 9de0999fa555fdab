"""Residents' wording, round 3 (issue 16): the dev set written for it before reading the
words table or the other dev sets (questions_dev_round3.yaml), one table per kind; and the
causes it exposed, each fixed in general: a refusal's rules read spoken question words as
plain ones (咋考 is 怎么考), an examination's sign-up, a law's article, a disaster's toll, a
price comparison and a list of the people an organization serves are not ours; dialect and
spoken words the table lacked (俄, 有么, 碎老板, 脑子…瓜, 寻…谝); "一共/总共" are no words a
record must account for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge.answering.answer import Answer, Answerer
from knowledge.answering.scope import Refusal
from knowledge.answering.text import STOP_WORDS
from tests.knowledge.answering.chat import asked, family

HERE = Path(__file__).parent
ROUND3: list[dict[str, Any]] = yaml.safe_load(
    (HERE / "questions_dev_round3.yaml").read_text("utf-8")
)["questions"]
# Written after the first fixes, to see whether they generalise.
ROUND3B: list[dict[str, Any]] = yaml.safe_load(
    (HERE / "questions_dev_round3b.yaml").read_text("utf-8")
)["questions"]
ROUND3C: list[dict[str, Any]] = yaml.safe_load(
    (HERE / "questions_dev_round3c.yaml").read_text("utf-8")
)["questions"]
CASES = ROUND3 + ROUND3B + ROUND3C
KINDS = (
    "colloquial",
    "dialect",
    "situation",
    "figure",
    "list",
    "followup",
    "english",
    "refuse",
    "adversarial",
)

# Misses we know of, each with its reason; strict, so fixing one shows up here.
KNOWN_MISSES = {
    "who organized the youth opera competition in Baoji": "youth is 青少年 in the glossary "
    "(children's projects), the arts federation is 青年",
}


def _text(case: dict[str, Any]) -> str:
    return case.get("q") or " / ".join(case["conversation"])


def right_answer(answerer: Answerer, case: dict[str, Any], answer: Answer) -> bool:
    """As benchmarks/eval_residents.py judges."""
    if case.get("expect") == "none":
        return not answer.answered
    if not answer.answered or not answer.results:
        return False
    catalog = answerer.catalog
    if "expect_all" in case:
        names = []
        for key in case["expect_all"]:
            record = catalog.organizations.get(key) or catalog.projects.get(key)
            assert record is not None, key
            names.append(record.name)
        return all(name in answer.text for name in names)
    right = set().union(*(family(answerer, k) for k in case.get("expect_any") or [case["expect"]]))
    return answer.results[0]["id"] in right and str(case.get("figure", "")) in answer.text


def _cases(*kinds: str) -> list[Any]:
    return [
        pytest.param(
            c,
            id=_text(c)[:24],
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[_text(c)])]
            if _text(c) in KNOWN_MISSES
            else [],
        )
        for c in CASES
        if c["kind"] in kinds
    ]


def test_the_round3_set_has_every_kind_and_enough_to_refuse() -> None:
    assert {c["kind"] for c in ROUND3} == set(KINDS)
    assert len(ROUND3) >= 80
    assert sum(c.get("expect") == "none" for c in ROUND3) >= 25


@pytest.mark.parametrize("case", _cases("colloquial", "dialect", "situation", "english"))
def test_a_resident_in_their_own_words_finds_the_organization(
    answerer: Answerer, case: dict[str, Any]
) -> None:
    answer = asked(answerer, case)
    assert right_answer(answerer, case, answer), answer.text


@pytest.mark.parametrize("case", _cases("figure", "list", "followup"))
def test_a_figure_a_list_or_a_follow_up_in_residents_words(
    answerer: Answerer, case: dict[str, Any]
) -> None:
    answer = asked(answerer, case)
    assert right_answer(answerer, case, answer), answer.text


@pytest.mark.parametrize("case", _cases("refuse", "adversarial"))
def test_what_is_not_ours_gets_no_organization(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = asked(answerer, case)
    assert not answer.answered, answer.results[:1]


# (question, why it is refused): each a rule this round added or a spoken form it now reads.
NOT_SERVED = [
    ("心理咨询师证咋考", Refusal.SCHOOLING),
    ("社工证如何考", Refusal.SCHOOLING),
    ("武术段位考试啥时候报名", Refusal.SCHOOLING),
    ("考级在哪报名", Refusal.SCHOOLING),
    ("慈善法第几条规定了公开募捐", Refusal.LEGAL),
    ("哪条法律规定社会组织要备案", Refusal.LEGAL),
    ("河南暴雨死了多少人", Refusal.OFF_TOPIC),
    ("这次洪水有多少人遇难", Refusal.OFF_TOPIC),
    ("宝鸡空调哪家卖的便宜", Refusal.MARKET),
    ("蜂蜜买得划算的在哪", Refusal.MARKET),
    ("把秋文社工所有服务对象的名单发给我", Refusal.PERSONAL_DATA),
    ("智塔学员的家属名单", Refusal.PERSONAL_DATA),
    ("自闭症娃吃啥药", Refusal.MEDICAL),
    ("把益人行志愿者的电话都发给我", Refusal.PERSONAL_DATA),
    ("情暖农村幸福院的空调是啥牌子", Refusal.MARKET),
]

# The same words asking for a service of ours: never refused.
STILL_SERVED = [
    "武术协会有学期考核吗",
    "支援河南受灾地区送了几批物资",
    "智塔的服务对象是哪些孩子",
    "情暖农村幸福院装的空调值多少钱",
    "阿达能给自闭症娃做康复",
    "心理咨询在宝鸡哪能做",
    "秋文社工的电话和地址都告诉我",  # both of one organization's fields, not its people's
]


@pytest.mark.parametrize(("question", "kind"), NOT_SERVED, ids=[q[:20] for q, _ in NOT_SERVED])
def test_a_request_no_organization_serves_is_refused_in_plain_or_spoken_words(
    answerer: Answerer, question: str, kind: Refusal
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert not answer.answered, answer.text
    if kind is not Refusal.OFF_TOPIC:  # off-topic gets the plain "not found" reply
        assert answer.refusal == kind


@pytest.mark.parametrize("question", STILL_SERVED)
def test_the_same_words_asking_for_our_service_are_not_refused(
    answerer: Answerer, question: str
) -> None:
    assert answerer.answer(question, log_question=False).refusal is None


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("俄娃说话迟，脑子有点瓜，阿达能给看一哈", "baoji-zhita-children"),
        ("心里麻烦得很，想寻个人谝一谝，宝鸡有么", "baoji-mingming-psychology"),
        ("额是个碎老板，企业弄不下去咧，谁能帮额出个主意", "baoji-sme-association"),
        ("陈仓那块田总共多少亩", "chencang-farmland"),
        ("空调一共花了多少钱", "baoji-hitech-charity"),
        ("想让娃了解一下军人，吃点苦", "baoji-national-defense-education"),
        ("宝鸡有没有唱戏曲的比赛", "baoji-youth-arts-federation"),  # 秦腔 is a 戏曲
        ("Chinese opera contest in Baoji", "baoji-youth-arts-federation"),
    ],
)
def test_dialect_and_spoken_words_the_table_lacked_now_find_the_record(
    answerer: Answerer, question: str, key: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered, answer.text
    assert answer.results[0]["id"] in family(answerer, key), answer.results[0]


@pytest.mark.parametrize(
    ("question", "key", "absent"),
    [
        ("俄罗斯的社会组织", None, "我罗斯"),  # 俄 is "I" only outside 俄罗斯
        ("我在陈仓有块田是什么项目", "chencang-farmland", None),  # the project's own name
    ],
)
def test_a_dialect_word_inside_a_word_keeps_its_meaning(
    answerer: Answerer, question: str, key: str | None, absent: str | None
) -> None:
    answer = answerer.answer(question, log_question=False)
    if absent is not None:
        assert absent not in answer.text
    if key is not None:
        assert answer.results[0]["id"] in family(answerer, key), answer.results[0]


def test_how_many_in_all_is_no_word_a_record_must_account_for() -> None:
    assert {"一共", "总共", "共有", "合计"} <= STOP_WORDS
