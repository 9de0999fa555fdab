"""Residents' stories, round 7 of the gate (issue 16): probe 6's rows this round fixed
(questions_dev_round7g.yaml), each a cause fixed in general — a story's filler and times no
longer count against its coverage (fillers.py), residents' words read (下地, 上回台, 厂里, 扶一把,
wife, 小孩…挨打), a sound-alike only through a character's usual reading (spelling.py), "是谁在
背后弄的" asking who serves (intent.py) — and the set's floor."""

from __future__ import annotations

from typing import Any

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.gate import Decision
from tests.knowledge.answering.chat import cases, family, in_one_chat, judged, table

CASES = cases("questions_dev_round7g.yaml")

# Misses we know of, each with its reason; strict, so fixing one shows up here.
KNOWN_MISSES = {
    "我在外面做网店好几年了，想回陈仓帮村里把菜卖出去，听说区上有人在张罗这事": "卖 is read "
    "as a market request by scope_rules.py (not this round's to change): refused",
}
# Right on this set, the known miss aside (11 rows; 7 were missed on main before the round, the
# count fact outscoring the service centres until rank7).
FLOOR = 10


@pytest.mark.parametrize("case", table(CASES, KNOWN_MISSES, "situation", "english"))
def test_a_residents_story_finds_the_organization(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = in_one_chat(answerer, [case["q"]])
    assert judged(answerer, case, answer), answer.text


def test_the_sets_floor(answerer: Answerer) -> None:
    right = [c["q"] for c in CASES if judged(answerer, c, in_one_chat(answerer, [c["q"]]))]
    assert len(right) >= FLOOR, sorted(set(c["q"] for c in CASES) - set(right))


def test_a_proposal_is_made_where_the_story_holds_the_need_among_its_own_words(
    answerer: Answerer,
) -> None:
    """常年/逢年过节 and the like no longer count against the story: 菜地 is proposed."""
    answer = answerer.answer(CASES[0]["q"], log_question=False)
    assert answer.decision == Decision.CONFIRM
    assert answer.results[0]["id"] in family(answerer, "chencang-sozo-center")
