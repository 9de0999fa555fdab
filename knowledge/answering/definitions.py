"""What a kind of body is ("什么是街道社会组织服务中心", "What is a street-level social
organization service center?"): the fact that defines it (its name is the kind and 是做什么的),
not a choice between the records whose names hold the kind's words."""

from __future__ import annotations

import re
from typing import Any

from knowledge.answering.gate import Decision
from knowledge.answering.intent import Intent
from knowledge.answering.match import Match
from knowledge.answering.outcome import Answer
from knowledge.answering.snapshot import Snapshot
from knowledge.records import Fact

# 什么是X, X是什么, X是干什么的: what X is, asked of X and nothing else.
_ASKS_WHAT = re.compile(
    r"^(?:请问)?(?:什么是|啥是|何为)(?P<before>[\u4e00-\u9fff]{2,16}?)(?:呢|啊|呀|吗)?$"
    r"|^(?:请问)?(?P<after>[\u4e00-\u9fff]{2,16}?)(?:是|是个|是一种)"
    r"(?:什么|啥|干什么的|做什么的|干啥的|做啥的)(?:东西|意思|地方)?(?:呢|啊|呀)?$"
)
# A fact defining a kind: its name is the kind, then what it is.
_DEFINES = re.compile(r"(?:是做什么的|是干什么的|是什么)$")
NEAR = 5  # the matcher's best results a defining fact is looked for among


def defining_answer(
    snapshot: Snapshot, match: Match, results: list[dict[str, Any]]
) -> Answer | None:
    """The answer from the fact defining the kind a question asks what it is, when one of
    the matcher's best results is that fact; None otherwise."""
    found = _ASKS_WHAT.match(match.normalized.replace(" ", ""))
    if found is None or match.top is None:
        return None
    kind = found.group("before") or found.group("after")
    for scored in match.results[:NEAR]:
        fact = snapshot.catalog.record(scored.doc.kind, scored.doc.id)
        if not isinstance(fact, Fact) or not _DEFINES.search(fact.name):
            continue
        if _DEFINES.sub("", fact.name) != kind:
            continue
        reply = snapshot.composer.answer(fact, Intent.INTRODUCE, match.words, [], match.normalized)
        first = [r for r in results if r["id"] == fact.id]
        ordered = first + [r for r in results if r["id"] != fact.id]
        return Answer(
            match.query, True, Intent.INTRODUCE, reply, ordered, top=fact, decision=Decision.ANSWER
        )
    return None
