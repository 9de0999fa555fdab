"""The `Answer` to one question, built for what the matcher decided: a refusal, a list or a
count, a choice, a confirmation, an answer, or a follow-up of what the chat was last shown.
The `Answerer` (answer.py) picks which and logs it; these only build."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, tzinfo
from typing import Any

from knowledge.answering.compose import GREETING, NOT_FOUND
from knowledge.answering.confirm import confirm_reply, in_words
from knowledge.answering.context import (
    MAX_FOLLOW_UP,
    FollowUp,
    Subject,
    follow_up,
    follow_up_intent,
    follow_up_reply,
)
from knowledge.answering.fact_lists import fact_counts, fact_lists
from knowledge.answering.figure_questions import is_award_question
from knowledge.answering.figures import figure_named, figures_reply, selections
from knowledge.answering.gate import Decision
from knowledge.answering.index import Doc
from knowledge.answering.intent import Intent, detect_intent
from knowledge.answering.list_questions import (
    is_count_question,
    is_list_question,
    narrowing_words,
    other_institutions,
    topics_of,
    without_places,
)
from knowledge.answering.lists import Listing, ListQuery
from knowledge.answering.matcher import Match
from knowledge.answering.picks import (
    Pick,
    all_reply,
    asked_of_all,
    asks_more,
    picked,
    pointed_several,
    relisted,
)
from knowledge.answering.places import elsewhere
from knowledge.answering.scope import Refusal, refusal_reply
from knowledge.answering.snapshot import Snapshot
from knowledge.catalog import Catalog
from knowledge.records import Activity, Kind, Organization, Project, Record
from knowledge.reply import Reply

UPCOMING_DAYS = 30
NOT_LISTED_HINT = "如需查找社会组织，可以写出区县或需要的服务，也可以发送 /orgs 浏览全部组织。"
# One of several, not said which: "它是干啥的" after a list.
_ONE_OF_THEM = re.compile(r"它(?!们)|这家|那家|该组织|该机构")


@dataclass
class Answer:
    query: str
    answered: bool
    intent: Intent
    reply: Reply
    results: list[dict[str, Any]] = field(default_factory=list)
    choices: list[Record] = field(default_factory=list)  # when the question is ambiguous
    top: Record | None = None  # the record answered about (or the best of the choices)
    decision: Decision = Decision.UNKNOWN
    proposal: Reply | None = None  # confirm: the answer about `top`, if the resident says 是
    ref: str = ""  # the logged question's ref ("" when not logged)
    context: Subject | None = None  # the chat's context this follow-up was answered from
    subject: Subject | None = None  # what a follow-up to this answer would be about
    listed: list[Organization] = field(default_factory=list)  # a list question's answer
    list_query: ListQuery | None = None  # what the list asked for
    refusal: Refusal | None = None  # why a question that is not ours was refused

    @property
    def text(self) -> str:
        """The reply as plain text without buttons (a proposal is given, and said to be one)."""
        if self.proposal is not None:
            return in_words(self.reply, self.proposal)
        return self.reply.text

    def to_json(self) -> dict[str, Any]:
        found = {
            "query": self.query,
            "answered": self.answered,
            "decision": self.decision,
            "intent": self.intent,
            "results": self.results,
            "reply": self.text,
        }
        if self.context is not None:
            found["context"] = self.context.to_json()
        if self.refusal:
            found["refusal"] = self.refusal
        return found


def composed(snapshot: Snapshot, match: Match, tz: tzinfo) -> Answer:
    # Read in standard words too: a request told in dialect (有啥地方能学, 阿搭能看) lifts a
    # rule as the same request in plain words would.
    reworded = match.normalized if match.reworded and not match.english else None
    refusal = snapshot.scope.refusal(match.query, reworded)
    if refusal is not None:
        return Answer(
            match.query,
            False,
            Intent.OUT_OF_SCOPE,
            refusal_reply(refusal),
            [],
            refusal=refusal,
        )
    shape = without_places(match.normalized, snapshot.index.places)  # 帮娃娃的组织宝鸡有几个
    other = other_institutions(shape) if not match.named else ""
    if other:  # 宝鸡有哪些学校: the records list social organizations only
        reply = Reply(f"资料中只有社会组织的信息，没有{other}的名单或数目。", [NOT_LISTED_HINT])
        return Answer(match.query, False, Intent.LIST, reply, [])
    if is_list_question(shape) and is_award_question(shape):  # 哪些组织得过奖
        places = [name for _, name in match.places]
        chosen = selections(snapshot.catalog, places)
        if chosen:
            return _about(snapshot, match.query, chosen[0], Intent.FIGURE)
        where = "".join(places)
        none = Reply(f"资料中没有{where}社会组织获奖或入选评选的记录。")
        return Answer(match.query, False, Intent.LIST, none, [])
    if is_list_question(shape) and not fact_lists(snapshot, match):
        return _list_answer(snapshot, match)
    if is_count_question(shape) and not fact_counts(snapshot, match):
        return _list_answer(snapshot, match, counted=True)
    results = [_result(snapshot.catalog, s.doc, s.score) for s in match.results]
    intent, decision = Intent(match.intent), Decision(match.decision)
    if intent == Intent.GREETING and decision != Decision.ANSWER:
        return Answer(match.query, False, Intent.GREETING, GREETING, results)
    if decision == Decision.UNKNOWN or match.top is None:
        held = _figure_held(snapshot, match, intent)
        if held is not None:
            return held
        if intent == Intent.INTRODUCE or not match.normalized:
            intent = Intent.UNKNOWN
        return Answer(match.query, False, intent, NOT_FOUND, results)
    top = record_of(snapshot.catalog, match.top.doc)
    if decision == Decision.CHOOSE:
        choices = [record_of(snapshot.catalog, doc) for doc in _choices(match)]
        reply = snapshot.composer.choices(choices)
        return Answer(match.query, True, intent, reply, results, choices, top, Decision.CHOOSE)
    upcoming = upcoming_for(snapshot, intent, tz)
    reply = snapshot.composer.answer(top, intent, match.words, upcoming, match.normalized)
    note = "" if match.named else elsewhere(match.top.doc, match.places)
    if note:  # 我住金台区…: the one organization that serves it is in 渭滨区
        reply = Reply(reply.title, [note, *reply.lines])
    if decision == Decision.CONFIRM:
        question = confirm_reply(top.display_name)
        return Answer(
            match.query,
            True,
            intent,
            question,
            results,
            top=top,
            decision=decision,
            proposal=reply,
        )
    return Answer(match.query, True, intent, reply, results, top=top, decision=decision)


_NUMBER = re.compile(r"\d")


def _figure_held(snapshot: Snapshot, match: Match, intent: Intent) -> Answer | None:
    """救援资金有多少, 2万人是哪个组织服务的: a figure named by its label or number, with no
    organization the matcher is sure of, answered from the record that holds it."""
    asked = intent == Intent.FIGURE or detect_intent(match.normalized) == Intent.FIGURE
    if not asked and not _NUMBER.search(match.normalized):
        return None
    record = snapshot.holders.holder(match.normalized, snapshot.catalog)
    if record is None:
        return None
    reply = figures_reply(snapshot.catalog, record, match.words, match.normalized)
    result = {"kind": record.KIND, "id": record.id, "name": record.display_name, "score": 0.0}
    answer = Answer(match.query, True, Intent.FIGURE, reply, [result], top=record)
    answer.decision = Decision.ANSWER
    return answer


def _about(snapshot: Snapshot, query: str, record: Record, intent: Intent) -> Answer:
    """The answer about one record the question was found to ask for."""
    reply = snapshot.composer.answer(record, Intent.INTRODUCE, [], [])
    result = {"kind": record.KIND, "id": record.id, "name": record.display_name}
    answer = Answer(query, True, intent, reply, [{**result, "score": 0.0}], top=record)
    answer.decision = Decision.ANSWER
    return answer


def from_shown(
    snapshot: Snapshot, match: Match, context: Subject | None, tz: tzinfo
) -> Answer | None:
    """A follow-up of the list or the choice the chat was shown ("第二个", "那未央区呢"),
    or a list asked after one organization ("还有别的做心理的吗"); None otherwise."""
    if context is None or match.named:
        return None
    if len(match.normalized) - match.normalized.count(" ") > MAX_FOLLOW_UP:
        return None  # a longer message tells its own story
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
        return _figure_named(snapshot, match, context, tz)
    listing = snapshot.lister.run(relist.query, again=relist.again, more=relist.more)
    listing.counted = listing.recounted = relist.counted  # the records' count, not a total
    if relist.again and listing.total > len(context.listed):  # 还有吗: the ones not shown
        shown = tuple(key for kind, key in context.listed if kind == Kind.ORGANIZATION)
        query = replace(relist.query, exclude=(*relist.query.exclude, *shown))
        listing = snapshot.lister.run(query, more=True)
    answer = _listed(snapshot, match.query, listing)
    answer.context = context if context.id else None
    return answer


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
    if intent is None:
        return None
    shown = [
        record
        for kind, key in context.listed
        if (record := snapshot.catalog.record(kind, key)) is not None
    ]
    if len(shown) < 2:
        return None
    return _choice_of(snapshot, match.query, shown, intent)


_DOING = re.compile(r"(做|搞|干|帮|管)[^，,。？?！!\s]{1,8}?的")


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
        answer = _about(snapshot, query, record, Intent.INTRODUCE)
    answer.context = subject
    return answer


def followed(
    snapshot: Snapshot, follow: FollowUp, query: str, tz: tzinfo, reply: Reply | None = None
) -> Answer:
    """A follow-up, answered about the record of the chat's context."""
    if reply is None:
        upcoming = upcoming_for(snapshot, follow.intent, tz)
        reply = follow_up_reply(snapshot, follow, upcoming, query)
    record = follow.record
    result = {"kind": record.KIND, "id": record.id, "name": record.display_name, "score": 0.0}
    return Answer(
        query=query,
        answered=True,
        intent=follow.intent,
        reply=reply,
        results=[result],
        top=record,
        decision=Decision.ANSWER,
        context=follow.subject,
    )


