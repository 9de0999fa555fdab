"""A question of two clauses, one asking something of an organization and the other the
organizations besides it (智塔在哪，除了智塔还有别的吗): both are answered, the one asked of
it first, then the list (replies.composed)."""

from __future__ import annotations

import re

from knowledge.answering.intent import Intent, detect_intent
from knowledge.answering.list_questions import excepted
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
_POINTED = re.compile(r"它|他|她|这家|那家|这个|那个|这一家|那一家|该组织|该机构")


def asked_of_excepted(
    query: str, normalized: str, lister: Lister, matcher: Matcher
) -> tuple[str, str] | None:
    """The clause of `query`, not the 除了 one, asking where the organization excepted is, how
    to reach it or what it does (智塔在哪 of 智塔在哪，除了智塔还有别的吗), and the rest, the
    list asked alone (除了它: the organization that clause names); or None."""
    _, excepted_org = lister.excepted_name(normalized)
    pointed = excepted(normalized)
    if not excepted_org and not _POINTED.fullmatch(pointed):
        return None
    for clause in _CLAUSE_END.split(query):
        if not clause or _EXCEPT_WORD.search(clause):
            continue
        said = matcher.match(clause).normalized
        name, org = lister.name_in(said.replace(" ", ""))
        if not org or (excepted_org and org != excepted_org):
            continue
        if detect_intent(said) in _ASKED_OF_IT or _WHAT_IT_DOES.search(said.replace(" ", "")):
            rest = query.replace(clause, "", 1)
            if not excepted_org:  # 智塔在哪，除了它还有别的吗: 它 is 智塔
                rest = re.sub(
                    rf"({_EXCEPT_WORD.pattern})\s*{re.escape(pointed)}", rf"\g<1>{name}", rest
                )
            return clause, rest
    return None
