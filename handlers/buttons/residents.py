"""Buttons residents press: under answers, in browsing, subscriptions and /forget."""

from __future__ import annotations

from dataclasses import dataclass

from handlers.buttons.codes import (
    KIND_CODES,
    Axis,
    FollowUpTopic,
    ForgetStep,
    Rating,
    StopStep,
    SubsView,
    checked,
)
from knowledge.records import Kind


@dataclass(frozen=True)
class Choice:
    kind: Kind
    key: str

    @property
    def data(self) -> str:
        return checked(f"a:{KIND_CODES[self.kind]}:{self.key}")


@dataclass(frozen=True)
class FollowUp:
    topic: FollowUpTopic
    org: str

    @property
    def data(self) -> str:
        return checked(f"{self.topic}:{self.org}")


@dataclass(frozen=True)
class Subscribe:
    org: str

    @property
    def data(self) -> str:
        return checked(f"s:{self.org}")


@dataclass(frozen=True)
class Card:
    org: str

    @property
    def data(self) -> str:
        return checked(f"o:{self.org}")


@dataclass(frozen=True)
class Browse:
    """A press that moves through the browsing menus (one of the three below)."""


@dataclass(frozen=True)
class BrowseMenu(Browse):
    @property
    def data(self) -> str:
        return "b:m"


@dataclass(frozen=True)
class BrowseList(Browse):
    axis: Axis

    @property
    def data(self) -> str:
        return f"b:{self.axis}"


@dataclass(frozen=True)
class BrowsePage(Browse):
    axis: Axis
    number: int  # the district's or topic's place in its list
    page: int

    @property
    def data(self) -> str:
        return checked(f"b:{self.axis}:{self.number}:{self.page}")


@dataclass(frozen=True)
class Example:
    number: int

    @property
    def data(self) -> str:
        return f"q:{self.number}"


@dataclass(frozen=True)
class Subs:
    """A press in the /subscribe keyboard (one of those below)."""


@dataclass(frozen=True)
class SubsScreen(Subs):
    view: SubsView
    page: int = 0
    number: int = 0  # the topic, on the ORGANIZATIONS screen

    @property
    def data(self) -> str:
        if self.view == SubsView.ORGANIZATIONS:
            return checked(f"sb:{self.view}:{self.number}:{self.page}")
        return checked(f"sb:{self.view}:{self.page}")


@dataclass(frozen=True)
class SubsToggle(Subs):
    axis: Axis
    number: int
    tag: str

    @property
    def data(self) -> str:
        return checked(f"sb:{self.axis}:{self.number}:{self.tag}")


@dataclass(frozen=True)
class SubsOrg(Subs):
    org: str

    @property
    def data(self) -> str:
        return checked(f"sb:o:{self.org}")


@dataclass(frozen=True)
class SubsDigest(Subs):
    @property
    def data(self) -> str:
        return "sb:w"


@dataclass(frozen=True)
class SubsByName(Subs):
    @property
    def data(self) -> str:
        return "sb:n"


@dataclass(frozen=True)
class SubsDone(Subs):
    @property
    def data(self) -> str:
        return "sb:x"


@dataclass(frozen=True)
class TurnOff:
    org: str

    @property
    def data(self) -> str:
        return checked(f"ss:{self.org}")


@dataclass(frozen=True)
class StopOne:
    subscription: int

    @property
    def data(self) -> str:
        return checked(f"ms:{self.subscription}")


@dataclass(frozen=True)
class StopAll:
    step: StopStep

    @property
    def data(self) -> str:
        return f"ms:{self.step}"


@dataclass(frozen=True)
class StopNotice:
    subscription: int

    @property
    def data(self) -> str:
        return checked(f"un:{self.subscription}")


@dataclass(frozen=True)
class Forget:
    step: ForgetStep

    @property
    def data(self) -> str:
        return f"fg:{self.step}"


@dataclass(frozen=True)
class Confirm:
    kind: Kind
    key: str

    @property
    def data(self) -> str:
        return checked(f"y:{KIND_CODES[self.kind]}:{self.key}")


@dataclass(frozen=True)
class Deny:
    ref: str  # the logged question's ref ("" when the question was not logged)

    @property
    def data(self) -> str:
        return checked(f"n:{self.ref}")


@dataclass(frozen=True)
class Rate:
    rating: Rating
    ref: str

    @property
    def data(self) -> str:
        return checked(f"r:{self.rating}:{self.ref}")


@dataclass(frozen=True)
class HandOff:
    ref: str

    @property
    def data(self) -> str:
        return checked(f"h:{self.ref}")
