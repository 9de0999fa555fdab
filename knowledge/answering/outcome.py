"""The `Answer` to one question — what the resident is told, and what is logged and judged
— and the answer about one record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from knowledge.answering.confirm import in_words
from knowledge.answering.context import Subject
from knowledge.answering.gate import Decision
from knowledge.answering.index import Doc
from knowledge.answering.intent import Intent
from knowledge.answering.lists import ListQuery
from knowledge.answering.scope import Refusal
from knowledge.answering.snapshot import Snapshot
from knowledge.answering.urgent import Danger
from knowledge.catalog import Catalog
from knowledge.records import Kind, Organization, Record
from knowledge.reply import Reply


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
    danger: Danger | None = None  # a danger told: the reply starts with its emergency number
    # the organization a list was asked beside (智塔 of 智塔在哪，除了智塔还有别的吗) or of (a
    # centre, for those it houses): "它" after the list is this one
    besides: Record | None = None

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
        if self.danger:
            found["danger"] = self.danger
        return found


def about(snapshot: Snapshot, query: str, record: Record, intent: Intent) -> Answer:
    """The answer about one record the question was found to ask for."""
    reply = snapshot.composer.answer(record, Intent.INTRODUCE, [], [])
    result = {"kind": record.KIND, "id": record.id, "name": record.display_name}
    answer = Answer(query, True, intent, reply, [{**result, "score": 0.0}], top=record)
    answer.decision = Decision.ANSWER
    return answer


def result_of(catalog: Catalog, doc: Doc, score: float) -> dict[str, Any]:
    """A result as `orgbot ask --json` gives it (a project's organization named too)."""
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
