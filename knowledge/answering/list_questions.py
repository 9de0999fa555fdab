""" "Which organizations…" and "how many…" questions read: whether a question asks for a
list or a count, and what for — the legal form (FORMS: the registry's `legal_form`, or for an
organization whose form the sources leave empty, the ending its name must have by the naming
rules: 协会/联合会 … is a 社会团体), the organization excepted (除了…); the topics its words
belong to are question_topics.py's. Pure functions of the text; lists.py lists the
organizations."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import lru_cache
from itertools import accumulate

from knowledge.records import Organization

# The question asks for several organizations: 哪些 / 哪几家 … whose head is an organization.
_LIST_WORD = re.compile(
    r"哪些|哪几家|哪几个|都有谁|都有(些)?(什么|啥)|有些(什么|啥)|列一下|列出|列举|分别是|分别叫"
    r"|(举|推荐|介绍|列)几(个|家)|还有(没有)?(什么|谁|别的|其他|其它|啥|哪家|哪个)|各有哪(个|家|些)"
    r"|(都|分别)?叫个?(什么|啥)(名字|名)?|所有的?|全部的?|列个(单子|清单|表)|列一列|名单|清单"
)
ORG_NOUN = (
    r"组织|机构|协会|基金会|社团|团体|单位|中心|民非|联合会|商会|学会|社工站|服务站|工作站|社工"
    r"|平台|团队|志愿队|地方"
)
_ORG_HEAD = re.compile(rf"^(的)?({ORG_NOUN}|社会组织)")
# An organization noun right after the list word, a few characters of what it does before
# it: 哪些组织是做慈善的, 哪些慈善组织在宝鸡 (English read in Chinese words puts places last).
_ORG_SOON = re.compile(rf"^[^，,。？?！!\s]{{0,4}}?({ORG_NOUN}|社会组织)")
_ORG_END = re.compile(rf"({ORG_NOUN})[呢啊吗?？]*$")
# …or followed by what they do (哪些组织提供心理方面的服务, 哪些机构能帮老人): the organizations
# are listed, not what follows (哪些组织的政策, 哪些社会组织管理办法 ask for something else).
_ORG_DOING = re.compile(
    rf"^[^，,。？?！!\s]{{0,4}}?({ORG_NOUN}|社会组织)(?!的|管理)"
    r"(是|在|能|可以|会|提供|做|搞|开展|帮|管|专门|负责|给|为|关注|参与|服务)"
)
# …then what may stand between it and the list or count word ("机构一共几家", "组织到底有几个").
_ORG_BEFORE = re.compile(
    rf"({ORG_NOUN})(是|有|都有|还有|都是|呢|分别是|分别叫|分别|各是|都"
    r"|一共|总共|共|合计|加起来|算起来|到底|大概|大约|总|给我|给|的)*$"
)
_MATTERS = re.compile(r"(的事情?|的事儿|这些事|方面的?)[呢啊呀吗?？]*$")
_DOERS = re.compile(
    r"(?:(?:给|为|替)[^的]{1,6}?)?(做|搞|弄|干|帮|管|提供|开展)[^的]{2,12}的$"
)  # 做心理咨询的 (有哪些): those who do (托管的老旧小区占全街道的 is no one)
_WHICH_ONES = frozenset({"哪些", "哪几家", "哪几个"})
# (a noun too — 服务, 康复 of 提供哪些服务 — only after 能: 哪几家能康复)
_CAN_SERVE = re.compile(
    r"(能|可以|会|肯|愿意)?(管|帮|弄|看|收|教|带|照顾|治|接)"
    r"|(能|可以|会|肯|愿意)(做|搞|服务|提供|干预|康复)"
)
_ONE_POINTED = re.compile(r"(那|这)(个|家|一个|一家)|该")
_WHO_DOES = re.compile(r"谁(在)?(管|做|搞|弄|帮|能|可以|负责|提供|开展|照顾)")
_EXCEPT_WORD = r"除了|除开|除去|除掉"
# What is excepted ends with its clause (除了唯爱妈妈，秋文社工还有哪些项目: not 秋文社工 too);
# a quoted name's quotes are spaces before it (除了 智塔 还有哪些).
_EXCEPT = re.compile(rf"(?:{_EXCEPT_WORD})\s*(\S.{{0,29}}?)(以外|之外|外|还|呢|，|,|\s|$)")

# A legal form asked for: (question words, the form's name, whether an organization has it).
FormTest = Callable[[Organization], bool]


def _form_or_name(form: str, endings: tuple[str, ...]) -> FormTest:
    """The registry's form when the sources give it; otherwise the name's ending."""

    def test(org: Organization) -> bool:
        if org.legal_form:
            return org.legal_form == form
        return org.name.endswith(endings)

    return test


NON_PROFIT = "民办非企业单位"


def registered(form: str) -> FormTest:
    """The registry's form alone: once a registry gives it to some, a name is no evidence."""
    return lambda org: org.legal_form == form


