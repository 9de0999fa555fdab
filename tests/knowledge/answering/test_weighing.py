"""How a need told is weighed against a count fact (weighing.py): a count answers how many or
what it counts, never a resident's story about a group of their own."""

from __future__ import annotations

import pytest

from knowledge.answering.answer import Answerer
from tests.knowledge.answering.chat import family

STORIES = [
    ("刚在未央区攒了个公益小团体，没地方办公", "xinjiamiao-sozo-center"),
    # 几个 here is "a few", not a figure asked (intent.py), so the count is weighed down too
    ("几个街坊在未央区凑了个小团体，想找地方办公", "xinjiamiao-sozo-center"),
]


@pytest.mark.parametrize(("question", "key"), STORIES, ids=[q[:12] for q, _ in STORIES])
def test_a_story_about_a_group_is_answered_by_who_serves_not_by_a_count(
    answerer: Answerer, question: str, key: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered and answer.results[0]["id"] != "weiyang-org-stats", answer.text
    ids = {r["id"] for r in answer.results[:2]}
    assert ids & (family(answerer, key) | {"what-is-sozo-service-center"}), answer.results


COUNTED = [
    "未央区社会团体有几家",  # a figure asked
    "未央区的社会组织主要分布在哪些领域",  # what it counts named, no figure
]


@pytest.mark.parametrize("question", COUNTED)
def test_a_count_still_answers_how_many_and_what_it_counts(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered and answer.results[0]["id"] == "weiyang-org-stats", answer.text
