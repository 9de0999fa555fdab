"""Follow-ups of what a chat was shown: a pick of its list or choice ("第二个", "张家堡那个"),
the list asked again ("那未央区呢", "还有吗"), asked of all ("它们的电话"), which one "它" means
after several, a figure of the subject named ("那救援资金呢"). Read in picks.py; the answers
are built here, with replies.py's."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import tzinfo

from knowledge.answering.compose import CIVIL_AFFAIRS_HINT
from knowledge.answering.context import (
    MAX_FOLLOW_UP,
    FollowUp,
    Subject,
    follow_up,
    follow_up_intent,
)
from knowledge.answering.figures import figure_named, figures_reply
from knowledge.answering.follow_replies import other_projects
from knowledge.answering.gate import Decision
from knowledge.answering.intent import Intent
from knowledge.answering.list_answers import listed_answer
from knowledge.answering.list_query import Listing, ListQuery
from knowledge.answering.list_questions import excepted, without_places
from knowledge.answering.match import Match
from knowledge.answering.outcome import Answer, about
from knowledge.answering.picks import (
    Pick,
    asks_more,
    asks_names,
    picked,
    pointed_several,
    relisted,
)
from knowledge.answering.project_lists import each_projects_reply
from knowledge.answering.question_topics import topics_of
from knowledge.answering.replies import composed, followed
from knowledge.answering.shown_sums import shown_together
from knowledge.answering.snapshot import Snapshot
from knowledge.catalog import Catalog
from knowledge.records import Kind, Organization, Project, Record
from knowledge.reply import Reply

# One of several, not said which: "它是干啥的" after a list.
_ONE_OF_THEM = re.compile(r"它(?!们)|这家|那家|该组织|该机构")


def from_shown(
    snapshot: Snapshot, match: Match, context: Subject | None, tz: tzinfo
) -> Answer | None:
    """A follow-up of the list or the choice the chat was shown ("第二个", "那未央区呢"),
    or a list asked after one organization ("还有别的做心理的吗"); None otherwise."""
    if context is None:
        return None
    besides = _other_projects_asked(snapshot, match, context)
    if besides is not None or match.named:
        return besides
    if len(match.normalized) - match.normalized.count(" ") > MAX_FOLLOW_UP:
        return None  # a longer message tells its own story
    bare = _BARE_MORE.match(match.normalized.replace(" ", ""))
    if bare and context.id and context.query is None and not context.need:
        return _nothing_more(snapshot, match.query, context)
    pick = picked(match.normalized, context, snapshot.catalog)
    several = pointed_several(match.normalized, context, snapshot.catalog)
    topics = topics_of(match.words, snapshot.index.expansions, match.normalized)
    # 张家堡那个 is the one named so; 未央区那个做儿童的 is not the one named 未央区… unless it does
    if pick is not None and not (
        several and topics and not _does(snapshot.catalog, pick.record, topics)
    ):
        return _picked(snapshot, pick, match.query, tz)
    if several:  # 高新区那个在哪, two of 高新区 shown: which of those two
        # 未央区那个做儿童的: what it does says which, when the question tells it
        doing = [r for r in several if topics and _does(snapshot.catalog, r, topics)]
        if len(doing) == 1:  # what is asked of it: after 那个, less what it does
            compact = match.normalized.replace(" ", "")
            rest = re.sub(r"^.*?(那个|这个|那家|这家)", "", compact)
            rest = _DOING.sub("", rest)
            return _picked(snapshot, Pick(doing[0], rest), match.query, tz)
        intent = follow_up_intent(match.normalized) or Intent.INTRODUCE
        return _choice_of(snapshot, match.query, doing or several, intent)
    described = _described(snapshot, match, context)
    if described is not None:  # 那个关注心理健康的，做了啥项目: the one shown doing it
        return _picked(snapshot, described, match.query, tz)
    together = shown_together(match, context, snapshot.catalog)
    if together is not None:  # 那几家一共服务了多少人: each one's figures, never a sum
        return together
    of_all = asked_of_all(match.normalized, context)
    if of_all is not None:  # 它们的电话: each one's
        orgs = [
            org
            for kind, key in context.listed
            if kind == Kind.ORGANIZATION and (org := snapshot.catalog.organizations.get(key))
        ]
        reply = all_reply(orgs, of_all, snapshot.catalog)
        results = [{"kind": o.KIND, "id": o.id, "name": o.name, "score": 0.0} for o in orgs]
        answer = Answer(match.query, True, of_all, reply, results, context=context)
        answer.decision = Decision.ANSWER
        return answer
    which = _which_one(snapshot, match, context)
    if which is not None:
        return which
    topics = topics_of(match.words, snapshot.index.expansions, match.normalized)
    relist = relisted(
        match.normalized,
        match.words,
        match.places,
        snapshot.index.places,
        topics,
        snapshot.index.expansions,
        context,
        snapshot.catalog,
    )
    if relist is None:
        return _figure_named(snapshot, match, context, tz) or _asked_elsewhere(
            snapshot, match, context, tz
        )
    listing = snapshot.lister.run(relist.query, again=relist.again, more=relist.more)
    if not listing.total and relist.alike:
        alike = replace(relist.query, topics=relist.alike)
        listing = snapshot.lister.run(alike, again=relist.again, more=relist.more)
    listing.counted = listing.recounted = relist.counted  # the records' count, not a total
    if relist.again:  # 还有吗: the ones not shown yet, or that all were
        listing = _rest(snapshot, relist.query, context) or listing
    answer = listed_answer(snapshot, match.query, listing)
    answer.context = context if context.id else None
    return answer


# What "除了唯爱妈妈呢" may say besides the project excepted: nothing of its own.
_BESIDES_ONLY = re.compile(r"(还有|别的|其他|其它|哪些|什么|啥|项目|的|呢|吗|嘛|么|呀|啊|那|都)*")


def _other_projects_asked(snapshot: Snapshot, match: Match, context: Subject) -> Answer | None:
    """ "除了唯爱妈妈呢" after 秋文社工 (or one of its projects): the organization's other
    projects, when the project excepted is one of the subject's organization's."""
    compact = match.normalized.replace(" ", "")
    if "除" not in compact or len(compact) > MAX_FOLLOW_UP:
        return None
    said = excepted(match.normalized)
    catalog = snapshot.catalog
    subject = catalog.record(context.kind, context.id) if context.id else None
    org = catalog.organization_of(subject) if subject is not None else None
    if not said or org is None:
        return None
    project = next((p for p in catalog.projects_of(org.id) if said in (p.name, *p.aliases)), None)
    rest = re.sub(rf"^(那)?(除了|除开|除去|除掉){re.escape(said)}(以外|之外|外)?", "", compact)
    if project is None or _BESIDES_ONLY.fullmatch(rest) is None:
        return None
    answer = about(snapshot, match.query, org, Intent.PROJECTS)
    answer.reply = other_projects(catalog, org, project)
    answer.context = context
    return answer


# "那宝鸡呢": a place and nothing else.
_ONLY_A_PLACE = re.compile(r"(那|那么|那在|在)?(的)?(呢|嘞|咧|哩)?")


def _asked_elsewhere(
    snapshot: Snapshot, match: Match, context: Subject, tz: tzinfo
) -> Answer | None:
    """ "那宝鸡呢" after a figure asked of a place (未央区有几个社会组织): the same question
    asked of the place it names now."""
    if not context.asked or len(match.places) != 1:
        return None
    places = snapshot.index.places
    rest = without_places(match.normalized.replace(" ", ""), places)
    if _ONLY_A_PLACE.fullmatch(rest) is None:
        return None
    before = [p for p in places if p in context.asked]
    if not before:
        return None
    said = max(before, key=len)  # 未央区 of 西安市未央区有几个…, not 未央
    again = context.asked.replace(said, match.places[0][1], 1)
    answer = composed(snapshot, snapshot.matcher.match(again), tz)
    answer.query = match.query
    return answer


def _rest(snapshot: Snapshot, query: ListQuery, context: Subject) -> Listing | None:
    """ "还有吗" after a list: its organizations not shown yet; after its last page, that
    there are no others (those last shown again). None: the list was shown whole."""
    listed = tuple(key for kind, key in context.listed if kind == Kind.ORGANIZATION)
    rest = snapshot.lister.run(replace(query, shown=(*query.shown, *listed)), more=True)
    if rest.total or not query.shown:
        return rest if rest.total else None
    whole = snapshot.lister.run(replace(query, shown=()), again=True)
    last = [o for key in listed if (o := snapshot.catalog.organizations.get(key))]
    whole.organizations, whole.all_shown = last, whole.total
    whole.query = replace(query, shown=(*query.shown, *listed))  # asked again: the same
    return whole


def _which_one(snapshot: Snapshot, match: Match, context: Subject) -> Answer | None:
    """ "它在哪" after a list of several: which one it means, as a choice of those shown."""
    if context.id:
        return None
    intent = follow_up_intent(match.normalized)
    one = bool(_ONE_OF_THEM.search(match.normalized))
    if intent == Intent.FIGURE and not one:
        return None  # 有几家, 那有多少个: asked of the list itself
    if intent is None and one:
        intent = Intent.INTRODUCE
    if intent is None or (not one and asks_names(match.normalized)):
        return None  # 都叫什么名字: the list's names, not which one
    shown = [
        record
        for kind, key in context.listed
        if (record := snapshot.catalog.record(kind, key)) is not None
    ]
    if len(shown) < 2:
        return None
    return _choice_of(snapshot, match.query, shown, intent)


_DOING = re.compile(r"(做|搞|干|帮|管)[^，,。？?！!\s]{1,8}?的")


# "那个关注心理健康的，…", "做养老的那个…": one of those shown, told by what it does.
_DESCRIBED = re.compile(
    r"^(?:那|这)(?:个|家|一个|一家)([^的]{1,10})的(.*)$|^([^的]{1,10})的那(?:个|家|一个|一家)(.*)$"
)


_OTHERS_ASKED = re.compile(r"还有|别的|别家|其他|其它|哪些|哪几|一样|类似")


def _described(snapshot: Snapshot, match: Match, context: Subject) -> Pick | None:
    """The one organization of the list shown doing what the question describes it by,
    and what is asked of it; None when none or several do."""
    found = _DESCRIBED.match(match.normalized.replace(" ", ""))
    if found is None or not context.listed:
        return None
    said, rest = (found.group(1), found.group(2)) if found.group(1) else found.group(3, 4)
    if _OTHERS_ASKED.search(rest):
        return None  # 那个做心理的还有别的吗: others like it, a list
    inside = [w for w in match.words if w in said]
    topics = topics_of(inside, snapshot.index.expansions, said)
    if not topics:
        return None
    catalog = snapshot.catalog
    shown = [catalog.organizations.get(key) for kind, key in context.listed]
    doing = [org for org in shown if org is not None and _does(catalog, org, topics)]
    return Pick(doing[0], rest) if len(doing) == 1 else None


def _does(catalog: Catalog, record: Record, topics: list[str]) -> bool:
    """Whether an organization (or its projects) works on one of the topics."""
    if not isinstance(record, Organization):
        return False
    own = set(record.topics).union(*(p.topics for p in catalog.projects_of(record.id)))
    return any(topic in own for topic in topics)


def _choice_of(snapshot: Snapshot, query: str, shown: list[Record], intent: Intent) -> Answer:
    """A choice of some of the records the chat was shown, as buttons."""
    results = [{"kind": r.KIND, "id": r.id, "name": r.display_name, "score": 0.0} for r in shown]
    reply = snapshot.composer.choices(shown)
    return Answer(query, True, intent, reply, results, shown, shown[0], Decision.CHOOSE)


def _figure_named(snapshot: Snapshot, match: Match, context: Subject, tz: tzinfo) -> Answer | None:
    """ "那救援资金呢" after 宝鸡市公益慈善联合会: a figure of the subject's, by its name."""
    record = snapshot.catalog.record(context.kind, context.id) if context.id else None
    if not isinstance(record, Organization | Project):
        return None
    if follow_up_intent(match.normalized) is not None:  # 那服务呢 asks for its services
        return None
    asked = figure_named(match.normalized, record, snapshot.catalog)
    if not asked:
        return None
    reply = figures_reply(snapshot.catalog, record, [asked], match.normalized)
    follow = FollowUp(context, record, Intent.FIGURE)
    return followed(snapshot, follow, match.query, tz, reply)


