"""Questions that are not about a service, round 7 (issue 16, cause 3): the blind probes'
questions the bot answered with an organization (questions_dev_round7s.yaml) are refused,
and the probes' questions that must be answered still are, each with its organization."""

from __future__ import annotations

from typing import Any

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.intent import Intent
from tests.knowledge.answering.chat import (
    ANSWERED_KINDS,
    REFUSED_KINDS,
    asked,
    cases,
    family,
    in_one_chat,
    table,
)

CASES = cases("questions_dev_round7s.yaml")

# Misses we know of, each with its reason; strict, so fixing one shows up here.
KNOWN_MISSES: dict[str, str] = {}


@pytest.mark.parametrize("case", table(CASES, KNOWN_MISSES, *REFUSED_KINDS))
def test_what_is_not_a_request_we_serve_is_refused(
    answerer: Answerer, case: dict[str, Any]
) -> None:
    answer = in_one_chat(answerer, [case["q"]])
    assert not answer.answered, answer.results[:1]
    assert answer.intent == Intent.OUT_OF_SCOPE and answer.results == []


@pytest.mark.parametrize("case", table(CASES, KNOWN_MISSES, *ANSWERED_KINDS))
def test_a_request_sharing_their_words_is_still_answered(
    answerer: Answerer, case: dict[str, Any]
) -> None:
    answer = asked(answerer, case)
    assert answer.answered, answer.text
    if "expect_all" in case:
        for key in case["expect_all"]:
            record = answerer.catalog.organizations[key]
            assert record.name in answer.text
        return
    right = set().union(*(family(answerer, k) for k in case.get("expect_any") or [case["expect"]]))
    assert answer.results[0]["id"] in right, answer.text
    assert str(case.get("figure", "")) in answer.text
