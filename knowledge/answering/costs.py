"""Whether something costs money ("免费吗", "智塔收费吗"): what the sources say of it, quoted,
or that they do not say — about the organization or project asked of (the chat's subject, or
the one named), never 不知道 about everything. A fee's amount is refused in scope_rules."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import tzinfo

from knowledge.answering.compose import CIVIL_AFFAIRS_HINT
from knowledge.answering.context import MAX_FOLLOW_UP, FollowUp, Subject, points_back
from knowledge.answering.gate import Decision
from knowledge.answering.intent import Intent
from knowledge.answering.match import Match
from knowledge.answering.outcome import Answer
from knowledge.answering.replies import followed
from knowledge.answering.snapshot import Snapshot
from knowledge.catalog import Catalog
from knowledge.records import Organization, Project
from knowledge.reply import Reply

# Asking whether one pays, not how much (多少钱 is a figure: 认购一块地1000元).
_COST = re.compile(
    r"免费|收费|收不收费|收钱|收不收钱|要钱|要不要钱|花钱|要不要花钱|交钱|交不交钱|掏钱|付费|付钱"
    r"|贵不贵|贵吗|贵不|有偿|无偿|白用|不要钱|不收钱"
    # a centre's rooms: whether moving in costs rent (进驻要交房租不)
    r"|[交付缴]?房租|[交付缴]?租金|交租|场地费"
)
# What else a question of whether one pays may say, with nothing of its own.
_FILLER = re.compile(
    r"它们|他们|她们|它|他|她|这个|那个|这家|那家|项目|活动|服务|参加|报名|去|用|请问|那|这"
    r"|入驻|进驻|搬进去|搬进来|搬过去|入会|加入|参与|上课|学|训练|办|看|做|教|找|给"
    r"|需要|要|得|是不是|是|不|的|都|还|也|可以|能|吗|呢|啊|呀|嘛|吧|么|[，,。？?！!\s]"
)
# How much, asked of what the chat was answered about and pointed at (去那儿做干预一个月收多少钱):
# what the sources say of paying for it, not a price refused.
_AMOUNT = re.compile(r"多少钱|收多少|什么价|啥价|价格|价钱|收费标准|费用|怎么收费|咋收费")
# What the sources say that tells whether one pays.
_SAID = re.compile(r"免费|收费|有偿|无偿|低价|价格|费用|经费|\d+元")


def asks_cost(text: str, held: Sequence[str] = ()) -> bool:
    """Whether a (normalized) question, its record's names left out, only asks whether it
    costs money; `held`: words of the record's own that it may name as well (明明心理咨询
    收费吗 asks about the counselling the record tells of)."""
    compact = text.replace(" ", "")
    for word in sorted(held, key=len, reverse=True):
        compact = compact.replace(word, "")
    return bool(_COST.search(compact)) and not _FILLER.sub("", _COST.sub("", compact))


def costed(snapshot: Snapshot, match: Match, context: Subject | None, tz: tzinfo) -> Answer | None:
    """The answer to "免费吗" about the chat's subject, or to "智塔收费吗" about the one
    named; None when the question asks more than that."""
    catalog = snapshot.catalog
    if not _COST.search(match.normalized) and not _AMOUNT.search(match.normalized):
        return None
    if match.named:
        if not _COST.search(match.normalized):  # a fee's amount of a record named: scope
            return None
        said, org_id = snapshot.lister.name_in(match.normalized.replace(" ", ""))
        top = match.top
        if not said or top is None or match.decision != Decision.ANSWER:
            return None
        record = catalog.record(top.doc.kind, top.doc.id)
        held = [word for word in match.words if len(word) > 1 and word in _text_of(record)]
        if not asks_cost(match.normalized.replace(" ", "").replace(said, "", 1), held):
            return None
        if not isinstance(record, Organization | Project) or record.organization_id != org_id:
            return None
        subject = None
    else:
        if context is not None and not context.id and len(context.listed) > 1:
            return _each_costs(snapshot, match, context)  # 这几家都免费吗: each one's
        if context is None or not context.id:
            return None
        if not (asks_cost(match.normalized) or _amount_of_it(match.normalized)):
            return None
        record = catalog.record(context.kind, context.id)
        if not isinstance(record, Organization | Project):
            return None
        subject = context
    reply = cost_reply(catalog, record)
    if subject is None:
        result = {"kind": record.KIND, "id": record.id, "name": record.display_name, "score": 0}
        answer = Answer(match.query, True, Intent.FIGURE, reply, [result], top=record)
        answer.decision = Decision.ANSWER
        return answer
    return followed(snapshot, FollowUp(subject, record, Intent.FIGURE), match.query, tz, reply)


_THEM = re.compile(r"它们|他们|她们|这些|那些|这几家|那几家|这几个|那几个|各自|分别")


def _each_costs(snapshot: Snapshot, match: Match, context: Subject) -> Answer | None:
    """Whether each organization of the list shown costs money, as the sources say."""
    compact = match.normalized.replace(" ", "")
    if not _THEM.search(compact) or not asks_cost(_THEM.sub("", compact)):
        return None
    catalog = snapshot.catalog
    orgs = [o for kind, key in context.listed if (o := catalog.organizations.get(key))]
    lines = []
    for i, org in enumerate(orgs, 1):
        said = _said(org) or [p for project in catalog.projects_of(org.id) for p in _said(project)]
        lines.append(f"{i}. {org.name}：{said[0] if said else '资料中没有写明是否收费'}")
    if not orgs:
        return None
    source = catalog.cite_all(orgs)
    lines += [f"如需了解，{CIVIL_AFFAIRS_HINT}。", source]
    reply = Reply(f"这 {len(orgs)} 家是否收费", lines)
    results = [{"kind": o.KIND, "id": o.id, "name": o.name, "score": 0.0} for o in orgs]
    answer = Answer(match.query, True, Intent.FIGURE, reply, results, context=context)
    answer.decision = Decision.ANSWER
    return answer


# A sum raised, given, spent or earned (他们一共筹了多少钱, 那空调值多少钱): a figure, no price.
_SUM_DONE = re.compile(r"(筹|募|捐|投|值|赚|挣|花|增收)了?[^，,。？?！!\s]{0,2}多少钱")


def _amount_of_it(text: str) -> bool:
    """Whether a short question asks how much the thing it points back at costs."""
    compact = text.replace(" ", "")
    if not _AMOUNT.search(compact) or _SUM_DONE.search(compact):
        return False
    return points_back(text) and len(compact) <= MAX_FOLLOW_UP


def cost_reply(catalog: Catalog, record: Organization | Project) -> Reply:
    """What the sources say of paying for the record (its organization's words too), or that
    they do not say."""
    said = _said(record)
    owner = catalog.organization_of(record) if isinstance(record, Project) else None
    if not said and owner is not None:
        said = _said(owner)
    name = record.display_name
    if not said:
        lines = [
            f"资料中没有写明{name}是否收费。",
            f"如需了解，{CIVIL_AFFAIRS_HINT}。",
            catalog.cite(record, []),
        ]
        return Reply(name, lines)
    return Reply(name, ["资料中关于费用是这样写的：", *said, catalog.cite(record, [])])


def _text_of(record: object) -> str:
    """What a record tells of what it does (where the services a question names are found)."""
    if isinstance(record, Organization):
        return "".join([record.name, record.summary, *record.services])
    if isinstance(record, Project):
        return record.name + record.description
    return ""


def _said(record: Organization | Project) -> list[str]:
    """The record's own sentence (summary, services, description; else its figures' quotes
    from the article) that tells whether one pays."""
    if isinstance(record, Organization):
        texts = [record.summary, *record.services]
    else:
        texts = [record.description]
    for group in (texts, [figure.quote for figure in record.figures]):
        for text in group:
            for sentence in re.split(r"[。；;]", text):
                if _SAID.search(sentence):
                    return [f"“{sentence.strip(' ,，')}”"]
    return []
