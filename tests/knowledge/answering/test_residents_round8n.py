"""Questions naming an organization, round 8 (issue 16, cause 3): asked for what it could serve
in residents' own words (questions_dev_round8n.yaml), none gets the reply for what no record
holds (named_asks.py) — whatever else the matcher makes of it."""

from __future__ import annotations

from typing import Any

import pytest

from knowledge.answering.answer import Answerer
from tests.knowledge.answering.chat import asked, cases, table

CASES = cases("questions_dev_round8n.yaml")

KNOWN_MISSES: dict[str, str] = {
    "智塔老师会手语不": "a skill asked of one of its people (老师) reads like 会长会不会武功",
    "安心小屋有专门的房间没": "a thing it has that no record names reads like 有没有枪",
}
KINDS = ("situation", "colloquial", "dialect", "english", "figure", "followup")


@pytest.mark.parametrize("case", table(CASES, KNOWN_MISSES, *KINDS))
def test_what_it_could_serve_asked_is_not_said_to_be_missing(
    answerer: Answerer, case: dict[str, Any]
) -> None:
    answer = asked(answerer, case)
    assert "这方面的信息" not in answer.text, answer.text
