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

from knowledge.answering.figure_events import (
    FOUNDED,
    dates_reply,
    events_reply,
    facts_naming,
)
from knowledge.answering.figure_places import counted_kind, labelled
from knowledge.answering.figure_questions import (
    NUMBER,
    NUMBER_BONUS,
    UNIT_BONUS,
    VERB_BONUS,
    YEAR,
    asked_units,
    asks_as_of,
    asks_money,
    asks_quantity,
    by_rate,
    counted_part,
    counted_person,
    counted_thing,
    counting_verb,
    counts_projects,
    edition_total,
    has_unit,
    is_date_question,
    is_event_question,
    measured_units,
    rate_asked,
    sum_kind,
    when_held,
)
from knowledge.catalog import Catalog
from knowledge.records import Fact, Figure, Organization, Project
from knowledge.reply import Reply

MAX_FIGURES = 3


# What a figure's reply leads with when the record holds no such number (context.py reads it:
# the subject without the figure asked does not take a follow-up from a record that has it).
NO_FIGURES = "资料中没有这方面的数字。"
NO_SUCH_FIGURE = "资料中没有您问的这个数字。资料里有的数字是："
FIGURE_MISSED = (NO_FIGURES, NO_SUCH_FIGURE)


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
    # 秦腔大赛是哪年办的, 得过几次奖: the events; 网络春晚有几个节目, 秦腔大赛有多少人报名:
    # a count of something else, read below
    if is_event_question(question) and not _counts_other_than_events(question):
        return events_reply(catalog, record, is_date_question(question), question)
    projects = catalog.projects_of(record.id) if isinstance(record, Organization) else ()
    if projects and counts_projects(question):  # 有几个项目: those the sources name
        names = "、".join(p.name for p in projects)
        lines = [f"资料中提到{record.name}的 {len(projects)} 个项目：{names}"]
        return Reply(record.name, [*lines, catalog.cite(record, [])])
    figures = family_figures(catalog, record)
    own = "".join([record.name, *record.aliases])
    names = _family_names(catalog, record)
    # 几场周末去哪里: the measure word is followed by a name, not by what else is counted;
    # 少年 of 少年军校 says which record, not what is counted (参加少年儿童).
    asked = _without(question, names).replace(" ", "")
    money = asks_money(asked)
    # 捐了多少, 增收了多少: a sum of money, measured or not
    units = asked_units(asked) or (("元",) if money and not measured_units(asked) else ())
    strict = measured_units(asked)
    verb = counting_verb(asked)
    part = counted_part(asked)
    counting = [w for w in words if w in part] if asked else list(words)
    numbers = NUMBER.findall(asked)
    money = money or "元" in units
    thing = counted_thing(asked, own)  # of the question with the names left out
    person = counted_person(_without(question, names), own)
    kind = sum_kind(asked)  # 租金, 工资: a sum of money by its kind
    money = money or bool(kind)
    rate = rate_asked(asked)
    if isinstance(record, Project) and edition_total(rate, record.name):
        rate = ""  # 少年军校每期多少人: held once, its 100名 is each edition's
    # 每亩给多少租金, 有几个康复老师: a sum or people none of the figures counts, whatever
    # else the question asks (啥时候发)
    if (kind and not any(of_kind(f.label, kind) for f in figures)) or (
        person and not any(person in f.label + f.text for f in figures)
    ):
        lead = [NO_SUCH_FIGURE] if figures else [NO_FIGURES]
        lines = [
            f"{f.label}：{f.text}" + _dated(f, with_words=False) for f in figures[:MAX_FIGURES]
        ]
        cited = catalog.cite(record, ["figures"] if figures else [])
        return Reply(record.name, [*lead, *lines, cited], asks_quantity(question))
    # 几月份办的, 啥时候给河南捐的: when it ran, not a count's date — unless the question
    # names what a figure counts (空调是啥时候装的: 截至2021年12月底)
    named = any(
        any(w in f.label + f.text for w in counting if w not in own) or (verb and verb in f.label)
        for f in figures
    )
    if when_held(question) and not strict and not named:
        dated = dates_reply(catalog, record, question)
        if dated is not None:
            return dated
    if not figures:
        if FOUNDED.search(question) and isinstance(record, Organization):  # 成立于哪年
            founded = dates_reply(catalog, record, question)
            if founded is not None:
                return founded
        counted = [] if person or kind or rate else _counting_facts(catalog, record, words, units)
        if counted:
            return _facts_reply(catalog, record, counted, question)
        said = [NO_FIGURES, catalog.cite(record, [])]
        return Reply(record.name, said, asks_quantity(question))

    def relevance(figure: Figure) -> float:
        # What the figure counts, not the sentence it sits in (which names the organization).
        text = figure.label + figure.text
        if thing and not any(
            thing[i : i + 2] in text + figure.quote for i in range(len(thing) - 1)
        ):
            return 0
        if person and person not in text:
            return 0
        if strict and not has_unit(figure, strict):
            return 0  # 多少场演出 is no count of people
        if not money and has_unit(figure, ("元",)):
            return 0  # 多少贫困户 is no sum of money
        if kind and not of_kind(figure.label, kind):
            return 0  # 投了多少钱 is no price (认购价格) nor the villages' income
        if rate and not by_rate(figure, rate):
            return 0  # 一天接待多少人: not 36人次 in all
        score = sum(len(w) for w in counting if w in text and w not in own)
        if strict or (units and has_unit(figure, units)):  # strict: it has the unit
            score += UNIT_BONUS
        measure = units or strict
        if measure and has_unit(figure, measure[:1], exact=True):
            score += 0.5  # 多少块 counts 块 (162块) before it is money (1000元)
        if verb and verb in figure.label:
            score += VERB_BONUS
        if any(number in figure.text for number in numbers):
            score += NUMBER_BONUS  # 筹了111万是截至哪天: the figure named by its number
        return score

    best = sorted(figures, key=relevance, reverse=True)
    chosen = [f for f in best if relevance(f) > 0][:MAX_FIGURES]
    lasting = bool(units) and set(units) <= {"年", "天", "月"}  # 搞了几年: how long it ran
    # 截止哪天的: the dates of the counts (below), not when the project began
    period_asked = is_date_question(question) and not units and not asks_as_of(question)
    if not chosen and (period_asked or lasting):
        dated = dates_reply(catalog, record, question)
        if dated is not None:
            return dated
    if not chosen:  # 高新区有几个农村幸福院: what is counted is in the record's name too
        chosen = labelled(figures, counted_kind(question))[:MAX_FIGURES]
    if not chosen and not (person or kind or rate):  # a number several organizations share lives
        # on a fact that names them (not one counting other people: 多少个心理咨询师)
        counted = _counting_facts(catalog, record, words, units)
        if counted:
            return _facts_reply(catalog, record, counted, question)
    lead: list[str] = []
    unheld = False
    if not chosen:  # never pass off another number as the one asked for
        if is_date_question(question):
            lead = ["资料中的数字和它们的日期："]
            chosen = [f for f in figures if f.as_of][:MAX_FIGURES] or figures[:MAX_FIGURES]
        else:
            lead = [NO_SUCH_FIGURE]
            chosen = best[:MAX_FIGURES]
            # a count asked (not 能去坐坐不, read as a figure by 好几年) of something none of
            # them names: 有多少员工 (多少个残疾娃 may be 残疾儿童's 164名, the matcher missed)
            named = _names_any(figures, words, own, question)
            # a price when none of them is money (做一次心理咨询多少钱: not 36人次 心理咨询)
            priced = money and not any(has_unit(f, ("元",)) for f in figures)
            # people or a kind of sum no figure counts (几个师傅, 投了多少钱)
            # …or measured in a unit none of them is (几户 of 种菜的贫困户: no figure counts 户)
            unmeasured = bool(strict) and not any(has_unit(f, strict) for f in figures)
            unheld = asks_quantity(question) and (
                priced or not named or bool(person or kind or rate) or unmeasured
            )
    dates = is_date_question(question)
    lines = [f"{f.label}：{f.text}" + _dated(f, with_words=dates) for f in chosen]
    if is_date_question(question) and not any(f.as_of for f in chosen):
        lines.append("资料中没有这些数字的日期。")
    return Reply(record.name, [*lead, *lines, catalog.cite(record, ["figures"])], unheld)


