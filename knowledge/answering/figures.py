"""Figures, dates and events asked about an organization or a project, wherever they live.

A number the sources give may be stored on the organization or on its project (the article
says "该合作社服务群众2万人" and the curators put it on one of the two): a question about
either looks in both, and in the organization's other projects. The reply gives the figure
with its date; it says a figure is missing only when none of them counts what was asked.
Events (比赛、评选, awards) are the organization's services and projects that are contests,
and the curated facts that name it among those chosen (典型事例).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from knowledge.catalog import Catalog
from knowledge.records import Fact, Figure, Organization, Project, Record
from knowledge.reply import Reply

MAX_FIGURES = 3
UNIT_BONUS = 3  # as much as a two-character word of the label: 多少人 asks for a count of people

# What a figure counts, read from the measure word right after 多少/几 (and nothing after it:
# 多少名老师 counts teachers, which 164名 children are not).
_UNITS: dict[str, tuple[str, ...]] = {
    "人次": ("人次",),
    "人": ("人", "名", "位"),
    "名": ("名", "人"),
    "位": ("位", "人", "名"),
    "户": ("户",),
    "钱": ("元",),
    "块钱": ("元",),
    "元": ("元",),
    "块": ("块", "元"),
    "台": ("台",),
    "场": ("场",),
    "次": ("次",),
    "所": ("所",),
    "亩": ("亩",),
    "批": ("批",),
    "天": ("天",),
    "年": ("年",),
    "家": ("家",),
    "项": ("项",),
    "份": ("份",),
}
# A verb may follow the measure word: "多少人参加" still counts people (a noun may not).
_UNIT_RE = re.compile(
    r"(多少|几)(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
    r"(参加|参与|受益|报名|加入|来过|来|去过|去|了|送|运|捐|发|装|办|搞|做|开展|举办|组织|帮|服务"
    r"|过去|过来|过|到|的|完|出去|出|给|教|值班|班)*[呢啊呀吗了?？。！!]*$"
)
# An English question read in Chinese words: "多少人 院落 合作社 服务" (how many people … serve).
_ENGLISH_UNIT_RE = re.compile(
    r"(?:^|\s)(多少|几)(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")(?=\s)"
)
# Who is counted, named instead of measured: "帮了多少孩子" counts people all the same.
_PEOPLE_RE = re.compile(r"(多少|几)[个名位]?(孩子|小孩|娃娃|娃|儿童|学生|老人|居民|群众|家长)")
_PEOPLE = ("人", "名", "位")
# Money named, not measured: "筹的钱是截至哪天的" asks of the sums.
_MONEY_RE = re.compile(r"钱|款|资金|经费")
# What is counted, named before 有多少: "专家顾问团有多少人" counts the members of a group,
# which no figure about the organization's trainees is.
_COUNTED_RE = re.compile(r"([\u4e00-\u9fff]{2,})(?:有|共有|一共有|总共有|一共|总共)(?:多少|几)")
_AREA_RE = re.compile(r"多大|面积|平方|平米")
_DURATION_RE = re.compile(r"多久|多长时间|几个月")
_DATE_RE = re.compile(
    r"截至|截止|哪天|哪一天|什么时候|啥时候|哪年|哪一年|几几年|几月|日期|到什么时候"
)
_EVENT_RE = re.compile(
    r"获.{0,2}奖|得.{0,2}奖|什么奖|哪些奖|荣誉|称号|表彰|入选|评上|获评|名次|第几名|比赛|大赛|评选"
)
_AWARD_RE = re.compile(r"获.{0,2}奖|得.{0,2}奖|什么奖|哪些奖|荣誉|称号|表彰|入选|评上|获评|典型")
_EVENT_WORDS = re.compile(r"比赛|大赛|评选|表演|演出|展示|春晚")
_CHOSEN_WORDS = re.compile(r"入选|评选|名列|典型")


def asked_units(question: str) -> tuple[str, ...]:
    """The measure words a figure must have to count what the question asks (may be none)."""
    compact = question.replace(" ", "")
    if _AREA_RE.search(compact):
        return ("平方米",)
    if _DURATION_RE.search(compact):
        return ("年", "天", "月")
    found = _UNIT_RE.search(compact) or _ENGLISH_UNIT_RE.search(question)
    if found:
        return _UNITS[found.group(2)]
    if _PEOPLE_RE.search(compact):
        return _PEOPLE
    return ("元",) if _MONEY_RE.search(compact) else ()


# A kind of person counted after the measure word: "多少个心理咨询师", "几名会员", "多少志愿者"
# count those people, which no figure of visits (36人次 心理咨询) or trainees is.
_PERSONS_RE = re.compile(r"(?:多少|几)[个名位]?([\u4e00-\u9fff]{1,5}?(?:师|员|者))[呢啊呀吗?？]*$")


def counted_person(question: str, own: str) -> str:
    """The kind of person a question counts (心理咨询师 in 有多少个心理咨询师), unless it is
    in the record's own name (益人行志愿者协会有多少志愿者 is still asked of it); or ""."""
    found = _PERSONS_RE.search(question.replace(" ", ""))
    return found.group(1) if found is not None and found.group(1) not in own else ""


