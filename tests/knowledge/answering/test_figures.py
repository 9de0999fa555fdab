"""A figure, a date or an event is answered from whichever record holds it, with its date."""

from __future__ import annotations

import re

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.figure_places import counted_kind
from knowledge.answering.figure_questions import (
    asked_units,
    counted_part,
    counting_verb,
    measured_units,
)

MISSING = "资料中没有您问的这个数字"

# (question, the figure's text, its date) — the organization and its project both answer.
FIGURES = [
    ("经二路那个合作社服务了多少人", "2万人", "2021"),
    ("我帮你合作社帮了多少人", "2万人", "2021"),
    ("经二路联合会服务了多少群众", "2万人", "2021"),
    ("经二路联合会托管了几个院落", "8个", "2021"),
    ("高新区慈善协会安装了多少台空调", "66台", "2021-12"),
    ("情暖农村幸福院的空调截至什么时候装的", "66台", "2021-12"),
    ("明明心理帮了多少人", "36人次", "2021"),
    ("安心小屋帮了多少人", "36人次", "2021"),
    ("陈仓有块田一块地多少钱", "1000元", "2021"),
    ("张家堡服务中心多大", "1300余平方米", ""),
    ("河南救灾捐了多少钱", "111万余元", "2021-08-01"),
    ("武术进校园进了几所小学", "8所小学", "2021"),
    ("少年军校有多少孩子参加", "100名少年儿童", "2021-07"),
    ("少年军校搞了几天", "2天", "2021-07"),
    ("情暖农村幸福院项目搞多久", "为期3年", "2021"),
]

# (question, what the reply says): when something ran is its project's period.
DATES = [
    ("少年军校什么时候办的", "时间：2021年7月"),
    ("情暖农村幸福院项目什么时候开始的", "时间：2021年起，为期3年"),
    ("我在陈仓有块田哪年开始的", "时间：2021年起"),
]  # a founding date no record gives is not answered (test_residents_round9a.py)

# (question, what the reply names): contests and selections are figures too.
EVENTS = [
    ("智塔获得什么奖", "入选：宝鸡市2021年度社会组织典型事例"),
    ("智塔得过什么荣誉", "典型事例"),
    ("青年文联办过哪些比赛", "宝鸡市首届中青年秦腔大赛"),
    ("金台武术协会参加了什么比赛", "校际交流比赛"),
]


