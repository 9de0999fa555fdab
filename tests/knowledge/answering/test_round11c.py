"""Round 11c: two clauses, one asking something of an organization and one the organizations
besides it (智塔在哪，除了智塔还有别的吗), answer both; figures of a list shown, asked of
them together (那几家一共服务了多少人), are each one's, never a sum."""

from __future__ import annotations

import pytest

from knowledge.answering.answer import Answerer

ZHITA = "宝鸡智塔儿童启能成长中心"
BESIDES = f"除了{ZHITA}，资料中没有其他"

# (question, text of the first clause's answer that must come before the list's)
BOTH_ASKED = [
    ("智塔在哪，除了智塔还有别的吗", "已知它在宝鸡市"),
    ("智塔在哪，除了智塔还有没有别的", "已知它在宝鸡市"),
    ("智塔电话多少，除了智塔还有哪些做康复的", f"资料中没有{ZHITA}的电话"),
    ("智塔是做什么的？除了智塔还有别的吗", "早期干预"),
    ("智塔在哪，除了它还有别的吗", "已知它在宝鸡市"),  # 它: the one the other clause names
    ("除了智塔还有别的吗？智塔电话多少", f"资料中没有{ZHITA}的电话"),
]


@pytest.mark.parametrize(("question", "first"), BOTH_ASKED)
def test_what_is_asked_of_the_excepted_then_the_others(
    answerer: Answerer, question: str, first: str
) -> None:
    text = answerer.answer(question, log_question=False).text
    assert first in text, text
    assert BESIDES in text, text
    assert text.index(first) < text.index(BESIDES), text


# near misses: nothing asked of it (the list alone), or asked of another than the excepted
LIST_ALONE = [
    "除了智塔还有别的吗",
    "智塔，除了智塔还有别的吗",
]


@pytest.mark.parametrize("question", LIST_ALONE)
def test_nothing_asked_of_the_excepted_is_the_list_alone(answerer: Answerer, question: str) -> None:
    text = answerer.answer(question, log_question=False).text
    assert text.startswith(BESIDES), text
    assert "已知它在" not in text, text


def test_another_named_than_the_excepted_is_not_composed(answerer: Answerer) -> None:
    text = answerer.answer("明明心理在哪，除了智塔还有别的吗", log_question=False).text
    assert "资料中没有宝鸡明明心理关爱中心的地址" not in text, text


def test_the_others_listed_leave_out_the_one_pointed_at(answerer: Answerer) -> None:
    text = answerer.answer("明明心理在哪，除了这家还有哪些做心理的", log_question=False).text
    first, _, others = text.partition("心理健康方面的组织")
    assert "资料中没有宝鸡明明心理关爱中心的地址" in first, text
    assert others and "明明心理" not in others and ZHITA in others, text


def _after_list(answerer: Answerer, question: str) -> str:
    listed = answerer.answer("宝鸡有哪些做心理的组织", log_question=False)
    assert len(listed.listed) == 3, listed.text
    return answerer.answer(question, log_question=False, context=listed.subject).text


# (follow-up asking a figure of those listed together, text each one's records give)
TOGETHER = [
    (
        "那几家一共服务了多少人",
        ["宝鸡明明心理关爱中心：", "36人次（截至2021）", "2万人（截至2021）"],
    ),
    ("它们总共帮了多少人", ["164名（截至2021）"]),
    ("这几家加起来服务过多少人", ["来源：宝鸡市民政局2021年度社会组织典型事例"]),
]


@pytest.mark.parametrize(("question", "held"), TOGETHER)
def test_a_figure_of_those_listed_together_is_each_ones(
    answerer: Answerer, question: str, held: list[str]
) -> None:
    text = _after_list(answerer, question)
    assert text.startswith("资料中没有这 3 家加在一起的数字"), text
    assert all(part in text for part in held), text
    assert "281" not in text and "2万零" not in text, text


def test_a_total_none_of_those_listed_holds_is_said_so(answerer: Answerer) -> None:
    text = _after_list(answerer, "它们加起来搞了多少场活动")
    assert text.startswith("资料中没有这 3 家加在一起的数字"), text
    assert "资料中也没有其中哪一家的这方面数字" in text and "281" not in text, text


# near misses: one of them picked, or each one's address (no total asked)
NOT_TOGETHER = [
    ("第二个服务了多少人", "2万人"),
    ("它们在哪", "这 3 家的地址"),
    ("它们一共有几家", "资料中共 3 家"),  # a count of them, which the list told
    ("那几家一共多少", "资料中共 3 家"),
]


@pytest.mark.parametrize(("question", "said"), NOT_TOGETHER)
def test_no_total_asked_is_answered_as_before(answerer: Answerer, question: str, said: str) -> None:
    text = _after_list(answerer, question)
    assert said in text and "加在一起" not in text, text


def test_a_figure_several_share_is_told_once_for_them(answerer: Answerer) -> None:
    listed = answerer.answer("未央区有哪些社会组织", log_question=False)
    assert len(listed.listed) == 7, listed.text
    text = answerer.answer("它们一共服务了多少人", log_question=False, context=listed.subject).text
    assert text.startswith("资料中没有这 7 家加在一起的数字"), text
    assert text.count("12万余人次") == 1 and "281" not in text, text
    # those none gives a figure for, on one line
    assert "陕西众益社会组织服务中心、中海社工：资料中没有这方面的数字" in text, text