_GROUP_ENDINGS = ("协会", "学会", "商会", "联合会", "促进会", "研究会", "联谊会")
FORMS: tuple[tuple[re.Pattern[str], str, FormTest], ...] = (
    (re.compile(r"基金会"), "基金会", _form_or_name("基金会", ("基金会",))),
    (
        re.compile(r"社工|社会工作"),
        "社工机构",
        lambda org: "社工" in org.name or "社会工作" in org.name,
    ),
    (
        re.compile(r"社区社会组织"),
        "社区社会组织",
        lambda org: org.legal_form == "社区社会组织",
    ),
    (  # 联合会 asked for by name: 经二路's is a 社区社会组织, and a 联合会 all the same
        re.compile(r"联合会"),
        "联合会",
        lambda org: "联合会" in org.name,
    ),
    (
        re.compile(r"社会团体|社团|协会|学会|商会"),
        "社会团体",
        _form_or_name("社会团体", _GROUP_ENDINGS),
    ),
    (
        re.compile(r"民办非企业|民非|社会服务机构"),
        "民办非企业单位",
        # by name (…中心/院/学校, the naming rules), until a registry gives the form
        _form_or_name(NON_PROFIT, ("中心", "研究院", "学校", "幼儿园", "医院", "服务社")),
    ),
    (
        re.compile(r"慈善(?:组织|机构|团体|单位)"),  # 慈善机构 is what residents call them
        "慈善组织",
        lambda org: org.is_charity == "是" or "慈善" in org.name,
    ),
    (
        re.compile(r"街道级?(社会组织)?服务中心"),
        "街道社会组织服务中心",
        lambda org: org.legal_form == "服务平台" or "街道社会组织服务中心" in org.name,
    ),
    (
        re.compile(r"服务平台|社会组织服务中心"),
        "社会组织服务中心",
        lambda org: org.legal_form == "服务平台" or "社会组织服务中心" in org.name,
    ),
)


# 有什么 asks for a list only when an organization ends the question and no need is told
# ("宝鸡有什么社会组织"; not "有什么组织能帮自闭症孩子", which wants the one that can).
_WHAT_ORGS = re.compile(
    rf"(有什么|有啥|有些啥)((?:(?!能|可以).)*?({ORG_NOUN}))(呢|啊|呀|吗|没有|没|不|\?|？)*$"
)


# The words without which no clause asks for a list: most questions have none of them, and
# a long story is then not cut into clauses to be read one by one.
_ANY_LIST_WORD = re.compile(rf"{_LIST_WORD.pattern}|有什么|有啥|有些啥")


@lru_cache(maxsize=256)  # asked of one question by several steps of its answer
def list_head(text: str) -> str | None:
    """What a (normalized) question asking for several organizations asks for ("社工机构" in
    未央区有哪些社工机构), or None when it asks for something else. A question of several
    clauses asks for a list when one does (做心理的有哪几家，分别在哪)."""
    compact = text.replace(" ", "")
    if not _ANY_LIST_WORD.search(compact):
        return None
    head = _list_head(compact)
    if head is not None:
        return head
    # normalized, a comma is a space between two clauses
    clauses = [c for c in re.split(r"[，,。；;！!？?\s]", text) if c]
    pointed = any(
        "叫" in f.group() and _ONE_POINTED.search(compact, 0, f.start())
        for f in _LIST_WORD.finditer(compact)
    )  # 那个有红管家、红驿站的地方叫啥: the name of the one pointed at, its 、 no clause
    if len(clauses) > 1 and not pointed:
        return next((h for c in clauses if (h := _list_head(c)) is not None), None)
    return None


