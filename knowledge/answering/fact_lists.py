"""Whether a curated fact answers a list or count question itself: one naming the
organizations (宝鸡2021年社会组织典型事例有哪些) or counting them (未央区有多少家: 281家), when it
covers what the question narrows by; otherwise the records' organizations are listed."""

from __future__ import annotations

import re

from knowledge.answering.gate import Decision
from knowledge.answering.list_questions import FORMS, form_asked
from knowledge.answering.match import Match
from knowledge.answering.places import province_words
from knowledge.answering.question_topics import topics_of
from knowledge.answering.snapshot import Snapshot
from knowledge.records import Fact, Kind


def fact_lists(snapshot: Snapshot, match: Match) -> bool:
    """A curated fact that names organizations answers this list question itself
    (宝鸡2021年社会组织典型事例有哪些); one that counts them (未央区有多少家) does not."""
    top = match.top
    if top is None or top.doc.kind != Kind.FACT or match.decision != Decision.ANSWER:
        return False
    fact = snapshot.catalog.facts.get(top.doc.id)
    if fact is None or snapshot.lister.organizations_named(fact.answer) < 2:
        return False
    return _fact_covers(snapshot, match, fact)  # 哪些组织是帮社区居民的: not 6000余场次's three


def fact_counts(snapshot: Snapshot, match: Match) -> bool:
    """A curated fact that counts organizations answers this count question itself
    (未央区有多少家社会组织: 281家); one about something else (a policy) does not."""
    top = match.top
    if top is None or top.doc.kind != Kind.FACT or match.decision != Decision.ANSWER:
        return False
    fact = snapshot.catalog.facts.get(top.doc.id)
    if fact is None or not _COUNTED_ORGANIZATIONS.search(fact.answer):
        return False
    # 宝鸡有几家慈善组织: a fact counting 社会团体 and 民非 does not count 慈善组织
    form = form_asked(match.normalized.replace(" ", ""))
    if form and form not in fact.answer:
        return False
    return _fact_covers(snapshot, match, fact)


def _fact_covers(snapshot: Snapshot, match: Match, fact: Fact) -> bool:
    """Whether a fact listing or counting organizations covers what the question narrows
    by: 做心理的组织有几家 narrows by what they do, 宝鸡有几家 by a place, and a fact counting
    all of 未央区's organizations answers neither."""
    if _SELECTION.search(fact.name + fact.answer) and not _SELECTION.search(match.normalized):
        return False  # the 10 chosen in 2021 are not how many 宝鸡 has, nor all of them
    topics = topics_of(match.words, snapshot.index.expansions, match.normalized)
    if any(topic not in fact.topics for topic in topics):
        return False
    where = {fact.city, fact.district} - {""}
    asked = {name for level, name in match.places if level != "street"}
    if fact.district and asked and fact.district not in asked:
        return False  # 西安市有几家: 未央区's 281 are not 西安's
    if where and province_words(snapshot.index, match.normalized):
        return False  # 陕西有多少: nor a province's
    return not where or all(name in where for name in asked)


_COUNTED_ORGANIZATIONS = re.compile(r"\d+[余多]?(家|个)")
# A fact of a selection (典型事例, 评选, 入选) counts and names the ones chosen.
_SELECTION = re.compile(r"典型|评选|评上|入选|选上|名列|获评|获奖|优秀|先进|示范")


def place_totals(snapshot: Snapshot, places: list[tuple[str, str]]) -> tuple[str, ...]:
    """For each place, what a curated fact gives of how many organizations it has (未央区:
    281家), or "": of a city, a district's total is told as that district's only."""
    found = []
    for level, name in places:
        given = ""
        for fact in snapshot.catalog.facts.values():
            counts = _COUNTED_ORGANIZATIONS.search(fact.answer) and not fact.organization
            if not counts or _SELECTION.search(fact.name + fact.answer):
                continue
            if (level == "district" and fact.district == name) or (
                level == "city" and fact.city == name and not fact.district
            ):
                given = fact.answer
            elif level == "city" and fact.city == name and not given:
                given = (
                    f"资料没有给出{name}社会组织的总数，只写到其中{fact.district}：{fact.answer}"
                )
        found.append(given)
    return tuple(found)


_PRAISE = re.compile(r"优秀|先进|示范|典型|突出")


def praised(snapshot: Snapshot, places: list[str], form: str) -> str:
    """The sentence of a curated fact's source, of the places asked, that praises some
    organizations of the legal form asked without a selection (涌现出了张家堡、辛家庙等一批
    优秀的街道级社会组织服务中心); or ""."""
    pattern = next((p for p, name, _ in FORMS if name == form), None)
    if pattern is None:
        return ""
    for fact in snapshot.catalog.facts.values():
        if places and not {fact.city, fact.district} & set(places):
            continue
        if _SELECTION.search(fact.name + fact.answer):
            continue  # a selection is answered as one (figures.selections)
        for sentence in re.split(r"[。；;]", fact.source.quote):
            if _PRAISE.search(sentence) and pattern.search(sentence):
                return sentence.strip(" ,，")
    return ""


# A part of a counted whole asked for (281家里有多少家是搞环保的, 其中民办非企业有多少家): the
# fact answers only when it names that part (民办非企业单位230家); otherwise its total is no
# count of the part.
_WITHIN = r"(?:里|中|里头|里面|当中|其中|之中)"
_DOING = r"(?:搞|做|干|从事|属于|专门|是)?"
_WHOLE = re.compile(r"\d+[余多]?家|[十百千万]+[余多]?家|这些|那些|这几|那几")
_PART_AFTER = re.compile(
    rf"{_WITHIN}有?(?:多少|几)[家个](?:是)?{_DOING}([\u4e00-\u9fff]{{2,6}}?)"
    r"(?:的|类|方面|领域)?(?:组织|机构)?[吗呢啊?？]*$"
)
_PART_BEFORE = re.compile(
    rf"{_WITHIN}{_DOING}([\u4e00-\u9fff]{{2,6}}?)(?:的|类|方面|领域)?(?:组织|机构)?有?(?:多少|几)[家个]"
)


def part_unheld(question: str, fact: Fact) -> bool:
    """Whether the question counts a part of the fact's whole that the fact does not name."""
    compact = question.replace(" ", "")
    if "家" not in compact and "个" not in compact:
        return False
    found = _PART_AFTER.search(compact) or _PART_BEFORE.search(compact)
    if found is None or not _WHOLE.search(compact, 0, found.start() + 1):
        return False  # 服务中心有哪几个, 中国有多少家: no whole counted before 里/中
    part = found.group(1)
    return not any(part[i : i + 2] in fact.answer for i in range(len(part) - 1))
