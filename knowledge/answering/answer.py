"""Answer a resident's question: match, pick the reply for what was asked (replies.py), log
it for the staff's review."""

from __future__ import annotations

import gc
import threading
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from knowledge.answering.cache import index_cache_path, load_or_build_index
from knowledge.answering.confirm import with_english_note
from knowledge.answering.context import FollowUp, Subject, follow_up, subject_of
from knowledge.answering.costs import costed
from knowledge.answering.gate import Decision
from knowledge.answering.housed import housed_follow_up
from knowledge.answering.index import Index
from knowledge.answering.intent import Intent
from knowledge.answering.list_query import ListQuery
from knowledge.answering.list_questions import form_asked, is_count_question, is_list_question
from knowledge.answering.match import Match
from knowledge.answering.picks import need_of
from knowledge.answering.question_topics import topics_of
from knowledge.answering.replies import (
    UPCOMING_DAYS,
    Answer,
    composed,
    followed,
    record_of,
    upcoming_activities,
    upcoming_for,
)
from knowledge.answering.rewrites import rewritten
from knowledge.answering.scope_kinds import Refusal
from knowledge.answering.shown import from_shown
from knowledge.answering.snapshot import Snapshot
from knowledge.catalog import Catalog
from knowledge.records import Activity, Fact, Kind, Record
from knowledge.reply import Reply
from knowledge.residents.questions import AskedQuestion, QuestionLog, new_ref
from knowledge.store import KnowledgeStore

__all__ = ["Answer", "Answerer"]


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
        # A danger or a report is answered as such (replies.composed), never as a follow-up
        # of what the chat was shown ("第二个是骗子吗").
        alarmed = snapshot.scope.alarm(question) is not None
        shown = None
        if not alarmed:
            # 里面有哪些组织 after a centre: those it houses, before a list of its street
            shown = (
                housed_follow_up(snapshot, match, context)
                or from_shown(snapshot, match, context, self.tz)
                or costed(snapshot, match, context, self.tz)
            )
        follow = (
            follow_up(match.normalized, context, snapshot.catalog, named=match.named)
            if not shown and not alarmed
            else None
        )
        if shown is not None:
            answer = shown
        elif isinstance(follow, FollowUp):
            answer = followed(snapshot, follow, match.query, self.tz)
        else:
            answer = composed(snapshot, match, self.tz)
            if follow is not None:  # a pronoun with words of its own: named, it may fit
                answer = rewritten(
                    follow,
                    answer,
                    lambda text: composed(snapshot, snapshot.matcher.match(text), self.tz),
                    names=match.named or bool(match.places),
                )
        if answer.refusal == Refusal.ELSEWHERE and shown is None and follow is None:
            # 咸阳有没有做心理咨询的 → 那宝鸡呢: the same asked again of one of our places
            answer.subject = _asked_elsewhere(snapshot, match)
        # A proposal is what "他们在哪" asks about next, too: the resident writing on instead
        # of pressing 是 takes it up (不是 forgets it, see handlers/confirm.py).
        sure = answer.decision in (Decision.ANSWER, Decision.CONFIRM)
        if sure and not answer.choices:
            answer.subject = answer.context or subject_of(answer.top, snapshot.catalog)
        answer.subject = _what_was_shown(answer, context if shown else None)
        if answer.besides is not None and answer.subject is not None:
            # 它的电话呢 after 智塔在哪，除了智塔还有别的吗: 智塔's, the others still to pick from;
            # 多大面积 after a centre's organizations: the centre's
            besides = subject_of(answer.besides, snapshot.catalog)
            if besides is not None:
                answer.subject = replace(
                    answer.subject, kind=besides.kind, id=besides.id, name=besides.name
                )
        if isinstance(answer.top, Fact) and answer.decision == Decision.ANSWER:
            answer.subject = _fact_list(snapshot, answer.top) or answer.subject
        if answer.subject is not None and answer.context is None and not match.named:
            # the need it was found by: "那陈仓呢" asks for it there (not what it mainly does)
            topics = topics_of(match.words, snapshot.index.expansions, match.normalized)
            found = [] if answer.listed else (answer.choices or [answer.top])
            need = tuple(
                dict.fromkeys(t for r in found for t in need_of(r, topics, snapshot.catalog))
            )
            answer.subject = replace(answer.subject, need=need) if need else answer.subject
        if answer.intent == Intent.FIGURE and answer.subject is not None and answer.top:
            answer.subject = replace(answer.subject, asked=match.normalized)
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

    def reply_for(self, kind: Kind, key: str, intent: Intent = Intent.INTRODUCE) -> Reply | None:
        """The reply about one record, as if the resident had asked for it by name."""
        snapshot = self.snapshot
        doc = snapshot.index.doc(kind, key)  # not a cancelled activity: it cannot be asked for
        if doc is None:
            return None
        record = record_of(snapshot.catalog, doc)
        upcoming = upcoming_for(snapshot, intent, self.tz)
        return snapshot.composer.answer(record, intent, [], upcoming)

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


def _logged_top(match: Match, answer: Answer) -> tuple[str, str, float]:
    """The best result's kind, id and score, as logged; a follow-up's from its own answer."""
    if answer.context is not None and answer.results:
        best = answer.results[0]
        return best["kind"], best["id"], best["score"]
    top = match.top
    return (top.doc.kind, top.doc.id, top.score) if top else ("", "", 0.0)


def _asked_elsewhere(snapshot: Snapshot, match: Match) -> Subject | None:
    """What a question refused for its place outside ours asked for (a kind, a need, or
    every organization of it: 碑林区有啥社会组织), kept as a list asked, so "那未央区呢"
    asks it of 未央区; None when it named one of ours or asked no list or need."""
    if match.named:
        return None
    shape = match.normalized.replace(" ", "")
    topics = topics_of(match.words, snapshot.index.expansions, match.normalized)
    form = form_asked(shape)
    if not (topics or form or is_list_question(shape) or is_count_question(shape)):
        return None
    query = ListQuery(topics=tuple(topics), form=form)
    return Subject(Kind.ORGANIZATION, id="", name="", query=query)


def _fact_list(snapshot: Snapshot, fact: Fact) -> Subject | None:
    """A fact naming several organizations (宝鸡2021年度典型事例) is a list shown: "第二个",
    "还有吗" follow it up like one."""
    orgs = snapshot.lister.organizations_in(fact)
    if len(orgs) < 2:
        return None
    listed = tuple((Kind.ORGANIZATION, org) for org in orgs)
    query = ListQuery(matched=tuple(orgs), label=fact.name)
    return Subject(Kind.ORGANIZATION, id="", name="", listed=listed, query=query)


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
    if answer.intent == Intent.LIST and answer.list_query is not None and not answer.listed:
        # none found (宝鸡有哪些基金会): "那未央区呢", "那协会呢" ask the same list again;
        # a list shown before stays to pick from ("第三个在哪")
        listed = shown.listed if shown is not None else ()
        return Subject(Kind.ORGANIZATION, id="", name="", listed=listed, query=answer.list_query)
    if answer.choices:
        listed = tuple((record.KIND, record.id) for record in answer.choices)
        return Subject(Kind.ORGANIZATION, id="", name="", listed=listed)
    if answer.subject is not None:
        return answer.subject.showing(shown)
    return None
