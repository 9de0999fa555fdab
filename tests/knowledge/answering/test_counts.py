""" "How many…" questions are counted from the organizations the records list (资料中共 N 家),
never from a fact counting something else; a total the sources do not give is said to be
missing; and after a list, "高新区那个" offers the ones it may mean."""

from __future__ import annotations

import re

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.gate import Decision
from knowledge.answering.intent import Intent
from tests.knowledge.answering.chat import in_one_chat

CHARITIES = {"baoji-hitech-charity", "baoji-charity-federation"}

# (question, exactly the organizations counted): the legal form asked is what is counted
COUNTED = [
    ("宝鸡有几家慈善组织", CHARITIES),  # not the 10 of the 2021 selection
    ("宝鸡一共有几个慈善机构", CHARITIES),  # 慈善机构: what residents call 慈善组织
    ("宝鸡的慈善单位有多少", CHARITIES),
    (
        "宝鸡跟西安做儿童青少年的一共有几家",  # 一共 between those who do it and 几家
        {
            "baoji-zhita-children",
            "jintai-wushu",
            "baoji-national-defense-education",
            "changqingteng-social-work",
        },
    ),
    ("未央区的街道社会组织服务中心有多少", {"zhangjiabao-sozo-center", "xinjiamiao-sozo-center"}),
    (  # 宝鸡和西安各有几家: the places' 和 and 各 between the organizations and the count
        "做心理健康的社会组织宝鸡和西安各有几家",
        {  # and those whose services say 心理 (经二路's 心理咨询, 智塔's 心理辅导)
            "baoji-mingming-psychology",
            "weiyang-qiuwen-social-work",
            "jingerlu-community-federation",
            "baoji-zhita-children",
        },
    ),
]


