"""Text normalization and segmentation shared by the index and the matcher."""

from __future__ import annotations

import re
import unicodedata
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
# Characters that NFKC makes ASCII punctuation or a space (，？！：；（） and the ideographic space).
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_FULL_WIDTH_PUNCTUATION_RE = re.compile(
    "[\u3000\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]"
)
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
        # "how many in all": the figure's intent reads them; as words they cover nothing
        "一共",
        "总共",
        "共有",
        "合计",
        "那块",
        "这块",
        "找个",
        "一天",
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
        "不能",
        "不会",
        "能否",
        "是否",
        "请问",
        "请",
        "麻烦",
        "谢谢",
        "问",
        "问一下",
        "问问",
        # a verb doubled is "a little of it": the need is the word after (学学咋跟娃沟通)
        "学学",
        "学一学",
        "试试",
        "试一试",
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
        # What a story is told with, not what it asks for (a resident's need is told around
        # these: 我妈一个人在家没人管, 听说…有个项目).
        "没人",
        "有人",
        "没人管",
        "有人管",
        "谁管",
        "管不管",
        "找谁",
        "看看",
        "瞧瞧",
        "听说",
        "感觉",
        "觉得",
        "好像",
        "可能",
        "每天",
        "天天",
        "经常",
        "老是",
        "总是",
        "有点",
        "一点",
        "有时候",
        "有时",
        "这边",
        "那边",
        "这里",
        "那里",
        "以后",
        "之前",
        "后来",
        "今年",
        "去年",
        "我爸",
        "我妈",
        "我爸妈",
        "几个",
        "自家",
        "一天到晚",
        "为了",
        "回来",
        "回家",
    ]
)


@lru_cache(maxsize=1)
def _t2s():  # -> opencc.OpenCC
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _needs_t2s() -> re.Pattern[str]:
    """Finds a character that 繁→简 changes, or one beyond the BMP (a set test per character
    would build a string object for each: ten times slower on a long question)."""
    chars = "".join(map(re.escape, sorted(_traditional_chars())))
    return re.compile(f"[{chars}{_SUPPLEMENTARY}-\U0010ffff]")


def _traditional_chars() -> frozenset[str]:
    """Characters that 繁→简 conversion changes (a few milliseconds; _needs_t2s() keeps them)."""
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
    # NFKC is slow on long text and most questions only need it for their full-width
    # punctuation, which would become spaces below anyway: drop that first, then check in C.
    text = _FULL_WIDTH_PUNCTUATION_RE.sub(" ", text[: limit * 2])
    # A lone surrogate (JSON's "\ud800" decodes to one) is no character: OpenCC, which
    # encodes to UTF-8, would raise on it. A separator, as punctuation is.
    text = _SURROGATE_RE.sub(" ", text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = text.lower()
    # Most questions are simplified already: OpenCC only for those that need it.
    if _needs_t2s().search(text):
        text = _t2s().convert(text)
    text = _NOT_WORD_RE.sub(" ", text)
    if _LATIN_RE.search(text):
        text = _LATIN_CJK_RE.sub(" ", text)  # "zhita的电话" → "zhita 的电话"
    return text.strip()[:limit]


# A clause: what stands between punctuation marks or spaces (a normalized text's punctuation
# is a space), as the scope rules, the list and the figure questions read a story by its parts.
CLAUSE_RE = re.compile(r"[^,.!?;，。！？；\s]+")


def has_cjk(text: str) -> bool:
    return bool(_CJK_RE.search(text))


def cjk_runs(text: str) -> list[str]:
    return _CJK_RUN_RE.findall(text)


def char_bigrams(text: str) -> list[str]:
    """Pairs of Chinese characters side by side."""
    return [run[i : i + 2] for run in cjk_runs(text) for i in range(len(run) - 1)]