def _picked(snapshot: Snapshot, pick: Pick, query: str, tz: tzinfo) -> Answer:
    """The answer about the record picked of a list or a choice ("第二个是干啥的")."""
    record = pick.record
    subject = Subject(record.KIND, record.id, record.display_name)
    follow = follow_up(pick.rest, subject, snapshot.catalog) if asks_more(pick.rest) else None
    answer: Answer | None = None
    if isinstance(follow, FollowUp):
        answer = followed(snapshot, follow, query, tz)
    elif follow is not None:  # words of its own ("有多大"): asked with the record named
        again = composed(snapshot, snapshot.matcher.match(follow.question), tz)
        if again.answered and not again.choices and follow.covers(again.top):
            answer = again
            answer.query = query
    if answer is None:
        answer = about(snapshot, query, record, Intent.INTRODUCE)
    answer.context = subject
    return answer


# "还有别的吗" and nothing else, after an answer about one record asked for by name (not found
# by a need: then it asks for others doing it, picks.py): more about it.
_BARE_MORE = re.compile(
    r"^(那|那么)?(还有(没有)?(别的|其他|其它|更多)?的?(吗|呢|没有|么|嘛|不)?|(别的|其他|其它)的?呢)$"
)


def _nothing_more(snapshot: Snapshot, query: str, context: Subject) -> Answer | None:
    """That the sources say nothing more of the record the chat is about than was shown."""
    record = snapshot.catalog.record(context.kind, context.id)
    if record is None:
        return None
    lines = [f"关于{record.display_name}，资料中写到的就是这些，没有更多了。"]
    topics = getattr(record, "topics", ())
    if topics:
        lines.append(f"想找做同类服务的组织，可以问“还有别的做{topics[0]}的吗”。")
    reply = Reply(record.display_name, [*lines, snapshot.catalog.cite(record, [])])
    result = {"kind": record.KIND, "id": record.id, "name": record.display_name, "score": 0.0}
    answer = Answer(query, True, Intent.INTRODUCE, reply, [result], top=record, context=context)
    answer.decision = Decision.ANSWER
    return answer


