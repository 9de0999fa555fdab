"""Answer a resident's question: match, compose the reply, log it for the staff's review."""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from knowledge.answering.browse import Browser
from knowledge.answering.cache import index_cache_path, load_or_build_index
from knowledge.answering.compose import GREETING, NOT_FOUND, Composer, Reply
from knowledge.answering.index import Doc, Index
from knowledge.answering.matcher import Match, Matcher
from knowledge.residents.questions import AskedQuestion, QuestionLog
from knowledge.store import KnowledgeStore, Records

UPCOMING_DAYS = 30


@dataclass
class Answer:
    query: str
    answered: bool
    intent: str
    reply: Reply
    results: list[dict[str, Any]] = field(default_factory=list)
    choices: list[Doc] = field(default_factory=list)  # when the question is ambiguous
    top: Doc | None = None

    @property
    def text(self) -> str:
        return self.reply.text

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "answered": self.answered,
            "intent": self.intent,
            "results": self.results,
            "reply": self.reply.text,
        }


@dataclass(frozen=True)
class Snapshot:
    """One version of the knowledge, ready to answer from; replaced whole when staff change it,
    so a reply is never composed from one version's index and another's records."""

    index: Index
    matcher: Matcher
    records: Records
    composer: Composer
    browser: Browser

    @classmethod
    def build(cls, index: Index, records: Records, tz: tzinfo) -> Snapshot:
        composer = Composer(records, tz)
        return cls(index, Matcher(index), records, composer, Browser(records, composer))

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
        # The index lives until staff change the knowledge: keep the garbage collector from
        # walking its millions of objects again and again (a large base paused for 0.2 s).
        gc.collect()
        gc.freeze()
        return Snapshot.build(index, store.all_records(), self.tz)

    @property
    def index(self) -> Index:
        return self.snapshot.index

    @property
    def records(self) -> Records:
        return self.snapshot.records

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

    def upcoming(
        self, now: datetime | None = None, days: int = UPCOMING_DAYS
    ) -> list[dict[str, Any]]:
        return upcoming_activities(self.records, now or datetime.now(self.tz), days)

    def answer(
        self, question: str, *, channel: str = "cli", user_ref: str = "", log_question: bool = True
    ) -> Answer:
        snapshot = self.snapshot  # one version of the knowledge for the whole answer
        match = snapshot.matcher.match(question)
        answer = self._compose(snapshot, match)
        if log_question and match.normalized and self.questions is not None:
            top = match.top
            self.questions.record(
                AskedQuestion(
                    channel=channel,
                    user_ref=user_ref,
                    query=question,
                    answered=answer.answered,
                    intent=answer.intent,
                    top_kind=top.doc.kind if top else "",
                    top_id=top.doc.id if top else "",
                    score=top.score if top else 0.0,
                )
            )
        return answer

    def _compose(self, snapshot: Snapshot, match: Match) -> Answer:
        results = [_result(s.doc, s.score) for s in match.results]
        if match.intent == "greeting" and match.decision != "answer":
            return Answer(match.query, False, "greeting", GREETING, results)
        if match.decision == "none" or match.top is None:
            intent = match.intent if match.intent != "introduce" else "unknown"
            return Answer(
                match.query, False, intent if match.normalized else "unknown", NOT_FOUND, results
            )
        top = match.top.doc
        if match.decision == "choose":
            choices = _choices(match)
            return Answer(
                match.query,
                True,
                match.intent,
                snapshot.composer.choices(choices),
                results,
                choices=choices,
                top=top,
            )
        upcoming = self._upcoming_for(snapshot, match.intent)
        reply = snapshot.composer.answer(top, match.intent, match.words, upcoming)
        return Answer(match.query, True, match.intent, reply, results, top=top)

    def reply_for(self, kind: str, key: str, intent: str = "introduce") -> Reply | None:
        """The reply about one record, as if the resident had asked for it by name."""
        snapshot = self.snapshot
        doc = snapshot.index.doc(kind, key)
        if doc is None:
            return None
        upcoming = self._upcoming_for(snapshot, intent)
        return snapshot.composer.answer(doc, intent, [], upcoming)

    def _upcoming_for(self, snapshot: Snapshot, intent: str) -> list[dict[str, Any]]:
        # Only an activities answer lists them; parsing every activity per question is waste.
        if intent != "activities":
            return []
        return upcoming_activities(snapshot.records, datetime.now(self.tz), UPCOMING_DAYS)

    def search_organizations(self, text: str, limit: int = 10) -> list[str]:
        """Organization ids for a few typed words (inline mode): best first, no logging."""
        snapshot = self.snapshot
        if not text.strip():
            return sorted(snapshot.records.get("organizations", {}))[:limit]
        found: list[str] = []
        for scored in snapshot.matcher.match(text).results:
            doc = scored.doc
            org = doc.id if doc.kind == "organization" else doc.organization
            if org and org not in found:
                found.append(org)
        return found[:limit]


def upcoming_activities(records: Records, now: datetime, days: int) -> list[dict[str, Any]]:
    """Activities starting between now and `days` later, not cancelled, soonest first."""
    until = now + timedelta(days=days)
    found = [
        a
        for a in records.get("activities", {}).values()
        if a.get("status") != "cancelled" and now <= datetime.fromisoformat(a["start"]) <= until
    ]
    return sorted(found, key=lambda a: a["start"])


def _choices(match: Match) -> list[Doc]:
    seen: list[Doc] = []
    for scored in match.results:
        if scored.score >= 0.6 * match.results[0].score and scored.doc not in seen:
            seen.append(scored.doc)
    return seen[:5]


def _result(doc: Doc, score: float) -> dict[str, Any]:
    result: dict[str, Any] = {
        "kind": doc.kind,
        "id": doc.id,
        "name": doc.name,
        "score": round(score, 3),
    }
    if doc.kind != "organization" and doc.organization:
        result["organization"] = doc.organization
    return result
