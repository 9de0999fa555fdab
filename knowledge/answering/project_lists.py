""" "Which projects…" questions: "未央区有哪些项目", "做儿童的项目有哪些", "那几个公益项目都叫啥":
every project the records hold for the place and topic asked, each with its organization —
not the one project that matches best. A question naming an organization ("秋文社工有哪些项目")
is that organization's own answer (its card lists them)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.answering.list_query import place_words
from knowledge.answering.lists import Lister
from knowledge.catalog import Catalog
from knowledge.records import Organization, Project
from knowledge.reply import Reply

MAX_PROJECTS = 10
# What every project is (公益项目, 社区公益活动项目): no topic of one.
GENERIC_PROJECT_WORDS = frozenset({"公益", "社区", "活动", "公益活动", "社区公益", "服务", "项目"})
# 项目 as what is listed: ending the question after a list word (未央区有哪些项目, 有几个公益项目,
# 哪些关于儿童保护和家庭沟通的项目),
# or followed by one (做儿童的项目有哪些, 项目都叫啥); not 那个项目管多少个幸福院 (a figure of one).
_LISTED_AFTER = re.compile(
    r"(哪些|哪几个|哪几项|什么|啥|几个|多少个)[^，,。？?！!\s]{0,16}项目"
    # 哪些项目和系列活动: the projects, some of which are a series of activities
    r"((和|跟|及|以及|与)[^，,。？?！!\s]{0,3}活动)?(呢|啊|吗|嘛)?$"
)
_LISTED_BEFORE = re.compile(
    r"项目[^，,。？?！!\s]{0,4}?(有哪些|是哪些|有哪几个|有哪几项|都有(些)?(什么|啥)|都叫(什么|啥)"
    r"|分别(是|叫)|有(什么|啥)|有几个|有多少个)(呢|啊|吗|嘛)?($|[，,。？?！!\s])"
)
_NOT_ASKED = re.compile(r"是(什么|啥)项目|什么样的项目|(这个|那个|该|这|那)项目")


def asks_projects(text: str) -> bool:
    """Whether a (normalized, places left out) question asks for the projects of a kind."""
    spaced = text.strip()  # normalized: its punctuation is spaces, which end a clause
    if _NOT_ASKED.search(spaced):
        return False
    return bool(_LISTED_AFTER.search(spaced) or _LISTED_BEFORE.search(spaced))


def projects_listed(
    catalog: Catalog, lister: Lister, places: Sequence[tuple[str, str]], topics: Sequence[str]
) -> list[Project]:
    """The projects of organizations in the places asked, doing one of the topics (the
    project's own topics, else its organization's); in the records' order."""
    each = lister.alternatives(places)
    found = []
    for project in catalog.projects.values():
        org = catalog.organizations.get(project.organization)
        if org is None or not Lister._in(org, each):
            continue
        own = set(project.topics) or set(org.topics)
        if topics and not own & set(topics):
            continue
        found.append(project)
    return found


def projects_reply(
    catalog: Catalog,
    projects: Sequence[Project],
    places: Sequence[tuple[str, str]],
    topics: Sequence[str],
) -> Reply:
    """The projects as a reply, each with its organization; or that the records hold none."""
    place = place_words(places)
    topic = "、".join(topics)
    what = f"{place}{topic + '方面' if topic else ''}的项目"
    if not projects:
        return Reply(f"资料中没有{what}。", ["可以换个条件试试，例如只写区县或需要的服务。"])
    shown = projects[:MAX_PROJECTS]
    more = f"，下面是前 {len(shown)} 个" if len(projects) > len(shown) else ""
    lines = [f"资料中写到的共 {len(projects)} 个{more}："]
    for i, project in enumerate(shown, 1):
        owner = catalog.organizations.get(project.organization)
        lines.append(f"{i}. {project.name}" + (f"（{owner.name}）" if owner else ""))
    lines.append("点选下面的按钮查看开展它们的组织。")
    source = catalog.cite_all(shown)
    lines.append(source)
    return Reply(what, lines)


def organizations_of(catalog: Catalog, projects: Sequence[Project]) -> list[Organization]:
    """The organizations running the projects, each once, in the projects' order."""
    found: dict[str, Organization] = {}
    for project in projects[:MAX_PROJECTS]:
        org = catalog.organizations.get(project.organization)
        if org is not None:
            found.setdefault(org.id, org)
    return list(found.values())


def each_projects_reply(orgs: Sequence[Organization], catalog: Catalog) -> Reply:
    """The projects the sources name of each organization listed."""
    lines = []
    for i, org in enumerate(orgs, 1):
        names = "、".join(p.name for p in catalog.projects_of(org.id))
        lines.append(f"{i}. {org.name}：{names or '资料中没有写到它的项目'}")
    source = catalog.cite_all(orgs)
    return Reply(f"这 {len(orgs)} 家的项目", [*lines, source])
