"""Which documents (documents.py): every curated fact of the places asked that tells of a
document issued, with its titles."""

from __future__ import annotations

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.documents import asks_documents
from knowledge.answering.text import normalize
from tests.knowledge.answering.chat import family

WEIYANG = [
    "weiyang-policy-2020-reform",
    "weiyang-policy-2020-assessment",
    "weiyang-policy-2021-community-action",
    "weiyang-joint-meeting-system",
]


@pytest.mark.parametrize(
    "question",
    [
        "未央区2020年以来出了哪些管社会组织的文件",
        "未央区有哪些社会组织政策",
        "未央区发了哪些社会组织的政策",
        "未央区社会组织的制度有哪些",
    ],
)
def test_every_document_of_the_place_is_listed_with_its_titles(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered and [r["id"] for r in answer.results] == WEIYANG
    assert "《社会组织管理工作联席会议制度》" in answer.text
    assert "民政部" not in answer.text  # not 未央区's


def test_a_place_with_no_document_gets_none(answerer: Answerer) -> None:
    answer = answerer.answer("宝鸡出了哪些社会组织的文件", log_question=False)
    assert not answer.answered and "资料中没有宝鸡市关于社会组织的文件" in answer.text


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("未央区有哪些社会组织政策", True),
        ("政策有哪些", True),
        ("改革社会组织管理制度实施方案讲了什么", False),  # one document, asked of
        ("未央区社会组织联席会议制度是什么", False),
    ],
)
def test_only_a_list_of_documents_is_asked_for_so(question: str, asks: bool) -> None:
    assert asks_documents(normalize(question)) == asks


@pytest.mark.parametrize(
    ("question", "listed", "said"),
    [
        ("国家有哪些扶持社会组织的政策", ["mca-community-org-opinion"], "国家关于社会组织的文件"),
        ("民政部出了哪些文件", ["mca-community-org-opinion"], "《民政部关于大力培育发展"),
        ("有哪些养老政策", [], "资料中没有关于养老的文件"),  # none is about a need
        ("陕西有哪些社会组织政策", [], "资料中没有陕西关于社会组织的文件"),
    ],
)
def test_the_countrys_or_a_needs_documents_are_only_those(
    answerer: Answerer, question: str, listed: list[str], said: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert [r["id"] for r in answer.results] == listed and said in answer.text
    assert answer.answered == bool(listed)


# 办法, 措施, 规定 asked beside a need or with no issuer are a way out, not a document:
# each was listed as documents (or "资料中没有关于…的文件") before, and answered on d25654d.
@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("孩子自闭症有什么办法", "baoji-zhita-children"),
        ("我家孩子不说话，有啥办法", None),
        ("老人没人管有什么办法", None),
        ("村里老人冬天太冷有什么办法", "baoji-hitech-charity"),
        ("小区没有物业，有什么办法", None),
        ("报名有啥办法", None),
        ("认购土地有什么规定", "chencang-sozo-center"),
    ],
)
def test_a_way_out_asked_is_no_list_of_documents(
    answerer: Answerer, question: str, key: str | None
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert "的文件" not in answer.text and "《" not in answer.text, answer.text
    if key is not None:  # the others: answered or 不知道, as the matcher finds (no document)
        assert answer.answered, answer.text
        assert answer.results[0]["id"] in family(answerer, key), answer.results[:1]


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("未央区出台了哪些措施", True),
        ("民政部有什么规定", True),
        ("社会组织的文件里有什么办法", True),
        ("孩子自闭症有什么办法", False),
        ("报名有啥办法", False),
        ("认购土地有什么规定", False),
    ],
)
def test_办法_措施_规定_are_documents_only_beside_an_issuer(question: str, asks: bool) -> None:
    assert asks_documents(normalize(question)) == asks
