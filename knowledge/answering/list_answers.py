"""The answers that list: organizations by place, topic, form or name, a count of them, the
projects of a place or topic, the documents of a place, and those of a selection."""

from __future__ import annotations

import re

from knowledge.answering.documents import (
    documents,
    documents_reply,
    national,
    of_the_year,
    year_asked,
)
from knowledge.answering.fact_lists import place_totals
from knowledge.answering.figure_events import selections
from knowledge.answering.figure_places import wide_place
from knowledge.answering.follow_replies import other_projects
from knowledge.answering.gate import Decision
from knowledge.answering.intent import Intent
from knowledge.answering.list_query import place_words
from knowledge.answering.list_questions import (
    is_count_question,
    is_list_question,
    list_head,
    name_asked,
    without_places,
)
from knowledge.answering.lists import Listing, ListQuery
from knowledge.answering.matcher import Match
from knowledge.answering.outcome import Answer, about
from knowledge.answering.project_lists import (
    GENERIC_PROJECT_WORDS,
    MAX_PROJECTS,
    asks_projects,
    each_projects_reply,
    organizations_of,
    projects_listed,
    projects_reply,
)
from knowledge.answering.question_topics import (
    either_topics,
    narrowing_words,
    topic_words,
    topics_of,
)
from knowledge.answering.snapshot import Snapshot
from knowledge.answering.text import CLAUSE_RE, normalize
from knowledge.records import Kind, Project
from knowledge.reply import Reply

NOT_LISTED_HINT = "如需查找社会组织，可以写出区县或需要的服务，也可以发送 /orgs 浏览全部组织。"
_PLACES_HEAD = re.compile(r"^的?(地方|地儿|场所|地点)")
_WHERE_DONE = re.compile(
    r"在(社区|小区|院子|院落|村里|村子|街道|学校)(里|里面|里头|上)?(搞|做|办|开展|组织|弄|干)"
)


def documents_answer(snapshot: Snapshot, match: Match) -> Answer:
    places = [name for _, name in match.places]
    wide = wide_place(match.normalized)  # 陕西有哪些社会组织政策: no province's are given
    country = national(match.normalized) and not places
    # 养老政策: of a need the documents are not about (their topics say what they are about)
    expansions = snapshot.index.expansions
    held = {f"T:{t}" for f in documents(snapshot.catalog, []) for t in f.topics}
    about = [
        w
        for w in topic_words(match.words, expansions, match.normalized)
        if not {k for k in expansions.get(w, ()) if k.startswith("T:")} <= held
    ]
    facts = (
        []
        if wide and not country
        else of_the_year(
            documents(snapshot.catalog, places, about, of_country=country), match.normalized
        )
    )
    where = ("国家" if country else wide or "、".join(places)) + year_asked(match.normalized)
    reply = documents_reply(snapshot.catalog, facts, where, about)
    results = [{"kind": f.KIND, "id": f.id, "name": f.name, "score": 1.0} for f in facts]
    answer = Answer(match.query, bool(facts), Intent.LIST, reply, results)
    answer.top = facts[0] if facts else None
    answer.decision = Decision.ANSWER if facts else Decision.UNKNOWN
    return answer


def other_projects_than(snapshot: Snapshot, match: Match) -> Answer | None:
    """An organization's other projects, when the one excepted (除了唯爱妈妈) is a project of
    the organization the question names."""
    compact = match.normalized.replace(" ", "")
    said, org_id = snapshot.lister.excepted_name(match.normalized)
    catalog = snapshot.catalog
    project = next(
        (p for p in catalog.projects.values() if said and said in (p.name, *p.aliases)), None
    )
    org = catalog.organizations.get(org_id)
    if project is None or org is None or said in (org.name, *org.aliases):
        return None
    if snapshot.lister.named(compact.replace(said, "", 1)) != org.id:
        # 除了情暖农村幸福院还有啥项目: the other projects like it, of anyone
        shape = without_places(match.normalized, snapshot.index.places)
        return projects_answer(snapshot, match, project) if asks_projects(shape) else None
    answer = about(snapshot, match.query, org, Intent.PROJECTS)
    answer.reply = other_projects(catalog, org, project)
    return answer


def chosen_within(snapshot: Snapshot, match: Match) -> Answer | None:
    """Those of a wider place's selection (宝鸡市's 典型事例) that are in the places asked."""
    lister = snapshot.lister
    for fact in selections(snapshot.catalog, []):
        chosen = set(lister.organizations_in(fact))
        others = tuple(k for k in snapshot.catalog.organizations if k not in chosen)
        listing = lister.run(ListQuery(tuple(match.places), exclude=others))
        if listing.organizations and not listing.widened:
            answer = listed_answer(snapshot, match.query, listing)
            lead = f"{fact.name}中，{'、'.join(name for _, name in match.places)}的有："
            answer.reply = Reply(f"{fact.name}（{listing.what}）", [lead, *answer.reply.lines])
            return answer
    return None


