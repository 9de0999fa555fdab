"""Round 12 m (issue 16): pay named in a clause of its own, beside a service asked for in
another, is the story's scene (我在超市上班，工资太低压力大，有没有心理疏导), and so is where
the resident works (我在饭店打工，…); pay asked of is still a job's, or an organization's
finances, and a restaurant or a job asked for is still not ours. Thanks are answered in kind."""

from __future__ import annotations

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.intent import Intent
from knowledge.answering.scope import Refusal
from tests.knowledge.answering.chat import in_one_chat

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


# Thanks or a goodbye after an answer is answered in kind, not "没有找到" (and, a greeting,
# it is no question missed in `kb unanswered`); the chat still follows what was answered.
THANKS = ["谢谢", "好的，谢谢！", "多谢多谢", "辛苦了", "拜拜", "thanks", "Thank you!", "ok thanks"]


@pytest.mark.parametrize("text", THANKS)
def test_thanks_are_answered_in_kind(answerer: Answerer, text: str) -> None:
    answer = answerer.answer(text, log_question=False)
    assert answer.reply.text.startswith("不客气"), answer.text
    assert answer.intent == Intent.GREETING


@pytest.mark.parametrize(
    "text",
    [
        "感谢信怎么写",
        "谢谢你们，明明心理在哪",
        "辛苦问一下智塔的电话",
        "拜拜了您嘞，宝鸡有啥好吃的",
    ],
)
def test_thanks_with_a_question_is_the_question(answerer: Answerer, text: str) -> None:
    answer = answerer.answer(text, log_question=False)
    assert not answer.reply.text.startswith("不客气"), answer.text


def test_a_follow_up_after_thanks_is_still_about_the_answer(answerer: Answerer) -> None:
    answer = in_one_chat(answerer, ["智塔在哪", "好的谢谢", "它的电话呢"])
    assert answer.results[0]["id"] == "baoji-zhita-children", answer.text