def all_reply(orgs: Sequence[Organization], intent: Intent, catalog: Catalog) -> Reply:
    """The contact or the address of each organization listed: what the sources give, and
    where each is when they give none (never a guessed one)."""
    if intent == Intent.PROJECTS:
        return each_projects_reply(orgs, catalog)
    if intent == Intent.SERVICES:
        return _all_summaries(orgs, catalog)
    label, name = FIELDS[intent]
    lines = []
    for i, org in enumerate(orgs, 1):
        if intent == Intent.CONTACT and org.contact_details:
            known = "；".join(f"{k}：{v}" for k, v in org.contact_details)
        elif getattr(org, name):
            known = f"{label}：{getattr(org, name)}"
        else:
            place = "".join(dict.fromkeys(p for p in (org.city, org.district, org.street) if p))
            known = f"资料中没有{label}" + (f"（已知在{place}）" if place else "")
        lines.append(f"{i}. {org.name}：{known}")
    lines.append(f"我们不提供未经核实的联系方式；如需了解，{CIVIL_AFFAIRS_HINT}。")
    source = catalog.cite_all(orgs, [name])
    return Reply(f"这 {len(orgs)} 家的{label}", [*lines, source])


def _all_summaries(orgs: Sequence[Organization], catalog: Catalog) -> Reply:
    """What the sources say each organization listed does."""
    lines = [f"{i}. {org.name}：{org.summary or '资料中没有介绍'}" for i, org in enumerate(orgs, 1)]
    source = catalog.cite_all(orgs)
    return Reply(f"这 {len(orgs)} 家做什么", [*lines, source])


