"""Whether something costs money, asked with the service it is about named too."""

from __future__ import annotations

import pytest

from knowledge.answering.answer import Answerer


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("明明心理咨询收费吗", "资料中没有写明宝鸡明明心理关爱中心是否收费"),
        ("武术协会教武术收费吗", "资料中没有写明金台区武术协会是否收费"),
        ("智塔做康复训练要钱不", "资料中没有写明“康复+特教+社工”综合干预模式是否收费"),
    ],
)
def test_a_fee_asked_of_a_service_the_record_tells_of_says_what_the_sources_say(
    answerer: Answerer, question: str, said: str
) -> None:
    assert said in answerer.answer(question, log_question=False).text


@pytest.mark.parametrize("question", ["武术协会教跆拳道收费吗", "智塔的房子收费吗"])
def test_a_fee_of_something_the_record_does_not_tell_of_is_no_fee_question(
    answerer: Answerer, question: str
) -> None:
    assert "是否收费" not in answerer.answer(question, log_question=False).text
