"""Chinese word segmentation: jieba's algorithm over a dictionary built for the knowledge base."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain
from operator import add

GENERAL_MIN_FREQ = 20  # keep jieba's ~80k commoner words; rare ones only slow loading
HMM_MAX_CHARS = 60  # longer messages skip jieba's HMM for unknown words
PARTS_CACHE_SIZE = 100_000  # words whose dictionary parts are remembered
# jieba segments runs of these characters; anything else stands alone.
_JIEBA_BLOCK_RE = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)")
_OUTSIDE_JIEBA_BLOCK_RE = re.compile(r"[^\u4E00-\u9FD5a-zA-Z0-9+#&\._%\- ]")
_ASCII_ALNUM_RE = re.compile(r"[a-zA-Z0-9]")


def general_word_freqs() -> dict[str, int]:
    """Jieba's general dictionary, trimmed to its commoner words."""
    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    freqs: dict[str, int] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word, freq, *_ = line.split(" ")
            if int(freq) >= GENERAL_MIN_FREQ:
                freqs[word] = int(freq)
    return freqs


def build_prefix_dict(
    words: dict[str, int], domain_words: Iterable[str]
) -> tuple[dict[str, float], float, frozenset[str]]:
    """Jieba's prefix dictionary, with each word's log probability in place of its count;
    the log probability jieba gives a character no word starts with; and the character
    pairs that begin a word of three or more (elsewhere the search for a word stops at two).

    Domain words are weighted to win over general segmentation. A word maps to its (always
    negative) log probability, a mere prefix of words to 0.0, so the value is truthy exactly
    when jieba's count would be; the segmenter then needs no logarithms per question.
    """
    freq = dict(words)
    for word in domain_words:
        if len(word) >= 2:
            # Frequent enough that jieba keeps a name whole instead of cutting it up.
            freq[word] = max(freq.get(word, 0), 50_000 * len(word))
    log_total = math.log(sum(freq.values()))
    # A name normalized with a space inside (武术“进校园” → 武术 进校园) still counts in the
    # total, as in jieba, but can never be cut out: jieba cuts between spaces, and so do we.
    reachable = [(word, count) for word, count in freq.items() if " " not in word]
    prefixed: dict[str, float] = {}
    for word, count in reachable:
        # jieba scores log(count) - log(total); computed the same way, ties break the same.
        prefixed[word] = math.log(count) - log_total if count else 0.0
        for end in range(1, len(word)):
            prefixed.setdefault(word[:end], 0.0)
    longer = frozenset(word[:2] for word, _ in reachable if len(word) > 2)
    return prefixed, -log_total, longer  # jieba's log(1) - log(total)


@lru_cache(maxsize=1)
def _hmm():  # -> jieba.finalseg, imported only when a question has unknown words
    from jieba import finalseg

    return finalseg