def _list_head(compact: str) -> str | None:
    what = _WHAT_ORGS.search(compact)
    if what:
        return what.group(2)
    for found in _LIST_WORD.finditer(compact):
        if "叫" in found.group() and _ONE_POINTED.search(compact[: found.start()]):
            continue  # 那个协会叫什么名字: the name of the one pointed at
        # 哪些组织管妇女和家庭的事: the matters they see to, not the head
        after = _MATTERS.sub("", compact[found.end() :])
        head = after.rsplit("的", 1)[-1] if "的" in after else after
        # 哪些社工机构, 哪些组织是做慈善的, 有哪些做乡村振兴的 (those who do it)
        if after and (
            _ORG_HEAD.match(head)
            or _ORG_END.search(head)
            or (_ORG_SOON.match(after) and (head == after or not head))  # not 组织的政策
            or _ORG_DOING.match(after)
        ):
            return after
        if _DOERS.search(after.rstrip("呢啊呀吗?？")):
            return after
        if found.group() in _WHICH_ONES and _CAN_SERVE.match(after):
            return after  # 娃是自闭症，宝鸡有哪几家能管: those who can, listed
        before = compact[: found.start()]
        if found.group().startswith("分别"):  # 有几家社工机构，分别是哪些 / 分别叫什么
            head = ""
        if not head.strip("呢啊呀吗?？") and _ORG_BEFORE.search(before):
            return re.split(r"的|有|是", before.rstrip("是有都还呢"))[-1] or before
        if not head.strip("呢啊呀吗?？") and _DOERS.search(before.rstrip("是有都还呢")):
            return before.rstrip("是有都还呢")
        if not head.strip("呢啊呀吗?？") and found.group().startswith("列"):
            # 高新区有谁管老人，列几家: those who do it, listed
            who = _WHO_DOES.search(before)
            if who:
                return before[who.start() :]
    found = _LIST_WORD.search(compact)
    if found and re.search(_EXCEPT_WORD, compact):
        return compact[found.end() :]
    return None


# "做康复的机构有几家", "未央区有几个街道服务中心": how many, of organizations the records
# list one by one. A counting fact (未央区有281家) answers first when the matcher finds one.
# 多少 alone counts too when an organization follows it (宝鸡有多少社会组织).
_HOW_MANY = re.compile(r"有?(几家|几个|多少家|多少个|多少)")
# What may stand between those who do something and the count (做儿童的一共有几家).
# 宝鸡和西安各有几家: what joins two places (left once the places are taken out) too.
_SUM_WORDS = re.compile(
    r"(一共|总共|合计|加起来|算起来|到底|大概|大约|总|共|有|是|都|还|各自|各|分别|和|跟|与|及)+$"
)
# A count's second clause asking for the names too: 社工机构有几家，分别叫啥.
_NAMES_ASKED = re.compile(
    r"^(分别|都|各)?(是|叫)(什么|啥|哪些|哪几家|哪几个|谁)(名字|名)?(呢|啊|呀|吗)?$"
)
# 那几家, 这几个, 未央区的几家: the organizations pointed at or told, not a count asked.
_SUMMED = re.compile(r"一共|总共|加起来|合计|加一块")


def _pointed_at(before: str, after: str) -> bool:
    """Whether 几 after `before` points at organizations already named (那几个, 这几家), or
    sums up theirs (未央区的几家…加起来), rather than asking how many (未央区的几家社工机构都
    做什么 lists them)."""
    return before.endswith(("那", "这")) or (before.endswith("的") and bool(_SUMMED.search(after)))