# "它们的电话", "都在哪", "他们分别在哪": asked of every one shown.
_ALL_OF_THEM = re.compile(r"它们|他们|她们|这些|那些|这几家|那几家|这几个|那几个|都|各自|分别")
# …said of those listed, not of the one answered beside them (他们 is often one organization).
_THOSE = re.compile(r"它们|这些|那些|这几家|那几家|这几个|那几个|各自|分别")
FIELDS = {Intent.CONTACT: ("电话", "phone"), Intent.ADDRESS: ("地址", "address")}


def asked_of_all(text: str, subject: Subject | None) -> Intent | None:
    """What a question asks of every organization of the list shown: contact, address,
    projects, or what each does."""
    if subject is None or len(subject.listed) < 2:
        return None
    compact = text.replace(" ", "")
    if len(compact) > MAX_FOLLOW_UP or not _ALL_OF_THEM.search(compact):
        return None
    if subject.id and not _THOSE.search(compact):
        return None  # 他们电话多少 after one and those beside it (a centre's): the one's
    rest = _ALL_OF_THEM.sub("", compact)
    if "项目" in rest:  # 它们都做过啥项目: each one's
        return Intent.PROJECTS
    intent = follow_up_intent(rest)
    if intent in (Intent.SERVICES, Intent.INTRODUCE) and not asks_names(compact):
        return Intent.SERVICES  # 它们都干了些啥: what each one does
    return intent if intent in FIELDS else None