def counted_thing(question: str, own: str) -> str:
    """What the question counts when it names it before 有多少 (专家顾问团), unless that is
    the record itself (益人行志愿者协会有多少…); or ""."""
    compact = question.replace(" ", "")
    found = _COUNTED_RE.search(compact)
    if found is None:
        return ""
    thing = re.split(r"的|那个|这个|那|这", found.group(1))[-1]
    return "" if len(thing) < 2 or thing in own else thing


def is_event_question(question: str) -> bool:
    return bool(_EVENT_RE.search(question.replace(" ", "")))


def is_award_question(question: str) -> bool:
    """Whether it asks about awards or being chosen (not contests held: 搞过比赛)."""
    return bool(_AWARD_RE.search(question.replace(" ", "")))


def is_date_question(question: str) -> bool:
    return bool(_DATE_RE.search(question.replace(" ", "")))


def family_figures(catalog: Catalog, record: Organization | Project) -> list[Figure]:
    """The record's figures first, then its organization's, then the organization's other
    projects' (labelled with the project); the same number told twice is one figure."""
    owner = catalog.organization_of(record) if isinstance(record, Project) else record
    figures = list(record.figures)
    if owner is not None and owner is not record:
        figures.extend(owner.figures)
    if owner is not None:
        for project in catalog.projects_of(owner.id):
            if project is record:
                continue
            figures.extend(replace(f, label=f"{project.name}：{f.label}") for f in project.figures)
    seen: dict[tuple[str, str], Figure] = {}
    for figure in figures:
        seen.setdefault((figure.text, figure.quote), figure)
    return list(seen.values())


def figures_reply(
    catalog: Catalog, record: Organization | Project, words: Sequence[str], question: str
) -> Reply:
    """The reply to a question asking for a figure, a date or an event about `record`."""
    if is_event_question(question):
        return events_reply(catalog, record)
    figures = family_figures(catalog, record)
    own = "".join([record.name, *record.aliases])
    names = _family_names(catalog, record)
    # 几场周末去哪里: the measure word is followed by a name, not by what else is counted
    units = asked_units(_without(question, names))
    thing = counted_thing(question, own)
    person = counted_person(question, own)
    if not figures:
        counted = _counting_facts(catalog, record, words, units)
        if counted:
            sources = dict.fromkeys(
                catalog.cite(f, ["answer"]).removeprefix("来源：") for f in counted
            )
            return Reply(record.name, [*(f.answer for f in counted), "来源：" + "；".join(sources)])
        return Reply(record.name, ["资料中没有这方面的数字。", catalog.cite(record, [])])

    def relevance(figure: Figure) -> int:
        # What the figure counts, not the sentence it sits in (which names the organization).
        text = figure.label + figure.text
        if thing and not any(
            thing[i : i + 2] in text + figure.quote for i in range(len(thing) - 1)
        ):
            return 0
        if person and person not in text:
            return 0
        score = sum(len(w) for w in words if w in text and w not in own)
        if units and any(unit in figure.text for unit in units):
            score += UNIT_BONUS
        return score

    best = sorted(figures, key=relevance, reverse=True)
    chosen = [f for f in best if relevance(f) > 0][:MAX_FIGURES]
    lasting = bool(units) and set(units) <= {"年", "天", "月"}  # 搞了几年: how long it ran
    if not chosen and ((is_date_question(question) and not units) or lasting):
        dated = dates_reply(catalog, record, question)
        if dated is not None:
            return dated
    if not chosen:  # a number several organizations share lives on a fact that names them
        counted = _counting_facts(catalog, record, words, units)
        if counted:
            lines = [fact.answer for fact in counted]
            sources = dict.fromkeys(
                catalog.cite(f, ["answer"]).removeprefix("来源：") for f in counted
            )
            return Reply(record.name, [*lines, "来源：" + "；".join(sources)])
    lead: list[str] = []
    if not chosen:  # never pass off another number as the one asked for
        if is_date_question(question):
            lead = ["资料中的数字和它们的日期："]
            chosen = [f for f in figures if f.as_of][:MAX_FIGURES] or figures[:MAX_FIGURES]
        else:
            lead = ["资料中没有您问的这个数字。资料里有的数字是："]
            chosen = best[:MAX_FIGURES]
    lines = [f"{f.label}：{f.text}" + (f"（截至{f.as_of}）" if f.as_of else "") for f in chosen]
    if is_date_question(question) and not any(f.as_of for f in chosen):
        lines.append("资料中没有这些数字的日期。")
    return Reply(record.name, [*lead, *lines, catalog.cite(record, ["figures"])])


