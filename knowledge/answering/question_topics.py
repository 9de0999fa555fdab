"""The topics a question's words belong to (topics_of), the words that give them
(topic_words), those alternatives of which one is enough (either_topics), and the words that
narrow a list down that no topic holds (narrowing_words). Pure functions of the words and the
index's expansions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from knowledge.answering.list_questions import ORG_NOUN

_NOT_TOPIC = re.compile(rf"{ORG_NOUN}|社会组织|民办非企业|社会团体|社会服务机构")
# Words of a list question that narrow nothing down.
_GENERIC = re.compile(
    r"^(服务|做|搞|干|帮|帮助|能|可以|提供|除了|还有|哪些|什么|其他|别的|所有|全部|一些|现在|目前"
    r"|本地|当地|咱|我们|这里|附近|专门|主要|社会|有关|相关|方面|领域|列|一下|列出|都有|知道"
    r"|名字|名称|名儿|字样|几家|几个|多少家|多少个|多少|一共|总共)+$"
)


def narrowing_words(words: Sequence[str], expansions: dict[str, tuple[str, ...]]) -> list[str]:
    """The words that are neither a kind of organization, nor a topic's, nor generic: what
    only the matcher can find ("哪些组织装过空调")."""
    return [
        w
        for w in words
        if not _NOT_TOPIC.search(w) and not _GENERIC.match(w) and not topic_keys(w, expansions)
    ]


# How organizations stand to a place, not what they do: 张家堡街道都入驻了哪些组织.
_RELATIONS = frozenset({"入驻", "引进", "引入"})
_FORM_PHRASE = re.compile(
    r"民办非企业单位|民办非企业|社会服务机构|社区社会组织|社会团体|慈善(?:组织|机构|团体|单位)"
)


def topics_of(
    words: Sequence[str], expansions: dict[str, tuple[str, ...]], text: str = ""
) -> list[str]:
    """The topics the question's words belong to, in their order; the words that name a kind
    of organization (社会组织 is also the topic 社会组织孵化's word, 企业 is in 民办非企业单位)
    are not a topic here."""
    found: list[str] = []
    for word in topic_words(words, expansions, text):
        for key in topic_keys(word, expansions):
            if key[2:] not in found:
                found.append(key[2:])
    return found


def topic_keys(word: str, expansions: dict[str, tuple[str, ...]]) -> list[str]:
    """The topics ("T:…") among the word's expansions; most words have none to look through."""
    keys = expansions.get(word)
    return [key for key in keys if key.startswith("T:")] if keys else []


def topic_words(
    words: Sequence[str],
    expansions: dict[str, tuple[str, ...]],
    text: str = "",
    *,
    pieces: bool = False,
) -> list[str]:
    """The question's words that give it its topics (see topics_of); a piece of a longer one
    that gives a topic says nothing of its own (教育 of 红色教育) unless `pieces` are asked
    for (心理 of 心理咨询, which a service's 心理辅导 says)."""
    phrases = "|".join(_FORM_PHRASE.findall(text))
    found = [
        word
        for word in words
        if topic_keys(word, expansions)
        and not (_NOT_TOPIC.search(word) or (phrases and word in phrases) or word in _RELATIONS)
    ]

    def topics(word: str) -> set[str]:
        return set(topic_keys(word, expansions))

    def whole(word: str) -> str | None:
        return next((w for w in found if w != word and word in w), None)

    # a piece stands for the whole's topic only (心理 of 心理咨询 does, 教育 of 红色教育 not)
    return [
        w for w in found if (longer := whole(w)) is None or (pieces and topics(w) <= topics(longer))
    ]


# Two topics' words joined as alternatives (文化、体育, 养老或者助残; a normalized 、 is a
# space): either is asked for. 和/跟 may join what one organization must do both of (帮孩子和
# 家长的): those doing both are listed when any does, as before.
_JOINED = r"(?:或者|或是|或|还是|、|/|\s)"
_BOTH = re.compile(r"(都|同时|两样|两方面|两个方面)")


def either_topics(
    words: Sequence[str], expansions: dict[str, tuple[str, ...]], text: str, raw: str
) -> list[str]:
    """The topics a (normalized) list question asks for as alternatives, one of them enough
    (宝鸡搞文化、体育这方面的组织: those doing either); `raw`, the question as written, tells a
    space that was 、 from one that ended a clause."""
    said = topic_words(words, expansions, text)
    if len(said) < 2:
        return []
    spaced = "、" in raw or "/" in raw
    joined: list[str] = []
    for first, second in pairwise(said):
        found = re.search(f"{re.escape(first)}{_JOINED}{re.escape(second)}", text)
        if found and _BOTH.match(text, found.end()):
            continue  # 养老、慈善都做的, 两样都管: both asked
        if found and (" " not in found.group() or spaced):
            joined.extend(w for w in (first, second) if w not in joined)
        elif f"{first}{second}" in text and _fields(first, second, expansions):
            # 文化体育, 养老助残 written as one run: two fields, either (not 儿童心理: whom)
            joined.extend(w for w in (first, second) if w not in joined)
    return topics_of(joined, expansions, text) if joined else []


# Topics of whom a service is for: a word of one beside another field (儿童心理, 老人健身) says
# whom that field serves, both asked, never alternatives.
_WHOM = frozenset({"T:儿童青少年", "T:养老助老", "T:妇女家庭", "T:残障康复"})


def _fields(first: str, second: str, expansions: dict[str, tuple[str, ...]]) -> bool:
    """Whether two words written together are two fields of work of different topics."""
    one, two = set(topic_keys(first, expansions)), set(topic_keys(second, expansions))
    return bool(one and two) and not (one & two) and not ((one | two) & _WHOM)
