""" "Which organizations…" questions: every matching organization, not the best one.

"未央区有哪些社工机构", "宝鸡有哪些基金会", "做养老服务的组织有哪些", "除了智塔还有哪些": a list
filtered by place (the places the matcher found), legal form (the registry's `legal_form`, or
for an organization whose form the sources leave empty, the ending its name must have by the
naming rules: 协会/联合会 … is a 社会团体) and topic (the topics the question's words belong to).
The question is read in list_questions.py, and what it asks for is a list_query.ListQuery;
here the organizations are found and replied.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import zip_longest
from typing import Any

from knowledge.answering.list_query import Listing, ListQuery, place_words
from knowledge.answering.list_questions import (
    FORM_TESTS,
    NON_PROFIT,
    FormTest,
    excepted,
    form_asked,
    form_or_other,
    list_head,
    name_asked,
    registered,
)
from knowledge.answering.list_replies import listing_reply
from knowledge.catalog import Catalog
from knowledge.records import Fact, Organization
from knowledge.reply import Reply

MAX_LISTED = 10
_JOINED = re.compile(r"和|、|跟|与|以及|及|还有|或者|或")
_HOUSES = re.compile(r"入驻|引进|引入|孵化出?了|里面|里头|下面")


class Lister:
    """Lists one knowledge version's organizations by place, legal form and topic."""

    def __init__(self, catalog: Catalog, divisions: Mapping[str, Mapping[str, Any]]) -> None:
        """`divisions`: the administrative divisions table (divisions.yaml), by name."""
        self.catalog = catalog
        names: dict[str, str] = {}
        for org in catalog.organizations.values():
            for name in (org.name, *org.aliases):
                names.setdefault(name, org.id)
        for project in catalog.projects.values():
            for name in (project.name, *project.aliases):
                names.setdefault(name, project.organization)
        self._names = sorted(names.items(), key=lambda item: len(item[0]), reverse=True)
        self._in_facts: dict[str, list[str]] = {}  # organizations_in's, by fact id
        # Once a registry gives some organizations the form, a name is no evidence of it.
        self._given = {org.legal_form for org in catalog.organizations.values()} & {NON_PROFIT}
        # The place holding each district and street: the divisions table's parent.
        self._holding: dict[tuple[str, str], tuple[str, str]] = {}
        for name, division in divisions.items():
            parent = divisions.get(division.get("parent") or "")
            if parent is not None:
                self._holding[(division["level"], name)] = (parent["level"], parent["name"])

    def named(self, text: str) -> str:
        """The organization the text names (the longest name or alias in it), or ""."""
        return self.name_in(text)[1]

    def excepted_name(self, text: str) -> tuple[str, str]:
        """The name (or alias) after 除了 in the text, and its organization; or ("", "")."""
        said = excepted(text)
        return self.name_in(said) if said else ("", "")

    def _names_in(self, phrase: str) -> list[tuple[str, str]]:
        """The names (or aliases) in the words after 除了, one for each organization they
        join (智塔和明明, 秋文、中海), and their organizations."""
        found: list[tuple[str, str]] = []
        for part in _JOINED.split(phrase) if phrase else []:
            said, org = self.name_in(part)
            if org and org not in {key for _, key in found}:
                found.append((said, org))
        return found

    def _form_test(self, form: str) -> FormTest | None:
        """Whether an organization has a legal form (the registry's once it gives one)."""
        return registered(form) if form in self._given else FORM_TESTS.get(form)

    def name_in(self, text: str) -> tuple[str, str]:
        """The longest name or alias in the text, and its organization; or ("", "")."""
        for name, org in self._names:
            if len(name) >= 2 and name in text:
                return name, org
        return "", ""

    def organizations_named(self, text: str) -> int:
        """How many different organizations the text names."""
        return len({org for name, org in self._names if len(name) >= 2 and name in text})

    def organizations_in(self, fact: Fact) -> list[str]:
        """The organizations a fact's answer names (典型事例's ten), in the order it does;
        found once a snapshot (every name is looked for)."""
        found = self._in_facts.get(fact.id)
        if found is None:
            at: dict[str, int] = {}
            for name, org in self._names:
                where = fact.answer.find(name) if len(name) >= 2 else -1
                if where >= 0 and org in self.catalog.organizations:
                    at[org] = min(where, at.get(org, where))
            found = self._in_facts[fact.id] = sorted(at, key=at.__getitem__)
        return found

    def listing(
        self,
        text: str,
        places: Sequence[tuple[str, str]],
        topics: Sequence[str],
        matched: Sequence[str],
        said: Sequence[str] = (),
        either: Sequence[str] = (),
    ) -> Listing:
        """The organizations for a list question (`text` normalized; `places` as the matcher
        found them; `topics` its words' topics; `matched`: the organizations the matcher found,
        used when the question names no topic but other words)."""
        query = self.query(text, places, topics, matched)
        return self.run(replace(query, said=tuple(said), either=tuple(either)))

    def query(
        self,
        text: str,
        places: Sequence[tuple[str, str]],
        topics: Sequence[str],
        matched: Sequence[str],
    ) -> ListQuery:
        """What a list question asks for (see `listing`)."""
        compact = text.replace(" ", "")
        phrase = excepted(text)
        named = self._names_in(phrase)  # 除了智塔和明明: each one
        said, exclude = named[0] if named else ("", "")
        head = list_head(compact) or compact
        piece, ends = name_asked(text)
        # 名字里带联合会: the name says it; 除了社工机构还有啥: not the form excepted
        form = form_asked(head.replace(phrase, "", 1) if phrase else head) if not piece else ""
        wanted = list(topics)
        if said:  # a place named only in the name excepted (除了高新区慈善协会) is no filter
            rest = compact
            for name, _ in named:
                rest = rest.replace(name, "", 1)
            places = [p for p in places if _place_said(p[1], rest)]
        away = self._places_excepted(text, places) if not said else []
        orgs = self.catalog.organizations.values()
        exclude_all = [org for _, org in named[1:]]
        if away:  # 除了张家堡，未央区还有哪个街道的: those of the place excepted are not asked
            places = [p for p in places if p not in away]
            exclude_all += [o.id for o in orgs if self._in(o, away)]
        unlike = form_asked(phrase) if phrase and not said and not away else ""
        if unlike:  # 宝鸡除了协会还有哪些组织: those of another form
            exclude_all += [o.id for o in orgs if self._form_test(unlike)(o)]
        # "除了智塔还有哪些": like the one excepted (a place asked for says what is wanted).
        if exclude and not wanted and not form and not places:
            own = self.catalog.organizations.get(exclude)
            wanted = list(own.topics[:1]) if own else []
        # 张家堡服务中心有几个社会组织入驻: those it houses, not itself
        houses = self.named(compact) if _HOUSES.search(compact) and not exclude else ""
        return ListQuery(
            tuple(places),
            tuple(wanted),
            form,
            tuple(matched),
            tuple(key for key in (exclude, houses, *exclude_all) if key),
            name_has=piece,
            name_ends=ends,
            form_or=bool(form and wanted and form_or_other(head, form)),
        )

    @staticmethod
    def _places_excepted(text: str, places: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
        """The places asked that the words after 除了 name and the rest of the question does
        not (除了渭滨区，宝鸡还有哪些; not 除了智塔，宝鸡还有哪些, whose 宝鸡 is asked)."""
        phrase = excepted(text)
        if not phrase:
            return []
        rest = text.replace(" ", "").replace(phrase, "", 1)
        return [p for p in places if _place_said(p[1], phrase) and not _place_said(p[1], rest)]

    def run(self, query: ListQuery, *, again: bool = False, more: bool = False) -> Listing:
        """The organizations a query asks for, best first. None in a district (or street)
        for a topic or a legal form: those of its city (district) that the records give no
        district (street) for, said so — 我在金台区上班，有哪些做心理咨询的 finds 宝鸡's."""
        listing = self._run(query, again=again, more=more)
        if listing.total or not (query.topics or query.form) or len(query.places) != 1:
            return listing
        narrow = query.places[0]
        wide = self._holding.get(narrow)
        if wide is None:
            return listing
        level = narrow[0]
        widened = self._run(replace(query, places=(wide,)), again=again, more=more)
        unplaced = [org for org in widened.organizations if not getattr(org, level)]
        if not unplaced:
            return listing
        widened.organizations, widened.total = unplaced, len(unplaced)
        widened.widened = narrow[1]
        return widened

    def _run(self, query: ListQuery, *, again: bool = False, more: bool = False) -> Listing:
        places, wanted, matched = query.places, query.topics, query.matched
        each = self.alternatives(places)
        test = self._form_test(query.form)
        found: list[tuple[int, int, Organization]] = []
        for order, org in enumerate(self.catalog.organizations.values()):
            if org.id in query.exclude or org.id in query.shown or not self._in(org, each):
                continue
            fits = test is None or test(org)
            either_way = query.form_or and bool(wanted)  # 社工或者志愿者组织
            if not fits and not either_way:
                continue
            if query.name_has and not _named_so(org.name, query.name_has, query.name_ends):
                continue
            rank = 0
            if wanted:
                rank = self._topic_rank(org, wanted, query.said, query.either)
                if rank < 0 and not (either_way and fits):
                    continue
                rank = max(rank, 0)
            elif matched and test is None and not places:
                if org.id not in matched:
                    continue
                rank = matched.index(org.id)
            found.append((rank, order, org))
        found.sort(key=lambda item: item[:2])
        if len(wanted) > 1 and found and found[0][0] < 100:
            # 娃是自闭症 (孩子, 自闭症): those doing all that is asked, not those doing a part
            found = [item for item in found if item[0] < 100]
        orgs = [org for _, _, org in found]
        per_place: tuple[tuple[str, int], ...] = ()
        if len(each) > 1:  # 宝鸡和西安各有几家: how many of each, and some of each shown
            groups = [[o for o in orgs if self._in(o, [place])] for place in each]
            per_place = tuple(
                (place[1], len(group)) for place, group in zip(each, groups, strict=True)
            )
            orgs = [o for row in zip_longest(*groups) for o in row if o is not None]
        by_name = test is not None and any(not org.legal_form for org in orgs)
        place = "、".join(name for _, name in each) if len(each) > 1 else place_words(places)
        kind = query.form or "组织"
        topic = "、".join(wanted)
        what = f"{place}{topic}方面的{kind}" if topic else f"{place}{'的' if place else ''}{kind}"
        if query.form_or and topic:
            what = f"{place}的{kind}或{topic}方面的组织"
        if query.label and not (places or wanted or query.form):
            what = f"{query.label}的组织"
        if query.name_has:
            how = "结尾" if query.name_ends else ""
            said = f"名字以“{query.name_has}”结尾" if how else f"名字里带“{query.name_has}”"
            what = f"{place}{topic + '方面' if topic else ''}{said}的{kind}"
        listing = Listing(orgs[:MAX_LISTED], len(orgs), what, by_name, query, again, more)
        listing.per_place = per_place
        return listing

    def alternatives(self, places: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
        """The places asked, less those holding another one asked (宝鸡市 of 宝鸡市金台区):
        an organization in any of them is asked for (宝鸡和西安, 宝鸡加上未央)."""
        return [
            wide
            for wide in places
            if not any(narrow != wide and self._holds(wide, narrow) for narrow in places)
        ]

    def _holds(self, wide: tuple[str, str], narrow: tuple[str, str]) -> bool:
        seen: set[tuple[str, str]] = set()
        current = self._holding.get(narrow)
        while current is not None and current not in seen:
            if current == wide:
                return True
            seen.add(current)
            current = self._holding.get(current)
        return False

    @staticmethod
    def _in(org: Organization, places: Sequence[tuple[str, str]]) -> bool:
        """In one of the places (none: anywhere)."""
        return not places or any(getattr(org, level, "") == name for level, name in places)

    def _topic_rank(
        self,
        org: Organization,
        wanted: Sequence[str],
        said: Sequence[str],
        either: Sequence[str] = (),
    ) -> int:
        """Those doing more of the wanted topics (农村 and 老人) first — of those asked as
        alternatives (`either`: 文化、体育), one is enough —; then where a wanted topic stands
        among the organization's own topics (its main one first), then its projects'; then
        those whose services say the question's words (经二路's 心理咨询 group); -1 when it
        has none of them."""
        projects = self.catalog.projects_of(org.id)
        done = [t for t in wanted if t in org.topics or any(t in p.topics for p in projects)]
        if not done:
            services = "".join(org.services)
            return 100 * len(wanted) + 60 if any(w in services for w in said) else -1
        own = [org.topics.index(t) for t in done if t in org.topics]
        missing = [t for t in wanted if t not in done and t not in either]
        if either and not any(t in done for t in either):
            missing.append(either[0])
        # of the alternatives, those doing more of them first (文化、体育: both, then either);
        # capped so that missing alternatives (10 each) never outweigh a missing topic (100)
        # nor reach the 50 that tells the projects' topics from the organization's own
        fewer = min(sum(t not in done for t in either), 4)
        return 100 * len(missing) + 10 * fewer + (min(own) if own else 50)

    def reply(self, listing: Listing) -> Reply:
        """The list as a reply: one line per organization, and how many there are in all."""
        return listing_reply(self, listing)


def _named_so(name: str, piece: str, ends: bool) -> bool:
    return name.endswith(piece) if ends else piece in name


def _place_said(name: str, text: str) -> bool:
    """Whether a place (宝鸡市, 未央区, 张家堡街道) is named in the text, short or in full."""
    short = re.sub(r"(市|区|县|街道)$", "", name)
    return name in text or (len(short) >= 2 and short in text)
