"""What a question that names an organization asks about it, besides its name.

A name found makes the matcher sure (the coverage of a named record is whole), so
"金台区武术协会的教练会不会轻功" or "智塔的特教老师一个月工资多少" got the organization's
introduction: the name answered, not the question. Here the words left once the names are
blanked are read: a service asked of it (who it takes, a fee, hours, its projects, who runs
it) or a word its records hold is answered as before, and so is a question asking an intent
we serve (contact, place, figures, joining, activities) with but one other word; a word the
knowledge base holds for another organization asks whether this one serves that need,
answered as before too ("资料中没有…" where the records are silent). A word no record holds at all asks
about something the materials do not cover (轻功, 工资, 格力): the honest reply says so and
offers what can be told about the organization, answering nothing (`unknown`), and keeps it
as the chat's subject for a follow-up ("它是做什么的").
"""

from __future__ import annotations

import re
import weakref

from knowledge.answering.compose import leader_asked, registry_fields_asked
from knowledge.answering.fillers import tells_nothing
from knowledge.answering.index import Index, content_tokens
from knowledge.answering.intent import Intent, without_intent_words
from knowledge.answering.matcher import Match
from knowledge.records import Organization, Record
from knowledge.reply import Reply

# Asking whether the organization serves someone, what it costs or asks, when it is open, or
# for its help: a question about its service, whatever it is told with (收不收幼儿园的娃,
# 要交钱吗, 有啥门槛, 周末开门吗, 能帮忙培训吗); the reply says what the records lack.
_SERVICE_ASKED = re.compile(
    r"收不收|收不|收[^，,。？?！!]{0,6}(孩子|老人|人|学生|岁)|几岁|多大的?(孩子|娃|老人)|年龄|岁数"
    r"|收钱|收费|交钱|要钱|花钱|掏钱|免费|费用|价格|价钱|门槛|条件|要求|资格"
    r"|周末|周六|周日|星期|节假日|假期|寒假|暑假|开门|关门|营业|上班|下班|几点|时间"
    r"|能帮|帮忙|帮帮|能不能|可不可以|可以[^，,。？?！!]{0,10}吗|管不管|接不接|上门"
    r"|房租|租金|交[^，,。？?！!]{0,3}(钱|费|租)|提供|[^，,。？?！!]{2}服务(吗|不|没|么|呢)?$"
    # what it does, its projects or services, the organizations it hosts (引进了哪些项目)
    r"|(^|[，,。？?！!\s])[^，,。？?！!\s]{0,4}(干|弄|做|搞)(什么|啥|甚么)的|介绍|引进|引入|入驻"
    r"|怎么回事|咋回事|(做|干|办|搞)(了|过)(些|点)?(什么|啥|哪些)"
    # who is behind it (宣传海报是谁印的: the organization)
    r"|是谁|谁家|谁(在|办|搞|做|组织|弄|管|发起|负责|牵头)"
    # what it is, told about (给我讲讲智塔是干啥的, read 是什么)
    r"|讲讲|说说|讲一讲|说一说|(^|\s)(是)?(什么|啥)(呀|啊|呢)?$"
    # a request told, or such an organization looked for (想学文学写作，有青年文联这种组织没有)
    r"|(想|要|打算)[^，,。？?！!]{0,8}?(找|请|联系|参加|报名|加入|学|捐|认购|认领|预约|申请)"
    r"|有[^，,。？?！!]{0,12}(组织|机构|协会|地方)(没有|吗|么|不|没)"
    # what kind of body it is, and who may take part (是官方的不, 普通人能上去演不)
    r"|官方|公办|民办|政府(办|开|管)|合法|正规(吗|不|没)|普通人|一般人|谁都|任何人|什么人|哪些人"
    r"|(哪些|什么|啥|哪几个|几个|哪几家|几家|哪家|哪个)[^，,。？?！!]{0,4}(项目|服务|活动|组织|机构)"
    # a need told as what happened (没人愿意听她讲)
    r"|没人(愿意|肯|能)?(听|管|帮|照顾|陪|理)"
)
# A number and its measure (一所小学, 两家): no topic.
_COUNTED = re.compile(r"[一二两三四五六七八九十几每这那哪][个所家位名块只首篇副份次回批台场间处]")