@pytest.mark.parametrize(("question", "expected"), COUNTED, ids=[q for q, _ in COUNTED])
def test_a_count_of_a_kind_counts_the_organizations_the_records_list(
    answerer: Answerer, question: str, expected: set[str]
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.intent == Intent.LIST and answer.answered, answer.text
    assert {org.id for org in answer.listed} == expected
    assert f"资料中共 {len(expected)} 家" in answer.text
    assert "不是官方统计的总数" in answer.text  # the records' count, not the city's


# A place's total the sources do not give: said to be missing, then what they describe.
NO_TOTAL = [
    ("宝鸡有多少社会组织", "宝鸡市"),
    ("宝鸡市有几家社会组织", "宝鸡市"),
    ("宝鸡的社会组织一共多少个", "宝鸡市"),
    ("金台区有几个组织", "金台区"),
    ("西安市有几家社会组织", "西安市"),  # 未央区's 281 are not 西安's
]


@pytest.mark.parametrize(("question", "place"), NO_TOTAL, ids=[q for q, _ in NO_TOTAL])
def test_a_total_the_sources_do_not_give_is_said_to_be_missing(
    answerer: Answerer, question: str, place: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.intent == Intent.LIST and answer.listed, answer.text
    assert f"资料没有给出{place}社会组织的总数" in answer.text
    assert "资料中共" not in answer.text
    assert "10家" not in answer.text  # the 2021 selection is no total
    assert all(place in (org.city, org.district) for org in answer.listed)


def test_a_place_total_the_sources_give_is_still_the_fact(answerer: Answerer) -> None:
    answer = answerer.answer("未央区有多少社会组织", log_question=False)
    assert answer.results[0]["id"] == "weiyang-org-stats"
    assert "281家" in answer.text


@pytest.mark.parametrize(
    "question", ["宝鸡有哪些优秀的社会组织", "宝鸡2021年有几家社会组织入选典型事例"]
)
def test_a_question_about_the_selection_gets_the_selection(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.results[0]["id"] == "baoji-2021-typical-cases"


HI_TECH = ["baoji-hitech-charity", "baoji-hitech-private-enterprises"]


@pytest.mark.parametrize(
    ("turns", "offered"),
    [
        (("宝鸡有哪些社会组织", "高新区那个在哪"), HI_TECH),
        (("高新区有哪些组织", "高新区那个是干啥的"), HI_TECH),
        (("宝鸡有哪些协会", "高新区那个电话多少"), HI_TECH),
    ],
    ids=lambda v: "/".join(v) if isinstance(v, tuple) else None,
)
def test_pointing_at_one_that_several_shown_fit_offers_those(
    answerer: Answerer, turns: tuple[str, ...], offered: list[str]
) -> None:
    answer = in_one_chat(answerer, list(turns))
    assert answer.decision == Decision.CHOOSE and answer.answered
    assert [r["id"] for r in answer.results] == offered


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (("未央区有哪些社会组织服务中心", "辛家庙那个给社会组织提供啥"), "xinjiamiao-sozo-center"),
        (("宝鸡有哪些协会", "武术那个在哪"), "jintai-wushu"),
        # the one named 张家堡…, though two shown are in 张家堡
        (("未央区有哪些社会组织服务中心", "张家堡那个有多大"), "zhangjiabao-sozo-center"),
        # all three are in 未央区: what it does says which
        (("西安有哪些社工机构", "未央区那个做儿童的是哪家"), "changqingteng-social-work"),
    ],
    ids=lambda v: "/".join(v) if isinstance(v, tuple) else None,
)
def test_pointing_at_one_that_one_shown_fits_answers_it(
    answerer: Answerer, turns: tuple[str, ...], expected: str
) -> None:
    answer = in_one_chat(answerer, list(turns))
    assert answer.decision != Decision.CHOOSE
    assert answer.results[0]["id"] == expected


def test_no_count_states_a_number_the_sources_do_not_give(answerer: Answerer) -> None:
    text = answerer.answer("宝鸡有多少社会组织", log_question=False).text
    assert not re.search(r"宝鸡市?(共有|有)\d+家", text)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("宝鸡有哪些学校", "学校"),
        ("宝鸡有哪些企业", "企业"),
        ("西安有几家银行", "银行"),
        ("宝鸡有多少家医院", "医院"),
        ("未央区有哪几所幼儿园", "幼儿园"),
        ("金台区有多少个公园呢", "公园"),
    ],
)
def test_a_list_of_institutions_that_are_not_organizations_is_not_answered(
    answerer: Answerer, question: str, kind: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert not answer.answered and not answer.results
    assert f"没有{kind}的名单" in answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("帮企业的组织有哪些", "baoji-hitech-private-enterprises"),
        ("武术协会推广到了几所小学", "jintai-wushu"),  # an organization's figure, not a list
        ("哪些学校有武术课", "jintai-wushu"),
    ],
)
def test_an_institution_named_in_a_question_about_organizations_is_still_answered(
    answerer: Answerer, question: str, expected: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered and answer.results[0]["id"] == expected, answer.text


@pytest.mark.parametrize("count", ["一共多少", "那几家一共多少", "这些总共有几家", "有几家"])
def test_how_many_after_a_list_counts_the_list(answerer: Answerer, count: str) -> None:
    answer = in_one_chat(answerer, ["宝鸡有哪些协会", count])
    assert answer.intent == Intent.LIST and len(answer.listed) == 7, answer.text
    # the records' count, never "就这 7 家" as if all there are
    assert "资料中共 7 家" in answer.text and "不是官方统计的总数" in answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("咱未央区弄社工的有几家嘛", 3),  # 弄 is 做; 嘛 ends it
        ("What social work agencies are there in Xi'an?", 3),  # what … are there: a list
        ("are there any associations in Jintai?", 1),
    ],
)
def test_a_list_asked_in_dialect_or_english_is_read_as_one(
    answerer: Answerer, question: str, expected: int
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.intent == Intent.LIST and len(answer.listed) == expected, answer.text
    assert answer.answered == bool(expected)
