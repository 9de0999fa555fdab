"""Answer a resident's question: match, compose the reply, log it for the staff's review."""

from __future__ import annotations

import gc
import re
import threading
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from knowledge.answering.browse import Browser
from knowledge.answering.cache import index_cache_path, load_or_build_index
from knowledge.answering.compose import GREETING, NOT_FOUND, Composer
from knowledge.answering.confirm import confirm_reply, in_words, with_english_note
from knowledge.answering.context import (
    MAX_FOLLOW_UP,
    FollowUp,
    Subject,
    follow_up,
    follow_up_intent,
    follow_up_reply,
    rewritten,
    subject_of,
)
from knowledge.answering.figures import (
    figure_named,
    figures_reply,
    is_award_question,
    selections,
)
from knowledge.answering.gate import Decision
from knowledge.answering.index import Doc, Index
from knowledge.answering.intent import Intent
from knowledge.answering.lists import (
    Lister,
    Listing,
    ListQuery,
    is_count_question,
    is_list_question,
    narrowing_words,
    topics_of,
    without_places,
)
from knowledge.answering.matcher import Match, Matcher
from knowledge.answering.picks import (
    Pick,
    all_reply,
    asked_of_all,
    asks_more,
    picked,
    relisted,
)
from knowledge.answering.scope import Refusal, Scope, refusal_reply
from knowledge.catalog import Catalog
from knowledge.records import Activity, Kind, Organization, Project, Record
from knowledge.reply import Reply
from knowledge.residents.questions import AskedQuestion, QuestionLog, new_ref
from knowledge.store import KnowledgeStore, Records

UPCOMING_DAYS = 30


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


@dataclass(frozen=True)
class Snapshot:
    """One version of the knowledge, ready to answer from; replaced whole when staff change it,
    so a reply is never composed from one version's index and another's records."""

    index: Index
    matcher: Matcher
    catalog: Catalog
    composer: Composer
    browser: Browser
    scope: Scope
    lister: Lister

    @classmethod
    def build(cls, index: Index, records: Records, tz: tzinfo) -> Snapshot:
        catalog = Catalog.from_records(records)
        composer, browser = Composer(catalog, tz), Browser(catalog, tz)
        scope, lister = Scope.from_catalog(catalog), Lister(catalog)
        return cls(index, Matcher(index), catalog, composer, browser, scope, lister)

    @property
    def version(self) -> str:
        return self.index.version


