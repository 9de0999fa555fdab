"""A question of two clauses, one asking something of an organization and the other the
organizations besides it (智塔在哪，除了智塔还有别的吗): both are answered, the one asked of
it first, then the list (replies.composed)."""

from __future__ import annotations

import re

from knowledge.answering.intent import Intent, detect_intent
from knowledge.answering.lists import Lister
from knowledge.answering.matcher import Matcher

_CLAUSE_END = re.compile(r"[，,。？?！!；;、\s]+")
_EXCEPT_WORD = re.compile(r"除了|除开|除去|除掉")
# What it does, asked of it (智塔是做什么的, 智塔干啥的): ADDRESS and CONTACT are read by
# detect_intent; a clause only naming it (智塔，除了智塔还有别的吗) asks nothing of it.
_WHAT_IT_DOES = re.compile(
    r"(做|干|搞|弄)(什么|啥|哪些)|是(什么|啥)(组织|机构|单位|地方)|什么(组织|机构|单位)"
    r"|提供什么|什么服务|哪些服务|服务(什么|啥)"
)
_ASKED_OF_IT = (Intent.ADDRESS, Intent.CONTACT)


def asked_of_excepted(query: str, normalized: str, lister: Lister, matcher: Matcher) -> str:
    """The clause of `query`, not the 除了 one, asking where the organization excepted is, how
    to reach it or what it does (智塔在哪 of 智塔在哪，除了智塔还有别的吗); or ""."""
    _, excepted = lister.excepted_name(normalized)
    if not excepted:
        return ""
    for clause in _CLAUSE_END.split(query):
        if not clause or _EXCEPT_WORD.search(clause):
            continue
        said = matcher.match(clause).normalized
        if lister.name_in(said.replace(" ", ""))[1] != excepted:
            continue
        if detect_intent(said) in _ASKED_OF_IT or _WHAT_IT_DOES.search(said.replace(" ", "")):
            return clause
    return ""