_PERSONS_TOO = frozenset({"社工", "团队", "志愿队"})  # counted by 个, people may be meant


# What an organization named has of its own, counted: its members (会员单位), its teams.
_MEMBERS = re.compile(r"(会员|成员|下属|理事|合作)(单位|团队|组织|机构)?$")


def _persons(head: str, named: bool) -> bool:
    """Whether what is counted may be people: 社工; or, asked of an organization named, its
    社工 who do something (秋文社工有几个做心理咨询的社工: the noun after the last 的), or of a
    kind (有多少个专职社工, 持证社工)."""
    tail = head.rsplit("的", 1)[-1] if named else head
    return head in _PERSONS_TOO or (len(tail) <= 4 and tail.endswith(tuple(_PERSONS_TOO)))


_DONE_BY_IT = re.compile(r"(孵化|培育|培养|引入|引进|带动|帮助|帮扶|服务|吸纳|发展)(了|过|出)?$")


def _members(head: str, named: bool) -> bool:
    """Whether what is counted is an organization named's own members (会员单位)."""
    return named and bool(_MEMBERS.search(head))


# Places asked, and only how many 家 (宝鸡和西安各有几家): organizations are counted by 家.
_PLACES_COUNTED = re.compile(
    r"^[和跟与及、,，]*(各自|各|分别|一共|总共|加起来)?(有|是)?(几家|多少家)(呢|啊|呀|吗|嘛)?[?？]*$"
)


def is_count_question(text: str, *, places: bool = False, named: bool = False) -> bool:
    """Whether the (normalized) question asks how many organizations of a kind there are
    (`places`: the text is a question's with the places it asked left out; `named`: it names
    an organization, whose own people 有几个做心理咨询的社工 asks of)."""
    compact = text.replace(" ", "")
    if places and _PLACES_COUNTED.match(compact):
        return True
    # where each clause ends: what is counted ends within the clause that counts (我和几个
    # 朋友……不知道有没有人组织 counts friends, whatever a later clause ends with)
    ends = list(accumulate(len(clause) for clause in text.split()))
    for found in _HOW_MANY.finditer(compact):
        before, after = compact[: found.start()], compact[found.end() :]
        if _pointed_at(before, after) and found.group().startswith("几"):
            continue  # 那几家社工机构一共搞了多少场活动: those named, their activities counted
        head = _NAMES_ASKED.sub("", after.rstrip("呢啊呀吗嘛哇?？"))  # 有几家，分别叫啥
        own = head[: next((e for e in ends if e >= found.end()), len(compact)) - found.end()]
        if _persons(head, named) and not found.group().endswith("家"):
            continue  # 秋文社工有多少个(做心理咨询的)社工: social workers, not organizations
        if _members(head, named) or (named and _DONE_BY_IT.search(before)):
            continue  # 慈善联合会有多少个会员单位, 众益孵化了多少家: a figure of the one named
        if head and (_ORG_HEAD.match(head) or (own == head and _ORG_END.search(head))):
            return True
        if head and _DOERS.match(head):  # 宝鸡有几家做心理的: those who do it, counted
            return True
        before = _SUM_WORDS.sub("", before)
        # 联合会的组织有几家，都列一下: the count ends its clause, the next asks for the names
        names_next = not own and _LIST_WORD.search(head) is not None
        if (not head or names_next) and (_ORG_BEFORE.search(before) or _DOERS.search(before)):
            return True
    return False


# Institutions that are not social organizations: the records list none of them, so "宝鸡有哪些
# 学校", "西安有几家银行" are not answered with an organization sharing a word (武术进校园).
_INSTITUTIONS = (
    r"学校|小学|中学|大学|高校|幼儿园|医院|诊所|银行|企业|公司|工厂|商场|超市|菜市场|市场"
    r"|饭店|酒店|宾馆|景点|景区|公园|律师事务所|律所|事务所|派出所|法院|药店|养老院|敬老院"
    # any kind named as places of business and offices are (律师所, 理发店, 图书馆, 民政局),
    # not those social organizations are (社工事务所, 服务所)
    r"|(?:(?!社工|社会|服务|公益|志愿)[\u4e00-\u9fff]){1,4}?(?:所|店|馆|厂|局)"
)
_OTHER_HEAD = re.compile(
    rf"(哪些|哪几(?:家|所|个)|几(?:家|所|个)|多少(?:家|所|个)?)的?({_INSTITUTIONS})[呢啊呀吗?？]*$"
)


