"""A figure asked of the organizations a list showed, together (那几家一共服务了多少人,
它们加起来搞了多少场活动): the records hold no sum for a set the resident was shown, so the
reply says so and gives each one's figures for what was asked, dated as elsewhere; it never
adds them up (shown.from_shown)."""

from __future__ import annotations

import re

from knowledge.answering.context import Subject
from knowledge.answering.figure_questions import asks_quantity
from knowledge.answering.figures import FIGURE_MISSED, figures_reply
from knowledge.answering.gate import Decision
from knowledge.answering.intent import Intent
from knowledge.answering.lists import Lister
from knowledge.answering.match import Match
from knowledge.answering.outcome import Answer
from knowledge.answering.picks import MAX_FOLLOW_UP
from knowledge.catalog import Catalog
from knowledge.records import Kind, Organization
from knowledge.reply import Reply

_THEM = re.compile(r"它们|他们|她们|这些|那些|这几家|那几家|这几个|那几个|这\d家|那\d家|上面")
_TOGETHER = re.compile(r"一共|总共|加起来|加在一起|合计|总计|合起来|一起|总数|总和|共计")
_NONE_GIVEN = "资料中没有这方面的数字。"
# 它们一共有几家, 那几家一共多少: a count of those shown, which the list told, no figure
_COUNTS_THEM = re.compile(r"(几|多少)(家|个)(社会组织|组织|机构|单位)?[吗呢呀啊]?$")
_NOTHING_COUNTED = re.compile(r"(有|是)?(几|多少)[吗呢呀啊]?")


def shown_together(match: Match, context: Subject, catalog: Catalog) -> Answer | None:
    """The reply to a figure asked of the organizations shown, together; None when the text
    asks no total of them (它们在哪, 第二个服务了多少人, 那几家一共有几家 is no figure)."""
    if len(context.listed) < 2 or context.id:
        return None
    compact = match.normalized.replace(" ", "")
    if len(compact) > MAX_FOLLOW_UP or not (_THEM.search(compact) and _TOGETHER.search(compact)):
        return None
    asked = _TOGETHER.sub("", _THEM.sub("", compact))  # 那几家 counts no 家
    if not asks_quantity(asked) or _COUNTS_THEM.search(asked) or _NOTHING_COUNTED.fullmatch(asked):
        return None
    orgs = [
        org
        for kind, key in context.listed
        if kind == Kind.ORGANIZATION and (org := catalog.organizations.get(key))
    ]
    return _each_ones(match, orgs, asked, catalog, context) if len(orgs) >= 2 else None


# Two or more named, joined (智塔和明明心理一共帮了多少人, 秋文、常青藤加起来…).
_JOINED = re.compile(r"和|跟|与|及|、|还有")


def named_together(match: Match, lister: Lister, catalog: Catalog) -> Answer | None:
    """A figure asked of several organizations named in the question, together: each one's
    figures, never a sum, as for those shown; None when fewer are named or no total asked."""
    compact = match.normalized.replace(" ", "")
    if not (_TOGETHER.search(compact) and _JOINED.search(compact)):
        return None
    if lister.organizations_named(compact) < 2:
        return None
    names = sorted(
        (
            (n, o)
            for o in catalog.organizations.values()
            for n in (o.name, *o.aliases)
            if len(n) > 1
        ),
        key=lambda named: len(named[0]),
        reverse=True,
    )
    orgs: list[Organization] = []
    for name, org in names:  # the longest first: 慈善协会 of 高新区慈善协会 is no other
        if name in compact:
            compact = compact.replace(name, "〇")
            orgs += [] if org in orgs else [org]
    asked = _TOGETHER.sub("", re.sub(r"〇(?:和|跟|与|及|、|还有)?", "", compact))
    if len(orgs) < 2 or not asks_quantity(asked):
        return None
    return _each_ones(match, orgs, asked, catalog, None)


def _each_ones(
    match: Match, orgs: list[Organization], asked: str, catalog: Catalog, context: Subject | None
) -> Answer:
    """Each organization's figures for what was asked, the same lines told once for those
    sharing them; answered when one of them holds one."""
    # the same lines for several (a fact naming them, counted together): told once, for them
    told: dict[tuple[str, ...], list[str]] = {}
    for org in orgs:
        said = figures_reply(catalog, org, match.words, asked)
        missed = said.unheld or not said.lines or said.lines[0] in FIGURE_MISSED
        told.setdefault(() if missed else tuple(said.lines), []).append(org.name)
    held = any(told)
    lines: list[str] = []
    for said_lines, names in told.items():
        if said_lines:
            lines.extend([f"{'、'.join(names)}：", *said_lines])
    if () in told:
        lines.append(f"{'、'.join(told[()])}：{_NONE_GIVEN}")
    title = f"资料中没有这 {len(orgs)} 家加在一起的数字。"
    if held:  # counted differently (人次, 名, 户): never added up
        lines.insert(0, "各家资料中的数字如下（口径不同，不能直接相加）：")
    else:
        lines = ["资料中也没有其中哪一家的这方面数字。"]
    results = [{"kind": o.KIND, "id": o.id, "name": o.name, "score": 0.0} for o in orgs]
    answer = Answer(match.query, held, Intent.FIGURE, Reply(title, lines), results, context=context)
    answer.decision = Decision.ANSWER if held else Decision.UNKNOWN
    return answer
