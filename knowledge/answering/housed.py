"""Which organizations a street's social organization service centre brought in or houses:
"张家堡街道社会组织服务中心引进了哪些机构", "里面有哪些组织" after the centre, "Which social work
agencies are based at the Zhangjiabao center?".

A centre is a platform other organizations move into (the records' legal form 服务平台), so
asked what it holds it is answered about itself — a follow-up ("多大面积") stays on it — with
the organizations the sources place in its street, which are the ones they say it brought in
(张家堡's 陕西众益, 秋文社工, 中海社工). A centre whose street holds none (辛家庙) is said to have
none named, with what the sources say of organizations moving in, never another record.
"""

from __future__ import annotations

import re

from knowledge.answering.context import MAX_FOLLOW_UP, Subject
from knowledge.answering.gate import Decision
from knowledge.answering.intent import Intent
from knowledge.answering.match import Match
from knowledge.answering.outcome import Answer
from knowledge.answering.snapshot import Snapshot
from knowledge.catalog import Catalog
from knowledge.records import Kind, Organization
from knowledge.reply import Reply

PLATFORM = "服务平台"  # the legal form the records give a centre that houses others

# 引进了哪些, 入驻了啥: the verb of bringing in says organizations are asked.
_BROUGHT_IN = re.compile(
    r"(入驻|进驻|引进|引入|驻进|搬进)[了过来的都有些]*(哪些|哪几|哪家|什么|啥|谁)"
)
# 里面有哪些组织, 都有什么机构在里头: inside it, a kind of organization asked for.
_INSIDE = re.compile(r"里面|里头|里边|内部|入驻|进驻|引进|引入")
_WHICH_KIND = re.compile(
    r"(哪些|哪几[家个]|哪家|什么|啥|有谁)[^，,。？?！!\s]{0,4}?(组织|机构|单位|团体|社工|协会)"
    # …or the kind first (引进的机构都有谁, 入驻的组织有哪些)
    r"|(组织|机构|单位|团体|社工)[^，,。？?！!\s]{0,2}?(有哪些|是哪些|有哪几|都有谁|有谁|都是谁|是谁"
    r"|有啥|有什么)"
)
_ASKS_WHICH = re.compile("哪|什么|啥|谁")
# What kind of body the centre itself is (是什么机构, 属于啥单位, 是什么性质的单位): no list of
# those it holds.
_WHAT_IT_IS = re.compile(
    r"(是|属于|算)(个|一个)?(什么|啥|哪种|哪类)(性质|样|类型)?的?(组织|机构|单位|团体)"
)
# Something else asked of the centre (its projects, services, size, contacts, a count).
_ELSE = re.compile(
    r"项目|活动|服务(?!中心|机构)|面积|多大|电话|地址|在哪|怎么|咋|如何|能不能|可以|要不要|钱|费|几"
)


def asks_housed(text: str, *, named: bool) -> bool:
    """Whether a (normalized, the centre's name left out) question asks which organizations
    the centre holds. Named, a kind of organization asked for is enough (张家堡街道社会组织
    服务中心有哪些社工机构); as a follow-up, it must say inside or brought in (里面有哪些组织)."""
    compact = text.replace(" ", "")
    if _ELSE.search(compact) or _WHAT_IT_IS.search(compact):
        return False
    if _BROUGHT_IN.search(compact):
        return True
    return bool(_WHICH_KIND.search(compact)) and (named or bool(_INSIDE.search(compact)))


def is_centre(org: object) -> bool:
    return isinstance(org, Organization) and org.legal_form == PLATFORM and bool(org.street)


def housed_in(catalog: Catalog, centre: Organization) -> list[Organization]:
    """The other organizations the records place in the centre's street and its own record
    names (它引入陕西众益、秋文社工、中海社工): being in the same street alone tells no one
    the centre brought them in."""
    said = " ".join((centre.summary, *centre.services))
    return [
        org
        for org in catalog.organizations.values()
        if org.id != centre.id
        and org.street == centre.street
        and any(name in said for name in (org.name, *org.aliases))
    ]


def housed_named(snapshot: Snapshot, match: Match) -> Answer | None:
    """The organizations a centre holds, when the question names the centre and asks that;
    None otherwise."""
    compact = match.normalized.replace(" ", "")
    if not match.named or not _ASKS_WHICH.search(compact):
        return None  # every way of asking it holds one of these: names need not be read
    said, key = snapshot.lister.name_in(compact)
    if not key and match.english and match.top is not None and match.decision == Decision.ANSWER:
        key = match.top.doc.id  # the Zhangjiabao center: named in words no alias has
    centre = snapshot.catalog.organizations.get(key)
    if not is_centre(centre) or not asks_housed(
        compact.replace(said, "", 1) if said else compact, named=True
    ):
        return None
    if snapshot.lister.organizations_named(compact) > 1:
        return None  # 除了秋文社工，张家堡还引进了哪些: a list of its own
    assert isinstance(centre, Organization)
    return _answer(snapshot.catalog, match.query, centre)


def housed_follow_up(snapshot: Snapshot, match: Match, context: Subject | None) -> Answer | None:
    """The organizations the centre the chat is about holds, asked in a short question naming
    nothing of its own (里头引进了哪些机构); None otherwise."""
    compact = match.normalized.replace(" ", "")
    if context is None or not context.id or match.named or match.places:
        return None
    if len(compact) > MAX_FOLLOW_UP:
        return None
    centre = snapshot.catalog.record(context.kind, context.id)
    if not is_centre(centre) or not asks_housed(compact, named=False):
        return None
    assert isinstance(centre, Organization)
    answer = _answer(snapshot.catalog, match.query, centre)
    answer.context = context
    return answer


def _answer(catalog: Catalog, query: str, centre: Organization) -> Answer:
    housed = housed_in(catalog, centre)
    results = [
        {"kind": org.KIND, "id": org.id, "name": org.name, "score": 0.0}
        for org in (centre, *housed)
    ]
    if housed:
        lines = [f"资料中写到{centre.name}引进了这 {len(housed)} 家组织："]
        for i, org in enumerate(housed, 1):
            where = org.district or org.city
            lines.append(f"{i}. {org.name}" + (f"（{where}）" if where else ""))
        lines += ["点选下面的按钮查看名片。", catalog.cite(centre, [])]
        reply = Reply(f"{centre.name}引进的组织", lines)
    else:
        said = _moving_in(centre)
        lines = [f"资料中没有写到{centre.name}引进或入驻了哪些组织。"]
        if said:
            lines.append(f"资料中写到：“{said}”")
        reply = Reply(centre.name, [*lines, catalog.cite(centre, [])])
    answer = Answer(query, bool(housed), Intent.LIST, reply, results, top=centre)
    answer.listed, answer.besides = list(housed), centre
    answer.decision = Decision.ANSWER if housed else Decision.UNKNOWN
    if not housed:  # none named: "它有多大" still asks of the centre
        answer.subject = Subject(Kind.ORGANIZATION, centre.id, centre.name)
    return answer


def _moving_in(centre: Organization) -> str:
    """The centre's own sentence about organizations moving in (入驻), or ""."""
    for text in (centre.summary, *centre.services):
        for sentence in re.split(r"[。；;]", text):
            if "入驻" in sentence or "进驻" in sentence:
                return sentence.strip(" ,，")
    return ""