def list_answer(snapshot: Snapshot, match: Match, *, counted: bool = False) -> Answer:
    """The organizations a list or count question asks for (by place, topic, form, name)."""
    # 除了武术协会: 武术 is no topic, unless said again (除了高新区慈善协会还有哪些做慈善的)
    said, _ = snapshot.lister.excepted_name(match.normalized)
    rest = match.normalized.replace(" ", "").replace(said, "", 1) if said else ""
    words = [w for w in match.words if not said or w in rest]
    piece, _ = name_asked(match.normalized)  # 名字里带慈善: 慈善 is the name's, no topic
    words = [w for w in words if not piece or w not in piece]
    # 谁在社区搞活动: where they do it, which every one of them is, not what they do
    where = {found.group(1) for found in _WHERE_DONE.finditer(match.normalized.replace(" ", ""))}
    words = [w for w in words if w not in where]
    words = _not_narrowing(snapshot, match, _asking_words(snapshot, match, words))
    topics = topics_of(words, snapshot.index.expansions, match.normalized)
    either = either_topics(words, snapshot.index.expansions, match.normalized, match.query)
    undone = _undone(snapshot, match.normalized, words) if not (topics or piece) else ""
    if undone:  # 宝鸡有哪些养狗的组织: no record does it, so no list of every one
        where = place_words(match.places)
        reply = Reply(f"资料中没有{where}做“{undone}”的组织。", [NOT_LISTED_HINT])
        return Answer(match.query, False, Intent.LIST, reply, [])
    matched: list[str] = []
    if not topics and narrowing_words(words, snapshot.index.expansions):
        docs = [s.doc for s in match.results]
        matched = [d.id if d.kind == Kind.ORGANIZATION else d.organization for d in docs]
    said = [
        w
        for w in topic_words(words, snapshot.index.expansions, match.normalized, pieces=True)
        if len(w) > 1
    ]
    listing = snapshot.lister.listing(
        match.normalized, match.places, topics, [m for m in matched if m], said, either
    )
    listing.counted = counted
    wide = wide_place(match.normalized) if counted and not match.places else ""
    if wide:  # 全国有多少社会组织: the records are two cities' few, no count of the country's
        cities = "、".join(dict.fromkeys(o.city for o in snapshot.catalog.organizations.values()))
        lines = [f"资料只写到{cities}的部分社会组织。", NOT_LISTED_HINT]
        reply = Reply(f"资料中没有{wide}{listing.query.form or '社会组织'}的数目。", lines)
        return Answer(match.query, False, Intent.LIST, reply, [])
    if counted:  # 宝鸡和西安各有几家, 未央区有多少家: each place's total, where a fact gives it
        each = snapshot.lister.alternatives(listing.query.places)
        listing.totals = place_totals(snapshot, each)
    return listed_answer(snapshot, match.query, listing)


_SENTENCE_END = re.compile(r"[。？?！!；;]")


def _asking_words(snapshot: Snapshot, match: Match, words: list[str]) -> list[str]:
    """The words from the sentence that asks for the list on, when a story is told before it
    and that sentence names a need of its own (村里有人转发募捐的链接。宝鸡搞过募捐的组织都有谁:
    募捐, not 村里); `words` otherwise (娃是自闭症。宝鸡有哪几家能管: the story says the need)."""
    sentences = [s for s in _SENTENCE_END.split(match.query) if s.strip()]
    if len(sentences) < 2:
        return words
    expansions = snapshot.index.expansions
    for sentence in reversed(sentences[1:]):
        text = _in_standard_words(snapshot, sentence)
        shape = without_places(text, snapshot.index.places)
        if is_list_question(shape) or is_count_question(shape, places=shape != text):
            at = match.normalized.find(text)
            if at < 0 or not topics_of([w for w in words if w in text], expansions, text):
                return words
            return [w for w in words if w in match.normalized[at:]]
    return words


# A clause saying what counts too (上学的、小的都算) widens what was asked, never narrows it.
# (Clauses first, then their ends: one pattern for both tried every start of a long story.)
_COUNTS_TOO = re.compile(r"(?:都|也)(?:算|行|可以)(?:吧|啊|呀)?$")


def _not_narrowing(snapshot: Snapshot, match: Match, words: list[str]) -> list[str]:
    """The words but those only in a clause saying they count too (给孩子办事的，上学的、
    小的都算: 上学 is among the children, no other topic), when others say what is asked."""
    found = [
        clause
        for clause in CLAUSE_RE.findall(match.query)
        if (end := _COUNTS_TOO.search(clause)) is not None and end.start() > 0
    ]
    if not found:
        return words
    rest = match.normalized
    for clause in found:
        rest = rest.replace(_in_standard_words(snapshot, clause), " ")
    kept = [w for w in words if w in rest]
    return kept if topics_of(kept, snapshot.index.expansions, rest) else words


