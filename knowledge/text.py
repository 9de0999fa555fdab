"""Text normalization and segmentation shared by the index and the matcher."""

from __future__ import annotations

import math
import os
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Questions are capped: a 5,000-character paste is answered from its first part.
MAX_QUERY_CHARS = 600

# The Chinese characters a question keeps: CJK Unified Ideographs, Extension A, and the
# compatibility ideographs.
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
_CJK = "".join(f"{chr(first)}-{chr(last)}" for first, last in _CJK_RANGES)
# Beyond the Basic Multilingual Plane: rare characters, some of them traditional forms that
# 繁→简 brings into the ranges above (𡻕 → 岁). Text holding one is always converted.
_SUPPLEMENTARY = "\U00010000"
_NOT_WORD_RE = re.compile(rf"[^{_CJK}a-z0-9]+")
_CJK_RE = re.compile(rf"[{_CJK}]")
_LATIN_RE = re.compile(r"[a-z]")
_CJK_RUN_RE = re.compile(rf"[{_CJK}]+")
_LATIN_CJK_RE = re.compile(rf"(?<=[a-z])(?=[{_CJK}])|(?<=[{_CJK}])(?=[a-z])")

# Function words that say nothing about what a resident needs.
STOP_WORDS = frozenset(
    [
        "的",
        "了",
        "吗",
        "呢",
        "吧",
        "啊",
        "呀",
        "哦",
        "嘛",
        "么",
        "是",
        "有",
        "在",
        "和",
        "与",
        "及",
        "或",
        "跟",
        "给",
        "对",
        "把",
        "被",
        "让",
        "从",
        "向",
        "到",
        "就",
        "都",
        "也",
        "还",
        "又",
        "很",
        "太",
        "更",
        "我",
        "你",
        "您",
        "他",
        "她",
        "它",
        "我们",
        "你们",
        "他们",
        "咱们",
        "我家",
        "家里",
        "自己",
        "大家",
        "这个",
        "那个",
        "这",
        "那",
        "这些",
        "那些",
        "一个",
        "一下",
        "一些",
        "想",
        "要",
        "想要",
        "需要",
        "能",
        "会",
        "可以",
        "可不可以",
        "能不能",
        "能否",
        "是否",
        "请问",
        "请",
        "麻烦",
        "谢谢",
        "问",
        "问一下",
        "问问",
        "打听",
        "知道",
        "了解",
        "告诉",
        "什么",
        "怎么",
        "怎么样",
        "怎样",
        "如何",
        "为什么",
        "哪",
        "哪些",
        "哪个",
        "哪家",
        "哪里",
        "哪儿",
        "哪边",
        "谁",
        "几",
        "多少",
        "吗",
        "没有",
        "有没有",
        "是不是",
        "做",
        "搞",
        "弄",
        "找",
        "去",
        "来",
        "说",
        "看",
        "用",
        "办",
        "帮",
        "帮忙",
        "一般",
        "现在",
        "目前",
        "平时",
        "最近",
        "一直",
        "已经",
        "比较",
        "非常",
        "特别",
        "真的",
        "其实",
        "就是",
        "机构",
        "单位",
        "个",
        "家",
        "位",
        "种",
        "点",
        "些",
        "下",
        "上",
        "里",
        "中",
        "时候",
        "地方",
        "情况",
        "问题",
        "事情",
        "东西",
        "内容",
        "方面",
        "相关",
        "关于",
        "主要",
        "具体",
        "一定",
        "应该",
        "然后",
        "所以",
        "但是",
        "因为",
        "如果",
    ]
)


@lru_cache(maxsize=1)
def _t2s():  # -> opencc.OpenCC
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """Characters that 繁→简 conversion changes (a few milliseconds, once per process)."""
    chars = [chr(code) for first, last in _CJK_RANGES for code in range(first, last + 1)]
    simplified = _t2s().convert("".join(chars))
    if len(simplified) != len(chars):  # a dictionary mapping a character to two: go slowly
        simplified = _t2s().convert("\n".join(chars)).split("\n")
    changed = {a for a, b in zip(chars, simplified, strict=True) if a != b}
    # Characters that only whole traditional phrases change (反覆 → 反复, 沈默 → 沉默). Not 坏:
    # converting simplified text would turn 打坏 into 打坯.
    return frozenset(changed | set("沈覆藉哩"))


def normalize(text: str, limit: int = MAX_QUERY_CHARS) -> str:
    """Half-width, simplified, lower-case; punctuation and emoji become single spaces."""
    text = unicodedata.normalize("NFKC", text[: limit * 2]).lower()
    # Most questions are simplified already: OpenCC only for those that need it.
    if not _traditional_chars().isdisjoint(text) or (text and max(text) >= _SUPPLEMENTARY):
        text = _t2s().convert(text)
    text = _NOT_WORD_RE.sub(" ", text)
    if _LATIN_RE.search(text):
        text = _LATIN_CJK_RE.sub(" ", text)  # "zhita的电话" → "zhita 的电话"
    return text.strip()[:limit]