class Answerer:
    """The one entry point the CLI and the bot use to answer questions."""

    def __init__(
        self,
        store: KnowledgeStore,
        index: Index,
        *,
        tz_name: str = "Asia/Shanghai",
        cache: Path | None = None,
        questions: QuestionLog | None = None,
    ) -> None:
        self.store = store
        self.tz = ZoneInfo(tz_name)
        self.questions = questions
        self._cache = cache
        self._lock = threading.Lock()
        self.snapshot = self._snapshot(index, store)

    @classmethod
    def from_store(
        cls,
        store: KnowledgeStore,
        *,
        tz_name: str = "Asia/Shanghai",
        questions: QuestionLog | None = None,
    ) -> Answerer:
        cache = index_cache_path(store.path) if store.path else None
        index = load_or_build_index(store, cache)
        return cls(store, index, tz_name=tz_name, cache=cache, questions=questions)

    def _snapshot(self, index: Index, store: KnowledgeStore) -> Snapshot:
        snapshot = Snapshot.build(index, store.all_records(), self.tz)
        # The index and records live until staff change the knowledge: keep the garbage
        # collector from walking their millions of objects again and again (a large base
        # paused for 0.2 s).
        gc.collect()
        gc.freeze()
        return snapshot

    @property
    def index(self) -> Index:
        return self.snapshot.index

    @property
    def catalog(self) -> Catalog:
        return self.snapshot.catalog

    def is_stale(self) -> bool:
        """Whether staff changed the knowledge since this snapshot (one small query)."""
        return self.store.version != self.snapshot.version

    def refresh(self) -> bool:
        """Pick up a knowledge base that staff changed since; True when it did.

        Slow for a large base (the index is loaded or built): the bot calls it off its event
        loop, and answers from the old snapshot meanwhile."""
        with self._lock:
            store = self.store.reader()  # this may run on another thread: its own connection
            try:
                if store.version == self.snapshot.version:
                    return False
                index = load_or_build_index(store, self._cache)
                self.snapshot = self._snapshot(index, store)
                return True
            finally:
                if store is not self.store:
                    store.close()

    def upcoming(self, now: datetime | None = None, days: int = UPCOMING_DAYS) -> list[Activity]:
        return upcoming_activities(self.catalog, now or datetime.now(self.tz), days)

    def answer(
        self,
        question: str,
        *,
        channel: str = "cli",
        user_ref: str = "",
        log_question: bool = True,
        context: Subject | None = None,
    ) -> Answer:
        """The answer to `question`; `context`: what the chat was last answered about, which
        a follow-up ("它的电话呢") is answered from (see context.py)."""
        snapshot = self.snapshot  # one version of the knowledge for the whole answer
        match = snapshot.matcher.match(question)
        shown = self._from_shown(snapshot, match, context)
        follow = follow_up(match.normalized, context, snapshot.catalog) if not shown else None
        if shown is not None:
            answer = shown
        elif isinstance(follow, FollowUp):
            answer = self._follow(snapshot, follow, match.query)
        else:
            answer = self._compose(snapshot, match)
            if follow is not None:  # a pronoun with words of its own: named, it may fit
                answer = rewritten(
                    follow,
                    answer,
                    lambda text: self._compose(snapshot, snapshot.matcher.match(text)),
                    names=match.named or bool(match.places),
                )
        # A proposal is what "他们在哪" asks about next, too: the resident writing on instead
        # of pressing 是 takes it up (不是 forgets it, see handlers/confirm.py).
        sure = answer.decision in (Decision.ANSWER, Decision.CONFIRM)
        if sure and not answer.choices:
            answer.subject = answer.context or subject_of(answer.top, snapshot.catalog)
        answer.subject = _what_was_shown(answer, context if shown else None)
        if match.english:
            answer.reply = with_english_note(answer.reply)
            if answer.proposal is not None:
                answer.proposal = with_english_note(answer.proposal)
        if log_question and match.normalized and self.questions is not None:
            kind, key, score = _logged_top(match, answer)
            answer.ref = new_ref()
            self.questions.record(
                AskedQuestion(
                    channel=channel,
                    user_ref=user_ref,
                    query=question,
                    answered=answer.answered,
                    intent=answer.intent,
                    top_kind=kind,
                    top_id=key,
                    score=score,
                    decision=answer.decision,
                    ref=answer.ref,
                )
            )
        return answer

    def _compose(self, snapshot: Snapshot, match: Match) -> Answer:
        refusal = snapshot.scope.refusal(match.query)
        if refusal is not None and match.reworded and not match.english:
            # Read in standard words too: a request told in dialect (有啥地方能学, 阿搭能看)
            # lifts a rule as the same request in plain words would.
            refusal = snapshot.scope.refusal(match.normalized) and refusal
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
        if is_list_question(shape) and is_award_question(shape):  # 哪些组织得过奖
            places = [name for _, name in match.places]
            chosen = selections(snapshot.catalog, places)
            if chosen:
                return self._about(snapshot, match.query, chosen[0], Intent.FIGURE)
            where = "".join(places)
            none = Reply(f"资料中没有{where}社会组织获奖或入选评选的记录。")
            return Answer(match.query, False, Intent.LIST, none, [])
        if is_list_question(shape) and not _fact_lists(snapshot, match):
            return _list_answer(snapshot, match)
        if is_count_question(shape) and not _fact_counts(snapshot, match):
            return _list_answer(snapshot, match)
        results = [_result(snapshot.catalog, s.doc, s.score) for s in match.results]
        intent, decision = Intent(match.intent), Decision(match.decision)
        if intent == Intent.GREETING and decision != Decision.ANSWER:
            return Answer(match.query, False, Intent.GREETING, GREETING, results)
        if decision == Decision.UNKNOWN or match.top is None:
            if intent == Intent.INTRODUCE or not match.normalized:
                intent = Intent.UNKNOWN
            return Answer(match.query, False, intent, NOT_FOUND, results)
        top = _record(snapshot.catalog, match.top.doc)
        if decision == Decision.CHOOSE:
            choices = [_record(snapshot.catalog, doc) for doc in _choices(match)]
            reply = snapshot.composer.choices(choices)
            return Answer(match.query, True, intent, reply, results, choices, top, Decision.CHOOSE)
        upcoming = self._upcoming_for(snapshot, intent)
        reply = snapshot.composer.answer(top, intent, match.words, upcoming, match.normalized)
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

    def _about(self, snapshot: Snapshot, query: str, record: Record, intent: Intent) -> Answer:
        """The answer about one record the question was found to ask for."""
        reply = snapshot.composer.answer(record, Intent.INTRODUCE, [], [])
        result = {"kind": record.KIND, "id": record.id, "name": record.display_name}
        answer = Answer(query, True, intent, reply, [{**result, "score": 0.0}], top=record)
        answer.decision = Decision.ANSWER
        return answer

    def _from_shown(
        self, snapshot: Snapshot, match: Match, context: Subject | None
    ) -> Answer | None:
        """A follow-up of the list or the choice the chat was shown ("第二个", "那未央区呢"),
        or a list asked after one organization ("还有别的做心理的吗"); None otherwise."""
        if context is None or match.named:
            return None
        if len(match.normalized) - match.normalized.count(" ") > MAX_FOLLOW_UP:
            return None  # a longer message tells its own story
        pick = picked(match.normalized, context, snapshot.catalog)
        if pick is not None:
            return self._picked(snapshot, pick, match.query)
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
            return self._figure_named(snapshot, match, context)
        listing = snapshot.lister.run(relist.query, again=relist.again, more=relist.more)
        if relist.again and listing.total > len(context.listed):  # 还有吗: the ones not shown
            shown = tuple(key for kind, key in context.listed if kind == Kind.ORGANIZATION)
            query = replace(relist.query, exclude=(*relist.query.exclude, *shown))
            listing = snapshot.lister.run(query, more=True)
        answer = _listed(snapshot, match.query, listing)
        answer.context = context if context.id else None
        return answer

    def _figure_named(self, snapshot: Snapshot, match: Match, context: Subject) -> Answer | None:
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
        return self._follow(snapshot, follow, match.query, reply)

    def _picked(self, snapshot: Snapshot, pick: Pick, query: str) -> Answer:
        """The answer about the record picked of a list or a choice ("第二个是干啥的")."""
        record = pick.record
        subject = Subject(record.KIND, record.id, record.display_name)
        follow = follow_up(pick.rest, subject, snapshot.catalog) if asks_more(pick.rest) else None
        answer: Answer | None = None
        if isinstance(follow, FollowUp):
            answer = self._follow(snapshot, follow, query)
        elif follow is not None:  # words of its own ("有多大"): asked with the record named
            again = self._compose(snapshot, snapshot.matcher.match(follow.question))
            if again.answered and not again.choices and follow.covers(again.top):
                answer = again
                answer.query = query
        if answer is None:
            answer = self._about(snapshot, query, record, Intent.INTRODUCE)
        answer.context = subject
        return answer

    def _follow(
        self, snapshot: Snapshot, follow: FollowUp, query: str, reply: Reply | None = None
    ) -> Answer:
        """A follow-up, answered about the record of the chat's context."""
        if reply is None:
            reply = follow_up_reply(snapshot, follow, self._upcoming_for(snapshot, follow.intent))
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

    def reply_for(self, kind: Kind, key: str, intent: Intent = Intent.INTRODUCE) -> Reply | None:
        """The reply about one record, as if the resident had asked for it by name."""
        snapshot = self.snapshot
        doc = snapshot.index.doc(kind, key)  # not a cancelled activity: it cannot be asked for
        if doc is None:
            return None
        record = _record(snapshot.catalog, doc)
        upcoming = self._upcoming_for(snapshot, intent)
        return snapshot.composer.answer(record, intent, [], upcoming)

    def _upcoming_for(self, snapshot: Snapshot, intent: Intent) -> list[Activity]:
        # Only an activities answer lists them; sorting every activity per question is waste.
        if intent != Intent.ACTIVITIES:
            return []
        return upcoming_activities(snapshot.catalog, datetime.now(self.tz), UPCOMING_DAYS)

    def nearest(self, text: str, limit: int = 3) -> list[Record]:
        """The organizations, projects and facts closest to a wording (the staff's review
        offers to add it to one of them); not logged."""
        snapshot = self.snapshot
        found: list[Record] = []
        for scored in snapshot.matcher.match(text).results:
            if scored.doc.kind == Kind.ACTIVITY:
                continue
            record = snapshot.catalog.record(scored.doc.kind, scored.doc.id)
            if record is not None and record not in found:
                found.append(record)
            if len(found) == limit:
                break
        return found

    def search_organizations(self, text: str, limit: int = 10) -> list[str]:
        """Organization ids for a few typed words (inline mode): best first, no logging."""
        snapshot = self.snapshot
        if not text.strip():
            return sorted(snapshot.catalog.organizations)[:limit]
        found: list[str] = []
        for scored in snapshot.matcher.match(text).results:
            doc = scored.doc
            org = doc.id if doc.kind == Kind.ORGANIZATION else doc.organization
            if org and org not in found:
                found.append(org)
        return found[:limit]