# When or whether, told around what is asked (那个项目打算解决多少, 现在管着多少, 咋过去):
# no topic of their own.
_NO_TOPIC_WORDS = """
    打算 准备 计划 过去 现在 目前 以前 以后 之前 之后 去年 今年 明年 前年 最近 这几年 那几年
    当时 平时 一般 一直 已经 还在 那次 这次 那回 刚才 刚刚 除了 前后 前前后后 首届 往后
"""
_NO_TOPIC = frozenset(_NO_TOPIC_WORDS.split())
# A question asking what the reply of its intent tells (a figure, a place, the activities)
# may hold a word of its own besides (延续, 引进): only several such words ask another thing.
_SERVED_INTENTS = frozenset(
    {Intent.CONTACT, Intent.ADDRESS, Intent.FIGURE, Intent.JOIN, Intent.ACTIVITIES}
)
_SERVED_MIN_WORDS = 2

# Each organization's documents, for the one index they were read from (a new snapshot's
# index replaces it; compared by identity, since an id may be reused once the old is freed).
_families: list[tuple[weakref.ref[Index], dict[str, tuple[int, ...]]]] = []


def _family_docs(index: Index, org: str) -> tuple[int, ...]:
    """The documents of an organization, its projects, facts and activities."""
    if not _families or _families[0][0]() is not index:
        found: dict[str, list[int]] = {}
        for i, doc in enumerate(index.docs):
            owner = doc.id if doc.kind == "organization" else doc.organization
            if owner:
                found.setdefault(owner, []).append(i)
        _families[:] = [(weakref.ref(index), {k: tuple(v) for k, v in found.items()})]
    return _families[0][1].get(org, ())


def _held_by(index: Index, word: str, docs: tuple[int, ...]) -> bool:
    # a family has a few documents; a common word's postings may have thousands
    for key in (word, *index.expansions.get(word, ())):
        found = index.postings.get(key)
        if found and any(doc in found for doc in docs):
            return True
    return False


def _known(index: Index, word: str) -> bool:
    return word in index.postings or word in index.expansions


def unheld(index: Index, match: Match, org: str) -> list[str]:
    """The words a question naming `org` asks about that no record holds ([] when served)."""
    besides = match.besides.strip()
    if not besides or _SERVICE_ASKED.search(besides):
        return []
    words, _ = index.segmenter.cut_for_search(without_intent_words(besides))
    docs = _family_docs(index, org)
    found = []
    for word in content_tokens(dict.fromkeys(words), index.expansions):
        if tells_nothing(word) or word in _NO_TOPIC or _COUNTED.fullmatch(word):
            continue
        if _held_by(index, word, docs):
            continue
        # a piece left by a blanked question word (多少次班 → 次班) is no word; nor are Latin
        # letters, pinyin or English the glossary lacks, a topic (start, guanai)
        if not index.segmenter.is_word(word) or word.isascii():
            continue
        if not _known(index, word):
            found.append(word)
    return found


def not_held_reply(record: Record) -> Reply:
    """The honest reply: the materials do not say that about the organization (or project),
    and what can be asked instead."""
    name = record.display_name
    offer = "有哪些项目和数据、怎么联系" if isinstance(record, Organization) else "在哪里、怎么参加"
    return Reply(f"资料中没有{name}这方面的信息。", [f"关于它，可以问：它是做什么的、{offer}。"])


def not_held(index: Index, match: Match, record: Record, intent: Intent) -> Reply | None:
    """The honest reply to a question naming `record` that asks what no record holds; None
    when it asks what we serve."""
    org = record if isinstance(record, Organization) else None
    owner = record.organization_id
    if not owner:
        return None
    if org and (registry_fields_asked(match.words, org) or leader_asked(match.normalized, org)):
        return None  # the registry's reply says what it lacks
    found = unheld(index, match, owner)
    least = _SERVED_MIN_WORDS if intent in _SERVED_INTENTS else 1
    return not_held_reply(record) if len(found) >= least else None
