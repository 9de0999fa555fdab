"""What every button shares: the size limit, the expired notice, the codes of kinds and of
the enums the buttons carry."""

from __future__ import annotations

import hashlib
from enum import StrEnum

from knowledge.records import Kind

CALLBACK_LIMIT = 64  # bytes
EXPIRED = "已过期，请重新提问"


def checked(data: str) -> str:
    """The callback data, if within Telegram's limit."""
    if len(data.encode()) > CALLBACK_LIMIT:
        raise ValueError(f"callback data over {CALLBACK_LIMIT} bytes: {data!r}")
    return data


class FollowUpTopic(StrEnum):
    """The follow-up buttons under an answer about an organization (the value is the code)."""

    CONTACT = "c"
    PROJECTS = "p"
    ACTIVITIES = "e"


class Axis(StrEnum):
    """How organizations are browsed (the value is the code)."""

    DISTRICT = "d"
    TOPIC = "t"


KIND_CODES = {Kind.ORGANIZATION: "o", Kind.PROJECT: "p", Kind.FACT: "f", Kind.ACTIVITY: "v"}
CODE_KINDS = {code: kind for kind, code in KIND_CODES.items()}


class SubsView(StrEnum):
    """The screens of the /subscribe keyboard (the value is the code)."""

    MAIN = "m"  # topics, the digest, the ways to the other screens
    DISTRICTS = "dl"
    TOPICS = "ol"  # the topics, to choose one's organizations
    ORGANIZATIONS = "ot"  # one topic's organizations


class StopStep(StrEnum):
    ASK = "a"
    YES = "ay"
    NO = "an"


class ForgetStep(StrEnum):
    CONFIRM = "y"
    CANCEL = "n"


def tag(name: str) -> str:
    """Four hex digits standing for a name, so a list index is checked against the name shown."""
    return hashlib.sha1(name.encode()).hexdigest()[:4]


class Rating(StrEnum):
    UP = "u"
    DOWN = "d"


class TicketAction(StrEnum):
    CLAIM = "c"
    CLOSE = "x"
