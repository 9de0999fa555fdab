"""Questions naming an organization, round 7 (issue 16, cause 3): the blind probe's questions
that named an organization to ask what no record holds (questions_dev_round7n.yaml) get the
honest reply, not the organization's introduction; and the probe's questions that must be
answered still are, each with its organization and figure."""

from __future__ import annotations

from typing import Any

import pytest

from knowledge.answering.answer import Answerer
from tests.knowledge.answering.chat import (
    ANSWERED_KINDS,
    REFUSED_KINDS,
    cases,
    family,
    in_one_chat,
    table,
)

CASES = cases("questions_dev_round7n.yaml")

KNOWN_MISSES: dict[str, str] = {}


@pytest.mark.parametrize("case", table(CASES, KNOWN_MISSES, *REFUSED_KINDS))
def test_what_no_record_holds_gets_no_organization(
    answerer: Answerer, case: dict[str, Any]
) -> None:
    answer = in_one_chat(answerer, [case["q"]])
    assert not answer.answered, answer.text


@pytest.mark.parametrize("case", table(CASES, KNOWN_MISSES, *ANSWERED_KINDS))
def test_a_named_organizations_service_is_still_answered(
    answerer: Answerer, case: dict[str, Any]
) -> None:
    answer = in_one_chat(answerer, case.get("conversation") or [case["q"]])
    assert answer.answered, answer.text
    right = set().union(*(family(answerer, k) for k in case.get("expect_any") or [case["expect"]]))
    assert answer.results[0]["id"] in right, answer.text
    assert str(case.get("figure", "")) in answer.text
