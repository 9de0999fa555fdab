"""Buttons staff press: tickets in the staff chat, the review queue, activities."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from handlers.buttons.codes import KIND_CODES, TicketAction, checked
from knowledge.records import Kind


class Step(StrEnum):
    """A step of the staff activity conversations (the value is the code)."""

    DONE = "d"
    NO_ORG = "u"  # the activity is no organization's
    SKIP = "s"
    CONFIRM = "y"
    ABORT = "n"


class ActivityFieldCode(StrEnum):
    """What staff change in an activity (the value is the code)."""

    TIME = "t"
    PLACE = "p"


@dataclass(frozen=True)
class TicketPress:
    action: TicketAction
    ticket: int

    @property
    def data(self) -> str:
        return f"t:{self.action}:{self.ticket}"


@dataclass(frozen=True)
class ReviewPress:
    """加为「X」的问法 (kind and key given) or 忽略 (neither) for the group `ref` stands for."""

    ref: str
    kind: Kind | None = None
    key: str = ""

    @property
    def data(self) -> str:
        if self.kind is None:
            return checked(f"u:i:{self.ref}")
        return checked(f"u:a:{self.ref}:{KIND_CODES[self.kind]}:{self.key}")


@dataclass(frozen=True)
class ActivityOrg:
    org: str

    @property
    def data(self) -> str:
        return checked(f"ac:o:{self.org}")


@dataclass(frozen=True)
class ActivityTopic:
    number: int  # the topic's place in the knowledge base's list

    @property
    def data(self) -> str:
        return f"ac:t:{self.number}"


@dataclass(frozen=True)
class ActivityPick:
    activity: str

    @property
    def data(self) -> str:
        return checked(f"ac:a:{self.activity}")


@dataclass(frozen=True)
class ActivityPage:
    page: int

    @property
    def data(self) -> str:
        return f"ac:p:{self.page}"


@dataclass(frozen=True)
class ActivityField:
    field: ActivityFieldCode

    @property
    def data(self) -> str:
        return f"ac:e:{self.field}"


@dataclass(frozen=True)
class ActivityStep:
    step: Step

    @property
    def data(self) -> str:
        return f"ac:{self.step}"