def upcoming_for(snapshot: Snapshot, intent: Intent, tz: tzinfo) -> list[Activity]:
    # Only an activities answer lists them; sorting every activity per question is waste.
    if intent != Intent.ACTIVITIES:
        return []
    return upcoming_activities(snapshot.catalog, datetime.now(tz), UPCOMING_DAYS)


def upcoming_activities(catalog: Catalog, now: datetime, days: int) -> list[Activity]:
    """Activities starting between now and `days` later, not cancelled, soonest first."""
    until = now + timedelta(days=days)
    found = [a for a in catalog.activities.values() if not a.cancelled and now <= a.start <= until]
    return sorted(found, key=lambda a: a.start)


def record_of(catalog: Catalog, doc: Doc) -> Record:
    """The record an index document stands for (the snapshot keeps the two in step)."""
    record = catalog.record(doc.kind, doc.id)
    if record is None:
        raise LookupError(f"the index has {doc.kind} {doc.id!r}, the records do not")
    return record


def _list_answer(snapshot: Snapshot, match: Match, *, counted: bool = False) -> Answer:
    # 除了武术协会: 武术 is no topic, unless said again (除了高新区慈善协会还有哪些做慈善的)
    said, _ = snapshot.lister.excepted_name(match.normalized)
    rest = match.normalized.replace(" ", "").replace(said, "", 1) if said else ""
    words = [w for w in match.words if not said or w in rest]
    topics = topics_of(words, snapshot.index.expansions, match.normalized)
    matched: list[str] = []
    if not topics and narrowing_words(match.words, snapshot.index.expansions):
        docs = [s.doc for s in match.results]
        matched = [d.id if d.kind == Kind.ORGANIZATION else d.organization for d in docs]
    listing = snapshot.lister.listing(
        match.normalized, match.places, topics, [m for m in matched if m]
    )
    listing.counted = counted
    return _listed(snapshot, match.query, listing)


def _listed(snapshot: Snapshot, query: str, listing: Listing) -> Answer:
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


def _choices(match: Match) -> list[Doc]:
    seen: list[Doc] = []
    for scored in match.results:
        if scored.score >= 0.6 * match.results[0].score and scored.doc not in seen:
            seen.append(scored.doc)
    return seen[:5]


def _result(catalog: Catalog, doc: Doc, score: float) -> dict[str, Any]:
    result: dict[str, Any] = {
        "kind": doc.kind,
        "id": doc.id,
        "name": doc.name,
        "score": round(score, 3),
    }
    if doc.kind != Kind.ORGANIZATION and doc.organization:
        owner = catalog.organizations.get(doc.organization)
        name = owner.name if owner else ""
        result["organization"] = {"id": doc.organization, "name": name}
    return result