# What the organizations listed do, said before them: 养狗的组织, 搞舞蹈的协会.
_DONE_BY = re.compile(
    r"(?:做|搞|弄|干|从事|开展|提供)?([\u4e00-\u9fff]{1,6}?)的(?:社会组织|组织|机构|协会|社团|团体|单位)"
)

_COUNT_WORDS = re.compile(r"哪些|哪几家|哪几个|几家|几个|多少家|多少个|多少|有")


def _undone(snapshot: Snapshot, normalized: str, words: list[str]) -> str:
    """What a list asks the organizations to do when no record holds any word of it (养狗 of
    宝鸡有哪些养狗的组织), or "": listing every organization of the place would say they do."""
    compact = normalized.replace(" ", "")
    found = _DONE_BY.search(list_head(compact) or compact)
    if found is None:
        return ""
    done = _COUNT_WORDS.split(found.group(1))[-1]  # 西安有几家养狗的协会: 养狗
    inside = [w for w in words if w in done]
    expansions, postings = snapshot.index.expansions, snapshot.index.postings
    if not inside or any(w in postings or expansions.get(w) for w in inside):
        return ""
    return done


def projects_answer(snapshot: Snapshot, match: Match, besides: Project | None = None) -> Answer:
    """Every project of the places and topics asked (未央区有哪些项目), but `besides`."""
    words = [w for w in match.words if w not in GENERIC_PROJECT_WORDS]
    topics = topics_of(words, snapshot.index.expansions, match.normalized)
    catalog = snapshot.catalog
    projects = projects_listed(catalog, snapshot.lister, match.places, topics)
    projects = [p for p in projects if p is not besides]
    reply = projects_reply(catalog, projects, match.places, topics)
    results = [
        {"kind": p.KIND, "id": p.id, "name": p.name, "score": 1.0} for p in projects[:MAX_PROJECTS]
    ]
    answer = Answer(match.query, bool(projects), Intent.LIST, reply, results)
    answer.listed = organizations_of(catalog, projects)
    answer.decision = Decision.ANSWER if projects else Decision.UNKNOWN
    return answer


# 秋文社工、益人行、常青藤分别搞了啥项目: each one's projects, asked of several named.
_EACH = re.compile(r"分别|各自|各|都|哪些|什么|啥")
_DONE = re.compile(r"项目|活动")  # 益人行和常青藤都搞了什么活动: their projects are them
_NAMES_SPLIT = re.compile(r"\s|、|和|跟|与|以及|及|还有|，|,")


def each_ones_projects(snapshot: Snapshot, match: Match) -> Answer | None:
    """The projects of each of several organizations a question names and asks that of
    (秋文社工、益人行、常青藤分别搞了啥项目); None otherwise."""
    compact = match.normalized.replace(" ", "")
    if not match.named or not _DONE.search(compact) or not _EACH.search(compact):
        return None
    if "除" in compact:
        return None
    lister, catalog = snapshot.lister, snapshot.catalog
    if lister.organizations_named(compact) < 2:
        return None
    keys = [lister.name_in(part)[1] for part in _NAMES_SPLIT.split(match.normalized)]
    orgs = [catalog.organizations[k] for k in dict.fromkeys(keys) if k in catalog.organizations]
    if len(orgs) < 2:
        return None
    reply = each_projects_reply(orgs, catalog)
    results = [{"kind": o.KIND, "id": o.id, "name": o.name, "score": 1.0} for o in orgs]
    answer = Answer(match.query, True, Intent.PROJECTS, reply, results, listed=list(orgs))
    answer.decision = Decision.ANSWER
    return answer


def listed_answer(snapshot: Snapshot, query: str, listing: Listing) -> Answer:
    """The answer giving a listing's organizations, a button each."""
    results = [
        {"kind": Kind.ORGANIZATION, "id": o.id, "name": o.name, "score": 1.0}
        for o in listing.organizations
    ]
    reply = snapshot.lister.reply(listing)
    found = bool(listing.organizations)
    return Answer(
        query,
        found,
        Intent.LIST,
        reply,
        results,
        decision=Decision.ANSWER if found else Decision.UNKNOWN,
        listed=listing.organizations,
        list_query=listing.query,
    )


def where_it(match: Match, shape: str) -> bool:
    """Whether a question naming an organization asks where it did something (青年文联在哪些
    地方演出过): 地方 are places then, not organizations listed."""
    head = list_head(shape)
    return match.named and head is not None and bool(_PLACES_HEAD.match(head))


def _in_standard_words(snapshot: Snapshot, text: str) -> str:
    """A piece of the question as the matcher reads it (normalized, dialect read)."""
    return snapshot.matcher.wording.standardize(normalize(text)).text
