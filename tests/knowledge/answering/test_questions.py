"""Residents' questions from the articles: the right answer first, or an honest 'don't know'."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge.answering.answer import Answer, Answerer

HERE = Path(__file__).parent
PHONE_LIKE = re.compile(r"\d{7,}|\d{3,4}-\d{7,8}")

# Misses we know of, each with its reason; strict, so fixing one shows up here.
KNOWN_MISSES = {
    "学校想带学生去搞劳动教育": "劳动教育 is in the farmland project's article text, not its description",
    "老吼孩子，想学学怎么好好说话": "爱语行动 and 唯爱妈妈 share every word the resident used",
    "两口子老吵架 未央有没有教咋好好说话的": "爱语行动 and 唯爱妈妈 share every word the resident used",
    "未央区往后社会组织打算咋发展": "往后/打算 are not in the development plan's phrasings",
}


def _load(name: str) -> list[dict[str, Any]]:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))["questions"]


TUNING = _load("questions.yaml")
HOLDOUT = _load("questions_holdout.yaml")


def _top(answer: Answer) -> str:
    return f"{answer.results[0]['kind']}:{answer.results[0]['id']}" if answer.results else ""


def _params(cases: list[dict[str, Any]]) -> list[Any]:
    return [
        pytest.param(
            c, id=c["q"][:30], marks=pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[c["q"]])
        )
        if c["q"] in KNOWN_MISSES
        else pytest.param(c, id=c["q"][:30])
        for c in cases
    ]


def _check(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = answerer.answer(case["q"], log_question=False)
    assert not PHONE_LIKE.search(answer.text), f"a phone-like number in the reply: {answer.text}"
    if not case["expect"]:
        assert not answer.answered, f"answered an out-of-scope question with {_top(answer)}"
        return
    assert answer.answered, f"not answered; best was {_top(answer)}"
    assert _top(answer) in case["expect"], f"got {_top(answer)}"


@pytest.mark.parametrize("case", _params(TUNING))
def test_tuning_question(answerer: Answerer, case: dict[str, Any]) -> None:
    _check(answerer, case)


@pytest.mark.parametrize("case", _params(HOLDOUT))
def test_holdout_question(answerer: Answerer, case: dict[str, Any]) -> None:
    _check(answerer, case)


@pytest.mark.parametrize("cases", [TUNING, HOLDOUT], ids=["tuning", "holdout"])
def test_accuracy_and_no_out_of_scope_answers(
    answerer: Answerer, cases: list[dict[str, Any]]
) -> None:
    in_scope = [c for c in cases if c["expect"]]
    out_of_scope = [c for c in cases if not c["expect"]]
    right = 0
    for case in in_scope:
        answer = answerer.answer(case["q"], log_question=False)
        right += answer.answered and _top(answer) in case["expect"]
    wrongly_answered = [
        c["q"] for c in out_of_scope if answerer.answer(c["q"], log_question=False).answered
    ]
    assert len(out_of_scope) >= 20
    assert wrongly_answered == []
    assert right / len(in_scope) >= 0.95


@pytest.mark.parametrize(
    "case", [c for c in TUNING if c["category"] == "contact"], ids=lambda c: c["q"][:20]
)
def test_contact_questions_invent_nothing_and_point_to_a_person(answerer: Answerer, case) -> None:
    answer = answerer.answer(case["q"], log_question=False)
    assert answer.intent == "contact"
    assert "资料中没有" in answer.text
    assert "民政局" in answer.text