def dates_reply(catalog: Catalog, record: Organization | Project, question: str) -> Reply | None:
    """When it was (a project's period; that the founding date is missing), or None to answer
    with the dated figures."""
    if "成立" in question and isinstance(record, Organization):  # a known date is the registry's
        return Reply(
            record.name, [f"资料中没有{record.name}的成立日期。", catalog.cite(record, [])]
        )
    projects = [record] if isinstance(record, Project) else list(catalog.projects_of(record.id))
    periods = [p for p in projects if p.period]
    if not periods:
        return None
    if isinstance(record, Project):
        lines = [f"时间：{record.period}"]
    else:
        lines = [f"{p.name}：{p.period}" for p in periods[:MAX_FIGURES]]
    sources = dict.fromkeys(catalog.cite(p, ["period"]).removeprefix("来源：") for p in periods)
    return Reply(record.name, [*lines, "来源：" + "；".join(sources)])


def events_reply(catalog: Catalog, record: Organization | Project) -> Reply:
    """Contests and selections the sources tie to the record's organization; or that there
    are none in the sources."""
    owner = catalog.organization_of(record) or record
    lines: list[str] = []
    cited: list[Record] = []
    if isinstance(owner, Organization):
        held = [s for s in owner.services if _EVENT_WORDS.search(s)]
        if held:
            lines.append("举办或组织过：" + "、".join(held))
            cited.append(owner)
    for fact in _facts_naming(catalog, owner):
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
    sources = dict.fromkeys(catalog.cite(r, []).removeprefix("来源：") for r in cited)
    return Reply(owner.name, [*lines, "来源：" + "；".join(sources)])


def _counting_facts(
    catalog: Catalog, record: Organization | Project, words: Sequence[str], units: Sequence[str]
) -> list[Fact]:
    """Curated facts that name the record's organization and give a number counting what
    was asked (未央区 three organizations' 6000余场次 together)."""
    owner = catalog.organization_of(record) or record
    own = "".join([owner.name, *owner.aliases, record.name, *record.aliases])
    found = []
    for fact in _facts_naming(catalog, owner, chosen_only=False):
        if not re.search(r"\d", fact.answer):
            continue
        counts = _YEAR.sub("", fact.answer)  # 2021年度 is a date, not a count of years
        shared = sum(len(w) for w in words if w in fact.answer and w not in own)
        if shared or (units and re.search(r"\d[\d.万余多]*(" + "|".join(units) + ")", counts)):
            found.append(fact)
    return found[:2]


_YEAR = re.compile(r"\d{4}年度?")


def _family_names(catalog: Catalog, record: Organization | Project) -> list[str]:
    """The names and aliases of the record, its organization and the organization's projects,
    longest first."""
    owner = catalog.organization_of(record) if isinstance(record, Project) else record
    family: list[Organization | Project] = [record]
    if owner is not None:
        family += [owner, *catalog.projects_of(owner.id)]
    names = {name for r in family for name in (r.name, *r.aliases) if len(name) >= 2}
    return sorted(names, key=len, reverse=True)


def _without(text: str, names: Sequence[str]) -> str:
    for name in names:
        text = text.replace(name, "")
    return text


def _facts_naming(
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


# "那救援资金呢": a figure's name asked of the chat's subject, nothing else said.
_ASKED_OF = re.compile(
    r"^(那么|那)?(它们|他们|它|他|她们|她)?(的)?(.{2,10}?)(呢|是多少|有多少|多少|呐)$"
)


def figure_named(text: str, record: Organization | Project, catalog: Catalog) -> str:
    """The figure label's words a short follow-up asks for ("救援资金" in 那救援资金呢), when
    one of the record's (or its family's) figures is labelled with them; or ""."""
    found = _ASKED_OF.match(text.replace(" ", ""))
    if found is None:
        return ""
    asked = found.group(4)
    own = "".join([record.name, *record.aliases])
    if asked in own:
        return ""
    labels = [f.label for f in family_figures(catalog, record)]
    return asked if any(asked in label for label in labels) else ""


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
