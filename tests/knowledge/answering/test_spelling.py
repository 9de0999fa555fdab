"""Sound-alike slips (spelling.py, sounds.py): read as the word is said, by the characters'
usual sounds, and never inside a word the knowledge base knows."""

from __future__ import annotations

import pytest

from knowledge.answering.answer import Answerer

# (what a resident wrote, the stretch never read as a sound-alike)
NOT_SLIPS = [
    ("刚在未央区攒了个公益小团体，没地方办公", "刚在"),  # 抗灾 only through 抗's rare gang
    ("刚在未央区攒了个公益小团体，没地方办公", "公场"),  # inside 办公场地, a known word
    ("在家唱秦腔邻居嫌吵", "家唱"),  # 家长 is jia zhang, not jia chang
]


@pytest.mark.parametrize(("question", "written"), NOT_SLIPS, ids=[w for _, w in NOT_SLIPS])
def test_a_stretch_that_does_not_sound_like_the_word_said_is_no_slip(
    answerer: Answerer, question: str, written: str
) -> None:
    """Only the slips the matcher keeps count: filtered after homophones() in match()."""
    answer = answerer.snapshot.matcher.match(question)
    assert written not in kept_corrections(answerer, question), answer.normalized


def kept_corrections(answerer: Answerer, question: str) -> set[str]:
    """The stretches read as another word: they add that word's documents to the scores."""
    matcher = answerer.snapshot.matcher
    kept: set[str] = set()
    original = matcher._score_words

    def spy(words, corrections, places, named):  # type: ignore[no-untyped-def]
        kept.update(corrections)
        return original(words, corrections, places, named)

    matcher._score_words = spy  # type: ignore[method-assign]
    try:
        matcher.match(question)
    finally:
        del matcher._score_words
    return kept


SLIPS = [
    ("常清藤在哪", "changqingteng-social-work"),  # 清 qing for 青 qing
    ("明名心理在哪", "baoji-mingming-psychology"),  # 名 ming for 明 ming
]


@pytest.mark.parametrize(("question", "key"), SLIPS, ids=[q for q, _ in SLIPS])
def test_a_real_slip_still_finds_the_name(answerer: Answerer, question: str, key: str) -> None:
    answer = answerer.answer(question, log_question=False)
    assert answer.answered and answer.results[0]["id"] == key, answer.text
