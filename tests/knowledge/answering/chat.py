"""Asking several turns in one chat, as a resident's follow-ups are asked, and which
answers count as right."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge.answering.answer import Answer, Answerer
from knowledge.answering.context import Conversations
from knowledge.answering.text import normalize

# The kinds of a question set's rows: those that must get no organization, and the others.
REFUSED_KINDS = ("adversarial", "refuse")
ANSWERED_KINDS = ("situation", "colloquial", "dialect", "english", "figure", "list", "followup")


def cases(name: str) -> list[dict[str, Any]]:
    """The questions of a set kept beside these tests (questions_dev_round8s.yaml)."""
    text = (Path(__file__).parent / name).read_text("utf-8")
    return yaml.safe_load(text)["questions"]


def in_one_chat(answerer: Answerer, turns: list[str]) -> Answer:
    """The last turn's answer, the turns asked one after another in one chat."""
    chat = Conversations()
    answer = None
    for turn in turns:
        answer = answerer.answer(turn, log_question=False, context=chat.get(0))
        chat.update(0, answer)
    assert answer is not None
    return answer


def asked(answerer: Answerer, case: Mapping[str, Any]) -> Answer:
    """A question set's row asked: its conversation's turns in one chat, or its question."""
    return in_one_chat(answerer, case.get("conversation") or [case["q"]])


def family(answerer: Answerer, key: str) -> set[str]:
    """A record, its organization and the organization's projects and facts: each is a
    right answer."""
    catalog = answerer.catalog
    owner = catalog.projects[key].organization if key in catalog.projects else key
    found = {key, owner}
    if owner in catalog.organizations:
        found.update(p.id for p in catalog.projects_of(owner))
        # a fact about the organization too (as benchmarks/eval_residents.py counts it)
        found.update(f.id for f in catalog.facts.values() if f.organization == owner)
    return found


def label(case: Mapping[str, Any]) -> str:
    """A table row's question, or its conversation's turns joined."""
    return case.get("q") or " / ".join(case["conversation"])


def table(
    cases: Iterable[Mapping[str, Any]], known_misses: Mapping[str, str], *kinds: str
) -> list[Any]:
    """The rows of these kinds as test cases; a miss we know of (keyed by its label) is a
    strict xfail with its reason, so fixing it shows up."""
    return [
        pytest.param(
            case,
            id=label(case)[:24],
            marks=[pytest.mark.xfail(strict=True, reason=known_misses[label(case)])]
            if label(case) in known_misses
            else [],
        )
        for case in cases
        if case["kind"] in kinds
    ]


def standardized(answerer: Answerer, question: str) -> str:
    """The question as the matcher reads it: residents' words in the knowledge base's."""
    return answerer.snapshot.matcher.wording.standardize(normalize(question)).text


def judged(answerer: Answerer, case: Mapping[str, Any], answer: Answer) -> bool:
    """Whether `answer` is right for a question set's row, as benchmarks/eval_residents.py
    judges: refused when it must be; the reply says the row's `figure`; a list names every
    record of `expect_all`; otherwise the first result is of a wanted record's family."""
    if case.get("expect") == "none":
        return not answer.answered
    if not answer.answered or str(case.get("figure", "")) not in answer.text:
        return False
    catalog = answerer.catalog
    if "expect_all" in case:
        records = [
            catalog.organizations.get(k) or catalog.projects.get(k) or catalog.facts[k]
            for k in case["expect_all"]
        ]
        return all(record.display_name in answer.text for record in records)
    wanted = case.get("expect_any") or [case["expect"]]
    right = set().union(*(family(answerer, key) for key in wanted))
    return bool(answer.results) and answer.results[0]["id"] in right
