"""Follow-ups of a list or a choice, and lists asked as follow-ups.

After a list or a choice, "第二个是干啥的", "最后一个在哪", "张家堡那个有多大", "那个基金会的电话"
pick one of what the chat was shown (in the order it was shown); "那未央区呢", "那做养老的呢",
"还有别的吗" ask the list again with another place, topic or legal form. After one
organization, "还有别的做心理的吗" and "除了它还有哪些社工机构" ask for the others like it.

Read conservatively, like context.py: a short question whose every word is a pick, a place, a
topic, a legal form or filler; anything else is answered as it always was.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from knowledge.answering.context import MAX_FOLLOW_UP, Subject
from knowledge.answering.list_query import ListQuery
from knowledge.answering.list_questions import form_asked, forms_of, without_places
from knowledge.catalog import Catalog
from knowledge.records import Kind, Organization, Project, Record

_NUMBERS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ORDINAL = re.compile(
    # 第一届 / 第二次 count something else: a measure word of a list, or nothing, follows
    r"(倒数)?第(十[一二三四五六七八九]?|[一二两三四五六七八九]|\d{1,2})"
    r"(个|家|项|条|位|名|(?=呢|的|吗|在|是|$|[，,。？?！!\s]))"
    r"|最后(一个|一家|那个|那家|一项|一条)?|头一(个|家)|中间(那个|那家|的那个|那一个|一个)"
)
# Pointing at one of several shown: "那个基金会", "张家堡那家"
_THAT_ONE = re.compile(r"那个|这个|那家|这家|那一个|这一个|那一家")
# "还有别的吗": more of the same, or others like the one answered.
_MORE = re.compile(
    r"还有(别的|其他|其它|哪些|哪几家|哪家|哪个|谁|什么|啥|没有|没|么|嘛|吗|呢)|别的|别家|其他的?|其它的?"
    r"|除了(它|他们|它们|他|她|这家|这个)|(类似|差不多|一样|同样)的"
    r"|下一页|剩下的?|其余的?|后面的|后头的"  # the rest of a list too long to show at once
)
_ANY_KIND = re.compile(r"组织|机构|单位")
_SIMILAR = re.compile(r"类似|差不多|一样|同样|这样的|那样的|这种|那种")
# Words of a list asked whole ("宝鸡有哪些基金会"), unlike "西安有没有" after one organization.
_LIST_WORDS = re.compile(r"哪些|哪几|几家|多少家|有啥组织|有什么组织")
# "那里面都有哪些组织", "那边还有哪些": where the organization answered last is.
# A service centre's "引进了哪些组织", "入驻了哪些" ask the same of where it is.
_THERE = re.compile(
    r"那里|那边|那儿|那块|这里|这边|这儿|里面|附近|周边|周围|当地|那一片|跟前|引进|引入|入驻"
)
# "有几家" after a list: how many it holds.
_COUNT_ONLY = re.compile(
    r"^(那|这)?(几家|几个|些|它们|他们)?(一共|总共|共|总|到底|加起来)*(有)?"
    r"(几家|几个|多少家|多少个|多少)(呢|啊|吗)?$"
)
# "分别叫啥", "都是哪几家" after a list or a count: its names, the list again.
_NAMES_AGAIN = re.compile(
    r"^(那|这)?(它们|他们|这些|那些|这几家|那几家|这几个|那几个)?(分别|都|各|各自)?(是|叫)"
    r"(什么|哪些|哪几家|哪几个|谁)(名字|名)?(呢|啊|呀|嘛)?$"
)
# What carries no subject in a list's follow-up (the kind of organization, filler).
_FILLER = re.compile(
    r"里面|附近|周边|周围|当地|这里|这边|这儿|那儿|那块|一片|跟前|引进|引入|入驻|"
    r"除了|它们|他们|她们|它|他|她|还有|别的|别家|其他|其它|哪些|哪几家|哪家|哪个|有没有|没有|没|就这些|就这几家"
    r"|下一页|剩下|其余|后面|后头|这些|那些|类似|差不多|一样|同样|相关|组织|机构|单位|地方|团体|社会|的|呢|吗|吧|啊|呀|么|嘛|了|有|是|都|啥|什么|谁"
    r"|那|也|还|再|就|只|一下|看看|说说|列|给我|请问|做|搞|干|帮|管|弄|教|带|照顾|提供|开展|方面|家|个|些|在|里|边"
    r"|[，,。？?！!\s]"
)


@dataclass(frozen=True)
class Pick:
    """One of the records the chat was shown, and what is asked of it ("" for nothing more)."""

    record: Record
    rest: str


@dataclass(frozen=True)
class Relist:
    """A list asked again, or for the first time after one organization."""

    query: ListQuery
    again: bool  # the same list asked again ("还有别的吗"): say these are all there are
    more: bool = False  # the ones not shown yet ("还有别的组织吗" after 社工机构)
    counted: bool = False  # 一共有多少家 after a list: that list, counted
    # when none there does what the one answered mainly does (那陈仓呢 after 高新区慈善协会):
    # those doing any of what it does
    alike: tuple[str, ...] = ()


def asks_names(text: str) -> bool:
    """Whether a (normalized) follow-up asks the names of a list shown (分别叫啥, 都是谁)."""
    return _NAMES_AGAIN.match(text.replace(" ", "")) is not None


def ordinal(text: str, count: int) -> tuple[int, str] | None:
    """The index (0-based) a question picks of `count` shown, and the phrase that picks."""
    found = _ORDINAL.search(text)
    if found is None:
        return None
    phrase = found.group()
    if phrase.startswith(("最后", "倒数")):
        back = 1 if phrase.startswith("最后") else _number(found.group(2))
        index = count - back
    elif phrase.startswith("中间"):  # of three, the second; of an even count, none
        index = count // 2 if count % 2 else -1
    elif phrase.startswith("头一"):
        index = 0
    else:
        index = _number(found.group(2)) - 1
    return (index, phrase) if 0 <= index < count else None


def _number(written: str) -> int:
    if written.isdigit():
        return int(written)
    if written.startswith("十"):
        return 10 + _NUMBERS.get(written[1:], 0)
    return _NUMBERS[written]


def picked(text: str, subject: Subject | None, catalog: Catalog) -> Pick | None:
    """The record of the chat's last list or choice the (normalized) question picks."""
    if subject is None or not subject.listed:
        return None
    compact = text.replace(" ", "")
    if len(compact) > MAX_FOLLOW_UP:
        return None
    shown = [r for kind, key in subject.listed if (r := catalog.record(kind, key)) is not None]
    if not shown:
        return None
    found = ordinal(compact, len(shown))
    if found is not None:
        index, phrase = found
        return Pick(shown[index], compact.replace(phrase, "", 1))
    pointer = _THAT_ONE.search(compact)
    if pointer is None:
        return _which_is_there(compact, shown)
    rest = compact.replace(pointer.group(), "", 1)
    chosen = _by_name(rest, shown)
    if chosen is not None:
        record, said = chosen
        return Pick(record, rest.replace(said, "", 1))
    form = form_asked(rest)
    having = [r for r in shown if isinstance(r, Organization) and form in forms_of(r)]
    if form and len(having) == 1:
        return Pick(having[0], rest)
    return None


