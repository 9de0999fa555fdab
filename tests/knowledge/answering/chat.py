"""Asking several turns in one chat, as a resident's follow-ups are asked."""

from __future__ import annotations

from knowledge.answering.answer import Answer, Answerer
from knowledge.answering.context import Conversations


def in_one_chat(answerer: Answerer, turns: list[str]) -> Answer:
    """The last turn's answer, the turns asked one after another in one chat."""
    chat = Conversations()
    answer = None
    for turn in turns:
        answer = answerer.answer(turn, log_question=False, context=chat.get(0))
        chat.update(0, answer)
    assert answer is not None
    return answer
