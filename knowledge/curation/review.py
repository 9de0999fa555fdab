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
            group = ReviewGroup(row["query"], norm, last_asked=row["at"])
            groups.append(group)
            keys.append(norm)
        else:
            group = groups[found[2]]
        group.questions.append(row["query"])
        group.last_asked = max(group.last_asked, row["at"])
        group.reasons.update(reasons_of(row))
        if row["answered"] and row.get("top_id"):
            group.answered_with[f"{row['top_kind']}:{row['top_id']}"] += 1
    groups.sort(key=lambda g: (g.count, g.last_asked), reverse=True)
    return groups[:limit] if limit else groups
