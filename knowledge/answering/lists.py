""" "Which organizations…" questions: every matching organization, not the best one.

"未央区有哪些社工机构", "宝鸡有哪些基金会", "做养老服务的组织有哪些", "除了智塔还有哪些": a list
filtered by place (the places the matcher found), legal form (the registry's `legal_form`, or
for an organization whose form the sources leave empty, the ending its name must have by the
naming rules: 协会/联合会 … is a 社会团体) and topic (the topics the question's words belong to).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from knowledge.catalog import Catalog
from knowledge.records import Organization
from knowledge.reply import Reply

MAX_LISTED = 10

# The question asks for several organizations: 哪些 / 哪几家 … whose head is an organization.
_LIST_WORD = re.compile(
    r"哪些|哪几家|哪几个|都有谁|都有(些)?(什么|啥)|有些(什么|啥)|列一下|列出|列举|分别是|分别叫"
    r"|(举|推荐|介绍)几(个|家)|还有(什么|谁|别的|其他|啥|哪家|哪个)|都叫(什么|啥)"
)
_ORG_NOUN = (
    r"组织|机构|协会|基金会|社团|团体|单位|中心|民非|联合会|商会|学会|社工站|服务站|工作站|社工"
    r"|平台|团队|志愿队|地方"
)
_ORG_HEAD = re.compile(rf"^(的)?({_ORG_NOUN}|社会组织)")
# An organization noun right after the list word, a few characters of what it does before
# it: 哪些组织是做慈善的, 哪些慈善组织在宝鸡 (English read in Chinese words puts places last).
_ORG_SOON = re.compile(rf"^[^，,。？?！!\s]{{0,4}}?({_ORG_NOUN}|社会组织)")
_ORG_END = re.compile(rf"({_ORG_NOUN})[呢啊吗?？]*$")
_ORG_BEFORE = re.compile(rf"({_ORG_NOUN})(是|有|都有|还有|都是|呢|分别是|分别叫|分别|各是|都)*$")
_DOERS = re.compile(r"(做|搞|干|帮|管|提供|开展).{2,12}的$")  # 做心理咨询的 (有哪些): those who do
_EXCEPT_WORD = r"除了|除开|除去|除掉"
_EXCEPT = re.compile(rf"(?:{_EXCEPT_WORD})(.{{1,30}}?)(以外|之外|外|还|，|,|\s|$)")

# A legal form asked for: (question words, the form's name, whether an organization has it).
FormTest = Callable[[Organization], bool]


def _form_or_name(form: str, endings: tuple[str, ...]) -> FormTest:
    """The registry's form when the sources give it; otherwise the name's ending."""

    def test(org: Organization) -> bool:
        if org.legal_form:
            return org.legal_form == form
        return org.name.endswith(endings)

    return test


_NON_PROFIT = "民办非企业单位"


def _registered(form: str) -> FormTest:
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
        _form_or_name(_NON_PROFIT, ("中心", "研究院", "学校", "幼儿园", "医院", "服务社")),
    ),
    (
        re.compile(r"慈善组织"),
        "慈善组织",
        lambda org: org.is_charity == "是" or "慈善" in org.name,
    ),
    (
        re.compile(r"街道(社会组织)?服务中心"),
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
    rf"(有什么|有啥|有些啥)((?:(?!能|可以|帮).)*?({_ORG_NOUN}))(呢|啊|呀|吗|没有|没|不|\?|？)*$"
)


def list_head(text: str) -> str | None:
    """What a (normalized) question asking for several organizations asks for ("社工机构" in
    未央区有哪些社工机构), or None when it asks for something else."""
    compact = text.replace(" ", "")
    what = _WHAT_ORGS.search(compact)
    if what:
        return what.group(2)
    for found in _LIST_WORD.finditer(compact):
        after = compact[found.end() :]
        head = after.rsplit("的", 1)[-1] if "的" in after else after
        # 哪些社工机构, 哪些组织是做慈善的, 有哪些做乡村振兴的 (those who do it)
        if after and (
            _ORG_HEAD.match(head)
            or _ORG_END.search(head)
            or (_ORG_SOON.match(after) and (head == after or not head))  # not 组织的政策
        ):
            return after
        if _DOERS.search(after.rstrip("呢啊呀吗?？")):
            return after
        before = compact[: found.start()]
        if found.group().startswith("分别"):  # 有几家社工机构，分别是哪些 / 分别叫什么
            head = ""
        if not head.strip("呢啊呀吗?？") and _ORG_BEFORE.search(before):
            return re.split(r"的|有|是", before.rstrip("是有都还呢"))[-1] or before
        if not head.strip("呢啊呀吗?？") and _DOERS.search(before.rstrip("是有都还呢")):
            return before.rstrip("是有都还呢")
    found = _LIST_WORD.search(compact)
    if found and re.search(_EXCEPT_WORD, compact):
        return compact[found.end() :]
    return None


# "做康复的机构有几家", "未央区有几个街道服务中心": how many, of organizations the records
# list one by one. A counting fact (未央区有281家) answers first when the matcher finds one.
_HOW_MANY = re.compile(r"有?(几家|几个|多少家|多少个)")


def is_count_question(text: str) -> bool:
    """Whether the (normalized) question asks how many organizations of a kind there are."""
    compact = text.replace(" ", "")
    for found in _HOW_MANY.finditer(compact):
        before, after = compact[: found.start()], compact[found.end() :]
        head = after.rstrip("呢啊呀吗?？")
        if head and (_ORG_HEAD.match(head) or _ORG_END.search(head)):
            return True
        if not head and (_ORG_BEFORE.search(before) or _DOERS.search(before)):
            return True
    return False


def is_list_question(text: str) -> bool:
    """Whether the (normalized) question asks for several organizations."""
    return list_head(text) is not None


def excepted(text: str) -> str:
    """The words after 除了 (what the resident already knows of), or ""."""
    found = _EXCEPT.search(text.replace(" ", ""))
    return found.group(1) if found else ""


@dataclass(frozen=True)
class ListQuery:
    """What a list asks for: kept with the chat, so "那未央区呢" asks it again of 未央区."""

    places: tuple[tuple[str, str], ...] = ()  # (level, name), as the matcher finds them
    topics: tuple[str, ...] = ()
    form: str = ""  # a FORMS name ("社工机构"), or "" for any
    matched: tuple[str, ...] = ()  # organizations the matcher found, when no topic is named
    exclude: tuple[str, ...] = ()  # organization ids left out (除了…)

    def to_json(self) -> dict[str, object]:
        found: dict[str, object] = {"places": [name for _, name in self.places]}
        found.update(topics=list(self.topics), form=self.form, exclude=list(self.exclude))
        return found


@dataclass
class Listing:
    """The organizations a list question asks for, best first, and how it was filtered."""

    organizations: list[Organization]
    total: int
    what: str  # e.g. 未央区的社工机构
    by_name: bool  # a legal form was judged from names
    query: ListQuery = field(default_factory=ListQuery)
    again: bool = False  # asked again ("还有别的吗"): these are all there are
    more: bool = False  # the rest of a list too long to show at once ("还有吗")


class Lister:
    """Lists one knowledge version's organizations by place, legal form and topic."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        names: dict[str, str] = {}
        for org in catalog.organizations.values():
            for name in (org.name, *org.aliases):
                names.setdefault(name, org.id)
        for project in catalog.projects.values():
            for name in (project.name, *project.aliases):
                names.setdefault(name, project.organization)
        self._names = sorted(names.items(), key=lambda item: len(item[0]), reverse=True)
        # Once a registry gives some organizations the form, a name is no evidence of it.
        self._given = {org.legal_form for org in catalog.organizations.values()} & {_NON_PROFIT}

    def named(self, text: str) -> str:
        """The organization the text names (the longest name or alias in it), or ""."""
        return self._name_in(text)[1]

    def excepted_name(self, text: str) -> tuple[str, str]:
        """The name (or alias) after 除了 in the text, and its organization; or ("", "")."""
        said = excepted(text.replace(" ", ""))
        return self._name_in(said) if said else ("", "")

    def _name_in(self, text: str) -> tuple[str, str]:
        """The longest name or alias in the text, and its organization; or ("", "")."""
        for name, org in self._names:
            if len(name) >= 2 and name in text:
                return name, org
        return "", ""

    def organizations_named(self, text: str) -> int:
        """How many different organizations the text names."""
        return len({org for name, org in self._names if len(name) >= 2 and name in text})

    def listing(
        self,
        text: str,
        places: Sequence[tuple[str, str]],
        topics: Sequence[str],
        matched: Sequence[str],
    ) -> Listing:
        """The organizations for a list question (`text` normalized; `places` as the matcher
        found them; `topics` its words' topics; `matched`: the organizations the matcher found,
        used when the question names no topic but other words)."""
        return self.run(self.query(text, places, topics, matched))

    def query(
        self,
        text: str,
        places: Sequence[tuple[str, str]],
        topics: Sequence[str],
        matched: Sequence[str],
    ) -> ListQuery:
        """What a list question asks for (see `listing`)."""
        compact = text.replace(" ", "")
        said, exclude = self.excepted_name(compact)
        head = list_head(compact) or compact
        form = form_asked(head)
        wanted = list(topics)
        if said:  # a place named only in the name excepted (除了高新区慈善协会) is no filter
            rest = compact.replace(said, "", 1)
            places = [p for p in places if _place_said(p[1], rest)]
        # "除了智塔还有哪些": like the one excepted (a place asked for says what is wanted).
        if exclude and not wanted and not form and not places:
            own = self.catalog.organizations.get(exclude)
            wanted = list(own.topics[:1]) if own else []
        return ListQuery(
            tuple(places), tuple(wanted), form, tuple(matched), (exclude,) if exclude else ()
        )

    def run(self, query: ListQuery, *, again: bool = False, more: bool = False) -> Listing:
        """The organizations a query asks for, best first."""
        places, wanted, matched = query.places, query.topics, query.matched
        test = _FORM_TESTS.get(query.form)
        if query.form in self._given:
            test = _registered(query.form)
        found: list[tuple[int, int, Organization]] = []
        for order, org in enumerate(self.catalog.organizations.values()):
            if org.id in query.exclude or not _in_places(org, places):
                continue
            if test is not None and not test(org):
                continue
            rank = 0
            if wanted:
                rank = self._topic_rank(org, wanted)
                if rank < 0:
                    continue
            elif matched and test is None and not places:
                if org.id not in matched:
                    continue
                rank = matched.index(org.id)
            found.append((rank, order, org))
        found.sort(key=lambda item: item[:2])
        orgs = [org for _, _, org in found]
        by_name = test is not None and any(not org.legal_form for org in orgs)
        place = "".join(name for _, name in places)
        kind = query.form or "组织"
        topic = "、".join(wanted)
        what = f"{place}{topic}方面的{kind}" if topic else f"{place}{'的' if place else ''}{kind}"
        return Listing(orgs[:MAX_LISTED], len(orgs), what, by_name, query, again, more)

    def _topic_rank(self, org: Organization, wanted: Sequence[str]) -> int:
        """Those doing more of the wanted topics (农村 and 老人) first; then where a wanted topic
        stands among the organization's own topics (its main one first), then its projects';
        -1 when it has none of them."""
        projects = self.catalog.projects_of(org.id)
        done = [t for t in wanted if t in org.topics or any(t in p.topics for p in projects)]
        if not done:
            return -1
        own = [org.topics.index(t) for t in done if t in org.topics]
        return 100 * (len(wanted) - len(done)) + (min(own) if own else 50)

    def reply(self, listing: Listing) -> Reply:
        """The list as a reply: one line per organization, and how many there are in all."""
        if not listing.organizations:
            others = [
                o.name for k in listing.query.exclude if (o := self.catalog.organizations.get(k))
            ]
            said = f"除了{'、'.join(others)}，资料中没有其他" if others else "资料中没有"
            return Reply(
                f"{said}{listing.what}。",
                ["可以换个条件试试，例如只写区县或需要的服务，也可以发送 /orgs 浏览全部组织。"],
            )
        # The records hold the organizations two articles name: "资料中" keeps the count theirs.
        lines = []
        if listing.more:
            lines.append(f"另外还有 {listing.total} 家：")
        elif listing.again and listing.total <= len(listing.organizations):
            lines.append(f"资料中{listing.what}就这 {listing.total} 家：")
        elif listing.total > len(listing.organizations):
            lines.append(f"资料中共 {listing.total} 家，下面是前 {len(listing.organizations)} 家：")
        else:
            lines.append(f"资料中共 {listing.total} 家：")
        for i, org in enumerate(listing.organizations, 1):
            where = "｜".join(bit for bit in (org.district or org.city, org.legal_form) if bit)
            lines.append(f"{i}. {org.name}" + (f"（{where}）" if where else ""))
        if listing.by_name:
            lines.append("（资料未注明登记类型的，按名称判断。）")
        lines.append("点选下面的按钮查看名片。")
        sources = dict.fromkeys(
            self.catalog.citations.get(org.source.document, org.source.document)
            for org in listing.organizations
            if org.source.document
        )
        if sources:
            lines.append("来源：" + "；".join(sources))
        return Reply(f"{listing.what}", lines)


