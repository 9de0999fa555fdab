"""A follow-up with words of its own ("他们能做康复吗", "有多少志愿者", "在哪些地方演过"):
whether the question's own answer stands or the one with the chat's subject named (context.py
reads whether a question is such a follow-up, as a `Rewrite`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from knowledge.answering.context import Rewrite
from knowledge.answering.figures import FIGURE_MISSED
from knowledge.answering.gate import Decision
from knowledge.records import Kind

if TYPE_CHECKING:  # outcome.py imports context.py
    from knowledge.answering.outcome import Answer


def rewritten(
    rewrite: Rewrite, first: Answer, again: Callable[[str], Answer], *, names: bool = False
) -> Answer:
    """A follow-up with words of its own: the question's own answer when it is a sure one
    about a record (it may name another organization, or ask something new); otherwise the
    answer with the subject named, if that one is about the subject.

    `names`: the question names a record or a place of its own, so its own answer stands.
    One that points back (他们服务哪些孩子) and names nothing is about the subject whenever
    the subject has an answer. A question for a number is the subject's too, when the subject
    has an answer for it (服务过多少孩子 after 智塔: not 常青藤's children). One that does
    neither takes the subject only when it has no answer of its own, and only for a sure
    answer."""
    if first.refusal is not None or (names and first.answered):
        return first
    own = first.answered and not first.choices
    about_nothing = first.top is None or first.top.KIND == Kind.FACT
    sure_elsewhere = False
    if rewrite.pointed:
        keep = False
    elif rewrite.counts:
        # a number asked of nothing named (服务过多少孩子) is the subject's when it has one
        keep = own and first.decision == Decision.ANSWER and rewrite.covers(first.top)
        sure_elsewhere = own and first.decision == Decision.ANSWER and not about_nothing
    else:  # its own words must find the subject among their candidates (not 挖掘机)
        keep = own or not _among(rewrite, first)
    if keep:
        return first
    second = again(rewrite.question)
    if sure_elsewhere and second.reply.lines[:1] and second.reply.lines[0] in FIGURE_MISSED:
        return first  # 幸福院的空调装了多少台 after 智塔: 情暖's 66台, not 智塔's none
    loose = rewrite.pointed or rewrite.counts
    sure = second.answered if loose else second.decision == Decision.ANSWER
    if sure and not second.choices and rewrite.covers(second.top):
        second.query = first.query
        second.context = rewrite.subject
        return second
    if _not_held_of(rewrite, second):  # 负责人是谁: the subject's, which no record holds
        second.query = first.query
        second.context = rewrite.subject
        return second
    return first


def _not_held_of(rewrite: Rewrite, answer: Answer) -> bool:
    """Whether the answer says the records lack what was asked of the subject (not 不知道)."""
    about = answer.subject
    if answer.answered or answer.refusal is not None or about is None:
        return False
    return about.id in {rewrite.subject.id, rewrite.organization} - {""}


def _among(rewrite: Rewrite, answer: Answer) -> bool:
    """Whether the subject (or its organization's records) is among the answer's candidates."""
    wanted = {rewrite.subject.id, rewrite.organization} - {""}
    for result in answer.results:
        owner = result.get("organization") or {}
        if result["id"] in wanted or owner.get("id") in wanted:
            return True
    return False