def has_cjk(text: str) -> bool:
    return bool(_CJK_RE.search(text))


def cjk_runs(text: str) -> list[str]:
    return _CJK_RUN_RE.findall(text)


def char_bigrams(text: str) -> list[str]:
    grams: list[str] = []
    for run in cjk_runs(text):
        grams.extend(run[i : i + 2] for i in range(len(run) - 1))
    return grams


# --- the tokenizer ---------------------------------------------------------------------

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
) -> tuple[dict[str, float], float]:
    """Jieba's prefix dictionary, with each word's log probability in place of its count,
    and the log probability jieba gives a character no word starts with.

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
    prefixed: dict[str, float] = {}
    for word, count in freq.items():
        # jieba scores log(count) - log(total); computed the same way, ties break the same.
        prefixed[word] = math.log(count) - log_total if count else 0.0
        for end in range(1, len(word)):
            prefixed.setdefault(word[:end], 0.0)
    return prefixed, -log_total  # jieba's log(1) - log(total)


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

    def __init__(self, prefix_dict: dict[str, float], unknown_log_p: float) -> None:
        self._freq = prefix_dict
        self._unknown = unknown_log_p
        self._parts: dict[str, tuple[str, ...]] = {}

    def is_word(self, text: str) -> bool:
        return self._freq.get(text, 0.0) < 0.0

    def cut(self, text: str) -> list[str]:
        """Words of a normalized text (spaces separate runs; HMM groups unknown characters)."""
        words: list[str] = []
        hmm = len(text) <= HMM_MAX_CHARS  # in a long story, unknown words matter less than speed
        if not _OUTSIDE_JIEBA_BLOCK_RE.search(text):  # as normalize() leaves most questions
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

    def _best_ends(self, block: str) -> list[int]:
        """For each position, where the most probable segmentation's word starting there ends."""
        get, unknown = self._freq.get, self._unknown
        n = len(block)
        score = [0.0] * (n + 1)
        ends = [0] * (n + 1)
        for i in range(n - 1, -1, -1):
            log_p = get(block[i])
            if log_p is None:  # starts no word at all
                score[i] = unknown + score[i + 1]
                ends[i] = i + 1
                continue
            best = log_p + score[i + 1] if log_p else None
            best_end = i + 1
            for j in range(i + 2, n + 1):
                log_p = get(block[i:j])
                if log_p is None:
                    break
                if log_p:
                    value = log_p + score[j]
                    if best is None or value >= best:  # jieba: the longer word wins a tie
                        best, best_end = value, j
            score[i] = unknown + score[i + 1] if best is None else best
            ends[i] = best_end
        return ends

    def _cut_block(self, block: str, hmm: bool) -> list[str]:
        ends = self._best_ends(block)
        if not hmm and not _ASCII_ALNUM_RE.search(block):  # nothing to group: just the words
            words, i, n = [], 0, len(block)
            while i < n:
                j = ends[i]
                words.append(block[i:j])
                i = j
            return words
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

    def cut_with_parts(self, text: str) -> tuple[list[str], list[str]]:
        """One segmentation pass giving both the words and, as jieba's cut_for_search would, their parts."""
        words = self.cut(text)
        parts: list[str] = []
        for word in words:
            if len(word) > 2:
                parts.extend(self._parts_of(word))
            parts.append(word)
        return words, parts

    def _parts_of(self, word: str) -> tuple[str, ...]:
        found = self._parts.get(word)
        if found is None:
            freq = self._freq
            found = tuple(
                word[i : i + size]
                for size in (2, 3)
                if len(word) > size
                for i in range(len(word) - size + 1)
                if freq.get(word[i : i + size])
            )
            if len(self._parts) < PARTS_CACHE_SIZE:
                self._parts[word] = found
        return found


def char_pinyin_table() -> dict[str, tuple[str, ...]]:
    """Every common Chinese character's toneless readings (built once, cached with the index)."""
    from pypinyin.pinyin_dict import pinyin_dict

    table: dict[str, tuple[str, ...]] = {}
    for code, readings in pinyin_dict.items():
        if 0x3400 <= code <= 0x9FFF:
            # Most common reading first, as pypinyin lists them.
            table[chr(code)] = tuple(dict.fromkeys(_strip_tone(r) for r in readings.split(",")))
    return table


@lru_cache(maxsize=4096)
def _strip_tone(reading: str) -> str:
    plain = unicodedata.normalize("NFKD", reading)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return plain.replace("ü", "v").lower()


def word_readings(
    word: str, table: dict[str, tuple[str, ...]]
) -> tuple[tuple[str, ...], ...] | None:
    """Each character's possible readings; None when a character has none (not Chinese)."""
    readings = tuple(table.get(c, ()) for c in word)
    return readings if all(readings) else None
