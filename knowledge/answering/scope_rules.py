"""The rules of scope.py, in the order they are tried: what a question asks for that no
organization here serves, each pattern read on the question's own text (lower-cased,
full-width folded). The first rule that matches gives the reason the resident is shown, so
the order is part of the rules: those about people and the bot itself (scope_rules_people.py)
are tried before those about topics (scope_rules_topics.py, then jobs and work asked of the
bot in scope_rules_work.py, then the market and daily life
in scope_rules_market.py), then what the bot itself is asked
to do (scope_rules_requests.py), and those read on English words
(scope_rules_english.py) last."""

from __future__ import annotations

from knowledge.answering.scope_kinds import Refusal, Rule
from knowledge.answering.scope_rules_english import ENGLISH_RULES
from knowledge.answering.scope_rules_market import MARKET_RULES
from knowledge.answering.scope_rules_people import PEOPLE_RULES
from knowledge.answering.scope_rules_requests import REQUEST_RULES
from knowledge.answering.scope_rules_topics import TOPIC_RULES
from knowledge.answering.scope_rules_work import WORK_RULES

__all__ = ["CHINESE_RULES", "RULES", "Refusal", "Rule"]

# A question without a Latin letter is read by the Chinese rules alone (10 µs saved).
CHINESE_RULES: tuple[Rule, ...] = (
    *PEOPLE_RULES,
    *TOPIC_RULES,
    *WORK_RULES,
    *MARKET_RULES,
    *REQUEST_RULES,
)
RULES: tuple[Rule, ...] = (*CHINESE_RULES, *ENGLISH_RULES)