def upcoming_activities(catalog: Catalog, now: datetime, days: int) -> list[Activity]:
    """Activities starting between now and `days` later, not cancelled, soonest first."""
    until = now + timedelta(days=days)
    found = [a for a in catalog.activities.values() if not a.cancelled and now <= a.start <= until]
    return sorted(found, key=lambda a: a.start)


def _record(catalog: Catalog, doc: Doc) -> Record:
    """The record an index document stands for (the snapshot keeps the two in step)."""
    record = catalog.record(doc.kind, doc.id)
    if record is None:
        raise LookupError(f"the index has {doc.kind} {doc.id!r}, the records do not")
    return record


def _logged_top(match: Match, answer: Answer) -> tuple[str, str, float]:
    """The best result's kind, id and score, as logged; a follow-up's from its own answer."""
    if answer.context is not None and answer.results:
        best = answer.results[0]
        return best["kind"], best["id"], best["score"]
    top = match.top
    return (top.doc.kind, top.doc.id, top.score) if top else ("", "", 0.0)


def _fact_lists(snapshot: Snapshot, match: Match) -> bool:
    """A curated fact that names organizations answers this list question itself
    (宝鸡2021年社会组织典型事例有哪些); one that counts them (未央区有多少家) does not."""
    top = match.top
    if top is None or top.doc.kind != Kind.FACT or match.decision != Decision.ANSWER:
        return False
    fact = snapshot.catalog.facts.get(top.doc.id)
    return fact is not None and snapshot.lister.organizations_named(fact.answer) >= 2


