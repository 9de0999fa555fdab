"""The staff's review: weak answers grouped by similar wording, most asked first.

Residents ask the same thing many ways; staff fix it once (a new alias, a question of a fact),
so the queue shows one group per way of asking rather than one line per message.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from knowledge.answering.text import normalize
from knowledge.curation.apply import apply_records
from knowledge.records import Kind
from knowledge.residents.store import ResidentsStore
from knowledge.store import KnowledgeStore

SIMILAR = 80  # rapidfuzz ratio (0–100) at which two normalized questions are one wording


class Reason:
    UNANSWERED = "未回答"
    DISLIKED = "👎"
    HANDED_OFF = "转人工"
    UNSURE = "把握不大"


@dataclass
class ReviewGroup:
    wording: str  # the first question of the group, as the resident wrote it
    normalized: str
    questions: list[str] = field(default_factory=list)
    last_asked: str = ""
    reasons: Counter[str] = field(default_factory=Counter)
    answered_with: Counter[str] = field(default_factory=Counter)  # "kind:id" of the bot's answer
    ref: str = ""  # the newest question's ref: the group's key on the staff's buttons
    refs: list[str] = field(default_factory=list)  # every question of the group

    @property
    def count(self) -> int:
        return len(self.questions)


def reasons_of(row: dict[str, Any]) -> list[str]:
    found = []
    if not row["answered"]:
        found.append(Reason.UNANSWERED)
    if row.get("feedback") == "down":
        found.append(Reason.DISLIKED)
    if row.get("handed_off"):
        found.append(Reason.HANDED_OFF)
    if row.get("decision") in ("confirm", "choose"):
        found.append(Reason.UNSURE)
    return found


def group_questions(rows: list[dict[str, Any]], limit: int | None = None) -> list[ReviewGroup]:
    """Rows of the review queue (newest first) as groups of similar wording, largest first."""
    groups: list[ReviewGroup] = []
    keys: list[str] = []
    for row in rows:
        norm = normalize(row["query"]).replace(" ", "")
        if not norm:
            continue
        found = process.extractOne(norm, keys, scorer=fuzz.ratio, score_cutoff=SIMILAR)
        if found is None:
            group = ReviewGroup(row["query"], norm, last_asked=row["at"], ref=row.get("ref", ""))
            groups.append(group)
            keys.append(norm)
        else:
            group = groups[found[2]]
        group.questions.append(row["query"])
        if row.get("ref"):
            group.refs.append(row["ref"])
        group.last_asked = max(group.last_asked, row["at"])
        group.reasons.update(reasons_of(row))
        if row["answered"] and row.get("top_id"):
            group.answered_with[f"{row['top_kind']}:{row['top_id']}"] += 1
    groups.sort(key=lambda g: (g.count, g.last_asked), reverse=True)
    return groups[:limit] if limit else groups


# --- the review in the staff chat -------------------------------------------------------------

# Where a wording goes on each kind of record staff can add it to.
WORDING_FIELDS = {Kind.ORGANIZATION: "aliases", Kind.PROJECT: "aliases", Kind.FACT: "questions"}


class ReviewError(Exception):
    """The group or the record is gone, or the change did not validate (the message says)."""


def review_groups(
    residents: ResidentsStore, since: str = "", limit: int | None = None
) -> list[ReviewGroup]:
    """The review queue as groups, largest first (questions staff dealt with are left out)."""
    return group_questions(residents.review_queue(since), limit)


def group_of(residents: ResidentsStore, ref: str) -> ReviewGroup | None:
    """The group a button's ref stands for, as the queue is now (None once dealt with)."""
    for group in review_groups(residents):
        if ref in group.refs:
            return group
    return None


def answered_names(store: KnowledgeStore, group: ReviewGroup) -> list[str]:
    """What the bot answered the group's questions with, by the records' names."""
    names = []
    for answered, _ in group.answered_with.most_common():
        kind, _, key = answered.partition(":")
        record = store.get(Kind(kind).table, key) if kind in set(Kind) else None
        names.append(record["name"] if record else key)
    return names


def add_wording(
    store: KnowledgeStore,
    residents: ResidentsStore,
    ref: str,
    kind: Kind,
    key: str,
    origin: str,
    default_tz: str = "Asia/Shanghai",
) -> tuple[ReviewGroup, str]:
    """Add the wording of the group `ref` stands for to a record (an organization's or
    project's alias, a fact's question) through apply_records, validated and audited like a
    file; the group leaves the queue. Returns the group and the record's name."""
    group = group_of(residents, ref)
    if group is None:
        raise ReviewError("这一组问题已经处理过了")
    if kind not in WORDING_FIELDS:
        raise ReviewError("只能加到组织、项目或问答上")
    record = store.get(kind.table, key)
    if record is None:
        raise ReviewError("这个条目已经不存在了")
    name = WORDING_FIELDS[kind]
    wording = group.wording.strip()
    current = list(record.get(name) or [])
    if wording not in current:
        report = apply_records(
            store,
            [(kind.table, {"id": key, name: [*current, wording]})],
            origin=origin,
            default_tz=default_tz,
        )
        if not report.ok:
            raise ReviewError(report.describe())
    residents.mark_reviewed(group.refs)
    return group, record["name"]


def ignore_group(residents: ResidentsStore, ref: str) -> ReviewGroup | None:
    """忽略: the group leaves the queue; None when it was dealt with already."""
    group = group_of(residents, ref)
    if group is not None:
        residents.mark_reviewed(group.refs)
    return group
