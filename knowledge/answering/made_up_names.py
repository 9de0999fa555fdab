"""An organization's name with no place before it, which no record gives: "阳光助老服务站在哪",
"彩虹桥儿童康复中心收不收三岁的孩子". scope_unrecorded.py reads a name after one of our
places or in quotes; without them a name is told from a kind asked for (自闭症儿童康复中心在哪,
社区养老服务中心) by its own words: a name's distinctive words (阳光, 彩虹桥, 夕阳红) are ones
the knowledge base knows nowhere, a kind's are its needs and services, which it knows.
Only a name the question opens with, as what it asks about (not 哪个协会, 有没有…中心)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.answering.fillers import tells_nothing
from knowledge.answering.index import Index
from knowledge.answering.other_bodies import BODY
from knowledge.answering.scope_unrecorded import NAME_WORDS
from knowledge.answering.text import STOP_WORDS

# 有家 "there is one", not in 没有家长 / 有家人 / 有家庭 (有没有家长互助中心 names a kind).
_HAS_ONE = r"(?<!没)有家(?![长人庭属里])"
# The name first, after a greeting or a pointing word at most.
_AFTER_NAME = (
    r"(?=的|是|在|有|收|能|可以|怎么|咋|几|多|电话|地址|挺|靠谱|正规|上课|好不好|[，,。？?！!\s]|$)"
)
_OPENING = re.compile(
    rf"^(?:请问|问一下|问下|听说|那个|这个|有个|有一个|{_HAS_ONE}|宝鸡的|未央的|未央区的)?(?:叫做?|名叫)?"
    rf"([\u4e00-\u9fff]{{2,8}}?)({BODY}){_AFTER_NAME}"
)
# …or called by its name later in the question: "我妈想去一个叫夕阳红养老服务站的地方",
# "俺村那个阳光助老服务站靠谱不", "听说有个彩虹桥儿童康复中心" (叫, 那个, 有个 before it make it a
# name, not a kind: 有个康复中心吗 asks for one, whose words the records know).
_CALLED = re.compile(
    rf"(?:(?:那个|这个|有个|有一个|{_HAS_ONE}|有一家)(?:叫做?|名叫)?|叫做?|名叫"
    # …or told of by what was said or done with it: 听朋友说阳光助老服务站挺好, 推荐了彩虹桥
    # 康复中心, 报了个小太阳艺术团, 孩子在晨曦特教中心上课
    rf"|说|推荐了?|报了个?|在)"
    rf"([\u4e00-\u9fff]{{2,8}}?)({BODY}){_AFTER_NAME}"
)
# What a told name's words may not hold: a verb of the story (想在宝鸡找个心理咨询中心).
_STORY_VERBS = re.compile(r"[找去想要住上到来回]")
_CALLED_CUES = re.compile(rf"叫|个|{_HAS_ONE}|有一家|说|推荐|报了|在")
# A kind asked for, not a name: 哪个协会, 有没有…中心, 什么样的机构, 做康复的中心, 叫某某中心的.
_KIND_ASKED = re.compile(r"[哪什么啥谁几没吗呢些类种样的某]|多少|有(?!爱)|专门|做|帮|给|管|能|可以")


# A short name, then the kind it is of: "有个叫启明星的自闭症康复中心吗" names 启明星.
_CALLED_SHORT = re.compile(
    rf"(?:叫做?|名叫)([\u4e00-\u9fff]{{2,6}}?)的[\u4e00-\u9fff]{{0,8}}?(?:{BODY}|机构|组织|单位)"
)


def made_up_name(normalized: str, index: Index, near: Sequence[str] = ()) -> str | None:
    """The organization's name the question opens with when a word of its own is one the
    knowledge base knows nowhere (so no record is that organization); None otherwise.
    `normalized`: the question in the knowledge base's words (dialect read); `near`: the
    names of the records found for it (心语心理咨询服务中心 is a record's name shortened)."""
    compact = normalized.replace(" ", "")
    found = None
    if _CALLED_CUES.search(compact):  # the name is what follows 叫, 那个, 有个, 说…
        found = _CALLED.search(compact)
        if found is not None and found.re is _CALLED and _STORY_VERBS.search(found.group(1)):
            found = None
        short = _CALLED_SHORT.search(compact) if "叫" in compact else None
        if short is not None and (found is None or short.start() <= found.start()):
            found = short
    found = found or _OPENING.match(compact)
    if found is None:
        return None
    core = found.group(1)
    if _KIND_ASKED.search(core) or NAME_WORDS.search(core):  # 名字里带联合会的: a piece asked
        return None
    for word in index.segmenter.cut(core):
        if len(word) < 2 or word in STOP_WORDS or tells_nothing(word):
            continue
        if word not in index.postings and word not in index.expansions:
            if any(word in name for name in near):
                return None
            return found.group(1) + (found.group(2) if found.re is not _CALLED_SHORT else "")
    return None
