"""Dates and events asked of an organization or a project: its projects' periods, that its
founding date is missing, the contests and selections the sources tie to it — and that the
sources give no date or contest the question names, when they do not (figures.py asks).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.catalog import Catalog
from knowledge.records import Fact, Organization, Project, Record
from knowledge.reply import Reply

MAX_PERIODS = 3
_EVENT_WORDS = re.compile(r"比赛|大赛|评选|表演|演出|展示|春晚")
_CHOSEN_WORDS = re.compile(r"入选|评选|名列|典型")
# (啥时候开始登记报名 signs up for an activity: no founding)
FOUNDED = re.compile(
    r"成立|创立|(?<!开始)(?<!报名)(注册|登记)(?!报名|参加|参与|志愿|会员|入会|信息|表)|弄起来|建起来|开起来"
)


def dates_reply(catalog: Catalog, record: Organization | Project, question: str) -> Reply | None:
    """When it was (a project's period; that the founding date is missing), or None to answer
    with the dated figures."""
    # (办起来, 搞起来 may be a project's start, whose period is given)
    if FOUNDED.search(question) and isinstance(record, Organization):  # the registry's date
        said = [f"资料中没有{record.name}的成立日期。", catalog.cite(record, [])]
        return Reply(record.name, said, True)
    projects = [record] if isinstance(record, Project) else list(catalog.projects_of(record.id))
    periods = [p for p in projects if p.period]
    if not periods:
        return None
    if isinstance(record, Project):
        lines = [f"时间：{record.period}"]
    else:
        lines = [f"{p.name}：{p.period}" for p in periods[:MAX_PERIODS]]
    source = catalog.cite_all(periods, ["period"])
    return Reply(record.name, [*lines, source])


# When something is to be finished or opened (剩下那些幸福院啥时候能装完空调, 电商孵化基地
# 哪天正式开业): the articles tell what was done by their date, never such a date to come.
_WHEN = r"什么时候|啥时候|啥时|哪天|哪一天|几号|哪年|哪一年|几月|何时|日期"
_ENDED = r"装完|装上|装好|全部完成|全部结束|全部覆盖|建成|建好|完工|竣工|落成|开业|开张|揭牌|挂牌|投用|投入使用|交付"
_END_DATE = re.compile(
    rf"(?:{_WHEN})[^，,。？?！!\s]{{0,6}}?({_ENDED})(?!的)|({_ENDED})[^，,。？?！!\s]{{0,3}}(?:{_WHEN})"
    # …or any work to be done (啥时候能认购完, 哪年才能建完)
    rf"|(?:{_WHEN})(?:能|才能|才|会|可以)([\u4e00-\u9fff]{{1,4}}?完)(?!的)"
)
# A course of care or study ended (啥时候能康复完, 多久能学完) is how long it takes the one served,
# no date of the organization's work to come.
_PROCESS = re.compile(r"康复|训练|学|练|读|念|课|治|疗|咨询|疏导|干预|辅导|矫正|恢复|培训")
# (截至啥时候装完的, 啥时候装完的: the date the count was made on, which is given)
_AS_OF = re.compile(r"截至|截止")
# Every branch has one of its verbs or 完: looked for first, the whole read only then (a long
# story is scanned 17 times faster).
_ENDED_ANY = re.compile(rf"{_ENDED}|完")


def end_date_asked(question: str) -> str:
    """The verb of a finish or an opening whose date is asked (装完, 开业), or ""."""
    compact = question.replace(" ", "")
    if not _ENDED_ANY.search(compact) or _AS_OF.search(compact):
        return ""
    found = _END_DATE.search(compact)
    verb = next((g for g in found.groups() if g), "") if found else ""
    return "" if _PROCESS.search(verb) else verb


def end_date_reply(catalog: Catalog, record: Organization | Project, verb: str) -> Reply:
    """That the sources give no such date, with the period they do give (unheld)."""
    lines = [f"资料中没有{record.name}相关的{verb}日期，文章只写到已经做了的事。"]
    projects = [record] if isinstance(record, Project) else list(catalog.projects_of(record.id))
    lines += [f"{p.name}的时间：{p.period}" for p in projects[:MAX_PERIODS] if p.period]
    return Reply(record.name, [*lines, catalog.cite(record, [])], True)


# A contest named (服饰大赛, 秦腔大赛): the two characters before its word say which one.
_CONTEST = re.compile(r"([\u4e00-\u9fff]{2})(大赛|比赛|评选|春晚)")
_NOT_A_NAME = re.compile(r"[届的过么些次场加办个种啥哪了在]$|^(什么|哪些|参加|举办|组织)$")
# When, for whom, how big or where a contest is (今年比赛, 少儿比赛, 全市比赛): no name of one,
# unless quoted (“少儿比赛”). Asked, the contests the records hold answer.
_MODIFIER = re.compile(
    r"^(今年|去年|前年|明年|每年|往年|当年|近年|最近|以前|之前|这次|上次|下次|那次|这个|那个|上届|本届"
    r"|下届|历届|首届|少儿|儿童|少年|青年|老年|学生|孩子|娃娃|小学|中学|大学|校园|校际|社区|全市|全省|全国"
    r"|市里|省里|区里|市级|省级|国际|大型|小型|正式|各种|各类|所有|一些|一次|团体|个人)$"
)
# A day asked (哪天办的, 几号): a period of a year or a month does not tell it.
_DAY_ASKED = re.compile(r"哪天|哪一天|几号|几月几|日期|具体时间")


def _contest_named(question: str) -> tuple[str, str]:
    """Which contest (服饰) and its word (大赛), or ("", "")."""
    found = _CONTEST.search(question.replace(" ", ""))
    if found is None or _NOT_A_NAME.search(found.group(1)):
        return "", ""
    named = found.group(1) + found.group(2)
    # quoted: the normalized question has its quotation marks as spaces ( 少儿比赛 )
    quoted = re.search(f'[“"「『 ]{named}[”"」』 ]|[“"「『 ]{named}$', question)
    if _MODIFIER.search(found.group(1)) and not quoted:
        return "", ""
    return found.group(1), found.group(2)


def _family_text(catalog: Catalog, owner: Organization | Project) -> str:
    projects = catalog.projects_of(owner.id) if isinstance(owner, Organization) else ()
    told = [owner.name, owner.about, *getattr(owner, "services", ())]
    return "".join(told + [p.name + p.description for p in projects])


def events_reply(
    catalog: Catalog, record: Organization | Project, when: bool = False, question: str = ""
) -> Reply:
    """Contests and selections the sources tie to the record's organization; or that there
    are none in the sources. `when`: a date is asked (秦腔大赛是哪年办的), and the periods of
    the projects that held them are what the sources give; a day asked that none of them
    gives, or a contest named that none of them held (服饰大赛 of 全民国防教育协会), is said to be
    missing (unheld)."""
    owner = catalog.organization_of(record) or record
    contest, event = _contest_named(question)
    if contest and contest not in _family_text(catalog, owner):
        said = [f"资料中没有{owner.name}与“{contest}{event}”有关的记录。", catalog.cite(owner, [])]
        return Reply(owner.name, said, True)
    lines: list[str] = []
    cited: list[Record] = []
    if isinstance(owner, Organization):
        held = [s for s in owner.services if _EVENT_WORDS.search(s)]
        if held:
            lines.append("举办或组织过：" + "、".join(held))
            cited.append(owner)
    for fact in facts_naming(catalog, owner):
        lines.append(f"入选：{fact.name}")
        cited.append(fact)
    if not lines:
        projects = catalog.projects_of(owner.id) if isinstance(owner, Organization) else ()
        for project in projects:
            if _EVENT_WORDS.search(project.description):
                lines.append(f"{project.name}：{project.description}")
                cited.append(project)
    if not lines:
        return Reply(
            owner.name,
            [f"资料中没有{owner.name}参加比赛、评选或获奖的记录。", catalog.cite(owner, [])],
        )
    projects = catalog.projects_of(owner.id) if when and isinstance(owner, Organization) else ()
    periods = [p for p in projects if p.period and _EVENT_WORDS.search(p.description)]
    for project in periods:
        lines.append(f"时间：{project.name}，{project.period}")
        cited.append(project)
    # 服饰大赛是哪天办的: a period of a year is no day
    dayless = (
        when and bool(_DAY_ASKED.search(question)) and not any("日" in p.period for p in periods)
    )
    if dayless:
        lines.insert(0, "资料中没有具体日期。资料里写到的是：")
    source = catalog.cite_all(cited)
    return Reply(owner.name, [*lines, source], dayless)


def facts_naming(
    catalog: Catalog, org: Organization | Project, *, chosen_only: bool = True
) -> list[Fact]:
    """Facts about the organization, or naming it (by name or alias) in their answer; only
    those telling it was chosen (入选, 评选) unless `chosen_only` is False."""
    names = [name for name in (org.name, *org.aliases) if len(name) >= 2]
    return [
        fact
        for fact in catalog.facts.values()
        if (not chosen_only or _CHOSEN_WORDS.search(fact.name + fact.answer))
        and (fact.organization == org.id or any(name in fact.answer for name in names))
    ]


def selections(catalog: Catalog, places: Sequence[str]) -> list[Fact]:
    """Curated facts telling which organizations were chosen (评选, 典型事例), of the places
    named if any: what "哪些组织得过奖" asks for."""
    found = []
    for fact in catalog.facts.values():
        if not _CHOSEN_WORDS.search(fact.name + fact.answer):
            continue
        if places and not {fact.city, fact.district} & set(places):
            continue
        named = {o.id for o in catalog.organizations.values() if o.name in fact.answer}
        if len(named) >= 2:
            found.append(fact)
    return found
