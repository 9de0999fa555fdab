"""The replies to follow-ups answered from the chat's subject directly ("它的电话呢", "那有
什么项目", "他们几点开门", "地在哪个村"): as if the resident had named the record (context.py
reads whether a question is one)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from knowledge.answering.compose import CIVIL_AFFAIRS_HINT, located
from knowledge.answering.context import FollowUp, asked_and_rest, part_of
from knowledge.answering.intent import Intent
from knowledge.answering.text import normalize
from knowledge.catalog import Catalog
from knowledge.records import Activity, Organization, Project, Record
from knowledge.reply import Reply

if TYPE_CHECKING:
    from knowledge.answering.snapshot import Snapshot


def follow_up_reply(
    snapshot: Snapshot, follow: FollowUp, upcoming: list[Activity], question: str = ""
) -> Reply:
    """The reply to a follow-up, as if the resident had named the record (`question`: its
    words, "它的项目在哪" asking where the project is)."""
    record = follow.record
    asked = snapshot.catalog.record(follow.subject.kind, follow.subject.id)
    if follow.intent == Intent.PROJECTS and isinstance(record, Organization):
        if isinstance(asked, Project) and _OTHERS.search(question):  # 他们还有别的项目吗
            return other_projects(snapshot.catalog, record, asked)
        reply = snapshot.browser.projects(record.id)
        if reply is not None:
            return reply
    if follow.intent == Intent.HOURS:
        return hours(record, snapshot.catalog)
    if isinstance(record, Organization) and follow.intent == Intent.ADDRESS:
        # 它的项目在哪, 地在哪个村: where its project is, the one the words are told of
        found = [p for p in snapshot.catalog.projects_of(record.id) if located(p)]
        part = asked_and_rest(normalize(question))[1] if question else ""
        told = [p for p in found if part and part_of(p, part)]
        if "项目" in question and len(found) == 1:
            asked = found[0]
        elif not record.address and not part and len(found) == 1:
            # 在哪儿 of one with no address: where its one project is carried out (明明心理's
            # 安心小屋, in the city's 信访大厅), beside what is known of it
            asked = found[0]
        elif len(told) == 1:
            asked = told[0]
    if follow.intent == Intent.ADDRESS and isinstance(asked, Project) and located(asked):
        # 那块地在哪个村 after the project: where it is carried out, then its organization's
        return snapshot.composer.contact(record, Intent.ADDRESS, located(asked), asked)
    intent = Intent.INTRODUCE if follow.intent == Intent.PROJECTS else follow.intent
    return snapshot.composer.answer(record, intent, [], upcoming)


_OTHERS = re.compile(r"别的|其他|其它|另外")


def other_projects(catalog: Catalog, org: Organization, shown: Project) -> Reply:
    """The organization's projects other than the one the chat was answered about, or that
    the sources name no other."""
    others = [p for p in catalog.projects_of(org.id) if p.id != shown.id]
    if not others:
        line = f"资料中只写到{org.name}的这一个项目：{shown.name}，没有写到别的项目。"
        return Reply(org.name, [line, catalog.cite(org, [])])
    lines = [f"除了{shown.name}，资料中还写到{org.name}的这些项目："]
    lines += [f"· {p.name}" for p in others]
    return Reply(f"{org.name}的项目", [*lines, catalog.cite(org, [])])


def hours(record: Record, catalog: Catalog) -> Reply:
    """Opening hours when the records give them; otherwise say so, and how to ask."""
    org = record if isinstance(record, Organization) else None
    if org is not None and org.opening_hours:
        return Reply(
            org.name, [f"开放时间：{org.opening_hours}", catalog.cite(org, ["opening_hours"])]
        )
    lines = [f"资料中没有{record.display_name}的开放时间。"]
    details = org.contact_details if org else []
    if details:
        lines.append("可以先联系问问：" + "；".join(f"{k}：{v}" for k, v in details))
    else:
        lines.append(f"如需了解，{CIVIL_AFFAIRS_HINT}。")
    return Reply(record.display_name, [*lines, catalog.cite(record, [])])
