"""Whether there is one of a kind, or one doing a need, in a place (未央区有没有联合会,
宝鸡有没有管老人的组织): answered as the list of those that are, or said that the records
give none there, instead of proposing one record for its words."""

from __future__ import annotations

import re

from knowledge.answering.gate import Decision
from knowledge.answering.list_answers import list_answer
from knowledge.answering.list_questions import form_asked
from knowledge.answering.matcher import Match
from knowledge.answering.outcome import Answer
from knowledge.answering.picks import need_of
from knowledge.answering.question_topics import narrowing_words, topics_of
from knowledge.answering.snapshot import Snapshot

_ANY_THERE = re.compile(
    r"有没有[^，,。？?！!]{0,16}(组织|机构|协会|社团|团体|社工|中心|基金会|联合会|商会|学会|民非)"
)


def asks_any_there(compact: str) -> bool:
    """有没有…组织/协会/基金会: whether any of a kind is asked for."""
    return bool(_ANY_THERE.search(compact))


def none_of_the_form_there(snapshot: Snapshot, match: Match, shape: str) -> Answer | None:
    """Whether there is a legal form, or one doing a need, in a place (未央区有没有联合会,
    宝鸡有没有管老人的组织): when the records give none there, said so, as its list; when
    the matcher could only offer a choice of several, the list of those that are; None
    otherwise (one found is answered as before)."""
    compact = shape.replace(" ", "")
    if match.named or not asks_any_there(compact):
        return None
    form = form_asked(compact) if match.places else ""
    topics = topics_of(match.words, snapshot.index.expansions, match.normalized)
    top = snapshot.catalog.record(match.top.doc.kind, match.top.doc.id) if match.top else None
    # 宝鸡有没有帮娃的组织, asked in a topic's words only: not 支援河南抗洪救灾 for its 儿童药品
    # (周末带娃去哪，有没有组织活动的 has words of its own, which found 周末去哪里)
    own_words = narrowing_words(match.words, snapshot.index.expansions)
    off_topic = bool(topics) and not own_words and not need_of(top, topics, snapshot.catalog)
    # a choice of several: the list of those that are, when the records know every word
    choice = match.decision == Decision.CHOOSE and bool(match.places) and all_known(snapshot, match)
    if not (form or off_topic or choice):
        return None
    listed = list_answer(snapshot, match)
    asked = listed.list_query
    if asked is None or not (asked.form or asked.topics):
        return None
    if listed.answered and not ((choice or off_topic) and asked.topics):
        return None
    return listed


def all_known(snapshot: Snapshot, match: Match) -> bool:
    """Whether every word of the question that no topic or kind holds is one the records use
    (有没有给老人算命的机构: 算命 is no need they serve, whatever 老人 lists)."""
    postings = snapshot.index.postings
    form = form_asked(match.normalized.replace(" ", ""))  # 基金 of 基金会 is the form's
    words = narrowing_words(match.words, snapshot.index.expansions)
    return all(w in postings or w in form for w in words)
