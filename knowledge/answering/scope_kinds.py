"""What a rule of scope is: why a question is not ours (`Refusal`) and one rule telling it
(`Rule`), each pattern read on the question's own text (lower-cased, full-width folded).
The rules themselves are in scope_rules_people.py and scope_rules_topics.py, their order in
scope_rules.py."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Refusal(StrEnum):
    """Why a question is not ours; each member equals its plain string."""

    SCHOOLING = "schooling"
    MARKET = "market"
    OFFICIAL = "official"
    POLICY = "policy"
    MEDICAL = "medical"
    LEGAL = "legal"
    ATTACK = "attack"
    PERSONAL_DATA = "personal_data"
    GOVERNMENT = "government"  # a government office's address, phone or hours: not ours to give
    OFF_TOPIC = "off_topic"  # weather, travel, food, chat: nothing an organization serves
    MEDIA = "media"  # a video, photo or news report: the bot holds the articles' text only
    PAYMENT = "payment"  # paying, transferring, donating through the bot: it handles no money
    JOB = "job"  # a job, a salary, recruitment: no organization's vacancies are known
    WRITING = "writing"  # writing an application or a letter for the resident
    # Read from the question's head (scope_asks.py), whatever its topic:
    HOW_TO = "how_to"  # a method or a craft's content: 八法五步怎么打, 冰箱自己咋修
    OPINION = "opinion"  # a judgement, a ranking or a rumour checked: 哪家更靠谱, 是真的吗
    EXPLANATION = "explanation"  # a cause, a difference, an origin: 为什么, 有啥区别


@dataclass(frozen=True)
class Rule:
    kind: Refusal
    asks: re.Pattern[str]  # what the question asks for
    unless: re.Pattern[str] | None = None  # a frame that makes it a request for a service
    named_lifts: bool = True  # naming one of our organizations or projects makes it ours


def any_of(*parts: str) -> re.Pattern[str]:
    """One pattern matching any of the parts."""
    return re.compile("|".join(parts))
