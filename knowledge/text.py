"""Text normalization and segmentation shared by the index and the matcher."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Questions are capped: a 5,000-character paste is answered from its first part.
MAX_QUERY_CHARS = 600

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_NOT_WORD_RE = re.compile(rf"[^{_CJK}a-z0-9]+")
_CJK_RE = re.compile(rf"[{_CJK}]")
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


def normalize(text: str, limit: int = MAX_QUERY_CHARS) -> str:
    """Half-width, simplified, lower-case; punctuation and emoji become single spaces."""
    text = unicodedata.normalize("NFKC", text[: limit * 2]).lower()
    if _CJK_RE.search(text):
        text = _t2s().convert(text)
    text = _NOT_WORD_RE.sub(" ", text)
    text = _LATIN_CJK_RE.sub(" ", text).strip()  # "zhita的电话" → "zhita 的电话"
    return text[:limit]


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

GENERAL_MIN_FREQ = 20
HMM_MAX_CHARS = 60  # keep jieba's ~80k commoner words; rare ones only slow loading


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
) -> tuple[dict[str, int], int]:
    """Jieba's prefix dictionary: domain words weighted to win over general segmentation."""
    freq = dict(words)
    for word in domain_words:
        if len(word) >= 2:
            # Frequent enough that jieba keeps a name whole instead of cutting it up.
            freq[word] = max(freq.get(word, 0), 50_000 * len(word))
    prefixed: dict[str, int] = {}
    for word, count in freq.items():
        prefixed[word] = count
        for end in range(1, len(word)):
            prefixed.setdefault(word[:end], 0)
    return prefixed, sum(freq.values())


class Segmenter:
    """Jieba over a prefix dictionary we built ourselves (the default one takes a second to load)."""

    def __init__(self, prefix_dict: dict[str, int], total: int) -> None:
        import jieba

        jieba.setLogLevel(60)
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.FREQ = prefix_dict
        self._tokenizer.total = total
        self._tokenizer.initialized = True

    def is_word(self, text: str) -> bool:
        return self._tokenizer.FREQ.get(text, 0) > 0

    def cut(self, text: str) -> list[str]:
        """Words of a normalized text (spaces separate runs; HMM groups unknown characters)."""
        words: list[str] = []
        hmm = len(text) <= HMM_MAX_CHARS  # in a long story, unknown words matter less than speed
        for part in text.split():
            words.extend(w for w in self._tokenizer.lcut(part, HMM=hmm) if w.strip())
        return words

    def all_words(self, text: str) -> list[str]:
        """Every dictionary word of two or more characters found anywhere in the text.

        Indexing documents this way is several times faster than jieba's segmentation and
        finds every word a resident's own segmentation might produce.
        """
        freq = self._tokenizer.FREQ
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
        freq = self._tokenizer.FREQ
        words = self.cut(text)
        parts: list[str] = []
        for word in words:
            for size in (2, 3):
                if len(word) > size:
                    parts.extend(
                        word[i : i + size]
                        for i in range(len(word) - size + 1)
                        if freq.get(word[i : i + size])
                    )
            parts.append(word)
        return words, parts


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
