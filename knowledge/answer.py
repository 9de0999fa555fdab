"""Answer a resident's question: match, compose the reply, log it for the staff's review."""

from __future__ import annotations

import gc
import logging
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from knowledge.index import Doc, Index, build_index
from knowledge.matcher import Match, Matcher
from knowledge.reply import GREETING, NOT_FOUND, Composer, Reply

if TYPE_CHECKING:
    from knowledge.store import KnowledgeStore

log = logging.getLogger(__name__)
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


def index_cache_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".index")


def load_or_build_index(store: KnowledgeStore, cache: Path | None) -> Index:
    """The index for the store's current content, from the cache file when it is fresh."""
    version = store.version
    if cache is not None:
        index = Index.load(cache, version)
        if index is not None:
            return index
    index = build_index(store.all_records(), version)
    if cache is not None:
        try:
            index.save(cache)
        except OSError as exc:  # a read-only directory only costs speed
            log.warning("could not cache the search index at %s: %s", cache, exc)
    return index


class Answerer:
    """The one entry point the CLI and the bot use to answer questions."""

    def __init__(
        self,
        store: KnowledgeStore,
        index: Index,
        *,
        tz_name: str = "Asia/Shanghai",
        cache: Path | None = None,
    ) -> None:
        self.store = store
        self.tz = ZoneInfo(tz_name)
        self._cache = cache
        self._lock = threading.Lock()
        self._use(index)

    @classmethod
    def from_store(cls, store: KnowledgeStore, *, tz_name: str = "Asia/Shanghai") -> Answerer:
        path = _db_file(store)
        cache = index_cache_path(path) if path else None
        return cls(store, load_or_build_index(store, cache), tz_name=tz_name, cache=cache)

    def _use(self, index: Index) -> None:
        # The index lives as long as the process: keep the garbage collector from walking
        # its millions of objects again and again (a large knowledge base paused for 0.2 s).
        gc.collect()
        gc.freeze()
        self.index = index
        self.matcher = Matcher(index)
        self.records = self.store.all_records()
        self.composer = Composer(self.records, self.tz)

    def refresh(self) -> bool:
        """Pick up a knowledge base that staff changed since; True when it did."""
        with self._lock:
            if self.store.version == self.index.version:
                return False
            self._use(load_or_build_index(self.store, self._cache))
            return True

    def upcoming(
        self, now: datetime | None = None, days: int = UPCOMING_DAYS
    ) -> list[dict[str, Any]]:
        now = now or datetime.now(self.tz)
        until = now + timedelta(days=days)
        found = [
            a
            for a in self.records.get("activities", {}).values()
            if a.get("status") != "cancelled" and now <= datetime.fromisoformat(a["start"]) <= until
        ]
        return sorted(found, key=lambda a: a["start"])

    def answer(
        self, question: str, *, channel: str = "cli", user_ref: str = "", log_question: bool = True
    ) -> Answer:
        match = self.matcher.match(question)
        answer = self.compose(match)
        if log_question and match.normalized:
            top = match.top
            try:
                self.store.log_question(
                    query=question,
                    answered=answer.answered,
                    intent=answer.intent,
                    channel=channel,
                    user_ref=user_ref,
                    top_kind=top.doc.kind if top else "",
                    top_id=top.doc.id if top else "",
                    score=top.score if top else 0.0,
                )
            except sqlite3.Error as exc:  # a busy database must not cost the resident the answer
                log.warning("could not log a question: %s", exc)
        return answer

    def compose(self, match: Match) -> Answer:
        results = [self._result(s.doc, s.score) for s in match.results]
        if match.intent == "greeting" and match.decision != "answer":
            return Answer(match.query, False, "greeting", GREETING, results)
        if match.decision == "none" or match.top is None:
            intent = match.intent if match.intent != "introduce" else "unknown"
            return Answer(
                match.query, False, intent if match.normalized else "unknown", NOT_FOUND, results
            )
        top = match.top.doc
        if match.decision == "choose":
            choices = self._choices(match)
            return Answer(
                match.query,
                True,
                match.intent,
                self.composer.choices(choices),
                results,
                choices=choices,
                top=top,
            )
        reply = self.composer.answer(
            top, match.intent, match.words, self._upcoming_for(match.intent)
        )
        return Answer(match.query, True, match.intent, reply, results, top=top)

    def reply_for(self, kind: str, key: str, intent: str = "introduce") -> Reply | None:
        """The reply about one record, as if the resident had asked for it by name."""
        doc = self.index.doc(kind, key)
        if doc is None:
            return None
        return self.composer.answer(doc, intent, [], self._upcoming_for(intent))

    def _upcoming_for(self, intent: str) -> list[dict[str, Any]]:
        # Only an activities answer lists them; parsing every activity per question is waste.
        return self.upcoming() if intent == "activities" else []

    def search_organizations(self, text: str, limit: int = 10) -> list[str]:
        """Organization ids for a few typed words (inline mode): best first, no logging."""
        if not text.strip():
            return sorted(self.records.get("organizations", {}))[:limit]
        found: list[str] = []
        for scored in self.matcher.match(text).results:
            doc = scored.doc
            org = doc.id if doc.kind == "organization" else doc.organization
            if org and org not in found:
                found.append(org)
        return found[:limit]

    def _choices(self, match: Match) -> list[Doc]:
        seen: list[Doc] = []
        for scored in match.results:
            if scored.score >= 0.6 * match.results[0].score and scored.doc not in seen:
                seen.append(scored.doc)
        return seen[:5]

    def _result(self, doc: Doc, score: float) -> dict[str, Any]:
        result: dict[str, Any] = {
            "kind": doc.kind,
            "id": doc.id,
            "name": doc.name,
            "score": round(score, 3),
        }
        if doc.kind != "organization" and doc.organization:
            result["organization"] = doc.organization
        return result


def _db_file(store: KnowledgeStore) -> Path | None:
    row = store.db.execute("PRAGMA database_list").fetchone()
    return Path(row[2]) if row and row[2] else None
