"""How much of what a resident wrote a found document accounts for: the share, by word
weight, of the question's words it was found by (the gate reads it: gate.py)."""

from __future__ import annotations

from collections.abc import Callable


def coverage_of(hit: set[str], words: list[str], weight_of: Callable[[str], float]) -> float:
    """The share of `words` (distinct) that `hit`, the words a document was found by,
    accounts for, each word weighed by `weight_of` (its rarity)."""
    if "<name>" in hit:
        return 1.0
    parts = {h for h in hit if len(h) >= 2}
    # One search for a word inside any of them: testing each part in turn made a long
    # story's coverage three times as slow.
    joined = "\x00".join(parts)
    total = covered = 0.0
    for word in words:
        weight = weight_of(word)
        total += weight
        if word in hit or word in joined or contains_hit(word, parts):
            covered += weight
    if total == 0:
        return 1.0 if hit else 0.0
    return covered / total


def contains_hit(word: str, hits: set[str]) -> bool:
    """A word containing a matched word (cut() may keep "自闭症儿童" whole where the search
    words matched its parts)."""
    n = len(word)
    return n > 2 and any(word[a:b] in hits for a in range(n - 1) for b in range(a + 2, n + 1))