def other_institutions(text: str) -> str:
    """The kind of institution (not an organization) a (normalized) question asks a list or a
    count of ("学校" of 宝鸡有哪些学校), or ""."""
    found = _OTHER_HEAD.search(text.replace(" ", ""))
    return found.group(2) if found else ""


def is_list_question(text: str) -> bool:
    """Whether the (normalized) question asks for several organizations."""
    return list_head(text) is not None


def excepted(text: str) -> str:
    """The words after 除了 (what the resident already knows of), up to the end of their
    clause (a normalized text's punctuation is a space), without spaces; or ""."""
    found = _EXCEPT.search(text)
    return found.group(1).replace(" ", "") if found else ""


FORM_TESTS: dict[str, FormTest] = {name: test for _, name, test in FORMS}


def form_asked(text: str) -> str:
    """The legal form (a FORMS name) the text asks for, the most specific one; or ""."""
    return next((name for pattern, name, _ in FORMS if pattern.search(text)), "")


# A legal form and another kind joined as alternatives: 社工或者志愿者组织, 志愿者或社工机构.
_OR = r"(?:或者|或是|或|还是|、|/)"


def form_or_other(text: str, form: str) -> bool:
    """Whether the (compact) text asks for the legal form `form` or another kind of
    organization (社工或者志愿者组织): either is enough."""
    pattern = next((p.pattern for p, name, _ in FORMS if name == form), "")
    if not pattern:
        return False
    return bool(
        re.search(rf"(?:{pattern})(?:机构|组织)?{_OR}[\u4e00-\u9fff]{{1,6}}?({ORG_NOUN})", text)
        or re.search(rf"[\u4e00-\u9fff]{{1,6}}?{_OR}(?:{pattern})", text)
    )


def forms_of(org: Organization) -> list[str]:
    """The FORMS names an organization is listed under."""
    return [name for _, name, test in FORMS if test(org)]


def without_places(text: str, places: Collection[str]) -> str:
    """The text with the places it names left out: the shape of the question is what is
    left (帮娃娃的组织宝鸡有几个 asks like 帮娃娃的组织有几个)."""
    for place in sorted((p for p in places if p in text), key=len, reverse=True):
        text = text.replace(place, "")
    return text


# A name asked for (a normalized question: its quotes are spaces): 名字里带“联合会”的组织 (the
# piece it has), 叫“某某中心”的 / 名字以中心结尾的 (how it ends).
_NAME_HAS = re.compile(
    r"(?:名字|名称|名儿)(?:里面|里|中|当中|上)?都?(?:带有|含有|包含|带着|带|有|含)\s?"
    r"([\u4e00-\u9fff]{1,8}?)\s?(?:这?[两二三四几]个?字|字样)?(?:的|\s|$)"
)
_NAME_ENDS = re.compile(
    r"叫(?:做)?\s?(?:某某|某|xx|什么|啥)([\u4e00-\u9fff]{1,6}?)\s?的"
    r"|(?:名字|名称)以\s?([\u4e00-\u9fff]{1,6}?)\s?(?:结尾|收尾|打头|开头)"
)


def name_asked(text: str) -> tuple[str, bool]:
    """The piece of name a list asks for, and whether the name must end with it (叫“某某中心”)
    rather than only have it (名字里带“协会”); ("", False) when none."""
    found = _NAME_HAS.search(text.lower())
    if found:
        return found.group(1), False
    found = _NAME_ENDS.search(text.lower())
    if found and "打头" not in found.group() and "开头" not in found.group():
        return found.group(1) or found.group(2), True
    return "", False
