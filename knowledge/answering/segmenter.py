"""Chinese word segmentation: jieba's, over its general dictionary trimmed to the commoner
words plus the knowledge base's own vocabulary."""

from __future__ import annotations

import io
import math
import os
import re
from collections.abc import Iterable
from functools import cache

GENERAL_MIN_FREQ = 20  # keep jieba's ~80k commoner words; rare ones only slow loading
HMM_MAX_CHARS = 60  # longer messages skip jieba's HMM for unknown words
# Per character of a knowledge-base word: frequent enough that jieba keeps a name whole
# instead of cutting it up.
DOMAIN_WORD_FREQ = 50_000
# jieba segments runs of these characters; anything else stands alone (jieba's re_han_default).
_JIEBA_BLOCK_RE = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)")


def build_dictionary(domain_words: Iterable[str]) -> tuple[dict[str, int], int]:
    """jieba's prefix dictionary (each word's count; 0 for a mere prefix of words) and its
    total count, for jieba's commoner words and the knowledge base's words.

    The index keeps both, so answering never reads jieba's 350,000-word dictionary file (a
    second) nor the marshal cache jieba would write into the temporary folder.
    """
    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    with open(path, "rb") as fh:
        common = [line for line in fh if int(line.split(b" ")[1]) >= GENERAL_MIN_FREQ]
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(io.BytesIO(b"".join(common)))
    tokenizer.initialized = True  # this dictionary: jieba must not load (and cache) its own
    for word in sorted(domain_words):
        if len(word) >= 2:
            freq = max(tokenizer.FREQ.get(word, 0), DOMAIN_WORD_FREQ * len(word))
            tokenizer.add_word(word, freq)
    return tokenizer.FREQ, tokenizer.total


@cache
def _hmm():  # -> jieba.finalseg, imported only when a question has unknown words
    from jieba import finalseg

    return finalseg


class Segmenter:
    """jieba's segmentation over a dictionary from build_dictionary(): the most probable
    route through the dictionary words of each block, jieba's HMM for unknown characters,
    and cut_for_search's parts of each word.

    A copy of jieba's Tokenizer.cut, kept because it is measured: jieba's own made the
    matcher's p99 on the shipped knowledge base about 40% slower, past the 30% the matcher
    may lose (bench_ask.py, four interleaved runs: 0.51-0.65 ms against 0.38-0.45 ms). Its
    route takes a logarithm per candidate word in a generator of tuples; here each word's
    log probability is taken once. tests/knowledge/answering/test_segmenter.py checks that
    both cut every question alike.
    """

    def __init__(self, freq: dict[str, int], total: int) -> None:
        self._freq = freq
        log_total = math.log(total)
        # jieba scores log(count) - log(total); computed the same way, ties break the same. A
        # mere prefix stays 0.0: the value is truthy exactly when jieba's count is.
        self._log_p = {w: math.log(n) - log_total if n else 0.0 for w, n in freq.items()}
        self._unknown = -log_total  # jieba's log(1) - log(total)

    def is_word(self, text: str) -> bool:
        return bool(self._freq.get(text))

    def everyday(self, text: str) -> bool:
        """Whether the text is a word of jieba's general dictionary that the knowledge base did
        not add (青年, 中海: 0 < count < a domain word's); 智塔, 众益 are the base's own."""
        return 0 < self._freq.get(text, 0) < DOMAIN_WORD_FREQ * len(text)

    def cut(self, text: str) -> list[str]:
        """Words of a normalized text; jieba's HMM groups unknown characters, except in a long
        story, where unknown words matter less than speed."""
        hmm = len(text) <= HMM_MAX_CHARS
        words: list[str] = []
        for block in _JIEBA_BLOCK_RE.split(text):
            if _JIEBA_BLOCK_RE.match(block):
                words.extend(self._cut_block(block, hmm))
            else:  # jieba yields whatever else character by character
                words.extend(c for c in block if not c.isspace())
        return words

    def cut_for_search(self, text: str) -> tuple[list[str], list[str]]:
        """The words of a text, and what jieba's cut_for_search gives for it: before each
        word, its dictionary words of two and three characters."""
        words = self.cut(text)
        search_words: list[str] = []
        for word in words:
            for size in (2, 3):
                if len(word) > size:
                    for i in range(len(word) - size + 1):
                        if self._freq.get(word[i : i + size]):
                            search_words.append(word[i : i + size])
            search_words.append(word)
        return words, search_words

    def _cut_block(self, block: str, hmm: bool) -> list[str]:
        ends = self._route(block)
        words: list[str] = []
        run = ""  # characters the route leaves alone, one after another
        i = 0
        while i < len(block):
            word = block[i : ends[i]]
            if len(word) == 1 and (hmm or (word.isascii() and word.isalnum())):
                run += word
            else:
                if run:
                    words.extend(self._unknown_run(run) if hmm else [run])
                    run = ""
                words.append(word)
            i = ends[i]
        if run:
            words.extend(self._unknown_run(run) if hmm else [run])
        return words

    def _route(self, block: str) -> list[int]:
        """Where the word starting at each position ends, on the most probable route through
        the block (jieba's get_DAG and calc)."""
        n = len(block)
        score = [0.0] * (n + 1)
        ends = list(range(1, n + 2))  # a character no word starts with stands alone
        for i in range(n - 1, -1, -1):
            best: float | None = None
            for j in range(i + 1, n + 1):
                log_p = self._log_p.get(block[i:j])
                if log_p is None:  # no word starts so
                    break
                if log_p and (best is None or log_p + score[j] >= best):  # a tie: the longer
                    best, ends[i] = log_p + score[j], j
            score[i] = self._unknown + score[i + 1] if best is None else best
        return ends

    def _unknown_run(self, run: str) -> list[str]:
        """Single characters in a row: jieba's HMM groups those no dictionary word covers."""
        if len(run) == 1:
            return [run]
        if self._freq.get(run):
            return list(run)
        return list(_hmm().cut(run))

    def all_words(self, text: str) -> list[str]:
        """Every dictionary word of two or more characters found anywhere in the text.

        Indexing documents this way is faster than segmenting them and finds every word a
        resident's own segmentation might produce.
        """
        words: list[str] = []
        for part in text.split():
            n = len(part)
            for i in range(n - 1):
                for j in range(i + 2, n + 1):
                    count = self._freq.get(part[i:j])
                    if count is None:  # no word starts so
                        break
                    if count:
                        words.append(part[i:j])
            if part.isascii():
                words.append(part)
        return words