def of_kind(label: str, kind: str) -> bool:
    return re.search(kind, label) is not None  # the label names the kind `sum_kind` read


def _names_any(figures: Sequence[Figure], words: Sequence[str], own: str, question: str) -> bool:
    """Whether a word of the question is in a figure's label: not one of the record's name,
    unless it is what is counted (情暖农村幸福院…多少个幸福院: 87个 农村幸福院)."""
    told = "".join(f.label + f.text for f in figures)
    counted = _COUNT.split(question.replace(" ", ""), maxsplit=1)[-1]
    return any(
        len(w) >= 2
        and (w not in own or w in counted)
        and any(k in told for k in _KINDS.get(w, (w,)))
        for w in words
    )


_COUNT = re.compile(r"多少|几")
# (几号举行, 几月几号: a date, no count)
_COUNTED_AFTER = re.compile(r"(?:多少|几)(?![号点月])[个次场项回届]?([\u4e00-\u9fff]{1,3})")


_EVENT_NOUNS = re.compile(r"奖|赛|评|荣誉|称号|演出|表演|表彰|届|春晚")


def _counts_other_than_events(question: str) -> bool:
    """Whether a question naming a contest counts something else (几个节目, 多少人报名)."""
    found = _COUNTED_AFTER.search(question.replace(" ", ""))
    return found is not None and not _EVENT_NOUNS.search(found.group(1))