def _fact_counts(snapshot: Snapshot, match: Match) -> bool:
    """A curated fact that counts organizations answers this count question itself
    (未央区有多少家社会组织: 281家); one about something else (a policy) does not."""
    top = match.top
    if top is None or top.doc.kind != Kind.FACT or match.decision != Decision.ANSWER:
        return False
    fact = snapshot.catalog.facts.get(top.doc.id)
    return fact is not None and bool(_COUNTED_ORGANIZATIONS.search(fact.answer))


_COUNTED_ORGANIZATIONS = re.compile(r"\d+[余多]?(家|个)")


def _list_answer(snapshot: Snapshot, match: Match) -> Answer:
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


def _what_was_shown(answer: Answer, shown: Subject | None) -> Subject | None:
    """What the chat's follow-ups are about after `answer`: the list or the choice it shows
    ("第二个" picks from it; one listed is "它" too), or its subject; a pick keeps the list
    it was picked from (`shown`)."""
    if answer.listed and answer.answered:
        orgs = answer.listed
        listed = tuple((Kind.ORGANIZATION, org.id) for org in orgs)
        one = orgs[0] if len(orgs) == 1 else None
        return Subject(
            Kind.ORGANIZATION,
            one.id if one else "",
            one.name if one else "",
            listed,
            answer.list_query,
        )
    if answer.choices:
        listed = tuple((record.KIND, record.id) for record in answer.choices)
        return Subject(Kind.ORGANIZATION, "", "", listed)
    if answer.subject is not None:
        return answer.subject.showing(shown)
    return None


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
