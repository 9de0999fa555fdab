"""Who leads an organization: the sources name no one, and the reply says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answering.answer import Answerer
from tests.knowledge.answering.chat import in_one_chat
from tests.knowledge.conftest import csv_text, write
from tests.knowledge.curation.test_registry import CODE_C, ask, imported

NO_LEADER = "资料中没有{}的负责人（会长、理事长等）姓名。"


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("秋文社工会长叫啥", "西安市未央区秋文社工服务中心"),
        ("智塔的负责人是谁", "宝鸡智塔儿童启能成长中心"),
        ("谁是智塔的负责人", "宝鸡智塔儿童启能成长中心"),
        ("宝鸡市公益慈善联合会的秘书长叫什么名字", "宝鸡市公益慈善联合会"),
    ],
)
def test_a_leader_the_sources_do_not_name_is_said_to_be_missing(
    answerer: Answerer, question: str, name: str
) -> None:
    text = answerer.answer(question, log_question=False).text
    assert text.startswith(name)
    assert NO_LEADER.format(name) in text


@pytest.mark.parametrize(
    ("first", "name"),
    [
        ("智塔是做什么的", "宝鸡智塔儿童启能成长中心"),
        ("秋文社工在哪", "西安市未央区秋文社工服务中心"),
    ],
)
def test_who_leads_it_asked_after_an_answer_is_about_that_organization(
    answerer: Answerer, first: str, name: str
) -> None:
    assert NO_LEADER.format(name) in in_one_chat(answerer, [first, "负责人是谁"]).text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("智塔负责人的电话", "资料中没有宝鸡智塔儿童启能成长中心的电话"),
        ("智塔是干什么的", "自闭症"),
    ],
)
def test_a_question_that_does_not_ask_who_leads_is_answered_as_before(
    answerer: Answerer, question: str, said: str
) -> None:
    text = answerer.answer(question, log_question=False).text
    assert said in text
    assert "负责人（会长" not in text


def test_a_registry_legal_representative_answers_who_leads_it(tmp_path: Path) -> None:
    db = tmp_path / "orgbot.db"
    rows = [
        ["社会组织名称", "统一社会信用代码", "登记管理机关", "法定代表人", "住所", "类型"],
        [
            "西安市未央区心语心理咨询服务中心",
            CODE_C,
            "未央区民政局",
            "王某某",
            "未央区凤城八路1号",
            "民办非企业单位",
        ],
    ]
    imported(db, write(tmp_path, "registry.csv", csv_text(rows), "utf-8"))

    reply = ask(db, "心语心理咨询服务中心的负责人是谁")

    assert "法定代表人：王某某" in reply
    assert "负责人（会长" not in reply


@pytest.mark.parametrize(
    ("second", "said"),
    [("民政局的负责人是谁", "官员和领导"), ("幸福院院长是谁", "情暖农村幸福院")],
)
def test_a_leader_of_someone_else_named_is_not_the_subjects(
    answerer: Answerer, second: str, said: str
) -> None:
    text = in_one_chat(answerer, ["智塔是做什么的", second]).text
    assert said in text
    assert "宝鸡智塔儿童启能成长中心" not in text


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("金台区武术协会有啥活动", "在小学生课外延时班教武术套路和武术操"),
        ("秋文社工有啥活动", "秋文社工服务中心以心理支持为主"),
    ],
)
def test_activities_asked_with_none_registered_get_what_the_articles_tell(
    answerer: Answerer, question: str, told: str
) -> None:
    text = answerer.answer(question, log_question=False).text
    assert "近期的活动" in text and told in text