class Segmenter:
    """Jieba's segmentation over a prefix dictionary we built ourselves.

    The default dictionary takes a second to load, and jieba's own cut spends most of its
    time in generators and tuple comparisons; this is the same dynamic programme (same
    words, same tie-breaking, jieba's HMM for unknown runs) in one tight loop.
    """

    def __init__(
        self, prefix_dict: dict[str, float], unknown_log_p: float, longer_pairs: frozenset[str]
    ) -> None:
        self._freq = prefix_dict
        self._unknown = unknown_log_p
        self._longer = longer_pairs
        self._parts: dict[str, tuple[str, ...]] = {}

    def is_word(self, text: str) -> bool:
        return self._freq.get(text, 0.0) < 0.0

    def cut(self, text: str, pairs: list[str] | None = None) -> list[str]:
        """Words of a normalized text (spaces separate runs; HMM groups unknown characters).
        `pairs`, if given, must be this very text's character pairs: they spare making them again."""
        words: list[str] = []
        hmm = len(text) <= HMM_MAX_CHARS  # in a long story, unknown words matter less than speed
        if not _OUTSIDE_JIEBA_BLOCK_RE.search(text):  # as normalize() leaves most questions
            if not hmm and not _ASCII_ALNUM_RE.search(text):  # a long story in Chinese
                return self._dictionary_words(text, pairs)
            for block in text.split():
                words.extend(self._cut_block(block, hmm))
            return words
        for block in _JIEBA_BLOCK_RE.split(text):
            if not block:
                continue
            if _JIEBA_BLOCK_RE.match(block):
                words.extend(self._cut_block(block, hmm))
            else:  # jieba yields whatever else character by character
                words.extend(c for c in block if not c.isspace())
        return words

    def _best_ends(self, block: str, pair_texts: list[str] | None = None) -> list[int]:
        """For each position, where the most probable segmentation's word starting there ends.

        A space ends a block: what precedes it is scored as if the text ended there.
        """
        get, unknown = self._freq.get, self._unknown
        n = len(block)
        # One- and two-character lookups for every position at once, in C (map): most
        # positions need no other.
        singles = list(map(get, block))
        if pair_texts is None:
            pair_texts = list(map(add, block, block[1:]))
        pairs = list(map(get, pair_texts))
        pairs.append(None)
        longer = list(map(self._longer.__contains__, pair_texts))
        longer.append(False)
        score = [0.0] * (n + 1)
        ends = [0] * (n + 1)
        for i in range(n - 1, -1, -1):
            log_p = singles[i]
            if log_p is None:  # starts no word at all
                score[i] = 0.0 if block[i] == " " else unknown + score[i + 1]
                ends[i] = i + 1
                continue
            best = log_p + score[i + 1] if log_p else None
            best_end = i + 1
            log_p = pairs[i]
            if log_p is not None:
                if log_p:
                    value = log_p + score[i + 2]
                    if best is None or value >= best:  # jieba: the longer word wins a tie
                        best, best_end = value, i + 2
                for j in range(i + 3, n + 1) if longer[i] else ():
                    log_p = get(block[i:j])
                    if log_p is None:
                        break
                    if log_p:
                        value = log_p + score[j]
                        if best is None or value >= best:
                            best, best_end = value, j
            score[i] = unknown + score[i + 1] if best is None else best
            ends[i] = best_end
        return ends

    def _dictionary_words(self, text: str, pairs: list[str] | None = None) -> list[str]:
        """The words of space-separated blocks in one pass, without grouping unknown characters."""
        ends = self._best_ends(text, pairs)
        words, i, n = [], 0, len(text)
        while i < n:
            j = ends[i]
            if j - i > 1 or text[i] != " ":
                words.append(text[i:j])
            i = j
        return words

    def _cut_block(self, block: str, hmm: bool) -> list[str]:
        if not hmm and not _ASCII_ALNUM_RE.search(block):  # nothing to group: just the words
            return self._dictionary_words(block)
        ends = self._best_ends(block)
        words: list[str] = []
        buf = ""
        i, n = 0, len(block)
        while i < n:
            j = ends[i]
            word = block[i:j]
            if j - i == 1 and (hmm or (word.isascii() and word.isalnum())):
                buf += word
            else:
                if buf:
                    words.extend(self._unknown_run(buf) if hmm else (buf,))
                    buf = ""
                words.append(word)
            i = j
        if buf:
            words.extend(self._unknown_run(buf) if hmm else (buf,))
        return words

    def _unknown_run(self, buf: str) -> list[str]:
        """Single characters in a row: jieba's HMM groups those no dictionary word covers."""
        if len(buf) == 1:
            return [buf]
        if self._freq.get(buf):
            return list(buf)
        return list(_hmm().cut(buf))

    def all_words(self, text: str) -> list[str]:
        """Every dictionary word of two or more characters found anywhere in the text.

        Indexing documents this way is several times faster than jieba's segmentation and
        finds every word a resident's own segmentation might produce.
        """
        freq = self._freq
        words: list[str] = []
        for part in text.split():
            n = len(part)
            for i in range(n - 1):
                j = i + 2
                while j <= n:
                    piece = part[i:j]
                    count = freq.get(piece)
                    if count is None:
                        break
                    if count:
                        words.append(piece)
                    j += 1
            if part.isascii():
                words.append(part)
        return words

    def cut_with_parts(
        self, text: str, pairs: list[str] | None = None
    ) -> tuple[list[str], list[str]]:
        """One segmentation pass giving both the words and, as jieba's cut_for_search would, their parts."""
        words = self.cut(text, pairs)
        # Each word's parts are remembered with the word at their end: a long story's hundred
        # words are then looked up and joined in C.
        found = list(map(self._parts.get, words))
        if None in found:
            found = [
                known or self._remember_parts(word)
                for word, known in zip(words, found, strict=True)
            ]
        return words, list(chain.from_iterable(found))

    def _remember_parts(self, word: str) -> tuple[str, ...]:
        freq = self._freq
        found = (
            *(
                word[i : i + size]
                for size in (2, 3)
                if len(word) > size
                for i in range(len(word) - size + 1)
                if freq.get(word[i : i + size])
            ),
            word,
        )
        if len(self._parts) >= PARTS_CACHE_SIZE:
            self._parts.clear()
        self._parts[word] = found
        return found