# A general word counts what the figures name by its kinds (在几个学校教过: 8所小学).
_KINDS = {
    "学校": ("学校", "小学", "中学", "幼儿园"),
    "孩子": ("孩子", "儿童", "学生", "少年"),
    "老人": ("老人", "老年"),
}


# How the source dates a figure ("截至2021年12月底"): told too when a date is asked for.
_SOURCE_DATE = re.compile(r"截[至止]\d{4}年\d{1,2}月(\d{1,2}日|底|初|中旬|上旬|下旬)?")


def _dated(figure: Figure, *, with_words: bool) -> str:
    if not figure.as_of:
        return ""
    said = _SOURCE_DATE.search(figure.quote) if with_words else None
    return f"（截至{figure.as_of}" + (f"，原文：{said.group()}" if said else "") + "）"


def _counting_facts(
    catalog: Catalog, record: Organization | Project, words: Sequence[str], units: Sequence[str]
) -> list[Fact]:
    """Curated facts that name the record's organization and give a number counting what
    was asked (未央区 three organizations' 6000余场次 together)."""
    owner = catalog.organization_of(record) or record
    own = "".join([owner.name, *owner.aliases, record.name, *record.aliases])
    found = []
    for fact in facts_naming(catalog, owner, chosen_only=False):
        if not re.search(r"\d", fact.answer):
            continue
        counts = YEAR.sub("", fact.answer)  # 2021年度 is a date, not a count of years
        shared = sum(len(w) for w in words if w in fact.answer and w not in own)
        measured = units and re.search(r"\d[\d.万余多]*(" + "|".join(units) + ")", counts)
        if units and not measured:
            continue  # 在城长搞了几年: 6000余场次 counts no years, whatever words it shares
        if shared or measured:
            found.append(fact)
    return found[:2]


# Its own figure asked apart from the others' (常青藤单独服务了多少个娃, 各自搞了多少场).
_ALONE = re.compile(
    r"单独|单单|独自|各自|分别|每家|各家|(?<![我你咱])自己|光(?:它|他们|他家|是)|一家(?:就|单独)?(?:服务|搞|办|做)"
)


def _facts_reply(
    catalog: Catalog, record: Organization | Project, counted: Sequence[Fact], question: str
) -> Reply:
    """The facts' numbers; asked of it alone, a number of several organizations together
    is not its own: said to be missing (unheld), the joint number told as such."""
    source = catalog.cite_all(counted, ["answer"])
    lines = [fact.answer for fact in counted]
    joint = _ALONE.search(question.replace(" ", "")) is not None and any(
        len(_organizations_in(catalog, fact)) >= 2 for fact in counted
    )
    if joint:
        lines.insert(0, f"资料中没有{record.name}单独的数字，只有几家组织合计的：")
    return Reply(record.name, [*lines, source], joint)


def _organizations_in(catalog: Catalog, fact: Fact) -> list[str]:
    return [
        o.id
        for o in catalog.organizations.values()
        if any(len(n) >= 2 and n in fact.answer for n in (o.name, *o.aliases))
    ]


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
