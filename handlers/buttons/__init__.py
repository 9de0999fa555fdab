"""The button protocol: every button's callback data, how it is built and parsed, and the
pattern its handler is registered with.

Callback data carry codes and record ids only (never Chinese text), within Telegram's
64 bytes. Anyone can send any data with a press, so a press is trusted only once `parse()`
returned a button, and its ids only once they were found in the knowledge base.

    a:<k>:<id>   Choice      one candidate of an ambiguous question (k: o p f v, the kind)
    c:<org>      FollowUp    an organization's contact details
    p:<org>      FollowUp    its projects
    e:<org>      FollowUp    its upcoming activities
    s:<org>      Subscribe   remind this chat of its activities
    o:<org>      Card        its card (browsing lists, reminders)
    b:m          BrowseMenu  by district or by topic?
    b:d, b:t     BrowseList  the districts, the topics
    b:d:N:P      BrowsePage  page P of the Nth district's organizations (b:t:N:P: topic)
    q:N          Example     the Nth example question under /start
    sb:m:P       SubsScreen  /subscribe: page P of the topics, the digest and the menus
    sb:dl:P      SubsScreen  page P of the districts (sb:ol:P: the topics to find organizations)
    sb:ot:N:P    SubsScreen  page P of the Nth topic's organizations
    sb:t:N:H     SubsToggle  follow or stop the Nth topic (sb:d:N:H: district); H: its name's tag
    sb:o:<org>   SubsOrg     follow or stop an organization
    sb:w         SubsDigest  the weekly digest on or off
    sb:n         SubsByName  ask for an organization's name (the answer is a reply to the prompt)
    sb:x         SubsDone    close the keyboard
    ss:<org>     TurnOff     stop an organization that was already followed (second 订阅提醒)
    ms:<sub>     StopOne     stop one subscription (/mysubs, /unsubscribe)
    ms:a         StopAll     stop them all: ask (ms:ay: yes, ms:an: no)
    un:<sub>     StopNotice  不再提醒这类活动 under a notice (built by jobs/messages.py)
    fg:y, fg:n   Forget      /forget: confirmed, or cancelled
    y:<k>:<id>   Confirm     是: the record the bot proposed for a question it was unsure of
    n:<ref>      Deny        不是: the proposal was wrong (the logged question's ref)
    r:u:<ref>    Rate        👍 on the answer to a logged question (r:d:<ref>: 👎)
    h:<ref>      HandOff     转人工 after the answer to a logged question
    t:c:N        TicketPress 认领 ticket N (staff chat; t:x:N: 关闭)
    u:a:<ref>:<k>:<id>  ReviewPress  add the wording of the review group <ref> stands for to
                 the record (k: o p f); u:i:<ref>: ignore the group
    ac:o:<org>   ActivityOrg    staff adding an activity: its organization
    ac:t:N       ActivityTopic  staff adding an activity: the Nth topic on or off
    ac:a:<id>    ActivityPick   staff editing or cancelling: this upcoming activity
    ac:p:N       ActivityPage   page N of the upcoming activities
    ac:e:<f>     ActivityField  staff editing: change its time (t) or its place (p)
    ac:<s>       ActivityStep   topics done (d), no organization (u), skip registration
                                (s), confirm (y), give up (n)

A subscription id is trusted only as one of the pressing chat's own (ResidentsStore checks); an
index N only while the name at N still has the tag H (lists change when staff import).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from telegram import CallbackQuery, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.services import Context
from handlers.buttons.codes import (
    CALLBACK_LIMIT,
    CODE_KINDS,
    EXPIRED,
    KIND_CODES,
    Axis,
    FollowUpTopic,
    ForgetStep,
    Rating,
    StopStep,
    SubsView,
    TicketAction,
    tag,
)
from handlers.buttons.residents import (
    Browse,
    BrowseList,
    BrowseMenu,
    BrowsePage,
    Card,
    Choice,
    Confirm,
    Deny,
    Example,
    FollowUp,
    Forget,
    HandOff,
    Rate,
    StopAll,
    StopNotice,
    StopOne,
    Subs,
    SubsByName,
    Subscribe,
    SubsDigest,
    SubsDone,
    SubsOrg,
    SubsScreen,
    SubsToggle,
    TurnOff,
)
from handlers.buttons.staff import (
    ActivityField,
    ActivityFieldCode,
    ActivityOrg,
    ActivityPage,
    ActivityPick,
    ActivityStep,
    ActivityTopic,
    ReviewPress,
    Step,
    TicketPress,
)
from knowledge.schema import MAX_ID_LENGTH

__all__ = [
    "CALLBACK_LIMIT", "CODE_KINDS", "EXPIRED", "KIND_CODES", "ActivityField", "ActivityFieldCode",
    "ActivityOrg", "ActivityPage", "ActivityPick", "ActivityStep", "ActivityTopic", "Axis", "Browse", "BrowseList",
    "BrowseMenu", "BrowsePage", "Button", "Card", "Choice", "Confirm", "Deny", "Example",
    "FollowUp", "FollowUpTopic", "Forget", "ForgetStep", "HandOff", "Rate", "Rating",
    "ReviewPress", "Step", "StopAll", "StopNotice", "StopOne", "StopStep", "Subs", "SubsByName",
    "SubsDigest", "SubsDone", "SubsOrg", "SubsScreen", "SubsToggle", "SubsView", "Subscribe",
    "TicketAction", "TicketPress", "TurnOff", "expired", "parse", "pattern", "pressed", "tag",
]  # fmt: skip

Button = (
    Choice
    | FollowUp
    | Subscribe
    | Card
    | Browse
    | Example
    | Subs
    | TurnOff
    | StopOne
    | StopAll
    | StopNotice
    | Forget
    | Confirm
    | Deny
    | Rate
    | HandOff
    | TicketPress
    | ReviewPress
    | ActivityOrg
    | ActivityTopic
    | ActivityPick
    | ActivityPage
    | ActivityField
    | ActivityStep
)
B = TypeVar("B", bound=Button)

_ID = rf"[a-z0-9-]{{1,{MAX_ID_LENGTH}}}"  # the record ids of knowledge/schema.py
_NUMBER = r"\d{1,6}"
_SUBSCRIPTION = r"[1-9]\d{0,17}"  # a subscriptions row id
_REF = r"[A-Za-z0-9_-]{8}"  # knowledge/residents/questions.py new_ref()
_ANY_REF = r"[A-Za-z0-9_-]{0,16}"  # a ref, or none when the question was not logged
_FORMATS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], Button]]] = [
    (re.compile(rf"a:([opfv]):({_ID})"), lambda m: Choice(CODE_KINDS[m[1]], m[2])),
    (re.compile(rf"([cpe]):({_ID})"), lambda m: FollowUp(FollowUpTopic(m[1]), m[2])),
    (re.compile(rf"s:({_ID})"), lambda m: Subscribe(m[1])),
    (re.compile(rf"o:({_ID})"), lambda m: Card(m[1])),
    (re.compile(r"b:m"), lambda m: BrowseMenu()),
    (re.compile(r"b:([dt])"), lambda m: BrowseList(Axis(m[1]))),
    (
        re.compile(rf"b:([dt]):({_NUMBER}):({_NUMBER})"),
        lambda m: BrowsePage(Axis(m[1]), int(m[2]), int(m[3])),
    ),
    (re.compile(rf"q:({_NUMBER})"), lambda m: Example(int(m[1]))),
    (
        re.compile(rf"sb:(m|dl|ol):({_NUMBER})"),
        lambda m: SubsScreen(SubsView(m[1]), int(m[2])),
    ),
    (
        re.compile(rf"sb:ot:({_NUMBER}):({_NUMBER})"),
        lambda m: SubsScreen(SubsView.ORGANIZATIONS, int(m[2]), int(m[1])),
    ),
    (
        re.compile(rf"sb:([dt]):({_NUMBER}):([0-9a-f]{{4}})"),
        lambda m: SubsToggle(Axis(m[1]), int(m[2]), m[3]),
    ),
    (re.compile(rf"sb:o:({_ID})"), lambda m: SubsOrg(m[1])),
    (re.compile(r"sb:w"), lambda m: SubsDigest()),
    (re.compile(r"sb:n"), lambda m: SubsByName()),
    (re.compile(r"sb:x"), lambda m: SubsDone()),
    (re.compile(rf"ss:({_ID})"), lambda m: TurnOff(m[1])),
    (re.compile(rf"ms:({_SUBSCRIPTION})"), lambda m: StopOne(int(m[1]))),
    (re.compile(r"ms:(a|ay|an)"), lambda m: StopAll(StopStep(m[1]))),
    (re.compile(rf"un:({_SUBSCRIPTION})"), lambda m: StopNotice(int(m[1]))),
    (re.compile(r"fg:([yn])"), lambda m: Forget(ForgetStep(m[1]))),
    (re.compile(rf"y:([opfv]):({_ID})"), lambda m: Confirm(CODE_KINDS[m[1]], m[2])),
    (re.compile(rf"n:({_ANY_REF})"), lambda m: Deny(m[1])),
    (re.compile(rf"r:([ud]):({_REF})"), lambda m: Rate(Rating(m[1]), m[2])),
    (re.compile(rf"h:({_REF})"), lambda m: HandOff(m[1])),
    (re.compile(r"t:([cx]):(\d{1,12})"), lambda m: TicketPress(TicketAction(m[1]), int(m[2]))),
    (
        re.compile(rf"u:a:({_REF}):([opf]):({_ID})"),
        lambda m: ReviewPress(m[1], CODE_KINDS[m[2]], m[3]),
    ),
    (re.compile(rf"u:i:({_REF})"), lambda m: ReviewPress(m[1])),
    (re.compile(rf"ac:o:({_ID})"), lambda m: ActivityOrg(m[1])),
    (re.compile(rf"ac:t:({_NUMBER})"), lambda m: ActivityTopic(int(m[1]))),
    (re.compile(rf"ac:a:({_ID})"), lambda m: ActivityPick(m[1])),
    (re.compile(rf"ac:p:({_NUMBER})"), lambda m: ActivityPage(int(m[1]))),
    (re.compile(r"ac:e:([tp])"), lambda m: ActivityField(ActivityFieldCode(m[1]))),
    (re.compile(r"ac:([dusyn])"), lambda m: ActivityStep(Step(m[1]))),
]


def parse(data: object) -> Button | None:
    """The button a press carries, or None for data this bot never built."""
    if not isinstance(data, str):
        return None
    for pattern, build in _FORMATS:
        match = pattern.fullmatch(data)
        if match:
            return build(match)
    return None


def pattern(*kinds: type[Button]) -> Callable[[object], bool]:
    """A CallbackQueryHandler pattern accepting presses of these buttons only.

    python-telegram-bot hands a press with empty data to every CallbackQueryHandler whatever
    its pattern, so the guard (handlers/guard.py) answers those before any handler runs."""
    return lambda data: isinstance(parse(data), kinds)


def pressed(update: Update, kind: type[B]) -> tuple[CallbackQuery, B]:
    """The press and its button, in a handler registered with `pattern(kind)`."""
    query = update.callback_query
    button = parse(query.data) if query else None
    if query is None or not isinstance(button, kind):
        raise ValueError(f"{kind.__name__} handler called for another update")
    return query, button


async def expired(update: Update, context: Context) -> None:
    """A press no handler took (a button of an older release, or forged): say so briefly."""
    if update.callback_query:
        await update.callback_query.answer(EXPIRED)


# Registered after every other handler of group 0, so it only sees presses they declined.
HANDLERS: list[BaseHandler] = [CallbackQueryHandler(expired)]
