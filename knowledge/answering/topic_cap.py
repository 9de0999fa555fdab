"""A word some records hold themselves, against the records that only share its topic.

A resident's word is scored through itself, its synonym group and its topic (matcher.py),
each record by its best: the topic's weight is often higher than the word's own, so 秦腔 found
the arts federation and its stage (which name it) and 武术进校园 (文化文艺, by 传统文化) alike,
and a choice was asked where the word had already told which. A record found through the
topic alone now scores at most TOPIC_ONLY_FACTOR of the best record holding the word itself;
below that the topic counts as before (老人 still finds the street centre serving 助老). A
record of the same organization as one holding it is no rival (智塔's intervention model, of
残障康复, beside 智塔 holding 康复训练): it keeps its topic's weight.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from knowledge.answering.words import TOPIC

__all__ = ["TOPIC", "TOPIC_ONLY_FACTOR", "cap_topic_only", "capped_column", "families"]

TOPIC_ONLY_FACTOR = 0.8

# a word's keys (itself, its synonym group, its topic) with their factors; the postings of
# those that are no topic; the index's postings
Keys = Sequence[tuple[str, float]]
Holders = Sequence[Mapping[int, float]]
Postings = Mapping[str, Mapping[int, float]]


def families(docs: Sequence[Any]) -> list[str]:
    """Each document's organization (an organization's own id): a holder's kin is spared."""
    return [d.id if d.kind == "organization" else d.organization or d.id for d in docs]


def _holders(keys: Keys, own: Sequence[str] | None, postings: Postings) -> Holders:
    """The postings of the word's own keys that hold anything, when `keys` hold its topic."""
    if not any(key.startswith(TOPIC) for key, _ in keys):
        return []
    own = own if own is not None else [k for k, _ in keys if not k.startswith(TOPIC)]
    return [postings[k] for k in own if postings.get(k)]


def _held(doc: int, holders: Holders) -> bool:
    return any(doc in held for held in holders)


def cap_topic_only(
    best: dict[int, float],
    keys: Keys,
    own: Sequence[str] | None,
    postings: Postings,
    family: Sequence[str],
) -> None:
    """Each record's score for one word (`best`, every record `keys` found) capped, in place,
    where only the word's topic found it; `own`: the word's keys that are no topic, when
    `keys` are only some of them (a large base's rare ones); `family`: see families()."""
    holders = _holders(keys, own, postings)
    if not holders:
        return
    held = [doc for doc in best if _held(doc, holders)]
    cap = TOPIC_ONLY_FACTOR * max((best[doc] for doc in held), default=0.0)
    kin = {family[doc] for doc in held}
    for doc, value in best.items():
        if value > cap and family[doc] not in kin and not _held(doc, holders):
            best[doc] = cap


def capped_column(
    pool: Sequence[int],
    values: list[float],
    found: Mapping[int, float],
    keys: Keys,
    own: Sequence[str],
    postings: Postings,
    family: Sequence[str],
) -> list[float]:
    """The same over a large base's pool of candidates: `values`, the word's common `keys`'
    scores of the pool's records, `found`, what its rare keys found (every record)."""
    holders = _holders(keys, own, postings)
    if not holders:
        return values
    best = {doc: v for doc, v in found.items() if _held(doc, holders)}
    for doc, v in zip(pool, values, strict=True):
        if _held(doc, holders):
            best[doc] = max(v, best.get(doc, 0.0))
    cap = TOPIC_ONLY_FACTOR * max(best.values(), default=0.0)
    kin = {family[doc] for doc in best}
    return [
        cap if v > cap and family[doc] not in kin and not _held(doc, holders) else v
        for doc, v in zip(pool, values, strict=True)
    ]