def _in_places(org: Organization, places: Sequence[tuple[str, str]]) -> bool:
    return all(getattr(org, level, "") == name for level, name in places)


def _place_said(name: str, text: str) -> bool:
    """Whether a place (宝鸡市, 未央区, 张家堡街道) is named in the text, short or in full."""
    short = re.sub(r"(市|区|县|街道)$", "", name)
    return name in text or (len(short) >= 2 and short in text)


_FORM_TESTS: dict[str, FormTest] = {name: test for _, name, test in FORMS}


def form_asked(text: str) -> str:
    """The legal form (a FORMS name) the text asks for, the most specific one; or ""."""
    return next((name for pattern, name, _ in FORMS if pattern.search(text)), "")


def forms_of(org: Organization) -> list[str]:
    """The FORMS names an organization is listed under."""
    return [name for _, name, test in FORMS if test(org)]


def without_places(text: str, places: Collection[str]) -> str:
    """The text with the places it names left out: the shape of the question is what is
    left (帮娃娃的组织宝鸡有几个 asks like 帮娃娃的组织有几个)."""
    for place in sorted((p for p in places if p in text), key=len, reverse=True):
        text = text.replace(place, "")
    return text


_NOT_TOPIC = re.compile(rf"{_ORG_NOUN}|社会组织|民办非企业|社会团体|社会服务机构")
# Words of a list question that narrow nothing down.
_GENERIC = re.compile(
    r"^(服务|做|搞|干|帮|帮助|能|可以|提供|除了|还有|哪些|什么|其他|别的|所有|全部|一些|现在|目前"
    r"|本地|当地|咱|我们|这里|附近|专门|主要|社会|有关|相关|方面|领域|列|一下|列出|都有|知道)+$"
)


def narrowing_words(words: Sequence[str], expansions: dict[str, tuple[str, ...]]) -> list[str]:
    """The words that are neither a kind of organization, nor a topic's, nor generic: what
    only the matcher can find ("哪些组织装过空调")."""
    return [
        w
        for w in words
        if not _NOT_TOPIC.search(w)
        and not _GENERIC.match(w)
        and not any(key.startswith("T:") for key in expansions.get(w, ()))
    ]


_FORM_PHRASE = re.compile(r"民办非企业单位|民办非企业|社会服务机构|社区社会组织|社会团体|慈善组织")


def topics_of(
    words: Sequence[str], expansions: dict[str, tuple[str, ...]], text: str = ""
) -> list[str]:
    """The topics the question's words belong to, in their order; the words that name a kind
    of organization (社会组织 is also the topic 社会组织孵化's word, 企业 is in 民办非企业单位)
    are not a topic here."""
    phrases = "|".join(_FORM_PHRASE.findall(text))
    found: list[str] = []
    for word in words:
        if _NOT_TOPIC.search(word) or (phrases and word in phrases):
            continue
        for key in expansions.get(word, ()):
            if key.startswith("T:") and key[2:] not in found:
                found.append(key[2:])
    return found