# "这几家哪个在渭滨区": which of those shown is in a place.
_WHICH = re.compile(r"哪(一)?(个|家)")
_AMONG = re.compile(
    r"这几家|那几家|这几个|那几个|这些|那些|它们|他们|里面|里头|当中|中间|其中|里|中|在|是|的"
)


def _which_is_there(compact: str, shown: Sequence[Record]) -> Pick | None:
    """The one of those shown in the place the question names, asked 哪个在…; what is left
    once the place and the words choosing among them are out is what is asked of it."""
    which = _WHICH.search(compact)
    if which is None:
        return None
    fits = [r for r in shown if isinstance(r, Organization) and _placed_in(r, compact)]
    if len(fits) != 1:
        return None
    org = fits[0]
    rest = compact.replace(which.group(), "", 1)
    for place in (org.street, org.district):
        short = re.sub(r"(区|县|街道)$", "", place)
        rest = rest.replace(place, "").replace(short, "") if place else rest
    return Pick(org, _AMONG.sub("", rest))


def pointed_several(text: str, subject: Subject | None, catalog: Catalog) -> list[Record]:
    """The records of the chat's last list that "高新区那个在哪" may mean when several fit as
    well (two of 高新区 shown): they are a choice, not 不知道. [] when one fits or none does."""
    if subject is None or not subject.listed:
        return []
    compact = text.replace(" ", "")
    pointer = _THAT_ONE.search(compact)
    if pointer is None or len(compact) > MAX_FOLLOW_UP:
        return []
    said = compact[: pointer.start()]  # what points: 高新区 of 高新区那个在哪
    shown = [r for kind, key in subject.listed if (r := catalog.record(kind, key)) is not None]
    fits = _tied(said, shown) or [
        r for r in shown if isinstance(r, Organization) and _placed_in(r, said)
    ]
    return fits if len(fits) > 1 else []