@pytest.mark.parametrize(("question", "text", "as_of"), FIGURES, ids=[q for q, *_ in FIGURES])
def test_a_figure_is_answered_with_its_date_from_the_record_that_holds_it(
    answerer: Answerer, question: str, text: str, as_of: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered and answer.intent == "figure", answer.text
    assert text in answer.text
    if as_of:
        assert f"（截至{as_of}" in answer.text
    assert MISSING not in answer.text  # never "no such number" next to the number


@pytest.mark.parametrize(("question", "named"), EVENTS, ids=[q for q, _ in EVENTS])
def test_contests_and_selections_are_answered_from_the_sources(
    answerer: Answerer, question: str, named: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered and answer.intent == "figure", answer.text
    assert named in answer.text
    assert "来源：" in answer.text


@pytest.mark.parametrize(("question", "said"), DATES, ids=[q for q, _ in DATES])
def test_a_date_is_answered_from_the_period_the_sources_give(
    answerer: Answerer, question: str, said: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered and answer.intent == "figure", answer.text
    assert said in answer.text


@pytest.mark.parametrize("question", ["秋文社工开展了多少场活动", "常青藤服务了多少人"])
def test_a_number_several_organizations_share_comes_from_the_fact_naming_them(
    answerer: Answerer, question: str
) -> None:
    text = answerer.answer(question, log_question=False).text
    assert "6000余场次" in text and "12万余人次" in text
    assert "几家组织合计" in text  # the fact says it is not this organization's alone
    assert MISSING not in text


def test_an_event_the_sources_do_not_give_is_said_to_be_missing(answerer: Answerer) -> None:
    text = answerer.answer("益人行获得过什么奖", log_question=False).text
    assert "资料中没有益人行志愿者协会参加比赛、评选或获奖的记录" in text


def test_a_count_of_something_else_is_not_passed_off_as_the_one_asked(
    answerer: Answerer,
) -> None:
    text = answerer.answer("智塔有多少名老师", log_question=False).text
    assert MISSING in text  # 164名 counts children, not teachers


def test_no_figure_is_invented(answerer: Answerer) -> None:
    """Every number in a figure reply is one the knowledge base holds."""
    known = set()
    for record in [*answerer.catalog.organizations.values(), *answerer.catalog.projects.values()]:
        for figure in record.figures:
            known.update(re.findall(r"\d+(?:\.\d+)?", figure.text + figure.as_of))
    for question, *_ in FIGURES:
        text = answerer.answer(question, log_question=False).text
        assert set(re.findall(r"\d+(?:\.\d+)?", text)) <= known | {"2021"}, text


@pytest.mark.parametrize(
    ("question", "units"),
    [
        ("服务了多少人", ("人", "名", "位")),
        ("一块地多少钱", ("元",)),
        ("装了多少台空调", ()),  # the word after the measure says what is counted
        ("有多少名老师", ()),
        ("面积多大", ("平方米",)),
    ],
)
def test_the_measure_word_asked(question: str, units: tuple[str, ...]) -> None:
    assert asked_units(question) == units


# (question, the first line of the reply): the figure counting what was asked comes first.
FIRST = [
    # the measure word chooses (几场 counts shows, not the 1万多人 who performed)
    ("青年文联一共搞了多少场演出", "组织开展活动：80余场次"),
    ("公益慈善联合会的物资分几趟送到河南的", "运送救援物资：4批次"),
    ("河南救灾的物资送了几回", "运送救援物资：4批次"),
    # how many projects: those the sources name, counted
    ("秋文社工有多少个项目", "资料中提到西安市未央区秋文社工服务中心的 3 个项目"),
    ("明明心理做了几次心理疏导", "重点来访人员心理疏导和心理咨询：36人次"),
    # the verb before the count chooses (分 → 划分地块, 认 → 认购土地); 认地的项目 only says
    # which project
    ("陈仓那个认地的项目一共分了多少块地", "划分地块：162块"),
    ("我在陈仓有块田现在认出去多少块了", "累计认购土地：140余块"),
    # 10余万元 is money too
    ("关天美农给贫困户增收了多少钱", "为村级和贫困户增加收入：10余万元"),
    # a share asked as 百分之几
    ("经二路合作社占全街道的百分之几", "占全街道老旧小区比例：15%"),
    # a figure named by its label or number, no organization named: the record holding it
    ("救援资金有多少", "救援资金：43万元"),
    ("共治行动搞了几项", "共治行动：10项"),
    ("2万人是哪个组织服务的", "服务群众：2万人"),
    # a figure named by its number: its own date, with the source's words
    (
        "截至哪天宝鸡公益慈善联合会筹了111万",
        "筹集款物合计：111万余元（截至2021-08-01，原文：截至2021年8月1日）",
    ),
]


@pytest.mark.parametrize(("question", "first"), FIRST, ids=[q for q, _ in FIRST])
def test_the_figure_counting_what_was_asked_comes_first(
    answerer: Answerer, question: str, first: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered and answer.intent == "figure", answer.text
    assert answer.reply.lines[0].startswith(first), answer.text


def test_a_sum_of_money_answers_only_a_question_about_money(answerer: Answerer) -> None:
    households = answerer.answer("关天美农有多少贫困户参加", log_question=False).text
    assert MISSING in households and "10余万元" not in households.split("资料里有的数字是")[0]
    given = answerer.answer("宝鸡市公益慈善联合会给河南捐了多少", log_question=False)
    assert given.reply.lines[0].startswith("筹集款物合计：111万余元"), given.text
    assert MISSING not in given.text


@pytest.mark.parametrize(
    ("question", "said", "not_said"),
    [
        # when it was held is the project's period, not a count dated 2021-07 (100名少年儿童)
        ("全民国防教育协会的少年军校是几月份办的", "2021年7月", "100名"),
        ("青年艺术大舞台哪年开始办的", "2021年创办", "80余场次"),
        # when a figure was counted is the figure's own date, not the project's start
        ("高新区慈善协会的空调是截至哪天装的", "截至2021年12月底", "为期3年"),
        ("高新区慈善协会的空调是啥时候装的", "截至2021年12月底", "为期3年"),
    ],
)
def test_when_it_was_held_and_when_it_was_counted_are_told_apart(
    answerer: Answerer, question: str, said: str, not_said: str
) -> None:
    text = answerer.answer(question, log_question=False).text
    assert said in text and not_said not in text, text


@pytest.mark.parametrize(
    ("question", "units", "verb", "part"),
    [
        ("多少场演出", ("场",), "", "多少场演出"),
        ("几所幼儿园", ("所",), "", "几所幼儿园"),
        ("托管了多少个院子", (), "管", "托管了多少个院子"),  # 个 measures anything
        ("认地的项目一共分了多少块地", ("块",), "分", "一共分了多少块地"),
        ("那个合作社服务了多少群众", ("人", "名", "位"), "务", "服务了多少群众"),
        ("有多少人", ("人", "名", "位"), "", "有多少人"),
    ],
)
def test_what_a_count_question_counts(
    question: str, units: tuple[str, ...], verb: str, part: str
) -> None:
    assert measured_units(question)[: len(units)] == units
    assert counting_verb(question) == verb
    assert counted_part(question) == part


@pytest.mark.parametrize(
    "question", ["雁塔区服务群众有多少", "全国救援资金有多少", "西安市政府的救援资金有多少"]
)
def test_a_figure_label_asked_of_someone_else_is_not_answered_from_ours(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert not answer.answered, answer.text


@pytest.mark.parametrize(
    "question", ["幸福院有多少个", "农村幸福院一共有几个", "高新区幸福院有几个"]
)
def test_a_count_named_before_its_number_is_answered_with_that_figure(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert "项目覆盖的农村幸福院：87个" in answer.text
    assert MISSING not in answer.text


@pytest.mark.parametrize(
    ("question", "place"), [("宝鸡的幸福院有多少个", "宝鸡"), ("全国幸福院有几个", "全国")]
)
def test_a_count_named_before_its_number_in_a_wider_place_is_not_answered_with_ours(
    answerer: Answerer, question: str, place: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert f"资料中没有{place}" in answer.text
    assert f"{place}{place}" not in answer.text
    assert "不是" in answer.text and "的总数" in answer.text


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("幸福院有多少个", "幸福院"),
        ("高新区幸福院有几个", "幸福院"),
        ("服务中心有几个", "服务中心"),  # 中 ends no place
        ("国防教育协会有几个", "国防教育协会"),
        ("老旧小区有几个", "老旧小区"),  # 区 leaves too little to be a place's
        ("有几个呢", ""),
        ("宝鸡有多少个娃", ""),
        ("全国有多少个农村幸福院", "农村幸福院"),
    ],
)
def test_what_a_count_question_names_as_counted(question: str, counted: str) -> None:
    assert counted_kind(question) == counted
