"""What a question asks for (intent.py): "a few" told in a story is no figure asked; 帮助
in a need told is no request for the help screen."""

from __future__ import annotations

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.intent import Intent, detect_intent
from knowledge.answering.text import normalize

CASES = [
    ("几个退休的想成立志愿小队，未央区木有地方开会", Intent.INTRODUCE),
    ("厂里几个管事的都是老乡凑的，想让他们出去学学本事", Intent.INTRODUCE),
    ("我们几个人想参加", Intent.JOIN),
    # counted: a figure asked
    ("未央区有几个社会组织服务中心", Intent.FIGURE),
    ("智塔有几个老师", Intent.FIGURE),
    ("几个人参加了", Intent.FIGURE),
    ("一共几个", Intent.FIGURE),
]


@pytest.mark.parametrize(("question", "intent"), CASES, ids=[q[:14] for q, _ in CASES])
def test_a_few_told_is_no_figure_asked(question: str, intent: Intent) -> None:
    assert detect_intent(normalize(question)) == intent


@pytest.mark.parametrize(
    ("question", "greeting"),
    [
        ("帮助", True),
        ("帮助？", True),
        ("怎么用", True),
        ("怎么帮助留守儿童", False),
        ("有什么办法帮助空巢老人", False),
        ("有没有帮助残疾孩子的组织", False),
    ],
)
def test_help_asked_alone_is_the_help_screen(question: str, greeting: bool) -> None:
    assert (detect_intent(normalize(question)) == Intent.GREETING) == greeting


@pytest.mark.parametrize(
    ("question", "says"),
    [("怎么住进幸福院", True), ("怎么让老人住进幸福院", True), ("幸福院是干什么的", False)],
)
def test_how_to_get_in_is_how_to_take_part(answerer: Answerer, question: str, says: bool) -> None:
    """The sources give no way in: the reply says so (the review found only the project)."""
    text = answerer.answer(question, log_question=False).text
    assert ("资料中没有具体的报名或参与方式" in text) == says