def _placed_in(org: Organization, text: str) -> bool:
    """Whether the text names the organization's district or street (short or in full)."""
    for place in (org.district, org.street):
        short = re.sub(r"(区|县|街道)$", "", place)
        if place and (place in text or (len(short) >= 2 and short in text)):
            return True
    return False


def _tied(text: str, shown: Sequence[Record]) -> list[Record]:
    """The records whose names share the longest piece with the text, when several do."""
    pieces = [
        (len(_longest_shared(text, [r.display_name, *getattr(r, "aliases", ())])), r) for r in shown
    ]
    longest = max((size for size, _ in pieces), default=0)
    tied = [r for size, r in pieces if size == longest and size >= 2]
    return tied if len(tied) > 1 else []


def _by_name(text: str, shown: Sequence[Record]) -> tuple[Record, str] | None:
    """The one record whose name shares the longest piece with the text (2 characters at
    least), and that piece; None when two share as long a piece (社工 of 秋文社工 and 中海社工)."""
    best: list[tuple[int, Record, str]] = []
    for record in shown:
        names = [record.display_name, *getattr(record, "aliases", ())]
        piece = _longest_shared(text, names)
        if len(piece) >= 2:
            best.append((len(piece), record, piece))
    best.sort(key=lambda item: item[0], reverse=True)
    if not best or (len(best) > 1 and best[1][0] == best[0][0]):
        return None
    return best[0][1], best[0][2]


def _longest_shared(text: str, names: Sequence[str]) -> str:
    for size in range(len(text), 1, -1):
        for start in range(len(text) - size + 1):
            piece = text[start : start + size]
            if any(piece in name for name in names):
                return piece
    return ""


def relisted(
    text: str,
    words: Sequence[str],
    places: Sequence[tuple[str, str]],
    place_words: Collection[str],
    topics: Sequence[str],
    expansions: dict[str, tuple[str, ...]],
    subject: Subject | None,
    catalog: Catalog,
) -> Relist | None:
    """A list asked as a follow-up: of the chat's last list with another place, topic or form
    ("那未央区呢", "还有别的吗"), or of the others like the organization answered last
    ("还有别的做心理的吗"). `words`, `places`, `topics`: the matcher's reading of the question."""
    if subject is None:
        return None
    compact = text.replace(" ", "")
    if not compact or len(compact) > MAX_FOLLOW_UP:
        return None
    if subject.query is not None and _COUNT_ONLY.match(compact):  # 有几家: the list, counted
        return Relist(subject.query, again=False, counted=True)
    if subject.query is not None and asks_names(compact):  # 分别叫啥: the names
        return Relist(subject.query, again=True)
    rest = without_places(compact, place_words)
    form = form_asked(rest)
    for word in sorted(words, key=len, reverse=True):
        if word in rest and any(key.startswith("T:") for key in expansions.get(word, ())):
            rest = rest.replace(word, "")
    rest = re.sub(
        r"基金会|社工|社会工作|社区社会组织|社会团体|社团|协会|联合会|民办非企业|民非", "", rest
    )
    if _FILLER.sub("", rest):
        return None  # words of its own: not a list's follow-up
    more = bool(_MORE.search(compact))
    asked = subject.query
    if asked is not None:  # the chat was shown a list
        if not (more or places or topics or form):
            return None
        query, others = asked, False
        if more and not form and asked.form and _ANY_KIND.search(compact):
            # 还有别的组织吗 after 社工机构: the others, of any kind
            shown = tuple(key for kind, key in subject.listed if kind == Kind.ORGANIZATION)
            query, others = replace(query, form="", exclude=(*query.exclude, *shown)), True
        elif not (places or topics or form):
            return Relist(asked, again=True)
        if places:
            query = replace(query, places=tuple(places))
        if topics:
            query = replace(query, topics=tuple(topics), matched=(), said=(), either=())
        if form:
            query = replace(query, form=form)
        return Relist(query, again=False, more=others)
    org = _organization(subject, catalog)
    if org is None and subject.need and places and not more:  # 那西安呢 after a choice
        return Relist(ListQuery(tuple(places), subject.need, form), again=False)
    if org is None and more and subject.query is None:  # 还有别的吗 after a choice
        return _like_the_choice(subject, topics, form, catalog)
    # 那边还有别的社会组织吗: the others there too, not others like it
    there = bool(_THERE.search(compact)) and bool(_LIST_WORDS.search(compact) or more)
    if org is not None and there and not places:  # 那里面都有哪些组织: the others there
        where = _finest_place(org)
        if where:
            return Relist(ListQuery((where,), tuple(topics), form, (), (org.id,)), again=False)
    if org is None or not (more or places):
        return None
    if not more and (form or topics or _LIST_WORDS.search(compact)):
        # 宝鸡有哪些基金会, 宝鸡有没有帮残疾娃娃的: a question of its own, not "the same
        # service there"
        return None
    # the need it was found by (金台区有没有教孩子的), else what it mainly does
    like = subject.need or tuple(org.topics[:1])
    # 还有别的吗: like the one answered, unless the question says which kind or where;
    # 西安有没有: the same kind of service there
    # 西安有没有类似的: like it, there too (a likeness said keeps its need)
    similar = _SIMILAR.search(compact) is not None
    wanted = (tuple(topics) or (() if (form or places) and not similar else like)) if more else like
    # 那陈仓呢 with no need of its own: what it does at all, if none there does its main one
    alike = org.topics if places and not (more or topics or form or subject.need) else ()
    return Relist(ListQuery(tuple(places), wanted, form, (), (org.id,)), again=False, alike=alike)


