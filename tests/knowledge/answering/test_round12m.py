"""Round 12 m (issue 16): pay named in a clause of its own, beside a service asked for in
another, is the story's scene (我在超市上班，工资太低压力大，有没有心理疏导), and so is where
the resident works (我在饭店打工，…); pay asked of is still a job's, or an organization's
finances, and a restaurant or a job asked for is still not ours."""

from __future__ import annotations

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.scope import Refusal

PAY_TOLD = [
    ("我在超市上班，工资太低压力大，有没有心理疏导", "baoji-mingming-psychology"),
    (
        "我在饭店打工，每天累得要死，工资又低，心里特别烦，宝鸡有没有能做心理疏导的地方",
        "baoji-mingming-psychology",
    ),
]


@pytest.mark.parametrize(("text", "key"), PAY_TOLD)
def test_pay_told_beside_a_service_asked_is_the_scene(
    answerer: Answerer, text: str, key: str
) -> None:
    answer = answerer.answer(text, log_question=False)
    assert answer.answered and answer.refusal is None, answer.text
    assert answer.results[0]["id"] == key, answer.results[:1]


NOT_OURS = [
    ("秋文社工的工资多少", Refusal.JOB),
    ("在智塔上班工资怎么样", Refusal.JOB),
    ("我想去智塔工作，工资咋样", Refusal.JOB),
    ("社工工资高吗", Refusal.FINANCES),
    ("工资", Refusal.JOB),
    ("我在找工作，宝鸡哪里招人", Refusal.JOB),
    ("我在饭店打工，附近有宾馆吗", Refusal.OFF_TOPIC),
    ("宝鸡哪个饭店好吃", Refusal.OFF_TOPIC),
]


@pytest.mark.parametrize(("text", "kind"), NOT_OURS)
def test_pay_or_a_job_asked_of_is_refused(answerer: Answerer, text: str, kind: Refusal) -> None:
    answer = answerer.answer(text, log_question=False)
    assert not answer.answered, answer.text
    assert answer.refusal == kind, answer.text
