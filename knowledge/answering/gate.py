"""The answer gate: how sure the best match must be to answer, to ask back, or to say none fits.

Calibrated on tests/knowledge/answering/questions_gate.yaml (questions written for the gate,
not from the held-out sets), against the project's tuning and holdout sets, whose
out-of-scope questions must stay unanswered. A resident's question often holds words the
knowledge base lacks (dialect, filler, a long story): coverage then falls although the right
record is first. Between answering and "不知道" the bot proposes the record and asks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Protocol


class Decision(StrEnum):
    """What the best matches allow (each member equals its plain string)."""

    ANSWER = "answer"  # sure: answer from the best match
    CONFIRM = "confirm"  # fairly sure: propose the best match and ask
    CHOOSE = "choose"  # several fit as well: ask which one
    UNKNOWN = "unknown"  # none fits


# Answer: a good score and most of the question accounted for; or a strong score with little
# of a long story accounted for.
CONFIDENT_SCORE = 6.0
MIN_COVERAGE = 0.4
STRONG_SCORE = 25.0
STRONG_MIN_COVERAGE = 0.12
# Confirm: a story told around a need, with a fair score and a fair part of it accounted for.
# A short question that much of is unknown asks for something else (宝鸡哪个高中好, 志愿者证书
# 怎么打印): on the gate's questions every right proposal was 34 characters or more, every
# wrong one 13 or fewer.
CONFIRM_SCORE = 10.0
CONFIRM_MIN_COVERAGE = 0.2
CONFIRM_MIN_CHARS = 20
# Confirm, too: a need named only in the words of a topic (心情不好, 失眠, 压力大) scores
# low however short the question, but when most of it points at the best match it is
# proposed rather than thrown away — when that match stands out: a topic's word that several
# organizations hold alike, next to words none of them accounts for (孩子 of 孩子的户口咋迁,
# 娃整天玩游戏咋管), names none of them: the first of equals is no proposal. (A question that
# is all the topic's words, 帮娃的, asks for any of them.)
# Confirm, too: a long story whose best match stands out from every other organization's
# (STANDOUT_MARGIN times the best of them) though it accounts for little of the story: the
# story's other words are how the resident lives, which no record holds (小公司, 文件, 懂行
# around 扶持政策; 读书会, 桌子 around 辛家庙 and 免费).
# A short question is no story: 练武术和练跆拳道哪个更适合七岁男孩 asks advice, and 武术
# stands out in it all the same.
STANDOUT_MIN_COVERAGE = 0.12
STANDOUT_MARGIN = 1.6
STANDOUT_MIN_CHARS = 28
TOPIC_SCORE = 3.5
TOPIC_MARGIN = 1.2  # times the best score of another organization's records
AMBIGUOUS_RATIO = 0.9


class Candidate(Protocol):
    score: float
    coverage: float


def decide(
    results: Sequence[Candidate],
    same_family: Callable[[Candidate, Candidate], bool],
    length: int,
    alike: Callable[[Candidate, Candidate], bool] = lambda rival, top: True,
) -> Decision:
    """The decision for ranked results (best first; only the best one's coverage is known)
    of a question `length` characters long (spaces left out); `alike(rival, top)`: whether
    the rival found the question by the same words as the best one."""
    if not results:
        return Decision.UNKNOWN
    top = results[0]
    sure = (top.score >= CONFIDENT_SCORE and top.coverage >= MIN_COVERAGE) or (
        top.score >= STRONG_SCORE and top.coverage >= STRONG_MIN_COVERAGE
    )
    if not sure:
        told = (
            top.score >= CONFIRM_SCORE
            and top.coverage >= CONFIRM_MIN_COVERAGE
            and length >= CONFIRM_MIN_CHARS
        )
        if not told and top.score >= CONFIRM_SCORE and length >= STANDOUT_MIN_CHARS:
            others = [r.score for r in results[1:] if not same_family(r, top)]
            told = top.coverage >= STANDOUT_MIN_COVERAGE and top.score >= STANDOUT_MARGIN * max(
                others, default=0.0
            )
        topic = top.score >= TOPIC_SCORE and top.coverage >= MIN_COVERAGE
        if topic and not told and top.coverage < 1.0:
            equals = [r for r in results[1:] if not same_family(r, top) and alike(r, top)]
            rival = max((r.score for r in equals), default=0.0)
            topic = top.score >= TOPIC_MARGIN * rival
        return Decision.CONFIRM if told or topic else Decision.UNKNOWN
    rivals = [
        r for r in results[1:] if r.score >= AMBIGUOUS_RATIO * top.score and not same_family(r, top)
    ]
    return Decision.CHOOSE if rivals else Decision.ANSWER