def _like_the_choice(
    subject: Subject, topics: Sequence[str], form: str, catalog: Catalog
) -> Relist | None:
    """The others like the organizations a choice offered: of the place they all are in,
    else doing the need they were found by."""
    shown = [catalog.organizations.get(key) for _, key in subject.listed]
    orgs = [org for org in shown if org is not None]
    if not orgs:
        return None
    ids = tuple(org.id for org in orgs)
    places = {_finest_place(org) for org in orgs}
    if len(places) == 1 and (where := places.pop()) is not None and where[0] != "city":
        return Relist(ListQuery((where,), tuple(topics), form, (), ids), again=False)
    wanted = tuple(topics) or subject.need
    if not wanted and not form:
        return None
    return Relist(ListQuery((), wanted, form, (), ids), again=False)


def need_of(record: Record | None, topics: Sequence[str], catalog: Catalog) -> tuple[str, ...]:
    """The topics of a question that the organization answered (or its projects) works on:
    the need it was found by."""
    org = catalog.organization_of(record) if isinstance(record, Project) else record
    if not isinstance(org, Organization) or not topics:
        return ()
    own = set(org.topics).union(*(p.topics for p in catalog.projects_of(org.id)))
    return tuple(topic for topic in topics if topic in own)


def _finest_place(org: Organization) -> tuple[str, str] | None:
    """The narrowest place the records give an organization (street, district, city)."""
    for level in ("street", "district", "city"):
        if getattr(org, level):
            return level, getattr(org, level)
    return None


def _organization(subject: Subject, catalog: Catalog) -> Organization | None:
    record = catalog.record(subject.kind, subject.id) if subject.id else None
    if record is None:
        return None
    owner = catalog.record(Kind.ORGANIZATION, record.organization_id)
    return owner if isinstance(owner, Organization) else None


# What a pick may add that asks nothing more than who it is ("第二个是什么", "那第一个呢").
_ONLY_WHO = re.compile(
    r"是什么|是啥|是哪家|是谁|什么|啥|介绍一下|介绍|详细|看看|说说|讲讲|那|呢|的|吗|吧|啊|呀|么|嘛|了|是"
    r"|[，,。？?！!\s]"
)


def asks_more(rest: str) -> bool:
    """Whether what a pick leaves asks for something (电话, 在哪, 多少人), not only who it is."""
    return bool(_ONLY_WHO.sub("", rest))
